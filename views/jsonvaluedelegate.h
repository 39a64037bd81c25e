// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace coffer {

/**
 * Editors for the JSON tree's cells that know the value's type: a list of the six JSON types
 * for the Type column, true/false for booleans, a line for strings and numbers, and masked
 * values drawn in a muted colour. A value the model refuses (a number that is not a number, a
 * key that exists) is reported through editRefused() with the model's reason, and the cell
 * keeps its value.
 */
class JsonValueDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonValueDelegate)

public:
    explicit JsonValueDelegate(QObject *parent = nullptr);
    ~JsonValueDelegate() override;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override;

signals:
    void editRefused(const QString &reason) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace coffer
