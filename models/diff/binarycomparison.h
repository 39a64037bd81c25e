// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>

namespace coffer::diff {

/**
 * What can be said about two byte strings without showing them: their sizes, their
 * fingerprints (see Fingerprint) and the offset of the first byte that differs. Used for
 * binary secrets, and for a value whose kind changed (text to binary).
 */
struct BinaryComparison
{
    qsizetype oldSize = 0;
    qsizetype newSize = 0;
    QString oldFingerprint;
    QString newFingerprint;
    /// Offset of the first differing byte; the shorter size when one is a prefix of the other;
    /// -1 when equal.
    qsizetype firstDifference = -1;

    [[nodiscard]] bool isEqual() const { return firstDifference < 0; }

    [[nodiscard]] static BinaryComparison compare(QByteArrayView oldBytes, QByteArrayView newBytes);
};

} // namespace coffer::diff
