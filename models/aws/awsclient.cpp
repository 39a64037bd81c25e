// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsclient.h"

#include "models/aws/httprequest.h"
#include "models/aws/queryprotocol.h"
#include "models/aws/sigv4signer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimeZone>
#include <QTimer>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

// Quiet by default; QT_LOGGING_RULES="coffer.aws.client.info=true" shows attempts and retries.
Q_LOGGING_CATEGORY(lcAwsClient, "coffer.aws.client", QtWarningMsg)

namespace coffer::aws {

struct AwsClient::Exchange
{
    QPointer<AwsCall> call;
    ClientConfig config;
    WireRequest request;
    Completion done;
    int attempt = 0;           ///< attempts counted against maxAttempts
    bool skewRetried = false;  ///< the one extra attempt after a clock correction was used
    bool completed = false;
    bool tooLarge = false;     ///< the answer passed maxResponseBytes and was abandoned
    QElapsedTimer started;     ///< since send(), for callDeadline
    QList<QSslError> sslErrors;  ///< why the last attempt's certificate was refused
};

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::aws::AwsClient", text);
}

QByteArray headerValue(const QList<std::pair<QByteArray, QByteArray>> &headers,
                       QByteArrayView name)
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString requestIdOf(const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    for (const char *name : {"x-amzn-RequestId", "x-amz-request-id", "x-amzn-request-id"}) {
        const QByteArray value = headerValue(headers, QByteArrayView(name));
        if (!value.isEmpty())
            return QString::fromLatin1(value);
    }
    return {};
}

AwsError jsonError(WireProtocol protocol, int httpStatus,
                   const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                   const QString &requestId)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    // REST-JSON services name the error in a header ("UnauthorizedException:http://..."), as
    // botocore reads it; JSON 1.1 in the body's __type.
    QString headerCode = QString::fromLatin1(headerValue(headers, "x-amzn-ErrorType"));
    headerCode = headerCode.left(headerCode.indexOf(u':'));
    QString code = protocol == WireProtocol::RestJson ? headerCode : QString();
    for (const QLatin1StringView field : {"__type"_L1, "code"_L1, "Code"_L1}) {
        if (code.isEmpty())
            code = object.value(field).toString();
    }
    if (code.isEmpty())
        code = headerCode;
    // OAuth errors (the OIDC API): {"error": "authorization_pending", "error_description": ...}
    if (code.isEmpty())
        code = object.value("error"_L1).toString();
    QString message;
    for (const QLatin1StringView field :
         {"message"_L1, "Message"_L1, "errorMessage"_L1, "error_description"_L1}) {
        if (message.isEmpty())
            message = object.value(field).toString();
    }

    if (!code.isEmpty() || httpStatus >= 500 || httpStatus == 429)
        return AwsError::fromService(code, message, requestId, httpStatus);
    return AwsError::protocolError(
        translated(QT_TRANSLATE_NOOP("coffer::aws::AwsClient",
                                     "The endpoint answered HTTP %1 without an AWS error "
                                     "document."))
            .arg(httpStatus),
        requestId, httpStatus);
}

/// The transport's TLS error, with each certificate problem spelled out ("The certificate has
/// expired (valid until ...)") so the user learns what to fix.
QString tlsFailureMessage(const QString &transportMessage, const QList<QSslError> &errors)
{
    QStringList problems;
    for (const QSslError &error : errors) {
        QString problem = error.errorString();
        const QSslCertificate certificate = error.certificate();
        if (!certificate.isNull()) {
            if (error.error() == QSslError::CertificateExpired) {
                problem += translated(QT_TRANSLATE_NOOP("coffer::aws::AwsClient", " (it expired on %1)"))
                                   .arg(certificate.expiryDate().toUTC().toString(Qt::ISODate));
            } else if (error.error() == QSslError::CertificateNotYetValid) {
                problem += translated(QT_TRANSLATE_NOOP("coffer::aws::AwsClient", " (valid from %1)"))
                                   .arg(certificate.effectiveDate().toUTC().toString(Qt::ISODate));
            }
        }
        if (!problems.contains(problem))
            problems.append(problem);
    }
    if (problems.isEmpty())
        return transportMessage;
    return transportMessage + u" ("_s + problems.join(u"; "_s) + u')';
}

QString logName(const WireRequest &request)
{
    return request.service + u'.' + request.operation;
}

} // namespace

AwsClient::AwsClient(QObject *parent)
    : QObject(parent)
    , m_userAgent("coffer/" COFFER_VERSION)
{
    for (Lane &lane : m_lanes) {
        lane.network = new QNetworkAccessManager(this);
        // Signed requests must reach exactly the endpoint they were signed for.
        lane.network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
}

QNetworkAccessManager *AwsClient::takeLane()
{
    Lane &lane = *std::ranges::min_element(m_lanes, {}, &Lane::inFlight);
    ++lane.inFlight;
    return lane.network;
}

AwsClient::~AwsClient() = default;

QString AwsClient::clockKey(const QUrl &endpoint)
{
    return endpoint.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
            .toString(QUrl::FullyEncoded);
}

std::chrono::seconds AwsClient::clockOffset(const QUrl &endpoint) const
{
    return m_clockOffsets.value(clockKey(endpoint), std::chrono::seconds(0));
}

void AwsClient::setClockOffset(const QUrl &endpoint, std::chrono::seconds offset)
{
    offset = std::clamp<std::chrono::seconds>(offset, -kMaxClockOffset, kMaxClockOffset);
    if (offset == clockOffset(endpoint))
        return;
    m_clockOffsets.insert(clockKey(endpoint), offset);
    Q_EMIT clockOffsetChanged(endpoint, offset.count());
}

QDateTime AwsClient::signingTime(const QUrl &endpoint) const
{
    return QDateTime::currentDateTimeUtc().addSecs(clockOffset(endpoint).count());
}

QByteArray AwsClient::hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))  // an IPv6 literal
        host = '[' + host + ']';
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QDateTime AwsClient::parseHttpDate(const QByteArray &value)
{
    const QString text = QString::fromLatin1(value).trimmed();
    if (text.isEmpty())
        return {};
    QDateTime parsed = QLocale::c().toDateTime(text, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::RFC2822Date);
    if (!parsed.isValid())
        return {};
    parsed.setTimeZone(QTimeZone::utc());
    return parsed;
}

AwsError AwsClient::errorFromResponse(WireProtocol protocol, int httpStatus,
                                      const QList<std::pair<QByteArray, QByteArray>> &headers,
                                      const QByteArray &body)
{
    const QString requestId = requestIdOf(headers);
    if (protocol == WireProtocol::Query)
        return QueryProtocol::parseError(httpStatus, body, requestId);
    return jsonError(protocol, httpStatus, headers, body, requestId);
}

AwsCall *AwsClient::send(const ClientConfig &config, WireRequest request, Completion done)
{
    auto *call = new AwsCall(logName(request), this);
    auto exchange = std::make_shared<Exchange>();
    exchange->call = call;
    exchange->config = config;
    exchange->request = std::move(request);
    exchange->done = std::move(done);
    exchange->started.start();
    // Start on the next event-loop turn: the caller gets the handle (and can connect to it)
    // before anything, even a synchronous failure, is reported.
    call->setAbortHandler([this, exchange] { complete(exchange, std::unexpected(AwsError::cancelled())); });
    QTimer::singleShot(0, call, [this, exchange] {
        if (!exchange->completed)
            startAttempt(exchange);
    });
    return call;
}

void AwsClient::startAttempt(const std::shared_ptr<Exchange> &exchange)
{
    AwsCall *call = exchange->call;
    if (!call || exchange->completed)
        return;
    ++exchange->attempt;

    const ClientConfig &config = exchange->config;
    if (!config.endpoint.isValid() || config.endpoint.host().isEmpty()) {
        complete(exchange, std::unexpected(AwsError::configuration(
                               translated(QT_TRANSLATE_NOOP("coffer::aws::AwsClient",
                                                            "No endpoint is configured for %1."))
                                   .arg(exchange->request.service))));
        return;
    }
    // An unsigned request has no signing region to need (a container credentials endpoint).
    if (config.effectiveSigningRegion().isEmpty() && !exchange->request.anonymous) {
        complete(exchange, std::unexpected(AwsError::configuration(translated(
                               QT_TRANSLATE_NOOP("coffer::aws::AwsClient",
                                                 "No region is configured.")))));
        return;
    }
    if (exchange->request.anonymous) {
        transmit(exchange, AwsCredentials{});
        return;
    }
    if (!config.credentials) {
        complete(exchange, std::unexpected(AwsError::credentialsMissing(translated(
                               QT_TRANSLATE_NOOP("coffer::aws::AwsClient",
                                                 "No credentials provider is configured.")))));
        return;
    }

    call->setAbortHandler([this, exchange] { complete(exchange, std::unexpected(AwsError::cancelled())); });
    config.credentials->credentials(call, [this, exchange](Result<AwsCredentials> credentials) {
        if (exchange->completed)
            return;
        if (!credentials) {
            complete(exchange, std::unexpected(credentials.error()));
            return;
        }
        transmit(exchange, *credentials);
    });
}

void AwsClient::transmit(const std::shared_ptr<Exchange> &exchange, const AwsCredentials &credentials)
{
    AwsCall *call = exchange->call;
    const ClientConfig &config = exchange->config;
    const WireRequest &wire = exchange->request;

    QUrl url = config.endpoint;
    if (url.path().isEmpty())
        url.setPath(u"/"_s);

    HttpRequest http;
    http.method = "POST";
    if (wire.protocol == WireProtocol::RestJson) {
        http.method = wire.method;
        // The resource goes below the endpoint's path, with its own query.
        const qsizetype question = wire.resource.indexOf('?');
        QByteArray base = url.path(QUrl::FullyEncoded).toLatin1();
        if (base.endsWith('/'))
            base.chop(1);
        // (QByteArray::left(-1) is empty in Qt 6, not the whole array.)
        url.setPath(QString::fromLatin1(base + (question < 0 ? wire.resource : wire.resource.left(question))),
                    QUrl::StrictMode);
        url.setQuery(question < 0 ? QString() : QString::fromLatin1(wire.resource.mid(question + 1)),
                     QUrl::StrictMode);
    }
    http.path = url.path(QUrl::FullyEncoded).toLatin1();
    http.query = url.query(QUrl::FullyEncoded).toLatin1();
    http.headers.emplaceBack("Host", hostHeader(url));
    if (wire.protocol == WireProtocol::Json11) {
        http.headers.emplaceBack("Content-Type", "application/x-amz-json-1.1");
        http.headers.emplaceBack("X-Amz-Target", wire.target);
    } else if (wire.protocol == WireProtocol::Query) {
        http.headers.emplaceBack("Content-Type", QByteArray(QueryProtocol::contentType.data(),
                                                            QueryProtocol::contentType.size()));
    } else if (!wire.body.isEmpty()) {
        http.headers.emplaceBack("Content-Type", "application/json");
    }
    for (const auto &header : wire.headers)
        http.headers.append(header);
    http.body = wire.body;

    if (!wire.anonymous) {
        const SigV4Signer signer(config.effectiveSigningRegion(), wire.service);
        signer.sign(http, credentials, signingTime(url));
    }

    QNetworkRequest request(url);
    for (const auto &[name, value] : std::as_const(http.headers))
        request.setRawHeader(name, value);
    request.setRawHeader("User-Agent", m_userAgent);
    const qint64 left = config.callDeadline.count() - exchange->started.elapsed();
    request.setTransferTimeout(int(std::clamp<qint64>(left, 1, config.transferTimeout.count())));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // HTTP/1.1 like the SDKs: the headers we signed are the headers on the wire.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!config.caCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(config.caCertificates);
        request.setSslConfiguration(ssl);
    }
    exchange->sslErrors.clear();

    qCDebug(lcAwsClient).noquote() << logName(wire) << "attempt" << exchange->attempt << "to"
                                   << url.host();
    QNetworkAccessManager *network = takeLane();
    QNetworkReply *reply = http.method == "POST" ? network->post(request, http.body)
            : http.method == "GET"                 ? network->get(request)
                                                   : network->sendCustomRequest(request, http.method, http.body);
    // A reply emits finished once, aborted or not.
    connect(reply, &QNetworkReply::finished, this, [this, network] {
        for (Lane &lane : m_lanes) {
            if (lane.network == network)
                --lane.inFlight;
        }
    });
    QPointer<QNetworkReply> guard(reply);
    call->setAbortHandler([this, exchange, guard] {
        if (guard) {
            QObject::disconnect(guard.data(), nullptr, exchange->call.data(), nullptr);
            guard->abort();
            guard->deleteLater();
        }
        complete(exchange, std::unexpected(AwsError::cancelled()));
    });
    connect(reply, &QNetworkReply::downloadProgress, call, [exchange, guard](qint64 received, qint64 total) {
        if (!guard || exchange->tooLarge)
            return;
        if (received > exchange->config.maxResponseBytes || total > exchange->config.maxResponseBytes) {
            exchange->tooLarge = true;
            guard->abort();   // finished() follows, with OperationCanceledError
        }
    });
    connect(reply, &QNetworkReply::sslErrors, call,
            [exchange](const QList<QSslError> &errors) { exchange->sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, call,
            [this, exchange, reply] { onReplyFinished(exchange, reply); });
}

void AwsClient::onReplyFinished(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply)
{
    reply->deleteLater();
    if (exchange->completed)
        return;
    if (exchange->call)
        exchange->call->setAbortHandler(
            [this, exchange] { complete(exchange, std::unexpected(AwsError::cancelled())); });

    if (exchange->tooLarge) {
        AwsError error = AwsError::protocolError(
                translated("The endpoint's answer was larger than %1 MiB, far more than any Secrets Manager "
                           "answer; Coffer stopped reading it. Check the endpoint URL.")
                        .arg(exchange->config.maxResponseBytes / (1024 * 1024)));
        complete(exchange, std::unexpected(std::move(error)));
        return;
    }
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const bool transferFailed = reply->error() != QNetworkReply::NoError;
    if (status == 0 || (status >= 200 && status < 300 && transferFailed)) {
        AwsError error = AwsError::fromNetworkError(reply->error(), reply->errorString());
        if (error.kind == ErrorKind::TlsFailure)
            error.message = tlsFailureMessage(error.message, exchange->sslErrors);
        handleFailure(exchange, std::move(error), {});
        return;
    }

    WireResponse response;
    response.httpStatus = status;
    response.headers = reply->rawHeaderPairs();
    response.body = reply->readAll();
    response.requestId = requestIdOf(response.headers);
    const QByteArray dateHeader = headerValue(response.headers, "Date");

    if (status >= 200 && status < 300) {
        qCDebug(lcAwsClient).noquote() << logName(exchange->request) << "HTTP" << status
                                       << "request id" << response.requestId;
        complete(exchange, std::move(response));
        return;
    }
    AwsError error = errorFromResponse(exchange->request.protocol, status, response.headers,
                                       response.body);
    handleFailure(exchange, std::move(error), dateHeader);
}

void AwsClient::handleFailure(const std::shared_ptr<Exchange> &exchange, AwsError error,
                              const QByteArray &dateHeader)
{
    AwsCall *call = exchange->call;
    const ClientConfig &config = exchange->config;
    // Server message text is not logged: it may quote names the user considers private.
    qCInfo(lcAwsClient).noquote() << logName(exchange->request) << "attempt" << exchange->attempt
                                  << "failed:" << AwsError::kindName(error.kind) << error.code
                                  << "HTTP" << error.httpStatus << "request id" << error.requestId;

    if (error.isClockSkew() && !exchange->skewRetried) {
        const QDateTime serverTime = parseHttpDate(dateHeader);
        if (serverTime.isValid()) {
            exchange->skewRetried = true;
            const QUrl &endpoint = config.endpoint;
            const auto offset = std::clamp<std::chrono::seconds>(
                    std::chrono::seconds(QDateTime::currentDateTimeUtc().secsTo(serverTime)), -kMaxClockOffset,
                    kMaxClockOffset);
            // Only a correction that changes the signing time can make the retry succeed.
            if (std::llabs((offset - clockOffset(endpoint)).count()) >= 1) {
                qCInfo(lcAwsClient) << "correcting the clock for" << clockKey(endpoint) << "by" << offset.count()
                                    << "seconds and retrying once";
                setClockOffset(endpoint, offset);
                --exchange->attempt;  // the corrected attempt does not use up the retry budget
                startAttempt(exchange);
                return;
            }
        }
    }
    if (error.kind == ErrorKind::ExpiredToken && config.credentials)
        config.credentials->invalidate();

    const auto delay = config.retryPolicy.delayBeforeRetry(exchange->attempt, error);
    const bool retryable = call && !call->isCancelRequested() && config.retryPolicy.shouldRetry(error)
            && exchange->attempt < config.maxAttempts;
    // A retry that could not end within the call's deadline is not started.
    if (retryable && exchange->started.elapsed() + delay.count() >= config.callDeadline.count()) {
        error.message += u' '
                + translated("(Coffer gave up after %1 s, the deadline for one call, with %2 attempt(s) made.)")
                          .arg(exchange->started.elapsed() / 1000.0, 0, 'f', 1)
                          .arg(exchange->attempt);
        complete(exchange, std::unexpected(std::move(error)));
        return;
    }
    if (retryable) {
        auto *timer = new QTimer(call);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, call, [this, exchange, timer] {
            timer->deleteLater();
            startAttempt(exchange);
        });
        call->setAbortHandler([this, exchange, timer] {
            timer->stop();
            timer->deleteLater();
            complete(exchange, std::unexpected(AwsError::cancelled()));
        });
        timer->start(delay);
        qCInfo(lcAwsClient).noquote() << logName(exchange->request) << "retrying in"
                                      << delay.count() << "ms";
        call->reportRetry(exchange->attempt, delay.count());
        return;
    }
    complete(exchange, std::unexpected(std::move(error)));
}

void AwsClient::complete(const std::shared_ptr<Exchange> &exchange, Result<WireResponse> result)
{
    if (exchange->completed)
        return;
    exchange->completed = true;
    QPointer<AwsCall> call = exchange->call;
    if (call)
        call->setAbortHandler({});
    Completion done = std::move(exchange->done);
    exchange->done = {};
    if (done)
        done(std::move(result));
    if (call)
        call->finish();
}

} // namespace coffer::aws
