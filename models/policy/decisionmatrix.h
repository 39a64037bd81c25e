// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/policy/decision.h"

#include <QList>
#include <QStringList>

namespace coffer::policy {

/**
 * Decisions for every action × resource pair (PolicyEvaluator::matrix()), for the policy
 * preview: rows are actions, columns resources.
 */
struct DecisionMatrix
{
    QStringList actions;
    QStringList resources;
    QList<Decision> decisions; ///< row-major: decisions[row * resources.size() + column]

    [[nodiscard]] const Decision &at(qsizetype actionRow, qsizetype resourceColumn) const
    {
        return decisions.at(actionRow * resources.size() + resourceColumn);
    }
    [[nodiscard]] bool allAllowed() const
    {
        for (const Decision &decision : decisions) {
            if (!decision.allowed())
                return false;
        }
        return true;
    }
};

} // namespace coffer::policy
