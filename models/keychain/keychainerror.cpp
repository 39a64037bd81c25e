// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/keychain/keychainerror.h"

#include <QCoreApplication>

namespace coffer {

QString KeychainError::explanation() const
{
    switch (code) {
    case Code::NotFound:
        return QCoreApplication::translate("KeychainError",
                                           "The OS keychain holds no item for this entry. Enter "
                                           "the credentials again to store them.");
    case Code::NoBackend:
        return QCoreApplication::translate(
            "KeychainError",
            "No OS keychain is available (on Linux: no Secret Service such as GNOME Keyring or "
            "KWallet is running on the session bus). Coffer never stores credentials in a plain "
            "file: start a keyring service, or use credentials kept in memory for this run only.");
    case Code::AccessDenied:
        return QCoreApplication::translate("KeychainError",
                                           "The OS keychain refused access or stayed locked. "
                                           "Unlock it and try again.");
    case Code::Other:
        break;
    }
    return QCoreApplication::translate("KeychainError", "The OS keychain reported an error: %1")
        .arg(backendMessage);
}

} // namespace coffer
