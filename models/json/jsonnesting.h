// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

#include <utility>
#include <vector>

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

/// How deeply arrays and objects nest in a parsed nlohmann tree (a scalar is 0, `[]` is 1),
/// found with an explicit stack rather than recursion, so a walker handed a tree it did not
/// parse itself can check it before recursing (or copying: nlohmann's copy recurses). Stops
/// as soon as the depth passes `stopAbove`.
template<typename Json>
[[nodiscard]] int treeNestingDepth(const Json &root, int stopAbove)
{
    int deepest = 0;
    std::vector<std::pair<const Json *, int>> pending{ { &root, 0 } };
    while (!pending.empty()) {
        const auto [node, depth] = pending.back();
        pending.pop_back();
        if (!node->is_structured())
            continue;
        const int inside = depth + 1;
        if (inside > deepest) {
            deepest = inside;
            if (deepest > stopAbove)
                return deepest;
        }
        for (const auto &child : *node)
            pending.emplace_back(&child, inside);
    }
    return deepest;
}

/// True when the tree `root` nests arrays and objects deeper than `limit`.
template<typename Json>
[[nodiscard]] bool treeNestingExceeds(const Json &root, int limit)
{
    return treeNestingDepth(root, limit) > limit;
}

} // namespace coffer::json
