// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QAbstractScrollArea;
class QLabel;
class QPushButton;

namespace coffer {

/**
 * Why an item view shows nothing, said in the view itself: a short message in the middle of its
 * viewport, and at most one button for the way out ("Clear Filter", "Add Key"). It follows the
 * viewport's size and covers only itself, so clicks and context menus around it still reach the
 * view; it never takes part in a layout, so its text cannot widen the window.
 *
 *     auto *empty = new EmptyStateOverlay(treeView);
 *     empty->setButtonText(tr("&Clear Filter"));
 *     connect(empty->button(), &QPushButton::clicked, filterEdit, &QLineEdit::clear);
 *     empty->showMessage(tr("No secret matches “%1”.").arg(filter));   // hide() once rows show
 */
class EmptyStateOverlay final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStateOverlay)

public:
    /// Lays itself over `view`'s viewport, hidden until showMessage().
    explicit EmptyStateOverlay(QAbstractScrollArea *view);
    ~EmptyStateOverlay() override;

    /// Shows `message` (plain text, wrapped) over the view.
    void showMessage(const QString &message);
    /// The button's text; empty (the default) hides the button.
    void setButtonText(const QString &text);

    [[nodiscard]] QLabel *label() const { return m_label; }
    [[nodiscard]] QPushButton *button() const { return m_button; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// Centres the overlay in the viewport, as wide as its text needs and the viewport allows.
    void place();

    QLabel *m_label = nullptr;
    QPushButton *m_button = nullptr;
};

} // namespace coffer
