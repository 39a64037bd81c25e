// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/diff/binarycomparison.h"
#include "models/diff/jsondiff.h"
#include "models/diff/textdiff.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>

namespace coffer::json {
class JsonDocument;
}

namespace coffer::diff {

/**
 * The comparison of two versions of a secret value, as the version-diff view and
 * `coffer-cli diff` show it. The one entry point for both:
 *
 *     const SecretDiff diff = SecretDiff::compare({previous.secretString, previous.secretBinary},
 *                                                 {current.secretString, current.secretBinary});
 *     if (!diff.isEqual()) show(DiffExport::unified(diff, {}));
 *
 * What is compared depends on the two values:
 * - both SecretString holding a JSON object or array: a structural JsonDiff (jsonDiff()). When
 *   the JSON is the same but the bytes are not (whitespace, layout, escapes, duplicates),
 *   isFormattingOnly() is true and jsonDiff() is empty;
 * - both SecretString otherwise (plain text, a JSON scalar, one side not JSON): a line diff
 *   (textDiff());
 * - both SecretBinary: a byte comparison (binaryComparison());
 * - one of each: Kind::KindChanged, with the byte comparison of the string's UTF-8 and the
 *   binary.
 * A side with neither is an empty string. isEqual() is exact: byte for byte.
 *
 * Copies are cheap and share the parsed documents, which the JsonDiff points into. Computing it
 * costs a few milliseconds for the largest value Secrets Manager holds (64 KB).
 */
class SecretDiff final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::diff::SecretDiff)

public:
    enum class Kind : quint8 { Json, Text, Binary, KindChanged };
    enum class ValueKind : quint8 { Json, Text, Binary };

    /// One side: GetSecretValue's SecretString or SecretBinary.
    struct Value
    {
        std::optional<QString> secretString;
        std::optional<QByteArray> secretBinary;
    };

    SecretDiff() = default;

    [[nodiscard]] static SecretDiff compare(const Value &oldValue, const Value &newValue);
    [[nodiscard]] static SecretDiff compare(const std::optional<QString> &oldString,
                                            const std::optional<QByteArray> &oldBinary,
                                            const std::optional<QString> &newString,
                                            const std::optional<QByteArray> &newBinary)
    {
        return compare(Value { oldString, oldBinary }, Value { newString, newBinary });
    }

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] ValueKind oldKind() const { return m_oldKind; }
    [[nodiscard]] ValueKind newKind() const { return m_newKind; }
    [[nodiscard]] bool isEqual() const { return m_equal; }
    /// JSON on both sides, equal as JSON, different as bytes.
    [[nodiscard]] bool isFormattingOnly() const
    {
        return m_kind == Kind::Json && !m_equal && m_json.isEmpty();
    }

    /// Kind::Json only (empty otherwise).
    [[nodiscard]] const JsonDiff &jsonDiff() const { return m_json; }
    [[nodiscard]] const json::JsonDocument *oldDocument() const { return m_oldDocument.get(); }
    [[nodiscard]] const json::JsonDocument *newDocument() const { return m_newDocument.get(); }
    /// Kind::Text only.
    [[nodiscard]] const TextDiff &textDiff() const { return m_text; }
    /// Kind::Binary and Kind::KindChanged; also filled (over UTF-8) for Json and Text.
    [[nodiscard]] const BinaryComparison &binaryComparison() const { return m_bytes; }

    /// The values themselves, for a reveal (exports decide whether they may show them).
    [[nodiscard]] const Value &oldValue() const { return m_oldValue; }
    [[nodiscard]] const Value &newValue() const { return m_newValue; }

    /// One line for people (translated): "No differences", "2 added, 1 changed", "3 lines
    /// removed, 4 added", "Binary values differ (120 → 124 bytes)", "Changed from text to
    /// binary". Never a value.
    [[nodiscard]] QString summary() const;

    /// "json", "text", "binary" (stable, untranslated).
    [[nodiscard]] static QString valueKindName(ValueKind kind);

private:
    Kind m_kind = Kind::Text;
    ValueKind m_oldKind = ValueKind::Text;
    ValueKind m_newKind = ValueKind::Text;
    bool m_equal = true;
    Value m_oldValue;
    Value m_newValue;
    std::shared_ptr<const json::JsonDocument> m_oldDocument;
    std::shared_ptr<const json::JsonDocument> m_newDocument;
    JsonDiff m_json;
    TextDiff m_text;
    BinaryComparison m_bytes;
};

} // namespace coffer::diff
