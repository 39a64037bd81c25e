// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * Plain request and result values of the Secrets Manager operations Coffer uses, named after the
 * members of the service model (botocore/data/secretsmanager/2017-10-17/service-2.json).
 *
 * Conventions: an empty QString or list is "not sent"; std::optional marks members where
 * "empty" and "absent" differ (a description set to "" versus left alone). Timestamps are UTC
 * QDateTimes, invalid when the server did not send them. Secret values are kept exactly as the
 * server sent them: `secretString` is the decoded JSON string, `secretBinary` the decoded bytes.
 */
namespace coffer::aws {

struct Tag
{
    QString key;
    QString value;
    friend bool operator==(const Tag &, const Tag &) = default;
};

/// A ListSecrets / BatchGetSecretValue filter. A value starting with '!' negates it.
struct SecretFilter
{
    QString key;          ///< "name", "description", "tag-key", "tag-value", "primary-region",
                          ///< "owning-service" or "all"
    QStringList values;   ///< up to 10; prefix match ("name" case-sensitive)
    friend bool operator==(const SecretFilter &, const SecretFilter &) = default;
};

struct RotationRules
{
    std::optional<qint64> automaticallyAfterDays;
    QString duration;             ///< "3h"
    QString scheduleExpression;   ///< "rate(10 days)", "cron(...)"
    friend bool operator==(const RotationRules &, const RotationRules &) = default;
};

struct ReplicaRegion
{
    QString region;
    QString kmsKeyId;
    friend bool operator==(const ReplicaRegion &, const ReplicaRegion &) = default;
};

struct ReplicationStatus
{
    QString region;
    QString kmsKeyId;
    QString status;          ///< "InSync", "Failed", "InProgress"
    QString statusMessage;
    QDateTime lastAccessedDate;
    friend bool operator==(const ReplicationStatus &, const ReplicationStatus &) = default;
};

/// A secret's metadata: a ListSecrets entry or a DescribeSecret answer.
struct SecretMetadata
{
    QString arn;
    QString name;
    QString type;
    QString description;
    QString kmsKeyId;                  ///< empty: the AWS managed key aws/secretsmanager
    bool rotationEnabled = false;
    QString rotationLambdaArn;
    std::optional<RotationRules> rotationRules;
    QDateTime lastRotatedDate;
    QDateTime lastChangedDate;
    QDateTime lastAccessedDate;
    QDateTime deletedDate;             ///< set when the secret is scheduled for deletion
    QDateTime nextRotationDate;
    QDateTime createdDate;
    QList<Tag> tags;
    QMap<QString, QStringList> versionIdsToStages;  ///< SecretVersionsToStages / VersionIdsToStages
    QString owningService;
    QString primaryRegion;
    QList<ReplicationStatus> replicationStatus;      ///< DescribeSecret only

    [[nodiscard]] bool isScheduledForDeletion() const { return deletedDate.isValid(); }
    friend bool operator==(const SecretMetadata &, const SecretMetadata &) = default;
};

/// One version of a secret's value (GetSecretValue, or an entry of BatchGetSecretValue).
struct SecretValue
{
    QString arn;
    QString name;
    QString versionId;
    std::optional<QString> secretString;
    std::optional<QByteArray> secretBinary;
    QStringList versionStages;
    QDateTime createdDate;

    [[nodiscard]] bool isBinary() const { return secretBinary.has_value(); }
    friend bool operator==(const SecretValue &, const SecretValue &) = default;
};

struct ListSecretsRequest
{
    QList<SecretFilter> filters;
    std::optional<int> maxResults;    ///< 1..100
    QString nextToken;
    bool includePlannedDeletion = false;
    QString sortOrder;                ///< "asc" / "desc"
    QString sortBy;                   ///< "created-date", "last-accessed-date", "last-changed-date", "name"
};

struct ListSecretsResult
{
    QList<SecretMetadata> secretList;
    QString nextToken;
};

struct GetSecretValueRequest
{
    QString secretId;       ///< name or ARN
    QString versionId;      ///< at most one of versionId / versionStage
    QString versionStage;   ///< default (both empty): AWSCURRENT
};

struct BatchGetSecretValueRequest
{
    QStringList secretIdList;       ///< up to 20; or use filters
    QList<SecretFilter> filters;
    std::optional<int> maxResults;  ///< with filters only, 1..20
    QString nextToken;
};

/// One secret that BatchGetSecretValue could not read.
struct BatchGetSecretValueError
{
    QString secretId;
    AwsError error;         ///< code and message as the service sent them
};

struct BatchGetSecretValueResult
{
    QList<SecretValue> secretValues;
    QList<BatchGetSecretValueError> errors;
    QString nextToken;
    bool usedFallback = false;  ///< the endpoint lacks BatchGetSecretValue; read one by one
};

struct ListSecretVersionIdsRequest
{
    QString secretId;
    std::optional<int> maxResults;
    QString nextToken;
    bool includeDeprecated = false;
};

struct SecretVersion
{
    QString versionId;
    QStringList versionStages;
    QDateTime lastAccessedDate;
    QDateTime createdDate;
    QStringList kmsKeyIds;
    friend bool operator==(const SecretVersion &, const SecretVersion &) = default;
};

struct ListSecretVersionIdsResult
{
    QString arn;
    QString name;
    QList<SecretVersion> versions;
    QString nextToken;
};

struct CreateSecretRequest
{
    QString name;
    QString clientRequestToken;       ///< empty: a UUID v4 is generated (and reused on retries)
    QString description;
    QString kmsKeyId;
    std::optional<QString> secretString;
    std::optional<QByteArray> secretBinary;
    QList<Tag> tags;
    QList<ReplicaRegion> addReplicaRegions;
    bool forceOverwriteReplicaSecret = false;
};

struct CreateSecretResult
{
    QString arn;
    QString name;
    QString versionId;
    QList<ReplicationStatus> replicationStatus;
};

struct PutSecretValueRequest
{
    QString secretId;
    QString clientRequestToken;       ///< empty: a UUID v4 is generated (and reused on retries)
    std::optional<QString> secretString;
    std::optional<QByteArray> secretBinary;
    QStringList versionStages;        ///< empty: AWSCURRENT
    QString rotationToken;
};

struct PutSecretValueResult
{
    QString arn;
    QString name;
    QString versionId;
    QStringList versionStages;
};

struct UpdateSecretRequest
{
    QString secretId;
    QString clientRequestToken;       ///< generated when a value is given and this is empty
    std::optional<QString> description;
    std::optional<QString> kmsKeyId;
    std::optional<QString> secretString;
    std::optional<QByteArray> secretBinary;

    [[nodiscard]] bool changesValue() const { return secretString || secretBinary; }
};

struct UpdateSecretResult
{
    QString arn;
    QString name;
    QString versionId;                ///< empty when only metadata changed
};

/// Moves a staging label: attach `versionStage` to `moveToVersionId`, taking it from
/// `removeFromVersionId` (required when the label is already attached elsewhere).
struct UpdateSecretVersionStageRequest
{
    QString secretId;
    QString versionStage;
    QString removeFromVersionId;
    QString moveToVersionId;
};

/// Result of operations that answer with the secret's ARN and name only.
struct SecretIdentity
{
    QString arn;
    QString name;
};

struct DeleteSecretRequest
{
    QString secretId;
    std::optional<qint64> recoveryWindowInDays;  ///< 7..30; default 30
    bool forceDeleteWithoutRecovery = false;     ///< exclusive with recoveryWindowInDays
};

struct DeleteSecretResult
{
    QString arn;
    QString name;
    QDateTime deletionDate;
};

struct TagResourceRequest
{
    QString secretId;
    QList<Tag> tags;
};

struct UntagResourceRequest
{
    QString secretId;
    QStringList tagKeys;
};

struct ResourcePolicyResult
{
    QString arn;
    QString name;
    QString resourcePolicy;   ///< JSON text; empty when the secret has no policy
};

} // namespace coffer::aws
