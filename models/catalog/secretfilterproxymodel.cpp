// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/secretfilterproxymodel.h"

#include "models/catalog/namespacetreemodel.h"

namespace coffer {

SecretFilterProxyModel::SecretFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // A namespace stays visible while any secret below it is accepted.
    setRecursiveFilteringEnabled(true);
}

void SecretFilterProxyModel::setFilterText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filterText)
        return;
    m_filterText = trimmed;
    invalidateRowsFilter();
}

void SecretFilterProxyModel::setShowScheduledForDeletion(bool show)
{
    if (show == m_showScheduledForDeletion)
        return;
    m_showScheduledForDeletion = show;
    invalidateRowsFilter();
}

bool SecretFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(NamespaceTreeModel::IsNamespaceRole).toBool())
        return false;   // shown through its secrets, by recursive filtering
    if (!m_showScheduledForDeletion
        && index.data(NamespaceTreeModel::ScheduledForDeletionRole).toBool())
        return false;
    return m_filterText.isEmpty()
        || index.data(NamespaceTreeModel::FullNameRole)
               .toString()
               .contains(m_filterText, Qt::CaseInsensitive);
}

} // namespace coffer
