// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/keychain/keychainerror.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

/// QtKeychain reports a session bus that cannot be reached, or one without a Secret Service, as
/// a generic error ("Could not connect: No such file or directory" from libsecret); for the
/// user it is the same as no keychain at all.
bool meansNoSecretService(const QString &backendMessage)
{
    static const QLatin1StringView markers[] = {
        "Could not connect"_L1, // GDBus: no session bus at that address
        "autolaunch"_L1, // no DBUS_SESSION_BUS_ADDRESS and no X11
        "not provided by any .service files"_L1, // a bus without org.freedesktop.secrets
        "org.freedesktop.DBus.Error.ServiceUnknown"_L1,
        "org.freedesktop.DBus.Error.NoServer"_L1,
        "org.freedesktop.DBus.Error.FileNotFound"_L1,
        "No D-Bus"_L1,
    };
    for (const QLatin1StringView marker : markers) {
        if (backendMessage.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

KeychainError KeychainError::fromBackend(Code reported, const QString &backendMessage)
{
    if (reported == Code::Other && meansNoSecretService(backendMessage))
        reported = Code::NoBackend;
    return KeychainError{reported, backendMessage};
}

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
