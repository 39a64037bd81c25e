// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>

namespace coffer::test {

struct PkeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

/// A key made fresh for one test with OpenSSL, as PEM and as its JWK public members.
struct TestKey
{
    PkeyPtr key;
    std::string privatePem; ///< PKCS#8 "BEGIN PRIVATE KEY"
    std::string publicPem;  ///< SubjectPublicKeyInfo "BEGIN PUBLIC KEY"
    std::string n;          ///< RSA modulus, base64url (empty for other key types)
    std::string e;          ///< RSA exponent, base64url
};

/// An RSA key of `bits` bits.
[[nodiscard]] TestKey rsaKey(unsigned bits);

/// A PEM certificate for `subjectKey`, CN=`commonName`, signed by `issuerKey` as `issuerName`
/// (SHA-256), valid from `fromDays` to `toDays` relative to now.
[[nodiscard]] std::string testCertificate(EVP_PKEY *subjectKey, const char *commonName,
                                          EVP_PKEY *issuerKey, const char *issuerName,
                                          long fromDays, long toDays);

} // namespace coffer::test
