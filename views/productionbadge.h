// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

#include <functional>

namespace coffer {

struct Profile;

/**
 * The "PRODUCTION" badge shown beside a production profile's name (profile manager, status
 * bar), hidden for other profiles; and the confirmation every write through a production
 * profile asks for first.
 *
 *     auto *badge = new ProductionBadge(statusBar());
 *     badge->setProfile(connection.profile);
 *     ...
 *     ProductionBadge::confirmWrite(this, profile, tr("Save the new value of %1").arg(name),
 *                                   [this] { save(); });
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

    /// Runs `proceed` at once for a profile that needs no confirmation; otherwise asks (a
    /// window-modal message box, no nested event loop) and runs it only if the user confirms.
    static void confirmWrite(QWidget *parent, const Profile &profile, const QString &action,
                             std::function<void()> proceed);
};

} // namespace coffer
