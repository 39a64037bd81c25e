// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMessageBox>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QWidget;

namespace coffer {

/**
 * The one gate every write of the window passes (save, overwrite, create, restore, rollback,
 * label moves): on a production profile it asks first, with the write described ("Save the
 * changes to pixell/prod (1 changed) in profile 'prod'?"), and writes only on "Change
 * Production"; on any other profile it writes at once. A delete is confirmed by typing the
 * secret's name in DeleteSecretDialog, which the window asks for when isProduction().
 *
 * The main window owns one and keeps it on the profile the session is connected through; panes
 * get it with setWriteGuard() and call confirm() where they would send the request:
 *
 *     m_writeGuard->confirm(this, tr("Restore %1").arg(name), [this, name] { restore(name); });
 *
 * The question is window-modal (no nested event loop); `proceed` runs later, or never.
 * pendingQuestion() is the open question, for tests to answer.
 */
class WriteGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WriteGuard)

public:
    explicit WriteGuard(QObject *parent = nullptr);
    ~WriteGuard() override;

    /// The profile writes go through (`name` is shown in the question).
    void setProfile(const QString &name, bool production);
    [[nodiscard]] bool isProduction() const { return m_production; }
    [[nodiscard]] QString profileName() const { return m_profileName; }

    /// Runs `proceed` at once on a profile that is not production; otherwise asks "`action` in
    /// profile '…'?" and runs it only if the user confirms. `parent` hosts the question;
    /// `details` (what the write changes) is shown in it, so a caller that would have asked
    /// its own question on a production profile asks only this one.
    void confirm(QWidget *parent, const QString &action, std::function<void()> proceed,
                 const QString &details = {});

    /// The question confirm() has open (null when none), for tests: its buttons are named
    /// "ConfirmWriteButton" and "CancelWriteButton".
    [[nodiscard]] QMessageBox *pendingQuestion() const { return m_question; }
    /// The action of the last question asked (empty before any).
    [[nodiscard]] QString lastAction() const { return m_lastAction; }

signals:
    void productionChanged(bool production);

private:
    QString m_profileName;
    bool m_production = false;
    QPointer<QMessageBox> m_question;
    QString m_lastAction;
};

} // namespace coffer
