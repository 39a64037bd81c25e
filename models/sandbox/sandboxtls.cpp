// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxtls.h"

#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox::SandboxTls", text);
}

struct OpenSslDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
    void operator()(X509 *certificate) const { X509_free(certificate); }
    void operator()(X509_EXTENSION *extension) const { X509_EXTENSION_free(extension); }
    void operator()(BIO *bio) const { BIO_free(bio); }
    void operator()(BIGNUM *number) const { BN_free(number); }
};

template<typename T> using OpenSslPtr = std::unique_ptr<T, OpenSslDeleter>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    OpenSslPtr<X509_EXTENSION> extension(
        X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

} // namespace

QSslConfiguration SandboxTls::serverConfiguration() const
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(privateKey);
    if (!chain.isEmpty())
        configuration.setLocalCertificateChain(QList<QSslCertificate> { certificate } + chain);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    return configuration;
}

std::expected<SandboxTls, QString>
SandboxTls::generateSelfSigned(const QString &hostName, QDateTime notBefore, QDateTime notAfter)
{
    const auto failed = [] {
        return std::unexpected(translated(QT_TRANSLATE_NOOP(
            "coffer::sandbox::SandboxTls", "Could not generate a self-signed certificate.")));
    };
    if (hostName.isEmpty() || !notBefore.isValid() || !notAfter.isValid())
        return failed();

    OpenSslPtr<EVP_PKEY> key(EVP_EC_gen("P-256"));
    OpenSslPtr<X509> certificate(X509_new());
    if (!key || !certificate)
        return failed();

    unsigned char serialBytes[16];
    if (RAND_bytes(serialBytes, sizeof serialBytes) != 1)
        return failed();
    serialBytes[0] &= 0x7f; // a positive serial number
    OpenSslPtr<BIGNUM> serial(BN_bin2bn(serialBytes, int(sizeof serialBytes), nullptr));
    if (!serial || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return failed();

    X509_set_version(certificate.get(), 2); // v3
    if (!ASN1_TIME_set(X509_getm_notBefore(certificate.get()), time_t(notBefore.toSecsSinceEpoch()))
        || !ASN1_TIME_set(X509_getm_notAfter(certificate.get()),
                          time_t(notAfter.toSecsSinceEpoch())))
        return failed();
    if (X509_set_pubkey(certificate.get(), key.get()) != 1)
        return failed();

    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray commonName = hostName.toUtf8().left(64);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Coffer sandbox"), -1, -1,
                               0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1,
                               -1, 0);
    if (X509_set_issuer_name(certificate.get(), name) != 1)
        return failed();

    const bool isAddress = !QHostAddress(hostName).isNull();
    QByteArray alternativeNames = isAddress ? QByteArray("IP:" + hostName.toLatin1())
                                            : QByteArray("DNS:" + hostName.toUtf8());
    if (hostName != u"127.0.0.1")
        alternativeNames += ",IP:127.0.0.1";
    if (!addExtension(certificate.get(), NID_basic_constraints, "critical,CA:TRUE")
        || !addExtension(certificate.get(), NID_key_usage, "critical,digitalSignature,keyCertSign")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
        || !addExtension(certificate.get(), NID_subject_key_identifier, "hash")
        || !addExtension(certificate.get(), NID_subject_alt_name, alternativeNames))
        return failed();
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) <= 0)
        return failed();

    OpenSslPtr<BIO> certificateBio(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO> keyBio(BIO_new(BIO_s_mem()));
    if (!certificateBio || !keyBio
        || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return failed();
    return fromPem(bioContents(certificateBio.get()), bioContents(keyBio.get()));
}

std::expected<SandboxTls, QString> SandboxTls::fromPem(const QByteArray &certificatesPem,
                                                       const QByteArray &privateKeyPem)
{
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromData(certificatesPem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull()) {
        return std::unexpected(translated(QT_TRANSLATE_NOOP(
            "coffer::sandbox::SandboxTls", "The certificate file holds no PEM certificate.")));
    }
    SandboxTls tls;
    tls.certificate = certificates.first();
    tls.chain = certificates.mid(1);
    for (const QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa }) {
        QSslKey key(privateKeyPem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull()) {
            tls.privateKey = key;
            break;
        }
    }
    if (tls.privateKey.isNull()) {
        return std::unexpected(translated(
            QT_TRANSLATE_NOOP("coffer::sandbox::SandboxTls",
                              "The key file holds no unencrypted PEM private key (RSA or EC).")));
    }
    return tls;
}

std::expected<SandboxTls, QString> SandboxTls::fromPemFiles(const QString &certificateFile,
                                                            const QString &privateKeyFile)
{
    QFile certificate(certificateFile);
    if (!certificate.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxTls", "Cannot read %1: %2"))
                .arg(certificateFile, certificate.errorString()));
    }
    QFile key(privateKeyFile);
    if (!key.open(QIODevice::ReadOnly)) {
        return std::unexpected(
            translated(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxTls", "Cannot read %1: %2"))
                .arg(privateKeyFile, key.errorString()));
    }
    return fromPem(certificate.readAll(), key.readAll());
}

} // namespace coffer::sandbox
