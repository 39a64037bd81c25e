// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsondocument.h"

#include "models/json/jsonparser_p.h"
#include "models/json/jsontokens.h"
#include "models/json/jsonwriter_p.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::json {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::json", text);
}

QString describe(const JsonPointer &pointer)
{
    return pointer.isRoot() ? tr("The document root") : pointer.toString();
}

} // namespace

JsonDocument::JsonDocument(std::unique_ptr<JsonNode> root, JsonFormatStyle style)
    : m_root(root ? std::move(root) : JsonNode::makeNull())
    , m_style(style)
    , m_detectedStyle(style)
{
}

JsonDocument::JsonDocument(JsonDocument &&other) noexcept = default;
JsonDocument &JsonDocument::operator=(JsonDocument &&other) noexcept = default;
JsonDocument::~JsonDocument() = default;

std::expected<JsonDocument, JsonParseError> JsonDocument::parse(QByteArrayView utf8)
{
    JsonParser parser(utf8, kMaxDepth);
    std::unique_ptr<JsonNode> root = parser.parse();
    if (!root)
        return std::unexpected(parser.error());
    JsonDocument document(std::move(root), parser.detectedStyle());
    document.m_original = utf8.toByteArray();
    document.m_hasOriginal = true;
    document.m_pristineRevision = document.m_root->revision();
    return document;
}

bool JsonDocument::isModified() const
{
    if (!m_root || !m_hasOriginal || m_style != m_detectedStyle)
        return true;
    const quint64 revision = m_root->revision();
    if (revision == m_pristineRevision)
        return false;
    if (revision != m_checkedRevision) {
        // Edited, perhaps back to where it was (an undo): compare with a fresh parse of the
        // original, which cannot fail since it parsed before.
        JsonParser parser(m_original, kMaxDepth);
        const std::unique_ptr<JsonNode> original = parser.parse();
        m_checkedModified = !original || !JsonNode::equals(*original, *m_root);
        m_checkedRevision = revision;
        if (!m_checkedModified)
            m_pristineRevision = revision;
    }
    return m_checkedModified;
}

QByteArray JsonDocument::toJson() const
{
    if (!isModified())
        return m_original;
    return toJson(m_style);
}

QByteArray JsonDocument::toJson(const JsonFormatStyle &style) const
{
    if (!m_root)
        return {};
    QByteArray out;
    out.reserve(m_original.size() + 64);
    out += style.leadingWhitespace;
    writeJson(*m_root, style, 0, out);
    out += style.trailingWhitespace;
    return out;
}

bool JsonDocument::isEquivalentTo(const JsonDocument &other) const
{
    if (!m_root || !other.m_root)
        return m_root == other.m_root;
    return JsonNode::equals(*m_root, *other.m_root);
}

JsonNode *JsonDocument::nodeAt(const JsonPointer &pointer) const
{
    return m_root ? pointer.resolve(*m_root) : nullptr;
}

JsonPointer JsonDocument::pointerOf(const JsonNode *node) const
{
    Q_ASSERT(node && node->treeRoot() == m_root.get());
    return node ? JsonPointer::fromNode(*node) : JsonPointer();
}

std::expected<JsonNode *, QString> JsonDocument::setAt(const JsonPointer &pointer,
                                                       std::unique_ptr<JsonNode> value)
{
    Q_ASSERT(value && !value->parent());
    if (!m_root || !value)
        return std::unexpected(tr("There is no value to set."));
    if (pointer.isRoot()) {
        m_root->assignFrom(std::move(value));
        return m_root.get();
    }
    const JsonPointer parentPointer = pointer.parent();
    JsonNode *parent = nodeAt(parentPointer);
    if (!parent)
        return std::unexpected(tr("%1 does not exist.").arg(describe(parentPointer)));
    const QString token = pointer.lastToken();
    switch (parent->kind()) {
    case JsonKind::Object: {
        if (JsonNode *existing = parent->member(token)) {
            existing->assignFrom(std::move(value));
            return existing;
        }
        value->setKeyToken(encodeStringToken(token));
        return parent->appendChild(std::move(value));
    }
    case JsonKind::Array: {
        if (token == "-"_L1)
            return parent->appendChild(std::move(value));
        const std::optional<qsizetype> index = JsonPointer::arrayIndex(token);
        if (!index) {
            return std::unexpected(tr("%1 is an array: use an index or '-' instead of %2.")
                                       .arg(describe(parentPointer), token));
        }
        if (*index < parent->childCount()) {
            JsonNode *existing = parent->child(int(*index));
            existing->assignFrom(std::move(value));
            return existing;
        }
        if (*index == parent->childCount())
            return parent->appendChild(std::move(value));
        return std::unexpected(QCoreApplication::translate(
                                   "coffer::json", "Index %1 is past the end of %2 (%n item(s)).",
                                   nullptr, parent->childCount())
                                   .arg(*index)
                                   .arg(describe(parentPointer)));
    }
    default:
        return std::unexpected(tr("%1 is a %2, not an object or array.")
                                   .arg(describe(parentPointer), kindName(parent->kind())));
    }
}

std::expected<std::unique_ptr<JsonNode>, QString> JsonDocument::removeAt(const JsonPointer &pointer)
{
    if (pointer.isRoot())
        return std::unexpected(tr("The whole document cannot be removed."));
    JsonNode *node = nodeAt(pointer);
    if (!node)
        return std::unexpected(tr("%1 does not exist.").arg(pointer.toString()));
    return node->parent()->takeChild(node->row());
}

} // namespace coffer::json
