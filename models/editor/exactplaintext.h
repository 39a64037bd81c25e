// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace coffer {

/**
 * Keeps a text exact through a plain-text editor that is not: QPlainTextEdit gives back every
 * line break as "\n" (CRLF and CR included), U+2028 and U+2029 as "\n" and U+00A0 as a space.
 * A secret's value must keep all of them wherever the user did not type.
 *
 *     ExactPlainText exact(value);
 *     edit->setPlainText(exact.forDisplay());
 *     exact.setBaseline(edit->toPlainText());       // what the editor made of it
 *     ...
 *     const QString saved = exact.merged(edit->toPlainText());
 *
 * merged() takes the part the user changed (the span between the longest common prefix and
 * suffix of the baseline and the edited text) and splices it into the original; everything
 * around it is the original's own characters. Line breaks the user typed take the original's
 * most common line ending (CRLF in a CRLF file). When the editor's text does not line up with
 * the display text character for character (an editor this does not know), merged() gives the
 * edited text as it is.
 */
class ExactPlainText
{
public:
    enum class LineEnding { Lf, CrLf, Cr };

    ExactPlainText()
        : ExactPlainText(QString())
    {
    }
    explicit ExactPlainText(const QString &original);

    [[nodiscard]] const QString &original() const { return m_original; }
    /// The text to show: line breaks as "\n", everything else as in the original.
    [[nodiscard]] const QString &forDisplay() const { return m_display; }
    /// What the editor gives back right after showing forDisplay() (default: forDisplay()).
    void setBaseline(const QString &shown);
    /// The original with the user's change spliced in.
    [[nodiscard]] QString merged(const QString &edited) const;
    /// The line ending typed line breaks get: the original's most common one (LF when none).
    [[nodiscard]] LineEnding lineEnding() const { return m_ending; }

private:
    QString m_original;
    QString m_display;
    QString m_baseline;
    QList<qsizetype> m_originalIndex;   ///< for each display position, where it starts in m_original
    LineEnding m_ending = LineEnding::Lf;
};

} // namespace coffer
