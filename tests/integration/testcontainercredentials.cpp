// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Container credentials (ECS tasks, EKS Pod Identity) over real HTTP: a scripted server on
// loopback stands in for the agent. The credentials chain picks the endpoint from
// AWS_CONTAINER_CREDENTIALS_FULL_URI when nothing else is configured, sends a GET with the
// Authorization token read from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE each time, and caches
// the answer until it nears its Expiration. Plain http to anything but loopback and the AWS
// agent addresses is refused before any request; a bad answer is reported clearly; a token
// with a line break is refused. coffer-cli lists the sandbox's secrets with such credentials.

#include "models/aws/awsclient.h"
#include "models/aws/containercredentialsprovider.h"
#include "models/aws/credentialschain.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/scriptedhttpserver.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::ContainerCredentialsEndpoint;
using coffer::aws::CredentialsChain;
using coffer::aws::Result;
using coffer::test::ScriptedHttpServer;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

QByteArray credentialsAnswer(const QString &keyId, qint64 expiresInSeconds)
{
    const QString expiration = QDateTime::currentDateTimeUtc()
                                   .addSecs(expiresInSeconds)
                                   .toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
    return u"{\"AccessKeyId\": \"%1\", \"SecretAccessKey\": \"container/secret/EXAMPLE\", "
           "\"Token\": \"container-session-token\", \"Expiration\": \"%2\", "
           "\"RoleArn\": \"arn:aws:iam::123456789012:role/task\"}"_s.arg(keyId, expiration)
               .toUtf8();
}

} // namespace

class TestContainerCredentials final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void testFullUriOnLoopbackWithTokenFile();
    void testAllowedHttpHosts_data();
    void testAllowedHttpHosts();
    void testRefusedNonLoopbackHttp();
    void testRelativeUri();
    void testBadAnswer_data();
    void testBadAnswer();
    void testServerErrorIsRetriedOnce();
    void testTokenWithLineBreakRefused();
    void testCliListsWithContainerCredentials();

private:
    /// The environment of a container: no shared files, the endpoint variables only.
    [[nodiscard]] QProcessEnvironment containerEnvironment(const QUrl &url) const;
    Result<AwsCredentials> fetch(coffer::aws::CredentialsProvider &provider);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestContainerCredentials::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QProcessEnvironment TestContainerCredentials::containerEnvironment(const QUrl &url) const
{
    QProcessEnvironment env;
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"no-config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"no-credentials"_s));
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, url.toString());
    return env;
}

Result<AwsCredentials> TestContainerCredentials::fetch(coffer::aws::CredentialsProvider &provider)
{
    QObject context;
    std::optional<Result<AwsCredentials>> answer;
    provider.credentials(&context,
                         [&](Result<AwsCredentials> result) { answer = std::move(result); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 15000))
        return std::unexpected(coffer::aws::AwsError::cancelled());
    return *answer;
}

void TestContainerCredentials::testFullUriOnLoopbackWithTokenFile()
{
    ScriptedHttpServer server;
    QVERIFY(server.isListening());
    const QString tokenFile = m_dir->filePath(u"eks-pod-identity-token"_s);
    QVERIFY(writeFile(tokenFile, "first-authorization-token\n"));
    QProcessEnvironment env
        = containerEnvironment(QUrl(server.url().toString() + u"/v1/credentials?role=task"_s));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"_s, tokenFile);
    // The file wins over the variable.
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"variable-token"_s);

    coffer::aws::AwsClient transport;
    coffer::aws::CredentialsChainOptions options;
    options.containerTransport = &transport;
    auto chain = CredentialsChain::fromEnvironment(options, env);
    QVERIFY(chain.has_value());
    const auto provider = (*chain)->resolve();
    QVERIFY2(provider.has_value(), qPrintable(provider ? QString() : provider.error().message));
    QVERIFY(dynamic_cast<coffer::aws::ContainerCredentialsProvider *>(provider->get()));
    QVERIFY((*chain)->description().contains(server.url().toString()));
    QVERIFY(!(*chain)->description().contains(u"/v1/credentials"_s));

    server.enqueue({ 200,
                     { { "Content-Type", "application/json" } },
                     credentialsAnswer(u"ASIAFIRST"_s, 3600) });
    const auto first = fetch(**chain);
    QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().summary()));
    QCOMPARE(first->accessKeyId, u"ASIAFIRST"_s);
    QCOMPARE(first->secretAccessKey, u"container/secret/EXAMPLE"_s);
    QCOMPARE(first->sessionToken, u"container-session-token"_s);
    QVERIFY(first->expiration
            && *first->expiration > QDateTime::currentDateTimeUtc().addSecs(3500));
    QCOMPARE(server.requestCount(), 1);
    const auto request = server.requests().at(0);
    QCOMPARE(request.method, "GET");
    QCOMPARE(request.target, "/v1/credentials?role=task");
    QCOMPARE(request.header("Authorization"), "first-authorization-token");
    QCOMPARE(request.header("Accept"), "application/json");
    QVERIFY(!request.hasHeader("X-Amz-Date")); // unsigned

    // Fresh: answered from the cache.
    const auto cached = fetch(**chain);
    QVERIFY(cached.has_value());
    QCOMPARE(server.requestCount(), 1);

    // The agent rotated its token; the next fetch reads the file again.
    QVERIFY(writeFile(tokenFile, "second-authorization-token"));
    (*chain)->invalidate();
    server.enqueue({ 200, {}, credentialsAnswer(u"ASIASECOND"_s, 120) });
    const auto second = fetch(**chain);
    QVERIFY(second.has_value());
    QCOMPARE(second->accessKeyId, u"ASIASECOND"_s);
    QCOMPARE(server.requests().at(1).header("Authorization"), "second-authorization-token");

    // Two minutes left is inside the refresh window: the next call fetches again.
    server.enqueue({ 200, {}, credentialsAnswer(u"ASIATHIRD"_s, 3600) });
    const auto third = fetch(**chain);
    QVERIFY(third.has_value());
    QCOMPARE(third->accessKeyId, u"ASIATHIRD"_s);
    QCOMPARE(server.requestCount(), 3);
}

void TestContainerCredentials::testAllowedHttpHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("127.1.2.3") << u"127.1.2.3"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("localhost") << u"localhost"_s << true;
    QTest::newRow("ECS") << u"169.254.170.2"_s << true;
    QTest::newRow("EKS") << u"169.254.170.23"_s << true;
    QTest::newRow("EKS IPv6") << u"fd00:ec2::23"_s << true;
    QTest::newRow("EC2 metadata") << u"169.254.169.254"_s << false;
    QTest::newRow("LAN") << u"192.168.1.10"_s << false;
    QTest::newRow("name") << u"credentials.example.com"_s << false;
    QTest::newRow("localhost lookalike") << u"localhost.example.com"_s << false;
}

void TestContainerCredentials::testAllowedHttpHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, allowed);
    QCOMPARE(ContainerCredentialsEndpoint::isAllowedHttpHost(host), allowed);
}

void TestContainerCredentials::testRefusedNonLoopbackHttp()
{
    ScriptedHttpServer server;
    coffer::aws::AwsClient transport;
    coffer::aws::CredentialsChainOptions options;
    options.containerTransport = &transport;
    const QProcessEnvironment env
        = containerEnvironment(QUrl(u"http://192.0.2.10:%1/creds"_s.arg(server.port())));
    auto chain = CredentialsChain::fromEnvironment(options, env);
    QVERIFY(chain.has_value());
    const auto resolved = (*chain)->resolve();
    QVERIFY(!resolved.has_value());
    QCOMPARE(resolved.error().kind, coffer::aws::ErrorKind::Configuration);
    const QString message = resolved.error().message;
    QVERIFY2(message.contains(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s), qPrintable(message));
    QVERIFY2(message.contains(u"http://192.0.2.10"_s), qPrintable(message));
    QVERIFY2(message.contains(u"use https"_s), qPrintable(message));
    QCOMPARE(server.requestCount(), 0);

    // The agents' bracketed IPv6 address and loopback are accepted over http.
    for (const QString &allowed : { u"http://[fd00:ec2::23]/v1/credentials"_s,
                                    u"http://[::1]:8080/c"_s, u"http://localhost:8080/c"_s }) {
        QProcessEnvironment agent = env;
        agent.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, allowed);
        const auto accepted = ContainerCredentialsEndpoint::fromEnvironment(agent);
        QVERIFY2(accepted.has_value() && accepted->has_value(), qPrintable(allowed));
    }

    // https is accepted for any host.
    QProcessEnvironment secure = env;
    secure.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, u"https://creds.example.com/x"_s);
    const auto endpoint = ContainerCredentialsEndpoint::fromEnvironment(secure);
    QVERIFY(endpoint.has_value() && endpoint->has_value());
    QCOMPARE((*endpoint)->url, QUrl(u"https://creds.example.com/x"_s));
}

void TestContainerCredentials::testRelativeUri()
{
    QProcessEnvironment env;
    env.insert(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/v2/credentials/1234-abcd"_s);
    // The relative URI wins, as in botocore.
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, u"http://192.0.2.10/ignored"_s);
    const auto endpoint = ContainerCredentialsEndpoint::fromEnvironment(env);
    QVERIFY(endpoint.has_value() && endpoint->has_value());
    QCOMPARE((*endpoint)->url, QUrl(u"http://169.254.170.2/v2/credentials/1234-abcd"_s));
    QCOMPARE((*endpoint)->origin, u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s);

    const auto none = ContainerCredentialsEndpoint::fromEnvironment(QProcessEnvironment());
    QVERIFY(none.has_value() && !none->has_value());
}

void TestContainerCredentials::testBadAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not JSON") << QByteArray("<html>proxy login</html>")
                              << u"did not answer with a JSON object"_s;
    QTest::newRow("JSON list") << QByteArray("[]") << u"did not answer with a JSON object"_s;
    QTest::newRow("no secret") << QByteArray(
        R"({"AccessKeyId": "ASIAX", "Token": "t", "Expiration": "2030-01-01T00:00:00Z"})")
                               << u"has no SecretAccessKey"_s;
    QTest::newRow("bad expiration") << QByteArray(
        R"({"AccessKeyId": "ASIAX", "SecretAccessKey": "s", "Token": "t", "Expiration": "soon"})")
                                    << u"not an ISO 8601 time"_s;
}

void TestContainerCredentials::testBadAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    ScriptedHttpServer server;
    server.enqueue({ 200, { { "Content-Type", "application/json" } }, body });
    coffer::aws::AwsClient transport;
    auto endpoint = ContainerCredentialsEndpoint::fromEnvironment(
        containerEnvironment(QUrl(server.url().toString() + u"/creds"_s)));
    QVERIFY(endpoint.has_value() && endpoint->has_value());
    coffer::aws::ContainerCredentialsProvider provider(**endpoint, &transport);
    const auto result = fetch(provider);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().kind, coffer::aws::ErrorKind::ProtocolError);
    QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(server.url().toString()),
             qPrintable(result.error().message));
    QCOMPARE(server.requestCount(), 1);
}

void TestContainerCredentials::testServerErrorIsRetriedOnce()
{
    ScriptedHttpServer server;
    server.enqueue({ 500, {}, "{\"message\": \"agent not ready\"}" });
    server.enqueue({ 500, {}, "{\"message\": \"agent not ready\"}" });
    coffer::aws::AwsClient transport;
    auto endpoint = ContainerCredentialsEndpoint::fromEnvironment(
        containerEnvironment(QUrl(server.url().toString() + u"/creds"_s)));
    QVERIFY(endpoint.has_value() && endpoint->has_value());
    coffer::aws::ContainerCredentialsProvider provider(**endpoint, &transport);
    const auto result = fetch(provider);
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().httpStatus, 500);
    QVERIFY2(result.error().message.contains(u"container credentials endpoint"_s),
             qPrintable(result.error().message));
    QCOMPARE(server.requestCount(), 2);
}

void TestContainerCredentials::testTokenWithLineBreakRefused()
{
    ScriptedHttpServer server;
    QProcessEnvironment env = containerEnvironment(QUrl(server.url().toString() + u"/creds"_s));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"token\r\nX-Injected: yes"_s);
    coffer::aws::AwsClient transport;
    auto endpoint = ContainerCredentialsEndpoint::fromEnvironment(env);
    QVERIFY(endpoint.has_value() && endpoint->has_value());
    coffer::aws::ContainerCredentialsProvider provider(**endpoint, &transport);
    const auto result = fetch(provider);
    QVERIFY(!result.has_value());
    QVERIFY2(result.error().message.contains(u"line break"_s), qPrintable(result.error().message));
    QVERIFY(!result.error().message.contains(u"X-Injected"_s));
    QCOMPARE(server.requestCount(), 0);
}

void TestContainerCredentials::testCliListsWithContainerCredentials()
{
    // The agent hands out the sandbox's own keys; coffer-cli signs its listing with them.
    coffer::sandbox::SandboxServer sandbox;
    QVERIFY(sandbox.listen());
    QVERIFY(sandbox.store().call(u"CreateSecret",
                                 { { "Name", "task/config" }, { "SecretString", "x" } }));
    const AwsCredentials keys = coffer::sandbox::SandboxServer::demoCredentials();
    ScriptedHttpServer agent;
    const QString expiration
        = QDateTime::currentDateTimeUtc().addSecs(3600).toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
    agent.enqueue(
        { 200,
          { { "Content-Type", "application/json" } },
          u"{\"AccessKeyId\": \"%1\", \"SecretAccessKey\": \"%2\", \"Token\": \"\", "
          "\"Expiration\": \"%3\"}"_s.arg(keys.accessKeyId, keys.secretAccessKey, expiration)
              .toUtf8() });
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    const QProcessEnvironment container
        = containerEnvironment(QUrl(agent.url().toString() + u"/creds"_s));
    for (const QString &name : container.keys())
        env.insert(name, container.value(name));
    env.insert(u"AWS_CONTAINER_AUTHORIZATION_TOKEN"_s, u"agent-token"_s);
    env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, sandbox.url().toString());
    const auto run = coffer::test::runProcess(coffer::test::cliPath(), { u"list"_s }, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("task/config"), run.out.constData());
    QCOMPARE(agent.requestCount(), 1);
    QCOMPARE(agent.requests().at(0).header("Authorization"), "agent-token");
    QVERIFY(!run.out.contains(keys.secretAccessKey.toUtf8())
            && !run.err.contains(keys.secretAccessKey.toUtf8()));
}

QTEST_GUILESS_MAIN(TestContainerCredentials)
#include "testcontainercredentials.moc"
