// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace coffer {

struct Profile;

/**
 * The "PRODUCTION" badge shown beside a production profile's name (profile manager, the main
 * window's toolbar), hidden for other profiles. The confirmation a production profile asks for
 * before every write is WriteGuard's.
 *
 *     auto *badge = new ProductionBadge;
 *     badge->setProfile(profile);
 *
 * In a toolbar, show and hide the QAction that QToolBar::addWidget() returned instead: the
 * toolbar decides its widgets' visibility from their actions.
 */
class ProductionBadge final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductionBadge)

public:
    explicit ProductionBadge(QWidget *parent = nullptr);

    /// Shows the badge for a production profile, hides it otherwise.
    void setProfile(const Profile &profile);
    void setProduction(bool production);

    /// The badge's word, for places that show text rather than the widget (list items).
    [[nodiscard]] static QString badgeText();
    /// "name  [PRODUCTION]" for production profiles, the name otherwise.
    [[nodiscard]] static QString decoratedName(const Profile &profile);
};

} // namespace coffer
