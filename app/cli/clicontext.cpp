// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clicontext.h"

#include "models/aws/awsclient.h"
#include "models/aws/credentialschain.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"
#include "models/core/appinfo.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace coffer::cli {

using aws::AwsError;
using aws::EndpointResolver;
using aws::Result;

struct CliContext::AwsSetup
{
    aws::AwsSharedFiles files;
    aws::AwsProfileSelection profile;
    std::shared_ptr<aws::CredentialsChain> chain;
    std::shared_ptr<aws::CredentialsProvider> provider;
};

namespace {
QString trContext(const char *text)
{
    return QCoreApplication::translate("coffer::cli::CliContext", text);
}

void writeTo(FILE *stream, const QByteArray &bytes)
{
    if (!bytes.isEmpty())
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
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

    auto files = aws::AwsSharedFiles::load(m_env);
    if (!files)
        return std::unexpected(files.error());

    auto setup = std::make_unique<AwsSetup>();
    setup->files = std::move(*files);
    setup->profile = aws::AwsSharedFiles::selectProfile(m_globals.profile, m_env);
    // A named profile that does not exist is the first thing to report: everything else about
    // region, endpoint and credentials would only be a consequence of it.
    if (setup->profile.isRequired() && !setup->files.hasProfile(setup->profile.name))
        return std::unexpected(setup->files.profileNotFound(setup->profile.name));

    aws::CredentialsChainOptions options;
    options.profile = m_globals.profile;
    options.region = m_globals.region;
    options.assumeRole = [this](const aws::AssumeRoleParams &params, QObject *context,
                                aws::CredentialsProvider::Callback callback) {
        assumeRole(params, context, std::move(callback));
    };
    setup->chain = std::make_shared<aws::CredentialsChain>(setup->files, std::move(options), m_env);
    auto provider = setup->chain->resolve();
    if (!provider)
        return std::unexpected(provider.error());
    setup->provider = *provider;

    m_setup = std::move(setup);
    return m_setup.get();
}

Result<aws::ResolvedEndpoint> CliContext::endpointFor(EndpointResolver::Service service)
{
    auto setup = awsSetup();
    if (!setup)
        return std::unexpected(setup.error());
    EndpointResolver resolver((*setup)->files, (*setup)->profile, m_env);
    if (!m_globals.region.isEmpty()) {
        if (!EndpointResolver::isValidRegionName(m_globals.region)) {
            return std::unexpected(AwsError::configuration(
                trContext("--region: '%1' is not a region name (like eu-west-1)")
                    .arg(m_globals.region)));
        }
        resolver.setRegion(m_globals.region);
    }
    if (!m_globals.endpointUrl.isEmpty()) {
        const QUrl url(m_globals.endpointUrl, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || (scheme != u"https"_s && scheme != u"http"_s)
            || url.host().isEmpty()) {
            return std::unexpected(AwsError::configuration(
                trContext("--endpoint-url: '%1' is not an http:// or https:// URL")
                    .arg(m_globals.endpointUrl)));
        }
        resolver.setEndpointUrl(service, url);
        // A local endpoint (the sandbox, a test server) does not care about the region, but
        // SigV4 needs one; the AWS CLI would refuse, which helps nobody here.
        resolver.setDefaultRegion(u"us-east-1"_s);
    }
    auto endpoint = resolver.resolve(service);
    if (!endpoint)
        return endpoint;
    m_lastEndpoint = *endpoint;
    return endpoint;
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
    auto endpoint = endpointFor(EndpointResolver::Service::SecretsManager);
    if (!endpoint)
        return std::unexpected(endpoint.error());
    aws::ClientConfig config;
    config.region = endpoint->region;
    config.endpoint = endpoint->url;
    config.signingRegion = endpoint->signingRegion;
    config.credentials = m_setup->provider;
    m_secrets = new aws::SecretsManagerClient(transport(), std::move(config), this);
    return m_secrets;
}

Result<aws::StsClient *> CliContext::sts()
{
    if (m_sts)
        return m_sts;
    auto endpoint = endpointFor(EndpointResolver::Service::Sts);
    if (!endpoint)
        return std::unexpected(endpoint.error());
    aws::ClientConfig config;
    config.region = endpoint->region;
    config.endpoint = endpoint->url;
    config.signingRegion = endpoint->signingRegion;
    config.credentials = m_setup->provider;
    m_sts = new aws::StsClient(transport(), std::move(config), this);
    return m_sts;
}

void CliContext::assumeRole(const aws::AssumeRoleParams &params, QObject *context,
                            std::function<void(Result<aws::AwsCredentials>)> callback)
{
    // STS for the role: the profile's STS endpoint in params.region (AWS_ENDPOINT_URL_STS and
    // the profile's services section apply; --endpoint-url is for the command's own service).
    Q_ASSERT(m_setup);
    EndpointResolver resolver(m_setup->files, m_setup->profile, m_env);
    if (!params.region.isEmpty())
        resolver.setRegion(params.region, u"region"_s);
    aws::ClientConfig config;
    if (auto endpoint = resolver.resolve(EndpointResolver::Service::Sts)) {
        config.region = endpoint->region;
        config.endpoint = endpoint->url;
        config.signingRegion = endpoint->signingRegion;
    } else if (params.region.isEmpty()) {
        // No region anywhere: STS's global endpoint, as the SDKs used to default to.
        config.region = u"us-east-1"_s;
        config.endpoint = QUrl(u"https://sts.amazonaws.com"_s);
    } else {
        callback(std::unexpected(endpoint.error()));
        return;
    }
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(params.sourceCredentials);

    aws::AssumeRoleRequest request;
    request.roleArn = params.roleArn;
    request.roleSessionName = params.roleSessionName;
    request.externalId = params.externalId;
    request.serialNumber = params.mfaSerial;
    request.tokenCode = params.mfaTokenCode;
    request.durationSeconds = params.durationSeconds;

    auto *client = new aws::StsClient(transport(), std::move(config), this);
    client->assumeRole(
        request, context,
        [client, callback = std::move(callback)](Result<aws::AssumeRoleResult> result) {
            client->deleteLater();
            if (!result)
                callback(std::unexpected(result.error()));
            else
                callback(result->credentials);
        });
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
    const ExitCode code = exitCodeFor(error.kind);
    if (m_globals.json) {
        Json document;
        Json body;
        body["Code"] = utf8(error.code);
        body["Kind"] = std::string(AwsError::kindName(error.kind).data(),
                                   size_t(AwsError::kindName(error.kind).size()));
        body["Message"] = utf8(error.message);
        body["Explanation"] = utf8(error.explanation());
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
