// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"

#include <QAbstractItemModel>
#include <QHash>

#include <memory>
#include <vector>

namespace coffer {

/**
 * Secrets grouped by namespace: `paintbox/production/jwt/public-keys` lives under `paintbox/`
 * → `production/` → `jwt/`. Each namespace shows how many secrets it holds, however deep.
 *
 * A plain C++ tree under a thin QAbstractItemModel adaptor. Children are kept sorted (namespaces
 * first, then secrets, each case-insensitively), so no sort proxy is needed, and rows can be
 * found by binary search. Listings arrive page by page: addSecrets() inserts each new row with
 * its own begin/endInsertRows and updates existing ones in place, so views keep their selection
 * and expansion while a listing streams in. setSecrets() replaces everything (a full reload).
 *
 * The model also holds the browser's filter (setFilter()): a secret is shown when its full name
 * contains the filter text, case-insensitively, so a prefix ("paintbox/prod") and a word
 * anywhere ("jwt") both find it; secrets scheduled for deletion are shown only on request; a
 * namespace is shown when it holds a shown secret. Every node keeps how many shown secrets it
 * holds, so SecretFilterProxyModel only reads a flag per row, and a keystroke is one substring
 * scan over one contiguous buffer of case-folded names, not a QVariant round trip per row.
 * Secrets that stream in while a filter is set are matched as they arrive.
 */
class NamespaceTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NamespaceTreeModel)

public:
    enum Column { NameColumn, CountColumn, LastChangedColumn, ColumnCount };
    enum Role {
        FullNameRole = Qt::UserRole + 1,   ///< "paintbox/production/" or "pixell/prod"
        IsNamespaceRole,                   ///< bool
        SecretCountRole,                   ///< int: secrets below a namespace, 1 for a secret
        ArnRole,                           ///< QString, secrets only
        ScheduledForDeletionRole,          ///< bool, secrets only
        DeletionDateRole,                  ///< QDateTime, secrets only
        DescriptionRole,                   ///< QString, secrets only
        ContentMarkRole,                   ///< int(ContentMark), secrets only
    };
    /// The worst content finding known for a secret's value (from the editor or a Content
    /// check), for a mark beside its name.
    enum class ContentMark { None, Warning, Error };

    explicit NamespaceTreeModel(QObject *parent = nullptr);
    ~NamespaceTreeModel() override;

    /// Replaces the whole tree (model reset).
    void setSecrets(const QList<aws::SecretMetadata> &secrets);
    /// Inserts new secrets and updates known ones, row by row.
    void addSecrets(const QList<aws::SecretMetadata> &secrets);
    /// Removes one secret, and namespaces left empty by it. Returns false if it was not there.
    bool removeSecret(const QString &name);
    /// Empties the tree, the content marks too (another account).
    void clear();

    /// Marks `name` (known or not yet listed) with what its value holds; `summary` ("2 errors")
    /// goes into its tooltip. ContentMark::None takes the mark away. Marks stay over refreshes.
    void setContentMark(const QString &name, ContentMark mark, const QString &summary);
    [[nodiscard]] ContentMark contentMark(const QString &name) const;

    [[nodiscard]] int secretCount() const;
    /// The secret with that exact name, or nullptr.
    [[nodiscard]] const aws::SecretMetadata *secret(const QString &name) const;
    /// Index of a secret ("a/b/c") or of a namespace ("a/b/"), column 0; invalid if absent.
    [[nodiscard]] QModelIndex indexForName(const QString &fullName) const;

    /// Shows only secrets whose name contains `text` (trimmed, case-insensitive; empty: all),
    /// and secrets scheduled for deletion only if `showScheduledForDeletion`. Emits
    /// filterChanged() when that changes what is shown; rows are not signalled one by one.
    void setFilter(const QString &text, bool showScheduledForDeletion);
    [[nodiscard]] QString filterText() const;
    [[nodiscard]] bool showsScheduledForDeletion() const;
    /// Whether the row passes the filter (a namespace: holds a secret that passes).
    [[nodiscard]] bool isShown(int row, const QModelIndex &parent = {}) const;
    /// Secrets that pass the filter.
    [[nodiscard]] int shownSecretCount() const;

    /// Splits a secret name into its namespaces and leaf: "a/b/c" → {"a/", "b/", "c"}.
    [[nodiscard]] static QStringList pathSegments(const QString &secretName);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    /// After every change that added or removed secrets, with the new total.
    void secretCountChanged(int count);
    /// After setFilter() changed which rows are shown.
    void filterChanged();

private:
    struct Node;
    class NameIndex;
    /// Inside a model reset no row signals may be emitted.
    enum class RowSignals { Emit, None };

    [[nodiscard]] Node *nodeFor(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexFor(const Node *node, int column = NameColumn) const;
    [[nodiscard]] static int rowOf(const Node *node);
    [[nodiscard]] Node *findLeaf(const QString &name) const;
    void insertSecret(const aws::SecretMetadata &secret, std::vector<Node *> &touched,
                      RowSignals rowSignals);
    void emitCountsChanged(std::vector<Node *> &touched);
    /// Adds `delta` (±1) shown secrets to a secret and everything above it.
    void addShown(Node *leaf, int delta);

    struct Mark
    {
        ContentMark mark = ContentMark::None;
        QString summary;
    };
    QHash<QString, Mark> m_marks;
    std::unique_ptr<Node> m_root;
    std::unique_ptr<NameIndex> m_names;
};

} // namespace coffer
