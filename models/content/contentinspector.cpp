// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/content/contentinspector.h"

#include "models/content/keymaterial.h"
#include "models/content/schemaset.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"
#include "models/json/jsonpointer.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <QUrl>

#include <functional>

using namespace Qt::StringLiterals;

namespace coffer::content {

using json::JsonDocument;
using json::JsonKind;
using json::JsonNode;
using json::JsonPointer;

namespace {

constexpr int kExpiryWarningDays = 30;

QString pointerOf(const JsonNode &node)
{
    return JsonPointer::fromNode(node).toString();
}

QString keyOf(const JsonNode &node)
{
    return node.isMember() ? node.key() : QString();
}

bool isPlaceholder(const QString &value, const QString &key)
{
    static const QRegularExpression pattern(
        uR"(^(?:changeme|change[-_ ]me|todo|tbd|fixme|placeholder|replace[-_ ]?me|example|dummy|xxx+|<[^<>]*>|your[-_ ].*|[a-z0-9]{1,8}_x{6,}|\$\{[^}]*\}|\{\{[^}]*\}\})$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return false;
    if (!key.isEmpty() && trimmed.compare(key, Qt::CaseInsensitive) == 0)
        return true;
    return pattern.match(trimmed).hasMatch();
}

bool isBase64Url(const QString &text)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_-]+$"_s);
    return pattern.match(text).hasMatch();
}

QByteArray base64UrlDecode(const QString &text)
{
    return QByteArray::fromBase64(text.toLatin1(),
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool isJwk(const JsonNode &node)
{
    if (node.kind() != JsonKind::Object)
        return false;
    const JsonNode *kty = node.member(u"kty");
    return kty && kty->kind() == JsonKind::String;
}

QString memberText(const JsonNode &node, QStringView key)
{
    const JsonNode *member = node.member(key);
    return member && member->kind() == JsonKind::String ? member->stringValue() : QString();
}

bool isJwksMap(const JsonNode &node)
{
    if (node.kind() != JsonKind::Object || node.childCount() == 0)
        return false;
    for (int i = 0; i < node.childCount(); ++i) {
        if (!isJwk(*node.child(i)))
            return false;
    }
    return true;
}

const QStringList &privateJwkMembers()
{
    static const QStringList members
        = { u"d"_s, u"p"_s, u"q"_s, u"dp"_s, u"dq"_s, u"qi"_s, u"oth"_s, u"k"_s };
    return members;
}

bool hasPrivateJwkMember(const JsonNode &jwk)
{
    for (const QString &member : privateJwkMembers()) {
        if (jwk.member(member))
            return true;
    }
    return false;
}

QString jwkKeyMaterial(const JsonNode &jwk)
{
    QString material;
    for (const QStringView member : { u"n", u"e", u"x", u"y", u"k" })
        material += memberText(jwk, member) + u'|';
    return material;
}

bool looksLikeJwt(const QString &text)
{
    static const QRegularExpression pattern(
        u"^[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*$"_s);
    return text.size() < 16384 && pattern.match(text).hasMatch();
}

struct JwtClaims
{
    bool valid = false;
    QString alg;
    std::optional<QDateTime> expires;
    std::optional<QDateTime> notBefore;
};

JwtClaims readJwt(const QString &text)
{
    JwtClaims claims;
    const QStringList parts = text.split(u'.');
    if (parts.size() != 3)
        return claims;
    const auto header = JsonDocument::parse(base64UrlDecode(parts[0]));
    const auto payload = JsonDocument::parse(base64UrlDecode(parts[1]));
    if (!header || !payload || header->root()->kind() != JsonKind::Object
        || payload->root()->kind() != JsonKind::Object || !header->root()->member(u"alg"))
        return claims;
    claims.valid = true;
    claims.alg = memberText(*header->root(), u"alg");
    const auto time = [&](QStringView claim) -> std::optional<QDateTime> {
        const JsonNode *node = payload->root()->member(claim);
        if (!node || node->kind() != JsonKind::Number)
            return std::nullopt;
        bool ok = false;
        const double seconds = node->numberText().toDouble(&ok);
        if (!ok)
            return std::nullopt;
        return QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    };
    claims.expires = time(u"exp");
    claims.notBefore = time(u"nbf");
    return claims;
}

bool nameSaysPublic(const QString &text)
{
    return text.contains(u"public"_s, Qt::CaseInsensitive)
        || text.contains(u"pubkey"_s, Qt::CaseInsensitive);
}

QString keyNoun(const KeyInfo &key)
{
    if (key.isEncrypted)
        return ContentInspector::tr("encrypted private key");
    return key.isPrivate ? ContentInspector::tr("%1 private key").arg(key.shortDescription())
                         : ContentInspector::tr("%1 public key").arg(key.shortDescription());
}

QString dateText(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-dd"_s);
}

/// The checks on the current value's JSON tree.
class Walker
{
public:
    static QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
    {
        return ContentInspector::tr(text, disambiguation, n);
    }

    Walker(QList<ContentFinding> &findings, const QString &secretName, QDateTime now)
        : m_findings(findings)
        , m_secretName(secretName)
        , m_now(std::move(now))
    { }

    void add(const QString &id, FindingSeverity severity, const QString &pointer,
             const QString &message, const QString &fix)
    {
        m_findings.append({ id, severity, pointer, message, fix });
    }

    void walk(const JsonNode &node)
    {
        if (node.kind() == JsonKind::String)
            checkString(node);
        if (node.kind() == JsonKind::Object) {
            if (isJwk(node))
                checkJwk(node, false);
            if (isJwksMap(node))
                checkJwkSet(node, true);
            if (const JsonNode *keys = node.member(u"keys");
                keys && keys->kind() == JsonKind::Array)
                checkJwkSet(*keys, false);
            checkPairs(node);
        }
        for (int i = 0; i < node.childCount(); ++i)
            walk(*node.child(i));
    }

private:
    void checkString(const JsonNode &node)
    {
        const QString value = node.stringValue();
        const QString key = keyOf(node);
        const QString pointer = pointerOf(node);
        if (value.isEmpty()) {
            add(u"empty-value"_s, FindingSeverity::Warning, pointer, tr("This value is empty."),
                tr("Fill it in, or remove the member if the application does not need it."));
            return;
        }
        if (isPlaceholder(value, key)) {
            add(u"placeholder"_s, FindingSeverity::Error, pointer,
                tr("This value is a placeholder, not a real value."),
                tr("Replace the placeholder with the real value before the application reads it."));
            return;
        }
        const QByteArray utf8 = value.toUtf8();
        if (KeyMaterial::looksLikePem(utf8) || KeyMaterial::looksLikeHeaderlessPem(utf8)) {
            checkPem(utf8, pointer, key);
            return;
        }
        const QString trimmed = value.trimmed();
        if (trimmed != value && !trimmed.contains(u' ') && !trimmed.contains(u'\n')) {
            add(u"whitespace"_s, FindingSeverity::Warning, pointer,
                tr("This value has leading or trailing whitespace, which most consumers keep as "
                   "part of the token."),
                tr("Remove the spaces or line breaks around the value."));
        }
        if ((trimmed.startsWith(u'{') || trimmed.startsWith(u'[')) && JsonDocument::parse(utf8)) {
            add(u"double-encoded-json"_s, FindingSeverity::Warning, pointer,
                tr("This string holds JSON text (double encoding): the application gets a string, "
                   "not an object."),
                tr("Store the JSON itself as the member's value instead of a string holding it."));
            return;
        }
        if (looksLikeJwt(trimmed))
            checkJwt(trimmed, pointer);
        checkUrl(trimmed, key, pointer);
    }

    void checkUrl(const QString &value, const QString &key, const QString &pointer)
    {
        static const QRegularExpression scheme(u"^[A-Za-z][A-Za-z0-9+.-]*://"_s);
        if (!scheme.match(value).hasMatch())
            return;
        const QUrl url(value, QUrl::StrictMode);
        const bool hierarchical = value.startsWith(u"http", Qt::CaseInsensitive)
            || value.startsWith(u"ws", Qt::CaseInsensitive)
            || value.startsWith(u"ftp", Qt::CaseInsensitive);
        if (!url.isValid() || value.contains(u' ') || (hierarchical && url.host().isEmpty())) {
            Q_UNUSED(key);
            add(u"url.malformed"_s, FindingSeverity::Error, pointer,
                tr("This URL is malformed: it does not parse as an absolute URL with a host."),
                tr("Correct the URL (scheme, host, percent-encoding of special characters)."));
        }
    }

    void checkJwt(const QString &token, const QString &pointer)
    {
        const JwtClaims claims = readJwt(token);
        if (!claims.valid)
            return;
        if (claims.expires && *claims.expires < m_now) {
            add(u"jwt.expired"_s, FindingSeverity::Error, pointer,
                tr("This JWT expired on %1.").arg(dateText(*claims.expires)),
                tr("Issue a new token and store it."));
        }
        if (claims.notBefore && *claims.notBefore > m_now) {
            add(u"jwt.not-yet-valid"_s, FindingSeverity::Warning, pointer,
                tr("This JWT is not valid before %1.").arg(dateText(*claims.notBefore)),
                tr("Check the clock of the issuer, or wait until the token becomes valid."));
        }
    }

    void checkPem(const QByteArray &utf8, const QString &pointer, const QString &key)
    {
        const PemInspection pem = readPem(utf8);
        if (pem.problem != PemProblem::None) {
            QString cause;
            switch (pem.problem) {
            case PemProblem::NewlinesLost:
                cause = tr("its line breaks were lost (the PEM is on one line)");
                break;
            case PemProblem::NewlinesEscaped:
                cause = tr("its line breaks are the two characters \\n instead of real line breaks "
                           "(escaped twice)");
                break;
            case PemProblem::NewlinesDoubled:
                cause = tr("its line breaks are doubled (an empty line after every line)");
                break;
            case PemProblem::MissingHeader:
                cause = tr("its BEGIN line is missing");
                break;
            case PemProblem::MissingFooter:
                cause = tr("its END line is missing");
                break;
            case PemProblem::HeaderlessBody:
                cause = tr("its BEGIN and END lines are missing");
                break;
            case PemProblem::Corrupt:
            case PemProblem::None:
                cause = tr("its content is damaged");
                break;
            }
            add(u"pem.unparsable"_s, FindingSeverity::Error, pointer,
                tr("This PEM does not parse: %1.").arg(cause),
                tr("Paste the PEM again exactly as the tool wrote it, BEGIN and END lines "
                   "included, with real line breaks."));
            return;
        }
        const bool saysPublic
            = nameSaysPublic(key) || (key.isEmpty() && nameSaysPublic(m_secretName));
        for (const KeyInfo &info : pem.keys) {
            if (info.isPrivate && saysPublic) {
                add(u"key.private-in-public"_s, FindingSeverity::Error, pointer,
                    tr("This value holds private key material although its name says public."),
                    tr("Store only the public key here, and rotate the private key: it has been "
                       "exposed to readers of public material."));
            }
            checkKeyStrength(info, pointer);
        }
        for (const CertificateInfo &certificate : pem.certificates) {
            checkKeyStrength(certificate.key, pointer);
            const QString subject = certificate.commonName.isEmpty()
                ? certificate.subject
                : u"CN="_s + certificate.commonName;
            if (certificate.notAfter.isValid() && certificate.notAfter < m_now) {
                add(u"cert.expired"_s, FindingSeverity::Error, pointer,
                    tr("The certificate %1 expired on %2.")
                        .arg(subject, dateText(certificate.notAfter)),
                    tr("Renew the certificate and store the new one."));
            } else if (certificate.notAfter.isValid()
                       && certificate.notAfter < m_now.addDays(kExpiryWarningDays)) {
                add(u"cert.expiring"_s, FindingSeverity::Warning, pointer,
                    tr("The certificate %1 expires on %2, within %3 days.")
                        .arg(subject, dateText(certificate.notAfter))
                        .arg(kExpiryWarningDays),
                    tr("Renew the certificate before it expires."));
            }
            if (certificate.notBefore.isValid() && certificate.notBefore > m_now) {
                add(u"cert.not-yet-valid"_s, FindingSeverity::Error, pointer,
                    tr("The certificate %1 is not valid before %2.")
                        .arg(subject, dateText(certificate.notBefore)),
                    tr("Check the issuing clock, or wait until the certificate becomes valid."));
            }
        }
        if (pem.chainOutOfOrder) {
            add(u"cert.chain-order"_s, FindingSeverity::Error, pointer,
                tr("The certificate chain is not in order: each certificate must be followed by "
                   "the one that issued it."),
                tr("Put the server certificate first, then each intermediate, in issuing order."));
        }
        // A key and a certificate in the same PEM bundle.
        if (!pem.certificates.isEmpty()) {
            for (const KeyInfo &info : pem.keys) {
                if (info.isPrivate && !info.isEncrypted
                    && info.publicKeyDer != pem.certificates.first().key.publicKeyDer) {
                    add(u"cert.key-mismatch"_s, FindingSeverity::Error, pointer,
                        tr("The private key and the certificate do not match."),
                        tr("Store the private key that the certificate was issued for."));
                }
            }
        }
    }

    void checkKeyStrength(const KeyInfo &info, const QString &pointer)
    {
        if ((info.type == u"RSA" || info.type == u"RSA-PSS") && info.bits > 0 && info.bits < 2048) {
            add(u"key.weak-rsa"_s, FindingSeverity::Error, pointer,
                tr("This RSA key has only %1 bits; at least 2048 are needed.").arg(info.bits),
                tr("Generate a new key of 2048 bits or more and rotate to it."));
        }
    }

    // Private and public PEMs (or a certificate) side by side in one object must form a pair.
    void checkPairs(const JsonNode &object)
    {
        struct Member
        {
            QString pointer;
            KeyInfo key;
            bool isCertificate = false;
        };
        QList<Member> privateKeys;
        QList<Member> publicKeys;
        for (int i = 0; i < object.childCount(); ++i) {
            const JsonNode *child = object.child(i);
            if (child->kind() != JsonKind::String)
                continue;
            const QByteArray utf8 = child->stringValue().toUtf8();
            if (!KeyMaterial::looksLikePem(utf8))
                continue;
            const PemInspection pem = readPem(utf8);
            if (!pem.isReadable())
                continue;
            for (const KeyInfo &key : pem.keys) {
                if (key.isEncrypted)
                    continue;
                (key.isPrivate ? privateKeys : publicKeys)
                    .append({ pointerOf(*child), key, false });
            }
            if (!pem.certificates.isEmpty() && pem.keys.isEmpty())
                publicKeys.append({ pointerOf(*child), pem.certificates.first().key, true });
        }
        if (privateKeys.size() != 1)
            return;
        for (const Member &member : std::as_const(publicKeys)) {
            if (member.key.publicKeyDer == privateKeys.first().key.publicKeyDer)
                continue;
            if (member.isCertificate) {
                add(u"cert.key-mismatch"_s, FindingSeverity::Error, member.pointer,
                    tr("The certificate and the private key beside it do not match."),
                    tr("Store the certificate issued for this private key, or the key it was "
                       "issued for."));
            } else {
                add(u"key.pair-mismatch"_s, FindingSeverity::Error, member.pointer,
                    tr("This public key and the private key beside it do not match: they are not "
                       "one key pair."),
                    tr("Store the public key derived from the private key (openssl pkey "
                       "-pubout)."));
            }
        }
    }

    void checkJwk(const JsonNode &jwk, bool)
    {
        const QString pointer = pointerOf(jwk);
        const QString kty = memberText(jwk, u"kty");
        const QString kid = memberText(jwk, u"kid");
        const QString who = kid.isEmpty() ? tr("This JWK") : tr("The JWK with kid %1").arg(kid);
        QStringList required;
        if (kty == u"RSA")
            required = { u"n"_s, u"e"_s };
        else if (kty == u"EC")
            required = { u"crv"_s, u"x"_s, u"y"_s };
        else if (kty == u"OKP")
            required = { u"crv"_s, u"x"_s };
        else if (kty == u"oct")
            required = { u"k"_s };
        else {
            add(u"jwk.unknown-kty"_s, FindingSeverity::Error, pointer,
                tr("%1 has a key type (kty) that RFC 7518 does not define.").arg(who),
                tr("Use RSA, EC, OKP or oct."));
            return;
        }
        for (const QString &member : std::as_const(required)) {
            if (!jwk.member(member)) {
                add(u"jwk.missing-member"_s, FindingSeverity::Error, pointer,
                    tr("%1 lacks the member `%2`, required for kty %3.").arg(who, member, kty),
                    tr("Add the missing member, or export the key again with a JWK tool."));
            }
        }
        for (const QStringView member :
             { u"n", u"e", u"x", u"y", u"d", u"p", u"q", u"dp", u"dq", u"qi", u"k" }) {
            const JsonNode *node = jwk.member(member);
            if (node && (node->kind() != JsonKind::String || !isBase64Url(node->stringValue()))) {
                add(u"jwk.bad-base64url"_s, FindingSeverity::Error, pointerOf(*node),
                    tr("The member `%1` of %2 is not base64url (no padding, - and _ instead of + "
                       "and /).")
                        .arg(member.toString(), who.at(0).toLower() + who.mid(1)),
                    tr("Encode the value as unpadded base64url."));
            }
        }
        int bits = 0;
        if (kty == u"RSA") {
            bits = KeyMaterial::bitLength(base64UrlDecode(memberText(jwk, u"n")));
            if (bits > 0 && bits < 2048) {
                add(u"key.weak-rsa"_s, FindingSeverity::Error, pointer,
                    tr("%1 is an RSA key of only %2 bits; at least 2048 are needed.")
                        .arg(who)
                        .arg(bits),
                    tr("Generate a new key of 2048 bits or more, with a new kid."));
            }
        }
        const QString alg = memberText(jwk, u"alg");
        if (!alg.isEmpty()) {
            const QString crv = memberText(jwk, u"crv");
            bool consistent = true;
            if (alg.startsWith(u"RS") || alg.startsWith(u"PS") || alg.startsWith(u"RSA"))
                consistent = kty == u"RSA";
            else if (alg == u"ES256")
                consistent = kty == u"EC" && crv == u"P-256";
            else if (alg == u"ES384")
                consistent = kty == u"EC" && crv == u"P-384";
            else if (alg == u"ES512")
                consistent = kty == u"EC" && crv == u"P-521";
            else if (alg == u"EdDSA")
                consistent = kty == u"OKP";
            else if (alg.startsWith(u"HS") || alg.startsWith(u"A"))
                consistent = kty == u"oct";
            const QString use = memberText(jwk, u"use");
            if (use == u"sig" && alg.startsWith(u"RSA-OAEP"))
                consistent = false;
            if (!consistent) {
                add(u"jwk.alg-mismatch"_s, FindingSeverity::Error, pointer,
                    tr("%1 declares alg %2, which does not fit its key (kty %3).")
                        .arg(who, alg, kty),
                    tr("Set alg to an algorithm of this key type, or remove alg."));
            }
        }
    }

    void checkJwkSet(const JsonNode &set, bool isMap)
    {
        QHash<QString, int> seen;
        const bool publicSet = nameSaysPublic(m_secretName) || nameSaysPublic(keyOf(set))
            || m_secretName.contains(u"jwks"_s, Qt::CaseInsensitive) || !isMap;
        bool anyPublicOnly = false;
        for (int i = 0; i < set.childCount(); ++i) {
            if (isJwk(*set.child(i)) && !hasPrivateJwkMember(*set.child(i)))
                anyPublicOnly = true;
        }
        for (int i = 0; i < set.childCount(); ++i) {
            const JsonNode &jwk = *set.child(i);
            if (!isJwk(jwk))
                continue;
            const QString kid = memberText(jwk, u"kid");
            if (isMap && !kid.isEmpty() && kid != jwk.key()) {
                add(u"jwk.kid-mismatch"_s, FindingSeverity::Error, pointerOf(jwk),
                    tr("The entry for this map key holds the JWK with kid %1: the map key and the "
                       "kid disagree.")
                        .arg(kid),
                    tr("Use the kid as the map key, so consumers that look a key up by kid find "
                       "it."));
            }
            if (!kid.isEmpty() && seen.contains(kid)) {
                add(u"jwk.duplicate-kid"_s, FindingSeverity::Error, pointerOf(jwk),
                    tr("The kid %1 appears more than once in this key set.").arg(kid),
                    tr("Give every key its own kid."));
            }
            seen.insert(kid, i);
            if (hasPrivateJwkMember(jwk) && (publicSet || anyPublicOnly)) {
                add(u"jwk.private-member"_s, FindingSeverity::Error, pointerOf(jwk),
                    tr("The JWK with kid %1 carries private members in a set of public keys.")
                        .arg(kid),
                    tr("Remove d, p, q, dp, dq, qi (and k) from public keys, and rotate the "
                       "exposed key."));
            }
        }
    }

    QList<ContentFinding> &m_findings;
    QString m_secretName;
    QDateTime m_now;
    /// Each PEM of the value read once: the checks of a value and of the object around it
    /// both need it, and OpenSSL's decoders take a good part of a millisecond a key.
    QHash<QByteArray, PemInspection> m_pems;

    PemInspection readPem(const QByteArray &utf8)
    {
        auto known = m_pems.constFind(utf8);
        if (known == m_pems.cend())
            known = m_pems.insert(utf8, KeyMaterial::inspect(utf8));
        return *known;
    }
};

/// Object member pointers of a tree, except the members of JWKS maps (their keys are kids).
void collectMemberPointers(const JsonNode &node, const QString &prefix, QSet<QString> &pointers)
{
    if (node.kind() != JsonKind::Object || isJwksMap(node))
        return;
    for (int i = 0; i < node.childCount(); ++i) {
        const JsonNode &child = *node.child(i);
        const QString pointer = prefix + u'/' + JsonPointer::escapeToken(child.key());
        pointers.insert(pointer);
        collectMemberPointers(child, pointer, pointers);
    }
}

/// kid -> key material of every JWK (and kid-labelled PEM pair) in a tree.
void collectKids(const JsonNode &node, QHash<QString, QString> &kids)
{
    if (node.kind() == JsonKind::Object) {
        const QString kid = memberText(node, u"kid");
        if (!kid.isEmpty()) {
            QString material = isJwk(node) ? jwkKeyMaterial(node) : QString();
            for (int i = 0; i < node.childCount() && !isJwk(node); ++i) {
                const JsonNode *child = node.child(i);
                if (child->kind() == JsonKind::String && KeyMaterial::looksLikePem(child->token()))
                    material += child->stringValue().trimmed() + u'|';
            }
            if (!material.isEmpty())
                kids.insert(kid, material);
        }
    }
    for (int i = 0; i < node.childCount(); ++i)
        collectKids(*node.child(i), kids);
}

bool isJsonContainer(const std::expected<JsonDocument, json::JsonParseError> &document)
{
    return document && document->root()->isContainer();
}

QString schemaFindingId(const QString &keyword)
{
    static const QHash<QString, QString> ids
        = { { u"minLength"_s, u"min-length"_s },
            { u"maxLength"_s, u"max-length"_s },
            { u"additionalProperties"_s, u"additional-properties"_s },
            { u"false"_s, u"not-allowed"_s },
            { u"depth"_s, u"too-deep"_s } };
    return u"schema."_s + ids.value(keyword, keyword);
}

ContentFinding schemaFinding(const SchemaViolation &violation, const QString &source)
{
    const QString subject = violation.instancePointer.isEmpty()
        ? ContentInspector::tr("The value")
        : ContentInspector::tr("The value at %1").arg(violation.instancePointer);
    ContentFinding finding;
    finding.id = schemaFindingId(violation.keyword);
    finding.severity = FindingSeverity::Error;
    finding.pointer = violation.member.isEmpty()
        ? violation.instancePointer
        : violation.instancePointer + u'/' + JsonPointer::escapeToken(violation.member);
    finding.message
        = ContentInspector::tr("%1 %2 (schema %3).").arg(subject, violation.message, source);
    if (violation.keyword == u"required"_s)
        finding.fix
            = ContentInspector::tr("Add `%1`: the schema requires it.").arg(violation.member);
    else if (violation.keyword == u"additionalProperties"_s)
        finding.fix = ContentInspector::tr("Remove `%1`, or add it to the schema's properties.")
                          .arg(violation.member);
    else
        finding.fix = ContentInspector::tr("Change the value so that it meets the schema (%1 at "
                                           "%2), or change the schema.")
                          .arg(violation.keyword, violation.schemaPointer);
    return finding;
}

void addSchemaFindings(const ContentInput &input, const JsonNode *root,
                       QList<ContentFinding> &findings)
{
    if (!input.schemas)
        return;
    const QList<SchemaBinding> bindings = input.schemas->schemasFor(input.name);
    for (const SchemaBinding &binding : bindings) {
        if (!root) {
            findings.append(
                { u"schema.not-json"_s, FindingSeverity::Error, QString(),
                  ContentInspector::tr("The schema %1 applies to this secret, and its value is "
                                       "not JSON.")
                      .arg(binding.source),
                  ContentInspector::tr("Store the value as JSON that meets the schema, or "
                                       "narrow the schema's match.") });
            continue;
        }
        for (const SchemaViolation &violation : binding.schema.validate(*root))
            findings.append(schemaFinding(violation, binding.source));
    }
}

} // namespace

QList<ContentFinding> ContentInspector::inspect(const ContentInput &input)
{
    QList<ContentFinding> findings;
    const QDateTime now = input.now.isValid() ? input.now : QDateTime::currentDateTimeUtc();
    if (input.isBinary) {
        addSchemaFindings(input, nullptr, findings);
        return findings;
    }
    const auto document = JsonDocument::parse(input.value);
    addSchemaFindings(input, document ? document->root() : nullptr, findings);
    Walker walker(findings, input.name, now);

    std::vector<JsonDocument> earlier;
    bool allEarlierJson = !input.earlierValues.isEmpty();
    for (const QByteArray &value : input.earlierValues) {
        auto parsed = JsonDocument::parse(value);
        if (!isJsonContainer(parsed)) {
            allEarlierJson = false;
            continue;
        }
        earlier.push_back(std::move(*parsed));
    }

    if (!document) {
        if (allEarlierJson) {
            findings.append({ u"history.not-json"_s, FindingSeverity::Error, QString(),
                              tr("Every earlier version was JSON, and this one is not valid JSON: "
                                 "the application will fail to parse it."),
                              tr("Fix the JSON syntax, or roll back to the previous version.") });
        }
        // Plain text: check it as one string.
        auto text = JsonNode::makeString(QString::fromUtf8(input.value));
        walker.walk(*text);
        return findings;
    }
    walker.walk(*document->root());

    if (allEarlierJson && document->root()->kind() == JsonKind::Object
        && earlier.size() == size_t(input.earlierValues.size())) {
        QSet<QString> current;
        collectMemberPointers(*document->root(), QString(), current);
        std::optional<QSet<QString>> inEvery;
        for (const JsonDocument &version : earlier) {
            QSet<QString> pointers;
            collectMemberPointers(*version.root(), QString(), pointers);
            if (!inEvery)
                inEvery = pointers;
            else
                inEvery->intersect(pointers);
        }
        QStringList missing;
        for (const QString &pointer : std::as_const(*inEvery)) {
            if (current.contains(pointer))
                continue;
            // Report only the topmost missing member.
            const qsizetype slash = pointer.lastIndexOf(u'/');
            const QString parent = pointer.left(slash);
            if (!parent.isEmpty() && !current.contains(parent))
                continue;
            missing.append(pointer);
        }
        missing.sort();
        for (const QString &pointer : std::as_const(missing)) {
            const auto parsed = JsonPointer::parse(pointer);
            const QString name
                = parsed && parsed->tokens().size() == 1 ? parsed->lastToken() : pointer.mid(1);
            findings.append(
                { u"history.missing-key"_s, FindingSeverity::Error, pointer,
                  tr("`%1` was in every earlier version and is missing now.").arg(name),
                  tr("Add `%1` back (its value is in the previous version), or roll back.")
                      .arg(name) });
        }
    }

    if (!earlier.empty()) {
        QHash<QString, QString> now_;
        collectKids(*document->root(), now_);
        QHash<QString, QString> before;
        for (const JsonDocument &version : earlier)
            collectKids(*version.root(), before); // later versions overwrite earlier ones
        for (auto it = now_.cbegin(); it != now_.cend(); ++it) {
            const auto previous = before.constFind(it.key());
            if (previous != before.cend() && *previous != it.value()) {
                findings.append({ u"jwk.key-changed-same-kid"_s, FindingSeverity::Error, QString(),
                                  tr("The key with kid %1 changed while its kid stayed the same: "
                                     "caches keyed by kid keep the old key.")
                                      .arg(it.key()),
                                  tr("Give a new key a new kid (the rotation rule), and keep the "
                                     "old kid for the old key.") });
            }
        }
    }

    if (input.siblingValue && document->root()->kind() == JsonKind::Object
        && !isJwksMap(*document->root())) {
        const auto sibling = JsonDocument::parse(*input.siblingValue);
        if (sibling && sibling->root()->kind() == JsonKind::Object
            && !isJwksMap(*sibling->root())) {
            QStringList missing;
            for (int i = 0; i < sibling->root()->childCount(); ++i) {
                const QString key = sibling->root()->child(i)->key();
                if (!document->root()->member(key))
                    missing.append(key);
            }
            for (const QString &key : std::as_const(missing)) {
                findings.append({ u"sibling.missing-key"_s, FindingSeverity::Warning,
                                  u"/"_s + JsonPointer::escapeToken(key),
                                  tr("`%1` is in %2 and missing here.").arg(key, input.siblingName),
                                  tr("Add `%1` if this environment needs it too.").arg(key) });
            }
        }
    }
    return findings;
}

QString ContentInspector::describe(const JsonNode &node, const QDateTime &nowGiven)
{
    const QDateTime now = nowGiven.isValid() ? nowGiven : QDateTime::currentDateTimeUtc();
    if (node.kind() == JsonKind::Object) {
        if (isJwk(node)) {
            QStringList parts = { u"JWK"_s };
            const QString kty = memberText(node, u"kty");
            if (kty == u"RSA")
                parts.append(u"RSA %1"_s.arg(
                    KeyMaterial::bitLength(base64UrlDecode(memberText(node, u"n")))));
            else if (!memberText(node, u"crv").isEmpty())
                parts.append(kty + u' ' + memberText(node, u"crv"));
            else
                parts.append(kty);
            for (const QStringView member : { u"alg", u"use" }) {
                if (const QString text = memberText(node, member); !text.isEmpty())
                    parts.append(text);
            }
            if (hasPrivateJwkMember(node))
                parts.append(tr("private"));
            return parts.join(u" · "_s);
        }
        if (isJwksMap(node))
            return tr("JWKS · %n key(s)", nullptr, node.childCount());
        return {};
    }
    if (node.kind() != JsonKind::String)
        return {};
    const QString value = node.stringValue();
    const QByteArray utf8 = value.toUtf8();
    if (KeyMaterial::looksLikePem(utf8)) {
        const PemInspection pem = KeyMaterial::inspect(utf8);
        if (!pem.isReadable())
            return tr("PEM · unreadable");
        if (!pem.certificates.isEmpty()) {
            const CertificateInfo &leaf = pem.certificates.first();
            const QString subject
                = leaf.commonName.isEmpty() ? leaf.subject : u"CN="_s + leaf.commonName;
            const QString validity = leaf.notAfter < now
                ? tr("expired %1").arg(dateText(leaf.notAfter))
                : tr("expires %1").arg(dateText(leaf.notAfter));
            QString text = tr("certificate · %1 · %2").arg(subject, validity);
            if (pem.certificates.size() > 1)
                text += u" · "_s + tr("chain of %n", nullptr, int(pem.certificates.size()));
            return text;
        }
        if (!pem.keys.isEmpty())
            return u"PEM · "_s + keyNoun(pem.keys.first());
        return u"PEM"_s;
    }
    if (looksLikeJwt(value)) {
        const JwtClaims claims = readJwt(value);
        if (claims.valid) {
            if (claims.expires && *claims.expires < now)
                return tr("JWT · expired");
            if (claims.expires)
                return tr("JWT · expires %1").arg(dateText(*claims.expires));
            return tr("JWT · %1").arg(claims.alg);
        }
    }
    return {};
}

bool ContentInspector::isSensitive(const JsonNode &node)
{
    static const QSet<QString> publicJwkMembers
        = { u"kid"_s, u"alg"_s, u"use"_s, u"kty"_s,     u"e"_s,   u"n"_s,
            u"crv"_s, u"x"_s,   u"y"_s,   u"key_ops"_s, u"x5t"_s, u"x5c"_s };
    const JsonNode *parent = node.parent();
    if (node.isMember() && parent && isJwk(*parent) && publicJwkMembers.contains(node.key()))
        return false;
    if (node.isMember() && node.key() == u"kid")
        return false;
    if (node.kind() == JsonKind::String) {
        const QByteArray utf8 = node.stringValue().toUtf8();
        if (KeyMaterial::looksLikePem(utf8)) {
            const PemInspection pem = KeyMaterial::inspect(utf8);
            if (!pem.isReadable())
                return true;
            for (const KeyInfo &key : pem.keys) {
                if (key.isPrivate)
                    return true;
            }
            return false;
        }
    }
    return true;
}

QString ContentInspector::siblingName(const QString &name)
{
    QStringList segments = name.split(u'/');
    for (QString &segment : segments) {
        if (segment == u"staging" || segment == u"stage") {
            segment = u"prod"_s;
            return segments.join(u'/');
        }
        if (segment == u"prod" || segment == u"production") {
            segment = u"staging"_s;
            return segments.join(u'/');
        }
    }
    return {};
}

} // namespace coffer::content
