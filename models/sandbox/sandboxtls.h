// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QString>

#include <expected>

namespace coffer::sandbox {

/**
 * What the sandbox needs to serve HTTPS: its certificate, the private key, and any intermediate
 * certificates to send along. Set SandboxServerConfig::tls and the server's url() is https.
 *
 *     auto tls = SandboxTls::generateSelfSigned(u"localhost"_s, now.addDays(-1), now.addDays(1));
 *     if (tls)
 *         config.tls = *tls;               // clients must trust tls->certificate
 *
 * generateSelfSigned() makes throwaway certificates in memory (OpenSSL, EC P-256, SHA-256), so
 * tests can try a valid, an expired, a not-yet-valid or a wrong-host certificate without files.
 */
struct SandboxTls
{
    QSslCertificate certificate;
    QSslKey privateKey;
    QList<QSslCertificate> chain; ///< intermediates, leaf excluded; may be empty

    [[nodiscard]] bool isNull() const { return certificate.isNull() || privateKey.isNull(); }

    /// The server side TLS configuration (TLS 1.2 or newer).
    [[nodiscard]] QSslConfiguration serverConfiguration() const;

    /// A self-signed certificate for `hostName` (subjectAltName DNS:hostName, or IP:hostName for
    /// an address, and always IP:127.0.0.1), valid from `notBefore` to `notAfter`, with a new
    /// EC P-256 key. It is its own CA (basicConstraints CA:TRUE), so a client can trust it by
    /// adding it as a CA certificate.
    [[nodiscard]] static std::expected<SandboxTls, QString>
    generateSelfSigned(const QString &hostName, QDateTime notBefore, QDateTime notAfter);

    /// Reads a PEM certificate file (the leaf first, then any intermediates) and a PEM private
    /// key file (RSA or EC, unencrypted; PKCS#1, SEC1 or PKCS#8).
    [[nodiscard]] static std::expected<SandboxTls, QString>
    fromPemFiles(const QString &certificateFile, const QString &privateKeyFile);
    /// The same from PEM text.
    [[nodiscard]] static std::expected<SandboxTls, QString>
    fromPem(const QByteArray &certificatesPem, const QByteArray &privateKeyPem);
};

} // namespace coffer::sandbox
