// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/editor/jsontreemodel.h"

#include "models/content/contentinspector.h"
#include "models/json/jsonnode.h"
#include "models/json/jsonpointer.h"
#include "models/json/jsontokens.h"


using namespace Qt::StringLiterals;

namespace coffer {

using json::JsonKind;
using json::JsonNode;

class JsonTreeModel::Edit
{
public:
    explicit Edit(QString text) : m_text(std::move(text)) { }
    virtual ~Edit() = default;
    Q_DISABLE_COPY_MOVE(Edit)
    virtual void redo() = 0;
    virtual void undo() = 0;
    [[nodiscard]] const QString &text() const { return m_text; }

private:
    QString m_text;
};

namespace {

// The edits address nodes by their row path from the root: commands run strictly in
// stack order, so a path is valid whenever its command runs, while node addresses of taken
// subtrees would not be.

class InsertCommand final : public JsonTreeModel::Edit
{
public:
    InsertCommand(JsonTreeModel *model, JsonTreeModel::Path parent, int row,
                  std::unique_ptr<JsonNode> node, const QString &text)
        : Edit(text), m_model(model), m_parent(std::move(parent)), m_row(row),
          m_node(std::move(node))
    {
    }
    void redo() override { m_model->insertNodeAt(m_parent, m_row, std::move(m_node)); }
    void undo() override { m_node = m_model->takeNodeAt(m_parent, m_row); }

private:
    JsonTreeModel *m_model;
    JsonTreeModel::Path m_parent;
    int m_row;
    std::unique_ptr<JsonNode> m_node;
};

class RemoveCommand final : public JsonTreeModel::Edit
{
public:
    RemoveCommand(JsonTreeModel *model, JsonTreeModel::Path parent, int row, const QString &text)
        : Edit(text), m_model(model), m_parent(std::move(parent)), m_row(row)
    {
    }
    void redo() override { m_node = m_model->takeNodeAt(m_parent, m_row); }
    void undo() override { m_model->insertNodeAt(m_parent, m_row, std::move(m_node)); }

private:
    JsonTreeModel *m_model;
    JsonTreeModel::Path m_parent;
    int m_row;
    std::unique_ptr<JsonNode> m_node;
};

class MoveCommand final : public JsonTreeModel::Edit
{
public:
    MoveCommand(JsonTreeModel *model, JsonTreeModel::Path parent, int from, int to,
                const QString &text)
        : Edit(text), m_model(model), m_parent(std::move(parent)), m_from(from), m_to(to)
    {
    }
    void redo() override { m_model->moveNodeAt(m_parent, m_from, m_to); }
    void undo() override { m_model->moveNodeAt(m_parent, m_to, m_from); }

private:
    JsonTreeModel *m_model;
    JsonTreeModel::Path m_parent;
    int m_from;
    int m_to;
};

// Renames and value changes swap what they hold with what is in the tree: redo and undo are
// the same operation.
class RenameCommand final : public JsonTreeModel::Edit
{
public:
    RenameCommand(JsonTreeModel *model, JsonTreeModel::Path path, QByteArray keyToken,
                  const QString &text)
        : Edit(text), m_model(model), m_path(std::move(path)), m_keyToken(std::move(keyToken))
    {
    }
    void redo() override { m_keyToken = m_model->setKeyTokenAt(m_path, m_keyToken); }
    void undo() override { redo(); }

private:
    JsonTreeModel *m_model;
    JsonTreeModel::Path m_path;
    QByteArray m_keyToken;
};

class AssignCommand final : public JsonTreeModel::Edit
{
public:
    AssignCommand(JsonTreeModel *model, JsonTreeModel::Path path,
                  std::unique_ptr<JsonNode> content, const QString &text)
        : Edit(text), m_model(model), m_path(std::move(path)), m_content(std::move(content))
    {
    }
    void redo() override { m_content = m_model->assignAt(m_path, std::move(m_content)); }
    void undo() override { redo(); }

private:
    JsonTreeModel *m_model;
    JsonTreeModel::Path m_path;
    std::unique_ptr<JsonNode> m_content;
};

// The text an editor starts from, and what a type change converts.
QString editText(const JsonNode &node)
{
    switch (node.kind()) {
    case JsonKind::String:
        return node.stringValue();
    case JsonKind::Number:
        return node.numberText();
    case JsonKind::Bool:
        return node.boolValue() ? u"true"_s : u"false"_s;
    case JsonKind::Null:
        return u"null"_s;
    case JsonKind::Object:
    case JsonKind::Array:
        return {};
    }
    return {};
}

// An empty value of a kind, for new members and items.
QString emptyText(JsonKind kind)
{
    switch (kind) {
    case JsonKind::Number:
        return u"0"_s;
    case JsonKind::Bool:
        return u"false"_s;
    default:
        return {};
    }
}

std::unique_ptr<JsonNode> emptyContainerLike(const JsonNode &node)
{
    return node.kind() == JsonKind::Array ? JsonNode::makeArray() : JsonNode::makeObject();
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_document(JsonNode::makeObject())
    , m_loaded(JsonNode::makeObject())
{
}

JsonTreeModel::~JsonTreeModel()
{
    // Edits hold nodes and point at the model: drop them first.
    m_history.clear();
}

void JsonTreeModel::push(std::unique_ptr<Edit> edit)
{
    // A new step forgets what was undone after the current one, as every editor does.
    m_history.erase(m_history.begin() + m_historyIndex, m_history.end());
    edit->redo();
    m_history.push_back(std::move(edit));
    m_historyIndex = int(m_history.size());
    refreshNatures();
    updateModified();
    emit historyChanged();
}

void JsonTreeModel::undo()
{
    if (!canUndo())
        return;
    m_history[size_t(--m_historyIndex)]->undo();
    refreshNatures();
    updateModified();
    emit historyChanged();
}

void JsonTreeModel::redo()
{
    if (!canRedo())
        return;
    m_history[size_t(m_historyIndex++)]->redo();
    refreshNatures();
    updateModified();
    emit historyChanged();
}

QString JsonTreeModel::undoText() const
{
    return canUndo() ? m_history[size_t(m_historyIndex - 1)]->text() : QString();
}

QString JsonTreeModel::redoText() const
{
    return canRedo() ? m_history[size_t(m_historyIndex)]->text() : QString();
}

void JsonTreeModel::setDocument(json::JsonDocument document)
{
    beginResetModel();
    m_history.clear();
    m_historyIndex = 0;
    m_document = std::move(document);
    m_loaded = json::JsonDocument(m_document.root()->clone(), m_document.style());
    m_revealed.clear();
    m_natures.clear();
    m_revealAll = false;
    endResetModel();
    updateModified();
    emit historyChanged();
}

QByteArray JsonTreeModel::toJson() const
{
    return m_document.toJson();
}

bool JsonTreeModel::isModified() const
{
    return !JsonNode::equals(*m_loaded.root(), *rootNode());
}

void JsonTreeModel::updateModified()
{
    const bool modified = isModified();
    if (std::exchange(m_modified, modified) != modified)
        emit modifiedChanged(modified);
}

bool JsonTreeModel::rootIsRow() const
{
    return rootNode()->isScalar();
}

JsonNode *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<JsonNode *>(index.internalPointer()) : nullptr;
}

JsonNode *JsonTreeModel::containerFor(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return rootIsRow() ? nullptr : rootNode();
    JsonNode *node = nodeFor(parent);
    return node && node->isContainer() ? node : nullptr;
}

QModelIndex JsonTreeModel::indexFor(const JsonNode *node, int column) const
{
    if (!node || (node == rootNode() && !rootIsRow()))
        return {};
    const int row = node == rootNode() ? 0 : node->row();
    return createIndex(row, column, const_cast<JsonNode *>(node));
}

QModelIndex JsonTreeModel::indexForPointer(const QString &pointer) const
{
    const auto parsed = json::JsonPointer::parse(pointer);
    return parsed ? indexFor(m_document.nodeAt(*parsed)) : QModelIndex();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid() && rootIsRow())
        return createIndex(row, column, rootNode());
    const JsonNode *container = containerFor(parent);
    const JsonNode *child = container ? container->child(row) : nullptr;
    return child ? createIndex(row, column, const_cast<JsonNode *>(child)) : QModelIndex();
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const JsonNode *node = nodeFor(child);
    const JsonNode *up = node ? node->parent() : nullptr;
    if (!up || up == rootNode())
        return {};
    return createIndex(up->row(), KeyColumn, const_cast<JsonNode *>(up));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    if (!parent.isValid())
        return rootIsRow() ? 1 : rootNode()->childCount();
    const JsonNode *node = nodeFor(parent);
    return node && node->isContainer() ? node->childCount() : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent);
    return ColumnCount;
}

QVariant JsonTreeModel::displayValue(const JsonNode &node, bool masked) const
{
    switch (node.kind()) {
    case JsonKind::Object:
        return tr("{%n key(s)}", nullptr, node.childCount());
    case JsonKind::Array:
        return tr("[%n item(s)]", nullptr, node.childCount());
    case JsonKind::String: {
        if (masked)
            return maskText.toString();
        QString text = node.stringValue();
        // One line in the tree; the multi-line editor shows the real breaks.
        text.replace(u"\r\n"_s, u"↵"_s);
        text.replace(u'\n', u'↵');
        return text;
    }
    case JsonKind::Number:
        return masked ? maskText.toString() : node.numberText();
    case JsonKind::Bool:
    case JsonKind::Null:
        return editText(node);
    }
    return {};
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const JsonNode *node = nodeFor(index);
    if (!node || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool revealed = m_revealAll || m_revealed.contains(node);
    const bool maskable = (node->kind() == JsonKind::String || node->kind() == JsonKind::Number)
        && (m_maskPublic || natureOf(node).sensitive);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case KeyColumn:
            if (node == rootNode())
                return tr("(value)", "the whole secret value when it is not an object");
            // An array item has no key; views draw its index (JsonValueDelegate). Not
            // returning "[3]" here keeps the data of untouched rows the same when an item is
            // inserted above them, as item models promise.
            if (node->parent()->kind() == JsonKind::Array)
                return {};
            return node->key();
        case ValueColumn:
            return role == Qt::EditRole ? QVariant(editText(*node))
                                        : displayValue(*node, maskable && !revealed);
        case TypeColumn:
            // The editor of this column picks a JSON type; what is shown says more when it can.
            if (role == Qt::DisplayRole && !natureOf(node).description.isEmpty())
                return natureOf(node).description;
            return json::kindName(node->kind());
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ValueColumn && maskable && !revealed)
            return tr("Hidden until you reveal it");
        if (index.column() == TypeColumn && !natureOf(node).description.isEmpty())
            return tr("%1 (JSON %2)").arg(natureOf(node).description, json::kindName(node->kind()));
        return {};
    case DescriptionRole:
        return natureOf(node).description;
    case SensitiveRole:
        return natureOf(node).sensitive;
    case KindRole:
        return int(node->kind());
    case PointerRole:
        return json::JsonPointer::fromNode(*node).toString();
    case MaskedRole:
        return maskable && !revealed;
    case RevealedRole:
        return revealed;
    case MultiLineRole:
        return node->kind() == JsonKind::String && node->stringValue().contains(u'\n');
    default:
        return {};
    }
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    const JsonNode *node = nodeFor(index);
    if (!node)
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if ((index.column() == KeyColumn && node->isMember())
        || (index.column() == ValueColumn && node->isScalar()) || index.column() == TypeColumn)
        flags |= Qt::ItemIsEditable;
    if (node->isScalar())
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return {};
    }
}

bool JsonTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const JsonNode *node = nodeFor(index);
    if (!node || role != Qt::EditRole)
        return false;
    switch (index.column()) {
    case KeyColumn:
        return renameKey(index, value.toString());
    case ValueColumn:
        return setValue(index, node->kind(), value.toString());
    case TypeColumn: {
        const QString name = value.toString();
        for (const JsonKind kind : { JsonKind::String, JsonKind::Number, JsonKind::Bool,
                                     JsonKind::Null, JsonKind::Object, JsonKind::Array }) {
            if (json::kindName(kind) != name)
                continue;
            if (kind == node->kind())
                return true;
            // A type change converts what can be converted: "42" to 42, an object to its JSON
            // text, a string holding JSON to that object; anything else is refused.
            QString text;
            if (kind == JsonKind::String)
                text = node->isContainer() ? QString::fromUtf8(node->toJson(
                                                 json::JsonFormatStyle::compact()))
                                           : editText(*node);
            else if (kind != JsonKind::Null)
                text = node->isContainer() ? QString() : editText(*node);
            if (kind == JsonKind::Bool && node->isContainer())
                text = u"false"_s;
            return setValue(index, kind, text);
        }
        refuse(tr("“%1” is not a JSON type").arg(name));
        return false;
    }
    default:
        return false;
    }
}

// --- Reveal ------------------------------------------------------------------------------

void JsonTreeModel::setRevealed(const QModelIndex &index, bool revealed)
{
    const JsonNode *node = nodeFor(index);
    if (!node)
        return;
    if (revealed)
        m_revealed.insert(node);
    else
        m_revealed.remove(node);
    const QModelIndex value = indexFor(node, ValueColumn);
    emit dataChanged(value, value, { Qt::DisplayRole, Qt::ToolTipRole, MaskedRole, RevealedRole });
}

bool JsonTreeModel::isRevealed(const QModelIndex &index) const
{
    return m_revealAll || m_revealed.contains(nodeFor(index));
}

void JsonTreeModel::setRevealAll(bool revealed)
{
    if (m_revealAll == revealed)
        return;
    m_revealAll = revealed;
    if (!revealed)
        m_revealed.clear();
    notifyColumns(ValueColumn, ValueColumn, { Qt::DisplayRole, Qt::ToolTipRole, MaskedRole, RevealedRole });
}

void JsonTreeModel::setMaskPublicValues(bool mask)
{
    if (std::exchange(m_maskPublic, mask) == mask)
        return;
    notifyColumns(ValueColumn, ValueColumn, { Qt::DisplayRole, Qt::ToolTipRole, MaskedRole });
}

void JsonTreeModel::notifyColumns(int first, int last, const QList<int> &roles)
{
    // One signal per level is enough for views, which re-read what they show.
    const auto notify = [&](const auto &self, const QModelIndex &parent) -> void {
        const int rows = rowCount(parent);
        if (rows == 0)
            return;
        emit dataChanged(index(0, first, parent), index(rows - 1, last, parent), roles);
        for (int row = 0; row < rows; ++row)
            self(self, index(row, KeyColumn, parent));
    };
    notify(notify, {});
}

const JsonTreeModel::Nature &JsonTreeModel::natureOf(const JsonNode *node) const
{
    auto known = m_natures.constFind(node);
    if (known == m_natures.cend())
        known = m_natures.insert(node, { content::ContentInspector::describe(*node),
                                         content::ContentInspector::isSensitive(*node) });
    return *known;
}

void JsonTreeModel::refreshNatures()
{
    m_natures.clear();
    notifyColumns(ValueColumn, TypeColumn,
                  { Qt::DisplayRole, Qt::ToolTipRole, MaskedRole, DescriptionRole, SensitiveRole });
}

// --- Edits -------------------------------------------------------------------------------

bool JsonTreeModel::setValue(const QModelIndex &index, JsonKind kind, const QString &text)
{
    const JsonNode *node = nodeFor(index);
    if (!node)
        return false;
    if (node->kind() == kind && node->isScalar() && editText(*node) == text)
        return true;   // the same value: nothing to record, the original token stays
    auto created = JsonNode::fromUserText(kind, text);
    if (!created) {
        refuse(created.error());
        return false;
    }
    if (node->kind() == kind && JsonNode::equals(*node, **created))
        return true;
    const QString name = node->kind() == kind ? tr("Change value") : tr("Change type");
    push(std::make_unique<AssignCommand>(this, pathOf(node), std::move(*created), name));
    return true;
}

bool JsonTreeModel::renameKey(const QModelIndex &index, const QString &key)
{
    const JsonNode *node = nodeFor(index);
    if (!node || !node->isMember()) {
        refuse(tr("Only the members of an object have a key"));
        return false;
    }
    if (node->key() == key)
        return true;
    if (node->parent()->member(key)) {
        refuse(tr("There is already a key named “%1” here").arg(key));
        return false;
    }
    push(std::make_unique<RenameCommand>(this, pathOf(node), json::encodeStringToken(key), tr("Rename key")));
    return true;
}

bool JsonTreeModel::insertValue(const QModelIndex &parent, int row, const QString &key,
                                JsonKind kind)
{
    const JsonNode *container = containerFor(parent);
    if (!container) {
        refuse(tr("Values can only be added to an object or an array"));
        return false;
    }
    if (row < 0 || row > container->childCount())
        row = container->childCount();
    auto created = JsonNode::fromUserText(kind, emptyText(kind));
    if (!created) {
        refuse(created.error());
        return false;
    }
    if (container->kind() == JsonKind::Object) {
        if (container->member(key)) {
            refuse(tr("There is already a key named “%1” here").arg(key));
            return false;
        }
        (*created)->setKey(key);
    }
    const QString name =
        container->kind() == JsonKind::Object ? tr("Add key") : tr("Add item");
    push(std::make_unique<InsertCommand>(this, pathOf(container), row, std::move(*created), name));
    return true;
}

bool JsonTreeModel::removeValue(const QModelIndex &index)
{
    const JsonNode *node = nodeFor(index);
    if (!node || node == rootNode()) {
        refuse(tr("The whole value cannot be removed; change its type instead"));
        return false;
    }
    const QString name = node->isMember() ? tr("Remove key") : tr("Remove item");
    push(std::make_unique<RemoveCommand>(this, pathOf(node->parent()), node->row(), name));
    return true;
}

bool JsonTreeModel::duplicateValue(const QModelIndex &index)
{
    const JsonNode *node = nodeFor(index);
    if (!node || node == rootNode()) {
        refuse(tr("Only a member or an item can be duplicated"));
        return false;
    }
    std::unique_ptr<JsonNode> copy = node->clone();
    if (node->isMember()) {
        QString key = tr("%1 copy", "the key of a duplicated member").arg(node->key());
        for (int n = 2; node->parent()->member(key); ++n)
            key = tr("%1 copy %2", "the key of a duplicated member").arg(node->key()).arg(n);
        copy->setKey(key);
    }
    push(std::make_unique<InsertCommand>(this, pathOf(node->parent()), node->row() + 1,
                                        std::move(copy), tr("Duplicate")));
    return true;
}

bool JsonTreeModel::moveValue(const QModelIndex &index, int delta)
{
    const JsonNode *node = nodeFor(index);
    if (!node || node == rootNode())
        return false;
    const int to = node->row() + delta;
    if (delta == 0 || to < 0 || to >= node->parent()->childCount())
        return false;
    push(std::make_unique<MoveCommand>(this, pathOf(node->parent()), node->row(), to,
                                      delta < 0 ? tr("Move up") : tr("Move down")));
    return true;
}

bool JsonTreeModel::replaceAll(const QByteArray &text)
{
    auto parsed = json::JsonDocument::parse(text);
    if (!parsed) {
        refuse(parsed.error().toString());
        return false;
    }
    std::unique_ptr<JsonNode> content = parsed->root()->clone();
    if (JsonNode::equals(*content, *rootNode()))
        return true;
    push(std::make_unique<AssignCommand>(this, Path(), std::move(content), tr("Edit raw JSON")));
    return true;
}

bool JsonTreeModel::setAtPointer(const QString &pointer, std::unique_ptr<JsonNode> value)
{
    const auto parsed = json::JsonPointer::parse(pointer);
    if (!parsed) {
        refuse(parsed.error());
        return false;
    }
    if (const JsonNode *existing = m_document.nodeAt(*parsed)) {
        if (existing->kind() == value->kind() && JsonNode::equals(*existing, *value))
            return true;
        push(std::make_unique<AssignCommand>(this, pathOf(existing), std::move(value),
                                            tr("Change value")));
        return true;
    }
    const JsonNode *container = m_document.nodeAt(parsed->parent());
    if (!container || !container->isContainer()) {
        refuse(tr("%1 does not exist, and neither does an object or array to put it in")
                   .arg(pointer));
        return false;
    }
    const QString token = parsed->lastToken();
    if (container->kind() == JsonKind::Array) {
        const auto index = json::JsonPointer::arrayIndex(token);
        if (token != u"-"_s && index != container->childCount()) {
            refuse(tr("%1: an array index must be an existing item, the array's size or “-”")
                       .arg(pointer));
            return false;
        }
    } else {
        value->setKey(token);
    }
    push(std::make_unique<InsertCommand>(this, pathOf(container), container->childCount(),
                                        std::move(value),
                                        container->kind() == JsonKind::Array ? tr("Add item")
                                                                             : tr("Add key")));
    return true;
}

bool JsonTreeModel::removeAtPointer(const QString &pointer)
{
    const auto parsed = json::JsonPointer::parse(pointer);
    if (!parsed) {
        refuse(parsed.error());
        return false;
    }
    const JsonNode *node = m_document.nodeAt(*parsed);
    if (!node) {
        refuse(tr("%1 does not exist").arg(pointer));
        return false;
    }
    if (node == rootNode()) {
        refuse(tr("The whole value cannot be removed"));
        return false;
    }
    push(std::make_unique<RemoveCommand>(this, pathOf(node->parent()), node->row(),
                                        node->isMember() ? tr("Remove key") : tr("Remove item")));
    return true;
}

// --- Mutations with their row signals ----------------------------------------------------

JsonNode *JsonTreeModel::nodeAtPath(const Path &path) const
{
    JsonNode *node = rootNode();
    for (const int row : path) {
        node = node ? node->child(row) : nullptr;
    }
    Q_ASSERT(node);
    return node;
}

JsonTreeModel::Path JsonTreeModel::pathOf(const JsonNode *node)
{
    Path path;
    for (; node && node->parent(); node = node->parent())
        path.prepend(node->row());
    return path;
}

void JsonTreeModel::emitSiblingKeysChanged(const JsonNode *container, int fromRow)
{
    // Array items show their index as key; what follows a change of rows is renumbered.
    if (container->kind() != JsonKind::Array || fromRow >= container->childCount())
        return;
    const JsonNode *first = container->child(fromRow);
    const JsonNode *last = container->child(container->childCount() - 1);
    emit dataChanged(indexFor(first, KeyColumn), indexFor(last, KeyColumn),
                     { Qt::DisplayRole, Qt::EditRole, PointerRole });
}

void JsonTreeModel::insertNodeAt(const Path &parent, int row, std::unique_ptr<JsonNode> node)
{
    const auto forget = forgetNatures();
    JsonNode *container = nodeAtPath(parent);
    const QModelIndex parentIndex = indexFor(container);
    beginInsertRows(parentIndex, row, row);
    container->insertChild(row, std::move(node));
    endInsertRows();
    emitSiblingKeysChanged(container, row + 1);
    if (parentIndex.isValid()) {
        const QModelIndex value = indexFor(container, ValueColumn);
        emit dataChanged(value, value, { Qt::DisplayRole });
    }
}

std::unique_ptr<JsonNode> JsonTreeModel::takeNodeAt(const Path &parent, int row)
{
    const auto forget = forgetNatures();
    JsonNode *container = nodeAtPath(parent);
    const QModelIndex parentIndex = indexFor(container);
    beginRemoveRows(parentIndex, row, row);
    std::unique_ptr<JsonNode> node = container->takeChild(row);
    endRemoveRows();
    emitSiblingKeysChanged(container, row);
    if (parentIndex.isValid()) {
        const QModelIndex value = indexFor(container, ValueColumn);
        emit dataChanged(value, value, { Qt::DisplayRole });
    }
    return node;
}

void JsonTreeModel::moveNodeAt(const Path &parent, int from, int to)
{
    JsonNode *container = nodeAtPath(parent);
    const QModelIndex parentIndex = indexFor(container);
    // beginMoveRows wants the row the item goes before, in the numbering before the move.
    beginMoveRows(parentIndex, from, from, parentIndex, to > from ? to + 1 : to);
    container->moveChild(from, to);
    endMoveRows();
    emitSiblingKeysChanged(container, std::min(from, to));
}

QByteArray JsonTreeModel::setKeyTokenAt(const Path &path, const QByteArray &keyToken)
{
    const auto forget = forgetNatures();
    JsonNode *node = nodeAtPath(path);
    QByteArray previous = node->setKeyToken(keyToken);
    const QModelIndex key = indexFor(node, KeyColumn);
    emit dataChanged(key, key, { Qt::DisplayRole, Qt::EditRole, PointerRole });
    return previous;
}

std::unique_ptr<JsonNode> JsonTreeModel::assignAt(const Path &path,
                                                  std::unique_ptr<JsonNode> content)
{
    const auto forget = forgetNatures();
    JsonNode *node = nodeAtPath(path);
    // The root switching between a container (its members are the rows) and a scalar (it is
    // the one row) changes the whole shape of the model.
    if (node == rootNode() && node->isScalar() != content->isScalar()) {
        beginResetModel();
        std::unique_ptr<JsonNode> previous = node->assignFrom(std::move(content));
        endResetModel();
        return previous;
    }
    const QModelIndex index = indexFor(node);
    const int oldRows = node->childCount();
    const int newRows = content->isContainer() ? content->childCount() : 0;
    std::unique_ptr<JsonNode> previous;
    if (oldRows > 0) {
        // Take the old children out first (an empty container of the same kind stands in), so
        // views see rows removed, then rows inserted, and keep everything else.
        beginRemoveRows(index, 0, oldRows - 1);
        previous = node->assignFrom(emptyContainerLike(*node));
        endRemoveRows();
    }
    if (newRows > 0)
        beginInsertRows(index, 0, newRows - 1);
    std::unique_ptr<JsonNode> stand = node->assignFrom(std::move(content));
    if (!previous)
        previous = std::move(stand);
    if (newRows > 0)
        endInsertRows();
    if (index.isValid())
        emit dataChanged(indexFor(node, ValueColumn), indexFor(node, TypeColumn));
    return previous;
}

} // namespace coffer
