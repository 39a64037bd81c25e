// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox's sts:AssumeRoleWithWebIdentity against Debian's python3-botocore, an STS client
// no one here wrote: botocore's STS client, UNSIGNED, trades a JWT signed in this test for role
// credentials that then read a secret; botocore's own AssumeRoleWithWebIdentityProvider
// (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN) does the same; a token with the wrong audience gets
// InvalidIdentityToken and an expired one ExpiredTokenException, as botocore parses them. Coffer's
// StsClient decodes the same answer. Neither the token nor a key is printed.

#include "models/aws/awsclient.h"
#include "models/aws/stsclient.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"
#include "tests/support/testjwt.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::test::TestJwtSigner;

namespace {

const QString kIssuer = u"https://token.example"_s;
const QString kRole = u"arn:aws:iam::123456789012:role/ci"_s;
const QByteArray kValue = "value-for-ci";

// mode "client": botocore's STS client, unsigned, with the token from stdin.
// mode "chain": botocore's default credential chain, configured by the environment only.
// Prints JSON facts; never the token, a key or the value.
const char *kScript = R"PY(
import json, os, sys
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError
url = os.environ["SANDBOX_URL"]
session = botocore.session.get_session()
out = {}
try:
    if sys.argv[1] == "client":
        token = sys.stdin.read().strip()
        sts = session.create_client("sts", region_name="us-east-1", endpoint_url=url,
                                    config=Config(signature_version=UNSIGNED,
                                                  retries={"max_attempts": 1}))
        answer = sts.assume_role_with_web_identity(RoleArn=os.environ["ROLE_ARN"],
                                                   RoleSessionName="botocore-ci",
                                                   WebIdentityToken=token, DurationSeconds=900)
        c = answer["Credentials"]
        out["arn"] = answer["AssumedRoleUser"]["Arn"]
        out["subject"] = answer["SubjectFromWebIdentityToken"]
        out["audience"] = answer["Audience"]
        out["provider"] = answer["Provider"]
        out["temporary"] = c["AccessKeyId"].startswith("ASIA") and bool(c["SessionToken"])
        sm = session.create_client("secretsmanager", region_name="us-east-1", endpoint_url=url,
                                   aws_access_key_id=c["AccessKeyId"],
                                   aws_secret_access_key=c["SecretAccessKey"],
                                   aws_session_token=c["SessionToken"])
    else:
        # botocore's own provider reads AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN; only its
        # STS client is pointed at the sandbox (Debian's botocore has no AWS_ENDPOINT_URL).
        from botocore.credentials import AssumeRoleWithWebIdentityProvider
        def client_creator(service, **kwargs):
            return session.create_client(service, region_name="us-east-1", endpoint_url=url,
                                         **kwargs)
        provider = AssumeRoleWithWebIdentityProvider(load_config=lambda: {"profiles": {}},
                                                     client_creator=client_creator,
                                                     profile_name="default")
        credentials = provider.load()
        out["method"] = credentials.method
        frozen = credentials.get_frozen_credentials()
        sm = session.create_client("secretsmanager", region_name="us-east-1", endpoint_url=url,
                                   aws_access_key_id=frozen.access_key,
                                   aws_secret_access_key=frozen.secret_key,
                                   aws_session_token=frozen.token)
    value = sm.get_secret_value(SecretId="ci/deploy-key")["SecretString"]
    out["valueMatches"] = value == os.environ["EXPECTED_VALUE"]
except ClientError as error:
    out["error"] = error.response["Error"]["Code"]
    out["message"] = error.response["Error"]["Message"]
    out["status"] = error.response["ResponseMetadata"]["HTTPStatusCode"]
print(json.dumps(out))
)PY";

} // namespace

class TestSandboxWebIdentityBotocore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testBotocoreClientGetsWorkingCredentials();
    void testBotocoreCredentialChain();
    void testBotocoreSeesStsErrors_data();
    void testBotocoreSeesStsErrors();
    void testCofferDecodesTheSameAnswer();

private:
    QJsonObject botocore(const QString &mode, const QByteArray &token,
                         const QProcessEnvironment &extra = {});

    std::unique_ptr<TestJwtSigner> m_issuer;
    std::unique_ptr<coffer::sandbox::SandboxServer> m_server;
    QTemporaryDir m_dir;
};

void TestSandboxWebIdentityBotocore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_issuer = std::make_unique<TestJwtSigner>(u"interop-key"_s);
    QVERIFY(m_issuer->isValid());
    const QByteArray principals
        = QByteArray(R"({"roles": [{"name": "ci", "trust": ["oidc-provider/token.example"],
        "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}]}],
      "oidcProviders": [{"issuer": "https://token.example", "audiences": ["sts.amazonaws.com"],
                         "jwks": JWKS}]})")
              .replace("JWKS", m_issuer->jwks());
    const auto parsed = coffer::sandbox::SandboxPrincipals::fromJson(principals);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error()));
    coffer::sandbox::SandboxServerConfig config;
    parsed->applyTo(config);
    m_server = std::make_unique<coffer::sandbox::SandboxServer>(config);
    QVERIFY(m_server->listen());
    QVERIFY(m_server->store().call(
        u"CreateSecret",
        { { "Name", "ci/deploy-key" }, { "SecretString", kValue.toStdString() } }));
}

QJsonObject TestSandboxWebIdentityBotocore::botocore(const QString &mode, const QByteArray &token,
                                                     const QProcessEnvironment &extra)
{
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    env.insert(u"SANDBOX_URL"_s, m_server->url().toString());
    env.insert(u"ROLE_ARN"_s, kRole);
    env.insert(u"EXPECTED_VALUE"_s, QString::fromLatin1(kValue));
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir.filePath(u"none"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"none"_s));
    env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    for (const QString &name : extra.keys())
        env.insert(name, extra.value(name));
    // The sandbox answers on this thread: runProcess waits with the event loop running.
    const auto run = coffer::test::runProcess(
        coffer::test::botocorePython(), { u"-c"_s, QString::fromUtf8(kScript), mode }, env, token);
    if (run.exitCode != 0) {
        qWarning("botocore failed: %s", run.err.constData());
        return {};
    }
    if (run.out.contains(token.left(40)) || run.err.contains(token.left(40)))
        qWarning("the token was printed");
    return QJsonDocument::fromJson(run.out).object();
}

void TestSandboxWebIdentityBotocore::testBotocoreClientGetsWorkingCredentials()
{
    const QByteArray token = m_issuer->sign(
        TestJwtSigner::claims(kIssuer, u"sts.amazonaws.com"_s, u"repo:org/app"_s, 600));
    const QJsonObject facts = botocore(u"client"_s, token);
    QVERIFY2(!facts.contains(u"error"_s), qPrintable(facts.value(u"message"_s).toString()));
    QCOMPARE(facts.value(u"arn"_s).toString(),
             u"arn:aws:sts::123456789012:assumed-role/ci/botocore-ci"_s);
    QCOMPARE(facts.value(u"subject"_s).toString(), u"repo:org/app"_s);
    QCOMPARE(facts.value(u"audience"_s).toString(), u"sts.amazonaws.com"_s);
    QCOMPARE(facts.value(u"provider"_s).toString(),
             u"arn:aws:iam::123456789012:oidc-provider/token.example"_s);
    QVERIFY(facts.value(u"temporary"_s).toBool());
    QVERIFY(facts.value(u"valueMatches"_s).toBool());
}

void TestSandboxWebIdentityBotocore::testBotocoreCredentialChain()
{
    const QString tokenFile = m_dir.filePath(u"token"_s);
    QFile file(tokenFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_issuer->sign(TestJwtSigner::claims(kIssuer, u"sts.amazonaws.com"_s,
                                                    u"system:serviceaccount:a:b"_s, 600)));
    file.close();
    QProcessEnvironment extra;
    extra.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile);
    extra.insert(u"AWS_ROLE_ARN"_s, kRole);
    const QJsonObject facts = botocore(u"chain"_s, {}, extra);
    QVERIFY2(!facts.contains(u"error"_s), qPrintable(facts.value(u"message"_s).toString()));
    QCOMPARE(facts.value(u"method"_s).toString(), u"assume-role-with-web-identity"_s);
    QVERIFY(facts.value(u"valueMatches"_s).toBool());
}

void TestSandboxWebIdentityBotocore::testBotocoreSeesStsErrors_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("status");
    QTest::newRow("wrong audience")
        << m_issuer->sign(TestJwtSigner::claims(kIssuer, u"other-audience"_s, u"s"_s, 600))
        << u"InvalidIdentityToken"_s << u"Incorrect token audience"_s << 400;
    QTest::newRow("expired") << m_issuer->sign(
        TestJwtSigner::claims(kIssuer, u"sts.amazonaws.com"_s, u"s"_s, -5))
                             << u"ExpiredTokenException"_s << u"Token expired: current date/time"_s
                             << 400;
}

void TestSandboxWebIdentityBotocore::testBotocoreSeesStsErrors()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(int, status);
    const QJsonObject facts = botocore(u"client"_s, token);
    QCOMPARE(facts.value(u"error"_s).toString(), code);
    QVERIFY2(facts.value(u"message"_s).toString().startsWith(message),
             qPrintable(facts.value(u"message"_s).toString()));
    QCOMPARE(facts.value(u"status"_s).toInt(), status);
}

void TestSandboxWebIdentityBotocore::testCofferDecodesTheSameAnswer()
{
    coffer::aws::AwsClient transport;
    coffer::aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = m_server->url();
    config.maxAttempts = 1;
    coffer::aws::StsClient sts(&transport, config);
    coffer::aws::AssumeRoleWithWebIdentityRequest request;
    request.roleArn = kRole;
    request.roleSessionName = u"coffer-ci"_s;
    request.webIdentityToken = QString::fromLatin1(m_issuer->sign(
        TestJwtSigner::claims(kIssuer, u"sts.amazonaws.com"_s, u"repo:org/app"_s, 600)));
    std::optional<coffer::aws::Result<coffer::aws::AssumeRoleWithWebIdentityResult>> answer;
    sts.assumeRoleWithWebIdentity(request, this, [&](auto result) { answer = std::move(result); });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
    QVERIFY2(answer->has_value(), qPrintable(*answer ? QString() : answer->error().summary()));
    const auto &result = **answer;
    QCOMPARE(result.assumedRoleArn, u"arn:aws:sts::123456789012:assumed-role/ci/coffer-ci"_s);
    QCOMPARE(result.subjectFromWebIdentityToken, u"repo:org/app"_s);
    QCOMPARE(result.audience, u"sts.amazonaws.com"_s);
    QCOMPARE(result.provider, u"arn:aws:iam::123456789012:oidc-provider/token.example"_s);
    QVERIFY(result.credentials.isTemporary() && result.credentials.expiration);
    // Sent unsigned: STS takes the call without credentials.
    QVERIFY(!config.credentials);
}

QTEST_GUILESS_MAIN(TestSandboxWebIdentityBotocore)
#include "testsandboxwebidentitybotocore.moc"
