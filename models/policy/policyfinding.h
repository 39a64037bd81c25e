// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace coffer::policy {

/**
 * One problem PolicyLinter found. `id` is stable ("resource-suffix-overmatch"): scripts and the
 * GUI may key on it. `pointer` is the JSON pointer of the element concerned; line and column are
 * 1-based (0 when unknown).
 */
struct PolicyFinding
{
    enum class Severity { Error, Warning, Info };

    Severity severity = Severity::Error;
    QString id;
    QString message;
    QString fix;
    QString pointer;
    int line = 0;
    int column = 0;

    /// "error", "warning", "info".
    [[nodiscard]] static QString severityName(Severity severity)
    {
        switch (severity) {
        case Severity::Error:
            return QStringLiteral("error");
        case Severity::Warning:
            return QStringLiteral("warning");
        case Severity::Info:
            return QStringLiteral("info");
        }
        return {};
    }
};

} // namespace coffer::policy
