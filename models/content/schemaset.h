// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/content/jsonschema.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <expected>

namespace coffer::content {

/// Why a schema set could not be loaded: the file at fault, the JSON Pointer in it ("" for the
/// whole file) and what to fix.
struct SchemaSetError
{
    QString file;
    QString pointer;
    QString message;

    /// "schemas/coffer.json: at /schemas/0/match: ...".
    [[nodiscard]] QString toString() const;
};

/// One schema of a set and the secret names it applies to.
struct SchemaBinding
{
    QStringList globs;
    JsonSchema schema;
    /// Where the schema came from, for people: "schemas/benchling.schema.json" or
    /// "coffer-schemas.json#/schemas/0".
    QString source;
    QList<QRegularExpression> matchers; ///< one per glob
};

/// The JSON Schemas a team keeps for its secrets, each bound to secret-name globs, loaded from a
/// file or a folder (`coffer-cli lint --schema PATH`; Settings in the GUI).
///
/// A schema set file:
///
///     {
///       "schemas": [
///         { "match": "benchling-webhook/*", "schema": { "required": ["client_id"] } },
///         { "match": ["sophon/**/jwt-keys", "paintbox/**"], "file": "jwt.schema.json" }
///       ]
///     }
///
/// Each entry has `match` (a glob or a list of globs) and either `schema` (the JSON Schema
/// itself) or `file` (a path to one, relative to the set file); `description` and `$comment` are
/// allowed at the top and in entries, for people.
///
/// A folder: every `*.schema.json` below it (sub-folders included, in path order) is a JSON
/// Schema with its globs in an `x-coffer-match` member (a string or a list). A single file with
/// `x-coffer-match` and no `schemas` is a set of one schema.
///
/// Globs: `*` matches within one segment (no `/`), `?` one character but `/`, `**` any run of
/// characters including `/`, and `**/` zero or more whole segments, so `a/**/b` matches `a/b`
/// and `a/x/y/b`. Everything else matches itself; the whole name must
/// match. Every schema whose glob matches a name applies to it.
///
///     auto set = SchemaSet::load(path);
///     if (!set) return fail(set.error().toString());
///     for (const SchemaBinding &binding : set->schemasFor(u"benchling-webhook/credentials"_s)) ...
class SchemaSet final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::content::SchemaSet)

public:
    SchemaSet() = default;

    /// Loads the set file or folder at `path`.
    [[nodiscard]] static std::expected<SchemaSet, SchemaSetError> load(const QString &path);
    /// A set file's content; `file` names it in errors and sources, `file`'s folder is where
    /// `file` entries are looked up.
    [[nodiscard]] static std::expected<SchemaSet, SchemaSetError> fromSetFile(QByteArrayView utf8,
                                                                              const QString &file);

    /// The schemas that apply to `secretName`, in set order.
    [[nodiscard]] QList<SchemaBinding> schemasFor(const QString &secretName) const;
    [[nodiscard]] const QList<SchemaBinding> &bindings() const { return m_bindings; }
    [[nodiscard]] bool isEmpty() const { return m_bindings.isEmpty(); }

    /// The anchored regular expression of a glob (see the class comment).
    [[nodiscard]] static QRegularExpression globExpression(const QString &glob);
    [[nodiscard]] static bool globMatches(const QString &glob, const QString &secretName);

private:
    static std::expected<SchemaSet, SchemaSetError> loadFolder(const QString &folder);
    QList<SchemaBinding> m_bindings;
};

} // namespace coffer::content
