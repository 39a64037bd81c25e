// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

namespace coffer::json {

/**
 * `json` (valid JSON text) with every string and number value replaced by `mask` (a string value
 * keeps its quotes), while keys, booleans, null, brackets and the whitespace between them stay
 * exactly as they are: what the raw editor shows while values are masked. Nothing of a masked
 * value is left, not even its length.
 */
[[nodiscard]] QString maskedJsonText(QStringView json, QStringView mask);

} // namespace coffer::json
