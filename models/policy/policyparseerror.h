// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer::policy {

/**
 * Why a policy text could not be used: malformed JSON, or JSON that is not a valid IAM policy
 * (no Statement, no Effect, a bad Version, ...). `id` is stable (the linter's finding id);
 * `pointer` is the JSON pointer of the offending element ("/Statement/1/Effect"; empty for
 * syntax errors); line and column are 1-based, 0 when unknown.
 */
struct PolicyParseError
{
    QString id; ///< "json-syntax", "effect-missing", ...
    QString message;
    QString fix; ///< how to repair it, for people
    QString pointer;
    int line = 0;
    int column = 0;

    /// "line 3, column 7: message" (or just the message when the place is unknown).
    [[nodiscard]] QString toString() const
    {
        if (line <= 0)
            return message;
        return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(message);
    }
};

} // namespace coffer::policy
