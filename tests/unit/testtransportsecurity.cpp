// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// TransportSecurity: AWS_CA_BUNDLE beats the profile's ca_bundle, a bundle that is missing or
// not PEM is named in the error, plain HTTP is refused off this computer unless one of the three
// opt-ins allows it, and then it gives a warning.
#include "models/aws/transportsecurity.h"
#include "models/sandbox/sandboxtls.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsConfigFile;
using coffer::aws::AwsSharedFiles;
using coffer::aws::ClientConfig;
using coffer::aws::ErrorKind;
using coffer::aws::TransportSecurity;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(content) == content.size();
}

QByteArray certificatePem(const QString &host)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto tls = coffer::sandbox::SandboxTls::generateSelfSigned(host, now.addDays(-1),
                                                                     now.addDays(1));
    return tls ? tls->certificate.toPem() : QByteArray();
}

AwsSharedFiles filesWith(const QByteArray &config)
{
    AwsSharedFiles files;
    auto parsed = AwsConfigFile::parse(config, AwsConfigFile::Kind::Config, u"/x/config"_s);
    if (parsed)
        files.config = std::move(*parsed);
    return files;
}

} // namespace

class TestTransportSecurity final : public QObject
{
    Q_OBJECT

private slots:
    void testLoopbackHosts_data();
    void testLoopbackHosts();
    void testPlainHttpIsRefusedUnlessAllowed();
    void testOptIns_data();
    void testOptIns();
    void testBundleFromEnvironmentBeatsProfile();
    void testBundleErrors_data();
    void testBundleErrors();
    void testApplyAddsEachCertificateOnce();

private:
    QTemporaryDir m_dir;
};

void TestTransportSecurity::testLoopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("localhost") << u"localhost"_s << true;
    QTest::newRow("LOCALHOST") << u"LOCALHOST"_s << true;
    QTest::newRow("sub.localhost") << u"sandbox.localhost"_s << true;
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << true;
    QTest::newRow("127.1.2.3") << u"127.1.2.3"_s << true;
    QTest::newRow("::1") << u"::1"_s << true;
    QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << false;
    QTest::newRow("private") << u"10.0.0.5"_s << false;
    QTest::newRow("name") << u"secrets.example.com"_s << false;
    QTest::newRow("localhost lookalike") << u"localhost.example.com"_s << false;
}

void TestTransportSecurity::testLoopbackHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(TransportSecurity::isLoopbackHost(host), loopback);
}

void TestTransportSecurity::testPlainHttpIsRefusedUnlessAllowed()
{
    TransportSecurity security;
    QCOMPARE(security.checkEndpoint(QUrl()).value(), QString());
    QCOMPARE(security.checkEndpoint(QUrl(u"https://secrets.example.com"_s)).value(), QString());
    QCOMPARE(security.checkEndpoint(QUrl(u"http://127.0.0.1:4566"_s)).value(), QString());
    QCOMPARE(security.checkEndpoint(QUrl(u"http://[::1]:4566"_s)).value(), QString());
    const auto refused = security.checkEndpoint(QUrl(u"http://user:pw@emulator.lan:4566"_s));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::Configuration);
    QVERIFY(refused.error().message.contains(u"http://emulator.lan:4566"_s));
    QVERIFY(!refused.error().message.contains(u"pw"_s));
    QVERIFY(refused.error().message.contains(u"--allow-insecure-http"_s));
    QVERIFY(refused.error().message.contains(u"COFFER_ALLOW_INSECURE_HTTP=1"_s));

    security.allowInsecureHttpBy(u"--allow-insecure-http"_s);
    const auto allowed = security.checkEndpoint(QUrl(u"http://emulator.lan:4566"_s));
    QVERIFY(allowed);
    QCOMPARE(*allowed, u"Plain HTTP to emulator.lan (allowed by --allow-insecure-http): traffic "
                       "is not encrypted."_s);
}

void TestTransportSecurity::testOptIns_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QByteArray>("setting");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("origin");
    QTest::newRow("nothing") << QString() << QByteArray() << false << QString();
    QTest::newRow("variable") << u"1"_s << QByteArray() << true
                              << u"COFFER_ALLOW_INSECURE_HTTP=1"_s;
    QTest::newRow("variable 0") << u"0"_s << QByteArray() << false << QString();
    QTest::newRow("profile") << QString() << QByteArray("coffer_allow_insecure_http = true\n")
                             << true << u"/x/config line 3"_s;
    QTest::newRow("profile false") << QString() << QByteArray("coffer_allow_insecure_http = no\n")
                                   << false << QString();
}

void TestTransportSecurity::testOptIns()
{
    QFETCH(QString, variable);
    QFETCH(QByteArray, setting);
    QFETCH(bool, allowed);
    QFETCH(QString, origin);
    QProcessEnvironment env;
    if (!variable.isEmpty())
        env.insert(u"COFFER_ALLOW_INSECURE_HTTP"_s, variable);
    const AwsSharedFiles files = filesWith("[profile emulator]\nregion = eu-west-1\n" + setting);
    const auto security = TransportSecurity::forProfile(files, u"emulator"_s, env);
    QVERIFY(security);
    QCOMPARE(security->allowInsecureHttp, allowed);
    QCOMPARE(security->allowInsecureHttpOrigin, origin);
    // Another profile does not get this one's setting.
    const auto other = TransportSecurity::forProfile(files, u"other"_s, env);
    QCOMPARE(other->allowInsecureHttp, !variable.isEmpty() && allowed);
}

void TestTransportSecurity::testBundleFromEnvironmentBeatsProfile()
{
    QVERIFY(m_dir.isValid());
    const QString fromEnv = m_dir.filePath(u"env.pem"_s);
    const QString fromProfile = m_dir.filePath(u"profile.pem"_s);
    const QByteArray envPem = certificatePem(u"env.example"_s);
    const QByteArray profilePem = certificatePem(u"profile.example"_s);
    QVERIFY(!envPem.isEmpty() && !profilePem.isEmpty());
    // A bundle of two certificates counts both.
    QVERIFY(writeFile(fromEnv, envPem + profilePem));
    QVERIFY(writeFile(fromProfile, profilePem));
    const AwsSharedFiles files
        = filesWith("[profile corp]\nca_bundle = " + fromProfile.toUtf8() + "\n");

    const auto profileOnly = TransportSecurity::forProfile(files, u"corp"_s, {});
    QVERIFY(profileOnly);
    QCOMPARE(profileOnly->caBundle, fromProfile);
    QCOMPARE(profileOnly->caBundleOrigin, u"/x/config line 2"_s);
    QCOMPARE(profileOnly->caCertificates.size(), 1);

    QProcessEnvironment env;
    env.insert(u"AWS_CA_BUNDLE"_s, fromEnv);
    const auto both = TransportSecurity::forProfile(files, u"corp"_s, env);
    QVERIFY(both);
    QCOMPARE(both->caBundle, fromEnv);
    QCOMPARE(both->caBundleOrigin, u"AWS_CA_BUNDLE"_s);
    QCOMPARE(both->caCertificates.size(), 2);

    // Coffer's own profiles: the variable only.
    const auto own = TransportSecurity::fromEnvironment(env);
    QVERIFY(own);
    QCOMPARE(own->caCertificates.size(), 2);
    QVERIFY(TransportSecurity::fromEnvironment({})->caCertificates.isEmpty());
}

void TestTransportSecurity::testBundleErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing") << u"missing.pem"_s << QByteArray() << u"does not exist"_s;
    QTest::newRow("not PEM") << u"junk.pem"_s << QByteArray("\x30\x82\x01\x0a binary", 12)
                             << u"holds no PEM certificate"_s;
    QTest::newRow("a key, not a certificate")
        << u"key.pem"_s << QByteArray("-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n")
        << u"holds no PEM certificate"_s;
    QTest::newRow("a folder") << u"folder"_s << QByteArray() << u"it is a folder"_s;
}

void TestTransportSecurity::testBundleErrors()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(file);
    if (file == u"folder"_s)
        QVERIFY(QDir().mkpath(path));
    else if (!content.isEmpty())
        QVERIFY(writeFile(path, content));
    QProcessEnvironment env;
    env.insert(u"AWS_CA_BUNDLE"_s, path);
    const auto security = TransportSecurity::fromEnvironment(env);
    QVERIFY(!security);
    QCOMPARE(security.error().kind, ErrorKind::Configuration);
    QVERIFY2(security.error().message.contains(expected), qPrintable(security.error().message));
    QVERIFY(security.error().message.contains(path));
    QVERIFY(security.error().message.contains(u"AWS_CA_BUNDLE"_s));
}

void TestTransportSecurity::testApplyAddsEachCertificateOnce()
{
    TransportSecurity security;
    security.caCertificates = QSslCertificate::fromData(certificatePem(u"a.example"_s));
    QCOMPARE(security.caCertificates.size(), 1);
    ClientConfig config;
    config.endpoint = QUrl(u"https://a.example"_s);
    QVERIFY(security.secure(config));
    QVERIFY(security.secure(config));
    QCOMPARE(config.caCertificates, security.caCertificates);
}

QTEST_GUILESS_MAIN(TestTransportSecurity)
#include "testtransportsecurity.moc"
