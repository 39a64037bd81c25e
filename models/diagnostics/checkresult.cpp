// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/checkresult.h"

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

namespace {
std::string utf8(const QString &text)
{
    return text.toStdString();
}

nlohmann::ordered_json stringArray(const QStringList &values)
{
    auto array = nlohmann::ordered_json::array();
    for (const QString &value : values)
        array.push_back(utf8(value));
    return array;
}

int severity(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Skipped: return 0;
    case CheckStatus::Pass: return 1;
    case CheckStatus::Warn: return 2;
    case CheckStatus::Fail: return 3;
    }
    return 0;
}
} // namespace

void CheckResult::addFinding(CheckFinding finding)
{
    status = worse(status == CheckStatus::Skipped ? CheckStatus::Pass : status, finding.status);
    for (const QString &requestId : std::as_const(finding.requestIds)) {
        if (!requestIds.contains(requestId))
            requestIds.append(requestId);
    }
    findings.append(std::move(finding));
}

std::optional<CheckFinding> CheckResult::finding(const QString &cause) const
{
    for (const CheckFinding &candidate : findings) {
        if (candidate.cause == cause)
            return candidate;
    }
    return std::nullopt;
}

QString CheckResult::evidenceValue(const QString &label) const
{
    for (const Evidence &item : evidence) {
        if (item.label == label)
            return item.value;
    }
    return {};
}

nlohmann::ordered_json CheckResult::toJson() const
{
    nlohmann::ordered_json json;
    json["id"] = utf8(id);
    json["category"] = utf8(categoryName(category));
    json["title"] = utf8(title);
    json["status"] = utf8(statusName(status));
    json["summary"] = utf8(summary);
    json["durationMs"] = duration.count();
    auto evidenceJson = nlohmann::ordered_json::array();
    for (const Evidence &item : evidence)
        evidenceJson.push_back({{"label", utf8(item.label)}, {"value", utf8(item.value)}});
    json["evidence"] = std::move(evidenceJson);
    auto findingsJson = nlohmann::ordered_json::array();
    for (const CheckFinding &finding : findings) {
        nlohmann::ordered_json entry;
        entry["status"] = utf8(statusName(finding.status));
        entry["cause"] = utf8(finding.cause);
        entry["subjects"] = stringArray(finding.subjects);
        entry["message"] = utf8(finding.message);
        entry["explanation"] = utf8(finding.explanation);
        entry["fix"] = utf8(finding.fix);
        if (!finding.fixPolicy.isEmpty()) {
            auto policy = nlohmann::ordered_json::parse(finding.fixPolicy.toStdString(), nullptr, false);
            entry["fixPolicy"] = policy.is_discarded() ? nlohmann::ordered_json(utf8(finding.fixPolicy)) : policy;
        }
        if (!finding.errorCode.isEmpty())
            entry["errorCode"] = utf8(finding.errorCode);
        entry["requestIds"] = stringArray(finding.requestIds);
        findingsJson.push_back(std::move(entry));
    }
    json["findings"] = std::move(findingsJson);
    json["requestIds"] = stringArray(requestIds);
    return json;
}

QString CheckResult::statusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass: return u"pass"_s;
    case CheckStatus::Warn: return u"warn"_s;
    case CheckStatus::Fail: return u"fail"_s;
    case CheckStatus::Skipped: return u"skipped"_s;
    }
    return {};
}

QString CheckResult::categoryName(CheckCategory category)
{
    switch (category) {
    case CheckCategory::Configuration: return u"configuration"_s;
    case CheckCategory::Network: return u"network"_s;
    case CheckCategory::Clock: return u"clock"_s;
    case CheckCategory::Identity: return u"identity"_s;
    case CheckCategory::Permissions: return u"permissions"_s;
    case CheckCategory::Content: return u"content"_s;
    }
    return {};
}

QString CheckResult::categoryLabel(CheckCategory category)
{
    switch (category) {
    case CheckCategory::Configuration: return tr("Configuration");
    case CheckCategory::Network: return tr("Network");
    case CheckCategory::Clock: return tr("Clock");
    case CheckCategory::Identity: return tr("Identity");
    case CheckCategory::Permissions: return tr("Permissions");
    case CheckCategory::Content: return tr("Content", "what secrets hold");
    }
    return {};
}

CheckStatus CheckResult::worse(CheckStatus a, CheckStatus b)
{
    return severity(a) >= severity(b) ? a : b;
}

} // namespace coffer::diagnostics
