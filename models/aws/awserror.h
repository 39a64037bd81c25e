// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1StringView>
#include <QNetworkReply>
#include <QString>

#include <expected>

namespace coffer::aws {

/**
 * One taxonomy for everything that can go wrong talking to AWS: the service's own error codes
 * and the transport faults underneath them.
 *
 * Errors are values (`Result<T>` below), never exceptions. Each keeps what the server said (code,
 * message, request id) and adds a plain explanation with what to do, for the user.
 */
enum class ErrorKind {
    // Service errors (the server answered with an AWS error document)
    AccessDenied,
    ResourceNotFound,
    DecryptionFailure,      ///< Secrets Manager could not decrypt with the KMS key
    KmsFailure,             ///< KMS key disabled, pending deletion, not found, or not usable
    InvalidSignature,       ///< InvalidSignatureException / SignatureDoesNotMatch
    UnrecognizedClient,     ///< UnrecognizedClientException / InvalidClientTokenId
    ExpiredToken,
    RequestExpired,         ///< signature too old or clock skew
    Throttling,
    InvalidParameter,
    InvalidRequest,
    LimitExceeded,
    ResourceExists,
    PreconditionNotMet,
    MalformedPolicy,
    InternalServiceError,
    ServiceUnavailable,
    UnknownServiceError,    ///< a code this version does not know; code/message kept verbatim
    // Transport faults (no AWS answer)
    HostNotFound,
    ConnectionRefused,
    TlsFailure,
    Timeout,
    Cancelled,
    NetworkFailure,
    ProtocolError,          ///< an answer that is not what the protocol promises
    // Local problems before anything was sent
    Configuration,          ///< missing or broken profile, config file, region, endpoint
    CredentialsMissing,
};

struct AwsError
{
    ErrorKind kind = ErrorKind::UnknownServiceError;
    QString code;        ///< the server's code ("AccessDeniedException"), or a transport label
    QString message;     ///< the server's message verbatim, or the transport's error string
    QString requestId;   ///< x-amzn-RequestId when the server sent one
    int httpStatus = 0;  ///< 0 when nothing was answered

    /// A plain-language sentence on what happened and what to do about it.
    [[nodiscard]] QString explanation() const;
    /// True for faults the SDKs' standard retry mode retries (throttling, 5xx, transient transport).
    [[nodiscard]] bool isRetryable() const;
    /// True for the throttling family (for backoff bookkeeping).
    [[nodiscard]] bool isThrottling() const;
    /// One line for stderr or a status bar: "AccessDeniedException: <message> (request id ...)".
    [[nodiscard]] QString summary() const;

    /// True when the server said the signature's time is off (clock skew or an old request).
    [[nodiscard]] bool isClockSkew() const;

    /// Maps an AWS error code (with or without the "prefix#" of JSON 1.1 `__type`) to a kind.
    [[nodiscard]] static ErrorKind kindForCode(const QString &code);
    /// Strips the "namespace#" prefix and a ":http://..." suffix from a wire error code.
    [[nodiscard]] static QString normalizedCode(const QString &code);
    /// A stable, untranslated name for a kind ("AccessDenied"), for logs and test output.
    [[nodiscard]] static QLatin1StringView kindName(ErrorKind kind);

    [[nodiscard]] static AwsError configuration(const QString &message);
    [[nodiscard]] static AwsError credentialsMissing(const QString &message);
    /// An error document from the service; the kind follows from the code (and the HTTP status
    /// when the code is unknown).
    [[nodiscard]] static AwsError fromService(const QString &code, const QString &message,
                                              const QString &requestId, int httpStatus);
    /// A transport fault. OperationCanceledError means a transfer timeout unless
    /// `cancelledByUser` is set (Qt reports both the same way).
    [[nodiscard]] static AwsError fromNetworkError(QNetworkReply::NetworkError error,
                                                   const QString &errorString,
                                                   bool cancelledByUser = false);
    /// The caller cancelled the call.
    [[nodiscard]] static AwsError cancelled();
    /// The answer broke the protocol (unparseable document, missing fields).
    [[nodiscard]] static AwsError protocolError(const QString &message, const QString &requestId = {},
                                                int httpStatus = 0);
};

template<typename T>
using Result = std::expected<T, AwsError>;

} // namespace coffer::aws
