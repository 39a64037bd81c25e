// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/testjwt.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace Qt::StringLiterals;

namespace coffer::test {

struct TestJwtSigner::Key
{
    EVP_PKEY *pkey = nullptr;
    ~Key() { EVP_PKEY_free(pkey); }
};

namespace {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray bigNumber(EVP_PKEY *key, const char *name)
{
    BIGNUM *number = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &number) != 1)
        return {};
    QByteArray bytes(BN_num_bytes(number), Qt::Uninitialized);
    BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
    BN_free(number);
    return base64Url(bytes);
}

} // namespace

TestJwtSigner::TestJwtSigner(QString kid)
    : m_kid(std::move(kid))
    , m_key(std::make_unique<Key>())
{
    m_key->pkey = EVP_RSA_gen(2048);
}

TestJwtSigner::~TestJwtSigner() = default;

bool TestJwtSigner::isValid() const
{
    return m_key->pkey != nullptr;
}

QByteArray TestJwtSigner::jwks() const
{
    QJsonObject key {
        { u"kty"_s, u"RSA"_s },
        { u"kid"_s, m_kid },
        { u"use"_s, u"sig"_s },
        { u"alg"_s, u"RS256"_s },
        { u"n"_s, QString::fromLatin1(bigNumber(m_key->pkey, OSSL_PKEY_PARAM_RSA_N)) },
        { u"e"_s, QString::fromLatin1(bigNumber(m_key->pkey, OSSL_PKEY_PARAM_RSA_E)) }
    };
    return QJsonDocument(QJsonObject { { u"keys"_s, QJsonArray { key } } })
        .toJson(QJsonDocument::Compact);
}

QByteArray TestJwtSigner::sign(const QJsonObject &claims) const
{
    return sign(
        claims,
        QJsonObject { { u"alg"_s, u"RS256"_s }, { u"typ"_s, u"JWT"_s }, { u"kid"_s, m_kid } });
}

QByteArray TestJwtSigner::sign(const QJsonObject &claims, const QJsonObject &header) const
{
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact))
        + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    QByteArray signature;
    size_t length = 0;
    if (context
        && EVP_DigestSignInit_ex(context, nullptr, "SHA2-256", nullptr, nullptr, m_key->pkey,
                                 nullptr)
            == 1
        && EVP_DigestSign(context, nullptr, &length,
                          reinterpret_cast<const unsigned char *>(signingInput.constData()),
                          size_t(signingInput.size()))
            == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                           reinterpret_cast<const unsigned char *>(signingInput.constData()),
                           size_t(signingInput.size()))
            != 1)
            signature.clear();
        signature.resize(qsizetype(length));
    }
    EVP_MD_CTX_free(context);
    return signingInput + '.' + base64Url(signature);
}

QJsonObject TestJwtSigner::claims(const QString &issuer, const QString &audience,
                                  const QString &subject, qint64 expiresInSeconds)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return { { u"iss"_s, issuer },
             { u"aud"_s, audience },
             { u"sub"_s, subject },
             { u"iat"_s, now },
             { u"exp"_s, now + expiresInSeconds } };
}

} // namespace coffer::test
