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

/**
 * A profile's IAM Identity Center access token, from the cache it shares with the AWS CLI,
 * refreshed as botocore's SSOTokenProvider does: a token with less than 15 minutes left is
 * renewed with the refresh-token grant (when it has a refresh token and an unexpired client
 * registration) and the new one is written back to the cache, so the AWS CLI uses it too. A
 * failed refresh keeps the old token while it is still valid.
 *
 * Callers that ask while a refresh is under way wait for it: one CreateToken call, however many
 * requests need the token. A token that is missing, expired and not refreshable, or refused by
 * the service, is the error SsoProfile::loginRequired() describes.
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

    /// Calls `callback` once, while `context` lives, with a token valid now.
    void token(QObject *context, Callback callback);

private:
    struct Waiter;
    void finishRefresh(Result<SsoCachedToken> result);
    [[nodiscard]] QDateTime now() const;

    SsoProfileConfig m_config;
    SsoTokenCache m_cache;
    std::shared_ptr<IdentityCenterClient> m_client;
    std::function<QDateTime()> m_clock;
    QList<std::shared_ptr<Waiter>> m_waiting;   ///< callers waiting for the refresh under way
    /// Answers that arrive after this provider was destroyed find it expired.
    std::shared_ptr<int> m_lifetime = std::make_shared<int>(0);
};

} // namespace coffer::aws
