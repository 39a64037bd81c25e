// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/content/contentscan.h"

#include "models/aws/secretsmanagerclient.h"
#include "models/content/contentinspector.h"
#include "models/content/schemaset.h"

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::content {

namespace {
/// Earlier versions read without --all-versions: the most recent ones.
constexpr qsizetype kRecentVersions = 10;
} // namespace

struct ContentScan::Pending
{
    ContentInput input;
    QList<aws::SecretVersion> earlier; ///< oldest first
    QHash<QString, QByteArray> earlierValues;
    int outstanding = 0;
};

ContentScan::ContentScan(aws::SecretsManagerClient *client, QStringList names, bool allVersions,
                         QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_names(std::move(names))
    , m_allVersions(allVersions)
{ }

ContentScan::~ContentScan() = default;

void ContentScan::start()
{
    next();
}

void ContentScan::next()
{
    if (m_index >= m_names.size() || !m_client) {
        m_finished = true;
        emit finished();
        return;
    }
    const QString name = m_names.at(m_index++);
    auto pending = std::make_shared<Pending>();
    pending->input.name = name;
    pending->input.schemas = m_schemas;
    pending->input.siblingName = ContentInspector::siblingName(name);

    const auto finishOne = [this, pending] {
        if (--pending->outstanding > 0)
            return;
        for (const aws::SecretVersion &version : std::as_const(pending->earlier)) {
            const auto value = pending->earlierValues.constFind(version.versionId);
            if (value != pending->earlierValues.cend())
                pending->input.earlierValues.append(*value);
        }
        const QList<ContentFinding> findings = ContentInspector::inspect(pending->input);
        emit secretInspected(pending->input.name, findings);
        next();
    };

    aws::GetSecretValueRequest current;
    current.secretId = name;
    m_client->getSecretValue(
        current, this, [this, pending, finishOne](aws::Result<aws::SecretValue> value) {
            if (!value) {
                emit secretFailed(pending->input.name, value.error());
                next();
                return;
            }
            pending->input.isBinary = value->isBinary();
            pending->input.value = value->secretString.value_or(QString()).toUtf8();
            const QString currentId = value->versionId;
            pending->outstanding = 2; // the versions, the sibling

            aws::ListSecretVersionIdsRequest versions;
            versions.secretId = pending->input.name;
            // Deprecated versions count too: "every earlier version" over AWSPREVIOUS alone
            // would make any key dropped since the previous version look required.
            versions.includeDeprecated = true;
            m_client->listAllSecretVersionIds(
                versions, this,
                [this, pending, finishOne,
                 currentId](aws::Result<aws::ListSecretVersionIdsResult> list) {
                    if (list) {
                        for (const aws::SecretVersion &version : std::as_const(list->versions)) {
                            if (version.versionId != currentId)
                                pending->earlier.append(version);
                        }
                        std::ranges::stable_sort(pending->earlier,
                                                 [](const auto &a, const auto &b) {
                                                     return a.createdDate < b.createdDate;
                                                 });
                        if (!m_allVersions && pending->earlier.size() > kRecentVersions)
                            pending->earlier
                                = pending->earlier.mid(pending->earlier.size() - kRecentVersions);
                    }
                    for (const aws::SecretVersion &version : std::as_const(pending->earlier)) {
                        ++pending->outstanding;
                        aws::GetSecretValueRequest request;
                        request.secretId = pending->input.name;
                        request.versionId = version.versionId;
                        m_client->getSecretValue(
                            request, this, [pending, finishOne](aws::Result<aws::SecretValue> old) {
                                if (old && old->secretString)
                                    pending->earlierValues.insert(old->versionId,
                                                                  old->secretString->toUtf8());
                                finishOne();
                            });
                    }
                    finishOne();
                });

            if (pending->input.siblingName.isEmpty()) {
                finishOne();
                return;
            }
            aws::GetSecretValueRequest sibling;
            sibling.secretId = pending->input.siblingName;
            m_client->getSecretValue(
                sibling, this, [pending, finishOne](aws::Result<aws::SecretValue> other) {
                    if (other && other->secretString)
                        pending->input.siblingValue = other->secretString->toUtf8();
                    finishOne();
                });
        });
}

} // namespace coffer::content
