// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/policy/policyfinding.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace coffer::policy {

/**
 * Checks an IAM policy text for the mistakes that break or over-open Secrets Manager access,
 * and says how to fix each one (PolicyFinding: severity, stable id, message, fix, line).
 *
 *     const auto findings = PolicyLinter::lint(text, { .kmsKeyArns = { keyArn } });
 *     if (PolicyLinter::hasErrors(findings)) ...
 *
 * Findings (id: severity):
 * - json-syntax: error, with line and column; the structural ids of PolicyDocument
 *   (policy-not-object, version-invalid, statement-missing, statement-invalid, effect-missing,
 *   effect-invalid, action-missing, action-conflict, resource-missing, resource-conflict,
 *   principal-conflict, principal-invalid, condition-invalid, element-invalid,
 *   element-unknown): error. The checks below run only on a structurally valid policy.
 * - version-missing: warning (2008-10-17 semantics: no policy variables).
 * - action-unknown: error, a secretsmanager: or kms: action (or pattern) that names no real
 *   action; action-wildcard: warning, `*`, `secretsmanager:*`, `kms:*` in an Allow;
 *   action-wildcard-partial: info, what a pattern such as `secretsmanager:Get*` grants;
 *   allow-not-action: warning, Allow with NotAction.
 * - resource-wildcard-get-secret-value: error, GetSecretValue allowed on every secret with no
 *   condition (any secret can be read: exfiltration).
 * - resource-suffix-overmatch: warning, `<name>-*` also matches `<name>-other`.
 * - resource-bare-secret-name: error, a secret ARN without the 6-character suffix matches
 *   nothing; resource-not-arn: error, a Resource that is neither "*" nor an ARN.
 * - unscoped-action-scoped: warning, ListSecrets / BatchGetSecretValue / GetRandomPassword on a
 *   resource other than "*" (IAM never matches it).
 * - kms-decrypt-missing: error, a customer-managed key given in the options that no statement
 *   lets Secrets Manager decrypt with.
 * - condition-operator-unknown: error; sid-duplicate: warning.
 */
class PolicyLinter final
{
public:
    struct Options
    {
        /// Customer-managed KMS keys (key ARNs) the secrets use: kms:Decrypt must be allowed.
        QStringList kmsKeyArns;
    };

    PolicyLinter() = delete;

    /// Every finding, in document order (errors of structure first).
    [[nodiscard]] static QList<PolicyFinding> lint(const QByteArray &text,
                                                   const Options &options = {});
    [[nodiscard]] static bool hasErrors(const QList<PolicyFinding> &findings);
};

} // namespace coffer::policy
