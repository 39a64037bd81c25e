// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/productionbadge.h"

#include "models/profiles/profile.h"

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

} // namespace coffer
