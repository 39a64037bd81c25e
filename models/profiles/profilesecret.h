// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace coffer {

/**
 * The secret parts of an access-key profile: what goes into the OS keychain and nowhere else.
 *
 * A plain value that never prints itself. serialize() gives the bytes of the keychain item (a
 * small versioned JSON document), deserialize() reads them back.
 */
struct ProfileSecret
{
    QString secretAccessKey;
    QString sessionToken; ///< empty for long-term keys

    [[nodiscard]] bool isEmpty() const { return secretAccessKey.isEmpty(); }
    [[nodiscard]] QByteArray serialize() const;
    /// nullopt for bytes that are not a profile secret (another program's item, corruption).
    [[nodiscard]] static std::optional<ProfileSecret> deserialize(const QByteArray &bytes);

    friend bool operator==(const ProfileSecret &, const ProfileSecret &) = default;
};

} // namespace coffer
