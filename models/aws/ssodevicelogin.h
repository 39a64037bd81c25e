// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/ssotokencache.h"
#include "models/aws/ssotypes.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

namespace coffer::aws {

class AwsCall;
class IdentityCenterClient;

/**
 * Signs a profile in to IAM Identity Center with the OAuth device authorization flow, as
 * `aws sso login` does: RegisterClient (or the registration of the cached token while it has
 * more than a day left), StartDeviceAuthorization, then CreateToken every `interval` seconds
 * until the user approved in the browser. `authorization_pending` keeps polling, `slow_down`
 * adds 5 seconds to the interval (RFC 8628), `expired_token` or the code's own lifetime ends
 * it. The token is written to the cache the AWS CLI reads, so both tools are signed in.
 *
 *     auto *login = new SsoDeviceLogin(config, client, cache, this);
 *     connect(login, &SsoDeviceLogin::verificationReady, ...);   // show the code, open the URL
 *     connect(login, &SsoDeviceLogin::succeeded, ...);
 *     connect(login, &SsoDeviceLogin::failed, ...);
 *     login->start();
 *
 * Exactly one of succeeded() and failed() is emitted (cancel() fails with kind Cancelled).
 * No token, device code or client secret is logged or put in a signal.
 */
class SsoDeviceLogin final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoDeviceLogin)

public:
    /// The client name registered with OIDC, as "botocore-client-<epoch>" is for the AWS CLI.
    static constexpr QLatin1StringView clientNamePrefix{"coffer-client-"};
    /// A registration with less than this left is replaced rather than reused.
    static constexpr int minimumRegistrationSeconds = 24 * 60 * 60;

    SsoDeviceLogin(SsoProfileConfig config, std::shared_ptr<IdentityCenterClient> client, SsoTokenCache cache,
                   QObject *parent = nullptr);
    ~SsoDeviceLogin() override;

    [[nodiscard]] const SsoProfileConfig &config() const { return m_config; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    void start();
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

    /// The interval between two polls, after the server's slow_down answers.
    [[nodiscard]] int pollIntervalSeconds() const { return m_authorization.intervalSeconds; }

Q_SIGNALS:
    /// The user should open `verificationUriComplete` (or `verificationUri` and type
    /// `userCode`) within `expiresInSeconds`.
    void verificationReady(const QString &userCode, const QUrl &verificationUri,
                           const QUrl &verificationUriComplete, int expiresInSeconds);
    void succeeded(const QDateTime &expiresAt);
    void failed(const coffer::aws::AwsError &error);

private:
    void authorize();
    void poll();
    void schedulePoll();
    void fail(AwsError error);
    [[nodiscard]] QDateTime now() const;

    SsoProfileConfig m_config;
    std::shared_ptr<IdentityCenterClient> m_client;
    SsoTokenCache m_cache;
    std::function<QDateTime()> m_clock;
    SsoClientRegistration m_registration;
    SsoDeviceAuthorization m_authorization;
    QDateTime m_deadline;
    QTimer m_pollTimer;
    QPointer<AwsCall> m_call;
    bool m_running = false;
};

} // namespace coffer::aws
