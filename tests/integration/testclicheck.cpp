// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `coffer-cli check` end to end: the real binary against in-process sandboxes, one real failure
// per case, each told apart with its fix, and the exit codes 0 (all pass), 1 (a check failed)
// and 2 (the checks could not run).

#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxkmskey.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtls.h"
#include "tests/support/processrun.h"
#include "tests/support/sandboxfixtures.h"
#include "tests/support/testenv.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

using Json = nlohmann::ordered_json;

const QString appArn = u"arn:aws:iam::123456789012:user/app"_s;
const QString kmsKeyArn = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;

aws::AwsCredentials appKeys()
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
    credentials.secretAccessKey = u"app/secret/key/EXAMPLE"_s;
    return credentials;
}

struct CliRun : coffer::test::ProcessRun
{
    [[nodiscard]] Json json() const { return Json::parse(out.toStdString(), nullptr, false); }
};

/// The check with `id` in a --json report.
Json checkOf(const Json &report, const std::string &id)
{
    if (report.is_object() && report.contains("checks")) {
        for (const Json &check : report["checks"]) {
            if (check["id"] == id)
                return check;
        }
    }
    return Json::object();
}

bool hasCause(const Json &check, const std::string &cause)
{
    if (!check.contains("findings"))
        return false;
    for (const Json &finding : check["findings"]) {
        if (finding["cause"] == cause)
            return true;
    }
    return false;
}

Json findingOf(const Json &check, const std::string &cause)
{
    if (check.contains("findings")) {
        for (const Json &finding : check["findings"]) {
            if (finding["cause"] == cause)
                return finding;
        }
    }
    return Json::object();
}

} // namespace

class TestCliCheck final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QTemporaryDir m_home;

    void startSandbox(sandbox::SandboxServerConfig config = {})
    {
        m_server = std::make_unique<sandbox::SandboxServer>(std::move(config));
        QVERIFY(m_server->listen());
        QVERIFY(sandbox::DemoSeed::demo(m_server->store()).has_value());
    }

    CliRun cli(const QStringList &arguments, const aws::AwsCredentials &keys = sandbox::SandboxServer::demoCredentials(),
               QUrl endpoint = {}, const QMap<QString, QString> &extraEnv = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(u"AWS_"_s) || name.endsWith(u"_proxy"_s, Qt::CaseInsensitive))
                env.remove(name);
        }
        env.insert(u"AWS_ACCESS_KEY_ID"_s, keys.accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, keys.secretAccessKey);
        env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, m_home.filePath(u"config"_s));
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home.filePath(u"credentials"_s));
        if (endpoint.isEmpty() && m_server)
            endpoint = m_server->url();
        env.insert(u"AWS_ENDPOINT_URL"_s, endpoint.toString());
        for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
            env.insert(it.key(), it.value());

        return CliRun{ coffer::test::runProcess(coffer::test::cliPath(), arguments, env, {},
                                                std::chrono::seconds(90)) };
    }

private Q_SLOTS:
    void init() { QVERIFY(m_home.isValid()); }
    void cleanup() { m_server.reset(); }

    void testAllPassExitsZero()
    {
        startSandbox();
        const CliRun run = cli({u"check"_s, u"--prefix"_s, u"pixell/"_s});
        QVERIFY2(run.exitCode == 0, QByteArray(run.out + run.err).constData());
        const QString text = run.outText();
        QVERIFY(text.contains(u"✔ DNS resolution"_s));
        QVERIFY(text.contains(u"✔ Read secret values"_s));
        QVERIFY(text.contains(u"– TLS handshake"_s));
        QVERIFY(!text.contains(u"✖"_s));
        // Evidence is indented under its check.
        QVERIFY(text.contains(u"\n      Account: 123456789012\n"_s));
        // No value ever: the demo password is not in the output.
        const auto stored = m_server->store().call(u"GetSecretValue", {{"SecretId", "pixell/prod"}});
        QVERIFY(stored.has_value());
        QVERIFY(!run.out.contains(QByteArray::fromStdString((*stored)["SecretString"].get<std::string>()).left(16)));

        const CliRun json = cli({u"check"_s, u"--secret"_s, u"pixell/prod"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        const Json report = json.json();
        QVERIFY2(!report.is_discarded(), json.out.constData());
        QCOMPARE(report["schema"].get<std::string>(), std::string("coffer-diagnostics/1"));
        QVERIFY(report["overall"] == "pass" || report["overall"] == "warn");
        QCOMPARE(checkOf(report, "permissions.read")["status"].get<std::string>(), std::string("pass"));
    }

    // --schema: a member the team's schema requires and the secret lacks fails the Content
    // check (exit 1) with the member named; a schema set that cannot be read cannot run (2).
    void testSchemaViolationFails()
    {
        startSandbox();
        QFile set(m_home.filePath(u"schemas.json"_s));
        QVERIFY(set.open(QIODevice::WriteOnly));
        set.write("{\"schemas\": [{\"match\": \"pixell/prod\", \"schema\": {\"type\": \"object\", "
                  "\"required\": [\"DB_REPLICA_HOST\"]}}]}");
        set.close();
        const CliRun run = cli({u"check"_s, u"--secret"_s, u"pixell/prod"_s, u"--schema"_s, set.fileName(),
                                u"--json"_s});
        QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
        const Json content = findingOf(checkOf(run.json(), "content.findings"), "schema.required");
        QVERIFY2(!content.empty(), run.out.constData());
        QVERIFY(content["message"].get<std::string>().find("DB_REPLICA_HOST") != std::string::npos);

        const CliRun broken = cli({u"check"_s, u"--secret"_s, u"pixell/prod"_s, u"--schema"_s,
                                   m_home.filePath(u"missing.json"_s)});
        QCOMPARE(broken.exitCode, 2);
        QVERIFY2(broken.errText().contains(u"schema set cannot be used"_s), qPrintable(broken.errText()));
    }

    void testReportFile()
    {
        startSandbox();
        const QString path = m_home.filePath(u"report.md"_s);
        const CliRun run = cli({u"check"_s, u"--secret"_s, u"pixell/prod"_s, u"--report"_s, path});
        QCOMPARE(run.exitCode, 0);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray markdown = file.readAll();
        QVERIFY(markdown.startsWith("# "));
        QVERIFY(markdown.contains("## Permissions"));
        // Reports name secrets and principals: readable by their owner only.
        QCOMPARE(file.permissions() & 0x0077, QFileDevice::Permissions());
        QVERIFY(file.permissions() & QFileDevice::ReadOwner);
    }

    void testMissingGetSecretValue()
    {
        sandbox::SandboxServerConfig config;
        sandbox::SandboxPrincipal app;
        app.arn = appArn;
        app.credentials = appKeys();
        app.identityPolicies = {test::allowPolicy({u"secretsmanager:ListSecrets"_s, u"secretsmanager:DescribeSecret"_s})};
        config.principals = {app};
        startSandbox(config);
        const CliRun run = cli({u"check"_s, u"--secret"_s, u"pixell/prod"_s}, appKeys());
        QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
        const QString text = run.outText();
        QVERIFY(text.contains(u"✖ Read secret values"_s));
        QVERIFY(text.contains(u"[identity-policy-denied]"_s));
        QVERIFY(text.contains(u"\"secretsmanager:GetSecretValue\""_s));
        QVERIFY(text.contains(u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"_s));
        QVERIFY(text.contains(u"Fix: "_s));
        QVERIFY(!text.contains(u"resource-policy-explicit-deny"_s));
    }

    void testExplicitDenyInResourcePolicy()
    {
        sandbox::SandboxServerConfig config;
        sandbox::SandboxPrincipal app;
        app.arn = appArn;
        app.credentials = appKeys();
        app.identityPolicies = {test::allowPolicy({u"secretsmanager:*"_s})};
        config.principals = {app};
        startSandbox(config);
        const QString deny = uR"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
            "Principal": {"AWS": "%1"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})"_s.arg(appArn);
        QVERIFY(m_server->store().call(u"PutResourcePolicy", {{"SecretId", "pixell/prod"},
                                                             {"ResourcePolicy", deny.toStdString()}}).has_value());
        const CliRun run = cli({u"check"_s, u"--secret"_s, u"pixell/prod"_s, u"--json"_s}, appKeys());
        QCOMPARE(run.exitCode, 1);
        const Json read = checkOf(run.json(), "permissions.read");
        QCOMPARE(read["status"].get<std::string>(), std::string("fail"));
        QVERIFY(hasCause(read, "resource-policy-explicit-deny"));
        QVERIFY(!hasCause(read, "identity-policy-denied"));
        const Json finding = findingOf(read, "resource-policy-explicit-deny");
        QVERIFY(!finding.contains("fixPolicy"));
        QVERIFY(QString::fromStdString(finding["fix"].get<std::string>()).contains(u"resource policy"_s));
        QVERIFY(!finding["requestIds"].empty());
    }

    void testKmsKeyDenied()
    {
        sandbox::SandboxServerConfig config;
        sandbox::SandboxPrincipal app;
        app.arn = appArn;
        app.credentials = appKeys();
        app.identityPolicies = {test::allowPolicy({u"secretsmanager:*"_s})};
        config.principals = {app};
        config.kmsKeys = {{kmsKeyArn, {u"arn:aws:iam::123456789012:user/other"_s}}};
        startSandbox(config);
        QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", "vault/guarded"}, {"SecretString", "v"},
                                                        {"KmsKeyId", kmsKeyArn.toStdString()}}).has_value());
        const CliRun run = cli({u"check"_s, u"--prefix"_s, u"vault/"_s, u"--json"_s}, appKeys());
        QCOMPARE(run.exitCode, 1);
        const Json read = checkOf(run.json(), "permissions.read");
        QVERIFY2(hasCause(read, "kms-access-denied"), run.out.constData());
        QVERIFY(!hasCause(read, "identity-policy-denied"));
        const Json finding = findingOf(read, "kms-access-denied");
        QCOMPARE(finding["fixPolicy"]["Action"].get<std::string>(), std::string("kms:Decrypt"));
        QCOMPARE(finding["fixPolicy"]["Resource"].get<std::string>(), kmsKeyArn.toStdString());
    }

    void testWrongSecretKey()
    {
        startSandbox();
        aws::AwsCredentials keys = sandbox::SandboxServer::demoCredentials();
        keys.secretAccessKey = u"wrong/secret/key"_s;
        const CliRun run = cli({u"check"_s}, keys);
        QCOMPARE(run.exitCode, 1);
        const QString text = run.outText();
        QVERIFY2(text.contains(u"✖ Caller identity (STS)"_s), run.out.constData());
        QVERIFY(text.contains(u"[invalid-signature]"_s));
        QVERIFY(text.contains(u"– List secrets"_s));
        QVERIFY(!text.contains(u"wrong/secret/key"_s));
    }

    void testClockOffset()
    {
        startSandbox();
        sandbox::SandboxFaults faults;
        faults.clockOffset = std::chrono::minutes(10);
        m_server->setFaults(faults);
        const CliRun run = cli({u"check"_s, u"--json"_s});
        const Json report = run.json();
        // The sandbox sends Date as AWS does; without it the clock cannot be checked.
        QVERIFY(checkOf(report, "clock.skew")["status"] != "skipped");
        QCOMPARE(run.exitCode, 1);
        const Json finding = findingOf(checkOf(report, "clock.skew"), "clock-skew");
        QVERIFY(QString::fromStdString(finding["fix"].get<std::string>()).contains(u"timedatectl set-ntp true"_s));
    }

    void testClosedPort()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        const CliRun run = cli({u"check"_s}, appKeys(), QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        QCOMPARE(run.exitCode, 1);
        const QString text = run.outText();
        QVERIFY2(text.contains(u"✖ TCP connection"_s), run.out.constData());
        QVERIFY(text.contains(u"[connection-refused]"_s));
        QVERIFY(text.contains(u"127.0.0.1:%1"_s.arg(port)));
        QVERIFY(text.contains(u"– HTTP answer"_s));
    }

    void testUnresolvableHost()
    {
        // https: plain HTTP to another computer would be refused before the checks run.
        const CliRun run = cli({u"check"_s}, appKeys(), QUrl(u"https://secretsmanager.does-not-exist.invalid"_s));
        QCOMPARE(run.exitCode, 1);
        const QString text = run.outText();
        QVERIFY2(text.contains(u"✖ DNS resolution"_s), run.out.constData());
        QVERIFY(text.contains(u"[dns-failure]"_s));
        QVERIFY(text.contains(u"Proxy in use: no proxy"_s));
    }

    void testTlsCertificates_data()
    {
        QTest::addColumn<int>("validFromDays");
        QTest::addColumn<int>("validToDays");
        QTest::addColumn<QString>("cause");
        QTest::newRow("self-signed") << -1 << 30 << u"tls-self-signed"_s;
        QTest::newRow("expired") << -30 << -1 << u"tls-expired"_s;
    }

    void testTlsCertificates()
    {
        QFETCH(int, validFromDays);
        QFETCH(int, validToDays);
        QFETCH(QString, cause);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls = sandbox::SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(validFromDays),
                                                                 now.addDays(validToDays));
        QVERIFY(tls.has_value());
        sandbox::SandboxServerConfig config;
        config.tls = *tls;
        startSandbox(config);
        const CliRun run = cli({u"check"_s, u"--json"_s});
        QCOMPARE(run.exitCode, 1);
        const Json check = checkOf(run.json(), "network.tls");
        QCOMPARE(check["status"].get<std::string>(), std::string("fail"));
        QVERIFY2(hasCause(check, cause.toStdString()), run.out.constData());
        QCOMPARE(checkOf(run.json(), "network.http")["status"].get<std::string>(), std::string("skipped"));
    }

    void testCouldNotRunExitsTwo()
    {
        CliRun run = cli({u"check"_s, u"--prefix"_s, u"a/"_s, u"--secret"_s, u"b"_s});
        QCOMPARE(run.exitCode, 2);
        run = cli({u"check"_s, u"--timeout"_s, u"soon"_s});
        QCOMPARE(run.exitCode, 2);
        run = cli({u"--profile"_s, u"no-such-profile"_s, u"check"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.outText().contains(u"✖ Profile and credentials source"_s), QByteArray(run.out + run.err).constData());
        QVERIFY(run.outText().contains(u"no-such-profile"_s));
        run = cli({u"help"_s, u"check"_s});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.outText().simplified().contains(u"0 when every check passed"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliCheck)
#include "testclicheck.moc"
