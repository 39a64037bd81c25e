// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/profileerror.h"

using namespace Qt::StringLiterals;

namespace coffer {

ProfileError ProfileError::make(Code code, const QString &message)
{
    ProfileError error;
    error.code = code;
    error.message = message;
    return error;
}

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

ProfileError ProfileError::fromKeychain(const KeychainError &error, const QString &profileName)
{
    ProfileError result;
    result.keychain = error;
    if (error.code == KeychainError::Code::Other && meansNoSecretService(error.backendMessage)) {
        KeychainError noBackend = error;
        noBackend.code = KeychainError::Code::NoBackend;
        result.keychain = noBackend;
    }
    switch (result.keychain->code) {
    case KeychainError::Code::NoBackend:
        result.code = Code::NoKeychain;
        break;
    case KeychainError::Code::NotFound:
        result.code = Code::SecretMissing;
        break;
    case KeychainError::Code::AccessDenied:
        result.code = Code::KeychainDenied;
        break;
    case KeychainError::Code::Other:
        result.code = Code::KeychainFailed;
        break;
    }
    if (result.code == Code::SecretMissing) {
        result.message = tr("The OS keychain holds no secret access key for profile '%1'. Edit "
                            "the profile and enter it again.")
                             .arg(profileName);
    } else {
        result.message = result.keychain->explanation();
    }
    return result;
}

QString ProfileError::codeName(Code code)
{
    switch (code) {
    case Code::Invalid:
        return u"Invalid"_s;
    case Code::NameTaken:
        return u"NameTaken"_s;
    case Code::NotFound:
        return u"NotFound"_s;
    case Code::InUse:
        return u"InUse"_s;
    case Code::SecretRequired:
        return u"SecretRequired"_s;
    case Code::SecretMissing:
        return u"SecretMissing"_s;
    case Code::NoKeychain:
        return u"NoKeychain"_s;
    case Code::KeychainDenied:
        return u"KeychainDenied"_s;
    case Code::KeychainFailed:
        return u"KeychainFailed"_s;
    case Code::StorageFailed:
        return u"StorageFailed"_s;
    }
    return {};
}

} // namespace coffer
