// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/session/session.h"

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/stsclient.h"
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"

using namespace Qt::StringLiterals;

namespace coffer {

Session::Session(QObject *parent)
    : QObject(parent)
    , m_transport(new aws::AwsClient(this))
    , m_secretsManager(new aws::SecretsManagerClient(m_transport, {}, this))
    , m_sts(new aws::StsClient(m_transport, {}, this))
    , m_catalog(new NamespaceTreeModel(this))
    , m_loader(new SecretCatalogLoader(m_secretsManager, m_catalog, this))
    , m_prefixLoader(new SecretCatalogLoader(m_secretsManager, m_catalog, this))
{
}

Session::~Session()
{
    m_prefixLoader->cancel();
    m_loader->cancel();
}

void Session::connectTo(const aws::ClientConfig &config, const QString &label)
{
    connectTo(config, config, label);
}

void Session::connectTo(const aws::ClientConfig &secretsManager, const aws::ClientConfig &sts,
                        const QString &label)
{
    m_prefixLoader->cancel();
    m_loader->cancel();
    m_config = secretsManager;
    m_label = label;
    m_identity.reset();
    m_connected = true;
    m_secretsManager->setConfig(secretsManager);
    m_sts->setConfig(sts);
    m_catalog->clear();
    emit identityChanged();

    const QString connectedLabel = label;
    m_sts->getCallerIdentity(this, [this, connectedLabel](aws::Result<aws::CallerIdentity> identity) {
        if (connectedLabel != m_label)
            return;   // an answer for a connection already replaced
        if (!identity) {
            emit identityFailed(identity.error());
            return;
        }
        m_identity = *identity;
        emit identityChanged();
    });
    m_loader->refresh();
}

void Session::refresh()
{
    if (m_connected)
        m_loader->refresh();
}

void Session::searchPrefix(const QString &namePrefix)
{
    if (m_connected && !namePrefix.isEmpty())
        m_prefixLoader->refresh(namePrefix);
}

QString Session::connectionSummary() const
{
    if (!m_connected)
        return tr("Not connected");
    QStringList parts{m_label};
    if (m_identity)
        parts << m_identity->account;
    parts << m_config.region;
    if (!m_config.endpoint.isEmpty())
        parts << m_config.endpoint.toDisplayString();
    return parts.join(u" · "_s);
}

} // namespace coffer
