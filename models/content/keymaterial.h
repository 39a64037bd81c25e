// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace coffer::content {

/// One key read from PEM (or from a certificate): what it is, never its material.
struct KeyInfo
{
    QString type; ///< "RSA", "RSA-PSS", "EC", "Ed25519", "Ed448", "DSA", ...
    int bits = 0;
    QString curve; ///< EC group ("prime256v1"), empty otherwise
    bool isPrivate = false;
    bool isEncrypted = false; ///< an encrypted private key: type and size unknown
    QByteArray publicKeyDer; ///< SubjectPublicKeyInfo, to tell whether two keys form a pair

    /// "RSA 2048", "EC P-256", "Ed25519".
    [[nodiscard]] QString shortDescription() const;
};

/// One X.509 certificate read from PEM.
struct CertificateInfo
{
    QString subject; ///< RFC 2253 ("CN=api.example,O=Example")
    QString commonName; ///< the subject's CN, empty when none
    QString issuer;
    QStringList subjectAltNames; ///< "DNS:api.example", "IP:203.0.113.7", ...
    QDateTime notBefore;
    QDateTime notAfter;
    KeyInfo key;
};

/**
 * What a PEM text holds, read with OpenSSL 3: its keys and certificates, or, when it does not
 * parse, the usual reason why (line breaks lost, escaped or doubled on the way into the
 * secret, a BEGIN or END line missing).
 *
 *     const PemInspection pem = KeyMaterial::inspect(value.toUtf8());
 *     if (pem.problem != PemProblem::None) ...;
 *     for (const KeyInfo &key : pem.keys) ...;
 *
 * Nothing here keeps key material beyond the public key's DER encoding.
 */
enum class PemProblem {
    None,
    NewlinesLost, ///< the whole PEM is on one line (or line breaks became spaces)
    NewlinesEscaped, ///< line breaks are the two characters backslash and n
    NewlinesDoubled, ///< an empty line between every line of the body
    MissingHeader, ///< an END line without its BEGIN line
    MissingFooter, ///< a BEGIN line without its END line
    HeaderlessBody, ///< base64 DER without any BEGIN/END lines
    Corrupt, ///< the lines are there, the content is not a key or certificate
};

struct PemInspection
{
    PemProblem problem = PemProblem::None;
    QList<KeyInfo> keys; ///< private and public keys, in order
    QList<CertificateInfo> certificates; ///< in order
    bool chainOutOfOrder = false; ///< each certificate is not issued by the next one
    int blockCount = 0;

    [[nodiscard]] bool isReadable() const { return problem == PemProblem::None && blockCount > 0; }
};

class KeyMaterial final
{
public:
    /// True when `text` looks like PEM or meant to be one (BEGIN/END lines, escaped or not).
    [[nodiscard]] static bool looksLikePem(QByteArrayView text);
    /// True when `text` is a long run of base64 starting like DER ("MII..."): a PEM body whose
    /// BEGIN/END lines were dropped.
    [[nodiscard]] static bool looksLikeHeaderlessPem(QByteArrayView text);
    [[nodiscard]] static PemInspection inspect(QByteArrayView text);

    /// The DER SubjectPublicKeyInfo of an RSA public key given as JWK `n` and `e` (base64url),
    /// empty when they are not a valid key. Lets a JWK be matched against a PEM.
    [[nodiscard]] static QByteArray rsaPublicKeyDer(const QByteArray &modulus,
                                                    const QByteArray &exponent);
    /// The size in bits of a big-endian unsigned integer (a JWK's decoded `n`).
    [[nodiscard]] static int bitLength(const QByteArray &bigEndian);
};

} // namespace coffer::content
