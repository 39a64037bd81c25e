// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/diff/secretdiff.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace coffer {

/**
 * The pending edit against the version it was made on, change by change, before it is saved:
 * for JSON, one row per added, removed, changed, retyped or moved value with its path; for
 * text, the line diff; for bytes, sizes and fingerprints. Values are masked, each shown by a
 * short fingerprint so a changed secret is visibly changed, until "Show values" is ticked.
 * The selected change is shown whole below the list; Save saves through the editor.
 */
class ReviewChangesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewChangesDialog)

public:
    ReviewChangesDialog(const QString &secretName, diff::SecretDiff diff,
                        QWidget *parent = nullptr);
    ~ReviewChangesDialog() override;

    [[nodiscard]] QTreeWidget *changeList() const { return m_changes; }
    [[nodiscard]] QPlainTextEdit *textView() const { return m_text; }
    [[nodiscard]] QCheckBox *showValuesCheckBox() const { return m_showValues; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    /// The selected change in full (pretty JSON when revealed).
    [[nodiscard]] QPlainTextEdit *detailsView() const { return m_details; }
    [[nodiscard]] QPushButton *saveButton() const { return m_saveButton; }

Q_SIGNALS:
    /// Save was pressed: the editor saves through its usual path (the dialog closes).
    void saveRequested();

private:
    void populate();
    void showDetails();

    diff::SecretDiff m_diff;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_changes = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QCheckBox *m_showValues = nullptr;
    QPushButton *m_saveButton = nullptr;
};

} // namespace coffer
