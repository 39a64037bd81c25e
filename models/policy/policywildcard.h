// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringView>

namespace coffer::policy {

/**
 * IAM's wildcard matching: `*` matches any run of characters (including none, `/` and `:`),
 * `?` exactly one character, everything else itself. Used for actions (case-insensitive),
 * resources and the `...Like` condition operators (case-sensitive).
 *
 * ARNs are compared segment by segment, as IAM does: arn:partition:service:region:account are
 * matched separately and the resource part (which may itself contain `:`) as a whole, so a `*`
 * in the region never swallows the account. A pattern that is exactly `*` matches everything.
 */
class PolicyWildcard final
{
public:
    PolicyWildcard() = delete;

    /// `text` matched against `pattern` as a whole.
    [[nodiscard]] static bool matches(QStringView pattern, QStringView text,
                                      Qt::CaseSensitivity sensitivity = Qt::CaseSensitive);
    /// ARN matching (see above); falls back to matches() when either side is not an ARN.
    [[nodiscard]] static bool matchesArn(QStringView pattern, QStringView arn);
    /// True when `text` contains `*` or `?`.
    [[nodiscard]] static bool hasWildcard(QStringView text);
};

} // namespace coffer::policy
