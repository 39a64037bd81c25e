// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsonformatstyle.h"
#include "models/json/jsonkind.h"
#include "models/json/jsonparseerror.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <expected>
#include <memory>
#include <vector>

namespace coffer::json {

class JsonParser;

/**
 * One value of an exact-preserving JSON tree: a heap node with a parent pointer, so an item
 * model can use it as QModelIndex::internalPointer. Scalars keep their source token verbatim
 * (`1.10`, `1e400`, 18446744073709551616, `"caf\u00e9"` are never decoded and re-encoded);
 * object members keep their key token and their order, duplicates included.
 *
 * Nodes are made by JsonDocument::parse(), parseFragment(), fromUserText() or the make*()
 * factories, and changed only through the mutators below, each exactly invertible so an undo
 * command can revert it:
 *
 *     insertChild(row, node)   <->  takeChild(row)
 *     moveChild(from, to)      <->  moveChild(to, from)
 *     old = setKey(key)        <->  setKeyToken(old)
 *     old = assignFrom(node)   <->  assignFrom(std::move(old))   // node address unchanged
 *
 * Every mutation bumps the tree's revision(), which JsonDocument uses to know whether to write
 * the original bytes. A node is not a QObject and cannot be copied; clone() deep-copies.
 */
class JsonNode final
{
public:
    ~JsonNode();
    JsonNode(const JsonNode &) = delete;
    JsonNode &operator=(const JsonNode &) = delete;

    // --- Factories -------------------------------------------------------------------------
    [[nodiscard]] static std::unique_ptr<JsonNode> makeNull();
    [[nodiscard]] static std::unique_ptr<JsonNode> makeBool(bool value);
    [[nodiscard]] static std::unique_ptr<JsonNode> makeInteger(qint64 value);
    /// A string node with a minimal token (see encodeStringToken()).
    [[nodiscard]] static std::unique_ptr<JsonNode> makeString(QStringView value);
    [[nodiscard]] static std::unique_ptr<JsonNode> makeObject();
    [[nodiscard]] static std::unique_ptr<JsonNode> makeArray();

    /// A node of `kind` from what a user typed in an editor, validated without losing
    /// exactness: Number must match the JSON grammar and is stored verbatim (surrounding
    /// whitespace dropped); String is taken literally and encoded; Bool is `true`/`false`;
    /// Null is `null` or empty; Object/Array are empty when `text` is blank, else `text` must
    /// be a JSON value of that kind. The error is a translated sentence that never quotes text.
    [[nodiscard]] static std::expected<std::unique_ptr<JsonNode>, QString>
    fromUserText(JsonKind kind, const QString &text);

    /// Parses one JSON value (surrounding whitespace allowed), e.g. pasted from the clipboard.
    [[nodiscard]] static std::expected<std::unique_ptr<JsonNode>, JsonParseError>
    parseFragment(QByteArrayView utf8);

    /// A deep copy, key token included, with no parent.
    [[nodiscard]] std::unique_ptr<JsonNode> clone() const;

    // --- Structure -------------------------------------------------------------------------
    [[nodiscard]] JsonKind kind() const { return m_kind; }
    [[nodiscard]] bool isContainer() const
    {
        return m_kind == JsonKind::Object || m_kind == JsonKind::Array;
    }
    [[nodiscard]] bool isScalar() const { return !isContainer(); }
    [[nodiscard]] JsonNode *parent() const { return m_parent; }
    /// Index in the parent (0 for a node without parent).
    [[nodiscard]] int row() const { return m_row; }
    [[nodiscard]] int childCount() const { return int(m_children.size()); }
    /// The child at `row`, or nullptr when out of range.
    [[nodiscard]] JsonNode *child(int row) const;
    /// Row of the member called `key`; with duplicate keys the last one (as most parsers let the
    /// last one win). -1 when there is none or this is not an object.
    [[nodiscard]] int memberRow(QStringView key) const;
    /// The member called `key` (last one if duplicated), or nullptr.
    [[nodiscard]] JsonNode *member(QStringView key) const;
    /// The root of the tree this node is in.
    [[nodiscard]] const JsonNode *treeRoot() const;

    // --- Values ----------------------------------------------------------------------------
    /// True when the parent is an object, so key() and keyToken() are meaningful.
    [[nodiscard]] bool isMember() const { return m_parent && m_parent->m_kind == JsonKind::Object; }
    /// The decoded member name (empty when there is no key token).
    [[nodiscard]] QString key() const;
    /// The exact key token, quotes included (`"caf\u00e9"`); empty when never given a key.
    [[nodiscard]] const QByteArray &keyToken() const { return m_keyToken; }
    /// The exact source text of a scalar (`-0`, `"a\/b"`, `true`); empty for containers.
    [[nodiscard]] const QByteArray &token() const { return m_token; }
    /// The decoded text of a string node; empty for other kinds.
    [[nodiscard]] QString stringValue() const;
    /// True for the `true` literal only.
    [[nodiscard]] bool boolValue() const;
    /// The exact text of a number node (never through a double); empty for other kinds.
    [[nodiscard]] QString numberText() const;

    /// This value serialized in `style` (leading/trailing whitespace of the style not added).
    /// Untouched scalars and keys are written as their original tokens.
    [[nodiscard]] QByteArray toJson(const JsonFormatStyle &style = {}) const;

    /// Exact structural equality: same kinds, same scalar tokens, same member key tokens in the
    /// same order. The nodes' own keys are not compared. `1.0` and `1` differ, as do
    /// `"\u00e9"` and `"é"`: this is "would serialize to the same tokens".
    [[nodiscard]] static bool equals(const JsonNode &a, const JsonNode &b);

    /// Counter of the whole tree (kept at its root), bumped by every mutation below.
    [[nodiscard]] quint64 revision() const { return treeRoot()->m_revision; }

    // --- Mutations (each exactly invertible, see the class comment) -------------------------
    /// Inserts `child` (which must have no parent) at `row` (0..childCount()) of this container.
    /// A child inserted into an object without a key token gets the empty key `""`.
    JsonNode *insertChild(int row, std::unique_ptr<JsonNode> child);
    JsonNode *appendChild(std::unique_ptr<JsonNode> child)
    {
        return insertChild(childCount(), std::move(child));
    }
    /// Removes and returns the child at `row`; it keeps its key token and subtree.
    std::unique_ptr<JsonNode> takeChild(int row);
    /// Moves the child at `from` so that it ends up at index `to` (QList::move semantics).
    /// Note QAbstractItemModel::beginMoveRows() wants `to + 1` as destination when to > from.
    void moveChild(int from, int to);
    /// Gives this member the name `key`, encoded as a minimal token, and returns the previous
    /// token. When `key` equals the current decoded key nothing changes (the token is kept).
    QByteArray setKey(const QString &key);
    /// Sets the exact key token (quotes included; must satisfy isValidStringToken()) and returns
    /// the previous one. Used to undo setKey() exactly.
    QByteArray setKeyToken(const QByteArray &token);
    /// Replaces this node's kind, token and children by those of `content`, keeping this node's
    /// address, parent, row and key; returns the previous content as a parentless node (with a
    /// copy of the key) so assignFrom(std::move(old)) restores it exactly.
    std::unique_ptr<JsonNode> assignFrom(std::unique_ptr<JsonNode> content);

private:
    friend class JsonParser;
    JsonNode(JsonKind kind, QByteArray token);
    static std::unique_ptr<JsonNode> create(JsonKind kind, QByteArray token = {});
    void markModified();
    void renumber(int fromRow, int toRow);

    std::vector<std::unique_ptr<JsonNode>> m_children;
    QByteArray m_keyToken;
    QByteArray m_token;
    JsonNode *m_parent = nullptr;
    quint64 m_revision = 0;   // meaningful on the root of a tree only
    int m_row = 0;
    JsonKind m_kind;
};

} // namespace coffer::json
