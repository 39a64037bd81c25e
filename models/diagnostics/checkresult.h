// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>

namespace coffer::diagnostics {

/// The verdict of one check. Skipped checks did not run (a check they depend on failed, the
/// endpoint is plain http, the run was cancelled...) and never make a run fail.
enum class CheckStatus { Pass, Warn, Fail, Skipped };

/// The groups of checks, in the order they are shown.
enum class CheckCategory { Configuration, Network, Clock, Identity, Permissions, Content };

/// One fact a check established ("Endpoint" = "https://... (AWS_ENDPOINT_URL)"), shown indented.
struct Evidence
{
    QString label;
    QString value;

    friend bool operator==(const Evidence &, const Evidence &) = default;
};

/**
 * One problem a check found (status Warn or Fail), with what it means and how to fix it.
 *
 * `cause` is a stable, untranslated identifier tests and tools can rely on:
 * "identity-policy-denied", "identity-policy-explicit-deny", "resource-policy-explicit-deny",
 * "resource-policy-denied", "kms-access-denied", "kms-key-unusable", "invalid-signature",
 * "unknown-access-key", "expired-token", "credentials-missing", "clock-skew", "dns-failure",
 * "connection-refused", "tls-self-signed", "tls-expired", "tls-not-yet-valid",
 * "tls-host-mismatch", "tls-untrusted", ... `fixPolicy`, when set, is the minimal IAM policy
 * statement (pretty-printed JSON) that grants what was missing.
 */
struct CheckFinding
{
    CheckStatus status = CheckStatus::Fail;
    QString cause;
    QStringList subjects;     ///< what it concerns: secret names, a host, a certificate
    QString message;          ///< what happened; the server's message verbatim when there is one
    QString explanation;      ///< why, in plain words
    QString fix;              ///< what to do
    QString fixPolicy;        ///< minimal IAM statement (JSON) that fixes it; empty if none
    QString errorCode;        ///< the AWS error code, or the transport label
    QStringList requestIds;   ///< the server's request ids, for a support ticket

    friend bool operator==(const CheckFinding &, const CheckFinding &) = default;
};

/**
 * The outcome of one diagnostic check: its verdict, the evidence it is based on and, for each
 * problem, an explanation with the fix. A plain value; DiagnosticsRun streams them and
 * DiagnosticsReport turns a list of them into Markdown, JSON or terminal text.
 *
 * Never holds a secret value or a credential: evidence names secrets and key ids, never values.
 */
struct CheckResult
{
    Q_DECLARE_TR_FUNCTIONS(coffer::diagnostics::CheckResult)

public:
    QString id;               ///< stable: "network.dns", "permissions.read", ...
    CheckCategory category = CheckCategory::Configuration;
    QString title;            ///< for people: "DNS resolution"
    CheckStatus status = CheckStatus::Skipped;
    QString summary;          ///< one line: what was found
    QList<Evidence> evidence;
    QList<CheckFinding> findings;
    QStringList requestIds;   ///< every request id the check saw, failed or not
    std::chrono::milliseconds duration{0};

    void addEvidence(const QString &label, const QString &value) { evidence.append({label, value}); }
    /// Adds `finding` and raises `status` to the finding's status when that is worse.
    void addFinding(CheckFinding finding);
    /// The finding with `cause`, if any.
    [[nodiscard]] std::optional<CheckFinding> finding(const QString &cause) const;
    [[nodiscard]] bool hasFinding(const QString &cause) const { return finding(cause).has_value(); }
    /// The value of the evidence labelled `label` (first one), empty when absent.
    [[nodiscard]] QString evidenceValue(const QString &label) const;

    [[nodiscard]] nlohmann::ordered_json toJson() const;

    /// "pass", "warn", "fail", "skipped": stable names for JSON and tests.
    [[nodiscard]] static QString statusName(CheckStatus status);
    /// "configuration", "network", "clock", "identity", "permissions".
    [[nodiscard]] static QString categoryName(CheckCategory category);
    /// "Configuration", "Network", ...: for people.
    [[nodiscard]] static QString categoryLabel(CheckCategory category);
    /// The worse of two statuses: Fail > Warn > Pass > Skipped.
    [[nodiscard]] static CheckStatus worse(CheckStatus a, CheckStatus b);
};

} // namespace coffer::diagnostics
