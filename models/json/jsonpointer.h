// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <expected>
#include <optional>

namespace coffer::json {

class JsonNode;

/**
 * A JSON Pointer (RFC 6901): the path of a value in a document, such as `/access/kid` or
 * `/keys/0`. The empty pointer "" is the whole document. Reference tokens are kept unescaped
 * (`~1` is `/`, `~0` is `~` in the text form).
 *
 *     auto pointer = JsonPointer::parse(u"/refresh/publicKeyPem");
 *     if (pointer) node = document.nodeAt(*pointer);
 *
 * With duplicate member names a token designates the last member of that name. In an array,
 * a token is a decimal index without leading zeros, or "-" (past the end, for appending).
 */
class JsonPointer final
{
public:
    JsonPointer() = default;  ///< the root pointer ""
    explicit JsonPointer(QStringList tokens) : m_tokens(std::move(tokens)) { }

    /// Parses the text form; errors (translated) for a missing leading '/' or a bad '~' escape.
    [[nodiscard]] static std::expected<JsonPointer, QString> parse(QStringView text);
    /// The pointer of `node` in its tree (array rows become indexes, members their keys).
    [[nodiscard]] static JsonPointer fromNode(const JsonNode &node);

    [[nodiscard]] QString toString() const;
    [[nodiscard]] const QStringList &tokens() const { return m_tokens; }
    [[nodiscard]] bool isRoot() const { return m_tokens.isEmpty(); }
    /// The pointer one level up; the root's parent is the root.
    [[nodiscard]] JsonPointer parent() const;
    /// The last reference token (empty for the root).
    [[nodiscard]] QString lastToken() const;
    [[nodiscard]] JsonPointer child(const QString &token) const;
    [[nodiscard]] JsonPointer child(qsizetype index) const;

    /// The node this pointer designates below `root`, or nullptr ("-" designates nothing).
    [[nodiscard]] JsonNode *resolve(const JsonNode &root) const;

    /// The array index a token denotes: "0" or digits without a leading zero. nullopt otherwise
    /// (including for "-", which callers handle as "append").
    [[nodiscard]] static std::optional<qsizetype> arrayIndex(QStringView token);
    /// `~` -> `~0`, `/` -> `~1`.
    [[nodiscard]] static QString escapeToken(QStringView token);

    friend bool operator==(const JsonPointer &, const JsonPointer &) = default;

private:
    QStringList m_tokens;
};

} // namespace coffer::json
