// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace coffer::json {

/**
 * How deeply arrays and objects nest in a JSON text, found by one forward scan that skips
 * strings (and their escapes) without building anything.
 *
 * For untrusted JSON that goes to nlohmann: its parser does not recurse, but dump(), copies and
 * every walker of the tree do, so 100,000 brackets overflow the stack later. Check first:
 *
 *     if (json::nestingExceeds(body, json::kMaxUntrustedNesting)) refuse(...);
 *
 * Malformed text is scanned as far as it goes; the parser that follows reports the syntax error.
 */
[[nodiscard]] int nestingDepth(QByteArrayView text, int stopAbove);

/// True when `text` nests arrays and objects deeper than `limit`.
[[nodiscard]] inline bool nestingExceeds(QByteArrayView text, int limit)
{
    return nestingDepth(text, limit) > limit;
}

/// Deeper than any AWS request, policy or configuration document needs.
inline constexpr int kMaxUntrustedNesting = 64;

} // namespace coffer::json
