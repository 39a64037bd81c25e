// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/content/jsonschema.h"

#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"
#include "models/json/jsonpointer.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <optional>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace coffer::content {

using json::JsonKind;
using json::JsonNode;
using json::JsonPointer;

namespace {

/// A JSON number as an exact decimal: `digits` × 10^`exponent`, with neither leading nor
/// trailing zeros in `digits` (empty for zero), so that equal values have equal forms.
struct Decimal
{
    bool negative = false;
    QByteArray digits;
    qint64 exponent = 0;

    [[nodiscard]] bool isZero() const { return digits.isEmpty(); }
    [[nodiscard]] bool isInteger() const { return isZero() || exponent >= 0; }
    [[nodiscard]] int sign() const { return isZero() ? 0 : (negative ? -1 : 1); }

    /// The value of a JSON number token (which the parser has already checked).
    static Decimal fromToken(QByteArrayView token)
    {
        // Exponents past this are as good as infinite for any comparison a schema makes, and
        // keep the arithmetic below far from overflow.
        constexpr qint64 kExponentLimit = qint64(1) << 50;
        Decimal value;
        qsizetype at = 0;
        if (at < token.size() && token[at] == '-') {
            value.negative = true;
            ++at;
        }
        qint64 fractionDigits = 0;
        bool inFraction = false;
        for (; at < token.size(); ++at) {
            const char c = token[at];
            if (c == '.') {
                inFraction = true;
            } else if (c >= '0' && c <= '9') {
                value.digits.append(c);
                if (inFraction)
                    ++fractionDigits;
            } else {
                break;
            }
        }
        qint64 exponent = 0;
        if (at < token.size() && (token[at] == 'e' || token[at] == 'E')) {
            ++at;
            bool negativeExponent = false;
            if (at < token.size() && (token[at] == '+' || token[at] == '-'))
                negativeExponent = token[at++] == '-';
            for (; at < token.size(); ++at)
                exponent = std::min(kExponentLimit, exponent * 10 + (token[at] - '0'));
            if (negativeExponent)
                exponent = -exponent;
        }
        qsizetype leading = 0;
        while (leading < value.digits.size() && value.digits[leading] == '0')
            ++leading;
        value.digits.remove(0, leading);
        value.exponent = exponent - fractionDigits;
        while (value.digits.endsWith('0')) {
            value.digits.chop(1);
            ++value.exponent;
        }
        if (value.isZero()) {
            value.negative = false;
            value.exponent = 0;
        }
        return value;
    }

    /// An integer no larger than `limit` in magnitude, for minLength and friends; saturates.
    [[nodiscard]] qint64 toInteger(qint64 limit) const
    {
        if (isZero())
            return 0;
        if (qint64(digits.size()) + exponent > 18)
            return negative ? -limit : limit;
        qint64 result = digits.toLongLong();
        for (qint64 i = 0; i < exponent; ++i)
            result *= 10;
        result = std::min(result, limit);
        return negative ? -result : result;
    }
};

int compareMagnitude(const Decimal &a, const Decimal &b)
{
    // The power of ten just above the most significant digit decides first.
    const qint64 orderA = qint64(a.digits.size()) + a.exponent;
    const qint64 orderB = qint64(b.digits.size()) + b.exponent;
    if (orderA != orderB)
        return orderA < orderB ? -1 : 1;
    const qsizetype common = std::min(a.digits.size(), b.digits.size());
    const int prefix = a.digits.left(common).compare(b.digits.left(common));
    if (prefix != 0)
        return prefix < 0 ? -1 : 1;
    if (a.digits.size() == b.digits.size())
        return 0;
    // Same prefix, no trailing zeros: the longer one has more non-zero digits.
    return a.digits.size() < b.digits.size() ? -1 : 1;
}

int compare(const Decimal &a, const Decimal &b)
{
    if (a.sign() != b.sign())
        return a.sign() < b.sign() ? -1 : 1;
    if (a.sign() == 0)
        return 0;
    const int magnitude = compareMagnitude(a, b);
    return a.negative ? -magnitude : magnitude;
}

/// JSON equality as JSON Schema defines it: numbers by value, objects regardless of member
/// order (the last of duplicated members counts), strings after decoding.
bool jsonEquals(const JsonNode &a, const JsonNode &b)
{
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case JsonKind::Null:
        return true;
    case JsonKind::Bool:
        return a.boolValue() == b.boolValue();
    case JsonKind::Number:
        return compare(Decimal::fromToken(a.token()), Decimal::fromToken(b.token())) == 0;
    case JsonKind::String:
        return a.stringValue() == b.stringValue();
    case JsonKind::Array:
        if (a.childCount() != b.childCount())
            return false;
        for (int i = 0; i < a.childCount(); ++i) {
            if (!jsonEquals(*a.child(i), *b.child(i)))
                return false;
        }
        return true;
    case JsonKind::Object: {
        QSet<QString> keysA;
        QSet<QString> keysB;
        for (int i = 0; i < a.childCount(); ++i)
            keysA.insert(a.child(i)->key());
        for (int i = 0; i < b.childCount(); ++i)
            keysB.insert(b.child(i)->key());
        if (keysA != keysB)
            return false;
        for (const QString &key : std::as_const(keysA)) {
            if (!jsonEquals(*a.member(key), *b.member(key)))
                return false;
        }
        return true;
    }
    }
    return false;
}

enum TypeBit : int {
    NullType = 1,
    BooleanType = 2,
    ObjectType = 4,
    ArrayType = 8,
    NumberType = 16,
    StringType = 32,
    IntegerType = 64,
};

const QList<std::pair<QString, int>> &typeNames()
{
    static const QList<std::pair<QString, int>> names
        = { { u"null"_s, NullType },      { u"boolean"_s, BooleanType },
            { u"object"_s, ObjectType },  { u"array"_s, ArrayType },
            { u"number"_s, NumberType },  { u"string"_s, StringType },
            { u"integer"_s, IntegerType } };
    return names;
}

bool matchesTypes(int types, const JsonNode &instance)
{
    switch (instance.kind()) {
    case JsonKind::Null:
        return types & NullType;
    case JsonKind::Bool:
        return types & BooleanType;
    case JsonKind::Object:
        return types & ObjectType;
    case JsonKind::Array:
        return types & ArrayType;
    case JsonKind::String:
        return types & StringType;
    case JsonKind::Number:
        return (types & NumberType)
            || ((types & IntegerType) && Decimal::fromToken(instance.token()).isInteger());
    }
    return false;
}

enum class Format { None, Uri, Email, DateTime, Uuid };

const QList<std::pair<QString, Format>> &formatNames()
{
    static const QList<std::pair<QString, Format>> names = { { u"uri"_s, Format::Uri },
                                                             { u"email"_s, Format::Email },
                                                             { u"date-time"_s, Format::DateTime },
                                                             { u"uuid"_s, Format::Uuid } };
    return names;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/// RFC 3339 `date-time`: `T`, `Z` in either case, a fraction of any length, a leap second only
/// where UTC is 23:59.
bool isDateTime(const QString &text)
{
    static const QRegularExpression shape(
        u"^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?"
        "(?:[Zz]|([+-])(\\d{2}):(\\d{2}))$"_s);
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch())
        return false;
    const auto number = [&](int group) {
        return match.captured(group).toInt();
    };
    const int year = number(1);
    const int month = number(2);
    const int day = number(3);
    const int hour = number(4);
    const int minute = number(5);
    const int second = number(6);
    static constexpr int kDaysInMonth[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12 || day < 1)
        return false;
    const int days = month == 2 && isLeapYear(year) ? 29 : kDaysInMonth[month - 1];
    if (day > days || hour > 23 || minute > 59 || second > 60)
        return false;
    int offsetMinutes = 0;
    if (match.capturedLength(7) > 0) {
        const int offsetHour = number(8);
        const int offsetMinute = number(9);
        if (offsetHour > 23 || offsetMinute > 59)
            return false;
        offsetMinutes = (offsetHour * 60 + offsetMinute) * (match.captured(7) == u"-"_s ? -1 : 1);
    }
    if (second == 60) {
        const int utcMinutes = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440;
        return utcMinutes == 23 * 60 + 59;
    }
    return true;
}

/// RFC 5321/5322 addr-spec as mail servers accept it: a dot-atom or quoted local part, and a
/// host name or an address literal.
bool isEmail(const QString &text)
{
    static const QRegularExpression shape(
        u"^(?:[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
        "|\"(?:[^\"\\\\\\r\\n]|\\\\.)*\")"
        "@(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
        "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
        "|\\[(?:\\d{1,3}(?:\\.\\d{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\\])\\z"_s);
    return text.size() <= 320 && shape.match(text).hasMatch();
}

/// RFC 3986 `URI` (absolute, with a scheme; a fragment allowed).
bool isUri(const QString &text)
{
    static const QString pctEncoded = u"%[0-9A-Fa-f]{2}"_s;
    static const QString pchar = u"(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%1)"_s.arg(pctEncoded);
    static const QString segment = pchar + u'*';
    static const QString segmentNz = pchar + u'+';
    static const QString userinfo = u"(?:[A-Za-z0-9._~!$&'()*+,;=:-]|%1)*"_s.arg(pctEncoded);
    static const QString regName = u"(?:[A-Za-z0-9._~!$&'()*+,;=-]|%1)*"_s.arg(pctEncoded);
    static const QString ipLiteral
        = u"\\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\\.[A-Za-z0-9._~!$&'()*+,;=:-]+)\\]"_s;
    static const QString authority
        = u"(?:%1@)?(?:%2|%3)(?::\\d*)?"_s.arg(userinfo, ipLiteral, regName);
    static const QString hierPart
        = u"(?://%1(?:/%2)*|/(?:%3(?:/%2)*)?|%3(?:/%2)*|)"_s.arg(authority, segment, segmentNz);
    static const QString queryOrFragment = u"(?:%1|[/?])*"_s.arg(pchar);
    static const QRegularExpression shape(
        u"^[A-Za-z][A-Za-z0-9+.-]*:%1(?:\\?%2)?(?:#%2)?\\z"_s.arg(hierPart, queryOrFragment));
    return shape.match(text).hasMatch();
}

bool isUuid(const QString &text)
{
    static const QRegularExpression shape(
        u"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\\z"_s);
    return shape.match(text).hasMatch();
}

bool matchesFormat(Format format, const QString &text)
{
    switch (format) {
    case Format::None:
        return true;
    case Format::Uri:
        return isUri(text);
    case Format::Email:
        return isEmail(text);
    case Format::DateTime:
        return isDateTime(text);
    case Format::Uuid:
        return isUuid(text);
    }
    return true;
}

QString formatNoun(Format format)
{
    switch (format) {
    case Format::None:
        return {};
    case Format::Uri:
        return JsonSchema::tr("URI");
    case Format::Email:
        return JsonSchema::tr("email address");
    case Format::DateTime:
        return JsonSchema::tr("RFC 3339 date-time");
    case Format::Uuid:
        return JsonSchema::tr("UUID");
    }
    return {};
}

/// The code unit of a `\uXXXX` escape starting at `at`, if there is one.
std::optional<char16_t> escapedCodeUnit(const QString &pattern, qsizetype at)
{
    if (at + 5 >= pattern.size() || pattern.at(at) != u'\\' || pattern.at(at + 1) != u'u')
        return std::nullopt;
    int unit = 0;
    for (qsizetype k = at + 2; k < at + 6; ++k) {
        const char16_t c = pattern.at(k).unicode();
        int digit = -1;
        if (c >= u'0' && c <= u'9')
            digit = c - u'0';
        else if (c >= u'a' && c <= u'f')
            digit = c - u'a' + 10;
        else if (c >= u'A' && c <= u'F')
            digit = c - u'A' + 10;
        if (digit < 0)
            return std::nullopt;
        unit = unit * 16 + digit;
    }
    return char16_t(unit);
}

/// Rewrites an ECMA-262 pattern into PCRE2 syntax with the same meaning where the two differ
/// cheaply (see the class comment for what is left).
QString ecmaToPcre(const QString &pattern)
{
    QString result;
    result.reserve(pattern.size() + 8);
    bool inClass = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'\\' && i + 1 < pattern.size()) {
            const QChar next = pattern.at(i + 1);
            if (const auto unit = escapedCodeUnit(pattern, i)) {
                char32_t codePoint = *unit;
                i += 5;
                // `\uD83D\uDE00` is one code point; PCRE2 refuses a lone surrogate.
                const auto low = QChar::isHighSurrogate(codePoint) ? escapedCodeUnit(pattern, i + 1)
                                                                   : std::nullopt;
                if (low && QChar::isLowSurrogate(*low)) {
                    codePoint = QChar::surrogateToUcs4(char16_t(codePoint), char16_t(*low));
                    i += 6;
                }
                result += u"\\x{%1}"_s.arg(uint(codePoint), 0, 16);
                continue;
            }
            result += c;
            result += next;
            ++i;
            continue;
        }
        if (inClass) {
            if (c == u']')
                inClass = false;
            result += c;
            continue;
        }
        if (c == u'[') {
            if (pattern.mid(i, 3) == u"[^]"_s) {
                result += u"[\\s\\S]"_s;
                i += 2;
                continue;
            }
            if (pattern.mid(i, 2) == u"[]"_s) {
                result += u"(?!)"_s;
                i += 1;
                continue;
            }
            inClass = true;
            result += c;
            // A `]` right after `[` or `[^` closes the class in ECMA-262 but is a literal in
            // PCRE; ECMA's cases are handled above, so only `^` needs copying here.
            if (i + 1 < pattern.size() && pattern.at(i + 1) == u'^') {
                result += u'^';
                ++i;
            }
            continue;
        }
        if (c == u'$') {
            result += u"\\z"_s;
            continue;
        }
        result += c;
    }
    return result;
}

struct PatternMatcher
{
    QString source;
    QRegularExpression regex;
};

struct SchemaNode
{
    QString pointer;
    bool isBoolean = false;
    bool booleanValue = true;
    int ref = -1;
    int types = 0; // 0: no `type`
    std::vector<std::unique_ptr<JsonNode>> enumValues;
    bool hasEnum = false;
    std::unique_ptr<JsonNode> constValue;
    std::optional<qint64> minLength;
    std::optional<qint64> maxLength;
    std::optional<PatternMatcher> pattern;
    Format format = Format::None;
    std::optional<Decimal> minimum;
    std::optional<Decimal> maximum;
    QString minimumText;
    QString maximumText;
    QStringList required;
    std::vector<std::pair<QString, int>> properties;
    std::vector<std::pair<PatternMatcher, int>> patternProperties;
    int additionalProperties = -1;
    int items = -1;
    std::vector<int> itemList; // the draft-7 list form of `items`
    bool hasItemList = false;
};

QString childPointer(const QString &pointer, const QString &token)
{
    return pointer + u'/' + JsonPointer::escapeToken(token);
}

} // namespace

struct JsonSchema::Compiled
{
    std::vector<SchemaNode> nodes;
};

namespace {

using Error = JsonSchemaError;

const QSet<QString> &unsupportedKeywords()
{
    static const QSet<QString> keywords = {
        u"allOf"_s,
        u"anyOf"_s,
        u"oneOf"_s,
        u"not"_s,
        u"if"_s,
        u"then"_s,
        u"else"_s,
        u"dependentSchemas"_s,
        u"dependentRequired"_s,
        u"dependencies"_s,
        u"prefixItems"_s,
        u"additionalItems"_s,
        u"contains"_s,
        u"minContains"_s,
        u"maxContains"_s,
        u"unevaluatedItems"_s,
        u"unevaluatedProperties"_s,
        u"propertyNames"_s,
        u"minItems"_s,
        u"maxItems"_s,
        u"uniqueItems"_s,
        u"minProperties"_s,
        u"maxProperties"_s,
        u"multipleOf"_s,
        u"exclusiveMinimum"_s,
        u"exclusiveMaximum"_s,
        u"$anchor"_s,
        u"$dynamicRef"_s,
        u"$dynamicAnchor"_s,
        u"$recursiveRef"_s,
        u"$recursiveAnchor"_s,
        u"$vocabulary"_s,
        u"extends"_s,
        u"disallow"_s,
        u"divisibleBy"_s,
    };
    return keywords;
}

/// Turns a schema document into SchemaNodes, one per schema reached from the root, `$defs` or
/// a `$ref`; the same place in the document is compiled once.
class Compiler
{
public:
    static constexpr int kMaxSchemaDepth = 256;

    explicit Compiler(const JsonNode &root)
        : m_root(root)
    { }

    std::expected<std::vector<SchemaNode>, Error> run()
    {
        auto root = compile(m_root, QString(), 0);
        if (!root)
            return std::unexpected(root.error());
        while (!m_pendingRefs.empty()) {
            const PendingRef pending = m_pendingRefs.back();
            m_pendingRefs.pop_back();
            auto target = compile(*pending.target, pending.targetPointer, 0);
            if (!target)
                return std::unexpected(target.error());
            m_nodes[size_t(pending.from)].ref = *target;
        }
        if (auto cycle = findRefCycle(); !cycle.isNull())
            return std::unexpected(
                Error { cycle,
                        JsonSchema::tr("`$ref` leads back here without "
                                       "looking inside the value: an endless "
                                       "loop. Remove one `$ref` of the cycle.") });
        return std::move(m_nodes);
    }

private:
    struct PendingRef
    {
        int from;
        const JsonNode *target;
        QString targetPointer;
    };

    std::expected<int, Error> compile(const JsonNode &schema, const QString &pointer, int depth)
    {
        if (const auto known = m_byPointer.constFind(pointer); known != m_byPointer.cend())
            return *known;
        if (depth > kMaxSchemaDepth)
            return std::unexpected(
                Error { pointer, JsonSchema::tr("The schema is nested too deeply.") });
        const int index = int(m_nodes.size());
        m_nodes.emplace_back();
        m_byPointer.insert(pointer, index);
        SchemaNode node;
        node.pointer = pointer;
        if (schema.kind() == JsonKind::Bool) {
            node.isBoolean = true;
            node.booleanValue = schema.boolValue();
            m_nodes[size_t(index)] = std::move(node);
            return index;
        }
        if (schema.kind() != JsonKind::Object)
            return std::unexpected(
                Error { pointer,
                        JsonSchema::tr("A schema must be an object or true or false, not %1.")
                            .arg(json::kindName(schema.kind())) });
        if (auto failed = compileKeywords(schema, pointer, depth, node, index); !failed)
            return std::unexpected(failed.error());
        m_nodes[size_t(index)] = std::move(node);
        return index;
    }

    std::expected<int, Error> subschema(const JsonNode &schema, const QString &pointer, int depth)
    {
        return compile(schema, pointer, depth + 1);
    }

    static Error keywordError(const QString &pointer, const QString &keyword,
                              const QString &message)
    {
        return { childPointer(pointer, keyword), message };
    }

    static std::expected<qint64, Error>
    nonNegativeInteger(const JsonNode &value, const QString &pointer, const QString &keyword)
    {
        if (value.kind() == JsonKind::Number) {
            const Decimal number = Decimal::fromToken(value.token());
            if (number.isInteger() && number.sign() >= 0)
                return number.toInteger(std::numeric_limits<qint64>::max());
        }
        return std::unexpected(keywordError(
            pointer, keyword,
            JsonSchema::tr("`%1` must be a whole number, zero or more.").arg(keyword)));
    }

    static std::expected<PatternMatcher, Error> regex(const QString &source, const QString &at)
    {
        QRegularExpression regex(ecmaToPcre(source));
        if (!regex.isValid())
            return std::unexpected(Error {
                at,
                JsonSchema::tr("Not a regular expression Coffer can use: %1 (at character %2).")
                    .arg(regex.errorString())
                    .arg(regex.patternErrorOffset()) });
        regex.optimize();
        return PatternMatcher { source, std::move(regex) };
    }

    std::expected<void, Error> compileKeywords(const JsonNode &schema, const QString &pointer,
                                               int depth, SchemaNode &node, int index)
    {
        for (int i = 0; i < schema.childCount(); ++i) {
            const QString keyword = schema.child(i)->key();
            if (unsupportedKeywords().contains(keyword))
                return std::unexpected(keywordError(
                    pointer, keyword,
                    JsonSchema::tr("Coffer does not support `%1`. Supported: type, required, "
                                   "properties, additionalProperties, patternProperties, items, "
                                   "enum, const, pattern, minLength, maxLength, minimum, "
                                   "maximum, format, $ref, $defs.")
                        .arg(keyword)));
        }
        if (const JsonNode *id = schema.member(u"$id")) {
            if (!pointer.isEmpty())
                return std::unexpected(
                    keywordError(pointer, u"$id"_s,
                                 JsonSchema::tr("`$id` is supported on the root schema only.")));
            if (id->kind() != JsonKind::String)
                return std::unexpected(
                    keywordError(pointer, u"$id"_s, JsonSchema::tr("`$id` must be a string.")));
        }
        if (const JsonNode *ref = schema.member(u"$ref")) {
            auto target = resolveRef(*ref, childPointer(pointer, u"$ref"_s));
            if (!target)
                return std::unexpected(target.error());
            m_pendingRefs.push_back({ index, target->first, target->second });
        }
        for (const QString &defs : { u"$defs"_s, u"definitions"_s }) {
            const JsonNode *definitions = schema.member(defs);
            if (!definitions)
                continue;
            if (definitions->kind() != JsonKind::Object)
                return std::unexpected(keywordError(
                    pointer, defs, JsonSchema::tr("`%1` must be an object of schemas.").arg(defs)));
            for (int i = 0; i < definitions->childCount(); ++i) {
                const JsonNode &definition = *definitions->child(i);
                if (definitions->memberRow(definition.key()) != i)
                    continue;
                auto compiled = subschema(
                    definition, childPointer(childPointer(pointer, defs), definition.key()), depth);
                if (!compiled)
                    return std::unexpected(compiled.error());
            }
        }
        if (const JsonNode *type = schema.member(u"type")) {
            const auto bit = [](const JsonNode &name) {
                if (name.kind() != JsonKind::String)
                    return 0;
                for (const auto &[text, value] : typeNames()) {
                    if (name.stringValue() == text)
                        return value;
                }
                return 0;
            };
            if (type->kind() == JsonKind::Array) {
                for (int i = 0; i < type->childCount(); ++i) {
                    const int value = bit(*type->child(i));
                    if (value == 0 || (node.types & value))
                        return std::unexpected(Error {
                            childPointer(childPointer(pointer, u"type"_s), QString::number(i)),
                            JsonSchema::tr("Each `type` must be one of null, boolean, object, "
                                           "array, number, string, integer, listed once.") });
                    node.types |= value;
                }
                if (node.types == 0)
                    return std::unexpected(keywordError(
                        pointer, u"type"_s, JsonSchema::tr("`type` must list at least one type.")));
            } else {
                node.types = bit(*type);
                if (node.types == 0)
                    return std::unexpected(keywordError(
                        pointer, u"type"_s,
                        JsonSchema::tr("`type` must be one of null, boolean, object, array, "
                                       "number, string, integer, or a list of them.")));
            }
        }
        if (const JsonNode *values = schema.member(u"enum")) {
            if (values->kind() != JsonKind::Array)
                return std::unexpected(
                    keywordError(pointer, u"enum"_s, JsonSchema::tr("`enum` must be an array.")));
            node.hasEnum = true;
            for (int i = 0; i < values->childCount(); ++i)
                node.enumValues.push_back(values->child(i)->clone());
        }
        if (const JsonNode *value = schema.member(u"const"))
            node.constValue = value->clone();
        for (const QString &keyword : { u"minLength"_s, u"maxLength"_s }) {
            if (const JsonNode *value = schema.member(keyword)) {
                auto length = nonNegativeInteger(*value, pointer, keyword);
                if (!length)
                    return std::unexpected(length.error());
                (keyword == u"minLength"_s ? node.minLength : node.maxLength) = *length;
            }
        }
        if (const JsonNode *pattern = schema.member(u"pattern")) {
            if (pattern->kind() != JsonKind::String)
                return std::unexpected(keywordError(pointer, u"pattern"_s,
                                                    JsonSchema::tr("`pattern` must be a string.")));
            auto matcher = regex(pattern->stringValue(), childPointer(pointer, u"pattern"_s));
            if (!matcher)
                return std::unexpected(matcher.error());
            node.pattern = std::move(*matcher);
        }
        if (const JsonNode *format = schema.member(u"format")) {
            bool known = false;
            if (format->kind() == JsonKind::String) {
                for (const auto &[name, value] : formatNames()) {
                    if (format->stringValue() == name) {
                        node.format = value;
                        known = true;
                    }
                }
            }
            if (!known)
                return std::unexpected(keywordError(
                    pointer, u"format"_s,
                    JsonSchema::tr("Coffer checks the formats %1 only; use `pattern` for "
                                   "another.")
                        .arg(JsonSchema::supportedFormats().join(u", "_s))));
        }
        for (const QString &keyword : { u"minimum"_s, u"maximum"_s }) {
            if (const JsonNode *value = schema.member(keyword)) {
                if (value->kind() != JsonKind::Number)
                    return std::unexpected(keywordError(
                        pointer, keyword, JsonSchema::tr("`%1` must be a number.").arg(keyword)));
                const bool isMinimum = keyword == u"minimum"_s;
                (isMinimum ? node.minimum : node.maximum) = Decimal::fromToken(value->token());
                (isMinimum ? node.minimumText : node.maximumText) = value->numberText();
            }
        }
        if (const JsonNode *required = schema.member(u"required")) {
            bool ok = required->kind() == JsonKind::Array;
            for (int i = 0; ok && i < required->childCount(); ++i) {
                ok = required->child(i)->kind() == JsonKind::String;
                if (ok)
                    node.required.append(required->child(i)->stringValue());
            }
            if (!ok)
                return std::unexpected(
                    keywordError(pointer, u"required"_s,
                                 JsonSchema::tr("`required` must be an array of member names.")));
        }
        if (const JsonNode *properties = schema.member(u"properties")) {
            if (properties->kind() != JsonKind::Object)
                return std::unexpected(
                    keywordError(pointer, u"properties"_s,
                                 JsonSchema::tr("`properties` must be an object of schemas.")));
            for (int i = 0; i < properties->childCount(); ++i) {
                const JsonNode &property = *properties->child(i);
                const QString name = property.key();
                if (properties->memberRow(name) != i)
                    continue;
                auto compiled = subschema(
                    property, childPointer(childPointer(pointer, u"properties"_s), name), depth);
                if (!compiled)
                    return std::unexpected(compiled.error());
                node.properties.emplace_back(name, *compiled);
            }
        }
        if (const JsonNode *patterns = schema.member(u"patternProperties")) {
            if (patterns->kind() != JsonKind::Object)
                return std::unexpected(keywordError(
                    pointer, u"patternProperties"_s,
                    JsonSchema::tr("`patternProperties` must be an object of schemas.")));
            for (int i = 0; i < patterns->childCount(); ++i) {
                const JsonNode &property = *patterns->child(i);
                const QString source = property.key();
                if (patterns->memberRow(source) != i)
                    continue;
                const QString at
                    = childPointer(childPointer(pointer, u"patternProperties"_s), source);
                auto matcher = regex(source, at);
                if (!matcher)
                    return std::unexpected(matcher.error());
                auto compiled = subschema(property, at, depth);
                if (!compiled)
                    return std::unexpected(compiled.error());
                node.patternProperties.emplace_back(std::move(*matcher), *compiled);
            }
        }
        if (const JsonNode *additional = schema.member(u"additionalProperties")) {
            auto compiled
                = subschema(*additional, childPointer(pointer, u"additionalProperties"_s), depth);
            if (!compiled)
                return std::unexpected(compiled.error());
            node.additionalProperties = *compiled;
        }
        if (const JsonNode *items = schema.member(u"items")) {
            const QString at = childPointer(pointer, u"items"_s);
            if (items->kind() == JsonKind::Array) {
                node.hasItemList = true;
                for (int i = 0; i < items->childCount(); ++i) {
                    auto compiled
                        = subschema(*items->child(i), childPointer(at, QString::number(i)), depth);
                    if (!compiled)
                        return std::unexpected(compiled.error());
                    node.itemList.push_back(*compiled);
                }
            } else {
                auto compiled = subschema(*items, at, depth);
                if (!compiled)
                    return std::unexpected(compiled.error());
                node.items = *compiled;
            }
        }
        return {};
    }

    /// The node a `$ref` names, and its canonical pointer.
    std::expected<std::pair<const JsonNode *, QString>, Error> resolveRef(const JsonNode &ref,
                                                                          const QString &at) const
    {
        if (ref.kind() != JsonKind::String)
            return std::unexpected(Error { at, JsonSchema::tr("`$ref` must be a string.") });
        const QString text = ref.stringValue();
        if (!text.startsWith(u'#'))
            return std::unexpected(Error {
                at,
                JsonSchema::tr("Only a `$ref` within the same document (starting with #) is "
                               "supported; put the schema under `$defs` and use "
                               "#/$defs/NAME.") });
        // The fragment is URI-encoded: %25 is %, %22 is a quote.
        const QString fragment = QUrl::fromPercentEncoding(text.mid(1).toUtf8());
        if (!fragment.isEmpty() && !fragment.startsWith(u'/'))
            return std::unexpected(
                Error { at,
                        JsonSchema::tr("`$ref` to an anchor is not supported; use a JSON Pointer "
                                       "such as #/$defs/NAME.") });
        const auto pointer = JsonPointer::parse(fragment);
        if (!pointer)
            return std::unexpected(Error { at, pointer.error() });
        const JsonNode *target = pointer->resolve(m_root);
        if (!target)
            return std::unexpected(
                Error { at, JsonSchema::tr("`$ref` points to nothing in this document.") });
        return std::pair { target, pointer->toString() };
    }

    /// The pointer of a `$ref` that is part of a cycle of `$ref`s, or a null string.
    QString findRefCycle() const
    {
        enum class Mark : quint8 { Unseen, OnPath, Done };
        std::vector<Mark> marks(m_nodes.size(), Mark::Unseen);
        for (size_t start = 0; start < m_nodes.size(); ++start) {
            std::vector<size_t> path;
            for (size_t at = start;;) {
                if (marks[at] == Mark::OnPath)
                    return childPointer(m_nodes[at].pointer, u"$ref"_s);
                if (marks[at] == Mark::Done)
                    break;
                marks[at] = Mark::OnPath;
                path.push_back(at);
                if (m_nodes[at].ref < 0)
                    break;
                at = size_t(m_nodes[at].ref);
            }
            for (const size_t visited : path)
                marks[visited] = Mark::Done;
        }
        return {};
    }

    const JsonNode &m_root;
    std::vector<SchemaNode> m_nodes;
    QHash<QString, int> m_byPointer;
    std::vector<PendingRef> m_pendingRefs;
};

QString typeList(int types)
{
    QStringList names;
    for (const auto &[name, bit] : typeNames()) {
        if (types & bit)
            names.append(name);
    }
    if (names.isEmpty())
        return JsonSchema::tr("nothing", "no type is allowed");
    return names.join(JsonSchema::tr(" or "));
}

qsizetype codePoints(const QString &text)
{
    qsizetype count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

class Validator
{
public:
    Validator(const std::vector<SchemaNode> &nodes, QList<SchemaViolation> *violations)
        : m_nodes(nodes)
        , m_violations(violations)
    { }

    [[nodiscard]] bool failed() const { return m_failed; }

    void validate(int index, const JsonNode &instance, const QString &path, int depth)
    {
        if (done())
            return;
        const SchemaNode &schema = m_nodes[size_t(index)];
        if (depth > JsonSchema::kMaxDepth) {
            add(path, schema.pointer, u"depth"_s, {},
                JsonSchema::tr("is nested too deeply to validate"));
            return;
        }
        if (schema.isBoolean) {
            if (!schema.booleanValue)
                add(path, schema.pointer, u"false"_s, {},
                    JsonSchema::tr("is not allowed by the schema"));
            return;
        }
        if (schema.ref >= 0)
            validate(schema.ref, instance, path, depth + 1);
        const auto at = [&](const QString &keyword) {
            return childPointer(schema.pointer, keyword);
        };
        if (schema.types != 0 && !matchesTypes(schema.types, instance))
            add(path, at(u"type"_s), u"type"_s, {},
                JsonSchema::tr("must be of type %1, not %2")
                    .arg(typeList(schema.types), json::kindName(instance.kind())));
        if (schema.hasEnum && std::ranges::none_of(schema.enumValues, [&](const auto &value) {
                return jsonEquals(*value, instance);
            }))
            add(path, at(u"enum"_s), u"enum"_s, {},
                JsonSchema::tr("must be one of the allowed values"));
        if (schema.constValue && !jsonEquals(*schema.constValue, instance))
            add(path, at(u"const"_s), u"const"_s, {},
                JsonSchema::tr("must be the one value the schema allows"));
        switch (instance.kind()) {
        case JsonKind::String:
            validateString(schema, instance.stringValue(), path);
            break;
        case JsonKind::Number:
            validateNumber(schema, Decimal::fromToken(instance.token()), path);
            break;
        case JsonKind::Object:
            validateObject(schema, instance, path, depth);
            break;
        case JsonKind::Array:
            validateArray(schema, instance, path, depth);
            break;
        case JsonKind::Null:
        case JsonKind::Bool:
            break;
        }
    }

    /// Stops at the first violation (for isValid()).
    bool stopAtFirst = false;

private:
    [[nodiscard]] bool done() const { return stopAtFirst && m_failed; }

    void add(const QString &path, const QString &schemaPointer, const QString &keyword,
             const QString &member, const QString &message)
    {
        m_failed = true;
        if (m_violations)
            m_violations->append({ path, schemaPointer, keyword, member, message });
    }

    void validateString(const SchemaNode &schema, const QString &text, const QString &path)
    {
        const auto at = [&](const QString &keyword) {
            return childPointer(schema.pointer, keyword);
        };
        if (schema.minLength || schema.maxLength) {
            const qsizetype length = codePoints(text);
            if (schema.minLength && length < *schema.minLength)
                add(path, at(u"minLength"_s), u"minLength"_s, {},
                    JsonSchema::tr("is shorter than %n character(s)", nullptr,
                                   int(std::min<qint64>(*schema.minLength, INT_MAX))));
            if (schema.maxLength && length > *schema.maxLength)
                add(path, at(u"maxLength"_s), u"maxLength"_s, {},
                    JsonSchema::tr("is longer than %n character(s)", nullptr,
                                   int(std::min<qint64>(*schema.maxLength, INT_MAX))));
        }
        if (schema.pattern && !schema.pattern->regex.match(text).hasMatch())
            add(path, at(u"pattern"_s), u"pattern"_s, {},
                JsonSchema::tr("does not match the pattern `%1`").arg(schema.pattern->source));
        if (schema.format != Format::None && !matchesFormat(schema.format, text))
            add(path, at(u"format"_s), u"format"_s, {},
                JsonSchema::tr("is not a valid %1").arg(formatNoun(schema.format)));
    }

    void validateNumber(const SchemaNode &schema, const Decimal &number, const QString &path)
    {
        if (schema.minimum && compare(number, *schema.minimum) < 0)
            add(path, childPointer(schema.pointer, u"minimum"_s), u"minimum"_s, {},
                JsonSchema::tr("is less than the minimum, %1").arg(schema.minimumText));
        if (schema.maximum && compare(number, *schema.maximum) > 0)
            add(path, childPointer(schema.pointer, u"maximum"_s), u"maximum"_s, {},
                JsonSchema::tr("is more than the maximum, %1").arg(schema.maximumText));
    }

    void validateObject(const SchemaNode &schema, const JsonNode &object, const QString &path,
                        int depth)
    {
        for (const QString &name : schema.required) {
            if (!object.member(name))
                add(path, childPointer(schema.pointer, u"required"_s), u"required"_s, name,
                    JsonSchema::tr("is missing required member `%1`").arg(name));
        }
        for (int i = 0; i < object.childCount() && !done(); ++i) {
            const JsonNode &member = *object.child(i);
            const QString key = member.key();
            if (object.memberRow(key) != i)
                continue; // a duplicated member: the last one is the value
            const QString memberPath = childPointer(path, key);
            bool matched = false;
            for (const auto &[name, index] : schema.properties) {
                if (name == key) {
                    matched = true;
                    validate(index, member, memberPath, depth + 1);
                }
            }
            for (const auto &[matcher, index] : schema.patternProperties) {
                if (matcher.regex.match(key).hasMatch()) {
                    matched = true;
                    validate(index, member, memberPath, depth + 1);
                }
            }
            if (matched || schema.additionalProperties < 0)
                continue;
            const SchemaNode &additional = m_nodes[size_t(schema.additionalProperties)];
            if (additional.isBoolean && !additional.booleanValue)
                add(path, additional.pointer, u"additionalProperties"_s, key,
                    JsonSchema::tr("has member `%1`, which the schema does not allow").arg(key));
            else
                validate(schema.additionalProperties, member, memberPath, depth + 1);
        }
    }

    void validateArray(const SchemaNode &schema, const JsonNode &array, const QString &path,
                       int depth)
    {
        for (int i = 0; i < array.childCount() && !done(); ++i) {
            int index = schema.items;
            if (schema.hasItemList)
                index = size_t(i) < schema.itemList.size() ? schema.itemList[size_t(i)] : -1;
            if (index >= 0)
                validate(index, *array.child(i), childPointer(path, QString::number(i)), depth + 1);
        }
    }

    const std::vector<SchemaNode> &m_nodes;
    QList<SchemaViolation> *m_violations;
    bool m_failed = false;
};

} // namespace

QString JsonSchemaError::toString() const
{
    return JsonSchema::tr("at %1: %2").arg(pointer.isEmpty() ? u"/"_s : pointer, message);
}

JsonSchema::JsonSchema(std::shared_ptr<const Compiled> compiled)
    : m_compiled(std::move(compiled))
{ }

std::expected<JsonSchema, JsonSchemaError> JsonSchema::compile(const JsonNode &document)
{
    Compiler compiler(document);
    auto nodes = compiler.run();
    if (!nodes)
        return std::unexpected(nodes.error());
    auto compiled = std::make_shared<Compiled>();
    compiled->nodes = std::move(*nodes);
    return JsonSchema(std::move(compiled));
}

std::expected<JsonSchema, JsonSchemaError> JsonSchema::parse(QByteArrayView utf8)
{
    const auto document = json::JsonDocument::parse(utf8);
    if (!document)
        return std::unexpected(JsonSchemaError {
            QString(), tr("Not valid JSON: %1").arg(document.error().toString()) });
    return compile(*document->root());
}

QList<SchemaViolation> JsonSchema::validate(const JsonNode &instance) const
{
    QList<SchemaViolation> violations;
    Validator validator(m_compiled->nodes, &violations);
    validator.validate(0, instance, QString(), 0);
    return violations;
}

bool JsonSchema::isValid(const JsonNode &instance) const
{
    Validator validator(m_compiled->nodes, nullptr);
    validator.stopAtFirst = true;
    validator.validate(0, instance, QString(), 0);
    return !validator.failed();
}

QStringList JsonSchema::supportedFormats()
{
    QStringList names;
    for (const auto &[name, format] : formatNames())
        names.append(name);
    return names;
}

} // namespace coffer::content
