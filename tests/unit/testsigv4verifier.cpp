// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SigV4Signer::verify(), as the sandbox endpoint uses it: what passes, and what AWS would say
// about everything that must not.

#include "models/aws/sigv4signer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::AwsError;
using coffer::aws::CredentialLookup;
using coffer::aws::ErrorKind;
using coffer::aws::HttpRequest;
using coffer::aws::SigningOptions;
using coffer::aws::SigV4Signer;
using coffer::aws::VerificationOptions;

namespace {

const QString accessKeyId = u"AKIDEXAMPLE"_s;
const QString secretKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
const QString sessionToken = u"FwoGZXIvYXdzEXAMPLETOKEN/+="_s;

QDateTime signingTime()
{
    return QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
}

AwsCredentials credentials(const QString &token = {})
{
    AwsCredentials creds;
    creds.accessKeyId = accessKeyId;
    creds.secretAccessKey = secretKey;
    creds.sessionToken = token;
    return creds;
}

HttpRequest getSecretValue()
{
    HttpRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = {{"Host", "secretsmanager.us-east-1.amazonaws.com"},
                       {"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "secretsmanager.GetSecretValue"}};
    request.body = R"({"SecretId":"pixell/prod"})";
    return request;
}

CredentialLookup lookupOf(const AwsCredentials &known)
{
    return [known](const QString &id) -> std::optional<AwsCredentials> {
        if (id == known.accessKeyId)
            return known;
        return std::nullopt;
    };
}

const SigV4Signer &signer()
{
    static const SigV4Signer instance(u"us-east-1"_s, u"secretsmanager"_s);
    return instance;
}

HttpRequest signedRequest(const AwsCredentials &creds = credentials(), const SigningOptions &options = {})
{
    HttpRequest request = getSecretValue();
    signer().sign(request, creds, signingTime(), options);
    return request;
}

HttpRequest presignedRequest(std::chrono::seconds expires, const AwsCredentials &creds = credentials())
{
    HttpRequest request;
    request.method = "GET";
    request.path = "/";
    request.query = "Action=GetSecretValue&SecretId=pixell%2Fprod";
    request.headers = {{"Host", "secretsmanager.us-east-1.amazonaws.com"}};
    signer().presign(request, creds, signingTime(), expires);
    return request;
}

// Every failure is checked the same way: kind, code, message, and no credential in the text.
void expectError(const coffer::aws::Result<coffer::aws::VerifiedRequest> &result, ErrorKind kind,
                 const QString &code, const QString &message = {})
{
    QVERIFY2(!result.has_value(), "the request was accepted");
    const AwsError &error = result.error();
    QCOMPARE(error.code, code);
    QCOMPARE(int(error.kind), int(kind));
    if (!message.isEmpty())
        QCOMPARE(error.message, message);
    QVERIFY(!error.message.contains(secretKey));
    QVERIFY(!error.message.contains(sessionToken));
    QCOMPARE(error.httpStatus == 400 || error.httpStatus == 403, true);
}

const QString signatureMismatch =
        u"The request signature we calculated does not match the signature you provided. Check your AWS Secret "
        "Access Key and signing method. Consult the service documentation for details."_s;

} // namespace

class TestSigV4Verifier : public QObject
{
    Q_OBJECT

private slots:
    void testRoundTrip_data();
    void testRoundTrip();
    void testAcceptsClockSkewWithinFifteenMinutes_data();
    void testAcceptsClockSkewWithinFifteenMinutes();
    void testTamperedRequestIsRejected_data();
    void testTamperedRequestIsRejected();
    void testUnsignedHeaderMayChange();
    void testTamperedBodyWithPayloadHash();
    void testWrongSecretKey();
    void testUnknownAccessKey();
    void testSessionTokenMustMatch();
    void testExpiredSessionToken();
    void testExpiredSignature();
    void testSignatureNotYetCurrent();
    void testPresignedExpiry();
    void testPresignedTampering();
    void testMissingAuthentication();
    void testIncompleteAuthorization();
    void testCredentialScope();
    void testSignedHeadersMustIncludeHost();
    void testDateHeaderInsteadOfAmzDate();
};

void TestSigV4Verifier::testRoundTrip_data()
{
    QTest::addColumn<bool>("presigned");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("signBody");
    QTest::addColumn<bool>("omitSessionToken");

    QTest::newRow("header") << false << QString() << false << false;
    QTest::newRow("header, session token") << false << sessionToken << false << false;
    QTest::newRow("header, token added after signing") << false << sessionToken << false << true;
    QTest::newRow("header, signed body") << false << QString() << true << false;
    QTest::newRow("query") << true << QString() << false << false;
    QTest::newRow("query, session token") << true << sessionToken << false << false;
    QTest::newRow("query, token added after signing") << true << sessionToken << false << true;
}

void TestSigV4Verifier::testRoundTrip()
{
    QFETCH(bool, presigned);
    QFETCH(QString, token);
    QFETCH(bool, signBody);
    QFETCH(bool, omitSessionToken);

    const AwsCredentials creds = credentials(token);
    SigningOptions options;
    options.signBody = signBody;
    options.omitSessionToken = omitSessionToken;
    HttpRequest request = getSecretValue();
    if (presigned)
        signer().presign(request, creds, signingTime(), std::chrono::minutes(5), options);
    else
        signer().sign(request, creds, signingTime(), options);

    const auto verified = signer().verify(request, lookupOf(creds), signingTime().addSecs(30));
    QVERIFY2(verified.has_value(), qPrintable(verified ? QString() : verified.error().code + u": "_s + verified.error().message));
    QCOMPARE(verified->accessKeyId, accessKeyId);
    QCOMPARE(verified->region, u"us-east-1"_s);
    QCOMPARE(verified->service, u"secretsmanager"_s);
    QCOMPARE(verified->signedAt, signingTime());
    QCOMPARE(verified->presigned, presigned);
    QCOMPARE(verified->sessionTokenPresent, !token.isEmpty());
    QVERIFY(verified->signedHeaders.contains("host"));
    QCOMPARE(verified->signedHeaders.contains("x-amz-security-token"), !presigned && !token.isEmpty() && !omitSessionToken);
    if (presigned)
        QCOMPARE(verified->expiresAt, signingTime().addSecs(300));
    else
        QVERIFY(!verified->expiresAt);
}

void TestSigV4Verifier::testAcceptsClockSkewWithinFifteenMinutes_data()
{
    QTest::addColumn<int>("offset");
    QTest::newRow("server 15 min ahead") << 15 * 60;
    QTest::newRow("server 15 min behind") << -15 * 60;
    QTest::newRow("same time") << 0;
}

void TestSigV4Verifier::testAcceptsClockSkewWithinFifteenMinutes()
{
    QFETCH(int, offset);
    const auto verified = signer().verify(signedRequest(), lookupOf(credentials()), signingTime().addSecs(offset));
    QVERIFY(verified.has_value());
}

void TestSigV4Verifier::testTamperedRequestIsRejected_data()
{
    QTest::addColumn<QByteArray>("part");

    QTest::newRow("body") << "body"_ba;
    QTest::newRow("signed header value") << "header"_ba;
    QTest::newRow("signed header removed") << "removed"_ba;
    QTest::newRow("method") << "method"_ba;
    QTest::newRow("path") << "path"_ba;
    QTest::newRow("query") << "query"_ba;
    QTest::newRow("date") << "date"_ba;
    QTest::newRow("signature") << "signature"_ba;
}

void TestSigV4Verifier::testTamperedRequestIsRejected()
{
    QFETCH(QByteArray, part);
    HttpRequest request = signedRequest();
    if (part == "body") {
        request.body = R"({"SecretId":"pixell/dev"})";
    } else if (part == "header") {
        request.setHeader("X-Amz-Target", "secretsmanager.DeleteSecret");
    } else if (part == "removed") {
        request.removeHeaders("Content-Type");
    } else if (part == "method") {
        request.method = "PUT";
    } else if (part == "path") {
        request.path = "/other";
    } else if (part == "query") {
        request.query = "x=1";
    } else if (part == "date") {
        request.setHeader("X-Amz-Date", "20260101T000001Z");
    } else if (part == "signature") {
        QByteArray authorization = request.headerValue("Authorization");
        authorization.back() = authorization.back() == '0' ? '1' : '0';
        request.setHeader("Authorization", authorization);
    }
    const auto verified = signer().verify(request, lookupOf(credentials()), signingTime());
    expectError(verified, ErrorKind::InvalidSignature, u"InvalidSignatureException"_s, signatureMismatch);
}

void TestSigV4Verifier::testUnsignedHeaderMayChange()
{
    HttpRequest request = signedRequest();
    request.headers.emplaceBack("User-Agent", "aws-cli/2.9.19");
    request.headers.emplaceBack("X-Added-By-Proxy", "yes");
    QVERIFY(signer().verify(request, lookupOf(credentials()), signingTime()).has_value());
}

void TestSigV4Verifier::testTamperedBodyWithPayloadHash()
{
    // With X-Amz-Content-Sha256 the signature covers the declared hash, so the body itself must
    // be checked against it.
    SigningOptions options;
    options.signBody = true;
    HttpRequest request = signedRequest(credentials(), options);
    QVERIFY(signer().verify(request, lookupOf(credentials()), signingTime()).has_value());
    request.body.append(' ');
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s,
                u"The provided 'x-amz-content-sha256' header does not match what was computed."_s);
}

void TestSigV4Verifier::testWrongSecretKey()
{
    AwsCredentials signedWith = credentials();
    signedWith.secretAccessKey = u"ANOTHERSECRETKEYEXAMPLEEXAMPLEEXAMPLEKEY"_s;
    const HttpRequest request = signedRequest(signedWith);
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s, signatureMismatch);
    QVERIFY(!signer().verify(request, lookupOf(credentials()), signingTime()).error().message.contains(signedWith.secretAccessKey));
}

void TestSigV4Verifier::testUnknownAccessKey()
{
    AwsCredentials other = credentials();
    other.accessKeyId = u"AKIDUNKNOWNEXAMPLE"_s;
    const HttpRequest request = signedRequest(other);
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::UnrecognizedClient,
                u"UnrecognizedClientException"_s, u"The security token included in the request is invalid."_s);
    // A lookup that knows nobody (or none at all) says the same.
    expectError(signer().verify(request, {}, signingTime()), ErrorKind::UnrecognizedClient,
                u"UnrecognizedClientException"_s);
}

void TestSigV4Verifier::testSessionTokenMustMatch()
{
    const AwsCredentials temporary = credentials(sessionToken);
    const QString invalidToken = u"The security token included in the request is invalid."_s;

    // Signed without the token the key requires.
    expectError(signer().verify(signedRequest(credentials()), lookupOf(temporary), signingTime()),
                ErrorKind::UnrecognizedClient, u"UnrecognizedClientException"_s, invalidToken);
    // Signed with another token.
    expectError(signer().verify(signedRequest(credentials(u"AnotherTokenEXAMPLE"_s)), lookupOf(temporary), signingTime()),
                ErrorKind::UnrecognizedClient, u"UnrecognizedClientException"_s, invalidToken);
    // A token sent with long-term keys.
    expectError(signer().verify(signedRequest(temporary), lookupOf(credentials()), signingTime()),
                ErrorKind::UnrecognizedClient, u"UnrecognizedClientException"_s, invalidToken);
    // Presigned with the wrong token.
    expectError(signer().verify(presignedRequest(std::chrono::minutes(5), credentials(u"Other"_s)), lookupOf(temporary),
                                signingTime()),
                ErrorKind::UnrecognizedClient, u"UnrecognizedClientException"_s, invalidToken);
    QVERIFY(signer().verify(signedRequest(temporary), lookupOf(temporary), signingTime()).has_value());
}

void TestSigV4Verifier::testExpiredSessionToken()
{
    AwsCredentials temporary = credentials(sessionToken);
    temporary.expiration = signingTime().addSecs(-1);
    expectError(signer().verify(signedRequest(temporary), lookupOf(temporary), signingTime()), ErrorKind::ExpiredToken,
                u"ExpiredTokenException"_s, u"The security token included in the request is expired"_s);
}

void TestSigV4Verifier::testExpiredSignature()
{
    const HttpRequest request = signedRequest();
    const QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(0, 30), Qt::UTC);
    expectError(signer().verify(request, lookupOf(credentials()), now), ErrorKind::RequestExpired,
                u"InvalidSignatureException"_s,
                u"Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)"_s);
    // One second past the window.
    expectError(signer().verify(request, lookupOf(credentials()), signingTime().addSecs(15 * 60 + 1)),
                ErrorKind::RequestExpired, u"InvalidSignatureException"_s);
    // A tighter window is honoured and reported.
    VerificationOptions strict;
    strict.maxClockSkew = std::chrono::minutes(5);
    expectError(signer().verify(request, lookupOf(credentials()), signingTime().addSecs(6 * 60), strict),
                ErrorKind::RequestExpired, u"InvalidSignatureException"_s,
                u"Signature expired: 20260101T000000Z is now earlier than 20260101T000100Z (20260101T000600Z - 5 min.)"_s);
}

void TestSigV4Verifier::testSignatureNotYetCurrent()
{
    const HttpRequest request = signedRequest();
    const QDateTime now = QDateTime(QDate(2025, 12, 31), QTime(23, 40), Qt::UTC);
    expectError(signer().verify(request, lookupOf(credentials()), now), ErrorKind::RequestExpired,
                u"InvalidSignatureException"_s,
                u"Signature not yet current: 20260101T000000Z is still later than 20251231T235500Z (20251231T234000Z + 15 min.)"_s);
}

void TestSigV4Verifier::testPresignedExpiry()
{
    const HttpRequest request = presignedRequest(std::chrono::seconds(300));
    QVERIFY(signer().verify(request, lookupOf(credentials()), signingTime().addSecs(300)).has_value());
    expectError(signer().verify(request, lookupOf(credentials()), signingTime().addSecs(301)), ErrorKind::RequestExpired,
                u"RequestExpired"_s, u"Request has expired."_s);
    // A presigned URL may live a week, however far the clock has moved in between...
    const HttpRequest week = presignedRequest(std::chrono::hours(24 * 7));
    QVERIFY(signer().verify(week, lookupOf(credentials()), signingTime().addDays(6)).has_value());
    // ...but not be dated in the future.
    expectError(signer().verify(week, lookupOf(credentials()), signingTime().addSecs(-16 * 60)),
                ErrorKind::RequestExpired, u"InvalidSignatureException"_s);

    // Longer than a week is refused outright.
    HttpRequest tooLong = presignedRequest(std::chrono::seconds(604801));
    expectError(signer().verify(tooLong, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s, u"X-Amz-Expires must be less than a week (in seconds) that is 604800"_s);
}

void TestSigV4Verifier::testPresignedTampering()
{
    HttpRequest request = presignedRequest(std::chrono::minutes(5));
    QVERIFY(signer().verify(request, lookupOf(credentials()), signingTime()).has_value());

    HttpRequest otherSecret = request;
    otherSecret.query.replace("pixell%2Fprod", "pixell%2Fdev");
    expectError(signer().verify(otherSecret, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s, signatureMismatch);

    HttpRequest longer = request;
    longer.query.replace("X-Amz-Expires=300", "X-Amz-Expires=3000");
    expectError(signer().verify(longer, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s, signatureMismatch);

    // Re-encoding the query on the way does not matter: the canonical form is the same.
    HttpRequest reencoded = request;
    reencoded.query.replace("SecretId=pixell%2Fprod", "%53ecretId=pixell/prod");
    QVERIFY(signer().verify(reencoded, lookupOf(credentials()), signingTime()).has_value());
}

void TestSigV4Verifier::testMissingAuthentication()
{
    const HttpRequest request = getSecretValue();
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidRequest,
                u"MissingAuthenticationTokenException"_s, u"Request is missing Authentication Token"_s);

    HttpRequest withQuery = request;
    withQuery.query = "Action=ListSecrets";
    expectError(signer().verify(withQuery, lookupOf(credentials()), signingTime()), ErrorKind::InvalidRequest,
                u"MissingAuthenticationTokenException"_s);
}

void TestSigV4Verifier::testIncompleteAuthorization()
{
    HttpRequest request = signedRequest();
    request.setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/secretsmanager/aws4_request");
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s,
                u"Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter."_s);

    request.setHeader("Authorization", "Basic QUtJREVYQU1QTEU6c2VjcmV0");
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s, u"Unsupported AWS 'algorithm': 'Basic'"_s);
    // A bare token is not echoed back.
    request.setHeader("Authorization", "c2VjcmV0LXRva2VuLXRoYXQtbXVzdC1ub3QtYmUtZWNob2Vk");
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s, u"Unsupported AWS 'algorithm'."_s);

    request = signedRequest();
    request.removeHeaders("X-Amz-Date");
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s,
                u"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."_s);

    HttpRequest presigned = presignedRequest(std::chrono::minutes(5));
    presigned.query.replace("X-Amz-Credential=", "X-Amz-Kredential=");
    expectError(signer().verify(presigned, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s,
                u"AWS query-string parameters must include 'X-Amz-Credential'. Re-examine the query-string parameters."_s);
}

void TestSigV4Verifier::testCredentialScope()
{
    const SigV4Signer inOtherRegion(u"eu-west-3"_s, u"secretsmanager"_s);
    HttpRequest request = getSecretValue();
    inOtherRegion.sign(request, credentials(), signingTime());
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s, u"Credential should be scoped to a valid region, not 'eu-west-3'. "_s);

    // The sandbox answers for every region.
    VerificationOptions anyRegion;
    anyRegion.acceptAnyRegion = true;
    const auto verified = signer().verify(request, lookupOf(credentials()), signingTime(), anyRegion);
    QVERIFY(verified.has_value());
    QCOMPARE(verified->region, u"eu-west-3"_s);

    const SigV4Signer forKms(u"us-east-1"_s, u"kms"_s);
    request = getSecretValue();
    forKms.sign(request, credentials(), signingTime());
    expectError(signer().verify(request, lookupOf(credentials()), signingTime(), anyRegion), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s, u"Credential should be scoped to correct service: 'secretsmanager'. "_s);

    request = signedRequest();
    QByteArray authorization = request.headerValue("Authorization");
    authorization.replace("/20260101/", "/20260102/");
    request.setHeader("Authorization", authorization);
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s,
                u"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                "'20260102' != '20260101', from '20260101T000000Z'."_s);

    request = signedRequest();
    request.setHeader("X-Amz-Date", "2026-01-01T00:00:00Z");
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"IncompleteSignatureException"_s);
}

void TestSigV4Verifier::testSignedHeadersMustIncludeHost()
{
    HttpRequest request = getSecretValue();
    request.removeHeaders("Host");
    signer().sign(request, credentials(), signingTime());
    request.headers.prepend({"Host", "secretsmanager.us-east-1.amazonaws.com"});
    expectError(signer().verify(request, lookupOf(credentials()), signingTime()), ErrorKind::InvalidSignature,
                u"InvalidSignatureException"_s,
                u"'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."_s);
}

void TestSigV4Verifier::testDateHeaderInsteadOfAmzDate()
{
    // SigV4 allows the HTTP Date header in place of X-Amz-Date (botocore uses it when present).
    // Built from the signer's building blocks, as a client that sets Date would sign.
    HttpRequest request = getSecretValue();
    request.headers.emplaceBack("Date", "Thu, 01 Jan 2026 00:00:00 GMT");
    const QByteArray canonical = signer().canonicalRequest(request);
    QVERIFY(canonical.contains("\ndate:Thu, 01 Jan 2026 00:00:00 GMT\n"));
    const QByteArray stringToSign = signer().stringToSign(canonical, signingTime());
    QVERIFY(stringToSign.startsWith("AWS4-HMAC-SHA256\n20260101T000000Z\n20260101/us-east-1/secretsmanager/aws4_request\n"));
    const QByteArray signature = signer().signature(stringToSign, credentials(), signingTime());
    request.headers.emplaceBack("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + signer().credentialScope(signingTime())
                                        + ", SignedHeaders=content-type;date;host;x-amz-target, Signature=" + signature);

    const auto verified = signer().verify(request, lookupOf(credentials()), signingTime());
    QVERIFY2(verified.has_value(), qPrintable(verified ? QString() : verified.error().message));
    QCOMPARE(verified->signedAt, signingTime());

    // The same request signed by sign() carries the same signature: one canonicalization.
    HttpRequest viaSign = getSecretValue();
    viaSign.headers.emplaceBack("Date", "Thu, 01 Jan 2026 00:00:00 GMT");
    const auto result = signer().signWithResult(viaSign, credentials(), signingTime());
    QCOMPARE(result.stringToSign.first(result.stringToSign.lastIndexOf('\n')),
             stringToSign.first(stringToSign.lastIndexOf('\n')));
}

QTEST_GUILESS_MAIN(TestSigV4Verifier)
#include "testsigv4verifier.moc"
