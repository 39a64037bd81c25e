// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox endpoint over a real socket: signed requests served, badly signed ones refused as
// AWS refuses them, STS GetCallerIdentity, the commit hook, and every injected fault.

#include "models/aws/httprequest.h"
#include "models/aws/sigv4signer.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::HttpRequest;
using coffer::aws::SigV4Signer;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxFaults;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;
using coffer::sandbox::SandboxStore;

namespace {

AwsCredentials testCredentials(const QString &secret = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s)
{
    AwsCredentials credentials;
    credentials.accessKeyId = u"AKIDEXAMPLE"_s;
    credentials.secretAccessKey = secret;
    return credentials;
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    [[nodiscard]] Json json() const { return Json::parse(body.toStdString(), nullptr, false); }
    [[nodiscard]] QString type() const
    {
        const Json document = json();
        return document.is_object() && document.contains("__type")
                ? QString::fromStdString(document["__type"].get<std::string>())
                : QString();
    }
};

} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;

    Reply send(const QByteArray &target, const Json &request, const AwsCredentials &credentials = testCredentials(),
               const QDateTime &signingTime = QDateTime::currentDateTimeUtc())
    {
        return sendBody(target, QByteArray::fromStdString(request.dump()), credentials, signingTime);
    }

    Reply sendBody(const QByteArray &target, const QByteArray &body,
                   const AwsCredentials &credentials = testCredentials(),
                   const QDateTime &signingTime = QDateTime::currentDateTimeUtc())
    {
        HttpRequest wire;
        wire.method = "POST";
        wire.path = "/";
        wire.headers = {{"Host", "127.0.0.1:" + QByteArray::number(m_server->port())},
                        {"Content-Type", "application/x-amz-json-1.1"},
                        {"X-Amz-Target", "secretsmanager." + target}};
        wire.body = body;
        SigV4Signer(u"eu-central-1"_s, u"secretsmanager"_s).sign(wire, credentials, signingTime);
        return post(wire);
    }

    Reply sendSts(const QByteArray &body, const AwsCredentials &credentials = testCredentials())
    {
        HttpRequest wire;
        wire.method = "POST";
        wire.path = "/";
        wire.headers = {{"Host", "127.0.0.1:" + QByteArray::number(m_server->port())},
                        {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
        wire.body = body;
        SigV4Signer(u"us-east-1"_s, u"sts"_s).sign(wire, credentials, QDateTime::currentDateTimeUtc());
        return post(wire);
    }

    Reply post(const HttpRequest &wire)
    {
        QNetworkRequest request(m_server->url());
        for (const auto &[name, value] : wire.headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network.post(request, wire.body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        Reply result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.contentType = reply->rawHeader("Content-Type");
        result.error = reply->error();
        reply->deleteLater();
        return result;
    }

    /// Sends `wire` over a plain socket, exactly as given (QNetworkAccessManager would fix up
    /// Host and refuse some headers), and gives the answer's status and body.
    Reply sendRaw(const HttpRequest &wire)
    {
        QByteArray bytes = wire.method + " / HTTP/1.1\r\n";
        for (const auto &[name, value] : wire.headers)
            bytes += name + ": " + value + "\r\n";
        bytes += "Content-Length: " + QByteArray::number(wire.body.size()) + "\r\nConnection: close\r\n\r\n";
        bytes += wire.body;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        if (!socket.waitForConnected(5000))
            return {};
        socket.write(bytes);
        QByteArray answer;
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < 10000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            answer += socket.readAll();
        }
        answer += socket.readAll();
        Reply reply;
        const qsizetype space = answer.indexOf(' ');
        if (answer.startsWith("HTTP/1.1 ") && space > 0)
            reply.status = answer.mid(space + 1, 3).toInt();
        const qsizetype headersEnd = answer.indexOf("\r\n\r\n");
        reply.body = headersEnd < 0 ? QByteArray() : answer.mid(headersEnd + 4);
        return reply;
    }

    /// A signed GetSecretValue of `name` with `headers` (Host first) and nothing else.
    HttpRequest signedGet(const QByteArray &host, const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {})
    {
        HttpRequest wire;
        wire.method = "POST";
        wire.path = "/";
        wire.headers = {{"Host", host},
                        {"Content-Type", "application/x-amz-json-1.1"},
                        {"X-Amz-Target", "secretsmanager.GetSecretValue"}};
        for (const auto &header : extraHeaders)
            wire.headers.append(header);
        wire.body = R"({"SecretId":"pixell/prod"})";
        SigV4Signer(u"eu-central-1"_s, u"secretsmanager"_s).sign(wire, testCredentials(), QDateTime::currentDateTimeUtc());
        return wire;
    }

private Q_SLOTS:
    void init()
    {
        SandboxServerConfig config;
        config.region = u"eu-central-1"_s;
        config.accountId = u"111122223333"_s;
        config.credentials = {testCredentials()};
        m_server = std::make_unique<SandboxServer>(config);
        QSignalSpy listening(m_server.get(), &SandboxServer::listening);
        QVERIFY(m_server->listen());
        QCOMPARE(listening.count(), 1);
        QCOMPARE(listening.at(0).at(0).toUrl(), m_server->url());
        QCOMPARE(m_server->url().host(), u"127.0.0.1"_s);
    }

    void cleanup() { m_server.reset(); }

    void testServesSecretsManager()
    {
        Reply created = send("CreateSecret", {{"Name", "pixell/dev"}, {"SecretString", "{\"DB_HOST\":\"db\"}"}});
        QCOMPARE(created.status, 200);
        QCOMPARE(created.contentType, "application/x-amz-json-1.1"_ba);
        QVERIFY(QString::fromStdString(created.json()["ARN"].get<std::string>())
                        .startsWith(u"arn:aws:secretsmanager:eu-central-1:111122223333:secret:pixell/dev-"_s));

        const Reply value = send("GetSecretValue", {{"SecretId", "pixell/dev"}});
        QCOMPARE(value.status, 200);
        QCOMPARE(value.json()["SecretString"].get<std::string>(), std::string("{\"DB_HOST\":\"db\"}"));

        const Reply missing = send("GetSecretValue", {{"SecretId", "nope"}});
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.type(), u"ResourceNotFoundException"_s);
        QCOMPARE(QString::fromStdString(missing.json()["message"].get<std::string>()),
                 u"Secrets Manager can't find the specified secret."_s);

        QCOMPARE(send("FrobnicateSecret", Json::object()).type(), u"UnknownOperationException"_s);
    }

    void testDeepNestingIsRefusedAndTheServerLives()
    {
        // A signed ListSecrets nesting 100,000 brackets once overflowed the stack in the request
        // fingerprint and killed the process (and the GUI with its in-process sandbox).
        const QByteArray deep = "{\"Filters\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
        const Reply refused = sendBody("ListSecrets", deep);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.type(), u"SerializationException"_s);
        QVERIFY(refused.body.contains("deeper than 64 levels"));

        // Brackets inside a string are not nesting.
        const QByteArray bracketsInAString = "{\"Name\":\"n\",\"SecretString\":\"" + QByteArray(500, '[') + "\"}";
        QCOMPARE(sendBody("CreateSecret", bracketsInAString).status, 200);
        QCOMPARE(send("ListSecrets", Json::object()).status, 200);
    }

    void testFrontDoorRefusesForeignHostsAndWebPages()
    {
        QCOMPARE(send("CreateSecret", {{"Name", "pixell/prod"}, {"SecretString", "front-door-canary"}}).status, 200);
        const QByteArray port = ":" + QByteArray::number(m_server->port());

        // DNS rebinding: a page on a name that now resolves to 127.0.0.1, signed with a key
        // the page knows. Refused before the signature is even looked at.
        const Reply rebound = sendRaw(signedGet("rebind.attacker.example" + port, {{"Origin", "http://rebind.attacker.example"}}));
        QCOMPARE(rebound.status, 403);
        QVERIFY(!rebound.body.contains("front-door-canary"));

        const Reply foreignHost = sendRaw(signedGet("rebind.attacker.example" + port));
        QCOMPARE(foreignHost.status, 403);
        QVERIFY(!foreignHost.body.contains("front-door-canary"));
        QVERIFY2(foreignHost.body.contains("addressed to"), foreignHost.body.constData());

        // The right Host but an Origin: a browser sent it.
        const Reply fromPage = sendRaw(signedGet("127.0.0.1" + port, {{"Origin", "null"}}));
        QCOMPARE(fromPage.status, 403);
        QVERIFY(fromPage.body.contains("Origin"));

        const Reply upgrade = sendRaw(signedGet("127.0.0.1" + port, {{"Upgrade", "websocket"}}));
        QVERIFY(upgrade.status != 101);
        QVERIFY(!upgrade.body.contains("front-door-canary"));

        // Every loopback spelling of this server's own address is served.
        for (const QByteArray &host : {"127.0.0.1"_ba, "localhost"_ba, "LOCALHOST"_ba, "[::1]"_ba}) {
            const Reply served = sendRaw(signedGet(host + port));
            QVERIFY2(served.status == 200, host.constData());
            QVERIFY(served.body.contains("front-door-canary"));
        }
        // Another port on loopback is another server; 0.0.0.0 is no name of a loopback server.
        QCOMPARE(sendRaw(signedGet("127.0.0.1:1")).status, 403);
        QCOMPARE(sendRaw(signedGet("0.0.0.0" + port)).status, 403);
    }

    void testFrontDoorLimitsAndTheServerLives()
    {
        const QByteArray host = "127.0.0.1:" + QByteArray::number(m_server->port());
        HttpRequest tooLarge = signedGet(host);
        tooLarge.body = "{\"SecretId\":\"" + QByteArray(SandboxServer::kMaxRequestBody, 'a') + "\"}";
        QCOMPARE(sendRaw(tooLarge).status, 413);

        QList<std::pair<QByteArray, QByteArray>> many;
        for (int i = 0; i < 80; ++i)
            many.append({"X-Padding-" + QByteArray::number(i), "x"});
        QCOMPARE(sendRaw(signedGet(host, many)).status, 403);

        const Reply huge = sendRaw(signedGet(host, {{"X-Padding", QByteArray(40 * 1024, 'x')}}));
        QVERIFY(huge.status != 200);

        QCOMPARE(send("ListSecrets", Json::object()).status, 200);
    }

    void testIdleAndSurplusConnectionsAreClosed()
    {
        m_server->setIdleTimeout(std::chrono::milliseconds(300));
        // A client that connects and never sends a request.
        QTcpSocket idle;
        idle.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(idle.waitForConnected(5000));
        QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 5000);

        // More connections than the cap: the surplus is closed, the server keeps serving.
        m_server->setIdleTimeout(std::chrono::seconds(30));
        std::vector<std::unique_ptr<QTcpSocket>> many;
        for (int i = 0; i < SandboxServer::kMaxConnections + 10; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_server->port());
            many.push_back(std::move(socket));
        }
        QTRY_VERIFY_WITH_TIMEOUT(m_server->connectionCount() == SandboxServer::kMaxConnections, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(many.begin(), many.end(), [](const auto &socket) {
                                     return socket->state() == QAbstractSocket::UnconnectedState;
                                 }) >= 10,
                                 5000);
        many.clear();
        QTRY_VERIFY_WITH_TIMEOUT(m_server->connectionCount() < SandboxServer::kMaxConnections, 5000);
        QCOMPARE(send("ListSecrets", Json::object()).status, 200);
    }

    void testRefusesBadSignatures()
    {
        AwsCredentials unknown = testCredentials();
        unknown.accessKeyId = u"AKIDUNKNOWN"_s;
        const Reply unknownKey = send("ListSecrets", Json::object(), unknown);
        QCOMPARE(unknownKey.status, 400);
        QCOMPARE(unknownKey.type(), u"UnrecognizedClientException"_s);

        const Reply wrongSecret = send("ListSecrets", Json::object(), testCredentials(u"not-the-right-secret"_s));
        QCOMPARE(wrongSecret.type(), u"InvalidSignatureException"_s);
        QVERIFY(wrongSecret.body.contains("The request signature we calculated does not match"));

        const Reply skewed = send("ListSecrets", Json::object(), testCredentials(),
                                  QDateTime::currentDateTimeUtc().addSecs(-16 * 60));
        QCOMPARE(skewed.type(), u"InvalidSignatureException"_s);
        QVERIFY(skewed.body.contains("Signature expired"));

        const Reply withinSkew = send("ListSecrets", Json::object(), testCredentials(),
                                      QDateTime::currentDateTimeUtc().addSecs(-14 * 60));
        QCOMPARE(withinSkew.status, 200);
    }

    void testClockOffsetFault()
    {
        SandboxFaults faults;
        faults.clockOffset = std::chrono::hours(1);
        m_server->setFaults(faults);
        const Reply skewed = send("ListSecrets", Json::object());
        QCOMPARE(skewed.type(), u"InvalidSignatureException"_s);
        QVERIFY(skewed.body.contains("Signature expired"));
        // The store's clock moves too.
        QVERIFY(m_server->store().now() > QDateTime::currentDateTimeUtc().addSecs(3500));
    }

    void testStsGetCallerIdentity()
    {
        const Reply identity = sendSts("Action=GetCallerIdentity&Version=2011-06-15");
        QCOMPARE(identity.status, 200);
        QVERIFY(identity.body.contains("<Account>111122223333</Account>"));
        QVERIFY(identity.body.contains("<Arn>arn:aws:iam::111122223333:user/sandbox</Arn>"));

        const Reply wrongSecret = sendSts("Action=GetCallerIdentity&Version=2011-06-15",
                                          testCredentials(u"not-the-right-secret"_s));
        QCOMPARE(wrongSecret.status, 403);
        QVERIFY(wrongSecret.body.contains("<Code>SignatureDoesNotMatch</Code>"));
    }

    void testCommitHookRunsAfterWrites()
    {
        int commits = 0;
        m_server->setCommitHook([&commits](const SandboxStore &) -> coffer::aws::Result<void> {
            ++commits;
            return {};
        });
        send("CreateSecret", {{"Name", "a"}, {"SecretString", "x"}});
        send("GetSecretValue", {{"SecretId", "a"}});
        send("ListSecrets", Json::object());
        send("CreateSecret", {{"Name", "a"}, {"SecretString", "x"}});   // refused: nothing changed
        QCOMPARE(commits, 1);

        m_server->setCommitHook([](const SandboxStore &) -> coffer::aws::Result<void> {
            return std::unexpected(coffer::aws::AwsError::configuration(u"disk full"_s));
        });
        const Reply failed = send("PutSecretValue", {{"SecretId", "a"}, {"SecretString", "y"}});
        QCOMPARE(failed.status, 500);
        QCOMPARE(failed.type(), u"InternalServiceError"_s);
    }

    void testFailedCommitTakesTheWriteBack()
    {
        QCOMPARE(send("CreateSecret", {{"Name", "a"}, {"SecretString", "x"}}).status, 200);
        QCOMPARE(send("CreateSecret", {{"Name", "b"}, {"SecretString", "x"}}).status, 200);
        bool diskFull = true;
        int saved = 0;
        m_server->setCommitHook([&](const SandboxStore &) -> coffer::aws::Result<void> {
            if (diskFull)
                return std::unexpected(coffer::aws::AwsError::configuration(u"disk full"_s));
            ++saved;
            return {};
        });
        const auto value = [this](const char *name) {
            const auto got = m_server->store().call(u"GetSecretValue", {{"SecretId", name}});
            return got ? got->value("SecretString", std::string()) : std::string("(none)");
        };
        const Json put = {{"SecretId", "a"}, {"SecretString", "y"}, {"ClientRequestToken", "11111111-2222-3333-4444-555555555555"}};
        QCOMPARE(send("PutSecretValue", put).status, 500);
        QCOMPARE(value("a"), std::string("x"));
        QCOMPARE(send("CreateSecret", {{"Name", "c"}, {"SecretString", "x"}}).status, 500);
        QVERIFY(!m_server->store().secret(u"c"_s));
        QCOMPARE(send("DeleteSecret", {{"SecretId", "b"}, {"ForceDeleteWithoutRecovery", true}}).status, 500);
        QCOMPARE(value("b"), std::string("x"));
        QCOMPARE(send("TagResource", {{"SecretId", "b"}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}}).status, 500);
        QVERIFY(m_server->store().secret(u"b"_s)->tags.isEmpty());

        // The retry with the same token, once the disk has room, writes and persists.
        diskFull = false;
        const Reply retried = send("PutSecretValue", put);
        QCOMPARE(retried.status, 200);
        QCOMPARE(value("a"), std::string("y"));
        QCOMPARE(saved, 1);
        QCOMPARE(m_server->store().secrets().size(), 2);
    }

    void testInjectedFailures_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("throttling") << int(SandboxFaults::Failure::Throttling) << 400 << u"ThrottlingException"_s;
        QTest::newRow("unavailable") << int(SandboxFaults::Failure::ServiceUnavailable) << 503 << u"ServiceUnavailable"_s;
    }

    void testInjectedFailures()
    {
        QFETCH(int, failure);
        QFETCH(int, status);
        QFETCH(QString, type);
        SandboxFaults faults;
        faults.failureRate = 1.0;
        faults.failure = SandboxFaults::Failure(failure);
        m_server->setFaults(faults);
        const Reply reply = send("ListSecrets", Json::object());
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.type(), type);
        // A bad signature is still reported as such.
        QCOMPARE(send("ListSecrets", Json::object(), testCredentials(u"wrong"_s)).type(), u"InvalidSignatureException"_s);
    }

    void testFailureRateIsSeeded()
    {
        const auto pattern = [this] {
            SandboxFaults faults;
            faults.failureRate = 0.5;
            faults.seed = 7;
            m_server->setFaults(faults);
            QString result;
            for (int i = 0; i < 12; ++i)
                result += send("ListSecrets", Json::object()).status == 200 ? u'.' : u'x';
            return result;
        };
        const QString first = pattern();
        QCOMPARE(pattern(), first);
        QVERIFY(first.contains(u'.'));
        QVERIFY(first.contains(u'x'));
    }

    void testLatency()
    {
        SandboxFaults faults;
        faults.latency = std::chrono::milliseconds(300);
        m_server->setFaults(faults);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(send("ListSecrets", Json::object()).status, 200);
        QVERIFY(timer.elapsed() >= 290);
    }

    void testDropConnectionAfterWrite()
    {
        SandboxFaults faults;
        faults.dropConnectionAfterWrites = 1;
        m_server->setFaults(faults);
        QSignalSpy handled(m_server.get(), &SandboxServer::requestHandled);
        const std::string token = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
        const Json create = {{"Name", "dropped"}, {"SecretString", "v"}, {"ClientRequestToken", token}};

        // Over a raw socket, so no HTTP stack retries behind the test's back.
        HttpRequest wire;
        wire.method = "POST";
        wire.path = "/";
        wire.headers = {{"Host", "127.0.0.1:" + QByteArray::number(m_server->port())},
                        {"Content-Type", "application/x-amz-json-1.1"},
                        {"X-Amz-Target", "secretsmanager.CreateSecret"}};
        wire.body = QByteArray::fromStdString(create.dump());
        SigV4Signer(u"eu-central-1"_s, u"secretsmanager"_s).sign(wire, testCredentials(), QDateTime::currentDateTimeUtc());
        QByteArray raw = "POST / HTTP/1.1\r\n";
        for (const auto &[name, value] : wire.headers)
            raw += name + ": " + value + "\r\n";
        raw += "Content-Length: " + QByteArray::number(wire.body.size()) + "\r\n\r\n" + wire.body;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(raw);
        QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
        QVERIFY(disconnected.wait(5000));
        QVERIFY(socket.readAll().isEmpty());
        QCOMPARE(handled.count(), 1);
        QCOMPARE(handled.at(0).at(1).toInt(), 0);

        // The write was applied; a retry with the same token is answered as the same version.
        QVERIFY(m_server->store().secret(u"dropped"_s));
        const Reply retried = send("CreateSecret", create);
        QCOMPARE(retried.status, 200);
        QCOMPARE(retried.json()["VersionId"].get<std::string>(), token);
        QCOMPARE(int(m_server->store().secret(u"dropped"_s)->versions.size()), 1);
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "testsandboxserver.moc"
