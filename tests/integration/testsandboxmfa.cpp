// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// MFA in the sandbox, through Coffer's StsClient over HTTP: AssumeRole with the user's device
// serial and a TOTP code computed here (the current step, and one step of drift) succeeds; a
// wrong code, another user's serial or no code for a role with "requireMfa" is refused with
// AWS's sentences; a session made with MFA satisfies aws:MultiFactorAuthPresent, one made
// without does not. No code or seed is printed.

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtotp.h"

#include <QEventLoop>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;
using namespace coffer;
using aws::AwsCredentials;
using aws::ErrorKind;
using aws::Result;
using sandbox::SandboxTotp;

namespace {

const QString seedText = u"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"_s;
const QString appSerial = u"arn:aws:iam::123456789012:mfa/app"_s;
const QString otherSerial = u"arn:aws:iam::123456789012:mfa/other"_s;
const QString guardedRole = u"arn:aws:iam::123456789012:role/guarded"_s;
const QString openRole = u"arn:aws:iam::123456789012:role/open"_s;

// "guarded" needs MFA to be assumed; "open" does not, but its policy reads mfa/* only in a
// session made with MFA. ("\u002a" is JSON for "*": moc would take slash-star for a comment.)
const QByteArray principalsFile = R"({
  "users": [
    {"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001", "secretAccessKey": "app/secret/key/EXAMPLE",
     "policies": [{"Version": "2012-10-17",
                   "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}],
     "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/app",
                     "totpSeed": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}]},
    {"name": "other", "accessKeyId": "AKIAOTHEREXAMPLE0001", "secretAccessKey": "other/secret/EXAMPLE",
     "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/other", "totpSeed": "GEZDGNBVGY3TQOJQ"}]}
  ],
  "roles": [
    {"name": "guarded", "trust": ["user/app"], "requireMfa": true,
     "policies": [{"Version": "2012-10-17",
                   "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}]},
    {"name": "open", "trust": ["user/app"],
     "policies": [{"Version": "2012-10-17",
                   "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
                                  "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}]}
  ]
})";

AwsCredentials keys(const QString &id, const QString &secret)
{
    AwsCredentials credentials;
    credentials.accessKeyId = id;
    credentials.secretAccessKey = secret;
    credentials.source = u"test"_s;
    return credentials;
}

const AwsCredentials appKeys = keys(u"AKIAAPPEXAMPLE000001"_s, u"app/secret/key/EXAMPLE"_s);

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

/// Waits out the last seconds of a 30-second step, so a code computed now is still of the
/// server's step (or the one next to it) when the request arrives.
void awayFromStepEdge()
{
    while (QDateTime::currentSecsSinceEpoch() % SandboxTotp::stepSeconds
           >= SandboxTotp::stepSeconds - 3)
        QThread::msleep(250);
}

} // namespace

class TestSandboxMfa final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    aws::AwsClient *m_transport = nullptr;
    QByteArray m_seed;

    aws::ClientConfig configFor(const AwsCredentials &credentials) const
    {
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = m_server->url();
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(credentials);
        config.maxAttempts = 1;
        config.transferTimeout = std::chrono::seconds(10);
        return config;
    }

    Result<aws::AssumeRoleResult> assume(const QString &roleArn, const QString &serial,
                                         const QString &code)
    {
        aws::StsClient sts(m_transport, configFor(appKeys));
        aws::AssumeRoleRequest request;
        request.roleArn = roleArn;
        request.roleSessionName = u"mfa-test"_s;
        request.serialNumber = serial;
        request.tokenCode = code;
        return await<aws::AssumeRoleResult>(
            [&](auto done) { sts.assumeRole(request, this, done); });
    }

    Result<aws::SecretValue> read(const AwsCredentials &credentials)
    {
        aws::SecretsManagerClient client(m_transport, configFor(credentials));
        aws::GetSecretValueRequest request;
        request.secretId = u"mfa/only"_s;
        return await<aws::SecretValue>(
            [&](auto done) { client.getSecretValue(request, this, done); });
    }

    QString codeAt(qint64 offsetSeconds) const
    {
        return SandboxTotp::code(m_seed, QDateTime::currentDateTimeUtc().addSecs(offsetSeconds));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto principals = sandbox::SandboxPrincipals::fromJson(principalsFile);
        QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
        QCOMPARE(principals->principals.first().mfaDevices.size(), 1);
        QCOMPARE(principals->principals.first().mfaDevices.first().serial, appSerial);
        QVERIFY(principals->principals.at(2).requireMfa);
        QVERIFY(!principals->principals.at(3).requireMfa);
        m_seed = SandboxTotp::decodeBase32(seedText).value_or(QByteArray());
        QVERIFY(!m_seed.isEmpty());
        sandbox::SandboxServerConfig config;
        principals->applyTo(config);
        m_server = std::make_unique<sandbox::SandboxServer>(config);
        QVERIFY(m_server->listen());
        m_transport = new aws::AwsClient(this);
        QVERIFY(
            m_server->store()
                .call(u"CreateSecret", { { "Name", "mfa/only" }, { "SecretString", "behind mfa" } })
                .has_value());
    }

    void cleanupTestCase() { m_server.reset(); }

    void testValidCode_data()
    {
        QTest::addColumn<int>("offset");
        QTest::newRow("current step") << 0;
        QTest::newRow("one step behind") << -SandboxTotp::stepSeconds;
        QTest::newRow("one step ahead") << SandboxTotp::stepSeconds;
    }

    void testValidCode()
    {
        QFETCH(int, offset);
        awayFromStepEdge();
        const auto assumed = assume(guardedRole, appSerial, codeAt(offset));
        QVERIFY2(assumed.has_value(), qPrintable(assumed ? QString() : assumed.error().summary()));
        QCOMPARE(assumed->assumedRoleArn,
                 u"arn:aws:sts::123456789012:assumed-role/guarded/mfa-test"_s);
        const auto value = read(assumed->credentials);
        QVERIFY2(value.has_value(), qPrintable(value ? QString() : value.error().summary()));
    }

    void testDriftBeyondOneStepRefused()
    {
        awayFromStepEdge();
        const auto refused = assume(guardedRole, appSerial, codeAt(-3 * SandboxTotp::stepSeconds));
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, u"AccessDenied"_s);
        QCOMPARE(refused.error().message,
                 u"MultiFactorAuthentication failed with invalid MFA one time pass code."_s);
    }

    void testWrongCode()
    {
        awayFromStepEdge();
        // A well-formed code that is not any of the three accepted ones.
        QString wrong = u"000000"_s;
        const QStringList accepted = { codeAt(-30), codeAt(0), codeAt(30) };
        while (accepted.contains(wrong))
            wrong = u"%1"_s.arg(wrong.toInt() + 1, 6, 10, QLatin1Char('0'));
        const auto refused = assume(guardedRole, appSerial, wrong);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().kind, ErrorKind::AccessDenied);
        QCOMPARE(refused.error().code, u"AccessDenied"_s);
        QCOMPARE(refused.error().httpStatus, 403);
        QCOMPARE(refused.error().message,
                 u"MultiFactorAuthentication failed with invalid MFA one time pass code."_s);
        QVERIFY(!refused.error().message.contains(wrong));
    }

    void testMissingCodeRefused()
    {
        const auto refused = assume(guardedRole, {}, {});
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, u"AccessDenied"_s);
        QCOMPARE(refused.error().message,
                 u"User: arn:aws:iam::123456789012:user/app is not authorized to perform: "
                 u"sts:AssumeRole on resource: arn:aws:iam::123456789012:role/guarded"_s);
    }

    void testAnotherUsersDeviceRefused()
    {
        const QByteArray otherSeed = SandboxTotp::decodeBase32(u"GEZDGNBVGY3TQOJQ").value();
        awayFromStepEdge();
        const auto refused = assume(guardedRole, otherSerial,
                                    SandboxTotp::code(otherSeed, QDateTime::currentDateTimeUtc()));
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, u"AccessDenied"_s);
        QVERIFY2(refused.error().message.startsWith(
                     u"MultiFactorAuthentication failed, unable to validate MFA code."_s),
                 qPrintable(refused.error().message));
    }

    void testMalformedCode()
    {
        const auto refused = assume(guardedRole, appSerial, u"12ab56"_s);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, u"ValidationError"_s);
        QVERIFY(!refused.error().message.contains(u"12ab56"_s));
    }

    void testMultiFactorAuthPresent()
    {
        // Without MFA the "open" role is assumed, but its MFA-conditioned policy does not apply.
        const auto plain = assume(openRole, {}, {});
        QVERIFY2(plain.has_value(), qPrintable(plain ? QString() : plain.error().summary()));
        const auto refused = read(plain->credentials);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().code, u"AccessDeniedException"_s);

        awayFromStepEdge();
        const auto withMfa = assume(openRole, appSerial, codeAt(0));
        QVERIFY2(withMfa.has_value(), qPrintable(withMfa ? QString() : withMfa.error().summary()));
        const auto value = read(withMfa->credentials);
        QVERIFY2(value.has_value(), qPrintable(value ? QString() : value.error().summary()));
        QCOMPARE(value->secretString.value_or(QString()), u"behind mfa"_s);
    }

    void testPrincipalsFileErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("seed not base32")
            << QByteArray(R"({"users": [{"name": "u", "accessKeyId": "AKIAUEXAMPLE00000001",
                 "secretAccessKey": "s", "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/u",
                 "totpSeed": "not-base32!"}]}]})")
            << u"users[0] (u).mfaDevices[0]: \"totpSeed\" must be base32"_s;
        QTest::newRow("bad serial")
            << QByteArray(R"({"users": [{"name": "u", "accessKeyId": "AKIAUEXAMPLE00000001",
                 "secretAccessKey": "s", "mfaDevices": [{"serial": "u-mfa", "totpSeed": "MZXW6"}]}]})")
            << u"\"serial\" must be an MFA device ARN"_s;
        QTest::newRow("requireMfa not bool")
            << QByteArray(R"({"roles": [{"name": "r", "requireMfa": "yes"}]})")
            << u"roles[0] (r).requireMfa: must be true or false"_s;
        QTest::newRow("mfaDevices on a role")
            << QByteArray(R"({"roles": [{"name": "r", "mfaDevices": []}]})")
            << u"unknown member \"mfaDevices\""_s;
    }

    void testPrincipalsFileErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto parsed = sandbox::SandboxPrincipals::fromJson(json);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        QVERIFY(!parsed.error().contains(u"not-base32"_s));
    }
};

QTEST_GUILESS_MAIN(TestSandboxMfa)
#include "testsandboxmfa.moc"
