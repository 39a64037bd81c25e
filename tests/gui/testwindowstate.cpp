// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The window tells the truth about its state (issue 16, items 3, 4, 7 and 13): the real main
// window on an in-process sandbox over HTTP. Raw JSON is masked until Reveal All and does not
// carry over to the next secret; Reveal All is pressed only while values show; the Diff tab's
// selectors hold the open secret's versions and are what is compared; the status bar elides
// long messages, forgets "Not saved…" once Undo brings the value back, keeps "Saved as…" over
// the versions' reload, and says what to do when a secret is gone.
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/diff/secretdiff.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsonkind.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/elidedlabel.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"
#include "views/secretdiffpane.h"
#include "views/secretvaluepane.h"
#include "views/secretversionspane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const QByteArray pixell = R"({
  "DB_HOST": "db.pixell.internal",
  "DB_PORT": 5432,
  "DB_PASSWORD": "hunter2-not-real",
  "TLS": true
}
)";
const QByteArray pixellV2
    = R"({"DB_HOST":"db2.pixell.internal","DB_PORT":5432,"DB_PASSWORD":"Zebra-One-111","TLS":true})";
const QByteArray pixellV3
    = R"({"DB_HOST":"db3.pixell.internal","DB_PORT":5433,"DB_PASSWORD":"Zebra-One-111","TLS":true})";
const QByteArray miyabi = R"({"token":"tok-miyabi-1"})";
const QByteArray miyabiV2 = R"({"token":"tok-miyabi-2","extra":"x"})";

void seed(sandbox::SandboxStore &store)
{
    const auto call = [&store](const QString &action, sandbox::Json request) {
        const auto done = store.call(action, request);
        Q_ASSERT(done.has_value());
    };
    call(u"CreateSecret"_s,
         { { "Name", "pixell/prod" }, { "SecretString", pixell.toStdString() } });
    call(u"PutSecretValue"_s,
         { { "SecretId", "pixell/prod" }, { "SecretString", pixellV2.toStdString() } });
    call(u"PutSecretValue"_s,
         { { "SecretId", "pixell/prod" }, { "SecretString", pixellV3.toStdString() } });
    call(u"CreateSecret"_s,
         { { "Name", "miyabi/prod" }, { "SecretString", miyabi.toStdString() } });
    call(u"PutSecretValue"_s,
         { { "SecretId", "miyabi/prod" }, { "SecretString", miyabiV2.toStdString() } });
    call(u"CreateSecret"_s, { { "Name", "legacy/plain" }, { "SecretString", "plain-not-json" } });
}

} // namespace

class TestWindowState final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testRawJsonIsMaskedUntilRevealed();
    void testRawModeDoesNotCarryOverToTheNextSecret();
    void testRevealAllFollowsSaveAndSwitch();
    void testDiffSelectorsFollowTheOpenSecret();
    void testCompareWithAnotherSecretUsesTheSelectors();
    void testLongStatusMessageIsElided();
    void testNotSavedGoesAfterUndo();
    void testLoadingVersionsDoesNotLingerAfterSave();
    void testSaveOfMissingSecretSuggestsRefresh();

private:
    void openSecret(const QString &name);
    [[nodiscard]] QStringList sideIds(const QComboBox *combo) const;
    [[nodiscard]] QStringList versionIdsOf(const QString &name) const;
    [[nodiscard]] QString stored(const QString &name, const QString &stage) const;
    void waitForDiff();
    /// Edits /DB_HOST of the open pixell/prod, deletes the secret on the server, saves.
    void failSaveOfDeletedSecret();
    /// The status bar's message in full (its tooltip when it is elided).
    [[nodiscard]] QString statusMessage() const;

    LocalSandbox *m_sandbox = nullptr;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;
};

void TestWindowState::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestWindowState::init()
{
    m_sandbox = new LocalSandbox({ .dataPath = {}, .persistent = false, .seed = seed });
    m_session = new Session;
    m_window = new MainWindow;
    m_window->setSession(m_session);
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QSignalSpy started(m_sandbox, &LocalSandbox::started);
    m_sandbox->start();
    QVERIFY(started.count() == 1 || started.wait(20000));
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(m_sandbox->clientConfig(), u"Local sandbox"_s);
    QVERIFY(listed.wait(20000));
}

void TestWindowState::cleanup()
{
    m_window->editSession()->load({});
    delete m_window;
    delete m_session;
    delete m_sandbox;
}

void TestWindowState::openSecret(const QString &name)
{
    QVERIFY(m_window->browserPane()->selectName(name));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->editSession()->secretName() == name
                                 && m_window->editSession()->mode()
                                     != SecretEditSession::Mode::Empty
                                 && !m_window->editSession()->isBusy(),
                             20000);
}

QStringList TestWindowState::sideIds(const QComboBox *combo) const
{
    QStringList ids;
    for (int i = 0; i < combo->count(); ++i)
        ids << combo->itemData(i).toString();
    return ids;
}

QStringList TestWindowState::versionIdsOf(const QString &name) const
{
    const auto listed = m_sandbox->server()->store().call(
        u"ListSecretVersionIds",
        { { "SecretId", name.toStdString() }, { "IncludeDeprecated", true } });
    QStringList ids;
    if (listed)
        for (const auto &version : (*listed)["Versions"])
            ids << QString::fromStdString(version["VersionId"].get<std::string>());
    return ids;
}

QString TestWindowState::stored(const QString &name, const QString &stage) const
{
    const auto value = m_sandbox->server()->store().call(
        u"GetSecretValue",
        { { "SecretId", name.toStdString() }, { "VersionStage", stage.toStdString() } });
    return value ? QString::fromStdString((*value)["SecretString"].get<std::string>()) : QString();
}

void TestWindowState::waitForDiff()
{
    QSignalSpy finished(m_window->diffPane(), &SecretDiffPane::comparisonFinished);
    QVERIFY(finished.wait(20000));
}

// --- 3: raw JSON ---------------------------------------------------------------------------------

void TestWindowState::testRawJsonIsMaskedUntilRevealed()
{
    openSecret(u"pixell/prod"_s);
    SecretValuePane *pane = m_window->valuePane();
    QVERIFY(!pane->revealAllAction()->isChecked());
    pane->rawModeAction()->trigger();
    QVERIFY(pane->rawEdit()->isVisible());
    const QString masked = pane->rawEdit()->toPlainText();
    // Keys and layout stay; no value shows, and the text cannot be edited.
    for (const QString &value : { u"db3.pixell"_s, u"5433"_s, u"Zebra-One-111"_s })
        QVERIFY2(!masked.contains(value), "a value shows in the masked raw text");
    QVERIFY(masked.contains(u"\"DB_PASSWORD\":\"%1\""_s.arg(JsonTreeModel::maskText)));
    QVERIFY(masked.contains(u"\"DB_PORT\":%1,"_s.arg(JsonTreeModel::maskText)));
    QVERIFY(masked.contains(u"\"TLS\":true"_s));
    QVERIFY(pane->rawEdit()->isReadOnly());
    QTest::keyClicks(pane->rawEdit(), u"typed"_s);
    QCOMPARE(pane->rawEdit()->toPlainText(), masked);
    QVERIFY(!m_window->editSession()->isModified());

    // Revealed: the exact text, editable.
    pane->revealAllAction()->trigger();
    QCOMPARE(pane->rawEdit()->toPlainText(), QString::fromUtf8(pixellV3));
    QVERIFY(!pane->rawEdit()->isReadOnly());

    // Masked again, with an edit made in the raw text: the edit stays, its value is hidden.
    pane->rawEdit()->selectAll();
    pane->rawEdit()->insertPlainText(QString::fromUtf8(pixellV3).replace(u"5433"_s, u"6543"_s));
    pane->revealAllAction()->trigger();
    QVERIFY(!pane->revealAllAction()->isChecked());
    QVERIFY(m_window->editSession()->isModified());
    QVERIFY(!pane->rawEdit()->toPlainText().contains(u"6543"_s));
    QVERIFY(pane->rawEdit()->isReadOnly());
}

void TestWindowState::testRawModeDoesNotCarryOverToTheNextSecret()
{
    openSecret(u"pixell/prod"_s);
    SecretValuePane *pane = m_window->valuePane();
    pane->rawModeAction()->trigger();
    QVERIFY(pane->rawEdit()->isVisible());

    openSecret(u"miyabi/prod"_s);
    QTRY_VERIFY(pane->treeView()->isVisible());
    QVERIFY(!pane->rawModeAction()->isChecked());
    QVERIFY(!pane->rawEdit()->isVisible());
}

// --- 7: Reveal All -------------------------------------------------------------------------------

void TestWindowState::testRevealAllFollowsSaveAndSwitch()
{
    openSecret(u"pixell/prod"_s);
    SecretValuePane *pane = m_window->valuePane();
    JsonTreeModel *model = m_window->editSession()->jsonModel();
    const auto shownPassword = [model] {
        return model->indexForPointer(u"/DB_PASSWORD"_s)
            .siblingAtColumn(JsonTreeModel::ValueColumn)
            .data(Qt::DisplayRole)
            .toString();
    };
    pane->revealAllAction()->trigger();
    QVERIFY(pane->revealAllAction()->isChecked());
    QCOMPARE(shownPassword(), u"Zebra-One-111"_s);

    // After a save the values are masked again: so is the action.
    QVERIFY(model->setValue(
        model->indexForPointer(u"/DB_HOST"_s).siblingAtColumn(JsonTreeModel::ValueColumn),
        json::JsonKind::String, u"db4.pixell.internal"_s));
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    pane->saveAction()->trigger();
    QVERIFY(saved.wait(20000));
    QCOMPARE(shownPassword(), JsonTreeModel::maskText.toString());
    QVERIFY(!pane->revealAllAction()->isChecked());

    // And after a switch to another secret.
    pane->revealAllAction()->trigger();
    QCOMPARE(shownPassword(), u"Zebra-One-111"_s);
    openSecret(u"miyabi/prod"_s);
    QCOMPARE(model->indexForPointer(u"/token"_s)
                 .siblingAtColumn(JsonTreeModel::ValueColumn)
                 .data(Qt::DisplayRole)
                 .toString(),
             JsonTreeModel::maskText.toString());
    QVERIFY(!pane->revealAllAction()->isChecked());

    // A plain-text secret hidden after a switch: the action is not pressed either.
    pane->revealAllAction()->trigger();
    openSecret(u"legacy/plain"_s);
    QVERIFY(!pane->revealAllAction()->isChecked());
    QVERIFY(!pane->textEdit()->isVisible());
}

// --- 4: the Diff tab -----------------------------------------------------------------------------

void TestWindowState::testDiffSelectorsFollowTheOpenSecret()
{
    SecretDiffPane *diff = m_window->diffPane();
    const QStringList pixellIds = versionIdsOf(u"pixell/prod"_s);
    const QStringList miyabiIds = versionIdsOf(u"miyabi/prod"_s);
    QCOMPARE(pixellIds.size(), 3);
    openSecret(u"pixell/prod"_s);
    m_window->secretTabs()->setCurrentWidget(diff);
    QTRY_COMPARE_WITH_TIMEOUT(diff->fromCombo()->count(), 5, 20000);
    // An old version of pixell/prod on both sides.
    diff->fromCombo()->setCurrentIndex(diff->fromCombo()->findData(pixellIds.first()));
    diff->toCombo()->setCurrentIndex(diff->toCombo()->findData(pixellIds.last()));

    openSecret(u"miyabi/prod"_s);
    QTRY_COMPARE_WITH_TIMEOUT(diff->fromCombo()->count(), 4, 20000);
    for (const QComboBox *combo : { diff->fromCombo(), diff->toCombo() }) {
        for (const QString &id : pixellIds)
            QVERIFY2(!sideIds(combo).contains(id), "a version id of the previous secret stays");
        for (const QString &id : miyabiIds)
            QVERIFY(sideIds(combo).contains(id));
    }
    QCOMPARE(diff->fromCombo()->currentData().toString(), u"AWSPREVIOUS"_s);
    QCOMPARE(diff->toCombo()->currentData().toString(), u"AWSCURRENT"_s);
    QTest::mouseClick(diff->compareButton(), Qt::LeftButton);
    waitForDiff();
    QVERIFY2(diff->currentDiff().has_value(), qPrintable(diff->summaryLabel()->text()));
    QVERIFY(!diff->summaryLabel()->text().contains(u"ResourceNotFound"_s));

    // A save makes a version: the selectors list it, and keep what they showed.
    diff->fromCombo()->setCurrentIndex(diff->fromCombo()->findData(miyabiIds.first()));
    JsonTreeModel *model = m_window->editSession()->jsonModel();
    QVERIFY(model->setValue(
        model->indexForPointer(u"/token"_s).siblingAtColumn(JsonTreeModel::ValueColumn),
        json::JsonKind::String, u"tok-miyabi-3"_s));
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    m_window->valuePane()->save();
    QVERIFY(saved.wait(20000));
    const QString written = saved.first().first().toString();
    QTRY_VERIFY_WITH_TIMEOUT(sideIds(diff->toCombo()).contains(written), 20000);
    QVERIFY(sideIds(diff->fromCombo()).contains(written));
    QCOMPARE(diff->fromCombo()->currentData().toString(), miyabiIds.first());
}

void TestWindowState::testCompareWithAnotherSecretUsesTheSelectors()
{
    SecretDiffPane *diff = m_window->diffPane();
    openSecret(u"pixell/prod"_s);
    m_window->secretTabs()->setCurrentWidget(diff);
    QTRY_COMPARE_WITH_TIMEOUT(diff->fromCombo()->count(), 5, 20000);
    diff->otherSecretEdit()->setFocus();
    QTest::keyClicks(diff->otherSecretEdit(), u"miyabi/prod"_s);
    diff->fromCombo()->setFocus(); // editing finished: To lists the other secret's versions
    const QStringList miyabiIds = versionIdsOf(u"miyabi/prod"_s);
    QTRY_COMPARE_WITH_TIMEOUT(diff->toCombo()->count(), 4, 20000);
    QCOMPARE(sideIds(diff->toCombo()).mid(2), miyabiIds);

    // pixell/prod's AWSPREVIOUS against miyabi/prod's AWSPREVIOUS, as the selectors say.
    diff->fromCombo()->setCurrentIndex(diff->fromCombo()->findData(u"AWSPREVIOUS"_s));
    diff->toCombo()->setCurrentIndex(diff->toCombo()->findData(u"AWSPREVIOUS"_s));
    QTest::mouseClick(diff->compareButton(), Qt::LeftButton);
    waitForDiff();
    QVERIFY(diff->currentDiff().has_value());
    const auto expected = diff::SecretDiff::compare(stored(u"pixell/prod"_s, u"AWSPREVIOUS"_s), {},
                                                    stored(u"miyabi/prod"_s, u"AWSPREVIOUS"_s), {});
    QCOMPARE(diff->currentDiff()->summary(), expected.summary());
    diff->showValuesCheckBox()->setChecked(true);
    QVERIFY(diff->unifiedText().contains(u"Zebra-One-111"_s)); // pixell v2
    QVERIFY(diff->unifiedText().contains(u"tok-miyabi-1"_s)); // miyabi v1
    QVERIFY(!diff->unifiedText().contains(u"tok-miyabi-2"_s));
    diff->showValuesCheckBox()->setChecked(false);
}

void TestWindowState::failSaveOfDeletedSecret()
{
    openSecret(u"pixell/prod"_s);
    JsonTreeModel *model = m_window->editSession()->jsonModel();
    QVERIFY(model->setValue(
        model->indexForPointer(u"/DB_HOST"_s).siblingAtColumn(JsonTreeModel::ValueColumn),
        json::JsonKind::String, u"db4.pixell.internal"_s));
    QVERIFY(m_window->editSession()->isModified());
    // What a sandbox restarted without its data looks like to the window.
    QVERIFY(m_sandbox->server()
                ->store()
                .call(u"DeleteSecret",
                      { { "SecretId", "pixell/prod" }, { "ForceDeleteWithoutRecovery", true } })
                .has_value());
    QSignalSpy failed(m_window->editSession(), &SecretEditSession::saveFailed);
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY(failed.wait(20000));
}

QString TestWindowState::statusMessage() const
{
    const QStatusBar *bar = m_window->statusBar();
    return bar->toolTip().isEmpty() ? bar->currentMessage() : bar->toolTip();
}

// --- 13: the status bar --------------------------------------------------------------------------

void TestWindowState::testLongStatusMessageIsElided()
{
    m_window->resize(1000, 700);
    QTest::qWait(50);
    openSecret(u"pixell/prod"_s);
    SecretDiffPane *diff = m_window->diffPane();
    m_window->secretTabs()->setCurrentWidget(diff);
    // A secret that does not exist, with a long name: the error names it.
    const QString missing = u"team/"_s + QString(160, u'x') + u"/end"_s;
    diff->otherSecretEdit()->setText(missing);
    QTest::mouseClick(diff->compareButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(statusMessage().contains(u"/end"_s), 20000);
    const QStatusBar *bar = m_window->statusBar();
    const QString shown = bar->currentMessage();
    QVERIFY2(shown.endsWith(u'…'), qPrintable(shown));
    QVERIFY(bar->toolTip().contains(missing));
    const QLabel *connection = m_window->connectionLabel();
    QVERIFY(connection->isVisible());
    QVERIFY2(bar->fontMetrics().horizontalAdvance(shown) < connection->geometry().left(),
             "the message runs into the connection label");
}

void TestWindowState::testNotSavedGoesAfterUndo()
{
    failSaveOfDeletedSecret();
    SecretValuePane *pane = m_window->valuePane();
    QVERIFY(pane->statusLabel()->text().startsWith(u"Not saved"_s));
    QVERIFY(statusMessage().startsWith(u"Not saved"_s));
    pane->undoAction()->trigger();
    QVERIFY(!m_window->editSession()->isModified());
    QVERIFY2(!pane->statusLabel()->text().contains(u"Not saved"_s),
             qPrintable(pane->statusLabel()->text()));
    QVERIFY2(!statusMessage().contains(u"Not saved"_s), qPrintable(statusMessage()));
}

void TestWindowState::testLoadingVersionsDoesNotLingerAfterSave()
{
    openSecret(u"pixell/prod"_s);
    JsonTreeModel *model = m_window->editSession()->jsonModel();
    QVERIFY(model->setValue(
        model->indexForPointer(u"/DB_HOST"_s).siblingAtColumn(JsonTreeModel::ValueColumn),
        json::JsonKind::String, u"db4.pixell.internal"_s));
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY(saved.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->versionsPane()->isLoading(), 20000);
    QVERIFY2(!statusMessage().contains(u"Loading versions"_s), qPrintable(statusMessage()));
    QVERIFY2(statusMessage().startsWith(u"Saved as version"_s), qPrintable(statusMessage()));
}

void TestWindowState::testSaveOfMissingSecretSuggestsRefresh()
{
    failSaveOfDeletedSecret();
    const QString message = statusMessage();
    QVERIFY2(message.contains(u"does not exist"_s), qPrintable(message));
    QVERIFY2(message.contains(u"Refresh (F5)"_s), qPrintable(message));
    QVERIFY(m_window->valuePane()->statusLabel()->text().contains(u"Refresh (F5)"_s));
    // The edit is still there to be saved elsewhere or copied.
    QVERIFY(m_window->editSession()->isModified());
}

QTEST_MAIN(TestWindowState)
#include "testwindowstate.moc"
