// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clicontext.h"

#include "models/aws/awsclient.h"
#include "models/aws/awsclirolecache.h"
#include "models/aws/credentialschain.h"
#include "models/aws/identitycenterclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/ssoprofile.h"
#include "models/aws/stsclient.h"
#include "models/aws/transportsecurity.h"
#include "models/core/appinfo.h"
#include "models/profiles/profile.h"
#include "models/profiles/profileconnection.h"
#include "models/profiles/identitycenteradapter.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "models/profiles/stsassumeroleadapter.h"
#include "models/profiles/stswebidentityadapter.h"
#include "models/sandbox/sandboxserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QTimeZone>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::cli {

using aws::AwsError;
using aws::EndpointResolver;
using aws::Result;

struct CliContext::AwsSetup
{
    aws::AwsProfileSelection profile;
    CliProfileOrigin origin = CliProfileOrigin::None;
    QString originDescription;

    // A profile of the ~/.aws files (or none).
    aws::AwsSharedFiles files;
    std::shared_ptr<aws::CredentialsChain> chain;

    // One of Coffer's profiles, with --region and --endpoint-url applied.
    std::optional<ProfileConnection> connection;

    std::shared_ptr<aws::CredentialsProvider> provider;
    /// AWS_CA_BUNDLE / ca_bundle and the plain-HTTP opt-in, for every client.
    aws::TransportSecurity security;
};

namespace {
QString trContext(const char *text)
{
    return QCoreApplication::translate("coffer::cli::CliContext", text);
}

/// How to give the code an assume-role profile with mfa_serial needs, when none could be asked.
QString mfaCodeHint()
{
    return trContext("An MFA code is needed: pass the device's current code with --mfa-code "
                     "CODE, or run coffer-cli on a terminal to be asked for it.");
}

void writeTo(FILE *stream, const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString cofferOriginDescription(const Profile &profile, const ProfileStore &store)
{
    switch (profile.kind) {
    case Profile::Kind::AccessKey:
        return trContext("Coffer profile '%1' (credentials in the OS keychain)").arg(profile.name);
    case Profile::Kind::AssumeRole: {
        const auto source = store.profile(profile.sourceProfileId);
        return trContext("Coffer profile '%1' (assumes %2 with profile '%3')")
            .arg(profile.name, profile.roleArn, source ? source->name : QString());
    }
    case Profile::Kind::AwsCliProfile:
        return trContext("Coffer profile '%1' (uses ~/.aws profile '%2')")
            .arg(profile.name, profile.awsProfileName);
    case Profile::Kind::LocalSandbox:
        return trContext("Coffer profile '%1' (local sandbox)").arg(profile.name);
    case Profile::Kind::Sso:
        return trContext("Coffer profile '%1' (IAM Identity Center %2, role %3 in account %4)")
            .arg(profile.name, profile.ssoStartUrl, profile.ssoRoleName, profile.ssoAccountId);
    }
    return trContext("Coffer profile '%1'").arg(profile.name);
}

aws::ResolvedEndpoint endpointOf(const aws::ClientConfig &config, const QString &signingName,
                                 const ProfileConnection &connection)
{
    aws::ResolvedEndpoint endpoint;
    endpoint.url = config.endpoint;
    endpoint.urlSource = connection.endpointSource;
    endpoint.signingRegion = config.signingRegion;
    endpoint.signingName = signingName;
    endpoint.region = config.region;
    endpoint.regionSource = connection.regionSource;
    return endpoint;
}
} // namespace

CliContext::CliContext(CliGlobals globals, QProcessEnvironment env, QObject *parent)
    : QObject(parent)
    , m_globals(std::move(globals))
    , m_env(std::move(env))
{ }

CliContext::~CliContext() = default;

// --- AWS -------------------------------------------------------------------------------------

Result<CliContext::AwsSetup *> CliContext::awsSetup()
{
    if (m_setup)
        return m_setup.get();

    auto setup = std::make_unique<AwsSetup>();
    setup->profile = aws::AwsSharedFiles::selectProfile(m_globals.profile, m_env);
    // A profile the user named is looked up among Coffer's own first; those do not depend on the
    // ~/.aws files at all, so a broken file there does not get in their way.
    if (setup->profile.isRequired()) {
        auto *store = new ProfileStore(nullptr, this);
        if (const auto profile = store->profileByName(setup->profile.name)) {
            setup->originDescription = cofferOriginDescription(*profile, *store);
            if (auto done = setUpCofferProfile(*setup, store, *profile); !done)
                return std::unexpected(done.error());
            m_setup = std::move(setup);
            return m_setup.get();
        }
        store->deleteLater();
    }
    if (auto done = setUpSharedFilesProfile(*setup); !done)
        return std::unexpected(done.error());
    m_setup = std::move(setup);
    return m_setup.get();
}

Result<void> CliContext::setUpCofferProfile(AwsSetup &setup, ProfileStore *store,
                                            const Profile &found)
{
    auto region = regionOverride();
    if (!region)
        return std::unexpected(region.error());
    auto endpointUrl = endpointOverride();
    if (!endpointUrl)
        return std::unexpected(endpointUrl.error());

    Profile profile = found;
    if (profile.kind == Profile::Kind::LocalSandbox && profile.endpoint.isEmpty()
        && !*endpointUrl) {
        return std::unexpected(AwsError::configuration(
            trContext("Profile '%1' is a local sandbox profile without an endpoint. Start "
                      "'coffer-cli serve' and pass the URL it prints with --endpoint-url.")
                .arg(profile.name)));
    }
    if (*region)
        profile.region = **region;

    ProfileConnector connector(store, transport());
    connector.setEnvironment(m_env);
    if (auto mfaCode = mfaCodeFunction())
        connector.setMfaCodeFunction(std::move(mfaCode));
    // A sandbox profile talks to `coffer-cli serve`, which accepts the documented demo keys.
    connector.setSandboxCredentials(sandbox::SandboxServer::demoCredentials());
    if (m_globals.allowInsecureHttp)
        connector.setAllowInsecureHttp(u"--allow-insecure-http"_s);
    if (*endpointUrl)
        connector.setSandboxEndpoint(**endpointUrl);
    auto connection = connector.connection(profile);
    bool defaultRegion = false;
    if (!connection && *endpointUrl && profile.region.isEmpty()) {
        // As for ~/.aws profiles: a local endpoint does not care about the region, SigV4 needs one.
        profile.region = u"us-east-1"_s;
        connection = connector.connection(profile);
        defaultRegion = true;
    }
    if (!connection)
        return std::unexpected(connection.error());

    if (*region)
        connection->regionSource = u"--region"_s;
    else if (defaultRegion)
        connection->regionSource = u"default"_s;
    if (*endpointUrl) {
        // --endpoint-url is for the command's own service; an assumed role's STS stays where the
        // profile points, as for ~/.aws profiles.
        connection->secretsManager.endpoint = **endpointUrl;
        connection->sts.endpoint = **endpointUrl;
        connection->endpointSource = u"--endpoint-url"_s;
    }
    auto security = aws::TransportSecurity::fromEnvironment(m_env);
    if (!security)
        return std::unexpected(security.error());
    if (m_globals.allowInsecureHttp)
        security->allowInsecureHttpBy(u"--allow-insecure-http"_s);
    else if (profile.allowInsecureHttp)
        security->allowInsecureHttpBy(ProfileConnector::insecureHttpOrigin(profile));
    setup.security = std::move(*security);
    setup.origin = CliProfileOrigin::Coffer;
    setup.provider = connection->secretsManager.credentials;
    setup.connection = std::move(*connection);
    return {};
}

Result<CliContext::IdentityCenterSetup> CliContext::identityCenter()
{
    // One of Coffer's own IAM Identity Center profiles first, as for every other command.
    if (!m_globals.profile.isEmpty()) {
        ProfileStore store;
        if (const auto profile = store.profileByName(m_globals.profile);
            profile && profile->kind == Profile::Kind::Sso) {
            ProfileConnector connector(&store, transport());
            connector.setEnvironment(m_env);
            if (m_globals.allowInsecureHttp)
                connector.setAllowInsecureHttp(u"--allow-insecure-http"_s);
            auto client = connector.identityCenterFor(*profile);
            if (!client)
                return std::unexpected(client.error());
            return IdentityCenterSetup { profile->ssoConfig(), *client, connector.ssoTokenCache() };
        }
    }
    auto files = aws::AwsSharedFiles::load(m_env);
    if (!files)
        return std::unexpected(files.error());
    const aws::AwsProfileSelection selection = aws::AwsSharedFiles::selectProfile(m_globals.profile, m_env);
    if (!files->hasProfile(selection.name))
        return std::unexpected(files->profileNotFound(selection.name));
    auto config = aws::SsoProfile::resolve(*files, selection.name, false);
    if (!config)
        return std::unexpected(config.error());
    if (!*config) {
        return std::unexpected(AwsError::configuration(
            trContext("profile '%1' does not sign in with IAM Identity Center: it has neither sso_session nor "
                      "sso_start_url")
                .arg(selection.name)));
    }
    auto security = aws::TransportSecurity::forProfile(*files, selection.name, m_env);
    if (!security)
        return std::unexpected(security.error());
    if (m_globals.allowInsecureHttp)
        security->allowInsecureHttpBy(u"--allow-insecure-http"_s);
    auto client = IdentityCenterAdapter::make(transport(), *files, selection, m_env, *security)((*config)->region);
    if (!client)
        return std::unexpected(client.error());
    return IdentityCenterSetup{**config, *client,
                               aws::SsoTokenCache(aws::SsoTokenCache::defaultDirectory(
                                   m_env.value(u"HOME"_s, QDir::homePath())))};
}

Result<void> CliContext::setUpSharedFilesProfile(AwsSetup &setup)
{
    auto files = aws::AwsSharedFiles::load(m_env);
    if (!files)
        return std::unexpected(files.error());
    setup.files = std::move(*files);
    // A named profile that does not exist is the first thing to report: everything else about
    // region, endpoint and credentials would only be a consequence of it.
    if (setup.profile.isRequired() && !setup.files.hasProfile(setup.profile.name)) {
        const aws::AwsConfigFile &config = setup.files.config;
        const aws::AwsConfigFile &credentials = setup.files.credentials;
        QString message = trContext("profile '%1' not found among Coffer's profiles (see "
                                    "'coffer-cli profile list'), nor in %2 or %3")
                              .arg(setup.profile.name, config.displayPath(),
                                   credentials.displayPath());
        if (!config.exists() && !credentials.exists())
            message += u' ' + trContext("(neither file exists)");
        else if (!config.exists())
            message += u' ' + trContext("(%1 does not exist)").arg(config.displayPath());
        else if (!credentials.exists())
            message += u' ' + trContext("(%1 does not exist)").arg(credentials.displayPath());
        return std::unexpected(AwsError::configuration(message));
    }
    if (setup.files.config.profile(setup.profile.name)) {
        setup.origin = CliProfileOrigin::AwsSharedFiles;
        setup.originDescription = trContext("%1 profile '%2'")
                                      .arg(setup.files.config.displayPath(), setup.profile.name);
    } else if (setup.files.credentials.profile(setup.profile.name)) {
        setup.origin = CliProfileOrigin::AwsSharedFiles;
        setup.originDescription
            = trContext("%1 profile '%2'")
                  .arg(setup.files.credentials.displayPath(), setup.profile.name);
    } else {
        setup.origin = CliProfileOrigin::None;
        setup.originDescription = trContext("none (no profile '%1' in %2 or %3)")
                                      .arg(setup.profile.name, setup.files.config.displayPath(),
                                           setup.files.credentials.displayPath());
    }

    auto security = aws::TransportSecurity::forProfile(
        setup.files, setup.origin == CliProfileOrigin::None ? QString() : setup.profile.name, m_env);
    if (!security)
        return std::unexpected(security.error());
    if (m_globals.allowInsecureHttp)
        security->allowInsecureHttpBy(u"--allow-insecure-http"_s);
    setup.security = *security;

    aws::CredentialsChainOptions options;
    options.profile = m_globals.profile;
    options.region = m_globals.region;
    options.mfaCode = mfaCodeFunction();
    // Role sessions are shared with the AWS CLI (same cache folder, same keys).
    options.roleCacheDirectory
        = aws::AwsCliRoleCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath()));
    // STS for the role: the profile's STS endpoint in params.region (AWS_ENDPOINT_URL_STS and
    // the profile's services section apply; --endpoint-url is for the command's own service).
    auto stsConfig = [files = setup.files, selection = setup.profile, env = m_env,
                      security = *security](const aws::AssumeRoleParams &params)
        -> Result<aws::ClientConfig> {
        const auto secured = [&security](aws::ClientConfig config) -> Result<aws::ClientConfig> {
            if (auto checked = security.secure(config); !checked)
                return std::unexpected(checked.error());
            return config;
        };
        EndpointResolver resolver(files, selection, env);
        if (!params.region.isEmpty())
            resolver.setRegion(params.region, u"region"_s);
        aws::ClientConfig config;
        auto endpoint = resolver.resolve(EndpointResolver::Service::Sts);
        if (endpoint) {
            config.region = endpoint->region;
            config.endpoint = endpoint->url;
            config.signingRegion = endpoint->signingRegion;
            return secured(std::move(config));
        }
        if (!params.region.isEmpty())
            return std::unexpected(endpoint.error());
        // No region anywhere: STS's global endpoint, as the SDKs used to default to.
        config.region = u"us-east-1"_s;
        config.endpoint = QUrl(u"https://sts.amazonaws.com"_s);
        return secured(std::move(config));
    };
    options.assumeRoleWithWebIdentity = StsWebIdentityAdapter::make(transport(), stsConfig);
    options.containerTransport = transport();
    options.assumeRole = StsAssumeRoleAdapter::make(transport(), std::move(stsConfig));
    options.identityCenter
        = IdentityCenterAdapter::make(transport(), setup.files, setup.profile, m_env, *security);
    options.ssoCacheDirectory
        = aws::SsoTokenCache::defaultDirectory(m_env.value(u"HOME"_s, QDir::homePath()));
    setup.chain = std::make_shared<aws::CredentialsChain>(setup.files, std::move(options), m_env);
    auto provider = setup.chain->resolve();
    if (!provider)
        return std::unexpected(provider.error());
    setup.provider = *provider;
    return {};
}

aws::MfaCodeFunction CliContext::mfaCodeFunction() const
{
    if (!m_globals.mfaCode.isEmpty()) {
        return [code = m_globals.mfaCode](const aws::MfaCodeRequest &, QObject *,
                                          std::function<void(std::optional<QString>)> answer) {
            answer(code);
        };
    }
    if (::isatty(STDIN_FILENO) != 1)
        return {};
    return [](const aws::MfaCodeRequest &request, QObject *,
              std::function<void(std::optional<QString>)> answer) {
        // The AWS CLI's prompt, so scripts driving both through expect see the same text.
        writeTo(stderr, trContext("Enter MFA code for %1: ").arg(request.mfaSerial).toUtf8());
        termios saved {};
        const bool echoOff = ::tcgetattr(STDIN_FILENO, &saved) == 0;
        if (echoOff) {
            termios quiet = saved;
            quiet.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        }
        std::clearerr(stdin);
        char line[256];
        const bool read = std::fgets(line, sizeof line, stdin) != nullptr;
        if (echoOff) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
            writeTo(stderr, "\n");
        }
        const QString code = read ? QString::fromUtf8(line).trimmed() : QString();
        std::fill(std::begin(line), std::end(line), '\0');
        if (code.isEmpty()) {
            answer(std::nullopt);
            return;
        }
        answer(code);
    };
}

Result<std::optional<QString>> CliContext::regionOverride() const
{
    if (m_globals.region.isEmpty())
        return std::nullopt;
    if (!EndpointResolver::isValidRegionName(m_globals.region)) {
        return std::unexpected(AwsError::configuration(
            trContext("--region: '%1' is not a region name (like eu-west-1)")
                .arg(m_globals.region)));
    }
    return m_globals.region;
}

Result<std::optional<QUrl>> CliContext::endpointOverride() const
{
    if (m_globals.endpointUrl.isEmpty())
        return std::nullopt;
    const QUrl url(m_globals.endpointUrl, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https"_s && scheme != u"http"_s) || url.host().isEmpty()) {
        return std::unexpected(AwsError::configuration(
            trContext("--endpoint-url: '%1' is not an http:// or https:// URL")
                .arg(m_globals.endpointUrl)));
    }
    return url;
}

Result<aws::ResolvedEndpoint> CliContext::endpointFor(EndpointResolver::Service service)
{
    auto setup = awsSetup();
    if (!setup)
        return std::unexpected(setup.error());
    EndpointResolver resolver((*setup)->files, (*setup)->profile, m_env);
    auto region = regionOverride();
    if (!region)
        return std::unexpected(region.error());
    if (*region)
        resolver.setRegion(**region);
    auto url = endpointOverride();
    if (!url)
        return std::unexpected(url.error());
    if (*url) {
        resolver.setEndpointUrl(service, **url);
        // A local endpoint (the sandbox, a test server) does not care about the region, but
        // SigV4 needs one; the AWS CLI would refuse, which helps nobody here.
        resolver.setDefaultRegion(u"us-east-1"_s);
    }
    return resolver.resolve(service);
}

Result<aws::ClientConfig> CliContext::clientConfigFor(EndpointResolver::Service service)
{
    auto setup = awsSetup();
    if (!setup)
        return std::unexpected(setup.error());
    aws::ClientConfig config;
    if (const auto &connection = (*setup)->connection) {
        const bool sts = service == EndpointResolver::Service::Sts;
        config = sts ? connection->sts : connection->secretsManager;
        m_lastEndpoint
            = endpointOf(config, sts ? u"sts"_s : u"secretsmanager"_s, *connection);
    } else {
        auto endpoint = endpointFor(service);
        if (!endpoint)
            return std::unexpected(endpoint.error());
        m_lastEndpoint = *endpoint;
        config.region = endpoint->region;
        config.endpoint = endpoint->url;
        config.signingRegion = endpoint->signingRegion;
        config.credentials = (*setup)->provider;
    }
    // Checked here, after --endpoint-url: the URL actually used is the one that counts.
    const auto warning = (*setup)->security.secure(config);
    if (!warning)
        return std::unexpected(warning.error());
    if (!warning->isEmpty() && !m_warnings.contains(*warning)) {
        m_warnings << *warning;
        if (!m_globals.json)
            note(trContext("coffer-cli: warning: %1").arg(*warning));
    }
    return config;
}

aws::AwsClient *CliContext::transport()
{
    if (!m_transport) {
        m_transport = new aws::AwsClient(this);
        m_transport->setUserAgent("coffer-cli/" + coffer::AppInfo::version().toUtf8());
    }
    return m_transport;
}

Result<aws::SecretsManagerClient *> CliContext::secretsManager()
{
    if (m_secrets)
        return m_secrets;
    auto config = clientConfigFor(EndpointResolver::Service::SecretsManager);
    if (!config)
        return std::unexpected(config.error());
    m_secrets = new aws::SecretsManagerClient(transport(), std::move(*config), this);
    return m_secrets;
}

Result<aws::StsClient *> CliContext::sts()
{
    if (m_sts)
        return m_sts;
    auto config = clientConfigFor(EndpointResolver::Service::Sts);
    if (!config)
        return std::unexpected(config.error());
    m_sts = new aws::StsClient(transport(), std::move(*config), this);
    return m_sts;
}

QString CliContext::credentialsDescription() const
{
    return m_setup && m_setup->provider ? m_setup->provider->description() : QString();
}

std::optional<aws::AwsProfileSelection> CliContext::profileSelection() const
{
    if (!m_setup)
        return std::nullopt;
    return m_setup->profile;
}

CliProfileOrigin CliContext::profileOrigin() const
{
    return m_setup ? m_setup->origin : CliProfileOrigin::None;
}

QString CliContext::profileOriginDescription() const
{
    return m_setup ? m_setup->originDescription : QString();
}

QString CliContext::profileOriginName(CliProfileOrigin origin)
{
    switch (origin) {
    case CliProfileOrigin::None:
        return u"None"_s;
    case CliProfileOrigin::AwsSharedFiles:
        return u"AwsSharedFiles"_s;
    case CliProfileOrigin::Coffer:
        return u"Coffer"_s;
    }
    return {};
}

bool CliContext::isProductionProfile()
{
    const auto setup = awsSetup();
    return setup && (*setup)->connection && (*setup)->connection->profile.production;
}

std::expected<void, int> CliContext::confirmWrite(const QString &description,
                                                  const QString &typedName)
{
    if (m_globals.yes || !isProductionProfile())
        return {};
    const QString profileName = m_setup->connection->profile.name;
    if (::isatty(STDIN_FILENO) != 1) {
        const QString message
            = trContext("%1: '%2' is a production profile; pass --yes to confirm the write "
                        "(nothing was sent)")
                  .arg(description, profileName);
        if (m_globals.json) {
            Json document;
            document["Error"] = Json { { "Code", "ConfirmationRequired" },
                                       { "Kind", "Usage" },
                                       { "Message", utf8(message) },
                                       { "ExitCode", toInt(ExitCode::UsageError) } };
            const std::string text = document.dump(2, ' ', false, Json::error_handler_t::replace);
            writeTo(stderr, QByteArray(text.data(), qsizetype(text.size())) + '\n');
        } else {
            writeTo(stderr, (u"coffer-cli: "_s + message + u'\n').toUtf8());
        }
        return std::unexpected(toInt(ExitCode::UsageError));
    }
    const QString question = typedName.isEmpty()
        ? trContext("%1 in production profile '%2'? [y/N] ").arg(description, profileName)
        : trContext("%1 in production profile '%2'? Type '%3' to confirm: ")
              .arg(description, profileName, typedName);
    writeTo(stderr, question.toUtf8());
    // A value read from stdin may have ended it (Ctrl+D); the terminal still answers.
    std::clearerr(stdin);
    char line[1024];
    const QString answer
        = std::fgets(line, sizeof line, stdin) ? QString::fromUtf8(line).trimmed() : QString();
    const bool confirmed = typedName.isEmpty()
        ? (answer.compare(u"y"_s, Qt::CaseInsensitive) == 0
           || answer.compare(u"yes"_s, Qt::CaseInsensitive) == 0)
        : answer == typedName;
    if (confirmed)
        return {};
    writeTo(stderr,
            (u"coffer-cli: "_s + trContext("not confirmed; nothing was sent") + u'\n').toUtf8());
    return std::unexpected(toInt(ExitCode::UsageError));
}

// --- output ----------------------------------------------------------------------------------

bool CliContext::stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO) == 1;
}

void CliContext::out(const QString &text)
{
    writeTo(stdout, text.toUtf8());
}

void CliContext::writeRaw(const QByteArray &bytes)
{
    writeTo(stdout, bytes);
}

void CliContext::printJson(const Json &document)
{
    const std::string text = document.dump(2, ' ', false, Json::error_handler_t::replace);
    writeTo(stdout, QByteArray(text.data(), qsizetype(text.size())) + '\n');
}

void CliContext::note(const QString &text)
{
    writeTo(stderr, text.toUtf8() + '\n');
}

int CliContext::fail(const AwsError &error)
{
    // No MFA code (none given, or an empty answer at the prompt) is a matter of configuration.
    const bool mfaCodeMissing = error.code == u"MfaTokenCodeRequired";
    const ExitCode code = mfaCodeMissing ? ExitCode::ConfigError : exitCodeFor(error.kind);
    if (m_globals.json) {
        Json document;
        Json body;
        body["Code"] = utf8(error.code);
        body["Kind"] = std::string(AwsError::kindName(error.kind).data(),
                                   size_t(AwsError::kindName(error.kind).size()));
        body["Message"] = utf8(error.message);
        body["Explanation"] = utf8(mfaCodeMissing ? mfaCodeHint() : error.explanation());
        if (!error.requestId.isEmpty())
            body["RequestId"] = utf8(error.requestId);
        if (error.httpStatus != 0)
            body["HttpStatus"] = error.httpStatus;
        body["ExitCode"] = toInt(code);
        document["Error"] = std::move(body);
        const std::string text = document.dump(2, ' ', false, Json::error_handler_t::replace);
        writeTo(stderr, QByteArray(text.data(), qsizetype(text.size())) + '\n');
    } else {
        QString text = u"coffer-cli: "_s + error.summary() + u'\n';
        const QString explanation = error.explanation();
        if (!explanation.isEmpty() && explanation != error.message)
            text += u"  "_s + explanation + u'\n';
        if (mfaCodeMissing)
            text += u"  "_s + mfaCodeHint() + u'\n';
        writeTo(stderr, text.toUtf8());
    }
    return toInt(code);
}

int CliContext::usageError(const QString &message, const QString &command)
{
    const QString hint = command.isEmpty()
        ? trContext("Run 'coffer-cli --help' for usage.")
        : trContext("Run 'coffer-cli help %1' for usage.").arg(command);
    if (m_globals.json) {
        Json document;
        document["Error"] = Json { { "Code", "UsageError" },
                                   { "Kind", "Usage" },
                                   { "Message", utf8(message) },
                                   { "Explanation", utf8(hint) },
                                   { "ExitCode", toInt(ExitCode::UsageError) } };
        const std::string text = document.dump(2, ' ', false, Json::error_handler_t::replace);
        writeTo(stderr, QByteArray(text.data(), qsizetype(text.size())) + '\n');
    } else {
        writeTo(stderr, (u"coffer-cli: "_s + message + u'\n' + hint + u'\n').toUtf8());
    }
    return toInt(ExitCode::UsageError);
}

// --- formatting ------------------------------------------------------------------------------

QString CliContext::humanDate(const QDateTime &date)
{
    if (!date.isValid())
        return u"-"_s;
    return date.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

CliContext::Json CliContext::jsonDate(const QDateTime &date)
{
    if (!date.isValid())
        return nullptr;
    return utf8(date.toUTC().toString(Qt::ISODate));
}

} // namespace coffer::cli
