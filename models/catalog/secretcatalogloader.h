// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/secretsmanagertypes.h"

#include <QObject>
#include <QPointer>
#include <QSet>

namespace coffer {

namespace aws {
class AwsCall;
class SecretsManagerClient;
} // namespace aws

class NamespaceTreeModel;

/**
 * Fills a NamespaceTreeModel from ListSecrets, page by page, so the browser shows secrets as
 * they arrive and the window never waits for the whole account.
 *
 * refresh() lists every page (planned deletions included, so the browser can show them on
 * request) and, once the last page is in, removes the secrets that are gone; rows that stay keep
 * their selection and expansion. A refresh while one runs restarts it; cancel() stops it and
 * leaves what was loaded. An optional name prefix asks the server to filter (`name` filter),
 * which is how a large account is narrowed without listing all of it.
 */
class SecretCatalogLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretCatalogLoader)

public:
    SecretCatalogLoader(aws::SecretsManagerClient *client, NamespaceTreeModel *model,
                        QObject *parent = nullptr);
    ~SecretCatalogLoader() override;

    /// Lists every secret whose name starts with `namePrefix` (empty: all of them).
    void refresh(const QString &namePrefix = {});
    void cancel();
    [[nodiscard]] bool isLoading() const { return !m_call.isNull(); }
    /// Page size asked of the server (1..100, default 100).
    void setPageSize(int pageSize) { m_pageSize = pageSize; }

signals:
    void loadingStarted();
    /// After each page: secrets received so far in this listing.
    void progressed(int loaded);
    void loadingFinished(int total);
    void loadingFailed(const coffer::aws::AwsError &error);

private:
    void fetchPage(const QString &nextToken);
    void finish();

    QPointer<aws::SecretsManagerClient> m_client;
    QPointer<NamespaceTreeModel> m_model;
    QPointer<aws::AwsCall> m_call;
    QString m_namePrefix;
    QSet<QString> m_seen;
    int m_pageSize = 100;
    quint64 m_generation = 0;
};

} // namespace coffer
