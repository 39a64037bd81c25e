// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/content/contentfinding.h"

#include <QFrame>
#include <QList>

class QLabel;
class QListWidget;
class QPushButton;

namespace coffer {

/**
 * The content findings of the open value, above the editor: a summary line ("2 errors, 1
 * warning in this value") and one row per finding with its icon, its sentence and its fix.
 * Activating a row (click or Enter) asks to go to the value it is about (pointerActivated).
 * Hidden while there is nothing to say.
 *
 * When a save is held back because of findings, the bar says so and offers Save Anyway, one
 * deliberate click that names what it overrides (setSaveHeld()).
 *
 * Findings never quote a value (ContentFinding), so the bar is safe to show while values are
 * masked.
 */
class ContentFindingsBar final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContentFindingsBar)

public:
    explicit ContentFindingsBar(QWidget *parent = nullptr);
    ~ContentFindingsBar() override;

    void setFindings(const QList<content::ContentFinding> &findings);
    [[nodiscard]] const QList<content::ContentFinding> &findings() const { return m_findings; }

    /// Says that the last save was held back by `reason` and shows Save Anyway; an empty
    /// reason takes the offer back (a new edit, a save that went through, another secret).
    void setSaveHeld(const QString &reason);
    [[nodiscard]] bool isSaveHeld() const;

    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] QListWidget *list() const { return m_list; }
    [[nodiscard]] QLabel *heldLabel() const { return m_held; }
    [[nodiscard]] QPushButton *saveAnywayButton() const { return m_saveAnyway; }

    /// "2 errors, 1 warning", "1 warning"; empty for no findings.
    [[nodiscard]] static QString countText(const QList<content::ContentFinding> &findings);

    enum Role { PointerRole = Qt::UserRole + 1, IdRole };

signals:
    /// The user asked to see the value a finding is about (its JSON Pointer; "" is the
    /// whole value).
    void pointerActivated(const QString &pointer);
    void saveAnywayRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateLook();
    /// Gives each row the height its wrapped sentence needs at the list's width, and the list
    /// the height of three rows (more scroll).
    void fitRows();

    QList<content::ContentFinding> m_findings;
    QLabel *m_icon = nullptr;
    QLabel *m_summary = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_held = nullptr;
    QPushButton *m_saveAnyway = nullptr;
    int m_fittedWidth = -1;
};

} // namespace coffer
