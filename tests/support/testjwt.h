// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

namespace coffer::test {

/**
 * An identity provider's signing key, made fresh for one test: signs JWTs (RS256, with OpenSSL)
 * and publishes the JSON Web Key Set that verifies them, as an OIDC issuer's jwks_uri does.
 *
 *     TestJwtSigner issuer;
 *     const QByteArray token = issuer.sign(TestJwtSigner::claims(
 *         u"https://token.example"_s, u"sts.amazonaws.com"_s, u"repo:org/app"_s, 600));
 */
class TestJwtSigner
{
public:
    explicit TestJwtSigner(QString kid = QStringLiteral("test-key-1"));
    ~TestJwtSigner();
    TestJwtSigner(const TestJwtSigner &) = delete;
    TestJwtSigner &operator=(const TestJwtSigner &) = delete;

    [[nodiscard]] bool isValid() const;
    [[nodiscard]] QString kid() const { return m_kid; }
    /// `{"keys": [{"kty": "RSA", "kid": ..., "use": "sig", "alg": "RS256", "n": ..., "e": ...}]}`
    [[nodiscard]] QByteArray jwks() const;
    /// header.claims.signature, base64url, with header {"alg": "RS256", "typ": "JWT", "kid"}.
    [[nodiscard]] QByteArray sign(const QJsonObject &claims) const;
    /// The same with another header (a different "alg" or "kid"); still signed RS256.
    [[nodiscard]] QByteArray sign(const QJsonObject &claims, const QJsonObject &header) const;
    /// iss, aud, sub, iat = now, exp = now + `expiresInSeconds` (negative: already expired).
    [[nodiscard]] static QJsonObject claims(const QString &issuer, const QString &audience,
                                            const QString &subject, qint64 expiresInSeconds);

private:
    struct Key;
    QString m_kid;
    std::unique_ptr<Key> m_key;
};

} // namespace coffer::test
