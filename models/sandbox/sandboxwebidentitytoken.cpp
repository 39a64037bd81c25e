// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxwebidentitytoken.h"

#include "models/sandbox/sandboxstore.h"

#include <QByteArrayList>

#include <nlohmann/json.hpp>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

namespace {

using JwtJson = nlohmann::json;

template<typename T, void (*Free)(T *)> struct OpenSslDeleter
{
    void operator()(T *object) const { Free(object); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using PkeyContextPtr
    = std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using MdContextPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using BigNumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BIGNUM, BN_free>>;
using ParamBuilderPtr
    = std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, OpenSslDeleter<OSSL_PARAM, OSSL_PARAM_free>>;

aws::AwsError invalidToken(const QString &message)
{
    return SandboxStore::serviceError(u"InvalidIdentityToken"_s, message);
}

/// What STS says about a token it cannot check (bad signature, unknown key).
aws::AwsError notValidated()
{
    return invalidToken(u"The web identity token that was passed could not be validated by AWS. "
                        "Get a new identity token from the identity provider and then retry the "
                        "request."_s);
}

std::optional<QByteArray> base64Url(QByteArrayView text)
{
    auto decoded = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                  QByteArray::Base64UrlEncoding
                                                      | QByteArray::OmitTrailingEquals
                                                      | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return *decoded;
}

std::optional<JwtJson> jsonPart(QByteArrayView text)
{
    const auto bytes = base64Url(text);
    if (!bytes)
        return std::nullopt;
    JwtJson parsed = JwtJson::parse(bytes->toStdString(), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return std::nullopt;
    return parsed;
}

QString str(const JwtJson &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

BigNumPtr bigNumber(const JwtJson &value)
{
    const auto bytes = base64Url(str(value).toLatin1());
    if (!bytes || bytes->isEmpty())
        return nullptr;
    return BigNumPtr(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes->constData()),
                               int(bytes->size()), nullptr));
}

/// The RSA public key of a JWK (`kty` RSA, `n`, `e`).
PkeyPtr rsaKey(const JwtJson &jwk)
{
    if (str(jwk.value("kty", JwtJson())) != u"RSA")
        return nullptr;
    const BigNumPtr n = bigNumber(jwk.value("n", JwtJson()));
    const BigNumPtr e = bigNumber(jwk.value("e", JwtJson()));
    if (!n || !e)
        return nullptr;
    const ParamBuilderPtr builder(OSSL_PARAM_BLD_new());
    if (!builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return nullptr;
    const ParamsPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    const PkeyContextPtr context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    return PkeyPtr(key);
}

bool verifyRs256(EVP_PKEY *key, QByteArrayView signedPart, const QByteArray &signature)
{
    const MdContextPtr context(EVP_MD_CTX_new());
    if (!context
        || EVP_DigestVerifyInit_ex(context.get(), nullptr, "SHA2-256", nullptr, nullptr, key,
                                   nullptr)
            != 1)
        return false;
    return EVP_DigestVerify(
               context.get(), reinterpret_cast<const unsigned char *>(signature.constData()),
               size_t(signature.size()), reinterpret_cast<const unsigned char *>(signedPart.data()),
               size_t(signedPart.size()))
        == 1;
}

std::optional<qint64> numericDate(const JwtJson &claims, const char *name)
{
    if (!claims.contains(name))
        return std::nullopt;
    const JwtJson &value = claims[name];
    if (value.is_number_integer())
        return value.get<qint64>();
    if (value.is_number())
        return qint64(value.get<double>());
    return std::nullopt;
}

} // namespace

aws::Result<SandboxWebIdentityToken>
SandboxWebIdentityToken::verify(const QString &token, const QList<SandboxOidcProvider> &providers,
                                const QDateTime &now)
{
    const QByteArray text = token.trimmed().toLatin1();
    const QByteArrayList parts = text.split('.');
    const auto header = parts.size() == 3 ? jsonPart(parts.at(0)) : std::nullopt;
    const auto claims = parts.size() == 3 ? jsonPart(parts.at(1)) : std::nullopt;
    const auto signature = parts.size() == 3 ? base64Url(parts.at(2)) : std::nullopt;
    if (!header || !claims || !signature) {
        return std::unexpected(
            invalidToken(u"The ID Token provided is not a valid JWT. (You may see this error if "
                         "you sent an Access Token)"_s));
    }

    SandboxWebIdentityToken accepted;
    accepted.issuer = str(claims->value("iss", JwtJson()));
    for (qsizetype i = 0; i < providers.size(); ++i) {
        const QString issuer = providers.at(i).issuer;
        if (issuer == accepted.issuer
            || (issuer.endsWith(u'/') && issuer.chopped(1) == accepted.issuer))
            accepted.providerIndex = i;
    }
    if (accepted.providerIndex < 0) {
        return std::unexpected(invalidToken(
            u"No OpenIDConnect provider found in your account for %1"_s.arg(accepted.issuer)));
    }
    const SandboxOidcProvider &provider = providers.at(accepted.providerIndex);

    // Only RS256, as IAM requires of OIDC providers; "none" and HMAC are refused outright.
    if (str(header->value("alg", JwtJson())) != u"RS256")
        return std::unexpected(notValidated());
    const QString kid = str(header->value("kid", JwtJson()));
    const JwtJson jwks = JwtJson::parse(provider.jwks.toStdString(), nullptr, false);
    PkeyPtr key;
    if (jwks.is_object() && jwks.contains("keys") && jwks["keys"].is_array()) {
        for (const JwtJson &jwk : jwks["keys"]) {
            if (jwk.is_object() && str(jwk.value("kid", JwtJson())) == kid) {
                key = rsaKey(jwk);
                break;
            }
        }
    }
    const qsizetype signedLength = parts.at(0).size() + 1 + parts.at(1).size();
    if (!key || !verifyRs256(key.get(), QByteArrayView(text).first(signedLength), *signature))
        return std::unexpected(notValidated());

    const qint64 current = now.toSecsSinceEpoch();
    const auto expires = numericDate(*claims, "exp");
    if (!expires) {
        return std::unexpected(invalidToken(u"The web identity token has no expiration (exp)."_s));
    }
    if (*expires <= current) {
        return std::unexpected(SandboxStore::serviceError(
            u"ExpiredTokenException"_s,
            u"Token expired: current date/time %1 must be before the expiration date/time%2"_s
                .arg(current)
                .arg(*expires)));
    }
    if (const auto notBefore = numericDate(*claims, "nbf"); notBefore && *notBefore > current) {
        return std::unexpected(invalidToken(
            u"Token is not valid yet: current date/time %1 must be after the not-before "
            "date/time %2"_s.arg(current)
                .arg(*notBefore)));
    }

    QStringList audiences;
    const JwtJson aud = claims->value("aud", JwtJson());
    if (aud.is_string())
        audiences << str(aud);
    else if (aud.is_array())
        for (const JwtJson &entry : aud)
            audiences << str(entry);
    for (const QString &candidate : std::as_const(audiences)) {
        if (!candidate.isEmpty() && provider.audiences.contains(candidate)) {
            accepted.audience = candidate;
            break;
        }
    }
    if (accepted.audience.isEmpty())
        return std::unexpected(invalidToken(u"Incorrect token audience"_s));
    accepted.subject = str(claims->value("sub", JwtJson()));
    return accepted;
}

} // namespace coffer::sandbox
