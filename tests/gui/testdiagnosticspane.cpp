// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The diagnostics pane driven through its buttons against an in-process sandbox: everything
// passing on the demo data, a missing GetSecretValue with its fix handed to the policy preview,
// a closed port, and the report copied without any secret value.

#include "models/aws/awsclient.h"
#include "models/content/schemaset.h"
#include "models/diagnostics/diagnosticsrun.h"
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxkmskey.h"
#include "models/sandbox/sandboxfaults.h"
#include "models/sandbox/sandboxtls.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/sandboxfixtures.h"
#include "views/diagnosticspane.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QLabel>
#include <QProgressBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;
using coffer::DiagnosticsPane;
using diagnostics::CheckStatus;
using diagnostics::DiagnosticsRun;
using diagnostics::DiagnosticsTarget;

namespace {

const QString appArn = u"arn:aws:iam::123456789012:user/app"_s;

aws::AwsCredentials appKeys()
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
    credentials.secretAccessKey = u"app/secret/key/EXAMPLE"_s;
    credentials.source = u"test keys"_s;
    return credentials;
}

QString status(const DiagnosticsPane &pane, const QString &id)
{
    const QTreeWidgetItem *item = pane.checkItem(id);
    return item ? item->data(0, DiagnosticsPane::StatusRole).toString() : u"(no row)"_s;
}

QImage image(const QIcon &icon)
{
    return icon.pixmap(QSize(16, 16)).toImage();
}

QTreeWidgetItem *childOfKind(QTreeWidgetItem *parent, const QString &kind)
{
    for (int i = 0; parent && i < parent->childCount(); ++i) {
        if (parent->child(i)->data(0, DiagnosticsPane::KindRole).toString() == kind)
            return parent->child(i);
    }
    return nullptr;
}

} // namespace

class TestDiagnosticsPane final : public QObject
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

    // Runs the checks through the Run button, as a user would.
    void runThroughButton(DiagnosticsPane &pane)
    {
        diagnostics::DiagnosticsOptions options;
        options.checkTimeout = std::chrono::milliseconds(8000);
        pane.setOptions(options);
        pane.show();
        QVERIFY(pane.runButton()->isEnabled());
        QSignalSpy finished(&pane, &DiagnosticsPane::runFinished);
        QTest::mouseClick(pane.runButton(), Qt::LeftButton);
        QVERIFY(pane.hasResults());
        if (finished.isEmpty()) {
            QVERIFY(pane.isRunning());
            QVERIFY(pane.cancelButton()->isEnabled());
            QVERIFY(!pane.runButton()->isEnabled());
            QVERIFY(finished.wait(30000));
        }
        QVERIFY(!pane.isRunning());
        QVERIFY(!pane.cancelButton()->isEnabled());
        QVERIFY(pane.runButton()->isEnabled());
        QCOMPARE(pane.progressBar()->value(), pane.progressBar()->maximum());
        QCOMPARE(pane.progressBar()->maximum(), int(DiagnosticsRun::plannedChecks().size()));
    }

    QByteArray describe(const DiagnosticsPane &pane)
    {
        QStringList rows;
        for (const auto &planned : DiagnosticsRun::plannedChecks()) {
            const QTreeWidgetItem *item = pane.checkItem(planned.id);
            rows << u"%1=%2 (%3)"_s.arg(planned.id, status(pane, planned.id), item ? item->text(1) : QString());
        }
        return rows.join(u"; "_s).toUtf8();
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

    void testAllPassOnTheDemoDataAndTheReportHasNoValue()
    {
        startSandbox();
        DiagnosticsPane pane;
        QVERIFY(!pane.runButton()->isEnabled());   // nothing to check yet
        pane.setTarget(m_transport, test::diagnosticsTargetFor(m_server->url(), sandbox::SandboxServer::demoCredentials()));
        pane.setScope(u"pixell/"_s, QString());
        QVERIFY(pane.targetLabel()->text().contains(u"pixell/"_s));
        runThroughButton(pane);

        // One row per check, under its category, none failing or warning.
        const auto planned = DiagnosticsRun::plannedChecks();
        QCOMPARE(pane.resultsTree()->topLevelItemCount(), 6);   // five categories and Content
        for (const auto &check : planned) {
            QTreeWidgetItem *item = pane.checkItem(check.id);
            QVERIFY2(item, qPrintable(check.id));
            QCOMPARE(item->parent()->data(0, DiagnosticsPane::KindRole).toString(), u"category"_s);
            const QString verdict = item->data(0, DiagnosticsPane::StatusRole).toString();
            QVERIFY2(verdict == u"pass"_s || verdict == u"skipped"_s, describe(pane));
        }
        for (const QString &id : {u"network.dns"_s, u"network.tcp"_s, u"network.http"_s, u"identity.caller"_s,
                                  u"permissions.list"_s, u"permissions.describe"_s, u"permissions.read"_s}) {
            QVERIFY2(status(pane, id) == u"pass"_s, describe(pane));
            QCOMPARE(image(pane.checkItem(id)->icon(0)), image(DiagnosticsPane::statusIcon(CheckStatus::Pass)));
        }
        QCOMPARE(status(pane, u"network.tls"_s), u"skipped"_s);   // plain http
        QCOMPARE(image(pane.checkItem(u"network.tls"_s)->icon(0)), image(DiagnosticsPane::statusIcon(CheckStatus::Skipped)));
        // Evidence as children.
        QVERIFY(childOfKind(pane.checkItem(u"identity.caller"_s), u"evidence"_s));

        const QString summary = pane.summaryLabel()->text();
        QVERIFY2(summary.contains(u"All checks passed"_s), qPrintable(summary));
        QVERIFY2(summary.contains(u"passed"_s) && !summary.contains(u"failed"_s), qPrintable(summary));

        // Copy Report: Markdown with every check's title, never the value or the secret key.
        QGuiApplication::clipboard()->clear();
        QVERIFY(pane.copyReportButton()->isEnabled());
        QTest::mouseClick(pane.copyReportButton(), Qt::LeftButton);
        const QString markdown = QGuiApplication::clipboard()->text();
        QVERIFY(markdown.startsWith(u"# "_s));
        for (const auto &check : planned)
            QVERIFY2(markdown.contains(pane.checkItem(check.id)->text(0)), qPrintable(check.id));
        const auto stored = m_server->store().call(u"GetSecretValue", {{"SecretId", "pixell/prod"}});
        QVERIFY(stored.has_value());
        const QString value = QString::fromStdString((*stored)["SecretString"].get<std::string>());
        QVERIFY(value.size() > 10);
        for (const QString &forbidden : {value, value.left(12), sandbox::SandboxServer::demoCredentials().secretAccessKey})
            QVERIFY(!markdown.contains(forbidden));

        // Save Report: JSON or Markdown by the file's name.
        QTemporaryDir dir;
        QVERIFY(pane.saveReport(dir.filePath(u"report.json"_s)));
        QVERIFY(pane.saveReport(dir.filePath(u"report.md"_s)));
        QFile json(dir.filePath(u"report.json"_s));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().contains("coffer-diagnostics/1"));
        QFile md(dir.filePath(u"report.md"_s));
        QVERIFY(md.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(md.readAll()), markdown);
        for (QFile *saved : {&json, &md})
            QCOMPARE(saved->permissions() & 0x0077, QFileDevice::Permissions());   // the owner's only
    }

    void testContentFindingsReachTheBrowserAndSchemasApply()
    {
        startSandbox();
        DiagnosticsPane pane;
        pane.setTarget(m_transport, test::diagnosticsTargetFor(m_server->url(), sandbox::SandboxServer::demoCredentials()));
        pane.setScope(u"benchling-webhook/"_s, QString());
        // The team's schema: config must say which region it runs in.
        auto schemas = content::SchemaSet::fromSetFile(
            "{\"schemas\":[{\"match\":\"benchling-webhook/config\",\"schema\":{\"required\":[\"region\"]}}]}",
            u"team.json"_s);
        if (!schemas)
            QFAIL(qPrintable(schemas.error().toString()));
        pane.setSchemaSet(std::make_shared<const content::SchemaSet>(std::move(*schemas)));
        QHash<QString, QStringList> inspected;
        connect(&pane, &DiagnosticsPane::secretContentInspected, this,
                [&inspected](const QString &name, const QList<content::ContentFinding> &findings) {
                    QStringList ids;
                    for (const content::ContentFinding &finding : findings)
                        ids.append(finding.id + u' ' + finding.pointer);
                    inspected.insert(name, ids);
                });
        runThroughButton(pane);
        QCOMPARE(status(pane, u"content.findings"_s), u"fail"_s);
        // Each secret in scope is reported, with what it holds, for the browser's marks.
        QCOMPARE(inspected.value(u"benchling-webhook/credentials"_s),
                 QStringList { u"history.missing-key /client_secret"_s });
        QCOMPARE(inspected.value(u"benchling-webhook/config"_s), QStringList { u"schema.required /region"_s });
    }

    void testResultsDoNotOutliveTheirTargetOrScope()
    {
        startSandbox();
        DiagnosticsPane pane;
        pane.setTarget(m_transport, test::diagnosticsTargetFor(m_server->url(), sandbox::SandboxServer::demoCredentials()));
        pane.setScope(u"pixell/"_s, QString());
        runThroughButton(pane);
        QCOMPARE(status(pane, u"permissions.read"_s), u"pass"_s);

        // The same target and scope again (a refresh): the results stay.
        pane.setScope(u"pixell/"_s, QString());
        QCOMPARE(status(pane, u"permissions.read"_s), u"pass"_s);
        // Another scope: they were not about it.
        pane.setScope(u"paintbox/"_s, QString());
        QVERIFY(status(pane, u"permissions.read"_s) != u"pass"_s);
        runThroughButton(pane);
        QCOMPARE(status(pane, u"permissions.read"_s), u"pass"_s);
        // Another profile: nothing of the old one stands under its header.
        auto other = test::diagnosticsTargetFor(m_server->url(), sandbox::SandboxServer::demoCredentials());
        other.profileName = u"prod"_s;
        pane.setTarget(m_transport, other);
        QVERIFY(status(pane, u"permissions.read"_s) != u"pass"_s);
        QVERIFY(pane.targetLabel()->text().contains(u"prod"_s));
        QVERIFY(!pane.summaryLabel()->text().contains(u"passed"_s));
    }

    void testMissingGetSecretValueOffersTheFix()
    {
        sandbox::SandboxServerConfig config;
        sandbox::SandboxPrincipal principal;
        principal.arn = appArn;
        principal.credentials = appKeys();
        principal.identityPolicies = {test::allowPolicy({u"secretsmanager:ListSecrets"_s, u"secretsmanager:DescribeSecret"_s})};
        config.principals = {principal};
        startSandbox(config);
        DiagnosticsPane pane;
        pane.setTarget(m_transport, test::diagnosticsTargetFor(m_server->url(), appKeys()));
        pane.setScope(u"pixell/"_s, QString());
        runThroughButton(pane);

        QCOMPARE(status(pane, u"permissions.list"_s), u"pass"_s);
        QVERIFY2(status(pane, u"permissions.read"_s) == u"fail"_s, describe(pane));
        QTreeWidgetItem *read = pane.checkItem(u"permissions.read"_s);
        QCOMPARE(image(read->icon(0)), image(DiagnosticsPane::statusIcon(CheckStatus::Fail)));
        QVERIFY(read->isExpanded());

        QTreeWidgetItem *finding = nullptr;
        for (int i = 0; i < read->childCount(); ++i) {
            if (read->child(i)->data(0, DiagnosticsPane::CauseRole).toString() == u"identity-policy-denied"_s)
                finding = read->child(i);
        }
        QVERIFY2(finding, describe(pane));
        QVERIFY(childOfKind(finding, u"why"_s));
        QTreeWidgetItem *fix = childOfKind(finding, u"fix"_s);
        QVERIFY(fix);
        QTreeWidgetItem *policy = childOfKind(fix, u"policy"_s);
        QVERIFY(policy);
        const QString statement = policy->text(1);
        QVERIFY2(statement.contains(u"secretsmanager:GetSecretValue"_s), qPrintable(statement));
        QCOMPARE(fix->data(0, DiagnosticsPane::PolicyRole).toString(), statement);
        // The statement is named for what it grants, not "OtherSecretActions".
        QVERIFY2(statement.contains(u"\"Sid\": \"GetSecretValue\""_s), qPrintable(statement));

        // Why and Fix are readable in full whatever the column's width: selecting any row of
        // the finding shows all of it in the details box.
        pane.resultsTree()->setColumnWidth(0, 120);
        pane.resize(420, 500);
        pane.resultsTree()->setCurrentItem(childOfKind(finding, u"why"_s));
        const QString details = pane.detailsView()->toPlainText();
        QVERIFY2(details.contains(childOfKind(finding, u"why"_s)->text(1)), qPrintable(details));
        QVERIFY(details.contains(fix->text(1)));
        QVERIFY(details.contains(finding->text(1)));
        QVERIFY(details.contains(u"secretsmanager:GetSecretValue"_s));

        // The context action on the statement's row...
        QSignalSpy preview(&pane, &DiagnosticsPane::policyPreviewRequested);
        pane.resultsTree()->setCurrentItem(policy);
        QVERIFY(pane.openPolicyPreviewAction()->isEnabled());
        pane.openPolicyPreviewAction()->trigger();
        QCOMPARE(preview.size(), 1);
        QCOMPARE(preview.at(0).at(0).toString(), statement);
        // ...and the button beside it.
        QTreeWidgetItem *actionRow = childOfKind(fix, u"policy-action"_s);
        QVERIFY(actionRow);
        QWidget *holder = pane.resultsTree()->itemWidget(actionRow, 1);
        QVERIFY(holder);
        auto *button = holder->findChild<QPushButton *>(u"diagnosticsOpenPolicyPreviewButton"_s);
        QVERIFY(button);
        button->click();
        QCOMPARE(preview.size(), 2);
        QCOMPARE(preview.at(1).at(0).toString(), statement);
        // A passing row offers nothing to preview.
        pane.resultsTree()->setCurrentItem(pane.checkItem(u"permissions.list"_s));
        QVERIFY(!pane.openPolicyPreviewAction()->isEnabled());

        const QString summary = pane.summaryLabel()->text();
        QVERIFY2(summary.contains(u"1 failed"_s) && summary.contains(u"Problems found"_s), qPrintable(summary));
    }

    // Every failure the issue names, made real, shown by the panel on the right row with its
    // cause and a fix (the model's own tests check the wording).
    void testEachFailureIsToldApart_data()
    {
        QTest::addColumn<QString>("failure");
        QTest::addColumn<QString>("checkId");
        QTest::addColumn<QString>("cause");
        QTest::newRow("explicit deny in a resource policy")
            << u"resource-policy"_s << u"permissions.read"_s << u"resource-policy-explicit-deny"_s;
        QTest::newRow("KMS key not allowed") << u"kms"_s << u"permissions.read"_s << u"kms-access-denied"_s;
        QTest::newRow("wrong secret key") << u"wrong-key"_s << u"identity.caller"_s << u"invalid-signature"_s;
        QTest::newRow("clock ten minutes off") << u"clock"_s << u"clock.skew"_s << u"clock-skew"_s;
        QTest::newRow("unresolvable host") << u"dns"_s << u"network.dns"_s << u"dns-failure"_s;
        QTest::newRow("self-signed certificate") << u"self-signed"_s << u"network.tls"_s << u"tls-self-signed"_s;
        QTest::newRow("expired certificate") << u"expired"_s << u"network.tls"_s << u"tls-expired"_s;
    }

    void testEachFailureIsToldApart()
    {
        QFETCH(QString, failure);
        QFETCH(QString, checkId);
        QFETCH(QString, cause);
        const QString kmsKeyArn = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;
        sandbox::SandboxServerConfig config;
        sandbox::SandboxPrincipal principal;
        principal.arn = appArn;
        principal.credentials = appKeys();
        principal.identityPolicies = {test::allowPolicy({u"secretsmanager:*"_s})};
        config.principals = {principal};
        aws::AwsCredentials keys = appKeys();
        QUrl endpoint;
        if (failure == u"kms"_s)
            config.kmsKeys = {{kmsKeyArn, {u"arn:aws:iam::123456789012:user/someone-else"_s}}};
        if (failure == u"self-signed"_s || failure == u"expired"_s) {
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const auto tls = sandbox::SandboxTls::generateSelfSigned(
                u"localhost"_s, now.addDays(failure == u"expired"_s ? -30 : -1),
                now.addDays(failure == u"expired"_s ? -1 : 30));
            QVERIFY(tls.has_value());
            config.tls = *tls;
        }
        if (failure == u"dns"_s) {
            endpoint = QUrl(u"http://secretsmanager.does-not-exist.invalid"_s);
        } else {
            startSandbox(config);
            endpoint = m_server->url();
        }
        if (failure == u"wrong-key"_s)
            keys.secretAccessKey = u"not/the/right/secret/key"_s;
        if (failure == u"clock"_s) {
            sandbox::SandboxFaults faults;
            faults.clockOffset = std::chrono::minutes(10);
            m_server->setFaults(faults);
        }
        QString scope = u"pixell/prod"_s;
        if (failure == u"resource-policy"_s) {
            // (Not a raw string: moc misreads multi-line raw strings.)
            const QString deny = u"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", "
                                 "\"Principal\": {\"AWS\": \"%1\"}, \"Action\": \"secretsmanager:GetSecretValue\", "
                                 "\"Resource\": \"\\u002a\"}]}"_s.arg(appArn);
            QVERIFY(m_server->store().call(u"PutResourcePolicy", {{"SecretId", "pixell/prod"},
                                                                  {"ResourcePolicy", deny.toStdString()}}).has_value());
        }
        if (failure == u"kms"_s) {
            QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", "vault/guarded"}, {"SecretString", "{}"},
                                                             {"KmsKeyId", kmsKeyArn.toStdString()}}).has_value());
            scope = u"vault/guarded"_s;
        }

        DiagnosticsPane pane;
        pane.setTarget(m_transport, test::diagnosticsTargetFor(endpoint, keys));
        pane.setScope({}, scope);
        runThroughButton(pane);

        QVERIFY2(status(pane, checkId) == u"fail"_s, describe(pane));
        QTreeWidgetItem *row = pane.checkItem(checkId);
        QCOMPARE(image(row->icon(0)), image(DiagnosticsPane::statusIcon(CheckStatus::Fail)));
        QTreeWidgetItem *finding = nullptr;
        for (int i = 0; i < row->childCount(); ++i) {
            if (row->child(i)->data(0, DiagnosticsPane::CauseRole).toString() == cause)
                finding = row->child(i);
        }
        QVERIFY2(finding, describe(pane));
        QTreeWidgetItem *fix = childOfKind(finding, u"fix"_s);
        QVERIFY2(fix && !fix->text(1).isEmpty(), describe(pane));
    }

    void testClosedPortSkipsTheRest()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        DiagnosticsPane pane;
        pane.setTarget(m_transport, test::diagnosticsTargetFor(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), appKeys()));
        runThroughButton(pane);

        QVERIFY2(status(pane, u"network.tcp"_s) == u"fail"_s, describe(pane));
        QCOMPARE(image(pane.checkItem(u"network.tcp"_s)->icon(0)), image(DiagnosticsPane::statusIcon(CheckStatus::Fail)));
        for (const QString &id : {u"network.http"_s, u"identity.caller"_s, u"permissions.read"_s}) {
            QVERIFY2(status(pane, id) == u"skipped"_s, describe(pane));
            QCOMPARE(image(pane.checkItem(id)->icon(0)), image(DiagnosticsPane::statusIcon(CheckStatus::Skipped)));
        }
        // The Network category shows its worst verdict.
        QCOMPARE(pane.checkItem(u"network.tcp"_s)->parent()->data(0, DiagnosticsPane::StatusRole).toString(), u"fail"_s);
        const QString summary = pane.summaryLabel()->text();
        QVERIFY2(summary.contains(u"failed"_s) && summary.contains(u"skipped"_s), qPrintable(summary));
    }
};

QTEST_MAIN(TestDiagnosticsPane)
#include "testdiagnosticspane.moc"
