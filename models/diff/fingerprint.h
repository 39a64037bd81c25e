// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace coffer::json {
class JsonNode;
}

namespace coffer::diff {

/**
 * A short fingerprint of a value, so a reviewer can see that a value changed (or that two
 * secrets hold the same value) without seeing it: the first 8 hex digits of
 * SHA-256("coffer-fp:" + bytes).
 *
 * The "coffer-fp:" prefix separates the domain: a fingerprint is never the prefix of the plain
 * SHA-256 of the value that some other tool might print or log. Anyone who knows a value can
 * check it: `printf 'coffer-fp:%s' "$VALUE" | sha256sum | cut -c1-8`.
 *
 * It is for comparing, not for secrecy. 32 bits of an unsalted hash hide a long random value
 * (a key, a token, a password from a generator), but a low-entropy value (a port, "true", a
 * four-digit PIN, a dictionary word) can be found by trying candidates. Exports that must not
 * leak even that should leave fingerprints out.
 */
class Fingerprint final
{
public:
    static constexpr int kLength = 8;

    /// The fingerprint of raw bytes (a binary secret, a line of text as UTF-8).
    [[nodiscard]] static QString of(QByteArrayView bytes);
    /// The fingerprint of `text` encoded as UTF-8 (a secret string, one line of it).
    [[nodiscard]] static QString ofText(QStringView text);
    /// The fingerprint of a JSON value: for a string, of its decoded text (so it equals
    /// ofText() of the same text anywhere else); for other scalars, of the exact token; for an
    /// object or array, of its compact serialization (original tokens kept).
    [[nodiscard]] static QString ofJson(const json::JsonNode &node);
};

} // namespace coffer::diff
