// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/scriptedhttpserver.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace coffer::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK"_ba;
    case 400: return "Bad Request"_ba;
    case 403: return "Forbidden"_ba;
    case 404: return "Not Found"_ba;
    case 418: return "I'm a teapot"_ba;
    case 429: return "Too Many Requests"_ba;
    case 500: return "Internal Server Error"_ba;
    case 501: return "Not Implemented"_ba;
    case 502: return "Bad Gateway"_ba;
    case 503: return "Service Unavailable"_ba;
    default: return "Status"_ba;
    }
}

bool hasHeaderIn(const ScriptedHttpServer::Headers &headers, QByteArrayView name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray ScriptedHttpServer::Request::header(QByteArrayView name) const
{
    for (const auto &[headerName, value] : headers) {
        if (headerName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool ScriptedHttpServer::Request::hasHeader(QByteArrayView name) const
{
    return hasHeaderIn(headers, name);
}

ScriptedHttpServer::ScriptedHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedHttpServer::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

ScriptedHttpServer::~ScriptedHttpServer() = default;

QUrl ScriptedHttpServer::url() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_server.serverPort());
    return url;
}

QByteArray ScriptedHttpServer::requestIdFor(qsizetype index)
{
    return "req-"_ba + QByteArray::number(index + 1);
}

void ScriptedHttpServer::enqueue(Response response)
{
    m_responses.enqueue(std::move(response));
}

void ScriptedHttpServer::enqueueJson(int status, const QByteArray &body, const Headers &extraHeaders)
{
    Response response;
    response.status = status;
    response.headers = extraHeaders;
    if (!hasHeaderIn(response.headers, "Content-Type"))
        response.headers.append({"Content-Type"_ba, "application/x-amz-json-1.1"_ba});
    response.body = body;
    enqueue(std::move(response));
}

void ScriptedHttpServer::enqueueJsonError(const QByteArray &code, const QByteArray &message,
                                          int status, const Headers &extraHeaders)
{
    enqueueJson(status,
                "{\"__type\":\"com.amazonaws.secretsmanager#"_ba + code + "\",\"message\":\""_ba
                    + message + "\"}"_ba,
                extraHeaders);
}

void ScriptedHttpServer::enqueueXml(int status, const QByteArray &body, const Headers &extraHeaders)
{
    Response response;
    response.status = status;
    response.headers = extraHeaders;
    if (!hasHeaderIn(response.headers, "Content-Type"))
        response.headers.append({"Content-Type"_ba, "text/xml"_ba});
    response.body = body;
    enqueue(std::move(response));
}

void ScriptedHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void ScriptedHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    // Several requests may arrive on one kept-alive connection; take every complete one.
    for (;;) {
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        Request request;
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        qsizetype contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i);
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon);
            const QByteArray value = line.mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                contentLength = value.toLongLong();
        }
        const qsizetype total = headerEnd + 4 + contentLength;
        if (buffer.size() < total)
            return;
        request.body = buffer.mid(headerEnd + 4, contentLength);
        buffer.remove(0, total);

        m_requests.append(request);
        const qsizetype index = m_requests.size() - 1;
        Q_EMIT requestReceived(index);
        answer(socket, index);
    }
}

void ScriptedHttpServer::answer(QTcpSocket *socket, qsizetype index)
{
    Response response;
    if (m_responses.isEmpty()) {
        response.status = 418;
        response.headers = {{"Content-Type"_ba, "application/x-amz-json-1.1"_ba}};
        response.body = R"({"__type":"ScriptedServerQueueEmpty","message":"no response queued"})"_ba;
    } else {
        response = m_responses.dequeue();
    }
    if (response.hang)
        return;

    QPointer<QTcpSocket> guard(socket);
    auto send = [guard, response, index] {
        if (!guard)
            return;
        if (response.closeWithoutAnswer) {
            guard->abort();
            return;
        }
        QByteArray out = "HTTP/1.1 "_ba + QByteArray::number(response.status) + ' '
                         + reasonPhrase(response.status) + "\r\n"_ba;
        Headers headers = response.headers;
        if (!hasHeaderIn(headers, "x-amzn-RequestId"))
            headers.append({"x-amzn-RequestId"_ba, requestIdFor(index)});
        for (const auto &[name, value] : std::as_const(headers))
            out += name + ": "_ba + value + "\r\n"_ba;
        out += "Content-Length: "_ba + QByteArray::number(response.body.size()) + "\r\n"_ba;
        out += "Connection: keep-alive\r\n\r\n"_ba;
        out += response.body;
        guard->write(out);
        guard->flush();
    };
    if (response.delay.count() > 0)
        QTimer::singleShot(response.delay, this, send);
    else
        send();
}

} // namespace coffer::test
