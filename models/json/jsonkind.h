// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer::json {

/**
 * The six kinds of JSON value a JsonNode can hold. Object and Array are containers; the others
 * are scalars and keep their exact source token.
 */
enum class JsonKind : quint8 { Null, Bool, Number, String, Object, Array };

/// The JSON name of a kind: "null", "boolean", "number", "string", "object" or "array".
/// Untranslated (it is a technical term, also used in CLI output and messages' placeholders).
[[nodiscard]] QString kindName(JsonKind kind);

} // namespace coffer::json
