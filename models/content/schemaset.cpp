// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/content/schemaset.h"

#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"
#include "models/json/jsonpointer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::content {

using json::JsonDocument;
using json::JsonKind;
using json::JsonNode;

namespace {

/// A set file or schema file is a few kilobytes; this keeps a wrong path (a disk image) from
/// being read whole.
constexpr qint64 kMaxFileSize = 16 * 1024 * 1024;

std::expected<JsonDocument, SchemaSetError> readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return std::unexpected(SchemaSetError {
            path, QString(), SchemaSet::tr("The file does not exist; check the path.") });
    if (file.size() > kMaxFileSize)
        return std::unexpected(SchemaSetError {
            path, QString(), SchemaSet::tr("The file is too large to be a schema.") });
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(SchemaSetError {
            path, QString(), SchemaSet::tr("Cannot read the file: %1").arg(file.errorString()) });
    auto document = JsonDocument::parse(file.readAll());
    if (!document)
        return std::unexpected(SchemaSetError {
            path, QString(),
            SchemaSet::tr("Not valid JSON: %1").arg(document.error().toString()) });
    return std::move(*document);
}

/// `match` or `x-coffer-match`: a glob or a non-empty list of globs.
std::expected<QStringList, QString> readGlobs(const JsonNode &value)
{
    QStringList globs;
    if (value.kind() == JsonKind::String) {
        globs.append(value.stringValue());
    } else if (value.kind() == JsonKind::Array) {
        for (int i = 0; i < value.childCount(); ++i) {
            if (value.child(i)->kind() != JsonKind::String)
                return std::unexpected(SchemaSet::tr("Each glob must be a string."));
            globs.append(value.child(i)->stringValue());
        }
    }
    if (globs.isEmpty() || std::ranges::any_of(globs, &QString::isEmpty))
        return std::unexpected(
            SchemaSet::tr("Give a secret-name glob such as \"team/prod/*\", or a list of them."));
    return globs;
}

SchemaBinding makeBinding(QStringList globs, JsonSchema schema, QString source)
{
    SchemaBinding binding { std::move(globs), std::move(schema), std::move(source), {} };
    for (const QString &glob : std::as_const(binding.globs))
        binding.matchers.append(SchemaSet::globExpression(glob));
    return binding;
}

SchemaSetError schemaError(const QString &file, const QString &prefix, const JsonSchemaError &error)
{
    return { file, prefix + error.pointer,
             SchemaSet::tr("The schema is not one Coffer can use: %1").arg(error.message) };
}

/// A JSON Schema file with `x-coffer-match`.
std::expected<SchemaBinding, SchemaSetError> loadSchemaFile(const QString &path,
                                                            const QString &source)
{
    auto document = readJsonFile(path);
    if (!document)
        return std::unexpected(document.error());
    const JsonNode *match = document->root()->kind() == JsonKind::Object
        ? document->root()->member(u"x-coffer-match")
        : nullptr;
    if (!match)
        return std::unexpected(SchemaSetError {
            path, QString(),
            SchemaSet::tr("A schema file in a schema folder needs an \"x-coffer-match\" member: "
                          "the glob (or list of globs) of the secret names it applies to.") });
    auto globs = readGlobs(*match);
    if (!globs)
        return std::unexpected(SchemaSetError { path, u"/x-coffer-match"_s, globs.error() });
    auto schema = JsonSchema::compile(*document->root());
    if (!schema)
        return std::unexpected(schemaError(path, QString(), schema.error()));
    return makeBinding(std::move(*globs), std::move(*schema), source);
}

} // namespace

QString SchemaSetError::toString() const
{
    if (pointer.isEmpty())
        return SchemaSet::tr("%1: %2").arg(file, message);
    return SchemaSet::tr("%1: at %2: %3").arg(file, pointer, message);
}

std::expected<SchemaSet, SchemaSetError> SchemaSet::load(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return loadFolder(path);
    auto document = readJsonFile(path);
    if (!document)
        return std::unexpected(document.error());
    const JsonNode &root = *document->root();
    if (root.kind() == JsonKind::Object && !root.member(u"schemas")
        && root.member(u"x-coffer-match")) {
        auto binding = loadSchemaFile(path, path);
        if (!binding)
            return std::unexpected(binding.error());
        SchemaSet set;
        set.m_bindings.append(std::move(*binding));
        return set;
    }
    return fromSetFile(document->originalJson(), path);
}

std::expected<SchemaSet, SchemaSetError> SchemaSet::fromSetFile(QByteArrayView utf8,
                                                                const QString &file)
{
    const auto document = JsonDocument::parse(utf8);
    if (!document)
        return std::unexpected(SchemaSetError {
            file, QString(), tr("Not valid JSON: %1").arg(document.error().toString()) });
    const JsonNode &root = *document->root();
    const JsonNode *schemas = root.kind() == JsonKind::Object ? root.member(u"schemas") : nullptr;
    if (!schemas || schemas->kind() != JsonKind::Array)
        return std::unexpected(SchemaSetError {
            file, QString(),
            tr("A schema set file is an object with a \"schemas\" list of {\"match\": GLOB, "
               "\"schema\": {...}} or {\"match\": GLOB, \"file\": PATH} entries (or a JSON "
               "Schema with \"x-coffer-match\").") });
    for (int i = 0; i < root.childCount(); ++i) {
        const QString key = root.child(i)->key();
        if (key != u"schemas"_s && key != u"description"_s && key != u"$comment"_s)
            return std::unexpected(SchemaSetError {
                file, u"/"_s + json::JsonPointer::escapeToken(key),
                tr("Unknown member; a schema set file has \"schemas\" (and optionally "
                   "\"description\").") });
    }
    const QDir base = QFileInfo(file).absoluteDir();
    SchemaSet set;
    for (int i = 0; i < schemas->childCount(); ++i) {
        const JsonNode &entry = *schemas->child(i);
        const QString at = u"/schemas/%1"_s.arg(i);
        if (entry.kind() != JsonKind::Object)
            return std::unexpected(
                SchemaSetError { file, at,
                                 tr("Each entry must be an object with \"match\" and \"schema\" or "
                                    "\"file\".") });
        for (int k = 0; k < entry.childCount(); ++k) {
            const QString key = entry.child(k)->key();
            if (key != u"match"_s && key != u"schema"_s && key != u"file"_s
                && key != u"description"_s && key != u"$comment"_s)
                return std::unexpected(SchemaSetError {
                    file, at + u'/' + json::JsonPointer::escapeToken(key),
                    tr("Unknown member; an entry has \"match\", and \"schema\" or \"file\".") });
        }
        const JsonNode *match = entry.member(u"match");
        if (!match)
            return std::unexpected(SchemaSetError {
                file, at,
                tr("The entry has no \"match\": add the glob of the secret names it "
                   "applies to.") });
        auto globs = readGlobs(*match);
        if (!globs)
            return std::unexpected(SchemaSetError { file, at + u"/match"_s, globs.error() });
        const JsonNode *schema = entry.member(u"schema");
        const JsonNode *schemaFile = entry.member(u"file");
        if (bool(schema) == bool(schemaFile))
            return std::unexpected(SchemaSetError {
                file, at,
                tr("Give the entry either \"schema\" (the JSON Schema) or \"file\" (a "
                   "path to it), not both or neither.") });
        if (schema) {
            auto compiled = JsonSchema::compile(*schema);
            if (!compiled)
                return std::unexpected(schemaError(file, at + u"/schema"_s, compiled.error()));
            set.m_bindings.append(
                makeBinding(std::move(*globs), std::move(*compiled), file + u'#' + at));
            continue;
        }
        if (schemaFile->kind() != JsonKind::String || schemaFile->stringValue().isEmpty())
            return std::unexpected(SchemaSetError {
                file, at + u"/file"_s,
                tr("\"file\" must be the path of a JSON Schema file, relative to this file.") });
        const QString path = QDir::cleanPath(base.filePath(schemaFile->stringValue()));
        auto referenced = readJsonFile(path);
        if (!referenced)
            return std::unexpected(referenced.error());
        auto compiled = JsonSchema::compile(*referenced->root());
        if (!compiled)
            return std::unexpected(schemaError(path, QString(), compiled.error()));
        set.m_bindings.append(makeBinding(std::move(*globs), std::move(*compiled), path));
    }
    return set;
}

std::expected<SchemaSet, SchemaSetError> SchemaSet::loadFolder(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, { u"*.schema.json"_s }, QDir::Files | QDir::Readable,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    if (files.isEmpty())
        return std::unexpected(SchemaSetError {
            folder, QString(),
            tr("The folder holds no *.schema.json file; add one with an \"x-coffer-match\" "
               "glob.") });
    const QDir base(folder);
    SchemaSet set;
    for (const QString &file : std::as_const(files)) {
        auto binding
            = loadSchemaFile(file, QDir::cleanPath(folder + u'/' + base.relativeFilePath(file)));
        if (!binding)
            return std::unexpected(binding.error());
        set.m_bindings.append(std::move(*binding));
    }
    return set;
}

QList<SchemaBinding> SchemaSet::schemasFor(const QString &secretName) const
{
    QList<SchemaBinding> result;
    for (const SchemaBinding &binding : m_bindings) {
        if (std::ranges::any_of(binding.matchers, [&](const QRegularExpression &matcher) {
                return matcher.match(secretName).hasMatch();
            }))
            result.append(binding);
    }
    return result;
}

QRegularExpression SchemaSet::globExpression(const QString &glob)
{
    QString pattern = u"^"_s;
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == u'*' && i + 1 < glob.size() && glob.at(i + 1) == u'*') {
            if (i + 2 < glob.size() && glob.at(i + 2) == u'/') {
                pattern += u"(?:.*/)?"_s;
                i += 2;
            } else {
                pattern += u".*"_s;
                i += 1;
            }
        } else if (c == u'*') {
            pattern += u"[^/]*"_s;
        } else if (c == u'?') {
            pattern += u"[^/]"_s;
        } else {
            pattern += QRegularExpression::escape(QString(c));
        }
    }
    pattern += u"\\z"_s;
    return QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption);
}

bool SchemaSet::globMatches(const QString &glob, const QString &secretName)
{
    return globExpression(glob).match(secretName).hasMatch();
}

} // namespace coffer::content
