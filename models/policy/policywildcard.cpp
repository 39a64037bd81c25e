// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policywildcard.h"

#include <QList>

namespace coffer::policy {

namespace {
bool sameChar(QChar a, QChar b, Qt::CaseSensitivity sensitivity)
{
    return sensitivity == Qt::CaseSensitive ? a == b : a.toCaseFolded() == b.toCaseFolded();
}

/// The five fixed ARN segments and the resource; empty when `text` is not an ARN.
QList<QStringView> arnSegments(QStringView text)
{
    QList<QStringView> segments;
    qsizetype start = 0;
    for (int i = 0; i < 5; ++i) {
        const qsizetype colon = text.indexOf(u':', start);
        if (colon < 0)
            return {};
        segments.append(text.sliced(start, colon - start));
        start = colon + 1;
    }
    segments.append(text.sliced(start));
    if (segments.first() != u"arn")
        return {};
    return segments;
}
} // namespace

bool PolicyWildcard::matches(QStringView pattern, QStringView text,
                             Qt::CaseSensitivity sensitivity)
{
    // Iterative glob matching with one backtrack point: linear in practice, no recursion.
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starP = p++;
            starT = t;
        } else if (p < pattern.size()
                   && (pattern[p] == u'?' || sameChar(pattern[p], text[t], sensitivity))) {
            ++p;
            ++t;
        } else if (starP >= 0) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

bool PolicyWildcard::matchesArn(QStringView pattern, QStringView arn)
{
    if (pattern == u"*")
        return true;
    const QList<QStringView> patternSegments = arnSegments(pattern);
    const QList<QStringView> arnParts = arnSegments(arn);
    if (patternSegments.isEmpty() || arnParts.isEmpty())
        return matches(pattern, arn);
    for (qsizetype i = 0; i < patternSegments.size(); ++i) {
        if (!matches(patternSegments.at(i), arnParts.at(i)))
            return false;
    }
    return true;
}

bool PolicyWildcard::hasWildcard(QStringView text)
{
    return text.contains(u'*') || text.contains(u'?');
}

} // namespace coffer::policy
