// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace coffer::diff {

/**
 * The longest-common-subsequence engine shared by TextDiff (lines) and JsonDiff (array items):
 * Myers' O(ND) algorithm in its linear-space form (the "middle snake", as GNU diff and
 * diff-match-patch use it), on sequences of integer ids. The caller maps its elements to ids,
 * equal elements to equal ids.
 *
 *     const SequenceDiff::Result result = SequenceDiff::compare(oldIds, newIds);
 *     // result.removed[i]: old element i is not in the common subsequence; result.added[j] likewise
 *
 * Memory is O(N + M) whatever the input. Time is O((N + M) * D) for D differences, after the
 * common prefix and suffix are trimmed; the search for one middle snake stops after
 * `maxCost` steps and then treats that region as replaced (all removed, all added). The result
 * is then still a correct edit script, only not a minimal one, and `exact` is false.
 */
class SequenceDiff final
{
public:
    /// Enough for an exact answer up to about 2 * 4096 differences in one region.
    static constexpr int kDefaultMaxCost = 4096;

    struct Result
    {
        std::vector<char> removed; ///< one flag per old element
        std::vector<char> added; ///< one flag per new element
        bool exact = true; ///< false when the cost bound made a region a plain replacement
    };

    [[nodiscard]] static Result compare(std::span<const int> oldIds, std::span<const int> newIds,
                                        int maxCost = kDefaultMaxCost);
};

} // namespace coffer::diff
