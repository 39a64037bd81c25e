// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/editor/exactplaintext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer {

ExactPlainText::ExactPlainText(const QString &original)
    : m_original(original)
{
    qsizetype lf = 0;
    qsizetype crlf = 0;
    qsizetype cr = 0;
    m_display.reserve(original.size());
    m_originalIndex.reserve(original.size() + 1);
    for (qsizetype i = 0; i < original.size(); ++i) {
        const QChar c = original.at(i);
        m_originalIndex.append(i);
        if (c == u'\r') {
            if (i + 1 < original.size() && original.at(i + 1) == u'\n') {
                ++crlf;
                ++i;
            } else {
                ++cr;
            }
            m_display.append(u'\n');
        } else {
            if (c == u'\n')
                ++lf;
            m_display.append(c);
        }
    }
    m_originalIndex.append(original.size());
    if (crlf > lf && crlf >= cr)
        m_ending = LineEnding::CrLf;
    else if (cr > lf && cr > crlf)
        m_ending = LineEnding::Cr;
    m_baseline = m_display;
}

void ExactPlainText::setBaseline(const QString &shown)
{
    m_baseline = shown;
}

QString ExactPlainText::merged(const QString &edited) const
{
    if (m_baseline.size() != m_display.size())
        return edited;   // not one editor character per display character: nothing to map
    if (edited == m_baseline)
        return m_original;
    qsizetype prefix = 0;
    const qsizetype shorter = std::min(edited.size(), m_baseline.size());
    while (prefix < shorter && edited.at(prefix) == m_baseline.at(prefix))
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix
           && edited.at(edited.size() - 1 - suffix) == m_baseline.at(m_baseline.size() - 1 - suffix))
        ++suffix;
    // A CRLF is one display character, so the span never splits one the user did not touch.
    const qsizetype from = m_originalIndex.at(prefix);
    const qsizetype to = m_originalIndex.at(m_baseline.size() - suffix);
    QString typed = edited.mid(prefix, edited.size() - prefix - suffix);
    if (m_ending != LineEnding::Lf)
        typed.replace(u'\n', m_ending == LineEnding::CrLf ? u"\r\n"_s : u"\r"_s);
    return m_original.left(from) + typed + m_original.mid(to);
}

} // namespace coffer
