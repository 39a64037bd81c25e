// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/diffexport.h"

#include "models/diff/fingerprint.h"
#include "models/diff/secretdiff.h"
#include "models/json/jsondocument.h"
#include "models/json/jsontokens.h"

using namespace Qt::StringLiterals;

namespace coffer::diff {

using json::JsonKind;
using json::JsonNode;
using json::JsonPointer;

namespace {

QString label(const QString &given, QString fallback)
{
    return given.isEmpty() ? fallback : given;
}

QString pathText(const JsonPointer &path)
{
    return path.isRoot() ? u"(root)"_s : path.toString();
}

// For the unified export: compact JSON, or a fingerprint.
QString shownValue(const JsonNode &node, bool revealed)
{
    if (revealed)
        return QString::fromUtf8(node.toJson(json::JsonFormatStyle::compact()));
    const QString fingerprint = Fingerprint::ofJson(node);
    switch (node.kind()) {
    case JsonKind::Object:
        return u"<hidden object %1>"_s.arg(fingerprint);
    case JsonKind::Array:
        return u"<hidden array %1>"_s.arg(fingerprint);
    default:
        return u"<hidden %1>"_s.arg(fingerprint);
    }
}

QByteArray patchPlaceholder(const QString &fingerprint)
{
    return json::encodeStringToken(u"<hidden sha256:%1>"_s.arg(fingerprint));
}

// For the patch: the value with every scalar replaced by its placeholder, structure kept.
void appendMasked(QByteArray &out, const JsonNode &node)
{
    switch (node.kind()) {
    case JsonKind::Object:
        out += '{';
        for (int row = 0; row < node.childCount(); ++row) {
            if (row > 0)
                out += ", ";
            out += node.child(row)->keyToken();
            out += ": ";
            appendMasked(out, *node.child(row));
        }
        out += '}';
        return;
    case JsonKind::Array:
        out += '[';
        for (int row = 0; row < node.childCount(); ++row) {
            if (row > 0)
                out += ", ";
            appendMasked(out, *node.child(row));
        }
        out += ']';
        return;
    default:
        out += patchPlaceholder(Fingerprint::ofJson(node));
        return;
    }
}

QByteArray pointerToken(const JsonPointer &pointer)
{
    return json::encodeStringToken(pointer.toString());
}

bool revealsAll(const ExportOptions &options)
{
    return options.revealValues || options.revealedPaths.contains(QString());
}

// --- unified ---------------------------------------------------------------------------------

void unifiedJson(QString &out, const SecretDiff &diff, const ExportOptions &options)
{
    const JsonDiff &json = diff.jsonDiff();
    if (json.isEmpty()) {
        out += u"~ (root): same JSON data, different formatting\n"_s;
        return;
    }
    for (const JsonChange &change : json.changes()) {
        const bool revealed = DiffExport::isRevealed(change.path(), options)
            || (change.oldValue && DiffExport::isRevealed(change.oldPath, options));
        switch (change.kind) {
        case JsonChange::Kind::Added:
            out += u"+ "_s + pathText(change.newPath) + u": "_s
                + shownValue(*change.newValue, revealed) + u'\n';
            break;
        case JsonChange::Kind::Removed:
            out += u"- "_s + pathText(change.oldPath) + u": "_s
                + shownValue(*change.oldValue, revealed) + u'\n';
            break;
        case JsonChange::Kind::Changed:
            out += u"~ "_s + pathText(change.newPath) + u": "_s
                + shownValue(*change.oldValue, revealed) + u" → "_s
                + shownValue(*change.newValue, revealed) + u'\n';
            break;
        case JsonChange::Kind::TypeChanged:
            out += u"~ "_s + pathText(change.newPath) + u": "_s
                + json::kindName(change.oldValue->kind()) + u" → "_s
                + json::kindName(change.newValue->kind()) + u": "_s
                + shownValue(*change.oldValue, revealed) + u" → "_s
                + shownValue(*change.newValue, revealed) + u'\n';
            break;
        case JsonChange::Kind::Moved:
            if (change.oldPath == change.newPath) {
                out += u"> %1: moved, position %2 → %3\n"_s.arg(pathText(change.newPath))
                           .arg(change.oldValue->row())
                           .arg(change.newValue->row());
            } else {
                out += u"> %1 → %2: moved\n"_s.arg(pathText(change.oldPath),
                                                   pathText(change.newPath));
            }
            break;
        }
    }
}

void unifiedText(QString &out, const SecretDiff &diff, const ExportOptions &options)
{
    const TextDiff &text = diff.textDiff();
    const QString oldLabel = label(options.oldLabel, u"a"_s);
    const QString newLabel = label(options.newLabel, u"b"_s);
    if (revealsAll(options)) {
        out += text.unified(oldLabel, newLabel, options.context);
        return;
    }
    out += u"--- "_s + oldLabel + u"\n+++ "_s + newLabel + u'\n';
    for (const TextDiff::Hunk &hunk : text.hunks(0)) {
        out += hunk.header() + u'\n';
        for (const TextDiff::HunkLine &line : hunk.lines) {
            if (line.kind == TextDiff::LineKind::Removed) {
                out += u"-line %1: <hidden %2>\n"_s.arg(line.oldLine).arg(
                    Fingerprint::ofText(text.oldLine(line.oldLine)));
            } else if (line.kind == TextDiff::LineKind::Added) {
                out += u"+line %1: <hidden %2>\n"_s.arg(line.newLine).arg(
                    Fingerprint::ofText(text.newLine(line.newLine)));
            }
        }
    }
}

QString describeSide(SecretDiff::ValueKind kind, qsizetype size, const QString &fingerprint)
{
    return u"%1 (%2 bytes) <hidden %3>"_s.arg(SecretDiff::valueKindName(kind)).arg(size).arg(
        fingerprint);
}

QString revealedSide(const SecretDiff::Value &value)
{
    if (value.secretString)
        return QString::fromUtf8(json::encodeStringToken(*value.secretString));
    return u"base64:"_s + QString::fromLatin1(value.secretBinary.value_or(QByteArray()).toBase64());
}

void unifiedBytes(QString &out, const SecretDiff &diff, const ExportOptions &options)
{
    const BinaryComparison &bytes = diff.binaryComparison();
    if (diff.kind() == SecretDiff::Kind::Binary)
        out += u"~ (root): binary values differ: "_s;
    else
        out += u"~ (root): value kind changed: "_s;
    out += describeSide(diff.oldKind(), bytes.oldSize, bytes.oldFingerprint) + u" → "_s
        + describeSide(diff.newKind(), bytes.newSize, bytes.newFingerprint);
    if (diff.kind() == SecretDiff::Kind::Binary)
        out += u", first difference at byte %1"_s.arg(bytes.firstDifference);
    out += u'\n';
    if (revealsAll(options)) {
        out += u"- "_s + revealedSide(diff.oldValue()) + u'\n';
        out += u"+ "_s + revealedSide(diff.newValue()) + u'\n';
    }
}

} // namespace

bool DiffExport::isRevealed(const JsonPointer &path, const ExportOptions &options)
{
    if (revealsAll(options))
        return true;
    if (options.revealedPaths.isEmpty())
        return false;
    const QStringList &tokens = path.tokens();
    for (qsizetype length = 1; length <= tokens.size(); ++length) {
        if (options.revealedPaths.contains(JsonPointer(tokens.first(length)).toString()))
            return true;
    }
    return false;
}

QString DiffExport::unified(const SecretDiff &diff, const ExportOptions &options)
{
    if (diff.isEqual())
        return {};
    QString out;
    if (diff.kind() == SecretDiff::Kind::Text) {
        unifiedText(out, diff, options);
        return out;
    }
    out += u"--- "_s + label(options.oldLabel, u"a"_s) + u'\n';
    out += u"+++ "_s + label(options.newLabel, u"b"_s) + u'\n';
    if (diff.kind() == SecretDiff::Kind::Json)
        unifiedJson(out, diff, options);
    else
        unifiedBytes(out, diff, options);
    return out;
}

QByteArray DiffExport::jsonPatch(const SecretDiff &diff, const ExportOptions &options)
{
    QList<QByteArray> operations;
    if (diff.isEqual()) {
        // nothing
    } else if (diff.kind() == SecretDiff::Kind::Json) {
        for (const JsonPatchOperation &operation : diff.jsonDiff().patch()) {
            QByteArray line = "{\"op\": \"" + JsonPatchOperation::opName(operation.op).toLatin1()
                + "\"";
            if (operation.op == JsonPatchOperation::Op::Move)
                line += ", \"from\": " + pointerToken(operation.from);
            line += ", \"path\": " + pointerToken(operation.path);
            if (operation.value) {
                line += ", \"value\": ";
                if (isRevealed(operation.path, options))
                    line += operation.value->toJson(json::JsonFormatStyle::compact());
                else
                    appendMasked(line, *operation.value);
            }
            line += '}';
            operations.append(line);
        }
    } else {
        const SecretDiff::Value &value = diff.newValue();
        QByteArray shown;
        if (!revealsAll(options)) {
            shown = patchPlaceholder(diff.binaryComparison().newFingerprint);
        } else if (value.secretString || !value.secretBinary) {
            shown = json::encodeStringToken(value.secretString.value_or(QString()));
        } else {
            shown = '"' + value.secretBinary->toBase64() + '"';
        }
        operations.append("{\"op\": \"replace\", \"path\": \"\", \"value\": " + shown + '}');
    }
    if (operations.isEmpty())
        return "[]\n";
    return "[\n  " + operations.join(",\n  ") + "\n]\n";
}

} // namespace coffer::diff
