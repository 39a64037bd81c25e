// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli on a production profile: every writing command (set, unset, put, create, delete,
// restore, tag, untag) refuses without --yes when stdin is not a terminal, sends nothing and
// leaves the secret as it was; with --yes it writes; a profile that is not production writes
// without asking. The real executable against a real sandbox in this process, which checks
// every signature (so a write that arrived came from the profile's keys).
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/testenv.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;

namespace {

// Obviously fake keys, accepted only by the test's own sandbox.
const QString kKeyId = u"AKIDPRODUCTIONGUARD01"_s;
const QByteArray kSecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYPRODGUARDKEY";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCliProduction final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testSetRefusedWithoutTerminal();
    void testSetWithYesWrites();
    void testEveryWriteIsRefused_data();
    void testEveryWriteIsRefused();
    void testNonProductionWritesWithoutAsking();
    void testHelpDocumentsYes();
    void testTerminalAsks();

private:
    Run cli(const QStringList &args, const QByteArray &input = {});
    Run run(const QString &program, const QStringList &args, const QByteArray &input);
    /// coffer-cli with a terminal for stdin (util-linux script), `answer` typed into it.
    Run onTerminal(const QStringList &args, const QByteArray &answer);
    QStringList onProfile(const QString &profile, const QStringList &args) const;
    [[nodiscard]] QString storedValue(const QString &name) const;
    void addProfile(const QString &name, bool production);

    std::unique_ptr<SandboxServer> m_server;
    QProcessEnvironment m_env;
};

void TestCliProduction::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("HOME").startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(QFile::exists(coffer::test::cliPath()),
             "COFFER_CLI must name the coffer-cli under test");
    m_env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : { u"AWS_PROFILE"_s, u"AWS_ACCESS_KEY_ID"_s,
                                 u"AWS_SECRET_ACCESS_KEY"_s, u"AWS_ENDPOINT_URL"_s })
        m_env.remove(name);
}

void TestCliProduction::init()
{
    SandboxServerConfig config;
    coffer::aws::AwsCredentials credentials;
    credentials.accessKeyId = kKeyId;
    credentials.secretAccessKey = QString::fromLatin1(kSecretKey);
    config.credentials = { credentials };
    m_server = std::make_unique<SandboxServer>(config);
    QVERIFY(m_server->listen());
    auto &store = m_server->store();
    QVERIFY(store
                .call(u"CreateSecret",
                      Json { { "Name", "pixell/prod" },
                             { "SecretString", R"({"DB_HOST":"db.internal","DB_PORT":5432})" } })
                .has_value());
    QVERIFY(
        store
            .call(u"CreateSecret", Json { { "Name", "pixell/retired" }, { "SecretString", "old" } })
            .has_value());
    QVERIFY(store
                .call(u"DeleteSecret",
                      Json { { "SecretId", "pixell/retired" }, { "RecoveryWindowInDays", 7 } })
                .has_value());
    addProfile(u"prod"_s, true);
    addProfile(u"dev"_s, false);
}

void TestCliProduction::cleanup()
{
    for (const QString &profile : { u"prod"_s, u"dev"_s })
        cli({ u"--profile"_s, profile, u"profile"_s, u"remove"_s });
    m_server.reset();
}

Run TestCliProduction::cli(const QStringList &args, const QByteArray &input)
{
    return run(coffer::test::cliPath(), args, input);
}

Run TestCliProduction::onTerminal(const QStringList &args, const QByteArray &answer)
{
    QStringList quoted;
    for (QString argument : QStringList { coffer::test::cliPath() } + args)
        quoted << u'\'' + argument.replace(u"'"_s, u"'\\''"_s) + u'\'';
    return run(u"script"_s, { u"-qec"_s, quoted.join(u' '), u"/dev/null"_s }, answer);
}

Run TestCliProduction::run(const QString &program, const QStringList &args, const QByteArray &input)
{
    // Asynchronous, so the sandbox in this process keeps answering meanwhile. Its stdin is a
    // pipe, never a terminal.
    QProcess process;
    process.setProcessEnvironment(m_env);
    process.start(program, args);
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

QStringList TestCliProduction::onProfile(const QString &profile, const QStringList &args) const
{
    return QStringList { u"--profile"_s, profile } + args;
}

void TestCliProduction::addProfile(const QString &name, bool production)
{
    QStringList args { u"profile"_s,
                       u"add"_s,
                       name,
                       u"--kind"_s,
                       u"access-key"_s,
                       u"--region"_s,
                       u"us-east-1"_s,
                       u"--endpoint-url"_s,
                       m_server->url().toString(),
                       u"--access-key-id"_s,
                       kKeyId,
                       u"--secret-access-key-stdin"_s };
    if (production)
        args << u"--production"_s;
    const Run added = cli(args, kSecretKey + "\n");
    QVERIFY2(added.exitCode == 0, added.err.constData());
}

QString TestCliProduction::storedValue(const QString &name) const
{
    const auto value
        = m_server->store().call(u"GetSecretValue", Json { { "SecretId", name.toStdString() } });
    if (!value)
        return {};
    return QString::fromStdString(value->value("SecretString", std::string()));
}

void TestCliProduction::testSetRefusedWithoutTerminal()
{
    const QString before = storedValue(u"pixell/prod"_s);
    const Run set
        = cli(onProfile(u"prod"_s, { u"set"_s, u"pixell/prod"_s, u"/DB_PORT"_s, u"7777"_s }));
    QCOMPARE(set.exitCode, 2);
    QVERIFY2(set.err.contains("'prod' is a production profile; pass --yes to confirm"),
             set.err.constData());
    QVERIFY2(set.err.contains("/DB_PORT") && set.err.contains("pixell/prod"), set.err.constData());
    QCOMPARE(storedValue(u"pixell/prod"_s), before);

    // --json: the refusal is a JSON error on stderr.
    const Run json = cli(onProfile(
        u"prod"_s, { u"--json"_s, u"set"_s, u"pixell/prod"_s, u"/DB_PORT"_s, u"7777"_s }));
    QCOMPARE(json.exitCode, 2);
    const QJsonObject error
        = QJsonDocument::fromJson(json.err).object().value(u"Error"_s).toObject();
    QCOMPARE(error.value(u"Code"_s).toString(), u"ConfirmationRequired"_s);
    QCOMPARE(storedValue(u"pixell/prod"_s), before);
}

void TestCliProduction::testSetWithYesWrites()
{
    const Run set = cli(
        onProfile(u"prod"_s, { u"--yes"_s, u"set"_s, u"pixell/prod"_s, u"/DB_PORT"_s, u"7777"_s }));
    QVERIFY2(set.exitCode == 0, set.err.constData());
    QCOMPARE(storedValue(u"pixell/prod"_s), uR"({"DB_HOST":"db.internal","DB_PORT":7777})"_s);
    // --yes after the command works as well (it is a global option).
    const Run unset
        = cli(onProfile(u"prod"_s, { u"unset"_s, u"pixell/prod"_s, u"/DB_HOST"_s, u"--yes"_s }));
    QVERIFY2(unset.exitCode == 0, unset.err.constData());
    QCOMPARE(storedValue(u"pixell/prod"_s), uR"({"DB_PORT":7777})"_s);
}

void TestCliProduction::testEveryWriteIsRefused_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("unset") << QStringList { u"unset"_s, u"pixell/prod"_s, u"/DB_HOST"_s }
                           << QByteArray();
    QTest::newRow("put") << QStringList { u"put"_s, u"pixell/prod"_s, u"--value-stdin"_s }
                         << QByteArray(R"({"replaced":true})");
    QTest::newRow("create") << QStringList { u"create"_s, u"pixell/new"_s, u"--value-stdin"_s }
                            << QByteArray("fresh");
    QTest::newRow("delete") << QStringList { u"delete"_s, u"pixell/prod"_s } << QByteArray();
    QTest::newRow("delete --force")
        << QStringList { u"delete"_s, u"pixell/prod"_s, u"--force"_s } << QByteArray();
    QTest::newRow("restore") << QStringList { u"restore"_s, u"pixell/retired"_s } << QByteArray();
    QTest::newRow("tag") << QStringList { u"tag"_s, u"pixell/prod"_s, u"team=core"_s }
                         << QByteArray();
    QTest::newRow("untag") << QStringList { u"untag"_s, u"pixell/prod"_s, u"team"_s }
                           << QByteArray();
}

void TestCliProduction::testEveryWriteIsRefused()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    const auto describe = [this](const QString &name) {
        const auto described = m_server->store().call(u"DescribeSecret",
                                                      Json { { "SecretId", name.toStdString() } });
        if (!described)
            return QByteArray("missing");
        Json metadata = *described;
        metadata.erase("LastAccessedDate"); // reads move it; only writes count here
        return QByteArray::fromStdString(metadata.dump());
    };
    const QByteArray prodBefore = describe(u"pixell/prod"_s);
    const QByteArray retiredBefore = describe(u"pixell/retired"_s);
    const QString valueBefore = storedValue(u"pixell/prod"_s);

    const Run refused = cli(onProfile(u"prod"_s, args), input);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains("pass --yes to confirm"), refused.err.constData());
    QVERIFY(refused.out.isEmpty());
    QCOMPARE(describe(u"pixell/prod"_s), prodBefore);
    QCOMPARE(describe(u"pixell/retired"_s), retiredBefore);
    QCOMPARE(describe(u"pixell/new"_s), QByteArray("missing"));
    QCOMPARE(storedValue(u"pixell/prod"_s), valueBefore);

    const Run confirmed = cli(onProfile(u"prod"_s, QStringList { u"--yes"_s } + args), input);
    QVERIFY2(confirmed.exitCode == 0, confirmed.err.constData());
    const bool changed = describe(u"pixell/prod"_s) != prodBefore
        || describe(u"pixell/retired"_s) != retiredBefore
        || describe(u"pixell/new"_s) != QByteArray("missing");
    QVERIFY2(changed, "--yes did not write");
}

void TestCliProduction::testNonProductionWritesWithoutAsking()
{
    const Run set
        = cli(onProfile(u"dev"_s, { u"set"_s, u"pixell/prod"_s, u"/DB_PORT"_s, u"6000"_s }));
    QVERIFY2(set.exitCode == 0, set.err.constData());
    QVERIFY(!set.err.contains("production"));
    QCOMPARE(storedValue(u"pixell/prod"_s), uR"({"DB_HOST":"db.internal","DB_PORT":6000})"_s);
    const Run tag = cli(onProfile(u"dev"_s, { u"tag"_s, u"pixell/prod"_s, u"team=core"_s }));
    QVERIFY2(tag.exitCode == 0, tag.err.constData());
}

void TestCliProduction::testHelpDocumentsYes()
{
    const Run help = cli({ u"--help"_s });
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains("--yes"));
    QVERIFY2(help.out.contains("production"), help.out.constData());
    const Run setHelp = cli({ u"help"_s, u"set"_s });
    QVERIFY(setHelp.out.contains("--yes"));
}

void TestCliProduction::testTerminalAsks()
{
    if (QStandardPaths::findExecutable(u"script"_s).isEmpty())
        QSKIP("util-linux script is needed for a terminal");
    const QStringList set { u"--profile"_s,   u"prod"_s,     u"set"_s,
                            u"pixell/prod"_s, u"/DB_PORT"_s, u"7777"_s };
    const Run declined = onTerminal(set, "n\n");
    QCOMPARE(declined.exitCode, 2);
    QVERIFY2(
        declined.out.contains("Change /DB_PORT in pixell/prod in production profile 'prod'? [y/N]"),
        declined.out.constData());
    QVERIFY2(declined.out.contains("not confirmed; nothing was sent"), declined.out.constData());
    QCOMPARE(storedValue(u"pixell/prod"_s), uR"({"DB_HOST":"db.internal","DB_PORT":5432})"_s);

    const Run accepted = onTerminal(set, "y\n");
    QVERIFY2(accepted.exitCode == 0, accepted.out.constData());
    QCOMPARE(storedValue(u"pixell/prod"_s), uR"({"DB_HOST":"db.internal","DB_PORT":7777})"_s);

    // A delete wants the name, not "y".
    const QStringList remove { u"--profile"_s, u"prod"_s, u"delete"_s, u"pixell/prod"_s };
    const Run yes = onTerminal(remove, "y\n");
    QCOMPARE(yes.exitCode, 2);
    QVERIFY2(yes.out.contains("Type 'pixell/prod' to confirm"), yes.out.constData());
    const Run typed = onTerminal(remove, "pixell/prod\n");
    QVERIFY2(typed.exitCode == 0, typed.out.constData());
    const auto described
        = m_server->store().call(u"DescribeSecret", Json { { "SecretId", "pixell/prod" } });
    QVERIFY(described && described->contains("DeletedDate"));
}

QTEST_MAIN(TestCliProduction)
#include "testcliproduction.moc"
