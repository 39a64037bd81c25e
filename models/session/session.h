// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"
#include "models/aws/ststypes.h"

#include <QObject>
#include <QString>

#include <optional>

namespace coffer {

namespace aws {
class AwsClient;
class SecretsManagerClient;
class StsClient;
} // namespace aws

class NamespaceTreeModel;
class SecretCatalogLoader;

/**
 * One connection to one account: the shared transport, the service clients, the secret catalog
 * and who we are there. The main window binds to a Session; switching profiles is connectTo()
 * with another configuration, no restart.
 *
 * connectTo() asks STS who the credentials belong to and lists the secrets at once; both arrive
 * by signals. `label` names the connection for people ("Local sandbox", a profile's name).
 */
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    /// One endpoint for every service (the local sandbox).
    void connectTo(const aws::ClientConfig &config, const QString &label);
    /// Secrets Manager and STS configured separately, as a profile resolves them.
    void connectTo(const aws::ClientConfig &secretsManager, const aws::ClientConfig &sts,
                   const QString &label);
    /// Lists the secrets again (F5); keeps selection and expansion in views.
    void refresh();
    /// Asks the server for the secrets whose names start with `namePrefix` (ListSecrets with a
    /// `name` filter) and merges them into the catalog, beside any full listing still running:
    /// what the user is looking for in a large account arrives without waiting for all of it.
    void searchPrefix(const QString &namePrefix);

    [[nodiscard]] bool isConnected() const { return m_connected; }
    [[nodiscard]] QString label() const { return m_label; }
    [[nodiscard]] const aws::ClientConfig &config() const { return m_config; }
    [[nodiscard]] std::optional<aws::CallerIdentity> identity() const { return m_identity; }
    /// "Local sandbox · 123456789012 · us-east-1 · http://127.0.0.1:40123"
    [[nodiscard]] QString connectionSummary() const;

    /// The one transport (and QNetworkAccessManager) every client of this session shares.
    [[nodiscard]] aws::AwsClient *transport() const { return m_transport; }
    [[nodiscard]] aws::SecretsManagerClient *secretsManager() const { return m_secretsManager; }
    [[nodiscard]] aws::StsClient *sts() const { return m_sts; }
    [[nodiscard]] NamespaceTreeModel *catalog() const { return m_catalog; }
    [[nodiscard]] SecretCatalogLoader *loader() const { return m_loader; }
    /// The loader searchPrefix() uses.
    [[nodiscard]] SecretCatalogLoader *prefixLoader() const { return m_prefixLoader; }

signals:
    void identityChanged();
    void identityFailed(const coffer::aws::AwsError &error);

private:
    aws::AwsClient *m_transport = nullptr;
    aws::SecretsManagerClient *m_secretsManager = nullptr;
    aws::StsClient *m_sts = nullptr;
    NamespaceTreeModel *m_catalog = nullptr;
    SecretCatalogLoader *m_loader = nullptr;
    SecretCatalogLoader *m_prefixLoader = nullptr;
    aws::ClientConfig m_config;
    QString m_label;
    std::optional<aws::CallerIdentity> m_identity;
    bool m_connected = false;
};

} // namespace coffer
