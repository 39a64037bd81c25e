// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/secretfilterproxymodel.h"

#include "models/catalog/namespacetreemodel.h"

namespace coffer {

SecretFilterProxyModel::SecretFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void SecretFilterProxyModel::setSourceModel(QAbstractItemModel *sourceModel)
{
    if (m_tree)
        disconnect(m_tree, nullptr, this, nullptr);
    m_tree = qobject_cast<NamespaceTreeModel *>(sourceModel);
    Q_ASSERT_X(m_tree || !sourceModel, "SecretFilterProxyModel",
               "the source model must be a NamespaceTreeModel");
    if (m_tree) {
        // Before the proxy maps anything, so the first mapping already filters.
        m_tree->setFilter(m_filterText, m_showScheduledForDeletion);
        connect(m_tree, &NamespaceTreeModel::filterChanged, this,
                &SecretFilterProxyModel::invalidateRowsFilter);
    }
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void SecretFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    applyFilter();
}

void SecretFilterProxyModel::setShowScheduledForDeletion(bool show)
{
    if (show == m_showScheduledForDeletion)
        return;
    m_showScheduledForDeletion = show;
    applyFilter();
}

void SecretFilterProxyModel::applyFilter()
{
    // The tree emits filterChanged, which re-filters this proxy.
    if (m_tree)
        m_tree->setFilter(m_filterText, m_showScheduledForDeletion);
}

bool SecretFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !m_tree || m_tree->isShown(sourceRow, sourceParent);
}

} // namespace coffer
