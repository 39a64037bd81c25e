// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/profiles/profile.h"

#include <QCoreApplication>
#include <QString>

namespace coffer {

/**
 * Adds a Coffer IAM Identity Center profile (Kind::Sso) to the AWS CLI's config file, so that
 * `aws --profile NAME` works with the same sign-in: appends a `[profile NAME]` section
 * (sso_session, sso_account_id, sso_role_name, region, endpoint_url when the profile has one)
 * and an `[sso-session SESSION]` section (sso_start_url, sso_region, sso_registration_scopes).
 *
 * Only ever appends: no existing line is rewritten, and a name that already has a section
 * there is refused. Only call it when the user asked for it.
 */
class AwsConfigSsoExport final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::AwsConfigSsoExport)

public:
    AwsConfigSsoExport() = delete;

    /// The text appended for `profile` under the sso-session `session`.
    [[nodiscard]] static QByteArray sections(const Profile &profile, const QString &session);
    /// Appends sections(profile, session) to the file at `configPath` (created, with its
    /// folder, when missing). Fails, writing nothing, when the file cannot be parsed or
    /// already has `[profile NAME]` or `[sso-session SESSION]`.
    [[nodiscard]] static aws::Result<void> append(const QString &configPath, const Profile &profile,
                                                  const QString &session);
};

} // namespace coffer
