// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QString>

namespace coffer::diagnostics {

/**
 * What an AWS refusal says about its cause, read from the error text.
 *
 * Since 2021 AWS names the policy type that decided an AccessDenied: "User: X is not authorized
 * to perform: A on resource: R because no identity-based policy allows the A action", "... with
 * an explicit deny in a resource-based policy", and so on for service control policies,
 * permissions boundaries and session policies. KMS refusals reach Secrets Manager callers as
 * DecryptionFailure ("Access to KMS is not allowed") or a KMS* exception. This turns both into a
 * Reason that decides which fix applies.
 *
 *     const auto denial = AccessDenial::fromError(error);
 *     if (denial.reason == AccessDenial::Reason::ResourcePolicyExplicitDeny) ...
 */
struct AccessDenial
{
    enum class Reason {
        NotDenied,                    ///< the error is not a refusal at all
        IdentityPolicyImplicitDeny,   ///< no identity-based policy allows the action
        IdentityPolicyExplicitDeny,
        ResourcePolicyImplicitDeny,   ///< cross-account: no resource-based policy allows it
        ResourcePolicyExplicitDeny,
        ServiceControlPolicy,         ///< an explicit deny, or no allow, in an SCP
        PermissionsBoundary,
        SessionPolicy,
        KmsAccessDenied,              ///< KMS refused the decryption for this identity
        KmsKeyUnusable,               ///< the key is disabled, pending deletion, missing
        Unspecified,                  ///< AccessDenied without a stated reason
    };

    Reason reason = Reason::NotDenied;
    QString principal;   ///< "arn:aws:iam::123456789012:user/app", when the text names it
    QString action;      ///< "secretsmanager:GetSecretValue"
    QString resource;    ///< the resource ARN

    [[nodiscard]] bool isDenied() const { return reason != Reason::NotDenied; }
    [[nodiscard]] bool isKms() const
    {
        return reason == Reason::KmsAccessDenied || reason == Reason::KmsKeyUnusable;
    }

    [[nodiscard]] static AccessDenial fromError(const aws::AwsError &error);
    /// Reads an AccessDenied message alone.
    [[nodiscard]] static AccessDenial fromMessage(const QString &message);
    /// "identity-policy-denied", "resource-policy-explicit-deny", ...: the CheckFinding cause.
    [[nodiscard]] static QString causeName(Reason reason);
};

} // namespace coffer::diagnostics
