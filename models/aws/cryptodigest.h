// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <array>
#include <cstddef>
#include <memory>

namespace coffer::aws {

/**
 * Message digests and HMACs through OpenSSL 3's EVP interface, plus the small primitives that go
 * with them (hex encoding, constant-time comparison, random bytes).
 *
 * Use the static one-shot functions (`hash()`, `hmac()`, or the allocation-free `sha256()` and
 * `hmacSha256()` on hot paths), or an instance to hash data that arrives in pieces:
 *
 *     CryptoDigest digest(CryptoDigest::Algorithm::Sha256);
 *     digest.addData(head);
 *     digest.addData(body);
 *     const QByteArray hash = digest.result();
 *
 * Nothing here is specific to SigV4. Algorithms are fetched from OpenSSL once per process and
 * shared; every function is safe to call from several threads at once (an instance is not).
 * For many HMACs under one key, see CryptoHmac.
 */
class CryptoDigest
{
public:
    /// Sha1 is only for protocols that fix it (RFC 6238 TOTP codes); never for new designs.
    enum class Algorithm { Sha256, Sha384, Sha512, Sha1 };

    static constexpr std::size_t Sha256Size = 32;
    using Sha256Digest = std::array<unsigned char, Sha256Size>;

    explicit CryptoDigest(Algorithm algorithm = Algorithm::Sha256);
    ~CryptoDigest();
    CryptoDigest(const CryptoDigest &) = delete;
    CryptoDigest &operator=(const CryptoDigest &) = delete;

    void addData(QByteArrayView data);
    /// The digest of everything added since construction or the last result(); starts over.
    [[nodiscard]] QByteArray result();

    [[nodiscard]] static qsizetype digestSize(Algorithm algorithm);
    /// The block size HMAC pads keys to (64 for SHA-1 and SHA-256, 128 for SHA-384/512).
    [[nodiscard]] static qsizetype blockSize(Algorithm algorithm);

    [[nodiscard]] static QByteArray hash(Algorithm algorithm, QByteArrayView data);
    [[nodiscard]] static QByteArray hmac(Algorithm algorithm, QByteArrayView key, QByteArrayView data);

    [[nodiscard]] static Sha256Digest sha256(QByteArrayView data);
    [[nodiscard]] static Sha256Digest hmacSha256(QByteArrayView key, QByteArrayView data);

    /// Appends the lowercase hex form of `data` to `out`.
    static void appendHex(QByteArray &out, QByteArrayView data);
    [[nodiscard]] static QByteArray toHex(QByteArrayView data);
    template<std::size_t N>
    [[nodiscard]] static QByteArray toHex(const std::array<unsigned char, N> &data)
    {
        return toHex(QByteArrayView(data.data(), qsizetype(N)));
    }

    /// Compares in time that depends only on the lengths (CRYPTO_memcmp), for MACs and tokens.
    [[nodiscard]] static bool constantTimeEquals(QByteArrayView a, QByteArrayView b);

    /// `size` bytes from OpenSSL's CSPRNG (RAND_bytes); empty if the generator fails.
    [[nodiscard]] static QByteArray randomBytes(qsizetype size);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace coffer::aws
