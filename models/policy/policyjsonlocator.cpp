// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policyjsonlocator.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
/// Characters (not UTF-8 continuation bytes) in text[from, to).
int characterCount(const QByteArray &text, qsizetype from, qsizetype to)
{
    int count = 0;
    for (qsizetype i = from; i < to && i < text.size(); ++i) {
        if ((uchar(text.at(i)) & 0xC0) != 0x80)
            ++count;
    }
    return count;
}
} // namespace

PolicyJsonLocator::PolicyJsonLocator(const QByteArray &text)
    : m_text(text)
{
    skipWhitespace();
    if (m_pos < m_text.size())
        scanValue(QString());
}

PolicyJsonLocator::Position PolicyJsonLocator::position(const QString &pointer) const
{
    QString current = pointer;
    while (true) {
        if (const auto found = m_positions.constFind(current); found != m_positions.cend())
            return *found;
        if (current.isEmpty())
            return {};
        current.truncate(current.lastIndexOf(u'/'));
    }
}

PolicyJsonLocator::Position PolicyJsonLocator::positionOfOffset(const QByteArray &text,
                                                                qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    int line = 1;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text.at(i) == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return { line, characterCount(text, lineStart, offset) + 1 };
}

QString PolicyJsonLocator::escapeToken(const QString &token)
{
    QString escaped = token;
    escaped.replace(u"~"_s, u"~0"_s);
    escaped.replace(u"/"_s, u"~1"_s);
    return escaped;
}

void PolicyJsonLocator::record(const QString &pointer)
{
    m_positions.insert(pointer,
                       { m_line, characterCount(m_text, m_lineStart, m_pos) + 1 });
}

void PolicyJsonLocator::skipWhitespace()
{
    while (m_pos < m_text.size()) {
        const char c = m_text.at(m_pos);
        if (c == '\n') {
            ++m_line;
            m_lineStart = m_pos + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            return;
        }
        ++m_pos;
    }
}

QString PolicyJsonLocator::scanString()
{
    // At the opening quote. Only the escapes that keys of a policy can hold are decoded.
    QByteArray bytes;
    ++m_pos;
    while (m_pos < m_text.size() && m_text.at(m_pos) != '"') {
        char c = m_text.at(m_pos);
        if (c == '\\' && m_pos + 1 < m_text.size()) {
            c = m_text.at(++m_pos);
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
        }
        bytes.append(c);
        ++m_pos;
    }
    ++m_pos; // the closing quote
    return QString::fromUtf8(bytes);
}

void PolicyJsonLocator::scanValue(const QString &pointer)
{
    record(pointer);
    if (m_pos >= m_text.size())
        return;
    const char c = m_text.at(m_pos);
    if ((c == '{' || c == '[') && m_depth >= kMaxDepth) {
        m_pos = m_text.size(); // deeper than any policy: stop rather than exhaust the stack
    } else if (c == '{') {
        ++m_depth;
        scanObject(pointer);
        --m_depth;
    } else if (c == '[') {
        ++m_depth;
        scanArray(pointer);
        --m_depth;
    } else if (c == '"') {
        scanString();
    } else {
        while (m_pos < m_text.size()) {
            const char d = m_text.at(m_pos);
            if (d == ',' || d == '}' || d == ']' || d == ' ' || d == '\n' || d == '\t'
                || d == '\r')
                break;
            ++m_pos;
        }
    }
}

void PolicyJsonLocator::scanObject(const QString &pointer)
{
    ++m_pos; // '{'
    while (m_pos < m_text.size()) {
        skipWhitespace();
        if (m_pos >= m_text.size())
            return;
        if (m_text.at(m_pos) == '}') {
            ++m_pos;
            return;
        }
        if (m_text.at(m_pos) == ',') {
            ++m_pos;
            continue;
        }
        if (m_text.at(m_pos) != '"')
            return; // not JSON: give up quietly
        const QString key = scanString();
        skipWhitespace();
        if (m_pos < m_text.size() && m_text.at(m_pos) == ':')
            ++m_pos;
        skipWhitespace();
        scanValue(pointer + u'/' + escapeToken(key));
    }
}

void PolicyJsonLocator::scanArray(const QString &pointer)
{
    ++m_pos; // '['
    int index = 0;
    while (m_pos < m_text.size()) {
        skipWhitespace();
        if (m_pos >= m_text.size())
            return;
        if (m_text.at(m_pos) == ']') {
            ++m_pos;
            return;
        }
        if (m_text.at(m_pos) == ',') {
            ++m_pos;
            continue;
        }
        const qsizetype before = m_pos;
        scanValue(pointer + u'/' + QString::number(index++));
        if (m_pos == before)
            return;
    }
}

} // namespace coffer::policy
