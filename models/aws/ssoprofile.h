// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awsconfigfile.h"
#include "models/aws/awserror.h"
#include "models/aws/ssotypes.h"

#include <QCoreApplication>

#include <optional>

namespace coffer::aws {

/**
 * Reads a profile's IAM Identity Center settings as botocore's SSOProvider does: either
 * `sso_session = name` pointing at an `[sso-session name]` section that holds `sso_start_url`,
 * `sso_region` and `sso_registration_scopes`, or the legacy form with `sso_start_url` and
 * `sso_region` in the profile itself; plus `sso_account_id` and `sso_role_name`.
 *
 * nullopt when the profile does not sign in with SSO. Mistakes are errors (kind Configuration)
 * with file and line: a session that does not exist, a session without start URL or region,
 * a profile whose own sso_start_url or sso_region contradicts its session's.
 */
class SsoProfile
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::SsoProfile)

public:
    SsoProfile() = delete;

    /// The profile's sign-in settings. With `needRole`, a profile without sso_account_id and
    /// sso_role_name is an error too (it can sign in but yields no credentials).
    [[nodiscard]] static Result<std::optional<SsoProfileConfig>>
    resolve(const AwsSharedFiles &files, const QString &profile, bool needRole);

    /// True when the profile has sso_session or sso_start_url.
    [[nodiscard]] static bool usesSso(const AwsSharedFiles &files, const QString &profile);

    /// The error a command gets when the profile is not signed in (or its sign-in expired or
    /// was revoked): code "SsoLoginRequired", kind CredentialsMissing, with the command to run.
    [[nodiscard]] static AwsError loginRequired(const SsoProfileConfig &config, const QString &why);
    static constexpr QLatin1StringView loginRequiredCode{"SsoLoginRequired"};
};

} // namespace coffer::aws
