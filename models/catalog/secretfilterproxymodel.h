// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSortFilterProxyModel>

namespace coffer {

/**
 * Narrows a NamespaceTreeModel as the user types: a secret is shown when its full name contains
 * the filter text (case-insensitive), so a prefix ("paintbox/prod") and a word anywhere
 * ("jwt") both find it. Namespaces are shown exactly when they hold a shown secret. Secrets
 * scheduled for deletion are hidden unless showScheduledForDeletion is on.
 */
class SecretFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretFilterProxyModel)

public:
    explicit SecretFilterProxyModel(QObject *parent = nullptr);

    [[nodiscard]] QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);

    [[nodiscard]] bool showScheduledForDeletion() const { return m_showScheduledForDeletion; }
    void setShowScheduledForDeletion(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
    bool m_showScheduledForDeletion = false;
};

} // namespace coffer
