// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace coffer::cli {

/**
 * "Label: value" lines for people, the values aligned; a field with several values puts each
 * on its own line under the first.
 *
 *     CliFieldList fields;
 *     fields.add(tr("Name"), secret.name);
 *     fields.add(tr("Tags"), {u"team=payments"_s, u"env=prod"_s});
 *     context.out(fields.toText());
 */
class CliFieldList final
{
public:
    void add(const QString &label, const QString &value);
    void add(const QString &label, const QStringList &values);
    [[nodiscard]] QString toText() const;

private:
    QList<std::pair<QString, QStringList>> m_fields;
};

} // namespace coffer::cli
