// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/profile.h"

#include "models/aws/endpointresolver.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

constexpr int kMaxNameLength = 64;
constexpr int kMinDurationSeconds = 900;
constexpr int kMaxDurationSeconds = 43200;

bool isAccessKeyId(const QString &id)
{
    if (id.size() < 16 || id.size() > 128)
        return false;
    for (const QChar c : id) {
        if (!(c.isDigit() || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z')))
            return false;
    }
    return true;
}

} // namespace

Profile Profile::create(Kind kind, const QString &name)
{
    Profile profile;
    profile.id = QUuid::createUuid();
    profile.kind = kind;
    profile.name = name;
    return profile;
}

QString Profile::keychainKeyFor(const QUuid &id)
{
    return u"profile/"_s + id.toString(QUuid::WithoutBraces);
}

aws::SsoProfileConfig Profile::ssoConfig() const
{
    aws::SsoProfileConfig config;
    config.profile = name;
    config.sessionName = ssoSessionName;
    config.startUrl = ssoStartUrl;
    config.region = ssoRegion;
    config.accountId = ssoAccountId;
    config.roleName = ssoRoleName;
    config.location = tr("Coffer profile %1").arg(name);
    config.inAwsFiles = false;
    return config;
}

QString Profile::effectiveRegion() const
{
    if (region.isEmpty() && kind == Kind::Sso)
        return ssoRegion;
    return region;
}

QString Profile::validationError() const
{
    if (id.isNull())
        return tr("The profile has no id.");
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Give the profile a name.");
    if (trimmed != name)
        return tr("A profile name cannot start or end with spaces.");
    if (name.size() > kMaxNameLength)
        return tr("A profile name has at most %n characters.", nullptr, kMaxNameLength);
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control)
            return tr("A profile name cannot contain control characters.");
    }
    if (!region.isEmpty() && !aws::EndpointResolver::isValidRegionName(region))
        return tr("'%1' is not a region name (like eu-west-1).").arg(region);
    if (!endpoint.isEmpty()) {
        const QString scheme = endpoint.scheme().toLower();
        if (!endpoint.isValid() || (scheme != u"https"_s && scheme != u"http"_s)
            || endpoint.host().isEmpty()) {
            return tr("The endpoint must be an http:// or https:// URL.");
        }
    }

    switch (kind) {
    case Kind::AccessKey:
        if (region.isEmpty())
            return tr("Choose the region of the profile.");
        if (!isAccessKeyId(accessKeyId))
            return tr(
                "The access key id is 16 to 128 letters and digits (like AKIAIOSFODNN7EXAMPLE).");
        break;
    case Kind::AssumeRole:
        if (region.isEmpty())
            return tr("Choose the region of the profile.");
        if (!roleArn.startsWith(u"arn:"_s) || !roleArn.contains(u":role/"_s))
            return tr("The role ARN looks like arn:aws:iam::123456789012:role/name.");
        if (sourceProfileId.isNull())
            return tr("Choose the profile whose credentials assume the role.");
        if (sourceProfileId == id)
            return tr("A profile cannot assume a role with its own credentials.");
        if (durationSeconds
            && (*durationSeconds < kMinDurationSeconds || *durationSeconds > kMaxDurationSeconds))
            return tr("The session duration is between %1 and %2 seconds.")
                .arg(kMinDurationSeconds)
                .arg(kMaxDurationSeconds);
        if (!mfaSerial.isEmpty() && !mfaSerial.startsWith(u"arn:"_s) && mfaSerial.size() < 9)
            return tr(
                "The MFA device is its ARN (arn:aws:iam::123456789012:mfa/name) or serial number.");
        break;
    case Kind::AwsCliProfile:
        if (awsProfileName.trimmed().isEmpty())
            return tr("Choose the profile of ~/.aws/config to use.");
        break;
    case Kind::Sso: {
        const QUrl startUrl(ssoStartUrl);
        if (!startUrl.isValid() || startUrl.host().isEmpty()
            || (startUrl.scheme() != u"https"_s && startUrl.scheme() != u"http"_s))
            return tr("The start URL is the AWS access portal's address "
                      "(like https://d-1234567890.awsapps.com/start).");
        if (!aws::EndpointResolver::isValidRegionName(ssoRegion))
            return tr("Choose the region of IAM Identity Center (like eu-west-1).");
        if (ssoAccountId.size() != 12
            || !std::all_of(ssoAccountId.cbegin(), ssoAccountId.cend(),
                            [](QChar c) { return c.isDigit(); }))
            return tr("The account id is 12 digits.");
        if (ssoRoleName.trimmed().isEmpty())
            return tr("Choose the role to take in the account.");
        if (ssoSessionName.contains(u' ') || ssoSessionName.contains(u']'))
            return tr("A session name cannot contain spaces or ']'.");
        break;
    }
    case Kind::LocalSandbox:
        break;
    }
    return {};
}

QVariantMap Profile::toSettings() const
{
    QVariantMap values;
    values[u"name"_s] = name;
    values[u"kind"_s] = kindName(kind);
    if (!region.isEmpty())
        values[u"region"_s] = region;
    if (!endpoint.isEmpty())
        values[u"endpoint"_s] = endpoint.toString();
    values[u"production"_s] = production;
    if (allowInsecureHttp)
        values[u"allowInsecureHttp"_s] = true;
    switch (kind) {
    case Kind::AccessKey:
        values[u"accessKeyId"_s] = accessKeyId;
        break;
    case Kind::AssumeRole:
        values[u"roleArn"_s] = roleArn;
        values[u"sourceProfile"_s] = sourceProfileId.toString(QUuid::WithoutBraces);
        if (!externalId.isEmpty())
            values[u"externalId"_s] = externalId;
        if (!mfaSerial.isEmpty())
            values[u"mfaSerial"_s] = mfaSerial;
        if (!roleSessionName.isEmpty())
            values[u"roleSessionName"_s] = roleSessionName;
        if (durationSeconds)
            values[u"durationSeconds"_s] = *durationSeconds;
        break;
    case Kind::AwsCliProfile:
        values[u"awsProfile"_s] = awsProfileName;
        break;
    case Kind::Sso:
        values[u"ssoStartUrl"_s] = ssoStartUrl;
        values[u"ssoRegion"_s] = ssoRegion;
        values[u"ssoAccountId"_s] = ssoAccountId;
        values[u"ssoRoleName"_s] = ssoRoleName;
        if (!ssoSessionName.isEmpty())
            values[u"ssoSession"_s] = ssoSessionName;
        break;
    case Kind::LocalSandbox:
        break;
    }
    return values;
}

std::optional<Profile> Profile::fromSettings(const QUuid &id, const QVariantMap &values)
{
    const auto kind = kindFromName(values.value(u"kind"_s).toString());
    if (id.isNull() || !kind)
        return std::nullopt;
    Profile profile;
    profile.id = id;
    profile.kind = *kind;
    profile.name = values.value(u"name"_s).toString();
    profile.region = values.value(u"region"_s).toString();
    profile.endpoint = QUrl(values.value(u"endpoint"_s).toString());
    profile.production = values.value(u"production"_s).toBool();
    profile.allowInsecureHttp = values.value(u"allowInsecureHttp"_s).toBool();
    profile.accessKeyId = values.value(u"accessKeyId"_s).toString();
    profile.roleArn = values.value(u"roleArn"_s).toString();
    profile.sourceProfileId = QUuid::fromString(values.value(u"sourceProfile"_s).toString());
    profile.externalId = values.value(u"externalId"_s).toString();
    profile.mfaSerial = values.value(u"mfaSerial"_s).toString();
    profile.roleSessionName = values.value(u"roleSessionName"_s).toString();
    if (values.contains(u"durationSeconds"_s)) {
        bool ok = false;
        const int seconds = values.value(u"durationSeconds"_s).toInt(&ok);
        if (ok)
            profile.durationSeconds = seconds;
    }
    profile.awsProfileName = values.value(u"awsProfile"_s).toString();
    profile.ssoStartUrl = values.value(u"ssoStartUrl"_s).toString();
    profile.ssoRegion = values.value(u"ssoRegion"_s).toString();
    profile.ssoAccountId = values.value(u"ssoAccountId"_s).toString();
    profile.ssoRoleName = values.value(u"ssoRoleName"_s).toString();
    profile.ssoSessionName = values.value(u"ssoSession"_s).toString();
    if (profile.name.isEmpty())
        return std::nullopt;
    return profile;
}

QString Profile::kindName(Kind kind)
{
    switch (kind) {
    case Kind::AccessKey:
        return u"access-key"_s;
    case Kind::AssumeRole:
        return u"assume-role"_s;
    case Kind::AwsCliProfile:
        return u"aws-profile"_s;
    case Kind::LocalSandbox:
        return u"sandbox"_s;
    case Kind::Sso:
        return u"sso"_s;
    }
    return {};
}

std::optional<Profile::Kind> Profile::kindFromName(const QString &name)
{
    for (const Kind kind : allKinds()) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QString Profile::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::AccessKey:
        return tr("Access key");
    case Kind::AssumeRole:
        return tr("Assume role");
    case Kind::AwsCliProfile:
        return tr("AWS CLI profile");
    case Kind::LocalSandbox:
        return tr("Local sandbox");
    case Kind::Sso:
        return tr("IAM Identity Center (SSO)");
    }
    return {};
}

QList<Profile::Kind> Profile::allKinds()
{
    return { Kind::AccessKey, Kind::AssumeRole, Kind::AwsCliProfile, Kind::LocalSandbox,
             Kind::Sso };
}

} // namespace coffer
