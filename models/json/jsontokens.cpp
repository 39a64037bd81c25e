// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsontokens.h"

#include "models/json/jsonparser_p.h"

namespace coffer::json {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void appendUnicodeEscape(char16_t unit, QByteArray &out)
{
    out += "\\u";
    out += kHex[(unit >> 12) & 0xF];
    out += kHex[(unit >> 8) & 0xF];
    out += kHex[(unit >> 4) & 0xF];
    out += kHex[unit & 0xF];
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return c - 'A' + 10;
}

bool isTokenOfKind(QByteArrayView token, JsonKind kind)
{
    if (token.isEmpty())
        return false;
    const auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
    if (isSpace(token.front()) || isSpace(token.back()))
        return false;
    JsonParser parser(token, 1);
    const std::unique_ptr<JsonNode> node = parser.parse();
    return node && node->kind() == kind;
}

} // namespace

QByteArray encodeStringToken(QStringView text, NonAscii nonAscii)
{
    const bool asciiOnly = nonAscii == NonAscii::Escape;
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    qsizetype runStart = 0;   // start of the pending run of characters copied as UTF-8
    const auto flush = [&](qsizetype end) {
        if (end > runStart)
            out += text.sliced(runStart, end - runStart).toUtf8();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c != u'"' && c != u'\\' && !QChar::isSurrogate(c) && (!asciiOnly || c <= 0x7e))
            continue;
        if (!asciiOnly && QChar::isHighSurrogate(c) && i + 1 < text.size()
            && QChar::isLowSurrogate(text[i + 1].unicode())) {
            ++i;   // a valid pair: plain UTF-8
            continue;
        }
        flush(i);
        runStart = i + 1;
        switch (c) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        default:
            appendUnicodeEscape(c, out);   // other control characters, lone surrogates, non-ASCII
            break;
        }
    }
    flush(text.size());
    out += '"';
    return out;
}

QString decodeStringToken(QByteArrayView token)
{
    if (token.size() < 2)
        return {};
    const QByteArrayView inner = token.sliced(1, token.size() - 2);
    const qsizetype firstEscape = inner.indexOf('\\');
    if (firstEscape < 0)
        return QString::fromUtf8(inner);
    QString out;
    out.reserve(inner.size());
    qsizetype runStart = 0;
    qsizetype i = firstEscape;
    while (i < inner.size()) {
        if (inner[i] != '\\') {
            ++i;
            continue;
        }
        out += QString::fromUtf8(inner.sliced(runStart, i - runStart));
        const char e = inner[i + 1];
        switch (e) {
        case 'b':
            out += u'\b';
            break;
        case 'f':
            out += u'\f';
            break;
        case 'n':
            out += u'\n';
            break;
        case 'r':
            out += u'\r';
            break;
        case 't':
            out += u'\t';
            break;
        case 'u': {
            char16_t unit = 0;
            for (int k = 2; k < 6; ++k)
                unit = char16_t((unit << 4) | hexValue(inner[i + k]));
            out += QChar(unit);   // surrogate pairs combine naturally in UTF-16
            i += 6;
            runStart = i;
            continue;
        }
        default:   // '"', '\\', '/'
            out += QLatin1Char(e);
            break;
        }
        i += 2;
        runStart = i;
    }
    out += QString::fromUtf8(inner.sliced(runStart));
    return out;
}

bool isValidNumberToken(QByteArrayView token)
{
    return isTokenOfKind(token, JsonKind::Number);
}

bool isValidStringToken(QByteArrayView token)
{
    return isTokenOfKind(token, JsonKind::String);
}

} // namespace coffer::json
