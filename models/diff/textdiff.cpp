// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/textdiff.h"

#include "models/diff/sequencediff.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::diff {

namespace {

struct ChangeRange
{
    int oldBegin, oldEnd, newBegin, newEnd;
};

QString rangeText(int start, int count)
{
    return count == 1 ? QString::number(start) : u"%1,%2"_s.arg(start).arg(count);
}

} // namespace

void TextDiff::Lines::split(const QString &source)
{
    text = source;
    starts.clear();
    const qsizetype size = text.size();
    qsizetype start = 0;
    while (start < size) {
        starts.push_back(start);
        const qsizetype end = text.indexOf(u'\n', start);
        if (end < 0) {
            lastLacksNewline = true;
            return;
        }
        start = end + 1;
    }
    lastLacksNewline = false;
}

QStringView TextDiff::Lines::lineWithTerminator(int index) const
{
    const qsizetype begin = starts[size_t(index)];
    const qsizetype end = size_t(index) + 1 < starts.size() ? starts[size_t(index) + 1]
                                                              : text.size();
    return QStringView(text).sliced(begin, end - begin);
}

QStringView TextDiff::Lines::line(int index) const
{
    QStringView view = lineWithTerminator(index);
    if (view.endsWith(u'\n'))
        view.chop(1);
    return view;
}

QString TextDiff::Hunk::header() const
{
    return u"@@ -%1 +%2 @@"_s.arg(rangeText(oldStart, oldCount), rangeText(newStart, newCount));
}

TextDiff TextDiff::compare(const QString &oldText, const QString &newText)
{
    TextDiff diff;
    diff.m_old.split(oldText);
    diff.m_new.split(newText);

    // Lines are compared with their "\n", so a last line without one differs from itself with one.
    QHash<QStringView, int> ids;
    ids.reserve(qsizetype(diff.m_old.starts.size() + diff.m_new.starts.size()));
    auto intern = [&ids](QStringView line) {
        const auto found = ids.constFind(line);
        if (found != ids.cend())
            return *found;
        const int id = int(ids.size());
        ids.insert(line, id);
        return id;
    };
    std::vector<int> oldIds(diff.m_old.starts.size());
    std::vector<int> newIds(diff.m_new.starts.size());
    for (size_t i = 0; i < oldIds.size(); ++i)
        oldIds[i] = intern(diff.m_old.lineWithTerminator(int(i)));
    for (size_t i = 0; i < newIds.size(); ++i)
        newIds[i] = intern(diff.m_new.lineWithTerminator(int(i)));

    SequenceDiff::Result result = SequenceDiff::compare(oldIds, newIds);
    diff.m_removedFlags = std::move(result.removed);
    diff.m_addedFlags = std::move(result.added);
    diff.m_exact = result.exact;
    diff.m_removed = int(std::ranges::count(diff.m_removedFlags, 1));
    diff.m_added = int(std::ranges::count(diff.m_addedFlags, 1));
    return diff;
}

QList<TextDiff::Hunk> TextDiff::hunks(int context) const
{
    context = std::max(0, context);
    const int n = oldLineCount();
    const int m = newLineCount();
    std::vector<ChangeRange> changes;
    for (int i = 0, j = 0; i < n || j < m;) {
        if (i < n && j < m && !m_removedFlags[size_t(i)] && !m_addedFlags[size_t(j)]) {
            ++i;
            ++j;
            continue;
        }
        ChangeRange change { i, i, j, j };
        while (i < n && m_removedFlags[size_t(i)])
            ++i;
        while (j < m && m_addedFlags[size_t(j)])
            ++j;
        change.oldEnd = i;
        change.newEnd = j;
        changes.push_back(change);
    }

    QList<Hunk> hunks;
    for (size_t first = 0; first < changes.size();) {
        size_t last = first;
        while (last + 1 < changes.size()
               && changes[last + 1].oldBegin - changes[last].oldEnd <= 2 * context)
            ++last;
        const ChangeRange &head = changes[first];
        const ChangeRange &tail = changes[last];
        const int oldFrom = std::max(0, head.oldBegin - context);
        const int newFrom = head.newBegin - (head.oldBegin - oldFrom);
        const int oldTo = std::min(n, tail.oldEnd + context);
        const int newTo = tail.newEnd + (oldTo - tail.oldEnd);

        Hunk hunk;
        hunk.oldCount = oldTo - oldFrom;
        hunk.newCount = newTo - newFrom;
        hunk.oldStart = hunk.oldCount == 0 ? oldFrom : oldFrom + 1;
        hunk.newStart = hunk.newCount == 0 ? newFrom : newFrom + 1;
        int i = oldFrom;
        int j = newFrom;
        for (size_t c = first; c <= last; ++c) {
            const ChangeRange &change = changes[c];
            for (; i < change.oldBegin; ++i, ++j)
                hunk.lines.append({ LineKind::Context, i + 1, j + 1 });
            for (; i < change.oldEnd; ++i)
                hunk.lines.append({ LineKind::Removed, i + 1, 0 });
            for (; j < change.newEnd; ++j)
                hunk.lines.append({ LineKind::Added, 0, j + 1 });
        }
        for (; i < oldTo; ++i, ++j)
            hunk.lines.append({ LineKind::Context, i + 1, j + 1 });
        hunks.append(std::move(hunk));
        first = last + 1;
    }
    return hunks;
}

QString TextDiff::unified(const QString &oldLabel, const QString &newLabel, int context) const
{
    if (isEmpty())
        return {};
    static const QString noNewline = u"\\ No newline at end of file\n"_s;
    QString out;
    out.reserve((m_removed + m_added) * 40 + 64);
    out += u"--- "_s + oldLabel + u'\n';
    out += u"+++ "_s + newLabel + u'\n';
    for (const Hunk &hunk : hunks(context)) {
        out += hunk.header();
        out += u'\n';
        for (const HunkLine &line : hunk.lines) {
            switch (line.kind) {
            case LineKind::Context:
                out += u' ';
                out += oldLine(line.oldLine);
                out += u'\n';
                if (oldLineLacksNewline(line.oldLine))
                    out += noNewline;
                break;
            case LineKind::Removed:
                out += u'-';
                out += oldLine(line.oldLine);
                out += u'\n';
                if (oldLineLacksNewline(line.oldLine))
                    out += noNewline;
                break;
            case LineKind::Added:
                out += u'+';
                out += newLine(line.newLine);
                out += u'\n';
                if (newLineLacksNewline(line.newLine))
                    out += noNewline;
                break;
            }
        }
    }
    return out;
}

} // namespace coffer::diff
