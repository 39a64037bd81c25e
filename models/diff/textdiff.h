// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <vector>

namespace coffer::diff {

/**
 * A line diff of two texts (plain-text secret values), with hunks and GNU-compatible unified
 * output.
 *
 *     const TextDiff diff = TextDiff::compare(oldText, newText);
 *     if (!diff.isEmpty()) print(diff.unified(u"a"_s, u"b"_s));
 *
 * Lines end at "\n" ("\r" stays part of the line, as GNU diff does); a last line without "\n"
 * differs from the same line with one, and unified() marks it with
 * "\ No newline at end of file". The alignment is a longest common subsequence of lines
 * (Myers' O(ND), see SequenceDiff); hunks carry `context` unchanged lines around changes and
 * merge when at most 2 * context unchanged lines separate them, as `diff -u` does.
 *
 * The texts are kept (implicitly shared) so hunks can be printed; a diff is cheap to copy.
 */
class TextDiff final
{
public:
    enum class LineKind : quint8 { Context, Removed, Added };

    /// One line of a hunk. Line numbers are 1-based; the side a line is not on has 0.
    struct HunkLine
    {
        LineKind kind = LineKind::Context;
        int oldLine = 0;
        int newLine = 0;
    };

    /// A hunk as in `@@ -oldStart,oldCount +newStart,newCount @@`. When a count is 0 its
    /// start is the line before the (empty) range, as in diff's output.
    struct Hunk
    {
        int oldStart = 0;
        int oldCount = 0;
        int newStart = 0;
        int newCount = 0;
        QList<HunkLine> lines;

        /// "@@ -3,4 +3,5 @@" (a count of 1 is left out: "@@ -3 +3 @@").
        [[nodiscard]] QString header() const;
    };

    TextDiff() = default;

    [[nodiscard]] static TextDiff compare(const QString &oldText, const QString &newText);

    [[nodiscard]] bool isEmpty() const { return m_removed == 0 && m_added == 0; }
    [[nodiscard]] int removedLines() const { return m_removed; }
    [[nodiscard]] int addedLines() const { return m_added; }
    [[nodiscard]] bool isExact() const { return m_exact; }

    [[nodiscard]] int oldLineCount() const { return int(m_old.starts.size()); }
    [[nodiscard]] int newLineCount() const { return int(m_new.starts.size()); }
    /// Line `line` (1-based) of the old or new text, without its "\n".
    [[nodiscard]] QStringView oldLine(int line) const { return m_old.line(line - 1); }
    [[nodiscard]] QStringView newLine(int line) const { return m_new.line(line - 1); }
    /// True when the line (1-based) is the last of its text and has no "\n".
    [[nodiscard]] bool oldLineLacksNewline(int line) const { return m_old.lacksNewline(line - 1); }
    [[nodiscard]] bool newLineLacksNewline(int line) const { return m_new.lacksNewline(line - 1); }

    [[nodiscard]] QList<Hunk> hunks(int context = 3) const;
    /// The whole diff in unified format: "--- oldLabel", "+++ newLabel", then the hunks, as
    /// `diff -u` prints them (without its time stamps). Empty when the texts are equal.
    [[nodiscard]] QString unified(const QString &oldLabel, const QString &newLabel,
                                  int context = 3) const;

private:
    struct Lines
    {
        QString text;
        std::vector<qsizetype> starts;
        bool lastLacksNewline = false;

        void split(const QString &source);
        [[nodiscard]] QStringView line(int index) const;
        /// With its "\n" when it has one: what lines are compared by.
        [[nodiscard]] QStringView lineWithTerminator(int index) const;
        [[nodiscard]] bool lacksNewline(int index) const
        {
            return lastLacksNewline && index == int(starts.size()) - 1;
        }
    };

    Lines m_old;
    Lines m_new;
    std::vector<char> m_removedFlags;
    std::vector<char> m_addedFlags;
    int m_removed = 0;
    int m_added = 0;
    bool m_exact = true;
};

} // namespace coffer::diff
