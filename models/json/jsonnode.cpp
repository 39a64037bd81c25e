// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonnode.h"

#include "models/json/jsondocument.h"
#include "models/json/jsonparser_p.h"
#include "models/json/jsontokens.h"
#include "models/json/jsonwriter_p.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::json {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::json", text);
}

} // namespace

JsonNode::JsonNode(JsonKind kind, QByteArray token)
    : m_token(std::move(token))
    , m_kind(kind)
{
}

JsonNode::~JsonNode() = default;

std::unique_ptr<JsonNode> JsonNode::create(JsonKind kind, QByteArray token)
{
    return std::unique_ptr<JsonNode>(new JsonNode(kind, std::move(token)));
}

std::unique_ptr<JsonNode> JsonNode::makeNull()
{
    return create(JsonKind::Null, QByteArrayLiteral("null"));
}

std::unique_ptr<JsonNode> JsonNode::makeBool(bool value)
{
    return create(JsonKind::Bool, value ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
}

std::unique_ptr<JsonNode> JsonNode::makeInteger(qint64 value)
{
    return create(JsonKind::Number, QByteArray::number(value));
}

std::unique_ptr<JsonNode> JsonNode::makeString(QStringView value)
{
    return create(JsonKind::String, encodeStringToken(value));
}

std::unique_ptr<JsonNode> JsonNode::makeObject()
{
    return create(JsonKind::Object);
}

std::unique_ptr<JsonNode> JsonNode::makeArray()
{
    return create(JsonKind::Array);
}

std::expected<std::unique_ptr<JsonNode>, QString> JsonNode::fromUserText(JsonKind kind,
                                                                         const QString &text)
{
    const QString trimmed = text.trimmed();
    switch (kind) {
    case JsonKind::Null:
        if (trimmed.isEmpty() || trimmed == "null"_L1)
            return makeNull();
        return std::unexpected(tr("A null value has no text; leave it empty or enter null."));
    case JsonKind::Bool:
        if (trimmed == "true"_L1 || trimmed == "false"_L1)
            return makeBool(trimmed == "true"_L1);
        return std::unexpected(tr("Enter true or false."));
    case JsonKind::Number: {
        const QByteArray token = trimmed.toUtf8();
        if (isValidNumberToken(token))
            return create(JsonKind::Number, token);
        return std::unexpected(tr("This is not a valid JSON number. Use digits with an optional "
                                  "minus sign, fraction and exponent, such as -12.5e3."));
    }
    case JsonKind::String:
        return makeString(text);
    case JsonKind::Object:
    case JsonKind::Array: {
        if (trimmed.isEmpty())
            return kind == JsonKind::Object ? makeObject() : makeArray();
        auto parsed = parseFragment(trimmed.toUtf8());
        if (!parsed)
            return std::unexpected(tr("This is not valid JSON (%1).").arg(parsed.error().toString()));
        if ((*parsed)->kind() != kind) {
            return std::unexpected(kind == JsonKind::Object ? tr("This is not a JSON object.")
                                                            : tr("This is not a JSON array."));
        }
        return std::move(*parsed);
    }
    }
    return std::unexpected(QString());
}

std::expected<std::unique_ptr<JsonNode>, JsonParseError> JsonNode::parseFragment(QByteArrayView utf8)
{
    JsonParser parser(utf8, JsonDocument::kMaxDepth);
    std::unique_ptr<JsonNode> node = parser.parse();
    if (!node)
        return std::unexpected(parser.error());
    return node;
}

std::unique_ptr<JsonNode> JsonNode::clone() const
{
    auto copy = create(m_kind, m_token);
    copy->m_keyToken = m_keyToken;
    copy->m_children.reserve(m_children.size());
    for (const auto &child : m_children) {
        auto childCopy = child->clone();
        childCopy->m_parent = copy.get();
        childCopy->m_row = child->m_row;
        copy->m_children.push_back(std::move(childCopy));
    }
    return copy;
}

JsonNode *JsonNode::child(int row) const
{
    if (row < 0 || row >= childCount())
        return nullptr;
    return m_children[size_t(row)].get();
}

int JsonNode::memberRow(QStringView key) const
{
    if (m_kind != JsonKind::Object)
        return -1;
    for (int row = childCount() - 1; row >= 0; --row) {
        if (m_children[size_t(row)]->key() == key)
            return row;
    }
    return -1;
}

JsonNode *JsonNode::member(QStringView key) const
{
    return child(memberRow(key));
}

const JsonNode *JsonNode::treeRoot() const
{
    const JsonNode *node = this;
    while (node->m_parent)
        node = node->m_parent;
    return node;
}

QString JsonNode::key() const
{
    return decodeStringToken(m_keyToken);
}

QString JsonNode::stringValue() const
{
    return m_kind == JsonKind::String ? decodeStringToken(m_token) : QString();
}

bool JsonNode::boolValue() const
{
    return m_kind == JsonKind::Bool && m_token == "true";
}

QString JsonNode::numberText() const
{
    return m_kind == JsonKind::Number ? QString::fromLatin1(m_token) : QString();
}

QByteArray JsonNode::toJson(const JsonFormatStyle &style) const
{
    QByteArray out;
    writeJson(*this, style, 0, out);
    return out;
}

bool JsonNode::equals(const JsonNode &a, const JsonNode &b)
{
    if (a.m_kind != b.m_kind || a.m_token != b.m_token || a.m_children.size() != b.m_children.size())
        return false;
    const bool isObject = a.m_kind == JsonKind::Object;
    for (size_t i = 0; i < a.m_children.size(); ++i) {
        const JsonNode &childA = *a.m_children[i];
        const JsonNode &childB = *b.m_children[i];
        if (isObject && childA.m_keyToken != childB.m_keyToken)
            return false;
        if (!equals(childA, childB))
            return false;
    }
    return true;
}

void JsonNode::markModified()
{
    JsonNode *root = this;
    while (root->m_parent)
        root = root->m_parent;
    ++root->m_revision;
}

void JsonNode::renumber(int fromRow, int toRow)
{
    for (int row = fromRow; row <= toRow && row < childCount(); ++row)
        m_children[size_t(row)]->m_row = row;
}

JsonNode *JsonNode::insertChild(int row, std::unique_ptr<JsonNode> child)
{
    Q_ASSERT(isContainer());
    Q_ASSERT(child && !child->m_parent);
    Q_ASSERT(row >= 0 && row <= childCount());
    row = std::clamp(row, 0, childCount());
    if (m_kind == JsonKind::Object && child->m_keyToken.isEmpty())
        child->m_keyToken = QByteArrayLiteral("\"\"");
    JsonNode *raw = child.get();
    raw->m_parent = this;
    m_children.insert(m_children.begin() + row, std::move(child));
    renumber(row, childCount() - 1);
    markModified();
    return raw;
}

std::unique_ptr<JsonNode> JsonNode::takeChild(int row)
{
    Q_ASSERT(row >= 0 && row < childCount());
    if (row < 0 || row >= childCount())
        return nullptr;
    markModified();
    std::unique_ptr<JsonNode> taken = std::move(m_children[size_t(row)]);
    m_children.erase(m_children.begin() + row);
    renumber(row, childCount() - 1);
    taken->m_parent = nullptr;
    taken->m_row = 0;
    return taken;
}

void JsonNode::moveChild(int from, int to)
{
    Q_ASSERT(from >= 0 && from < childCount() && to >= 0 && to < childCount());
    if (from == to || from < 0 || to < 0 || from >= childCount() || to >= childCount())
        return;
    const auto begin = m_children.begin();
    if (from < to)
        std::rotate(begin + from, begin + from + 1, begin + to + 1);
    else
        std::rotate(begin + to, begin + from, begin + from + 1);
    renumber(std::min(from, to), std::max(from, to));
    markModified();
}

QByteArray JsonNode::setKey(const QString &key)
{
    if (!m_keyToken.isEmpty() && this->key() == key)
        return m_keyToken;
    return setKeyToken(encodeStringToken(key));
}

QByteArray JsonNode::setKeyToken(const QByteArray &token)
{
    Q_ASSERT(isValidStringToken(token));
    QByteArray previous = m_keyToken;
    if (previous != token) {
        m_keyToken = token;
        markModified();
    }
    return previous;
}

std::unique_ptr<JsonNode> JsonNode::assignFrom(std::unique_ptr<JsonNode> content)
{
    Q_ASSERT(content && !content->m_parent && content.get() != this);
    auto previous = create(m_kind);
    previous->m_keyToken = m_keyToken;
    std::swap(previous->m_token, m_token);
    std::swap(previous->m_children, m_children);
    for (const auto &child : previous->m_children)
        child->m_parent = previous.get();

    m_kind = content->m_kind;
    m_token = std::move(content->m_token);
    m_children = std::move(content->m_children);
    for (const auto &child : m_children)
        child->m_parent = this;
    markModified();
    return previous;
}

} // namespace coffer::json
