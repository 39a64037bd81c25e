// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace coffer::test {

/// What a child process did.
struct ProcessRun
{
    int exitCode = -1;   ///< -1: it did not start, crashed, or was stopped after the timeout
    QByteArray out;
    QByteArray err;      ///< says so when it did not start or timed out

    [[nodiscard]] QString outText() const { return QString::fromUtf8(out); }
    [[nodiscard]] QString errText() const { return QString::fromUtf8(err); }
};

/// Runs `program` and waits for it with a local event loop, so that a server living on this
/// thread (an in-process sandbox, a scripted server) keeps answering it. `input` goes to its
/// standard input, which is then closed. After `timeout` it is killed.
ProcessRun runProcess(const QString &program, const QStringList &arguments,
                      const QProcessEnvironment &environment, const QByteArray &input = {},
                      std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// This process's environment without any AWS_ variable, so that a child sees only the
/// configuration a test gives it.
QProcessEnvironment environmentWithoutAws();

/// This process's environment plus what an AWS client needs to reach `endpoint` with `keys`.
QProcessEnvironment environmentFor(const QUrl &endpoint, const aws::AwsCredentials &keys,
                                   const QString &region);

} // namespace coffer::test
