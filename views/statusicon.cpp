// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/statusicon.h"

#include <QPainter>
#include <QPixmap>

namespace coffer {

QIcon statusIcon(StatusMark mark)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPen white(Qt::white, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    // Every mark but the warning triangle is a white sign on a coloured disc.
    const auto disc = [&painter](const QColor &colour) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawEllipse(QRectF(2, 2, 28, 28));
    };
    switch (mark) {
    case StatusMark::Pass:
        disc(QColor(0x2e, 0x9d, 0x44));
        painter.setPen(white);
        painter.drawPolyline(QPolygonF({QPointF(9, 16.5), QPointF(14, 21.5), QPointF(23, 11)}));
        break;
    case StatusMark::Warning: {
        painter.setPen(QPen(QColor(0xb3, 0x7a, 0x00), 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(QColor(0xf0, 0xa8, 0x1c));
        painter.drawPolygon(QPolygonF({QPointF(16, 2.5), QPointF(30, 28.5), QPointF(2, 28.5)}));
        painter.setPen(QPen(QColor(0x3a, 0x2a, 0x00), 3.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(QPointF(16, 11), QPointF(16, 19));
        painter.drawPoint(QPointF(16, 24.5));
        break;
    }
    case StatusMark::Error:
        disc(QColor(0xd4, 0x3c, 0x3c));
        painter.setPen(white);
        painter.drawLine(QPointF(10.5, 10.5), QPointF(21.5, 21.5));
        painter.drawLine(QPointF(21.5, 10.5), QPointF(10.5, 21.5));
        break;
    case StatusMark::Skipped:
        disc(QColor(0x9e, 0x9e, 0x9e));
        painter.setPen(white);
        painter.drawLine(QPointF(9.5, 16), QPointF(22.5, 16));
        break;
    case StatusMark::Info:
        disc(QColor(0x2f, 0x6f, 0xc4));
        painter.setPen(QPen(Qt::white, 4, Qt::SolidLine, Qt::RoundCap));
        painter.drawPoint(QPointF(16, 9.5));
        painter.drawLine(QPointF(16, 15), QPointF(16, 23));
        break;
    }
    painter.end();
    return QIcon(pixmap);
}

} // namespace coffer
