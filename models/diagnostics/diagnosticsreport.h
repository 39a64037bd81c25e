// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/diagnostics/checkresult.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace coffer::diagnostics {

class DiagnosticsRun;

/**
 * The results of a diagnostics run as a document for a support ticket: Markdown, JSON, or
 * terminal text with ✔ / ⚠ / ✖ / – markers.
 *
 * Everything in it comes from CheckResults, which never hold a secret value or a credential;
 * request ids are kept, since they are what AWS support asks for.
 *
 *     const DiagnosticsReport report = DiagnosticsReport::fromRun(*run);
 *     file.write(report.toMarkdown().toUtf8());
 */
class DiagnosticsReport final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::diagnostics::DiagnosticsReport)

public:
    /// What the report says about the run as a whole.
    struct Header
    {
        QString profile;
        QString region;
        QString endpoint;
        QString scope;
        QDateTime generatedAt;
        qint64 durationMs = 0;
        bool cancelled = false;
    };

    DiagnosticsReport(Header header, QList<CheckResult> results);
    [[nodiscard]] static DiagnosticsReport fromRun(const DiagnosticsRun &run);

    [[nodiscard]] const Header &header() const { return m_header; }
    [[nodiscard]] const QList<CheckResult> &results() const { return m_results; }
    /// Fail when any check failed, else Warn when any warned, else Pass (skipped ones ignored).
    [[nodiscard]] CheckStatus overallStatus() const;
    /// Checks per status, for the closing line.
    [[nodiscard]] int count(CheckStatus status) const;

    [[nodiscard]] QString toMarkdown() const;
    /// The JSON document (UTF-8, indented), schema "coffer-diagnostics/1".
    [[nodiscard]] QByteArray toJson() const;
    /// Text for a terminal: one line per check with its marker, evidence indented, then fixes.
    [[nodiscard]] QString toText() const;

    /// "✔", "⚠", "✖", "–".
    [[nodiscard]] static QString marker(CheckStatus status);

private:
    Header m_header;
    QList<CheckResult> m_results;
};

} // namespace coffer::diagnostics
