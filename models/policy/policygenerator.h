// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/policy/generatedpolicy.h"
#include "models/policy/policygeneratorrequest.h"

#include <QString>
#include <QStringList>

#include <expected>

namespace coffer::policy {

/**
 * Writes least-privilege IAM policies for Secrets Manager whose ARN patterns really match.
 *
 *     PolicyGeneratorRequest request;
 *     request.scope.kind = PolicyScope::Kind::Namespace;
 *     request.scope.prefix = u"paintbox/"_s;
 *     request.access = AccessLevel::Read;
 *     request.region = u"us-east-1"_s;
 *     request.account = u"123456789012"_s;
 *     auto policy = PolicyGenerator::identityPolicy(request); // or an error message
 *
 * ARN patterns: one secret is `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-??????`
 * (Secrets Manager appends a dash and six random characters to every secret's ARN: a bare name
 * matches nothing and `<name>-*` also matches `<name>-other`); a namespace is `...:secret:<prefix>*`
 * with the prefix ending in `/`; a tag scope is Resource "*" with a `StringEquals` condition on
 * `secretsmanager:ResourceTag/<key>` (CreateSecret, which has no tags yet, on
 * `aws:RequestTag/<key>`). ListSecrets, GetRandomPassword and BatchGetSecretValue cannot be
 * scoped and get their own statement on "*". KMS permissions are limited to the given keys and to
 * use through Secrets Manager (`kms:ViaService`). Every statement has a Sid.
 *
 * Output formats: PolicyFormatter turns the JSON document into Terraform or CloudFormation.
 */
class PolicyGenerator final
{
public:
    PolicyGenerator() = delete;

    /// The identity policy (to attach to a user, group or role).
    [[nodiscard]] static std::expected<GeneratedPolicy, QString>
    identityPolicy(const PolicyGeneratorRequest &request);
    /// The resource-policy variant, for one secret: Principal set, Resource "*" (the secret the
    /// policy is attached to), only the actions a secret's resource policy can grant.
    [[nodiscard]] static std::expected<GeneratedPolicy, QString>
    resourcePolicy(const PolicyGeneratorRequest &request);

    /// The Secrets Manager actions ("secretsmanager:GetSecretValue") of `levels`, in a stable order.
    [[nodiscard]] static QStringList actionsFor(AccessLevels levels);
    /// "aws", or "aws-cn" / "aws-us-gov" for the regions of those partitions.
    [[nodiscard]] static QString partitionOf(const QString &region);
    /// `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-??????`
    [[nodiscard]] static QString secretArnPattern(const QString &region, const QString &account,
                                                  const QString &name);
    /// `arn:<partition>:secretsmanager:<region>:<account>:secret:<prefix>*`
    [[nodiscard]] static QString namespaceArnPattern(const QString &region,
                                                     const QString &account,
                                                     const QString &prefix);
    /// The resource patterns of the request's scope (["*"] for a tag scope).
    [[nodiscard]] static QStringList scopeResources(const PolicyGeneratorRequest &request);
    /// An empty string when `name` can be a secret name, else why not.
    [[nodiscard]] static QString checkSecretName(const QString &name);
};

} // namespace coffer::policy
