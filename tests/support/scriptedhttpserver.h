// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>
#include <QTcpServer>
#include <QUrl>

#include <chrono>
#include <utility>

class QTcpSocket;

namespace coffer::test {

/**
 * A real HTTP/1.1 server on 127.0.0.1 (a free port) that answers with canned responses, in the
 * order they were queued, and records every request exactly as received. For testing the AWS
 * clients over a real socket without a real AWS.
 *
 *     ScriptedHttpServer server;
 *     server.enqueueJson(200, R"({"Name":"x"})");
 *     config.endpoint = server.url();
 *     ... run the client ...
 *     QCOMPARE(server.requests().at(0).header("X-Amz-Target"), "secretsmanager.DescribeSecret");
 *
 * When the queue is empty the server answers 418 with the JSON error "ScriptedServerQueueEmpty"
 * (not retryable), so a test that sends more requests than it scripted fails visibly.
 */
class ScriptedHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptedHttpServer)

public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    struct Response
    {
        int status = 200;
        Headers headers;
        QByteArray body;
        std::chrono::milliseconds delay{0};   ///< wait before answering
        bool hang = false;                    ///< never answer (keep the connection open)
        bool closeWithoutAnswer = false;      ///< drop the connection instead of answering
    };

    struct Request
    {
        QByteArray method;
        QByteArray target;          ///< path and query, as on the request line
        Headers headers;            ///< in order, names as sent
        QByteArray body;

        [[nodiscard]] QByteArray header(QByteArrayView name) const;
        [[nodiscard]] bool hasHeader(QByteArrayView name) const;
    };

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    ~ScriptedHttpServer() override;

    [[nodiscard]] bool isListening() const { return m_server.isListening(); }
    /// "http://127.0.0.1:<port>"
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

    void enqueue(Response response);
    /// A JSON 1.1 answer: Content-Type application/x-amz-json-1.1 and an x-amzn-RequestId.
    void enqueueJson(int status, const QByteArray &body, const Headers &extraHeaders = {});
    /// A JSON 1.1 error document {"__type": code, "message": message} (status 400 by default).
    void enqueueJsonError(const QByteArray &code, const QByteArray &message, int status = 400,
                          const Headers &extraHeaders = {});
    /// A query protocol (XML) answer.
    void enqueueXml(int status, const QByteArray &body, const Headers &extraHeaders = {});
    [[nodiscard]] qsizetype pendingResponses() const { return m_responses.size(); }

    [[nodiscard]] QList<Request> requests() const { return m_requests; }
    [[nodiscard]] qsizetype requestCount() const { return m_requests.size(); }
    void clearRequests() { m_requests.clear(); }

    /// The request id the server puts in answers: "req-<n>" for the n-th request (1-based).
    [[nodiscard]] static QByteArray requestIdFor(qsizetype index);

Q_SIGNALS:
    void requestReceived(qsizetype index);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, qsizetype index);

    QTcpServer m_server;
    QQueue<Response> m_responses;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace coffer::test
