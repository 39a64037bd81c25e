// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace coffer::json {

/**
 * How a JSON document is laid out: compact on one line, or indented with N spaces or N tabs,
 * with or without a space after ':' (and, on one line, after ','), which line break, and the
 * whitespace around the root value (a trailing newline, usually).
 *
 * JsonDocument::parse() detects it from the original text, and re-serializing an edited
 * document uses it, so a small edit does not reformat a whole secret. The default is what
 * most tools write: two spaces, a space after ':', "\n", no trailing newline.
 */
struct JsonFormatStyle
{
    enum class Indentation : quint8 { Compact, Spaces, Tabs };

    Indentation indentation = Indentation::Spaces;
    int indentWidth = 2;            ///< spaces or tabs per level; ignored when Compact
    bool spaceAfterColon = true;    ///< `"key": value` rather than `"key":value`
    bool spaceAfterComma = false;   ///< `[1, 2]` rather than `[1,2]`; only used when Compact
    QByteArray lineBreak = "\n";    ///< "\n" or "\r\n"; only used when indented
    QByteArray leadingWhitespace;   ///< before the root value (written by JsonDocument only)
    QByteArray trailingWhitespace;  ///< after the root value (written by JsonDocument only)

    [[nodiscard]] static JsonFormatStyle compact()
    {
        JsonFormatStyle style;
        style.indentation = Indentation::Compact;
        style.spaceAfterColon = false;
        return style;
    }
    [[nodiscard]] static JsonFormatStyle spaces(int width)
    {
        JsonFormatStyle style;
        style.indentWidth = width;
        return style;
    }
    [[nodiscard]] static JsonFormatStyle tabs(int width = 1)
    {
        JsonFormatStyle style;
        style.indentation = Indentation::Tabs;
        style.indentWidth = width;
        return style;
    }

    friend bool operator==(const JsonFormatStyle &, const JsonFormatStyle &) = default;
};

} // namespace coffer::json
