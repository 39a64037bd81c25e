// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsonnesting.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace coffer::policy {

/**
 * Where each value of a JSON text starts, by JSON pointer ("/Statement/0/Resource/1"), so
 * findings about a policy can name a line and column. Built from text that already parsed as
 * JSON; it only scans, it does not validate.
 *
 *     PolicyJsonLocator locator(text);
 *     auto [line, column] = locator.position(u"/Statement/0/Effect"_s); // 1-based; {0, 0}
 *
 * Also turns a byte offset into a line and column (for nlohmann's parse errors). The scan
 * recurses, so it stops at kMaxDepth levels: what lies deeper (and after) is not located, and
 * position() gives the closest ancestor it found.
 */
class PolicyJsonLocator final
{
public:
    struct Position
    {
        int line = 0; ///< 1-based; 0 when unknown
        int column = 0; ///< 1-based, in characters
    };

    /// Arrays and objects nested deeper than this are not scanned.
    static constexpr int kMaxDepth = json::kMaxUntrustedNesting;

    PolicyJsonLocator() = default;
    explicit PolicyJsonLocator(const QByteArray &text);

    /// Where the value at `pointer` starts; the closest known ancestor when it is not known.
    [[nodiscard]] Position position(const QString &pointer) const;
    /// Line and column of the byte at `offset` (0-based) of `text`.
    [[nodiscard]] static Position positionOfOffset(const QByteArray &text, qsizetype offset);
    /// `token` escaped for a JSON pointer ("~" -> "~0", "/" -> "~1").
    [[nodiscard]] static QString escapeToken(const QString &token);

private:
    void scanValue(const QString &pointer);
    void scanObject(const QString &pointer);
    void scanArray(const QString &pointer);
    QString scanString();
    void skipWhitespace();
    void record(const QString &pointer);

    QByteArray m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_depth = 0;
    qsizetype m_lineStart = 0;
    QHash<QString, Position> m_positions;
};

} // namespace coffer::policy
