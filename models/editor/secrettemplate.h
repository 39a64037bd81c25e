// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <expected>

namespace coffer {

/**
 * A starting value for a new secret made from a sibling's: the same keys, in the same order and
 * nesting, with every value emptied (strings become "", numbers 0, booleans false, arrays []),
 * so nothing secret is copied but the shape the application expects is. Indented with two spaces.
 */
class SecretTemplate final
{
public:
    /// The keys-only skeleton of a JSON object value; an error when the value is not a JSON object.
    [[nodiscard]] static std::expected<QByteArray, QString> keysOnly(const QByteArray &json);
};

} // namespace coffer
