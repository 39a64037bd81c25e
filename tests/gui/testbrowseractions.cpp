// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the browser's context menu does, against the sandbox over HTTP: copy a name or ARN,
// create a secret in a namespace (from a sibling's keys), delete with a recovery window or for
// good, restore; and a typed prefix asked of the server. Plus the clipboard's hygiene for values.
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/json/jsonnode.h"
#include "models/editor/secreteditsession.h"
#include "models/editor/jsontreemodel.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/deletesecretdialog.h"
#include "views/mainwindow.h"
#include "views/newsecretdialog.h"
#include "views/policypreviewpane.h"
#include "views/secretversionspane.h"
#include "views/secretbrowserpane.h"
#include "views/secretclipboard.h"
#include "views/secretvaluepane.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

void seed(sandbox::SandboxStore &store)
{
    for (const char *name : { "pixell/dev", "pixell/prod", "sophon/prod/auth/jwt-keys" }) {
        const auto created = store.call(
            u"CreateSecret",
            { { "Name", name },
              { "SecretString", R"({"DB_HOST":"h","DB_PORT":5432,"nested":{"user":"u"}})" } });
        Q_ASSERT(created.has_value());
    }
}

} // namespace

class TestBrowserActions final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testCopyNameAndArn();
    void testCopiedValueIsConcealedAndCleared();
    void testNewSecretInNamespaceFromSiblingKeys();
    void testNewSecretNameIsCheckedAsAwsDoes();
    void testDeleteWithRecoveryThenRestore();
    void testForcedDeleteNeedsTheNameTyped();
    void testTypedPrefixIsAskedOfTheServer();
    void testViewsFollowTheSelection();
    void testFilterHidingTheOpenSecretMovesNothing();

private:

    LocalSandbox *m_sandbox = nullptr;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;
};

void TestBrowserActions::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestBrowserActions::init()
{
    m_sandbox = new LocalSandbox({ .dataPath = {}, .persistent = false, .seed = seed });
    m_session = new Session;
    m_window = new MainWindow;
    m_window->setSession(m_session);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QSignalSpy started(m_sandbox, &LocalSandbox::started);
    m_sandbox->start();
    QVERIFY(started.count() == 1 || started.wait(20000));
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(m_sandbox->clientConfig(), u"Local sandbox"_s);
    QVERIFY(listed.wait(20000));
}

void TestBrowserActions::cleanup()
{
    delete m_window;
    delete m_session;
    delete m_sandbox;
}

void TestBrowserActions::testCopyNameAndArn()
{
    SecretBrowserPane *browser = m_window->browserPane();
    QVERIFY(browser->selectName(u"pixell/prod"_s));
    browser->contextMenu()->popup({});   // built for the current row, as a right-click does
    QVERIFY(browser->copyNameAction()->isEnabled());
    QVERIFY(browser->copyArnAction()->isEnabled());
    QVERIFY(!browser->restoreSecretAction()->isVisible());
    browser->contextMenu()->hide();

    browser->treeView()->setFocus();
    QTest::keySequence(browser->treeView(), QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"pixell/prod"_s);
    browser->copyArnAction()->trigger();
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(
        u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-"_s));

    // A namespace has a name to copy but no ARN.
    QVERIFY(browser->selectName(u"sophon/prod/"_s));
    QVERIFY(browser->copyNameAction()->isEnabled());
    QVERIFY(!browser->copyArnAction()->isEnabled());
    QVERIFY(!browser->deleteSecretAction()->isEnabled());
}

void TestBrowserActions::testCopiedValueIsConcealedAndCleared()
{
    SecretClipboard clipboard;
    clipboard.setClearDelay(std::chrono::milliseconds(300));
    QSignalSpy cleared(&clipboard, &SecretClipboard::secretCleared);
    clipboard.copySecret(u"s3cr3t-value"_s);
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    QCOMPARE(mime->text(), u"s3cr3t-value"_s);
    QCOMPARE(mime->data(u"x-kde-passwordManagerHint"_s), QByteArray("secret"));
    QVERIFY(clipboard.holdsSecret());
    QVERIFY(cleared.wait(5000));
    QVERIFY(QGuiApplication::clipboard()->text().isEmpty());

    // What the user copied since is theirs: it is not cleared.
    clipboard.copySecret(u"another"_s);
    QGuiApplication::clipboard()->setText(u"user's own text"_s);
    QVERIFY(cleared.wait(5000));
    QCOMPARE(QGuiApplication::clipboard()->text(), u"user's own text"_s);
}

void TestBrowserActions::testNewSecretInNamespaceFromSiblingKeys()
{
    SecretBrowserPane *browser = m_window->browserPane();
    QVERIFY(browser->selectName(u"pixell/dev"_s));
    browser->newSecretAction()->trigger();
    NewSecretDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<NewSecretDialog *>()) != nullptr);
    QCOMPARE(dialog->nameEdit()->text(), u"pixell/"_s);
    QVERIFY(!dialog->buttonBox()->button(QDialogButtonBox::Ok)->isEnabled());
    // Typing continues after the namespace.
    QTRY_VERIFY(dialog->nameEdit()->hasFocus() && !dialog->nameEdit()->hasSelectedText());
    QTest::keyClicks(dialog->nameEdit(), u"staging"_s);
    QTest::keyClicks(dialog->descriptionEdit(), u"Pixell staging settings"_s);
    QTest::keyClicks(dialog->tagsEdit(), u"team=pixell"_s);

    // Start from pixell/prod's keys: the shape, none of the values.
    const int sibling = dialog->templateCombo()->findData(u"pixell/prod"_s);
    QVERIFY(sibling >= 0);
    dialog->templateCombo()->setCurrentIndex(sibling);
    emit dialog->templateCombo()->activated(sibling);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->valueEdit()->toPlainText(),
                              u"{\n  \"DB_HOST\": \"\",\n  \"DB_PORT\": 0,\n  \"nested\": {\n    \"user\": \"\"\n  }\n}"_s,
                              20000);
    QVERIFY(dialog->buttonBox()->button(QDialogButtonBox::Ok)->isEnabled());
    QSignalSpy listed(m_session->catalog(), &NamespaceTreeModel::secretCountChanged);
    dialog->buttonBox()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(listed.wait(20000));

    const auto described = m_sandbox->server()->store().call(
        u"DescribeSecret", { { "SecretId", "pixell/staging" } });
    QVERIFY(described.has_value());
    QCOMPARE((*described)["Description"].get<std::string>(), std::string("Pixell staging settings"));
    QCOMPARE((*described)["Tags"][0]["Value"].get<std::string>(), std::string("pixell"));
    QTRY_COMPARE(browser->currentSecretName(), u"pixell/staging"_s);
}

void TestBrowserActions::testNewSecretNameIsCheckedAsAwsDoes()
{
    NewSecretDialog dialog(u"pixell/"_s, {});
    QPushButton *create = dialog.buttonBox()->button(QDialogButtonBox::Ok);
    dialog.nameEdit()->setText(u"pixell/with space"_s);
    QVERIFY(!create->isEnabled());
    QVERIFY(dialog.problemLabel()->text().contains(u"' '"_s));
    dialog.nameEdit()->setText(QString(513, u'a'));
    QVERIFY(dialog.problemLabel()->text().contains(u"513"_s));
    dialog.nameEdit()->setText(u"pixell/api-AbCdEf"_s);
    QVERIFY(create->isEnabled());
    QVERIFY(dialog.findChild<QLabel *>(u"NameWarning"_s)->text().contains(u"six characters"_s));
    dialog.valueEdit()->setPlainText(u"{\"a\": }"_s);
    QVERIFY(!create->isEnabled());
    QVERIFY2(dialog.problemLabel()->text().contains(u"line 1, column 7"_s),
             qPrintable(dialog.problemLabel()->text()));
    dialog.valueEdit()->setPlainText(QString(65537, u'x'));
    QVERIFY(dialog.problemLabel()->text().contains(u"65536"_s));
    dialog.valueEdit()->setPlainText(u"plain token"_s);
    QVERIFY(create->isEnabled());
    dialog.tagsEdit()->setPlainText(u"aws:owner=me"_s);
    QVERIFY(!create->isEnabled());
}

void TestBrowserActions::testDeleteWithRecoveryThenRestore()
{
    SecretBrowserPane *browser = m_window->browserPane();
    QVERIFY(browser->selectName(u"pixell/dev"_s));
    browser->treeView()->setFocus();
    QTest::keySequence(browser->treeView(), QKeySequence::Delete);
    DeleteSecretDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<DeleteSecretDialog *>()) != nullptr);
    QCOMPARE(dialog->recoveryDaysSpinBox()->value(), 30);
    dialog->recoveryDaysSpinBox()->setValue(7);
    QSignalSpy changed(m_session->catalog(), &QAbstractItemModel::dataChanged);
    dialog->buttonBox()->button(QDialogButtonBox::Ok)->click();
    QVERIFY(changed.wait(20000));

    const auto described =
        m_sandbox->server()->store().call(u"DescribeSecret", { { "SecretId", "pixell/dev" } });
    QVERIFY(described.has_value() && described->contains("DeletedDate"));
    // Hidden unless the switch is on; there, it can be restored.
    QVERIFY(!browser->selectName(u"pixell/dev"_s));
    browser->showDeletedCheckBox()->setChecked(true);
    QVERIFY(browser->selectName(u"pixell/dev"_s));
    QVERIFY(browser->restoreSecretAction()->isEnabled());
    QVERIFY(!browser->deleteSecretAction()->isEnabled());
    browser->restoreSecretAction()->trigger();
    QVERIFY(changed.wait(20000));
    const auto restored =
        m_sandbox->server()->store().call(u"DescribeSecret", { { "SecretId", "pixell/dev" } });
    QVERIFY(restored.has_value() && !restored->contains("DeletedDate"));
    QTRY_VERIFY(browser->deleteSecretAction()->isEnabled());
}

void TestBrowserActions::testForcedDeleteNeedsTheNameTyped()
{
    SecretBrowserPane *browser = m_window->browserPane();
    QVERIFY(browser->selectName(u"pixell/prod"_s));
    browser->deleteSecretAction()->trigger();
    DeleteSecretDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<DeleteSecretDialog *>()) != nullptr);
    QPushButton *confirm = dialog->buttonBox()->button(QDialogButtonBox::Ok);
    dialog->forceRadio()->setChecked(true);
    QVERIFY(!confirm->isEnabled());
    QTest::keyClicks(dialog->confirmEdit(), u"pixell/pro"_s);
    QVERIFY(!confirm->isEnabled());
    QTest::keyClicks(dialog->confirmEdit(), u"d"_s);
    QVERIFY(confirm->isEnabled());
    QSignalSpy count(m_session->catalog(), &NamespaceTreeModel::secretCountChanged);
    confirm->click();
    QVERIFY(count.wait(20000));
    QVERIFY(!m_sandbox->server()->store().call(u"DescribeSecret", { { "SecretId", "pixell/prod" } }).has_value());
    QVERIFY(!m_session->catalog()->secret(u"pixell/prod"_s));
}

void TestBrowserActions::testTypedPrefixIsAskedOfTheServer()
{
    // A secret the listing has not brought yet (as in a large account still loading).
    QVERIFY(m_session->catalog()->removeSecret(u"sophon/prod/auth/jwt-keys"_s));
    SecretBrowserPane *browser = m_window->browserPane();
    browser->setServerSearchThreshold(0);
    browser->setServerSearchDelay(10);
    QSignalSpy asked(browser, &SecretBrowserPane::serverSearchRequested);
    QSignalSpy found(m_session->prefixLoader(), &SecretCatalogLoader::loadingFinished);
    QTest::keyClicks(browser->filterEdit(), u"sophon/pr"_s);
    QVERIFY(found.wait(20000));
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.at(0).at(0).toString(), u"sophon/pr"_s);
    QVERIFY(m_session->catalog()->secret(u"sophon/prod/auth/jwt-keys"_s));
    QVERIFY(browser->selectName(u"sophon/prod/auth/jwt-keys"_s));
    // Words that cannot start a name stay local.
    browser->filterEdit()->setText(u"jwt keys"_s);
    QTest::qWait(100);
    QCOMPARE(asked.count(), 1);
}

void TestBrowserActions::testViewsFollowTheSelection()
{
    SecretBrowserPane *browser = m_window->browserPane();
    QTabWidget *tabs = m_window->secretTabs();
    // A secret has every view, and opens on the one asked for.
    QVERIFY(browser->selectName(u"pixell/prod"_s));
    for (const QString &view : MainWindow::viewNames())
        QVERIFY2(m_window->showView(view), qPrintable(view));
    QVERIFY(m_window->showView(u"versions"_s));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->versionsPane()));
    QVERIFY(!m_window->showView(u"history"_s));

    // A namespace has its policy and checks only.
    QVERIFY(browser->selectName(u"sophon/prod/"_s));
    QCOMPARE(m_window->detailArea()->currentWidget(), static_cast<QWidget *>(tabs));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->policyPane()));
    QVERIFY(!m_window->showView(u"value"_s));
    QVERIFY(!m_window->showView(u"versions"_s));
    QVERIFY(m_window->showView(u"checks"_s));
    QVERIFY(m_window->windowTitle().startsWith(u"sophon/prod/"_s));
}

void TestBrowserActions::testFilterHidingTheOpenSecretMovesNothing()
{
    // #16 item 9: typing in the filter jumped the selection to another row and opened its view.
    SecretBrowserPane *browser = m_window->browserPane();
    QTabWidget *tabs = m_window->secretTabs();
    QVERIFY(browser->selectName(u"pixell/prod"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->editSession()->secretName() == u"pixell/prod"_s
                                 && !m_window->editSession()->isBusy(),
                             20000);
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->valuePane()));
    // An unsaved edit, so that any switch would ask.
    JsonTreeModel *model = m_window->editSession()->jsonModel();
    QVERIFY(model->setValue(model->indexForPointer(u"/DB_HOST"_s).siblingAtColumn(JsonTreeModel::ValueColumn),
                            json::JsonKind::String, u"h2"_s));
    QVERIFY(m_window->editSession()->isModified());
    QSignalSpy chosen(browser, &SecretBrowserPane::currentSecretChanged);

    // "sophon" hides pixell/prod and its whole namespace.
    QTest::keyClicks(browser->filterEdit(), u"sophon"_s);
    QTest::qWait(50);
    QCOMPARE(chosen.count(), 0);
    QVERIFY(!m_window->findChild<QMessageBox *>(u"DiscardChangesDialog"_s));
    QCOMPARE(m_window->detailArea()->currentWidget(), static_cast<QWidget *>(tabs));
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->valuePane()));
    QCOMPARE(m_window->editSession()->secretName(), u"pixell/prod"_s);
    QVERIFY(m_window->editSession()->isModified());
    QVERIFY(!browser->treeView()->currentIndex().isValid());

    // "pix" shows it again, current again; still nothing was opened or asked.
    browser->filterEdit()->clear();
    QTest::keyClicks(browser->filterEdit(), u"pix"_s);
    QCOMPARE(browser->currentSecretName(), u"pixell/prod"_s);
    QCOMPARE(chosen.count(), 0);
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(m_window->valuePane()));

    // No edit left for the window to ask about when it closes.
    m_window->editSession()->load({});
}

QTEST_MAIN(TestBrowserActions)
#include "testbrowseractions.moc"
