// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/cryptodigest.h"

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace coffer::aws {

/**
 * An HMAC key prepared once for many messages: the inner and outer padded key blocks are
 * absorbed at construction, so each mac() costs only the message and one final block.
 *
 *     const CryptoHmac key(signingKey);
 *     const auto tag = key.macSha256(message);
 *
 * A value type: copies share the prepared state, which is never modified after construction,
 * so one key may be used from several threads at once. The raw key is not kept.
 */
class CryptoHmac
{
public:
    /// A null key; mac() on it returns an empty result.
    CryptoHmac() = default;
    explicit CryptoHmac(QByteArrayView key,
                        CryptoDigest::Algorithm algorithm = CryptoDigest::Algorithm::Sha256);

    [[nodiscard]] bool isNull() const { return !m_state; }
    [[nodiscard]] CryptoDigest::Algorithm algorithm() const;

    [[nodiscard]] QByteArray mac(QByteArrayView message) const;
    /// The allocation-free form for SHA-256 keys (a zero digest on a key of another algorithm).
    [[nodiscard]] CryptoDigest::Sha256Digest macSha256(QByteArrayView message) const;

private:
    struct State;
    unsigned int macInto(QByteArrayView message, unsigned char *out) const;

    std::shared_ptr<const State> m_state;
};

} // namespace coffer::aws
