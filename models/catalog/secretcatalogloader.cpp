// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/secretcatalogloader.h"

#include "models/aws/awscall.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/catalog/namespacetreemodel.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace coffer {

SecretCatalogLoader::SecretCatalogLoader(aws::SecretsManagerClient *client,
                                         NamespaceTreeModel *model, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(model)
{
}

SecretCatalogLoader::~SecretCatalogLoader()
{
    cancel();
}

void SecretCatalogLoader::refresh(const QString &namePrefix)
{
    cancel();
    if (!m_client || !m_model)
        return;
    m_namePrefix = namePrefix;
    m_seen.clear();
    emit loadingStarted();
    fetchPage({});
}

void SecretCatalogLoader::cancel()
{
    ++m_generation;   // a late callback of the cancelled listing finds a newer generation
    if (m_call)
        m_call->cancel();
    m_call.clear();
}

void SecretCatalogLoader::fetchPage(const QString &nextToken)
{
    aws::ListSecretsRequest request;
    request.maxResults = m_pageSize;
    request.nextToken = nextToken;
    request.includePlannedDeletion = true;
    if (!m_namePrefix.isEmpty())
        request.filters.append({u"name"_s, {m_namePrefix}});

    const quint64 generation = m_generation;
    m_call = m_client->listSecrets(
        request, this, [this, generation](aws::Result<aws::ListSecretsResult> page) {
            if (generation != m_generation)
                return;
            m_call.clear();
            if (!page) {
                if (page.error().kind != aws::ErrorKind::Cancelled)
                    emit loadingFailed(page.error());
                return;
            }
            for (const aws::SecretMetadata &secret : page->secretList)
                m_seen.insert(secret.name);
            if (m_model)
                m_model->addSecrets(page->secretList);
            emit progressed(int(m_seen.size()));
            if (page->nextToken.isEmpty())
                finish();
            else
                fetchPage(page->nextToken);
        });
}

void SecretCatalogLoader::finish()
{
    // Secrets deleted elsewhere since the last listing: only those inside what was listed.
    QStringList gone;
    const auto collect = [&](const auto &self, const QModelIndex &parent) -> void {
        for (int row = 0, rows = m_model->rowCount(parent); row < rows; ++row) {
            const QModelIndex index = m_model->index(row, 0, parent);
            const QString name = index.data(NamespaceTreeModel::FullNameRole).toString();
            if (index.data(NamespaceTreeModel::IsNamespaceRole).toBool())
                self(self, index);
            else if (name.startsWith(m_namePrefix) && !m_seen.contains(name))
                gone.append(name);
        }
    };
    collect(collect, {});
    for (const QString &name : std::as_const(gone))
        m_model->removeSecret(name);
    emit loadingFinished(int(m_seen.size()));
}

} // namespace coffer
