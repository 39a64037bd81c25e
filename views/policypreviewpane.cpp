// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/policypreviewpane.h"
#include "views/wrappinglabel.h"

#include "models/core/privatefile.h"
#include "models/policy/decision.h"
#include "models/policy/evaluationrequest.h"
#include "models/policy/policydocument.h"
#include "models/policy/policyevaluator.h"
#include "models/policy/policyfinding.h"
#include "models/policy/policyformatter.h"
#include "models/policy/policygenerator.h"
#include "models/policy/policygeneratorrequest.h"
#include "models/policy/policylinter.h"

#include <QCheckBox>
#include <QClipboard>
#include <QColor>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

using policy::AccessLevel;
using policy::AccessLevels;
using policy::Decision;
using policy::EvaluationRequest;
using policy::PolicyDocument;
using policy::PolicyEvaluator;
using policy::PolicyFinding;
using policy::PolicyFormatter;
using policy::PolicyGenerator;
using policy::PolicyGeneratorRequest;
using policy::PolicyLinter;
using policy::PolicyScope;

namespace {

enum ScopeIndex { NamespaceScope = 0, SecretScope = 1 };

QPlainTextEdit *monospaceEditor(const QString &objectName)
{
    auto *edit = new QPlainTextEdit;
    edit->setObjectName(objectName);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    return edit;
}

QString shortAction(const QString &action)
{
    return action.startsWith(u"secretsmanager:"_s) ? action.mid(15) : action;
}

// The principal of a request: an account id becomes its root ARN.
QString principalArn(const QString &principal)
{
    static const QRegularExpression accountId(u"^\\d{12}$"_s);
    if (accountId.match(principal).hasMatch())
        return u"arn:aws:iam::%1:root"_s.arg(principal);
    return principal;
}

bool hasPrincipal(const PolicyDocument &document)
{
    for (const auto &statement : document.statements()) {
        if (statement.principal.has_value())
            return true;
    }
    return false;
}

} // namespace

PolicyPreviewPane::PolicyPreviewPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"policyPreviewPane"_s);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(u"policyModeTabs"_s);
    auto *generatePage = new QWidget;
    auto *pastePage = new QWidget;
    buildGeneratePage(generatePage);
    buildPastePage(pastePage);
    m_tabs->addTab(generatePage, tr("Generate"));
    m_tabs->addTab(pastePage, tr("Paste a policy"));

    m_matrixLabel = new WrappingLabel;
    m_matrixLabel->setObjectName(u"policyMatrixLabel"_s);
    m_matrixTable = new QTableWidget;
    m_matrixTable->setObjectName(u"policyMatrixTable"_s);
    m_matrixTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrixTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrixTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_matrixTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *matrixBox = new QWidget;
    auto *matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->addWidget(m_matrixLabel);
    matrixLayout->addWidget(m_matrixTable);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_tabs);
    splitter->addWidget(matrixBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { updateMatrix(); });
    updateScopeCombo();
    regenerate();
    relint();
}

PolicyPreviewPane::~PolicyPreviewPane() = default;

void PolicyPreviewPane::buildGeneratePage(QWidget *page)
{
    m_scopeCombo = new QComboBox;
    m_scopeCombo->setObjectName(u"policyScopeCombo"_s);
    m_scopeCombo->addItem(tr("Namespace prefix"));
    m_scopeCombo->addItem(tr("This secret"));

    auto *accessRow = new QHBoxLayout;
    const QList<std::pair<QString, QString>> levels {
        { u"read"_s, tr("Read") },
        { u"list"_s, tr("List") },
        { u"write"_s, tr("Write") },
        { u"manage"_s, tr("Manage") },
    };
    for (const auto &[name, label] : levels) {
        auto *box = new QCheckBox(label);
        box->setObjectName(u"policyAccess_"_s + name);
        box->setChecked(name == u"read"_s);
        m_access.insert(name, box);
        accessRow->addWidget(box);
        connect(box, &QCheckBox::toggled, this, [this] { regenerate(); });
    }
    m_batchGet = new QCheckBox(tr("BatchGetSecretValue"));
    m_batchGet->setObjectName(u"policyBatchGet"_s);
    accessRow->addWidget(m_batchGet);
    accessRow->addStretch();

    m_kmsKeyEdit = new QLineEdit;
    m_kmsKeyEdit->setObjectName(u"policyKmsKeyEdit"_s);
    m_kmsKeyEdit->setPlaceholderText(tr("arn:aws:kms:<region>:<account>:key/… (customer-managed key, optional)"));

    m_formatCombo = new QComboBox;
    m_formatCombo->setObjectName(u"policyFormatCombo"_s);
    m_formatCombo->addItem(tr("JSON"), int(PolicyFormatter::Format::Json));
    m_formatCombo->addItem(tr("Terraform"), int(PolicyFormatter::Format::Terraform));
    m_formatCombo->addItem(tr("CloudFormation"), int(PolicyFormatter::Format::CloudFormation));

    m_resourcePolicy = new QCheckBox(tr("Resource policy"));
    m_resourcePolicy->setObjectName(u"policyResourcePolicy"_s);
    m_principalEdit = new QLineEdit;
    m_principalEdit->setObjectName(u"policyPrincipalEdit"_s);
    m_principalEdit->setPlaceholderText(tr("Principal: arn:aws:iam::123456789012:role/app or an account id"));
    m_principalEdit->setEnabled(false);
    auto *resourceRow = new QHBoxLayout;
    resourceRow->addWidget(m_resourcePolicy);
    resourceRow->addWidget(m_principalEdit, 1);

    auto *form = new QFormLayout;
    form->addRow(tr("Scope:"), m_scopeCombo);
    form->addRow(tr("Access:"), accessRow);
    form->addRow(tr("KMS key:"), m_kmsKeyEdit);
    form->addRow(tr("Format:"), m_formatCombo);
    form->addRow(QString(), resourceRow);

    m_outputEdit = monospaceEditor(u"policyOutputEdit"_s);
    m_outputEdit->setReadOnly(true);

    m_notesLabel = new WrappingLabel;
    m_notesLabel->setObjectName(u"policyNotesLabel"_s);
    m_notesLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_copyButton = new QPushButton(tr("Copy"));
    m_copyButton->setObjectName(u"policyCopyButton"_s);
    m_saveButton = new QPushButton(tr("Save…"));
    m_saveButton->setObjectName(u"policySaveButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_copyButton);
    buttons->addWidget(m_saveButton);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(m_outputEdit, 1);
    layout->addWidget(m_notesLabel);
    layout->addLayout(buttons);

    const auto changed = [this] { regenerate(); };
    connect(m_scopeCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_batchGet, &QCheckBox::toggled, this, changed);
    connect(m_kmsKeyEdit, &QLineEdit::textChanged, this, changed);
    connect(m_formatCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_resourcePolicy, &QCheckBox::toggled, this, [this](bool on) {
        m_principalEdit->setEnabled(on);
        regenerate();
    });
    connect(m_principalEdit, &QLineEdit::textChanged, this, changed);
    connect(m_copyButton, &QPushButton::clicked, this, &PolicyPreviewPane::copyOutput);
    connect(m_saveButton, &QPushButton::clicked, this, &PolicyPreviewPane::saveOutput);
}

void PolicyPreviewPane::buildPastePage(QWidget *page)
{
    m_pasteEdit = monospaceEditor(u"policyPasteEdit"_s);
    m_pasteEdit->setPlaceholderText(tr("Paste an IAM policy (JSON) here to check it."));

    m_pasteStatusLabel = new WrappingLabel;
    m_pasteStatusLabel->setObjectName(u"policyPasteStatusLabel"_s);

    m_findingsTree = new QTreeWidget;
    m_findingsTree->setObjectName(u"policyFindingsTree"_s);
    m_findingsTree->setRootIsDecorated(false);
    m_findingsTree->setHeaderLabels({ tr("Severity"), tr("Line:Col"), tr("Message"), tr("Fix") });
    m_findingsTree->setWordWrap(true);

    auto *splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_pasteEdit);
    splitter->addWidget(m_findingsTree);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_pasteStatusLabel);

    connect(m_pasteEdit, &QPlainTextEdit::textChanged, this, &PolicyPreviewPane::relint);
    connect(m_findingsTree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int line = item->data(1, Qt::UserRole).toInt();
        const int column = item->data(1, Qt::UserRole + 1).toInt();
        if (line <= 0)
            return;
        QTextCursor cursor(m_pasteEdit->document()->findBlockByNumber(line - 1));
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qMax(0, column - 1));
        m_pasteEdit->setTextCursor(cursor);
        m_pasteEdit->setFocus();
    });
}

void PolicyPreviewPane::setScope(const QString &prefixOrEmpty, const QStringList &secretArns)
{
    m_scopeArns = secretArns;
    if (!m_secretArn.isEmpty() && !m_scopeArns.contains(m_secretArn))
        m_secretArn.clear();
    if (!prefixOrEmpty.isEmpty()) {
        setPrefix(prefixOrEmpty); // regenerates
        return;
    }
    m_prefix.clear();
    updateScopeCombo();
    regenerate();
    relint();
}

void PolicyPreviewPane::setAccount(const QString &account, const QString &region)
{
    // Another account's secrets are no scope here: the matrix and the scope start empty.
    if (account != m_account || region != m_region) {
        m_scopeArns.clear();
        m_prefix.clear();
        m_secretName.clear();
        m_secretArn.clear();
        updateScopeCombo();
    }
    m_account = account;
    m_region = region;
    regenerate();
    relint();
}

void PolicyPreviewPane::setPrefix(const QString &prefix)
{
    m_prefix = prefix;
    updateScopeCombo();
    m_updating = true;
    m_scopeCombo->setCurrentIndex(NamespaceScope);
    m_updating = false;
    regenerate();
    relint();
}

void PolicyPreviewPane::setSecret(const QString &name, const QString &arn)
{
    m_secretName = name;
    m_secretArn = arn;
    // A secret outside the namespace shown so far starts a scope of its own: the matrix never
    // keeps rows of an earlier scope.
    if (!arn.isEmpty() && !m_scopeArns.contains(arn)) {
        m_scopeArns = {arn};
        m_prefix.clear();
    }
    updateScopeCombo();
    m_updating = true;
    m_scopeCombo->setCurrentIndex(SecretScope);
    m_updating = false;
    regenerate();
    relint();
}

void PolicyPreviewPane::clear()
{
    m_scopeArns.clear();
    m_prefix.clear();
    m_secretName.clear();
    m_secretArn.clear();
    updateScopeCombo();
    regenerate();
    relint();
}

void PolicyPreviewPane::updateScopeCombo()
{
    m_scopeCombo->setItemText(NamespaceScope,
                              m_prefix.isEmpty() ? tr("Namespace prefix")
                                                 : tr("Namespace prefix: %1").arg(m_prefix));
    m_scopeCombo->setItemText(SecretScope, m_secretName.isEmpty()
                                  ? tr("This secret")
                                  : tr("This secret: %1").arg(m_secretName));
}

QStringList PolicyPreviewPane::matrixActions()
{
    return { u"secretsmanager:GetSecretValue"_s, u"secretsmanager:DescribeSecret"_s,
             u"secretsmanager:ListSecrets"_s,    u"secretsmanager:PutSecretValue"_s,
             u"secretsmanager:UpdateSecret"_s,   u"secretsmanager:DeleteSecret"_s,
             u"kms:Decrypt"_s };
}

QCheckBox *PolicyPreviewPane::accessCheckBox(const QString &name) const
{
    return m_access.value(name.toLower(), nullptr);
}

QString PolicyPreviewPane::outputText() const
{
    return m_generated ? m_outputEdit->toPlainText() : QString();
}

void PolicyPreviewPane::regenerate()
{
    if (m_updating)
        return;
    PolicyGeneratorRequest request;
    if (m_scopeCombo->currentIndex() == SecretScope) {
        request.scope.kind = PolicyScope::Kind::Secrets;
        const QString secret = m_secretArn.isEmpty() ? m_secretName : m_secretArn;
        if (!secret.isEmpty())
            request.scope.secretNames = { secret };
    } else {
        request.scope.kind = PolicyScope::Kind::Namespace;
        request.scope.prefix = m_prefix;
    }
    AccessLevels access;
    if (m_access.value(u"read"_s)->isChecked())
        access |= AccessLevel::Read;
    if (m_access.value(u"list"_s)->isChecked())
        access |= AccessLevel::List;
    if (m_access.value(u"write"_s)->isChecked())
        access |= AccessLevel::Write;
    if (m_access.value(u"manage"_s)->isChecked())
        access |= AccessLevel::Manage;
    request.access = access;
    request.region = m_region;
    request.account = m_account;
    const QString kmsKey = m_kmsKeyEdit->text().trimmed();
    if (!kmsKey.isEmpty())
        request.kmsKeyArns = { kmsKey };
    request.batchGet = m_batchGet->isChecked();
    request.principal = m_principalEdit->text().trimmed();

    const bool resource = m_resourcePolicy->isChecked();
    const auto generated = resource ? PolicyGenerator::resourcePolicy(request)
                                    : PolicyGenerator::identityPolicy(request);
    if (!generated) {
        m_generated.reset();
        m_outputEdit->clear();
        m_notesLabel->setText(tr("No policy: %1").arg(generated.error()));
        m_copyButton->setEnabled(false);
        m_saveButton->setEnabled(false);
        updateMatrix();
        return;
    }
    m_generated = generated->document;
    m_generatedIsResourcePolicy = resource;

    const auto format = PolicyFormatter::Format(m_formatCombo->currentData().toInt());
    QString text;
    switch (format) {
    case PolicyFormatter::Format::Json:
        text = PolicyFormatter::toJson(*m_generated);
        break;
    case PolicyFormatter::Format::Terraform:
        text = PolicyFormatter::toTerraform(*m_generated, resource ? u"coffer_secret_resource_policy"_s
                                                                   : u"coffer_secrets"_s);
        break;
    case PolicyFormatter::Format::CloudFormation:
        text = PolicyFormatter::toCloudFormation(
            *m_generated, resource ? u"CofferSecretResourcePolicy"_s : u"CofferSecretsPolicy"_s,
            m_scopeCombo->currentIndex() == SecretScope ? m_secretArn : QString());
        break;
    }
    m_outputEdit->setPlainText(text);
    QStringList notes;
    for (const QString &note : generated->notes)
        notes.append(u"• "_s + note);
    m_notesLabel->setText(notes.join(u'\n'));
    m_copyButton->setEnabled(true);
    m_saveButton->setEnabled(true);
    updateMatrix();
}

void PolicyPreviewPane::relint()
{
    m_findingsTree->clear();
    const QString text = m_pasteEdit->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_pasteStatusLabel->setText(tr("Paste a policy to check it and see what it allows."));
        updateMatrix();
        return;
    }
    PolicyLinter::Options options;
    const QString kmsKey = m_kmsKeyEdit->text().trimmed();
    if (!kmsKey.isEmpty())
        options.kmsKeyArns = { kmsKey };
    const QList<PolicyFinding> findings = PolicyLinter::lint(text.toUtf8(), options);
    QString syntaxError;
    int errors = 0;
    int warnings = 0;
    for (const PolicyFinding &finding : findings) {
        auto *item = new QTreeWidgetItem(m_findingsTree);
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (finding.severity == PolicyFinding::Severity::Error) {
            icon = QStyle::SP_MessageBoxCritical;
            ++errors;
        } else if (finding.severity == PolicyFinding::Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
            ++warnings;
        }
        item->setIcon(0, style()->standardIcon(icon));
        item->setText(0, PolicyFinding::severityName(finding.severity));
        item->setData(0, FindingIdRole, finding.id);
        item->setToolTip(0, finding.id);
        if (finding.line > 0)
            item->setText(1, u"%1:%2"_s.arg(finding.line).arg(finding.column));
        item->setData(1, Qt::UserRole, finding.line);
        item->setData(1, Qt::UserRole + 1, finding.column);
        item->setText(2, finding.message);
        item->setToolTip(2, finding.message);
        item->setText(3, finding.fix);
        item->setToolTip(3, finding.fix);
        if (finding.id == u"json-syntax"_s && syntaxError.isEmpty()) {
            syntaxError = finding.line > 0
                ? tr("Malformed JSON: line %1, column %2: %3")
                      .arg(finding.line)
                      .arg(finding.column)
                      .arg(finding.message)
                : tr("Malformed JSON: %1").arg(finding.message);
        }
    }
    m_findingsTree->resizeColumnToContents(0);
    m_findingsTree->resizeColumnToContents(1);
    if (!syntaxError.isEmpty())
        m_pasteStatusLabel->setText(syntaxError);
    else if (findings.isEmpty())
        m_pasteStatusLabel->setText(tr("No problems found."));
    else
        m_pasteStatusLabel->setText(tr("%1 error(s), %2 warning(s), %3 note(s).")
                                        .arg(errors)
                                        .arg(warnings)
                                        .arg(findings.size() - errors - warnings));
    updateMatrix();
}

void PolicyPreviewPane::updateMatrix()
{
    const QStringList actions = matrixActions();
    m_matrixTable->clear();
    m_matrixTable->setColumnCount(int(actions.size()));
    m_matrixTable->setRowCount(int(m_scopeArns.size()));
    QStringList headers;
    for (const QString &action : actions)
        headers.append(shortAction(action));
    m_matrixTable->setHorizontalHeaderLabels(headers);
    // Rows read as the secrets' names (what the browser shows); the full ARN is the tooltip.
    for (int row = 0; row < int(m_scopeArns.size()); ++row) {
        const QString &arn = m_scopeArns.at(row);
        const qsizetype secret = arn.indexOf(u":secret:"_s);
        auto *header = new QTableWidgetItem(secret < 0 ? arn : arn.mid(secret + 8));
        header->setToolTip(arn);
        m_matrixTable->setVerticalHeaderItem(row, header);
    }

    // Build the evaluator of the current mode, or say why there is none.
    std::optional<PolicyEvaluator> evaluator;
    QString principal;
    QString unavailable;
    if (m_tabs->currentIndex() == PasteMode) {
        const QString text = m_pasteEdit->toPlainText();
        if (text.trimmed().isEmpty()) {
            unavailable = tr("No policy pasted.");
        } else if (auto parsed = PolicyDocument::parse(text.toUtf8(), tr("pasted policy"))) {
            if (hasPrincipal(*parsed)) {
                evaluator.emplace(QList<PolicyDocument> {}, std::move(*parsed));
                principal = principalArn(m_principalEdit->text().trimmed());
            } else {
                evaluator.emplace(QList<PolicyDocument> { std::move(*parsed) });
            }
        } else {
            unavailable = tr("The pasted policy cannot be evaluated: %1").arg(parsed.error().toString());
        }
    } else if (m_generated) {
        if (auto parsed = PolicyDocument::fromJson(*m_generated, tr("generated policy"))) {
            if (m_generatedIsResourcePolicy) {
                evaluator.emplace(QList<PolicyDocument> {}, std::move(*parsed));
                principal = principalArn(m_principalEdit->text().trimmed());
            } else {
                evaluator.emplace(QList<PolicyDocument> { std::move(*parsed) });
            }
        } else {
            unavailable = parsed.error().toString();
        }
    } else {
        unavailable = tr("No policy was generated.");
    }

    if (!evaluator) {
        m_matrixLabel->setText(unavailable);
    } else if (m_scopeArns.isEmpty()) {
        m_matrixLabel->setText(tr("No secrets in scope."));
    } else {
        m_matrixLabel->setText(
            m_tabs->currentIndex() == PasteMode
                ? tr("What the pasted policy allows on the secrets in scope:")
                : tr("What the generated policy allows on the secrets in scope:"));
    }

    const QString kmsKey = m_kmsKeyEdit->text().trimmed();
    const QString viaService = u"secretsmanager.%1.amazonaws.com"_s.arg(m_region);
    for (int row = 0; row < m_scopeArns.size(); ++row) {
        for (int column = 0; column < actions.size(); ++column) {
            auto *item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignCenter);
            if (!evaluator) {
                item->setText(u"–"_s);
                item->setToolTip(unavailable);
                m_matrixTable->setItem(row, column, item);
                continue;
            }
            EvaluationRequest request;
            request.action = actions.at(column);
            request.principal = principal;
            if (request.action.startsWith(u"kms:"_s)) {
                // Secrets Manager decrypts with the secret's key on the caller's behalf.
                request.resource = kmsKey.isEmpty() ? u"*"_s : kmsKey;
                request.setContext(u"kms:ViaService"_s, viaService);
            } else {
                request.resource = m_scopeArns.at(row);
            }
            const Decision decision = evaluator->evaluate(request);
            const bool allowed = decision.allowed();
            item->setText(allowed ? u"✔"_s : u"✖"_s);
            item->setForeground(allowed ? QColor(0x1b, 0x8a, 0x2e) : QColor(0xc6, 0x28, 0x28));
            item->setData(AllowedRole, allowed);
            QString tip;
            const QString label = decision.statementLabel();
            if (!label.isEmpty())
                tip = (allowed ? tr("Allowed by %1") : tr("Denied by %1")).arg(label);
            else
                tip = tr("Implicitly denied: no statement allows it.");
            if (!decision.explanation.isEmpty())
                tip += u"\n"_s + decision.explanation;
            item->setToolTip(u"%1 on %2\n%3"_s.arg(shortAction(request.action), request.resource, tip));
            m_matrixTable->setItem(row, column, item);
        }
    }
}

void PolicyPreviewPane::copyOutput()
{
    const QString text = outputText();
    if (text.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(text);
    emit messageChanged(tr("Policy copied to the clipboard."));
}

void PolicyPreviewPane::saveOutput()
{
    const QString text = outputText();
    if (text.isEmpty())
        return;
    QString suggested = u"policy.json"_s;
    QString filter = tr("JSON (*.json)");
    switch (PolicyFormatter::Format(m_formatCombo->currentData().toInt())) {
    case PolicyFormatter::Format::Json:
        break;
    case PolicyFormatter::Format::Terraform:
        suggested = u"policy.tf"_s;
        filter = tr("Terraform (*.tf)");
        break;
    case PolicyFormatter::Format::CloudFormation:
        suggested = u"policy.yaml"_s;
        filter = tr("CloudFormation YAML (*.yaml *.yml)");
        break;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Policy"), suggested, filter);
    if (path.isEmpty())
        return;
    if (const auto written = writePrivateFile(path, text.toUtf8()); !written) {
        emit messageChanged(written.error());
        return;
    }
    emit messageChanged(tr("Policy saved to %1.").arg(path));
}

} // namespace coffer
