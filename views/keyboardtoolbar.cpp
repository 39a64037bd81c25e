// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/keyboardtoolbar.h"

#include <QActionEvent>
#include <QKeyEvent>
#include <QToolButton>

namespace coffer {

KeyboardToolBar::KeyboardToolBar(QWidget *parent)
    : QToolBar(parent)
{
}

KeyboardToolBar::KeyboardToolBar(const QString &title, QWidget *parent)
    : QToolBar(title, parent)
{
}

KeyboardToolBar::~KeyboardToolBar() = default;

void KeyboardToolBar::actionEvent(QActionEvent *event)
{
    QToolBar::actionEvent(event);
    // The base class made the action's button (NoFocus) just now; widgets added with addWidget()
    // keep the policy they have. A button moves focus with the arrows along the whole focus
    // chain, out of the toolbar at its ends: the filter keeps it inside.
    if (event->type() == QEvent::ActionAdded) {
        if (auto *button = qobject_cast<QToolButton *>(widgetForAction(event->action()))) {
            button->setFocusPolicy(Qt::TabFocus);
            button->installEventFilter(this);
            // Made after the widgets that follow the toolbar, it would come after them in the Tab
            // order: put it after the toolbar's button before it, or for the first, after the
            // last widget that takes focus before the toolbar (setTabOrder() ignores NoFocus ones).
            QWidget *previous = nullptr;
            for (QAction *action : actions()) {
                if (action == event->action())
                    break;
                if (QWidget *widget = widgetForAction(action); widget && widget->focusPolicy() != Qt::NoFocus)
                    previous = widget;
            }
            for (QWidget *before = previousInFocusChain(); !previous && before && before != this;
                 before = before->previousInFocusChain()) {
                if (before->focusPolicy() != Qt::NoFocus && before != button && !isAncestorOf(before))
                    previous = before;
            }
            if (previous)
                QWidget::setTabOrder(previous, button);
        }
    }
}

QList<QWidget *> KeyboardToolBar::focusableWidgets() const
{
    QList<QWidget *> widgets;
    for (QAction *action : actions()) {
        QWidget *widget = widgetForAction(action);
        if (widget && widget->isVisible() && widget->isEnabled() && widget->focusPolicy() != Qt::NoFocus)
            widgets << widget;
    }
    return widgets;
}

bool KeyboardToolBar::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QToolBar::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const QList<QWidget *> widgets = focusableWidgets();
    const qsizetype current = widgets.indexOf(qobject_cast<QWidget *>(watched));
    if (current < 0 || key->modifiers() != Qt::NoModifier)
        return QToolBar::eventFilter(watched, event);
    const bool reversed = layoutDirection() == Qt::RightToLeft;
    qsizetype next = current;
    switch (key->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right: {
        const bool forward = (key->key() == Qt::Key_Right) != reversed;
        next = forward ? (current + 1) % widgets.size() : (current + widgets.size() - 1) % widgets.size();
        break;
    }
    case Qt::Key_Home:
        next = 0;
        break;
    case Qt::Key_End:
        next = widgets.size() - 1;
        break;
    default:
        return QToolBar::eventFilter(watched, event);
    }
    widgets.at(next)->setFocus(Qt::TabFocusReason);
    return true;
}

} // namespace coffer
