// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;

namespace coffer {

class SecretBrowserPane;

/**
 * Coffer's main window: the secret browser on the left, the detail area on the right, menus,
 * toolbar and a status bar that shows the connection.
 *
 * It remembers its geometry, toolbar state and splitter position in the application settings.
 * It owns no business rules: panes are wired to models by the application.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] SecretBrowserPane *browserPane() const { return m_browserPane; }
    [[nodiscard]] QStackedWidget *detailArea() const { return m_detailArea; }
    [[nodiscard]] QLabel *connectionLabel() const { return m_connectionLabel; }
    [[nodiscard]] QAction *refreshAction() const { return m_refreshAction; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralArea();
    void createStatusBar();
    void restoreWindowState();
    void saveWindowState() const;
    void showAbout();

    QAction *m_refreshAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QSplitter *m_splitter = nullptr;
    SecretBrowserPane *m_browserPane = nullptr;
    QStackedWidget *m_detailArea = nullptr;
    QLabel *m_connectionLabel = nullptr;
};

} // namespace coffer
