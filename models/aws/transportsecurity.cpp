// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/transportsecurity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

const QString kCaBundleVariable = u"AWS_CA_BUNDLE"_s;
const QString kInsecureVariable = u"COFFER_ALLOW_INSECURE_HTTP"_s;
const QString kInsecureSetting = u"coffer_allow_insecure_http"_s;

QString expandHome(const QString &path)
{
    if (path == u"~"_s)
        return QDir::homePath();
    if (path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

bool isTrue(const QString &value)
{
    const QString v = value.trimmed().toLower();
    return v == u"1"_s || v == u"true"_s || v == u"yes"_s || v == u"on"_s;
}

} // namespace

Result<QList<QSslCertificate>> TransportSecurity::loadCaBundle(const QString &path,
                                                               const QString &origin)
{
    const QString shown = AwsConfigFile::displayPath(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        return std::unexpected(AwsError::configuration(
            tr("The CA bundle %1 (from %2) does not exist. Point %2 at a PEM file with your "
               "organisation's CA certificates, or remove it to trust the system's only.")
                .arg(shown, origin)));
    }
    QFile file(path);
    if (info.isDir() || !file.open(QIODevice::ReadOnly)) {
        return std::unexpected(AwsError::configuration(
            tr("The CA bundle %1 (from %2) cannot be read%3. Make it a readable PEM file, or "
               "point %2 at another one.")
                .arg(shown, origin,
                     info.isDir() ? tr(": it is a folder") : u": "_s + file.errorString())));
    }
    const QByteArray bytes = file.readAll();
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(bytes, QSsl::Pem);
    if (certificates.isEmpty() || !bytes.contains("-----BEGIN CERTIFICATE-----")) {
        return std::unexpected(AwsError::configuration(
            tr("The CA bundle %1 (from %2) holds no PEM certificate. It must contain "
               "\"-----BEGIN CERTIFICATE-----\" blocks; convert a DER (.cer) file with "
               "'openssl x509 -inform der -in ca.cer -out ca.pem' and point %2 at the result.")
                .arg(shown, origin)));
    }
    return certificates;
}

Result<TransportSecurity> TransportSecurity::fromEnvironment(const QProcessEnvironment &env)
{
    return forProfile(AwsSharedFiles(), QString(), env);
}

Result<TransportSecurity> TransportSecurity::forProfile(const AwsSharedFiles &files,
                                                        const QString &profile,
                                                        const QProcessEnvironment &env)
{
    TransportSecurity security;
    // As botocore: the variable beats the profile.
    if (const QString bundle = env.value(kCaBundleVariable); !bundle.isEmpty()) {
        security.caBundle = expandHome(bundle);
        security.caBundleOrigin = kCaBundleVariable;
    } else if (!profile.isEmpty()) {
        if (const auto setting = files.setting(profile, u"ca_bundle"_s)) {
            security.caBundle = expandHome(setting->value.trimmed());
            security.caBundleOrigin = setting->location;
        }
    }
    if (!security.caBundle.isEmpty()) {
        auto certificates = loadCaBundle(security.caBundle, security.caBundleOrigin);
        if (!certificates)
            return std::unexpected(certificates.error());
        security.caCertificates = std::move(*certificates);
    }

    if (isTrue(env.value(kInsecureVariable))) {
        security.allowInsecureHttpBy(kInsecureVariable + u"=1"_s);
    } else if (!profile.isEmpty()) {
        if (const auto setting = files.setting(profile, kInsecureSetting);
            setting && isTrue(setting->value))
            security.allowInsecureHttpBy(setting->location);
    }
    return security;
}

void TransportSecurity::allowInsecureHttpBy(const QString &origin)
{
    if (allowInsecureHttp)
        return;
    allowInsecureHttp = true;
    allowInsecureHttpOrigin = origin;
}

bool TransportSecurity::isLoopbackHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == u"localhost"_s || lower.endsWith(u".localhost"_s))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<QString> TransportSecurity::checkEndpoint(const QUrl &url) const
{
    if (url.isEmpty() || url.scheme().toLower() != u"http"_s || isLoopbackHost(url.host()))
        return QString();
    if (!allowInsecureHttp) {
        return std::unexpected(AwsError::configuration(
            tr("%1 is plain HTTP to another computer: secret values and signed requests would "
               "cross the network unencrypted. Use https://, or allow it explicitly with "
               "--allow-insecure-http (coffer-cli), COFFER_ALLOW_INSECURE_HTTP=1, or "
               "'coffer_allow_insecure_http = true' in the profile.")
                .arg(url.toString(QUrl::RemoveUserInfo))));
    }
    return tr("Plain HTTP to %1 (allowed by %2): traffic is not encrypted.")
        .arg(url.host(), allowInsecureHttpOrigin);
}

void TransportSecurity::applyTo(ClientConfig &config) const
{
    for (const QSslCertificate &certificate : caCertificates) {
        if (!config.caCertificates.contains(certificate))
            config.caCertificates.append(certificate);
    }
}

Result<QString> TransportSecurity::secure(ClientConfig &config) const
{
    applyTo(config);
    return checkEndpoint(config.endpoint);
}

} // namespace coffer::aws
