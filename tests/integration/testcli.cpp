// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli as a user runs it: the real executable (QProcess) against a real HTTP endpoint on
// loopback (ScriptedHttpServer: canned answers, raw requests recorded). Checks what goes on the
// wire for each subcommand, what is printed (human and --json), exit codes, error output, and
// that configuration mistakes and refused values are caught before anything is sent.
#include "tests/support/processrun.h"
#include "tests/support/scriptedhttpserver.h"
#include "tests/support/testenv.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::test::ScriptedHttpServer;

namespace {

constexpr auto kAccessKey = "AKIDEXAMPLE";
constexpr auto kSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
// Put into answers that carry no value; it must never be printed.
constexpr auto kCanary = "CANARY-never-print-me";

struct Run : coffer::test::ProcessRun
{
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

QJsonObject bodyOf(const ScriptedHttpServer::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray secretsList()
{
    return R"({"SecretList":[
        {"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf",
         "Name":"pixell/prod","Description":"Pixell production env","LastChangedDate":1767225600,
         "SecretVersionsToStages":{"v1":["AWSCURRENT"]},"SecretString":"CANARY-never-print-me"},
        {"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/production/jwt/public-keys-XyZ123",
         "Name":"paintbox/production/jwt/public-keys","LastChangedDate":1767312000,
         "Tags":[{"Key":"team","Value":"paint"}]}
    ]})"_ba;
}

QByteArray describeAnswer()
{
    return R"({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf",
        "Name":"pixell/prod","Description":"Pixell production env",
        "KmsKeyId":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "RotationEnabled":true,"RotationLambdaARN":"arn:aws:lambda:us-east-1:123456789012:function:rotate",
        "RotationRules":{"AutomaticallyAfterDays":30},
        "LastChangedDate":1767225600,"CreatedDate":1735689600,"DeletedDate":1767398400,
        "Tags":[{"Key":"team","Value":"payments"},{"Key":"env","Value":"prod"}],
        "VersionIdsToStages":{"11111111-aaaa":["AWSPREVIOUS"],"22222222-bbbb":["AWSCURRENT","blue"]},
        "SecretString":"CANARY-never-print-me"})"_ba;
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void testHelp();
    void testCommandHelp_data();
    void testCommandHelp();
    void testUsageErrorsSendNothing_data();
    void testUsageErrorsSendNothing();
    void testList();
    void testListJson();
    void testGetString();
    void testGetVersionStageAndJson();
    void testGetBinary();
    void testDescribe();
    void testDescribeJson();
    void testVersions();
    void testPutFromStdin_data();
    void testPutFromStdin();
    void testPutFromFile();
    void testOversizeValueRefused_data();
    void testOversizeValueRefused();
    void testCreate();
    void testDelete_data();
    void testDelete();
    void testRestoreTagUntag();
    void testWhoami();
    void testServiceErrors_data();
    void testServiceErrors();
    void testServiceErrorJson();
    void testMissingProfile();
    void testProfileFromFiles();
    void testAssumeRoleProfile();
    void testNoCredentials();
    void testNetworkError();

private:
    Run run(const QStringList &arguments, const QByteArray &input = {},
            std::optional<QProcessEnvironment> environment = std::nullopt);
    QStringList endpoint() const { return { u"--endpoint-url"_s, m_server->url().toString() }; }
    QProcessEnvironment baseEnvironment() const;

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCli::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->isListening());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCli::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

QProcessEnvironment TestCli::baseEnvironment() const
{
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    // Files in a private folder that do not exist unless a test writes them.
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"credentials"_s));
    env.insert(u"TZ"_s, u"UTC"_s);
    return env;
}

Run TestCli::run(const QStringList &arguments, const QByteArray &input,
                 std::optional<QProcessEnvironment> environment)
{
    if (!environment) {
        environment = baseEnvironment();
        environment->insert(u"AWS_ACCESS_KEY_ID"_s, QString::fromLatin1(kAccessKey));
        environment->insert(u"AWS_SECRET_ACCESS_KEY"_s, QString::fromLatin1(kSecretKey));
    }
    return Run{ coffer::test::runProcess(coffer::test::cliPath(), arguments, *environment, input) };
}

// --- help and usage --------------------------------------------------------------------------

void TestCli::testHelp()
{
    const Run result = run(QStringList { u"--help"_s });
    QCOMPARE(result.exitCode, 0);
    const QString text = result.outText();
    QVERIFY(text.contains(u"Usage:"_s));
    for (const char *command : { "list", "get", "describe", "versions", "put", "create", "delete",
                                 "restore", "tag", "untag", "whoami" })
        QVERIFY2(text.contains(u"\n  "_s + QLatin1StringView(command) + u' '), command);
    for (const char *option : { "--profile", "--region", "--endpoint-url", "--json", "--version" })
        QVERIFY2(text.contains(QLatin1StringView(option)), option);
    QVERIFY(text.contains(u"Exit codes:"_s));
    for (const char *code : { "  0 ", "  1 ", "  2 ", "  3 ", "  4 " })
        QVERIFY2(text.contains(QLatin1StringView(code)), code);

    const Run none = run(QStringList {});
    QCOMPARE(none.exitCode, 2);
    QVERIFY(none.errText().contains(u"no command"_s));
}

void TestCli::testCommandHelp_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");
    QTest::newRow("list") << u"list"_s << u"--include-planned-deletion"_s;
    QTest::newRow("get") << u"get"_s << u"--version-stage"_s;
    QTest::newRow("versions") << u"versions"_s << u"--include-deprecated"_s;
    QTest::newRow("put") << u"put"_s << u"--value-stdin"_s;
    QTest::newRow("create") << u"create"_s << u"--kms-key-id"_s;
    QTest::newRow("delete") << u"delete"_s << u"--recovery-days"_s;
    QTest::newRow("whoami") << u"whoami"_s << u"GetCallerIdentity"_s;
}

void TestCli::testCommandHelp()
{
    QFETCH(QString, command);
    QFETCH(QString, expected);
    const Run viaHelp = run(QStringList { u"help"_s, command });
    QCOMPARE(viaHelp.exitCode, 0);
    QVERIFY2(viaHelp.outText().startsWith(u"Usage: coffer-cli [global options] "_s + command),
             qPrintable(viaHelp.outText()));
    QVERIFY2(viaHelp.outText().contains(expected), qPrintable(viaHelp.outText()));
    const Run viaOption = run(QStringList { command, u"--help"_s });
    QCOMPARE(viaOption.exitCode, 0);
    QCOMPARE(viaOption.out, viaHelp.out);
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCli::testUsageErrorsSendNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << u"unknown command"_s;
    QTest::newRow("unknown option") << QStringList { u"list"_s, u"--nope"_s } << u"nope"_s;
    QTest::newRow("missing name") << QStringList { u"get"_s } << u"missing arguments"_s;
    QTest::newRow("too many") << QStringList { u"describe"_s, u"a"_s, u"b"_s } << u"too many"_s;
    QTest::newRow("stage and id") << QStringList {
        u"get"_s, u"x"_s, u"--version-stage"_s, u"AWSCURRENT"_s, u"--version-id"_s, u"v1"_s
    } << u"not both"_s;
    QTest::newRow("bad name") << QStringList { u"create"_s, u"bad name!"_s, u"--value-stdin"_s }
                              << u"contains ' '"_s;
    QTest::newRow("long name") << QStringList { u"describe"_s, QString(513, u'a') } << u"513"_s;
    QTest::newRow("no value") << QStringList { u"put"_s, u"x"_s } << u"--value-file"_s;
    QTest::newRow("two values") << QStringList { u"put"_s, u"x"_s, u"--value-stdin"_s,
                                                 u"--value-file"_s, u"f"_s }
                                << u"not both"_s;
    QTest::newRow("missing file") << QStringList { u"put"_s, u"x"_s, u"--value-file"_s,
                                                   u"/nonexistent/value"_s }
                                  << u"no such file"_s;
    QTest::newRow("recovery too short")
        << QStringList { u"delete"_s, u"x"_s, u"--recovery-days"_s, u"3"_s } << u"7 to 30"_s;
    QTest::newRow("force and recovery")
        << QStringList { u"delete"_s, u"x"_s, u"--force"_s, u"--recovery-days"_s, u"10"_s }
        << u"not both"_s;
    QTest::newRow("bad tag") << QStringList { u"tag"_s, u"x"_s, u"novalue"_s } << u"KEY=VALUE"_s;
    QTest::newRow("aws tag") << QStringList { u"tag"_s, u"x"_s, u"aws:k=v"_s } << u"aws:"_s;
    QTest::newRow("bad filter") << QStringList { u"list"_s, u"--filter"_s, u"colour=red"_s }
                                << u"unknown filter key"_s;
    QTest::newRow("short token") << QStringList { u"put"_s, u"x"_s, u"--value-stdin"_s,
                                                  u"--client-request-token"_s, u"abc"_s }
                                 << u"32 to 64"_s;
}

void TestCli::testUsageErrorsSendNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run result = run(arguments + endpoint(), "value");
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errText().contains(message), qPrintable(result.errText()));
    QVERIFY(result.out.isEmpty());
    QCOMPARE(m_server->requestCount(), 0);
}

// --- reading ---------------------------------------------------------------------------------

void TestCli::testList()
{
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"a/first","LastChangedDate":1767225600}],
                                   "NextToken":"page2"})");
    m_server->enqueueJson(200, secretsList());
    const Run result = run(endpoint()
                           + QStringList { u"list"_s, u"--prefix"_s, u"pixell/"_s, u"--filter"_s,
                                           u"tag-key=team"_s, u"--filter"_s, u"tag-key=!legacy"_s,
                                           u"--include-planned-deletion"_s });
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requestCount(), 2);
    const auto first = m_server->requests().at(0);
    QCOMPARE(first.header("X-Amz-Target"), "secretsmanager.ListSecrets");
    QCOMPARE(first.header("Content-Type"), "application/x-amz-json-1.1");
    QVERIFY(first.header("Authorization").contains("Credential=AKIDEXAMPLE/"));
    const QJsonObject body = bodyOf(first);
    QCOMPARE(body.value(u"IncludePlannedDeletion"_s).toBool(), true);
    const QJsonArray filters = body.value(u"Filters"_s).toArray();
    QCOMPARE(filters.size(), 2);
    QCOMPARE(filters.at(0)[u"Key"_s].toString(), u"name"_s);
    QCOMPARE(filters.at(0)[u"Values"_s].toArray(), QJsonArray { u"pixell/"_s });
    QCOMPARE(filters.at(1)[u"Key"_s].toString(), u"tag-key"_s);
    QCOMPARE(filters.at(1)[u"Values"_s].toArray(), (QJsonArray { u"team"_s, u"!legacy"_s }));
    QCOMPARE(bodyOf(m_server->requests().at(1)).value(u"NextToken"_s).toString(), u"page2"_s);

    const QStringList lines = result.outText().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u"NAME"_s));
    QVERIFY(lines.at(0).contains(u"LAST CHANGED"_s));
    QVERIFY(lines.at(0).contains(u"DESCRIPTION"_s));
    QVERIFY(lines.at(1).startsWith(u"a/first "_s));
    QVERIFY(lines.at(2).startsWith(u"pixell/prod "_s));
    QVERIFY(lines.at(2).contains(u"2026-01-01 00:00:00"_s));
    QVERIFY(lines.at(2).endsWith(u"Pixell production env"_s));
    QVERIFY(lines.at(3).startsWith(u"paintbox/production/jwt/public-keys"_s));
    // Aligned columns: the date starts at the same place on every line.
    const qsizetype column = lines.at(0).indexOf(u"LAST CHANGED"_s);
    QCOMPARE(lines.at(2).indexOf(u"2026-01-01"_s), column);
    QCOMPARE(lines.at(3).indexOf(u"2026-01-02"_s), column);
    QVERIFY(!result.out.contains(kCanary));
    QVERIFY(!result.err.contains(kCanary));
}

void TestCli::testListJson()
{
    m_server->enqueueJson(200, secretsList());
    const Run result = run(QStringList { u"list"_s, u"--json"_s } + endpoint());
    QCOMPARE(result.exitCode, 0);
    QVERIFY(!result.out.contains(kCanary));
    const QJsonArray list = result.json().value(u"SecretList"_s).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0)[u"Name"_s].toString(), u"pixell/prod"_s);
    QCOMPARE(list.at(0)[u"LastChangedDate"_s].toString(), u"2026-01-01T00:00:00Z"_s);
    QCOMPARE(list.at(0)[u"SecretVersionsToStages"_s][u"v1"_s].toArray(),
             QJsonArray { u"AWSCURRENT"_s });
    QCOMPARE(list.at(1)[u"Tags"_s].toArray().at(0)[u"Value"_s].toString(), u"paint"_s);
    QVERIFY(!bodyOf(m_server->requests().at(0)).contains(u"IncludePlannedDeletion"_s)
            || !bodyOf(m_server->requests().at(0)).value(u"IncludePlannedDeletion"_s).toBool());
}

void TestCli::testGetString()
{
    // Exactly as stored: no newline added (stdout is a pipe here), inner newlines kept.
    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"pixell/prod","VersionId":"v2",
        "SecretString":"{\"DB_HOST\":\"db\",\n\"DB_PASSWORD\":\"hunter2\"}",
        "VersionStages":["AWSCURRENT"],"CreatedDate":1767225600})");
    const Run result = run(QStringList { u"get"_s, u"pixell/prod"_s } + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(result.out, "{\"DB_HOST\":\"db\",\n\"DB_PASSWORD\":\"hunter2\"}"_ba);
    QVERIFY(result.err.isEmpty());
    const auto request = m_server->requests().at(0);
    QCOMPARE(request.header("X-Amz-Target"), "secretsmanager.GetSecretValue");
    QCOMPARE(bodyOf(request).value(u"SecretId"_s).toString(), u"pixell/prod"_s);
    QVERIFY(!bodyOf(request).contains(u"VersionStage"_s));
}

void TestCli::testGetVersionStageAndJson()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"pixell/prod","VersionId":"v1",
        "SecretString":"old","VersionStages":["AWSPREVIOUS"],"CreatedDate":1767225600})");
    const Run result = run(QStringList { u"--json"_s, u"get"_s, u"pixell/prod"_s,
                                         u"--version-stage"_s, u"AWSPREVIOUS"_s }
                           + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(bodyOf(m_server->requests().at(0)).value(u"VersionStage"_s).toString(),
             u"AWSPREVIOUS"_s);
    const QJsonObject json = result.json();
    QCOMPARE(json.value(u"SecretString"_s).toString(), u"old"_s);
    QCOMPARE(json.value(u"VersionId"_s).toString(), u"v1"_s);
    QCOMPARE(json.value(u"VersionStages"_s).toArray(), QJsonArray { u"AWSPREVIOUS"_s });
    QCOMPARE(json.value(u"CreatedDate"_s).toString(), u"2026-01-01T00:00:00Z"_s);

    m_server->enqueueJson(200, R"({"Name":"x","VersionId":"v9","SecretString":"s"})");
    const Run byId = run(QStringList { u"get"_s, u"x"_s, u"--version-id"_s, u"v9"_s } + endpoint());
    QCOMPARE(byId.exitCode, 0);
    QCOMPARE(bodyOf(m_server->requests().at(1)).value(u"VersionId"_s).toString(), u"v9"_s);
}

void TestCli::testGetBinary()
{
    const QByteArray bytes("\x00\x01\xfe\xff binary", 11);
    const QByteArray answer = R"({"Name":"bin","VersionId":"v1","SecretBinary":")"_ba
        + bytes.toBase64() + R"(","VersionStages":["AWSCURRENT"]})"_ba;
    m_server->enqueueJson(200, answer);
    const Run raw = run(QStringList { u"get"_s, u"bin"_s } + endpoint());
    QCOMPARE(raw.exitCode, 0);
    QCOMPARE(raw.out, bytes);

    m_server->enqueueJson(200, answer);
    const Run json = run(QStringList { u"get"_s, u"bin"_s, u"--json"_s } + endpoint());
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.json().value(u"SecretBinary"_s).toString().toLatin1(), bytes.toBase64());
    QVERIFY(!json.json().contains(u"SecretString"_s));
}

void TestCli::testDescribe()
{
    m_server->enqueueJson(200, describeAnswer());
    const Run result = run(QStringList { u"describe"_s, u"pixell/prod"_s } + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.DescribeSecret");
    QCOMPARE(bodyOf(m_server->requests().at(0)).value(u"SecretId"_s).toString(), u"pixell/prod"_s);
    const QString text = result.outText();
    QVERIFY(!result.out.contains(kCanary));
    QVERIFY2(text.contains(u"Name:"_s) && text.contains(u"pixell/prod"_s), qPrintable(text));
    QVERIFY(text.contains(u"Description:"_s));
    QVERIFY(text.contains(u"key/1234abcd-12ab-34cd-56ef-1234567890ab"_s));
    QVERIFY(text.contains(u"Rotation:"_s));
    QVERIFY(text.contains(u"every 30 days"_s));
    QVERIFY(text.contains(u"Last changed:"_s));
    QVERIFY(text.contains(u"2026-01-01 00:00:00"_s));
    QVERIFY(text.contains(u"Deletion date:"_s));
    QVERIFY(text.contains(u"2026-01-03 00:00:00"_s));
    QVERIFY(text.contains(u"team=payments"_s));
    QVERIFY(text.contains(u"env=prod"_s));
    QVERIFY(text.contains(u"22222222-bbbb  AWSCURRENT, blue"_s));
    QVERIFY(text.contains(u"11111111-aaaa  AWSPREVIOUS"_s));
    // Every line is "Label:  value" or a continuation aligned under the values.
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    const qsizetype valueColumn = lines.first().indexOf(u"pixell/prod"_s);
    for (const QString &line : lines)
        QVERIFY2(line.size() > valueColumn && line.at(valueColumn - 1) == u' ', qPrintable(line));
}

void TestCli::testDescribeJson()
{
    m_server->enqueueJson(200, describeAnswer());
    const Run result
        = run(QStringList { u"describe"_s, u"pixell/prod"_s, u"--json"_s } + endpoint());
    QCOMPARE(result.exitCode, 0);
    QVERIFY(!result.out.contains(kCanary));
    const QJsonObject json = result.json();
    QCOMPARE(json.value(u"Name"_s).toString(), u"pixell/prod"_s);
    QCOMPARE(json.value(u"RotationEnabled"_s).toBool(), true);
    QCOMPARE(json.value(u"RotationRules"_s)[u"AutomaticallyAfterDays"_s].toInt(), 30);
    QCOMPARE(json.value(u"DeletedDate"_s).toString(), u"2026-01-03T00:00:00Z"_s);
    QCOMPARE(json.value(u"VersionIdsToStages"_s)[u"22222222-bbbb"_s].toArray(),
             (QJsonArray { u"AWSCURRENT"_s, u"blue"_s }));
    QCOMPARE(json.value(u"Tags"_s).toArray().size(), 2);
}

void TestCli::testVersions()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"pixell/prod","Versions":[
        {"VersionId":"old-version","VersionStages":[],"CreatedDate":1735689600},
        {"VersionId":"current-version","VersionStages":["AWSCURRENT"],"CreatedDate":1767225600,
         "LastAccessedDate":1767312000},
        {"VersionId":"previous-version","VersionStages":["AWSPREVIOUS"],"CreatedDate":1751328000}],
        "SecretString":"CANARY-never-print-me"})");
    const Run result = run(
        QStringList { u"versions"_s, u"pixell/prod"_s, u"--include-deprecated"_s } + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto request = m_server->requests().at(0);
    QCOMPARE(request.header("X-Amz-Target"), "secretsmanager.ListSecretVersionIds");
    QCOMPARE(bodyOf(request).value(u"IncludeDeprecated"_s).toBool(), true);
    QVERIFY(!result.out.contains(kCanary));
    const QStringList lines = result.outText().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY(lines.at(0).startsWith(u"VERSION ID"_s));
    // Newest first.
    QVERIFY(lines.at(1).startsWith(u"current-version"_s));
    QVERIFY(lines.at(1).contains(u"AWSCURRENT"_s));
    QVERIFY(lines.at(2).startsWith(u"previous-version"_s));
    QVERIFY(lines.at(3).startsWith(u"old-version"_s));
    QVERIFY(lines.at(3).contains(u"(deprecated)"_s));
    const qsizetype column = lines.at(0).indexOf(u"CREATED"_s);
    QCOMPARE(lines.at(1).indexOf(u"2026-01-01 00:00:00"_s), column);

    m_server->enqueueJson(200, R"({"Name":"x","Versions":[{"VersionId":"v1",
        "VersionStages":["AWSCURRENT"],"CreatedDate":1767225600}]})");
    const Run json = run(QStringList { u"versions"_s, u"x"_s, u"--json"_s } + endpoint());
    QCOMPARE(json.exitCode, 0);
    QVERIFY(!bodyOf(m_server->requests().at(1)).value(u"IncludeDeprecated"_s).toBool());
    const QJsonArray versions = json.json().value(u"Versions"_s).toArray();
    QCOMPARE(versions.size(), 1);
    QCOMPARE(versions.at(0)[u"VersionId"_s].toString(), u"v1"_s);
    QCOMPARE(versions.at(0)[u"VersionStages"_s].toArray(), QJsonArray { u"AWSCURRENT"_s });
}

// --- writing ---------------------------------------------------------------------------------

void TestCli::testPutFromStdin_data()
{
    QTest::addColumn<QStringList>("valueOption");
    QTest::newRow("--value-stdin") << QStringList { u"--value-stdin"_s };
    QTest::newRow("--value-file -") << QStringList { u"--value-file"_s, u"-"_s };
}

void TestCli::testPutFromStdin()
{
    QFETCH(QStringList, valueOption);
    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"pixell/dev","VersionId":"new-v",
                                   "VersionStages":["AWSCURRENT"]})");
    const QByteArray value = "{\"DB_HOST\": \"localhost\", \"DB_PASSWORD\": \"s3cr\u00e9t\"}\n"_ba;
    const Run result
        = run(QStringList { u"put"_s, u"pixell/dev"_s } + valueOption + endpoint(), value);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto request = m_server->requests().at(0);
    QCOMPARE(request.header("X-Amz-Target"), "secretsmanager.PutSecretValue");
    const QJsonObject body = bodyOf(request);
    QCOMPARE(body.value(u"SecretId"_s).toString(), u"pixell/dev"_s);
    QCOMPARE(body.value(u"SecretString"_s).toString().toUtf8(), value);
    QVERIFY(body.value(u"ClientRequestToken"_s).toString().size() >= 32);
    QVERIFY(!body.contains(u"SecretBinary"_s));
    QVERIFY(result.outText().contains(u"new-v"_s));
    // The value is never echoed.
    QVERIFY(!result.out.contains("s3cr"));
    QVERIFY(!result.err.contains("s3cr"));
}

void TestCli::testPutFromFile()
{
    QFile file(m_dir->filePath(u"value.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray bytes("\x00\x01\x02\xff", 4);
    file.write(bytes);
    file.close();

    // Not UTF-8: refused as text, before sending.
    const Run refused
        = run(QStringList { u"put"_s, u"bin"_s, u"--value-file"_s, file.fileName() } + endpoint());
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.errText().contains(u"--binary"_s), qPrintable(refused.errText()));
    QCOMPARE(m_server->requestCount(), 0);

    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"bin","VersionId":"v2",
                                   "VersionStages":["AWSCURRENT"]})");
    const QString token = u"0123456789abcdef0123456789abcdef"_s;
    const Run result
        = run(QStringList { u"--json"_s, u"put"_s, u"bin"_s, u"--value-file"_s, file.fileName(),
                            u"--binary"_s, u"--client-request-token"_s, token }
              + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QJsonObject body = bodyOf(m_server->requests().at(0));
    QCOMPARE(QByteArray::fromBase64(body.value(u"SecretBinary"_s).toString().toLatin1()), bytes);
    QCOMPARE(body.value(u"ClientRequestToken"_s).toString(), token);
    QCOMPARE(result.json().value(u"VersionId"_s).toString(), u"v2"_s);
    QCOMPARE(result.json().value(u"VersionStages"_s).toArray(), QJsonArray { u"AWSCURRENT"_s });
}

void TestCli::testOversizeValueRefused_data()
{
    QTest::addColumn<bool>("fromStdin");
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("message");
    QTest::newRow("stdin 65537") << true << 65537 << u"65536"_s;
    QTest::newRow("file 65537") << false << 65537 << u"65536"_s;
    QTest::newRow("file 1 MiB") << false << (1 << 20) << u"65536"_s;
    QTest::newRow("stdin empty") << true << 0 << u"empty"_s;
    QTest::newRow("file empty") << false << 0 << u"empty"_s;
}

void TestCli::testOversizeValueRefused()
{
    QFETCH(bool, fromStdin);
    QFETCH(int, size);
    QFETCH(QString, message);
    const QByteArray value(size, 'x');
    QStringList arguments { u"put"_s, u"big"_s };
    if (fromStdin) {
        arguments << u"--value-stdin"_s;
    } else {
        QFile file(m_dir->filePath(u"big"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(value);
        file.close();
        arguments << u"--value-file"_s << file.fileName();
    }
    const Run result = run(arguments + endpoint(), fromStdin ? value : QByteArray());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.errText().contains(message), qPrintable(result.errText()));
    QCOMPARE(m_server->requestCount(), 0);

    // The same limit for create; exactly 65536 bytes is accepted.
    if (size == 65537) {
        const Run create
            = run(QStringList { u"create"_s, u"big"_s, u"--value-stdin"_s } + endpoint(), value);
        QCOMPARE(create.exitCode, 2);
        QCOMPARE(m_server->requestCount(), 0);
        m_server->enqueueJson(200, R"({"Name":"big","VersionId":"v1"})");
        const Run atLimit = run(QStringList { u"put"_s, u"big"_s, u"--value-stdin"_s } + endpoint(),
                                QByteArray(65536, 'x'));
        QVERIFY2(atLimit.exitCode == 0, atLimit.err.constData());
        QCOMPARE(m_server->requestCount(), 1);
    }
}

void TestCli::testCreate()
{
    m_server->enqueueJson(
        200,
        R"({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:miyabi/prod/api-keys-AbCdEf",
                                   "Name":"miyabi/prod/api-keys","VersionId":"first"})");
    const Run result = run(QStringList { u"create"_s, u"miyabi/prod/api-keys"_s, u"--value-stdin"_s,
                                         u"--description"_s, u"Miyabi API keys"_s,
                                         u"--kms-key-id"_s, u"alias/miyabi"_s, u"--tag"_s,
                                         u"team=miyabi"_s, u"--tag"_s, u"formula=a=b"_s }
                               + endpoint(),
                           R"({"token":"t0k"})");
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto request = m_server->requests().at(0);
    QCOMPARE(request.header("X-Amz-Target"), "secretsmanager.CreateSecret");
    const QJsonObject body = bodyOf(request);
    QCOMPARE(body.value(u"Name"_s).toString(), u"miyabi/prod/api-keys"_s);
    QCOMPARE(body.value(u"Description"_s).toString(), u"Miyabi API keys"_s);
    QCOMPARE(body.value(u"KmsKeyId"_s).toString(), u"alias/miyabi"_s);
    QCOMPARE(body.value(u"SecretString"_s).toString(), uR"({"token":"t0k"})"_s);
    QVERIFY(body.value(u"ClientRequestToken"_s).toString().size() >= 32);
    const QJsonArray tags = body.value(u"Tags"_s).toArray();
    QCOMPARE(tags.size(), 2);
    QCOMPARE(tags.at(0)[u"Key"_s].toString(), u"team"_s);
    QCOMPARE(tags.at(0)[u"Value"_s].toString(), u"miyabi"_s);
    QCOMPARE(tags.at(1)[u"Key"_s].toString(), u"formula"_s);
    QCOMPARE(tags.at(1)[u"Value"_s].toString(), u"a=b"_s);
    QVERIFY(result.outText().contains(u"Created miyabi/prod/api-keys"_s));
    QVERIFY(!result.out.contains("t0k"));
}

void TestCli::testDelete_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("expected");
    QTest::addColumn<QString>("output");
    QTest::newRow("default") << QStringList {} << u"RecoveryWindowInDays"_s << QJsonValue()
                             << u"Scheduled x for deletion on 2026-01-31 00:00:00"_s;
    QTest::newRow("7 days") << QStringList { u"--recovery-days"_s, u"7"_s }
                            << u"RecoveryWindowInDays"_s << QJsonValue(7) << u"restore"_s;
    QTest::newRow("force") << QStringList { u"--force"_s } << u"ForceDeleteWithoutRecovery"_s
                           << QJsonValue(true) << u"without recovery"_s;
}

void TestCli::testDelete()
{
    QFETCH(QStringList, options);
    QFETCH(QString, member);
    QFETCH(QJsonValue, expected);
    QFETCH(QString, output);
    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"x","DeletionDate":1769817600})");
    const Run result = run(QStringList { u"delete"_s, u"x"_s } + options + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto request = m_server->requests().at(0);
    QCOMPARE(request.header("X-Amz-Target"), "secretsmanager.DeleteSecret");
    const QJsonObject body = bodyOf(request);
    QCOMPARE(body.value(u"SecretId"_s).toString(), u"x"_s);
    if (expected.isUndefined() || expected.isNull())
        QVERIFY(!body.contains(member) || body.value(member).toInt() == 30);
    else
        QCOMPARE(body.value(member), expected);
    QVERIFY2(result.outText().contains(output), qPrintable(result.outText()));
}

void TestCli::testRestoreTagUntag()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:x","Name":"x"})");
    const Run restore = run(QStringList { u"restore"_s, u"x"_s } + endpoint());
    QVERIFY2(restore.exitCode == 0, restore.err.constData());
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.RestoreSecret");
    QCOMPARE(bodyOf(m_server->requests().at(0)).value(u"SecretId"_s).toString(), u"x"_s);
    QVERIFY(restore.outText().contains(u"Restored x"_s));

    m_server->enqueueJson(200, "{}");
    const Run tag
        = run(QStringList { u"tag"_s, u"x"_s, u"team=payments"_s, u"empty="_s } + endpoint());
    QVERIFY2(tag.exitCode == 0, tag.err.constData());
    const auto tagRequest = m_server->requests().at(1);
    QCOMPARE(tagRequest.header("X-Amz-Target"), "secretsmanager.TagResource");
    const QJsonArray tags = bodyOf(tagRequest).value(u"Tags"_s).toArray();
    QCOMPARE(tags.size(), 2);
    QCOMPARE(tags.at(0)[u"Key"_s].toString(), u"team"_s);
    QCOMPARE(tags.at(1)[u"Key"_s].toString(), u"empty"_s);
    QCOMPARE(tags.at(1)[u"Value"_s].toString(), QString());

    m_server->enqueueJson(200, "{}");
    const Run untag
        = run(QStringList { u"--json"_s, u"untag"_s, u"x"_s, u"team"_s, u"empty"_s } + endpoint());
    QVERIFY2(untag.exitCode == 0, untag.err.constData());
    const auto untagRequest = m_server->requests().at(2);
    QCOMPARE(untagRequest.header("X-Amz-Target"), "secretsmanager.UntagResource");
    QCOMPARE(bodyOf(untagRequest).value(u"TagKeys"_s).toArray(),
             (QJsonArray { u"team"_s, u"empty"_s }));
    QCOMPARE(untag.json().value(u"TagKeys"_s).toArray(), (QJsonArray { u"team"_s, u"empty"_s }));
}

void TestCli::testWhoami()
{
    const QByteArray identity
        = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/support</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)"_ba;
    m_server->enqueueXml(200, identity);
    const Run result = run(QStringList { u"whoami"_s, u"--region"_s, u"eu-west-1"_s } + endpoint());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto request = m_server->requests().at(0);
    QVERIFY(request.body.contains("Action=GetCallerIdentity"));
    QVERIFY(request.header("Authorization").contains("/eu-west-1/sts/aws4_request"));
    const QString text = result.outText();
    QVERIFY(text.contains(u"123456789012"_s));
    QVERIFY(text.contains(u"arn:aws:iam::123456789012:user/support"_s));
    QVERIFY(text.contains(u"eu-west-1 (--region)"_s));
    QVERIFY(!text.contains(QLatin1StringView(kAccessKey)));
    QVERIFY(!text.contains(QLatin1StringView(kSecretKey)));

    m_server->enqueueXml(200, identity);
    const Run json = run(QStringList { u"whoami"_s, u"--json"_s } + endpoint());
    QCOMPARE(json.exitCode, 0);
    QCOMPARE(json.json().value(u"Account"_s).toString(), u"123456789012"_s);
    QCOMPARE(json.json().value(u"Arn"_s).toString(), u"arn:aws:iam::123456789012:user/support"_s);
    QCOMPARE(json.json().value(u"UserId"_s).toString(), u"AIDACKCEVSQ6C2EXAMPLE"_s);
}

// --- errors ----------------------------------------------------------------------------------

void TestCli::testServiceErrors_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("AccessDenied") << "AccessDeniedException"_ba << 1;
    QTest::newRow("ResourceNotFound") << "ResourceNotFoundException"_ba << 1;
    QTest::newRow("UnrecognizedClient") << "UnrecognizedClientException"_ba << 3;
}

void TestCli::testServiceErrors()
{
    QFETCH(QByteArray, code);
    QFETCH(int, exitCode);
    m_server->enqueueJsonError(code, "The server says no about pixell/prod");
    const Run result = run(QStringList { u"get"_s, u"pixell/prod"_s } + endpoint());
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY(result.out.isEmpty());
    const QStringList lines = result.errText().split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 2, qPrintable(result.errText()));
    // First the code, the server's message and the request id; then the plain explanation.
    QVERIFY2(lines.at(0).startsWith(u"coffer-cli: "_s + QString::fromLatin1(code)),
             qPrintable(lines.at(0)));
    QVERIFY(lines.at(0).contains(u"The server says no about pixell/prod"_s));
    QVERIFY(lines.at(0).contains(QString::fromLatin1(ScriptedHttpServer::requestIdFor(0))));
    QVERIFY(lines.at(1).size() > 20);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestCli::testServiceErrorJson()
{
    m_server->enqueueJsonError("ResourceNotFoundException",
                               "Secrets Manager can't find the specified secret.");
    const Run result = run(QStringList { u"describe"_s, u"missing"_s, u"--json"_s } + endpoint());
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    const QJsonObject error
        = QJsonDocument::fromJson(result.err).object().value(u"Error"_s).toObject();
    QCOMPARE(error.value(u"Code"_s).toString(), u"ResourceNotFoundException"_s);
    QCOMPARE(error.value(u"Kind"_s).toString(), u"ResourceNotFound"_s);
    QCOMPARE(error.value(u"Message"_s).toString(),
             u"Secrets Manager can't find the specified secret."_s);
    QVERIFY(!error.value(u"Explanation"_s).toString().isEmpty());
    QCOMPARE(error.value(u"ExitCode"_s).toInt(), 1);
}

void TestCli::testMissingProfile()
{
    QFile config(m_dir->filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile work]\nregion = eu-west-1\n");
    config.close();

    const Run result = run(QStringList { u"list"_s, u"--profile"_s, u"nope"_s } + endpoint());
    QCOMPARE(result.exitCode, 3);
    QVERIFY2(result.errText().contains(u"'nope'"_s), qPrintable(result.errText()));
    QVERIFY2(result.errText().contains(m_dir->filePath(u"config"_s)), qPrintable(result.errText()));
    QCOMPARE(m_server->requestCount(), 0);

    QProcessEnvironment env = baseEnvironment();
    env.insert(u"AWS_PROFILE"_s, u"ghost"_s);
    const Run fromEnv = run(QStringList { u"list"_s } + endpoint(), {}, env);
    QCOMPARE(fromEnv.exitCode, 3);
    QVERIFY2(fromEnv.errText().contains(u"'ghost'"_s), qPrintable(fromEnv.errText()));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestCli::testProfileFromFiles()
{
    QFile config(m_dir->filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile work]\nregion = eu-central-1\n");
    config.close();
    QFile credentials(m_dir->filePath(u"credentials"_s));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[work]\naws_access_key_id = AKIDPROFILEEXAMPLE\n"
                      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYPROFILEKEY\n");
    credentials.close();

    m_server->enqueueJson(200, R"({"SecretList":[]})");
    const Run result = run(QStringList { u"--profile"_s, u"work"_s, u"list"_s } + endpoint(), {},
                           baseEnvironment());
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QByteArray authorization = m_server->requests().at(0).header("Authorization");
    QVERIFY2(authorization.contains("Credential=AKIDPROFILEEXAMPLE/"), authorization.constData());
    QVERIFY(authorization.contains("/eu-central-1/secretsmanager/aws4_request"));

    // --region beats the profile's region.
    m_server->enqueueJson(200, R"({"SecretList":[]})");
    const Run overridden
        = run(QStringList { u"--profile"_s, u"work"_s, u"--region"_s, u"ap-south-1"_s, u"list"_s }
                  + endpoint(),
              {}, baseEnvironment());
    QCOMPARE(overridden.exitCode, 0);
    QVERIFY(
        m_server->requests().at(1).header("Authorization").contains("/ap-south-1/secretsmanager/"));
}

void TestCli::testAssumeRoleProfile()
{
    QFile config(m_dir->filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[profile base]\nregion = eu-west-1\n"
                 "[profile reader]\nrole_arn = arn:aws:iam::123456789012:role/secrets-reader\n"
                 "source_profile = base\nrole_session_name = coffer-test\nregion = eu-west-1\n");
    config.close();
    QFile credentials(m_dir->filePath(u"credentials"_s));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write("[base]\naws_access_key_id = AKIDBASEEXAMPLE\n"
                      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYBASEKEY\n");
    credentials.close();

    const QByteArray expiration
        = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate).toLatin1();
    m_server->enqueueXml(200,
                         R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/secrets-reader/coffer-test</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:coffer-test</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAROLEEXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzROLEKEY</SecretAccessKey>
      <SessionToken>FwoGZXIvYXdzEXAMPLETOKEN</SessionToken>
      <Expiration>)"_ba + expiration
                             + R"(</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>)"_ba);
    m_server->enqueueJson(200, R"({"SecretList":[]})");

    QProcessEnvironment env = baseEnvironment();
    env.insert(u"AWS_ENDPOINT_URL_STS"_s, m_server->url().toString());
    const Run result
        = run(QStringList { u"list"_s, u"--profile"_s, u"reader"_s } + endpoint(), {}, env);
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(m_server->requestCount(), 2);
    const auto assume = m_server->requests().at(0);
    QVERIFY(assume.body.contains("Action=AssumeRole"));
    QVERIFY(assume.body.contains("RoleSessionName=coffer-test"));
    QVERIFY(assume.header("Authorization").contains("Credential=AKIDBASEEXAMPLE/"));
    const auto list = m_server->requests().at(1);
    QCOMPARE(list.header("X-Amz-Target"), "secretsmanager.ListSecrets");
    QVERIFY(list.header("Authorization").contains("Credential=ASIAROLEEXAMPLE/"));
    QCOMPARE(list.header("X-Amz-Security-Token"), "FwoGZXIvYXdzEXAMPLETOKEN");
}

void TestCli::testNoCredentials()
{
    const Run result = run(QStringList { u"list"_s } + endpoint(), {}, baseEnvironment());
    QCOMPARE(result.exitCode, 3);
    QVERIFY(result.errText().startsWith(u"coffer-cli: "_s));
    QCOMPARE(m_server->requestCount(), 0);

    QProcessEnvironment half = baseEnvironment();
    half.insert(u"AWS_ACCESS_KEY_ID"_s, QString::fromLatin1(kAccessKey));
    const Run halfResult = run(QStringList { u"list"_s } + endpoint(), {}, half);
    QCOMPARE(halfResult.exitCode, 3);
    QVERIFY2(halfResult.errText().contains(u"AWS_SECRET_ACCESS_KEY"_s), halfResult.err.constData());
    QCOMPARE(m_server->requestCount(), 0);

    const Run badUrl = run(QStringList { u"list"_s, u"--endpoint-url"_s, u"ftp://example.com"_s });
    QCOMPARE(badUrl.exitCode, 3);
    QVERIFY(badUrl.errText().contains(u"--endpoint-url"_s));
}

void TestCli::testNetworkError()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        port = probe.serverPort();
    }
    const Run result = run(QStringList { u"describe"_s, u"x"_s, u"--endpoint-url"_s,
                                         u"http://127.0.0.1:%1"_s.arg(port) });
    QCOMPARE(result.exitCode, 4);
    QVERIFY2(result.errText().contains(u"ConnectionRefused"_s)
                 || result.errText().contains(u"refused"_s),
             result.err.constData());
}

QTEST_GUILESS_MAIN(TestCli)
#include "testcli.moc"
