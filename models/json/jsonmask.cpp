// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonmask.h"

namespace coffer::json {

namespace {

bool isNumberChar(QChar c)
{
    return (c >= u'0' && c <= u'9') || c == u'-' || c == u'+' || c == u'.' || c == u'e'
        || c == u'E';
}

bool isJsonSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

} // namespace

QString maskedJsonText(QStringView json, QStringView mask)
{
    QString masked;
    masked.reserve(json.size());
    const qsizetype size = json.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = json.at(i);
        if (c == u'"') {
            qsizetype end = i + 1;
            while (end < size && json.at(end) != u'"')
                end += json.at(end) == u'\\' ? 2 : 1;
            end = qMin(end + 1, size); // past the closing quote
            qsizetype next = end;
            while (next < size && isJsonSpace(json.at(next)))
                ++next;
            const bool isKey = next < size && json.at(next) == u':';
            if (isKey) {
                masked += json.sliced(i, end - i);
            } else {
                masked += u'"';
                masked += mask;
                masked += u'"';
            }
            i = end;
        } else if (c == u'-' || (c >= u'0' && c <= u'9')) {
            while (i < size && isNumberChar(json.at(i)))
                ++i;
            masked += mask;
        } else {
            masked += c;
            ++i;
        }
    }
    return masked;
}

} // namespace coffer::json
