// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/profiles/connectionstatus.h"
#include "models/profiles/profileconnection.h"

#include <QObject>
#include <QPointer>

namespace coffer::aws {
class AwsCall;
class AwsClient;
} // namespace coffer::aws

namespace coffer {

/**
 * Checks a connection the moment it is made: calls sts:GetCallerIdentity (which needs no
 * permission) with the connection's credentials and reports who they belong to, in which
 * account, region and endpoint, as a ConnectionStatus.
 *
 *     auto *probe = new IdentityProbe(transport, this);
 *     connect(probe, &IdentityProbe::statusChanged, statusLabel,
 *             [=] { statusLabel->setText(probe->status().summary()); });
 *     probe->probe(*connector.connection(profile));
 *
 * A new probe() cancels the one in flight.
 */
class IdentityProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentityProbe)

public:
    explicit IdentityProbe(aws::AwsClient *transport, QObject *parent = nullptr);
    ~IdentityProbe() override;

    [[nodiscard]] const ConnectionStatus &status() const { return m_status; }

    void probe(const ProfileConnection &connection);
    /// Stops a probe in flight and goes back to Disconnected.
    void reset();

Q_SIGNALS:
    void statusChanged();
    /// The probe ended, connected or failed (status() says which).
    void finished();

private:
    void setStatus(ConnectionStatus status);

    QPointer<aws::AwsClient> m_transport;
    ConnectionStatus m_status;
    QPointer<aws::AwsCall> m_call;
    QObject *m_callContext = nullptr;
};

} // namespace coffer
