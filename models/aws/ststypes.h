// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"

#include <QString>
#include <QStringList>

#include <optional>

/**
 * Plain request and result values of the STS operations Coffer uses, named after the members of
 * botocore/data/sts/2011-06-15/service-2.json.
 */
namespace coffer::aws {

/// sts:GetCallerIdentity: who the credentials belong to.
struct CallerIdentity
{
    QString userId;   ///< "AIDA..." or "AROA...:session"
    QString account;  ///< 12 digits
    QString arn;      ///< "arn:aws:iam::123456789012:user/alice", "arn:aws:sts::...:assumed-role/..."
};

struct AssumeRoleRequest
{
    QString roleArn;
    QString roleSessionName;
    QString externalId;
    QString serialNumber;                ///< MFA device ARN; with tokenCode
    QString tokenCode;                   ///< the MFA device's current code
    std::optional<int> durationSeconds;  ///< 900..43200; STS's default is 3600
    QString policy;                      ///< inline session policy (JSON)
    QStringList policyArns;              ///< managed session policies
    QString sourceIdentity;
};

struct AssumeRoleResult
{
    AwsCredentials credentials;          ///< temporary: session token and expiration set
    QString assumedRoleId;               ///< "AROA...:session"
    QString assumedRoleArn;              ///< "arn:aws:sts::...:assumed-role/role/session"
    std::optional<int> packedPolicySize;
    QString sourceIdentity;
};

/// sts:AssumeRoleWithWebIdentity: an OIDC token (a CI job's, a Kubernetes service account's)
/// traded for a role's credentials. The call is not signed: the token is the proof.
struct AssumeRoleWithWebIdentityRequest
{
    QString roleArn;
    QString roleSessionName;
    QString webIdentityToken; ///< a credential: never log it
    std::optional<int> durationSeconds; ///< 900..43200; STS's default is 3600
    QString policy; ///< inline session policy (JSON)
    QStringList policyArns; ///< managed session policies
};

struct AssumeRoleWithWebIdentityResult
{
    AwsCredentials credentials; ///< temporary: session token and expiration set
    QString assumedRoleId; ///< "AROA...:session"
    QString assumedRoleArn; ///< "arn:aws:sts::...:assumed-role/role/session"
    QString subjectFromWebIdentityToken; ///< the token's `sub`
    QString audience; ///< the token's `aud` (or `azp`) STS accepted
    QString provider; ///< the OIDC provider ARN (or, for older providers, its name)
    std::optional<int> packedPolicySize;
    QString sourceIdentity;
};

} // namespace coffer::aws
