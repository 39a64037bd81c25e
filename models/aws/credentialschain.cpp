// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/credentialschain.h"

#include "models/aws/awsclirolecache.h"
#include "models/aws/containercredentialsprovider.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/processcredentialsprovider.h"
#include "models/aws/ssocredentialsprovider.h"
#include "models/aws/ssoprofile.h"
#include "models/aws/staticcredentialsprovider.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// sts:AssumeRole accepts 15 minutes to 12 hours (the role's maximum may be lower).
constexpr int MinimumDurationSeconds = 900;
constexpr int MaximumDurationSeconds = 43200;

AwsError credentialsMissing(const QString &message)
{
    return AwsError::credentialsMissing(message);
}

} // namespace

CredentialsChain::CredentialsChain(AwsSharedFiles files, CredentialsChainOptions options,
                                   QProcessEnvironment env)
    : m_files(std::move(files))
    , m_options(std::move(options))
    , m_env(std::move(env))
    , m_selection(AwsSharedFiles::selectProfile(m_options.profile, m_env))
{
}

CredentialsChain::~CredentialsChain() = default;

Result<std::shared_ptr<CredentialsChain>>
CredentialsChain::fromEnvironment(CredentialsChainOptions options, QProcessEnvironment env)
{
    auto files = AwsSharedFiles::load(env);
    if (!files)
        return std::unexpected(files.error());
    return std::make_shared<CredentialsChain>(std::move(*files), std::move(options),
                                              std::move(env));
}

Result<std::shared_ptr<CredentialsProvider>> CredentialsChain::resolve()
{
    if (m_resolved)
        return m_resolved;
    m_roles.clear();
    auto built = build();
    if (!built) {
        m_roles.clear();
        return built;
    }
    m_resolved = *built;
    return m_resolved;
}

void CredentialsChain::credentials(QObject *context, Callback callback)
{
    auto provider = resolve();
    if (!provider) {
        callback(std::unexpected(provider.error()));
        return;
    }
    (*provider)->credentials(context, std::move(callback));
}

void CredentialsChain::invalidate()
{
    if (m_resolved)
        m_resolved->invalidate();
}

QString CredentialsChain::description() const
{
    if (m_resolved)
        return m_resolved->description();
    return tr("profile %1").arg(m_selection.name);
}

void CredentialsChain::setMfaTokenCode(const QString &mfaSerial, const QString &code)
{
    for (const auto &role : std::as_const(m_roles)) {
        if (role->params().mfaSerial == mfaSerial)
            role->setMfaTokenCode(code);
    }
}

QString CredentialsChain::stsRegion() const
{
    if (!m_options.region.isEmpty())
        return m_options.region;
    const EndpointResolver resolver(m_files, m_selection, m_env);
    const auto region = resolver.resolveRegion();
    return region ? region->region : QString();
}

Result<std::optional<AwsCredentials>> CredentialsChain::environmentKeys() const
{
    const QString id = m_env.value(u"AWS_ACCESS_KEY_ID"_s);
    const QString secret = m_env.value(u"AWS_SECRET_ACCESS_KEY"_s);
    if (id.isEmpty() && secret.isEmpty())
        return std::optional<AwsCredentials>();
    if (id.isEmpty() || secret.isEmpty()) {
        return std::unexpected(AwsError::configuration(
            tr("%1 is set but %2 is not")
                .arg(id.isEmpty() ? u"AWS_SECRET_ACCESS_KEY"_s : u"AWS_ACCESS_KEY_ID"_s,
                     id.isEmpty() ? u"AWS_ACCESS_KEY_ID"_s : u"AWS_SECRET_ACCESS_KEY"_s)));
    }
    AwsCredentials credentials;
    credentials.accessKeyId = id;
    credentials.secretAccessKey = secret;
    // AWS_SECURITY_TOKEN is the older name, still read by the AWS CLI.
    credentials.sessionToken = m_env.value(u"AWS_SESSION_TOKEN"_s);
    if (credentials.sessionToken.isEmpty())
        credentials.sessionToken = m_env.value(u"AWS_SECURITY_TOKEN"_s);
    credentials.source = tr("environment variables");
    return std::optional<AwsCredentials>(credentials);
}

Result<std::optional<AwsCredentials>> CredentialsChain::staticKeys(const AwsConfigFile &file,
                                                                   const QString &profile) const
{
    const AwsConfigSection *section = file.profile(profile);
    if (!section)
        return std::optional<AwsCredentials>();
    const AwsConfigProperty *id = section->property(u"aws_access_key_id"_s);
    const AwsConfigProperty *secret = section->property(u"aws_secret_access_key"_s);
    const bool hasId = id && !id->value.isEmpty();
    const bool hasSecret = secret && !secret->value.isEmpty();
    if (!hasId && !hasSecret)
        return std::optional<AwsCredentials>();
    if (!hasId || !hasSecret) {
        const AwsConfigProperty *present = hasId ? id : secret;
        return std::unexpected(AwsError::configuration(
            tr("%1: profile '%2' has %3 but no %4")
                .arg(file.location(present->line), profile,
                     hasId ? u"aws_access_key_id"_s : u"aws_secret_access_key"_s,
                     hasId ? u"aws_secret_access_key"_s : u"aws_access_key_id"_s)));
    }
    AwsCredentials credentials;
    credentials.accessKeyId = id->value;
    credentials.secretAccessKey = secret->value;
    for (const QString &key : {u"aws_session_token"_s, u"aws_security_token"_s}) {
        if (const auto token = section->value(key); token && !token->isEmpty()) {
            credentials.sessionToken = *token;
            break;
        }
    }
    credentials.source = tr("profile %1 in %2").arg(profile, file.displayPath());
    return std::optional<AwsCredentials>(credentials);
}

CredentialsChain::ProviderResult CredentialsChain::ssoCredentials(const QString &profile)
{
    auto config = SsoProfile::resolve(m_files, profile, true);
    if (!config)
        return std::unexpected(config.error());
    if (!*config)
        return std::shared_ptr<CredentialsProvider>();
    // Without a factory the chain only checks the settings (the profile catalog does that).
    std::shared_ptr<IdentityCenterClient> client;
    if (m_options.identityCenter) {
        auto made = m_options.identityCenter((*config)->region);
        if (!made)
            return std::unexpected(made.error());
        client = std::move(*made);
    }
    const QString cacheDirectory = m_options.ssoCacheDirectory.isEmpty()
            ? SsoTokenCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath()))
            : m_options.ssoCacheDirectory;
    auto tokens = std::make_shared<SsoTokenProvider>(std::move(**config), SsoTokenCache(cacheDirectory),
                                                     std::move(client));
    if (m_options.ssoLogin)
        tokens->setLoginFunction(m_options.ssoLogin);
    auto provider = std::make_shared<SsoCredentialsProvider>(std::move(tokens));
    if (m_options.clock)
        provider->setClock(m_options.clock);
    return provider;
}

bool CredentialsChain::hasStaticKeys(const QString &profile) const
{
    return m_files.setting(profile, u"aws_access_key_id"_s)
           || m_files.setting(profile, u"aws_secret_access_key"_s);
}

CredentialsChain::ProviderResult CredentialsChain::ownCredentials(const QString &profile)
{
    // The order of botocore's profile providers: SSO, credentials file, process, config file.
    auto sso = ssoCredentials(profile);
    if (!sso || *sso)
        return sso;

    auto fromCredentialsFile = staticKeys(m_files.credentials, profile);
    if (!fromCredentialsFile)
        return std::unexpected(fromCredentialsFile.error());
    if (*fromCredentialsFile)
        return std::make_shared<StaticCredentialsProvider>(**fromCredentialsFile);

    if (const auto process = m_files.setting(profile, u"credential_process"_s)) {
        const auto words = ProcessCredentialsProvider::splitCommandLine(process->value);
        if (!words || words->isEmpty()) {
            return std::unexpected(AwsError::configuration(
                tr("%1: credential_process of profile '%2' has an unterminated quote or a "
                   "trailing backslash")
                    .arg(process->location, profile)));
        }
        auto provider =
            std::make_shared<ProcessCredentialsProvider>(process->value, process->origin);
        if (m_options.clock)
            provider->setClock(m_options.clock);
        return provider;
    }

    auto fromConfigFile = staticKeys(m_files.config, profile);
    if (!fromConfigFile)
        return std::unexpected(fromConfigFile.error());
    if (*fromConfigFile)
        return std::make_shared<StaticCredentialsProvider>(**fromConfigFile);

    return std::shared_ptr<CredentialsProvider>();
}

Result<std::shared_ptr<CredentialsProvider>>
CredentialsChain::credentialSource(const QString &profile, const AwsProfileSetting &setting)
{
    const QString source = setting.value;
    if (source.compare(u"Environment"_s, Qt::CaseInsensitive) == 0) {
        auto keys = environmentKeys();
        if (!keys)
            return std::unexpected(keys.error());
        if (!*keys) {
            return std::unexpected(credentialsMissing(
                tr("%1: profile '%2' takes its credentials from the environment "
                   "(credential_source = Environment), but AWS_ACCESS_KEY_ID is not set")
                    .arg(setting.location, profile)));
        }
        return std::make_shared<StaticCredentialsProvider>(**keys);
    }
    if (source == u"EcsContainer"_s) {
        auto container = buildContainer();
        if (!container || *container)
            return container;
        return std::unexpected(credentialsMissing(
            tr("%1: profile '%2' takes its credentials from the container (credential_source = "
               "EcsContainer), but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor "
               "AWS_CONTAINER_CREDENTIALS_FULL_URI is set")
                .arg(setting.location, profile)));
    }
    if (source == u"Ec2InstanceMetadata"_s) {
        return std::unexpected(AwsError::configuration(
            tr("%1: credential_source = %2 in profile '%3' is for programs running on AWS; "
               "Coffer cannot use it")
                .arg(setting.location, source, profile)));
    }
    return std::unexpected(AwsError::configuration(
        tr("%1: credential_source of profile '%2' must be Environment, Ec2InstanceMetadata or "
           "EcsContainer")
            .arg(setting.location, profile)));
}

CredentialsChain::ProviderResult CredentialsChain::buildWebIdentity(const QString &profile,
                                                                    bool environmentAllowed)
{
    // botocore's AssumeRoleWithWebIdentityProvider: each setting from its variable, else from
    // the profile; the variables are ignored for an explicitly chosen profile.
    struct Setting
    {
        QString value;
        QString location; ///< "~/.aws/config line 3", or the variable's name
    };
    const auto setting = [&](const QString &key, const QString &variable) -> Setting {
        if (environmentAllowed && !variable.isEmpty() && m_env.contains(variable))
            return { m_env.value(variable), variable };
        if (const auto fromProfile = m_files.setting(profile, key))
            return { fromProfile->value, fromProfile->location };
        return {};
    };
    const Setting tokenFile
        = setting(u"web_identity_token_file"_s, u"AWS_WEB_IDENTITY_TOKEN_FILE"_s);
    if (tokenFile.value.isEmpty())
        return std::shared_ptr<CredentialsProvider>();
    const Setting roleArn = setting(u"role_arn"_s, u"AWS_ROLE_ARN"_s);
    if (roleArn.value.isEmpty()) {
        return std::unexpected(AwsError::configuration(
            tr("%1: a web identity token file is configured but no role: set role_arn in "
               "profile '%2' or AWS_ROLE_ARN")
                .arg(tokenFile.location, profile)));
    }

    WebIdentityParams params;
    params.roleArn = roleArn.value;
    params.tokenFile = tokenFile.value;
    params.roleSessionName = setting(u"role_session_name"_s, u"AWS_ROLE_SESSION_NAME"_s).value;
    params.region = stsRegion();
    // Name the profile only when the token file comes from it (the messages say where to look).
    if (tokenFile.location != u"AWS_WEB_IDENTITY_TOKEN_FILE"_s)
        params.profile = profile;
    const Setting duration = setting(u"duration_seconds"_s, QString());
    if (!duration.value.isEmpty()) {
        bool ok = false;
        const int seconds = duration.value.toInt(&ok);
        if (!ok || seconds < MinimumDurationSeconds || seconds > MaximumDurationSeconds) {
            return std::unexpected(AwsError::configuration(
                tr("%1: duration_seconds must be a number of seconds from %2 to %3")
                    .arg(duration.location, QString::number(MinimumDurationSeconds),
                         QString::number(MaximumDurationSeconds))));
        }
        params.durationSeconds = seconds;
    }
    auto provider = std::make_shared<WebIdentityCredentialsProvider>(
        std::move(params), m_options.assumeRoleWithWebIdentity);
    if (m_options.clock)
        provider->setClock(m_options.clock);
    return provider;
}

CredentialsChain::ProviderResult CredentialsChain::buildContainer()
{
    auto endpoint = ContainerCredentialsEndpoint::fromEnvironment(m_env);
    if (!endpoint)
        return std::unexpected(endpoint.error());
    if (!*endpoint)
        return std::shared_ptr<CredentialsProvider>();
    auto provider = std::make_shared<ContainerCredentialsProvider>(std::move(**endpoint),
                                                                   m_options.containerTransport);
    if (m_options.clock)
        provider->setClock(m_options.clock);
    return provider;
}

CredentialsChain::ProviderResult CredentialsChain::buildAssumeRole(const QString &profile,
                                                                   QStringList visited)
{
    const auto roleArn = m_files.setting(profile, u"role_arn"_s);
    Q_ASSERT(roleArn);
    const auto sourceProfile = m_files.setting(profile, u"source_profile"_s);
    const auto credentialSourceSetting = m_files.setting(profile, u"credential_source"_s);
    // A web identity profile as a source_profile: its role, from its own settings only.
    if (!sourceProfile && !credentialSourceSetting
        && m_files.setting(profile, u"web_identity_token_file"_s))
        return buildWebIdentity(profile, false);

    if (sourceProfile && credentialSourceSetting) {
        return std::unexpected(AwsError::configuration(
            tr("%1: profile '%2' has both source_profile and credential_source; keep one")
                .arg(sourceProfile->location, profile)));
    }
    if (!sourceProfile && !credentialSourceSetting) {
        return std::unexpected(AwsError::configuration(
            tr("%1: profile '%2' has role_arn but neither source_profile nor credential_source")
                .arg(roleArn->location, profile)));
    }

    AssumeRoleParams params;
    params.roleArn = roleArn->value;
    params.profile = profile;
    params.region = stsRegion();
    if (const auto name = m_files.setting(profile, u"role_session_name"_s))
        params.roleSessionName = name->value;
    if (const auto externalId = m_files.setting(profile, u"external_id"_s))
        params.externalId = externalId->value;
    if (const auto serial = m_files.setting(profile, u"mfa_serial"_s))
        params.mfaSerial = serial->value;
    if (const auto duration = m_files.setting(profile, u"duration_seconds"_s)) {
        bool ok = false;
        const int seconds = duration->value.toInt(&ok);
        if (!ok || seconds < MinimumDurationSeconds || seconds > MaximumDurationSeconds) {
            return std::unexpected(AwsError::configuration(
                tr("%1: duration_seconds must be a number of seconds from %2 to %3")
                    .arg(duration->location, QString::number(MinimumDurationSeconds),
                         QString::number(MaximumDurationSeconds))));
        }
        params.durationSeconds = seconds;
    }

    std::shared_ptr<CredentialsProvider> source;
    if (credentialSourceSetting) {
        auto fromSource = credentialSource(profile, *credentialSourceSetting);
        if (!fromSource)
            return fromSource;
        source = *fromSource;
    } else {
        const QString sourceName = sourceProfile->value;
        if (!m_files.hasProfile(sourceName)) {
            return std::unexpected(AwsError::configuration(
                tr("%1: source_profile '%2' of profile '%3' not found in %4 or %5")
                    .arg(sourceProfile->location, sourceName, profile,
                         m_files.config.displayPath(), m_files.credentials.displayPath())));
        }
        if (visited.contains(sourceName)) {
            // A profile may name itself to combine its own keys with a role (botocore allows
            // it); any other repetition is a loop.
            if (sourceName != profile || !hasStaticKeys(profile)) {
                return std::unexpected(AwsError::configuration(
                    tr("source_profile cycle %1")
                        .arg((visited + QStringList{sourceName}).join(u" → "_s))));
            }
        }
        visited.append(sourceName);

        // A source profile with keys (or without a role) gives its own credentials, even if
        // it also has a role: that is how the SDKs chain roles.
        if (sourceName == profile || hasStaticKeys(sourceName)
            || !m_files.setting(sourceName, u"role_arn"_s)) {
            auto own = ownCredentials(sourceName);
            if (!own)
                return own;
            if (!*own) {
                return std::unexpected(credentialsMissing(
                    tr("%1: source_profile '%2' of profile '%3' has no credentials (no keys, "
                       "credential_process or role_arn)")
                        .arg(sourceProfile->location, sourceName, profile)));
            }
            source = *own;
        } else {
            auto role = buildAssumeRole(sourceName, visited);
            if (!role)
                return role;
            source = *role;
        }
    }

    auto provider = std::make_shared<AssumeRoleCredentialsProvider>(std::move(params), source,
                                                                   m_options.assumeRole);
    if (m_options.mfaCode)
        provider->setMfaCodeFunction(m_options.mfaCode);
    if (!m_options.roleCacheDirectory.isEmpty())
        provider->setRoleCache(std::make_shared<AwsCliRoleCache>(m_options.roleCacheDirectory));
    if (m_options.clock)
        provider->setClock(m_options.clock);
    m_roles.append(provider);
    return provider;
}

CredentialsChain::ProviderResult CredentialsChain::build()
{
    const QString profile = m_selection.name;

    if (!m_selection.explicitlyChosen) {
        auto keys = environmentKeys();
        if (!keys)
            return std::unexpected(keys.error());
        if (*keys)
            return std::make_shared<StaticCredentialsProvider>(**keys);
    }

    if (!m_files.hasProfile(profile)) {
        if (m_selection.isRequired())
            return std::unexpected(m_files.profileNotFound(profile));
        // A CI job or a pod has no profile: only the environment configures it.
        if (auto webIdentity = buildWebIdentity(profile, !m_selection.explicitlyChosen);
            !webIdentity || *webIdentity)
            return webIdentity;
        if (auto container = buildContainer(); !container || *container)
            return container;
        return std::unexpected(credentialsMissing(
            tr("no AWS credentials found: AWS_ACCESS_KEY_ID is not set and there is no profile "
               "'%1' in %2 or %3")
                .arg(profile, m_files.config.displayPath(), m_files.credentials.displayPath())));
    }

    // role_arn with a web identity token file is the web identity provider's (botocore's
    // AssumeRoleProvider skips it).
    if (m_files.setting(profile, u"role_arn"_s)
        && !m_files.setting(profile, u"web_identity_token_file"_s))
        return buildAssumeRole(profile, {profile});

    // Web identity: the profile's token file, or the environment's.
    if (auto webIdentity = buildWebIdentity(profile, !m_selection.explicitlyChosen);
        !webIdentity || *webIdentity)
        return webIdentity;

    auto own = ownCredentials(profile);
    if (!own)
        return own;
    if (!*own) {
        // Nothing in the profile: a container endpoint, as the SDKs try last.
        if (auto container = buildContainer(); !container || *container)
            return container;
        return std::unexpected(credentialsMissing(
            tr("profile '%1' has no credentials: it sets none of aws_access_key_id, "
               "credential_process, role_arn or sso_session in %2 or %3")
                .arg(profile, m_files.config.displayPath(), m_files.credentials.displayPath())));
    }
    return own;
}

} // namespace coffer::aws
