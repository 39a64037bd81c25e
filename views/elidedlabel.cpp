// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/elidedlabel.h"

#include "views/secretclipboard.h"

#include <QAction>
#include <QEvent>

#include <algorithm>

namespace coffer {

namespace {
// What a header asks for at most, and can always do with: wider text is elided.
constexpr int kPreferredChars = 60;
constexpr int kMinimumChars = 8;
} // namespace

ElidedLabel::ElidedLabel(Qt::TextElideMode mode, QWidget *parent)
    : QLabel(parent)
    , m_mode(mode)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(false);
    auto *copy = new QAction(tr("&Copy"), this);
    connect(copy, &QAction::triggered, this, [this] {
        if (!m_fullText.isEmpty())
            SecretClipboard::instance()->copyPublic(m_fullText);
    });
    addAction(copy);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

ElidedLabel::~ElidedLabel() = default;

void ElidedLabel::setFullText(const QString &text)
{
    m_fullText = text;
    elide();
    updateGeometry();
}

QSize ElidedLabel::sizeHint() const
{
    const QMargins margins = contentsMargins();
    const int extra = margins.left() + margins.right() + 2 * margin();
    const int full = fontMetrics().horizontalAdvance(m_fullText);
    const int preferred = fontMetrics().averageCharWidth() * kPreferredChars;
    return { std::min(full, preferred) + extra, QLabel::minimumSizeHint().height() };
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QMargins margins = contentsMargins();
    const int extra = margins.left() + margins.right() + 2 * margin();
    const int full = fontMetrics().horizontalAdvance(m_fullText);
    const int minimum = fontMetrics().averageCharWidth() * kMinimumChars;
    return { std::min(full, minimum) + extra, QLabel::minimumSizeHint().height() };
}

void ElidedLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    elide();
}

void ElidedLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        elide();
}

void ElidedLabel::elide()
{
    const QString shown
        = fontMetrics().elidedText(m_fullText, m_mode, contentsRect().width() - 2 * margin());
    if (shown != text())
        setText(shown);
    setToolTip(shown == m_fullText ? QString() : m_fullText);
}

} // namespace coffer
