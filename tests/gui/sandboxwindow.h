// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The real main window on an in-process, in-memory sandbox over HTTP, connected and listed:
// the fixture of the GUI tests that drive a whole window.
//
//     void TestX::init() { m_fixture = std::make_unique<test::SandboxWindow>(seed); }
//     m_fixture->window()->browserPane()...

#include "models/catalog/secretcatalogloader.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"
#include "views/secretvaluepane.h"

#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace coffer::test {

class SandboxWindow final
{
public:
    /// Starts the sandbox seeded by `seed`, shows the window and connects it; check
    /// QTest::currentTestFailed() after.
    explicit SandboxWindow(LocalSandbox::Seeder seed)
        : m_sandbox(std::make_unique<LocalSandbox>(
            LocalSandbox::Options { .dataPath = {}, .persistent = false, .seed = std::move(seed) }))
        , m_session(std::make_unique<Session>())
        , m_window(std::make_unique<MainWindow>())
    {
        start();
    }

    ~SandboxWindow()
    {
        // Whatever a test left unsaved must not hold the window open.
        m_window->editSession()->load({});
        m_window.reset();
        m_session.reset();
        m_sandbox.reset();
    }

    SandboxWindow(const SandboxWindow &) = delete;
    SandboxWindow &operator=(const SandboxWindow &) = delete;

    [[nodiscard]] LocalSandbox *sandbox() const { return m_sandbox.get(); }
    [[nodiscard]] Session *session() const { return m_session.get(); }
    [[nodiscard]] MainWindow *window() const { return m_window.get(); }

    /// Finds `name` through the filter and opens it, as a user would; waits for its value.
    void openSecret(const QString &name) const
    {
        SecretBrowserPane *browser = m_window->browserPane();
        browser->filterEdit()->clear();
        QTest::keyClicks(browser->filterEdit(), name);
        QVERIFY(browser->selectName(name));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->editSession()->secretName() == name
                                     && !m_window->editSession()->isBusy(),
                                 20000);
    }

    /// The cell of the open JSON value at `pointer`.
    [[nodiscard]] QModelIndex cell(const QString &pointer, int column = JsonTreeModel::ValueColumn) const
    {
        return m_window->editSession()->jsonModel()->indexForPointer(pointer).siblingAtColumn(column);
    }

    /// Edits a cell in place and commits it with Return, as a user would.
    void editCell(const QModelIndex &index, const QString &text) const
    {
        QTreeView *tree = m_window->valuePane()->treeView();
        QVERIFY(index.isValid());
        tree->setCurrentIndex(index);
        tree->edit(index);
        QPointer<QLineEdit> editor = tree->viewport()->findChild<QLineEdit *>();
        QVERIFY(editor);
        editor->selectAll();
        QTest::keyClicks(editor, text);
        QTest::keyClick(editor, Qt::Key_Return);
        // The delegate commits and closes its editor on the next turn of the event loop.
        QTRY_VERIFY(editor.isNull());
    }

private:
    void start()
    {
        m_window->setSession(m_session.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy started(m_sandbox.get(), &LocalSandbox::started);
        m_sandbox->start();
        QVERIFY(started.count() == 1 || started.wait(20000));
        QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
        m_session->connectTo(m_sandbox->clientConfig(), QStringLiteral("Local sandbox"));
        QVERIFY(listed.wait(20000));
    }

    std::unique_ptr<LocalSandbox> m_sandbox;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace coffer::test
