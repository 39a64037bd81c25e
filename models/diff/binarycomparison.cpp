// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/binarycomparison.h"

#include "models/diff/fingerprint.h"

#include <algorithm>

namespace coffer::diff {

BinaryComparison BinaryComparison::compare(QByteArrayView oldBytes, QByteArrayView newBytes)
{
    BinaryComparison comparison;
    comparison.oldSize = oldBytes.size();
    comparison.newSize = newBytes.size();
    comparison.oldFingerprint = Fingerprint::of(oldBytes);
    comparison.newFingerprint = Fingerprint::of(newBytes);
    const auto [oldAt, newAt] = std::ranges::mismatch(oldBytes, newBytes);
    const qsizetype common = oldAt - oldBytes.begin();
    if (common < oldBytes.size() || common < newBytes.size())
        comparison.firstDifference = common;
    return comparison;
}

} // namespace coffer::diff
