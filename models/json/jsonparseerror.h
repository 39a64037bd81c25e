// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer::json {

/**
 * Why and where a JSON text could not be parsed. `offset` is a byte offset into the UTF-8
 * input; `line` and `column` are 1-based, and `column` counts characters (Unicode code points),
 * not bytes, so it matches what an editor shows. The message is translated and never quotes
 * the input, so it is safe to show or log for a secret value.
 */
struct JsonParseError
{
    qsizetype offset = 0;
    int line = 1;
    int column = 1;
    QString message;

    /// "line 3, column 7: unterminated string" (translated).
    [[nodiscard]] QString toString() const;
};

} // namespace coffer::json
