// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/ssotokencache.h"
#include "models/aws/ssotypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <functional>
#include <memory>

class QObject;

namespace coffer::aws {

class IdentityCenterClient;

/// Signs a profile in interactively (the GUI's sign-in dialog) when it has no usable token:
/// `answer(true)` once a new token is in the cache, `answer(false)` when the user cancelled.
using SsoLoginFunction = std::function<void(const SsoProfileConfig &config,
                                            const std::shared_ptr<IdentityCenterClient> &client,
                                            const SsoTokenCache &cache, QObject *context,
                                            std::function<void(bool signedIn)> answer)>;

/**
 * A profile's IAM Identity Center access token, from the cache it shares with the AWS CLI,
 * refreshed as botocore's SSOTokenProvider does: a token with less than 15 minutes left is
 * renewed with the refresh-token grant (when it has a refresh token and an unexpired client
 * registration) and the new one is written back to the cache, so the AWS CLI uses it too. A
 * failed refresh keeps the old token while it is still valid.
 *
 * Callers that ask while a refresh is under way wait for it: one CreateToken call, however many
 * requests need the token. A token that is missing, expired and not refreshable, or refused by
 * the service, is the error SsoProfile::loginRequired() describes; with a login function set,
 * the user is first asked to sign in (once per request), and the new token is used.
 */
class SsoTokenProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::SsoTokenProvider)

public:
    using Callback = std::function<void(Result<SsoCachedToken>)>;
    /// botocore's SSOTokenProvider._REFRESH_WINDOW.
    static constexpr int refreshWindowSeconds = 15 * 60;

    SsoTokenProvider(SsoProfileConfig config, SsoTokenCache cache,
                     std::shared_ptr<IdentityCenterClient> client);
    ~SsoTokenProvider();
    Q_DISABLE_COPY_MOVE(SsoTokenProvider)

    [[nodiscard]] const SsoProfileConfig &config() const { return m_config; }
    [[nodiscard]] const SsoTokenCache &cache() const { return m_cache; }
    [[nodiscard]] const std::shared_ptr<IdentityCenterClient> &client() const { return m_client; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    void setLoginFunction(SsoLoginFunction login) { m_login = std::move(login); }

    /// Calls `callback` once, while `context` lives, with a token valid now.
    void token(QObject *context, Callback callback);
    /// After the service refused the cached token (signed out elsewhere, revoked): asks the
    /// user to sign in again when a login function is set, else fails with `why`.
    void signInAgain(const AwsError &why, QObject *context, Callback callback);
    [[nodiscard]] bool canAskToSignIn() const { return bool(m_login); }

    /// What signOut() did.
    struct SignOut
    {
        bool wasSignedIn = false;   ///< there was a cached token
        QString serviceProblem;     ///< why IAM Identity Center did not confirm, if it did not
    };
    /// Signs out as `aws sso logout` does: ends the session at IAM Identity Center (portal
    /// Logout) and deletes the cached token whatever the service answered. Fails only when
    /// the token file cannot be deleted.
    void signOut(QObject *context, std::function<void(Result<SignOut>)> callback);

private:
    struct Waiter;
    void fetch(bool mayAskToSignIn);
    /// Fails the waiting callers with `error`, unless the user can sign in first.
    void signInOrFail(AwsError error, bool mayAskToSignIn);
    void finishRefresh(Result<SsoCachedToken> result);
    [[nodiscard]] QDateTime now() const;

    SsoProfileConfig m_config;
    SsoTokenCache m_cache;
    std::shared_ptr<IdentityCenterClient> m_client;
    std::function<QDateTime()> m_clock;
    SsoLoginFunction m_login;
    QList<std::shared_ptr<Waiter>> m_waiting;   ///< callers waiting for the refresh under way
    /// Answers that arrive after this provider was destroyed find it expired.
    std::shared_ptr<int> m_lifetime = std::make_shared<int>(0);
};

} // namespace coffer::aws
