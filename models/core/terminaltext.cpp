// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/core/terminaltext.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

bool reordersText(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString terminalSafe(const QString &text)
{
    QString safe;
    safe.reserve(text.size());
    for (const char32_t c : text.toUcs4()) {
        if (c == u'\n' || c == u'\t') {
            safe += QChar(c);
        } else if (c == 0x1B) {
            safe += u"\\e"_s;
        } else if (c == u'\r') {
            safe += u"\\r"_s;
        } else if (c < 0x20 || c == 0x7F) {
            safe += u"\\x%1"_s.arg(qulonglong(c), 2, 16, QChar(u'0'));
        } else if ((c >= 0x80 && c <= 0x9F) || reordersText(c)) {
            safe += u"\\u{%1}"_s.arg(qulonglong(c), 0, 16, QChar(u' '));
        } else {
            safe += QString::fromUcs4(&c, 1);
        }
    }
    return safe;
}

} // namespace coffer
