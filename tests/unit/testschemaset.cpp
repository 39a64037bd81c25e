// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SchemaSet: globs (`*` within a segment, `**` across `/`), set files with inline schemas and
// `file` entries, folders of *.schema.json with x-coffer-match, errors that name the file and
// the place to fix, and ContentInspector turning violations into schema.* error findings that
// never quote a value.
#include "models/content/contentinspector.h"
#include "models/content/schemaset.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using content::ContentFinding;
using content::ContentInput;
using content::ContentInspector;
using content::FindingSeverity;
using content::SchemaSet;

class TestSchemaSet final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Writes `text` (JSON with single quotes for double ones) to `name` under the temp folder.
    QString write(const QString &name, const char *text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(QByteArray(text).replace('\'', '"'));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void testGlobs_data()
    {
        QTest::addColumn<QString>("glob");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("matches");
        const auto row = [](const char *glob, const char *name, bool matches) {
            QTest::addRow("%s ~ %s", glob, name)
                << QString::fromUtf8(glob) << QString::fromUtf8(name) << matches;
        };
        row("benchling-webhook/*", "benchling-webhook/credentials", true);
        row("benchling-webhook/*", "benchling-webhook/a/b", false);
        row("benchling-webhook/*", "benchling-webhook", false);
        row("*/prod/*", "pixell/prod/db", true);
        row("*/prod/*", "pixell/staging/db", false);
        row("sophon/**", "sophon/prod/auth/jwt-keys", true);
        row("sophon/**", "sophon", false);
        row("sophon/**/jwt-keys", "sophon/jwt-keys", true);
        row("sophon/**/jwt-keys", "sophon/prod/auth/jwt-keys", true);
        row("sophon/**/jwt-keys", "sophon/prod/auth/jwt-keys-old", false);
        row("**", "anything/at/all", true);
        row("**/config", "config", true);
        row("pixell/de?", "pixell/dev", true);
        row("pixell/de?", "pixell/de/", false);
        row("a.b+c", "a.b+c", true);
        row("a.b+c", "aXbbc", false);
        row("exact/name", "exact/name", true);
        row("exact/name", "exact/name2", false);
    }

    void testGlobs()
    {
        QFETCH(QString, glob);
        QFETCH(QString, name);
        QFETCH(bool, matches);
        QCOMPARE(SchemaSet::globMatches(glob, name), matches);
    }

    void testSetFile()
    {
        write(u"set/jwt.schema.json"_s, "{'required': ['access', 'refresh']}");
        const QString path
            = write(u"set/coffer-schemas.json"_s,
                    "{'description': 'team schemas', 'schemas': ["
                    "{'match': 'benchling-webhook/*', 'schema': {'required': ['client_id']}},"
                    "{'match': ['sophon/**/jwt-keys', 'paintbox/**'], 'file': 'jwt.schema.json', "
                    "'description': 'JWT keys'}]}");
        const auto set = SchemaSet::load(path);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().toString()));
        QCOMPARE(set->bindings().size(), 2);
        QCOMPARE(set->schemasFor(u"benchling-webhook/config"_s).size(), 1);
        QCOMPARE(set->schemasFor(u"benchling-webhook/config"_s)[0].source, path + u"#/schemas/0"_s);
        const auto jwt = set->schemasFor(u"sophon/prod/auth/jwt-keys"_s);
        QCOMPARE(jwt.size(), 1);
        QCOMPARE(jwt[0].source, m_dir.filePath(u"set/jwt.schema.json"_s));
        QCOMPARE(set->schemasFor(u"pixell/dev"_s).size(), 0);
    }

    void testFolder()
    {
        write(u"folder/b/jwt.schema.json"_s,
              "{'x-coffer-match': 'sophon/**', 'required': ['access']}");
        write(u"folder/a.schema.json"_s, "{'x-coffer-match': ['**'], 'type': 'object'}");
        write(u"folder/notes.json"_s, "not a schema, not read");
        const auto set = SchemaSet::load(m_dir.filePath(u"folder"_s));
        QVERIFY2(set, qPrintable(set ? QString() : set.error().toString()));
        QCOMPARE(set->bindings().size(), 2);
        const auto both = set->schemasFor(u"sophon/prod/auth/jwt-keys"_s);
        QCOMPARE(both.size(), 2);
        QVERIFY(both[0].source.endsWith(u"folder/a.schema.json"_s));
        QVERIFY(both[1].source.endsWith(u"folder/b/jwt.schema.json"_s));

        // A single schema file with x-coffer-match is a set of one.
        const auto one = SchemaSet::load(m_dir.filePath(u"folder/b/jwt.schema.json"_s));
        QVERIFY(one);
        QCOMPARE(one->bindings().size(), 1);
    }

    void testErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("phrase");
        const auto row = [](const char *name, const char *file, const char *text,
                            const QString &pointer, const QString &phrase) {
            QTest::newRow(name) << QString::fromUtf8(file) << QByteArray(text) << pointer << phrase;
        };
        row("not json", "e/bad.json", "{", u""_s, u"Not valid JSON"_s);
        row("no schemas", "e/none.json", "{'match': 'a'}", u""_s, u"\"schemas\""_s);
        row("unknown top member", "e/top.json", "{'schemas': [], 'schema': {}}", u"/schema"_s,
            u"Unknown member"_s);
        row("entry without match", "e/nomatch.json", "{'schemas': [{'schema': {}}]}",
            u"/schemas/0"_s, u"no \"match\""_s);
        row("empty glob", "e/glob.json", "{'schemas': [{'match': '', 'schema': {}}]}",
            u"/schemas/0/match"_s, u"glob"_s);
        row("both schema and file", "e/both.json",
            "{'schemas': [{'match': 'a', 'schema': {}, 'file': 'x.json'}]}", u"/schemas/0"_s,
            u"either"_s);
        row("bad schema", "e/schema.json",
            "{'schemas': [{'match': 'a', 'schema': {'minLength': 'x'}}]}",
            u"/schemas/0/schema/minLength"_s, u"whole number"_s);
        row("typo in entry", "e/typo.json", "{'schemas': [{'match': 'a', 'shema': {}}]}",
            u"/schemas/0/shema"_s, u"Unknown member"_s);
    }

    void testErrors()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, pointer);
        QFETCH(QString, phrase);
        const QString path = write(file, text.constData());
        const auto set = SchemaSet::load(path);
        QVERIFY(!set);
        QCOMPARE(set.error().file, path);
        QCOMPARE(set.error().pointer, pointer);
        QVERIFY2(set.error().message.contains(phrase), qPrintable(set.error().message));
        QVERIFY(set.error().toString().startsWith(path + u": "_s));
    }

    void testErrorsInReferencedFilesAndFolders()
    {
        const QString set = write(u"r/set.json"_s,
                                  "{'schemas': [{'match': 'a', 'file': 'missing.schema.json'}]}");
        auto loaded = SchemaSet::load(set);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().file, m_dir.filePath(u"r/missing.schema.json"_s));
        QVERIFY(loaded.error().message.contains(u"does not exist"_s));

        write(u"r/broken.schema.json"_s, "{'x-coffer-match': 'a', 'items': {'$ref': '#/nope'}}");
        const QString second = write(u"r/set2.json"_s,
                                     "{'schemas': [{'match': 'a', 'file': 'broken.schema.json'}]}");
        loaded = SchemaSet::load(second);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().file, m_dir.filePath(u"r/broken.schema.json"_s));
        QCOMPARE(loaded.error().pointer, u"/items/$ref"_s);

        write(u"nomatch/x.schema.json"_s, "{'type': 'object'}");
        loaded = SchemaSet::load(m_dir.filePath(u"nomatch"_s));
        QVERIFY(!loaded);
        QVERIFY(loaded.error().file.endsWith(u"nomatch/x.schema.json"_s));
        QVERIFY(loaded.error().message.contains(u"x-coffer-match"_s));

        QDir().mkpath(m_dir.filePath(u"empty"_s));
        loaded = SchemaSet::load(m_dir.filePath(u"empty"_s));
        QVERIFY(!loaded);
        QVERIFY(loaded.error().message.contains(u"*.schema.json"_s));

        QVERIFY(!SchemaSet::load(m_dir.filePath(u"does/not/exist.json"_s)));
    }

    void testInspectorFindings()
    {
        const QString path = write(
            u"inspect/set.json"_s,
            "{'schemas': [{'match': 'benchling-webhook/*', 'schema': {'type': 'object', "
            "'required': ['client_id', 'client_secret'], 'additionalProperties': false, "
            "'properties': {'client_id': {'minLength': 30}, 'tenant': {'enum': ['lab']}}}}]}");
        auto loaded = SchemaSet::load(path);
        QVERIFY(loaded);
        const auto schemas = std::make_shared<const SchemaSet>(std::move(*loaded));

        ContentInput input;
        input.name = u"benchling-webhook/credentials"_s;
        input.value = "{\"client_id\": \"id-Zq9Wm\", \"tenant\": \"Zq9Wm-lab\", \"Zq9Wm\": 1}";
        input.schemas = schemas;
        const QList<ContentFinding> findings = ContentInspector::inspect(input);
        QStringList summary;
        for (const ContentFinding &finding : findings) {
            if (!finding.id.startsWith(u"schema."_s))
                continue;
            QCOMPARE(finding.severity, FindingSeverity::Error);
            QVERIFY(!finding.message.contains(u"Zq9Wm-lab"_s)
                    && !finding.message.contains(u"id-Zq9Wm"_s));
            QVERIFY(!finding.fix.isEmpty());
            summary.append(finding.id + u' ' + finding.pointer);
        }
        QCOMPARE(summary.join(u", "_s),
                 u"schema.required /client_secret, schema.min-length /client_id, "
                 "schema.enum /tenant, schema.additional-properties /Zq9Wm"_s);
        const auto required
            = std::ranges::find(findings, u"schema.required"_s, &ContentFinding::id);
        QVERIFY(required->message.contains(u"is missing required member `client_secret`"_s));
        QVERIFY(required->message.contains(path));
        QVERIFY(required->fix.contains(u"`client_secret`"_s));

        // Not JSON at all, and a name no glob matches.
        input.value = "plain text token";
        QCOMPARE(ContentInspector::inspect(input).value(0).id, u"schema.not-json"_s);
        input.name = u"pixell/dev"_s;
        QVERIFY(std::ranges::none_of(ContentInspector::inspect(input), [](const auto &finding) {
            return finding.id.startsWith(u"schema."_s);
        }));
        // Without a schema set, nothing schema-related.
        input.name = u"benchling-webhook/credentials"_s;
        input.schemas.reset();
        QVERIFY(std::ranges::none_of(ContentInspector::inspect(input), [](const auto &finding) {
            return finding.id.startsWith(u"schema."_s);
        }));
    }
};

QTEST_GUILESS_MAIN(TestSchemaSet)
#include "testschemaset.moc"
