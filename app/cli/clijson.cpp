// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clijson.h"

#include "app/cli/clicontext.h"

namespace coffer::cli {

namespace {
void putString(CliJson::Json &object, const char *key, const QString &value)
{
    if (!value.isEmpty())
        object[key] = CliJson::utf8(value);
}

void putDate(CliJson::Json &object, const char *key, const QDateTime &date)
{
    if (date.isValid())
        object[key] = CliContext::jsonDate(date);
}
} // namespace

CliJson::Json CliJson::strings(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &item : list)
        array.push_back(utf8(item));
    return array;
}

CliJson::Json CliJson::tags(const QList<aws::Tag> &tags)
{
    Json array = Json::array();
    for (const aws::Tag &tag : tags)
        array.push_back(Json { { "Key", utf8(tag.key) }, { "Value", utf8(tag.value) } });
    return array;
}

CliJson::Json CliJson::metadata(const aws::SecretMetadata &secret, bool describe)
{
    Json object = Json::object();
    putString(object, "ARN", secret.arn);
    putString(object, "Name", secret.name);
    putString(object, "Type", secret.type);
    putString(object, "Description", secret.description);
    putString(object, "KmsKeyId", secret.kmsKeyId);
    object["RotationEnabled"] = secret.rotationEnabled;
    putString(object, "RotationLambdaARN", secret.rotationLambdaArn);
    if (secret.rotationRules) {
        Json rules = Json::object();
        if (secret.rotationRules->automaticallyAfterDays)
            rules["AutomaticallyAfterDays"] = *secret.rotationRules->automaticallyAfterDays;
        putString(rules, "Duration", secret.rotationRules->duration);
        putString(rules, "ScheduleExpression", secret.rotationRules->scheduleExpression);
        object["RotationRules"] = std::move(rules);
    }
    putDate(object, "LastRotatedDate", secret.lastRotatedDate);
    putDate(object, "LastChangedDate", secret.lastChangedDate);
    putDate(object, "LastAccessedDate", secret.lastAccessedDate);
    putDate(object, "DeletedDate", secret.deletedDate);
    putDate(object, "NextRotationDate", secret.nextRotationDate);
    putDate(object, "CreatedDate", secret.createdDate);
    object["Tags"] = tags(secret.tags);
    Json stages = Json::object();
    for (auto it = secret.versionIdsToStages.cbegin(); it != secret.versionIdsToStages.cend(); ++it)
        stages[utf8(it.key())] = strings(it.value());
    object[describe ? "VersionIdsToStages" : "SecretVersionsToStages"] = std::move(stages);
    putString(object, "OwningService", secret.owningService);
    putString(object, "PrimaryRegion", secret.primaryRegion);
    if (describe && !secret.replicationStatus.isEmpty()) {
        Json replicas = Json::array();
        for (const aws::ReplicationStatus &replica : secret.replicationStatus) {
            Json item = Json::object();
            putString(item, "Region", replica.region);
            putString(item, "KmsKeyId", replica.kmsKeyId);
            putString(item, "Status", replica.status);
            putString(item, "StatusMessage", replica.statusMessage);
            putDate(item, "LastAccessedDate", replica.lastAccessedDate);
            replicas.push_back(std::move(item));
        }
        object["ReplicationStatus"] = std::move(replicas);
    }
    return object;
}

CliJson::Json CliJson::secretValue(const aws::SecretValue &value)
{
    Json object = Json::object();
    putString(object, "ARN", value.arn);
    putString(object, "Name", value.name);
    putString(object, "VersionId", value.versionId);
    if (value.secretBinary) {
        const QByteArray base64 = value.secretBinary->toBase64();
        object["SecretBinary"] = base64.toStdString();
    }
    if (value.secretString)
        object["SecretString"] = utf8(*value.secretString);
    object["VersionStages"] = strings(value.versionStages);
    putDate(object, "CreatedDate", value.createdDate);
    return object;
}

CliJson::Json CliJson::version(const aws::SecretVersion &version)
{
    Json object = Json::object();
    putString(object, "VersionId", version.versionId);
    object["VersionStages"] = strings(version.versionStages);
    putDate(object, "LastAccessedDate", version.lastAccessedDate);
    putDate(object, "CreatedDate", version.createdDate);
    if (!version.kmsKeyIds.isEmpty())
        object["KmsKeyIds"] = strings(version.kmsKeyIds);
    return object;
}

CliJson::Json CliJson::callerIdentity(const aws::CallerIdentity &identity)
{
    return Json { { "UserId", utf8(identity.userId) },
                  { "Account", utf8(identity.account) },
                  { "Arn", utf8(identity.arn) } };
}

} // namespace coffer::cli
