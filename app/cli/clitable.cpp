// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clitable.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::cli {

CliTable::CliTable(QStringList header)
    : m_header(std::move(header))
{ }

void CliTable::addRow(QStringList cells)
{
    while (cells.size() < m_header.size())
        cells.append(QString());
    // A line break inside a cell (a multi-line description) would break the columns.
    for (QString &cell : cells)
        cell.replace(u'\n', u' ').replace(u'\r', u' ').replace(u'\t', u' ');
    m_rows.append(std::move(cells));
}

QString CliTable::toText() const
{
    QList<qsizetype> widths(m_header.size(), 0);
    const auto measure = [&widths](const QStringList &row) {
        for (qsizetype i = 0; i < widths.size() && i < row.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    };
    measure(m_header);
    for (const QStringList &row : m_rows)
        measure(row);

    QString text;
    const auto line = [&](const QStringList &row) {
        QString out;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = i < row.size() ? row.at(i) : QString();
            out += i + 1 < widths.size() ? cell.leftJustified(widths.at(i)) + u"  "_s : cell;
        }
        while (out.endsWith(u' '))
            out.chop(1);
        text += out + u'\n';
    };
    line(m_header);
    for (const QStringList &row : m_rows)
        line(row);
    return text;
}

} // namespace coffer::cli
