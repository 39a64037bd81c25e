// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/content/contentfinding.h"
#include "models/diagnostics/checkresult.h"
#include "models/diagnostics/diagnosticsreport.h"
#include "models/diagnostics/diagnosticstarget.h"

#include <QHash>
#include <QIcon>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace coffer {

namespace aws {
class AwsClient;
}
namespace content {
class SchemaSet;
}
namespace diagnostics {
class DiagnosticsRun;
}
class Session;

/**
 * The connectivity and permission checks of a connection (issue #10), run on request.
 *
 * Run Checks starts a DiagnosticsRun; each check appears as it starts (a running row) and is
 * filled in when it finishes: a status icon (pass, warning, failure, skipped), its title and
 * summary, the evidence as children, and every finding with why it happened and how to fix it.
 * A finding with a minimal IAM statement shows it under its Fix row, with a button (and a
 * context action) that hands it to the policy preview. Checks are grouped by category; a line
 * counts the verdicts. The report can be copied as Markdown or saved as Markdown or JSON; it
 * never holds a secret value or a credential.
 *
 *     auto *pane = new DiagnosticsPane(this);
 *     pane->setTarget(session->transport(), DiagnosticsPane::targetFor(*session, u"pixell/"_s, {}));
 *     pane->run();
 */
class DiagnosticsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiagnosticsPane)

public:
    /// Data roles of the result tree's items (column 0).
    enum Role {
        CheckIdRole = Qt::UserRole + 1,   ///< "network.dns" on a check row
        StatusRole,                       ///< CheckResult::statusName() on check and finding rows; "running" while running
        KindRole,                         ///< "category", "check", "evidence", "finding", "why", "fix", "policy", ...
        PolicyRole,                       ///< the IAM statement (JSON) on a finding's Fix and policy rows
        CauseRole,                        ///< CheckFinding::cause on finding rows
    };

    explicit DiagnosticsPane(QWidget *parent = nullptr);
    ~DiagnosticsPane() override;

    /// What to check, through `transport` (a session's shared one). Cancels a run in progress.
    void setTarget(aws::AwsClient *transport, diagnostics::DiagnosticsTarget target);
    /// Drops the target and the results (another session starts); run() does nothing until
    /// setTarget() is called again.
    void clear();
    /// Which secrets the permission checks look at: one secret (wins) or a name prefix.
    void setScope(const QString &prefix, const QString &secret);
    /// How the checks run (time limits, extra trust anchors...).
    void setOptions(diagnostics::DiagnosticsOptions options);
    /// The team's JSON Schemas for the Content check (none: no schema findings).
    void setSchemaSet(std::shared_ptr<const content::SchemaSet> schemas) { m_schemas = std::move(schemas); }
    [[nodiscard]] const diagnostics::DiagnosticsTarget &target() const { return m_target; }

    /// The target of a connected Session: its Secrets Manager and STS settings, IAM beside them.
    [[nodiscard]] static diagnostics::DiagnosticsTarget targetFor(const Session &session,
                                                                  const QString &prefix = {},
                                                                  const QString &secret = {});

    /// Starts the checks (again); does nothing without a target or while running.
    void run();
    /// Stops the run; what did not finish is reported as skipped.
    void cancel();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] bool hasResults() const;

    /// The report of the last run (empty without one), fixed once the run ended.
    [[nodiscard]] diagnostics::DiagnosticsReport report() const;
    /// Copies the report as Markdown to the clipboard.
    void copyReport();
    /// Writes the report to `path`: JSON when it ends in .json, else Markdown.
    bool saveReport(const QString &path, QString *errorMessage = nullptr);

    /// The check row of `id` ("permissions.read"), or null.
    [[nodiscard]] QTreeWidgetItem *checkItem(const QString &id) const;
    /// An icon for a verdict: green check, amber warning, red cross, grey dash.
    [[nodiscard]] static QIcon statusIcon(diagnostics::CheckStatus status);

    [[nodiscard]] QPushButton *runButton() const { return m_runButton; }
    [[nodiscard]] QPushButton *cancelButton() const { return m_cancelButton; }
    [[nodiscard]] QPushButton *copyReportButton() const { return m_copyReportButton; }
    [[nodiscard]] QPushButton *saveReportButton() const { return m_saveReportButton; }
    [[nodiscard]] QPlainTextEdit *detailsView() const { return m_details; }
    [[nodiscard]] QTreeWidget *resultsTree() const { return m_tree; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summaryLabel; }
    [[nodiscard]] QLabel *targetLabel() const { return m_targetLabel; }
    [[nodiscard]] QProgressBar *progressBar() const { return m_progressBar; }
    /// Opens the current row's IAM statement in the policy preview (context menu).
    [[nodiscard]] QAction *openPolicyPreviewAction() const { return m_openPolicyAction; }
    [[nodiscard]] QAction *copyPolicyAction() const { return m_copyPolicyAction; }

signals:
    /// The user wants to see `statementJson` (a finding's fix) in the policy preview.
    void policyPreviewRequested(const QString &statementJson);
    /// A run ended (finished or cancelled).
    void runFinished();
    /// A message for the status bar.
    void messageChanged(const QString &message);
    /// The Content check inspected one secret of the scope.
    void secretContentInspected(const QString &name,
                                const QList<coffer::content::ContentFinding> &findings);

private:
    void onCheckStarted(const QString &id, const QString &title);
    void onCheckFinished(const diagnostics::CheckResult &result);
    void onProgress(int finishedChecks, int totalChecks);
    void onRunFinished();
    void saveReportInteractively();
    void showContextMenu(const QPoint &position);
    void resetTree();
    QTreeWidgetItem *ensureCheckItem(const QString &id, const QString &title, diagnostics::CheckCategory category);
    void fillCheckItem(QTreeWidgetItem *item, const diagnostics::CheckResult &result);
    /// Forgets the results (and stops a run): they belong to another target or scope.
    void discardResults();
    /// The selected row's finding (message, why, fix, policy) in the details box, in full.
    void showDetails(const QTreeWidgetItem *item);
    void updateCategory(diagnostics::CheckCategory category);
    void updateSummary();
    void updateButtons();
    void updateTargetLabel();
    [[nodiscard]] QString policyOf(const QTreeWidgetItem *item) const;

    QPointer<aws::AwsClient> m_transport;
    diagnostics::DiagnosticsTarget m_target;
    diagnostics::DiagnosticsOptions m_options;
    std::shared_ptr<const content::SchemaSet> m_schemas;
    bool m_hasTarget = false;
    diagnostics::DiagnosticsRun *m_run = nullptr;
    /// The report, frozen when the run ended (the run's clock keeps going).
    std::optional<diagnostics::DiagnosticsReport> m_report;

    QHash<QString, QTreeWidgetItem *> m_checkItems;
    QHash<int, QTreeWidgetItem *> m_categoryItems;
    QHash<QString, int> m_plannedOrder;

    QLabel *m_targetLabel = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_copyReportButton = nullptr;
    QPushButton *m_saveReportButton = nullptr;
    QProgressBar *m_progressBar = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QAction *m_openPolicyAction = nullptr;
    QAction *m_copyPolicyAction = nullptr;
};

} // namespace coffer
