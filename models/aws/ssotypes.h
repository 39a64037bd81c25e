// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::aws {

/// sso-oidc:RegisterClient's answer: a public OIDC client, valid until `expiresAt`.
struct SsoClientRegistration
{
    QString clientId;
    QString clientSecret;   ///< a secret: never logged
    QDateTime expiresAt;    ///< clientSecretExpiresAt
};

/// sso-oidc:StartDeviceAuthorization's answer: what the user confirms in the browser.
struct SsoDeviceAuthorization
{
    QString deviceCode;     ///< a secret: never logged
    QString userCode;       ///< shown to the user, e.g. "ABCD-EFGH"
    QString verificationUri;
    QString verificationUriComplete;
    int expiresInSeconds = 600;
    int intervalSeconds = 5;
};

/// sso-oidc:CreateToken's answer (device-code or refresh-token grant).
struct SsoTokenGrant
{
    QString accessToken;    ///< a secret: never logged
    QString refreshToken;   ///< empty when the service issued none
    int expiresInSeconds = 0;
};

/// An AWS account the signed-in user can reach (sso:ListAccounts).
struct SsoAccount
{
    QString accountId;
    QString accountName;
    QString emailAddress;
};

/// A role (permission set) the user may take in an account (sso:ListAccountRoles).
struct SsoAccountRole
{
    QString accountId;
    QString roleName;
};

/// One page of a portal listing.
template<typename T>
struct SsoPage
{
    QList<T> items;
    QString nextToken;   ///< empty on the last page
};

/**
 * Where a profile signs in with IAM Identity Center: its `[sso-session]` (or, in the legacy
 * form, the profile's own `sso_start_url` and `sso_region`), and the account and role it takes.
 */
struct SsoProfileConfig
{
    QString profile;           ///< the profile's name, for messages
    QString sessionName;       ///< `sso_session`; empty for the legacy form
    QString startUrl;          ///< `sso_start_url`
    QString region;            ///< `sso_region`: where the OIDC and portal endpoints are
    QStringList scopes;        ///< `sso_registration_scopes` (sso-session form only)
    QString accountId;         ///< `sso_account_id`; empty for a token-only profile
    QString roleName;          ///< `sso_role_name`
    QString location;          ///< "~/.aws/config line 4", for messages
    /// False for Coffer's own profiles, which the AWS CLI does not know by name.
    bool inAwsFiles = true;

    /// What `sso login` / `sso logout` name: the session, else the start URL.
    [[nodiscard]] QString tokenName() const { return sessionName.isEmpty() ? startUrl : sessionName; }
};

} // namespace coffer::aws
