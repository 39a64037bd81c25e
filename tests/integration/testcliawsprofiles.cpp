// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli as a real process with an ordinary ~/.aws (in the harness's private HOME) and
// nothing imported: `profile list` shows every profile with its SOURCE and KIND, `--profile
// NAME` uses a ~/.aws profile in place against a real sandbox, AWS_CA_BUNDLE and ca_bundle make
// an HTTPS sandbox with its own CA trusted (and without them the TLS failure exits 4), a bundle
// that is missing or not PEM is named in a clear error, and plain HTTP to a non-loopback
// address is refused without the opt-in.
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtls.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;
using coffer::sandbox::SandboxTls;

namespace {

// Obviously fake keys, accepted only by the test's own sandbox.
const QByteArray kKeyId = "AKIDCLIFROMFILE00001";
const QByteArray kSecretKey = "cli/fromfile/secret/EXAMPLEKEY";

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

} // namespace

class TestCliAwsProfiles final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void testProfileListShowsSourceAndKind();
    void testProfileFromFileWorksInPlace();
    void testCaBundle_data();
    void testCaBundle();
    void testBadCaBundle_data();
    void testBadCaBundle();
    void testPlainHttpNeedsTheOptIn();

private:
    Run cli(const QStringList &args, const QProcessEnvironment &env = environment());
    static QProcessEnvironment environment();
    std::unique_ptr<SandboxServer> serve(std::optional<SandboxTls> tls = std::nullopt);
    QString awsFolder() const { return QDir::homePath() + u"/.aws"_s; }
    void writeAwsFiles(const QByteArray &configExtra = {});
};

void TestCliAwsProfiles::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(QFile::exists(coffer::test::cliPath()), "COFFER_CLI must name the coffer-cli under test");
}

void TestCliAwsProfiles::cleanup()
{
    QDir(awsFolder()).removeRecursively();
}

QProcessEnvironment TestCliAwsProfiles::environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"AWS_PROFILE"_s, u"AWS_CA_BUNDLE"_s, u"AWS_CONFIG_FILE"_s,
                                u"AWS_SHARED_CREDENTIALS_FILE"_s, u"AWS_ACCESS_KEY_ID"_s,
                                u"AWS_SECRET_ACCESS_KEY"_s, u"COFFER_ALLOW_INSECURE_HTTP"_s})
        env.remove(name);
    return env;
}

Run TestCliAwsProfiles::cli(const QStringList &args, const QProcessEnvironment &env)
{
    // Asynchronous, so the sandbox in this process keeps answering meanwhile.
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(coffer::test::cliPath(), args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.closeWriteChannel();
    if (!QTest::qWaitFor([&process] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    // Whatever happened, no output ever carries the secret key.
    if (run.out.contains(kSecretKey) || run.err.contains(kSecretKey))
        run.exitCode = 99;
    return run;
}

std::unique_ptr<SandboxServer> TestCliAwsProfiles::serve(std::optional<SandboxTls> tls)
{
    SandboxServerConfig config;
    config.address = QHostAddress::Any;
    config.tls = std::move(tls);
    coffer::aws::AwsCredentials keys;
    keys.accessKeyId = QString::fromLatin1(kKeyId);
    keys.secretAccessKey = QString::fromLatin1(kSecretKey);
    config.credentials = {keys};
    auto server = std::make_unique<SandboxServer>(config);
    if (!server->listen())
        return nullptr;
    for (const char *name : {"fromfile/db-password", "fromfile/api-key"}) {
        if (!server->store().call(u"CreateSecret", {{"Name", name}, {"SecretString", "v"}}))
            return nullptr;
    }
    return server;
}

void TestCliAwsProfiles::writeAwsFiles(const QByteArray &configExtra)
{
    QVERIFY(writeFile(awsFolder() + u"/config"_s,
                      "[default]\nregion = eu-west-1\n\n"
                      "[profile fromfile]\nregion = eu-north-1\n" + configExtra + "\n"
                      "[profile company]\nsso_session = corp\nsso_account_id = 123456789012\n"
                      "sso_role_name = ReadOnly\n\n"
                      "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                      "sso_region = us-east-1\n\n"
                      "[profile broken]\nrole_arn = arn:aws:iam::123456789012:role/R\n"));
    QVERIFY(writeFile(awsFolder() + u"/credentials"_s,
                      "[default]\naws_access_key_id = AKIDCLIDEFAULT000001\n"
                      "aws_secret_access_key = " + kSecretKey + "\n\n"
                      "[fromfile]\naws_access_key_id = " + kKeyId + "\n"
                      "aws_secret_access_key = " + kSecretKey + "\n"));
}

void TestCliAwsProfiles::testProfileListShowsSourceAndKind()
{
    writeAwsFiles();
    const Run list = cli({u"profile"_s, u"list"_s});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    const QStringList lines = QString::fromUtf8(list.out).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 6, list.out.constData());
    const QStringList header = lines.at(0).split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(header.mid(0, 5), (QStringList{u"NAME"_s, u"SOURCE"_s, u"KIND"_s, u"REGION"_s,
                                            u"DETAILS"_s}));
    const auto row = [&](const QString &start) {
        for (const QString &line : lines) {
            if (line.startsWith(start + u' '))
                return line.split(u' ', Qt::SkipEmptyParts);
        }
        return QStringList();
    };
    QCOMPARE(row(u"Local"_s).mid(0, 4),
             (QStringList{u"Local"_s, u"sandbox"_s, u"builtin"_s, u"sandbox"_s}));
    QCOMPARE(row(u"default"_s).mid(0, 5), (QStringList{u"default"_s, u"aws-config"_s, u"keys"_s,
                                                       u"eu-west-1"_s, u"AKIDCLIDEFAULT000001"_s}));
    QCOMPARE(row(u"fromfile"_s).mid(0, 4),
             (QStringList{u"fromfile"_s, u"aws-config"_s, u"keys"_s, u"eu-north-1"_s}));
    QCOMPARE(row(u"company"_s).mid(0, 3), (QStringList{u"company"_s, u"aws-config"_s, u"sso"_s}));
    QCOMPARE(row(u"broken"_s).mid(0, 3),
             (QStringList{u"broken"_s, u"aws-config"_s, u"assume-role"_s}));
    // Problems on stderr, with file and line.
    QVERIFY2(list.err.contains("profile 'broken': ~/.aws/config line 17"), list.err.constData());

    const Run json = cli({u"--json"_s, u"profile"_s, u"list"_s});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    const QJsonArray profiles = QJsonDocument::fromJson(json.out).object().value(u"Profiles"_s).toArray();
    QCOMPARE(profiles.size(), 5);
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &value : profiles)
        byName.insert(value.toObject().value(u"Name"_s).toString(), value.toObject());
    QCOMPARE(byName.value(u"Local sandbox"_s).value(u"Source"_s).toString(), u"builtin"_s);
    QCOMPARE(byName.value(u"default"_s).value(u"Source"_s).toString(), u"aws-config"_s);
    QCOMPARE(byName.value(u"default"_s).value(u"Kind"_s).toString(), u"keys"_s);
    QVERIFY(byName.value(u"default"_s).value(u"Problem"_s).isNull());
    QCOMPARE(byName.value(u"company"_s).value(u"Kind"_s).toString(), u"sso"_s);
    QVERIFY(byName.value(u"broken"_s).value(u"Problem"_s).toString().contains(u"line 17"_s));

    // show works on them too, and never shows the secret key.
    const Run show = cli({u"profile"_s, u"show"_s, u"broken"_s});
    QVERIFY2(show.exitCode == 0, show.err.constData());
    QVERIFY(show.out.contains("Assume role"));
    QVERIFY(show.out.contains("~/.aws/config line 16 (used in place"));
    QVERIFY(show.out.contains("neither source_profile nor credential_source"));
    const Run showJson = cli({u"--json"_s, u"profile"_s, u"show"_s, u"default"_s});
    QVERIFY2(showJson.exitCode == 0, showJson.err.constData());
    const QJsonObject shown = QJsonDocument::fromJson(showJson.out).object();
    QCOMPARE(shown.value(u"Source"_s).toString(), u"aws-config"_s);
    QCOMPARE(shown.value(u"Details"_s).toString(), u"AKIDCLIDEFAULT000001"_s);
    QCOMPARE(cli({u"profile"_s, u"show"_s, u"ghost"_s}).exitCode, 3);

    // AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE lead elsewhere.
    const QString other = QDir::homePath() + u"/other"_s;
    QVERIFY(writeFile(other + u"/c"_s, "[profile elsewhere]\ncredential_process = /bin/true\n"));
    QProcessEnvironment env = environment();
    env.insert(u"AWS_CONFIG_FILE"_s, other + u"/c"_s);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, other + u"/missing"_s);
    const Run moved = cli({u"profile"_s, u"list"_s}, env);
    QVERIFY2(moved.exitCode == 0, moved.err.constData());
    QVERIFY(moved.out.contains("credential-process"));
    QVERIFY(!moved.out.contains("fromfile"));
    QDir(other).removeRecursively();
}

void TestCliAwsProfiles::testProfileFromFileWorksInPlace()
{
    auto server = serve();
    QVERIFY(server);
    writeAwsFiles("endpoint_url = " + server->url().toString().toUtf8() + "\n");
    // Keys only in ~/.aws/credentials, never imported; the endpoint from the profile.
    const Run list = cli({u"--profile"_s, u"fromfile"_s, u"list"_s});
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QVERIFY(list.out.contains("fromfile/db-password"));
    QVERIFY(list.out.contains("fromfile/api-key"));
    // The same through AWS_PROFILE.
    QProcessEnvironment env = environment();
    env.insert(u"AWS_PROFILE"_s, u"fromfile"_s);
    const Run fromEnv = cli({u"list"_s}, env);
    QVERIFY2(fromEnv.exitCode == 0, fromEnv.err.constData());
    QVERIFY(fromEnv.out.contains("fromfile/db-password"));
    // profile test reaches STS with them too.
    const Run test = cli({u"profile"_s, u"test"_s, u"fromfile"_s});
    QVERIFY2(test.exitCode == 0, test.err.constData());
    QVERIFY(test.out.contains("123456789012"));
}

void TestCliAwsProfiles::testCaBundle_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("AWS_CA_BUNDLE") << u"env"_s;
    QTest::newRow("ca_bundle in the profile") << u"profile"_s;
    QTest::newRow("none") << u"none"_s;
}

void TestCliAwsProfiles::testCaBundle()
{
    QFETCH(QString, how);
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt was built without TLS support");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto tls = SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(-1), now.addDays(30));
    QVERIFY(tls);
    auto server = serve(*tls);
    QVERIFY(server);
    QUrl url = server->url();
    url.setHost(u"localhost"_s);
    const QString bundle = awsFolder() + u"/company-ca.pem"_s;
    QByteArray extra = "endpoint_url = " + url.toString().toUtf8() + "\n";
    if (how == u"profile"_s)
        extra += "ca_bundle = ~/.aws/company-ca.pem\n";
    writeAwsFiles(extra);
    QVERIFY(writeFile(bundle, tls->certificate.toPem()));
    QProcessEnvironment env = environment();
    if (how == u"env"_s)
        env.insert(u"AWS_CA_BUNDLE"_s, bundle);

    const Run list = cli({u"--profile"_s, u"fromfile"_s, u"list"_s}, env);
    if (how == u"none"_s) {
        QCOMPARE(list.exitCode, 4);
        QVERIFY2(list.err.contains("certificate"), list.err.constData());
        QCOMPARE(server->requestCount(), 0);
    } else {
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QVERIFY(list.out.contains("fromfile/db-password"));
        QVERIFY(server->requestCount() > 0);
    }
    // The diagnostics' own TLS check trusts the same bundle.
    const Run check = cli({u"--profile"_s, u"fromfile"_s, u"--json"_s, u"check"_s}, env);
    QVERIFY2(check.out.contains("\"network.tls\""), check.out.constData());
    QCOMPARE(check.out.contains("tls-self-signed"), how == u"none"_s);
}

void TestCliAwsProfiles::testBadCaBundle_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("not PEM") << QByteArray("this is a DER file, or a key, or nothing\n")
                             << QByteArray("holds no PEM certificate");
    QTest::newRow("missing") << QByteArray() << QByteArray("does not exist");
}

void TestCliAwsProfiles::testBadCaBundle()
{
    QFETCH(QByteArray, content);
    QFETCH(QByteArray, expected);
    auto server = serve();
    QVERIFY(server);
    writeAwsFiles("endpoint_url = " + server->url().toString().toUtf8() + "\n");
    const QString bundle = QDir::homePath() + u"/ca.pem"_s;
    QFile::remove(bundle);
    if (!content.isEmpty())
        QVERIFY(writeFile(bundle, content));
    QProcessEnvironment env = environment();
    env.insert(u"AWS_CA_BUNDLE"_s, bundle);
    const Run list = cli({u"--profile"_s, u"fromfile"_s, u"list"_s}, env);
    QCOMPARE(list.exitCode, 3);
    QVERIFY2(list.err.contains(expected), list.err.constData());
    // The file, and who named it.
    QVERIFY2(list.err.contains("~/ca.pem"), list.err.constData());
    QVERIFY(list.err.contains("AWS_CA_BUNDLE"));
    QCOMPARE(server->requestCount(), 0);
    QFile::remove(bundle);
}

void TestCliAwsProfiles::testPlainHttpNeedsTheOptIn()
{
    auto server = serve();
    QVERIFY(server);
    writeAwsFiles();
    // 0.0.0.0 reaches this computer but is no loopback address.
    QUrl url = server->url();
    url.setHost(u"0.0.0.0"_s);
    const QStringList args{u"--profile"_s, u"fromfile"_s, u"list"_s, u"--endpoint-url"_s,
                           url.toString()};

    const Run refused = cli(args);
    QCOMPARE(refused.exitCode, 3);
    QVERIFY2(refused.err.contains("plain HTTP"), refused.err.constData());
    QVERIFY(refused.err.contains("--allow-insecure-http"));
    QCOMPARE(server->requestCount(), 0);

    const Run flag = cli(QStringList{u"--allow-insecure-http"_s} + args);
    QVERIFY2(flag.exitCode == 0, flag.err.constData());
    QVERIFY(flag.out.contains("fromfile/db-password"));
    QVERIFY2(flag.err.contains("warning: Plain HTTP to 0.0.0.0"), flag.err.constData());

    QProcessEnvironment env = environment();
    env.insert(u"COFFER_ALLOW_INSECURE_HTTP"_s, u"1"_s);
    const Run variable = cli(args, env);
    QVERIFY2(variable.exitCode == 0, variable.err.constData());
    QVERIFY(variable.err.contains("COFFER_ALLOW_INSECURE_HTTP"));

    // Loopback needs nothing.
    QUrl loopback = server->url();
    loopback.setHost(u"127.0.0.1"_s);
    const Run local = cli({u"--profile"_s, u"fromfile"_s, u"list"_s, u"--endpoint-url"_s,
                           loopback.toString()});
    QVERIFY2(local.exitCode == 0, local.err.constData());
    QVERIFY(!local.err.contains("warning"));

    // A Coffer profile can carry the opt-in itself (profile add --insecure-http).
    const QStringList add{u"profile"_s, u"add"_s, u"--kind"_s, u"aws-profile"_s,
                          u"--aws-profile"_s, u"fromfile"_s, u"--endpoint-url"_s, url.toString()};
    const Run plain = cli(QStringList(add) << u"plain"_s);
    QVERIFY2(plain.exitCode == 0, plain.err.constData());
    const Run optedIn = cli(QStringList(add) << u"opted-in"_s << u"--insecure-http"_s);
    QVERIFY2(optedIn.exitCode == 0, optedIn.err.constData());
    QCOMPARE(cli({u"--profile"_s, u"plain"_s, u"list"_s}).exitCode, 3);
    const Run viaProfile = cli({u"--profile"_s, u"opted-in"_s, u"list"_s});
    QVERIFY2(viaProfile.exitCode == 0, viaProfile.err.constData());
    QVERIFY2(viaProfile.err.contains("allowed by the setting of profile opted-in"),
             viaProfile.err.constData());
    QVERIFY(cli({u"profile"_s, u"show"_s, u"opted-in"_s}).out.contains("Plain HTTP"));
    for (const QString &name : {u"plain"_s, u"opted-in"_s})
        QCOMPARE(cli({u"profile"_s, u"remove"_s, name}).exitCode, 0);

    // `check` keeps saying so in its result.
    const Run check = cli(QStringList{u"--allow-insecure-http"_s, u"--json"_s, u"check"_s} + args.mid(0, 2)
                          + args.mid(3));
    QVERIFY2(check.out.contains("endpoint-plain-http"), check.out.constData());
}

QTEST_GUILESS_MAIN(TestCliAwsProfiles)
#include "testcliawsprofiles.moc"
