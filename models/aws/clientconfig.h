// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/credentialsprovider.h"
#include "models/aws/retrypolicy.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>

namespace coffer::aws {

/**
 * Everything one service client needs to reach its service: the resolved endpoint, the region
 * to sign for, where the credentials come from, and the timeouts and retry budget.
 *
 * Profiles and environment variables are resolved elsewhere; this is the plain result. An empty
 * `endpoint` means the service's default public endpoint for `region`.
 */
struct ClientConfig
{
    QString region;                 ///< e.g. "eu-west-1"
    QUrl endpoint;                  ///< resolved endpoint, or empty for the default one
    QString signingRegion;          ///< empty: `region` (IAM signs for us-east-1 whatever the region)
    std::shared_ptr<CredentialsProvider> credentials;
    std::chrono::milliseconds transferTimeout{std::chrono::seconds(30)};
    int maxAttempts = 3;            ///< attempts in total, the first one included
    /// The whole call, retries and their waits included: no retry starts that could not end
    /// within it, and the last attempt's transfer timeout is cut to what is left.
    std::chrono::milliseconds callDeadline{std::chrono::minutes(2)};
    /// An answer longer than this is not read (a broken or hostile endpoint could send
    /// gigabytes). BatchGetSecretValue's largest answer is about 1.3 MiB.
    qint64 maxResponseBytes = 16 * 1024 * 1024;
    RetryPolicy retryPolicy;
    /// Extra certificate authorities trusted for HTTPS endpoints, on top of the system's (a
    /// private CA, or the local sandbox's self-signed certificate). Empty: the system's only.
    QList<QSslCertificate> caCertificates;

    [[nodiscard]] QString effectiveSigningRegion() const
    {
        return signingRegion.isEmpty() ? region : signingRegion;
    }
};

} // namespace coffer::aws
