// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer::policy {

/**
 * What PolicyEvaluator decided for one request, and which statement decided it: the first
 * matching Deny for ExplicitDeny, the first matching Allow for Allowed, none for ImplicitDeny.
 */
struct Decision
{
    enum class Reason { Allowed, ExplicitDeny, ImplicitDeny };

    Reason reason = Reason::ImplicitDeny;
    QString policyName; ///< the deciding policy's name; empty for ImplicitDeny
    QString statementSid; ///< its Sid; may be empty
    int statementIndex = -1; ///< 0-based position in the policy; -1 for ImplicitDeny
    bool fromResourcePolicy = false;
    /// A sentence for people: "Allowed by statement 'ReadSecrets' of policy 'app.json'."
    QString explanation;

    [[nodiscard]] bool allowed() const { return reason == Reason::Allowed; }
    /// "app.json: ReadSecrets", "app.json: #2"; empty for ImplicitDeny.
    [[nodiscard]] QString statementLabel() const
    {
        if (statementIndex < 0)
            return {};
        const QString statement = statementSid.isEmpty()
            ? QStringLiteral("#%1").arg(statementIndex + 1)
            : statementSid;
        return policyName.isEmpty() ? statement : policyName + QStringLiteral(": ") + statement;
    }
    /// "Allowed", "ExplicitDeny", "ImplicitDeny": stable names for --json and logs.
    [[nodiscard]] static QString reasonName(Reason reason)
    {
        switch (reason) {
        case Reason::Allowed:
            return QStringLiteral("Allowed");
        case Reason::ExplicitDeny:
            return QStringLiteral("ExplicitDeny");
        case Reason::ImplicitDeny:
            return QStringLiteral("ImplicitDeny");
        }
        return {};
    }
};

} // namespace coffer::policy
