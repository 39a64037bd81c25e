// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `coffer-cli profile ...` run as a real process (COFFER_CLI), against the harness's Secret
// Service and a scripted STS: the secret key goes in through stdin only, lands in the keyring,
// and never appears in any output or in the settings folder. Then `--profile NAME` (and
// AWS_PROFILE) on the other commands, against a real local sandbox in this process: it verifies
// every signature, so a successful call proves the key from the keychain signed it.
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/scriptedhttpserver.h"
#include "tests/support/testenv.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;
using coffer::test::ScriptedHttpServer;

namespace {

const QByteArray kCallerIdentity
    = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
      "  <GetCallerIdentityResult>\n"
      "    <Arn>arn:aws:iam::123456789012:user/support</Arn>\n"
      "    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>\n"
      "    <Account>123456789012</Account>\n"
      "  </GetCallerIdentityResult>\n"
      "  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>\n"
      "</GetCallerIdentityResponse>\n";

// Obviously fake keys, accepted only by the test's own sandbox.
const QString kKeyId = u"AKIDPROFILESANDBOX01"_s;
const QByteArray kSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestProfileCommand final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testAddShowTestRemove();
    void testSecretOnlyFromStdin();
    void testUnknownProfile();
    void testNoKeychain();
    void testGlobalProfileUsesKeychain();
    void testGlobalProfileWrongSecret();
    void testGlobalProfileNotFound();
    void testSandboxProfileNeedsEndpoint();

private:
    Run cli(const QStringList &args, const QByteArray &input = {},
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    bool keyringHasItemFor(const QString &profileId);
};

void TestProfileCommand::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("HOME").startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(QFile::exists(coffer::test::cliPath()),
             "COFFER_CLI must name the coffer-cli under test");
}

Run TestProfileCommand::cli(const QStringList &args, const QByteArray &input,
                            const QProcessEnvironment &env)
{
    // Asynchronous, so the scripted server in this process keeps answering meanwhile.
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(coffer::test::cliPath(), args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 30000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool TestProfileCommand::keyringHasItemFor(const QString &profileId)
{
    const QString key = u"profile/"_s + profileId;
    QProcess tool;
    tool.start(
        u"secret-tool"_s,
        { u"search"_s, u"--all"_s, u"user"_s, key, u"server"_s, u"io.github.coffer_app.Coffer"_s });
    if (!tool.waitForFinished(10000))
        return false;
    return QByteArray(tool.readAllStandardOutput() + tool.readAllStandardError())
        .contains((u"attribute.user = "_s + key).toUtf8());
}

void TestProfileCommand::testAddShowTestRemove()
{
    const QByteArray canary = "canary/" + QUuid::createUuid().toByteArray(QUuid::Id128).left(33);
    ScriptedHttpServer server;
    QVERIFY(server.isListening());

    const Run add
        = cli({ u"profile"_s, u"add"_s, u"cli-work"_s, u"--region"_s, u"eu-west-1"_s,
                u"--endpoint-url"_s, server.url().toString(), u"--access-key-id"_s,
                u"AKIDEXAMPLE0000077"_s, u"--secret-access-key-stdin"_s, u"--production"_s },
              canary + "\n");
    QVERIFY2(add.exitCode == 0, add.err.constData());
    QVERIFY(add.out.contains("cli-work"));

    const Run list = cli({ u"--json"_s, u"profile"_s, u"list"_s });
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains("\"Name\": \"cli-work\""));
    QVERIFY(list.out.contains("\"SecretAccessKey\": \"keychain\""));
    const qsizetype idAt = list.out.indexOf("\"Id\": \"");
    QVERIFY(idAt > 0);
    const QString id = QString::fromUtf8(list.out.mid(idAt + 7, 36));
    QVERIFY(!QUuid::fromString(id).isNull());
    QVERIFY2(keyringHasItemFor(id), "the secret key is not in the keyring");

    const Run show = cli({ u"profile"_s, u"show"_s, u"--profile"_s, u"cli-work"_s });
    QVERIFY2(show.exitCode == 0, show.err.constData());
    QVERIFY(show.out.contains("AKIDEXAMPLE0000077"));
    QVERIFY(show.out.contains("OS keychain"));
    QVERIFY(show.out.contains("yes")); // production

    server.enqueueXml(200, kCallerIdentity);
    const Run test = cli({ u"profile"_s, u"test"_s, u"cli-work"_s });
    QVERIFY2(test.exitCode == 0, test.err.constData());
    QVERIFY(test.out.contains("123456789012"));
    QVERIFY(test.out.contains("arn:aws:iam::123456789012:user/support"));
    QVERIFY(test.out.contains("PRODUCTION"));
    QCOMPARE(server.requestCount(), 1);
    QVERIFY(
        server.requests().at(0).header("Authorization").contains("Credential=AKIDEXAMPLE0000077/"));

    // The secret is nowhere but the keyring: not in any output, not in the settings folder.
    for (const Run &run : { add, list, show, test }) {
        QVERIFY(!run.out.contains(canary));
        QVERIFY(!run.err.contains(canary));
    }
    const QStringList hits = coffer::test::filesContaining(qEnvironmentVariable("XDG_CONFIG_HOME"), canary);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
    QVERIFY(
        !coffer::test::filesContaining(qEnvironmentVariable("XDG_CONFIG_HOME"), "AKIDEXAMPLE0000077").isEmpty());

    const Run remove = cli({ u"profile"_s, u"remove"_s, u"cli-work"_s });
    QVERIFY2(remove.exitCode == 0, remove.err.constData());
    QVERIFY2(!keyringHasItemFor(id), "the keyring item outlived its profile");
    QVERIFY(!cli({ u"profile"_s, u"list"_s }).out.contains("cli-work"));
}

void TestProfileCommand::testSecretOnlyFromStdin()
{
    const Run add = cli({ u"profile"_s, u"add"_s, u"nokey"_s, u"--region"_s, u"eu-west-1"_s,
                          u"--access-key-id"_s, u"AKIDEXAMPLE0000077"_s });
    QCOMPARE(add.exitCode, 2);
    QVERIFY(add.err.contains("--secret-access-key-stdin"));
    const Run empty
        = cli({ u"profile"_s, u"add"_s, u"nokey"_s, u"--region"_s, u"eu-west-1"_s,
                u"--access-key-id"_s, u"AKIDEXAMPLE0000077"_s, u"--secret-access-key-stdin"_s });
    QCOMPARE(empty.exitCode, 2);
    QVERIFY(empty.err.contains("stdin is empty"));
    QVERIFY(!cli({ u"profile"_s, u"list"_s }).out.contains("nokey"));
}

void TestProfileCommand::testUnknownProfile()
{
    const Run show = cli({ u"profile"_s, u"show"_s, u"does-not-exist"_s });
    QCOMPARE(show.exitCode, 3);
    QVERIFY(show.err.contains("does-not-exist"));
    const Run bad = cli({ u"profile"_s, u"frobnicate"_s, u"x"_s });
    QCOMPARE(bad.exitCode, 2);
}

void TestProfileCommand::testNoKeychain()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    for (const QString &sub : { u"config"_s, u"home"_s, u"data"_s })
        QVERIFY(QDir(root.path()).mkpath(sub));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"COFFER_TEST_NO_KEYRING"_s, u"1"_s);
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/coffer-test-bus"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, root.filePath(u"config"_s));
    env.insert(u"HOME"_s, root.filePath(u"home"_s));
    env.insert(u"XDG_DATA_HOME"_s, root.filePath(u"data"_s));

    const Run add
        = cli({ u"profile"_s, u"add"_s, u"offline"_s, u"--region"_s, u"eu-west-1"_s,
                u"--access-key-id"_s, u"AKIDEXAMPLE0000077"_s, u"--secret-access-key-stdin"_s },
              "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n", env);
    QCOMPARE(add.exitCode, 3);
    QVERIFY2(add.err.contains("NoKeychain"), add.err.constData());
    QVERIFY2(add.err.contains("No OS keychain is available"), add.err.constData());
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    QVERIFY2(files.isEmpty(), qPrintable(files.join(u", "_s)));
}

void TestProfileCommand::testGlobalProfileUsesKeychain()
{
    SandboxServerConfig config;
    coffer::aws::AwsCredentials credentials;
    credentials.accessKeyId = kKeyId;
    credentials.secretAccessKey = QString::fromLatin1(kSecretKey);
    config.credentials = { credentials };
    SandboxServer server(config);
    QVERIFY(server.listen());
    QVERIFY(server.store()
                .call(u"CreateSecret",
                      coffer::sandbox::Json { { "Name", "team/app/db-password" },
                                              { "SecretString", "not-a-real-password" } })
                .has_value());
    const QString url = server.url().toString();

    // A ~/.aws profile of the same name with other keys: Coffer's profile must win.
    QTemporaryDir awsDir;
    QVERIFY(awsDir.isValid());
    QFile credentialsFile(awsDir.filePath(u"credentials"_s));
    QVERIFY(credentialsFile.open(QIODevice::WriteOnly));
    credentialsFile.write("[work]\naws_access_key_id = AKIDAWSFILESEXAMPLE\n"
                          "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYAWSFILESKEY\n");
    credentialsFile.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"AWS_CONFIG_FILE"_s, awsDir.filePath(u"config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, awsDir.filePath(u"credentials"_s));
    env.remove(u"AWS_PROFILE"_s);
    env.remove(u"AWS_ACCESS_KEY_ID"_s);
    env.remove(u"AWS_SECRET_ACCESS_KEY"_s);

    const Run add = cli({ u"profile"_s, u"add"_s, u"work"_s, u"--kind"_s, u"access-key"_s,
                          u"--region"_s, u"eu-west-1"_s, u"--access-key-id"_s, kKeyId,
                          u"--secret-access-key-stdin"_s },
                        kSecretKey + "\n", env);
    QVERIFY2(add.exitCode == 0, add.err.constData());

    const qint64 before = server.requestCount();
    const Run list = cli({ u"--profile"_s, u"work"_s, u"list"_s, u"--endpoint-url"_s, url }, {}, env);
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QVERIFY2(list.out.contains("team/app/db-password"), list.out.constData());
    QCOMPARE(server.requestCount(), before + 1);

    // Names compare case-insensitively, as in the GUI.
    const Run upper = cli({ u"--profile"_s, u"WORK"_s, u"list"_s, u"--endpoint-url"_s, url }, {}, env);
    QVERIFY2(upper.exitCode == 0, upper.err.constData());

    QProcessEnvironment withEnv = env;
    withEnv.insert(u"AWS_PROFILE"_s, u"work"_s);
    const Run fromEnv = cli({ u"list"_s, u"--endpoint-url"_s, url }, {}, withEnv);
    QVERIFY2(fromEnv.exitCode == 0, fromEnv.err.constData());
    QVERIFY(fromEnv.out.contains("team/app/db-password"));

    // Without the Coffer profile, --profile work falls back to ~/.aws's "work", whose key the
    // sandbox does not know.
    const Run removed = cli({ u"--profile"_s, u"work"_s, u"profile"_s, u"remove"_s }, {}, env);
    QVERIFY2(removed.exitCode == 0, removed.err.constData());
    const Run fallback
        = cli({ u"--profile"_s, u"work"_s, u"list"_s, u"--endpoint-url"_s, url }, {}, env);
    QCOMPARE(fallback.exitCode, 3);
    QVERIFY2(fallback.err.contains("UnrecognizedClient"), fallback.err.constData());
    const Run awsWhoami
        = cli({ u"--profile"_s, u"work"_s, u"whoami"_s, u"--endpoint-url"_s, url }, {}, env);
    QCOMPARE(awsWhoami.exitCode, 3);

    // whoami says where the profile came from.
    QVERIFY(cli({ u"profile"_s, u"add"_s, u"work"_s, u"--region"_s, u"eu-west-1"_s,
                  u"--access-key-id"_s, kKeyId, u"--secret-access-key-stdin"_s },
                kSecretKey + "\n", env)
                .exitCode
            == 0);
    const Run whoami
        = cli({ u"--profile"_s, u"work"_s, u"whoami"_s, u"--endpoint-url"_s, url }, {}, env);
    QVERIFY2(whoami.exitCode == 0, whoami.err.constData());
    QVERIFY2(whoami.out.contains("Coffer profile 'work' (credentials in the OS keychain)"),
             whoami.out.constData());
    QVERIFY(whoami.out.contains("123456789012"));
    QVERIFY(whoami.out.contains("eu-west-1"));
    const Run whoamiJson = cli(
        { u"--json"_s, u"--profile"_s, u"work"_s, u"whoami"_s, u"--endpoint-url"_s, url }, {}, env);
    QVERIFY2(whoamiJson.exitCode == 0, whoamiJson.err.constData());
    const QJsonObject profile
        = QJsonDocument::fromJson(whoamiJson.out).object().value(u"Profile"_s).toObject();
    QCOMPARE(profile.value(u"Origin"_s).toString(), u"Coffer"_s);
    QCOMPARE(profile.value(u"Name"_s).toString(), u"work"_s);
    QCOMPARE(profile.value(u"SelectedBy"_s).toString(), u"--profile"_s);
    QVERIFY(profile.value(u"Description"_s).toString().contains(u"OS keychain"_s));

    // A ~/.aws profile is described as one.
    SandboxServerConfig filesConfig;
    coffer::aws::AwsCredentials filesCredentials;
    filesCredentials.accessKeyId = u"AKIDAWSFILESEXAMPLE"_s;
    filesCredentials.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYAWSFILESKEY"_s;
    filesConfig.credentials = { filesCredentials };
    SandboxServer filesServer(filesConfig);
    QVERIFY(filesServer.listen());
    QVERIFY(credentialsFile.open(QIODevice::Append));
    credentialsFile.write("[legacy]\naws_access_key_id = AKIDAWSFILESEXAMPLE\n"
                          "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYAWSFILESKEY\n");
    credentialsFile.close();
    const Run legacy = cli({ u"--profile"_s, u"legacy"_s, u"whoami"_s, u"--endpoint-url"_s,
                             filesServer.url().toString() },
                           {}, env);
    QVERIFY2(legacy.exitCode == 0, legacy.err.constData());
    QVERIFY2(legacy.out.contains("/credentials profile 'legacy'"), legacy.out.constData());
    QVERIFY(!legacy.out.contains("Coffer profile"));
    const Run legacyJson = cli({ u"--json"_s, u"--profile"_s, u"legacy"_s, u"whoami"_s,
                                 u"--endpoint-url"_s, filesServer.url().toString() },
                               {}, env);
    QCOMPARE(legacyJson.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(legacyJson.out)
                 .object()
                 .value(u"Profile"_s)
                 .toObject()
                 .value(u"Origin"_s)
                 .toString(),
             u"AwsSharedFiles"_s);

    for (const Run &run : { add, list, upper, fromEnv, whoami, whoamiJson }) {
        QVERIFY(!run.out.contains(kSecretKey));
        QVERIFY(!run.err.contains(kSecretKey));
    }
    QCOMPARE(cli({ u"profile"_s, u"remove"_s, u"work"_s }, {}, env).exitCode, 0);
}

void TestProfileCommand::testGlobalProfileWrongSecret()
{
    SandboxServerConfig config;
    coffer::aws::AwsCredentials credentials;
    credentials.accessKeyId = kKeyId;
    credentials.secretAccessKey = QString::fromLatin1(kSecretKey);
    config.credentials = { credentials };
    SandboxServer server(config);
    QVERIFY(server.listen());

    const Run add = cli({ u"profile"_s, u"add"_s, u"mistyped"_s, u"--region"_s, u"eu-west-1"_s,
                          u"--access-key-id"_s, kKeyId, u"--secret-access-key-stdin"_s },
                        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY\n");
    QVERIFY2(add.exitCode == 0, add.err.constData());
    const Run list = cli(
        { u"--profile"_s, u"mistyped"_s, u"list"_s, u"--endpoint-url"_s, server.url().toString() });
    QCOMPARE(list.exitCode, 3);
    QVERIFY2(list.err.contains("InvalidSignature"), list.err.constData());
    QVERIFY(!list.err.contains("WRONGKEY"));
    QCOMPARE(cli({ u"profile"_s, u"remove"_s, u"mistyped"_s }).exitCode, 0);
}

void TestProfileCommand::testGlobalProfileNotFound()
{
    ScriptedHttpServer server;
    QVERIFY(server.isListening());
    const QStringList endpoint { u"--endpoint-url"_s, server.url().toString() };

    const Run explicitName = cli(QStringList { u"--profile"_s, u"ghost"_s, u"list"_s } + endpoint);
    QCOMPARE(explicitName.exitCode, 3);
    const QString text = QString::fromUtf8(explicitName.err);
    QVERIFY2(text.contains(u"'ghost'"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Coffer's profiles"_s), qPrintable(text));
    QVERIFY2(text.contains(u"~/.aws/config"_s), qPrintable(text));
    QVERIFY2(text.contains(u"~/.aws/credentials"_s), qPrintable(text));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"AWS_PROFILE"_s, u"ghost"_s);
    const Run fromEnv = cli(QStringList { u"list"_s } + endpoint, {}, env);
    QCOMPARE(fromEnv.exitCode, 3);
    QVERIFY2(fromEnv.err.contains("Coffer's profiles"), fromEnv.err.constData());

    const Run json
        = cli(QStringList { u"--json"_s, u"--profile"_s, u"ghost"_s, u"whoami"_s } + endpoint);
    QCOMPARE(json.exitCode, 3);
    QCOMPARE(QJsonDocument::fromJson(json.err)
                 .object()
                 .value(u"Error"_s)
                 .toObject()
                 .value(u"ExitCode"_s)
                 .toInt(),
             3);
    QCOMPARE(server.requestCount(), 0);
}

void TestProfileCommand::testSandboxProfileNeedsEndpoint()
{
    const Run add = cli({ u"profile"_s, u"add"_s, u"local"_s, u"--kind"_s, u"sandbox"_s });
    QVERIFY2(add.exitCode == 0, add.err.constData());

    const Run noEndpoint = cli({ u"--profile"_s, u"local"_s, u"list"_s });
    QCOMPARE(noEndpoint.exitCode, 3);
    QVERIFY2(noEndpoint.err.contains("--endpoint-url"), noEndpoint.err.constData());
    QVERIFY2(noEndpoint.err.contains("coffer-cli serve"), noEndpoint.err.constData());

    // What `coffer-cli serve` accepts by default: the demo key pair.
    SandboxServer server;
    QVERIFY(server.listen());
    const Run list
        = cli({ u"--profile"_s, u"local"_s, u"list"_s, u"--endpoint-url"_s, server.url().toString() });
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QCOMPARE(server.requestCount(), 1);
    const Run whoami = cli(
        { u"--profile"_s, u"local"_s, u"whoami"_s, u"--endpoint-url"_s, server.url().toString() });
    QVERIFY2(whoami.exitCode == 0, whoami.err.constData());
    QVERIFY(whoami.out.contains("Coffer profile 'local' (local sandbox)"));
    QCOMPARE(cli({ u"profile"_s, u"remove"_s, u"local"_s }).exitCode, 0);
}

QTEST_GUILESS_MAIN(TestProfileCommand)
#include "testprofilecommand.moc"
