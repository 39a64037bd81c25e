// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/diff/secretdiff.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace coffer {

/**
 * The pending edit against the version it was made on, change by change, before it is saved:
 * for JSON, one row per added, removed, changed, retyped or moved value with its path; for
 * text, the line diff; for bytes, sizes and fingerprints. Values are masked, each shown by a
 * short fingerprint so a changed secret is visibly changed, until "Show values" is ticked.
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

private:
    void populate();

    diff::SecretDiff m_diff;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_changes = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_showValues = nullptr;
};

} // namespace coffer
