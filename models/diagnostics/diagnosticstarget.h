// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"

#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>

#include <chrono>
#include <optional>

namespace coffer {
struct ProfileConnection;
}

namespace coffer::diagnostics {

/// Which secrets the permission checks look at: a namespace, one secret, or every secret.
struct DiagnosticsScope
{
    QString prefix;       ///< "pixell/": ListSecrets filtered by name prefix
    QString secretName;   ///< one secret by name (wins over prefix)

    [[nodiscard]] bool isSingleSecret() const { return !secretName.isEmpty(); }
    /// "secret pixell/prod", "namespace pixell/", "all secrets".
    [[nodiscard]] QString description() const;
};

/**
 * What to diagnose: the resolved client settings of Secrets Manager, STS and IAM, and where
 * each setting came from (so the configuration check can say it). Build it from a
 * ProfileConnection (fromConnection) or by hand (coffer-cli, tests).
 *
 * When resolving the profile already failed, put the error in `configurationError`: the run then
 * reports it as the configuration check's failure and skips everything else.
 */
struct DiagnosticsTarget
{
    QString profileName;          ///< "work"; empty: none
    QString profileSource;        ///< "--profile", "AWS_PROFILE", "default", "Coffer profile ..."
    aws::ClientConfig secretsManager;
    aws::ClientConfig sts;
    std::optional<aws::ClientConfig> iam;   ///< absent: write permissions are not simulated
    QString regionSource;         ///< "AWS_REGION", "profile work in ~/.aws/config", ...
    QString endpointSource;       ///< "default", "AWS_ENDPOINT_URL", "--endpoint-url", ...
    QString credentialsSource;    ///< provider description; empty: asked from the provider
    std::optional<aws::AwsError> configurationError;
    DiagnosticsScope scope;

    /// The target of a connection ProfileConnector made.
    [[nodiscard]] static DiagnosticsTarget fromConnection(const ProfileConnection &connection);
};

/// How the checks run.
struct DiagnosticsOptions
{
    /// Each check's time limit; a check still running then fails as timed out.
    std::chrono::milliseconds checkTimeout{std::chrono::seconds(10)};
    /// Permission calls in flight at once.
    int concurrency = 8;
    /// At most this many secrets of a namespace are read (spread evenly over the listing).
    int sampleSize = 25;
    /// Missing write permissions fail (true) or only warn (false: a reader needs no writes).
    bool expectWrite = false;
    /// Extra trust anchors for the TLS check (a private CA, the sandbox's certificate).
    QList<QSslCertificate> caCertificates;
    /// Clock skew above this warns; above clockSkewFailure it fails (signing breaks at 5 min).
    std::chrono::seconds clockSkewWarning{60};
    std::chrono::seconds clockSkewFailure{300};
    /// Temporary credentials that expire sooner than this warn.
    std::chrono::seconds expiryWarning{15 * 60};
    /// The environment whose proxy variables (https_proxy, no_proxy, ...) are reported.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

} // namespace coffer::diagnostics
