// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/ssotokenprovider.h"

#include "models/aws/identitycenterclient.h"
#include "models/aws/ssoprofile.h"

#include <QLocale>
#include <QPointer>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::aws {

struct SsoTokenProvider::Waiter
{
    QPointer<QObject> context;
    bool hasContext = false;
    Callback callback;
};

SsoTokenProvider::SsoTokenProvider(SsoProfileConfig config, SsoTokenCache cache,
                                   std::shared_ptr<IdentityCenterClient> client)
    : m_config(std::move(config))
    , m_cache(std::move(cache))
    , m_client(std::move(client))
{
}

SsoTokenProvider::~SsoTokenProvider() = default;

QDateTime SsoTokenProvider::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

void SsoTokenProvider::token(QObject *context, Callback callback)
{
    auto waiter = std::make_shared<Waiter>(Waiter{context, context != nullptr, std::move(callback)});
    const bool refreshing = !m_waiting.isEmpty();
    m_waiting.append(waiter);
    if (!refreshing)
        fetch(true);
}

void SsoTokenProvider::signInAgain(const AwsError &why, QObject *context, Callback callback)
{
    auto waiter = std::make_shared<Waiter>(Waiter{context, context != nullptr, std::move(callback)});
    const bool busy = !m_waiting.isEmpty();
    m_waiting.append(waiter);
    if (!busy)
        signInOrFail(why, true);
}

void SsoTokenProvider::signOut(QObject *context, std::function<void(Result<SignOut>)> callback)
{
    const QString tokenName = m_config.tokenName();
    const auto cached = m_cache.load(tokenName);
    const auto removeToken = [cache = m_cache, tokenName](SignOut outcome) -> Result<SignOut> {
        if (auto removed = cache.remove(tokenName); !removed)
            return std::unexpected(removed.error());
        return outcome;
    };
    // A broken file is removed too: signing out must leave no token behind.
    if (!cached || !*cached || !m_client) {
        callback(removeToken(SignOut{cached && *cached, {}}));
        return;
    }
    QPointer<QObject> guard(context);
    m_client->logout((*cached)->accessToken, context,
                     [guard, hasContext = context != nullptr, removeToken,
                      callback = std::move(callback)](Result<void> result) {
        SignOut outcome{true, {}};
        // 401: the token was already dead, which is what signing out wants.
        if (!result && result.error().httpStatus != 401)
            outcome.serviceProblem = result.error().message;
        auto done = removeToken(std::move(outcome));
        if (!hasContext || guard)
            callback(std::move(done));
    });
}

void SsoTokenProvider::signInOrFail(AwsError error, bool mayAskToSignIn)
{
    if (!mayAskToSignIn || !m_login || !m_client || error.code != SsoProfile::loginRequiredCode) {
        finishRefresh(std::unexpected(std::move(error)));
        return;
    }
    m_login(m_config, m_client, m_cache, m_client.get(),
            [this, alive = std::weak_ptr<int>(m_lifetime), error](bool signedIn) {
        if (alive.expired())
            return;
        if (signedIn)
            fetch(false);
        else
            finishRefresh(std::unexpected(error));
    });
}

void SsoTokenProvider::fetch(bool mayAskToSignIn)
{
    auto loaded = m_cache.load(m_config.tokenName());
    if (!loaded) {
        finishRefresh(std::unexpected(loaded.error()));
        return;
    }
    if (!*loaded) {
        signInOrFail(SsoProfile::loginRequired(
                         m_config, tr("Profile '%1' is not signed in to IAM Identity Center.").arg(m_config.profile)),
                     mayAskToSignIn);
        return;
    }
    SsoCachedToken cached = **loaded;
    const QDateTime current = now();
    if (current.secsTo(cached.expiresAt) >= refreshWindowSeconds) {
        finishRefresh(std::move(cached));
        return;
    }
    if (!cached.isRefreshable(current) || !m_client) {
        if (cached.expiresAt > current) {
            finishRefresh(std::move(cached));
            return;
        }
        signInOrFail(SsoProfile::loginRequired(
                         m_config, tr("The IAM Identity Center sign-in of profile '%1' expired on %2.")
                                       .arg(m_config.profile, QLocale().toString(cached.expiresAt.toLocalTime(),
                                                                                QLocale::ShortFormat))),
                     mayAskToSignIn);
        return;
    }

    const SsoClientRegistration registration{cached.clientId, cached.clientSecret, cached.registrationExpiresAt};
    m_client->refreshToken(registration, cached.refreshToken, m_client.get(),
                           [this, alive = std::weak_ptr<int>(m_lifetime), cached,
                            mayAskToSignIn](Result<SsoTokenGrant> grant) {
        if (alive.expired())
            return;
        const QDateTime current = now();
        if (!grant) {
            if (grant.error().kind == ErrorKind::Cancelled) {
                finishRefresh(std::unexpected(grant.error()));
            } else if (cached.expiresAt > current) {
                finishRefresh(cached);   // botocore too keeps a valid token after a failed refresh
            } else {
                signInOrFail(SsoProfile::loginRequired(
                                 m_config, tr("The IAM Identity Center sign-in of profile '%1' expired and could "
                                              "not be renewed (%2).")
                                               .arg(m_config.profile, grant.error().message)),
                             mayAskToSignIn);
            }
            return;
        }
        SsoCachedToken renewed = cached;
        renewed.startUrl = m_config.startUrl;
        renewed.region = m_config.region;
        renewed.accessToken = grant->accessToken;
        renewed.expiresAt = current.addSecs(grant->expiresInSeconds);
        if (!grant->refreshToken.isEmpty())
            renewed.refreshToken = grant->refreshToken;
        if (auto stored = m_cache.store(m_config.tokenName(), renewed); !stored) {
            finishRefresh(std::unexpected(stored.error()));
            return;
        }
        finishRefresh(std::move(renewed));
    });
}

void SsoTokenProvider::finishRefresh(Result<SsoCachedToken> result)
{
    const QList<std::shared_ptr<Waiter>> waiting = std::exchange(m_waiting, {});
    for (const auto &waiter : waiting) {
        if (waiter->hasContext && !waiter->context)
            continue;
        if (waiter->callback)
            waiter->callback(result);
    }
}

} // namespace coffer::aws
