// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/writeguard.h"

#include <QMessageBox>
#include <QPushButton>

#include <utility>

using namespace Qt::StringLiterals;

namespace coffer {

WriteGuard::WriteGuard(QObject *parent)
    : QObject(parent)
{ }

WriteGuard::~WriteGuard() = default;

void WriteGuard::setProfile(const QString &name, bool production)
{
    m_profileName = name;
    if (std::exchange(m_production, production) != production)
        emit productionChanged(production);
}

void WriteGuard::confirm(QWidget *parent, const QString &action, std::function<void()> proceed,
                         const QString &details)
{
    if (!m_production) {
        proceed();
        return;
    }
    m_lastAction = action;
    // One question at a time: a second write asked for meanwhile replaces the first.
    if (m_question)
        m_question->close();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Production Profile"),
                                tr("%1 in profile '%2'?").arg(action, m_profileName),
                                QMessageBox::NoButton, parent);
    box->setObjectName(u"ProductionConfirmation"_s);
    const QString warning
        = tr("'%1' is a production profile: this changes the production account.").arg(m_profileName);
    box->setInformativeText(details.isEmpty() ? warning : details + u"\n\n"_s + warning);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton *confirm = box->addButton(tr("Change &Production"), QMessageBox::AcceptRole);
    confirm->setObjectName(u"ConfirmWriteButton"_s);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    cancel->setObjectName(u"CancelWriteButton"_s);
    box->setDefaultButton(cancel);
    box->setEscapeButton(cancel);
    m_question = box;
    connect(box, &QMessageBox::finished, box, [box, confirm, proceed = std::move(proceed)] {
        if (box->clickedButton() == confirm)
            proceed();
    });
    box->open();
}

} // namespace coffer
