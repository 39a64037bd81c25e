// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxserver.h"

#include "models/aws/httprequest.h"
#include "models/aws/sigv4signer.h"
#include "models/json/jsonnesting.h"
#include "models/sandbox/sandboxauthorizer.h"
#include "models/sandbox/sandboxdevicepage.h"
#include "models/sandbox/sandboxidentitycenter.h"
#include "models/sandbox/sandboxstore.h"

#include <QAbstractHttpServer>
#include <QCoreApplication>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLocale>
#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>
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

/// The parameters of a query-protocol form body, decoded ("+" is a space).
QHash<QString, QString> formParameters(const QByteArray &body)
{
    QHash<QString, QString> params;
    const auto decode = [](QByteArray text) {
        return QString::fromUtf8(QByteArray::fromPercentEncoding(text.replace('+', ' ')));
    };
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        if (equals < 0)
            params.insert(decode(pair), QString());
        else
            params.insert(decode(pair.left(equals)), decode(pair.mid(equals + 1)));
    }
    return params;
}

QByteArray isoTime(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ssZ"_s).toLatin1();
}

QByteArray positionXml(const char *name, const aws::StatementPosition &position)
{
    return "<"_ba + name + "><Line>" + QByteArray::number(position.line) + "</Line><Column>"
            + QByteArray::number(position.column) + "</Column></" + name + ">";
}

QByteArray evaluationResultXml(const aws::EvaluationResult &result)
{
    QByteArray xml = "      <member>\n        <EvalActionName>"_ba + xmlEscaped(result.evalActionName)
            + "</EvalActionName>\n        <EvalResourceName>" + xmlEscaped(result.evalResourceName)
            + "</EvalResourceName>\n        <EvalDecision>" + xmlEscaped(result.evalDecision)
            + "</EvalDecision>\n        <MatchedStatements>";
    for (const aws::MatchedStatement &statement : result.matchedStatements) {
        xml += "\n          <member><SourcePolicyId>" + xmlEscaped(statement.sourcePolicyId)
                + "</SourcePolicyId><SourcePolicyType>" + xmlEscaped(statement.sourcePolicyType)
                + "</SourcePolicyType>" + positionXml("StartPosition", statement.startPosition)
                + positionXml("EndPosition", statement.endPosition) + "</member>";
    }
    xml += result.matchedStatements.isEmpty() ? "</MatchedStatements>\n" : "\n        </MatchedStatements>\n";
    xml += "        <MissingContextValues/>\n";
    if (!result.evalDecisionDetails.isEmpty()) {
        xml += "        <EvalDecisionDetails>";
        for (auto it = result.evalDecisionDetails.cbegin(); it != result.evalDecisionDetails.cend(); ++it)
            xml += "<entry><key>" + xmlEscaped(it.key()) + "</key><value>" + xmlEscaped(it.value()) + "</value></entry>";
        xml += "</EvalDecisionDetails>\n";
    }
    xml += "      </member>\n";
    return xml;
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
    if (error.code == u"ExpiredTokenException")
        return "ExpiredToken"_ba;
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
    /// More headers: x-amzn-ErrorType for REST-JSON errors, the verification page's policies.
    QList<std::pair<QByteArray, QByteArray>> headers;
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
            // Date as AWS sends it (RFC 7231, in the server's clock, offset included): clients
            // and the clock-skew check read it.
            const QByteArray date = QLocale::c()
                                        .toString(m_owner->now().toUTC(),
                                                  u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                                        .toLatin1();
            // What QHttpServerResponder::write(body, headers, status) sends, with a header list
            // that is not fixed at compile time.
            responder->writeStatusLine(QHttpServerResponder::StatusCode(answer.status));
            responder->writeHeader("Content-Type"_ba, answer.contentType);
            responder->writeHeader("x-amzn-RequestId"_ba, requestId);
            responder->writeHeader("Date"_ba, date);
            for (const auto &[name, value] : std::as_const(answer.headers))
                responder->writeHeader(name, value);
            responder->writeHeader("Content-Length"_ba, QByteArray::number(answer.body.size()));
            responder->writeBody(answer.body);
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
    if (!m_config.sso)
        m_config.sso = SandboxSsoDirectory::demo(m_config.accountId);
    m_identityCenter = std::make_unique<SandboxIdentityCenter>(*m_config.sso, m_config.accountId);
    makeAuthorizer();
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

void SandboxServer::setPrincipals(const QList<SandboxPrincipal> &principals, const QList<SandboxKmsKey> &kmsKeys)
{
    m_config.principals = principals;
    m_config.kmsKeys = kmsKeys;
    makeAuthorizer();
}

void SandboxServer::makeAuthorizer()
{
    m_authorizer = std::make_unique<SandboxAuthorizer>(
        m_config.accountId, m_config.credentials,
        m_config.principals + m_identityCenter->directory().reservedRoles(), m_config.kmsKeys);
    m_authorizer->setOidcProviders(m_config.oidcProviders);
}

void SandboxServer::setCommitHook(CommitHook hook)
{
    m_commit = std::move(hook);
}

void SandboxServer::setFaults(const SandboxFaults &faults)
{
    m_faults = faults;
    m_random.seed(faults.seed);
    m_identityCenter->setSlowDownPolls(faults.slowDownPolls);
}

QDateTime SandboxServer::now() const
{
    return QDateTime::currentDateTimeUtc().addSecs(m_faults.clockOffset.count());
}

bool SandboxServer::listen()
{
    if (m_port != 0)
        return true;
    if (m_config.tls) {
        if (m_config.tls->isNull() || !QSslSocket::supportsSsl())
            return false;
        m_http->sslSetup(m_config.tls->serverConfiguration());
    }
    m_port = m_http->listen(m_config.address, m_config.port);
    if (m_port == 0)
        return false;
    for (QTcpServer *server : m_http->servers()) {
        // Connected after Qt's own handler, which has taken the new sockets by then.
        connect(server, &QTcpServer::newConnection, this, [this, server] { watchConnections(server); });
    }
    Q_EMIT listening(url());
    return true;
}

void SandboxServer::watchConnections(QTcpServer *server)
{
    static constexpr const char *watched = "cofferWatched";
    for (QTcpSocket *socket : server->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly)) {
        if (socket->property(watched).toBool())
            continue;
        socket->setProperty(watched, true);
        if (m_connections >= kMaxConnections) {
            socket->abort();
            continue;
        }
        ++m_connections;
        connect(socket, &QObject::destroyed, this, [this] { --m_connections; });
        auto *idle = new QTimer(socket);
        idle->setSingleShot(true);
        idle->setInterval(m_idleTimeout);
        connect(idle, &QTimer::timeout, socket, [socket] { socket->abort(); });
        const auto active = [idle] { idle->start(); };
        connect(socket, &QIODevice::readyRead, idle, active);
        connect(socket, &QIODevice::bytesWritten, idle, active);
        idle->start();
    }
}

QUrl SandboxServer::url() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(m_config.tls ? u"https"_s : u"http"_s);
    const bool any = m_config.address == QHostAddress::Any || m_config.address == QHostAddress::AnyIPv4;
    url.setHost(any ? u"127.0.0.1"_s : m_config.address.toString());
    url.setPort(m_port);
    return url;
}

QUrl SandboxServer::verificationUrl() const
{
    QUrl verification = url();
    if (!verification.isEmpty())
        verification.setPath(u"/start/device"_s);
    return verification;
}

std::optional<AwsCredentials> SandboxServer::credentialsFor(const QString &accessKeyId) const
{
    return m_authorizer->credentialsFor(accessKeyId);
}

bool SandboxServer::roll(double rate)
{
    if (rate <= 0.0)
        return false;
    std::uniform_real_distribution<double> distribution(0.0, 1.0);
    return distribution(m_random) < rate;
}

std::optional<AwsError> SandboxServer::injectedFailure()
{
    const auto throttling = [] { return SandboxStore::serviceError(u"ThrottlingException"_s, u"Rate exceeded"_s, 400); };
    const auto unavailable = [] {
        return SandboxStore::serviceError(u"ServiceUnavailable"_s, u"Service Unavailable"_s, 503);
    };
    if (roll(m_faults.failureRate)) {
        const bool throttle = m_faults.failure == SandboxFaults::Failure::Throttling
                || (m_faults.failure == SandboxFaults::Failure::Mixed && (m_random() & 1) == 0);
        return throttle ? throttling() : unavailable();
    }
    if (roll(m_faults.throttleRate))
        return throttling();
    if (roll(m_faults.errorRate)) {
        return (m_random() & 1) == 0 ? unavailable()
                                     : SandboxStore::serviceError(u"InternalServiceError"_s,
                                                                  u"An error occurred on the server side."_s, 500);
    }
    return std::nullopt;
}

std::optional<QString> SandboxServer::frontDoorRefusal(const QHttpServerRequest &request) const
{
    // Checked before any parsing or signature work. The address the request was sent to must be
    // this server's own: a page the browser loaded from a rebound name sends Host: evil.example.
    if (request.body().size() > kMaxRequestBody)
        return u"The request body is %1 bytes; the sandbox accepts at most %2."_s
                .arg(request.body().size())
                .arg(kMaxRequestBody);
    const auto headers = request.headers();
    if (headers.size() > kMaxHeaderCount)
        return u"The request has %1 headers; the sandbox accepts at most %2."_s.arg(headers.size()).arg(kMaxHeaderCount);
    qsizetype headerBytes = 0;
    QByteArray host;
    // The verification page's form is the one thing a browser may post, from the page itself.
    const bool devicePage = request.url().path() == u"/start/device";
    for (const auto &[name, value] : headers) {
        headerBytes += name.size() + value.size() + 4;
        if (name.compare("Origin", Qt::CaseInsensitive) == 0 && !(devicePage && isOwnOrigin(value)))
            return u"The sandbox does not answer requests from web pages (this one carries an Origin header)."_s;
        if (name.compare("Upgrade", Qt::CaseInsensitive) == 0)
            return u"The sandbox does not upgrade connections."_s;
        if (name.compare("Host", Qt::CaseInsensitive) == 0)
            host = value.toLower();
    }
    if (headerBytes > kMaxHeaderBytes)
        return u"The request's headers take %1 bytes; the sandbox accepts at most %2."_s
                .arg(headerBytes)
                .arg(kMaxHeaderBytes);
    if (const QList<QByteArray> accepted = acceptedHosts(); !accepted.contains(host)) {
        return u"The sandbox answers only requests addressed to %1; this one was addressed to '%2'."_s
                .arg(QString::fromLatin1(accepted.join(", ")), QString::fromLatin1(host.left(200)));
    }
    return std::nullopt;
}

bool SandboxServer::isOwnOrigin(const QByteArray &origin) const
{
    const QByteArray scheme = m_config.tls ? "https://"_ba : "http://"_ba;
    const QByteArray lowered = origin.toLower();
    return lowered.startsWith(scheme) && acceptedHosts().contains(lowered.mid(scheme.size()));
}

QList<QByteArray> SandboxServer::acceptedHosts() const
{
    const QByteArray port = ":" + QByteArray::number(m_port);
    QList<QByteArray> hosts{"127.0.0.1" + port, "localhost" + port, "[::1]" + port};
    // A server bound to a specific address (or to every one, 0.0.0.0) also answers to that
    // address by number. The GUI and serve bind to 127.0.0.1 only, so 0.0.0.0 stays refused there.
    const QHostAddress &address = m_config.address;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4) {
        hosts.append("0.0.0.0" + port);
    } else if (!address.isLoopback() && address != QHostAddress::AnyIPv6) {
        const QByteArray name = address.toString().toLatin1().toLower();
        hosts.append((address.protocol() == QAbstractSocket::IPv6Protocol ? "[" + name + "]" : name) + port);
    }
    return hosts;
}

void SandboxServer::handle(const QHttpServerRequest &request, QTcpSocket *socket,
                           std::function<void(Answer)> respond)
{
    if (const auto refusal = frontDoorRefusal(request)) {
        const bool tooLarge = request.body().size() > kMaxRequestBody;
        Answer answer = jsonError(SandboxStore::serviceError(
                tooLarge ? u"RequestEntityTooLargeException"_s : u"RequestRefusedException"_s, *refusal,
                tooLarge ? 413 : 403));
        answer.operation = u"(refused)"_s;
        respond(std::move(answer));
        return;
    }
    aws::HttpRequest wire;
    wire.method = methodName(request.method());
    wire.path = request.url().path(QUrl::FullyEncoded).toUtf8();
    if (wire.path.isEmpty())
        wire.path = "/"_ba;
    wire.query = request.url().query(QUrl::FullyEncoded).toUtf8();
    for (const auto &[name, value] : request.headers())
        wire.headers.emplaceBack(name, value);
    wire.body = request.body();
    QString sourceIp;
    if (socket) {
        QHostAddress peer = socket->peerAddress();
        bool mapped = false;
        const quint32 ipv4 = peer.toIPv4Address(&mapped);
        sourceIp = mapped ? QHostAddress(ipv4).toString() : peer.toString();
    }
    respondAfterLatency(answerFor(wire, sourceIp), std::move(respond));
}

SandboxServer::LocalAnswer SandboxServer::answerInProcess(const aws::HttpRequest &request)
{
    Answer answer = answerFor(request, u"127.0.0.1"_s);
    ++m_requestCount;
    return LocalAnswer { answer.status, answer.contentType, answer.body, answer.operation, answer.drop };
}

SandboxServer::Answer SandboxServer::answerFor(const aws::HttpRequest &wire, const QString &sourceIp)
{
    if (auto sso = handleIdentityCenter(wire))
        return std::move(*sso);

    const QByteArray service = signingService(wire);
    const bool iam = service == "iam";
    const bool sts = service == "sts" || (service.isEmpty() && !wire.hasHeader("X-Amz-Target")
                                          && wire.body.contains("Action="));
    const bool query = sts || iam;
    // The one unsigned call AWS takes: the token in the body is the proof.
    const bool unsignedWebIdentity = sts && !wire.hasHeader("Authorization")
        && !wire.query.contains("X-Amz-Signature")
        && formParameters(wire.body).value(u"Action"_s) == u"AssumeRoleWithWebIdentity";
    Answer answer;
    const aws::SigV4Signer signer(m_config.region, iam ? u"iam"_s : (sts ? u"sts"_s : u"secretsmanager"_s));
    aws::VerificationOptions options;
    options.acceptAnyRegion = true;
    const auto verified = signer.verify(
            wire, [this](const QString &id) { return credentialsFor(id); }, now(), options);
    SandboxRequestFacts facts;
    facts.secureTransport = m_config.tls.has_value();
    facts.now = now();
    facts.sourceIp = sourceIp;
    if (unsignedWebIdentity) {
        if (const auto failure = injectedFailure())
            answer = stsError(*failure);
        else
            answer = assumeRoleWithWebIdentity(formParameters(wire.body), facts);
    } else if (!verified) {
        answer = iam ? queryError(verified.error(), "https://iam.amazonaws.com/doc/2010-05-08/"_ba)
                     : (sts ? stsError(verified.error()) : jsonError(verified.error()));
    } else if (const auto failure = injectedFailure()) {
        const AwsError &error = *failure;
        answer = iam ? queryError(error, "https://iam.amazonaws.com/doc/2010-05-08/"_ba)
                     : (sts ? stsError(error) : jsonError(error));
    } else if (query) {
        facts.region = verified->region;
        const SandboxCaller caller = m_authorizer->callerFor(verified->accessKeyId);
        answer = iam ? handleIam(wire.body, caller, facts) : handleSts(wire.body, caller, facts);
    } else {
        facts.region = verified->region;
        const SandboxCaller caller = m_authorizer->callerFor(verified->accessKeyId);
        bool drop = false;
        answer = handleSecretsManager(wire.headerValue("X-Amz-Target"), wire.body, caller, facts, drop);
        answer.drop = drop;
    }
    if (answer.operation.isEmpty())
        answer.operation = QString::fromLatin1(wire.headerValue("X-Amz-Target"));
    return answer;
}

void SandboxServer::respondAfterLatency(Answer answer, std::function<void(Answer)> respond)
{
    if (m_faults.latency.count() > 0) {
        QTimer::singleShot(m_faults.latency, this, [respond = std::move(respond), answer]() { respond(answer); });
        return;
    }
    respond(std::move(answer));
}

SandboxServer::Answer SandboxServer::handleSecretsManager(const QByteArray &target, const QByteArray &body,
                                                         const SandboxCaller &caller, const SandboxRequestFacts &facts,
                                                         bool &dropConnection)
{
    static constexpr QByteArrayView prefix = "secretsmanager.";
    if (!target.startsWith(prefix))
        return jsonError(SandboxStore::serviceError(u"UnknownOperationException"_s, QString()));
    const QString operation = QString::fromLatin1(target.mid(prefix.size()));
    // Deep nesting is refused before parsing: the request's fingerprint, its copies and the
    // authorizer walk the tree recursively, and 100,000 brackets would overflow the stack.
    Answer answer;
    if (json::nestingExceeds(body, json::kMaxUntrustedNesting)) {
        answer = jsonError(SandboxStore::serviceError(
                u"SerializationException"_s,
                u"The request nests arrays or objects deeper than %1 levels."_s.arg(json::kMaxUntrustedNesting)));
        answer.operation = operation;
        return answer;
    }
    const Json request = body.trimmed().isEmpty() ? Json::object() : Json::parse(body.toStdString(), nullptr, false);
    answer.operation = operation;
    if (request.is_discarded() || !request.is_object()) {
        answer = jsonError(SandboxStore::serviceError(u"SerializationException"_s,
                                                      u"Start of structure or map found where not expected."_s));
        answer.operation = operation;
        return answer;
    }
    const auto allowed = m_authorizer->authorizeSecretsManager(caller, operation, request, *m_store, facts);
    if (!allowed) {
        answer = jsonError(allowed.error());
        answer.operation = operation;
        return answer;
    }
    const quint64 revision = m_store->revision();
    const bool persisted = m_commit && SandboxStore::isWriteOperation(operation);
    const auto checkpoint = persisted ? std::optional(m_store->checkpoint(request)) : std::nullopt;
    auto result = m_store->call(operation, request);
    if (!result) {
        answer = jsonError(result.error());
        answer.operation = operation;
        return answer;
    }
    if (operation == u"BatchGetSecretValue")
        m_authorizer->filterBatchGetSecretValue(caller, *result, *m_store, facts);
    if (m_store->revision() != revision && m_commit) {
        const auto committed = m_commit(*m_store);
        if (!committed) {
            // Not on disk, so not done: a retry with the same token must write again, not be
            // answered from memory with a version that a restart would lose.
            if (checkpoint)
                m_store->rollBack(*checkpoint);
            answer = jsonError(SandboxStore::serviceError(u"InternalServiceError"_s, committed.error().message, 500));
            answer.operation = operation;
            return answer;
        }
    }
    if (SandboxStore::isWriteOperation(operation)) {
        if (m_faults.dropConnectionAfterWrites > 0) {
            --m_faults.dropConnectionAfterWrites;
            dropConnection = true;
        } else if (m_store->revision() != revision && roll(m_faults.dropAfterCommitRate)) {
            dropConnection = true;
        }
    }
    answer.body = QByteArray::fromStdString(result->dump());
    return answer;
}

SandboxServer::Answer SandboxServer::handleSts(const QByteArray &body, const SandboxCaller &caller,
                                              const SandboxRequestFacts &facts)
{
    const QHash<QString, QString> params = formParameters(body);
    const QString action = params.value(u"Action"_s);
    Answer answer;
    answer.operation = action;
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QByteArray metadata = "  <ResponseMetadata>\n"
                                "    <RequestId>"_ba + requestId + "</RequestId>\n"
                                "  </ResponseMetadata>\n"_ba;
    answer.contentType = "text/xml"_ba;
    if (action == u"GetCallerIdentity") {
        // The root keys keep the identity the sandbox always reported for them.
        const QByteArray arn = caller.isRoot() ? "arn:aws:iam::"_ba + xmlEscaped(m_config.accountId) + ":user/sandbox"
                                               : xmlEscaped(caller.arn);
        // Root: as before, AIDA + the access key id without its AKIA prefix.
        const QByteArray id = caller.isRoot() ? "AIDA"_ba + xmlEscaped(caller.accessKeyId.toUpper().remove(u"AKIA"_s))
                                              : xmlEscaped(caller.userId);
        answer.body = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                      "  <GetCallerIdentityResult>\n"
                      "    <Arn>"_ba + arn + "</Arn>\n"
                      "    <UserId>"_ba + id + "</UserId>\n"
                      "    <Account>"_ba + xmlEscaped(caller.isRoot() ? m_config.accountId : caller.accountId)
                + "</Account>\n"
                  "  </GetCallerIdentityResult>\n"_ba
                + metadata + "</GetCallerIdentityResponse>\n"_ba;
        return answer;
    }
    if (action == u"AssumeRole") {
        const auto session = m_authorizer->assumeRole(caller, params, facts);
        if (!session) {
            answer = stsError(session.error());
            answer.operation = action;
            return answer;
        }
        const AwsCredentials &credentials = session->credentials;
        answer.body = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                      "  <AssumeRoleResult>\n"
                      "    <AssumedRoleUser>\n"
                      "      <AssumedRoleId>"_ba + xmlEscaped(session->assumedRoleId) + "</AssumedRoleId>\n"
                      "      <Arn>"_ba + xmlEscaped(session->assumedRoleArn) + "</Arn>\n"
                      "    </AssumedRoleUser>\n"
                      "    <Credentials>\n"
                      "      <AccessKeyId>"_ba + xmlEscaped(credentials.accessKeyId) + "</AccessKeyId>\n"
                      "      <SecretAccessKey>"_ba + xmlEscaped(credentials.secretAccessKey) + "</SecretAccessKey>\n"
                      "      <SessionToken>"_ba + xmlEscaped(credentials.sessionToken) + "</SessionToken>\n"
                      "      <Expiration>"_ba + isoTime(credentials.expiration.value_or(QDateTime())) + "</Expiration>\n"
                      "    </Credentials>\n"
                      "  </AssumeRoleResult>\n"_ba
                + metadata + "</AssumeRoleResponse>\n"_ba;
        return answer;
    }
    if (action == u"AssumeRoleWithWebIdentity")
        return assumeRoleWithWebIdentity(params, facts);
    answer = stsError(SandboxStore::serviceError(u"InvalidAction"_s,
                                                 u"Could not find operation %1 for version 2011-06-15"_s.arg(action)));
    answer.operation = action;
    return answer;
}

SandboxServer::Answer
SandboxServer::assumeRoleWithWebIdentity(const QHash<QString, QString> &params,
                                         const SandboxRequestFacts &facts)
{
    static const QByteArray xmlNamespace = "https://sts.amazonaws.com/doc/2011-06-15/"_ba;
    const QString action = u"AssumeRoleWithWebIdentity"_s;
    const auto issued = m_authorizer->assumeRoleWithWebIdentity(params, facts);
    Answer answer;
    if (!issued) {
        const AwsError &error = issued.error();
        // Here ExpiredTokenException is the token's, HTTP 400, not a signature's ExpiredToken.
        answer = error.code == u"ExpiredTokenException"
            ? queryErrorDocument(400, "ExpiredTokenException"_ba, error.message, xmlNamespace)
            : stsError(error);
        answer.operation = action;
        return answer;
    }
    const SandboxRoleSession &session = issued->session;
    const AwsCredentials &credentials = session.credentials;
    answer.operation = action;
    answer.contentType = "text/xml"_ba;
    answer.body = "<AssumeRoleWithWebIdentityResponse xmlns=\""_ba + xmlNamespace
        + "\">\n"
          "  <AssumeRoleWithWebIdentityResult>\n"
          "    <Audience>"_ba
        + xmlEscaped(issued->audience)
        + "</Audience>\n"
          "    <AssumedRoleUser>\n"
          "      <AssumedRoleId>"_ba
        + xmlEscaped(session.assumedRoleId)
        + "</AssumedRoleId>\n"
          "      <Arn>"_ba
        + xmlEscaped(session.assumedRoleArn)
        + "</Arn>\n"
          "    </AssumedRoleUser>\n"
          "    <Provider>"_ba
        + xmlEscaped(issued->providerArn)
        + "</Provider>\n"
          "    <Credentials>\n"
          "      <AccessKeyId>"_ba
        + xmlEscaped(credentials.accessKeyId)
        + "</AccessKeyId>\n"
          "      <SecretAccessKey>"_ba
        + xmlEscaped(credentials.secretAccessKey)
        + "</SecretAccessKey>\n"
          "      <SessionToken>"_ba
        + xmlEscaped(credentials.sessionToken)
        + "</SessionToken>\n"
          "      <Expiration>"_ba
        + isoTime(credentials.expiration.value_or(QDateTime()))
        + "</Expiration>\n"
          "    </Credentials>\n"
          "    <SubjectFromWebIdentityToken>"_ba
        + xmlEscaped(issued->subject)
        + "</SubjectFromWebIdentityToken>\n"
          "  </AssumeRoleWithWebIdentityResult>\n"
          "  <ResponseMetadata>\n"
          "    <RequestId>"_ba
        + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
        + "</RequestId>\n"
          "  </ResponseMetadata>\n"
          "</AssumeRoleWithWebIdentityResponse>\n"_ba;
    return answer;
}

SandboxServer::Answer SandboxServer::handleIam(const QByteArray &body, const SandboxCaller &caller,
                                              const SandboxRequestFacts &facts)
{
    static const QByteArray xmlNamespace = "https://iam.amazonaws.com/doc/2010-05-08/"_ba;
    const QHash<QString, QString> params = formParameters(body);
    const QString action = params.value(u"Action"_s);
    Answer answer;
    if (action != u"SimulatePrincipalPolicy") {
        answer = queryError(SandboxStore::serviceError(u"InvalidAction"_s,
                                                       u"Could not find operation %1 for version 2010-05-08"_s.arg(action)),
                            xmlNamespace);
        answer.operation = action;
        return answer;
    }
    const auto result = m_authorizer->simulatePrincipalPolicy(caller, params, facts);
    if (!result) {
        answer = queryError(result.error(), xmlNamespace);
        answer.operation = action;
        return answer;
    }
    answer.operation = action;
    answer.contentType = "text/xml"_ba;
    QByteArray results;
    for (const aws::EvaluationResult &evaluation : result->evaluationResults)
        results += evaluationResultXml(evaluation);
    answer.body = "<SimulatePrincipalPolicyResponse xmlns=\""_ba + xmlNamespace + "\">\n"
                  "  <SimulatePrincipalPolicyResult>\n"
                  "    <IsTruncated>"_ba + (result->isTruncated ? "true"_ba : "false"_ba) + "</IsTruncated>\n"_ba
            + (result->marker.isEmpty() ? QByteArray() : "    <Marker>"_ba + xmlEscaped(result->marker) + "</Marker>\n")
            + "    <EvaluationResults>\n"_ba + results + "    </EvaluationResults>\n"
              "  </SimulatePrincipalPolicyResult>\n"
              "  <ResponseMetadata>\n"
              "    <RequestId>"_ba + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "</RequestId>\n"
              "  </ResponseMetadata>\n"
              "</SimulatePrincipalPolicyResponse>\n"_ba;
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
    return queryError(error, "https://sts.amazonaws.com/doc/2011-06-15/"_ba);
}

SandboxServer::Answer SandboxServer::queryError(const AwsError &error, const QByteArray &xmlNamespace) const
{
    const QByteArray code = stsCodeFor(error);
    const bool authentication = code == "InvalidClientTokenId" || code == "SignatureDoesNotMatch"
            || code == "IncompleteSignature" || code == "MissingAuthenticationToken" || code == "ExpiredToken";
    return queryErrorDocument(authentication ? 403
                                             : (error.httpStatus > 0 ? error.httpStatus : 400),
                              code, error.message, xmlNamespace);
}

SandboxServer::Answer SandboxServer::queryErrorDocument(int status, const QByteArray &code,
                                                        const QString &message,
                                                        const QByteArray &xmlNamespace) const
{
    Answer answer;
    answer.status = status;
    answer.contentType = "text/xml"_ba;
    const QByteArray type = answer.status >= 500 ? "Receiver"_ba : "Sender"_ba;
    answer.body = "<ErrorResponse xmlns=\""_ba + xmlNamespace
        + "\">\n"
          "  <Error>\n"
          "    <Type>"_ba
        + type
        + "</Type>\n"
          "    <Code>"_ba
        + code
        + "</Code>\n"
          "    <Message>"_ba
        + xmlEscaped(message)
        + "</Message>\n"
          "  </Error>\n"
          "  <RequestId>"_ba
        + QUuid::createUuid().toByteArray(QUuid::WithoutBraces)
        + "</RequestId>\n"
          "</ErrorResponse>\n"_ba;
    return answer;
}

std::optional<SandboxServer::Answer>
SandboxServer::handleIdentityCenter(const aws::HttpRequest &wire)
{
    struct Route
    {
        QByteArrayView path;
        QByteArrayView method;
        QLatin1StringView operation;
        bool oidc;
    };
    static constexpr Route routes[] = {
        { "/client/register", "POST", QLatin1StringView("RegisterClient"), true },
        { "/device_authorization", "POST", QLatin1StringView("StartDeviceAuthorization"), true },
        { "/token", "POST", QLatin1StringView("CreateToken"), true },
        { "/federation/credentials", "GET", QLatin1StringView("GetRoleCredentials"), false },
        { "/assignment/accounts", "GET", QLatin1StringView("ListAccounts"), false },
        { "/assignment/roles", "GET", QLatin1StringView("ListAccountRoles"), false },
        { "/logout", "POST", QLatin1StringView("Logout"), false },
    };
    if (wire.path == "/start/device")
        return handleDevicePage(wire);
    const Route *route = nullptr;
    for (const Route &candidate : routes) {
        if (wire.path == candidate.path)
            route = &candidate;
    }
    if (!route)
        return std::nullopt;

    const QString operation = route->operation;
    const QDateTime time = now();
    const auto finish = [&](aws::Result<Json> result) {
        Answer answer = result ? Answer {} : identityCenterError(result.error(), route->oidc);
        if (result) {
            answer.contentType = "application/json"_ba;
            answer.body
                = result->is_null() ? QByteArray() : QByteArray::fromStdString(result->dump());
        }
        answer.operation = operation;
        return answer;
    };
    if (wire.method != route->method) {
        return finish(std::unexpected(SandboxStore::serviceError(
            u"UnknownOperationException"_s,
            u"%1 takes %2, not %3"_s.arg(operation, QString::fromLatin1(route->method),
                                         QString::fromLatin1(wire.method.left(20))),
            404)));
    }

    if (route->oidc) {
        const auto invalid = [](const QString &message) {
            return std::unexpected(
                SandboxStore::serviceError(u"InvalidRequestException"_s, message));
        };
        if (json::nestingExceeds(wire.body, json::kMaxUntrustedNesting))
            return finish(invalid(u"The request nests arrays or objects too deeply."_s));
        const Json request = wire.body.trimmed().isEmpty()
            ? Json::object()
            : Json::parse(wire.body.toStdString(), nullptr, false);
        if (request.is_discarded() || !request.is_object())
            return finish(invalid(u"The request body must be a JSON object."_s));
        if (operation == u"RegisterClient")
            return finish(m_identityCenter->registerClient(request, time));
        if (operation == u"StartDeviceAuthorization")
            return finish(
                m_identityCenter->startDeviceAuthorization(request, verificationUrl(), time));
        return finish(m_identityCenter->createToken(request, time));
    }

    const QString token = QString::fromLatin1(wire.headerValue("x-amz-sso_bearer_token"));
    const QUrlQuery query(QString::fromLatin1(wire.query));
    const auto parameter = [&query](const QString &name) {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    };
    if (operation == u"ListAccounts") {
        return finish(m_identityCenter->listAccounts(token, parameter(u"next_token"_s),
                                                     parameter(u"max_result"_s), time));
    }
    if (operation == u"ListAccountRoles") {
        return finish(m_identityCenter->listAccountRoles(token, parameter(u"account_id"_s),
                                                         parameter(u"next_token"_s),
                                                         parameter(u"max_result"_s), time));
    }
    if (operation == u"Logout") {
        const auto loggedOut = m_identityCenter->logout(token, time);
        return finish(loggedOut ? aws::Result<Json>(Json()) : std::unexpected(loggedOut.error()));
    }
    const auto grant = m_identityCenter->roleCredentialsGrant(token, parameter(u"role_name"_s),
                                                              parameter(u"account_id"_s), time);
    if (!grant)
        return finish(std::unexpected(grant.error()));
    const qsizetype role = m_authorizer->principalIndex(grant->roleArn);
    if (role < 0) {
        return finish(std::unexpected(
            SandboxStore::serviceError(u"InternalServerException"_s,
                                       u"The permission set has no role in that account."_s, 500)));
    }
    const SandboxRoleSession session = m_authorizer->issueRoleSession(
        role, grant->user, SandboxIdentityCenter::kRoleCredentialsSeconds, time);
    const AwsCredentials &credentials = session.credentials;
    return finish(Json {
        { "roleCredentials",
          { { "accessKeyId", credentials.accessKeyId.toStdString() },
            { "secretAccessKey", credentials.secretAccessKey.toStdString() },
            { "sessionToken", credentials.sessionToken.toStdString() },
            { "expiration", credentials.expiration.value_or(time).toMSecsSinceEpoch() } } } });
}

SandboxServer::Answer SandboxServer::handleDevicePage(const aws::HttpRequest &wire)
{
    Answer answer;
    answer.operation = u"DeviceVerification"_s;
    answer.contentType = "text/html; charset=utf-8"_ba;
    // A page that approves sign-ins: never cached, never framed (no clickjacking), no scripts,
    // and the code in its address not passed on.
    answer.headers = {
        { "Cache-Control"_ba, "no-store"_ba },
        { "Content-Security-Policy"_ba,
          "default-src 'none'; form-action 'self'; frame-ancestors 'none'"_ba },
        { "X-Frame-Options"_ba, "DENY"_ba },
        { "X-Content-Type-Options"_ba, "nosniff"_ba },
        { "Referrer-Policy"_ba, "no-referrer"_ba },
    };
    const QStringList &users = m_identityCenter->directory().users;
    if (wire.method == "GET") {
        const QUrlQuery query(QString::fromLatin1(wire.query));
        answer.body = SandboxDevicePage::form(
            query.queryItemValue(u"user_code"_s, QUrl::FullyDecoded), users);
        return answer;
    }
    if (wire.method != "POST") {
        answer.status = 405;
        answer.headers.append({ "Allow"_ba, "GET, POST"_ba });
        answer.body = SandboxDevicePage::error(QCoreApplication::translate(
            "coffer::sandbox::SandboxDevicePage", "This page only shows and takes its form."));
        return answer;
    }
    const QHash<QString, QString> form = formParameters(wire.body);
    const QString user = form.value(u"user"_s);
    const auto approved = m_identityCenter->approveDevice(form.value(u"user_code"_s), user, now());
    if (!approved) {
        answer.status = 400;
        answer.body = SandboxDevicePage::error(approved.error().message);
        return answer;
    }
    answer.body = SandboxDevicePage::approved(user);
    return answer;
}

SandboxServer::Answer SandboxServer::identityCenterError(const AwsError &error, bool oidc) const
{
    Answer answer;
    answer.status = error.httpStatus > 0 ? error.httpStatus : 400;
    answer.contentType = "application/json"_ba;
    answer.headers.append({ "x-amzn-ErrorType"_ba, error.code.toLatin1() });
    const Json body = oidc
        ? Json { { "error", SandboxIdentityCenter::oidcErrorName(error.code).toStdString() },
                 { "error_description", error.message.toStdString() } }
        : Json { { "message", error.message.toStdString() } };
    answer.body = QByteArray::fromStdString(body.dump());
    return answer;
}

} // namespace coffer::sandbox
