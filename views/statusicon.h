// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

namespace coffer {

/// The state marks every pane draws the same way: a check result, a content finding, a secret.
enum class StatusMark {
    Pass,    ///< green circle, check mark
    Warning, ///< amber triangle, exclamation mark
    Error,   ///< red circle, cross
    Skipped, ///< grey circle, dash
    Info,    ///< blue circle, "i"
};

/// The icon for `mark`, drawn (no image files, crisp at any scale).
[[nodiscard]] QIcon statusIcon(StatusMark mark);

} // namespace coffer
