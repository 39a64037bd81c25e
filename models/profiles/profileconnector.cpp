// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/profileconnector.h"

#include "models/sandbox/sandboxserver.h"

#include "models/aws/awsclient.h"
#include "models/aws/awsclirolecache.h"
#include "models/aws/credentialschain.h"
#include "models/aws/ssocredentialsprovider.h"
#include "models/aws/ssoprofile.h"
#include "models/aws/ssotokencache.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/transportsecurity.h"
#include "models/profiles/identitycenteradapter.h"
#include "models/profiles/keychaincredentialsprovider.h"
#include "models/profiles/profilestore.h"
#include "models/profiles/stsassumeroleadapter.h"
#include "models/profiles/stswebidentityadapter.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace coffer {

using aws::AwsError;
using aws::EndpointResolver;
using aws::Result;

namespace {

constexpr EndpointResolver::Service kServices[]
    = { EndpointResolver::Service::SecretsManager, EndpointResolver::Service::Sts,
        EndpointResolver::Service::Iam };

QString profileOrigin(const Profile &profile)
{
    return ProfileConnector::tr("Coffer profile %1").arg(profile.name);
}

/// The endpoint of `service` for one of Coffer's own profiles: only what the profile says
/// counts, never the AWS_* environment or the ~/.aws files.
Result<aws::ResolvedEndpoint> ownProfileEndpoint(const Profile &profile,
                                                 EndpointResolver::Service service,
                                                 const QUrl &sandboxEndpoint)
{
    aws::AwsProfileSelection selection;
    selection.name = u"default"_s;
    selection.source = u"default"_s;
    EndpointResolver resolver(aws::AwsSharedFiles(), selection, QProcessEnvironment());
    QString region = profile.effectiveRegion();
    if (region.isEmpty() && profile.kind == Profile::Kind::LocalSandbox)
        region = u"us-east-1"_s;
    if (region.isEmpty()) {
        return std::unexpected(AwsError::configuration(
            ProfileConnector::tr("Profile '%1' has no region.").arg(profile.name)));
    }
    resolver.setRegion(region, profileOrigin(profile));
    if (!profile.endpoint.isEmpty()) {
        resolver.setEndpointUrl(service, profile.endpoint, profileOrigin(profile));
    } else if (profile.kind == Profile::Kind::LocalSandbox) {
        if (sandboxEndpoint.isEmpty()) {
            return std::unexpected(AwsError::configuration(
                ProfileConnector::tr("The local sandbox is not running, and profile '%1' names "
                                     "no endpoint.")
                    .arg(profile.name)));
        }
        resolver.setEndpointUrl(service, sandboxEndpoint, ProfileConnector::tr("local sandbox"));
    }
    return resolver.resolve(service);
}

aws::ClientConfig configFor(const aws::ResolvedEndpoint &endpoint)
{
    aws::ClientConfig config;
    config.region = endpoint.region;
    config.endpoint = endpoint.url;
    config.signingRegion = endpoint.signingRegion;
    return config;
}

struct AwsCliSetup
{
    aws::AwsSharedFiles files;
    aws::AwsProfileSelection selection;
};

Result<AwsCliSetup> awsCliSetup(const Profile &profile, const QProcessEnvironment &env)
{
    auto files = aws::AwsSharedFiles::load(env);
    if (!files)
        return std::unexpected(files.error());
    AwsCliSetup setup { std::move(*files),
                        aws::AwsSharedFiles::selectProfile(profile.awsProfileName, env) };
    if (!setup.files.hasProfile(setup.selection.name))
        return std::unexpected(setup.files.profileNotFound(setup.selection.name));
    return setup;
}

EndpointResolver awsCliEndpointResolver(const Profile &profile, const AwsCliSetup &setup,
                                        const QProcessEnvironment &env)
{
    EndpointResolver resolver(setup.files, setup.selection, env);
    if (!profile.region.isEmpty())
        resolver.setRegion(profile.region, profileOrigin(profile));
    if (!profile.endpoint.isEmpty()) {
        for (const auto service : kServices)
            resolver.setEndpointUrl(service, profile.endpoint, profileOrigin(profile));
    }
    return resolver;
}

/// The TLS settings: the environment's, and for an AWS CLI profile (`setup`) its own too.
Result<aws::TransportSecurity> transportSecurity(const std::optional<AwsCliSetup> &setup,
                                                 const QProcessEnvironment &env,
                                                 const QString &allowInsecureHttp)
{
    auto security = setup ? aws::TransportSecurity::forProfile(setup->files,
                                                               setup->selection.name, env)
                          : aws::TransportSecurity::fromEnvironment(env);
    if (security && !allowInsecureHttp.isEmpty())
        security->allowInsecureHttpBy(allowInsecureHttp);
    return security;
}

/// `config` with the TLS settings applied, or the error of a refused endpoint.
Result<aws::ClientConfig> secured(aws::ClientConfig config, const aws::TransportSecurity &security)
{
    if (auto checked = security.secure(config); !checked)
        return std::unexpected(checked.error());
    return config;
}

} // namespace

ProfileConnector::ProfileConnector(ProfileStore *store, aws::AwsClient *transport)
    : m_store(store)
    , m_transport(transport)
{ }

QString ProfileConnector::insecureHttpOrigin(const Profile &profile)
{
    return tr("the setting of profile %1").arg(profile.name);
}

aws::AwsCredentials ProfileConnector::defaultSandboxCredentials()
{
    // The documented pair every sandbox accepts unless told otherwise (coffer-cli serve, the GUI).
    aws::AwsCredentials credentials = sandbox::SandboxServer::demoCredentials();
    credentials.source = tr("local sandbox");
    return credentials;
}

Result<ProfileConnection> ProfileConnector::connection(const QUuid &profileId) const
{
    const auto profile = m_store ? m_store->profile(profileId) : std::nullopt;
    if (!profile)
        return std::unexpected(AwsError::configuration(tr("There is no such profile.")));
    return connection(*profile);
}

Result<ProfileConnection> ProfileConnector::connection(const Profile &profile) const
{
    return connection(profile, std::nullopt);
}

Result<ProfileConnection>
ProfileConnector::connection(const Profile &profile,
                             const std::optional<ProfileSecret> &typedSecret) const
{
    if (const QString invalid = profile.validationError(); !invalid.isEmpty())
        return std::unexpected(
            AwsError::configuration(tr("Profile '%1': %2").arg(profile.name, invalid)));
    Result<std::shared_ptr<aws::CredentialsProvider>> credentials;
    if (typedSecret && profile.kind == Profile::Kind::AccessKey) {
        aws::AwsCredentials typed;
        typed.accessKeyId = profile.accessKeyId;
        typed.secretAccessKey = typedSecret->secretAccessKey;
        typed.sessionToken = typedSecret->sessionToken;
        typed.source = tr("the keys typed for profile '%1' (not saved)").arg(profile.name);
        credentials = std::make_shared<aws::StaticCredentialsProvider>(std::move(typed));
    } else {
        credentials = credentialsFor(profile);
    }
    if (!credentials)
        return std::unexpected(credentials.error());

    ProfileConnection connection;
    connection.profile = profile;
    std::optional<EndpointResolver> cliResolver;
    std::optional<AwsCliSetup> cliSetup;
    if (profile.kind == Profile::Kind::AwsCliProfile) {
        auto setup = awsCliSetup(profile, m_env);
        if (!setup)
            return std::unexpected(setup.error());
        cliResolver = awsCliEndpointResolver(profile, *setup, m_env);
        cliSetup = std::move(*setup);
    }
    auto security = transportSecurity(cliSetup, m_env, m_allowInsecureHttp);
    if (!security)
        return std::unexpected(security.error());
    if (profile.allowInsecureHttp)
        security->allowInsecureHttpBy(insecureHttpOrigin(profile));
    aws::ClientConfig *configs[] = { &connection.secretsManager, &connection.sts, &connection.iam };
    for (int i = 0; i < 3; ++i) {
        auto endpoint = cliResolver ? cliResolver->resolve(kServices[i])
                                    : ownProfileEndpoint(profile, kServices[i], m_sandboxEndpoint);
        if (!endpoint)
            return std::unexpected(endpoint.error());
        *configs[i] = configFor(*endpoint);
        configs[i]->credentials = *credentials;
        const auto warning = security->secure(*configs[i]);
        if (!warning)
            return std::unexpected(warning.error());
        if (!warning->isEmpty() && !connection.warnings.contains(*warning))
            connection.warnings << *warning;
        if (i == 0) {
            connection.regionSource = endpoint->regionSource;
            connection.endpointSource = endpoint->urlSource;
        }
    }
    return connection;
}

Result<std::shared_ptr<aws::CredentialsProvider>>
ProfileConnector::credentialsFor(const Profile &profile) const
{
    return provider(profile, {});
}

Result<std::shared_ptr<aws::CredentialsProvider>>
ProfileConnector::provider(const Profile &profile, QSet<QUuid> visited) const
{
    if (visited.contains(profile.id)) {
        return std::unexpected(AwsError::configuration(
            tr("Profile '%1' assumes a role with its own credentials (a cycle of source "
               "profiles).")
                .arg(profile.name)));
    }
    visited.insert(profile.id);

    switch (profile.kind) {
    case Profile::Kind::AccessKey:
        if (!m_store)
            return std::unexpected(AwsError::configuration(tr("The profiles are not available.")));
        return std::make_shared<KeychainCredentialsProvider>(m_store, profile.id,
                                                             profile.accessKeyId, profile.name);

    case Profile::Kind::AssumeRole: {
        const auto source = m_store ? m_store->profile(profile.sourceProfileId) : std::nullopt;
        if (!source) {
            return std::unexpected(AwsError::configuration(
                tr("The source profile of '%1' does not exist.").arg(profile.name)));
        }
        auto sourceProvider = provider(*source, visited);
        if (!sourceProvider)
            return sourceProvider;
        aws::AssumeRoleParams params;
        params.roleArn = profile.roleArn;
        params.roleSessionName = profile.roleSessionName;
        params.externalId = profile.externalId;
        params.mfaSerial = profile.mfaSerial;
        params.durationSeconds = profile.durationSeconds;
        params.region = profile.region;
        params.profile = profile.name;
        // STS for the role is where the role's profile points (its region and endpoint).
        auto security = transportSecurity(std::nullopt, m_env, m_allowInsecureHttp);
        if (!security)
            return std::unexpected(security.error());
        if (profile.allowInsecureHttp)
            security->allowInsecureHttpBy(insecureHttpOrigin(profile));
        auto stsConfig = [profile, sandbox = m_sandboxEndpoint, security = *security](
                             const aws::AssumeRoleParams &) -> Result<aws::ClientConfig> {
            auto endpoint = ownProfileEndpoint(profile, EndpointResolver::Service::Sts, sandbox);
            if (!endpoint)
                return std::unexpected(endpoint.error());
            return secured(configFor(*endpoint), security);
        };
        auto role = std::make_shared<aws::AssumeRoleCredentialsProvider>(
            std::move(params), *sourceProvider,
            StsAssumeRoleAdapter::make(m_transport, std::move(stsConfig)));
        if (m_mfaCode)
            role->setMfaCodeFunction(m_mfaCode);
        return role;
    }

    case Profile::Kind::AwsCliProfile: {
        auto setup = awsCliSetup(profile, m_env);
        if (!setup)
            return std::unexpected(setup.error());
        aws::CredentialsChainOptions options;
        options.profile = setup->selection.name;
        options.region = profile.region;
        options.mfaCode = m_mfaCode;
        // Role sessions are shared with the AWS CLI (its cache folder, its keys).
        options.roleCacheDirectory
            = aws::AwsCliRoleCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath()));
        auto security = transportSecurity(*setup, m_env, m_allowInsecureHttp);
        if (!security)
            return std::unexpected(security.error());
        if (profile.allowInsecureHttp)
            security->allowInsecureHttpBy(insecureHttpOrigin(profile));
        auto stsConfig = [profile, setup = *setup, env = m_env, security = *security](
                             const aws::AssumeRoleParams &params) -> Result<aws::ClientConfig> {
            EndpointResolver resolver = awsCliEndpointResolver(profile, setup, env);
            if (!params.region.isEmpty())
                resolver.setRegion(params.region, u"region"_s);
            auto endpoint = resolver.resolve(EndpointResolver::Service::Sts);
            if (endpoint)
                return secured(configFor(*endpoint), security);
            if (!params.region.isEmpty())
                return std::unexpected(endpoint.error());
            // No region anywhere: STS's global endpoint, as the SDKs used to default to.
            aws::ClientConfig config;
            config.region = u"us-east-1"_s;
            config.endpoint = QUrl(u"https://sts.amazonaws.com"_s);
            return secured(std::move(config), security);
        };
        options.assumeRoleWithWebIdentity = StsWebIdentityAdapter::make(m_transport, stsConfig);
        options.containerTransport = m_transport;
        options.assumeRole = StsAssumeRoleAdapter::make(m_transport, std::move(stsConfig));
        options.identityCenter = IdentityCenterAdapter::make(m_transport, setup->files, setup->selection,
                                                             m_env, *security);
        options.ssoCacheDirectory
            = aws::SsoTokenCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath()));
        options.ssoLogin = m_ssoLogin;
        auto chain
            = std::make_shared<aws::CredentialsChain>(setup->files, std::move(options), m_env);
        // Resolving now reports a broken role chain (with file and line) before anything is sent.
        if (auto resolved = chain->resolve(); !resolved)
            return std::unexpected(resolved.error());
        return chain;
    }

    case Profile::Kind::Sso: {
        auto client = identityCenterFor(profile);
        if (!client)
            return std::unexpected(client.error());
        auto tokens = std::make_shared<aws::SsoTokenProvider>(profile.ssoConfig(), ssoTokenCache(),
                                                              std::move(*client));
        if (m_ssoLogin)
            tokens->setLoginFunction(m_ssoLogin);
        return std::make_shared<aws::SsoCredentialsProvider>(std::move(tokens));
    }

    case Profile::Kind::LocalSandbox:
        // Its own endpoint is a sandbox of its own (coffer-cli serve), which takes the
        // documented demo keys; without one it is the running built-in sandbox, with its key.
        return std::make_shared<aws::StaticCredentialsProvider>(
            profile.endpoint.isEmpty() ? m_sandboxCredentials : defaultSandboxCredentials());
    }
    return std::unexpected(AwsError::configuration(tr("Unknown profile kind.")));
}

Result<std::shared_ptr<aws::IdentityCenterClient>>
ProfileConnector::identityCenterFor(const Profile &profile) const
{
    auto security = transportSecurity(std::nullopt, m_env, m_allowInsecureHttp);
    if (!security)
        return std::unexpected(security.error());
    if (profile.allowInsecureHttp)
        security->allowInsecureHttpBy(insecureHttpOrigin(profile));
    return IdentityCenterAdapter::makeForEndpoint(m_transport, profile.endpoint,
                                                  profileOrigin(profile),
                                                  *security)(profile.ssoRegion);
}

aws::SsoTokenCache ProfileConnector::ssoTokenCache() const
{
    return aws::SsoTokenCache(
        aws::SsoTokenCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath())));
}

void ProfileConnector::signOut(const Profile &profile, QObject *context,
                               std::function<void(Result<aws::SsoTokenProvider::SignOut>)> callback) const
{
    if (profile.kind == Profile::Kind::Sso) {
        auto client = identityCenterFor(profile);
        if (!client)
            return callback(std::unexpected(client.error()));
        auto tokens = std::make_shared<aws::SsoTokenProvider>(profile.ssoConfig(), ssoTokenCache(),
                                                              std::move(*client));
        tokens->signOut(context, [tokens, callback = std::move(callback)](
                                     Result<aws::SsoTokenProvider::SignOut> result) {
            callback(std::move(result));
        });
        return;
    }
    auto setup = awsCliSetup(profile, m_env);
    if (!setup)
        return callback(std::unexpected(setup.error()));
    auto config = aws::SsoProfile::resolve(setup->files, setup->selection.name, false);
    if (!config)
        return callback(std::unexpected(config.error()));
    if (!*config) {
        return callback(std::unexpected(AwsError::configuration(
            tr("Profile %1 does not sign in with IAM Identity Center.").arg(profile.name))));
    }
    auto security = transportSecurity(*setup, m_env, m_allowInsecureHttp);
    if (!security)
        return callback(std::unexpected(security.error()));
    auto client = IdentityCenterAdapter::make(m_transport, setup->files, setup->selection, m_env,
                                              *security)((*config)->region);
    if (!client)
        return callback(std::unexpected(client.error()));
    auto tokens = std::make_shared<aws::SsoTokenProvider>(
        **config,
        aws::SsoTokenCache(aws::SsoTokenCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath()))),
        *client);
    // The provider lives until the answer came.
    tokens->signOut(context, [tokens, callback = std::move(callback)](
                                 Result<aws::SsoTokenProvider::SignOut> result) { callback(std::move(result)); });
}

} // namespace coffer
