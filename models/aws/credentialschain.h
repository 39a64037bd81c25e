// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/awsconfigfile.h"
#include "models/aws/credentialsprovider.h"
#include "models/aws/ssotokenprovider.h"
#include "models/aws/webidentitycredentialsprovider.h"

#include <QCoreApplication>
#include <QList>
#include <QProcessEnvironment>
#include <QStringList>

#include <memory>
#include <optional>

namespace coffer::aws {

class AwsClient;
class IdentityCenterClient;

/// How a CredentialsChain is set up.
struct CredentialsChainOptions
{
    /// An explicit profile (a --profile flag, a connection's setting). It beats AWS_PROFILE and,
    /// as in the AWS CLI, turns off the AWS_ACCESS_KEY_ID environment variables.
    QString profile;
    /// Region to call STS in for AssumeRole; empty: resolved like EndpointResolver does, and
    /// STS's global endpoint when there is none.
    QString region;
    /// Makes sts:AssumeRole calls; needed only by profiles with role_arn.
    StsAssumeRoleFunction assumeRole;
    /// Makes the unsigned sts:AssumeRoleWithWebIdentity calls; needed only with a web identity
    /// token file (profile web_identity_token_file, or AWS_WEB_IDENTITY_TOKEN_FILE).
    StsWebIdentityFunction assumeRoleWithWebIdentity;
    /// Reaches a container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or
    /// _FULL_URI); must outlive the chain. Without it that endpoint is reported as unusable.
    AwsClient *containerTransport = nullptr;
    /// Asks the user for an MFA code; optional (see AssumeRoleCredentialsProvider).
    MfaCodeFunction mfaCode;
    /// The AWS CLI's assume-role cache folder (AwsCliRoleCache::defaultDirectory()) to share
    /// role sessions with it; empty: sessions stay in memory.
    QString roleCacheDirectory;
    /// Makes the IAM Identity Center client for an sso_region, its OIDC and portal endpoints
    /// resolved and checked by the caller; needed only by SSO profiles.
    std::function<Result<std::shared_ptr<IdentityCenterClient>>(const QString &ssoRegion)> identityCenter;
    /// Signs an SSO profile in interactively when it has no usable token (the GUI's dialog);
    /// optional: without it the error says which command signs in.
    SsoLoginFunction ssoLogin;
    /// The SSO token cache folder shared with the AWS CLI (SsoTokenCache::defaultDirectory()).
    QString ssoCacheDirectory;
    /// The current time, for the expiry of cached credentials; empty: the system clock.
    std::function<QDateTime()> clock;
};

/**
 * The default credentials chain of the AWS SDKs, for one profile:
 *
 * 1. AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, unless a profile was chosen
 *    explicitly;
 * 2. the profile's `role_arn`: AssumeRole with credentials from `source_profile` (itself keys,
 *    a credential_process or another role, cycles refused) or `credential_source =
 *    Environment`, honouring `external_id`, `mfa_serial`, `role_session_name` and
 *    `duration_seconds`, and cached until shortly before expiry;
 * 3. a web identity token: the profile's `web_identity_token_file` with its `role_arn` (and
 *    `role_session_name`, `duration_seconds`), each setting overridden by
 *    AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN and AWS_ROLE_SESSION_NAME unless a profile was
 *    chosen explicitly, as botocore does (WebIdentityCredentialsProvider);
 * 4. the profile's IAM Identity Center sign-in (`sso_session`, or the legacy `sso_start_url`),
 *    with the token the AWS CLI caches (SsoCredentialsProvider);
 * 5. the profile's keys in the credentials file, then its `credential_process`, then its keys
 *    in the config file;
 * 6. when nothing above is configured, a container credentials endpoint
 *    (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI, ContainerCredentialsProvider), which
 *    is also what `credential_source = EcsContainer` uses.
 *
 * Steps 3 and 6 work without any profile in the files (a CI job or a pod has none). The
 * profile is the explicit one, else AWS_PROFILE, else "default". resolve() works out the
 * chain from the files without any I/O and reports configuration mistakes with file and line
 * ("~/.aws/config line 4: profile 'a' has role_arn but neither source_profile nor
 * credential_source"); credentials() resolves once, then asks the resulting provider, which
 * keeps its cache for the life of the chain.
 */
class CredentialsChain final : public CredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::CredentialsChain)

public:
    CredentialsChain(AwsSharedFiles files, CredentialsChainOptions options,
                     QProcessEnvironment env = QProcessEnvironment::systemEnvironment());
    ~CredentialsChain() override;

    /// Reads the shared files named by `env` (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE or
    /// the defaults) and builds a chain on them; fails for a malformed file.
    [[nodiscard]] static Result<std::shared_ptr<CredentialsChain>>
    fromEnvironment(CredentialsChainOptions options,
                    QProcessEnvironment env = QProcessEnvironment::systemEnvironment());

    [[nodiscard]] const AwsProfileSelection &profile() const { return m_selection; }
    [[nodiscard]] const AwsSharedFiles &files() const { return m_files; }

    /// The provider the profile leads to (built once, then the same one). Configuration errors
    /// are kind Configuration; "nothing configured at all" is kind CredentialsMissing.
    [[nodiscard]] Result<std::shared_ptr<CredentialsProvider>> resolve();

    void credentials(QObject *context, Callback callback) override;
    void invalidate() override;
    [[nodiscard]] QString description() const override;

    /// Hands a one-time MFA code to the role(s) of the chain that use device `mfaSerial` (after
    /// an error with code "MfaTokenCodeRequired"); the next credentials() call uses it.
    void setMfaTokenCode(const QString &mfaSerial, const QString &code);

private:
    using ProviderResult = Result<std::shared_ptr<CredentialsProvider>>;

    [[nodiscard]] ProviderResult build();
    [[nodiscard]] ProviderResult buildAssumeRole(const QString &profile, QStringList visited);
    [[nodiscard]] Result<std::shared_ptr<CredentialsProvider>>
    credentialSource(const QString &profile, const AwsProfileSetting &setting);
    /// Keys in the credentials file, credential_process, keys in the config file; nullptr when
    /// the profile has none of them.
    [[nodiscard]] ProviderResult ownCredentials(const QString &profile);
    /// The web identity provider the profile's settings (and, when `environmentAllowed`, the
    /// AWS_WEB_IDENTITY_TOKEN_FILE variables) configure; nullptr when there is no token file.
    [[nodiscard]] ProviderResult buildWebIdentity(const QString &profile, bool environmentAllowed);
    /// The container credentials provider the environment configures; nullptr when it does not.
    [[nodiscard]] ProviderResult buildContainer();
    /// The profile's IAM Identity Center sign-in; nullptr when it has none.
    [[nodiscard]] ProviderResult ssoCredentials(const QString &profile);
    [[nodiscard]] Result<std::optional<AwsCredentials>>
    staticKeys(const AwsConfigFile &file, const QString &profile) const;
    [[nodiscard]] Result<std::optional<AwsCredentials>> environmentKeys() const;
    [[nodiscard]] bool hasStaticKeys(const QString &profile) const;
    [[nodiscard]] QString stsRegion() const;

    AwsSharedFiles m_files;
    CredentialsChainOptions m_options;
    QProcessEnvironment m_env;
    AwsProfileSelection m_selection;
    std::shared_ptr<CredentialsProvider> m_resolved;
    QList<std::shared_ptr<AssumeRoleCredentialsProvider>> m_roles;
};

} // namespace coffer::aws
