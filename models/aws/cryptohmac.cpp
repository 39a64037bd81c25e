// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/cryptohmac.h"

#include "models/aws/cryptoevp_p.h"

#include <openssl/crypto.h>

#include <cstring>

namespace coffer::aws {

struct CryptoHmac::State
{
    CryptoDigest::Algorithm algorithm;
    cryptoevp::MdContextPtr inner;   // digest state after absorbing key ^ ipad
    cryptoevp::MdContextPtr outer;   // digest state after absorbing key ^ opad
};

CryptoHmac::CryptoHmac(QByteArrayView key, CryptoDigest::Algorithm algorithm)
{
    const auto block = size_t(CryptoDigest::blockSize(algorithm));
    unsigned char keyBlock[128] = {};
    if (size_t(key.size()) > block) {
        const QByteArray hashed = CryptoDigest::hash(algorithm, key);
        memcpy(keyBlock, hashed.constData(), size_t(hashed.size()));
    } else if (!key.isEmpty()) {
        memcpy(keyBlock, key.data(), size_t(key.size()));
    }

    auto state = std::make_shared<State>(State{algorithm, cryptoevp::MdContextPtr(EVP_MD_CTX_new()),
                                               cryptoevp::MdContextPtr(EVP_MD_CTX_new())});
    const EVP_MD *md = cryptoevp::md(algorithm);
    unsigned char pad[128];
    for (size_t i = 0; i < block; ++i)
        pad[i] = keyBlock[i] ^ 0x36;
    bool ok = EVP_DigestInit_ex2(state->inner.get(), md, nullptr) == 1
            && EVP_DigestUpdate(state->inner.get(), pad, block) == 1;
    for (size_t i = 0; i < block; ++i)
        pad[i] = keyBlock[i] ^ 0x5c;
    ok = ok && EVP_DigestInit_ex2(state->outer.get(), md, nullptr) == 1
            && EVP_DigestUpdate(state->outer.get(), pad, block) == 1;
    OPENSSL_cleanse(keyBlock, sizeof keyBlock);
    OPENSSL_cleanse(pad, sizeof pad);
    Q_ASSERT(ok);
    if (ok)
        m_state = std::move(state);
}

CryptoDigest::Algorithm CryptoHmac::algorithm() const
{
    return m_state ? m_state->algorithm : CryptoDigest::Algorithm::Sha256;
}

unsigned int CryptoHmac::macInto(QByteArrayView message, unsigned char *out) const
{
    if (!m_state)
        return 0;
    // Copying a prepared context reads it only, which is what makes a shared key thread-safe.
    EVP_MD_CTX *work = cryptoevp::scratchContext();
    unsigned char inner[cryptoevp::MaxDigestSize];
    unsigned int innerLength = 0;
    unsigned int length = 0;
    const bool ok = EVP_MD_CTX_copy_ex(work, m_state->inner.get()) == 1
            && EVP_DigestUpdate(work, message.data(), size_t(message.size())) == 1
            && EVP_DigestFinal_ex(work, inner, &innerLength) == 1
            && EVP_MD_CTX_copy_ex(work, m_state->outer.get()) == 1
            && EVP_DigestUpdate(work, inner, innerLength) == 1
            && EVP_DigestFinal_ex(work, out, &length) == 1;
    Q_ASSERT(ok);
    return ok ? length : 0;
}

QByteArray CryptoHmac::mac(QByteArrayView message) const
{
    unsigned char out[cryptoevp::MaxDigestSize];
    const unsigned int length = macInto(message, out);
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(length));
}

CryptoDigest::Sha256Digest CryptoHmac::macSha256(QByteArrayView message) const
{
    CryptoDigest::Sha256Digest out{};
    if (algorithm() == CryptoDigest::Algorithm::Sha256)
        macInto(message, out.data());
    return out;
}

} // namespace coffer::aws
