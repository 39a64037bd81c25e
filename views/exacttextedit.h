// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/editor/exactplaintext.h"

#include <QPlainTextEdit>

namespace coffer {

/**
 * A QPlainTextEdit that gives back the text it was given exactly, apart from what the user
 * typed: CR and CRLF line endings, U+00A0, U+2028 and U+2029 survive (ExactPlainText). Use
 * setExactText() and exactText() instead of setPlainText() and toPlainText().
 */
class ExactTextEdit final : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit ExactTextEdit(QWidget *parent = nullptr);

    void setExactText(const QString &text);
    [[nodiscard]] QString exactText() const;

private:
    ExactPlainText m_exact;   ///< the text before the latest change, and what the editor showed
    QString m_text;           ///< the exact text now
};

} // namespace coffer
