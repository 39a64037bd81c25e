// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace coffer::aws {

/**
 * The handle of one asynchronous AWS call: a single request with its retries, or a composite
 * such as a paginated listing or a batch read.
 *
 * Every client method returns one and reports the outcome to its callback as a `Result<T>`.
 * Keep it in a `QPointer`: it deletes itself (`deleteLater()`) once `finished` was emitted.
 * `cancel()` stops the work at once: the callback receives ErrorKind::Cancelled before
 * `cancel()` returns, unless the callback's context object is already gone.
 *
 * The set/finish functions are for the client layer (AwsClient and the service clients), which
 * plug the current step (a network reply, a backoff timer, a child call) into the handle.
 */
class AwsCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsCall)

public:
    explicit AwsCall(QString operation, QObject *parent = nullptr);
    ~AwsCall() override;

    /// "SecretsManager.GetSecretValue"
    [[nodiscard]] QString operation() const { return m_operation; }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] bool isCancelRequested() const { return m_cancelRequested; }

    /// Stops the call; the callback sees ErrorKind::Cancelled. Does nothing once finished.
    void cancel();

    // --- for the client layer ---
    /// What `cancel()` runs to stop the current step; it must complete the call (with
    /// ErrorKind::Cancelled) before returning.
    void setAbortHandler(std::function<void()> handler);
    /// Makes `child` the current step: cancelling this call cancels the child (whose callback
    /// then sees ErrorKind::Cancelled), then runs `afterCancel`, which completes this call if
    /// the child's callback did not already.
    void track(AwsCall *child, std::function<void()> afterCancel = {});
    /// Reports progress of a composite call (pages, secrets); `total` is -1 when unknown.
    void reportProgress(qint64 done, qint64 total);
    /// Reports that attempt `attempt` (1-based) failed and another follows after `delayMs`.
    void reportRetry(int attempt, qint64 delayMs);
    /// Emits `finished` once and schedules deletion. The caller has delivered the result.
    void finish();

Q_SIGNALS:
    void progressed(qint64 done, qint64 total);
    void retryScheduled(int failedAttempt, qint64 delayMs);
    void finished();

private:
    QString m_operation;
    std::function<void()> m_abort;
    bool m_finished = false;
    bool m_cancelRequested = false;
};

} // namespace coffer::aws
