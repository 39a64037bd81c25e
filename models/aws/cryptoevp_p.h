// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to CryptoDigest and CryptoHmac: the OpenSSL objects they share. Not an API.

#include "models/aws/cryptodigest.h"

#include <openssl/evp.h>

#include <memory>

namespace coffer::aws::cryptoevp {

struct MdDeleter
{
    void operator()(EVP_MD *md) const { EVP_MD_free(md); }
};
struct MdContextDeleter
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using MdContextPtr = std::unique_ptr<EVP_MD_CTX, MdContextDeleter>;

// Fetched once: an implicit fetch (EVP_sha256()) costs a provider lookup on every
// EVP_DigestInit_ex2, which dominates the time to hash a short string.
inline const EVP_MD *md(CryptoDigest::Algorithm algorithm)
{
    static const std::unique_ptr<EVP_MD, MdDeleter> sha256(EVP_MD_fetch(nullptr, "SHA2-256", nullptr));
    static const std::unique_ptr<EVP_MD, MdDeleter> sha384(EVP_MD_fetch(nullptr, "SHA2-384", nullptr));
    static const std::unique_ptr<EVP_MD, MdDeleter> sha512(EVP_MD_fetch(nullptr, "SHA2-512", nullptr));
    static const std::unique_ptr<EVP_MD, MdDeleter> sha1(EVP_MD_fetch(nullptr, "SHA1", nullptr));
    switch (algorithm) {
    case CryptoDigest::Algorithm::Sha256:
        return sha256.get();
    case CryptoDigest::Algorithm::Sha384:
        return sha384.get();
    case CryptoDigest::Algorithm::Sha512:
        return sha512.get();
    case CryptoDigest::Algorithm::Sha1:
        return sha1.get();
    }
    return sha256.get();
}

// One scratch context per thread, so one-shot hashing allocates nothing after the first call.
inline EVP_MD_CTX *scratchContext()
{
    thread_local const MdContextPtr context(EVP_MD_CTX_new());
    return context.get();
}

inline constexpr int MaxDigestSize = EVP_MAX_MD_SIZE;

} // namespace coffer::aws::cryptoevp
