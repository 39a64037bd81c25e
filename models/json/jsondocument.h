// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsonformatstyle.h"
#include "models/json/jsonnode.h"
#include "models/json/jsonparseerror.h"
#include "models/json/jsonpointer.h"

#include <QByteArray>
#include <QByteArrayView>

#include <expected>
#include <memory>

namespace coffer::json {

/**
 * A JSON secret value that can be edited without being rewritten: it owns the JsonNode tree,
 * the original UTF-8 bytes and the detected JsonFormatStyle.
 *
 * toJson() gives back the original bytes, byte for byte, as long as the tree is structurally
 * identical to what was parsed (including after an edit that was undone), so nothing is
 * written when nothing changed. Once edited, the document is re-serialized in its detected
 * style, every untouched key and scalar keeping its original token.
 *
 *     auto doc = JsonDocument::parse(secretString);
 *     if (!doc) return showError(doc.error().toString());
 *     doc->setAt(*JsonPointer::parse(u"/db/port"), *JsonNode::fromUserText(JsonKind::Number, u"5433"_s));
 *     putSecretValue(doc->toJson());
 *
 * The root node's address never changes (setting "" assigns into it), so an item model can
 * hold on to it. Movable, not copyable.
 */
class JsonDocument final
{
public:
    /// Nesting deeper than this is a parse error rather than a stack overflow.
    static constexpr int kMaxDepth = 512;

    /// A document without original text (always serialized); a null root when none given.
    explicit JsonDocument(std::unique_ptr<JsonNode> root = {}, JsonFormatStyle style = {});
    JsonDocument(JsonDocument &&other) noexcept;
    JsonDocument &operator=(JsonDocument &&other) noexcept;
    ~JsonDocument();

    /// Parses a whole UTF-8 document (one value, optional whitespace around it).
    [[nodiscard]] static std::expected<JsonDocument, JsonParseError> parse(QByteArrayView utf8);

    /// The root value; nullptr only for a moved-from document.
    [[nodiscard]] JsonNode *root() const { return m_root.get(); }

    /// The original bytes if the tree is unchanged (and the style was not changed), otherwise
    /// the tree serialized in style().
    [[nodiscard]] QByteArray toJson() const;
    /// Always re-serializes the tree, in `style` (its leading/trailing whitespace included).
    [[nodiscard]] QByteArray toJson(const JsonFormatStyle &style) const;
    /// True when toJson() would not return the original bytes.
    [[nodiscard]] bool isModified() const;
    /// The bytes given to parse() (empty for a document built from a tree).
    [[nodiscard]] const QByteArray &originalJson() const { return m_original; }

    /// The style detected by parse(), or set by setStyle().
    [[nodiscard]] const JsonFormatStyle &style() const { return m_style; }
    /// Changes the style toJson() writes in; a style different from the detected one makes
    /// toJson() reformat even an unchanged tree.
    void setStyle(const JsonFormatStyle &style) { m_style = style; }

    /// Exact structural equality of the two trees (see JsonNode::equals()); whitespace and
    /// style are ignored.
    [[nodiscard]] bool isEquivalentTo(const JsonDocument &other) const;

    /// The node at `pointer`, or nullptr.
    [[nodiscard]] JsonNode *nodeAt(const JsonPointer &pointer) const;
    /// The pointer of `node`, which must belong to this document.
    [[nodiscard]] JsonPointer pointerOf(const JsonNode *node) const;

    /// Puts `value` at `pointer`: an existing member or array item is replaced in place (its
    /// node and key kept, via assignFrom()); a missing member is appended to its object; an
    /// array index equal to the size, or "-", appends. The empty pointer replaces the root's
    /// content. Errors (translated) when the parent does not exist, is a scalar, or the index
    /// is not valid. Returns the node now holding the value.
    std::expected<JsonNode *, QString> setAt(const JsonPointer &pointer,
                                             std::unique_ptr<JsonNode> value);
    /// Removes the member or item at `pointer` and returns it (for undo). The root cannot be
    /// removed.
    std::expected<std::unique_ptr<JsonNode>, QString> removeAt(const JsonPointer &pointer);

private:
    std::unique_ptr<JsonNode> m_root;
    QByteArray m_original;
    JsonFormatStyle m_style;
    JsonFormatStyle m_detectedStyle;
    bool m_hasOriginal = false;
    // Revision of the tree at which it was last known to equal the original.
    mutable quint64 m_pristineRevision = 0;
    mutable quint64 m_checkedRevision = ~quint64(0);
    mutable bool m_checkedModified = false;
};

} // namespace coffer::json
