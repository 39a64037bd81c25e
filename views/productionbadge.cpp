// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/productionbadge.h"

#include "models/profiles/profile.h"

#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace coffer {

ProductionBadge::ProductionBadge(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"ProductionBadge"_s);
    setText(badgeText());
    setToolTip(tr("A production profile: every change asks for confirmation first."));
    // Fixed colours on purpose: the badge must read as a warning in every theme.
    setStyleSheet(u"QLabel { background: #c62828; color: white; font-weight: bold; "
                  "border-radius: 3px; padding: 1px 6px; }"_s);
    setVisible(false);
}

void ProductionBadge::setProfile(const Profile &profile)
{
    setProduction(profile.production);
}

void ProductionBadge::setProduction(bool production)
{
    setVisible(production);
}

QString ProductionBadge::badgeText()
{
    return tr("PRODUCTION", "badge of a production profile");
}

QString ProductionBadge::decoratedName(const Profile &profile)
{
    if (!profile.production)
        return profile.name;
    return profile.name + u"  ["_s + badgeText() + u']';
}

void ProductionBadge::confirmWrite(QWidget *parent, const Profile &profile, const QString &action,
                                   std::function<void()> proceed)
{
    if (!profile.requiresWriteConfirmation()) {
        proceed();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Production profile"),
                                tr("%1\n\nThis changes data through the production profile '%2'.")
                                    .arg(action, profile.name),
                                QMessageBox::Cancel, parent);
    box->setObjectName(u"ProductionConfirmation"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *confirm = box->addButton(tr("Change production"), QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, confirm, proceed = std::move(proceed)] {
                         if (box->clickedButton() == confirm)
                             proceed();
                     });
    box->open();
}

} // namespace coffer
