// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/aws/sigv4canonicalizer.h"
#include "models/aws/sigv4signer.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

using aws::SigV4Canonicalizer;

namespace {

/// An HTTP token character (RFC 9110 tchar): what a header name is made of.
bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

/// Keeps the bytes a request target may carry on the wire (RFC 3986 unreserved, reserved and
/// '%'), dropping '?' and '#' (they would end the path or the query).
QByteArray targetBytes(const QByteArray &raw, bool query)
{
    QByteArray kept;
    for (const char c : raw) {
        const bool allowed = isTokenChar(c) || QByteArrayView(":/@()[],;=").contains(c);
        if (allowed && (query || c != '?'))
            kept.append(c);
    }
    return kept;
}

/// Header names the signer sets itself, or that would make the request a different one.
bool isReservedHeader(const QByteArray &name)
{
    static constexpr std::array reserved = { "host", "authorization", "x-amz-date", "x-amz-security-token",
                                             "x-amz-content-sha256" };
    const QByteArray lower = name.toLower();
    return std::ranges::any_of(reserved, [&lower](const char *r) { return lower == r; });
}

/// Drops the query parameters of the presigned form (X-Amz-*): the signer appends its own.
QByteArray withoutSigningParameters(const QByteArray &query)
{
    QByteArrayList kept;
    for (const QByteArray &pair : query.split('&')) {
        const QByteArray key = SigV4Canonicalizer::percentDecoded(pair.left(pair.indexOf('='))).toLower();
        if (!key.startsWith("x-amz-"))
            kept.append(pair);
    }
    return kept.join('&');
}

} // namespace

int fuzzSigV4(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const quint8 flags = input.byte();
    static constexpr std::array methods = { "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH" };

    aws::HttpRequest request;
    request.method = methods[input.byte() % methods.size()];
    request.path = "/" + targetBytes(input.chunk(), false);
    request.query = withoutSigningParameters(targetBytes(input.chunk(), true));
    request.headers.emplaceBack("Host"_ba, "secretsmanager.us-east-1.amazonaws.com"_ba);
    const int headerCount = input.byte() % 8;
    for (int i = 0; i < headerCount && !input.atEnd(); ++i) {
        QByteArray name;
        for (const char c : input.chunk()) {
            if (isTokenChar(c))
                name.append(c);
        }
        QByteArray value;
        for (const char c : input.chunk()) {
            // Field values: visible characters, space and tab; no line breaks (obs-fold is gone).
            if (c == '\t' || (uchar(c) >= 0x20 && uchar(c) != 0x7f))
                value.append(c);
        }
        if (!name.isEmpty() && !isReservedHeader(name))
            request.headers.emplaceBack(name, value);
    }
    request.body = input.rest();

    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIDEXAMPLE"_s;
    credentials.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
    if (flags & 0x01)
        credentials.sessionToken = u"IQoJb3JpZ2luX2VjEXAMPLE/session+token=="_s;

    aws::SigningOptions signing;
    signing.normalizePath = !(flags & 0x02);
    signing.encodePath = !(flags & 0x04);
    signing.signBody = flags & 0x08;
    aws::VerificationOptions verification;
    verification.normalizePath = signing.normalizePath;
    verification.encodePath = signing.encodePath;

    const QDateTime signedAt(QDate(2026, 2, 14), QTime(9, 30, 5), Qt::UTC);
    const aws::SigV4Signer signer(u"us-east-1"_s, u"secretsmanager"_s);
    const bool presigned = flags & 0x10;
    if (presigned)
        signer.presign(request, credentials, signedAt, std::chrono::seconds(300), signing);
    else
        signer.sign(request, credentials, signedAt, signing);
    (void)signer.canonicalRequest(request, signing);

    const auto lookup = [&credentials](const QString &id) -> std::optional<aws::AwsCredentials> {
        if (id == credentials.accessKeyId)
            return credentials;
        return std::nullopt;
    };
    // What the signer signed, the verifier accepts: anything else locks a client out.
    const auto verified = signer.verify(request, lookup, signedAt, verification);
    if (!verified) {
        std::fprintf(stderr, "fuzz: sign-then-verify refused: %s: %s\n", qPrintable(verified.error().code),
                     qPrintable(verified.error().message));
    }
    COFFER_FUZZ_CHECK(verified.has_value());
    COFFER_FUZZ_CHECK(verified->presigned == presigned);
    COFFER_FUZZ_CHECK(verified->accessKeyId == credentials.accessKeyId);

    // One changed body byte must fail a header-signed request (presigned ones leave it unsigned).
    if (!presigned && !request.body.isEmpty()) {
        aws::HttpRequest tampered = request;
        tampered.body[0] = char(tampered.body[0] ^ 0x01);
        COFFER_FUZZ_CHECK(!signer.verify(tampered, lookup, signedAt, verification).has_value());
    }
    return 0;
}

} // namespace coffer::fuzz
