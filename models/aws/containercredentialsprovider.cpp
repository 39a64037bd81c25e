// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/containercredentialsprovider.h"

#include "models/aws/awsclient.h"
#include "models/aws/queryprotocol.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>

#include <utility>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// ECS's own endpoint, and the EKS Pod Identity agent's (IPv4 and IPv6).
constexpr QLatin1StringView EcsHost { "169.254.170.2" };
constexpr QLatin1StringView EksHost { "169.254.170.23" };
constexpr QLatin1StringView EksHostIpv6 { "fd00:ec2::23" };
constexpr qint64 MaximumTokenBytes = 64 * 1024;

} // namespace

bool ContainerCredentialsEndpoint::isAllowedHttpHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    if (address.isNull())
        return false;
    if (address.isLoopback())
        return true;
    for (const QLatin1StringView allowed : { EcsHost, EksHost, EksHostIpv6 }) {
        if (address.isEqual(QHostAddress(QString(allowed))))
            return true;
    }
    return false;
}

Result<std::optional<ContainerCredentialsEndpoint>>
ContainerCredentialsEndpoint::fromEnvironment(const QProcessEnvironment &env)
{
    const QString relative = env.value(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s);
    const QString full = env.value(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s);
    if (relative.isEmpty() && full.isEmpty())
        return std::optional<ContainerCredentialsEndpoint>();

    ContainerCredentialsEndpoint endpoint;
    endpoint.authorizationTokenFile = env.value(u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s);
    endpoint.authorizationToken = env.value(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s);
    if (!relative.isEmpty()) {
        endpoint.origin = u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s;
        endpoint.url
            = QUrl(u"http://"_s + EcsHost + (relative.startsWith(u'/') ? u""_s : u"/"_s) + relative,
                   QUrl::StrictMode);
        if (!endpoint.url.isValid()) {
            return std::unexpected(AwsError::configuration(
                ContainerCredentialsProvider::tr("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not "
                                                 "a valid path")));
        }
        return std::optional(endpoint);
    }

    endpoint.origin = u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s;
    endpoint.url = QUrl(full, QUrl::StrictMode);
    const QString scheme = endpoint.url.scheme().toLower();
    if (!endpoint.url.isValid() || endpoint.url.host().isEmpty()
        || (scheme != u"http" && scheme != u"https")) {
        return std::unexpected(AwsError::configuration(ContainerCredentialsProvider::tr(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http or https URL")));
    }
    if (scheme == u"http" && !isAllowedHttpHost(endpoint.url.host())) {
        return std::unexpected(AwsError::configuration(
            ContainerCredentialsProvider::tr(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI names http://%1, but plain http is only "
                "allowed to a loopback address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23; "
                "use https for any other host")
                .arg(endpoint.url.host())));
    }
    return std::optional(endpoint);
}

ContainerCredentialsProvider::ContainerCredentialsProvider(ContainerCredentialsEndpoint endpoint,
                                                           AwsClient *transport)
    : RefreshingCredentialsProvider(std::chrono::minutes(5))
    , m_endpoint(std::move(endpoint))
    , m_transport(transport)
{ }

ContainerCredentialsProvider::~ContainerCredentialsProvider()
{
    endCallbacks();
}

void ContainerCredentialsProvider::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

QString ContainerCredentialsProvider::where() const
{
    // Scheme, host and port only: the path of an ECS endpoint is a per-task capability.
    return m_endpoint.url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                  | QUrl::RemoveUserInfo)
        .toString();
}

QString ContainerCredentialsProvider::description() const
{
    return tr("container credentials from %1 (%2)").arg(where(), m_endpoint.origin);
}

Result<QByteArray> ContainerCredentialsProvider::authorization() const
{
    QByteArray token;
    QString from;
    if (!m_endpoint.authorizationTokenFile.isEmpty()) {
        from = u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s;
        QFile file(m_endpoint.authorizationTokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return std::unexpected(AwsError::credentialsMissing(
                tr("cannot read the container authorization token file %1 "
                   "(AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE): %2")
                    .arg(m_endpoint.authorizationTokenFile, file.errorString())));
        }
        // A trailing newline is how most tools write a file; any other line break is refused.
        token = file.read(MaximumTokenBytes).trimmed();
        if (token.isEmpty()) {
            return std::unexpected(AwsError::credentialsMissing(
                tr("the container authorization token file %1 is empty")
                    .arg(m_endpoint.authorizationTokenFile)));
        }
    } else {
        from = u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s;
        token = m_endpoint.authorizationToken.toUtf8();
    }
    if (token.contains('\r') || token.contains('\n')) {
        return std::unexpected(AwsError::configuration(
            tr("the container authorization token (%1) holds a line break, which is not allowed "
               "in an HTTP header")
                .arg(from)));
    }
    return token;
}

Result<AwsCredentials> ContainerCredentialsProvider::parseAnswer(const QByteArray &body)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return std::unexpected(AwsError::protocolError(
            tr("the container credentials endpoint did not answer with a JSON object")));
    }
    const QJsonObject object = document.object();
    AwsCredentials credentials;
    credentials.accessKeyId = object.value("AccessKeyId"_L1).toString();
    credentials.secretAccessKey = object.value("SecretAccessKey"_L1).toString();
    credentials.sessionToken = object.value("Token"_L1).toString();
    QStringList missing;
    for (const auto &[name, value] :
         { std::pair { "AccessKeyId"_L1, credentials.accessKeyId },
           std::pair { "SecretAccessKey"_L1, credentials.secretAccessKey } }) {
        if (value.isEmpty())
            missing << QString(name);
    }
    const QString expiration = object.value("Expiration"_L1).toString();
    if (!expiration.isEmpty()) {
        const QDateTime parsed = QueryProtocol::parseTimestamp(expiration);
        if (!parsed.isValid()) {
            return std::unexpected(AwsError::protocolError(
                tr("the container credentials endpoint answered an Expiration that is not an "
                   "ISO 8601 time")));
        }
        credentials.expiration = parsed;
    } else if (!credentials.sessionToken.isEmpty()) {
        missing << u"Expiration"_s;
    }
    if (!missing.isEmpty()) {
        return std::unexpected(
            AwsError::protocolError(tr("the container credentials endpoint's answer has no %1")
                                        .arg(missing.join(u", "_s))));
    }
    return credentials;
}

void ContainerCredentialsProvider::fetch()
{
    if (!m_transport) {
        finish(std::unexpected(AwsError::configuration(
            tr("%1 is set, but no network transport is available").arg(m_endpoint.origin))));
        return;
    }
    auto token = authorization();
    if (!token) {
        finish(std::unexpected(token.error()));
        return;
    }

    ClientConfig config;
    config.endpoint
        = m_endpoint.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    config.transferTimeout = m_timeout;
    config.maxAttempts = 2;
    config.callDeadline = 2 * m_timeout + std::chrono::seconds(1);
    config.maxResponseBytes = 64 * 1024;

    WireRequest request;
    request.service = u"container-credentials"_s;
    request.operation = u"GetCredentials"_s;
    request.protocol = WireProtocol::RestJson;
    request.method = "GET";
    request.anonymous = true;
    request.resource = m_endpoint.url.path(QUrl::FullyEncoded).toLatin1();
    if (request.resource.isEmpty())
        request.resource = "/";
    if (m_endpoint.url.hasQuery())
        request.resource += '?' + m_endpoint.url.query(QUrl::FullyEncoded).toLatin1();
    request.headers.emplaceBack("Accept", "application/json");
    if (!token->isEmpty())
        request.headers.emplaceBack("Authorization", *token);

    QPointer<QObject> alive(guard());
    m_transport->send(config, std::move(request), [this, alive](Result<WireResponse> response) {
        if (!alive)
            return;
        if (!response) {
            AwsError error = response.error();
            error.message = tr("the container credentials endpoint %1 (%2) failed: %3")
                                .arg(where(), m_endpoint.origin, error.message);
            finish(std::unexpected(error));
            return;
        }
        auto credentials = parseAnswer(response->body);
        if (!credentials) {
            AwsError error = credentials.error();
            error.message = tr("%1 (%2)").arg(error.message, where());
            error.httpStatus = response->httpStatus;
            finish(std::unexpected(error));
            return;
        }
        credentials->source = description();
        finish(*credentials);
    });
}

} // namespace coffer::aws
