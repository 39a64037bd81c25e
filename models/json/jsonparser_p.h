// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsonformatstyle.h"
#include "models/json/jsonnode.h"
#include "models/json/jsonparseerror.h"

#include <QByteArrayView>

#include <memory>

namespace coffer::json {

/**
 * Internal: the recursive-descent parser behind JsonDocument::parse() and
 * JsonNode::parseFragment(). It validates RFC 8259 strictly (UTF-8 included), keeps every
 * scalar and key as its exact source token, stops at a nesting limit, and samples the
 * whitespace of the first container, colon and comma to detect the JsonFormatStyle.
 */
class JsonParser final
{
public:
    explicit JsonParser(QByteArrayView text, int maxDepth);

    /// Parses the whole text as one value with optional surrounding whitespace; nullptr on
    /// error (see error()).
    std::unique_ptr<JsonNode> parse();
    [[nodiscard]] const JsonParseError &error() const { return m_error; }
    /// The style sampled from the text (valid after a successful parse()).
    [[nodiscard]] JsonFormatStyle detectedStyle() const;

    /// Line and column (1-based, columns in code points) of `offset` in `text`.
    static JsonParseError errorAt(QByteArrayView text, qsizetype offset, const QString &message);
    /// Length of the valid UTF-8 sequence starting at `p` (at most `available` bytes), 0 if
    /// invalid (overlong forms, surrogates and code points above U+10FFFF are invalid).
    static int utf8SequenceLength(const uchar *p, qsizetype available);

private:
    std::unique_ptr<JsonNode> parseValue(int depth);
    std::unique_ptr<JsonNode> parseObject(int depth);
    std::unique_ptr<JsonNode> parseArray(int depth);
    bool scanString();
    bool scanNumber();
    std::unique_ptr<JsonNode> parseLiteral();
    void skipWhitespace();
    [[nodiscard]] QByteArray slice(qsizetype from, qsizetype to) const;
    bool fail(qsizetype offset, const char *message);   // message: QT_TRANSLATE_NOOP'ed
    bool failWith(qsizetype offset, const QString &message);
    bool failDepth(qsizetype offset);
    void sampleOpening(qsizetype bracket, qsizetype gapStart);
    /// Makes `child` the last child of `container`.
    static void adopt(JsonNode &container, std::unique_ptr<JsonNode> child);
    /// Consumes a ',' and the whitespace after it (the first such gap is the layout sample);
    /// false, consuming nothing, when the next character is not ','.
    bool consumeComma();

    const uchar *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    int m_maxDepth;
    JsonParseError m_error;
    bool m_failed = false;

    // Style samples: the first container with children, the first ':' and the first ','.
    qsizetype m_valueBegin = 0;
    qsizetype m_valueEnd = 0;
    qsizetype m_openBracket = -1;
    qsizetype m_openGapBegin = -1;
    qsizetype m_openGapEnd = -1;
    qsizetype m_colonGapBegin = -1;
    qsizetype m_colonGapEnd = -1;
    qsizetype m_commaGapBegin = -1;
    qsizetype m_commaGapEnd = -1;
};

} // namespace coffer::json
