// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace coffer::aws {

struct AssumeRoleParams;

/**
 * The AWS CLI's assume-role cache, `~/.aws/cli/cache/<key>.json`, shared with it: a role
 * session one of them made (after an MFA code, say) is used by the other until 15 minutes
 * before it expires, as botocore's AssumeRoleCredentialFetcher does.
 *
 * The key is botocore's exactly: the SHA-1 of `json.dumps(args, sort_keys=True)` where args are
 * RoleArn and, when set, ExternalId, SerialNumber, DurationSeconds and an explicit
 * RoleSessionName. A file is botocore's response JSON ({"Credentials": {"AccessKeyId", ...,
 * "Expiration"}}), written 0600. The credentials are never logged.
 */
class AwsCliRoleCache
{
public:
    /// botocore's CachedCredentialFetcher.DEFAULT_EXPIRY_WINDOW_SECONDS.
    static constexpr int expiryWindowSeconds = 15 * 60;

    explicit AwsCliRoleCache(QString directory);

    /// `~/.aws/cli/cache` under `home`.
    [[nodiscard]] static QString defaultDirectory(const QString &home);
    /// botocore's cache key for `params` (roleSessionName counts only when the profile set it).
    [[nodiscard]] static QString cacheKey(const AssumeRoleParams &params);
    /// The JSON botocore hashes for `params`, for tests.
    [[nodiscard]] static QByteArray keyJson(const AssumeRoleParams &params);

    /// The cached session for `params`, unless missing, unreadable or expiring within the window.
    [[nodiscard]] std::optional<AwsCredentials> load(const AssumeRoleParams &params,
                                                     const QDateTime &now) const;
    /// Writes the session (with its expiration); false when the file could not be written.
    bool store(const AssumeRoleParams &params, const AwsCredentials &credentials) const;

    [[nodiscard]] const QString &directory() const { return m_directory; }

private:
    QString m_directory;
};

} // namespace coffer::aws
