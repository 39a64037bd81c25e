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

ProfileError ProfileError::fromKeychain(const KeychainError &error, const QString &profileName)
{
    ProfileError result;
    result.keychain = error;
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
