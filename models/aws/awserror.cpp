// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awserror.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// Every code the services we talk to document (Secrets Manager, STS, IAM, KMS as relayed by
// Secrets Manager), plus the generic codes of the AWS protocols. Anything else is
// UnknownServiceError and keeps its code verbatim.
const QHash<QString, ErrorKind> &codeTable()
{
    static const QHash<QString, ErrorKind> table = {
        // Permissions
        {u"AccessDeniedException"_s, ErrorKind::AccessDenied},
        {u"AccessDenied"_s, ErrorKind::AccessDenied},
        {u"AuthorizationError"_s, ErrorKind::AccessDenied},
        {u"UnauthorizedOperation"_s, ErrorKind::AccessDenied},
        {u"NotAuthorized"_s, ErrorKind::AccessDenied},
        // Missing things
        {u"ResourceNotFoundException"_s, ErrorKind::ResourceNotFound},
        {u"NoSuchEntity"_s, ErrorKind::ResourceNotFound},
        {u"NoSuchEntityException"_s, ErrorKind::ResourceNotFound},
        {u"NotFoundException"_s, ErrorKind::ResourceNotFound},
        // KMS as seen through Secrets Manager
        {u"DecryptionFailure"_s, ErrorKind::DecryptionFailure},
        {u"InvalidCiphertextException"_s, ErrorKind::DecryptionFailure},
        {u"IncorrectKeyException"_s, ErrorKind::DecryptionFailure},
        {u"EncryptionFailure"_s, ErrorKind::KmsFailure},
        {u"KMSInvalidStateException"_s, ErrorKind::KmsFailure},
        {u"KMSAccessDeniedException"_s, ErrorKind::KmsFailure},
        {u"KMSDisabledException"_s, ErrorKind::KmsFailure},
        {u"KMSNotFoundException"_s, ErrorKind::KmsFailure},
        {u"KMSOptInRequired"_s, ErrorKind::KmsFailure},
        {u"KMSInvalidMacException"_s, ErrorKind::KmsFailure},
        {u"KMSInternalException"_s, ErrorKind::KmsFailure},
        {u"KMSInvalidSignatureException"_s, ErrorKind::KmsFailure},
        {u"DisabledException"_s, ErrorKind::KmsFailure},
        {u"KeyUnavailableException"_s, ErrorKind::KmsFailure},
        {u"InvalidKeyUsageException"_s, ErrorKind::KmsFailure},
        {u"KMSThrottlingException"_s, ErrorKind::Throttling},
        // Signature and identity
        {u"InvalidSignatureException"_s, ErrorKind::InvalidSignature},
        {u"SignatureDoesNotMatch"_s, ErrorKind::InvalidSignature},
        {u"IncompleteSignature"_s, ErrorKind::InvalidSignature},
        {u"IncompleteSignatureException"_s, ErrorKind::InvalidSignature},
        {u"MissingAuthenticationToken"_s, ErrorKind::InvalidSignature},
        {u"MissingAuthenticationTokenException"_s, ErrorKind::InvalidSignature},
        {u"UnrecognizedClientException"_s, ErrorKind::UnrecognizedClient},
        {u"InvalidClientTokenId"_s, ErrorKind::UnrecognizedClient},
        {u"InvalidAccessKeyId"_s, ErrorKind::UnrecognizedClient},
        {u"ExpiredTokenException"_s, ErrorKind::ExpiredToken},
        {u"ExpiredToken"_s, ErrorKind::ExpiredToken},
        {u"TokenRefreshRequired"_s, ErrorKind::ExpiredToken},
        {u"RequestExpired"_s, ErrorKind::RequestExpired},
        {u"RequestTimeTooSkewed"_s, ErrorKind::RequestExpired},
        {u"RequestInTheFuture"_s, ErrorKind::RequestExpired},
        // Throttling (the SDKs' standard retry mode list)
        {u"ThrottlingException"_s, ErrorKind::Throttling},
        {u"Throttling"_s, ErrorKind::Throttling},
        {u"ThrottledException"_s, ErrorKind::Throttling},
        {u"RequestThrottledException"_s, ErrorKind::Throttling},
        {u"RequestThrottled"_s, ErrorKind::Throttling},
        {u"TooManyRequestsException"_s, ErrorKind::Throttling},
        {u"RequestLimitExceeded"_s, ErrorKind::Throttling},
        {u"ProvisionedThroughputExceededException"_s, ErrorKind::Throttling},
        {u"BandwidthLimitExceeded"_s, ErrorKind::Throttling},
        {u"SlowDown"_s, ErrorKind::Throttling},
        {u"EC2ThrottledException"_s, ErrorKind::Throttling},
        {u"PriorRequestNotComplete"_s, ErrorKind::Throttling},
        {u"TransactionInProgressException"_s, ErrorKind::Throttling},
        // Bad input
        {u"InvalidParameterException"_s, ErrorKind::InvalidParameter},
        {u"InvalidParameterValue"_s, ErrorKind::InvalidParameter},
        {u"InvalidParameterCombination"_s, ErrorKind::InvalidParameter},
        {u"InvalidParameterValueException"_s, ErrorKind::InvalidParameter},
        {u"MissingParameter"_s, ErrorKind::InvalidParameter},
        {u"InvalidInput"_s, ErrorKind::InvalidParameter},
        {u"InvalidInputException"_s, ErrorKind::InvalidParameter},
        {u"ValidationException"_s, ErrorKind::InvalidParameter},
        {u"ValidationError"_s, ErrorKind::InvalidParameter},
        {u"InvalidNextTokenException"_s, ErrorKind::InvalidParameter},
        {u"InvalidQueryParameter"_s, ErrorKind::InvalidParameter},
        {u"InvalidRequestException"_s, ErrorKind::InvalidRequest},
        {u"InvalidRequest"_s, ErrorKind::InvalidRequest},
        {u"InvalidAction"_s, ErrorKind::InvalidRequest},
        {u"UnknownOperationException"_s, ErrorKind::InvalidRequest},
        {u"SerializationException"_s, ErrorKind::InvalidRequest},
        {u"MalformedQueryString"_s, ErrorKind::InvalidRequest},
        {u"PublicPolicyException"_s, ErrorKind::InvalidRequest},
        {u"RegionDisabledException"_s, ErrorKind::InvalidRequest},
        // Quotas, conflicts, policies
        {u"LimitExceededException"_s, ErrorKind::LimitExceeded},
        {u"LimitExceeded"_s, ErrorKind::LimitExceeded},
        {u"ServiceQuotaExceededException"_s, ErrorKind::LimitExceeded},
        {u"PackedPolicyTooLarge"_s, ErrorKind::LimitExceeded},
        {u"PackedPolicyTooLargeException"_s, ErrorKind::LimitExceeded},
        {u"ResourceExistsException"_s, ErrorKind::ResourceExists},
        {u"ResourceAlreadyExistsException"_s, ErrorKind::ResourceExists},
        {u"EntityAlreadyExists"_s, ErrorKind::ResourceExists},
        {u"EntityAlreadyExistsException"_s, ErrorKind::ResourceExists},
        {u"PreconditionNotMetException"_s, ErrorKind::PreconditionNotMet},
        {u"MalformedPolicyDocumentException"_s, ErrorKind::MalformedPolicy},
        {u"MalformedPolicyDocument"_s, ErrorKind::MalformedPolicy},
        // Server side
        {u"InternalServiceError"_s, ErrorKind::InternalServiceError},
        {u"InternalServiceErrorException"_s, ErrorKind::InternalServiceError},
        {u"InternalFailure"_s, ErrorKind::InternalServiceError},
        {u"InternalError"_s, ErrorKind::InternalServiceError},
        {u"InternalServerError"_s, ErrorKind::InternalServiceError},
        {u"InternalServerException"_s, ErrorKind::InternalServiceError},
        {u"ServiceFailure"_s, ErrorKind::InternalServiceError},
        {u"ServiceFailureException"_s, ErrorKind::InternalServiceError},
        {u"PolicyEvaluation"_s, ErrorKind::InternalServiceError},
        {u"PolicyEvaluationException"_s, ErrorKind::InternalServiceError},
        {u"ServiceUnavailable"_s, ErrorKind::ServiceUnavailable},
        {u"ServiceUnavailableException"_s, ErrorKind::ServiceUnavailable},
        {u"ServiceUnavailableError"_s, ErrorKind::ServiceUnavailable},
        {u"Unavailable"_s, ErrorKind::ServiceUnavailable},
        {u"RequestTimeout"_s, ErrorKind::Timeout},
        {u"RequestTimeoutException"_s, ErrorKind::Timeout},
    };
    return table;
}

// Strings are marked with QT_TRANSLATE_NOOP so lupdate finds them under one context.
QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::aws::AwsError", text);
}

} // namespace

QString AwsError::normalizedCode(const QString &code)
{
    QString result = code.trimmed();
    // JSON 1.1 __type: "com.amazonaws.secretsmanager#ResourceNotFoundException"
    if (const qsizetype hash = result.lastIndexOf(u'#'); hash >= 0)
        result = result.mid(hash + 1);
    // x-amzn-ErrorType and some JSON services: "Code:http://internal.amazon.com/coral/..."
    if (const qsizetype colon = result.indexOf(u':'); colon >= 0)
        result.truncate(colon);
    return result;
}

ErrorKind AwsError::kindForCode(const QString &code)
{
    const QString normalized = normalizedCode(code);
    const auto &table = codeTable();
    if (const auto it = table.constFind(normalized); it != table.cend())
        return it.value();
    // "KMS...Exception" codes that later service versions add still are KMS trouble.
    if (normalized.startsWith(u"KMS"_s))
        return ErrorKind::KmsFailure;
    return ErrorKind::UnknownServiceError;
}

QLatin1StringView AwsError::kindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::AccessDenied: return "AccessDenied"_L1;
    case ErrorKind::ResourceNotFound: return "ResourceNotFound"_L1;
    case ErrorKind::DecryptionFailure: return "DecryptionFailure"_L1;
    case ErrorKind::KmsFailure: return "KmsFailure"_L1;
    case ErrorKind::InvalidSignature: return "InvalidSignature"_L1;
    case ErrorKind::UnrecognizedClient: return "UnrecognizedClient"_L1;
    case ErrorKind::ExpiredToken: return "ExpiredToken"_L1;
    case ErrorKind::RequestExpired: return "RequestExpired"_L1;
    case ErrorKind::Throttling: return "Throttling"_L1;
    case ErrorKind::InvalidParameter: return "InvalidParameter"_L1;
    case ErrorKind::InvalidRequest: return "InvalidRequest"_L1;
    case ErrorKind::LimitExceeded: return "LimitExceeded"_L1;
    case ErrorKind::ResourceExists: return "ResourceExists"_L1;
    case ErrorKind::PreconditionNotMet: return "PreconditionNotMet"_L1;
    case ErrorKind::MalformedPolicy: return "MalformedPolicy"_L1;
    case ErrorKind::InternalServiceError: return "InternalServiceError"_L1;
    case ErrorKind::ServiceUnavailable: return "ServiceUnavailable"_L1;
    case ErrorKind::UnknownServiceError: return "UnknownServiceError"_L1;
    case ErrorKind::HostNotFound: return "HostNotFound"_L1;
    case ErrorKind::ConnectionRefused: return "ConnectionRefused"_L1;
    case ErrorKind::TlsFailure: return "TlsFailure"_L1;
    case ErrorKind::Timeout: return "Timeout"_L1;
    case ErrorKind::Cancelled: return "Cancelled"_L1;
    case ErrorKind::NetworkFailure: return "NetworkFailure"_L1;
    case ErrorKind::ProtocolError: return "ProtocolError"_L1;
    case ErrorKind::Configuration: return "Configuration"_L1;
    case ErrorKind::CredentialsMissing: return "CredentialsMissing"_L1;
    }
    return "UnknownServiceError"_L1;
}

// The one place that turns a kind into words for the user.
QString AwsError::explanation() const
{
    switch (kind) {
    case ErrorKind::AccessDenied:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS refused the request because the identity in use is not allowed to do this. "
                  "Ask an administrator to grant the permission named in the message, or switch to "
                  "a profile that has it."));
    case ErrorKind::ResourceNotFound:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The secret or resource does not exist in this account and region. Check the "
                  "name, the region and the profile; secrets scheduled for deletion stay hidden "
                  "unless planned deletions are included."));
    case ErrorKind::DecryptionFailure:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "Secrets Manager could not decrypt the secret with its KMS key. The identity "
                  "needs kms:Decrypt on that key, the key policy must allow it, and the key must "
                  "be enabled."));
    case ErrorKind::KmsFailure:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The secret's KMS key cannot be used: it may be disabled, pending deletion, "
                  "missing, or not usable by this identity. Check the key and its key policy in "
                  "AWS KMS."));
    case ErrorKind::InvalidSignature:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS rejected the request signature. The secret access key of this profile is "
                  "probably wrong; enter the credentials again."));
    case ErrorKind::UnrecognizedClient:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS does not recognise the access key. It may have been deleted or "
                  "deactivated, or it belongs to another partition; update the credentials of "
                  "this profile."));
    case ErrorKind::ExpiredToken:
        return translated(QT_TRANSLATE_NOOP(
            "coffer::aws::AwsError",
            "The temporary credentials, or the token they are made from, have expired. Sign "
            "in again (SSO login or MFA code), or give a fresh web identity token, to get a "
            "fresh session."));
    case ErrorKind::RequestExpired:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS rejected the request because its time stamp is too far from AWS time. "
                  "Check this computer's clock, date and time zone, and turn on automatic time "
                  "synchronisation."));
    case ErrorKind::Throttling:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS is limiting the request rate. Wait a moment and try again; Coffer has "
                  "already retried a few times."));
    case ErrorKind::InvalidParameter:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS did not accept a value in the request. Correct the value the message "
                  "points to and try again."));
    case ErrorKind::InvalidRequest:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The request is not possible in the secret's current state (for example, it is "
                  "scheduled for deletion) or the endpoint does not support it. Read the message, "
                  "fix the state and try again."));
    case ErrorKind::LimitExceeded:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "A Secrets Manager quota was reached (for example, too many versions of a "
                  "secret). Remove what is no longer needed or request a higher quota."));
    case ErrorKind::ResourceExists:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "A secret or version with this name or request token already exists. Choose "
                  "another name, or reload to see the current state."));
    case ErrorKind::PreconditionNotMet:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "A condition for this change was not met (for example, a replica must be "
                  "handled first). Read the message, fix the condition and try again."));
    case ErrorKind::MalformedPolicy:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The policy document is not valid. Check its JSON syntax, its actions and its "
                  "ARNs."));
    case ErrorKind::InternalServiceError:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "AWS had an internal error. Try again later; Coffer has already retried a few "
                  "times."));
    case ErrorKind::ServiceUnavailable:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The service is temporarily unavailable. Try again in a few minutes."));
    case ErrorKind::UnknownServiceError:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The service answered with an error Coffer does not know. Its code and message "
                  "are shown unchanged."));
    case ErrorKind::HostNotFound:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The endpoint's host name could not be resolved. Check the network connection, "
                  "DNS, and the region and endpoint of this profile."));
    case ErrorKind::ConnectionRefused:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The endpoint refused the connection. Check the endpoint address and port, and "
                  "that no firewall or proxy blocks it."));
    case ErrorKind::TlsFailure:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "A secure (TLS) connection could not be established. The certificate may be "
                  "untrusted or a proxy may intercept the traffic; also check the system clock."));
    case ErrorKind::Timeout:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The endpoint did not answer in time. Check the network connection, VPN or "
                  "proxy, and try again."));
    case ErrorKind::Cancelled:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The request was cancelled."));
    case ErrorKind::NetworkFailure:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The network connection failed. Check that this computer is online and that "
                  "any proxy or VPN works, then try again."));
    case ErrorKind::ProtocolError:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The endpoint answered with something that is not a valid AWS response. Check "
                  "that the endpoint address points to Secrets Manager or a compatible service."));
    case ErrorKind::Configuration:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "The configuration is incomplete or invalid. Check the profile's region, "
                  "endpoint and config file."));
    case ErrorKind::CredentialsMissing:
        return translated(QT_TRANSLATE_NOOP("coffer::aws::AwsError",
            "No usable AWS credentials were found for this profile. Add an access key, sign "
                  "in with SSO, or choose another profile."));
    }
    return {};
}

bool AwsError::isThrottling() const
{
    return kind == ErrorKind::Throttling;
}

bool AwsError::isRetryable() const
{
    switch (kind) {
    case ErrorKind::Throttling:
    case ErrorKind::InternalServiceError:
    case ErrorKind::ServiceUnavailable:
    case ErrorKind::Timeout:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::NetworkFailure:
        return true;
    // A name that does not resolve or a certificate that is not trusted will not heal in a
    // second; report it at once instead of making the user wait through backoff.
    case ErrorKind::HostNotFound:
    case ErrorKind::TlsFailure:
    case ErrorKind::Cancelled:
    case ErrorKind::Configuration:
    case ErrorKind::CredentialsMissing:
        return false;
    default:
        break;
    }
    // The SDKs retry these statuses whatever the code says.
    return httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
}

bool AwsError::isClockSkew() const
{
    if (kind == ErrorKind::RequestExpired)
        return true;
    const QString normalized = normalizedCode(code);
    if (normalized == u"InvalidSignatureException"_s || normalized == u"SignatureDoesNotMatch"_s
        || normalized == u"AuthFailure"_s) {
        return message.contains(u"Signature expired"_s, Qt::CaseInsensitive)
               || message.contains(u"not yet current"_s, Qt::CaseInsensitive)
               || message.contains(u"too skewed"_s, Qt::CaseInsensitive);
    }
    return false;
}

QString AwsError::summary() const
{
    QString line = code.isEmpty() ? QString(kindName(kind)) : code;
    if (!message.isEmpty())
        line += u": "_s + message;
    if (!requestId.isEmpty())
        line += u" (request id "_s + requestId + u')';
    return line;
}

AwsError AwsError::configuration(const QString &message)
{
    return AwsError{ErrorKind::Configuration, u"Configuration"_s, message, {}, 0};
}

AwsError AwsError::credentialsMissing(const QString &message)
{
    return AwsError{ErrorKind::CredentialsMissing, u"CredentialsMissing"_s, message, {}, 0};
}

AwsError AwsError::fromService(const QString &code, const QString &message,
                               const QString &requestId, int httpStatus)
{
    const QString normalized = normalizedCode(code);
    ErrorKind kind = kindForCode(normalized);
    if (kind == ErrorKind::UnknownServiceError) {
        if (httpStatus == 429)
            kind = ErrorKind::Throttling;
        else if (httpStatus == 503)
            kind = ErrorKind::ServiceUnavailable;
        else if (httpStatus >= 500)
            kind = ErrorKind::InternalServiceError;
    }
    return AwsError{kind, normalized, message, requestId, httpStatus};
}

AwsError AwsError::fromNetworkError(QNetworkReply::NetworkError error, const QString &errorString,
                                    bool cancelledByUser)
{
    auto make = [&](ErrorKind kind, const QString &label) {
        return AwsError{kind, label, errorString, {}, 0};
    };
    switch (error) {
    case QNetworkReply::HostNotFoundError:
        return make(ErrorKind::HostNotFound, u"HostNotFound"_s);
    case QNetworkReply::ConnectionRefusedError:
        return make(ErrorKind::ConnectionRefused, u"ConnectionRefused"_s);
    case QNetworkReply::SslHandshakeFailedError:
        return make(ErrorKind::TlsFailure, u"TlsHandshakeFailed"_s);
    case QNetworkReply::TimeoutError:
        return make(ErrorKind::Timeout, u"ConnectTimeout"_s);
    case QNetworkReply::OperationCanceledError:
        return cancelledByUser ? cancelled() : make(ErrorKind::Timeout, u"TransferTimeout"_s);
    case QNetworkReply::RemoteHostClosedError:
        return make(ErrorKind::NetworkFailure, u"ConnectionClosed"_s);
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::UnknownNetworkError:
        return make(ErrorKind::NetworkFailure, u"NetworkFailure"_s);
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return make(ErrorKind::NetworkFailure, u"ProxyFailure"_s);
    default:
        return make(ErrorKind::ProtocolError, u"ProtocolError"_s);
    }
}

AwsError AwsError::cancelled()
{
    return AwsError{ErrorKind::Cancelled, u"Cancelled"_s, {}, {}, 0};
}

AwsError AwsError::protocolError(const QString &message, const QString &requestId, int httpStatus)
{
    return AwsError{ErrorKind::ProtocolError, u"ProtocolError"_s, message, requestId, httpStatus};
}

} // namespace coffer::aws
