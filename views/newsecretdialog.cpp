// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/newsecretdialog.h"

#include "models/aws/secretconstraints.h"
#include "models/json/jsondocument.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {
enum TemplateKind { EmptyObject, PlainText, SiblingKeys };
} // namespace

NewSecretDialog::NewSecretDialog(const QString &namespacePrefix,
                                 const QStringList &siblingSecrets, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"NewSecretDialog"_s);
    setWindowTitle(tr("New Secret"));
    resize(560, 520);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    layout->addLayout(form);

    m_nameEdit = new QLineEdit(namespacePrefix);
    m_nameEdit->setObjectName(u"NameEdit"_s);
    m_nameEdit->setPlaceholderText(tr("project/environment/area/name"));
    form->addRow(tr("&Name:"), m_nameEdit);
    m_nameWarning = new QLabel;
    m_nameWarning->setObjectName(u"NameWarning"_s);
    m_nameWarning->setWordWrap(true);
    m_nameWarning->hide();
    form->addRow(QString(), m_nameWarning);

    m_descriptionEdit = new QLineEdit;
    m_descriptionEdit->setObjectName(u"DescriptionEdit"_s);
    form->addRow(tr("&Description:"), m_descriptionEdit);

    m_kmsKeyEdit = new QLineEdit;
    m_kmsKeyEdit->setObjectName(u"KmsKeyEdit"_s);
    m_kmsKeyEdit->setPlaceholderText(tr("aws/secretsmanager (the AWS managed key)"));
    m_kmsKeyEdit->setToolTip(tr("A customer managed KMS key: its ARN, id or alias/NAME. Readers "
                                "will also need kms:Decrypt on it."));
    form->addRow(tr("&KMS key:"), m_kmsKeyEdit);

    m_tagsEdit = new QPlainTextEdit;
    m_tagsEdit->setObjectName(u"TagsEdit"_s);
    m_tagsEdit->setPlaceholderText(tr("One KEY=VALUE per line"));
    m_tagsEdit->setTabChangesFocus(true);
    m_tagsEdit->setMaximumHeight(m_tagsEdit->fontMetrics().lineSpacing() * 4 + 12);
    form->addRow(tr("&Tags:"), m_tagsEdit);

    m_templateCombo = new QComboBox;
    m_templateCombo->setObjectName(u"TemplateCombo"_s);
    m_templateCombo->addItem(tr("Empty JSON object"), QVariant::fromValue(int(EmptyObject)));
    m_templateCombo->addItem(tr("Plain text"), QVariant::fromValue(int(PlainText)));
    for (const QString &sibling : siblingSecrets)
        m_templateCombo->addItem(tr("Keys of %1", "a template: the keys of another secret")
                                     .arg(sibling),
                                 sibling);
    form->addRow(tr("&Start from:"), m_templateCombo);

    m_valueEdit = new QPlainTextEdit(u"{}"_s);
    m_valueEdit->setObjectName(u"ValueEdit"_s);
    m_valueEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_valueEdit->setTabChangesFocus(true);
    form->addRow(tr("&Value:"), m_valueEdit);

    m_problemLabel = new QLabel;
    m_problemLabel->setObjectName(u"ProblemLabel"_s);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(u"QLabel { color: #a4262c; }"_s);
    layout->addWidget(m_problemLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty() && !m_busy)
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_templateCombo, &QComboBox::activated, this, [this](int index) {
        const QVariant data = m_templateCombo->itemData(index);
        if (data.typeId() == QMetaType::QString) {
            emit templateRequested(data.toString());
            return;
        }
        m_valueEdit->setPlainText(data.toInt() == EmptyObject ? u"{}"_s : QString());
    });
    for (QLineEdit *edit : { m_nameEdit, m_descriptionEdit, m_kmsKeyEdit })
        connect(edit, &QLineEdit::textChanged, this, &NewSecretDialog::updateState);
    for (QPlainTextEdit *edit : { m_tagsEdit, m_valueEdit })
        connect(edit, &QPlainTextEdit::textChanged, this, &NewSecretDialog::updateState);
    updateState();
}

NewSecretDialog::~NewSecretDialog() = default;

void NewSecretDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // The namespace is a start, not a suggestion to replace: the cursor goes after it, with
    // nothing selected, once the window has taken focus (which selects a line edit's text).
    QTimer::singleShot(0, m_nameEdit, [edit = m_nameEdit] {
        edit->setFocus(Qt::OtherFocusReason);
        edit->deselect();
        edit->end(false);
    });
}

void NewSecretDialog::setTemplateValue(const QByteArray &value)
{
    m_valueEdit->setPlainText(QString::fromUtf8(value));
}

void NewSecretDialog::showError(const QString &message)
{
    setBusy(false);
    m_problemLabel->setText(message);
}

void NewSecretDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy && problem().isEmpty());
}

QStringList NewSecretDialog::tagLines() const
{
    QStringList lines;
    for (const QString &line : m_tagsEdit->toPlainText().split(u'\n'))
        if (!line.trimmed().isEmpty())
            lines << line.trimmed();
    return lines;
}

QString NewSecretDialog::problem() const
{
    const QString name = m_nameEdit->text();
    if (name.isEmpty() || name.endsWith(u'/'))
        return tr("Give the secret a name after its namespace.");
    if (QString problem = aws::SecretConstraints::checkName(name); !problem.isEmpty())
        return problem;
    if (m_descriptionEdit->text().size() > aws::SecretConstraints::maxDescriptionLength)
        return tr("The description has %1 characters; at most %2 are allowed.")
            .arg(m_descriptionEdit->text().size())
            .arg(aws::SecretConstraints::maxDescriptionLength);
    if (auto tags = aws::SecretConstraints::parseTags(tagLines()); !tags)
        return tags.error();
    const QByteArray value = m_valueEdit->toPlainText().toUtf8();
    if (auto checked = aws::SecretConstraints::checkValue(value, false); !checked)
        return checked.error();
    const QString trimmed = m_valueEdit->toPlainText().trimmed();
    if (trimmed.startsWith(u'{') || trimmed.startsWith(u'[')) {
        if (auto parsed = json::JsonDocument::parse(value); !parsed)
            return tr("The value is not valid JSON: line %1, column %2: %3")
                .arg(parsed.error().line)
                .arg(parsed.error().column)
                .arg(parsed.error().message);
    }
    return {};
}

void NewSecretDialog::updateState()
{
    const QString warning = aws::SecretConstraints::nameWarning(m_nameEdit->text());
    m_nameWarning->setText(warning);
    m_nameWarning->setVisible(!warning.isEmpty());
    const QString reason = problem();
    m_problemLabel->setText(reason);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && reason.isEmpty());
}

aws::CreateSecretRequest NewSecretDialog::request() const
{
    aws::CreateSecretRequest request;
    request.name = m_nameEdit->text();
    request.description = m_descriptionEdit->text();
    request.kmsKeyId = m_kmsKeyEdit->text().trimmed();
    request.secretString = m_valueEdit->toPlainText();
    if (auto tags = aws::SecretConstraints::parseTags(tagLines()))
        request.tags = *tags;
    return request;
}

} // namespace coffer
