// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QSortFilterProxyModel>

namespace coffer {

class NamespaceTreeModel;

/**
 * Narrows a NamespaceTreeModel as the user types: a secret is shown when its full name contains
 * the filter text (case-insensitive), so a prefix ("paintbox/prod") and a word anywhere
 * ("jwt") both find it. Namespaces are shown exactly when they hold a shown secret. Secrets
 * scheduled for deletion are hidden unless showScheduledForDeletion is on.
 *
 * The matching itself is the source model's (NamespaceTreeModel::setFilter()), which keeps a
 * shown flag on every row; this proxy passes the filter on and hides the rows the source marks
 * hidden. That keeps a keystroke over 100,000 secrets to one scan of their names, where
 * recursive filtering would ask every row for three QVariants.
 */
class SecretFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretFilterProxyModel)

public:
    explicit SecretFilterProxyModel(QObject *parent = nullptr);

    /// Must be a NamespaceTreeModel (or nullptr); it receives this proxy's filter.
    void setSourceModel(QAbstractItemModel *sourceModel) override;

    [[nodiscard]] QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);

    [[nodiscard]] bool showScheduledForDeletion() const { return m_showScheduledForDeletion; }
    void setShowScheduledForDeletion(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void applyFilter();

    QPointer<NamespaceTreeModel> m_tree;
    QString m_filterText;
    bool m_showScheduledForDeletion = false;
};

} // namespace coffer
