// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QMenuBar;
class QTreeWidget;

namespace coffer {

/**
 * Help > Keyboard Shortcuts: every menu command of the window that has a shortcut, grouped by
 * its menu, with a filter. Read from the menus themselves when it opens, so it cannot drift
 * from what the keys do.
 */
class KeyboardShortcutsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyboardShortcutsDialog)

public:
    explicit KeyboardShortcutsDialog(const QMenuBar *menus, QWidget *parent = nullptr);
    ~KeyboardShortcutsDialog() override;

    [[nodiscard]] QTreeWidget *shortcutList() const { return m_list; }

private:
    void filter(const QString &text);

    QLineEdit *m_filter = nullptr;
    QTreeWidget *m_list = nullptr;
};

} // namespace coffer
