// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/keyboardshortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

/// "&Save" as it reads in a list: "Save".
QString plainText(QString text)
{
    text.replace(u"&&"_s, u"\u0001"_s);
    text.remove(u'&');
    text.replace(u"\u0001"_s, u"&"_s);
    if (text.endsWith(u"…"_s))
        text.chop(1);
    return text;
}

void addMenu(QTreeWidget *list, const QMenu *menu, const QString &title)
{
    QTreeWidgetItem *group = nullptr;
    for (const QAction *action : menu->actions()) {
        if (action->menu()) {
            addMenu(list, action->menu(), title + u" › "_s + plainText(action->text()));
            continue;
        }
        if (action->isSeparator() || action->shortcut().isEmpty())
            continue;
        if (!group) {
            group = new QTreeWidgetItem(list, {title});
            group->setFirstColumnSpanned(true);
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
        }
        QStringList keys;
        for (const QKeySequence &key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText);
        new QTreeWidgetItem(group, {plainText(action->text()), keys.join(u", "_s)});
    }
}

} // namespace

KeyboardShortcutsDialog::KeyboardShortcutsDialog(const QMenuBar *menus, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"KeyboardShortcutsDialog"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    resize(480, 560);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"ShortcutFilter"_s);
    m_filter->setPlaceholderText(tr("Filter commands or keys"));
    m_filter->setClearButtonEnabled(true);
    auto *filterLabel = new QLabel(tr("&Find:"), this);
    filterLabel->setBuddy(m_filter);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"ShortcutList"_s);
    m_list->setHeaderLabels({tr("Command"), tr("Shortcut")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    for (const QAction *action : menus->actions()) {
        if (action->menu())
            addMenu(m_list, action->menu(), plainText(action->text()));
    }
    m_list->expandAll();
    connect(m_filter, &QLineEdit::textChanged, this, &KeyboardShortcutsDialog::filter);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
}

KeyboardShortcutsDialog::~KeyboardShortcutsDialog() = default;

void KeyboardShortcutsDialog::filter(const QString &text)
{
    for (int g = 0; g < m_list->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_list->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
                    || item->text(1).contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace coffer
