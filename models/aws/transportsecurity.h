// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awsconfigfile.h"
#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"

#include <QCoreApplication>
#include <QList>
#include <QProcessEnvironment>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace coffer::aws {

/**
 * How the user wants TLS and plain HTTP handled, as the AWS CLI reads it, plus Coffer's one
 * opt-in for plain HTTP:
 *
 * - `AWS_CA_BUNDLE`, else the profile's `ca_bundle`: a PEM file of certificate authorities
 *   trusted on top of the system's (a company TLS proxy, a private CA). A missing file or one
 *   without a PEM certificate is an error that names the file and says what to do.
 * - `http://` endpoints are refused unless the host is this computer (localhost, 127.0.0.0/8,
 *   ::1) or the user opted in: `--allow-insecure-http` (coffer-cli), COFFER_ALLOW_INSECURE_HTTP=1,
 *   or `coffer_allow_insecure_http = true` in the profile. An allowed one gives a warning to
 *   keep on screen.
 *
 * Every service client of a connection gets the same settings (applyTo(), checkEndpoint()), the
 * STS client of an assumed role and the diagnostics included.
 */
struct TransportSecurity
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::TransportSecurity)

public:
    QList<QSslCertificate> caCertificates;
    QString caBundle; ///< the bundle's path; empty: none
    QString caBundleOrigin; ///< "AWS_CA_BUNDLE", "profile work in ~/.aws/config"
    bool allowInsecureHttp = false;
    QString allowInsecureHttpOrigin; ///< "--allow-insecure-http", "COFFER_ALLOW_INSECURE_HTTP", ...

    /// AWS_CA_BUNDLE and COFFER_ALLOW_INSECURE_HTTP only (Coffer's own profiles).
    [[nodiscard]] static Result<TransportSecurity> fromEnvironment(const QProcessEnvironment &env);
    /// The environment, then the settings of `profile` in `files` (empty: no profile).
    [[nodiscard]] static Result<TransportSecurity>
    forProfile(const AwsSharedFiles &files, const QString &profile, const QProcessEnvironment &env);
    /// Reads a PEM bundle; `origin` says who named it, for the error.
    [[nodiscard]] static Result<QList<QSslCertificate>> loadCaBundle(const QString &path,
                                                                     const QString &origin);
    /// Plain HTTP allowed from now on (an explicit flag).
    void allowInsecureHttpBy(const QString &origin);

    /// localhost, *.localhost, 127.0.0.0/8, ::1.
    [[nodiscard]] static bool isLoopbackHost(const QString &host);
    /// Refuses a plain-HTTP endpoint on another computer unless allowed; for an allowed one,
    /// returns the warning to show; otherwise an empty string. An empty URL (the service's
    /// default https:// endpoint) passes.
    [[nodiscard]] Result<QString> checkEndpoint(const QUrl &url) const;
    /// Adds the bundle's certificates to `config` (each once).
    void applyTo(ClientConfig &config) const;
    /// applyTo() and checkEndpoint() together.
    [[nodiscard]] Result<QString> secure(ClientConfig &config) const;
};

} // namespace coffer::aws
