// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace coffer::cli {

/**
 * A plain text table for people: a header row and aligned columns separated by two spaces, the
 * last column left unpadded so lines carry no trailing blanks.
 *
 *     CliTable table({tr("NAME"), tr("LAST CHANGED"), tr("DESCRIPTION")});
 *     table.addRow({name, date, description});
 *     context.out(table.toText());
 */
class CliTable final
{
public:
    explicit CliTable(QStringList header);

    void addRow(QStringList cells);
    [[nodiscard]] qsizetype rowCount() const { return m_rows.size(); }
    /// Every line ends with '\n'.
    [[nodiscard]] QString toText() const;

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

} // namespace coffer::cli
