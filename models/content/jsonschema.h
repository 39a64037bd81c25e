// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <expected>
#include <memory>

namespace coffer::json {
class JsonNode;
}

namespace coffer::content {

/// Why a JSON Schema document could not be compiled: the JSON Pointer of the offending place in
/// the schema ("" for the whole document) and a sentence saying what to change.
struct JsonSchemaError
{
    QString pointer;
    QString message;

    /// "at /properties/port/minimum: must be a number".
    [[nodiscard]] QString toString() const;
};

/**
 * One way an instance fails a schema. `instancePointer` is the JSON Pointer of the failing
 * value in the instance, `schemaPointer` that of the keyword in the schema document (after
 * following `$ref`, so "/$defs/token/minLength"), `keyword` the keyword itself ("required",
 * "type", "false" for a false schema). `member` names the member a `required` or
 * `additionalProperties` violation is about. `message` is a plain sentence about the value at
 * `instancePointer` that never quotes the value: "is missing required member `client_secret`",
 * "is shorter than 8 characters", "must be one of the allowed values".
 */
struct SchemaViolation
{
    QString instancePointer;
    QString schemaPointer;
    QString keyword;
    QString member;
    QString message;

    friend bool operator==(const SchemaViolation &, const SchemaViolation &) = default;
};

/**
 * A compiled JSON Schema (a subset of draft 2020-12) that validates JsonNode values.
 *
 *     const auto schema = JsonSchema::parse(schemaBytes);
 *     if (!schema) return report(schema.error().toString());
 *     for (const SchemaViolation &violation : schema->validate(*document.root())) ...
 *
 * Supported: boolean schemas, `type` (string or list; "integer" accepts 1.0 as the spec says),
 * `required`, `properties`, `additionalProperties`, `patternProperties`, `items` (one schema for
 * every item, the 2020-12 meaning; the draft-7 list form is accepted too, items past the list are
 * then unconstrained), `enum`, `const` (JSON equality: 1 equals 1.0, member order ignored),
 * `pattern`, `minLength`, `maxLength` (in Unicode code points), `minimum`, `maximum` (compared as
 * exact decimals, never through a double), `format` (`uri`, `email`, `date-time`, `uuid`,
 * asserted), `$defs`/`definitions`, and `$ref` to a JSON Pointer within the document (`#`,
 * `#/$defs/a`, `~0`, `~1` and %-escapes). Keywords next to `$ref` apply too (2020-12).
 * Annotations (`$schema`, `$id` at the root, `title`, `description`, `default`, `examples`,
 * `$comment`, `deprecated`, `readOnly`, `writeOnly`, `content*`) are ignored, and so are unknown
 * keywords and `x-` extensions, as the spec says; other JSON Schema keywords (`allOf`,
 * `minItems`, ...), another `format`, a `$ref` outside the document or `$id` below the root make
 * compile() fail, naming the JSON Pointer, rather than being silently ignored.
 *
 * `pattern` and `patternProperties` use QRegularExpression (PCRE2), searched, not anchored.
 * Rewritten to mean what ECMA-262 means: `$` outside a class (end of input only, never before a
 * final newline), `\uXXXX` (a surrogate pair of them as one character), `[^]` and `[]`.
 * Remaining differences from ECMA-262: `\s` and `\S` know only ASCII white space; inside a
 * class `[:alpha:]` is a POSIX class; PCRE accepts more (possessive quantifiers, `\A`, `\Z`,
 * `(?i)`, recursion) than ECMA-262; `\u{...}` and the `u`/`v` flag features are not supported;
 * a match that exceeds PCRE2's backtracking limit counts as no match.
 *
 * `$ref` cycles that never descend into the instance (`{"$ref": "#"}`) are compile errors;
 * validation stops at kMaxDepth (nested values plus `$ref` hops) with a violation instead of
 * overflowing the stack.
 * Copies share the compiled form; a JsonSchema is immutable and can be used from any thread.
 */
class JsonSchema final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::content::JsonSchema)

public:
    /// Validation deeper than this (nested values plus `$ref` hops) is reported as a violation
    /// instead of being followed, so no schema and instance can overflow the stack.
    static constexpr int kMaxDepth = 2048;

    /// Compiles `document` (a JSON Schema: an object or a boolean).
    [[nodiscard]] static std::expected<JsonSchema, JsonSchemaError>
    compile(const json::JsonNode &document);
    /// Parses UTF-8 JSON and compiles it.
    [[nodiscard]] static std::expected<JsonSchema, JsonSchemaError> parse(QByteArrayView utf8);

    /// Every violation of `instance`, in document order; empty when it is valid.
    [[nodiscard]] QList<SchemaViolation> validate(const json::JsonNode &instance) const;
    /// True when validate() would return nothing.
    [[nodiscard]] bool isValid(const json::JsonNode &instance) const;

    /// The formats `format` may name.
    [[nodiscard]] static QStringList supportedFormats();

private:
    struct Compiled;
    explicit JsonSchema(std::shared_ptr<const Compiled> compiled);
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace coffer::content
