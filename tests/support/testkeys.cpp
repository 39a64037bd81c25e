// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/testkeys.h"

#include <QByteArray>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace coffer::test {

namespace {

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Deleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct BnDeleter
{
    void operator()(BIGNUM *n) const { BN_free(n); }
};

std::string bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, size_t(size));
}

std::string bigNumber(const EVP_PKEY *key, const char *name)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const std::unique_ptr<BIGNUM, BnDeleter> number(raw);
    QByteArray bytes(BN_num_bytes(number.get()), Qt::Uninitialized);
    BN_bn2bin(number.get(), reinterpret_cast<unsigned char *>(bytes.data()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

} // namespace

TestKey rsaKey(unsigned bits)
{
    TestKey result;
    result.key.reset(EVP_RSA_gen(bits));
    if (!result.key)
        return result;
    const std::unique_ptr<BIO, BioDeleter> privateBio(BIO_new(BIO_s_mem()));
    const std::unique_ptr<BIO, BioDeleter> publicBio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(privateBio.get(), result.key.get(), nullptr, nullptr, 0, nullptr,
                             nullptr);
    PEM_write_bio_PUBKEY(publicBio.get(), result.key.get());
    result.privatePem = bioText(privateBio.get());
    result.publicPem = bioText(publicBio.get());
    result.n = bigNumber(result.key.get(), OSSL_PKEY_PARAM_RSA_N);
    result.e = bigNumber(result.key.get(), OSSL_PKEY_PARAM_RSA_E);
    return result;
}

std::string testCertificate(EVP_PKEY *subjectKey, const char *commonName, EVP_PKEY *issuerKey,
                            const char *issuerName, long fromDays, long toDays)
{
    const std::unique_ptr<X509, X509Deleter> cert(X509_new());
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 42);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), fromDays * 86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), toDays * 86400);
    X509_set_pubkey(cert.get(), subjectKey);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert.get()), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509_NAME_add_entry_by_txt(X509_get_issuer_name(cert.get()), "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(issuerName), -1, -1, 0);
    X509_sign(cert.get(), issuerKey, EVP_sha256());
    const std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), cert.get());
    return bioText(bio.get());
}

} // namespace coffer::test
