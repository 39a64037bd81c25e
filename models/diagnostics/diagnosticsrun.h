// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/secretsmanagertypes.h"
#include "models/aws/ststypes.h"
#include "models/content/contentfinding.h"
#include "models/diagnostics/checkresult.h"
#include "models/diagnostics/diagnosticstarget.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QTimer;

namespace coffer::aws {
class AwsClient;
class IamClient;
class SecretsManagerClient;
class StsClient;
} // namespace coffer::aws

namespace coffer::content {
class SchemaSet;
}

namespace coffer::diagnostics {

/**
 * One run of the connectivity and permission checks for a target: configuration, network
 * (DNS, TCP, TLS, HTTP, proxy), clock, identity and permissions, each ending in a CheckResult
 * with evidence, and for every problem an explanation and a fix.
 *
 *     auto *run = new DiagnosticsRun(transport, target, {}, this);
 *     connect(run, &DiagnosticsRun::checkFinished, this, [](const CheckResult &r) { ... });
 *     connect(run, &DiagnosticsRun::finished, this, [run] { report(run->results()); });
 *     run->start();
 *
 * Independent checks run in parallel (the network chain beside the credentials lookup; the
 * permission calls `options.concurrency` at a time); a check waits only for what it needs, and
 * is skipped, saying why, when that failed. Every check has its own time limit; cancel() stops
 * everything still in flight and reports the rest as skipped. Results stream in as they finish;
 * results() lists them in plannedChecks() order.
 *
 * No check writes: reads are ListSecrets, DescribeSecret and GetSecretValue (whose value is
 * dropped at once, never kept or shown), and write permissions are asked of IAM's policy
 * simulator when the principal may call it.
 */
class DiagnosticsRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsRun)

public:
    /// A check the run will report on, before it ran.
    struct PlannedCheck
    {
        QString id;
        CheckCategory category;
        QString title;
    };

    DiagnosticsRun(aws::AwsClient *transport, DiagnosticsTarget target,
                   DiagnosticsOptions options = {}, QObject *parent = nullptr);
    ~DiagnosticsRun() override;

    /// Every check, in the order they are reported.
    [[nodiscard]] static QList<PlannedCheck> plannedChecks();

    /// The team's JSON Schemas for the Content check (none by default); call before start().
    void setSchemaSet(std::shared_ptr<const content::SchemaSet> schemas) { m_schemas = std::move(schemas); }
    /// Starts the checks (once); results arrive through the signals.
    void start();
    /// Stops the run: checks in flight and those not started end as skipped ("cancelled").
    void cancel();

    [[nodiscard]] bool isRunning() const { return m_started && !m_finished; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] bool wasCancelled() const { return m_cancelled; }
    [[nodiscard]] const DiagnosticsTarget &target() const { return m_target; }
    [[nodiscard]] const DiagnosticsOptions &options() const { return m_options; }
    [[nodiscard]] QDateTime startedAt() const { return m_startedAt; }
    /// Time since start(); once finished, the run's duration.
    [[nodiscard]] std::chrono::milliseconds elapsed() const;

    /// The finished checks, in plannedChecks() order.
    [[nodiscard]] QList<CheckResult> results() const;
    [[nodiscard]] std::optional<CheckResult> result(const QString &id) const;
    /// Fail when any check failed, else Warn when any warned, else Pass.
    [[nodiscard]] CheckStatus overallStatus() const;

Q_SIGNALS:
    void checkStarted(const QString &id, const QString &title);
    void checkFinished(const coffer::diagnostics::CheckResult &result);
    void progressChanged(int finishedChecks, int totalChecks);
    /// The Content check inspected one secret (for marks beside its name).
    void secretContentInspected(const QString &name,
                                const QList<coffer::content::ContentFinding> &findings);
    void finished();

private:
    struct Running;
    struct SecretProbe;
    struct Job;

    // bookkeeping
    QObject *begin(const QString &id);
    [[nodiscard]] CheckResult blank(const QString &id) const;
    [[nodiscard]] bool isDone(const QString &id) const { return m_results.contains(id); }
    [[nodiscard]] bool isRunningCheck(const QString &id) const { return m_running.contains(id); }
    [[nodiscard]] bool passed(const QString &id) const;
    void finish(CheckResult result);
    void skip(const QString &id, const QString &reason);
    void onTimeout(const QString &id);
    void maybeFinishRun();
    void advance();

    // checks
    void runConfiguration();
    void runProxy();
    void startDns();
    void startTcp();
    void startTls();
    void startHttp();
    void evaluateClock();
    void startCredentials();
    void startCaller();
    void startListing();
    void startSecretProbes();
    void finishDescribe();
    void finishRead();
    /// One permission probed on every secret of the sample: how many calls succeeded and
    /// failed, and the findings for the failures.
    struct ProbeOutcome
    {
        int succeeded = 0;
        int failed = 0;
        QList<CheckFinding> findings;
    };
    [[nodiscard]] ProbeOutcome probeOutcome(const QString &action, bool SecretProbe::*succeeded,
                                            std::optional<aws::AwsError> SecretProbe::*error) const;
    void startWriteSimulation();
    void startContentScan();

    // concurrency pool for the permission calls
    void enqueue(const QString &checkId, std::function<void(std::function<void()> release)> start);
    void pump();

    [[nodiscard]] QString proxyDescription() const;
    [[nodiscard]] QString principalArn() const;
    [[nodiscard]] QString partition() const;
    [[nodiscard]] QString accountId() const;
    [[nodiscard]] QList<QSslCertificate> trustedCertificates() const;

    QPointer<aws::AwsClient> m_transport;
    DiagnosticsTarget m_target;
    DiagnosticsOptions m_options;
    std::shared_ptr<const content::SchemaSet> m_schemas;
    aws::SecretsManagerClient *m_secrets = nullptr;
    aws::StsClient *m_sts = nullptr;
    aws::IamClient *m_iam = nullptr;
    QNetworkAccessManager *m_network = nullptr;

    bool m_started = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_configurationUsable = false;
    bool m_advancing = false;
    bool m_advanceAgain = false;
    QDateTime m_startedAt;
    QElapsedTimer m_clock;
    std::chrono::milliseconds m_duration{};   ///< set when the run finishes

    QHash<QString, std::shared_ptr<Running>> m_running;
    QHash<QString, CheckResult> m_results;

    // what the checks learned, for the ones after them
    QNetworkProxy m_proxy;
    QString m_proxySource;
    QDateTime m_serverDate;
    QDateTime m_localMidpoint;
    std::optional<QDateTime> m_credentialsExpiry;
    std::optional<aws::AwsError> m_callerError;
    std::optional<aws::CallerIdentity> m_caller;
    QList<aws::SecretMetadata> m_inScope;        ///< listed secrets in scope (all)
    QList<aws::SecretMetadata> m_sample;         ///< the ones probed
    QHash<QString, std::shared_ptr<SecretProbe>> m_probes;
    int m_describePending = 0;
    int m_readPending = 0;

    QList<std::shared_ptr<Job>> m_queue;
    QHash<QString, int> m_inFlight;
    int m_inFlightTotal = 0;
};

} // namespace coffer::diagnostics
