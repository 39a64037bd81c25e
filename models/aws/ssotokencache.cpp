// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/ssotokencache.h"

#include "models/core/privatefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

constexpr QLatin1StringView kKnownMembers[] = {
    "startUrl"_L1, "region"_L1, "accessToken"_L1, "expiresAt"_L1, "clientId"_L1,
    "clientSecret"_L1, "registrationExpiresAt"_L1, "refreshToken"_L1,
};

} // namespace

bool SsoCachedToken::isRefreshable(const QDateTime &now) const
{
    return !refreshToken.isEmpty() && !clientId.isEmpty() && !clientSecret.isEmpty()
            && registrationExpiresAt.isValid() && registrationExpiresAt > now;
}

SsoTokenCache::SsoTokenCache(QString directory)
    : m_directory(std::move(directory))
{
}

QString SsoTokenCache::defaultDirectory(const QString &home)
{
    return QDir(home).filePath(u".aws/sso/cache"_s);
}

QString SsoTokenCache::cacheKey(const QString &tokenName)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(tokenName.toUtf8(), QCryptographicHash::Sha1).toHex());
}

QString SsoTokenCache::path(const QString &tokenName) const
{
    return QDir(m_directory).filePath(cacheKey(tokenName) + u".json"_s);
}

QDateTime SsoTokenCache::parseTimestamp(const QString &text)
{
    QString iso = text.trimmed();
    // strftime's %Z of a UTC time ("...UTC"), as the AWS CLI writes some of its caches.
    if (iso.endsWith(u"UTC"_s))
        iso = iso.chopped(3) + u'Z';
    QDateTime parsed = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeZone(QTimeZone::utc());   // no zone written: botocore's times are UTC
    return parsed.toUTC();
}

QString SsoTokenCache::formatTimestamp(const QDateTime &time)
{
    return time.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u'Z';
}

Result<std::optional<SsoCachedToken>> SsoTokenCache::load(const QString &tokenName) const
{
    const QString file = path(tokenName);
    QFile input(file);
    if (!input.exists())
        return std::optional<SsoCachedToken>();
    if (!input.open(QIODevice::ReadOnly)) {
        return std::unexpected(AwsError::configuration(
            tr("Cannot read the IAM Identity Center token cache %1: %2.").arg(file, input.errorString())));
    }
    // A token file is a few hundred bytes; anything huge is not one.
    const QByteArray bytes = input.read(1024 * 1024);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    const QJsonObject object = document.object();
    SsoCachedToken token;
    token.startUrl = object.value("startUrl"_L1).toString();
    token.region = object.value("region"_L1).toString();
    token.accessToken = object.value("accessToken"_L1).toString();
    token.expiresAt = parseTimestamp(object.value("expiresAt"_L1).toString());
    token.clientId = object.value("clientId"_L1).toString();
    token.clientSecret = object.value("clientSecret"_L1).toString();
    token.registrationExpiresAt = parseTimestamp(object.value("registrationExpiresAt"_L1).toString());
    token.refreshToken = object.value("refreshToken"_L1).toString();
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || token.accessToken.isEmpty()
        || !token.expiresAt.isValid()) {
        return std::unexpected(AwsError::configuration(
            tr("The IAM Identity Center token cache %1 is not a token (it needs accessToken and expiresAt). "
               "Sign in again to replace it.")
                .arg(file)));
    }
    token.otherMembers = object;
    for (const QLatin1StringView member : kKnownMembers)
        token.otherMembers.remove(member);
    return std::optional<SsoCachedToken>(std::move(token));
}

Result<void> SsoTokenCache::store(const QString &tokenName, const SsoCachedToken &token) const
{
    if (!QDir().mkpath(m_directory)) {
        return std::unexpected(AwsError::configuration(
            tr("Cannot create the IAM Identity Center token cache folder %1.").arg(m_directory)));
    }
    QFile::setPermissions(m_directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QJsonObject object = token.otherMembers;
    object.insert(u"startUrl"_s, token.startUrl);
    object.insert(u"region"_s, token.region);
    object.insert(u"accessToken"_s, token.accessToken);
    object.insert(u"expiresAt"_s, formatTimestamp(token.expiresAt));
    if (!token.clientId.isEmpty()) {
        object.insert(u"clientId"_s, token.clientId);
        object.insert(u"clientSecret"_s, token.clientSecret);
        object.insert(u"registrationExpiresAt"_s, formatTimestamp(token.registrationExpiresAt));
    }
    if (token.refreshToken.isEmpty())
        object.remove(u"refreshToken"_s);
    else
        object.insert(u"refreshToken"_s, token.refreshToken);
    if (auto written = writePrivateFile(path(tokenName), QJsonDocument(object).toJson(QJsonDocument::Compact));
        !written) {
        return std::unexpected(AwsError::configuration(
            tr("Cannot write the IAM Identity Center token cache: %1").arg(written.error())));
    }
    return {};
}

Result<bool> SsoTokenCache::remove(const QString &tokenName) const
{
    QFile file(path(tokenName));
    if (!file.exists())
        return false;
    if (!file.remove()) {
        return std::unexpected(AwsError::configuration(
            tr("Cannot delete the IAM Identity Center token cache %1: %2.").arg(file.fileName(), file.errorString())));
    }
    return true;
}

} // namespace coffer::aws
