// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer {

/**
 * `text` made safe to print on a terminal: a stored value must not be able to drive it. Control
 * characters other than newline and tab (ESC, CR, BEL, backspace, DEL, the C1 range) become
 * visible escapes (`\e`, `\r`, `\x07`, `\u{9b}`), and so do the bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) that reorder what is shown. A backslash stays as it
 * is. Everything else, UTF-8 text in any script included, is unchanged.
 */
[[nodiscard]] QString terminalSafe(const QString &text);

} // namespace coffer
