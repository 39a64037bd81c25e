// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/content/keymaterial.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;

namespace coffer::content {

namespace {

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct PkeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct X509Deleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct DecoderDeleter
{
    void operator()(OSSL_DECODER_CTX *context) const { OSSL_DECODER_CTX_free(context); }
};
struct GeneralNamesDeleter
{
    void operator()(GENERAL_NAMES *names) const { GENERAL_NAMES_free(names); }
};
struct BnDeleter
{
    void operator()(BIGNUM *number) const { BN_free(number); }
};
struct ParamBuildDeleter
{
    void operator()(OSSL_PARAM_BLD *build) const { OSSL_PARAM_BLD_free(build); }
};
struct ParamDeleter
{
    void operator()(OSSL_PARAM *params) const { OSSL_PARAM_free(params); }
};
struct PkeyContextDeleter
{
    void operator()(EVP_PKEY_CTX *context) const { EVP_PKEY_CTX_free(context); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

// OpenSSL keeps a per-thread error queue; whatever a failed parse left there must not leak into
// the next TLS handshake's error report.
struct ErrorQueueGuard
{
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

// Never prompt on a terminal for a pass phrase: an encrypted key is reported, not opened.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

BioPtr memoryBio(QByteArrayView bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), int(bytes.size())));
}

QString bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QString::fromUtf8(data, qsizetype(size));
}

QByteArray publicDer(EVP_PKEY *key)
{
    unsigned char *buffer = nullptr;
    const int size = i2d_PUBKEY(key, &buffer);
    if (size <= 0)
        return {};
    QByteArray der(reinterpret_cast<const char *>(buffer), size);
    OPENSSL_free(buffer);
    return der;
}

KeyInfo keyInfo(EVP_PKEY *key, bool isPrivate)
{
    KeyInfo info;
    info.isPrivate = isPrivate;
    info.bits = EVP_PKEY_get_bits(key);
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        info.type = u"RSA"_s;
        break;
    case EVP_PKEY_RSA_PSS:
        info.type = u"RSA-PSS"_s;
        break;
    case EVP_PKEY_EC:
        info.type = u"EC"_s;
        break;
    case EVP_PKEY_ED25519:
        info.type = u"Ed25519"_s;
        break;
    case EVP_PKEY_ED448:
        info.type = u"Ed448"_s;
        break;
    case EVP_PKEY_X25519:
        info.type = u"X25519"_s;
        break;
    case EVP_PKEY_DSA:
        info.type = u"DSA"_s;
        break;
    case EVP_PKEY_DH:
        info.type = u"DH"_s;
        break;
    default:
        info.type = QString::fromLatin1(EVP_PKEY_get0_type_name(key));
        break;
    }
    if (info.type == u"EC") {
        char group[80] = {};
        size_t length = 0;
        if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) == 1)
            info.curve = QString::fromLatin1(group, qsizetype(length));
    }
    info.publicKeyDer = publicDer(key);
    return info;
}

QDateTime asn1Time(const ASN1_TIME *time)
{
    std::tm parts {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

QString nameText(const X509_NAME *name)
{
    const BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    return bioText(bio.get());
}

QString commonName(X509_NAME *name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QString asn1Text(const ASN1_STRING *string)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(string)),
                             ASN1_STRING_length(string));
}

QStringList subjectAltNames(X509 *certificate)
{
    QStringList names;
    const std::unique_ptr<GENERAL_NAMES, GeneralNamesDeleter> list(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)));
    if (!list)
        return names;
    for (int i = 0; i < sk_GENERAL_NAME_num(list.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(list.get(), i);
        switch (name->type) {
        case GEN_DNS:
            names.append(u"DNS:"_s + asn1Text(name->d.dNSName));
            break;
        case GEN_EMAIL:
            names.append(u"email:"_s + asn1Text(name->d.rfc822Name));
            break;
        case GEN_URI:
            names.append(u"URI:"_s + asn1Text(name->d.uniformResourceIdentifier));
            break;
        case GEN_IPADD: {
            const ASN1_OCTET_STRING *ip = name->d.iPAddress;
            const QByteArray bytes(reinterpret_cast<const char *>(ASN1_STRING_get0_data(ip)),
                                   ASN1_STRING_length(ip));
            QString text;
            if (bytes.size() == 4) {
                text = u"%1.%2.%3.%4"_s.arg(quint8(bytes[0]))
                           .arg(quint8(bytes[1]))
                           .arg(quint8(bytes[2]))
                           .arg(quint8(bytes[3]));
            } else {
                QStringList groups;
                for (qsizetype j = 0; j + 1 < bytes.size(); j += 2)
                    groups.append(
                        QString::number((quint8(bytes[j]) << 8) | quint8(bytes[j + 1]), 16));
                text = groups.join(u':');
            }
            names.append(u"IP:"_s + text);
            break;
        }
        default:
            break;
        }
    }
    return names;
}

struct Block
{
    QByteArray label;
    QByteArrayView text; ///< BEGIN line to END line, inclusive
    QByteArrayView body;
};

// The BEGIN ... END blocks of `text`; sets `problem` for a BEGIN without END or the reverse.
std::vector<Block> findBlocks(QByteArrayView text, PemProblem &problem)
{
    static constexpr QByteArrayView begin = "-----BEGIN ";
    static constexpr QByteArrayView end = "-----END ";
    std::vector<Block> blocks;
    qsizetype position = 0;
    const qsizetype firstBegin = text.indexOf(begin);
    const qsizetype firstEnd = text.indexOf(end);
    if (firstEnd >= 0 && (firstBegin < 0 || firstEnd < firstBegin)) {
        problem = PemProblem::MissingHeader;
        return blocks;
    }
    while (true) {
        const qsizetype start = text.indexOf(begin, position);
        if (start < 0)
            break;
        const qsizetype labelStart = start + begin.size();
        const qsizetype labelEnd = text.indexOf("-----", labelStart);
        if (labelEnd < 0) {
            problem = PemProblem::Corrupt;
            return blocks;
        }
        const QByteArray label = text.sliced(labelStart, labelEnd - labelStart).toByteArray();
        const QByteArray endLine = "-----END " + label + "-----";
        const qsizetype stop = text.indexOf(endLine, labelEnd + 5);
        const qsizetype nextBegin = text.indexOf(begin, labelEnd + 5);
        if (stop < 0 || (nextBegin >= 0 && nextBegin < stop)) {
            problem = PemProblem::MissingFooter;
            return blocks;
        }
        Block block;
        block.label = label;
        block.text = text.sliced(start, stop + endLine.size() - start);
        block.body = text.sliced(labelEnd + 5, stop - labelEnd - 5);
        blocks.push_back(block);
        position = stop + endLine.size();
    }
    return blocks;
}

// Why a block that has its BEGIN and END lines did not parse.
PemProblem causeOf(const Block &block)
{
    const QByteArrayView body = block.body;
    if (body.contains("\\n") || body.contains("\\r"))
        return PemProblem::NewlinesEscaped;
    const QByteArrayView trimmed = body.trimmed();
    if (!trimmed.contains('\n'))
        return trimmed.size() > 64 ? PemProblem::NewlinesLost : PemProblem::Corrupt;
    if (trimmed.contains("\n\n") || trimmed.contains("\r\n\r\n"))
        return PemProblem::NewlinesDoubled;
    if (trimmed.contains(' '))
        return PemProblem::NewlinesLost;
    return PemProblem::Corrupt;
}

/// A PEM key decoder made once per thread and kept: OpenSSL 3.0 spends ~0.5 ms building a
/// decoder context (it walks every provider's decoders), a decode with a built one ~20 µs.
/// A context writes each key it decodes into the slot it was made for.
class CachedDecoder
{
public:
    explicit CachedDecoder(int selection)
        : m_context(OSSL_DECODER_CTX_new_for_pkey(&m_slot, "PEM", nullptr, nullptr, selection,
                                                  nullptr, nullptr))
    {
        if (m_context)
            OSSL_DECODER_CTX_set_pem_password_cb(m_context.get(), refusePassphrase, nullptr);
    }

    PkeyPtr decode(QByteArrayView text)
    {
        const BioPtr bio = memoryBio(text);
        if (!m_context || !bio)
            return {};
        const bool decoded = OSSL_DECODER_from_bio(m_context.get(), bio.get()) == 1;
        PkeyPtr key(std::exchange(m_slot, nullptr));
        return decoded ? std::move(key) : PkeyPtr();
    }

private:
    EVP_PKEY *m_slot = nullptr;
    std::unique_ptr<OSSL_DECODER_CTX, DecoderDeleter> m_context;
};

PkeyPtr decodePublicKey(QByteArrayView text)
{
    thread_local CachedDecoder decoder(EVP_PKEY_PUBLIC_KEY);
    return decoder.decode(text);
}

/// An unencrypted private key, any of the PEM forms ("PRIVATE KEY", "RSA PRIVATE KEY", ...).
PkeyPtr decodePrivateKey(QByteArrayView text)
{
    thread_local CachedDecoder decoder(EVP_PKEY_KEYPAIR);
    return decoder.decode(text);
}

} // namespace

QString KeyInfo::shortDescription() const
{
    if (isEncrypted)
        return {};
    if (type == u"EC") {
        QString curveName = curve;
        if (curve == u"prime256v1")
            curveName = u"P-256"_s;
        else if (curve == u"secp384r1")
            curveName = u"P-384"_s;
        else if (curve == u"secp521r1")
            curveName = u"P-521"_s;
        return curveName.isEmpty() ? u"EC %1"_s.arg(bits) : u"EC "_s + curveName;
    }
    if (type == u"Ed25519" || type == u"Ed448" || type == u"X25519")
        return type;
    return u"%1 %2"_s.arg(type).arg(bits);
}

bool KeyMaterial::looksLikePem(QByteArrayView text)
{
    return text.contains("-----BEGIN ") || text.contains("-----END ");
}

bool KeyMaterial::looksLikeHeaderlessPem(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.size() < 120 || !trimmed.startsWith("MII"))
        return false;
    for (const char c : trimmed) {
        const bool base64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=' || c == '\n' || c == '\r';
        if (!base64)
            return false;
    }
    return true;
}

PemInspection KeyMaterial::inspect(QByteArrayView text)
{
    const ErrorQueueGuard clearErrors;
    PemInspection result;
    if (!looksLikePem(text)) {
        result.problem
            = looksLikeHeaderlessPem(text) ? PemProblem::HeaderlessBody : PemProblem::Corrupt;
        return result;
    }
    const std::vector<Block> blocks = findBlocks(text, result.problem);
    result.blockCount = int(blocks.size());
    if (result.problem != PemProblem::None)
        return result;
    if (blocks.empty()) {
        result.problem = PemProblem::Corrupt;
        return result;
    }
    std::vector<X509Ptr> certificates;
    for (const Block &block : blocks) {
        const BioPtr bio = memoryBio(block.text);
        if (!bio) {
            result.problem = PemProblem::Corrupt;
            return result;
        }
        const QByteArray &label = block.label;
        if (label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE"
            || label == "X509 CERTIFICATE") {
            X509Ptr certificate(
                label == "TRUSTED CERTIFICATE"
                    ? PEM_read_bio_X509_AUX(bio.get(), nullptr, refusePassphrase, nullptr)
                    : PEM_read_bio_X509(bio.get(), nullptr, refusePassphrase, nullptr));
            if (!certificate) {
                result.problem = causeOf(block);
                return result;
            }
            CertificateInfo info;
            info.subject = nameText(X509_get_subject_name(certificate.get()));
            info.commonName = commonName(X509_get_subject_name(certificate.get()));
            info.issuer = nameText(X509_get_issuer_name(certificate.get()));
            info.subjectAltNames = subjectAltNames(certificate.get());
            info.notBefore = asn1Time(X509_get0_notBefore(certificate.get()));
            info.notAfter = asn1Time(X509_get0_notAfter(certificate.get()));
            if (EVP_PKEY *key = X509_get0_pubkey(certificate.get()))
                info.key = keyInfo(key, false);
            result.certificates.append(info);
            certificates.push_back(std::move(certificate));
        } else if (label == "ENCRYPTED PRIVATE KEY"
                   || block.body.contains("Proc-Type: 4,ENCRYPTED")) {
            KeyInfo info;
            info.isPrivate = true;
            info.isEncrypted = true;
            result.keys.append(info);
        } else if (label.endsWith("PRIVATE KEY")) {
            const PkeyPtr key = decodePrivateKey(block.text);
            if (!key) {
                result.problem = causeOf(block);
                return result;
            }
            result.keys.append(keyInfo(key.get(), true));
        } else if (label.endsWith("PUBLIC KEY")) {
            const PkeyPtr key = decodePublicKey(block.text);
            if (!key) {
                result.problem = causeOf(block);
                return result;
            }
            result.keys.append(keyInfo(key.get(), false));
        } else {
            // Parameters, CSRs and other PEM kinds: readable text, nothing we inspect.
            continue;
        }
    }
    // A chain is leaf first: each certificate is issued by the one after it.
    for (size_t i = 0; i + 1 < certificates.size(); ++i) {
        if (X509_check_issued(certificates[i + 1].get(), certificates[i].get()) != X509_V_OK) {
            result.chainOutOfOrder = true;
            break;
        }
    }
    return result;
}

int KeyMaterial::bitLength(const QByteArray &bigEndian)
{
    qsizetype first = 0;
    while (first < bigEndian.size() && bigEndian[first] == 0)
        ++first;
    if (first == bigEndian.size())
        return 0;
    int bits = int(bigEndian.size() - first - 1) * 8;
    for (quint8 top = quint8(bigEndian[first]); top; top >>= 1)
        ++bits;
    return bits;
}

QByteArray KeyMaterial::rsaPublicKeyDer(const QByteArray &modulus, const QByteArray &exponent)
{
    const ErrorQueueGuard clearErrors;
    const auto decode = [](const QByteArray &text) {
        return QByteArray::fromBase64(
            text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray n = decode(modulus);
    const QByteArray e = decode(exponent);
    if (n.isEmpty() || e.isEmpty())
        return {};
    const std::unique_ptr<BIGNUM, BnDeleter> bigN(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(n.constData()), int(n.size()), nullptr));
    const std::unique_ptr<BIGNUM, BnDeleter> bigE(
        BN_bin2bn(reinterpret_cast<const unsigned char *>(e.constData()), int(e.size()), nullptr));
    const std::unique_ptr<OSSL_PARAM_BLD, ParamBuildDeleter> build(OSSL_PARAM_BLD_new());
    if (!bigN || !bigE || !build
        || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bigN.get()) != 1
        || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, bigE.get()) != 1)
        return {};
    const std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(build.get()));
    const std::unique_ptr<EVP_PKEY_CTX, PkeyContextDeleter> context(
        EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1
        || EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return {};
    const PkeyPtr owned(key);
    return publicDer(owned.get());
}

} // namespace coffer::content
