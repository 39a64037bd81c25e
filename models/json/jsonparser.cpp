// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonparser_p.h"

#include <QCoreApplication>

namespace coffer::json {

namespace {

bool isWhitespace(uchar c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

bool isDigit(uchar c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(uchar c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool isLetter(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isContinuation(uchar c)
{
    return (c & 0xC0) == 0x80;
}

} // namespace

JsonParser::JsonParser(QByteArrayView text, int maxDepth)
    : m_data(reinterpret_cast<const uchar *>(text.data()))
    , m_size(text.size())
    , m_maxDepth(maxDepth)
{
}

std::unique_ptr<JsonNode> JsonParser::parse()
{
    skipWhitespace();
    if (m_pos >= m_size) {
        fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "the document is empty"));
        return nullptr;
    }
    m_valueBegin = m_pos;
    std::unique_ptr<JsonNode> root = parseValue(0);
    if (!root)
        return nullptr;
    m_valueEnd = m_pos;
    skipWhitespace();
    if (m_pos < m_size) {
        fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "trailing characters after the JSON value"));
        return nullptr;
    }
    return root;
}

JsonParseError JsonParser::errorAt(QByteArrayView text, qsizetype offset, const QString &message)
{
    JsonParseError error;
    error.offset = offset;
    error.message = message;
    qsizetype lineStart = 0;
    int line = 1;
    const qsizetype end = std::min(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (qsizetype i = lineStart; i < end; ++i) {
        if (!isContinuation(uchar(text[i])))
            ++column;
    }
    error.line = line;
    error.column = column;
    return error;
}

int JsonParser::utf8SequenceLength(const uchar *p, qsizetype available)
{
    const uchar c = p[0];
    if (c < 0x80)
        return 1;
    int length = 0;
    uchar secondMin = 0x80;
    uchar secondMax = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0)
            secondMin = 0xA0;   // overlong
        else if (c == 0xED)
            secondMax = 0x9F;   // UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0)
            secondMin = 0x90;   // overlong
        else if (c == 0xF4)
            secondMax = 0x8F;   // above U+10FFFF
    } else {
        return 0;
    }
    if (available < length)
        return 0;
    if (p[1] < secondMin || p[1] > secondMax)
        return 0;
    for (int i = 2; i < length; ++i) {
        if (!isContinuation(p[i]))
            return 0;
    }
    return length;
}

JsonFormatStyle JsonParser::detectedStyle() const
{
    JsonFormatStyle style;
    const auto text = [this](qsizetype from, qsizetype to) {
        return QByteArrayView(reinterpret_cast<const char *>(m_data) + from, to - from);
    };
    style.leadingWhitespace = text(0, m_valueBegin).toByteArray();
    style.trailingWhitespace = text(m_valueEnd, m_size).toByteArray();
    if (m_colonGapBegin >= 0)
        style.spaceAfterColon = m_colonGapEnd > m_colonGapBegin;
    if (m_openBracket < 0)
        return style;   // no container with children: nothing to learn, keep the defaults

    const QByteArrayView gap = text(m_openGapBegin, m_openGapEnd);
    const qsizetype lastBreak = gap.lastIndexOf('\n');
    if (lastBreak < 0) {
        style.indentation = JsonFormatStyle::Indentation::Compact;
        const QByteArrayView commaGap = m_commaGapBegin >= 0
            ? text(m_commaGapBegin, m_commaGapEnd)
            : QByteArrayView();
        style.spaceAfterComma = !commaGap.isEmpty() && !commaGap.contains('\n');
        return style;
    }
    if (lastBreak > 0 && gap[lastBreak - 1] == '\r')
        style.lineBreak = "\r\n";
    const QByteArrayView childIndent = gap.sliced(lastBreak + 1);
    // The indentation of the line holding the opening bracket.
    qsizetype lineStart = m_openBracket;
    while (lineStart > 0 && m_data[lineStart - 1] != '\n')
        --lineStart;
    qsizetype lineIndentEnd = lineStart;
    while (lineIndentEnd < m_openBracket
           && (m_data[lineIndentEnd] == ' ' || m_data[lineIndentEnd] == '\t'))
        ++lineIndentEnd;
    const QByteArrayView lineIndent = text(lineStart, lineIndentEnd);
    QByteArrayView unit = childIndent;
    if (childIndent.startsWith(lineIndent) && childIndent.size() > lineIndent.size())
        unit = childIndent.sliced(lineIndent.size());
    if (!unit.isEmpty() && unit.count('\t') == unit.size()) {
        style.indentation = JsonFormatStyle::Indentation::Tabs;
        style.indentWidth = int(unit.size());
    } else if (!unit.isEmpty() && unit.count(' ') == unit.size()) {
        style.indentation = JsonFormatStyle::Indentation::Spaces;
        style.indentWidth = int(unit.size());
    } else if (unit.isEmpty()) {
        style.indentation = JsonFormatStyle::Indentation::Spaces;
        style.indentWidth = 0;   // children on their own lines, flush left
    }
    return style;
}

void JsonParser::skipWhitespace()
{
    while (m_pos < m_size && isWhitespace(m_data[m_pos]))
        ++m_pos;
}

QByteArray JsonParser::slice(qsizetype from, qsizetype to) const
{
    return QByteArray(reinterpret_cast<const char *>(m_data) + from, to - from);
}

bool JsonParser::fail(qsizetype offset, const char *message)
{
    return failWith(offset, QCoreApplication::translate("coffer::json", message));
}

bool JsonParser::failWith(qsizetype offset, const QString &message)
{
    if (!m_failed) {
        m_failed = true;
        m_error = errorAt(QByteArrayView(reinterpret_cast<const char *>(m_data), m_size), offset,
                          message);
    }
    return false;
}

bool JsonParser::failDepth(qsizetype offset)
{
    return failWith(offset, QCoreApplication::translate("coffer::json",
                                                        "nesting is deeper than %1 levels")
                                .arg(m_maxDepth));
}

void JsonParser::sampleOpening(qsizetype bracket, qsizetype gapStart)
{
    if (m_openBracket >= 0)
        return;
    m_openBracket = bracket;
    m_openGapBegin = gapStart;
    m_openGapEnd = m_pos;
}

std::unique_ptr<JsonNode> JsonParser::parseValue(int depth)
{
    if (m_pos >= m_size) {
        fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "unexpected end of input, expected a value"));
        return nullptr;
    }
    const qsizetype start = m_pos;
    switch (m_data[m_pos]) {
    case '{':
        return parseObject(depth + 1);
    case '[':
        return parseArray(depth + 1);
    case '"':
        if (!scanString())
            return nullptr;
        return JsonNode::create(JsonKind::String, slice(start, m_pos));
    case 't':
    case 'f':
    case 'n':
        return parseLiteral();
    default:
        if (m_data[m_pos] == '-' || isDigit(m_data[m_pos])) {
            if (!scanNumber())
                return nullptr;
            return JsonNode::create(JsonKind::Number, slice(start, m_pos));
        }
        fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "unexpected character, expected a value"));
        return nullptr;
    }
}

std::unique_ptr<JsonNode> JsonParser::parseLiteral()
{
    static constexpr struct {
        QByteArrayView text;
        JsonKind kind;
    } literals[] = {{"true", JsonKind::Bool}, {"false", JsonKind::Bool}, {"null", JsonKind::Null}};
    const QByteArrayView rest(reinterpret_cast<const char *>(m_data) + m_pos, m_size - m_pos);
    for (const auto &literal : literals) {
        if (!rest.startsWith(literal.text))
            continue;
        const qsizetype end = m_pos + literal.text.size();
        if (end < m_size && (isDigit(m_data[end]) || isLetter(m_data[end]) || m_data[end] == '_'))
            break;
        auto node = JsonNode::create(literal.kind, literal.text.toByteArray());
        m_pos = end;
        return node;
    }
    fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "invalid literal, expected true, false or null"));
    return nullptr;
}

bool JsonParser::scanNumber()
{
    const char *invalid = QT_TRANSLATE_NOOP("coffer::json", "invalid number");
    qsizetype i = m_pos;
    if (m_data[i] == '-')
        ++i;
    if (i >= m_size || !isDigit(m_data[i]))
        return fail(i, invalid);
    if (m_data[i] == '0') {
        ++i;
        if (i < m_size && isDigit(m_data[i]))
            return fail(i, QT_TRANSLATE_NOOP("coffer::json",
                                             "invalid number: leading zeros are not allowed"));
    } else {
        while (i < m_size && isDigit(m_data[i]))
            ++i;
    }
    if (i < m_size && m_data[i] == '.') {
        ++i;
        if (i >= m_size || !isDigit(m_data[i]))
            return fail(i, invalid);
        while (i < m_size && isDigit(m_data[i]))
            ++i;
    }
    if (i < m_size && (m_data[i] == 'e' || m_data[i] == 'E')) {
        ++i;
        if (i < m_size && (m_data[i] == '+' || m_data[i] == '-'))
            ++i;
        if (i >= m_size || !isDigit(m_data[i]))
            return fail(i, invalid);
        while (i < m_size && isDigit(m_data[i]))
            ++i;
    }
    m_pos = i;
    return true;
}

bool JsonParser::scanString()
{
    const qsizetype start = m_pos;
    const char *unterminated = QT_TRANSLATE_NOOP("coffer::json", "unterminated string");
    qsizetype i = m_pos + 1;
    for (;;) {
        if (i >= m_size)
            return fail(start, unterminated);
        const uchar c = m_data[i];
        if (c == '"') {
            m_pos = i + 1;
            return true;
        }
        if (c == '\\') {
            if (i + 1 >= m_size)
                return fail(start, unterminated);
            switch (m_data[i + 1]) {
            case '"':
            case '\\':
            case '/':
            case 'b':
            case 'f':
            case 'n':
            case 'r':
            case 't':
                i += 2;
                continue;
            case 'u':
                for (int k = 2; k < 6; ++k) {
                    if (i + k >= m_size)
                        return fail(start, unterminated);
                    if (!isHexDigit(m_data[i + k]))
                        return fail(i, QT_TRANSLATE_NOOP("coffer::json",
                                                         "invalid \\u escape in string, expected "
                                                         "four hexadecimal digits"));
                }
                i += 6;
                continue;
            default:
                return fail(i, QT_TRANSLATE_NOOP("coffer::json", "invalid escape sequence in string"));
            }
        }
        if (c < 0x20)
            return fail(i, QT_TRANSLATE_NOOP("coffer::json",
                                             "control character in string (it must be escaped)"));
        if (c < 0x80) {
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(m_data + i, m_size - i);
        if (length == 0)
            return fail(i, QT_TRANSLATE_NOOP("coffer::json", "invalid UTF-8 in string"));
        i += length;
    }
}

std::unique_ptr<JsonNode> JsonParser::parseObject(int depth)
{
    const qsizetype bracket = m_pos;
    if (depth > m_maxDepth) {
        failDepth(bracket);
        return nullptr;
    }
    auto object = JsonNode::create(JsonKind::Object);
    ++m_pos;
    const qsizetype gapStart = m_pos;
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == '}') {
        ++m_pos;
        return object;
    }
    sampleOpening(bracket, gapStart);
    bool afterComma = false;
    for (;;) {
        if (m_pos >= m_size || m_data[m_pos] != '"') {
            if (afterComma && m_pos < m_size && m_data[m_pos] == '}')
                fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "trailing comma before '}'"));
            else
                fail(m_pos, QT_TRANSLATE_NOOP("coffer::json",
                                              "expected a string as object member name"));
            return nullptr;
        }
        const qsizetype keyStart = m_pos;
        if (!scanString())
            return nullptr;
        QByteArray keyToken = slice(keyStart, m_pos);
        skipWhitespace();
        if (m_pos >= m_size || m_data[m_pos] != ':') {
            fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "expected ':' after an object member name"));
            return nullptr;
        }
        ++m_pos;
        const qsizetype colonGap = m_pos;
        skipWhitespace();
        if (m_colonGapBegin < 0) {
            m_colonGapBegin = colonGap;
            m_colonGapEnd = m_pos;
        }
        std::unique_ptr<JsonNode> value = parseValue(depth);
        if (!value)
            return nullptr;
        value->m_keyToken = std::move(keyToken);
        adopt(*object, std::move(value));
        skipWhitespace();
        if (consumeComma()) {
            afterComma = true;
            continue;
        }
        if (m_pos < m_size && m_data[m_pos] == '}') {
            ++m_pos;
            return object;
        }
        fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "expected ',' or '}' after an object member"));
        return nullptr;
    }
}

void JsonParser::adopt(JsonNode &container, std::unique_ptr<JsonNode> child)
{
    child->m_parent = &container;
    child->m_row = int(container.m_children.size());
    container.m_children.push_back(std::move(child));
}

bool JsonParser::consumeComma()
{
    if (m_pos >= m_size || m_data[m_pos] != ',')
        return false;
    ++m_pos;
    const qsizetype commaGap = m_pos;
    skipWhitespace();
    if (m_commaGapBegin < 0) {
        m_commaGapBegin = commaGap;
        m_commaGapEnd = m_pos;
    }
    return true;
}

std::unique_ptr<JsonNode> JsonParser::parseArray(int depth)
{
    const qsizetype bracket = m_pos;
    if (depth > m_maxDepth) {
        failDepth(bracket);
        return nullptr;
    }
    auto array = JsonNode::create(JsonKind::Array);
    ++m_pos;
    const qsizetype gapStart = m_pos;
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == ']') {
        ++m_pos;
        return array;
    }
    sampleOpening(bracket, gapStart);
    for (;;) {
        if (m_pos < m_size && m_data[m_pos] == ']' && !array->m_children.empty()) {
            fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "trailing comma before ']'"));
            return nullptr;
        }
        std::unique_ptr<JsonNode> value = parseValue(depth);
        if (!value)
            return nullptr;
        adopt(*array, std::move(value));
        skipWhitespace();
        if (consumeComma())
            continue;
        if (m_pos < m_size && m_data[m_pos] == ']') {
            ++m_pos;
            return array;
        }
        fail(m_pos, QT_TRANSLATE_NOOP("coffer::json", "expected ',' or ']' after an array element"));
        return nullptr;
    }
}

} // namespace coffer::json
