// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ProfileConnector applies the TLS settings to every client of a connection: the CA bundle of
// AWS_CA_BUNDLE or of the ~/.aws profile's ca_bundle reaches Secrets Manager, STS and IAM, for
// ~/.aws profiles used in place and for Coffer's own; a bad bundle stops the connection with the
// file named; plain HTTP off this computer is refused unless allowed, then warned about.
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxtls.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

} // namespace

class TestProfileConnectorTls final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testBundleReachesEveryClient_data();
    void testBundleReachesEveryClient();
    void testBadBundleStopsTheConnection();
    void testPlainHttp();
    void testSandboxProfileKeys();

private:
    QProcessEnvironment env(bool withBundleVariable) const;
    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
};

void TestProfileConnectorTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto tls = sandbox::SandboxTls::generateSelfSigned(u"proxy.corp.example"_s,
                                                             now.addDays(-1), now.addDays(1));
    QVERIFY(tls);
    m_certificate = tls->certificate;
    QVERIFY(writeFile(m_dir.filePath(u"corp-ca.pem"_s), m_certificate.toPem()));
    QVERIFY(
        writeFile(m_dir.filePath(u"config"_s),
                  "[profile corp]\nregion = eu-west-1\ncredential_process = /bin/true\n"
                  "ca_bundle = "
                      + m_dir.filePath(u"corp-ca.pem"_s).toUtf8()
                      + "\n\n"
                        "[profile plain]\nregion = eu-west-1\ncredential_process = /bin/true\n\n"
                        "[profile lan]\nregion = eu-west-1\ncredential_process = /bin/true\n"
                        "endpoint_url = http://emulator.lan:4566\n"));
}

QProcessEnvironment TestProfileConnectorTls::env(bool withBundleVariable) const
{
    QProcessEnvironment env;
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir.filePath(u"config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"credentials"_s));
    if (withBundleVariable)
        env.insert(u"AWS_CA_BUNDLE"_s, m_dir.filePath(u"corp-ca.pem"_s));
    return env;
}

void TestProfileConnectorTls::testBundleReachesEveryClient_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<bool>("variable");
    QTest::addColumn<bool>("trusted");
    QTest::newRow("ca_bundle of the ~/.aws profile") << u"corp"_s << false << true;
    QTest::newRow("AWS_CA_BUNDLE, ~/.aws profile") << u"plain"_s << true << true;
    QTest::newRow("nothing") << u"plain"_s << false << false;
    QTest::newRow("AWS_CA_BUNDLE, Coffer profile") << QString() << true << true;
    QTest::newRow("Coffer profile, nothing") << QString() << false << false;
}

void TestProfileConnectorTls::testBundleReachesEveryClient()
{
    QFETCH(QString, profile);
    QFETCH(bool, variable);
    QFETCH(bool, trusted);
    ProfileStore store;
    ProfileConnector connector(&store, nullptr);
    connector.setEnvironment(env(variable));
    Profile chosen;
    if (profile.isEmpty()) {
        chosen = Profile::create(Profile::Kind::AccessKey, u"own"_s);
        chosen.region = u"eu-west-1"_s;
        chosen.accessKeyId = u"AKIDCONNECTORTLS0001"_s;
    } else {
        chosen = Profile::create(Profile::Kind::AwsCliProfile, profile);
        chosen.awsProfileName = profile;
    }
    const auto connection = connector.connection(chosen);
    QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
    const QList<QSslCertificate> expected
        = trusted ? QList<QSslCertificate> { m_certificate } : QList<QSslCertificate> {};
    QCOMPARE(connection->secretsManager.caCertificates, expected);
    QCOMPARE(connection->sts.caCertificates, expected);
    QCOMPARE(connection->iam.caCertificates, expected);
    QVERIFY(connection->warnings.isEmpty());
}

void TestProfileConnectorTls::testBadBundleStopsTheConnection()
{
    QProcessEnvironment environment = env(false);
    environment.insert(u"AWS_CA_BUNDLE"_s, m_dir.filePath(u"config"_s)); // not PEM
    ProfileStore store;
    ProfileConnector connector(&store, nullptr);
    connector.setEnvironment(environment);
    Profile chosen = Profile::create(Profile::Kind::AwsCliProfile, u"plain"_s);
    chosen.awsProfileName = u"plain"_s;
    const auto connection = connector.connection(chosen);
    QVERIFY(!connection);
    QCOMPARE(connection.error().kind, aws::ErrorKind::Configuration);
    QVERIFY(connection.error().message.contains(m_dir.filePath(u"config"_s)));
    QVERIFY(connection.error().message.contains(u"holds no PEM certificate"_s));
}

void TestProfileConnectorTls::testPlainHttp()
{
    ProfileStore store;
    ProfileConnector connector(&store, nullptr);
    connector.setEnvironment(env(false));
    Profile lan = Profile::create(Profile::Kind::AwsCliProfile, u"lan"_s);
    lan.awsProfileName = u"lan"_s;
    const auto refused = connector.connection(lan);
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(u"http://emulator.lan:4566"_s));

    connector.setAllowInsecureHttp(u"--allow-insecure-http"_s);
    const auto allowed = connector.connection(lan);
    QVERIFY2(allowed, qPrintable(allowed ? QString() : allowed.error().message));
    // One warning for the three clients on the same host.
    QCOMPARE(allowed->warnings,
             QStringList { u"Plain HTTP to emulator.lan (allowed by --allow-insecure-http): "
                           "traffic is not encrypted."_s });
}

void TestProfileConnectorTls::testSandboxProfileKeys()
{
    // Without an endpoint, a sandbox profile is the running built-in sandbox, with its key; with
    // one, a sandbox of its own (coffer-cli serve), which takes the documented demo keys.
    ProfileStore store;
    ProfileConnector connector(&store, nullptr);
    connector.setEnvironment(env(false));
    aws::AwsCredentials builtIn;
    builtIn.accessKeyId = u"AKIDBUILTINSANDBOX01"_s;
    builtIn.secretAccessKey = u"built-in-run-key"_s;
    connector.setSandboxEndpoint(QUrl(u"http://127.0.0.1:40001"_s));
    connector.setSandboxCredentials(builtIn);
    const auto keyOf = [](const ProfileConnection &connection) {
        std::optional<QString> key;
        connection.secretsManager.credentials->credentials(
            nullptr, [&key](aws::Result<aws::AwsCredentials> credentials) {
                key = credentials ? credentials->accessKeyId : QString();
            });
        return key.value_or(QString());
    };

    Profile own = Profile::create(Profile::Kind::LocalSandbox, u"serve"_s);
    own.endpoint = QUrl(u"http://127.0.0.1:40002"_s);
    const auto served = connector.connection(own);
    QVERIFY2(served, qPrintable(served ? QString() : served.error().message));
    QCOMPARE(served->secretsManager.endpoint, own.endpoint);
    QCOMPARE(keyOf(*served), sandbox::SandboxServer::demoCredentials().accessKeyId);

    Profile running = Profile::create(Profile::Kind::LocalSandbox, u"sandbox, production"_s);
    const auto embedded = connector.connection(running);
    QVERIFY2(embedded, qPrintable(embedded ? QString() : embedded.error().message));
    QCOMPARE(embedded->secretsManager.endpoint, QUrl(u"http://127.0.0.1:40001"_s));
    QCOMPARE(keyOf(*embedded), builtIn.accessKeyId);
}

QTEST_GUILESS_MAIN(TestProfileConnectorTls)
#include "testprofileconnectortls.moc"
