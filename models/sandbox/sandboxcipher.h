// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace coffer::sandbox {

/**
 * AES-256-GCM through OpenSSL's EVP interface, for the sandbox's secret values at rest.
 *
 *     const SandboxCipher cipher(key);                       // 32 bytes
 *     const QByteArray sealed = *cipher.seal(value, aad);    // nonce || ciphertext || tag
 *     const std::optional<QByteArray> value = cipher.open(sealed, aad);  // nullopt: tampered
 *
 * Every seal() draws a fresh random 96-bit nonce. The associated data (not encrypted, but
 * authenticated) binds a value to where it belongs (the secret's ARN and version id), so values
 * cannot be swapped between versions in the file. The key is wiped from memory on destruction.
 */
class SandboxCipher
{
public:
    static constexpr qsizetype KeySize = 32;
    static constexpr qsizetype NonceSize = 12;
    static constexpr qsizetype TagSize = 16;

    explicit SandboxCipher(QByteArray key);
    ~SandboxCipher();
    SandboxCipher(const SandboxCipher &other) = default;
    SandboxCipher &operator=(const SandboxCipher &other) = default;

    [[nodiscard]] bool isValid() const { return m_key.size() == KeySize; }

    /// nonce || ciphertext || tag; nullopt when the key is invalid or OpenSSL fails.
    [[nodiscard]] std::optional<QByteArray> seal(QByteArrayView plaintext, QByteArrayView associatedData) const;
    /// The plaintext, or nullopt when the data was altered, the key is wrong or `sealed` is short.
    [[nodiscard]] std::optional<QByteArray> open(QByteArrayView sealed, QByteArrayView associatedData) const;

    /// A new random key from OpenSSL's CSPRNG.
    [[nodiscard]] static QByteArray generateKey();

private:
    QByteArray m_key;
};

} // namespace coffer::sandbox
