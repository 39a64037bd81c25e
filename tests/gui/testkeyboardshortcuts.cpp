// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Every command of the window that has a keyboard shortcut is also in a menu (so it can be found
// and its key learned), and Help > Keyboard Shortcuts lists them, read from those menus, with a
// filter. Help also links to the documentation. Every toolbar button is reached with Tab and the
// arrow keys.
#include "views/keyboardshortcutsdialog.h"
#include "views/keyboardtoolbar.h"
#include "views/mainwindow.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QSignalSpy>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

void collect(const QMenu *menu, QSet<const QAction *> &found)
{
    for (const QAction *action : menu->actions()) {
        found.insert(action);
        if (action->menu())
            collect(action->menu(), found);
    }
}

QString plain(QString text)
{
    return text.remove(u'&').remove(u"…"_s);
}

} // namespace

class TestKeyboardShortcuts final : public QObject
{
    Q_OBJECT

private slots:
    void everyShortcutIsInAMenu()
    {
        MainWindow window;
        QSet<const QAction *> inMenus;
        for (const QAction *top : window.menuBar()->actions()) {
            if (top->menu())
                collect(top->menu(), inMenus);
        }
        QStringList missing;
        for (const QAction *action : window.findChildren<QAction *>()) {
            if (action->shortcut().isEmpty() || inMenus.contains(action))
                continue;
            missing << plain(action->text()) + u" ("_s + action->shortcut().toString() + u')';
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"not in any menu: "_s + missing.join(u", "_s)));
    }

    void everyToolBarIsKeyboardReachable()
    {
        MainWindow window;
        const QList<QToolBar *> toolBars = window.findChildren<QToolBar *>();
        QVERIFY(toolBars.size() >= 3);   // the window's, the value's and the versions'
        for (const QToolBar *toolBar : toolBars) {
            QVERIFY2(qobject_cast<const KeyboardToolBar *>(toolBar), qPrintable(toolBar->objectName()));
            for (QAction *action : toolBar->actions()) {
                if (auto *button = qobject_cast<QToolButton *>(toolBar->widgetForAction(action)))
                    QVERIFY2(button->focusPolicy() == Qt::TabFocus, qPrintable(plain(action->text())));
            }
        }
    }

    void arrowsMoveAlongTheToolBar()
    {
        QWidget window;
        auto *layout = new QVBoxLayout(&window);
        auto *before = new QLineEdit;
        auto *toolBar = new KeyboardToolBar;
        auto *after = new QLineEdit;
        layout->addWidget(before);
        layout->addWidget(toolBar);
        layout->addWidget(after);
        QAction *first = toolBar->addAction(u"First"_s);
        QAction *off = toolBar->addAction(u"Off"_s);
        off->setEnabled(false);
        QAction *last = toolBar->addAction(u"Last"_s);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QWidget *firstButton = toolBar->widgetForAction(first);
        QWidget *lastButton = toolBar->widgetForAction(last);

        before->setFocus();
        QTRY_VERIFY(before->hasFocus());
        QTest::keyClick(before, Qt::Key_Tab);
        QTRY_VERIFY(firstButton->hasFocus());
        // Right skips the disabled button and goes round at the end; Left goes back round.
        QTest::keyClick(firstButton, Qt::Key_Right);
        QVERIFY(lastButton->hasFocus());
        QTest::keyClick(lastButton, Qt::Key_Right);
        QVERIFY(firstButton->hasFocus());
        QTest::keyClick(firstButton, Qt::Key_Left);
        QVERIFY(lastButton->hasFocus());
        QTest::keyClick(lastButton, Qt::Key_Home);
        QVERIFY(firstButton->hasFocus());
        QTest::keyClick(firstButton, Qt::Key_End);
        QVERIFY(lastButton->hasFocus());
        // Space presses the focused button; Tab leaves the toolbar.
        QSignalSpy pressed(last, &QAction::triggered);
        QTest::keyClick(lastButton, Qt::Key_Space);
        QCOMPARE(pressed.size(), 1);
        QTest::keyClick(lastButton, Qt::Key_Tab);
        QVERIFY(after->hasFocus());
    }

    void helpListsThemAndFilters()
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QMenu *help = nullptr;
        for (QAction *top : window.menuBar()->actions()) {
            if (plain(top->text()) == u"Help"_s)
                help = top->menu();
        }
        QVERIFY(help);
        QStringList entries;
        for (const QAction *action : help->actions())
            entries << plain(action->text());
        QVERIFY2(entries.contains(u"Keyboard Shortcuts"_s) && entries.contains(u"Documentation"_s),
                 qPrintable(entries.join(u", "_s)));

        window.findChild<QAction *>(u"KeyboardShortcutsAction"_s)->trigger();
        KeyboardShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<KeyboardShortcutsDialog *>()) != nullptr);
        QTreeWidget *list = dialog->shortcutList();
        const auto find = [list](const QString &command) -> QTreeWidgetItem * {
            for (int g = 0; g < list->topLevelItemCount(); ++g) {
                for (int i = 0; i < list->topLevelItem(g)->childCount(); ++i) {
                    if (list->topLevelItem(g)->child(i)->text(0) == command)
                        return list->topLevelItem(g)->child(i);
                }
            }
            return nullptr;
        };
        QTreeWidgetItem *save = find(u"Save"_s);
        QVERIFY(save);
        QCOMPARE(save->text(1), QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText));
        QCOMPARE(save->parent()->text(0), u"Secret"_s);
        QVERIFY(find(u"Find Secret"_s));
        // (Quit's key depends on the platform; the offscreen one has none.)
        QVERIFY(find(u"Refresh"_s));
        QVERIFY(find(u"Copy Name"_s));

        dialog->findChild<QLineEdit *>(u"ShortcutFilter"_s)->setText(u"reveal"_s);
        QVERIFY(save->isHidden());
        QTreeWidgetItem *reveal = find(u"Reveal Value"_s);
        QVERIFY(reveal && !reveal->isHidden());
    }
};

QTEST_MAIN(TestKeyboardShortcuts)
#include "testkeyboardshortcuts.moc"
