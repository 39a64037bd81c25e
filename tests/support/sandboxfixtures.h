// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"
#include "models/diagnostics/diagnosticstarget.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>

namespace coffer::test {

/// An identity policy of one statement that allows `actions` on `resource`.
QByteArray allowPolicy(const QStringList &actions, const QString &resource = QStringLiteral("*"));

/// A diagnostics target that reaches Secrets Manager, STS and IAM at `endpoint` with `keys`, in
/// us-east-1, with one attempt per call (a test wants the first answer, not a retried one).
diagnostics::DiagnosticsTarget diagnosticsTargetFor(const QUrl &endpoint,
                                                    const aws::AwsCredentials &keys);

} // namespace coffer::test
