// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsclirolecache.h"

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/ssotokencache.h"
#include "models/json/jsontokens.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QTimeZone>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace coffer::aws {


AwsCliRoleCache::AwsCliRoleCache(QString directory)
    : m_directory(std::move(directory))
{ }

QString AwsCliRoleCache::defaultDirectory(const QString &home)
{
    return QDir(home).filePath(u".aws/cli/cache"_s);
}

QByteArray AwsCliRoleCache::keyJson(const AssumeRoleParams &params)
{
    // sort_keys=True: DurationSeconds, ExternalId, RoleArn, RoleSessionName, SerialNumber.
    QList<std::pair<QByteArray, QByteArray>> members;
    const auto add = [&members](const char *name, const QString &value) {
        // As Python's json.dumps writes it (ensure_ascii), which botocore hashes.
        members.append({ QByteArray(name), coffer::json::encodeStringToken(value, coffer::json::NonAscii::Escape) });
    };
    if (params.durationSeconds)
        members.append({ "DurationSeconds"_ba, QByteArray::number(*params.durationSeconds) });
    if (!params.externalId.isEmpty())
        add("ExternalId", params.externalId);
    add("RoleArn", params.roleArn);
    if (!params.roleSessionName.isEmpty())
        add("RoleSessionName", params.roleSessionName);
    if (!params.mfaSerial.isEmpty())
        add("SerialNumber", params.mfaSerial);
    QByteArray out = "{";
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += '"' + members.at(i).first + "\": " + members.at(i).second;
    }
    return out + '}';
}

QString AwsCliRoleCache::cacheKey(const AssumeRoleParams &params)
{
    // A hex digest never holds ':' or '/', so botocore's _make_file_safe leaves it as is.
    return QString::fromLatin1(
        QCryptographicHash::hash(keyJson(params), QCryptographicHash::Sha1).toHex());
}

std::optional<AwsCredentials> AwsCliRoleCache::load(const AssumeRoleParams &params,
                                                    const QDateTime &now) const
{
    if (m_directory.isEmpty())
        return std::nullopt;
    QFile file(QDir(m_directory).filePath(cacheKey(params) + u".json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const auto root = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
    if (!root.is_object() || !root.contains("Credentials") || !root["Credentials"].is_object())
        return std::nullopt;
    const auto &credentials = root["Credentials"];
    const auto text = [&credentials](const char *name) {
        const auto it = credentials.find(name);
        return it != credentials.end() && it->is_string()
            ? QString::fromStdString(it->get<std::string>())
            : QString();
    };
    AwsCredentials result;
    result.accessKeyId = text("AccessKeyId");
    result.secretAccessKey = text("SecretAccessKey");
    result.sessionToken = text("SessionToken");
    const QDateTime expiration = SsoTokenCache::parseTimestamp(text("Expiration"));
    if (result.accessKeyId.isEmpty() || result.secretAccessKey.isEmpty() || !expiration.isValid())
        return std::nullopt;
    if (now.secsTo(expiration) < expiryWindowSeconds)
        return std::nullopt;
    result.expiration = expiration;
    return result;
}

bool AwsCliRoleCache::store(const AssumeRoleParams &params, const AwsCredentials &credentials) const
{
    if (m_directory.isEmpty() || !credentials.expiration)
        return false;
    if (!QDir().mkpath(m_directory))
        return false;
    nlohmann::json root;
    root["Credentials"] = {
        { "AccessKeyId", credentials.accessKeyId.toStdString() },
        { "SecretAccessKey", credentials.secretAccessKey.toStdString() },
        { "SessionToken", credentials.sessionToken.toStdString() },
        // As the AWS CLI writes it (strftime "%Y-%m-%dT%H:%M:%S%Z" of a UTC time).
        { "Expiration",
          QString(credentials.expiration->toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u"UTC"_s)
              .toStdString() },
    };
    QSaveFile file(QDir(m_directory).filePath(cacheKey(params) + u".json"_s));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QByteArray::fromStdString(root.dump()));
    return file.commit();
}

} // namespace coffer::aws
