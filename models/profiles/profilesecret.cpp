// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/profilesecret.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace coffer {

QByteArray ProfileSecret::serialize() const
{
    QJsonObject object { { u"version"_s, 1 }, { u"secretAccessKey"_s, secretAccessKey } };
    if (!sessionToken.isEmpty())
        object[u"sessionToken"_s] = sessionToken;
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

std::optional<ProfileSecret> ProfileSecret::deserialize(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (object.value(u"version"_s).toInt() != 1 || !object.value(u"secretAccessKey"_s).isString())
        return std::nullopt;
    ProfileSecret secret;
    secret.secretAccessKey = object.value(u"secretAccessKey"_s).toString();
    secret.sessionToken = object.value(u"sessionToken"_s).toString();
    if (secret.secretAccessKey.isEmpty())
        return std::nullopt;
    return secret;
}

} // namespace coffer
