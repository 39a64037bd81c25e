// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/sequencediff.h"

#include <algorithm>

namespace coffer::diff {

namespace {

// Follows diff-match-patch's diff_bisect (Neil Fraser, Apache-2.0 description of Myers 1986):
// forward and reverse searches meet on the middle snake, the problem splits there, recursion.
class Bisector
{
public:
    Bisector(std::span<const int> a, std::span<const int> b, int maxCost, SequenceDiff::Result &out)
        : m_a(a)
        , m_b(b)
        , m_maxCost(std::max(1, maxCost))
        , m_out(out)
    { }

    void run(qsizetype aBegin, qsizetype aEnd, qsizetype bBegin, qsizetype bEnd)
    {
        // Common prefix and suffix are never part of the difference.
        while (aBegin < aEnd && bBegin < bEnd && m_a[aBegin] == m_b[bBegin]) {
            ++aBegin;
            ++bBegin;
        }
        while (aBegin < aEnd && bBegin < bEnd && m_a[aEnd - 1] == m_b[bEnd - 1]) {
            --aEnd;
            --bEnd;
        }
        if (aBegin == aEnd) {
            std::fill(m_out.added.begin() + bBegin, m_out.added.begin() + bEnd, 1);
            return;
        }
        if (bBegin == bEnd) {
            std::fill(m_out.removed.begin() + aBegin, m_out.removed.begin() + aEnd, 1);
            return;
        }
        qsizetype x = 0;
        qsizetype y = 0;
        if (!bisect(aBegin, aEnd, bBegin, bEnd, x, y)) {
            std::fill(m_out.removed.begin() + aBegin, m_out.removed.begin() + aEnd, 1);
            std::fill(m_out.added.begin() + bBegin, m_out.added.begin() + bEnd, 1);
            return;
        }
        run(aBegin, aBegin + x, bBegin, bBegin + y);
        run(aBegin + x, aEnd, bBegin + y, bEnd);
    }

private:
    // Finds the middle snake of a[aBegin, aEnd) vs b[bBegin, bEnd); (x, y) is the split point,
    // relative to the range. False when the cost bound was reached or nothing is in common.
    bool bisect(qsizetype aBegin, qsizetype aEnd, qsizetype bBegin, qsizetype bEnd, qsizetype &x,
                qsizetype &y)
    {
        const qsizetype n = aEnd - aBegin;
        const qsizetype m = bEnd - bBegin;
        const qsizetype maxD = std::min<qsizetype>((n + m + 1) / 2, m_maxCost);
        const qsizetype offset = maxD + 1;
        const qsizetype length = 2 * maxD + 3;
        m_v1.assign(size_t(length), -1);
        m_v2.assign(size_t(length), -1);
        m_v1[size_t(offset + 1)] = 0;
        m_v2[size_t(offset + 1)] = 0;
        const qsizetype delta = n - m;
        const bool front = (delta % 2) != 0;
        qsizetype k1start = 0, k1end = 0, k2start = 0, k2end = 0;
        const int *a = m_a.data() + aBegin;
        const int *b = m_b.data() + bBegin;
        for (qsizetype d = 0; d < maxD; ++d) {
            for (qsizetype k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
                const qsizetype k1Offset = offset + k1;
                qsizetype x1;
                if (k1 == -d || (k1 != d && m_v1[size_t(k1Offset - 1)] < m_v1[size_t(k1Offset + 1)]))
                    x1 = m_v1[size_t(k1Offset + 1)];
                else
                    x1 = m_v1[size_t(k1Offset - 1)] + 1;
                qsizetype y1 = x1 - k1;
                while (x1 < n && y1 < m && a[x1] == b[y1]) {
                    ++x1;
                    ++y1;
                }
                m_v1[size_t(k1Offset)] = x1;
                if (x1 > n) {
                    k1end += 2;
                } else if (y1 > m) {
                    k1start += 2;
                } else if (front) {
                    const qsizetype k2Offset = offset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < length && m_v2[size_t(k2Offset)] != -1) {
                        if (x1 >= n - m_v2[size_t(k2Offset)]) {
                            x = x1;
                            y = y1;
                            return true;
                        }
                    }
                }
            }
            for (qsizetype k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
                const qsizetype k2Offset = offset + k2;
                qsizetype x2;
                if (k2 == -d || (k2 != d && m_v2[size_t(k2Offset - 1)] < m_v2[size_t(k2Offset + 1)]))
                    x2 = m_v2[size_t(k2Offset + 1)];
                else
                    x2 = m_v2[size_t(k2Offset - 1)] + 1;
                qsizetype y2 = x2 - k2;
                while (x2 < n && y2 < m && a[n - x2 - 1] == b[m - y2 - 1]) {
                    ++x2;
                    ++y2;
                }
                m_v2[size_t(k2Offset)] = x2;
                if (x2 > n) {
                    k2end += 2;
                } else if (y2 > m) {
                    k2start += 2;
                } else if (!front) {
                    const qsizetype k1Offset = offset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < length && m_v1[size_t(k1Offset)] != -1) {
                        const qsizetype x1 = m_v1[size_t(k1Offset)];
                        const qsizetype y1 = offset + x1 - k1Offset;
                        if (x1 >= n - x2) {
                            x = x1;
                            y = y1;
                            return true;
                        }
                    }
                }
            }
        }
        if (maxD < (n + m + 1) / 2)
            m_out.exact = false;
        return false;
    }

    std::span<const int> m_a;
    std::span<const int> m_b;
    int m_maxCost;
    SequenceDiff::Result &m_out;
    std::vector<qsizetype> m_v1;
    std::vector<qsizetype> m_v2;
};

} // namespace

SequenceDiff::Result SequenceDiff::compare(std::span<const int> oldIds,
                                           std::span<const int> newIds, int maxCost)
{
    Result result;
    result.removed.assign(oldIds.size(), 0);
    result.added.assign(newIds.size(), 0);
    Bisector(oldIds, newIds, maxCost, result)
        .run(0, qsizetype(oldIds.size()), 0, qsizetype(newIds.size()));
    return result;
}

} // namespace coffer::diff
