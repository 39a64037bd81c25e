// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/wrappinglabel.h"

#include <algorithm>

namespace coffer {

namespace {
constexpr int kMinimumChars = 12;
} // namespace

WrappingLabel::WrappingLabel(const QString &text, QWidget *parent)
    : QLabel(text, parent)
{
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
}

WrappingLabel::~WrappingLabel() = default;

QSize WrappingLabel::minimumSizeHint() const
{
    const QSize wrapped = QLabel::minimumSizeHint();
    return { std::min(wrapped.width(), fontMetrics().averageCharWidth() * kMinimumChars),
             wrapped.height() };
}

void WrappingLabel::paintEvent(QPaintEvent *event)
{
    QLabel::paintEvent(event);
    // QLabel's own minimum is its longest word: narrower than that, a word is cut off.
    const bool clipped = QLabel::minimumSizeHint().width() > width();
    const QString tip = clipped ? text() : QString();
    if (toolTip() != tip)
        setToolTip(tip);
}

} // namespace coffer
