// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox over HTTPS with certificates made on the fly: Coffer's client trusts it once the
// certificate is given as a CA (ClientConfig::caCertificates), refuses it otherwise, and says so
// plainly when the certificate expired, is not yet valid or names another host. Policies see
// aws:SecureTransport.

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtls.h"

#include <QEventLoop>
#include <QSslSocket>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;
using namespace coffer;
using aws::ErrorKind;
using aws::Result;
using sandbox::SandboxTls;

namespace {

// Reads anything, but never over plain HTTP.
const QByteArray principalsFile
    = R"({"users": [{"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001",
  "secretAccessKey": "app/secret/key/EXAMPLE",
  "policies": [{"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
    {"Sid": "TlsOnly", "Effect": "Deny", "Action": "*", "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}]}]})";

aws::AwsCredentials appKeys()
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
    credentials.secretAccessKey = u"app/secret/key/EXAMPLE"_s;
    return credentials;
}

template<typename T, typename Start> Result<T> await(Start start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    start([&](Result<T> answer) {
        result = std::move(answer);
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!result)
        return std::unexpected(aws::AwsError::protocolError(u"no answer within 20 s"_s));
    return std::move(*result);
}

} // namespace

class TestSandboxTls final : public QObject
{
    Q_OBJECT

private:
    aws::AwsClient *m_transport = nullptr;

    /// A sandbox on every interface (so "localhost" reaches it over IPv4 or IPv6) with `tls`.
    std::unique_ptr<sandbox::SandboxServer> serve(std::optional<SandboxTls> tls)
    {
        sandbox::SandboxServerConfig config;
        config.address = QHostAddress::Any;
        config.tls = std::move(tls);
        const auto principals = sandbox::SandboxPrincipals::fromJson(principalsFile);
        if (principals)
            principals->applyTo(config);
        auto server = std::make_unique<sandbox::SandboxServer>(config);
        if (!server->listen())
            return nullptr;
        (void)server->store().call(
            u"CreateSecret", { { "Name", "miyabi/prod/api-keys" }, { "SecretString", "k3y" } });
        return server;
    }

    Result<aws::SecretValue> read(const QUrl &endpoint, const QList<QSslCertificate> &trusted,
                                  const aws::AwsCredentials &credentials
                                  = sandbox::SandboxServer::demoCredentials())
    {
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = endpoint;
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(credentials);
        config.maxAttempts = 1;
        config.transferTimeout = std::chrono::seconds(10);
        config.caCertificates = trusted;
        aws::SecretsManagerClient client(m_transport, config);
        aws::GetSecretValueRequest request;
        request.secretId = u"miyabi/prod/api-keys"_s;
        return await<aws::SecretValue>(
            [&](auto done) { client.getSecretValue(request, this, done); });
    }

    static QUrl onHost(QUrl url, const QString &host)
    {
        url.setHost(host);
        return url;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt was built without TLS support");
        m_transport = new aws::AwsClient(this);
    }

    void testGeneratedCertificate()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls
            = SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(-1), now.addDays(30));
        QVERIFY2(tls.has_value(), qPrintable(tls ? QString() : tls.error()));
        QVERIFY(!tls->isNull());
        QCOMPARE(tls->certificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList { u"localhost"_s });
        const auto names = tls->certificate.subjectAlternativeNames();
        QVERIFY(names.values(QSsl::DnsEntry).contains(u"localhost"_s));
        QVERIFY(names.values(QSsl::IpAddressEntry).contains(u"127.0.0.1"_s));
        QCOMPARE(tls->certificate.expiryDate().date(), now.addDays(30).date());
        QVERIFY(tls->certificate.isSelfSigned());
        // Each call makes a new key.
        const auto other = SandboxTls::generateSelfSigned(u"localhost"_s, now, now.addDays(1));
        QVERIFY(other && other->privateKey.toPem() != tls->privateKey.toPem());
        // PEM round trip, as `serve --tls-cert --tls-key` reads it.
        const auto reread = SandboxTls::fromPem(tls->certificate.toPem(), tls->privateKey.toPem());
        QVERIFY(reread && reread->certificate == tls->certificate);
    }

    void testTrustedCertificateWorks()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls
            = SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(-1), now.addDays(30));
        QVERIFY(tls.has_value());
        auto server = serve(*tls);
        QVERIFY(server);
        QCOMPARE(server->url().scheme(), u"https"_s);
        for (const QString &host : { u"127.0.0.1"_s, u"localhost"_s }) {
            const auto value = read(onHost(server->url(), host), { tls->certificate });
            QVERIFY2(value.has_value(),
                     qPrintable(host + u": "_s + (value ? QString() : value.error().summary())));
            QCOMPARE(value->secretString.value_or(QString()), u"k3y"_s);
        }
    }

    void testRefusedCertificates_data()
    {
        QTest::addColumn<QString>("certificateHost");
        QTest::addColumn<int>("fromDays");
        QTest::addColumn<int>("untilDays");
        QTest::addColumn<bool>("trusted");
        QTest::addColumn<QString>("explanation");
        QTest::newRow("untrusted") << u"localhost"_s << -1 << 30 << false << u"untrusted"_s;
        QTest::newRow("expired") << u"localhost"_s << -30 << -1 << true << u"expired"_s;
        QTest::newRow("not yet valid") << u"localhost"_s << 2 << 30 << true << u"not yet valid"_s;
        QTest::newRow("wrong host") << u"wrong.example"_s << -1 << 30 << true << u"host name"_s;
    }

    void testRefusedCertificates()
    {
        QFETCH(QString, certificateHost);
        QFETCH(int, fromDays);
        QFETCH(int, untilDays);
        QFETCH(bool, trusted);
        QFETCH(QString, explanation);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls = SandboxTls::generateSelfSigned(certificateHost, now.addDays(fromDays),
                                                        now.addDays(untilDays));
        QVERIFY(tls.has_value());
        auto server = serve(*tls);
        QVERIFY(server);
        const auto value = read(onHost(server->url(), u"localhost"_s),
                                trusted ? QList<QSslCertificate> { tls->certificate }
                                        : QList<QSslCertificate> {});
        QVERIFY(!value.has_value());
        QCOMPARE(value.error().kind, ErrorKind::TlsFailure);
        QVERIFY2(value.error().message.contains(explanation, Qt::CaseInsensitive),
                 qPrintable(value.error().message));
        if (explanation == u"expired")
            QVERIFY2(
                value.error().message.contains(now.addDays(untilDays).date().toString(Qt::ISODate)),
                qPrintable(value.error().message));
        QCOMPARE(server->requestCount(), 0);
    }

    void testSecureTransportCondition()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls
            = SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(-1), now.addDays(1));
        QVERIFY(tls.has_value());
        auto secure = serve(*tls);
        auto plain = serve(std::nullopt);
        QVERIFY(secure && plain);
        QCOMPARE(plain->url().scheme(), u"http"_s);
        QVERIFY(read(secure->url(), { tls->certificate }, appKeys()).has_value());
        const auto refused = read(plain->url(), {}, appKeys());
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().kind, ErrorKind::AccessDenied);
        QVERIFY2(refused.error().message.endsWith(
                     u"with an explicit deny in an identity-based policy"_s),
                 qPrintable(refused.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSandboxTls)
#include "testsandboxtls.moc"
