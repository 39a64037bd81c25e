// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * Plain request and result values of iam:SimulatePrincipalPolicy, named after the members of
 * botocore/data/iam/2010-05-08/service-2.json.
 */
namespace coffer::aws {

/// A condition key value for the simulation ("aws:SourceIp" = ["10.0.0.1"]).
struct ContextEntry
{
    QString contextKeyName;
    QStringList contextKeyValues;
    QString contextKeyType;   ///< "string", "stringList", "numeric", "boolean", "ip", "date", ...
};

struct SimulatePrincipalPolicyRequest
{
    QString policySourceArn;          ///< the user, group or role whose policies are simulated
    QStringList actionNames;          ///< "secretsmanager:GetSecretValue", "kms:Decrypt"
    QStringList resourceArns;         ///< empty: "*"
    QList<ContextEntry> contextEntries;
    QStringList policyInputList;      ///< extra identity policies to include (JSON)
    QStringList permissionsBoundaryPolicyInputList;
    QString resourcePolicy;           ///< e.g. the secret's resource policy (JSON)
    QString resourceOwner;
    QString callerArn;
    QString resourceHandlingOption;
    std::optional<int> maxItems;
    QString marker;                   ///< continue after an IsTruncated answer
};

/// Where a statement that decided the result sits in its policy.
struct StatementPosition
{
    int line = 0;
    int column = 0;
};

struct MatchedStatement
{
    QString sourcePolicyId;
    QString sourcePolicyType;  ///< "user", "group", "role", "aws-managed", "user-managed", "resource", "none"
    StatementPosition startPosition;
    StatementPosition endPosition;
};

/// The decision for one resource of an action's simulation.
struct ResourceSpecificResult
{
    QString evalResourceName;
    QString evalResourceDecision;  ///< "allowed", "explicitDeny", "implicitDeny"
    QList<MatchedStatement> matchedStatements;
    QStringList missingContextValues;
    QMap<QString, QString> evalDecisionDetails;   ///< source ("IAM Policy", "Resource Policy") -> decision
    std::optional<bool> allowedByPermissionsBoundary;
};

struct EvaluationResult
{
    QString evalActionName;
    QString evalResourceName;
    QString evalDecision;          ///< "allowed", "explicitDeny", "implicitDeny"
    QList<MatchedStatement> matchedStatements;
    QStringList missingContextValues;
    std::optional<bool> allowedByOrganizations;
    std::optional<bool> allowedByPermissionsBoundary;
    QMap<QString, QString> evalDecisionDetails;
    QList<ResourceSpecificResult> resourceSpecificResults;

    [[nodiscard]] bool isAllowed() const { return evalDecision == QLatin1StringView("allowed"); }
};

struct SimulatePrincipalPolicyResult
{
    QList<EvaluationResult> evaluationResults;
    bool isTruncated = false;
    QString marker;
};

} // namespace coffer::aws
