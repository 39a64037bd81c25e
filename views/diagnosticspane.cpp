// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/diagnosticspane.h"
#include "views/statusicon.h"

#include "views/wrappinglabel.h"

#include "models/core/privatefile.h"
#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/stsclient.h"
#include "models/diagnostics/diagnosticsreport.h"
#include "models/diagnostics/diagnosticsrun.h"
#include "models/session/session.h"

#include <QAction>
#include <QClipboard>
#include <QDate>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

using diagnostics::CheckCategory;
using diagnostics::CheckFinding;
using diagnostics::CheckResult;
using diagnostics::CheckStatus;
using diagnostics::DiagnosticsReport;
using diagnostics::DiagnosticsRun;
using diagnostics::DiagnosticsTarget;

namespace {

constexpr CheckCategory kCategories[] = {CheckCategory::Configuration, CheckCategory::Network,
                                         CheckCategory::Clock, CheckCategory::Identity,
                                         CheckCategory::Permissions, CheckCategory::Content};

QIcon runningIcon()
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0x3b, 0x7d, 0xd8), 4, Qt::SolidLine, Qt::RoundCap));
    painter.setBrush(Qt::NoBrush);
    painter.drawArc(QRectF(5, 5, 22, 22), 90 * 16, 270 * 16);
    painter.end();
    return QIcon(pixmap);
}

QString statusText(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return DiagnosticsPane::tr("Passed");
    case CheckStatus::Warn:
        return DiagnosticsPane::tr("Warning");
    case CheckStatus::Fail:
        return DiagnosticsPane::tr("Failed");
    case CheckStatus::Skipped:
        return DiagnosticsPane::tr("Skipped");
    }
    return {};
}

QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &kind, const QString &label, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {label, value});
    item->setData(0, DiagnosticsPane::KindRole, kind);
    item->setToolTip(1, value);
    return item;
}

} // namespace

DiagnosticsPane::DiagnosticsPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"diagnosticsPane"_s);
    const auto planned = DiagnosticsRun::plannedChecks();
    for (int i = 0; i < planned.size(); ++i)
        m_plannedOrder.insert(planned.at(i).id, i);

    // It names the secret, which may be longer than the window is wide.
    m_targetLabel = new WrappingLabel({}, this);
    m_targetLabel->setObjectName(u"diagnosticsTargetLabel"_s);
    m_targetLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_runButton = new QPushButton(tr("Run Checks"), this);
    m_runButton->setObjectName(u"diagnosticsRunButton"_s);
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(u"diagnosticsCancelButton"_s);
    m_copyReportButton = new QPushButton(tr("Copy Report"), this);
    m_copyReportButton->setObjectName(u"diagnosticsCopyReportButton"_s);
    m_copyReportButton->setToolTip(tr("Copy the report as Markdown, for a support ticket"));
    m_saveReportButton = new QPushButton(tr("Save Report…"), this);
    m_saveReportButton->setObjectName(u"diagnosticsSaveReportButton"_s);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(u"diagnosticsProgressBar"_s);
    m_progressBar->setRange(0, int(planned.size()));
    m_progressBar->setValue(0);
    m_progressBar->setFormat(tr("%v of %m checks"));

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(u"diagnosticsResultsTree"_s);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Check"), tr("Result")});
    m_tree->setUniformRowHeights(false);
    m_tree->setWordWrap(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 260);

    // The tree's cells cut long sentences; the selected row is always readable in full here.
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(u"diagnosticsDetails"_s);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a result to read its finding, why and fix in full."));
    m_details->setMaximumHeight(fontMetrics().lineSpacing() * 8);
    m_details->setAccessibleName(tr("Details of the selected result"));

    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(u"diagnosticsSummaryLabel"_s);
    m_summaryLabel->setText(tr("Run the checks to see what works and what does not."));

    m_openPolicyAction = new QAction(tr("Open in Policy Preview"), this);
    m_openPolicyAction->setObjectName(u"diagnosticsOpenPolicyPreviewAction"_s);
    m_copyPolicyAction = new QAction(tr("Copy Policy Statement"), this);
    m_copyPolicyAction->setObjectName(u"diagnosticsCopyPolicyAction"_s);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_progressBar, 1);
    buttons->addWidget(m_copyReportButton);
    buttons->addWidget(m_saveReportButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_targetLabel);
    layout->addLayout(buttons);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_summaryLabel);

    connect(m_runButton, &QPushButton::clicked, this, &DiagnosticsPane::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &DiagnosticsPane::cancel);
    connect(m_copyReportButton, &QPushButton::clicked, this, &DiagnosticsPane::copyReport);
    connect(m_saveReportButton, &QPushButton::clicked, this, &DiagnosticsPane::saveReportInteractively);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &DiagnosticsPane::showContextMenu);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this] {
        updateButtons();
        showDetails(m_tree->currentItem());
    });
    connect(m_openPolicyAction, &QAction::triggered, this, [this] {
        const QString policy = policyOf(m_tree->currentItem());
        if (!policy.isEmpty())
            Q_EMIT policyPreviewRequested(policy);
    });
    connect(m_copyPolicyAction, &QAction::triggered, this, [this] {
        const QString policy = policyOf(m_tree->currentItem());
        if (policy.isEmpty())
            return;
        QGuiApplication::clipboard()->setText(policy);
        Q_EMIT messageChanged(tr("Policy statement copied"));
    });

    updateTargetLabel();
    updateButtons();
}

DiagnosticsPane::~DiagnosticsPane()
{
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        if (m_run->isRunning())
            m_run->cancel();
    }
}

void DiagnosticsPane::setTarget(aws::AwsClient *transport, DiagnosticsTarget target)
{
    if (isRunning())
        cancel();
    const diagnostics::DiagnosticsScope scope = m_hasTarget ? m_target.scope : target.scope;
    // Results of another profile or endpoint must not stand under the new one's header.
    if (m_hasTarget
        && (target.profileName != m_target.profileName
            || target.secretsManager.endpoint != m_target.secretsManager.endpoint
            || target.secretsManager.region != m_target.secretsManager.region))
        discardResults();
    m_transport = transport;
    m_target = std::move(target);
    if (m_target.scope.prefix.isEmpty() && m_target.scope.secretName.isEmpty())
        m_target.scope = scope;
    m_hasTarget = true;
    updateTargetLabel();
    updateButtons();
}

void DiagnosticsPane::clear()
{
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        m_run->cancel();
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_report.reset();
    m_transport.clear();
    m_target = {};
    m_hasTarget = false;
    resetTree();
    m_progressBar->setValue(0);
    updateTargetLabel();
    updateSummary();
    updateButtons();
}

void DiagnosticsPane::discardResults()
{
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        m_run->cancel();
        m_run->deleteLater();
        m_run = nullptr;
    }
    m_report.reset();
    resetTree();
    m_progressBar->setValue(0);
    updateSummary();
    updateButtons();
}

void DiagnosticsPane::setScope(const QString &prefix, const QString &secret)
{
    // The results were for the other scope.
    if (prefix != m_target.scope.prefix || secret != m_target.scope.secretName)
        discardResults();
    m_target.scope.prefix = prefix;
    m_target.scope.secretName = secret;
    updateTargetLabel();
}

void DiagnosticsPane::setOptions(diagnostics::DiagnosticsOptions options)
{
    m_options = std::move(options);
}

DiagnosticsTarget DiagnosticsPane::targetFor(const Session &session, const QString &prefix, const QString &secret)
{
    DiagnosticsTarget target;
    target.profileName = session.label();
    target.profileSource = tr("current connection");
    aws::ClientConfig secretsManager = session.config();
    if (session.secretsManager())
        secretsManager = session.secretsManager()->config();
    target.secretsManager = secretsManager;
    target.sts = session.sts() ? session.sts()->config() : secretsManager;
    // A custom endpoint (the sandbox, LocalStack, a VPC endpoint host) serves IAM beside the
    // others as far as we know; AWS itself has IAM's one global endpoint (IamClient's default).
    aws::ClientConfig iam = secretsManager;
    if (!iam.endpoint.isEmpty() && iam.endpoint.host().endsWith(u".amazonaws.com"_s)) {
        iam.endpoint = QUrl();
        iam.signingRegion.clear();
    }
    target.iam = iam;
    target.regionSource = tr("current connection");
    target.endpointSource = secretsManager.endpoint.isEmpty() ? tr("default") : tr("current connection");
    target.scope.prefix = prefix;
    target.scope.secretName = secret;
    return target;
}

bool DiagnosticsPane::isRunning() const
{
    return m_run && m_run->isRunning();
}

bool DiagnosticsPane::hasResults() const
{
    return m_run != nullptr;
}

void DiagnosticsPane::run()
{
    if (isRunning() || !m_hasTarget || !m_transport)
        return;
    if (m_run) {
        disconnect(m_run, nullptr, this, nullptr);
        m_run->deleteLater();
        m_run = nullptr;
    }
    resetTree();
    m_report.reset();
    m_run = new DiagnosticsRun(m_transport, m_target, m_options, this);
    m_run->setSchemaSet(m_schemas);
    connect(m_run, &DiagnosticsRun::checkStarted, this, &DiagnosticsPane::onCheckStarted);
    connect(m_run, &DiagnosticsRun::checkFinished, this, &DiagnosticsPane::onCheckFinished);
    connect(m_run, &DiagnosticsRun::progressChanged, this, &DiagnosticsPane::onProgress);
    connect(m_run, &DiagnosticsRun::finished, this, &DiagnosticsPane::onRunFinished);
    connect(m_run, &DiagnosticsRun::secretContentInspected, this, &DiagnosticsPane::secretContentInspected);
    m_progressBar->setRange(0, int(m_plannedOrder.size()));
    m_progressBar->setValue(0);
    Q_EMIT messageChanged(tr("Running diagnostics…"));
    m_run->start();
    updateSummary();
    updateButtons();
}

void DiagnosticsPane::cancel()
{
    if (isRunning())
        m_run->cancel();
    updateButtons();
}

DiagnosticsReport DiagnosticsPane::report() const
{
    if (m_report)
        return *m_report;
    if (!m_run)
        return DiagnosticsReport({}, {});
    return DiagnosticsReport::fromRun(*m_run);
}

void DiagnosticsPane::copyReport()
{
    if (!m_run)
        return;
    QGuiApplication::clipboard()->setText(report().toMarkdown());
    Q_EMIT messageChanged(tr("Diagnostics report copied as Markdown"));
}

bool DiagnosticsPane::saveReport(const QString &path, QString *errorMessage)
{
    const DiagnosticsReport document = report();
    const QByteArray data = path.endsWith(u".json"_s, Qt::CaseInsensitive) ? document.toJson()
                                                                           : document.toMarkdown().toUtf8();
    if (const auto written = writePrivateFile(path, data); !written) {
        if (errorMessage)
            *errorMessage = written.error();
        return false;
    }
    Q_EMIT messageChanged(tr("Diagnostics report saved to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

void DiagnosticsPane::saveReportInteractively()
{
    if (!m_run)
        return;
    const QString markdownFilter = tr("Markdown (*.md)");
    const QString jsonFilter = tr("JSON (*.json)");
    QString selectedFilter = markdownFilter;
    const QString suggested = QDir::home().filePath(
        u"coffer-diagnostics-%1.md"_s.arg(QDate::currentDate().toString(Qt::ISODate)));
    QString path = QFileDialog::getSaveFileName(this, tr("Save Diagnostics Report"), suggested,
                                                markdownFilter + u";;"_s + jsonFilter, &selectedFilter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(u".md"_s, Qt::CaseInsensitive) && !path.endsWith(u".json"_s, Qt::CaseInsensitive))
        path += selectedFilter == jsonFilter ? u".json"_s : u".md"_s;
    QString error;
    if (!saveReport(path, &error))
        QMessageBox::warning(this, tr("Save Diagnostics Report"),
                             tr("Could not save %1: %2").arg(QDir::toNativeSeparators(path), error));
}

QTreeWidgetItem *DiagnosticsPane::checkItem(const QString &id) const
{
    return m_checkItems.value(id);
}

QIcon DiagnosticsPane::statusIcon(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return coffer::statusIcon(StatusMark::Pass);
    case CheckStatus::Warn:
        return coffer::statusIcon(StatusMark::Warning);
    case CheckStatus::Fail:
        return coffer::statusIcon(StatusMark::Error);
    case CheckStatus::Skipped:
        break;
    }
    return coffer::statusIcon(StatusMark::Skipped);
}

void DiagnosticsPane::resetTree()
{
    m_tree->clear();
    m_checkItems.clear();
    m_categoryItems.clear();
    for (const CheckCategory category : kCategories) {
        auto *item = new QTreeWidgetItem(m_tree, {CheckResult::categoryLabel(category)});
        item->setData(0, KindRole, u"category"_s);
        QFont font = item->font(0);
        font.setBold(true);
        item->setFont(0, font);
        item->setFirstColumnSpanned(false);
        item->setExpanded(true);
        m_categoryItems.insert(int(category), item);
    }
}

QTreeWidgetItem *DiagnosticsPane::ensureCheckItem(const QString &id, const QString &title, CheckCategory category)
{
    if (QTreeWidgetItem *existing = m_checkItems.value(id))
        return existing;
    QTreeWidgetItem *parent = m_categoryItems.value(int(category));
    if (!parent) {
        parent = new QTreeWidgetItem(m_tree, {CheckResult::categoryLabel(category)});
        parent->setData(0, KindRole, u"category"_s);
        m_categoryItems.insert(int(category), parent);
    }
    // Rows keep the planned order whatever order the checks finish in.
    const int order = m_plannedOrder.value(id, int(m_plannedOrder.size()));
    int position = 0;
    while (position < parent->childCount()
           && m_plannedOrder.value(parent->child(position)->data(0, CheckIdRole).toString(), 0) < order)
        ++position;
    auto *item = new QTreeWidgetItem({title});
    parent->insertChild(position, item);
    item->setData(0, CheckIdRole, id);
    item->setData(0, KindRole, u"check"_s);
    parent->setExpanded(true);
    m_checkItems.insert(id, item);
    return item;
}

void DiagnosticsPane::onCheckStarted(const QString &id, const QString &title)
{
    CheckCategory category = CheckCategory::Configuration;
    for (const auto &planned : DiagnosticsRun::plannedChecks()) {
        if (planned.id == id) {
            category = planned.category;
            break;
        }
    }
    QTreeWidgetItem *item = ensureCheckItem(id, title, category);
    if (item->data(0, StatusRole).toString().isEmpty()) {
        item->setIcon(0, runningIcon());
        item->setData(0, StatusRole, u"running"_s);
        item->setText(1, tr("Running…"));
    }
}

void DiagnosticsPane::onCheckFinished(const CheckResult &result)
{
    QTreeWidgetItem *item = ensureCheckItem(result.id, result.title, result.category);
    fillCheckItem(item, result);
    updateCategory(result.category);
    updateSummary();
}

void DiagnosticsPane::fillCheckItem(QTreeWidgetItem *item, const CheckResult &result)
{
    qDeleteAll(item->takeChildren());
    item->setText(0, result.title);
    item->setText(1, result.summary);
    item->setToolTip(1, result.summary);
    item->setIcon(0, statusIcon(result.status));
    item->setToolTip(0, statusText(result.status));
    item->setData(0, StatusRole, CheckResult::statusName(result.status));

    for (const auto &evidence : result.evidence)
        addRow(item, u"evidence"_s, evidence.label, evidence.value);

    for (const CheckFinding &finding : result.findings) {
        auto *row = addRow(item, u"finding"_s, statusText(finding.status), finding.message);
        row->setIcon(0, statusIcon(finding.status));
        row->setData(0, StatusRole, CheckResult::statusName(finding.status));
        row->setData(0, CauseRole, finding.cause);
        if (!finding.subjects.isEmpty())
            addRow(row, u"subjects"_s, tr("Concerns"), finding.subjects.join(u", "_s));
        if (!finding.explanation.isEmpty())
            addRow(row, u"why"_s, tr("Why"), finding.explanation);
        if (!finding.fix.isEmpty() || !finding.fixPolicy.isEmpty()) {
            auto *fix = addRow(row, u"fix"_s, tr("Fix"), finding.fix);
            if (!finding.fixPolicy.isEmpty()) {
                fix->setData(0, PolicyRole, finding.fixPolicy);
                auto *policy = addRow(fix, u"policy"_s, tr("Policy statement"), finding.fixPolicy);
                policy->setData(0, PolicyRole, finding.fixPolicy);
                QFont mono(u"monospace"_s);
                mono.setStyleHint(QFont::Monospace);
                policy->setFont(1, mono);
                auto *actionRow = addRow(fix, u"policy-action"_s, QString(), QString());
                actionRow->setData(0, PolicyRole, finding.fixPolicy);
                auto *button = new QPushButton(tr("Open in Policy Preview"));
                button->setObjectName(u"diagnosticsOpenPolicyPreviewButton"_s);
                const QString statement = finding.fixPolicy;
                connect(button, &QPushButton::clicked, this,
                        [this, statement] { Q_EMIT policyPreviewRequested(statement); });
                auto *holder = new QWidget;
                auto *holderLayout = new QHBoxLayout(holder);
                holderLayout->setContentsMargins(0, 0, 0, 0);
                holderLayout->addWidget(button);
                holderLayout->addStretch(1);
                m_tree->setItemWidget(actionRow, 1, holder);
                fix->setExpanded(true);
            }
        }
        if (!finding.errorCode.isEmpty())
            addRow(row, u"error-code"_s, tr("Error code"), finding.errorCode);
        if (!finding.requestIds.isEmpty())
            addRow(row, u"request-ids"_s, tr("Request ids"), finding.requestIds.join(u", "_s));
        row->setExpanded(true);
    }
    // Problems open, the rest closed.
    item->setExpanded(result.status == CheckStatus::Fail || result.status == CheckStatus::Warn);
}

void DiagnosticsPane::showDetails(const QTreeWidgetItem *item)
{
    if (!item) {
        m_details->clear();
        return;
    }
    // A finding's own row, or one of its rows: the finding with everything under it.
    const QTreeWidgetItem *finding = item;
    while (finding && finding->data(0, KindRole).toString() != u"finding"_s)
        finding = finding->parent();
    QStringList lines;
    const auto addLines = [&lines](const QTreeWidgetItem *row, int depth, const auto &self) -> void {
        const QString label = row->text(0);
        const QString value = row->text(1);
        if (!label.isEmpty() || !value.isEmpty())
            lines << QString(depth * 2, u' ') + (label.isEmpty() ? value : label + u": "_s + value);
        for (int i = 0; i < row->childCount(); ++i)
            self(row->child(i), depth + 1, self);
    };
    addLines(finding ? finding : item, 0, addLines);
    m_details->setPlainText(lines.join(u'\n'));
}

void DiagnosticsPane::updateCategory(CheckCategory category)
{
    QTreeWidgetItem *parent = m_categoryItems.value(int(category));
    if (!parent)
        return;
    std::optional<CheckStatus> worst;
    bool running = false;
    for (int i = 0; i < parent->childCount(); ++i) {
        const QString status = parent->child(i)->data(0, StatusRole).toString();
        for (const CheckStatus candidate : {CheckStatus::Pass, CheckStatus::Warn, CheckStatus::Fail, CheckStatus::Skipped}) {
            if (status == CheckResult::statusName(candidate))
                worst = worst ? CheckResult::worse(*worst, candidate) : candidate;
        }
        running = running || status == u"running"_s;
    }
    if (worst) {
        parent->setIcon(0, statusIcon(*worst));
        parent->setData(0, StatusRole, CheckResult::statusName(*worst));
    } else if (running) {
        parent->setIcon(0, runningIcon());
    }
}

void DiagnosticsPane::onProgress(int finishedChecks, int totalChecks)
{
    m_progressBar->setRange(0, totalChecks);
    m_progressBar->setValue(finishedChecks);
}

void DiagnosticsPane::onRunFinished()
{
    m_report = DiagnosticsReport::fromRun(*m_run);
    m_progressBar->setValue(m_progressBar->maximum());
    for (const CheckCategory category : kCategories)
        updateCategory(category);
    updateSummary();
    updateButtons();
    Q_EMIT messageChanged(m_summaryLabel->text());
    Q_EMIT runFinished();
}

void DiagnosticsPane::updateSummary()
{
    if (!m_run) {
        m_summaryLabel->setText(tr("Run the checks to see what works and what does not."));
        return;
    }
    const QList<CheckResult> results = m_run->results();
    int counts[4] = {0, 0, 0, 0};
    for (const CheckResult &result : results)
        ++counts[int(result.status)];
    QStringList parts;
    parts << tr("%n passed", nullptr, counts[int(CheckStatus::Pass)]);
    if (const int warnings = counts[int(CheckStatus::Warn)])
        parts << tr("%n warning(s)", nullptr, warnings);
    if (const int failures = counts[int(CheckStatus::Fail)])
        parts << tr("%n failed", nullptr, failures);
    if (const int skipped = counts[int(CheckStatus::Skipped)])
        parts << tr("%n skipped", nullptr, skipped);
    QString text = parts.join(u", "_s);
    if (m_run->isRunning())
        text = tr("Running… %1").arg(text);
    else if (m_run->wasCancelled())
        text = tr("Cancelled: %1").arg(text);
    else if (m_run->isFinished()) {
        switch (m_run->overallStatus()) {
        case CheckStatus::Fail:
            text = tr("Problems found: %1").arg(text);
            break;
        case CheckStatus::Warn:
            text = tr("Works, with warnings: %1").arg(text);
            break;
        default:
            text = tr("All checks passed: %1").arg(text);
            break;
        }
    }
    m_summaryLabel->setText(text);
}

void DiagnosticsPane::updateButtons()
{
    const bool running = isRunning();
    m_runButton->setEnabled(!running && m_hasTarget && m_transport);
    m_runButton->setText(m_run && !running ? tr("Run Again") : tr("Run Checks"));
    m_cancelButton->setEnabled(running);
    m_cancelButton->setVisible(running);
    m_copyReportButton->setEnabled(m_run && !running);
    m_saveReportButton->setEnabled(m_run && !running);
    const bool hasPolicy = !policyOf(m_tree->currentItem()).isEmpty();
    m_openPolicyAction->setEnabled(hasPolicy);
    m_copyPolicyAction->setEnabled(hasPolicy);
}

void DiagnosticsPane::updateTargetLabel()
{
    if (!m_hasTarget) {
        m_targetLabel->setText(tr("No connection to check."));
        return;
    }
    QStringList parts;
    if (!m_target.profileName.isEmpty())
        parts << m_target.profileName;
    if (!m_target.secretsManager.region.isEmpty())
        parts << m_target.secretsManager.region;
    parts << (m_target.secretsManager.endpoint.isEmpty() ? tr("default endpoint")
                                                         : m_target.secretsManager.endpoint.toDisplayString());
    parts << m_target.scope.description();
    m_targetLabel->setText(parts.join(u" · "_s));
}

QString DiagnosticsPane::policyOf(const QTreeWidgetItem *item) const
{
    for (const QTreeWidgetItem *at = item; at; at = at->parent()) {
        const QString policy = at->data(0, PolicyRole).toString();
        if (!policy.isEmpty())
            return policy;
        if (at->data(0, KindRole).toString() == u"finding"_s) {
            // A finding row: its Fix row's statement.
            for (int i = 0; i < at->childCount(); ++i) {
                const QString fixPolicy = at->child(i)->data(0, PolicyRole).toString();
                if (!fixPolicy.isEmpty())
                    return fixPolicy;
            }
            break;
        }
    }
    return {};
}

void DiagnosticsPane::showContextMenu(const QPoint &position)
{
    if (QTreeWidgetItem *item = m_tree->itemAt(position))
        m_tree->setCurrentItem(item);
    updateButtons();
    if (!m_openPolicyAction->isEnabled())
        return;
    QMenu menu(this);
    menu.addAction(m_openPolicyAction);
    menu.addAction(m_copyPolicyAction);
    menu.exec(m_tree->viewport()->mapToGlobal(position));
}

} // namespace coffer
