// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace coffer::aws {

/// One IAM Identity Center sign-in as the AWS CLI caches it.
struct SsoCachedToken
{
    QString startUrl;
    QString region;
    QString accessToken;              ///< a secret: never logged
    QDateTime expiresAt;
    QString clientId;                 ///< the OIDC registration, for refreshing
    QString clientSecret;             ///< a secret
    QDateTime registrationExpiresAt;
    QString refreshToken;             ///< a secret; empty when there is none
    /// Members this version does not know, written back as they were.
    QJsonObject otherMembers;

    /// Whether the refresh-token grant can renew it at `now`: it has a refresh token and a
    /// registration that has not expired (botocore's rule).
    [[nodiscard]] bool isRefreshable(const QDateTime &now) const;
};

/**
 * The AWS CLI's IAM Identity Center token cache, `~/.aws/sso/cache/<key>.json`, shared with it
 * and botocore: a user who ran `aws sso login` is signed in to Coffer, and the other way round.
 *
 * The key is the SHA-1 (hex) of the `sso-session` name, or of the start URL for a legacy
 * profile. A file is one JSON object with `startUrl`, `region`, `accessToken`, `expiresAt`,
 * `clientId`, `clientSecret`, `registrationExpiresAt` and `refreshToken`; times are UTC as
 * "2026-12-03T21:00:00Z" (botocore also writes "...UTC" and "+00:00"; all are read). Files are
 * written 0600 in a 0700 folder, whole or not at all. Nothing here logs a token.
 */
class SsoTokenCache
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::SsoTokenCache)

public:
    explicit SsoTokenCache(QString directory);

    /// `~/.aws/sso/cache` under `home`.
    [[nodiscard]] static QString defaultDirectory(const QString &home);
    /// botocore's SSOTokenLoader key for a session name or a legacy start URL.
    [[nodiscard]] static QString cacheKey(const QString &tokenName);

    [[nodiscard]] const QString &directory() const { return m_directory; }
    [[nodiscard]] QString path(const QString &tokenName) const;

    /// The cached token; nullopt when there is no file. A file that is not a token (broken
    /// JSON, no accessToken or expiresAt) is an error naming it.
    [[nodiscard]] Result<std::optional<SsoCachedToken>> load(const QString &tokenName) const;
    [[nodiscard]] Result<void> store(const QString &tokenName, const SsoCachedToken &token) const;
    /// Deletes the cached token; false when there was none.
    [[nodiscard]] Result<bool> remove(const QString &tokenName) const;

    /// Reads the AWS CLI's and botocore's UTC timestamps; invalid when it is none of them.
    [[nodiscard]] static QDateTime parseTimestamp(const QString &text);
    /// "2026-12-03T21:00:00Z", as botocore's SSO token provider writes it.
    [[nodiscard]] static QString formatTimestamp(const QDateTime &time);

private:
    QString m_directory;
};

} // namespace coffer::aws
