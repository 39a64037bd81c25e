// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/namespacetreemodel.h"

#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer {

struct NamespaceTreeModel::Node
{
    Node *parent = nullptr;
    QString segment;          // "paintbox/" for a namespace, "public-keys" for a secret
    bool isNamespace = true;
    int secretCount = 0;      // secrets at or below this node
    std::optional<aws::SecretMetadata> secret;
    std::vector<std::unique_ptr<Node>> children;

    [[nodiscard]] QString fullName() const
    {
        QString name = segment;
        for (const Node *up = parent; up && up->parent; up = up->parent)
            name.prepend(up->segment);
        return name;
    }
};

namespace {

// Namespaces before secrets; then case-insensitive, then exact, so the order is total.
bool lessThan(bool leftIsNamespace, const QString &left, bool rightIsNamespace,
              const QString &right)
{
    if (leftIsNamespace != rightIsNamespace)
        return leftIsNamespace;
    const int folded = left.compare(right, Qt::CaseInsensitive);
    if (folded != 0)
        return folded < 0;
    return left < right;
}

} // namespace

NamespaceTreeModel::NamespaceTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

NamespaceTreeModel::~NamespaceTreeModel() = default;

QStringList NamespaceTreeModel::pathSegments(const QString &secretName)
{
    QStringList segments;
    qsizetype start = 0;
    for (qsizetype slash = secretName.indexOf(u'/'); slash >= 0;
         slash = secretName.indexOf(u'/', start)) {
        segments.append(secretName.mid(start, slash - start + 1));
        start = slash + 1;
    }
    segments.append(secretName.mid(start));
    return segments;
}

void NamespaceTreeModel::setSecrets(const QList<aws::SecretMetadata> &secrets)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    std::vector<Node *> touched;
    for (const aws::SecretMetadata &secret : secrets)
        insertSecret(secret, touched, RowSignals::None);
    endResetModel();
    emit secretCountChanged(secretCount());
}

void NamespaceTreeModel::addSecrets(const QList<aws::SecretMetadata> &secrets)
{
    const int countBefore = secretCount();
    std::vector<Node *> touched;
    for (const aws::SecretMetadata &secret : secrets)
        insertSecret(secret, touched, RowSignals::Emit);
    emitCountsChanged(touched);
    if (secretCount() != countBefore)
        emit secretCountChanged(secretCount());
}

void NamespaceTreeModel::insertSecret(const aws::SecretMetadata &secret,
                                      std::vector<Node *> &touched, RowSignals rowSignals)
{
    const QStringList segments = pathSegments(secret.name);
    Node *node = m_root.get();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const bool isNamespace = i + 1 < segments.size();
        const QString &segment = segments.at(i);
        auto &children = node->children;
        auto position = std::lower_bound(
            children.begin(), children.end(), segment,
            [isNamespace](const std::unique_ptr<Node> &child, const QString &value) {
                return lessThan(child->isNamespace, child->segment, isNamespace, value);
            });
        if (position != children.end() && (*position)->isNamespace == isNamespace
            && (*position)->segment == segment) {
            node = position->get();
            continue;
        }
        const int row = int(position - children.begin());
        if (rowSignals == RowSignals::Emit)
            beginInsertRows(indexFor(node), row, row);
        auto child = std::make_unique<Node>();
        child->parent = node;
        child->segment = segment;
        child->isNamespace = isNamespace;
        node = children.insert(position, std::move(child))->get();
        if (rowSignals == RowSignals::Emit)
            endInsertRows();
    }

    if (node->secret) {
        // Known secret: refresh its metadata in place.
        node->secret = secret;
        if (rowSignals == RowSignals::Emit)
            emit dataChanged(indexFor(node, NameColumn), indexFor(node, ColumnCount - 1));
        return;
    }
    node->secret = secret;
    for (Node *up = node; up; up = up->parent) {
        ++up->secretCount;
        if (up != node && up != m_root.get())
            touched.push_back(up);
    }
}

void NamespaceTreeModel::emitCountsChanged(std::vector<Node *> &touched)
{
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const Node *node : touched) {
        const QModelIndex count = indexFor(node, CountColumn);
        emit dataChanged(count, count, {Qt::DisplayRole, SecretCountRole});
    }
}

bool NamespaceTreeModel::removeSecret(const QString &name)
{
    Node *node = findLeaf(name);
    if (!node)
        return false;
    std::vector<Node *> touched;
    for (Node *up = node->parent; up; up = up->parent)
        --up->secretCount;
    // Remove the leaf, then every namespace it leaves empty.
    while (node != m_root.get() && (node->isNamespace ? node->children.empty() : true)) {
        Node *parent = node->parent;
        const int row = rowOf(node);
        beginRemoveRows(indexFor(parent), row, row);
        parent->children.erase(parent->children.begin() + row);
        endRemoveRows();
        node = parent;
    }
    for (Node *up = node; up && up != m_root.get(); up = up->parent)
        touched.push_back(up);
    emitCountsChanged(touched);
    emit secretCountChanged(secretCount());
    return true;
}

void NamespaceTreeModel::clear()
{
    setSecrets({});
}

int NamespaceTreeModel::secretCount() const
{
    return m_root->secretCount;
}

NamespaceTreeModel::Node *NamespaceTreeModel::findLeaf(const QString &name) const
{
    const QModelIndex index = indexForName(name);
    Node *node = nodeFor(index);
    return node && node->secret ? node : nullptr;
}

const aws::SecretMetadata *NamespaceTreeModel::secret(const QString &name) const
{
    const Node *node = findLeaf(name);
    return node ? &*node->secret : nullptr;
}

QModelIndex NamespaceTreeModel::indexForName(const QString &fullName) const
{
    if (fullName.isEmpty())
        return {};
    QStringList segments = pathSegments(fullName);
    // "a/b/" names the namespace b/: the split leaves an empty leaf to drop.
    const bool namesNamespace = fullName.endsWith(u'/');
    if (namesNamespace)
        segments.removeLast();
    const Node *node = m_root.get();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const bool isNamespace = namesNamespace || i + 1 < segments.size();
        const QString &segment = segments.at(i);
        const auto &children = node->children;
        auto position = std::lower_bound(
            children.begin(), children.end(), segment,
            [isNamespace](const std::unique_ptr<Node> &child, const QString &value) {
                return lessThan(child->isNamespace, child->segment, isNamespace, value);
            });
        if (position == children.end() || (*position)->isNamespace != isNamespace
            || (*position)->segment != segment)
            return {};
        node = position->get();
    }
    return indexFor(node);
}

NamespaceTreeModel::Node *NamespaceTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return nullptr;
    Q_ASSERT(index.model() == this);
    return static_cast<Node *>(index.internalPointer());
}

int NamespaceTreeModel::rowOf(const Node *node)
{
    const auto &siblings = node->parent->children;
    const auto position = std::lower_bound(
        siblings.begin(), siblings.end(), node,
        [](const std::unique_ptr<Node> &sibling, const Node *value) {
            return lessThan(sibling->isNamespace, sibling->segment, value->isNamespace,
                            value->segment);
        });
    Q_ASSERT(position != siblings.end() && position->get() == node);
    return int(position - siblings.begin());
}

QModelIndex NamespaceTreeModel::indexFor(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(rowOf(node), column, const_cast<Node *>(node));
}

QModelIndex NamespaceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node *parentNode = parent.isValid() ? nodeFor(parent) : m_root.get();
    return createIndex(row, column, parentNode->children.at(size_t(row)).get());
}

QModelIndex NamespaceTreeModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeFor(child);
    if (!node)
        return {};
    return indexFor(node->parent);
}

int NamespaceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *node = parent.isValid() ? nodeFor(parent) : m_root.get();
    return int(node->children.size());
}

int NamespaceTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant NamespaceTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeFor(index);
    if (!node)
        return {};
    const aws::SecretMetadata *secret = node->secret ? &*node->secret : nullptr;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return node->segment;
        case CountColumn:
            return node->isNamespace ? QVariant(node->secretCount) : QVariant();
        case LastChangedColumn:
            return secret && secret->lastChangedDate.isValid()
                ? QLocale().toString(secret->lastChangedDate.toLocalTime().date(), QLocale::ShortFormat)
                : QVariant();
        }
        return {};
    case Qt::ToolTipRole:
        if (secret && !secret->description.isEmpty())
            return u"%1\n%2"_s.arg(node->fullName(), secret->description);
        return node->fullName();
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FullNameRole:
        return node->fullName();
    case IsNamespaceRole:
        return node->isNamespace;
    case SecretCountRole:
        return node->secretCount;
    case ArnRole:
        return secret ? QVariant(secret->arn) : QVariant();
    case ScheduledForDeletionRole:
        return secret ? QVariant(secret->isScheduledForDeletion()) : QVariant();
    case DeletionDateRole:
        return secret ? QVariant(secret->deletedDate) : QVariant();
    case DescriptionRole:
        return secret ? QVariant(secret->description) : QVariant();
    }
    return {};
}

QVariant NamespaceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CountColumn:
        return tr("Secrets");
    case LastChangedColumn:
        return tr("Last changed");
    }
    return {};
}

QHash<int, QByteArray> NamespaceTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(FullNameRole, "fullName");
    names.insert(IsNamespaceRole, "isNamespace");
    names.insert(SecretCountRole, "secretCount");
    names.insert(ArnRole, "arn");
    names.insert(ScheduledForDeletionRole, "scheduledForDeletion");
    names.insert(DeletionDateRole, "deletionDate");
    names.insert(DescriptionRole, "description");
    return names;
}

} // namespace coffer
