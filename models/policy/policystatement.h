// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace coffer::policy {

/// One entry of a statement's Condition block: `"StringEquals": {"aws:username": ["a", "b"]}`.
struct PolicyCondition
{
    QString operatorName; ///< as written: "ForAnyValue:StringLikeIfExists"
    QString key; ///< as written: "aws:ResourceTag/team"
    QStringList values; ///< numbers and booleans as their JSON text ("42", "true")
};

/// A Principal or NotPrincipal element: `"*"` or `{"AWS": [...], "Service": ...}`.
struct PolicyPrincipal
{
    bool anyone = false; ///< `"*"` (or `{"AWS": "*"}`)
    /// (type, identifier): ("AWS", "arn:aws:iam::123456789012:role/app"), ("Service", ...).
    QList<std::pair<QString, QString>> entries;
};

/**
 * One statement of a parsed policy, as plain values. `index` is its position in the policy's
 * Statement list (0-based); label() names it for people: the Sid, else "#<index + 1>".
 */
struct PolicyStatement
{
    enum class Effect { Allow, Deny };

    int index = 0;
    QString sid;
    Effect effect = Effect::Allow;
    QStringList actions; ///< Action, or NotAction when notAction
    bool notAction = false;
    QStringList resources; ///< Resource, or NotResource when notResource
    bool notResource = false;
    std::optional<PolicyPrincipal> principal; ///< Principal, or NotPrincipal when notPrincipal
    bool notPrincipal = false;
    QList<PolicyCondition> conditions;

    /// "ReadSecrets", or "#3" for the third statement when it has no Sid.
    [[nodiscard]] QString label() const
    {
        return sid.isEmpty() ? QStringLiteral("#%1").arg(index + 1) : sid;
    }
};

} // namespace coffer::policy
