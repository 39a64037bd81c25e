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
    m_outcomes.resize(m_names.size());
    startMore();
    report();
}

void ContentScan::startMore()
{
    while (m_client && m_inFlight < m_concurrency && m_started < m_names.size()) {
        ++m_inFlight;
        inspect(m_started++);
    }
}

void ContentScan::settle(qsizetype index, Outcome outcome)
{
    --m_inFlight;
    m_outcomes[index] = std::move(outcome);
    startMore();
    report();
}

void ContentScan::report()
{
    // Not re-entered from a slot of ours that leads back here; the outer loop goes on.
    if (m_reporting || m_finished)
        return;
    m_reporting = true;
    const QPointer<ContentScan> alive(this);
    while (m_reported < m_outcomes.size() && m_outcomes.at(m_reported)) {
        const Outcome outcome = std::move(*m_outcomes[m_reported]);
        m_outcomes[m_reported].reset();
        const QString &name = m_names.at(m_reported++);
        if (outcome.error) {
            emit secretFailed(name, *outcome.error);
        } else {
            if (outcome.input)
                emit secretRead(*outcome.input);
            if (alive)
                emit secretInspected(name, outcome.findings);
        }
        if (!alive)
            return;
    }
    m_reporting = false;
    // Without a client (it went away) what was not started cannot be: the scan ends there.
    if (m_reported == m_outcomes.size() || (!m_client && m_inFlight == 0 && m_reported == m_started)) {
        m_finished = true;
        emit finished();
    }
}

void ContentScan::inspect(qsizetype index)
{
    const QString name = m_names.at(index);
    auto pending = std::make_shared<Pending>();
    pending->input.name = name;
    pending->input.schemas = m_schemas;
    pending->input.siblingName = ContentInspector::siblingName(name);

    const auto finishOne = [this, pending, index] {
        if (--pending->outstanding > 0)
            return;
        for (const aws::SecretVersion &version : std::as_const(pending->earlier)) {
            const auto value = pending->earlierValues.constFind(version.versionId);
            if (value != pending->earlierValues.cend())
                pending->input.earlierValues.append(*value);
        }
        Outcome outcome{ ContentInspector::inspect(pending->input), std::nullopt, std::nullopt };
        if (m_keepInputs)
            outcome.input = std::move(pending->input);
        settle(index, std::move(outcome));
    };

    aws::GetSecretValueRequest current;
    current.secretId = name;
    m_client->getSecretValue(
        current, this, [this, pending, finishOne, index](aws::Result<aws::SecretValue> value) {
            if (!value) {
                settle(index, Outcome{ {}, value.error(), std::nullopt });
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
