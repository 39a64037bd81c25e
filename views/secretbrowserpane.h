// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTreeView;

namespace coffer {

class NamespaceTreeModel;
class SecretFilterProxyModel;

/**
 * The secret browser: a filter box over the namespace tree, a switch for secrets scheduled for
 * deletion, and a line that says how many secrets there are or how the listing is going.
 *
 * Give it the application's NamespaceTreeModel with setModel(); it filters through its own
 * SecretFilterProxyModel and reports the secret the user picks by its full name.
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

signals:
    /// The current row changed to a secret (empty: a namespace or nothing).
    void currentSecretChanged(const QString &name);

private:
    void applyFilter(const QString &text);
    void updateStatus();

    NamespaceTreeModel *m_model = nullptr;
    SecretFilterProxyModel *m_proxy = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QTreeView *m_treeView = nullptr;
    QCheckBox *m_showDeleted = nullptr;
    QLabel *m_statusLabel = nullptr;
    bool m_loading = false;
    QString m_errorText;
};

} // namespace coffer
