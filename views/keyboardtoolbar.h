// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QToolBar>

namespace coffer {

/**
 * A toolbar a keyboard reaches: QToolBar makes its buttons NoFocus, so without a mouse they could
 * only be used through their menu entries. Here every button takes Tab focus, Left and Right move
 * between the enabled buttons (round at the ends; Home and End to the first and last), and Space
 * presses the focused one.
 *
 *     m_toolBar = new KeyboardToolBar;
 *     m_toolBar->addAction(m_saveAction);
 */
class KeyboardToolBar final : public QToolBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyboardToolBar)

public:
    explicit KeyboardToolBar(QWidget *parent = nullptr);
    explicit KeyboardToolBar(const QString &title, QWidget *parent = nullptr);
    ~KeyboardToolBar() override;

protected:
    void actionEvent(QActionEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    /// The widgets of the visible, enabled actions that take focus, left to right.
    [[nodiscard]] QList<QWidget *> focusableWidgets() const;
};

} // namespace coffer
