// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsclient.h"
#include "models/aws/awserror.h"
#include "models/aws/retrypolicy.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsClient;
using coffer::aws::AwsError;
using coffer::aws::ErrorKind;
using coffer::aws::RetryPolicy;
using coffer::aws::WireProtocol;

Q_DECLARE_METATYPE(coffer::aws::ErrorKind)

namespace {

const QList<ErrorKind> kAllKinds = {
    ErrorKind::AccessDenied,       ErrorKind::ResourceNotFound,   ErrorKind::DecryptionFailure,
    ErrorKind::KmsFailure,         ErrorKind::InvalidSignature,   ErrorKind::UnrecognizedClient,
    ErrorKind::ExpiredToken,       ErrorKind::RequestExpired,     ErrorKind::Throttling,
    ErrorKind::InvalidParameter,   ErrorKind::InvalidRequest,     ErrorKind::LimitExceeded,
    ErrorKind::ResourceExists,     ErrorKind::PreconditionNotMet, ErrorKind::MalformedPolicy,
    ErrorKind::InternalServiceError, ErrorKind::ServiceUnavailable,
    ErrorKind::UnknownServiceError, ErrorKind::HostNotFound,     ErrorKind::ConnectionRefused,
    ErrorKind::TlsFailure,         ErrorKind::Timeout,            ErrorKind::Cancelled,
    ErrorKind::NetworkFailure,     ErrorKind::ProtocolError,      ErrorKind::Configuration,
    ErrorKind::CredentialsMissing,
};

AwsError serviceError(const QString &code, int status = 400, const QString &message = {})
{
    return AwsError::fromService(code, message, u"rid"_s, status);
}

} // namespace

class TestAwsError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testKindForCode_data();
    void testKindForCode();
    void testNormalizedCode_data();
    void testNormalizedCode();
    void testEverySecretsManagerModelErrorIsKnown();
    void testExplanationForEveryKind();
    void testUnknownCodeKeepsCodeAndUsesStatus_data();
    void testUnknownCodeKeepsCodeAndUsesStatus();
    void testRetryable_data();
    void testRetryable();
    void testClockSkew_data();
    void testClockSkew();
    void testNetworkErrors_data();
    void testNetworkErrors();
    void testSummary();
    void testJsonErrorDocument_data();
    void testJsonErrorDocument();
    void testQueryErrorDocument();
    void testRetryPolicyBackoff_data();
    void testRetryPolicyBackoff();
    void testRetryPolicyScale();
    void testParseHttpDate();
};

void TestAwsError::testKindForCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<ErrorKind>("kind");
    const QList<std::pair<const char *, ErrorKind>> rows = {
        {"AccessDeniedException", ErrorKind::AccessDenied},
        {"AccessDenied", ErrorKind::AccessDenied},
        {"ResourceNotFoundException", ErrorKind::ResourceNotFound},
        {"NoSuchEntity", ErrorKind::ResourceNotFound},
        {"DecryptionFailure", ErrorKind::DecryptionFailure},
        {"EncryptionFailure", ErrorKind::KmsFailure},
        {"KMSInvalidStateException", ErrorKind::KmsFailure},
        {"KMSAccessDeniedException", ErrorKind::KmsFailure},
        {"KMSDisabledException", ErrorKind::KmsFailure},
        {"KMSNotFoundException", ErrorKind::KmsFailure},
        {"KMSSomeFutureException", ErrorKind::KmsFailure},
        {"DisabledException", ErrorKind::KmsFailure},
        {"InvalidSignatureException", ErrorKind::InvalidSignature},
        {"SignatureDoesNotMatch", ErrorKind::InvalidSignature},
        {"IncompleteSignatureException", ErrorKind::InvalidSignature},
        {"MissingAuthenticationTokenException", ErrorKind::InvalidSignature},
        {"UnrecognizedClientException", ErrorKind::UnrecognizedClient},
        {"InvalidClientTokenId", ErrorKind::UnrecognizedClient},
        {"ExpiredTokenException", ErrorKind::ExpiredToken},
        {"ExpiredToken", ErrorKind::ExpiredToken},
        {"RequestExpired", ErrorKind::RequestExpired},
        {"RequestTimeTooSkewed", ErrorKind::RequestExpired},
        {"ThrottlingException", ErrorKind::Throttling},
        {"Throttling", ErrorKind::Throttling},
        {"TooManyRequestsException", ErrorKind::Throttling},
        {"RequestLimitExceeded", ErrorKind::Throttling},
        {"InvalidParameterException", ErrorKind::InvalidParameter},
        {"InvalidNextTokenException", ErrorKind::InvalidParameter},
        {"InvalidInput", ErrorKind::InvalidParameter},
        {"InvalidRequestException", ErrorKind::InvalidRequest},
        {"UnknownOperationException", ErrorKind::InvalidRequest},
        {"LimitExceededException", ErrorKind::LimitExceeded},
        {"ResourceExistsException", ErrorKind::ResourceExists},
        {"PreconditionNotMetException", ErrorKind::PreconditionNotMet},
        {"MalformedPolicyDocumentException", ErrorKind::MalformedPolicy},
        {"MalformedPolicyDocument", ErrorKind::MalformedPolicy},
        {"InternalServiceError", ErrorKind::InternalServiceError},
        {"InternalFailure", ErrorKind::InternalServiceError},
        {"ServiceUnavailable", ErrorKind::ServiceUnavailable},
        {"ServiceUnavailableException", ErrorKind::ServiceUnavailable},
        {"SomethingNew", ErrorKind::UnknownServiceError},
        {"", ErrorKind::UnknownServiceError},
    };
    for (const auto &[code, kind] : rows) {
        QTest::addRow("%s", *code ? code : "empty") << QString::fromLatin1(code) << kind;
        if (*code) {
            QTest::addRow("%s with prefix", code)
                << u"com.amazonaws.secretsmanager#"_s + QString::fromLatin1(code) << kind;
        }
    }
}

void TestAwsError::testKindForCode()
{
    QFETCH(QString, code);
    QFETCH(ErrorKind, kind);
    QCOMPARE(AwsError::kindName(AwsError::kindForCode(code)), AwsError::kindName(kind));
}

void TestAwsError::testNormalizedCode_data()
{
    QTest::addColumn<QString>("wire");
    QTest::addColumn<QString>("code");
    QTest::newRow("plain") << u"ResourceNotFoundException"_s << u"ResourceNotFoundException"_s;
    QTest::newRow("json 1.1 type") << u"com.amazonaws.secretsmanager#DecryptionFailure"_s
                                   << u"DecryptionFailure"_s;
    QTest::newRow("error type header")
        << u"AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/"_s
        << u"AccessDeniedException"_s;
    QTest::newRow("spaces") << u"  Throttling \n"_s << u"Throttling"_s;
}

void TestAwsError::testNormalizedCode()
{
    QFETCH(QString, wire);
    QFETCH(QString, code);
    QCOMPARE(AwsError::normalizedCode(wire), code);
    QCOMPARE(AwsError::fromService(wire, {}, {}, 400).code, code);
}

void TestAwsError::testEverySecretsManagerModelErrorIsKnown()
{
    // The exception shapes of secretsmanager/2017-10-17/service-2.json.
    const QStringList modelErrors = {
        u"DecryptionFailure"_s, u"EncryptionFailure"_s, u"InternalServiceError"_s,
        u"InvalidNextTokenException"_s, u"InvalidParameterException"_s,
        u"InvalidRequestException"_s, u"LimitExceededException"_s,
        u"MalformedPolicyDocumentException"_s, u"PreconditionNotMetException"_s,
        u"PublicPolicyException"_s, u"ResourceExistsException"_s,
        u"ResourceNotFoundException"_s};
    for (const QString &code : modelErrors)
        QVERIFY2(AwsError::kindForCode(code) != ErrorKind::UnknownServiceError, qPrintable(code));
}

void TestAwsError::testExplanationForEveryKind()
{
    QSet<QString> seen;
    for (ErrorKind kind : kAllKinds) {
        AwsError error;
        error.kind = kind;
        const QString text = error.explanation();
        QVERIFY2(text.size() > 20, AwsError::kindName(kind).data());
        QVERIFY2(text.endsWith(u'.'), AwsError::kindName(kind).data());
        QVERIFY2(!seen.contains(text), AwsError::kindName(kind).data());
        seen.insert(text);
    }
    AwsError kms;
    kms.kind = ErrorKind::DecryptionFailure;
    QVERIFY(kms.explanation().contains(u"kms:Decrypt"_s));
    AwsError clock;
    clock.kind = ErrorKind::RequestExpired;
    QVERIFY(clock.explanation().contains(u"clock"_s));
}

void TestAwsError::testUnknownCodeKeepsCodeAndUsesStatus_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("400") << 400 << ErrorKind::UnknownServiceError;
    QTest::newRow("429") << 429 << ErrorKind::Throttling;
    QTest::newRow("500") << 500 << ErrorKind::InternalServiceError;
    QTest::newRow("502") << 502 << ErrorKind::InternalServiceError;
    QTest::newRow("503") << 503 << ErrorKind::ServiceUnavailable;
}

void TestAwsError::testUnknownCodeKeepsCodeAndUsesStatus()
{
    QFETCH(int, status);
    QFETCH(ErrorKind, kind);
    const AwsError error = AwsError::fromService(u"BrandNewException"_s, u"Something new"_s,
                                                 u"r-1"_s, status);
    QCOMPARE(AwsError::kindName(error.kind), AwsError::kindName(kind));
    QCOMPARE(error.code, u"BrandNewException"_s);
    QCOMPARE(error.message, u"Something new"_s);
    QCOMPARE(error.requestId, u"r-1"_s);
    QCOMPARE(error.httpStatus, status);
}

void TestAwsError::testRetryable_data()
{
    QTest::addColumn<AwsError>("error");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<bool>("throttling");
    QTest::newRow("ThrottlingException") << serviceError(u"ThrottlingException"_s) << true << true;
    QTest::newRow("Throttling (query)") << serviceError(u"Throttling"_s) << true << true;
    QTest::newRow("TooManyRequests 429") << serviceError(u"TooManyRequestsException"_s, 429)
                                         << true << true;
    QTest::newRow("InternalServiceError 500") << serviceError(u"InternalServiceError"_s, 500)
                                              << true << false;
    QTest::newRow("unknown 502") << serviceError(u"Gateway"_s, 502) << true << false;
    QTest::newRow("ServiceUnavailable 503") << serviceError(u"ServiceUnavailable"_s, 503) << true
                                            << false;
    QTest::newRow("AccessDenied") << serviceError(u"AccessDeniedException"_s) << false << false;
    QTest::newRow("ResourceNotFound") << serviceError(u"ResourceNotFoundException"_s) << false
                                      << false;
    QTest::newRow("LimitExceeded (a quota, not a rate)")
        << serviceError(u"LimitExceededException"_s) << false << false;
    QTest::newRow("DecryptionFailure") << serviceError(u"DecryptionFailure"_s) << false << false;
    QTest::newRow("connection refused")
        << AwsError::fromNetworkError(QNetworkReply::ConnectionRefusedError, {}) << true << false;
    QTest::newRow("transfer timeout")
        << AwsError::fromNetworkError(QNetworkReply::OperationCanceledError, {}) << true << false;
    QTest::newRow("connection closed")
        << AwsError::fromNetworkError(QNetworkReply::RemoteHostClosedError, {}) << true << false;
    QTest::newRow("host not found")
        << AwsError::fromNetworkError(QNetworkReply::HostNotFoundError, {}) << false << false;
    QTest::newRow("tls") << AwsError::fromNetworkError(QNetworkReply::SslHandshakeFailedError, {})
                         << false << false;
    QTest::newRow("cancelled") << AwsError::cancelled() << false << false;
    QTest::newRow("configuration") << AwsError::configuration(u"x"_s) << false << false;
}

void TestAwsError::testRetryable()
{
    QFETCH(AwsError, error);
    QFETCH(bool, retryable);
    QFETCH(bool, throttling);
    QCOMPARE(error.isRetryable(), retryable);
    QCOMPARE(error.isThrottling(), throttling);
    QCOMPARE(RetryPolicy{}.shouldRetry(error), retryable);
}

void TestAwsError::testClockSkew_data()
{
    QTest::addColumn<AwsError>("error");
    QTest::addColumn<bool>("skew");
    QTest::newRow("RequestExpired") << serviceError(u"RequestExpired"_s) << true;
    QTest::newRow("RequestTimeTooSkewed") << serviceError(u"RequestTimeTooSkewed"_s) << true;
    QTest::newRow("InvalidSignature expired")
        << serviceError(u"InvalidSignatureException"_s, 400,
                        u"Signature expired: 20260101T000000Z is now earlier than "
                        u"20260101T001000Z (20260101T002500Z - 15 min.)"_s)
        << true;
    QTest::newRow("SignatureDoesNotMatch not yet current")
        << serviceError(u"SignatureDoesNotMatch"_s, 403,
                        u"Signature not yet current: 20260102T000000Z is still later than ..."_s)
        << true;
    QTest::newRow("InvalidSignature wrong key")
        << serviceError(u"InvalidSignatureException"_s, 400,
                        u"The request signature we calculated does not match"_s)
        << false;
    QTest::newRow("AccessDenied") << serviceError(u"AccessDeniedException"_s) << false;
}

void TestAwsError::testClockSkew()
{
    QFETCH(AwsError, error);
    QFETCH(bool, skew);
    QCOMPARE(error.isClockSkew(), skew);
}

void TestAwsError::testNetworkErrors_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("networkError");
    QTest::addColumn<bool>("byUser");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("host not found") << QNetworkReply::HostNotFoundError << false
                                    << ErrorKind::HostNotFound;
    QTest::newRow("refused") << QNetworkReply::ConnectionRefusedError << false
                             << ErrorKind::ConnectionRefused;
    QTest::newRow("tls") << QNetworkReply::SslHandshakeFailedError << false
                         << ErrorKind::TlsFailure;
    QTest::newRow("connect timeout") << QNetworkReply::TimeoutError << false << ErrorKind::Timeout;
    QTest::newRow("transfer timeout") << QNetworkReply::OperationCanceledError << false
                                      << ErrorKind::Timeout;
    QTest::newRow("user cancel") << QNetworkReply::OperationCanceledError << true
                                 << ErrorKind::Cancelled;
    QTest::newRow("closed") << QNetworkReply::RemoteHostClosedError << false
                            << ErrorKind::NetworkFailure;
    QTest::newRow("proxy") << QNetworkReply::ProxyConnectionRefusedError << false
                           << ErrorKind::NetworkFailure;
    QTest::newRow("temporary") << QNetworkReply::TemporaryNetworkFailureError << false
                               << ErrorKind::NetworkFailure;
    QTest::newRow("redirects") << QNetworkReply::TooManyRedirectsError << false
                               << ErrorKind::ProtocolError;
}

void TestAwsError::testNetworkErrors()
{
    QFETCH(QNetworkReply::NetworkError, networkError);
    QFETCH(bool, byUser);
    QFETCH(ErrorKind, kind);
    const AwsError error = AwsError::fromNetworkError(networkError, u"Qt says"_s, byUser);
    QCOMPARE(AwsError::kindName(error.kind), AwsError::kindName(kind));
    QCOMPARE(error.httpStatus, 0);
    QVERIFY(!error.code.isEmpty());
    if (kind != ErrorKind::Cancelled)
        QCOMPARE(error.message, u"Qt says"_s);
}

void TestAwsError::testSummary()
{
    const AwsError error = AwsError::fromService(
        u"com.amazonaws.secretsmanager#ResourceNotFoundException"_s,
        u"Secrets Manager can't find the specified secret."_s, u"5f3c-11"_s, 400);
    QCOMPARE(error.summary(), u"ResourceNotFoundException: Secrets Manager can't find the "
                              u"specified secret. (request id 5f3c-11)"_s);
    QCOMPARE(AwsError::cancelled().summary(), u"Cancelled"_s);
}

void TestAwsError::testJsonErrorDocument_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("errorTypeHeader");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("lowercase message")
        << 400
        << R"({"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."})"_ba
        << QByteArray() << u"ResourceNotFoundException"_s
        << u"Secrets Manager can't find the specified secret."_s << ErrorKind::ResourceNotFound;
    QTest::newRow("capital Message")
        << 400
        << R"({"__type":"AccessDeniedException","Message":"User: arn:aws:iam::1:user/a is not authorized"})"_ba
        << QByteArray() << u"AccessDeniedException"_s
        << u"User: arn:aws:iam::1:user/a is not authorized"_s << ErrorKind::AccessDenied;
    QTest::newRow("header only") << 400 << "{}"_ba
                                 << "ThrottlingException:http://internal.amazon.com/"_ba
                                 << u"ThrottlingException"_s << QString() << ErrorKind::Throttling;
    QTest::newRow("html 503") << 503 << "<html>busy</html>"_ba << QByteArray() << QString()
                              << QString() << ErrorKind::ServiceUnavailable;
    QTest::newRow("html 404") << 404 << "<html>nope</html>"_ba << QByteArray()
                              << u"ProtocolError"_s << QString() << ErrorKind::ProtocolError;
}

void TestAwsError::testJsonErrorDocument()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, errorTypeHeader);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(ErrorKind, kind);
    QList<std::pair<QByteArray, QByteArray>> headers{{"x-amzn-RequestId"_ba, "abc-123"_ba}};
    if (!errorTypeHeader.isEmpty())
        headers.append({"x-amzn-ErrorType"_ba, errorTypeHeader});
    const AwsError error = AwsClient::errorFromResponse(WireProtocol::Json11, status, headers, body);
    QCOMPARE(AwsError::kindName(error.kind), AwsError::kindName(kind));
    QCOMPARE(error.code, code);
    if (!message.isEmpty())
        QCOMPARE(error.message, message);
    QCOMPARE(error.requestId, u"abc-123"_s);
    QCOMPARE(error.httpStatus, status);
}

void TestAwsError::testQueryErrorDocument()
{
    const QByteArray body = R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>InvalidClientTokenId</Code>
    <Message>The security token included in the request is invalid.</Message>
  </Error>
  <RequestId>4fa9-sts</RequestId>
</ErrorResponse>)"_ba;
    const AwsError error = AwsClient::errorFromResponse(WireProtocol::Query, 403, {}, body);
    QCOMPARE(AwsError::kindName(error.kind), AwsError::kindName(ErrorKind::UnrecognizedClient));
    QCOMPARE(error.code, u"InvalidClientTokenId"_s);
    QCOMPARE(error.message, u"The security token included in the request is invalid."_s);
    QCOMPARE(error.requestId, u"4fa9-sts"_s);
    QCOMPARE(error.httpStatus, 403);

    const AwsError garbage =
        AwsClient::errorFromResponse(WireProtocol::Query, 400, {}, "not xml"_ba);
    QCOMPARE(AwsError::kindName(garbage.kind), AwsError::kindName(ErrorKind::ProtocolError));
}

void TestAwsError::testRetryPolicyBackoff_data()
{
    QTest::addColumn<int>("retry");
    QTest::addColumn<bool>("throttled");
    QTest::addColumn<double>("random");
    QTest::addColumn<qint64>("expectedMs");
    QTest::newRow("first retry, max jitter") << 1 << false << 1.0 << qint64(100);
    QTest::newRow("second retry, max jitter") << 2 << false << 1.0 << qint64(200);
    QTest::newRow("second retry, half jitter") << 2 << false << 0.5 << qint64(100);
    QTest::newRow("zero jitter") << 3 << false << 0.0 << qint64(0);
    QTest::newRow("throttled first") << 1 << true << 1.0 << qint64(1000);
    QTest::newRow("throttled third") << 3 << true << 1.0 << qint64(4000);
    QTest::newRow("capped at 20 s") << 12 << false << 1.0 << qint64(20000);
    QTest::newRow("throttled capped") << 9 << true << 0.9 << qint64(18000);
}

void TestAwsError::testRetryPolicyBackoff()
{
    QFETCH(int, retry);
    QFETCH(bool, throttled);
    QFETCH(double, random);
    QFETCH(qint64, expectedMs);
    RetryPolicy policy;
    policy.random = [random] { return random; };
    const AwsError error = throttled ? serviceError(u"ThrottlingException"_s)
                                     : serviceError(u"InternalServiceError"_s, 500);
    QCOMPARE(policy.delayBeforeRetry(retry, error).count(), expectedMs);
}

void TestAwsError::testRetryPolicyScale()
{
    RetryPolicy policy;
    policy.delayScale = 0.01;
    const AwsError error = serviceError(u"ThrottlingException"_s);
    for (int i = 0; i < 50; ++i) {
        const auto delay = policy.delayBeforeRetry(2, error).count();
        QVERIFY(delay >= 0 && delay <= 20);
    }
    // Default jitter is random: 50 draws do not all land on the same value.
    RetryPolicy jittered;
    QSet<qint64> values;
    for (int i = 0; i < 50; ++i)
        values.insert(jittered.delayBeforeRetry(3, error).count());
    QVERIFY(values.size() > 5);
}

void TestAwsError::testParseHttpDate()
{
    const QDateTime parsed = AwsClient::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"_ba);
    QVERIFY(parsed.isValid());
    QCOMPARE(parsed.toUTC(), QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC));
    QVERIFY(!AwsClient::parseHttpDate("yesterday"_ba).isValid());
    QVERIFY(!AwsClient::parseHttpDate({}).isValid());
}

QTEST_GUILESS_MAIN(TestAwsError)
#include "testawserror.moc"
