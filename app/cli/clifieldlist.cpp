// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clifieldlist.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::cli {

void CliFieldList::add(const QString &label, const QString &value)
{
    add(label, QStringList { value });
}

void CliFieldList::add(const QString &label, const QStringList &values)
{
    m_fields.append({ label, values.isEmpty() ? QStringList { QString() } : values });
}

QString CliFieldList::toText() const
{
    qsizetype width = 0;
    for (const auto &[label, values] : m_fields)
        width = std::max(width, label.size() + 1);
    QString text;
    for (const auto &[label, values] : m_fields) {
        for (qsizetype i = 0; i < values.size(); ++i) {
            QString value = values.at(i);
            value.replace(u'\n', u' ');
            const QString head = i == 0 ? QString(label + u':') : QString();
            QString line = head.leftJustified(width) + u"  "_s + value;
            while (line.endsWith(u' '))
                line.chop(1);
            text += line + u'\n';
        }
    }
    return text;
}

} // namespace coffer::cli
