// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/jsonvaluedelegate.h"

#include "models/editor/jsontreemodel.h"
#include "models/json/jsonkind.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QLineEdit>

#include <limits>

using namespace Qt::StringLiterals;

namespace coffer {

using json::JsonKind;

JsonValueDelegate::JsonValueDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

JsonValueDelegate::~JsonValueDelegate() = default;

QWidget *JsonValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                         const QModelIndex &index) const
{
    const auto kind = JsonKind(index.data(JsonTreeModel::KindRole).toInt());
    if (index.column() == JsonTreeModel::TypeColumn) {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(u"TypeEditor"_s);
        for (const JsonKind each : { JsonKind::String, JsonKind::Number, JsonKind::Bool,
                                     JsonKind::Null, JsonKind::Object, JsonKind::Array })
            combo->addItem(json::kindName(each));
        return combo;
    }
    if (index.column() == JsonTreeModel::ValueColumn && kind == JsonKind::Bool) {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(u"BoolEditor"_s);
        combo->addItems({ u"true"_s, u"false"_s });
        return combo;
    }
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        line->setObjectName(u"ValueEditor"_s);
        // QLineEdit stops at 32,767 characters by default, which would cut a long value
        // silently; the save refuses what is too big, with the reason.
        line->setMaxLength(std::numeric_limits<int>::max());
        if (index.column() == JsonTreeModel::ValueColumn)
            line->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    return editor;
}

void JsonValueDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        combo->setCurrentText(index.data(Qt::EditRole).toString());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void JsonValueDelegate::setModelData(QWidget *editor, QAbstractItemModel *model,
                                     const QModelIndex &index) const
{
    QVariant value;
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        value = combo->currentText();
    else if (auto *line = qobject_cast<QLineEdit *>(editor))
        value = line->text();
    else
        return QStyledItemDelegate::setModelData(editor, model, index);
    if (!model->setData(index, value, Qt::EditRole)) {
        if (auto *jsonModel = qobject_cast<JsonTreeModel *>(model))
            emit editRefused(jsonModel->lastError());
    }
}

void JsonValueDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == JsonTreeModel::KeyColumn && index.parent().isValid()
        && JsonKind(index.parent().data(JsonTreeModel::KindRole).toInt()) == JsonKind::Array) {
        option->text = u"[%1]"_s.arg(index.row());
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
    } else if (index.column() == JsonTreeModel::ValueColumn) {
        option->font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        if (index.data(JsonTreeModel::MaskedRole).toBool())
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::Disabled, QPalette::Text));
    } else if (index.column() == JsonTreeModel::TypeColumn) {
        option->palette.setColor(QPalette::Text,
                                 option->palette.color(QPalette::Disabled, QPalette::Text));
    }
}

} // namespace coffer
