// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli as a real process with an assume-role profile that has mfa_serial, against a
// sandbox whose role requires MFA: the code given with --mfa-code works; typed at the prompt on
// a pseudo-terminal (util-linux `script`) it works and is not echoed; without either and no
// terminal the command fails with exit 3 saying how to give it; a wrong code is refused with
// STS's sentence. The code and the TOTP seed never appear in the output.

#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtotp.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;
using coffer::sandbox::SandboxTotp;

namespace {

const QByteArray kSeedText = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const QByteArray kSecretKey = "app/secret/key/EXAMPLE";
const QString kSerial = u"arn:aws:iam::123456789012:mfa/app"_s;

const QByteArray kPrincipals = R"({
  "users": [{"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001", "secretAccessKey": "app/secret/key/EXAMPLE",
             "policies": [{"Version": "2012-10-17",
                           "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}],
             "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/app",
                             "totpSeed": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}]}],
  "roles": [{"name": "guarded", "trust": ["user/app"], "requireMfa": true,
             "policies": [{"Version": "2012-10-17",
                           "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                                          "Resource": "*"}]}]}]
})";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

QString currentCode()
{
    const auto seed = SandboxTotp::decodeBase32(QString::fromLatin1(kSeedText));
    return SandboxTotp::code(seed.value_or(QByteArray()), QDateTime::currentDateTimeUtc());
}

} // namespace

class TestCliMfa final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void testCodeFromOption();
    void testSessionSharedThroughTheAwsCliCache();
    void testCodeFromTerminal();
    void testRefusedWithoutCode();
    void testEmptyAnswerAtThePrompt();
    void testWrongCode();

private:
    /// Runs coffer-cli; with `terminal`, inside `script` so it has a pseudo-terminal, typing
    /// `typed` once the MFA prompt appeared.
    Run cli(const QStringList &args, bool terminal = false, const QByteArray &typed = {});
    static QProcessEnvironment environment();
    QStringList getArgs() const { return { u"--profile"_s, u"mfa"_s, u"get"_s, u"mfa/only"_s }; }
    /// Fails the test if the output shows a credential, the seed or `code`.
    static void verifyNothingLeaked(const Run &run, const QString &code);

    std::unique_ptr<SandboxServer> m_server;
};

void TestCliMfa::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(QFile::exists(coffer::test::cliPath()),
             "COFFER_CLI must name the coffer-cli under test");
    const auto principals = coffer::sandbox::SandboxPrincipals::fromJson(kPrincipals);
    QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
    SandboxServerConfig config;
    principals->applyTo(config);
    m_server = std::make_unique<SandboxServer>(config);
    QVERIFY(m_server->listen());
    QVERIFY(m_server->store().call(u"CreateSecret",
                                   { { "Name", "mfa/only" }, { "SecretString", "behind-mfa" } }));
    const QString aws = QDir::homePath() + u"/.aws"_s;
    const QByteArray url = m_server->url().toString().toUtf8();
    QVERIFY(writeFile(aws + u"/credentials"_s,
                      "[app]\naws_access_key_id = AKIAAPPEXAMPLE000001\naws_secret_access_key = "
                          + kSecretKey + "\n"));
    QVERIFY(writeFile(aws + u"/config"_s,
                      "[profile app]\nregion = us-east-1\nendpoint_url = " + url
                          + "\n\n[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/guarded\n"
                            "source_profile = app\nmfa_serial = "
                          + kSerial.toUtf8() + "\nregion = us-east-1\nendpoint_url = " + url
                          + "\n"));
}

void TestCliMfa::cleanupTestCase()
{
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
    m_server.reset();
}

void TestCliMfa::cleanup()
{
    // Each test starts without a cached role session.
    QDir(QDir::homePath() + u"/.aws/cli/cache"_s).removeRecursively();
}

QProcessEnvironment TestCliMfa::environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name :
         { u"AWS_PROFILE"_s, u"AWS_CA_BUNDLE"_s, u"AWS_CONFIG_FILE"_s,
           u"AWS_SHARED_CREDENTIALS_FILE"_s, u"AWS_ACCESS_KEY_ID"_s, u"AWS_SECRET_ACCESS_KEY"_s,
           u"AWS_SESSION_TOKEN"_s, u"AWS_ENDPOINT_URL"_s })
        env.remove(name);
    return env;
}

Run TestCliMfa::cli(const QStringList &args, bool terminal, const QByteArray &typed)
{
    // Asynchronous, so the sandbox in this process keeps answering meanwhile.
    QProcess process;
    process.setProcessEnvironment(environment());
    if (terminal) {
        QStringList quoted;
        for (const QString &arg : QStringList { coffer::test::cliPath() } + args)
            quoted << u"'"_s + arg + u"'"_s;
        process.start(u"script"_s,
                      { u"-q"_s, u"-e"_s, u"-c"_s, quoted.join(u' '), u"/dev/null"_s });
    } else {
        process.start(coffer::test::cliPath(), args);
    }
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    if (!terminal)
        process.closeWriteChannel();
    bool typedIt = false;
    QByteArray seen;
    const bool finished = QTest::qWaitFor(
        [&] {
            seen += process.readAllStandardOutput();
            if (terminal && !typedIt && seen.contains("Enter MFA code for")) {
                process.write(typed + "\n");
                typedIt = true;
            }
            return process.state() == QProcess::NotRunning;
        },
        60000);
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = seen + process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

void TestCliMfa::verifyNothingLeaked(const Run &run, const QString &code)
{
    for (const QByteArray &text : { run.out, run.err }) {
        QVERIFY(!text.contains(kSecretKey));
        QVERIFY(!text.contains(kSeedText));
        if (!code.isEmpty())
            QVERIFY2(!text.contains(code.toLatin1()), "the MFA code was printed");
    }
}

void TestCliMfa::testCodeFromOption()
{
    const QString code = currentCode();
    const Run run = cli(QStringList { u"--mfa-code"_s, code } + getArgs());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, "behind-mfa"_ba);
    verifyNothingLeaked(run, code);
}

void TestCliMfa::testSessionSharedThroughTheAwsCliCache()
{
    const QString code = currentCode();
    const Run first = cli(QStringList { u"--mfa-code"_s, code } + getArgs());
    QVERIFY2(first.exitCode == 0, first.err.constData());
    // The session went to the AWS CLI's cache, 0600, and the next run needs no code.
    const QStringList files
        = QDir(QDir::homePath() + u"/.aws/cli/cache"_s).entryList({ u"*.json"_s }, QDir::Files);
    QCOMPARE(files.size(), 1);
    QFile cached(QDir::homePath() + u"/.aws/cli/cache/"_s + files.first());
    QCOMPARE(cached.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    const qsizetype stsCalls = m_server->requestCount();
    const Run second = cli(getArgs());
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(second.out, "behind-mfa"_ba);
    QVERIFY(!second.err.contains("MFA"));
    // Only the GetSecretValue call: no AssumeRole.
    QCOMPARE(m_server->requestCount(), stsCalls + 1);
    verifyNothingLeaked(second, code);
}

void TestCliMfa::testCodeFromTerminal()
{
    if (QStandardPaths::findExecutable(u"script"_s).isEmpty())
        QSKIP("util-linux script is not installed");
    const QString code = currentCode();
    const Run run = cli(getArgs(), true, code.toLatin1());
    QVERIFY2(run.exitCode == 0, run.out.constData());
    // The prompt is the AWS CLI's, on stderr (which `script` merges into its output).
    QVERIFY2(run.out.contains(QByteArray("Enter MFA code for " + kSerial.toUtf8() + ": ")),
             run.out.constData());
    QVERIFY2(run.out.contains("behind-mfa"), run.out.constData());
    verifyNothingLeaked(run, code);
}

void TestCliMfa::testRefusedWithoutCode()
{
    const Run run = cli(getArgs());
    QCOMPARE(run.exitCode, 3);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(
        run.err.contains(QByteArray("needs the current code of MFA device " + kSerial.toUtf8())),
        run.err.constData());
    QVERIFY2(run.err.contains("--mfa-code CODE"), run.err.constData());
    verifyNothingLeaked(run, {});
}

void TestCliMfa::testEmptyAnswerAtThePrompt()
{
    if (QStandardPaths::findExecutable(u"script"_s).isEmpty())
        QSKIP("util-linux script is not installed");
    const Run run = cli(getArgs(), true, QByteArray());
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.out.contains("no MFA code was given for profile 'mfa'"), run.out.constData());
    QVERIFY2(run.out.contains("--mfa-code CODE"), run.out.constData());
    QVERIFY(!run.out.contains("behind-mfa"));
}

void TestCliMfa::testWrongCode()
{
    const auto seed
        = SandboxTotp::decodeBase32(QString::fromLatin1(kSeedText)).value_or(QByteArray());
    // Four steps back: outside the one step of drift the sandbox accepts.
    const QString wrong = SandboxTotp::code(seed, QDateTime::currentDateTimeUtc().addSecs(-120));
    const Run run = cli(QStringList { u"--mfa-code"_s, wrong } + getArgs());
    QVERIFY(run.exitCode != 0);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(
        run.err.contains("MultiFactorAuthentication failed with invalid MFA one time pass code."),
        run.err.constData());
    verifyNothingLeaked(run, wrong);
}

QTEST_GUILESS_MAIN(TestCliMfa)
#include "testclimfa.moc"
