// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonpointer.h"

#include "models/json/jsonnode.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::json {

std::expected<JsonPointer, QString> JsonPointer::parse(QStringView text)
{
    if (text.isEmpty())
        return JsonPointer();
    if (text.front() != u'/') {
        return std::unexpected(QCoreApplication::translate(
            "coffer::json", "A JSON pointer must be empty or start with '/'."));
    }
    QStringList tokens;
    QString token;
    for (qsizetype i = 1; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == u'/') {
            tokens.append(token);
            token.clear();
            continue;
        }
        if (text[i] == u'~') {
            const QChar next = i + 1 < text.size() ? text[i + 1] : QChar();
            if (next != u'0' && next != u'1') {
                return std::unexpected(QCoreApplication::translate(
                    "coffer::json", "In a JSON pointer, '~' must be followed by 0 or 1."));
            }
            token += next == u'0' ? u'~' : u'/';
            ++i;
            continue;
        }
        token += text[i];
    }
    return JsonPointer(std::move(tokens));
}

JsonPointer JsonPointer::fromNode(const JsonNode &node)
{
    QStringList tokens;
    for (const JsonNode *n = &node; n->parent(); n = n->parent())
        tokens.prepend(n->isMember() ? n->key() : QString::number(n->row()));
    return JsonPointer(std::move(tokens));
}

QString JsonPointer::toString() const
{
    QString text;
    for (const QString &token : m_tokens) {
        text += u'/';
        text += escapeToken(token);
    }
    return text;
}

JsonPointer JsonPointer::parent() const
{
    return JsonPointer(m_tokens.mid(0, std::max<qsizetype>(0, m_tokens.size() - 1)));
}

QString JsonPointer::lastToken() const
{
    return m_tokens.isEmpty() ? QString() : m_tokens.constLast();
}

JsonPointer JsonPointer::child(const QString &token) const
{
    QStringList tokens = m_tokens;
    tokens.append(token);
    return JsonPointer(std::move(tokens));
}

JsonPointer JsonPointer::child(qsizetype index) const
{
    return child(QString::number(index));
}

JsonNode *JsonPointer::resolve(const JsonNode &root) const
{
    auto *node = const_cast<JsonNode *>(&root);
    for (const QString &token : m_tokens) {
        if (node->kind() == JsonKind::Object) {
            node = node->member(token);
        } else if (node->kind() == JsonKind::Array) {
            const std::optional<qsizetype> index = arrayIndex(token);
            node = index && *index < node->childCount() ? node->child(int(*index)) : nullptr;
        } else {
            node = nullptr;
        }
        if (!node)
            return nullptr;
    }
    return node;
}

std::optional<qsizetype> JsonPointer::arrayIndex(QStringView token)
{
    if (token.isEmpty() || token.size() > 10 || (token.size() > 1 && token.front() == u'0'))
        return std::nullopt;
    qsizetype value = 0;
    for (const QChar c : token) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

QString JsonPointer::escapeToken(QStringView token)
{
    QString escaped = token.toString();
    escaped.replace(u'~', "~0"_L1);
    escaped.replace(u'/', "~1"_L1);
    return escaped;
}

} // namespace coffer::json
