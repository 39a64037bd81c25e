// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/policy/decision.h"
#include "models/policy/decisionmatrix.h"
#include "models/policy/evaluationrequest.h"
#include "models/policy/policydocument.h"

#include <QList>
#include <QStringList>

#include <optional>

namespace coffer::policy {

/**
 * Decides, as IAM does, whether a set of policies allows a request: identity policies (any
 * number) and optionally the resource policy of the resource (a secret's resource policy).
 *
 *     PolicyEvaluator evaluator({ *PolicyDocument::parse(text, u"app.json"_s) });
 *     const Decision decision = evaluator.evaluate(request);
 *     decision.allowed(); decision.reason; decision.statementLabel(); // "app.json: ReadSecrets"
 *
 * The logic follows the IAM "policy evaluation logic" documentation for one account: an
 * explicit Deny in any policy wins; else an Allow in an identity policy or in the resource
 * policy allows; else the request is implicitly denied. When the resource policy is given and
 * the principal's account differs from the resource's (both read from their ARNs), both an
 * identity Allow and a resource-policy Allow are needed (cross-account access).
 *
 * A statement applies when its Action/NotAction matches the action (case-insensitive, `*` and
 * `?`), its Resource/NotResource matches the resource (ARN segments compared separately), for a
 * resource policy its Principal/NotPrincipal matches the principal, and every condition holds
 * (keys AND, values OR; ...IfExists, ForAnyValue:/ForAllValues:, Null, String*, Numeric*,
 * Date*, Bool, BinaryEquals, IpAddress/NotIpAddress (IPv4 and IPv6), Arn*). With Version 2012-10-17 the
 * policy variables `${key}`, `${key, 'default'}`, `${*}`, `${?}`, `${$}` are substituted in
 * Resource and condition values from the request context; a variable without a value makes
 * that entry match nothing.
 *
 * Built once, evaluate() is a const function of its argument with no shared mutable state, so
 * one evaluator may serve many threads (the sandbox calls it for each request).
 */
class PolicyEvaluator final
{
public:
    PolicyEvaluator() = default;
    explicit PolicyEvaluator(QList<PolicyDocument> identityPolicies,
                             std::optional<PolicyDocument> resourcePolicy = std::nullopt);

    void addIdentityPolicy(PolicyDocument policy);
    void setResourcePolicy(std::optional<PolicyDocument> policy);
    [[nodiscard]] const QList<PolicyDocument> &identityPolicies() const { return m_identity; }
    [[nodiscard]] const std::optional<PolicyDocument> &resourcePolicy() const
    {
        return m_resource;
    }

    [[nodiscard]] Decision evaluate(const EvaluationRequest &request) const;
    /// evaluate() for each action × resource, with the principal and context of `base`.
    [[nodiscard]] DecisionMatrix matrix(const QStringList &actions, const QStringList &resources,
                                        const EvaluationRequest &base = {}) const;

    /// Whether `statement` applies to `request`. `variables`: substitute policy variables
    /// (Version 2012-10-17); `checkPrincipal`: match Principal/NotPrincipal (resource policies).
    [[nodiscard]] static bool statementApplies(const PolicyStatement &statement,
                                               const EvaluationRequest &request, bool variables,
                                               bool checkPrincipal);
    /// True for a condition operator IAM knows, qualifiers included
    /// ("ForAnyValue:StringLikeIfExists").
    [[nodiscard]] static bool isKnownConditionOperator(const QString &name);

private:
    QList<PolicyDocument> m_identity;
    std::optional<PolicyDocument> m_resource;
};

} // namespace coffer::policy
