// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

namespace coffer::cli {

/**
 * The documented exit codes of coffer-cli (shown by `coffer-cli --help`). Scripts rely on them:
 * never renumber, only add.
 */
enum class ExitCode : int {
    Ok = 0,
    ServiceError = 1, ///< the service answered with an error (AccessDenied, ResourceNotFound, ...)
    UsageError = 2, ///< bad command line or a value refused before sending
    ConfigError = 3, ///< configuration or credentials: profile, region, endpoint, missing or
                     ///< rejected keys (unknown key id, bad signature, expired token)
    NetworkError = 4, ///< no answer: DNS, refused connection, TLS, timeout, broken protocol
};

[[nodiscard]] constexpr int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

/// The exit code for an error of the AWS layer.
[[nodiscard]] constexpr ExitCode exitCodeFor(aws::ErrorKind kind)
{
    using aws::ErrorKind;
    switch (kind) {
    case ErrorKind::Configuration:
    case ErrorKind::CredentialsMissing:
    // The service answered, but about the keys themselves: unknown, mistyped or expired. That is
    // something to fix in the configuration, not a refusal of this request.
    case ErrorKind::UnrecognizedClient:
    case ErrorKind::InvalidSignature:
    case ErrorKind::ExpiredToken:
        return ExitCode::ConfigError;
    case ErrorKind::HostNotFound:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::TlsFailure:
    case ErrorKind::Timeout:
    case ErrorKind::Cancelled:
    case ErrorKind::NetworkFailure:
    case ErrorKind::ProtocolError:
        return ExitCode::NetworkError;
    default:
        return ExitCode::ServiceError;
    }
}

} // namespace coffer::cli
