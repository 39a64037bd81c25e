// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/cryptodigest.h"

#include "models/aws/cryptoevp_p.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>

namespace coffer::aws {

struct CryptoDigest::Private
{
    Algorithm algorithm;
    cryptoevp::MdContextPtr context;
};

namespace {

// Hashes `data` with the calling thread's scratch context; returns the digest length.
unsigned int hashInto(CryptoDigest::Algorithm algorithm, QByteArrayView data, unsigned char *out)
{
    EVP_MD_CTX *context = cryptoevp::scratchContext();
    unsigned int length = 0;
    const bool ok = EVP_DigestInit_ex2(context, cryptoevp::md(algorithm), nullptr) == 1
            && EVP_DigestUpdate(context, data.data(), size_t(data.size())) == 1
            && EVP_DigestFinal_ex(context, out, &length) == 1;
    Q_ASSERT(ok);
    return ok ? length : 0;
}

// RFC 2104 over the EVP digest, so one-shot HMACs reuse the fetched digest and the scratch
// context instead of fetching an HMAC implementation on every call.
unsigned int hmacInto(CryptoDigest::Algorithm algorithm, QByteArrayView key, QByteArrayView data,
                      unsigned char *out)
{
    const auto block = size_t(CryptoDigest::blockSize(algorithm));
    unsigned char keyBlock[128] = {};
    if (size_t(key.size()) > block)
        hashInto(algorithm, key, keyBlock);
    else if (!key.isEmpty())
        memcpy(keyBlock, key.data(), size_t(key.size()));

    unsigned char pad[128];
    for (size_t i = 0; i < block; ++i)
        pad[i] = keyBlock[i] ^ 0x36;

    EVP_MD_CTX *context = cryptoevp::scratchContext();
    const EVP_MD *md = cryptoevp::md(algorithm);
    unsigned char inner[cryptoevp::MaxDigestSize];
    unsigned int innerLength = 0;
    unsigned int length = 0;
    bool ok = EVP_DigestInit_ex2(context, md, nullptr) == 1
            && EVP_DigestUpdate(context, pad, block) == 1
            && EVP_DigestUpdate(context, data.data(), size_t(data.size())) == 1
            && EVP_DigestFinal_ex(context, inner, &innerLength) == 1;
    for (size_t i = 0; i < block; ++i)
        pad[i] = keyBlock[i] ^ 0x5c;
    ok = ok && EVP_DigestInit_ex2(context, md, nullptr) == 1
            && EVP_DigestUpdate(context, pad, block) == 1
            && EVP_DigestUpdate(context, inner, innerLength) == 1
            && EVP_DigestFinal_ex(context, out, &length) == 1;
    OPENSSL_cleanse(keyBlock, sizeof keyBlock);
    OPENSSL_cleanse(pad, sizeof pad);
    Q_ASSERT(ok);
    return ok ? length : 0;
}

} // namespace

CryptoDigest::CryptoDigest(Algorithm algorithm)
    : d(new Private{algorithm, cryptoevp::MdContextPtr(EVP_MD_CTX_new())})
{
    EVP_DigestInit_ex2(d->context.get(), cryptoevp::md(algorithm), nullptr);
}

CryptoDigest::~CryptoDigest() = default;

void CryptoDigest::addData(QByteArrayView data)
{
    EVP_DigestUpdate(d->context.get(), data.data(), size_t(data.size()));
}

QByteArray CryptoDigest::result()
{
    unsigned char out[cryptoevp::MaxDigestSize];
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(d->context.get(), out, &length) != 1)
        length = 0;
    EVP_DigestInit_ex2(d->context.get(), cryptoevp::md(d->algorithm), nullptr);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

qsizetype CryptoDigest::digestSize(Algorithm algorithm)
{
    switch (algorithm) {
    case Algorithm::Sha256:
        return 32;
    case Algorithm::Sha384:
        return 48;
    case Algorithm::Sha512:
        return 64;
    case Algorithm::Sha1:
        return 20;
    }
    return 0;
}

qsizetype CryptoDigest::blockSize(Algorithm algorithm)
{
    return algorithm == Algorithm::Sha256 || algorithm == Algorithm::Sha1 ? 64 : 128;
}

QByteArray CryptoDigest::hash(Algorithm algorithm, QByteArrayView data)
{
    unsigned char out[cryptoevp::MaxDigestSize];
    const unsigned int length = hashInto(algorithm, data, out);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

QByteArray CryptoDigest::hmac(Algorithm algorithm, QByteArrayView key, QByteArrayView data)
{
    unsigned char out[cryptoevp::MaxDigestSize];
    const unsigned int length = hmacInto(algorithm, key, data, out);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

CryptoDigest::Sha256Digest CryptoDigest::sha256(QByteArrayView data)
{
    Sha256Digest out{};
    hashInto(Algorithm::Sha256, data, out.data());
    return out;
}

CryptoDigest::Sha256Digest CryptoDigest::hmacSha256(QByteArrayView key, QByteArrayView data)
{
    Sha256Digest out{};
    hmacInto(Algorithm::Sha256, key, data, out.data());
    return out;
}

void CryptoDigest::appendHex(QByteArray &out, QByteArrayView data)
{
    static constexpr char digits[] = "0123456789abcdef";
    const qsizetype start = out.size();
    out.resize(start + 2 * data.size());
    char *p = out.data() + start;
    for (const char c : data) {
        const auto byte = static_cast<unsigned char>(c);
        *p++ = digits[byte >> 4];
        *p++ = digits[byte & 0x0f];
    }
}

QByteArray CryptoDigest::toHex(QByteArrayView data)
{
    QByteArray out;
    appendHex(out, data);
    return out;
}

bool CryptoDigest::constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

QByteArray CryptoDigest::randomBytes(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    if (size > 0 && RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), int(size)) != 1)
        return {};
    return out;
}

} // namespace coffer::aws
