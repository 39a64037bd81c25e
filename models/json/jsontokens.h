// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

// Lexical helpers for single JSON tokens, shared by JsonNode, JsonDocument and the diff engine.
namespace coffer::json {

/// What encodeStringToken() does with characters outside printable ASCII.
enum class NonAscii {
    Utf8,     ///< kept as UTF-8 (a lone surrogate still becomes \uXXXX)
    Escape,   ///< every UTF-16 unit outside ' '..'~' as \uxxxx, as Python's json.dumps writes
};

/// Encodes `text` as a minimal JSON string token, quotes included: only '"', '\\' and control
/// characters are escaped (\b \f \n \r \t, else \u00XX); everything else, non-ASCII included,
/// stays as UTF-8 unless `nonAscii` asks for escapes. A lone UTF-16 surrogate (not representable
/// in UTF-8) becomes \uXXXX.
[[nodiscard]] QByteArray encodeStringToken(QStringView text, NonAscii nonAscii = NonAscii::Utf8);

/// Decodes a string token (quotes included) produced by the parser or encodeStringToken().
/// Escapes are resolved; \uXXXX pairs become one character. The token must be valid.
[[nodiscard]] QString decodeStringToken(QByteArrayView token);

/// True when `token` (no surrounding whitespace) matches the JSON number grammar (RFC 8259).
[[nodiscard]] bool isValidNumberToken(QByteArrayView token);

/// True when `token` (no surrounding whitespace) is a complete, valid JSON string token.
[[nodiscard]] bool isValidStringToken(QByteArrayView token);

} // namespace coffer::json
