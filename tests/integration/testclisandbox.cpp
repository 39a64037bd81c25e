// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli end to end against the local sandbox: every wire-layer subcommand as a user runs
// it, and the retry that must not create a second version when the network fails after the
// server has applied a write.
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

struct CliRun : coffer::test::ProcessRun
{
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

} // namespace

class TestCliSandbox final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testReadCommands();
    void testWriteCommands();
    void testSetAndUnsetKeepEverythingElse();
    void testDroppedWriteIsRetriedOnce();
    void testThrottlingIsRetried();
    void testDeleteRestoreAndForce();
    void testServeProcessPersistsAcrossRestart();
    void testGetOnATerminalCannotDriveIt();
    void testServeChaosAndAKeyFromStdin();

private:
    CliRun cli(const QStringList &arguments, const QByteArray &input = {});
    int versionCount(const QString &name);

    sandbox::SandboxServer *m_server = nullptr;
};

void TestCliSandbox::init()
{
    m_server = new sandbox::SandboxServer({}, this);
    QVERIFY(m_server->listen());
    QVERIFY(sandbox::DemoSeed::demo(m_server->store()).has_value());
}

void TestCliSandbox::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

CliRun TestCliSandbox::cli(const QStringList &arguments, const QByteArray &input)
{
    const QProcessEnvironment env = coffer::test::environmentFor(
        m_server->url(), sandbox::SandboxServer::demoCredentials(), u"us-east-1"_s);
    return CliRun{ coffer::test::runProcess(coffer::test::cliPath(), arguments, env, input) };
}

int TestCliSandbox::versionCount(const QString &name)
{
    const auto versions = m_server->store().call(
        u"ListSecretVersionIds", {{"SecretId", name.toStdString()}, {"IncludeDeprecated", true}});
    return versions ? int((*versions)["Versions"].size()) : -1;
}

void TestCliSandbox::testReadCommands()
{
    CliRun run = cli({u"list"_s, u"--prefix"_s, u"pixell/"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QStringList names;
    for (const QJsonValue &secret : run.json()[u"SecretList"_s].toArray())
        names << secret[u"Name"_s].toString();
    QVERIFY(names.contains(u"pixell/prod"_s));
    QVERIFY(!names.isEmpty());
    for (const QString &name : std::as_const(names))
        QVERIFY2(name.startsWith(u"pixell/"_s), qPrintable(name));

    run = cli({u"get"_s, u"pixell/prod"_s});
    QCOMPARE(run.exitCode, 0);
    const auto stored = m_server->store().call(u"GetSecretValue", {{"SecretId", "pixell/prod"}});
    QVERIFY(stored.has_value());
    QVERIFY2(run.out == QByteArray::fromStdString((*stored)["SecretString"].get<std::string>()),
             "get must print the value byte for byte");

    run = cli({u"get"_s, u"sophon/prod/auth/jwt-keys"_s, u"--version-stage"_s, u"AWSPREVIOUS"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.json()[u"VersionStages"_s].toArray().contains(u"AWSPREVIOUS"_s));

    run = cli({u"describe"_s, u"pixell/prod"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[u"Name"_s].toString(), u"pixell/prod"_s);
    QVERIFY(!run.out.contains("SecretString"));

    run = cli({u"versions"_s, u"sophon/prod/auth/jwt-keys"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains("AWSCURRENT"));
    QVERIFY(run.out.contains("AWSPREVIOUS"));

    run = cli({u"whoami"_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[u"Account"_s].toString(), u"123456789012"_s);

    run = cli({u"get"_s, u"no/such/secret"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("ResourceNotFoundException"));
}

void TestCliSandbox::testWriteCommands()
{
    CliRun run = cli({u"create"_s, u"cli/new"_s, u"--value-stdin"_s, u"--description"_s, u"made by the test"_s,
                      u"--tag"_s, u"team=platform"_s},
                     R"({"a": 1})");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    run = cli({u"put"_s, u"cli/new"_s, u"--value-stdin"_s}, R"({"a": 2})");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(versionCount(u"cli/new"_s), 2);
    QCOMPARE(cli({u"get"_s, u"cli/new"_s}).out, QByteArray(R"({"a": 2})"));
    QCOMPARE(cli({u"get"_s, u"cli/new"_s, u"--version-stage"_s, u"AWSPREVIOUS"_s}).out, QByteArray(R"({"a": 1})"));

    QCOMPARE(cli({u"tag"_s, u"cli/new"_s, u"owner=ops"_s}).exitCode, 0);
    QCOMPARE(cli({u"untag"_s, u"cli/new"_s, u"team"_s}).exitCode, 0);
    const auto described = m_server->store().call(u"DescribeSecret", {{"SecretId", "cli/new"}});
    QVERIFY(described.has_value());
    QCOMPARE(int((*described)["Tags"].size()), 1);
    QCOMPARE(QString::fromStdString((*described)["Tags"][0]["Key"].get<std::string>()), u"owner"_s);

    // Refused before sending: the store sees no new version.
    run = cli({u"put"_s, u"cli/new"_s, u"--value-stdin"_s}, QByteArray(65537, 'x'));
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(versionCount(u"cli/new"_s), 2);
}

void TestCliSandbox::testSetAndUnsetKeepEverythingElse()
{
    // Compact, with a number no double holds, 1.10 and escapes: only the named value changes.
    const QByteArray original =
        R"({"db":{"host":"h","port":5432},"big":18446744073709551616,"ratio":1.10,"name":"caf\u00e9"})";
    QCOMPARE(cli({u"create"_s, u"cli/exact"_s, u"--value-stdin"_s}, original).exitCode, 0);

    CliRun run = cli({u"set"_s, u"cli/exact"_s, u"/db/port"_s, u"6432"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QByteArray expected = original;
    expected.replace("\"port\":5432", "\"port\":6432");
    QCOMPARE(cli({u"get"_s, u"cli/exact"_s}).out, expected);

    run = cli({u"set"_s, u"cli/exact"_s, u"/db/user"_s, u"\"app\""_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    expected.replace("\"port\":6432}", "\"port\":6432,\"user\":\"app\"}");
    QCOMPARE(cli({u"get"_s, u"cli/exact"_s}).out, expected);

    run = cli({u"unset"_s, u"cli/exact"_s, u"/ratio"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    expected.replace(",\"ratio\":1.10", "");
    QCOMPARE(cli({u"get"_s, u"cli/exact"_s}).out, expected);
    QCOMPARE(versionCount(u"cli/exact"_s), 4);

    // The value already there: nothing is written.
    run = cli({u"set"_s, u"cli/exact"_s, u"/db/user"_s, u"\"app\""_s, u"--json"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json()[u"Changed"_s].toBool(), false);
    QCOMPARE(versionCount(u"cli/exact"_s), 4);

    // A version read earlier than the current one: refused, nothing written.
    const auto current = m_server->store().call(u"GetSecretValue", {{"SecretId", "cli/exact"}});
    QVERIFY(current.has_value());
    run = cli({u"set"_s, u"cli/exact"_s, u"/db/port"_s, u"1"_s, u"--expect-version"_s,
               u"00000000-0000-4000-8000-000000000000"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("someone saved a newer version"), run.err.constData());
    QCOMPARE(versionCount(u"cli/exact"_s), 4);
    run = cli({u"set"_s, u"cli/exact"_s, u"/db/port"_s, u"1"_s, u"--expect-version"_s,
               QString::fromStdString((*current)["VersionId"].get<std::string>())});
    QCOMPARE(run.exitCode, 0);

    // Mistakes are usage errors, before anything is sent.
    QCOMPARE(cli({u"set"_s, u"cli/exact"_s, u"db/port"_s, u"1"_s}).exitCode, 2);
    QCOMPARE(cli({u"set"_s, u"cli/exact"_s, u"/db/port"_s, u"not json"_s}).exitCode, 2);
    QCOMPARE(cli({u"set"_s, u"cli/exact"_s, u"/missing/deep"_s, u"1"_s}).exitCode, 2);
    QCOMPARE(cli({u"unset"_s, u"cli/exact"_s, u"/nothing"_s}).exitCode, 2);
    QCOMPARE(cli({u"create"_s, u"cli/plain"_s, u"--value-stdin"_s}, "a token").exitCode, 0);
    run = cli({u"set"_s, u"cli/plain"_s, u"/a"_s, u"1"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("not a JSON object or array"), run.err.constData());
    QCOMPARE(versionCount(u"cli/exact"_s), 5);
}

void TestCliSandbox::testDroppedWriteIsRetriedOnce()
{
    const int before = versionCount(u"pixell/dev"_s);
    sandbox::SandboxFaults faults;
    faults.dropConnectionAfterWrites = 1;   // applied and saved, then no answer
    m_server->setFaults(faults);

    const CliRun run = cli({u"put"_s, u"pixell/dev"_s, u"--value-stdin"_s}, R"({"DB_HOST":"db2"})");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // The retry carried the same ClientRequestToken: exactly one new version.
    QCOMPARE(versionCount(u"pixell/dev"_s), before + 1);
    QCOMPARE(cli({u"get"_s, u"pixell/dev"_s}).out, QByteArray(R"({"DB_HOST":"db2"})"));
}

void TestCliSandbox::testThrottlingIsRetried()
{
    sandbox::SandboxFaults faults;
    faults.failureRate = 0.5;
    faults.failure = sandbox::SandboxFaults::Failure::Throttling;
    faults.seed = 7;
    m_server->setFaults(faults);
    // Three attempts at 50% failure: most calls succeed; every one that fails says why.
    int succeeded = 0;
    for (int i = 0; i < 4; ++i) {
        const CliRun run = cli({u"describe"_s, u"pixell/prod"_s});
        if (run.exitCode == 0)
            ++succeeded;
        else
            QVERIFY2(run.exitCode == 1 && run.err.contains("Throttling"), run.err.constData());
    }
    QVERIFY(succeeded >= 2);
}

void TestCliSandbox::testDeleteRestoreAndForce()
{
    QCOMPARE(cli({u"delete"_s, u"pixell/prod"_s, u"--recovery-days"_s, u"7"_s}).exitCode, 0);
    CliRun run = cli({u"get"_s, u"pixell/prod"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("InvalidRequestException"));
    QCOMPARE(cli({u"restore"_s, u"pixell/prod"_s}).exitCode, 0);
    QCOMPARE(cli({u"get"_s, u"pixell/prod"_s}).exitCode, 0);
    QCOMPARE(cli({u"delete"_s, u"pixell/prod"_s, u"--force"_s}).exitCode, 0);
    QCOMPARE(cli({u"describe"_s, u"pixell/prod"_s}).exitCode, 1);
    QCOMPARE(cli({u"delete"_s, u"pixell/dev"_s, u"--recovery-days"_s, u"3"_s}).exitCode, 2);
}

void TestCliSandbox::testServeProcessPersistsAcrossRestart()
{
    // coffer-cli serve as its own process, with a data folder and its key file; a write, a
    // clean stop (SIGTERM), a restart that finds the secret again.
    delete m_server;   // the in-process sandbox plays no part here
    m_server = nullptr;
    QTemporaryDir data;
    QVERIFY(data.isValid());
    const auto startServe = [&data](QProcess &serve) -> QUrl {
        serve.start(coffer::test::cliPath(),
                    {u"serve"_s, u"--port"_s, u"0"_s, u"--seed"_s, u"none"_s, u"--data"_s, data.path()});
        if (!serve.waitForStarted(10000))
            return {};
        QByteArray banner;
        while (!banner.contains('\n') && serve.waitForReadyRead(20000))
            banner += serve.readAllStandardOutput();
        const qsizetype at = banner.indexOf("http://127.0.0.1:");
        return at < 0 ? QUrl() : QUrl(QString::fromLatin1(banner.mid(at, banner.indexOf('\n', at) - at)).trimmed());
    };
    const auto runAgainst = [](const QUrl &url, const QStringList &arguments, const QByteArray &input = {}) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const aws::AwsCredentials keys = sandbox::SandboxServer::demoCredentials();
        env.insert(u"AWS_ACCESS_KEY_ID"_s, keys.accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, keys.secretAccessKey);
        env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(coffer::test::cliPath(), QStringList{u"--endpoint-url"_s, url.toString()} + arguments);
        process.write(input);
        process.closeWriteChannel();
        process.waitForFinished(60000);
        return CliRun{process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    };

    QProcess serve;
    QUrl url = startServe(serve);
    QVERIFY2(url.isValid() && url.port() > 0, serve.readAllStandardError().constData());
    CliRun run = runAgainst(url, {u"create"_s, u"served/secret"_s, u"--value-stdin"_s}, "kept");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    serve.terminate();
    QVERIFY(serve.waitForFinished(20000));
    QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
    QCOMPARE(serve.exitCode(), 0);

    QProcess restarted;
    url = startServe(restarted);
    QVERIFY(url.isValid());
    run = runAgainst(url, {u"get"_s, u"served/secret"_s});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("kept"));

    // A second serve on the same folder would overwrite the first one's writes: it is refused.
    QProcess second;
    second.start(coffer::test::cliPath(),
                 {u"serve"_s, u"--port"_s, u"0"_s, u"--seed"_s, u"none"_s, u"--data"_s, data.path()});
    QVERIFY(second.waitForFinished(20000));
    QCOMPARE(second.exitCode(), 3);
    const QByteArray refusal = second.readAllStandardError();
    QVERIFY2(refusal.contains("in use by another process"), refusal.constData());
    QVERIFY(refusal.contains(QByteArray::number(restarted.processId())));
    restarted.terminate();
    QVERIFY(restarted.waitForFinished(20000));
}

void TestCliSandbox::testGetOnATerminalCannotDriveIt()
{
    // A value that would retitle the window, clear the screen and hide text behind a CR.
    const QByteArray hostile = "\x1b]0;pwned\x07\x1b[2Jvisible\rhidden\u202Etxt.exe";
    QVERIFY(m_server->store()
                    .call(u"CreateSecret", {{"Name", "hostile/value"}, {"SecretString", hostile.toStdString()}})
                    .has_value());

    // Piped: the exact bytes.
    CliRun piped = cli({u"get"_s, u"hostile/value"_s});
    QCOMPARE(piped.exitCode, 0);
    QCOMPARE(piped.out, hostile);

    // On a terminal (a pseudo-terminal from util-linux's script): escaped, nothing raw.
    if (QStandardPaths::findExecutable(u"script"_s).isEmpty())
        QSKIP("script (util-linux) is not installed");
    const QProcessEnvironment env = coffer::test::environmentFor(
        m_server->url(), sandbox::SandboxServer::demoCredentials(), u"us-east-1"_s);
    const QString command = u"'%1' get hostile/value"_s.arg(coffer::test::cliPath());
    const auto terminal = coffer::test::runProcess(u"script"_s, {u"-qec"_s, command, u"/dev/null"_s}, env);
    QCOMPARE(terminal.exitCode, 0);
    QVERIFY2(!terminal.out.contains('\x1b'), terminal.out.toHex(' ').constData());
    QVERIFY(!terminal.out.contains('\x07'));
    QVERIFY(!terminal.out.contains("\u202E"));
    QVERIFY2(terminal.out.contains("\\e]0;pwned\\x07\\e[2Jvisible\\rhidden\\u{202e}txt.exe"), terminal.out.constData());
}

void TestCliSandbox::testServeChaosAndAKeyFromStdin()
{
    delete m_server;   // coffer-cli serve plays the server here
    m_server = nullptr;
    const QString secretKey = u"chosen/secret/KEY/EXAMPLE"_s;
    // Every request throttled: the client retries, then says what happened.
    QProcess serve;
    serve.start(coffer::test::cliPath(), {u"serve"_s, u"--ephemeral"_s, u"--port"_s, u"0"_s, u"--access-key-id"_s,
                                          u"AKIDCHAOSEXAMPLE"_s, u"--secret-access-key-stdin"_s, u"--throttle-rate"_s,
                                          u"1"_s, u"--latency"_s, u"20"_s});
    QVERIFY(serve.waitForStarted(10000));
    serve.write(secretKey.toUtf8() + "\n");
    serve.closeWriteChannel();
    QByteArray banner;
    while (!banner.contains("http://127.0.0.1:") && serve.waitForReadyRead(20000))
        banner += serve.readAllStandardOutput();
    QVERIFY(serve.waitForReadyRead(2000) || true);
    banner += serve.readAllStandardOutput();
    QVERIFY2(!banner.contains(secretKey.toUtf8()), "a key given on stdin is never echoed");
    const qsizetype at = banner.indexOf("http://127.0.0.1:");
    QVERIFY(at >= 0);
    const QUrl url(QString::fromLatin1(banner.mid(at, banner.indexOf('\n', at) - at)).trimmed());

    aws::AwsCredentials keys;
    keys.accessKeyId = u"AKIDCHAOSEXAMPLE"_s;
    keys.secretAccessKey = secretKey;
    const QProcessEnvironment env = coffer::test::environmentFor(url, keys, u"us-east-1"_s);
    const auto throttled = coffer::test::runProcess(coffer::test::cliPath(), {u"list"_s}, env);
    QCOMPARE(throttled.exitCode, 1);
    QVERIFY2(throttled.err.contains("Throttling"), throttled.err.constData());
    serve.terminate();
    QVERIFY(serve.waitForFinished(20000));

    // Rates are checked.
    const auto refused = coffer::test::runProcess(coffer::test::cliPath(),
                                                  {u"serve"_s, u"--ephemeral"_s, u"--error-rate"_s, u"1.5"_s},
                                                  QProcessEnvironment::systemEnvironment());
    QCOMPARE(refused.exitCode, 2);
    QVERIFY(refused.err.contains("--error-rate takes a share from 0 to 1"));
}

QTEST_GUILESS_MAIN(TestCliSandbox)
#include "testclisandbox.moc"
