// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxserver.h"

#include "models/aws/httprequest.h"
#include "models/aws/sigv4signer.h"
#include "models/sandbox/sandboxstore.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

using aws::AwsCredentials;
using aws::AwsError;

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET"_ba;
    case QHttpServerRequest::Method::Put: return "PUT"_ba;
    case QHttpServerRequest::Method::Delete: return "DELETE"_ba;
    case QHttpServerRequest::Method::Post: return "POST"_ba;
    case QHttpServerRequest::Method::Head: return "HEAD"_ba;
    case QHttpServerRequest::Method::Options: return "OPTIONS"_ba;
    case QHttpServerRequest::Method::Patch: return "PATCH"_ba;
    case QHttpServerRequest::Method::Connect: return "CONNECT"_ba;
    case QHttpServerRequest::Method::Trace: return "TRACE"_ba;
    default: return "UNKNOWN"_ba;
    }
}

/// The signing service named in the Authorization header's credential scope, or empty.
QByteArray signingService(const aws::HttpRequest &request)
{
    const QByteArray authorization = request.headerValue("Authorization");
    const qsizetype start = authorization.indexOf("Credential=");
    if (start < 0)
        return {};
    qsizetype end = authorization.indexOf(',', start);
    if (end < 0)
        end = authorization.size();
    const QList<QByteArray> scope = authorization.mid(start + 11, end - start - 11).trimmed().split('/');
    return scope.size() == 5 ? scope[3] : QByteArray();
}

QByteArray xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

QByteArray stsCodeFor(const AwsError &error)
{
    if (error.code == u"UnrecognizedClientException")
        return "InvalidClientTokenId"_ba;
    if (error.code == u"InvalidSignatureException")
        return "SignatureDoesNotMatch"_ba;
    if (error.code == u"IncompleteSignatureException")
        return "IncompleteSignature"_ba;
    if (error.code == u"MissingAuthenticationTokenException")
        return "MissingAuthenticationToken"_ba;
    return error.code.toUtf8();
}

} // namespace

struct SandboxServer::Answer
{
    int status = 200;
    QByteArray contentType = "application/x-amz-json-1.1"_ba;
    QByteArray body;
    QString operation;
    bool drop = false;
};

/// Qt's HTTP server, with every request handed to SandboxServer::handle().
class SandboxServer::HttpServer final : public QAbstractHttpServer
{
public:
    explicit HttpServer(SandboxServer *owner)
        : m_owner(owner)
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
        QPointer<QTcpSocket> guard(socket);
        m_owner->handle(request, socket, [this, responder, guard](Answer answer) {
            if (!guard)
                return;
            ++m_owner->m_requestCount;
            if (answer.drop) {
                guard->abort();
                Q_EMIT m_owner->requestHandled(answer.operation, 0);
                return;
            }
            const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
            responder->write(answer.body,
                             {{"Content-Type"_ba, answer.contentType}, {"x-amzn-RequestId"_ba, requestId}},
                             QHttpServerResponder::StatusCode(answer.status));
            Q_EMIT m_owner->requestHandled(answer.operation, answer.status);
        });
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override { }

private:
    SandboxServer *m_owner;
};

AwsCredentials SandboxServer::demoCredentials()
{
    AwsCredentials credentials;
    credentials.accessKeyId = u"AKIDCOFFERSANDBOX"_s;
    credentials.secretAccessKey = u"coffer+sandbox/DEMO/KEY/not+a+real+secret"_s;
    credentials.source = u"Coffer sandbox demo key"_s;
    return credentials;
}

SandboxServer::SandboxServer(SandboxServerConfig config, QObject *parent)
    : SandboxServer(std::move(config), nullptr, parent)
{
}

SandboxServer::SandboxServer(SandboxServerConfig config, SandboxStore *store, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_http(std::make_unique<HttpServer>(this))
{
    if (m_config.credentials.isEmpty())
        m_config.credentials.append(demoCredentials());
    if (!store) {
        m_ownedStore = std::make_unique<SandboxStore>(m_config.region, m_config.accountId);
        store = m_ownedStore.get();
    }
    m_store = store;
    m_store->setClock([this] { return now(); });
    m_random.seed(m_faults.seed);
}

SandboxServer::~SandboxServer()
{
    if (m_store)
        m_store->setClock({});
}

void SandboxServer::setCommitHook(CommitHook hook)
{
    m_commit = std::move(hook);
}

void SandboxServer::setFaults(const SandboxFaults &faults)
{
    m_faults = faults;
    m_random.seed(faults.seed);
}

QDateTime SandboxServer::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_faults.clockOffset.count());
}

bool SandboxServer::listen()
{
    if (m_port != 0)
        return true;
    m_port = m_http->listen(m_config.address, m_config.port);
    if (m_port == 0)
        return false;
    Q_EMIT listening(url());
    return true;
}

QUrl SandboxServer::url() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(u"http"_s);
    const bool any = m_config.address == QHostAddress::Any || m_config.address == QHostAddress::AnyIPv4;
    url.setHost(any ? u"127.0.0.1"_s : m_config.address.toString());
    url.setPort(m_port);
    return url;
}

std::optional<AwsCredentials> SandboxServer::credentialsFor(const QString &accessKeyId) const
{
    for (const AwsCredentials &credentials : m_config.credentials) {
        if (credentials.accessKeyId == accessKeyId)
            return credentials;
    }
    return std::nullopt;
}

bool SandboxServer::injectFailure()
{
    if (m_faults.failureRate <= 0.0)
        return false;
    std::uniform_real_distribution<double> distribution(0.0, 1.0);
    return distribution(m_random) < m_faults.failureRate;
}

void SandboxServer::handle(const QHttpServerRequest &request, QTcpSocket *socket,
                           std::function<void(Answer)> respond)
{
    Q_UNUSED(socket);
    aws::HttpRequest wire;
    wire.method = methodName(request.method());
    wire.path = request.url().path(QUrl::FullyEncoded).toUtf8();
    if (wire.path.isEmpty())
        wire.path = "/"_ba;
    wire.query = request.url().query(QUrl::FullyEncoded).toUtf8();
    for (const auto &[name, value] : request.headers())
        wire.headers.emplaceBack(name, value);
    wire.body = request.body();

    const QByteArray service = signingService(wire);
    const bool sts = service == "sts" || (service.isEmpty() && !wire.hasHeader("X-Amz-Target")
                                          && wire.body.contains("Action="));
    Answer answer;
    const aws::SigV4Signer signer(m_config.region, sts ? u"sts"_s : u"secretsmanager"_s);
    aws::VerificationOptions options;
    options.acceptAnyRegion = true;
    const auto verified = signer.verify(
            wire, [this](const QString &id) { return credentialsFor(id); }, now(), options);
    if (!verified) {
        answer = sts ? stsError(verified.error()) : jsonError(verified.error());
    } else if (injectFailure()) {
        const bool throttle = m_faults.failure == SandboxFaults::Failure::Throttling
                || (m_faults.failure == SandboxFaults::Failure::Mixed && (m_random() & 1) == 0);
        const AwsError error = throttle ? SandboxStore::serviceError(u"ThrottlingException"_s, u"Rate exceeded"_s, 400)
                                        : SandboxStore::serviceError(u"ServiceUnavailable"_s, u"Service Unavailable"_s, 503);
        answer = sts ? stsError(error) : jsonError(error);
    } else if (sts) {
        answer = handleSts(wire.body, verified->accessKeyId);
    } else {
        bool drop = false;
        answer = handleSecretsManager(wire.headerValue("X-Amz-Target"), wire.body, drop);
        answer.drop = drop;
    }
    if (answer.operation.isEmpty())
        answer.operation = QString::fromLatin1(wire.headerValue("X-Amz-Target"));

    if (m_faults.latency.count() > 0) {
        QTimer::singleShot(m_faults.latency, this, [respond = std::move(respond), answer]() { respond(answer); });
        return;
    }
    respond(std::move(answer));
}

SandboxServer::Answer SandboxServer::handleSecretsManager(const QByteArray &target, const QByteArray &body,
                                                         bool &dropConnection)
{
    static constexpr QByteArrayView prefix = "secretsmanager.";
    if (!target.startsWith(prefix))
        return jsonError(SandboxStore::serviceError(u"UnknownOperationException"_s, QString()));
    const QString operation = QString::fromLatin1(target.mid(prefix.size()));
    const Json request = body.trimmed().isEmpty() ? Json::object() : Json::parse(body.toStdString(), nullptr, false);
    Answer answer;
    answer.operation = operation;
    if (request.is_discarded() || !request.is_object()) {
        answer = jsonError(SandboxStore::serviceError(u"SerializationException"_s,
                                                      u"Start of structure or map found where not expected."_s));
        answer.operation = operation;
        return answer;
    }
    const quint64 revision = m_store->revision();
    auto result = m_store->call(operation, request);
    if (!result) {
        answer = jsonError(result.error());
        answer.operation = operation;
        return answer;
    }
    if (m_store->revision() != revision && m_commit) {
        const auto committed = m_commit(*m_store);
        if (!committed) {
            answer = jsonError(SandboxStore::serviceError(u"InternalServiceError"_s, committed.error().message, 500));
            answer.operation = operation;
            return answer;
        }
    }
    if (SandboxStore::isWriteOperation(operation) && m_faults.dropConnectionAfterWrites > 0) {
        --m_faults.dropConnectionAfterWrites;
        dropConnection = true;
    }
    answer.body = QByteArray::fromStdString(result->dump());
    return answer;
}

SandboxServer::Answer SandboxServer::handleSts(const QByteArray &body, const QString &accessKeyId)
{
    const QUrlQuery form(QString::fromUtf8(body));
    const QString action = form.queryItemValue(u"Action"_s);
    Answer answer;
    answer.operation = action;
    if (action != u"GetCallerIdentity") {
        answer = stsError(SandboxStore::serviceError(u"InvalidAction"_s,
                                                     u"Could not find operation %1 for version 2011-06-15"_s.arg(action)));
        answer.operation = action;
        return answer;
    }
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    answer.contentType = "text/xml"_ba;
    answer.body = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                  "  <GetCallerIdentityResult>\n"
                  "    <Arn>arn:aws:iam::"_ba + xmlEscaped(m_config.accountId) + ":user/sandbox</Arn>\n"
                  "    <UserId>AIDA"_ba + xmlEscaped(accessKeyId.toUpper().remove(u"AKIA"_s)) + "</UserId>\n"
                  "    <Account>"_ba + xmlEscaped(m_config.accountId) + "</Account>\n"
                  "  </GetCallerIdentityResult>\n"
                  "  <ResponseMetadata>\n"
                  "    <RequestId>"_ba + requestId + "</RequestId>\n"
                  "  </ResponseMetadata>\n"
                  "</GetCallerIdentityResponse>\n"_ba;
    return answer;
}

SandboxServer::Answer SandboxServer::jsonError(const AwsError &error) const
{
    Answer answer;
    answer.status = error.httpStatus > 0 ? error.httpStatus : 400;
    answer.body = QByteArray::fromStdString(SandboxStore::errorDocument(error).dump());
    return answer;
}

SandboxServer::Answer SandboxServer::stsError(const AwsError &error) const
{
    Answer answer;
    const QByteArray code = stsCodeFor(error);
    const bool authentication = code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch"
            || code == "IncompleteSignature" || code == "MissingAuthenticationToken" || code == "ExpiredToken";
    answer.status = authentication ? 403 : (error.httpStatus > 0 ? error.httpStatus : 400);
    answer.contentType = "text/xml"_ba;
    const QByteArray type = answer.status >= 500 ? "Receiver"_ba : "Sender"_ba;
    answer.body = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                  "  <Error>\n"
                  "    <Type>"_ba + type + "</Type>\n"
                  "    <Code>"_ba + code + "</Code>\n"
                  "    <Message>"_ba + xmlEscaped(error.message) + "</Message>\n"
                  "  </Error>\n"
                  "  <RequestId>"_ba + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "</RequestId>\n"
                  "</ErrorResponse>\n"_ba;
    return answer;
}

} // namespace coffer::sandbox
