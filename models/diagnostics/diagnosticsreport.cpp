// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/diagnosticsreport.h"

#include "models/core/appinfo.h"
#include "models/diagnostics/diagnosticsrun.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

namespace {
std::string utf8(const QString &text)
{
    return text.toStdString();
}

QString indented(const QString &text, const QString &prefix)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines)
        line.prepend(prefix);
    return lines.join(u'\n');
}
} // namespace

DiagnosticsReport::DiagnosticsReport(Header header, QList<CheckResult> results)
    : m_header(std::move(header))
    , m_results(std::move(results))
{
}

DiagnosticsReport DiagnosticsReport::fromRun(const DiagnosticsRun &run)
{
    Header header;
    const DiagnosticsTarget &target = run.target();
    header.profile = target.profileName.isEmpty() ? target.profileSource
                                                  : u"%1 (%2)"_s.arg(target.profileName, target.profileSource);
    header.region = target.secretsManager.region;
    header.endpoint = target.secretsManager.endpoint.toString();
    header.scope = target.scope.description();
    header.generatedAt = run.startedAt().isValid() ? run.startedAt() : QDateTime::currentDateTimeUtc();
    header.durationMs = run.elapsed().count();
    header.cancelled = run.wasCancelled();
    return DiagnosticsReport(std::move(header), run.results());
}

CheckStatus DiagnosticsReport::overallStatus() const
{
    CheckStatus overall = CheckStatus::Pass;
    for (const CheckResult &result : m_results) {
        if (result.status != CheckStatus::Skipped)
            overall = CheckResult::worse(overall, result.status);
    }
    return overall;
}

int DiagnosticsReport::count(CheckStatus status) const
{
    return int(std::count_if(m_results.cbegin(), m_results.cend(),
                             [status](const CheckResult &result) { return result.status == status; }));
}

QString DiagnosticsReport::marker(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass: return u"✔"_s;
    case CheckStatus::Warn: return u"⚠"_s;
    case CheckStatus::Fail: return u"✖"_s;
    case CheckStatus::Skipped: return u"–"_s;
    }
    return {};
}

QByteArray DiagnosticsReport::toJson() const
{
    nlohmann::ordered_json document;
    document["schema"] = "coffer-diagnostics/1";
    document["generator"] = utf8(u"Coffer "_s + AppInfo::version());
    document["generatedAt"] = utf8(m_header.generatedAt.toUTC().toString(Qt::ISODate));
    document["durationMs"] = m_header.durationMs;
    document["cancelled"] = m_header.cancelled;
    document["profile"] = utf8(m_header.profile);
    document["region"] = utf8(m_header.region);
    document["endpoint"] = utf8(m_header.endpoint);
    document["scope"] = utf8(m_header.scope);
    document["overall"] = utf8(CheckResult::statusName(overallStatus()));
    document["counts"] = {{"pass", count(CheckStatus::Pass)},
                          {"warn", count(CheckStatus::Warn)},
                          {"fail", count(CheckStatus::Fail)},
                          {"skipped", count(CheckStatus::Skipped)}};
    auto checks = nlohmann::ordered_json::array();
    for (const CheckResult &result : m_results)
        checks.push_back(result.toJson());
    document["checks"] = std::move(checks);
    return QByteArray::fromStdString(document.dump(2)) + '\n';
}

QString DiagnosticsReport::toMarkdown() const
{
    QString out;
    out += u"# "_s + tr("Coffer diagnostics") + u"\n\n"_s;
    out += u"| | |\n|---|---|\n"_s;
    out += u"| %1 | %2 |\n"_s.arg(tr("Result"), marker(overallStatus()) + u' ' + CheckResult::statusName(overallStatus()));
    out += u"| %1 | %2 |\n"_s.arg(tr("Profile"), m_header.profile);
    out += u"| %1 | %2 |\n"_s.arg(tr("Region"), m_header.region);
    out += u"| %1 | `%2` |\n"_s.arg(tr("Endpoint"), m_header.endpoint);
    out += u"| %1 | %2 |\n"_s.arg(tr("Scope"), m_header.scope);
    out += u"| %1 | %2 |\n"_s.arg(tr("Run at"), m_header.generatedAt.toUTC().toString(Qt::ISODate));
    out += u"| %1 | %2 ms |\n"_s.arg(tr("Duration")).arg(m_header.durationMs);
    out += u"| %1 | Coffer %2 |\n\n"_s.arg(tr("Version"), AppInfo::version());

    CheckCategory category = CheckCategory::Configuration;
    bool first = true;
    for (const CheckResult &result : m_results) {
        if (first || result.category != category) {
            out += u"## "_s + CheckResult::categoryLabel(result.category) + u"\n\n"_s;
            category = result.category;
            first = false;
        }
        out += u"### %1 %2 — %3\n\n"_s.arg(marker(result.status), result.title, CheckResult::statusName(result.status));
        if (!result.summary.isEmpty())
            out += result.summary + u"\n\n"_s;
        for (const Evidence &item : result.evidence)
            out += u"- **%1**: %2\n"_s.arg(item.label, item.value);
        if (!result.evidence.isEmpty())
            out += u'\n';
        for (const CheckFinding &finding : result.findings) {
            out += u"> %1 **%2** `%3`"_s.arg(marker(finding.status), finding.message.isEmpty() ? finding.cause : finding.message, finding.cause);
            out += u"\n>\n"_s;
            if (!finding.subjects.isEmpty())
                out += u"> %1: %2\n>\n"_s.arg(tr("Concerns"), finding.subjects.join(u", "_s));
            if (!finding.explanation.isEmpty())
                out += u"> "_s + finding.explanation + u"\n>\n"_s;
            if (!finding.fix.isEmpty())
                out += u"> **%1** %2\n"_s.arg(tr("Fix:"), finding.fix);
            if (!finding.requestIds.isEmpty())
                out += u">\n> %1: %2\n"_s.arg(tr("Request ids"), finding.requestIds.join(u", "_s));
            out += u'\n';
            if (!finding.fixPolicy.isEmpty())
                out += u"```json\n"_s + finding.fixPolicy + u"\n```\n\n"_s;
        }
        if (!result.requestIds.isEmpty() && result.findings.isEmpty())
            out += u"%1: %2\n\n"_s.arg(tr("Request ids"), result.requestIds.join(u", "_s));
    }
    out += tr("%1 passed, %2 warnings, %3 failed, %4 skipped.")
               .arg(count(CheckStatus::Pass))
               .arg(count(CheckStatus::Warn))
               .arg(count(CheckStatus::Fail))
               .arg(count(CheckStatus::Skipped))
        + u'\n';
    return out;
}

QString DiagnosticsReport::toText() const
{
    QString out;
    CheckCategory category = CheckCategory::Configuration;
    bool first = true;
    for (const CheckResult &result : m_results) {
        if (first || result.category != category) {
            if (!first)
                out += u'\n';
            out += CheckResult::categoryLabel(result.category) + u'\n';
            category = result.category;
            first = false;
        }
        out += u"  %1 %2: %3\n"_s.arg(marker(result.status), result.title, result.summary);
        for (const Evidence &item : result.evidence)
            out += u"      %1: %2\n"_s.arg(item.label, item.value);
        for (const CheckFinding &finding : result.findings) {
            out += u"    %1 %2 [%3]\n"_s.arg(marker(finding.status), finding.message.isEmpty() ? finding.cause : finding.message, finding.cause);
            if (!finding.subjects.isEmpty())
                out += u"      %1: %2\n"_s.arg(tr("Concerns"), finding.subjects.join(u", "_s));
            if (!finding.explanation.isEmpty())
                out += u"      %1: %2\n"_s.arg(tr("Why"), finding.explanation);
            if (!finding.fix.isEmpty())
                out += u"      %1: %2\n"_s.arg(tr("Fix"), finding.fix);
            if (!finding.fixPolicy.isEmpty())
                out += indented(finding.fixPolicy, u"        "_s) + u'\n';
            if (!finding.requestIds.isEmpty())
                out += u"      %1: %2\n"_s.arg(tr("Request ids"), finding.requestIds.join(u", "_s));
        }
    }
    out += u'\n';
    out += u"%1 %2\n"_s.arg(marker(overallStatus()),
                            tr("%1 passed, %2 warnings, %3 failed, %4 skipped.")
                                .arg(count(CheckStatus::Pass))
                                .arg(count(CheckStatus::Warn))
                                .arg(count(CheckStatus::Fail))
                                .arg(count(CheckStatus::Skipped)));
    return out;
}

} // namespace coffer::diagnostics
