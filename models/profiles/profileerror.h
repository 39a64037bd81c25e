// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/keychain/keychainerror.h"

#include <QCoreApplication>
#include <QString>

#include <expected>
#include <optional>

namespace coffer {

/**
 * Why a ProfileStore operation failed, with a sentence the user can act on.
 *
 * `NoKeychain` is the one callers treat specially: no OS keychain is reachable, nothing was
 * written anywhere, and the user may choose to keep the credentials in memory for this run
 * (ProfileStore::SaveOptions::memoryOnly or ProfileStore::setMemoryOnlyCredentials()).
 */
struct ProfileError
{
    Q_DECLARE_TR_FUNCTIONS(coffer::ProfileError)

public:
    enum class Code {
        Invalid, ///< the profile does not validate (message says why)
        NameTaken, ///< another profile has that name
        NotFound, ///< no profile with that id or name
        InUse, ///< another profile assumes a role with this one
        SecretRequired, ///< an access-key profile saved without its secret access key
        SecretMissing, ///< the keychain holds no (readable) secret for the profile
        NoKeychain, ///< no OS keychain is reachable; nothing was stored
        KeychainDenied, ///< the keychain refused or stayed locked
        KeychainFailed, ///< any other keychain failure
        StorageFailed, ///< the settings file could not be written
    };

    Code code = Code::Invalid;
    QString message; ///< the plain sentence to show
    std::optional<KeychainError> keychain; ///< the keychain's own error, when one caused it

    /// True when the user can choose "memory only for this run" instead.
    [[nodiscard]] bool offersMemoryOnly() const { return code == Code::NoKeychain; }

    [[nodiscard]] static ProfileError make(Code code, const QString &message);
    /// Maps a keychain failure for profile `profileName` to a profile error.
    [[nodiscard]] static ProfileError fromKeychain(const KeychainError &error,
                                                   const QString &profileName);
    /// A stable, untranslated name ("NoKeychain") for logs, JSON output and tests.
    [[nodiscard]] static QString codeName(Code code);
};

template<typename T> using ProfileResult = std::expected<T, ProfileError>;

} // namespace coffer
