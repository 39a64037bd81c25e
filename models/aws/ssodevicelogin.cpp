// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/ssodevicelogin.h"

#include "models/aws/awscall.h"
#include "models/aws/identitycenterclient.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::aws::SsoDeviceLogin", text);
}

} // namespace

SsoDeviceLogin::SsoDeviceLogin(SsoProfileConfig config, std::shared_ptr<IdentityCenterClient> client,
                               SsoTokenCache cache, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_client(std::move(client))
    , m_cache(std::move(cache))
{
    m_pollTimer.setSingleShot(true);
    // A coarse timer may fire up to 5% early, and a poll before the interval is a slow_down.
    m_pollTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &SsoDeviceLogin::poll);
}

SsoDeviceLogin::~SsoDeviceLogin()
{
    if (m_call)
        m_call->cancel();
}

QDateTime SsoDeviceLogin::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void SsoDeviceLogin::start()
{
    if (m_running)
        return;
    m_running = true;

    // Reuse the registration of an earlier sign-in while it lasts, as the AWS CLI does.
    if (const auto cached = m_cache.load(m_config.tokenName()); cached && *cached) {
        const SsoCachedToken &token = **cached;
        if (!token.clientId.isEmpty() && !token.clientSecret.isEmpty()
            && now().secsTo(token.registrationExpiresAt) > minimumRegistrationSeconds) {
            m_registration = {token.clientId, token.clientSecret, token.registrationExpiresAt};
            authorize();
            return;
        }
    }
    QStringList scopes = m_config.scopes;
    if (scopes.isEmpty() && !m_config.sessionName.isEmpty())
        scopes.append(QString(IdentityCenterClient::defaultScope));
    m_call = m_client->registerClient(clientNamePrefix + QString::number(now().toSecsSinceEpoch()), scopes, this,
                                      [this](Result<SsoClientRegistration> registration) {
        if (!registration) {
            fail(registration.error());
            return;
        }
        m_registration = *registration;
        authorize();
    });
}

void SsoDeviceLogin::authorize()
{
    m_call = m_client->startDeviceAuthorization(m_registration, m_config.startUrl, this,
                                                [this](Result<SsoDeviceAuthorization> authorization) {
        if (!authorization) {
            AwsError error = authorization.error();
            if (error.code == u"InvalidClientException"_s) {
                error.message = translated("IAM Identity Center refused Coffer's client registration (%1). Try "
                                           "signing in again; if it keeps failing, check sso_start_url and "
                                           "sso_region.")
                                        .arg(error.message);
            }
            fail(std::move(error));
            return;
        }
        m_authorization = *authorization;
        m_deadline = now().addSecs(m_authorization.expiresInSeconds);
        Q_EMIT verificationReady(m_authorization.userCode, QUrl(m_authorization.verificationUri),
                                 QUrl(m_authorization.verificationUriComplete), m_authorization.expiresInSeconds);
        schedulePoll();
    });
}

void SsoDeviceLogin::schedulePoll()
{
    if (!m_running)
        return;
    m_pollTimer.start(std::chrono::seconds(m_authorization.intervalSeconds));
}

void SsoDeviceLogin::poll()
{
    if (!m_running)
        return;
    if (now() >= m_deadline) {
        fail(AwsError::credentialsMissing(translated("The sign-in code %1 expired before it was approved. "
                                                     "Sign in again for a new code.")
                                              .arg(m_authorization.userCode)));
        return;
    }
    m_call = m_client->createTokenWithDeviceCode(m_registration, m_authorization.deviceCode, this,
                                                 [this](Result<SsoTokenGrant> grant) {
        if (!grant) {
            const QString code = grant.error().code;
            if (code == u"AuthorizationPendingException"_s || code == u"authorization_pending"_s) {
                schedulePoll();
            } else if (code == u"SlowDownException"_s || code == u"slow_down"_s) {
                m_authorization.intervalSeconds += 5;
                schedulePoll();
            } else if (code == u"ExpiredTokenException"_s || code == u"expired_token"_s) {
                fail(AwsError::credentialsMissing(translated("The sign-in code %1 expired before it was "
                                                             "approved. Sign in again for a new code.")
                                                      .arg(m_authorization.userCode)));
            } else if (code == u"AccessDeniedException"_s || code == u"access_denied"_s) {
                fail(AwsError::credentialsMissing(
                    translated("The sign-in was denied in the browser (%1).").arg(grant.error().message)));
            } else {
                fail(grant.error());
            }
            return;
        }
        const QDateTime current = now();
        SsoCachedToken token;
        if (const auto cached = m_cache.load(m_config.tokenName()); cached && *cached)
            token.otherMembers = (*cached)->otherMembers;
        token.startUrl = m_config.startUrl;
        token.region = m_config.region;
        token.accessToken = grant->accessToken;
        token.expiresAt = current.addSecs(grant->expiresInSeconds);
        token.clientId = m_registration.clientId;
        token.clientSecret = m_registration.clientSecret;
        token.registrationExpiresAt = m_registration.expiresAt;
        token.refreshToken = grant->refreshToken;
        if (auto stored = m_cache.store(m_config.tokenName(), token); !stored) {
            fail(stored.error());
            return;
        }
        m_running = false;
        Q_EMIT succeeded(token.expiresAt);
    });
}

void SsoDeviceLogin::cancel()
{
    if (!m_running)
        return;
    if (m_call)
        m_call->cancel();
    fail(AwsError::cancelled());
}

void SsoDeviceLogin::fail(AwsError error)
{
    if (!m_running)
        return;
    m_running = false;
    m_pollTimer.stop();
    Q_EMIT failed(error);
}

} // namespace coffer::aws
