// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/secretsmanagercodec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// ---- encoding ----------------------------------------------------------------------------

QByteArray toBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void putString(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

QJsonArray stringArray(const QStringList &values)
{
    return QJsonArray::fromStringList(values);
}

QJsonArray filtersArray(const QList<SecretFilter> &filters)
{
    QJsonArray array;
    for (const SecretFilter &filter : filters) {
        QJsonObject entry;
        entry.insert(u"Key"_s, filter.key);
        entry.insert(u"Values"_s, stringArray(filter.values));
        array.append(entry);
    }
    return array;
}

QJsonArray tagsArray(const QList<Tag> &tags)
{
    QJsonArray array;
    for (const Tag &tag : tags)
        array.append(QJsonObject{{u"Key"_s, tag.key}, {u"Value"_s, tag.value}});
    return array;
}

void putSecretValue(QJsonObject &object, const std::optional<QString> &secretString,
                    const std::optional<QByteArray> &secretBinary)
{
    if (secretString)
        object.insert(u"SecretString"_s, *secretString);
    if (secretBinary)
        object.insert(u"SecretBinary"_s, QString::fromLatin1(secretBinary->toBase64()));
}

// ---- decoding ----------------------------------------------------------------------------

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::aws::SecretsManagerCodec", text);
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::unexpected(AwsError::protocolError(
            translated(QT_TRANSLATE_NOOP("coffer::aws::SecretsManagerCodec", "The answer is not a JSON object (%1 at offset %2)."))
                .arg(error.error == QJsonParseError::NoError ? u"not an object"_s
                                                             : error.errorString())
                .arg(error.offset)));
    }
    return document.object();
}

// GCC 12's std::expected has no transform()/and_then() yet.
template<typename Function>
auto mapObject(const QByteArray &body, Function &&function)
    -> Result<std::invoke_result_t<Function, const QJsonObject &>>
{
    auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    return function(*object);
}

template<typename Function>
auto bindObject(const QByteArray &body, Function &&function)
    -> std::invoke_result_t<Function, const QJsonObject &>
{
    auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    return function(*object);
}

QString stringOf(const QJsonObject &object, QLatin1StringView key)
{
    return object.value(key).toString();
}

std::optional<QString> optionalString(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

QStringList stringList(const QJsonObject &object, QLatin1StringView key)
{
    QStringList result;
    const QJsonArray array = object.value(key).toArray();
    result.reserve(array.size());
    for (const QJsonValue &value : array)
        result.append(value.toString());
    return result;
}

// JSON 1.1 sends timestamps as epoch seconds with a fraction; some compatible endpoints send
// ISO 8601 strings instead, which are accepted too.
QDateTime timestampOf(const QJsonObject &object, QLatin1StringView key)
{
    const QJsonValue value = object.value(key);
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (!std::isfinite(seconds))
            return {};
        return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), Qt::UTC);
    }
    if (value.isString()) {
        const QString text = value.toString();
        bool isNumber = false;
        const double seconds = text.toDouble(&isNumber);
        if (isNumber)
            return QDateTime::fromMSecsSinceEpoch(std::llround(seconds * 1000.0), Qt::UTC);
        QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!parsed.isValid())
            parsed = QDateTime::fromString(text, Qt::ISODate);
        return parsed.isValid() ? parsed.toUTC() : QDateTime();
    }
    return {};
}

QList<Tag> tagsOf(const QJsonObject &object, QLatin1StringView key)
{
    QList<Tag> tags;
    const QJsonArray array = object.value(key).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject entry = value.toObject();
        tags.append(Tag{stringOf(entry, "Key"_L1), stringOf(entry, "Value"_L1)});
    }
    return tags;
}

QList<ReplicationStatus> replicationStatusOf(const QJsonObject &object)
{
    QList<ReplicationStatus> result;
    const QJsonArray array = object.value("ReplicationStatus"_L1).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject entry = value.toObject();
        result.append(ReplicationStatus{stringOf(entry, "Region"_L1),
                                        stringOf(entry, "KmsKeyId"_L1),
                                        stringOf(entry, "Status"_L1),
                                        stringOf(entry, "StatusMessage"_L1),
                                        timestampOf(entry, "LastAccessedDate"_L1)});
    }
    return result;
}

SecretMetadata metadataOf(const QJsonObject &object, QLatin1StringView versionsKey)
{
    SecretMetadata metadata;
    metadata.arn = stringOf(object, "ARN"_L1);
    metadata.name = stringOf(object, "Name"_L1);
    metadata.type = stringOf(object, "Type"_L1);
    metadata.description = stringOf(object, "Description"_L1);
    metadata.kmsKeyId = stringOf(object, "KmsKeyId"_L1);
    metadata.rotationEnabled = object.value("RotationEnabled"_L1).toBool();
    metadata.rotationLambdaArn = stringOf(object, "RotationLambdaARN"_L1);
    if (object.value("RotationRules"_L1).isObject()) {
        const QJsonObject rules = object.value("RotationRules"_L1).toObject();
        RotationRules parsed;
        if (rules.value("AutomaticallyAfterDays"_L1).isDouble())
            parsed.automaticallyAfterDays = rules.value("AutomaticallyAfterDays"_L1).toInteger();
        parsed.duration = stringOf(rules, "Duration"_L1);
        parsed.scheduleExpression = stringOf(rules, "ScheduleExpression"_L1);
        metadata.rotationRules = parsed;
    }
    metadata.lastRotatedDate = timestampOf(object, "LastRotatedDate"_L1);
    metadata.lastChangedDate = timestampOf(object, "LastChangedDate"_L1);
    metadata.lastAccessedDate = timestampOf(object, "LastAccessedDate"_L1);
    metadata.deletedDate = timestampOf(object, "DeletedDate"_L1);
    metadata.nextRotationDate = timestampOf(object, "NextRotationDate"_L1);
    metadata.createdDate = timestampOf(object, "CreatedDate"_L1);
    metadata.tags = tagsOf(object, "Tags"_L1);
    const QJsonObject versions = object.value(versionsKey).toObject();
    for (auto it = versions.constBegin(); it != versions.constEnd(); ++it) {
        QStringList stages;
        for (const QJsonValue &stage : it.value().toArray())
            stages.append(stage.toString());
        metadata.versionIdsToStages.insert(it.key(), stages);
    }
    metadata.owningService = stringOf(object, "OwningService"_L1);
    metadata.primaryRegion = stringOf(object, "PrimaryRegion"_L1);
    metadata.replicationStatus = replicationStatusOf(object);
    return metadata;
}

Result<SecretValue> secretValueOf(const QJsonObject &object)
{
    SecretValue value;
    value.arn = stringOf(object, "ARN"_L1);
    value.name = stringOf(object, "Name"_L1);
    value.versionId = stringOf(object, "VersionId"_L1);
    value.secretString = optionalString(object, "SecretString"_L1);
    if (const auto encoded = optionalString(object, "SecretBinary"_L1)) {
        auto decoded = QByteArray::fromBase64Encoding(encoded->toLatin1(),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            return std::unexpected(AwsError::protocolError(
                translated(QT_TRANSLATE_NOOP("coffer::aws::SecretsManagerCodec", "The secret's binary value is not valid base64."))));
        }
        value.secretBinary = std::move(*decoded);
    }
    value.versionStages = stringList(object, "VersionStages"_L1);
    value.createdDate = timestampOf(object, "CreatedDate"_L1);
    return value;
}

} // namespace

QByteArray SecretsManagerCodec::target(QLatin1StringView operation)
{
    return "secretsmanager."_ba + QByteArray(operation.data(), operation.size());
}

QByteArray SecretsManagerCodec::encode(const ListSecretsRequest &request)
{
    QJsonObject object;
    if (request.includePlannedDeletion)
        object.insert(u"IncludePlannedDeletion"_s, true);
    if (request.maxResults)
        object.insert(u"MaxResults"_s, *request.maxResults);
    putString(object, u"NextToken"_s, request.nextToken);
    if (!request.filters.isEmpty())
        object.insert(u"Filters"_s, filtersArray(request.filters));
    putString(object, u"SortOrder"_s, request.sortOrder);
    putString(object, u"SortBy"_s, request.sortBy);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const GetSecretValueRequest &request)
{
    QJsonObject object{{u"SecretId"_s, request.secretId}};
    putString(object, u"VersionId"_s, request.versionId);
    putString(object, u"VersionStage"_s, request.versionStage);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const BatchGetSecretValueRequest &request)
{
    QJsonObject object;
    if (!request.secretIdList.isEmpty())
        object.insert(u"SecretIdList"_s, stringArray(request.secretIdList));
    if (!request.filters.isEmpty())
        object.insert(u"Filters"_s, filtersArray(request.filters));
    if (request.maxResults)
        object.insert(u"MaxResults"_s, *request.maxResults);
    putString(object, u"NextToken"_s, request.nextToken);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const ListSecretVersionIdsRequest &request)
{
    QJsonObject object{{u"SecretId"_s, request.secretId}};
    if (request.maxResults)
        object.insert(u"MaxResults"_s, *request.maxResults);
    putString(object, u"NextToken"_s, request.nextToken);
    if (request.includeDeprecated)
        object.insert(u"IncludeDeprecated"_s, true);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const CreateSecretRequest &request)
{
    QJsonObject object{{u"Name"_s, request.name}};
    putString(object, u"ClientRequestToken"_s, request.clientRequestToken);
    putString(object, u"Description"_s, request.description);
    putString(object, u"KmsKeyId"_s, request.kmsKeyId);
    putSecretValue(object, request.secretString, request.secretBinary);
    if (!request.tags.isEmpty())
        object.insert(u"Tags"_s, tagsArray(request.tags));
    if (!request.addReplicaRegions.isEmpty()) {
        QJsonArray regions;
        for (const ReplicaRegion &replica : request.addReplicaRegions) {
            QJsonObject entry{{u"Region"_s, replica.region}};
            putString(entry, u"KmsKeyId"_s, replica.kmsKeyId);
            regions.append(entry);
        }
        object.insert(u"AddReplicaRegions"_s, regions);
    }
    if (request.forceOverwriteReplicaSecret)
        object.insert(u"ForceOverwriteReplicaSecret"_s, true);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const PutSecretValueRequest &request)
{
    QJsonObject object{{u"SecretId"_s, request.secretId}};
    putString(object, u"ClientRequestToken"_s, request.clientRequestToken);
    putSecretValue(object, request.secretString, request.secretBinary);
    if (!request.versionStages.isEmpty())
        object.insert(u"VersionStages"_s, stringArray(request.versionStages));
    putString(object, u"RotationToken"_s, request.rotationToken);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const UpdateSecretRequest &request)
{
    QJsonObject object{{u"SecretId"_s, request.secretId}};
    putString(object, u"ClientRequestToken"_s, request.clientRequestToken);
    if (request.description)
        object.insert(u"Description"_s, *request.description);
    if (request.kmsKeyId)
        object.insert(u"KmsKeyId"_s, *request.kmsKeyId);
    putSecretValue(object, request.secretString, request.secretBinary);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const UpdateSecretVersionStageRequest &request)
{
    QJsonObject object{{u"SecretId"_s, request.secretId},
                       {u"VersionStage"_s, request.versionStage}};
    putString(object, u"RemoveFromVersionId"_s, request.removeFromVersionId);
    putString(object, u"MoveToVersionId"_s, request.moveToVersionId);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const DeleteSecretRequest &request)
{
    QJsonObject object{{u"SecretId"_s, request.secretId}};
    if (request.recoveryWindowInDays)
        object.insert(u"RecoveryWindowInDays"_s, *request.recoveryWindowInDays);
    if (request.forceDeleteWithoutRecovery)
        object.insert(u"ForceDeleteWithoutRecovery"_s, true);
    return toBody(object);
}

QByteArray SecretsManagerCodec::encode(const TagResourceRequest &request)
{
    return toBody(QJsonObject{{u"SecretId"_s, request.secretId},
                              {u"Tags"_s, tagsArray(request.tags)}});
}

QByteArray SecretsManagerCodec::encode(const UntagResourceRequest &request)
{
    return toBody(QJsonObject{{u"SecretId"_s, request.secretId},
                              {u"TagKeys"_s, stringArray(request.tagKeys)}});
}

QByteArray SecretsManagerCodec::encodeSecretId(const QString &secretId)
{
    return toBody(QJsonObject{{u"SecretId"_s, secretId}});
}

Result<ListSecretsResult> SecretsManagerCodec::decodeListSecrets(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        ListSecretsResult result;
        const QJsonArray list = object.value("SecretList"_L1).toArray();
        result.secretList.reserve(list.size());
        for (const QJsonValue &entry : list)
            result.secretList.append(metadataOf(entry.toObject(), "SecretVersionsToStages"_L1));
        result.nextToken = stringOf(object, "NextToken"_L1);
        return result;
    });
}

Result<SecretMetadata> SecretsManagerCodec::decodeDescribeSecret(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return metadataOf(object, "VersionIdsToStages"_L1);
    });
}

Result<SecretValue> SecretsManagerCodec::decodeGetSecretValue(const QByteArray &body)
{
    return bindObject(body, secretValueOf);
}

Result<BatchGetSecretValueResult>
SecretsManagerCodec::decodeBatchGetSecretValue(const QByteArray &body)
{
    return bindObject(body, 
        [](const QJsonObject &object) -> Result<BatchGetSecretValueResult> {
            BatchGetSecretValueResult result;
            for (const QJsonValue &entry : object.value("SecretValues"_L1).toArray()) {
                auto value = secretValueOf(entry.toObject());
                if (!value)
                    return std::unexpected(value.error());
                result.secretValues.append(std::move(*value));
            }
            for (const QJsonValue &entry : object.value("Errors"_L1).toArray()) {
                const QJsonObject error = entry.toObject();
                result.errors.append(BatchGetSecretValueError{
                    stringOf(error, "SecretId"_L1),
                    AwsError::fromService(stringOf(error, "ErrorCode"_L1),
                                          stringOf(error, "Message"_L1), {}, 0)});
            }
            result.nextToken = stringOf(object, "NextToken"_L1);
            return result;
        });
}

Result<ListSecretVersionIdsResult>
SecretsManagerCodec::decodeListSecretVersionIds(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        ListSecretVersionIdsResult result;
        result.arn = stringOf(object, "ARN"_L1);
        result.name = stringOf(object, "Name"_L1);
        for (const QJsonValue &entry : object.value("Versions"_L1).toArray()) {
            const QJsonObject version = entry.toObject();
            result.versions.append(SecretVersion{stringOf(version, "VersionId"_L1),
                                                 stringList(version, "VersionStages"_L1),
                                                 timestampOf(version, "LastAccessedDate"_L1),
                                                 timestampOf(version, "CreatedDate"_L1),
                                                 stringList(version, "KmsKeyIds"_L1)});
        }
        result.nextToken = stringOf(object, "NextToken"_L1);
        return result;
    });
}

Result<CreateSecretResult> SecretsManagerCodec::decodeCreateSecret(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return CreateSecretResult{stringOf(object, "ARN"_L1), stringOf(object, "Name"_L1),
                                  stringOf(object, "VersionId"_L1), replicationStatusOf(object)};
    });
}

Result<PutSecretValueResult> SecretsManagerCodec::decodePutSecretValue(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return PutSecretValueResult{stringOf(object, "ARN"_L1), stringOf(object, "Name"_L1),
                                    stringOf(object, "VersionId"_L1),
                                    stringList(object, "VersionStages"_L1)};
    });
}

Result<UpdateSecretResult> SecretsManagerCodec::decodeUpdateSecret(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return UpdateSecretResult{stringOf(object, "ARN"_L1), stringOf(object, "Name"_L1),
                                  stringOf(object, "VersionId"_L1)};
    });
}

Result<DeleteSecretResult> SecretsManagerCodec::decodeDeleteSecret(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return DeleteSecretResult{stringOf(object, "ARN"_L1), stringOf(object, "Name"_L1),
                                  timestampOf(object, "DeletionDate"_L1)};
    });
}

Result<ResourcePolicyResult> SecretsManagerCodec::decodeGetResourcePolicy(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return ResourcePolicyResult{stringOf(object, "ARN"_L1), stringOf(object, "Name"_L1),
                                    stringOf(object, "ResourcePolicy"_L1)};
    });
}

Result<SecretIdentity> SecretsManagerCodec::decodeSecretIdentity(const QByteArray &body)
{
    return mapObject(body, [](const QJsonObject &object) {
        return SecretIdentity{stringOf(object, "ARN"_L1), stringOf(object, "Name"_L1)};
    });
}

Result<void> SecretsManagerCodec::decodeEmpty(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return {};
    auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    return {};
}

} // namespace coffer::aws
