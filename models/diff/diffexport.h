// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>

namespace coffer::json {
class JsonPointer;
}

namespace coffer::diff {

class SecretDiff;

/// What DiffExport may show, and how it labels the two sides.
struct ExportOptions
{
    /// Show every value. Off: values are masked unless their path is in revealedPaths.
    bool revealValues = false;
    /// JSON Pointers (text form) whose values, and everything below them, may be shown. The
    /// root pointer "" reveals all, and is the only way to reveal a text or binary value.
    QSet<QString> revealedPaths;
    QString oldLabel; ///< "--- " line; empty: "a"
    QString newLabel; ///< "+++ " line; empty: "b"
    int context = 3; ///< unchanged lines around a text hunk (revealed text only)
};

/**
 * Writes a SecretDiff for a review, a ticket or a script: as unified text or as an RFC 6902
 * JSON Patch. Masking is the default: no value (scalar, line of text, bytes) appears in the
 * output unless ExportOptions reveals it; a masked value is shown by its fingerprint only
 * (see Fingerprint), so a reviewer still sees *that* it changed.
 *
 * Unified, for a JSON diff (one line per change; paths are JSON Pointers, the root "(root)"):
 *
 *     --- a
 *     +++ b
 *     - /db/replica: <hidden 0c1d2e3f>
 *     + /db/pool: <hidden 77aa0b12>
 *     ~ /db/password: <hidden 1a2b3c4d> → <hidden 9f8e7d6c>
 *     ~ /db/port: number → string: <hidden 5e6f7a8b> → <hidden 3c4d5e6f>
 *     > /db/host: moved, position 2 → 0
 *     > /hosts/3 → /hosts/0: moved
 *
 * A revealed value is written as compact JSON, its original tokens kept. For a text diff,
 * revealed output is `diff -u`'s; masked output has hunk headers without context and, for
 * each changed line, `-line 12: <hidden 1a2b3c4d>`. Binary values show sizes, fingerprints and
 * the first differing offset (and, revealed, base64). Equal values give an empty text.
 *
 * The patch, for a JSON diff, is JsonDiff::patch(); a masked value becomes the string
 * `"<hidden sha256:1a2b3c4d>"` (inside an added object or array, each scalar does, keys stay).
 * For other kinds it is one `replace` of the whole value "" (text as a JSON string, bytes as
 * base64). Equal values, or JSON that differs only in formatting, give `[]`. The fixed words of
 * both formats are not translated: scripts parse them.
 */
class DiffExport final
{
public:
    [[nodiscard]] static QString unified(const SecretDiff &diff, const ExportOptions &options = {});
    /// UTF-8 JSON text, an array of operations, one per line, with a final newline.
    [[nodiscard]] static QByteArray jsonPatch(const SecretDiff &diff,
                                              const ExportOptions &options = {});

    /// True when the value at `path` may be shown: revealValues, or the path or one of its
    /// ancestors is in revealedPaths.
    [[nodiscard]] static bool isRevealed(const json::JsonPointer &path,
                                         const ExportOptions &options);
};

} // namespace coffer::diff
