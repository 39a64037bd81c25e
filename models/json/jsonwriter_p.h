// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsonformatstyle.h"

#include <QByteArray>

namespace coffer::json {

class JsonNode;

/// Internal: appends `node` serialized in `style`, as if nested `depth` levels deep, to `out`.
/// Scalars and keys are written as their stored tokens; only whitespace is generated.
void writeJson(const JsonNode &node, const JsonFormatStyle &style, int depth, QByteArray &out);

} // namespace coffer::json
