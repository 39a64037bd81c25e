// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer {

/**
 * Why a keychain operation failed, in terms a user can act on.
 */
struct KeychainError
{
    enum class Code {
        NotFound,        ///< no item under that key
        NoBackend,       ///< no Secret Service / Keychain / Credential Manager is reachable
        AccessDenied,    ///< the user refused, or the keyring stayed locked
        Other,
    };

    Code code = Code::Other;
    QString backendMessage;   ///< what QtKeychain said, verbatim (never contains the secret)

    /// A plain sentence on what happened and what to do.
    [[nodiscard]] QString explanation() const;

    /// What the backend reported, classified for the user: QtKeychain reports an unreachable
    /// session bus, or one without a Secret Service, as a generic error; that is NoBackend.
    [[nodiscard]] static KeychainError fromBackend(Code reported, const QString &backendMessage);
};

} // namespace coffer
