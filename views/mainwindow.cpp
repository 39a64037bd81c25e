// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/mainwindow.h"

#include "models/aws/secretsmanagerclient.h"
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/content/schemaset.h"
#include "models/core/appinfo.h"
#include "models/editor/secreteditsession.h"
#include "models/editor/secrettemplate.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"
#include "models/session/session.h"
#include "views/contentfindingsbar.h"
#include "views/deletesecretdialog.h"
#include "views/diagnosticspane.h"
#include "views/elidedlabel.h"
#include "views/keyboardshortcutsdialog.h"
#include "views/keyboardtoolbar.h"
#include "views/newsecretdialog.h"
#include "views/policypreviewpane.h"
#include "views/productionbadge.h"
#include "views/secretbrowserpane.h"
#include "views/secretdetailsdialog.h"
#include "views/secretdetailspane.h"
#include "views/secretdiffpane.h"
#include "views/secretvaluepane.h"
#include "views/secretversionspane.h"
#include "views/writeguard.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QResizeEvent>
#include <QScreen>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

#include <utility>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {
const auto geometryKey = u"MainWindow/geometry"_s;
const auto stateKey = u"MainWindow/state"_s;
const auto splitterKey = u"MainWindow/splitter"_s;
/// The schema set chosen in File > Content Schemas.
const auto schemaPathKey = u"Content/schemaSet"_s;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Coffer"));
    setWindowIcon(QIcon(u":/icons/coffer.svg"_s));
    setObjectName(u"MainWindow"_s);
    m_writeGuard = new WriteGuard(this);
    m_writeGuard->setProfile(tr("Local sandbox"), false);

    createActions();
    createMenus();
    createToolBar();
    createCentralArea();
    createSecretMenu();
    createStatusBar();
    restoreWindowState();
    if (const QString schemas = QSettings().value(schemaPathKey).toString(); !schemas.isEmpty()) {
        if (const auto error = useSchemaSet(schemas, false))
            showStatusMessage(*error, 0);
    }
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_refreshAction = new QAction(QIcon::fromTheme(u"view-refresh"_s), tr("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setStatusTip(tr("Reload the list of secrets"));
    m_refreshAction->setEnabled(false);
    connect(m_refreshAction, &QAction::triggered, this, [this] {
        if (m_session)
            m_session->refresh();
    });

    m_findAction = new QAction(QIcon::fromTheme(u"edit-find"_s), tr("&Find Secret…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setStatusTip(tr("Filter the secrets by name"));
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_browserPane->filterEdit()->setFocus(Qt::ShortcutFocusReason);
        m_browserPane->filterEdit()->selectAll();
    });

    m_schemaFileAction = new QAction(tr("Use Schema &File…"), this);
    m_schemaFileAction->setStatusTip(
        tr("Check secrets against a JSON Schema set file (schemas bound to secret-name globs)"));
    connect(m_schemaFileAction, &QAction::triggered, this, [this] { chooseSchemaSet(false); });
    m_schemaFolderAction = new QAction(tr("Use Schema F&older…"), this);
    m_schemaFolderAction->setStatusTip(
        tr("Check secrets against every *.schema.json of a folder (a team's git checkout)"));
    connect(m_schemaFolderAction, &QAction::triggered, this, [this] { chooseSchemaSet(true); });
    m_noSchemaAction = new QAction(tr("&Stop Using Schemas"), this);
    m_noSchemaAction->setEnabled(false);
    connect(m_noSchemaAction, &QAction::triggered, this, [this] { useSchemaSet({}, true); });

    m_manageProfilesAction = new QAction(tr("Manage &Profiles…"), this);
    m_manageProfilesAction->setStatusTip(
        tr("Add, edit, test, remove and import profiles; keys stay in the OS keychain"));
    m_manageProfilesAction->setEnabled(false);
    connect(m_manageProfilesAction, &QAction::triggered, this,
            &MainWindow::manageProfilesRequested);

    m_signOutAction = new QAction(tr("Sign &Out of IAM Identity Center"), this);
    m_signOutAction->setObjectName(u"SignOutAction"_s);
    m_signOutAction->setStatusTip(
        tr("End the IAM Identity Center session of this profile and delete its cached token, for Coffer "
           "and the AWS CLI alike"));
    m_signOutAction->setEnabled(false);
    connect(m_signOutAction, &QAction::triggered, this, [this] {
        confirmLeavingEdit([this] {
            closeSecret();
            emit signOutRequested(m_profileId);
        });
    });

    m_quitAction = new QAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About Coffer"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_shortcutsAction = new QAction(tr("&Keyboard Shortcuts"), this);
    m_shortcutsAction->setObjectName(u"KeyboardShortcutsAction"_s);
    m_shortcutsAction->setShortcut(QKeySequence::HelpContents);
    m_shortcutsAction->setStatusTip(tr("Every command that has a key, and its key"));
    connect(m_shortcutsAction, &QAction::triggered, this, [this] {
        auto *dialog = new KeyboardShortcutsDialog(menuBar(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

    m_documentationAction = new QAction(tr("&Documentation"), this);
    m_documentationAction->setObjectName(u"DocumentationAction"_s);
    m_documentationAction->setStatusTip(tr("Open Coffer's documentation in the browser"));
    connect(m_documentationAction, &QAction::triggered, this,
            [] { QDesktopServices::openUrl(AppInfo::documentationUrl()); });

    m_aboutQtAction = new QAction(tr("About &Qt"), this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_manageProfilesAction);
    fileMenu->addAction(m_signOutAction);
    fileMenu->addSeparator();
    QMenu *schemaMenu = fileMenu->addMenu(tr("Content &Schemas"));
    schemaMenu->setObjectName(u"SchemaMenu"_s);
    schemaMenu->addAction(m_schemaFileAction);
    schemaMenu->addAction(m_schemaFolderAction);
    schemaMenu->addAction(m_noSchemaAction);
    fileMenu->addSeparator();
    fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(tr("&Edit"));
    m_editMenu->addAction(m_findAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_refreshAction);

    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    QMenu *helpMenu = m_helpMenu;
    helpMenu->addAction(m_shortcutsAction);
    helpMenu->addAction(m_documentationAction);
    helpMenu->addSeparator();
    helpMenu->addAction(m_aboutAction);
    helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createSecretMenu()
{
    // The value pane's commands, with their keys, also in a menu: every shortcut is findable.
    auto *menu = new QMenu(tr("&Secret"), this);
    menu->setObjectName(u"SecretMenu"_s);
    SecretValuePane *pane = m_valuePane;
    for (QAction *action : {pane->saveAction(), pane->reviewAction()})
        menu->addAction(action);
    menu->addSeparator();
    for (QAction *action : {pane->undoAction(), pane->redoAction()})
        menu->addAction(action);
    menu->addSeparator();
    for (QAction *action : {pane->revealAction(), pane->revealAllAction(), pane->maskPublicAction(),
                            pane->copyValueAction(), pane->rawModeAction(), pane->editMultiLineAction()})
        menu->addAction(action);
    menu->addSeparator();
    for (QAction *action : {pane->addKeyAction(), pane->addItemAction(), pane->duplicateAction(),
                            pane->removeAction(), pane->moveUpAction(), pane->moveDownAction()})
        menu->addAction(action);
    // The Versions tab's commands on the selected version.
    menu->addSeparator();
    QMenu *versions = menu->addMenu(tr("Ve&rsion"));
    SecretVersionsPane *history = m_versionsPane;
    for (QAction *action : {history->openAction(), history->compareAction(), history->rollbackAction(),
                            history->copyIdAction()})
        versions->addAction(action);
    menuBar()->insertMenu(m_helpMenu->menuAction(), menu);

    // The browser's commands go to Edit, beside Find.
    SecretBrowserPane *browser = m_browserPane;
    m_editMenu->addSeparator();
    for (QAction *action : {browser->newSecretAction(), browser->copyNameAction(), browser->copyArnAction(),
                            browser->deleteSecretAction(), browser->restoreSecretAction()})
        m_editMenu->addAction(action);
}

void MainWindow::createToolBar()
{
    auto *toolBar = new KeyboardToolBar(tr("Main"));
    addToolBar(toolBar);
    toolBar->setObjectName(u"MainToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_refreshAction);
    toolBar->addAction(m_findAction);
    toolBar->addSeparator();

    auto *profileLabel = new QLabel(tr("Profile:"));
    profileLabel->setContentsMargins(6, 0, 4, 0);
    toolBar->addWidget(profileLabel);
    m_profileCombo = new QComboBox;
    m_profileCombo->setObjectName(u"ProfileCombo"_s);
    // A long profile name elides in the toolbar instead of widening the window; the list that
    // drops down is as wide as its longest entry, and the tooltip gives the chosen one whole.
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileCombo->setMinimumContentsLength(24);
    m_profileCombo->setToolTip(tr("The account Coffer works on"));
    connect(m_profileCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString detail = m_profileCombo->itemData(index, Qt::ToolTipRole).toString();
        const QString name = m_profileCombo->itemText(index);
        m_profileCombo->setToolTip(index < 0 ? tr("The account Coffer works on")
                                   : detail.isEmpty() ? name : name + u"\n"_s + detail);
    });
    connect(m_profileCombo, &QComboBox::activated, this,
            [this](int index) { requestProfileSwitch(m_profileCombo->itemData(index).toUuid()); });
    toolBar->addWidget(m_profileCombo);
    m_productionBadge = new ProductionBadge;
    // In a toolbar the action decides whether its widget shows, not the widget.
    m_productionBadge->setVisible(true);
    m_productionBadgeAction = toolBar->addWidget(m_productionBadge);
    m_productionBadgeAction->setObjectName(u"ProductionBadgeAction"_s);
    m_productionBadgeAction->setVisible(m_writeGuard->isProduction());
    connect(m_writeGuard, &WriteGuard::productionChanged, m_productionBadgeAction,
            &QAction::setVisible);
    populateProfiles();
}

void MainWindow::setProfileStore(ProfileStore *store)
{
    if (m_profileStore)
        disconnect(m_profileStore, nullptr, this, nullptr);
    m_profileStore = store;
    m_manageProfilesAction->setEnabled(store != nullptr);
    if (store)
        connect(store, &ProfileStore::profilesChanged, this, &MainWindow::populateProfiles);
    populateProfiles();
}

void MainWindow::setProfileList(ProfileListModel *list)
{
    if (m_profileList)
        disconnect(m_profileList, nullptr, this, nullptr);
    m_profileList = list;
    if (list) {
        connect(list, &QAbstractItemModel::modelReset, this, &MainWindow::populateProfiles);
        connect(list, &QAbstractItemModel::dataChanged, this, &MainWindow::populateProfiles);
    }
    populateProfiles();
}

std::optional<Profile> MainWindow::profileFor(const QUuid &profileId) const
{
    if (profileId.isNull())
        return std::nullopt;
    // The ~/.aws profiles are in the list only, never in the store.
    if (m_profileList) {
        if (const auto entry = m_profileList->entry(profileId))
            return entry->profile;
    }
    return m_profileStore ? m_profileStore->profile(profileId) : std::nullopt;
}

ElidedLabel *MainWindow::connectionLabel() const
{
    return m_connectionLabel;
}

QLabel *MainWindow::connectionWarningLabel() const
{
    return m_connectionWarning;
}

void MainWindow::setConnectionWarning(const QString &warning)
{
    if (!m_connectionWarning) {
        // It names the endpoint and who allowed it: as long as those are, never wider than
        // the window.
        m_connectionWarning = new ElidedLabel(Qt::ElideRight);
        m_connectionWarning->setObjectName(u"ConnectionWarning"_s);
        m_connectionWarning->setStyleSheet(u"color: #b00020; font-weight: bold;"_s);
        statusBar()->insertPermanentWidget(0, m_connectionWarning);
    }
    m_connectionWarning->setFullText(warning.isEmpty() ? QString() : u"⚠ "_s + warning);
    m_connectionWarning->setVisible(!warning.isEmpty());
    limitStatusLabels();
    elideStatusMessageAgain();
}

void MainWindow::populateProfiles()
{
    const QUuid current = m_profileId;
    m_profileCombo->clear();
    if (m_profileList) {
        // The groups in the list's order (sandbox, ~/.aws, keychain), a separator between them.
        QString group;
        for (int row = 0; row < m_profileList->rowCount(); ++row) {
            const QModelIndex index = m_profileList->index(row, 0);
            const QString source = index.data(ProfileListModel::SourceRole).toString();
            if (!group.isEmpty() && source != group)
                m_profileCombo->insertSeparator(m_profileCombo->count());
            group = source;
            const ProfileListEntry &entry = m_profileList->entries().at(row);
            QString text = entry.source == ProfileListEntry::Source::Keychain
                ? ProductionBadge::decoratedName(entry.profile)
                : entry.name();
            if (entry.source == ProfileListEntry::Source::AwsConfig)
                text = tr("%1 (~/.aws, %2)", "profile name, kind").arg(text, entry.kindLabel);
            m_profileCombo->addItem(text, entry.id());
            const int item = m_profileCombo->count() - 1;
            m_profileCombo->setItemData(item, index.data(Qt::ToolTipRole), Qt::ToolTipRole);
            // A profile that cannot connect as it is says so before it is picked.
            if (!entry.problem.isEmpty())
                m_profileCombo->setItemIcon(item, style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        fitProfilePopup();
        setCurrentProfile(current);
        return;
    }
    m_profileCombo->addItem(tr("Local sandbox"), QUuid());
    if (m_profileStore) {
        for (const Profile &profile : m_profileStore->profiles()) {
            if (profile.kind != Profile::Kind::LocalSandbox)
                m_profileCombo->addItem(ProductionBadge::decoratedName(profile), profile.id);
        }
    }
    fitProfilePopup();
    if (!current.isNull() && m_profileCombo->findData(current) < 0) {
        // The connected profile was removed: the session still works on its account, so the
        // guard stays as it was until another profile is chosen.
        m_profileCombo->setCurrentIndex(-1);
        return;
    }
    setCurrentProfile(current);
}

void MainWindow::fitProfilePopup()
{
    QAbstractItemView *popup = m_profileCombo->view();
    // Measured from the texts: the view lays out its rows only once it drops down.
    int widest = 0;
    for (int item = 0; item < m_profileCombo->count(); ++item)
        widest = std::max(widest, popup->fontMetrics().horizontalAdvance(m_profileCombo->itemText(item)));
    widest += m_profileCombo->iconSize().width() + 6 * popup->style()->pixelMetric(QStyle::PM_FocusFrameHMargin)
        + 2 * popup->frameWidth() + popup->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 16;
    const int room = screen() ? screen()->availableGeometry().width() - 40 : 1000;
    popup->setMinimumWidth(std::min(widest, room));
}

void MainWindow::setCurrentProfile(const QUuid &profileId)
{
    const auto profile = profileId.isNull() ? std::nullopt : profileFor(profileId);
    m_profileId = profile ? profileId : QUuid();
    const int index = m_profileCombo->findData(m_profileId);
    m_profileCombo->setCurrentIndex(index < 0 ? 0 : index);
    if (profile)
        m_writeGuard->setProfile(profile->name, profile->requiresWriteConfirmation());
    else
        m_writeGuard->setProfile(tr("Local sandbox"), false);
    const auto entry = m_profileList && profile ? m_profileList->entry(m_profileId) : std::nullopt;
    m_signOutAction->setEnabled(entry && entry->kindName == u"sso"_s);
}

void MainWindow::requestProfileSwitch(const QUuid &profileId)
{
    // The switcher shows the current profile until the switch happens (or is cancelled).
    const QUuid target = profileId;
    const int current = m_profileCombo->findData(m_profileId);
    m_profileCombo->setCurrentIndex(current);
    if (target == m_profileId && current >= 0)
        return;
    confirmLeavingEdit([this, target] {
        closeSecret();
        setCurrentProfile(target);
        emit profileChosen(target);
    });
}

void MainWindow::closeSecret()
{
    m_editSession->load({});
    m_versionsPane->showSecret({});
    m_diffPane->showSecret({});
    m_policyPane->clear();
    m_checksPane->clear();
    m_detailsPane->clear();
    if (QItemSelectionModel *selection = m_browserPane->treeView()->selectionModel()) {
        m_restoringSelection = true;
        selection->clear();
        m_restoringSelection = false;
    }
    m_detailArea->setCurrentIndex(0);
    updateWindowTitle();
}

void MainWindow::createCentralArea()
{
    m_browserPane = new SecretBrowserPane;

    m_detailArea = new QStackedWidget;
    m_detailArea->setObjectName(u"DetailArea"_s);
    auto *placeholder = new QLabel(tr("Select a secret to see its value, versions and policy."));
    placeholder->setObjectName(u"DetailPlaceholder"_s);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    placeholder->setEnabled(false);
    m_detailArea->addWidget(placeholder);
    m_detailsPane = new SecretDetailsPane;
    m_editSession = new SecretEditSession(nullptr, this);
    m_valuePane = new SecretValuePane(m_editSession);
    m_valuePane->setWriteGuard(m_writeGuard);
    m_secretTabs = new QTabWidget;
    m_secretTabs->setObjectName(u"SecretTabs"_s);
    m_secretTabs->setDocumentMode(true);
    m_versionsPane = new SecretVersionsPane;
    m_versionsPane->setWriteGuard(m_writeGuard);
    m_diffPane = new SecretDiffPane;
    m_policyPane = new PolicyPreviewPane;
    m_checksPane = new DiagnosticsPane;
    // The order of viewNames().
    // Mnemonics apart from the menus' (File, Edit, View, Help): Alt+F, Alt+E and Alt+V open
    // menus, never a tab.
    m_secretTabs->addTab(m_valuePane, tr("Va&lue"));
    m_secretTabs->addTab(m_versionsPane, tr("Ve&rsions"));
    m_secretTabs->addTab(m_diffPane, tr("D&iff"));
    m_secretTabs->addTab(m_policyPane, tr("&Policy"));
    m_secretTabs->addTab(m_checksPane, tr("&Checks"));
    m_secretTabs->addTab(m_detailsPane, tr("De&tails"));
    const auto showMessage = [this](const QString &message) {
        showStatusMessage(message, 10000);
    };
    connect(m_versionsPane, &SecretVersionsPane::messageChanged, this, showMessage);
    connect(m_diffPane, &SecretDiffPane::messageChanged, this, showMessage);
    connect(m_policyPane, &PolicyPreviewPane::messageChanged, this, showMessage);
    connect(m_checksPane, &DiagnosticsPane::messageChanged, this, showMessage);
    connect(m_versionsPane, &SecretVersionsPane::compareRequested, this,
            [this](const QString &from, const QString &to) {
                m_secretTabs->setCurrentWidget(m_diffPane);
                m_diffPane->compare(from, to);
            });
    // A rollback changes AWSCURRENT: what the header, the editor and the diff show.
    connect(m_versionsPane, &SecretVersionsPane::versionsChanged, this, [this] {
        const QString name = m_versionsPane->secretName();
        reloadSecret(name, false);
        if (!m_editSession->isModified())
            m_editSession->load(name);
    });
    connect(m_checksPane, &DiagnosticsPane::policyPreviewRequested, this, [this] {
        m_secretTabs->setCurrentWidget(m_policyPane);
    });
    m_detailArea->addWidget(m_secretTabs);
    connect(m_valuePane, &SecretValuePane::messageChanged, this,
            [this](const QString &message) { showStatusMessage(message, 10000); });
    // What the editor and the Content check find marks the secret in the browser.
    connect(m_valuePane, &SecretValuePane::findingsChanged, this, &MainWindow::markSecretContent);
    connect(m_checksPane, &DiagnosticsPane::secretContentInspected, this, &MainWindow::markSecretContent);
    connect(m_editSession, &SecretEditSession::modifiedChanged, this,
            &MainWindow::updateWindowTitle);
    connect(m_editSession, &SecretEditSession::saved, this, [this] {
        reloadSecret(m_editSession->secretName(), false);
        m_versionsPane->reload();
    });
    connect(m_browserPane, &SecretBrowserPane::currentSecretChanged, this,
            &MainWindow::showSecretDetails);
    connect(m_detailsPane, &SecretDetailsPane::editRequested, this, &MainWindow::editSecretDetails);
    connect(m_browserPane, &SecretBrowserPane::serverSearchRequested, this,
            [this](const QString &prefix) {
                if (m_session)
                    m_session->searchPrefix(prefix);
            });
    connect(m_browserPane, &SecretBrowserPane::newSecretRequested, this,
            &MainWindow::createSecretIn);
    connect(m_browserPane, &SecretBrowserPane::deleteSecretRequested, this,
            &MainWindow::deleteSecret);
    connect(m_browserPane, &SecretBrowserPane::restoreSecretRequested, this,
            &MainWindow::restoreSecret);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(u"MainSplitter"_s);
    m_splitter->addWidget(m_browserPane);
    m_splitter->addWidget(m_detailArea);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setSizes({440, 660});
    setCentralWidget(m_splitter);
}

void MainWindow::createStatusBar()
{
    // A profile name, an account and a custom endpoint can be longer than the window is wide.
    m_connectionLabel = new ElidedLabel(Qt::ElideRight);
    m_connectionLabel->setFullText(tr("Not connected"));
    m_connectionLabel->setObjectName(u"ConnectionLabel"_s);
    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(statusBar(), &QStatusBar::messageChanged, this, [this](const QString &message) {
        if (message.isEmpty())
            statusBar()->setToolTip({});
    });
    showStatusMessage(tr("Ready"), 0);
}

void MainWindow::showStatusMessage(const QString &message, int timeout)
{
    // QStatusBar cuts a message off where the connection label starts: elide it to the room
    // there is, on one line, with the whole text in the tooltip.
    QStatusBar *bar = statusBar();
    QString line = message;
    line.replace(u"\r\n"_s, u" "_s);
    line.replace(u'\n', u' ');
    int right = bar->width();
    for (const QWidget *permanent : { static_cast<QWidget *>(m_connectionLabel),
                                      static_cast<QWidget *>(m_connectionWarning) }) {
        if (permanent && permanent->isVisible())
            right = std::min(right, permanent->geometry().left());
    }
    const int room = right - 4 * bar->fontMetrics().averageCharWidth();
    const QString shown
        = room > 0 ? bar->fontMetrics().elidedText(line, Qt::ElideRight, room) : line;
    bar->setToolTip(shown != message ? message : QString());
    bar->showMessage(shown, timeout);
    m_statusMessage.full = message;
    m_statusMessage.shown = shown;
    m_statusMessage.timeout = timeout;
    m_statusMessage.since.start();
}

void MainWindow::elideStatusMessageAgain()
{
    // The room left of the connection label changed (the window, the label, its warning); the
    // status bar's own layout follows on the next turn of the event loop.
    QTimer::singleShot(0, this, [this] {
        const StatusMessage last = m_statusMessage;
        if (last.full.isEmpty() || statusBar()->currentMessage() != last.shown)
            return; // gone, or replaced by someone else's
        const qint64 left = last.timeout - last.since.elapsed();
        if (last.timeout == 0 || left > 0)
            showStatusMessage(last.full, last.timeout == 0 ? 0 : int(left));
    });
}

void MainWindow::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_refreshAction->setEnabled(session != nullptr);
    if (!session) {
        m_browserPane->setModel(nullptr);
        updateConnectionLabel();
        return;
    }
    m_browserPane->setModel(session->catalog());
    m_editSession->setClient(session->secretsManager());
    m_versionsPane->setClient(session->secretsManager());
    m_diffPane->setClient(session->secretsManager());
    connect(session, &Session::identityChanged, this, [this] {
        if (m_session && m_session->identity())
            m_policyPane->setAccount(m_session->identity()->account, m_session->config().region);
    });
    connect(session, &Session::identityChanged, this, &MainWindow::updateConnectionLabel);
    connect(session, &Session::identityFailed, this, [this](const aws::AwsError &error) {
        updateConnectionLabel();
        showStatusMessage(tr("Could not confirm who you are: %1").arg(error.explanation()), 0);
    });
    SecretCatalogLoader *loader = session->loader();
    connect(loader, &SecretCatalogLoader::loadingStarted, this, [this] {
        m_browserPane->setLoading(true);
    });
    connect(loader, &SecretCatalogLoader::loadingFinished, this, [this] {
        m_browserPane->setLoading(false);
        // First load: open the projects one level, so the namespaces below them show.
        if (!std::exchange(m_browserExpanded, true))
            m_browserPane->treeView()->expandToDepth(0);
    });
    connect(loader, &SecretCatalogLoader::loadingFailed, this, [this](const aws::AwsError &error) {
        m_browserPane->setLoading(false);
        m_browserPane->setErrorText(tr("Listing failed: %1").arg(error.code));
        showStatusMessage(error.explanation(), 0);
    });
    updateConnectionLabel();
}

void MainWindow::showSecretDetails(const QString &name)
{
    if (m_restoringSelection)
        return;
    const QString edited = m_editSession->secretName();
    if (m_editSession->isModified() && name != edited) {
        // Keep the edited secret selected until the user says what to do with the edit.
        reselectEditedSecret();
        confirmLeavingEdit(
            [this, name] {
                m_restoringSelection = true;
                if (!m_browserPane->selectName(name))
                    m_browserPane->treeView()->clearSelection();
                m_restoringSelection = false;
                showSecretDetails(name);
            },
            [this] { reselectEditedSecret(); });
        return;
    }
    const aws::SecretMetadata *secret =
        m_session && !name.isEmpty() ? m_session->catalog()->secret(name) : nullptr;
    if (!secret) {
        const QString prefix = m_browserPane->currentNamespace();
        if (name.isEmpty() && !prefix.isEmpty() && m_browserPane->currentSecretName().isEmpty())
            showNamespace(prefix);
        else
            m_detailArea->setCurrentIndex(0);
        updateWindowTitle();
        return;
    }
    for (int tab = 0; tab < m_secretTabs->count(); ++tab)
        m_secretTabs->setTabEnabled(tab, true);
    m_detailsPane->showSecret(*secret);
    m_versionsPane->showSecret(name);
    m_diffPane->showSecret(name);
    scopeToolsTo({}, name);
    m_detailArea->setCurrentWidget(m_secretTabs);
    if (name != edited || !m_editSession->isModified()) {
        if (secret->isScheduledForDeletion()) {
            m_editSession->load({});
        } else if (name != edited || m_editSession->mode() == SecretEditSession::Mode::Empty) {
            m_editSession->load(name);
        }
    }
    updateWindowTitle();
}

void MainWindow::showNamespace(const QString &prefix)
{
    // A namespace has no value, versions or header of its own: its policy and checks.
    for (QWidget *pane : { static_cast<QWidget *>(m_valuePane), static_cast<QWidget *>(m_versionsPane),
                           static_cast<QWidget *>(m_diffPane), static_cast<QWidget *>(m_detailsPane) })
        m_secretTabs->setTabEnabled(m_secretTabs->indexOf(pane), false);
    if (!m_secretTabs->isTabEnabled(m_secretTabs->currentIndex()))
        m_secretTabs->setCurrentWidget(m_policyPane);
    m_editSession->load({});
    scopeToolsTo(prefix, {});
    m_detailArea->setCurrentWidget(m_secretTabs);
}

void MainWindow::scopeToolsTo(const QString &prefix, const QString &secret)
{
    if (!m_session)
        return;
    NamespaceTreeModel *catalog = m_session->catalog();
    if (secret.isEmpty()) {
        // The secrets below the namespace, for the policy matrix.
        QStringList arns;
        const auto collect = [&](const auto &self, const QModelIndex &parent) -> void {
            for (int row = 0, rows = catalog->rowCount(parent); row < rows; ++row) {
                const QModelIndex index = catalog->index(row, 0, parent);
                if (index.data(NamespaceTreeModel::IsNamespaceRole).toBool())
                    self(self, index);
                else
                    arns << index.data(NamespaceTreeModel::ArnRole).toString();
            }
        };
        collect(collect, catalog->indexForName(prefix));
        m_policyPane->setScope(prefix, arns);
        m_policyPane->setPrefix(prefix);
    } else if (const aws::SecretMetadata *metadata = catalog->secret(secret)) {
        m_policyPane->setSecret(secret, metadata->arn);
    }
    m_checksPane->setTarget(m_session->transport(),
                            DiagnosticsPane::targetFor(*m_session, prefix, secret));
}

void MainWindow::confirmLeavingEdit(const std::function<void()> &proceed,
                                    const std::function<void()> &cancelled)
{
    if (!m_editSession->isModified()) {
        proceed();
        return;
    }
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Unsaved Changes"),
        tr("%1 has changes that are not saved. Save them?").arg(m_editSession->secretName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(u"DiscardChangesDialog"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Save);
    box->setEscapeButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, proceed, cancelled](int) {
        const QAbstractButton *clicked = box->clickedButton();
        if (clicked == box->button(QMessageBox::Discard)) {
            m_editSession->load({}); // drops the edit
            proceed();
            return;
        }
        // Save keeps everything as it is until the new version is written (it may be
        // declined on a production profile, refused or fail), and Cancel for good.
        if (cancelled)
            cancelled();
        if (clicked == box->button(QMessageBox::Save))
            m_valuePane->save(proceed);
    });
    box->open();
}

void MainWindow::reselectEditedSecret()
{
    const QString edited = m_editSession->secretName();
    if (edited.isEmpty() || m_browserPane->currentSecretName() == edited)
        return;
    m_restoringSelection = true;
    m_browserPane->selectName(edited);
    m_restoringSelection = false;
}

void MainWindow::updateWindowTitle()
{
    QString name;
    if (m_detailArea->currentWidget() == m_secretTabs)
        name = m_secretTabs->isTabEnabled(m_secretTabs->indexOf(m_detailsPane))
            ? m_detailsPane->secretName()
            : m_browserPane->currentNamespace();
    setWindowTitle(name.isEmpty() ? tr("Coffer") : tr("%1[*] — Coffer").arg(name));
    setWindowModified(m_editSession->isModified());
}

QStringList MainWindow::viewNames()
{
    return { u"value"_s, u"versions"_s, u"diff"_s, u"policy"_s, u"checks"_s, u"details"_s };
}

bool MainWindow::showView(const QString &view)
{
    const qsizetype index = viewNames().indexOf(view);
    if (index < 0 || !m_secretTabs->isTabEnabled(int(index)))
        return false;
    m_secretTabs->setCurrentIndex(int(index));
    return true;
}

void MainWindow::createSecretIn(const QString &namespacePrefix)
{
    if (!m_session)
        return;
    // Siblings offer their keys as a template: the secrets directly in this namespace.
    QStringList siblings;
    NamespaceTreeModel *catalog = m_session->catalog();
    const QModelIndex parent = catalog->indexForName(namespacePrefix);
    if (parent.isValid() || namespacePrefix.isEmpty()) {
        for (int row = 0, rows = catalog->rowCount(parent); row < rows; ++row) {
            const QModelIndex index = catalog->index(row, 0, parent);
            if (!index.data(NamespaceTreeModel::IsNamespaceRole).toBool()
                && !index.data(NamespaceTreeModel::ScheduledForDeletionRole).toBool())
                siblings << index.data(NamespaceTreeModel::FullNameRole).toString();
        }
    }
    auto *dialog = new NewSecretDialog(namespacePrefix, siblings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    aws::SecretsManagerClient *client = m_session->secretsManager();
    connect(dialog, &NewSecretDialog::templateRequested, dialog,
            [client, dialog](const QString &sibling) {
                aws::GetSecretValueRequest request;
                request.secretId = sibling;
                client->getSecretValue(request, dialog,
                                       [dialog](aws::Result<aws::SecretValue> value) {
                                           if (!value)
                                               return dialog->showError(value.error().explanation());
                                           const auto skeleton = SecretTemplate::keysOnly(
                                               value->secretString.value_or(QString()).toUtf8());
                                           if (!skeleton)
                                               return dialog->showError(skeleton.error());
                                           dialog->setTemplateValue(*skeleton);
                                       });
            });
    connect(dialog, &NewSecretDialog::submitted, dialog, [this, client, dialog] {
        const aws::CreateSecretRequest request = dialog->request();
        m_writeGuard->confirm(
            dialog, tr("Create %1").arg(request.name), [this, client, dialog, request] {
                dialog->setBusy(true);
                client->createSecret(
                    request, dialog, [this, dialog](aws::Result<aws::CreateSecretResult> created) {
                        if (!created)
                            return dialog->showError(created.error().explanation());
                        showStatusMessage(tr("Created %1").arg(created->name), 8000);
                        reloadSecret(created->name, true);
                        dialog->accept();
                    });
            });
    });
    dialog->open();
}

void MainWindow::deleteSecret(const QString &name)
{
    if (!m_session)
        return;
    auto *dialog = new DeleteSecretDialog(name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The write guard's question for a delete: the typed name.
    if (m_writeGuard->isProduction())
        dialog->requireTypedName(m_writeGuard->profileName());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const aws::DeleteSecretRequest request = dialog->request();
        m_session->secretsManager()->deleteSecret(
            request, this, [this, request](aws::Result<aws::DeleteSecretResult> deleted) {
                if (!deleted) {
                    QMessageBox::warning(this, tr("Delete Secret"), deleted.error().explanation());
                    return;
                }
                if (request.forceDeleteWithoutRecovery) {
                    m_session->catalog()->removeSecret(request.secretId);
                    showStatusMessage(tr("Deleted %1 for good").arg(request.secretId), 8000);
                    return;
                }
                showStatusMessage(tr("%1 will be deleted on %2; until then it can be restored")
                                      .arg(request.secretId,
                                           QLocale().toString(deleted->deletionDate.toLocalTime(),
                                                              QLocale::ShortFormat)),
                                  8000);
                reloadSecret(request.secretId, false);
            });
    });
    dialog->open();
}

void MainWindow::restoreSecret(const QString &name)
{
    if (!m_session)
        return;
    m_writeGuard->confirm(this, tr("Restore %1").arg(name), [this, name] {
        m_session->secretsManager()->restoreSecret(
            name, this, [this, name](aws::Result<aws::SecretIdentity> restored) {
                if (!restored) {
                    QMessageBox::warning(this, tr("Restore Secret"),
                                         restored.error().explanation());
                    return;
                }
                showStatusMessage(tr("Restored %1").arg(name), 8000);
                reloadSecret(name, false);
            });
    });
}

void MainWindow::editSecretDetails(const QString &name)
{
    const aws::SecretMetadata *secret = m_session ? m_session->catalog()->secret(name) : nullptr;
    if (!secret)
        return;
    auto *dialog = new SecretDetailsDialog(*secret, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SecretDetailsDialog::submitted, this, [this, dialog, name] {
        const SecretDetailsEdit edit = dialog->edit();
        m_writeGuard->confirm(dialog, tr("Change %1 of %2").arg(edit.summary(), name), [this, dialog, edit, name] {
            dialog->setBusy(true);
            const QPointer<SecretDetailsDialog> open(dialog);
            edit.apply(m_session->secretsManager(), dialog, [this, open, edit, name](std::optional<aws::AwsError> error) {
                // What did reach AWS is shown either way.
                reloadSecret(name, false);
                if (error) {
                    if (open)
                        open->showError(error->explanation());
                    return;
                }
                showStatusMessage(tr("Changed %1 of %2.").arg(edit.summary(), name), 8000);
                if (open)
                    open->accept();
            });
        });
    });
    dialog->open();
}

void MainWindow::reloadSecret(const QString &name, bool select)
{
    if (!m_session)
        return;
    m_session->secretsManager()->describeSecret(
        name, this, [this, name, select](aws::Result<aws::SecretMetadata> secret) {
            if (!secret) {
                showStatusMessage(secret.error().explanation(), 0);
                return;
            }
            m_session->catalog()->addSecrets({ *secret });
            if (select)
                m_browserPane->selectName(name);
            else if (m_browserPane->currentSecretName() == name || m_detailsPane->secretName() == name)
                showSecretDetails(name); // also when it left the browser's view (deleted, filtered out)
        });
}

void MainWindow::updateConnectionLabel()
{
    m_connectionLabel->setFullText(m_session ? m_session->connectionSummary() : tr("Not connected"));
    elideStatusMessageAgain();
    m_connectionLabel->setDetail(m_session && m_session->identity() ? m_session->identity()->arn
                                                                    : QString());
}

void MainWindow::restoreWindowState()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey).toByteArray()))
        resize(1100, 700);
    restoreState(settings.value(stateKey).toByteArray());
    m_splitter->restoreState(settings.value(splitterKey).toByteArray());
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(geometryKey, saveGeometry());
    settings.setValue(stateKey, saveState());
    settings.setValue(splitterKey, m_splitter->saveState());
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    limitStatusLabels();
    elideStatusMessageAgain();
}

void MainWindow::limitStatusLabels()
{
    // Squeezed together, a status bar gives one label all the room and the other none.
    const bool warned = m_connectionWarning && !m_connectionWarning->isHidden();
    const int half = std::max(1, width() * 45 / 100);
    m_connectionLabel->setMaximumWidth(warned ? half : QWIDGETSIZE_MAX);
    if (m_connectionWarning)
        m_connectionWarning->setMaximumWidth(half);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_editSession->isModified() && !m_discardConfirmed) {
        event->ignore();
        confirmLeavingEdit([this] {
            m_discardConfirmed = true;
            close();
        });
        return;
    }
    saveWindowState();
    event->accept();
}

void MainWindow::markSecretContent(const QString &name, const QList<content::ContentFinding> &findings)
{
    NamespaceTreeModel *model = m_browserPane->model();
    if (!model || name.isEmpty())
        return;
    const int errors = content::countSeverity(findings, content::FindingSeverity::Error);
    const int warnings = content::countSeverity(findings, content::FindingSeverity::Warning);
    using Mark = NamespaceTreeModel::ContentMark;
    const Mark mark = errors > 0 ? Mark::Error : warnings > 0 ? Mark::Warning : Mark::None;
    model->setContentMark(name, mark,
                          tr("Its value: %1.").arg(ContentFindingsBar::countText(findings)));
}

std::optional<QString> MainWindow::useSchemaSet(const QString &path, bool remember)
{
    std::shared_ptr<const content::SchemaSet> schemas;
    if (!path.isEmpty()) {
        auto loaded = content::SchemaSet::load(path);
        if (!loaded)
            return tr("The schema set was not loaded: %1").arg(loaded.error().toString());
        schemas = std::make_shared<const content::SchemaSet>(std::move(*loaded));
    }
    m_schemaPath = path;
    if (remember) {
        QSettings settings;
        if (path.isEmpty())
            settings.remove(schemaPathKey);
        else
            settings.setValue(schemaPathKey, path);
    }
    m_noSchemaAction->setEnabled(!path.isEmpty());
    m_noSchemaAction->setStatusTip(path.isEmpty() ? QString() : tr("Stop checking secrets against %1").arg(path));
    m_valuePane->setSchemaSet(schemas);
    m_checksPane->setSchemaSet(schemas);
    showStatusMessage(path.isEmpty() ? tr("Secrets are no longer checked against a schema set.")
                                     : tr("Secrets are checked against the schemas of %1.").arg(path));
    return std::nullopt;
}

void MainWindow::chooseSchemaSet(bool folder)
{
    const QString start = m_schemaPath.isEmpty() ? QString() : QFileInfo(m_schemaPath).absolutePath();
    const QString path = folder
        ? QFileDialog::getExistingDirectory(this, tr("Schema Folder"), start)
        : QFileDialog::getOpenFileName(this, tr("Schema Set File"), start,
                                       tr("JSON files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const auto error = useSchemaSet(path, true))
        QMessageBox::warning(this, tr("Content Schemas"), *error);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Coffer"),
                       tr("<h3>Coffer %1</h3><p>Administer secrets in AWS Secrets Manager: browse "
                          "by namespace, edit JSON values safely, diff versions, preview IAM "
                          "policies and diagnose access problems.</p>")
                           .arg(AppInfo::version()));
}

} // namespace coffer
