// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxcipher.h"

#include "models/aws/cryptodigest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>

namespace coffer::sandbox {

namespace {

struct CipherDeleter
{
    void operator()(EVP_CIPHER *cipher) const { EVP_CIPHER_free(cipher); }
};
struct ContextDeleter
{
    void operator()(EVP_CIPHER_CTX *context) const { EVP_CIPHER_CTX_free(context); }
};
using ContextPtr = std::unique_ptr<EVP_CIPHER_CTX, ContextDeleter>;

const EVP_CIPHER *aes256gcm()
{
    static const std::unique_ptr<EVP_CIPHER, CipherDeleter> cipher(EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr));
    return cipher.get();
}

const unsigned char *bytes(QByteArrayView data)
{
    return reinterpret_cast<const unsigned char *>(data.data());
}

} // namespace

SandboxCipher::SandboxCipher(QByteArray key)
    : m_key(std::move(key))
{
}

SandboxCipher::~SandboxCipher()
{
    // Only wipe a buffer this copy owns alone; a shared one is still in use elsewhere.
    if (!m_key.isEmpty() && !m_key.isDetached())
        return;
    if (!m_key.isEmpty())
        OPENSSL_cleanse(m_key.data(), size_t(m_key.size()));
}

QByteArray SandboxCipher::generateKey()
{
    return aws::CryptoDigest::randomBytes(KeySize);
}

std::optional<QByteArray> SandboxCipher::seal(QByteArrayView plaintext, QByteArrayView associatedData) const
{
    if (!isValid() || !aes256gcm())
        return std::nullopt;
    const QByteArray nonce = aws::CryptoDigest::randomBytes(NonceSize);
    if (nonce.size() != NonceSize)
        return std::nullopt;
    const ContextPtr context(EVP_CIPHER_CTX_new());
    if (!context || EVP_EncryptInit_ex2(context.get(), aes256gcm(), bytes(m_key), bytes(nonce), nullptr) != 1)
        return std::nullopt;
    QByteArray out(NonceSize + plaintext.size() + TagSize, Qt::Uninitialized);
    std::copy(nonce.cbegin(), nonce.cend(), out.begin());
    auto *cipherText = reinterpret_cast<unsigned char *>(out.data()) + NonceSize;
    int length = 0;
    if (!associatedData.isEmpty()
        && EVP_EncryptUpdate(context.get(), nullptr, &length, bytes(associatedData), int(associatedData.size())) != 1)
        return std::nullopt;
    if (!plaintext.isEmpty()
        && EVP_EncryptUpdate(context.get(), cipherText, &length, bytes(plaintext), int(plaintext.size())) != 1)
        return std::nullopt;
    int finalLength = 0;
    if (EVP_EncryptFinal_ex(context.get(), cipherText + plaintext.size(), &finalLength) != 1)
        return std::nullopt;
    if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, int(TagSize), cipherText + plaintext.size()) != 1)
        return std::nullopt;
    return out;
}

std::optional<QByteArray> SandboxCipher::open(QByteArrayView sealed, QByteArrayView associatedData) const
{
    if (!isValid() || !aes256gcm() || sealed.size() < NonceSize + TagSize)
        return std::nullopt;
    const qsizetype textSize = sealed.size() - NonceSize - TagSize;
    const ContextPtr context(EVP_CIPHER_CTX_new());
    if (!context || EVP_DecryptInit_ex2(context.get(), aes256gcm(), bytes(m_key), bytes(sealed), nullptr) != 1)
        return std::nullopt;
    QByteArray plaintext(textSize, Qt::Uninitialized);
    int length = 0;
    if (!associatedData.isEmpty()
        && EVP_DecryptUpdate(context.get(), nullptr, &length, bytes(associatedData), int(associatedData.size())) != 1)
        return std::nullopt;
    if (textSize > 0
        && EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char *>(plaintext.data()), &length,
                             bytes(sealed) + NonceSize, int(textSize)) != 1)
        return std::nullopt;
    QByteArray tag = sealed.sliced(NonceSize + textSize).toByteArray();
    if (EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, int(TagSize), tag.data()) != 1)
        return std::nullopt;
    int finalLength = 0;
    if (EVP_DecryptFinal_ex(context.get(), reinterpret_cast<unsigned char *>(plaintext.data()) + textSize,
                            &finalLength) != 1) {
        OPENSSL_cleanse(plaintext.data(), size_t(plaintext.size()));
        return std::nullopt;
    }
    return plaintext;
}

} // namespace coffer::sandbox
