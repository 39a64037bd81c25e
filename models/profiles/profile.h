// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/ssotypes.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUuid>
#include <QVariantMap>

#include <optional>

namespace coffer {

/**
 * One of Coffer's connection profiles: how to reach Secrets Manager and with which
 * credentials. A plain value; ProfileStore keeps it (metadata in the application settings,
 * secret parts in the OS keychain) and ProfileConnector turns it into AWS client settings.
 *
 * The fields that matter depend on `kind`:
 * - AccessKey: `accessKeyId`; the secret access key and an optional session token are a
 *   ProfileSecret, kept only in the keychain (AWS treats the key id as non-secret, so it is
 *   stored with the metadata, where listings can show it);
 * - AssumeRole: `roleArn`, `sourceProfileId` (another Coffer profile), `externalId`,
 *   `mfaSerial`, `roleSessionName`, `durationSeconds`;
 * - AwsCliProfile: `awsProfileName`, a profile of ~/.aws/config used as is through the AWS
 *   credentials chain (keys, roles, credential_process);
 * - Sso: IAM Identity Center, `ssoStartUrl`, `ssoRegion`, `ssoAccountId`, `ssoRoleName` and an
 *   optional `ssoSessionName`; no secret is stored, the access token lives in the cache shared
 *   with the AWS CLI (~/.aws/sso/cache), keyed by ssoConfig().tokenName();
 * - LocalSandbox: nothing more; Coffer's embedded endpoint with fake keys.
 *
 * `endpoint`, when set, replaces the default endpoint of every service (as AWS_ENDPOINT_URL
 * does), so one URL can point at a local emulator. A `production` profile is shown with a
 * badge and every write through it asks for confirmation first.
 */
struct Profile
{
    Q_DECLARE_TR_FUNCTIONS(coffer::Profile)

public:
    enum class Kind { AccessKey, AssumeRole, AwsCliProfile, LocalSandbox, Sso };

    QUuid id; ///< stable for the profile's life; the keychain key derives from it
    QString name; ///< unique among the profiles, what the user types (--profile)
    Kind kind = Kind::AccessKey;
    QString region; ///< empty: for AwsCliProfile, the ~/.aws profile's region; for Sso, ssoRegion
    QUrl endpoint; ///< empty: the services' default endpoints
    bool production = false;
    /// Plain http:// to an endpoint on another computer is allowed (with a lasting warning).
    bool allowInsecureHttp = false;

    // AccessKey
    QString accessKeyId;

    // AssumeRole
    QString roleArn;
    QUuid sourceProfileId;
    QString externalId;
    QString mfaSerial;
    QString roleSessionName; ///< empty: "coffer-<epoch>"
    std::optional<int> durationSeconds; ///< 900..43200; empty: STS's default (1 hour)

    // AwsCliProfile
    QString awsProfileName;

    // Sso
    QString ssoStartUrl; ///< the AWS access portal, https://d-1234567890.awsapps.com/start
    QString ssoRegion; ///< where IAM Identity Center is (its OIDC and portal endpoints)
    QString ssoAccountId;
    QString ssoRoleName;
    QString ssoSessionName; ///< empty: the token is cached under the start URL (legacy form)

    /// A new profile of `kind` with a fresh id.
    [[nodiscard]] static Profile create(Kind kind, const QString &name);

    /// Writes through a production profile need the user's confirmation first.
    [[nodiscard]] bool requiresWriteConfirmation() const { return production; }
    /// True for kinds whose secret parts live in the keychain (AccessKey).
    [[nodiscard]] bool hasStoredSecret() const { return kind == Kind::AccessKey; }
    /// The key of the profile's keychain item: "profile/<uuid>".
    [[nodiscard]] QString keychainKey() const { return keychainKeyFor(id); }
    [[nodiscard]] static QString keychainKeyFor(const QUuid &id);

    /// An Sso profile's sign-in, as SsoTokenProvider and SsoSignInDialog take it.
    [[nodiscard]] aws::SsoProfileConfig ssoConfig() const;
    /// The region Secrets Manager is called in: `region`, else (Sso) `ssoRegion`.
    [[nodiscard]] QString effectiveRegion() const;

    /// Empty when the profile can be saved, else a sentence saying what is wrong.
    [[nodiscard]] QString validationError() const;

    /// The settings form (no secret ever goes in it) and back; nullopt for an unreadable entry.
    [[nodiscard]] QVariantMap toSettings() const;
    [[nodiscard]] static std::optional<Profile> fromSettings(const QUuid &id,
                                                             const QVariantMap &values);

    /// "access-key", "assume-role", "aws-profile", "sandbox", "sso": stable names for settings and CLI.
    [[nodiscard]] static QString kindName(Kind kind);
    [[nodiscard]] static std::optional<Kind> kindFromName(const QString &name);
    /// "Access key", "Assume role", ...: for people.
    [[nodiscard]] static QString kindLabel(Kind kind);
    [[nodiscard]] static QList<Kind> allKinds();

    friend bool operator==(const Profile &, const Profile &) = default;
};

} // namespace coffer
