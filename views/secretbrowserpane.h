// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAction;
class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTimer;
class QTreeView;

namespace coffer {

class EmptyStateOverlay;
class NamespaceTreeModel;
class SecretFilterProxyModel;

/**
 * The secret browser: a filter box over the namespace tree, a switch for secrets scheduled for
 * deletion, and a line that says how many secrets there are or how the listing is going.
 *
 * Give it the application's NamespaceTreeModel with setModel(); it filters through its own
 * SecretFilterProxyModel and reports the secret the user picks by its full name. While a filter
 * is set, every namespace holding a match is expanded, as long as there are at most 2,000
 * matches; a broader filter leaves the expansion as the user set it.
 *
 * Typing a name prefix ("sophon/prod/") in a large account, or while the listing is still
 * streaming in, also asks for serverSearchRequested() once typing pauses, so the application can
 * ask the server for that prefix instead of waiting for the whole account.
 *
 * An empty tree says why in the tree itself: no secret matches the filter (with a button that
 * clears it), or there are no secrets yet.
 *
 * The context menu (and the actions below, for menus and tests) copies a secret's name or ARN,
 * and asks the application to create a secret in a namespace, delete a secret or restore one
 * scheduled for deletion.
 */
class SecretBrowserPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretBrowserPane)

public:
    explicit SecretBrowserPane(QWidget *parent = nullptr);
    ~SecretBrowserPane() override;

    void setModel(NamespaceTreeModel *model);
    [[nodiscard]] NamespaceTreeModel *model() const { return m_model; }

    /// While a listing streams in: "Loading… 300 secrets"; afterwards the total.
    void setLoading(bool loading);
    /// Shown in place of the count after a listing failed.
    void setErrorText(const QString &text);

    [[nodiscard]] QString currentSecretName() const;
    /// Selects (and reveals) a secret or namespace by full name; false when it is not listed.
    bool selectName(const QString &fullName);

    [[nodiscard]] QLineEdit *filterEdit() const { return m_filterEdit; }
    [[nodiscard]] QTreeView *treeView() const { return m_treeView; }
    [[nodiscard]] QCheckBox *showDeletedCheckBox() const { return m_showDeleted; }
    [[nodiscard]] QLabel *statusLabel() const { return m_statusLabel; }

    /// The name of the selected row: a secret ("a/b/c") or a namespace ("a/b/"); empty if none.
    [[nodiscard]] QString currentFullName() const;
    /// The namespace a new secret would go to: the selected namespace, or the selected
    /// secret's namespace ("a/b/" for "a/b/c"); empty at the top.
    [[nodiscard]] QString currentNamespace() const;

    [[nodiscard]] QAction *copyNameAction() const { return m_copyNameAction; }
    [[nodiscard]] QAction *copyArnAction() const { return m_copyArnAction; }
    [[nodiscard]] QAction *newSecretAction() const { return m_newSecretAction; }
    [[nodiscard]] QAction *deleteSecretAction() const { return m_deleteSecretAction; }
    [[nodiscard]] QAction *restoreSecretAction() const { return m_restoreSecretAction; }
    /// The context menu, built for the current row (for tests; the view shows it on request).
    [[nodiscard]] QMenu *contextMenu() const { return m_contextMenu; }

    /// From this many secrets on, a typed prefix is also asked of the server (default 1000;
    /// 0: always). While a listing is running it is asked whatever the count.
    void setServerSearchThreshold(int secrets) { m_serverSearchThreshold = secrets; }
    /// How long typing must pause before the server is asked (default 400 ms).
    void setServerSearchDelay(int milliseconds);

signals:
    /// The current row changed to a secret (empty: a namespace or nothing).
    void currentSecretChanged(const QString &name);
    /// Typing paused on a name prefix worth asking the server about (see the class comment).
    void serverSearchRequested(const QString &namePrefix);
    /// The user asked to create a secret in `namespacePrefix` ("a/b/", or empty for the top).
    void newSecretRequested(const QString &namespacePrefix);
    void deleteSecretRequested(const QString &name);
    void restoreSecretRequested(const QString &name);

private:
    void applyFilter(const QString &text);
    void revealMatches();
    void reselectChosenSecret();
    void updateStatus();
    /// Says over the tree why it is empty: no match for the filter, or no secrets at all.
    void updateEmptyState();
    void updateActions();
    void createActions();
    void requestServerSearch();

    NamespaceTreeModel *m_model = nullptr;
    SecretFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_treeView = nullptr;
    QCheckBox *m_showDeleted = nullptr;
    QLabel *m_statusLabel = nullptr;
    EmptyStateOverlay *m_emptyState = nullptr;
    QAction *m_copyNameAction = nullptr;
    QAction *m_copyArnAction = nullptr;
    QAction *m_newSecretAction = nullptr;
    QAction *m_deleteSecretAction = nullptr;
    QAction *m_restoreSecretAction = nullptr;
    QMenu *m_contextMenu = nullptr;
    QTimer *m_serverSearchTimer = nullptr;
    QTimer *m_revealTimer = nullptr;
    int m_serverSearchThreshold = 1000;
    QString m_lastServerSearch;
    bool m_loading = false;
    bool m_rowsLeaving = false;  ///< between the proxy's rowsAboutToBeRemoved and rowsRemoved
    bool m_currentMoved = false; ///< the selection model moved the current row meanwhile
    QString m_chosenSecret;      ///< the secret the user last made current
    bool m_listed = false; ///< a listing of the model finished (it may be empty)
    QString m_errorText;
};

} // namespace coffer
