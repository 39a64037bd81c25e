// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/emptystateoverlay.h"

#include <QAbstractScrollArea>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace coffer {

namespace {
// Room kept between the message and the viewport's edges.
constexpr int kMargin = 12;
// A message wider than this wraps, however wide the view is: short lines read better.
constexpr int kMaxTextWidth = 420;
} // namespace

EmptyStateOverlay::EmptyStateOverlay(QAbstractScrollArea *view)
    : QWidget(view->viewport())
{
    m_label = new QLabel;
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignCenter);
    m_label->setForegroundRole(QPalette::PlaceholderText);
    m_button = new QPushButton;
    m_button->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_button, 0, Qt::AlignHCenter);
    view->viewport()->installEventFilter(this);
    hide();
}

EmptyStateOverlay::~EmptyStateOverlay() = default;

void EmptyStateOverlay::showMessage(const QString &message)
{
    m_label->setText(message);
    place();
    show();
    raise();
}

void EmptyStateOverlay::setButtonText(const QString &text)
{
    m_button->setText(text);
    m_button->setVisible(!text.isEmpty());
    place();
}

bool EmptyStateOverlay::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        place();
    return QWidget::eventFilter(watched, event);
}

void EmptyStateOverlay::place()
{
    const QRect room = parentWidget()->rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (room.width() <= 0 || room.height() <= 0)
        return;
    const int textWidth = m_label->fontMetrics().horizontalAdvance(m_label->text());
    const int width = std::min(
        { room.width(), kMaxTextWidth, std::max(textWidth + 2, m_button->sizeHint().width()) });
    const int height = std::min(room.height(), layout()->totalHeightForWidth(width));
    // A third of the way down, where the eye goes first in an empty list.
    const int top = room.top() + std::max(0, (room.height() - height) / 3);
    setGeometry(room.left() + (room.width() - width) / 2, top, width, height);
}

} // namespace coffer
