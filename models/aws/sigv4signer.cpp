// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/sigv4signer.h"

#include "models/aws/cryptodigest.h"
#include "models/aws/cryptohmac.h"
#include "models/aws/sigv4canonicalizer.h"

#include <QMutex>
#include <QMutexLocker>
#include <QVarLengthArray>

#include <openssl/crypto.h>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

constexpr QByteArrayView algorithmName = "AWS4-HMAC-SHA256";
constexpr QByteArrayView unsignedPayload = "UNSIGNED-PAYLOAD";
constexpr qint64 maxPresignedExpiry = 7 * 24 * 3600;

QByteArray sha256Hex(QByteArrayView data)
{
    const CryptoDigest::Sha256Digest digest = CryptoDigest::sha256(data);
    QByteArray hex;
    hex.reserve(64);
    CryptoDigest::appendHex(hex, QByteArrayView(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size())));
    return hex;
}

// Like botocore: a declared X-Amz-Content-Sha256 (a hash, or UNSIGNED-PAYLOAD) is what is signed.
QByteArray payloadHashOf(const HttpRequest &req)
{
    QByteArray declared = req.headerValue("X-Amz-Content-Sha256");
    if (!declared.isNull())
        return declared;
    return sha256Hex(req.body);
}

QVarLengthArray<QByteArrayView, 8> splitView(QByteArrayView bytes, char separator)
{
    QVarLengthArray<QByteArrayView, 8> parts;
    qsizetype start = 0;
    while (true) {
        const qsizetype end = bytes.indexOf(separator, start);
        if (end < 0) {
            parts.append(bytes.sliced(start));
            return parts;
        }
        parts.append(bytes.sliced(start, end - start));
        start = end + 1;
    }
}

bool isPresignParameter(QByteArrayView key)
{
    return key == "X-Amz-Algorithm" || key == "X-Amz-Credential" || key == "X-Amz-Date"
            || key == "X-Amz-Expires" || key == "X-Amz-SignedHeaders" || key == "X-Amz-Security-Token"
            || key == "X-Amz-Signature";
}

// Presigning a request twice replaces the first signature instead of adding a second one.
void stripPresignParameters(QByteArray &query)
{
    if (!query.contains("X-Amz-"))
        return;
    QByteArray kept;
    kept.reserve(query.size());
    for (const QByteArrayView pair : splitView(query, '&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView key = equals < 0 ? pair : pair.first(equals);
        if (isPresignParameter(SigV4Canonicalizer::percentDecoded(key)))
            continue;
        if (!kept.isEmpty())
            kept.append('&');
        kept.append(pair);
    }
    query = kept;
}

void appendTwoDigits(char *out, unsigned value)
{
    out[0] = char('0' + value / 10 % 10);
    out[1] = char('0' + value % 10);
}

QString latin1(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.data(), bytes.size());
}

// An unknown algorithm is named in the error only when it looks like one: an Authorization
// header of another scheme may be a bare token, which must not be echoed.
QString unsupportedAlgorithm(QByteArrayView algorithm)
{
    const bool looksLikeName = !algorithm.isEmpty() && algorithm.size() <= 32
            && std::all_of(algorithm.begin(), algorithm.end(), [](char c) {
                   return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
               });
    if (!looksLikeName)
        return u"Unsupported AWS 'algorithm'."_s;
    return u"Unsupported AWS 'algorithm': '%1'"_s.arg(latin1(algorithm));
}

AwsError makeError(ErrorKind kind, const QString &code, const QString &message, int httpStatus = 400)
{
    AwsError error;
    error.kind = kind;
    error.code = code;
    error.message = message;
    error.httpStatus = httpStatus;
    return error;
}

std::unexpected<AwsError> fail(ErrorKind kind, const QString &code, const QString &message, int httpStatus = 400)
{
    return std::unexpected(makeError(kind, code, message, httpStatus));
}

std::unexpected<AwsError> incompleteSignature(const QString &message)
{
    return fail(ErrorKind::InvalidSignature, u"IncompleteSignatureException"_s, message);
}

std::unexpected<AwsError> invalidSignature(const QString &message)
{
    return fail(ErrorKind::InvalidSignature, u"InvalidSignatureException"_s, message);
}

std::unexpected<AwsError> signatureMismatch()
{
    return invalidSignature(u"The request signature we calculated does not match the signature you provided. "
                            "Check your AWS Secret Access Key and signing method. Consult the service "
                            "documentation for details."_s);
}

std::unexpected<AwsError> unrecognizedClient()
{
    return fail(ErrorKind::UnrecognizedClient, u"UnrecognizedClientException"_s,
                u"The security token included in the request is invalid."_s);
}

// The authentication parameters of a request, from its Authorization header or its query.
struct AuthParameters
{
    bool presigned = false;
    QByteArray credential;     // decoded: AKID/date/region/service/aws4_request
    QByteArray signedHeaders;  // "host;x-amz-date"
    QByteArray signature;
    QByteArray amzDate;        // ISO 8601 basic
    QByteArray expires;        // presigned only
    QByteArray sessionToken;   // decoded; null when absent
};

} // namespace

struct SigV4Signer::KeyCache
{
    struct Entry
    {
        QString secret;
        QByteArray date;
        QByteArray region;
        CryptoHmac key;
    };

    CryptoHmac get(const QString &secret, QByteArrayView date, QByteArrayView region, QByteArrayView service)
    {
        {
            const QMutexLocker lock(&mutex);
            for (const Entry &entry : entries) {
                if (!entry.key.isNull() && entry.date == date && entry.region == region && entry.secret == secret)
                    return entry.key;
            }
        }

        QByteArray secretKey = "AWS4"_ba + secret.toUtf8();
        auto derived = CryptoDigest::hmacSha256(secretKey, date);
        const auto asView = [](const CryptoDigest::Sha256Digest &digest) {
            return QByteArrayView(reinterpret_cast<const char *>(digest.data()), qsizetype(digest.size()));
        };
        derived = CryptoDigest::hmacSha256(asView(derived), region);
        derived = CryptoDigest::hmacSha256(asView(derived), service);
        derived = CryptoDigest::hmacSha256(asView(derived), "aws4_request");
        const CryptoHmac key(asView(derived));
        OPENSSL_cleanse(secretKey.data(), size_t(secretKey.size()));
        OPENSSL_cleanse(derived.data(), derived.size());

        const QMutexLocker lock(&mutex);
        entries[next] = Entry{secret, date.toByteArray(), region.toByteArray(), key};
        next = (next + 1) % entries.size();
        return key;
    }

    QMutex mutex;
    std::array<Entry, 8> entries;
    size_t next = 0;
};

SigV4Signer::SigV4Signer(QString region, QString service)
    : m_region(std::move(region))
    , m_service(std::move(service))
    , m_regionBytes(m_region.toUtf8())
    , m_serviceBytes(m_service.toUtf8())
    , m_keys(std::make_shared<KeyCache>())
{
}

void SigV4Signer::sign(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                       const SigningOptions &opts) const
{
    (void)signImpl(req, creds, nowUtc, opts, std::nullopt);
}

void SigV4Signer::presign(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                          std::chrono::seconds expires, const SigningOptions &opts) const
{
    (void)signImpl(req, creds, nowUtc, opts, expires);
}

SigningResult SigV4Signer::signWithResult(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                                          const SigningOptions &opts) const
{
    return signImpl(req, creds, nowUtc, opts, std::nullopt);
}

SigningResult SigV4Signer::presignWithResult(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                                             std::chrono::seconds expires, const SigningOptions &opts) const
{
    return signImpl(req, creds, nowUtc, opts, expires);
}

void SigV4Signer::appendScope(QByteArray &out, QByteArrayView date, QByteArrayView region) const
{
    out.append(date).append('/').append(region).append('/').append(m_serviceBytes).append("/aws4_request");
}

QByteArray SigV4Signer::computeSignature(QByteArrayView stringToSign, const QString &secret, QByteArrayView date,
                                         QByteArrayView region) const
{
    const CryptoHmac key = m_keys->get(secret, date, region, m_serviceBytes);
    const CryptoDigest::Sha256Digest mac = key.macSha256(stringToSign);
    QByteArray hex;
    hex.reserve(64);
    CryptoDigest::appendHex(hex, QByteArrayView(reinterpret_cast<const char *>(mac.data()), qsizetype(mac.size())));
    return hex;
}

SigningResult SigV4Signer::signImpl(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                                    const SigningOptions &opts, std::optional<std::chrono::seconds> expires) const
{
    SigningResult result;
    result.amzDate = amzDate(nowUtc);
    const QByteArrayView date = QByteArrayView(result.amzDate).first(8);
    result.credentialScope.reserve(32 + m_regionBytes.size() + m_serviceBytes.size());
    appendScope(result.credentialScope, date, m_regionBytes);

    const bool presigned = expires.has_value();
    const QByteArray token = creds.sessionToken.toUtf8();
    const bool signToken = !token.isEmpty() && !opts.omitSessionToken;

    if (presigned) {
        stripPresignParameters(req.query);
    } else {
        req.removeHeaders("Authorization");
        req.removeHeaders("X-Amz-Date");
        req.headers.reserve(req.headers.size() + 4);
        if (!token.isEmpty()) {
            req.removeHeaders("X-Amz-Security-Token");
            req.headers.emplaceBack("X-Amz-Security-Token"_ba, token);
        }
        req.headers.emplaceBack("X-Amz-Date"_ba, result.amzDate);
        if (opts.signBody) {
            req.removeHeaders("X-Amz-Content-Sha256");
            req.headers.emplaceBack("x-amz-content-sha256"_ba, sha256Hex(req.body));
        }
    }
    const QByteArray payloadHash = payloadHashOf(req);

    QByteArray canonicalHeaders;
    canonicalHeaders.reserve(256);
    result.signedHeaders.reserve(64);
    const std::array<QByteArrayView, 1> tokenHeader = {"x-amz-security-token"};
    SigV4Canonicalizer::HeaderSelection selection;
    if (!presigned && !signToken && !token.isEmpty())
        selection.excluded = tokenHeader;
    SigV4Canonicalizer::appendCanonicalHeaders(canonicalHeaders, result.signedHeaders, req.headers, selection);

    const QByteArray accessKeyId = creds.accessKeyId.toUtf8();
    QByteArray presignedQuery;
    if (presigned) {
        presignedQuery.reserve(req.query.size() + 256 + 2 * token.size());
        presignedQuery.append(req.query);
        if (!presignedQuery.isEmpty())
            presignedQuery.append('&');
        presignedQuery.append("X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=");
        SigV4Canonicalizer::appendUriEncoded(presignedQuery, accessKeyId, false);
        presignedQuery.append("%2F");
        SigV4Canonicalizer::appendUriEncoded(presignedQuery, result.credentialScope, false);
        presignedQuery.append("&X-Amz-Date=").append(result.amzDate).append("&X-Amz-SignedHeaders=");
        SigV4Canonicalizer::appendUriEncoded(presignedQuery, result.signedHeaders, false);
        presignedQuery.append("&X-Amz-Expires=").append(QByteArray::number(qint64(expires->count())));
        if (signToken) {
            presignedQuery.append("&X-Amz-Security-Token=");
            SigV4Canonicalizer::appendUriEncoded(presignedQuery, token, false);
        }
    }

    QByteArray &canonical = result.canonicalRequest;
    canonical.reserve(req.method.size() + 2 * req.path.size() + 2 * req.query.size() + presignedQuery.size()
                      + canonicalHeaders.size() + result.signedHeaders.size() + payloadHash.size() + 16);
    canonical.append(req.method).append('\n');
    SigV4Canonicalizer::appendCanonicalUri(canonical, req.path, opts.normalizePath, opts.encodePath);
    canonical.append('\n');
    SigV4Canonicalizer::appendCanonicalQuery(canonical, presigned ? QByteArrayView(presignedQuery) : QByteArrayView(req.query));
    canonical.append('\n').append(canonicalHeaders).append('\n').append(result.signedHeaders).append('\n').append(payloadHash);

    result.stringToSign.reserve(algorithmName.size() + 3 + result.amzDate.size() + result.credentialScope.size() + 64);
    result.stringToSign.append(algorithmName).append('\n').append(result.amzDate).append('\n')
            .append(result.credentialScope).append('\n').append(sha256Hex(canonical));

    result.signature = computeSignature(result.stringToSign, creds.secretAccessKey, date, m_regionBytes);

    if (presigned) {
        if (!token.isEmpty() && !signToken) {
            presignedQuery.append("&X-Amz-Security-Token=");
            SigV4Canonicalizer::appendUriEncoded(presignedQuery, token, false);
        }
        presignedQuery.append("&X-Amz-Signature=").append(result.signature);
        req.query = std::move(presignedQuery);
    } else {
        QByteArray authorization;
        authorization.reserve(algorithmName.size() + 64 + accessKeyId.size() + result.credentialScope.size()
                              + result.signedHeaders.size() + result.signature.size());
        authorization.append(algorithmName).append(" Credential=").append(accessKeyId).append('/')
                .append(result.credentialScope).append(", SignedHeaders=").append(result.signedHeaders)
                .append(", Signature=").append(result.signature);
        req.headers.emplaceBack("Authorization"_ba, std::move(authorization));
    }
    return result;
}

QByteArray SigV4Signer::canonicalRequest(const HttpRequest &req, const SigningOptions &opts) const
{
    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    SigV4Canonicalizer::appendCanonicalHeaders(canonicalHeaders, signedHeaders, req.headers);
    QByteArray canonical;
    canonical.append(req.method).append('\n');
    SigV4Canonicalizer::appendCanonicalUri(canonical, req.path, opts.normalizePath, opts.encodePath);
    canonical.append('\n');
    SigV4Canonicalizer::appendCanonicalQuery(canonical, req.query);
    canonical.append('\n').append(canonicalHeaders).append('\n').append(signedHeaders).append('\n')
            .append(payloadHashOf(req));
    return canonical;
}

QByteArray SigV4Signer::stringToSign(QByteArrayView canonicalRequest, const QDateTime &nowUtc) const
{
    const QByteArray date = amzDate(nowUtc);
    QByteArray result;
    result.append(algorithmName).append('\n').append(date).append('\n');
    appendScope(result, QByteArrayView(date).first(8), m_regionBytes);
    result.append('\n').append(sha256Hex(canonicalRequest));
    return result;
}

QByteArray SigV4Signer::signature(QByteArrayView stringToSign, const AwsCredentials &creds, const QDateTime &nowUtc) const
{
    const QByteArray date = amzDate(nowUtc);
    return computeSignature(stringToSign, creds.secretAccessKey, QByteArrayView(date).first(8), m_regionBytes);
}

QByteArray SigV4Signer::credentialScope(const QDateTime &nowUtc) const
{
    QByteArray scope;
    appendScope(scope, QByteArrayView(amzDate(nowUtc)).first(8), m_regionBytes);
    return scope;
}

QByteArray SigV4Signer::amzDate(const QDateTime &dateTime)
{
    using namespace std::chrono;
    const sys_seconds time{seconds(dateTime.toSecsSinceEpoch())};
    const sys_days day = floor<days>(time);
    const year_month_day ymd(day);
    const hh_mm_ss hms(time - day);
    const auto year = unsigned(int(ymd.year()));

    char out[16];
    appendTwoDigits(out, year / 100);
    appendTwoDigits(out + 2, year % 100);
    appendTwoDigits(out + 4, unsigned(ymd.month()));
    appendTwoDigits(out + 6, unsigned(ymd.day()));
    out[8] = 'T';
    appendTwoDigits(out + 9, unsigned(hms.hours().count()));
    appendTwoDigits(out + 11, unsigned(hms.minutes().count()));
    appendTwoDigits(out + 13, unsigned(hms.seconds().count()));
    out[15] = 'Z';
    return QByteArray(out, 16);
}

QDateTime SigV4Signer::parseAmzDate(QByteArrayView amzDate)
{
    if (amzDate.size() != 16 || amzDate[8] != 'T' || amzDate[15] != 'Z')
        return {};
    int fields[7] = {};
    const int starts[7] = {0, 4, 6, 9, 11, 13, 16};
    for (int f = 0; f < 6; ++f) {
        for (int i = starts[f]; i < starts[f + 1] && i < 15; ++i) {
            if (i == 8)
                continue;
            const char c = amzDate[i];
            if (c < '0' || c > '9')
                return {};
            fields[f] = fields[f] * 10 + (c - '0');
        }
    }
    const QDate date(fields[0], fields[1], fields[2]);
    const QTime time(fields[3], fields[4], fields[5]);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

Result<VerifiedRequest> SigV4Signer::verify(const HttpRequest &req, const CredentialLookup &lookup,
                                            const QDateTime &nowUtc, const VerificationOptions &opts) const
{
    AuthParameters auth;

    // 1. Where the signature is, and its parts.
    const QByteArray authorization = req.headerValue("Authorization");
    if (!authorization.isNull()) {
        const QByteArrayView header = QByteArrayView(authorization).trimmed();
        const qsizetype space = header.indexOf(' ');
        const QByteArrayView algorithm = space < 0 ? header : header.first(space);
        if (algorithm != algorithmName)
            return incompleteSignature(unsupportedAlgorithm(space < 0 ? QByteArrayView() : algorithm));
        const QByteArrayView rest = space < 0 ? QByteArrayView() : header.sliced(space + 1);
        bool hasCredential = false;
        bool hasSignedHeaders = false;
        bool hasSignature = false;
        for (const QByteArrayView part : splitView(rest, ',')) {
            const QByteArrayView item = part.trimmed();
            const qsizetype equals = item.indexOf('=');
            if (equals < 0)
                continue;
            const QByteArrayView name = item.first(equals).trimmed();
            const QByteArrayView value = item.sliced(equals + 1).trimmed();
            if (name == "Credential") {
                auth.credential = value.toByteArray();
                hasCredential = true;
            } else if (name == "SignedHeaders") {
                auth.signedHeaders = value.toByteArray();
                hasSignedHeaders = true;
            } else if (name == "Signature") {
                auth.signature = value.toByteArray();
                hasSignature = true;
            }
        }
        QString missing;
        if (!hasCredential)
            missing += u"Authorization header requires 'Credential' parameter. "_s;
        if (!hasSignature)
            missing += u"Authorization header requires 'Signature' parameter. "_s;
        if (!hasSignedHeaders)
            missing += u"Authorization header requires 'SignedHeaders' parameter. "_s;
        auth.amzDate = req.headerValue("X-Amz-Date");
        if (auth.amzDate.isNull()) {
            QString httpDate = QString::fromLatin1(req.headerValue("Date")).trimmed();
            // HTTP dates say "GMT" (RFC 9110), which Qt's RFC 2822 parser does not take.
            if (httpDate.endsWith(u" GMT"_s) || httpDate.endsWith(u" UTC"_s))
                httpDate = httpDate.chopped(3) + u"+0000"_s;
            const QDateTime parsed = QDateTime::fromString(httpDate, Qt::RFC2822Date);
            if (parsed.isValid())
                auth.amzDate = amzDate(parsed);
            else
                missing += u"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "_s;
        }
        if (!missing.isEmpty())
            return incompleteSignature(missing.trimmed());
        auth.sessionToken = req.headerValue("X-Amz-Security-Token");
    } else {
        bool any = false;
        bool hasAlgorithm = false;
        for (const QByteArrayView pair : splitView(req.query, '&')) {
            const qsizetype equals = pair.indexOf('=');
            const QByteArray key = SigV4Canonicalizer::percentDecoded(equals < 0 ? pair : pair.first(equals));
            if (!key.startsWith("X-Amz-"))
                continue;
            const QByteArray value = SigV4Canonicalizer::percentDecoded(equals < 0 ? QByteArrayView() : pair.sliced(equals + 1));
            if (key == "X-Amz-Algorithm") {
                hasAlgorithm = true;
                if (value != algorithmName)
                    return incompleteSignature(unsupportedAlgorithm(value));
            } else if (key == "X-Amz-Credential") {
                auth.credential = value;
            } else if (key == "X-Amz-SignedHeaders") {
                auth.signedHeaders = value;
            } else if (key == "X-Amz-Signature") {
                auth.signature = value;
            } else if (key == "X-Amz-Date") {
                auth.amzDate = value;
            } else if (key == "X-Amz-Expires") {
                auth.expires = value;
            } else if (key == "X-Amz-Security-Token") {
                auth.sessionToken = value;
            } else {
                continue;
            }
            any = true;
        }
        if (!any) {
            return fail(ErrorKind::InvalidRequest, u"MissingAuthenticationTokenException"_s,
                        u"Request is missing Authentication Token"_s);
        }
        auth.presigned = true;
        QString missing;
        const auto require = [&missing](bool present, QStringView name) {
            if (!present)
                missing += u"AWS query-string parameters must include '%1'. "_s.arg(name);
        };
        require(hasAlgorithm, u"X-Amz-Algorithm");
        require(!auth.credential.isNull(), u"X-Amz-Credential");
        require(!auth.signature.isNull(), u"X-Amz-Signature");
        require(!auth.signedHeaders.isNull(), u"X-Amz-SignedHeaders");
        require(!auth.amzDate.isNull(), u"X-Amz-Date");
        require(!auth.expires.isNull(), u"X-Amz-Expires");
        if (!missing.isEmpty())
            return incompleteSignature(missing + u"Re-examine the query-string parameters."_s);
    }

    // 2. The credential scope and the date it claims.
    const QVarLengthArray<QByteArrayView, 8> scope = splitView(auth.credential, '/');
    if (scope.size() != 5 || scope[0].isEmpty()) {
        return incompleteSignature(
                u"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term."_s);
    }
    const QByteArrayView accessKeyId = scope[0];
    const QByteArrayView scopeDate = scope[1];
    const QByteArrayView scopeRegion = scope[2];
    const QByteArrayView scopeService = scope[3];
    if (scope[4] != "aws4_request") {
        return invalidSignature(u"Credential should be scoped with a valid terminator: 'aws4_request', not '%1'."_s
                                        .arg(latin1(scope[4])));
    }
    const QDateTime signedAt = parseAmzDate(auth.amzDate);
    if (!signedAt.isValid()) {
        return incompleteSignature(u"Date must be in ISO-8601 'basic format'. Got '%1'. See http://en.wikipedia.org/wiki/ISO_8601"_s
                                           .arg(latin1(auth.amzDate)));
    }
    if (scopeDate != QByteArrayView(auth.amzDate).first(8)) {
        return invalidSignature(u"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                                "'%1' != '%2', from '%3'."_s
                                        .arg(latin1(scopeDate), latin1(QByteArrayView(auth.amzDate).first(8)),
                                             latin1(auth.amzDate)));
    }
    if (!opts.acceptAnyRegion && scopeRegion != m_regionBytes)
        return invalidSignature(u"Credential should be scoped to a valid region, not '%1'. "_s.arg(latin1(scopeRegion)));
    if (scopeService != m_serviceBytes)
        return invalidSignature(u"Credential should be scoped to correct service: '%1'. "_s.arg(m_service));

    QList<QByteArray> signedHeaderNames;
    for (const QByteArrayView name : splitView(auth.signedHeaders, ';')) {
        if (!name.isEmpty())
            signedHeaderNames.append(name.toByteArray());
    }
    if (!signedHeaderNames.contains("host")) {
        return invalidSignature(u"'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."_s);
    }

    qint64 expiresSeconds = 0;
    if (auth.presigned) {
        bool ok = false;
        expiresSeconds = auth.expires.toLongLong(&ok);
        if (!ok || expiresSeconds < 0)
            return incompleteSignature(u"X-Amz-Expires must be non-negative"_s);
        if (expiresSeconds > maxPresignedExpiry)
            return incompleteSignature(u"X-Amz-Expires must be less than a week (in seconds) that is 604800"_s);
    }

    // 3. Who signed it.
    const QString accessKey = QString::fromUtf8(accessKeyId);
    const std::optional<AwsCredentials> known = lookup ? lookup(accessKey) : std::nullopt;
    if (!known || known->secretAccessKey.isEmpty())
        return unrecognizedClient();
    const QByteArray expectedToken = known->sessionToken.toUtf8();
    if (!CryptoDigest::constantTimeEquals(expectedToken, auth.sessionToken))
        return unrecognizedClient();
    if (!expectedToken.isEmpty() && known->expiration && *known->expiration < nowUtc) {
        return fail(ErrorKind::ExpiredToken, u"ExpiredTokenException"_s,
                    u"The security token included in the request is expired"_s, 403);
    }

    // 4. The signature.
    const QByteArray payloadHash = payloadHashOf(req);
    QByteArray canonicalHeaders;
    QByteArray computedSignedHeaders;
    QVarLengthArray<QByteArrayView, 16> onlyNames;
    for (const QByteArray &name : std::as_const(signedHeaderNames))
        onlyNames.append(name);
    SigV4Canonicalizer::HeaderSelection selection;
    selection.only = std::span<const QByteArrayView>(onlyNames.constData(), size_t(onlyNames.size()));
    SigV4Canonicalizer::appendCanonicalHeaders(canonicalHeaders, computedSignedHeaders, req.headers, selection);

    const auto signatureFor = [&](std::span<const QByteArrayView> excludedQueryKeys) {
        QByteArray canonical;
        canonical.reserve(512);
        canonical.append(req.method).append('\n');
        SigV4Canonicalizer::appendCanonicalUri(canonical, req.path, opts.normalizePath, opts.encodePath);
        canonical.append('\n');
        SigV4Canonicalizer::appendCanonicalQuery(canonical, req.query, excludedQueryKeys);
        canonical.append('\n').append(canonicalHeaders).append('\n').append(computedSignedHeaders).append('\n')
                .append(payloadHash);
        QByteArray stringToSign;
        stringToSign.append(algorithmName).append('\n').append(auth.amzDate).append('\n').append(scopeDate)
                .append('/').append(scopeRegion).append('/').append(scopeService).append("/aws4_request\n")
                .append(sha256Hex(canonical));
        return computeSignature(stringToSign, known->secretAccessKey, scopeDate, scopeRegion);
    };

    bool matches = false;
    if (auth.presigned) {
        const std::array<QByteArrayView, 1> withoutSignature = {"X-Amz-Signature"};
        matches = CryptoDigest::constantTimeEquals(signatureFor(withoutSignature), auth.signature);
        // A signer may add the session token after signing (SigningOptions::omitSessionToken).
        if (!matches && !auth.sessionToken.isNull()) {
            const std::array<QByteArrayView, 2> withoutToken = {"X-Amz-Signature", "X-Amz-Security-Token"};
            matches = CryptoDigest::constantTimeEquals(signatureFor(withoutToken), auth.signature);
        }
    } else {
        matches = CryptoDigest::constantTimeEquals(signatureFor({}), auth.signature);
    }
    if (!matches)
        return signatureMismatch();

    const QByteArray declaredHash = req.headerValue("X-Amz-Content-Sha256");
    if (!declaredHash.isNull() && declaredHash != unsignedPayload && !declaredHash.startsWith("STREAMING-")
        && declaredHash != sha256Hex(req.body)) {
        return invalidSignature(u"The provided 'x-amz-content-sha256' header does not match what was computed."_s);
    }

    // 5. When.
    const qint64 skew = qint64(opts.maxClockSkew.count());
    const QString skewText = u"%1 min."_s.arg(skew / 60);
    const QDateTime now = nowUtc.toUTC();
    const auto formatted = [](const QDateTime &time) { return latin1(amzDate(time)); };
    if (signedAt.addSecs(-skew) > now) {
        return fail(ErrorKind::RequestExpired, u"InvalidSignatureException"_s,
                    u"Signature not yet current: %1 is still later than %2 (%3 + %4)"_s
                            .arg(latin1(auth.amzDate), formatted(now.addSecs(skew)), formatted(now), skewText));
    }
    if (auth.presigned) {
        if (signedAt.addSecs(expiresSeconds) < now)
            return fail(ErrorKind::RequestExpired, u"RequestExpired"_s, u"Request has expired."_s);
    } else if (signedAt.addSecs(skew) < now) {
        return fail(ErrorKind::RequestExpired, u"InvalidSignatureException"_s,
                    u"Signature expired: %1 is now earlier than %2 (%3 - %4)"_s
                            .arg(latin1(auth.amzDate), formatted(now.addSecs(-skew)), formatted(now), skewText));
    }

    VerifiedRequest verified;
    verified.accessKeyId = accessKey;
    verified.region = QString::fromUtf8(scopeRegion);
    verified.service = QString::fromUtf8(scopeService);
    verified.signedAt = signedAt;
    verified.signedHeaders = std::move(signedHeaderNames);
    verified.presigned = auth.presigned;
    if (auth.presigned)
        verified.expiresAt = signedAt.addSecs(expiresSeconds);
    verified.sessionTokenPresent = !auth.sessionToken.isNull();
    return verified;
}

} // namespace coffer::aws
