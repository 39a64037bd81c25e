// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/ssotokenprovider.h"
#include "models/profiles/profileconnection.h"
#include "models/profiles/profilesecret.h"

#include <QCoreApplication>
#include <QPointer>
#include <QProcessEnvironment>
#include <QSet>
#include <QUrl>
#include <QUuid>

#include <memory>

namespace coffer::aws {
class AwsClient;
class CredentialsProvider;
class IdentityCenterClient;
} // namespace coffer::aws

namespace coffer {

class ProfileStore;

/**
 * Turns a Profile into AWS client settings (ProfileConnection) and a credentials provider.
 *
 * Nothing is read or sent here: access-key profiles get a provider that reads the keychain on
 * the first request; assume-role profiles get an AssumeRoleCredentialsProvider whose source is
 * the source profile's provider (chains allowed, cycles refused) and whose STS calls go through
 * StsClient on `transport`; AWS CLI profiles get the AWS credentials chain on the ~/.aws files
 * (keys, roles, credential_process), with the region and endpoint they configure; IAM Identity
 * Center profiles (Kind::Sso) get an SsoCredentialsProvider on the token cache shared with the
 * AWS CLI, whose OIDC and portal calls go to the profile's endpoint (or the sso_region's); the
 * local sandbox gets its endpoint and fake keys. Configuration mistakes (missing source profile,
 * malformed ~/.aws file with file and line, no region) are reported at once, as
 * ErrorKind::Configuration.
 *
 * Coffer's own profiles ignore the AWS_* environment variables: what the profile says is what
 * is used. AWS CLI profiles honour them as the AWS CLI does. TLS settings are the exception:
 * AWS_CA_BUNDLE (and an AWS CLI profile's ca_bundle) adds trusted CAs to every client, and
 * plain HTTP to another computer is refused unless allowed (aws::TransportSecurity); an allowed
 * one is in ProfileConnection::warnings.
 */
class ProfileConnector final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::ProfileConnector)

public:
    ProfileConnector(ProfileStore *store, aws::AwsClient *transport);

    /// The environment AWS CLI profiles are resolved in (~/.aws paths, AWS_REGION...).
    void setEnvironment(QProcessEnvironment env) { m_env = std::move(env); }
    /// Where the local sandbox listens, for LocalSandbox profiles without their own endpoint.
    void setSandboxEndpoint(const QUrl &url) { m_sandboxEndpoint = url; }
    /// The keys LocalSandbox profiles without their own endpoint sign with (the sandbox's fake
    /// ones by default); one with its own endpoint (coffer-cli serve) signs with the demo keys.
    void setSandboxCredentials(const aws::AwsCredentials &credentials)
    {
        m_sandboxCredentials = credentials;
    }
    /// Lets every profile use plain HTTP to other computers (an explicit opt-in such as
    /// --allow-insecure-http; `origin` names it in the warning). Empty: only as the environment
    /// and the profile allow (see aws::TransportSecurity).
    void setAllowInsecureHttp(const QString &origin) { m_allowInsecureHttp = origin; }
    /// Asks for MFA codes of assume-role profiles with an MFA device.
    void setMfaCodeFunction(aws::MfaCodeFunction function) { m_mfaCode = std::move(function); }
    /// Signs IAM Identity Center profiles in when they have no usable token (the GUI's dialog).
    void setSsoLoginFunction(aws::SsoLoginFunction function) { m_ssoLogin = std::move(function); }

    [[nodiscard]] aws::Result<ProfileConnection> connection(const Profile &profile) const;
    /// As connection(profile), except that an access-key profile signs with `typedSecret`
    /// instead of its keychain item: keys typed into a form, tested before (or without) being
    /// saved. nullopt, or another kind of profile: as connection(profile).
    [[nodiscard]] aws::Result<ProfileConnection>
    connection(const Profile &profile, const std::optional<ProfileSecret> &typedSecret) const;
    [[nodiscard]] aws::Result<ProfileConnection> connection(const QUuid &profileId) const;
    [[nodiscard]] aws::Result<std::shared_ptr<aws::CredentialsProvider>>
    credentialsFor(const Profile &profile) const;

    /// The IAM Identity Center client of an Sso profile (also one not saved yet, whose account
    /// and role are still unknown): its sso_region, its endpoint, the TLS rules.
    [[nodiscard]] aws::Result<std::shared_ptr<aws::IdentityCenterClient>>
    identityCenterFor(const Profile &profile) const;
    /// The token cache shared with the AWS CLI: ~/.aws/sso/cache under the environment's HOME.
    [[nodiscard]] aws::SsoTokenCache ssoTokenCache() const;

    /// Signs an IAM Identity Center profile (a ~/.aws one, or Kind::Sso) out, as `aws sso
    /// logout` does.
    void signOut(const Profile &profile, QObject *context,
                 std::function<void(aws::Result<aws::SsoTokenProvider::SignOut>)> callback) const;

    /// Who allowed plain HTTP for a profile with Profile::allowInsecureHttp, for the warning.
    [[nodiscard]] static QString insecureHttpOrigin(const Profile &profile);
    /// The keys a LocalSandbox profile signs with unless told otherwise.
    [[nodiscard]] static aws::AwsCredentials defaultSandboxCredentials();

private:
    [[nodiscard]] aws::Result<std::shared_ptr<aws::CredentialsProvider>>
    provider(const Profile &profile, QSet<QUuid> visited) const;

    QPointer<ProfileStore> m_store;
    QPointer<aws::AwsClient> m_transport;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    aws::SsoLoginFunction m_ssoLogin;
    QUrl m_sandboxEndpoint;
    aws::AwsCredentials m_sandboxCredentials = defaultSandboxCredentials();
    aws::MfaCodeFunction m_mfaCode;
    QString m_allowInsecureHttp;
};

} // namespace coffer
