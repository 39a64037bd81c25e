// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonwriter_p.h"

#include "models/json/jsonnode.h"

namespace coffer::json {

namespace {

void writeIndent(const JsonFormatStyle &style, int depth, QByteArray &out)
{
    const char unit = style.indentation == JsonFormatStyle::Indentation::Tabs ? '\t' : ' ';
    out.append(qsizetype(depth) * style.indentWidth, unit);
}

} // namespace

void writeJson(const JsonNode &node, const JsonFormatStyle &style, int depth, QByteArray &out)
{
    if (node.isScalar()) {
        out += node.token();
        return;
    }
    const bool isObject = node.kind() == JsonKind::Object;
    out += isObject ? '{' : '[';
    const int count = node.childCount();
    if (count == 0) {
        out += isObject ? '}' : ']';
        return;
    }
    const bool compact = style.indentation == JsonFormatStyle::Indentation::Compact;
    for (int row = 0; row < count; ++row) {
        const JsonNode &child = *node.child(row);
        if (row > 0) {
            out += ',';
            if (compact && style.spaceAfterComma)
                out += ' ';
        }
        if (!compact) {
            out += style.lineBreak;
            writeIndent(style, depth + 1, out);
        }
        if (isObject) {
            out += child.keyToken().isEmpty() ? QByteArrayView("\"\"") : child.keyToken();
            out += style.spaceAfterColon ? QByteArrayView(": ") : QByteArrayView(":");
        }
        writeJson(child, style, depth + 1, out);
    }
    if (!compact) {
        out += style.lineBreak;
        writeIndent(style, depth, out);
    }
    out += isObject ? '}' : ']';
}

} // namespace coffer::json
