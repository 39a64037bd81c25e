// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/content/contentfinding.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::content {

nlohmann::ordered_json ContentFinding::toJson() const
{
    return { { "id", id.toStdString() },
             { "severity", severityName(severity).toStdString() },
             { "pointer", pointer.toStdString() },
             { "message", message.toStdString() },
             { "fix", fix.toStdString() } };
}

QString ContentFinding::severityName(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Error:
        return u"error"_s;
    case FindingSeverity::Warning:
        return u"warning"_s;
    case FindingSeverity::Info:
        return u"info"_s;
    }
    return u"error"_s;
}

QString ContentFinding::severityLabel(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Error:
        return tr("Error");
    case FindingSeverity::Warning:
        return tr("Warning");
    case FindingSeverity::Info:
        return tr("Info", "a finding that is only informative");
    }
    return tr("Error");
}

bool hasError(const QList<ContentFinding> &findings)
{
    return std::ranges::any_of(findings, [](const ContentFinding &finding) {
        return finding.severity == FindingSeverity::Error;
    });
}

int countSeverity(const QList<ContentFinding> &findings, FindingSeverity severity)
{
    return int(std::ranges::count_if(findings, [severity](const ContentFinding &finding) {
        return finding.severity == severity;
    }));
}

} // namespace coffer::content
