// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/deletesecretdialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

DeleteSecretDialog::DeleteSecretDialog(const QString &secretName, QWidget *parent)
    : QDialog(parent)
    , m_secretName(secretName)
{
    setObjectName(u"DeleteSecretDialog"_s);
    setWindowTitle(tr("Delete Secret"));
    auto *layout = new QVBoxLayout(this);

    auto *intro = new QLabel(tr("Delete <b>%1</b>?").arg(secretName.toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_productionLabel = new QLabel;
    m_productionLabel->setObjectName(u"ProductionDeleteWarning"_s);
    m_productionLabel->setWordWrap(true);
    // The production badge's colours: this is the same warning.
    m_productionLabel->setStyleSheet(u"QLabel { background: #c62828; color: white; "
                                     "border-radius: 3px; padding: 4px 6px; }"_s);
    m_productionLabel->hide();
    layout->addWidget(m_productionLabel);

    m_scheduled = new QRadioButton(tr("Schedule the deletion; it can be restored until then"));
    m_scheduled->setObjectName(u"ScheduledRadio"_s);
    m_scheduled->setChecked(true);
    layout->addWidget(m_scheduled);
    auto *daysRow = new QHBoxLayout;
    daysRow->setContentsMargins(24, 0, 0, 0);
    daysRow->addWidget(new QLabel(tr("Recovery window:")));
    m_recoveryDays = new QSpinBox;
    m_recoveryDays->setObjectName(u"RecoveryDaysSpinBox"_s);
    m_recoveryDays->setRange(7, 30);
    m_recoveryDays->setValue(30);
    m_recoveryDays->setSuffix(tr(" days"));
    daysRow->addWidget(m_recoveryDays);
    daysRow->addStretch(1);
    layout->addLayout(daysRow);

    m_force = new QRadioButton(tr("Delete it now, without any recovery"));
    m_force->setObjectName(u"ForceRadio"_s);
    layout->addWidget(m_force);
    m_confirmLabel = new QLabel(
        tr("This cannot be undone: every version is destroyed at once. Type the secret's name "
           "to confirm:"));
    m_confirmLabel->setWordWrap(true);
    m_confirmLabel->setContentsMargins(24, 0, 0, 0);
    layout->addWidget(m_confirmLabel);
    m_confirmEdit = new QLineEdit;
    m_confirmEdit->setObjectName(u"ConfirmNameEdit"_s);
    m_confirmEdit->setPlaceholderText(secretName);
    layout->addWidget(m_confirmEdit);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Delete"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(m_buttons);

    connect(m_force, &QRadioButton::toggled, this, &DeleteSecretDialog::updateState);
    connect(m_confirmEdit, &QLineEdit::textChanged, this, &DeleteSecretDialog::updateState);
    updateState();
}

DeleteSecretDialog::~DeleteSecretDialog() = default;

void DeleteSecretDialog::requireTypedName(const QString &profileName)
{
    m_nameAlwaysRequired = true;
    m_productionLabel->setText(
        tr("'%1' is a production profile. Type the secret's name below to delete it.")
            .arg(profileName));
    m_productionLabel->show();
    updateState();
}

void DeleteSecretDialog::updateState()
{
    const bool force = m_force->isChecked();
    const bool nameNeeded = force || m_nameAlwaysRequired;
    m_recoveryDays->setEnabled(!force);
    m_confirmLabel->setEnabled(force);
    m_confirmEdit->setEnabled(nameNeeded);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!nameNeeded || m_confirmEdit->text() == m_secretName);
}

aws::DeleteSecretRequest DeleteSecretDialog::request() const
{
    aws::DeleteSecretRequest request;
    request.secretId = m_secretName;
    if (m_force->isChecked())
        request.forceDeleteWithoutRecovery = true;
    else
        request.recoveryWindowInDays = m_recoveryDays->value();
    return request;
}

} // namespace coffer
