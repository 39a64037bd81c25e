// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `coffer-cli policy` as a user runs it (the real executable): generate offline and with the
// account from STS, in each format; lint and simulate with their exit codes; and the round trip
// of a generated policy through simulate.
#include "tests/support/processrun.h"
#include "tests/support/scriptedhttpserver.h"
#include "tests/support/testenv.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::test::ScriptedHttpServer;

namespace {

const QString kArnPrefix = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:"_s;
const QString kJwt = kArnPrefix + u"paintbox/production/jwt/public-keys-AbCdEf"_s;
const QString kKey = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;
const QStringList kOffline { u"--account"_s, u"123456789012"_s, u"--region"_s, u"us-east-1"_s };

struct Run : coffer::test::ProcessRun
{
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

} // namespace

class TestCliPolicy final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testHelp();
    void testGenerateOffline();
    void testGenerateFormats_data();
    void testGenerateFormats();
    void testGenerateJson();
    void testGenerateResourcePolicy();
    void testGenerateAccountFromSts();
    void testGenerateWithoutCredentials();
    void testGenerateUsageErrors_data();
    void testGenerateUsageErrors();
    void testLint_data();
    void testLint();
    void testLintJsonAndStdin();
    void testSimulate_data();
    void testSimulate();
    void testSimulateJson();
    void testSimulateErrors_data();
    void testSimulateErrors();
    void testGeneratedPolicyRoundTrip();

private:
    Run run(const QStringList &arguments, const QByteArray &input = {}, bool credentials = false);
    QString writeFile(const QString &name, const QByteArray &content);
    QStringList endpoint() const { return { u"--endpoint-url"_s, m_server->url().toString() }; }

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliPolicy::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->isListening());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliPolicy::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

QString TestCliPolicy::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(content);
    return path;
}

Run TestCliPolicy::run(const QStringList &arguments, const QByteArray &input, bool credentials)
{
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    // No ~/.aws files and, unless asked for, no credentials: offline must mean offline.
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"no-config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"no-credentials"_s));
    env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
    if (credentials) {
        env.insert(u"AWS_ACCESS_KEY_ID"_s, u"AKIDEXAMPLE"_s);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);
    }
    return Run{ coffer::test::runProcess(coffer::test::cliPath(), arguments, env, input) };
}

// --- help ------------------------------------------------------------------------------------

void TestCliPolicy::testHelp()
{
    const Run help = run({ u"help"_s, u"policy"_s });
    QCOMPARE(help.exitCode, 0);
    const QString text = help.outText();
    QVERIFY(text.startsWith(u"Usage: coffer-cli [global options] policy [generate]"_s));
    for (const char *word : { "simulate --policy FILE", "lint FILE", "--prefix", "--secret",
                              "--tag", "--access", "--kms-key", "--batch-get", "--format",
                              "--resource-policy", "--principal", "--account", "--context",
                              "-??????", "Exit 0" })
        QVERIFY2(text.contains(QLatin1StringView(word)), word);
    const Run option = run({ u"policy"_s, u"--help"_s });
    QCOMPARE(option.exitCode, 0);
    QCOMPARE(option.out, help.out);
    const Run list = run({ u"--help"_s });
    QVERIFY(list.outText().contains(u"\n  policy "_s));
}

// --- generate --------------------------------------------------------------------------------

void TestCliPolicy::testGenerateOffline()
{
    // --endpoint-url points at a server that would record anything sent: nothing may be.
    for (const QStringList &head : { QStringList { u"policy"_s },
                                     QStringList { u"policy"_s, u"generate"_s } }) {
        const Run result = run(head
                               + QStringList { u"--prefix"_s, u"paintbox/"_s, u"--access"_s,
                                               u"read"_s }
                               + kOffline + endpoint());
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonObject policy = result.json();
        QCOMPARE(policy.value(u"Version"_s).toString(), u"2012-10-17"_s);
        const QJsonArray statements = policy.value(u"Statement"_s).toArray();
        QCOMPARE(statements.size(), 1);
        const QJsonObject read = statements.at(0).toObject();
        QCOMPARE(read.value(u"Sid"_s).toString(), u"ReadSecrets"_s);
        QCOMPARE(read.value(u"Resource"_s).toString(), kArnPrefix + u"paintbox/*"_s);
        QCOMPARE(read.value(u"Action"_s).toArray().size(), 2);
        QVERIFY(result.err.isEmpty());
    }
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCliPolicy::testGenerateFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("terraform")
        << u"terraform"_s
        << QStringList { u"data \"aws_iam_policy_document\" \"coffer_secrets_access\" {"_s,
                         u"\"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????\""_s,
                         u"\"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/dev-??????\""_s,
                         u"variable = \"kms:ViaService\""_s, u"sid    = \"UseSecretKmsKeys\""_s };
    QTest::newRow("cloudformation")
        << u"cloudformation"_s
        << QStringList { u"Type: \"AWS::IAM::ManagedPolicy\""_s, u"PolicyDocument:"_s,
                         u"- \"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????\""_s,
                         u"\"kms:ViaService\": \"secretsmanager.us-east-1.amazonaws.com\""_s };
    QTest::newRow("json") << u"json"_s
                          << QStringList { u"\"Version\": \"2012-10-17\""_s,
                                           u"\"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????\""_s };
}

void TestCliPolicy::testGenerateFormats()
{
    QFETCH(QString, format);
    QFETCH(QStringList, expected);
    const Run result = run(QStringList { u"policy"_s, u"--secret"_s, u"pixell/prod"_s,
                                         u"--secret"_s, u"pixell/dev"_s, u"--access"_s,
                                         u"read,write"_s, u"--kms-key"_s, kKey, u"--format"_s,
                                         format }
                           + kOffline);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    for (const QString &text : expected)
        QVERIFY2(result.outText().contains(text), qPrintable(text + u"\n---\n"_s + result.outText()));
    QVERIFY(!result.outText().contains(u"pixell/prod-*"_s));
}

void TestCliPolicy::testGenerateJson()
{
    const Run result = run(QStringList { u"policy"_s, u"--tag"_s, u"team=paint"_s, u"--access"_s,
                                         u"read,list"_s, u"--format"_s, u"terraform"_s,
                                         u"--json"_s }
                           + kOffline);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject document = result.json();
    QCOMPARE(document.value(u"Kind"_s).toString(), u"IdentityPolicy"_s);
    QCOMPARE(document.value(u"Format"_s).toString(), u"terraform"_s);
    QVERIFY(document.value(u"Text"_s).toString().startsWith(u"data \"aws_iam_policy_document\""_s));
    const QJsonArray statements
        = document.value(u"Policy"_s).toObject().value(u"Statement"_s).toArray();
    QCOMPARE(statements.size(), 2);
    QCOMPARE(statements.at(0)
                 .toObject()
                 .value(u"Condition"_s)
                 .toObject()
                 .value(u"StringEquals"_s)
                 .toObject()
                 .value(u"secretsmanager:ResourceTag/team"_s)
                 .toString(),
             u"paint"_s);
    QVERIFY(document.value(u"Notes"_s).toArray().size() >= 1); // ListSecrets is account-wide
}

void TestCliPolicy::testGenerateResourcePolicy()
{
    // A resource policy names no account or region: no identity lookup, no --account needed.
    const Run result = run(QStringList { u"policy"_s, u"--secret"_s, u"pixell/prod"_s,
                                         u"--access"_s, u"read,list"_s, u"--resource-policy"_s,
                                         u"--principal"_s,
                                         u"arn:aws:iam::123456789012:role/app"_s }
                           + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requestCount(), 0);
    const QJsonObject statement
        = result.json().value(u"Statement"_s).toArray().at(0).toObject();
    QCOMPARE(statement.value(u"Resource"_s).toString(), u"*"_s);
    QCOMPARE(statement.value(u"Principal"_s).toObject().value(u"AWS"_s).toString(),
             u"arn:aws:iam::123456789012:role/app"_s);
    QVERIFY(result.errText().contains(u"note: "_s)); // ListSecrets left out
    QVERIFY(result.errText().contains(u"ListSecrets"_s));

    const Run cfn = run({ u"policy"_s, u"--secret"_s, u"pixell/prod"_s, u"--access"_s, u"read"_s,
                          u"--resource-policy"_s, u"--principal"_s, u"123456789012"_s,
                          u"--format"_s, u"cloudformation"_s });
    QVERIFY2(cfn.exitCode == 0, cfn.err.constData());
    QVERIFY(cfn.outText().contains(u"Type: \"AWS::SecretsManager::ResourcePolicy\""_s));
    QVERIFY(cfn.outText().contains(u"SecretId: \"pixell/prod\""_s));

    const Run noPrincipal = run({ u"policy"_s, u"--secret"_s, u"pixell/prod"_s, u"--access"_s,
                                  u"read"_s, u"--resource-policy"_s });
    QCOMPARE(noPrincipal.exitCode, 2);
    QVERIFY(noPrincipal.errText().contains(u"principal"_s));
}

void TestCliPolicy::testGenerateAccountFromSts()
{
    m_server->enqueueXml(200, R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::210987654321:user/support</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>210987654321</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)"_ba);
    const Run result = run(QStringList { u"policy"_s, u"--secret"_s, u"pixell/prod"_s,
                                         u"--access"_s, u"read"_s, u"--region"_s,
                                         u"eu-west-1"_s }
                               + endpoint(),
                           {}, true);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(m_server->requests().at(0).body.contains("Action=GetCallerIdentity"));
    QCOMPARE(result.json().value(u"Statement"_s).toArray().at(0).toObject().value(u"Resource"_s)
                 .toString(),
             u"arn:aws:secretsmanager:eu-west-1:210987654321:secret:pixell/prod-??????"_s);
}

void TestCliPolicy::testGenerateWithoutCredentials()
{
    const Run result = run({ u"policy"_s, u"--secret"_s, u"pixell/prod"_s, u"--access"_s,
                             u"read"_s, u"--region"_s, u"eu-west-1"_s });
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.errText().contains(u"--account and --region"_s), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void TestCliPolicy::testGenerateUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no scope") << QStringList { u"--access"_s, u"read"_s } << u"exactly one scope"_s;
    QTest::newRow("two scopes") << QStringList { u"--prefix"_s, u"a/"_s, u"--secret"_s, u"b"_s, u"--access"_s, u"read"_s } << u"exactly one scope"_s;
    QTest::newRow("bad level") << QStringList { u"--prefix"_s, u"a/"_s, u"--access"_s, u"read,admin"_s } << u"admin"_s;
    QTest::newRow("no level") << QStringList { u"--prefix"_s, u"a/"_s } << u"no access"_s;
    QTest::newRow("bad format") << QStringList { u"--prefix"_s, u"a/"_s, u"--access"_s, u"read"_s, u"--format"_s, u"xml"_s } << u"xml"_s;
    QTest::newRow("bad tag") << QStringList { u"--tag"_s, u"team"_s, u"--access"_s, u"read"_s } << u"KEY=VALUE"_s;
    QTest::newRow("bad account") << QStringList { u"--prefix"_s, u"a/"_s, u"--access"_s, u"read"_s, u"--account"_s, u"12"_s, u"--region"_s, u"us-east-1"_s } << u"12 digits"_s;
    QTest::newRow("bad name") << QStringList { u"--secret"_s, u"bad name"_s, u"--access"_s, u"read"_s } << u"not a secret name"_s;
    QTest::newRow("unknown action") << QStringList { u"--prefix"_s, u"a/"_s, u"--action"_s, u"secretsmanager:Nope"_s } << u"Nope"_s;
    QTest::newRow("unknown sub-action") << QStringList { u"frobnicate"_s } << u"unknown sub-action"_s;
    QTest::newRow("simulate option") << QStringList { u"--prefix"_s, u"a/"_s, u"--access"_s, u"read"_s, u"--policy"_s, u"x.json"_s } << u"policy simulate"_s;
}

void TestCliPolicy::testGenerateUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    // The arguments come last: a repeated option (--account) takes its last value.
    const Run result = run(QStringList { u"policy"_s } + kOffline + arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errText().contains(message), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

// --- lint ------------------------------------------------------------------------------------

void TestCliPolicy::testLint_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("clean") << QByteArray(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
   "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"}]})")
                           << 0 << QStringList { u"no problems found"_s };
    QTest::newRow("exfiltration and bare name") << QByteArray(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
   "Resource": "*"},
  {"Sid": "Bare", "Effect": "Allow", "Action": "secretsmanager:DescribeSecret",
   "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod"}]})")
        << 1 << QStringList { u":3:16: error [resource-wildcard-get-secret-value]"_s,
                              u":5:16: error [resource-bare-secret-name]"_s,
                              u"    fix: "_s, u"2 error(s), 0 warning(s)"_s };
    QTest::newRow("warnings only") << QByteArray(R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
   "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-*"}]})")
                                   << 0 << QStringList { u":3:16: warning [resource-suffix-overmatch]"_s,
                                                         u"0 error(s), 1 warning(s)"_s };
    QTest::newRow("malformed JSON") << QByteArray("{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}")
                                    << 1 << QStringList { u":3:13: error [json-syntax] Malformed JSON"_s };
}

void TestCliPolicy::testLint()
{
    QFETCH(QByteArray, content);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    const QString path = writeFile(u"policy.json"_s, content);
    const Run result = run({ u"policy"_s, u"lint"_s, path });
    QVERIFY2(result.exitCode == exitCode, result.out.constData());
    for (const QString &text : expected)
        QVERIFY2(result.outText().contains(text), qPrintable(text + u"\n---\n"_s + result.outText()));
    if (!expected.first().startsWith(u"no problems"_s))
        QVERIFY(result.outText().startsWith(path + u':'));
}

void TestCliPolicy::testLintJsonAndStdin()
{
    const QByteArray policy = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
   "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"}]})";
    // The customer-managed key is given: kms:Decrypt is missing.
    const Run result
        = run({ u"policy"_s, u"lint"_s, u"-"_s, u"--kms-key"_s, kKey, u"--json"_s }, policy);
    QCOMPARE(result.exitCode, 1);
    const QJsonObject document = result.json();
    QCOMPARE(document.value(u"File"_s).toString(), u"-"_s);
    QCOMPARE(document.value(u"Errors"_s).toInt(), 1);
    const QJsonObject finding = document.value(u"Findings"_s).toArray().at(0).toObject();
    QCOMPARE(finding.value(u"Id"_s).toString(), u"kms-decrypt-missing"_s);
    QCOMPARE(finding.value(u"Severity"_s).toString(), u"error"_s);
    QVERIFY(finding.value(u"Fix"_s).toString().contains(u"kms:ViaService"_s));
    QCOMPARE(finding.value(u"Line"_s).toInt(), 1);

    const Run missing = run({ u"policy"_s, u"lint"_s, m_dir->filePath(u"absent.json"_s) });
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.errText().contains(u"cannot read"_s));
    const Run noFile = run({ u"policy"_s, u"lint"_s });
    QCOMPARE(noFile.exitCode, 2);
}

// --- simulate --------------------------------------------------------------------------------

void TestCliPolicy::testSimulate_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("expected");

    const QString get = u"secretsmanager:GetSecretValue"_s;
    QTest::newRow("allowed") << QStringList { u"--action"_s, get, u"--resource"_s, kJwt } << 0
                             << QStringList { u"ALLOWED  secretsmanager:GetSecretValue on "_s + kJwt,
                                              u"Allowed: Allowed by statement 'ReadPaintbox' of policy '"_s };
    QTest::newRow("explicit deny") << QStringList { u"--action"_s, get, u"--resource"_s, kArnPrefix + u"paintbox/production/db-AbCdEf"_s } << 1
                                   << QStringList { u"DENIED "_s, u"ExplicitDeny: Explicitly denied by statement 'NoDatabase'"_s };
    QTest::newRow("implicit deny") << QStringList { u"--action"_s, u"secretsmanager:ListSecrets"_s } << 1
                                   << QStringList { u"ImplicitDeny: Implicitly denied: no statement allows secretsmanager:ListSecrets on *"_s };
    QTest::newRow("condition from --context") << QStringList { u"--action"_s, u"secretsmanager:DescribeSecret"_s, u"--resource"_s, kArnPrefix + u"pixell/prod-AbCdEf"_s, u"--context"_s, u"secretsmanager:ResourceTag/team=pixell"_s } << 0
                                              << QStringList { u"statement 'DescribeTeam'"_s };
    QTest::newRow("condition unmet") << QStringList { u"--action"_s, u"secretsmanager:DescribeSecret"_s, u"--resource"_s, kArnPrefix + u"pixell/prod-AbCdEf"_s } << 1
                                     << QStringList { u"ImplicitDeny"_s };
    QTest::newRow("one of two denied") << QStringList { u"--action"_s, get, u"--action"_s, u"secretsmanager:PutSecretValue"_s, u"--resource"_s, kJwt } << 1
                                       << QStringList { u"ALLOWED  secretsmanager:GetSecretValue"_s, u"DENIED   secretsmanager:PutSecretValue"_s };
    QTest::newRow("resource policy grants") << QStringList { u"--action"_s, u"secretsmanager:GetSecretValue"_s, u"--resource"_s, kArnPrefix + u"pixell/prod-AbCdEf"_s, u"--resource-policy"_s, u"RP"_s, u"--principal"_s, u"arn:aws:iam::123456789012:role/app"_s } << 0
                                            << QStringList { u"statement 'AppReads' of policy '"_s };
    QTest::newRow("resource policy, other principal") << QStringList { u"--action"_s, u"secretsmanager:GetSecretValue"_s, u"--resource"_s, kArnPrefix + u"pixell/prod-AbCdEf"_s, u"--resource-policy"_s, u"RP"_s, u"--principal"_s, u"arn:aws:iam::123456789012:role/other"_s } << 1
                                                      << QStringList { u"ImplicitDeny"_s };
}

void TestCliPolicy::testSimulate()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QStringList, expected);
    const QString identity = writeFile(u"identity.json"_s, R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "ReadPaintbox", "Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
   "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*"},
  {"Sid": "DescribeTeam", "Effect": "Allow", "Action": "secretsmanager:DescribeSecret", "Resource": "*",
   "Condition": {"StringEquals": {"secretsmanager:ResourceTag/team": "pixell"}}},
  {"Sid": "NoDatabase", "Effect": "Deny", "Action": "secretsmanager:*",
   "Resource": "arn:aws:secretsmanager:*:*:secret:*/db-??????"}]})");
    const QString resourcePolicy = writeFile(u"rp.json"_s, R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "AppReads", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"},
   "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})");
    QStringList args = arguments;
    args.replaceInStrings(u"RP"_s, resourcePolicy);
    const Run result = run(QStringList { u"policy"_s, u"simulate"_s, u"--policy"_s, identity }
                           + args + endpoint());
    QVERIFY2(result.exitCode == exitCode, QByteArray(result.out + result.err).constData());
    for (const QString &text : expected)
        QVERIFY2(result.outText().contains(text), qPrintable(text + u"\n---\n"_s + result.outText()));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCliPolicy::testSimulateJson()
{
    const QString identity = writeFile(u"identity.json"_s, R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
   "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:home/${aws:username}/*"}]})");
    const QString mine = kArnPrefix + u"home/alice/token-AbCdEf"_s;
    const QString theirs = kArnPrefix + u"home/bob/token-AbCdEf"_s;
    const Run result = run({ u"--json"_s, u"policy"_s, u"simulate"_s, u"--policy"_s, identity,
                             u"--action"_s, u"secretsmanager:GetSecretValue"_s, u"--resource"_s,
                             mine, u"--resource"_s, theirs, u"--context"_s,
                             u"aws:username=alice"_s });
    QCOMPARE(result.exitCode, 1);
    const QJsonObject document = result.json();
    QCOMPARE(document.value(u"AllAllowed"_s).toBool(), false);
    const QJsonArray results = document.value(u"Results"_s).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject first = results.at(0).toObject();
    QCOMPARE(first.value(u"Resource"_s).toString(), mine);
    QCOMPARE(first.value(u"Decision"_s).toString(), u"Allowed"_s);
    QCOMPARE(first.value(u"Allowed"_s).toBool(), true);
    QCOMPARE(first.value(u"Policy"_s).toString(), identity);
    QCOMPARE(first.value(u"StatementSid"_s).toString(), u"Read"_s);
    QCOMPARE(first.value(u"StatementIndex"_s).toInt(), 0);
    const QJsonObject second = results.at(1).toObject();
    QCOMPARE(second.value(u"Decision"_s).toString(), u"ImplicitDeny"_s);
    QVERIFY(!second.contains(u"StatementSid"_s));
}

void TestCliPolicy::testSimulateErrors_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList action { u"--action"_s, u"secretsmanager:GetSecretValue"_s };
    QTest::newRow("malformed policy") << u"{\"Version\": \"2012-10-17\",\n \"Statement\": [,]}"_s << action << u"line 2, column 16"_s;
    QTest::newRow("invalid policy") << u"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Resource\": \"*\"}]}"_s << action << u"neither Action nor NotAction"_s;
    QTest::newRow("missing file") << QString() << action << u"cannot read"_s;
    QTest::newRow("no action") << u"{}"_s << QStringList {} << u"--action"_s;
    QTest::newRow("bad context") << u"{}"_s << (action + QStringList { u"--context"_s, u"novalue"_s }) << u"KEY=VALUE"_s;
    QTest::newRow("resource policy without file") << u"{}"_s << (action + QStringList { u"--resource-policy"_s }) << u"needs a FILE"_s;
    QTest::newRow("generate option") << u"{}"_s << (action + QStringList { u"--prefix"_s, u"a/"_s }) << u"--prefix"_s;
}

void TestCliPolicy::testSimulateErrors()
{
    QFETCH(QString, policy);
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString path = policy.isNull() ? m_dir->filePath(u"absent.json"_s)
                                         : writeFile(u"p.json"_s, policy.toUtf8());
    const Run result
        = run(QStringList { u"policy"_s, u"simulate"_s, u"--policy"_s, path } + arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errText().contains(message), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

// --- round trip ------------------------------------------------------------------------------

void TestCliPolicy::testGeneratedPolicyRoundTrip()
{
    const Run generated = run(QStringList { u"policy"_s, u"--prefix"_s, u"paintbox/"_s,
                                            u"--access"_s, u"read"_s }
                              + kOffline);
    QVERIFY2(generated.exitCode == 0, generated.err.constData());
    const QString path = writeFile(u"generated.json"_s, generated.out);

    const Run lint = run({ u"policy"_s, u"lint"_s, path });
    QCOMPARE(lint.exitCode, 0);
    QVERIFY2(lint.outText().contains(u"no problems found"_s), lint.out.constData());

    const auto simulate = [&](const QString &action, const QString &resource) {
        return run({ u"policy"_s, u"simulate"_s, u"--policy"_s, path, u"--action"_s, action,
                     u"--resource"_s, resource })
            .exitCode;
    };
    const QString get = u"secretsmanager:GetSecretValue"_s;
    QCOMPARE(simulate(get, kJwt), 0);
    QCOMPARE(simulate(get, kArnPrefix + u"paintbox-other/x-AbCdEf"_s), 1);
    QCOMPARE(simulate(u"secretsmanager:ListSecrets"_s, u"*"_s), 1);
    QCOMPARE(simulate(u"secretsmanager:PutSecretValue"_s, kJwt), 1);
}

QTEST_GUILESS_MAIN(TestCliPolicy)
#include "testclipolicy.moc"
