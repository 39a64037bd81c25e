// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/elidedlabel.h"

#include "views/secretclipboard.h"

#include <QAction>
#include <QEvent>
#include <QStringList>

#include <algorithm>

namespace coffer {

namespace {
// Narrower than this, a label would say nothing; wider text is elided down to it.
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
    // The whole text, where there is room for it; minimumSizeHint() is what keeps it in bounds.
    // A pixel or two more than the advance: elidedText() rounds differently and elided the
    // whole text at exactly its advance.
    const QMargins margins = contentsMargins();
    const int extra = margins.left() + margins.right() + 2 * margin() + 2;
    return { fontMetrics().horizontalAdvance(m_fullText) + extra,
             QLabel::minimumSizeHint().height() };
}

QSize ElidedLabel::minimumSizeHint() const
{
    const QMargins margins = contentsMargins();
    const int extra = margins.left() + margins.right() + 2 * margin();
    const int full = fontMetrics().horizontalAdvance(m_fullText);
    const int minimum = fontMetrics().averageCharWidth() * kMinimumChars;
    return { std::min(full, minimum) + extra, QLabel::minimumSizeHint().height() };
}

void ElidedLabel::showEvent(QShowEvent *event)
{
    QLabel::showEvent(event);
    elide();
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

void ElidedLabel::setDetail(const QString &detail)
{
    m_detail = detail;
    elide();
}

void ElidedLabel::elide()
{
    // Until it is laid out (hidden, or not shown yet) its width means nothing: the whole text.
    const QString shown = isVisible()
        ? fontMetrics().elidedText(m_fullText, m_mode, contentsRect().width() - 2 * margin())
        : m_fullText;
    if (shown != text())
        setText(shown);
    QStringList tip;
    if (shown != m_fullText)
        tip << m_fullText;
    if (!m_detail.isEmpty())
        tip << m_detail;
    setToolTip(tip.join(u'\n'));
}

} // namespace coffer
