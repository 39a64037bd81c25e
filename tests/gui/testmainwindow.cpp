// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The main window, driven through its real widgets offscreen.
#include "views/elidedlabel.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace Qt::StringLiterals;
using coffer::MainWindow;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testHasMenusToolBarAndStatus();
    void testFindShortcutFocusesFilter();
    void testGeometryIsRemembered();
    void testMenuAndTabMnemonicsDoNotClash();
};

void TestMainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(u"CofferTest"_s);
    QCoreApplication::setApplicationName(u"TestMainWindow"_s);
    QSettings().clear();
}

void TestMainWindow::testHasMenusToolBarAndStatus()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QStringList menus;
    for (QAction *action : window.menuBar()->actions())
        menus << action->text();
    QCOMPARE(menus, QStringList({u"&File"_s, u"&Edit"_s, u"&View"_s, u"&Secret"_s, u"&Help"_s}));

    QVERIFY(window.findChild<QToolBar *>(u"MainToolBar"_s));
    QCOMPARE(window.connectionLabel()->fullText(), u"Not connected"_s);
    QVERIFY(window.browserPane()->treeView()->isVisible());
    QVERIFY(window.detailArea()->isVisible());
    QCOMPARE(window.refreshAction()->shortcut(), QKeySequence(QKeySequence::Refresh));
}

void TestMainWindow::testMenuAndTabMnemonicsDoNotClash()
{
    // Alt+F opened the Diff tab instead of the File menu, Alt+E Versions instead of Edit, and
    // Alt+V (View, and the Value tab) did nothing: every menu and tab needs a letter of its own.
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto mnemonicOf = [](const QString &text) {
        const qsizetype at = text.indexOf(u'&');
        return at >= 0 && at + 1 < text.size() ? text.at(at + 1).toLower() : QChar();
    };
    QHash<QChar, QString> owners;
    QStringList texts;
    for (QAction *action : window.menuBar()->actions())
        texts << action->text();
    for (int i = 0; i < window.secretTabs()->count(); ++i)
        texts << window.secretTabs()->tabText(i);
    for (const QString &text : std::as_const(texts)) {
        const QChar letter = mnemonicOf(text);
        QVERIFY2(!letter.isNull(), qPrintable(u"no mnemonic: "_s + text));
        QVERIFY2(!owners.contains(letter), qPrintable(u"%1 and %2 share Alt+%3"_s.arg(owners.value(letter), text, letter)));
        owners.insert(letter, text);
    }
    QCOMPARE(owners.size(), 11);
}

void TestMainWindow::testFindShortcutFocusesFilter()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.browserPane()->treeView()->setFocus();
    QVERIFY(!window.browserPane()->filterEdit()->hasFocus());

    QTest::keySequence(&window, QKeySequence::Find);
    QTRY_VERIFY(window.browserPane()->filterEdit()->hasFocus());
}

void TestMainWindow::testGeometryIsRemembered()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(913, 577);
        QTRY_COMPARE(window.size(), QSize(913, 577));
        window.close();
    }
    MainWindow reopened;
    reopened.show();
    QVERIFY(QTest::qWaitForWindowExposed(&reopened));
    QCOMPARE(reopened.size(), QSize(913, 577));
}

QTEST_MAIN(TestMainWindow)
#include "testmainwindow.moc"
