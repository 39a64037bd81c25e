// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/diagnostics/checkresult.h"

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace coffer::diagnostics {

/// What the explanation of a failed call may mention: where it went and through what.
struct ErrorContext
{
    QUrl endpoint;          ///< the endpoint the call went to
    QString proxy;          ///< "no proxy", "http://proxy:3128 (system settings)"
    QString profile;        ///< the profile in use, for the fix ("profile work")
    QString credentialsSource;
};

/**
 * Turns an AwsError that is not a permission refusal into a CheckFinding: the cause id, the
 * server's words, the explanation and what to do, with the endpoint and proxy in use for
 * network faults and the credential source for rejected keys. Permission refusals need the
 * resources they concern and are built by the permission checks themselves.
 */
class ErrorFindings final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::diagnostics::ErrorFindings)

public:
    ErrorFindings() = delete;

    [[nodiscard]] static CheckFinding forError(const aws::AwsError &error, const ErrorContext &context);
    /// "invalid-signature", "dns-failure", ...: the cause id for an error kind.
    [[nodiscard]] static QString causeFor(const aws::AwsError &error);
    /// True for errors about the credentials themselves (wrong, unknown, expired, missing keys).
    [[nodiscard]] static bool isCredentialsProblem(const aws::AwsError &error);
    /// True for faults where no AWS answer came back.
    [[nodiscard]] static bool isTransportProblem(const aws::AwsError &error);
    /// How to turn on time synchronisation, for the clock fixes.
    [[nodiscard]] static QString clockFix();
};

} // namespace coffer::diagnostics
