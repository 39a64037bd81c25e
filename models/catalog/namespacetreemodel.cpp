// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/namespacetreemodel.h"

#include <QLocale>

#include <algorithm>
#include <string_view>
#include <utility>

using namespace Qt::StringLiterals;

namespace coffer {

struct NamespaceTreeModel::Node
{
    Node *parent = nullptr;
    QString segment;          // "paintbox/" for a namespace, "public-keys" for a secret
    bool isNamespace = true;
    int secretCount = 0;      // secrets at or below this node
    int shownCount = 0;       // of those, the ones the filter shows
    qsizetype nameEntry = -1; // a secret's entry in the NameIndex
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

/**
 * Every secret's full name, case-folded to UTF-8 and laid end to end in one buffer, each followed
 * by a NUL, with one entry per name saying whether it matches the filter text. A full re-match
 * is one forward substring scan over the buffer; typing one more character re-checks only the
 * names that matched before. Removed names are left in place as dead entries and compacted
 * away once they are the majority.
 */
class NamespaceTreeModel::NameIndex
{
public:
    struct Entry
    {
        qsizetype offset = 0;     // of the name in m_names
        Node *node = nullptr;     // nullptr once removed
        bool matches = true;      // the name contains the filter text
        bool scheduled = false;   // the secret is scheduled for deletion
    };

    QString text;                     // the filter text, trimmed
    bool showScheduled = false;

    [[nodiscard]] static bool shows(bool matches, bool scheduled, bool showScheduled)
    {
        return matches && (showScheduled || !scheduled);
    }
    [[nodiscard]] bool shows(const Entry &entry) const
    {
        return shows(entry.matches, entry.scheduled, showScheduled);
    }
    [[nodiscard]] Entry &entry(qsizetype index) { return m_entries[size_t(index)]; }

    /// A new name, matched against the filter text. Its node is set once its row exists.
    qsizetype add(const QString &name, bool scheduled)
    {
        m_entries.push_back({ m_names.size(), nullptr, true, scheduled });
        m_names += name.toCaseFolded().toUtf8();
        m_names += '\0';
        m_entries.back().matches = contains(nameAt(m_entries.size() - 1));
        return qsizetype(m_entries.size()) - 1;
    }

    void remove(qsizetype index)
    {
        m_entries[size_t(index)].node = nullptr;
        if (++m_dead > 4096 && m_dead * 2 > qsizetype(m_entries.size()))
            compact();
    }

    void clear()
    {
        m_names.clear();
        m_entries.clear();
        m_dead = 0;
    }

    /// Sets the filter text and re-matches every name; `apply(entry, matches)` is called for
    /// each live entry before its `matches` is updated.
    template <typename Apply>
    void setNeedle(const QString &filterText, Apply apply)
    {
        const QByteArray needle = filterText.toCaseFolded().toUtf8();
        // A longer text matches a subset of what the shorter one matched.
        const bool narrowing = needle.contains(m_needle);
        m_needle = needle;
        const std::string_view all(m_names.constData(), size_t(m_names.size()));
        // A text with a NUL matches no name, but would match across two in the buffer.
        size_t hit = narrowing || m_needle.contains('\0') ? std::string_view::npos
                                                          : all.find(needleView());
        for (size_t i = 0; i < m_entries.size(); ++i) {
            Entry &entry = m_entries[i];
            const size_t end = size_t(nameEnd(i));
            bool matches = false;
            if (narrowing)
                matches = entry.matches && contains(nameAt(i));
            else if (hit < end) {
                // The NUL after every name keeps a hit inside one name; go on after this one.
                matches = true;
                hit = all.find(needleView(), end + 1);
            }
            if (entry.node) {
                apply(entry, matches);
                entry.matches = matches;
            }
        }
    }

private:
    // Where a name ends: the NUL after it, just before the next name.
    [[nodiscard]] qsizetype nameEnd(size_t index) const
    {
        return index + 1 < m_entries.size() ? m_entries[index + 1].offset - 1
                                            : m_names.size() - 1;
    }

    [[nodiscard]] std::string_view nameAt(size_t index) const
    {
        const qsizetype offset = m_entries[index].offset;
        return { m_names.constData() + offset, size_t(nameEnd(index) - offset) };
    }

    [[nodiscard]] std::string_view needleView() const
    {
        return { m_needle.constData(), size_t(m_needle.size()) };
    }

    [[nodiscard]] bool contains(std::string_view name) const
    {
        return m_needle.isEmpty() || name.find(needleView()) != std::string_view::npos;
    }

    void compact()
    {
        QByteArray names;
        std::vector<Entry> entries;
        for (size_t i = 0; i < m_entries.size(); ++i) {
            Entry entry = m_entries[i];
            if (!entry.node)
                continue;
            const std::string_view name = nameAt(i);
            entry.offset = names.size();
            names.append(name.data(), qsizetype(name.size()));
            names += '\0';
            entry.node->nameEntry = qsizetype(entries.size());
            entries.push_back(entry);
        }
        m_names = std::move(names);
        m_entries = std::move(entries);
        m_dead = 0;
    }

    QByteArray m_names;
    std::vector<Entry> m_entries;
    qsizetype m_dead = 0;
    QByteArray m_needle;              // the filter text, case-folded UTF-8
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
    , m_names(std::make_unique<NameIndex>())
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
    m_names->clear();
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
    const auto childPosition = [&segments](Node *parent, qsizetype i) {
        const bool isNamespace = i + 1 < segments.size();
        auto &children = parent->children;
        return std::lower_bound(
            children.begin(), children.end(), segments.at(i),
            [isNamespace](const std::unique_ptr<Node> &child, const QString &value) {
                return lessThan(child->isNamespace, child->segment, isNamespace, value);
            });
    };

    // Down the part of the path that exists.
    Node *node = m_root.get();
    qsizetype depth = 0;
    for (; depth < segments.size(); ++depth) {
        const bool isNamespace = depth + 1 < segments.size();
        const auto position = childPosition(node, depth);
        if (position == node->children.end() || (*position)->isNamespace != isNamespace
            || (*position)->segment != segments.at(depth))
            break;
        node = position->get();
    }

    if (depth == segments.size()) {
        // Known secret: refresh its metadata in place. Scheduling it for deletion, or
        // restoring it, can change what the filter shows.
        node->secret = secret;
        NameIndex::Entry &entry = m_names->entry(node->nameEntry);
        const bool wasShown = m_names->shows(entry);
        entry.scheduled = secret.isScheduledForDeletion();
        if (m_names->shows(entry) != wasShown) {
            addShown(node, wasShown ? -1 : 1);
            for (Node *up = node->parent; up != m_root.get(); up = up->parent)
                touched.push_back(up);
        }
        if (rowSignals == RowSignals::Emit)
            emit dataChanged(indexFor(node, NameColumn), indexFor(node, ColumnCount - 1));
        return;
    }

    // A new secret. Count it in the namespaces that exist (their rows change after all rows
    // are in, through `touched`), then add the missing rows already counted and matched: a
    // filter proxy decides about a row when it is inserted.
    const qsizetype nameEntry = m_names->add(secret.name, secret.isScheduledForDeletion());
    const int shown = m_names->shows(m_names->entry(nameEntry)) ? 1 : 0;
    for (Node *up = node; up; up = up->parent) {
        ++up->secretCount;
        up->shownCount += shown;
        if (up != m_root.get())
            touched.push_back(up);
    }
    for (; depth < segments.size(); ++depth) {
        const auto position = childPosition(node, depth);
        const int row = int(position - node->children.begin());
        auto child = std::make_unique<Node>();
        child->parent = node;
        child->segment = segments.at(depth);
        child->isNamespace = depth + 1 < segments.size();
        child->secretCount = 1;
        child->shownCount = shown;
        if (!child->isNamespace) {
            child->secret = secret;
            child->nameEntry = nameEntry;
            m_names->entry(nameEntry).node = child.get();
        }
        if (rowSignals == RowSignals::Emit)
            beginInsertRows(indexFor(node), row, row);
        node = node->children.insert(position, std::move(child))->get();
        if (rowSignals == RowSignals::Emit)
            endInsertRows();
    }
}

void NamespaceTreeModel::addShown(Node *leaf, int delta)
{
    for (Node *up = leaf; up; up = up->parent)
        up->shownCount += delta;
}

void NamespaceTreeModel::setFilter(const QString &text, bool showScheduledForDeletion)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_names->text && showScheduledForDeletion == m_names->showScheduled)
        return;
    const bool showBefore = m_names->showScheduled;
    m_names->text = trimmed;
    m_names->setNeedle(trimmed, [&](const NameIndex::Entry &entry, bool matches) {
        const bool wasShown = NameIndex::shows(entry.matches, entry.scheduled, showBefore);
        const bool shown = NameIndex::shows(matches, entry.scheduled, showScheduledForDeletion);
        if (shown != wasShown)
            addShown(entry.node, shown ? 1 : -1);
    });
    m_names->showScheduled = showScheduledForDeletion;
    emit filterChanged();
}

QString NamespaceTreeModel::filterText() const
{
    return m_names->text;
}

bool NamespaceTreeModel::showsScheduledForDeletion() const
{
    return m_names->showScheduled;
}

bool NamespaceTreeModel::isShown(int row, const QModelIndex &parent) const
{
    const Node *node = parent.isValid() ? nodeFor(parent) : m_root.get();
    return row >= 0 && size_t(row) < node->children.size()
        && node->children[size_t(row)]->shownCount > 0;
}

int NamespaceTreeModel::shownSecretCount() const
{
    return m_root->shownCount;
}

void NamespaceTreeModel::emitCountsChanged(std::vector<Node *> &touched)
{
    // Outer namespaces first: a filter proxy reconsiders a row on dataChanged, and a namespace
    // that has just become shown must be in the proxy before its children are reconsidered.
    const auto depth = [](const Node *node) {
        int levels = 0;
        for (const Node *up = node->parent; up; up = up->parent)
            ++levels;
        return levels;
    };
    std::sort(touched.begin(), touched.end(), [&](const Node *left, const Node *right) {
        return std::pair(depth(left), left) < std::pair(depth(right), right);
    });
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
    if (m_names->shows(m_names->entry(node->nameEntry)))
        addShown(node, -1);
    m_names->remove(node->nameEntry);
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
    m_marks.clear();
    setSecrets({});
}

void NamespaceTreeModel::setContentMark(const QString &name, ContentMark mark, const QString &summary)
{
    const Mark before = m_marks.value(name);
    if (before.mark == mark && (mark == ContentMark::None || before.summary == summary))
        return; // re-inspected, same verdict: nothing for views to repaint
    if (mark == ContentMark::None)
        m_marks.remove(name);
    else
        m_marks.insert(name, { mark, summary });
    if (const Node *leaf = findLeaf(name)) {
        const QModelIndex index = indexFor(leaf);
        emit dataChanged(index, index, { ContentMarkRole, Qt::ToolTipRole });
    }
}

NamespaceTreeModel::ContentMark NamespaceTreeModel::contentMark(const QString &name) const
{
    return m_marks.value(name).mark;
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
    case Qt::ToolTipRole: {
        QString tip = node->fullName();
        if (secret && !secret->description.isEmpty())
            tip += u'\n' + secret->description;
        if (secret) {
            if (const auto mark = m_marks.constFind(secret->name); mark != m_marks.cend())
                tip += u'\n' + mark->summary;
        }
        return tip;
    }
    case ContentMarkRole:
        return int(secret ? m_marks.value(secret->name).mark : ContentMark::None);
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
    names.insert(ContentMarkRole, "contentMark");
    return names;
}

} // namespace coffer
