// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awscall.h"

#include <QPointer>

namespace coffer::aws {

AwsCall::AwsCall(QString operation, QObject *parent)
    : QObject(parent)
    , m_operation(std::move(operation))
{
}

AwsCall::~AwsCall()
{
    // Destroyed while running (its owner went away): stop the step without calling back into
    // objects that may be half-destroyed.
    m_abort = {};
}

void AwsCall::cancel()
{
    if (m_finished || m_cancelRequested)
        return;
    m_cancelRequested = true;
    if (m_abort) {
        auto abort = std::move(m_abort);
        m_abort = {};
        abort();
    }
}

void AwsCall::setAbortHandler(std::function<void()> handler)
{
    m_abort = std::move(handler);
}

void AwsCall::track(AwsCall *child, std::function<void()> afterCancel)
{
    QPointer<AwsCall> guard(child);
    setAbortHandler([guard, afterCancel = std::move(afterCancel)] {
        if (guard && !guard->isFinished())
            guard->cancel();
        if (afterCancel)
            afterCancel();
    });
}

void AwsCall::reportProgress(qint64 done, qint64 total)
{
    Q_EMIT progressed(done, total);
}

void AwsCall::reportRetry(int attempt, qint64 delayMs)
{
    Q_EMIT retryScheduled(attempt, delayMs);
}

void AwsCall::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_abort = {};
    Q_EMIT finished();
    deleteLater();
}

} // namespace coffer::aws
