// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SecretVersionsPane and SecretDiffPane against the in-process sandbox over real HTTP: listing
// versions with fingerprints, rolling back through the confirmation, comparing versions and
// secrets with values masked until revealed, and the masked unified diff on the clipboard.
#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/core/appinfo.h"
#include "models/diff/fingerprint.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "views/secretclipboard.h"
#include "views/secretdiffpane.h"
#include "views/secretversionspane.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QInputDialog>
#include <QLabel>
#include <QMimeData>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const QString secretName = u"app/db"_s;
const QString otherName = u"app/db-copy"_s;
const char *const v1 = R"({"user":"alice","password":"Zebra-One-111","port":5432})";
const char *const v2 = R"({"user":"alice","password":"Quokka-Two-222","port":5432})";
const char *const v3 =
    R"({"user":"alice","password":"Quokka-Two-222","port":5433,"host":"db-host-zulu"})";
const char *const other = R"({"user":"bob-otter","password":"Zebra-One-111","port":5432})";
const QStringList distinctive = { u"Zebra-One-111"_s, u"Quokka-Two-222"_s, u"db-host-zulu"_s,
                                  u"bob-otter"_s };

// Every text the pane's labels, trees and text views show.
QString visibleText(const QWidget *pane)
{
    QStringList texts;
    for (const QLabel *label : pane->findChildren<QLabel *>())
        texts << label->text();
    for (const QPlainTextEdit *edit : pane->findChildren<QPlainTextEdit *>())
        texts << edit->toPlainText();
    for (const QTreeWidget *tree : pane->findChildren<QTreeWidget *>()) {
        for (int row = 0; row < tree->topLevelItemCount(); ++row) {
            const QTreeWidgetItem *item = tree->topLevelItem(row);
            for (int column = 0; column < tree->columnCount(); ++column)
                texts << item->text(column) << item->toolTip(column);
        }
    }
    return texts.join(u'\n');
}

bool containsAny(const QString &text, const QStringList &needles)
{
    return std::any_of(needles.begin(), needles.end(),
                       [&](const QString &needle) { return text.contains(needle); });
}

} // namespace

class TestVersionsAndDiff final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testListsVersionsWithFingerprints();
    void testRollBackThroughConfirmation();
    void testDiffMasksUntilRevealed();
    void testCompareSecrets();
    void testMoveAndRemoveCustomLabels();
    void testRevealOneChange();

private:
    void loadVersions();
    void waitForDiff();
    [[nodiscard]] QString stagesOf(const QString &versionId) const;

    sandbox::SandboxServer *m_server = nullptr;
    aws::AwsClient *m_transport = nullptr;
    aws::SecretsManagerClient *m_client = nullptr;
    SecretVersionsPane *m_versions = nullptr;
    SecretDiffPane *m_diff = nullptr;
    QStringList m_ids; // oldest first
};

void TestVersionsAndDiff::initTestCase()
{
    // The English translation supplies the plural forms ("30 seconds").
    coffer::AppInfo::installTranslations();
}

void TestVersionsAndDiff::init()
{
    m_server = new sandbox::SandboxServer({}, this);
    QVERIFY(m_server->listen());
    m_transport = new aws::AwsClient(this);
    aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = m_server->url();
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(
        sandbox::SandboxServer::demoCredentials());
    m_client = new aws::SecretsManagerClient(m_transport, config, this);

    m_ids.clear();
    const auto created = m_server->store().call(
        u"CreateSecret", { { "Name", secretName.toStdString() }, { "SecretString", v1 } });
    QVERIFY(created.has_value());
    m_ids << QString::fromStdString((*created)["VersionId"].get<std::string>());
    for (const char *value : { v2, v3 }) {
        const auto put = m_server->store().call(
            u"PutSecretValue", { { "SecretId", secretName.toStdString() }, { "SecretString", value } });
        QVERIFY(put.has_value());
        m_ids << QString::fromStdString((*put)["VersionId"].get<std::string>());
    }
    QVERIFY(m_server->store()
                .call(u"CreateSecret", { { "Name", otherName.toStdString() }, { "SecretString", other } })
                .has_value());

    m_versions = new SecretVersionsPane;
    m_versions->setClient(m_client);
    m_versions->resize(700, 400);
    m_versions->show();
    m_diff = new SecretDiffPane;
    m_diff->setClient(m_client);
    m_diff->resize(800, 500);
    m_diff->show();
}

void TestVersionsAndDiff::cleanup()
{
    delete m_versions;
    delete m_diff;
    delete m_client;
    delete m_transport;
    delete m_server;
}

void TestVersionsAndDiff::loadVersions()
{
    QSignalSpy loaded(m_versions, &SecretVersionsPane::loaded);
    m_versions->showSecret(secretName);
    QVERIFY(loaded.wait(20000));
    QVERIFY(!m_versions->isLoading());
}

void TestVersionsAndDiff::waitForDiff()
{
    QSignalSpy finished(m_diff, &SecretDiffPane::comparisonFinished);
    QVERIFY(finished.wait(20000));
    QVERIFY(m_diff->currentDiff().has_value());
}

QString TestVersionsAndDiff::stagesOf(const QString &versionId) const
{
    const auto described =
        m_server->store().call(u"DescribeSecret", { { "SecretId", secretName.toStdString() } });
    if (!described)
        return u"error"_s;
    const auto &map = (*described)["VersionIdsToStages"];
    const auto found = map.find(versionId.toStdString());
    if (found == map.end())
        return {};
    QStringList stages;
    for (const auto &stage : *found)
        stages << QString::fromStdString(stage.get<std::string>());
    stages.sort();
    return stages.join(u',');
}

void TestVersionsAndDiff::testListsVersionsWithFingerprints()
{
    loadVersions();
    QTreeWidget *tree = m_versions->tree();
    QCOMPARE(tree->topLevelItemCount(), 3);
    // Newest first.
    const QStringList newestFirst = { m_ids[2], m_ids[1], m_ids[0] };
    const QStringList labels = { u"AWSCURRENT"_s, u"AWSPREVIOUS"_s, u"deprecated"_s };
    const QStringList values = { QString::fromUtf8(v3), QString::fromUtf8(v2),
                                 QString::fromUtf8(v1) };
    QSet<QString> fingerprints;
    for (int row = 0; row < 3; ++row) {
        const QTreeWidgetItem *item = tree->topLevelItem(row);
        QCOMPARE(item->data(0, SecretVersionsPane::VersionIdRole).toString(), newestFirst[row]);
        QCOMPARE(item->text(SecretVersionsPane::VersionColumn), newestFirst[row].left(8));
        QCOMPARE(item->text(SecretVersionsPane::LabelsColumn), labels[row]);
        QVERIFY(!item->text(SecretVersionsPane::CreatedColumn).isEmpty());
        QCOMPARE(item->text(SecretVersionsPane::FingerprintColumn),
                 diff::Fingerprint::ofText(values[row]));
        fingerprints.insert(item->text(SecretVersionsPane::FingerprintColumn));
    }
    QCOMPARE(fingerprints.size(), 3);
    QCOMPARE(m_versions->currentVersionId(), m_ids[2]);
    QVERIFY(!containsAny(visibleText(m_versions), distinctive));

    // Nothing to do on the current version.
    tree->setCurrentItem(tree->topLevelItem(0));
    QVERIFY(!m_versions->rollbackAction()->isEnabled());
    QVERIFY(!m_versions->compareAction()->isEnabled());
    tree->setCurrentItem(tree->topLevelItem(1));
    QVERIFY(m_versions->compareAction()->isEnabled());
    QSignalSpy compare(m_versions, &SecretVersionsPane::compareRequested);
    m_versions->compareAction()->trigger();
    QCOMPARE(compare.count(), 1);
    QCOMPARE(compare.first().at(0).toString(), m_ids[1]);
    QCOMPARE(compare.first().at(1).toString(), u"AWSCURRENT"_s);
}

void TestVersionsAndDiff::testRollBackThroughConfirmation()
{
    loadVersions();
    QTreeWidget *tree = m_versions->tree();
    // The oldest, deprecated version: AWS allows moving AWSCURRENT to it.
    tree->setCurrentItem(tree->topLevelItem(2));
    QVERIFY(m_versions->rollbackAction()->isEnabled());

    // Cancel first: nothing moves.
    m_versions->rollbackAction()->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((box = m_versions->findChild<QMessageBox *>(u"RollbackConfirmBox"_s))
                                 && box->isVisible(),
                             20000);
    QVERIFY(box->informativeText().contains(u"AWSCURRENT moves from %1 to %2"_s.arg(
        m_ids[2].left(8), m_ids[0].left(8))));
    QVERIFY(box->informativeText().contains(u"AWSPREVIOUS moves to %1"_s.arg(m_ids[2].left(8))));
    QVERIFY(!containsAny(box->text() + box->informativeText(), distinctive));
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_versions->findChild<QMessageBox *>(u"RollbackConfirmBox"_s));
    QCOMPARE(stagesOf(m_ids[2]), u"AWSCURRENT"_s);

    // Confirm.
    QSignalSpy changed(m_versions, &SecretVersionsPane::versionsChanged);
    QSignalSpy loaded(m_versions, &SecretVersionsPane::loaded);
    m_versions->rollbackAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT((box = m_versions->findChild<QMessageBox *>(u"RollbackConfirmBox"_s))
                                 && box->isVisible(),
                             20000);
    auto *confirm = box->findChild<QPushButton *>(u"RollbackConfirmButton"_s);
    QVERIFY(confirm);
    confirm->click();
    QVERIFY(changed.wait(20000));
    QCOMPARE(stagesOf(m_ids[0]), u"AWSCURRENT"_s);
    QCOMPARE(stagesOf(m_ids[2]), u"AWSPREVIOUS"_s);
    QCOMPARE(stagesOf(m_ids[1]), QString());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1 && !m_versions->isLoading(), 20000);
    QCOMPARE(tree->topLevelItemCount(), 3);
    QCOMPARE(m_versions->currentVersionId(), m_ids[0]);
    QCOMPARE(tree->topLevelItem(2)->text(SecretVersionsPane::LabelsColumn), u"AWSCURRENT"_s);
    QCOMPARE(tree->topLevelItem(1)->text(SecretVersionsPane::LabelsColumn), u"deprecated"_s);
    QCOMPARE(tree->topLevelItem(0)->text(SecretVersionsPane::LabelsColumn), u"AWSPREVIOUS"_s);
}

void TestVersionsAndDiff::testDiffMasksUntilRevealed()
{
    // Roll back directly (the widget path is tested above): current v1, previous v3.
    QVERIFY(m_server->store()
                .call(u"UpdateSecretVersionStage",
                      { { "SecretId", secretName.toStdString() },
                        { "VersionStage", "AWSCURRENT" },
                        { "MoveToVersionId", m_ids[0].toStdString() },
                        { "RemoveFromVersionId", m_ids[2].toStdString() } })
                .has_value());
    m_diff->showSecret(secretName);
    QTRY_COMPARE_WITH_TIMEOUT(m_diff->fromCombo()->count(), 5, 20000);
    m_diff->compare(u"AWSPREVIOUS"_s, u"AWSCURRENT"_s);
    waitForDiff();

    QTreeWidget *tree = m_diff->changeTree();
    QVERIFY(tree->isVisibleTo(m_diff));
    QStringList paths;
    for (int row = 0; row < tree->topLevelItemCount(); ++row)
        paths << tree->topLevelItem(row)->text(SecretDiffPane::PathColumn);
    paths.sort();
    QCOMPARE(paths, QStringList({ u"/host"_s, u"/password"_s, u"/port"_s }));
    QVERIFY(m_diff->summaryLabel()->text().contains(u"2 changed"_s));
    QVERIFY(m_diff->summaryLabel()->text().contains(u"1 removed"_s));
    QVERIFY(!containsAny(visibleText(m_diff), distinctive));
    // Masked: kind and fingerprint.
    bool sawFingerprint = false;
    for (int row = 0; row < tree->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = tree->topLevelItem(row);
        if (item->text(SecretDiffPane::PathColumn) == u"/password"_s) {
            QCOMPARE(item->text(SecretDiffPane::BeforeColumn),
                     u"string · %1"_s.arg(diff::Fingerprint::ofText(u"Quokka-Two-222")));
            QCOMPARE(item->text(SecretDiffPane::AfterColumn),
                     u"string · %1"_s.arg(diff::Fingerprint::ofText(u"Zebra-One-111")));
            sawFingerprint = true;
        }
    }
    QVERIFY(sawFingerprint);

    // The copied unified diff is masked too.
    m_diff->copyUnifiedButton()->click();
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY(copied.contains(u"/password"_s));
    QVERIFY(!containsAny(copied, distinctive));
    m_diff->copyPatchButton()->click();
    QVERIFY(!containsAny(QGuiApplication::clipboard()->text(), distinctive));

    // A masked copy is no secret: it stays on the clipboard.
    QVERIFY(!coffer::SecretClipboard::instance()->holdsSecret());

    m_diff->showValuesCheckBox()->setChecked(true);
    const QString revealed = visibleText(m_diff);
    QVERIFY(revealed.contains(u"Zebra-One-111"_s));
    QVERIFY(revealed.contains(u"Quokka-Two-222"_s));
    QVERIFY(revealed.contains(u"db-host-zulu"_s));
    QVERIFY(m_diff->unifiedText().contains(u"Zebra-One-111"_s));
    // With values, a copy is a secret: concealed from clipboard managers, and cleared.
    QSignalSpy messages(m_diff, &SecretDiffPane::messageChanged);
    m_diff->copyPatchButton()->click();
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"Zebra-One-111"_s));
    QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(u"x-kde-passwordManagerHint"_s),
             QByteArray("secret"));
    QVERIFY(coffer::SecretClipboard::instance()->holdsSecret());
    QCOMPARE(messages.takeLast().at(0).toString(),
             u"Copied the JSON Patch with its values. The clipboard clears itself in 30 seconds."_s);
    coffer::SecretClipboard::instance()->clearSecretNow();
    QVERIFY(!QGuiApplication::clipboard()->text().contains(u"Zebra-One-111"_s));
    m_diff->showValuesCheckBox()->setChecked(false);
    QVERIFY(!containsAny(visibleText(m_diff), distinctive));
    QGuiApplication::clipboard()->clear();

    // A version id works as a side as well: v2 → v3 (only the password is equal).
    m_diff->compare(m_ids[1], m_ids[2]);
    waitForDiff();
    QCOMPARE(tree->topLevelItemCount(), 2);
}

void TestVersionsAndDiff::testCompareSecrets()
{
    m_diff->showSecret(secretName);
    m_diff->compareSecrets(otherName);
    waitForDiff();
    QTreeWidget *tree = m_diff->changeTree();
    QCOMPARE(tree->topLevelItemCount(), 4); // user, password, port changed; host removed
    m_diff->otherSecretEdit()->clear();

    // Same value in both: no differences.
    QVERIFY(m_server->store()
                .call(u"PutSecretValue", { { "SecretId", otherName.toStdString() }, { "SecretString", v3 } })
                .has_value());
    m_diff->otherSecretEdit()->setText(otherName);
    m_diff->compareButton()->click();
    waitForDiff();
    QVERIFY(m_diff->currentDiff()->isEqual());
    QCOMPARE(tree->topLevelItemCount(), 0);
    QVERIFY(!m_diff->copyUnifiedButton()->isEnabled());
    QVERIFY(!containsAny(visibleText(m_diff), distinctive));
}

void TestVersionsAndDiff::testMoveAndRemoveCustomLabels()
{
    loadVersions();
    const auto selectVersion = [this](const QString &id) {
        for (int row = 0; row < m_versions->tree()->topLevelItemCount(); ++row) {
            QTreeWidgetItem *item = m_versions->tree()->topLevelItem(row);
            if (item->data(0, SecretVersionsPane::VersionIdRole).toString() == id)
                m_versions->tree()->setCurrentItem(item);
        }
    };
    // Through the real dialog: "blue" on the oldest version.
    selectVersion(m_ids.at(0));
    QVERIFY(m_versions->moveLabelAction()->isEnabled());
    QVERIFY(!m_versions->removeLabelAction()->isEnabled());
    m_versions->moveLabelAction()->trigger();
    QInputDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_versions->findChild<QInputDialog *>(u"MoveLabelDialog"_s)) != nullptr);
    dialog->setTextValue(u"blue"_s);
    QSignalSpy changed(m_versions, &SecretVersionsPane::versionsChanged);
    dialog->accept();
    QVERIFY(changed.wait(20000));
    QCOMPARE(stagesOf(m_ids.at(0)), u"blue"_s);

    // Moving it takes it from where it was.
    QTRY_VERIFY(!m_versions->isLoading());
    m_versions->moveLabel(u"blue"_s, m_ids.at(2));
    QVERIFY(changed.wait(20000));
    QCOMPARE(stagesOf(m_ids.at(0)), QString());
    QCOMPARE(stagesOf(m_ids.at(2)), u"AWSCURRENT,blue"_s);

    // Secrets Manager's own labels are refused before anything is sent.
    QTRY_VERIFY(!m_versions->isLoading());
    m_versions->moveLabel(u"AWSPREVIOUS"_s, m_ids.at(0));
    QVERIFY(m_versions->statusLabel()->text().contains(u"AWSPREVIOUS"_s));
    QCOMPARE(stagesOf(m_ids.at(1)), u"AWSPREVIOUS"_s);

    m_versions->removeLabel(u"blue"_s, m_ids.at(2));
    QVERIFY(changed.wait(20000));
    QCOMPARE(stagesOf(m_ids.at(2)), u"AWSCURRENT"_s);
}

void TestVersionsAndDiff::testRevealOneChange()
{
    // v2 → v3: /port changed, /host added; the password did not change.
    m_diff->showSecret(secretName);
    QTRY_COMPARE_WITH_TIMEOUT(m_diff->fromCombo()->count(), 5, 20000);
    m_diff->compare(m_ids.at(1), m_ids.at(2));
    waitForDiff();
    QTreeWidget *tree = m_diff->changeTree();
    QTreeWidgetItem *host = nullptr;
    for (int row = 0; row < tree->topLevelItemCount(); ++row)
        if (tree->topLevelItem(row)->text(SecretDiffPane::PathColumn) == u"/host"_s)
            host = tree->topLevelItem(row);
    QVERIFY(host);
    QVERIFY(!visibleText(m_diff).contains(u"db-host-zulu"_s));

    // A double-click shows that change's values, and only those; exports follow.
    emit tree->itemDoubleClicked(host, SecretDiffPane::AfterColumn);
    QVERIFY(m_diff->isPathRevealed(u"/host"_s));
    QVERIFY(visibleText(m_diff).contains(u"db-host-zulu"_s));
    QVERIFY(m_diff->unifiedText().contains(u"db-host-zulu"_s));
    QVERIFY(!m_diff->unifiedText().contains(u"5433"_s));
    QVERIFY(!m_diff->isRevealed());
    // One revealed value is enough to make a copy a secret.
    m_diff->copyUnifiedButton()->click();
    QVERIFY(QGuiApplication::clipboard()->text().contains(u"db-host-zulu"_s));
    QVERIFY(coffer::SecretClipboard::instance()->holdsSecret());
    coffer::SecretClipboard::instance()->clearSecretNow();

    m_diff->setPathRevealed(u"/host"_s, false);
    QVERIFY(!visibleText(m_diff).contains(u"db-host-zulu"_s));
    QVERIFY(!m_diff->unifiedText().contains(u"db-host-zulu"_s));
}

QTEST_MAIN(TestVersionsAndDiff)
#include "testversionsanddiff.moc"
