// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The window keeps its shape and says why it is empty (issue 16, items 5, 11 and 14): the real
// main window on an in-process sandbox over HTTP. A 300-character secret name neither widens the
// window nor squeezes the browser; the value toolbar keeps its size and its buttons in place
// across edits and fits the default width; a filter without a match and an empty JSON object say
// so in the view, with the way out.
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsonkind.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/elidedlabel.h"
#include "views/emptystateoverlay.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"
#include "views/secretdetailspane.h"
#include "views/secretdiffpane.h"
#include "views/secretvaluepane.h"
#include "views/secretversionspane.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const QByteArray pixell
    = R"({"DB_HOST":"db.pixell.internal","DB_PORT":5432,"DB_PASSWORD":"hunter2-not-real"})";

// 300 characters, in namespaces as real names are, with a long last part.
QString longName()
{
    const QString head = u"paintbox/production/jwt/"_s;
    const QString name = head + QString(300 - head.size() - 4, u'k') + u"-end"_s;
    Q_ASSERT(name.size() == 300);
    return name;
}

void seed(sandbox::SandboxStore &store)
{
    const auto create = [&store](const QString &name, const QByteArray &value) {
        const auto created = store.call(
            u"CreateSecret"_s,
            { { "Name", name.toStdString() },
              { "SecretString", value.toStdString() },
              { "Description",
                "A description as long as a name can be: " + longName().toStdString() } });
        Q_ASSERT(created.has_value());
    };
    create(u"pixell/prod"_s, pixell);
    create(longName(), pixell);
    create(u"empty/object"_s, "{}");
    create(u"empty/array"_s, " [ ] ");
}

} // namespace

class TestWindowLayout final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testLongSecretNameDoesNotWidenTheWindow();
    void testLongConnectionDoesNotWidenTheWindow();
    void testStayingStatusMessageFollowsTheWindowSize();
    void testValueToolBarKeepsItsSizeAcrossEdits();
    void testVersionsToolBarFitsTheDefaultWidth();
    void testLoadedVersionIsSaidOnce();
    void testFilterWithoutMatchSaysSoAndClears();
    void testEmptyAccountSaysSo();
    void testEmptyJsonSaysHowToAdd_data();
    void testEmptyJsonSaysHowToAdd();

private:
    void openSecret(const QString &name);
    [[nodiscard]] QToolBar *valueToolBar() const;
    /// Where each shown button of the value toolbar starts.
    [[nodiscard]] QList<int> buttonPositions() const;

    LocalSandbox *m_sandbox = nullptr;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;
};

void TestWindowLayout::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestWindowLayout::init()
{
    m_sandbox = new LocalSandbox({ .dataPath = {}, .persistent = false, .seed = seed });
    m_session = new Session;
    m_window = new MainWindow;
    m_window->setSession(m_session);
    // The size a first start (and the README's pictures) has.
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QSignalSpy started(m_sandbox, &LocalSandbox::started);
    m_sandbox->start();
    QVERIFY(started.count() == 1 || started.wait(20000));
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(m_sandbox->clientConfig(), u"Local sandbox"_s);
    QVERIFY(listed.wait(20000));
    QCOMPARE(m_window->width(), 1100);
}

void TestWindowLayout::cleanup()
{
    m_window->editSession()->load({});
    delete m_window;
    delete m_session;
    delete m_sandbox;
}

void TestWindowLayout::openSecret(const QString &name)
{
    QVERIFY(m_window->browserPane()->selectName(name));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->editSession()->secretName() == name && !m_window->editSession()->isBusy(), 20000);
}

QToolBar *TestWindowLayout::valueToolBar() const
{
    return m_window->valuePane()->findChild<QToolBar *>(u"ValueToolBar"_s);
}

QList<int> TestWindowLayout::buttonPositions() const
{
    QList<int> positions;
    QToolBar *bar = valueToolBar();
    for (QAction *action : bar->actions()) {
        if (QWidget *button = bar->widgetForAction(action); button && button->isVisible())
            positions << button->x();
    }
    return positions;
}

// --- 5: a long name ------------------------------------------------------------------------------

void TestWindowLayout::testLongSecretNameDoesNotWidenTheWindow()
{
    const QString name = longName();
    openSecret(name);
    // Every view of the secret, as a user clicks through them; the versions load their list.
    for (int tab = 0; tab < m_window->secretTabs()->count(); ++tab) {
        m_window->secretTabs()->setCurrentIndex(tab);
        QTest::qWait(20);
        const int minimum = m_window->minimumSizeHint().width();
        QVERIFY2(minimum < 1000,
                 qPrintable(u"the window needs %1 px on the %2 tab"_s.arg(minimum).arg(
                     m_window->secretTabs()->tabText(tab))));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->versionsPane()->isLoading(), 20000);
    QTest::qWait(50);
    QVERIFY2(m_window->minimumSizeHint().width() < 1000,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    QCOMPARE(m_window->width(), 1100);

    // A message that names it (comparing with a secret of a longer name that does not exist).
    SecretDiffPane *diff = m_window->diffPane();
    m_window->secretTabs()->setCurrentWidget(diff);
    diff->otherSecretEdit()->setText(name + u"-missing"_s);
    QTest::mouseClick(diff->compareButton(), Qt::LeftButton);
    const auto *summary = diff->findChild<QLabel *>(u"DiffSummaryLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(summary->text().contains(u"-missing"_s), 20000);
    QTest::qWait(20);
    QVERIFY2(m_window->minimumSizeHint().width() < 1000,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    QCOMPARE(m_window->width(), 1100);

    // The browser keeps its share of the window: names in it stay readable.
    const auto *splitter = m_window->findChild<QSplitter *>(u"MainSplitter"_s);
    QVERIFY2(splitter->sizes().at(0) >= 300, qPrintable(QString::number(splitter->sizes().at(0))));

    // The header shows as much of the name as fits, and the whole name on hover.
    m_window->secretTabs()->setCurrentWidget(m_window->detailsPane());
    QTest::qWait(20);
    const auto *title = m_window->detailsPane()->findChild<QLabel *>(u"SecretTitle"_s);
    QVERIFY(title);
    // Elided in the middle: the project it belongs to and the end of its name both show.
    QVERIFY2(title->text().contains(u'…'), qPrintable(title->text()));
    QVERIFY(title->text().startsWith(u"paintbox/production/jwt/"_s));
    QVERIFY(title->text().endsWith(u"-end"_s));
    QCOMPARE(title->toolTip(), name);
    QVERIFY(title->width() <= m_window->detailsPane()->width());
    // The window title and Details still carry the full name for copying.
    QVERIFY(m_window->windowTitle().contains(name));
    QCOMPARE(m_window->detailsPane()->secretName(), name);

    // Going back to a short name gives the short name whole, without a tooltip.
    openSecret(u"pixell/prod"_s);
    QCOMPARE(title->text(), u"pixell/prod"_s);
    QVERIFY(title->toolTip().isEmpty());
}

void TestWindowLayout::testLongConnectionDoesNotWidenTheWindow()
{
    // The status bar: the longest profile name there can be, and a long warning beside it.
    const QString profile = u"team-"_s + QString(59, u'p');
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(m_sandbox->clientConfig(), profile);
    QVERIFY(listed.wait(20000));
    const QString warning = u"Plain HTTP to http://"_s + QString(120, u'h')
        + u".internal:8080 (allowed by the setting of profile "_s + profile + u")"_s;
    m_window->setConnectionWarning(warning);
    QLabel *connection = m_window->connectionLabel();
    QTRY_VERIFY_WITH_TIMEOUT(connection->toolTip().contains(u"arn:aws:"_s), 20000);
    QTest::qWait(20);
    QVERIFY2(m_window->minimumSizeHint().width() < 1000,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    QCOMPARE(m_window->width(), 1100);
    // Both fit in the window, and say the rest on hover.
    QLabel *shownWarning = m_window->connectionWarningLabel();
    QVERIFY(shownWarning->isVisible());
    QVERIFY2(shownWarning->text().endsWith(u'…'), qPrintable(shownWarning->text()));
    QVERIFY(shownWarning->toolTip().contains(warning));
    QVERIFY(connection->geometry().right() <= m_window->statusBar()->width());
    QVERIFY(connection->text().startsWith(u"team-ppp"_s));
    QVERIFY(connection->toolTip().contains(profile) || connection->text().contains(profile));

    // Without the warning, the connection has its room back and shows whole.
    m_window->setConnectionWarning({});
    QTRY_VERIFY(!connection->text().endsWith(u'…'));
    QVERIFY(connection->text().contains(profile));
}

void TestWindowLayout::testStayingStatusMessageFollowsTheWindowSize()
{
    // Such as the application's "No secret named … in this account." for --secret.
    const QString message = u"No secret named %1 in this account."_s.arg(longName());
    m_window->showStatusMessage(message, 0);
    QStatusBar *bar = m_window->statusBar();
    const QLabel *connection = m_window->connectionLabel();
    const auto fits = [&] {
        const QString shown = bar->currentMessage();
        return shown.endsWith(u'…')
            && bar->fontMetrics().horizontalAdvance(shown) < connection->geometry().left();
    };
    QVERIFY2(fits(), qPrintable(bar->currentMessage()));
    QCOMPARE(bar->toolTip(), message);
    const qsizetype wide = bar->currentMessage().size();

    // Narrower, it is elided again to the room there is now; wider, it shows more.
    m_window->resize(800, 700);
    QTRY_VERIFY2(fits() && bar->currentMessage().size() < wide, qPrintable(bar->currentMessage()));
    m_window->resize(1300, 700);
    QTRY_VERIFY2(fits() && bar->currentMessage().size() > wide, qPrintable(bar->currentMessage()));
    QCOMPARE(bar->toolTip(), message);
}

// --- 13: the loaded version is said under the editor, not again in the status bar -------------

void TestWindowLayout::testLoadedVersionIsSaidOnce()
{
    openSecret(u"pixell/prod"_s);
    const QString version = m_window->editSession()->loadedVersionId();
    QVERIFY(!version.isEmpty());
    QTRY_VERIFY(m_window->valuePane()->statusLabel()->text().contains(version));
    QTest::qWait(50);
    QVERIFY2(!m_window->statusBar()->currentMessage().contains(version),
             qPrintable(m_window->statusBar()->currentMessage()));
}

// --- 11: the value toolbar -----------------------------------------------------------------------

void TestWindowLayout::testValueToolBarKeepsItsSizeAcrossEdits()
{
    openSecret(u"pixell/prod"_s);
    QToolBar *bar = valueToolBar();
    QVERIFY(bar);
    SecretValuePane *pane = m_window->valuePane();
    // Laid out once every visible action shows its button: none is in the overflow menu.
    const auto shownActions = [bar] {
        return std::count_if(bar->actions().cbegin(), bar->actions().cend(),
                             [](const QAction *action) { return action->isVisible(); });
    };
    QTRY_COMPARE(buttonPositions().size(), shownActions());
    const int before = bar->sizeHint().width();
    const QList<int> positions = buttonPositions();
    QVERIFY(positions.size() >= 6);

    JsonTreeModel *model = m_window->editSession()->jsonModel();
    QVERIFY(model->setValue(
        model->indexForPointer(u"/DB_HOST"_s).siblingAtColumn(JsonTreeModel::ValueColumn),
        json::JsonKind::String, u"db2.pixell.internal"_s));
    QVERIFY(m_window->editSession()->isModified());
    QTest::qWait(20);
    // The button keeps its text; the step it undoes is in its tooltip.
    QCOMPARE(pane->undoAction()->text(), u"&Undo"_s);
    QVERIFY2(pane->undoAction()->toolTip().contains(u"Change value"_s),
             qPrintable(pane->undoAction()->toolTip()));
    QCOMPARE(bar->sizeHint().width(), before);
    QCOMPARE(buttonPositions(), positions);

    // Undo, and the Redo it makes possible, leave the buttons where they were too.
    pane->undoAction()->trigger();
    QTest::qWait(20);
    QVERIFY2(pane->redoAction()->toolTip().contains(u"Change value"_s),
             qPrintable(pane->redoAction()->toolTip()));
    QCOMPARE(bar->sizeHint().width(), before);
    QCOMPARE(buttonPositions(), positions);

    // At the default window size every button shows: none hides in the overflow menu.
    QVERIFY2(bar->sizeHint().width() <= bar->width(),
             qPrintable(u"%1 > %2"_s.arg(bar->sizeHint().width()).arg(bar->width())));
    for (QAction *action : bar->actions()) {
        if (action->isVisible() && !action->isSeparator())
            QVERIFY2(bar->widgetForAction(action)->isVisible(), qPrintable(action->text()));
    }
}

void TestWindowLayout::testVersionsToolBarFitsTheDefaultWidth()
{
    openSecret(u"pixell/prod"_s);
    m_window->secretTabs()->setCurrentWidget(m_window->versionsPane());
    auto *bar = m_window->versionsPane()->findChild<QToolBar *>(u"VersionsToolBar"_s);
    QVERIFY(bar);
    QTRY_VERIFY(bar->isVisible() && bar->width() > 0);
    QVERIFY2(bar->sizeHint().width() <= bar->width(),
             qPrintable(u"%1 > %2"_s.arg(bar->sizeHint().width()).arg(bar->width())));
    for (QAction *action : bar->actions()) {
        if (action->isVisible() && !action->isSeparator())
            QVERIFY2(bar->widgetForAction(action)->isVisible(), qPrintable(action->text()));
    }
}

// --- 14: empty states ----------------------------------------------------------------------------

void TestWindowLayout::testFilterWithoutMatchSaysSoAndClears()
{
    SecretBrowserPane *browser = m_window->browserPane();
    auto *overlay = browser->findChild<EmptyStateOverlay *>(u"BrowserEmptyState"_s);
    QVERIFY(overlay);
    QVERIFY(!overlay->isVisible());

    QTest::keyClicks(browser->filterEdit(), u"xyz"_s);
    QTRY_VERIFY(overlay->isVisible());
    QCOMPARE(overlay->label()->text(), u"No secret matches “xyz”."_s);
    // It sits in the tree, not in a box of its own.
    QCOMPARE(overlay->parentWidget(), browser->treeView()->viewport());
    QVERIFY(browser->treeView()->viewport()->rect().contains(overlay->geometry()));
    QPushButton *clear = overlay->button();
    QVERIFY(clear->isVisible());
    QTest::mouseClick(clear, Qt::LeftButton);
    QVERIFY(browser->filterEdit()->text().isEmpty());
    QVERIFY(!overlay->isVisible());
    QVERIFY(browser->treeView()->model()->rowCount() > 0);

    // A filter that matches shows no message.
    QTest::keyClicks(browser->filterEdit(), u"pixell"_s);
    QTest::qWait(20);
    QVERIFY(!overlay->isVisible());
}

void TestWindowLayout::testEmptyAccountSaysSo()
{
    SecretBrowserPane *browser = m_window->browserPane();
    auto *overlay = browser->findChild<EmptyStateOverlay *>(u"BrowserEmptyState"_s);
    QVERIFY(overlay);
    QVERIFY(!overlay->isVisible());

    // Another account, with no secret at all.
    LocalSandbox empty({ .dataPath = {}, .persistent = false, .seed = {} });
    QSignalSpy started(&empty, &LocalSandbox::started);
    empty.start();
    QVERIFY(started.count() == 1 || started.wait(20000));
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(empty.clientConfig(), u"Empty"_s);
    QVERIFY(listed.wait(20000));
    QTRY_VERIFY(overlay->isVisible());
    QVERIFY2(overlay->label()->text().startsWith(u"There are no secrets here yet."_s),
             qPrintable(overlay->label()->text()));
    QVERIFY(!overlay->button()->isVisible());

    // Back on an account with secrets, the message goes.
    QSignalSpy relisted(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(m_sandbox->clientConfig(), u"Local sandbox"_s);
    QVERIFY(relisted.wait(20000));
    QTRY_VERIFY(!overlay->isVisible());
    QVERIFY(browser->treeView()->model()->rowCount() > 0);
}

void TestWindowLayout::testEmptyJsonSaysHowToAdd_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("buttonText");
    QTest::newRow("object") << u"empty/object"_s << u"This secret is an empty JSON object."_s
                            << u"Add &Key"_s;
    QTest::newRow("array") << u"empty/array"_s << u"This secret is an empty JSON array."_s
                           << u"Add &Item"_s;
}

void TestWindowLayout::testEmptyJsonSaysHowToAdd()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    QFETCH(QString, buttonText);
    SecretValuePane *pane = m_window->valuePane();
    auto *overlay = pane->findChild<EmptyStateOverlay *>(u"ValueEmptyState"_s);
    QVERIFY(overlay);
    openSecret(u"pixell/prod"_s);
    QVERIFY(!overlay->isVisible());

    openSecret(name);
    QTRY_VERIFY(overlay->isVisible());
    QVERIFY2(overlay->label()->text().startsWith(message), qPrintable(overlay->label()->text()));
    QCOMPARE(overlay->parentWidget(), pane->treeView()->viewport());
    QCOMPARE(overlay->button()->text(), buttonText);

    // The button adds the first value, as the toolbar does; the message goes with it.
    QTest::mouseClick(overlay->button(), Qt::LeftButton);
    QTRY_VERIFY(!overlay->isVisible());
    QCOMPARE(m_window->editSession()->jsonModel()->rowCount(), 1);
    QVERIFY(m_window->editSession()->isModified());
    // Undo brings the empty value back, and the message with it.
    if (QWidget *editor = QApplication::focusWidget(); editor && editor->inherits("QLineEdit"))
        QTest::keyClick(editor, Qt::Key_Escape);
    pane->undoAction()->trigger();
    QCOMPARE(m_window->editSession()->jsonModel()->rowCount(), 0);
    QTRY_VERIFY(overlay->isVisible());

    // Another secret with values: no message.
    openSecret(u"pixell/prod"_s);
    QVERIFY(!overlay->isVisible());
}

QTEST_MAIN(TestWindowLayout)
#include "testwindowlayout.moc"
