// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The diagnostics (models/diagnostics) against in-process sandboxes: every failure made real
// (a missing permission, an explicit deny in a resource policy, a KMS key the principal may not
// use, a wrong secret key, a skewed clock, a closed port, a name that does not resolve, a
// self-signed and an expired certificate) and told apart, each with the right fix.

#include "models/aws/awsclient.h"
#include "models/diagnostics/accessdenial.h"
#include "models/diagnostics/diagnosticsreport.h"
#include "models/diagnostics/diagnosticsrun.h"
#include "models/diagnostics/fixpolicy.h"
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxkmskey.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtls.h"
#include "tests/support/sandboxfixtures.h"

#include <QSignalSpy>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using diagnostics::AccessDenial;
using diagnostics::CheckResult;
using diagnostics::CheckStatus;
using diagnostics::DiagnosticsOptions;
using diagnostics::DiagnosticsReport;
using diagnostics::DiagnosticsRun;
using diagnostics::DiagnosticsTarget;

namespace {

const QString account = u"123456789012"_s;
const QString appArn = u"arn:aws:iam::123456789012:user/app"_s;
const QString kmsKeyArn = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;

aws::AwsCredentials appKeys(const QString &secret = u"app/secret/key/EXAMPLE"_s)
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
    credentials.secretAccessKey = secret;
    credentials.source = u"test keys"_s;
    return credentials;
}

sandbox::SandboxPrincipal app(const QList<QByteArray> &policies)
{
    sandbox::SandboxPrincipal principal;
    principal.arn = appArn;
    principal.credentials = appKeys();
    principal.identityPolicies = policies;
    return principal;
}

QString str(const sandbox::Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

} // namespace

class TestDiagnostics final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    aws::AwsClient *m_transport = nullptr;

    void startSandbox(sandbox::SandboxServerConfig config = {})
    {
        m_server = std::make_unique<sandbox::SandboxServer>(std::move(config));
        QVERIFY(m_server->listen());
        QVERIFY(sandbox::DemoSeed::demo(m_server->store()).has_value());
    }

    DiagnosticsTarget sandboxTarget(const aws::AwsCredentials &keys = sandbox::SandboxServer::demoCredentials())
    {
        return test::diagnosticsTargetFor(m_server->url(), keys);
    }

    std::unique_ptr<DiagnosticsRun> run(DiagnosticsTarget target, DiagnosticsOptions options = {})
    {
        options.checkTimeout = std::min(options.checkTimeout, std::chrono::milliseconds(8000));
        auto diagnostics = std::make_unique<DiagnosticsRun>(m_transport, std::move(target), std::move(options));
        QSignalSpy finished(diagnostics.get(), &DiagnosticsRun::finished);
        diagnostics->start();
        if (!diagnostics->isFinished())
            finished.wait(30000);
        return diagnostics;
    }

    static CheckResult check(const DiagnosticsRun &diagnostics, const QString &id)
    {
        const auto result = diagnostics.result(id);
        return result ? *result : CheckResult{};
    }

    static QByteArray describe(const CheckResult &result)
    {
        QString text = u"%1: %2 (%3)"_s.arg(result.id, CheckResult::statusName(result.status), result.summary);
        for (const auto &finding : result.findings)
            text += u" [%1: %2]"_s.arg(finding.cause, finding.message);
        return text.toUtf8();
    }

private Q_SLOTS:
    void init()
    {
        m_transport = new aws::AwsClient(this);
    }

    void cleanup()
    {
        m_server.reset();
        delete m_transport;
        m_transport = nullptr;
    }

    void testAccessDenialIsReadFromTheMessage_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("cause");
        const QString head = u"User: arn:aws:iam::123456789012:user/app is not authorized to perform: "
                             "secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:"
                             "123456789012:secret:pixell/prod-AbCdEf "_s;
        QTest::newRow("identity") << u"AccessDeniedException"_s
                                  << head + u"because no identity-based policy allows the secretsmanager:GetSecretValue action"_s
                                  << u"identity-policy-denied"_s;
        QTest::newRow("identity deny") << u"AccessDeniedException"_s
                                       << head + u"with an explicit deny in an identity-based policy"_s
                                       << u"identity-policy-explicit-deny"_s;
        QTest::newRow("resource deny") << u"AccessDeniedException"_s
                                       << head + u"with an explicit deny in a resource-based policy"_s
                                       << u"resource-policy-explicit-deny"_s;
        QTest::newRow("resource") << u"AccessDeniedException"_s
                                  << head + u"because no resource-based policy allows the secretsmanager:GetSecretValue action"_s
                                  << u"resource-policy-denied"_s;
        QTest::newRow("scp") << u"AccessDeniedException"_s
                             << head + u"with an explicit deny in a service control policy"_s
                             << u"service-control-policy"_s;
        QTest::newRow("kms as access denied") << u"AccessDeniedException"_s << u"Access to KMS is not allowed"_s
                                              << u"kms-access-denied"_s;
        QTest::newRow("kms as decryption failure") << u"DecryptionFailure"_s << u"Access to KMS is not allowed"_s
                                                   << u"kms-access-denied"_s;
        QTest::newRow("kms disabled") << u"KMSDisabledException"_s << u"key is disabled"_s << u"kms-key-unusable"_s;
        QTest::newRow("old text") << u"AccessDeniedException"_s << head.trimmed() << u"access-denied"_s;
        QTest::newRow("not a denial") << u"ResourceNotFoundException"_s << u"not found"_s << QString();
    }

    void testAccessDenialIsReadFromTheMessage()
    {
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(QString, cause);
        const AccessDenial denial = AccessDenial::fromError(aws::AwsError::fromService(code, message, {}, 400));
        QCOMPARE(AccessDenial::causeName(denial.reason), cause);
        if (cause == u"identity-policy-denied"_s) {
            QCOMPARE(denial.principal, appArn);
            QCOMPARE(denial.action, u"secretsmanager:GetSecretValue"_s);
            QVERIFY(denial.resource.endsWith(u"pixell/prod-AbCdEf"_s));
        }
    }

    void testFixStatementsMatchTheSecrets()
    {
        diagnostics::PermissionNeed need;
        need.actions << u"secretsmanager:GetSecretValue"_s;
        need.region = u"us-east-1"_s;
        need.account = account;
        need.secretNames << u"pixell/prod"_s;
        QString statement = diagnostics::FixPolicy::identityStatement(need);
        QVERIFY2(statement.contains(u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"_s), qPrintable(statement));
        QVERIFY(statement.contains(u"secretsmanager:GetSecretValue"_s));
        need.secretNames.clear();
        need.prefix = u"pixell/"_s;
        statement = diagnostics::FixPolicy::identityStatement(need);
        QVERIFY2(statement.contains(u":secret:pixell/*\""_s), qPrintable(statement));
        const QString kms = diagnostics::FixPolicy::kmsDecryptStatement(kmsKeyArn, u"us-east-1"_s);
        QVERIFY(kms.contains(u"kms:Decrypt"_s));
        QVERIFY(kms.contains(u"secretsmanager.us-east-1.amazonaws.com"_s));
        QVERIFY(kms.contains(kmsKeyArn));
    }

    void testAllPassOnTheDemoSandbox()
    {
        startSandbox();
        DiagnosticsTarget target = sandboxTarget();
        target.scope.prefix = u"pixell/"_s;
        QStringList started;
        auto diagnostics = std::make_unique<DiagnosticsRun>(m_transport, target);
        connect(diagnostics.get(), &DiagnosticsRun::checkStarted, this, [&](const QString &id) { started << id; });
        int streamed = 0;
        connect(diagnostics.get(), &DiagnosticsRun::checkFinished, this, [&](const CheckResult &) { ++streamed; });
        QSignalSpy finished(diagnostics.get(), &DiagnosticsRun::finished);
        diagnostics->start();
        QVERIFY(finished.wait(30000) || diagnostics->isFinished());
        QCOMPARE(streamed, int(DiagnosticsRun::plannedChecks().size()));
        QCOMPARE(started.size(), streamed);
        for (const CheckResult &result : diagnostics->results())
            QVERIFY2(result.status != CheckStatus::Fail, describe(result));
        for (const QString &id : {u"network.dns"_s, u"network.tcp"_s, u"network.http"_s, u"identity.credentials"_s,
                                  u"identity.caller"_s, u"permissions.list"_s, u"permissions.describe"_s,
                                  u"permissions.read"_s})
            QVERIFY2(check(*diagnostics, id).status == CheckStatus::Pass, describe(check(*diagnostics, id)));
        QCOMPARE(check(*diagnostics, u"network.tls"_s).status, CheckStatus::Skipped);   // plain http
        QCOMPARE(check(*diagnostics, u"identity.caller"_s).evidenceValue(u"Account"_s), account);
        const QString read = check(*diagnostics, u"permissions.read"_s).evidenceValue(u"Read"_s);   // "N of N"
        QVERIFY2(read.section(u" of "_s, 0, 0) == read.section(u" of "_s, 1) && read != u"0 of 0"_s, qPrintable(read));
        QVERIFY(diagnostics->overallStatus() != CheckStatus::Fail);
    }

    void testReportKeepsRequestIdsAndNoValue()
    {
        startSandbox();
        const auto stored = m_server->store().call(u"GetSecretValue", {{"SecretId", "pixell/prod"}});
        QVERIFY(stored.has_value());
        const QString value = str((*stored)["SecretString"]);
        QVERIFY(value.size() > 10);
        DiagnosticsTarget target = sandboxTarget();
        target.scope.secretName = u"pixell/prod"_s;
        const auto diagnostics = run(target);
        // Exported a while after the run, the report still says how long the run took.
        const auto duration = diagnostics->elapsed();
        QTest::qWait(40);
        QCOMPARE(diagnostics->elapsed(), duration);
        const DiagnosticsReport report = DiagnosticsReport::fromRun(*diagnostics);
        const QByteArray json = report.toJson();
        const QString markdown = report.toMarkdown();
        const QString text = report.toText();
        const auto document = nlohmann::ordered_json::parse(json.toStdString(), nullptr, false);
        QVERIFY(!document.is_discarded());
        QCOMPARE(document["schema"].get<std::string>(), std::string("coffer-diagnostics/1"));
        QCOMPARE(report.header().durationMs, duration.count());
        QCOMPARE(int(document["checks"].size()), int(DiagnosticsRun::plannedChecks().size()));
        const QString requestId = check(*diagnostics, u"network.http"_s).evidenceValue(u"Request id"_s);
        QVERIFY(!requestId.isEmpty());
        // The unsigned probe is refused, and the pass says why that is the expected answer.
        const CheckResult http = check(*diagnostics, u"network.http"_s);
        QCOMPARE(http.status, CheckStatus::Pass);
        QVERIFY2(http.summary.contains(u"A refusal is what this check expects"_s), qPrintable(http.summary));
        QVERIFY(json.contains(requestId.toUtf8()));
        QVERIFY(markdown.contains(requestId));
        QVERIFY(markdown.startsWith(u"# "_s));
        QVERIFY(text.contains(u"✔"_s));
        // Neither the value nor any part of the secret key.
        for (const QString &forbidden : {value, value.left(12), sandbox::SandboxServer::demoCredentials().secretAccessKey}) {
            QVERIFY(!json.contains(forbidden.toUtf8()));
            QVERIFY(!markdown.contains(forbidden));
            QVERIFY(!text.contains(forbidden));
        }
    }

    void testMissingGetSecretValue()
    {
        sandbox::SandboxServerConfig config;
        config.principals = {app({test::allowPolicy({u"secretsmanager:ListSecrets"_s, u"secretsmanager:DescribeSecret"_s})})};
        startSandbox(config);
        DiagnosticsTarget target = sandboxTarget(appKeys());
        target.scope.prefix = u"pixell/"_s;
        const auto diagnostics = run(target);
        QCOMPARE(check(*diagnostics, u"permissions.list"_s).status, CheckStatus::Pass);
        QCOMPARE(check(*diagnostics, u"permissions.describe"_s).status, CheckStatus::Pass);
        const CheckResult read = check(*diagnostics, u"permissions.read"_s);
        QVERIFY2(read.status == CheckStatus::Fail, describe(read));
        const auto finding = read.finding(u"identity-policy-denied"_s);
        QVERIFY2(finding, describe(read));
        QVERIFY(!finding->requestIds.isEmpty());
        QVERIFY(finding->subjects.contains(u"pixell/prod"_s));
        QVERIFY2(finding->fixPolicy.contains(u"secretsmanager:GetSecretValue"_s), qPrintable(finding->fixPolicy));
        QVERIFY2(finding->fixPolicy.contains(u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/*"_s),
                 qPrintable(finding->fixPolicy));
        QVERIFY(!finding->fixPolicy.contains(u"Deny"_s));
        QVERIFY(finding->fix.contains(appArn));
        QCOMPARE(diagnostics->overallStatus(), CheckStatus::Fail);
        // The principal may not simulate its policies: not verifiable without writing.
        const CheckResult write = check(*diagnostics, u"permissions.write"_s);
        QVERIFY2(write.status == CheckStatus::Skipped, describe(write));
        QVERIFY(write.summary.contains(u"without writing"_s));
    }

    void testExplicitDenyInResourcePolicy()
    {
        sandbox::SandboxServerConfig config;
        config.principals = {app({test::allowPolicy({u"secretsmanager:*"_s})})};
        startSandbox(config);
        const QString deny = uR"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
            "Principal": {"AWS": "%1"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})"_s.arg(appArn);
        const auto put = m_server->store().call(u"PutResourcePolicy", {{"SecretId", "pixell/prod"},
                                                                      {"ResourcePolicy", deny.toStdString()}});
        QVERIFY2(put.has_value(), qPrintable(put ? QString() : put.error().message));
        DiagnosticsTarget target = sandboxTarget(appKeys());
        target.scope.secretName = u"pixell/prod"_s;
        const auto diagnostics = run(target);
        const CheckResult read = check(*diagnostics, u"permissions.read"_s);
        QVERIFY2(read.status == CheckStatus::Fail, describe(read));
        const auto finding = read.finding(u"resource-policy-explicit-deny"_s);
        QVERIFY2(finding, describe(read));
        QVERIFY(!read.hasFinding(u"identity-policy-denied"_s));
        QVERIFY(finding->fixPolicy.isEmpty());   // no Allow can beat an explicit Deny
        QVERIFY(finding->fix.contains(u"resource policy"_s));
        QVERIFY(finding->fix.contains(u"pixell/prod"_s));
        QCOMPARE(check(*diagnostics, u"permissions.describe"_s).status, CheckStatus::Pass);
    }

    void testKmsKeyThePrincipalMayNotUse()
    {
        sandbox::SandboxServerConfig config;
        config.principals = {app({test::allowPolicy({u"secretsmanager:*"_s})})};
        config.kmsKeys = {{kmsKeyArn, {u"arn:aws:iam::123456789012:user/someone-else"_s}}};
        startSandbox(config);
        const auto created = m_server->store().call(u"CreateSecret", {{"Name", "vault/guarded"},
                                                                     {"SecretString", "{\"k\": \"v\"}"},
                                                                     {"KmsKeyId", kmsKeyArn.toStdString()}});
        QVERIFY2(created.has_value(), qPrintable(created ? QString() : created.error().message));
        QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", "vault/open"}, {"SecretString", "x"}}).has_value());
        DiagnosticsTarget target = sandboxTarget(appKeys());
        target.scope.prefix = u"vault/"_s;
        const auto diagnostics = run(target);
        const CheckResult read = check(*diagnostics, u"permissions.read"_s);
        QVERIFY2(read.status == CheckStatus::Fail, describe(read));
        const auto finding = read.finding(u"kms-access-denied"_s);
        QVERIFY2(finding, describe(read));
        QVERIFY(!read.hasFinding(u"identity-policy-denied"_s));
        QCOMPARE(finding->subjects.first(), u"vault/guarded"_s);
        QVERIFY(!finding->subjects.contains(u"vault/open"_s));
        QVERIFY2(finding->fixPolicy.contains(u"kms:Decrypt"_s), qPrintable(finding->fixPolicy));
        QVERIFY(finding->fixPolicy.contains(kmsKeyArn));
        QVERIFY(finding->fix.contains(u"key policy"_s));
        QVERIFY(read.evidenceValue(u"Read"_s).startsWith(u"1 of 2"_s));
    }

    void testWrongSecretKey()
    {
        startSandbox();
        aws::AwsCredentials keys = sandbox::SandboxServer::demoCredentials();
        keys.secretAccessKey = u"not/the/right/secret/key"_s;
        const auto diagnostics = run(sandboxTarget(keys));
        QCOMPARE(check(*diagnostics, u"identity.credentials"_s).status, CheckStatus::Pass);
        const CheckResult caller = check(*diagnostics, u"identity.caller"_s);
        QVERIFY2(caller.status == CheckStatus::Fail, describe(caller));
        const auto finding = caller.finding(u"invalid-signature"_s);
        QVERIFY2(finding, describe(caller));
        QVERIFY(finding->explanation.contains(u"secret access key"_s));
        QVERIFY(finding->fix.contains(u"secret access key"_s));
        QCOMPARE(check(*diagnostics, u"permissions.list"_s).status, CheckStatus::Skipped);
        QCOMPARE(check(*diagnostics, u"network.http"_s).status, CheckStatus::Pass);
    }

    void testClockOffset()
    {
        startSandbox();
        sandbox::SandboxFaults faults;
        faults.clockOffset = std::chrono::minutes(10);
        m_server->setFaults(faults);
        const auto diagnostics = run(sandboxTarget());
        const CheckResult clock = check(*diagnostics, u"clock.skew"_s);
        // The sandbox sends Date as AWS does; without it the clock cannot be checked.
        QVERIFY(check(*diagnostics, u"network.http"_s).evidenceValue(u"Date"_s) != u"(not sent)"_s);
        QVERIFY2(clock.status == CheckStatus::Fail, describe(clock));
        const auto finding = clock.finding(u"clock-skew"_s);
        QVERIFY(finding);
        // Date has whole seconds, so ten minutes reads as 9 min 59 s to 10 min 1 s.
        QVERIFY2(QRegularExpression(u"(9 min 5[89]|10 min [01]) s"_s).match(finding->message).hasMatch(),
                 qPrintable(finding->message));
        QVERIFY(finding->fix.contains(u"timedatectl set-ntp true"_s));
        QVERIFY(finding->fix.contains(u"chrony"_s));
    }

    void testClosedPort()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        const auto diagnostics = run(test::diagnosticsTargetFor(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), appKeys()));
        const CheckResult tcp = check(*diagnostics, u"network.tcp"_s);
        QVERIFY2(tcp.status == CheckStatus::Fail, describe(tcp));
        const auto finding = tcp.finding(u"connection-refused"_s);
        QVERIFY2(finding, describe(tcp));
        QVERIFY(finding->fix.contains(u"127.0.0.1:%1"_s.arg(port)));
        QVERIFY(finding->fix.contains(u"proxy"_s));
        QCOMPARE(check(*diagnostics, u"network.dns"_s).status, CheckStatus::Pass);
        QCOMPARE(check(*diagnostics, u"network.http"_s).status, CheckStatus::Skipped);
        QCOMPARE(check(*diagnostics, u"identity.caller"_s).status, CheckStatus::Skipped);
        QCOMPARE(check(*diagnostics, u"permissions.read"_s).status, CheckStatus::Skipped);
    }

    void testUnresolvableHost()
    {
        const auto diagnostics = run(test::diagnosticsTargetFor(QUrl(u"http://secretsmanager.does-not-exist.invalid"_s), appKeys()));
        const CheckResult dns = check(*diagnostics, u"network.dns"_s);
        QVERIFY2(dns.status == CheckStatus::Fail, describe(dns));
        const auto finding = dns.finding(u"dns-failure"_s);
        QVERIFY2(finding, describe(dns));
        QVERIFY(finding->fix.contains(u"http://secretsmanager.does-not-exist.invalid"_s));
        QVERIFY(finding->fix.contains(u"Proxy in use"_s));
        QCOMPARE(check(*diagnostics, u"network.tcp"_s).status, CheckStatus::Skipped);
        QCOMPARE(check(*diagnostics, u"permissions.list"_s).status, CheckStatus::Skipped);
        QCOMPARE(diagnostics->overallStatus(), CheckStatus::Fail);
    }

    void testTlsCertificates_data()
    {
        QTest::addColumn<int>("validFromDays");
        QTest::addColumn<int>("validToDays");
        QTest::addColumn<bool>("trusted");
        QTest::addColumn<QString>("cause");
        QTest::newRow("self-signed") << -1 << 30 << false << u"tls-self-signed"_s;
        QTest::newRow("expired") << -30 << -1 << true << u"tls-expired"_s;
        QTest::newRow("valid and trusted") << -1 << 30 << true << QString();
    }

    void testTlsCertificates()
    {
        QFETCH(int, validFromDays);
        QFETCH(int, validToDays);
        QFETCH(bool, trusted);
        QFETCH(QString, cause);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls = sandbox::SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(validFromDays),
                                                                 now.addDays(validToDays));
        QVERIFY(tls.has_value());
        sandbox::SandboxServerConfig config;
        config.tls = *tls;
        startSandbox(config);
        QCOMPARE(m_server->url().scheme(), u"https"_s);
        DiagnosticsOptions options;
        if (trusted)
            options.caCertificates = {tls->certificate};
        const auto diagnostics = run(sandboxTarget(), options);
        const CheckResult result = check(*diagnostics, u"network.tls"_s);
        if (cause.isEmpty()) {
            QVERIFY2(result.status == CheckStatus::Pass, describe(result));
            QVERIFY(!result.evidenceValue(u"Certificate"_s).isEmpty());
            return;
        }
        QVERIFY2(result.status == CheckStatus::Fail, describe(result));
        const auto finding = result.finding(cause);
        QVERIFY2(finding, describe(result));
        if (cause == u"tls-expired"_s) {
            QVERIFY(!result.hasFinding(u"tls-self-signed"_s));
            QVERIFY(finding->explanation.contains(u"expired on"_s));
            QVERIFY(finding->fix.contains(u"Renew"_s));
        } else {
            QVERIFY(finding->fix.contains(u"update-ca-certificates"_s));
        }
        QCOMPARE(check(*diagnostics, u"network.http"_s).status, CheckStatus::Skipped);
    }

    void testWritePermissionsAreSimulated()
    {
        sandbox::SandboxServerConfig config;
        config.principals = {app({test::allowPolicy({u"secretsmanager:ListSecrets"_s, u"secretsmanager:DescribeSecret"_s,
                                               u"secretsmanager:GetSecretValue"_s, u"secretsmanager:PutSecretValue"_s}),
                                  test::allowPolicy({u"iam:SimulatePrincipalPolicy"_s}, appArn)})};
        startSandbox(config);
        DiagnosticsTarget target = sandboxTarget(appKeys());
        target.scope.prefix = u"pixell/"_s;
        const qint64 requestsBefore = m_server->requestCount();
        const auto revision = m_server->store().revision();
        const auto diagnostics = run(target);
        QVERIFY(m_server->requestCount() > requestsBefore);
        QCOMPARE(m_server->store().revision(), revision);   // a check never writes
        const CheckResult write = check(*diagnostics, u"permissions.write"_s);
        QVERIFY2(write.status == CheckStatus::Warn, describe(write));
        QVERIFY(write.evidenceValue(u"Allowed"_s).contains(u"secretsmanager:PutSecretValue"_s));
        const auto finding = write.finding(u"write-not-allowed"_s);
        QVERIFY2(finding, describe(write));
        QVERIFY(finding->subjects.contains(u"secretsmanager:UpdateSecret"_s));
        QVERIFY(!finding->subjects.contains(u"secretsmanager:PutSecretValue"_s));
        QVERIFY(finding->fixPolicy.contains(u"secretsmanager:UpdateSecret"_s));
        QCOMPARE(check(*diagnostics, u"permissions.read"_s).status, CheckStatus::Pass);

        DiagnosticsOptions strict;
        strict.expectWrite = true;
        const auto expectingWrites = run(target, strict);
        QCOMPARE(check(*expectingWrites, u"permissions.write"_s).status, CheckStatus::Fail);
    }

    void testLargeNamespaceIsSampled()
    {
        startSandbox();
        for (int i = 0; i < 40; ++i) {
            QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", u"big/s%1"_s.arg(i, 2, 10, QChar(u'0')).toStdString()},
                                                             {"SecretString", "v"}}).has_value());
        }
        DiagnosticsTarget target = sandboxTarget();
        target.scope.prefix = u"big/"_s;
        const auto diagnostics = run(target);
        const CheckResult list = check(*diagnostics, u"permissions.list"_s);
        QCOMPARE(list.evidenceValue(u"Secrets found"_s), u"40"_s);
        QVERIFY2(list.evidenceValue(u"Checked"_s).contains(u"25 of 40"_s), describe(list));
        QCOMPARE(check(*diagnostics, u"permissions.read"_s).evidenceValue(u"Read"_s), u"25 of 25"_s);
    }

    void testTimeoutAndCancel()
    {
        startSandbox();
        sandbox::SandboxFaults faults;
        faults.latency = std::chrono::milliseconds(1500);
        m_server->setFaults(faults);
        DiagnosticsOptions options;
        options.checkTimeout = std::chrono::milliseconds(500);
        const auto timedOut = run(sandboxTarget(), options);
        const CheckResult http = check(*timedOut, u"network.http"_s);
        QVERIFY2(http.status == CheckStatus::Fail, describe(http));
        QVERIFY(http.hasFinding(u"timeout"_s));

        DiagnosticsRun cancelled(m_transport, sandboxTarget());
        QSignalSpy finished(&cancelled, &DiagnosticsRun::finished);
        cancelled.start();
        QTest::qWait(200);
        QVERIFY(cancelled.isRunning());
        cancelled.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(cancelled.wasCancelled());
        QCOMPARE(cancelled.results().size(), DiagnosticsRun::plannedChecks().size());
        QCOMPARE(check(cancelled, u"permissions.read"_s).status, CheckStatus::Skipped);
        QTest::qWait(1700);   // nothing arrives after the cancel
        QCOMPARE(finished.size(), 1);
    }

    void testConfigurationErrorStopsTheRun()
    {
        DiagnosticsTarget target;
        target.profileName = u"missing"_s;
        target.configurationError = aws::AwsError::configuration(u"profile 'missing' not found"_s);
        const auto diagnostics = run(target);
        const CheckResult profile = check(*diagnostics, u"configuration.profile"_s);
        QCOMPARE(profile.status, CheckStatus::Fail);
        QVERIFY(profile.findings.first().fix.contains(u"profile 'missing' not found"_s));
        QCOMPARE(check(*diagnostics, u"network.dns"_s).status, CheckStatus::Skipped);
        QCOMPARE(diagnostics->results().size(), DiagnosticsRun::plannedChecks().size());
    }

    void testBadRegionIsNamedInTheSummary()
    {
        // The summary once read the finding's message after it had been moved away: blank.
        startSandbox();
        DiagnosticsTarget target = sandboxTarget();
        target.secretsManager.region = u"eu west 1"_s;
        const auto diagnostics = run(target);
        const CheckResult region = check(*diagnostics, u"configuration.region"_s);
        QCOMPARE(region.status, CheckStatus::Fail);
        QCOMPARE(region.summary, u"'eu west 1' is not a region name."_s);
        QCOMPARE(region.findings.first().message, region.summary);
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "testdiagnostics.moc"
