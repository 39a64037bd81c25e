// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/content/contentfinding.h"
#include "models/profiles/profile.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QUuid>

#include <functional>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace coffer {

class ElidedLabel;
class ProductionBadge;
class ProfileListModel;
class ProfileStore;
class SecretBrowserPane;
class DiagnosticsPane;
class PolicyPreviewPane;
class SecretDetailsPane;
class SecretDiffPane;
class SecretEditSession;
class SecretValuePane;
class SecretVersionsPane;
class Session;
class WriteGuard;

/**
 * Coffer's main window: the secret browser on the left, the detail area on the right, menus,
 * toolbar and a status bar that shows the connection.
 *
 * It remembers its geometry, toolbar state and splitter position in the application settings.
 * It owns no business rules: panes are wired to models by the application.
 *
 * Every write goes through one WriteGuard, kept on the current profile: on a production
 * profile it asks first, and the red PRODUCTION badge shows in the toolbar. Switching profile
 * closes the open secret in every pane, asking first about unsaved edits (Save / Discard /
 * Cancel; Cancel keeps the old profile).
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Shows `session`'s catalog in the browser and its connection in the status bar, and
    /// routes Refresh to it. The session must outlive the window or be cleared first.
    void setSession(Session *session);
    [[nodiscard]] Session *session() const { return m_session; }

    /// Lists "Local sandbox" and the store's profiles in the toolbar's profile switcher, and
    /// enables File > Manage Profiles. Choosing one emits profileChosen().
    void setProfileStore(ProfileStore *store);
    /// Shows `profileId` (null: the local sandbox) as the current profile, without emitting,
    /// and puts the write guard and the production badge on it.
    void setCurrentProfile(const QUuid &profileId);
    /// The profile the window shows as current (null: the local sandbox).
    [[nodiscard]] QUuid currentProfile() const { return m_profileId; }
    [[nodiscard]] WriteGuard *writeGuard() const { return m_writeGuard; }
    /// The toolbar action that holds the PRODUCTION badge (visible on a production profile).
    [[nodiscard]] QAction *productionBadgeAction() const { return m_productionBadgeAction; }
    [[nodiscard]] QComboBox *profileCombo() const { return m_profileCombo; }
    [[nodiscard]] QAction *manageProfilesAction() const { return m_manageProfilesAction; }
    /// File > Sign Out of IAM Identity Center: enabled while an SSO profile is current.
    [[nodiscard]] QAction *signOutAction() const { return m_signOutAction; }
    /// Fills the switcher from `list` instead (the sandbox, ~/.aws profiles, keychain profiles,
    /// each group apart, with its source, kind and problem in the tooltip), following its
    /// changes. The list must outlive the window or be cleared first.
    void setProfileList(ProfileListModel *list);
    /// The profile `profileId` stands for in the switcher: a ~/.aws one from the list, or one of
    /// the store's; nullopt for the sandbox (a null id) or an unknown id.
    [[nodiscard]] std::optional<Profile> profileFor(const QUuid &profileId) const;
    /// Keeps `warning` in the status bar until cleared (empty: none), such as plain HTTP.
    void setConnectionWarning(const QString &warning);
    /// Shows `message` in the status bar for `timeout` ms (0: until the next one), on one line
    /// elided to the room left of the connection label, the whole text in the tooltip; a message
    /// that stays is elided again when the window is resized. Use it rather than
    /// statusBar()->showMessage(), which lets a long message run under the connection label.
    void showStatusMessage(const QString &message, int timeout = 10000);
    [[nodiscard]] QLabel *connectionWarningLabel() const;

    /// Checks secrets against the schema set at `path` (a file or folder, see SchemaSet) in
    /// the editor and the Checks tab; `remember` keeps it for the next starts (File > Content
    /// Schemas), else it is for this run (`coffer --schema`). An empty path stops using one.
    /// The error, for people, when the set does not load (the last good one stays in use).
    std::optional<QString> useSchemaSet(const QString &path, bool remember);
    /// The path of the schema set in use; empty for none.
    [[nodiscard]] QString schemaSetPath() const { return m_schemaPath; }

signals:
    /// The user picked a profile in the switcher (null: the local sandbox), and the secret of
    /// the old one is closed. The receiver connects to it and calls setCurrentProfile(), or
    /// setCurrentProfile(currentProfile()) when it could not.
    void profileChosen(const QUuid &profileId);
    /// The user asked for the profile manager.
    void manageProfilesRequested();
    /// File > Sign Out on an IAM Identity Center profile (its secret already closed).
    void signOutRequested(const QUuid &profileId);

public:
    [[nodiscard]] SecretBrowserPane *browserPane() const { return m_browserPane; }
    [[nodiscard]] SecretDetailsPane *detailsPane() const { return m_detailsPane; }
    [[nodiscard]] QStackedWidget *detailArea() const { return m_detailArea; }
    /// Who and where the window works on; elided to the room there is, whole in its tooltip.
    [[nodiscard]] ElidedLabel *connectionLabel() const;
    [[nodiscard]] QAction *refreshAction() const { return m_refreshAction; }
    [[nodiscard]] QTabWidget *secretTabs() const { return m_secretTabs; }
    [[nodiscard]] SecretValuePane *valuePane() const { return m_valuePane; }
    [[nodiscard]] SecretEditSession *editSession() const { return m_editSession; }
    [[nodiscard]] SecretVersionsPane *versionsPane() const { return m_versionsPane; }
    [[nodiscard]] SecretDiffPane *diffPane() const { return m_diffPane; }
    [[nodiscard]] PolicyPreviewPane *policyPane() const { return m_policyPane; }
    [[nodiscard]] DiagnosticsPane *checksPane() const { return m_checksPane; }

    /// Shows one view of the selected secret or namespace: "value", "versions", "diff",
    /// "policy", "checks" or "details" (a namespace has only policy and checks). False for an
    /// unknown name or one the selection does not have.
    bool showView(const QString &view);
    /// The names showView() accepts.
    [[nodiscard]] static QStringList viewNames();

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createSecretMenu();
    void createToolBar();
    void createCentralArea();
    void createStatusBar();
    /// Shares the status bar between the connection and its warning: each at most half of it.
    void limitStatusLabels();
    /// Elides the message showing again, for the rest of its time, once the status bar is laid
    /// out anew (the window resized, the connection label or its warning changed).
    void elideStatusMessageAgain();
    void restoreWindowState();
    void saveWindowState() const;
    void showAbout();
    /// File > Content Schemas > Use Schema File/Folder…: asks for the path, then uses it.
    void chooseSchemaSet(bool folder);
    /// Marks `name` in the browser with the worst of `findings`.
    void markSecretContent(const QString &name, const QList<content::ContentFinding> &findings);
    void updateConnectionLabel();
    void showSecretDetails(const QString &name);
    void showNamespace(const QString &prefix);
    /// Points the policy preview and the checks at a secret or a namespace.
    void scopeToolsTo(const QString &prefix, const QString &secret);
    /// Asks before leaving unsaved edits: Save (`proceed` runs once saved), Discard (it runs at
    /// once) or Cancel (`cancelled` runs). Without unsaved edits `proceed` runs at once.
    void confirmLeavingEdit(const std::function<void()> &proceed,
                            const std::function<void()> &cancelled = {});
    /// Keeps the browser on the secret being edited.
    void reselectEditedSecret();
    /// The user picked `profileId` in the switcher.
    void requestProfileSwitch(const QUuid &profileId);
    /// Closes the open secret in every pane: value, versions, diff, policy, checks, details,
    /// title and the browser's selection.
    void closeSecret();
    void updateWindowTitle();
    void createSecretIn(const QString &namespacePrefix);
    void deleteSecret(const QString &name);
    void restoreSecret(const QString &name);
    /// Details > Edit Description and Tags: the dialog, then the calls through the write guard.
    void editSecretDetails(const QString &name);
    /// Reads a secret's metadata again and puts it in the catalog (after a write).
    void reloadSecret(const QString &name, bool select);

    void populateProfiles();
    /// Makes the profile list that drops down wide enough for its longest name.
    void fitProfilePopup();

    QAction *m_refreshAction = nullptr;
    QAction *m_schemaFileAction = nullptr;
    QAction *m_schemaFolderAction = nullptr;
    QAction *m_noSchemaAction = nullptr;
    QString m_schemaPath;
    QAction *m_manageProfilesAction = nullptr;
    QAction *m_signOutAction = nullptr;
    QComboBox *m_profileCombo = nullptr;
    ProductionBadge *m_productionBadge = nullptr;
    QAction *m_productionBadgeAction = nullptr;
    WriteGuard *m_writeGuard = nullptr;
    QUuid m_profileId;
    ProfileStore *m_profileStore = nullptr;
    ProfileListModel *m_profileList = nullptr;
    ElidedLabel *m_connectionWarning = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
    QAction *m_shortcutsAction = nullptr;
    QAction *m_documentationAction = nullptr;
    QMenu *m_helpMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QSplitter *m_splitter = nullptr;
    SecretBrowserPane *m_browserPane = nullptr;
    SecretDetailsPane *m_detailsPane = nullptr;
    QTabWidget *m_secretTabs = nullptr;
    SecretValuePane *m_valuePane = nullptr;
    SecretEditSession *m_editSession = nullptr;
    SecretVersionsPane *m_versionsPane = nullptr;
    SecretDiffPane *m_diffPane = nullptr;
    PolicyPreviewPane *m_policyPane = nullptr;
    DiagnosticsPane *m_checksPane = nullptr;
    bool m_discardConfirmed = false;
    bool m_restoringSelection = false;
    Session *m_session = nullptr;
    bool m_browserExpanded = false;
    QStackedWidget *m_detailArea = nullptr;
    ElidedLabel *m_connectionLabel = nullptr;
    /// The last message showStatusMessage() showed: in full, as shown, for how long and since
    /// when, to elide it again while it shows.
    struct StatusMessage
    {
        QString full;
        QString shown;
        int timeout = 0;
        QElapsedTimer since;
    } m_statusMessage;
};

} // namespace coffer
