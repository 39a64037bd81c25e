// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/secretdiff.h"

#include "models/json/jsondocument.h"

#include <QCoreApplication>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace coffer::diff {

namespace {

// The document when `text` is a JSON object or array; a scalar is compared as text.
std::shared_ptr<const json::JsonDocument> parseContainer(const QByteArray &utf8)
{
    auto parsed = json::JsonDocument::parse(utf8);
    if (!parsed || !parsed->root() || !parsed->root()->isContainer())
        return {};
    return std::make_shared<const json::JsonDocument>(std::move(*parsed));
}

} // namespace

QString SecretDiff::valueKindName(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Json:
        return u"json"_s;
    case ValueKind::Text:
        return u"text"_s;
    case ValueKind::Binary:
        return u"binary"_s;
    }
    return {};
}

SecretDiff SecretDiff::compare(const Value &oldValue, const Value &newValue)
{
    SecretDiff diff;
    diff.m_oldValue = oldValue;
    diff.m_newValue = newValue;
    const bool oldBinary = !oldValue.secretString && oldValue.secretBinary;
    const bool newBinary = !newValue.secretString && newValue.secretBinary;
    const QByteArray oldBytes = oldBinary ? *oldValue.secretBinary
                                          : oldValue.secretString.value_or(QString()).toUtf8();
    const QByteArray newBytes = newBinary ? *newValue.secretBinary
                                          : newValue.secretString.value_or(QString()).toUtf8();
    diff.m_bytes = BinaryComparison::compare(oldBytes, newBytes);
    diff.m_equal = oldBinary == newBinary && diff.m_bytes.isEqual();

    if (oldBinary || newBinary) {
        diff.m_oldKind = oldBinary ? ValueKind::Binary : ValueKind::Text;
        diff.m_newKind = newBinary ? ValueKind::Binary : ValueKind::Text;
        diff.m_kind = oldBinary && newBinary ? Kind::Binary : Kind::KindChanged;
        if (diff.m_kind == Kind::KindChanged) {
            if (!oldBinary && parseContainer(oldBytes))
                diff.m_oldKind = ValueKind::Json;
            if (!newBinary && parseContainer(newBytes))
                diff.m_newKind = ValueKind::Json;
        }
        return diff;
    }

    auto oldDocument = parseContainer(oldBytes);
    auto newDocument = oldDocument ? parseContainer(newBytes) : nullptr;
    if (oldDocument && newDocument) {
        diff.m_kind = Kind::Json;
        diff.m_oldKind = diff.m_newKind = ValueKind::Json;
        if (!diff.m_equal)
            diff.m_json = JsonDiff::compare(*oldDocument->root(), *newDocument->root());
        diff.m_oldDocument = std::move(oldDocument);
        diff.m_newDocument = std::move(newDocument);
        return diff;
    }
    diff.m_kind = Kind::Text;
    diff.m_oldKind = oldDocument ? ValueKind::Json : ValueKind::Text;
    // With an old document, the new value was parsed above and is not a JSON object or array.
    diff.m_newKind = !oldDocument && parseContainer(newBytes) ? ValueKind::Json : ValueKind::Text;
    if (!diff.m_equal) {
        diff.m_text = TextDiff::compare(oldValue.secretString.value_or(QString()),
                                        newValue.secretString.value_or(QString()));
    }
    return diff;
}

QString SecretDiff::summary() const
{
    if (m_equal)
        return tr("No differences");
    switch (m_kind) {
    case Kind::Json: {
        if (m_json.isEmpty())
            return tr("Same JSON, different formatting");
        QStringList parts;
        if (m_json.addedCount() > 0)
            parts << tr("%n added", nullptr, m_json.addedCount());
        if (m_json.removedCount() > 0)
            parts << tr("%n removed", nullptr, m_json.removedCount());
        if (m_json.changedCount() > 0)
            parts << tr("%n changed", nullptr, m_json.changedCount());
        if (m_json.movedCount() > 0)
            parts << tr("%n moved", nullptr, m_json.movedCount());
        return parts.join(u", "_s);
    }
    case Kind::Text:
        return tr("%n line(s) removed", nullptr, m_text.removedLines()) + u", "_s
            + tr("%n line(s) added", nullptr, m_text.addedLines());
    case Kind::Binary:
        return tr("Binary values differ (%1 → %2 bytes)")
            .arg(m_bytes.oldSize)
            .arg(m_bytes.newSize);
    case Kind::KindChanged:
        return m_newKind == ValueKind::Binary ? tr("Changed from text to binary")
                                              : tr("Changed from binary to text");
    }
    return {};
}

} // namespace coffer::diff
