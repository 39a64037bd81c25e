// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/identityprobe.h"

#include "models/aws/awsclient.h"
#include "models/aws/stsclient.h"

using namespace Qt::StringLiterals;

namespace coffer {

IdentityProbe::IdentityProbe(aws::AwsClient *transport, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{ }

IdentityProbe::~IdentityProbe() = default;

void IdentityProbe::setStatus(ConnectionStatus status)
{
    m_status = std::move(status);
    Q_EMIT statusChanged();
}

void IdentityProbe::reset()
{
    // Deleting the context drops the callback of the call in flight and cancels it.
    delete m_callContext;
    m_callContext = nullptr;
    setStatus({});
}

void IdentityProbe::probe(const ProfileConnection &connection)
{
    delete m_callContext;
    m_callContext = new QObject(this);

    ConnectionStatus status;
    status.state = ConnectionStatus::State::Connecting;
    status.profileName = connection.profile.name;
    status.production = connection.profile.production;
    status.region = connection.secretsManager.region;
    status.endpoint = connection.secretsManager.endpoint;
    status.credentialsSource = connection.credentialsDescription();
    setStatus(status);

    if (!m_transport) {
        status.state = ConnectionStatus::State::Failed;
        status.error = aws::AwsError::configuration(tr("The connection was closed."));
        setStatus(status);
        Q_EMIT finished();
        return;
    }

    // The client lives as long as this probe; the context object owns it.
    auto *sts = new aws::StsClient(m_transport, connection.sts, m_callContext);
    m_call = sts->getCallerIdentity(
        m_callContext, [this, status](aws::Result<aws::CallerIdentity> identity) mutable {
            if (identity) {
                status.state = ConnectionStatus::State::Connected;
                status.account = identity->account;
                status.principalArn = identity->arn;
                status.userId = identity->userId;
            } else {
                status.state = ConnectionStatus::State::Failed;
                status.error = identity.error();
            }
            setStatus(status);
            Q_EMIT finished();
        });
}

} // namespace coffer
