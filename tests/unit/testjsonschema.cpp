// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// JsonSchema: hand cases for every supported keyword (verdict, keyword, pointers and sentence),
// compile errors that name the place in the schema, $ref cycles and hostile depth, messages that
// never quote a value, and the official JSON-Schema-Test-Suite (Debian's json-schema-test-suite
// package), every case of every file whose keywords are supported, with the skipped ones listed.
#include "models/content/jsonschema.h"
#include "models/core/appinfo.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using content::JsonSchema;
using content::SchemaViolation;
using json::JsonDocument;
using json::JsonKind;
using json::JsonNode;

namespace {

/// JSON written with single quotes, so that the cases read without a forest of backslashes.
QByteArray quoted(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

JsonDocument parsed(const QByteArray &json)
{
    auto document = JsonDocument::parse(json);
    if (!document)
        qFatal("test JSON does not parse: %s", qPrintable(document.error().toString()));
    return std::move(*document);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The official suite's tests folder: $COFFER_JSON_SCHEMA_TEST_SUITE, else Debian's.
QString suiteTestsDir()
{
    const QStringList candidates = { qEnvironmentVariable("COFFER_JSON_SCHEMA_TEST_SUITE"),
                                     u"/usr/share/json-schema-test-suite/tests"_s };
    for (const QString &dir : candidates) {
        if (!dir.isEmpty() && QFileInfo(dir).isDir())
            return dir;
    }
    return {};
}

/// Files of the suite whose keywords JsonSchema supports (relative to a draft folder). The
/// others (allOf, minItems, ... and the formats Coffer does not check) are not run.
const QStringList &supportedSuiteFiles()
{
    static const QStringList files = {
        u"additionalProperties.json"_s,
        u"boolean_schema.json"_s,
        u"const.json"_s,
        u"definitions.json"_s,
        u"defs.json"_s,
        u"enum.json"_s,
        u"items.json"_s,
        u"maxLength.json"_s,
        u"maximum.json"_s,
        u"minLength.json"_s,
        u"minimum.json"_s,
        u"pattern.json"_s,
        u"patternProperties.json"_s,
        u"properties.json"_s,
        u"ref.json"_s,
        u"required.json"_s,
        u"type.json"_s,
        u"optional/bignum.json"_s,
        u"optional/zeroTerminatedFloats.json"_s,
        u"optional/format/date-time.json"_s,
        u"optional/format/email.json"_s,
        u"optional/format/uri.json"_s,
        u"optional/format/uuid.json"_s,
    };
    return files;
}

/// Cases of the supported files that are not run, "file|group" (the whole group) or
/// "file|group|test", with the reason.
const QHash<QString, QString> &skippedSuiteCases()
{
    static const QHash<QString, QString> skipped = {
        { u"definitions.json|valid definition"_s,
          u"$ref to the remote draft-07 meta-schema (only $ref within the document)"_s },
        { u"definitions.json|invalid definition"_s,
          u"$ref to the remote draft-07 meta-schema (only $ref within the document)"_s },
        { u"properties.json|properties, patternProperties, additionalProperties interaction"_s,
          u"uses maxItems, which is not supported"_s },
        { u"ref.json|ref overrides any sibling keywords"_s,
          u"draft-7 ignores keywords beside $ref, 2020-12 (Coffer) applies them; and maxItems "
          "is not supported"_s },
        { u"ref.json|remote ref, containing refs itself"_s,
          u"$ref to a remote document (only $ref within the document)"_s },
        { u"ref.json|Recursive references between schemas"_s,
          u"$ref relative to an $id (only $ref within the document)"_s },
        { u"optional/bignum.json|float comparison with high precision"_s,
          u"uses exclusiveMaximum, which is not supported"_s },
        { u"optional/bignum.json|float comparison with high precision on negative numbers"_s,
          u"uses exclusiveMinimum, which is not supported"_s },
    };
    return skipped;
}

} // namespace

class TestJsonSchema final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The English plural forms ("8 characters", "1 character").
        AppInfo::installTranslations();
    }

    void testKeywords_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("instance");
        QTest::addColumn<QString>("keyword"); // empty: valid
        QTest::addColumn<QString>("instancePointer");
        QTest::addColumn<QString>("schemaPointer");

        const auto row = [](const char *name, const char *schema, const char *instance,
                            const QString &keyword = {}, const QString &instancePointer = {},
                            const QString &schemaPointer = {}) {
            QTest::newRow(name) << quoted(schema) << quoted(instance) << keyword << instancePointer
                                << schemaPointer;
        };
        row("true schema", "true", "{'a': 1}");
        row("false schema", "false", "1", u"false"_s, u""_s, u""_s);
        row("empty schema", "{}", "[1, 'x', null]");
        row("type string", "{'type': 'string'}", "'x'");
        row("type string, number", "{'type': 'string'}", "1", u"type"_s, u""_s, u"/type"_s);
        row("integer accepts 1.0", "{'type': 'integer'}", "1.0");
        row("integer accepts 1e2", "{'type': 'integer'}", "1e2");
        row("integer refuses 1.5", "{'type': 'integer'}", "1.5", u"type"_s, u""_s, u"/type"_s);
        row("integer refuses 15e-1", "{'type': 'integer'}", "15e-1", u"type"_s, u""_s, u"/type"_s);
        row("type list", "{'type': ['string', 'null']}", "null");
        row("type list refuses", "{'type': ['string', 'null']}", "{}", u"type"_s, u""_s,
            u"/type"_s);
        row("number is not boolean", "{'type': 'number'}", "true", u"type"_s, u""_s, u"/type"_s);
        row("required present", "{'required': ['client_id']}", "{'client_id': 'x'}");
        row("required missing", "{'required': ['client_id', 'client_secret']}",
            "{'client_id': 'x'}", u"required"_s, u""_s, u"/required"_s);
        row("required ignores non-objects", "{'required': ['a']}", "[]");
        row("properties", "{'properties': {'port': {'type': 'integer'}}}", "{'port': 'x'}",
            u"type"_s, u"/port"_s, u"/properties/port/type"_s);
        row("properties escaped", "{'properties': {'a/b~c': {'type': 'integer'}}}",
            "{'a/b~c': 'x'}", u"type"_s, u"/a~1b~0c"_s, u"/properties/a~1b~0c/type"_s);
        row("additionalProperties false",
            "{'properties': {'a': {}}, 'additionalProperties': false}", "{'a': 1, 'b': 2}",
            u"additionalProperties"_s, u""_s, u"/additionalProperties"_s);
        row("additionalProperties schema", "{'additionalProperties': {'type': 'string'}}",
            "{'a': 'x', 'b': 2}", u"type"_s, u"/b"_s, u"/additionalProperties/type"_s);
        row("patternProperties", "{'patternProperties': {'^DB_': {'type': 'string'}}}",
            "{'DB_PORT': 5432, 'OTHER': 1}", u"type"_s, u"/DB_PORT"_s,
            u"/patternProperties/^DB_/type"_s);
        row("patternProperties exempts from additional",
            "{'patternProperties': {'^x-': {}}, 'additionalProperties': false}", "{'x-a': 1}");
        row("items", "{'items': {'type': 'string'}}", "['a', 'b', 3]", u"type"_s, u"/2"_s,
            u"/items/type"_s);
        row("items list form", "{'items': [{'type': 'string'}, {'type': 'integer'}]}",
            "['a', 'b', 'extra']", u"type"_s, u"/1"_s, u"/items/1/type"_s);
        row("items ignores objects", "{'items': false}", "{'a': 1}");
        row("enum", "{'enum': ['dev', 'prod']}", "'prod'");
        row("enum refuses", "{'enum': ['dev', 'prod']}", "'staging'", u"enum"_s, u""_s, u"/enum"_s);
        row("enum numbers by value", "{'enum': [1, 2]}", "2.0");
        row("enum objects ignore order", "{'enum': [{'a': 1, 'b': [true]}]}",
            "{'b': [true], 'a': 1.0}");
        row("enum false is not 0", "{'enum': [0]}", "false", u"enum"_s, u""_s, u"/enum"_s);
        row("const", "{'const': {'a': null}}", "{'a': null}");
        row("const refuses", "{'const': 'x'}", "'y'", u"const"_s, u""_s, u"/const"_s);
        row("const escapes decoded", "{'const': '\\u00e9'}", "'\xc3\xa9'");
        row("minLength", "{'minLength': 3}", "'abc'");
        row("minLength refuses", "{'minLength': 3}", "'ab'", u"minLength"_s, u""_s,
            u"/minLength"_s);
        row("minLength counts code points", "{'maxLength': 1}", "'\\ud83d\\ude00'");
        row("maxLength refuses", "{'maxLength': 2}", "'abc'", u"maxLength"_s, u""_s,
            u"/maxLength"_s);
        row("maxLength 2.0 is an integer", "{'maxLength': 2.0}", "'ab'");
        row("pattern searches", "{'pattern': 'b+'}", "'abbc'");
        row("pattern refuses", "{'pattern': '^[a-z]+$'}", "'abc1'", u"pattern"_s, u""_s,
            u"/pattern"_s);
        row("pattern dollar is end of input", "{'pattern': '^abc$'}", "'abc\\n'", u"pattern"_s,
            u""_s, u"/pattern"_s);
        row("pattern \\\\u escape", "{'pattern': '^\\\\u0041$'}", "'A'");
        row("pattern \\u surrogate pair", "{'pattern': '^\\\\ud83d\\\\uDE00$'}",
            "'\\ud83d\\ude00'");
        row("pattern \\u in a class", "{'pattern': '^[\\\\u0041-\\\\u005A]+$'}", "'a'",
            u"pattern"_s, u""_s, u"/pattern"_s);
        row("pattern [^] matches a newline", "{'pattern': '^a[^]b$'}", "'a\\nb'");
        row("minimum", "{'minimum': 1}", "1");
        row("minimum refuses", "{'minimum': 1}", "0.999", u"minimum"_s, u""_s, u"/minimum"_s);
        row("minimum exact bignum", "{'minimum': 18446744073709551616}", "18446744073709551615",
            u"minimum"_s, u""_s, u"/minimum"_s);
        row("maximum", "{'maximum': 1.5}", "15e-1");
        row("maximum refuses", "{'maximum': -1}", "-0.5", u"maximum"_s, u""_s, u"/maximum"_s);
        row("maximum huge exponent", "{'maximum': 1e400}", "1e399");
        row("maximum huge exponent refuses", "{'maximum': 1e400}", "1e401", u"maximum"_s, u""_s,
            u"/maximum"_s);
        row("format uri", "{'format': 'uri'}", "'https://example.com/a?b#c'");
        row("format uri refuses relative", "{'format': 'uri'}", "'/relative'", u"format"_s, u""_s,
            u"/format"_s);
        row("format email", "{'format': 'email'}", "'ops@example.com'");
        row("format email refuses", "{'format': 'email'}", "'ops.example.com'", u"format"_s, u""_s,
            u"/format"_s);
        row("format date-time", "{'format': 'date-time'}", "'2026-03-01T13:05:09.5+01:00'");
        row("format date-time leap day", "{'format': 'date-time'}", "'2024-02-29T00:00:00Z'");
        row("format date-time not a leap year", "{'format': 'date-time'}", "'2025-02-29T00:00:00Z'",
            u"format"_s, u""_s, u"/format"_s);
        row("format date-time leap second", "{'format': 'date-time'}", "'1998-12-31T23:59:60Z'");
        row("format date-time leap second not at midnight UTC", "{'format': 'date-time'}",
            "'1998-12-31T22:59:60Z'", u"format"_s, u""_s, u"/format"_s);
        row("format uuid", "{'format': 'uuid'}", "'2EB8AA08-AA98-11EA-B4AA-73B441D16380'");
        row("format uuid refuses", "{'format': 'uuid'}", "'2eb8aa08aa9811eab4aa73b441d16380'",
            u"format"_s, u""_s, u"/format"_s);
        row("format ignores non-strings", "{'format': 'uuid'}", "12");
        row("$ref to $defs",
            "{'$defs': {'port': {'type': 'integer'}}, 'properties': {'p': {'$ref': "
            "'#/$defs/port'}}}",
            "{'p': 'x'}", u"type"_s, u"/p"_s, u"/$defs/port/type"_s);
        row("$ref to definitions",
            "{'definitions': {'s': {'minLength': 2}}, '$ref': "
            "'#/definitions/s'}",
            "'a'", u"minLength"_s, u""_s, u"/definitions/s/minLength"_s);
        row("$ref percent and tilde escapes",
            "{'$defs': {'a b~/c': {'type': 'null'}}, '$ref': '#/$defs/a%20b~0~1c'}", "1", u"type"_s,
            u""_s, u"/$defs/a b~0~1c/type"_s);
        row("$ref siblings apply (2020-12)",
            "{'$defs': {'s': {'type': 'string'}}, '$ref': '#/$defs/s', 'minLength': 2}", "'a'",
            u"minLength"_s, u""_s, u"/minLength"_s);
        row("$ref recursion through the instance",
            "{'properties': {'child': {'$ref': '#'}}, 'required': ['name']}",
            "{'name': 1, 'child': {'name': 2, 'child': {}}}", u"required"_s, u"/child/child"_s,
            u"/required"_s);
        row("annotations and unknown keywords are ignored",
            "{'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': "
            "'https://example.com/s', 'title': 't', 'x-coffer-match': 'a/*', 'frobnicate': 1}",
            "1");
    }

    void testKeywords()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, instance);
        QFETCH(QString, keyword);
        QFETCH(QString, instancePointer);
        QFETCH(QString, schemaPointer);
        const auto compiled = JsonSchema::parse(schema);
        QVERIFY2(compiled.has_value(),
                 qPrintable(compiled ? QString() : compiled.error().toString()));
        const JsonDocument document = parsed(instance);
        const QList<SchemaViolation> violations = compiled->validate(*document.root());
        QCOMPARE(compiled->isValid(*document.root()), violations.isEmpty());
        if (keyword.isEmpty()) {
            QVERIFY2(violations.isEmpty(), qPrintable(violations.value(0).message));
            return;
        }
        QCOMPARE(violations.size(), 1);
        QCOMPARE(violations[0].keyword, keyword);
        QCOMPARE(violations[0].instancePointer, instancePointer);
        QCOMPARE(violations[0].schemaPointer, schemaPointer);
        QVERIFY(!violations[0].message.isEmpty());
    }

    void testSentences()
    {
        const auto schema = JsonSchema::parse(quoted(
            "{'required': ['client_id', 'client_secret'], 'additionalProperties': false, "
            "'properties': {'client_id': {'minLength': 20, 'pattern': '^[a-z]+$'}, 'tenant': "
            "{'enum': ['a', 'b']}, 'port': {'maximum': 65535, 'type': 'integer'}, 'url': "
            "{'format': 'uri'}, 'env': {'const': 'prod'}}}"));
        QVERIFY(schema);
        const QString secret = u"S3cr3t-Valu3"_s;
        const JsonDocument document = parsed(
            quoted("{'client_id': 'S3cr3t-Valu3', 'tenant': 'S3cr3t-Valu3', 'port': 99999.5, "
                   "'url': 'S3cr3t-Valu3', 'env': 'S3cr3t-Valu3', 'S3cr3t': 1}"));
        const QList<SchemaViolation> violations = schema->validate(*document.root());
        QStringList messages;
        for (const SchemaViolation &violation : violations) {
            messages.append(violation.instancePointer + u": "_s + violation.message);
            QVERIFY2(!violation.message.contains(secret), qPrintable(violation.keyword));
        }
        const QStringList expected = {
            u": is missing required member `client_secret`"_s,
            u"/client_id: is shorter than 20 characters"_s,
            u"/client_id: does not match the pattern `^[a-z]+$`"_s,
            u"/tenant: must be one of the allowed values"_s,
            u"/port: must be of type integer, not number"_s,
            u"/port: is more than the maximum, 65535"_s,
            u"/url: is not a valid URI"_s,
            u"/env: must be the one value the schema allows"_s,
            u": has member `S3cr3t`, which the schema does not allow"_s,
        };
        QCOMPARE(messages.join(u'\n'), expected.join(u'\n'));
        QCOMPARE(violations[0].member, u"client_secret"_s);
    }

    void testCompileErrors_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("phrase");
        const auto row = [](const char *name, const char *schema, const QString &pointer,
                            const QString &phrase) {
            QTest::newRow(name) << quoted(schema) << pointer << phrase;
        };
        row("not json", "{", u""_s, u"Not valid JSON"_s);
        row("schema is a number", "1", u""_s, u"object or true or false"_s);
        row("unsupported keyword", "{'properties': {'a': {'allOf': []}}}", u"/properties/a/allOf"_s,
            u"does not support `allOf`"_s);
        row("unknown type", "{'type': 'text'}", u"/type"_s, u"must be one of"_s);
        row("duplicate type", "{'type': ['string', 'string']}", u"/type/1"_s, u"listed once"_s);
        row("empty type list", "{'type': []}", u"/type"_s, u"at least one"_s);
        row("negative minLength", "{'minLength': -1}", u"/minLength"_s, u"whole number"_s);
        row("fractional maxLength", "{'maxLength': 1.5}", u"/maxLength"_s, u"whole number"_s);
        row("minimum not a number", "{'minimum': '1'}", u"/minimum"_s, u"must be a number"_s);
        row("bad regex", "{'pattern': '(a'}", u"/pattern"_s, u"regular expression"_s);
        row("bad patternProperties regex", "{'patternProperties': {'[': {}}}",
            u"/patternProperties/["_s, u"regular expression"_s);
        row("unknown format", "{'format': 'hostname'}", u"/format"_s, u"uri, email"_s);
        row("required not strings", "{'required': [1]}", u"/required"_s, u"member names"_s);
        row("enum not an array", "{'enum': 'a'}", u"/enum"_s, u"array"_s);
        row("remote $ref", "{'$ref': 'https://example.com/s.json'}", u"/$ref"_s,
            u"same document"_s);
        row("anchor $ref", "{'$ref': '#node'}", u"/$ref"_s, u"anchor"_s);
        row("dangling $ref", "{'$ref': '#/$defs/missing'}", u"/$ref"_s, u"points to nothing"_s);
        row("$id below the root", "{'properties': {'a': {'$id': 'x'}}}", u"/properties/a/$id"_s,
            u"root schema only"_s);
        row("bad subschema", "{'items': 'string'}", u"/items"_s, u"object or true or false"_s);
        row("bad $defs member", "{'$defs': {'a': 3}}", u"/$defs/a"_s, u"object or true"_s);
        row("$ref to itself", "{'$ref': '#'}", u"/$ref"_s, u"endless loop"_s);
        row("$ref cycle", "{'$defs': {'a': {'$ref': '#/$defs/b'}, 'b': {'$ref': '#/$defs/a'}}}",
            u"/$defs/a/$ref"_s, u"endless loop"_s);
    }

    void testCompileErrors()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QString, pointer);
        QFETCH(QString, phrase);
        const auto compiled = JsonSchema::parse(schema);
        QVERIFY(!compiled.has_value());
        QCOMPARE(compiled.error().pointer, pointer);
        QVERIFY2(compiled.error().message.contains(phrase), qPrintable(compiled.error().message));
    }

    void testHostileDepthIsReportedNotOverflowed()
    {
        // Deeper than any parsed document can be: built node by node.
        auto root = JsonNode::makeArray();
        JsonNode *at = root.get();
        for (int i = 0; i < JsonSchema::kMaxDepth + 50; ++i)
            at = at->appendChild(JsonNode::makeArray());
        const auto schema = JsonSchema::parse(quoted("{'items': {'$ref': '#'}}"));
        QVERIFY(schema);
        const QList<SchemaViolation> violations = schema->validate(*root);
        QCOMPARE(violations.size(), 1);
        QCOMPARE(violations[0].keyword, u"depth"_s);
        QVERIFY(!schema->isValid(*root));

        // A long chain of $ref compiles and validates (each hop counts towards kMaxDepth).
        QByteArray chain = "{\"$defs\": {";
        for (int i = 0; i < 500; ++i)
            chain += "\"d" + QByteArray::number(i) + "\": {\"$ref\": \"#/$defs/d"
                + QByteArray::number(i + 1) + "\"}, ";
        chain += "\"d500\": {\"type\": \"string\"}}, \"$ref\": \"#/$defs/d0\"}";
        const auto long_ = JsonSchema::parse(chain);
        QVERIFY2(long_, qPrintable(long_ ? QString() : long_.error().toString()));
        QVERIFY(long_->isValid(*parsed("\"x\"").root()));
        QVERIFY(!long_->isValid(*parsed("1").root()));
    }

    void testOfficialSuite()
    {
        const QString tests = suiteTestsDir();
        if (tests.isEmpty())
            QSKIP("The JSON-Schema-Test-Suite is not installed: install Debian's "
                  "json-schema-test-suite package (packaging/install-deps.sh does).");
        // The newest draft present whose semantics Coffer's subset shares.
        QString draft;
        for (const QString &name : { u"draft2020-12"_s, u"draft2019-09"_s, u"draft7"_s }) {
            if (QFileInfo(tests + u'/' + name).isDir()) {
                draft = tests + u'/' + name;
                break;
            }
        }
        QVERIFY2(!draft.isEmpty(), qPrintable(tests));
        int files = 0;
        int cases = 0;
        int skipped = 0;
        QStringList failures;
        for (const QString &file : supportedSuiteFiles()) {
            const QByteArray bytes = readFile(draft + u'/' + file);
            if (bytes.isEmpty())
                continue; // not in this version of the suite
            ++files;
            const JsonDocument document = parsed(bytes);
            QCOMPARE(document.root()->kind(), JsonKind::Array);
            for (int g = 0; g < document.root()->childCount(); ++g) {
                const JsonNode &group = *document.root()->child(g);
                const QString groupKey = file + u'|' + group.member(u"description")->stringValue();
                const JsonNode &caseList = *group.member(u"tests");
                if (skippedSuiteCases().contains(groupKey)) {
                    qInfo("skipped %s: %s", qPrintable(groupKey),
                          qPrintable(skippedSuiteCases().value(groupKey)));
                    skipped += caseList.childCount();
                    continue;
                }
                const auto schema = JsonSchema::compile(*group.member(u"schema"));
                for (int t = 0; t < caseList.childCount(); ++t) {
                    const JsonNode &test = *caseList.child(t);
                    const QString key
                        = groupKey + u'|' + test.member(u"description")->stringValue();
                    if (skippedSuiteCases().contains(key)) {
                        qInfo("skipped %s: %s", qPrintable(key),
                              qPrintable(skippedSuiteCases().value(key)));
                        ++skipped;
                        continue;
                    }
                    ++cases;
                    if (!schema) {
                        failures.append(key + u": does not compile: "_s
                                        + schema.error().toString());
                        continue;
                    }
                    const bool expected = test.member(u"valid")->boolValue();
                    const JsonNode &data = *test.member(u"data");
                    if (schema->isValid(data) != expected
                        || schema->validate(data).isEmpty() != expected)
                        failures.append(
                            key + (expected ? u": should be valid"_s : u": should be invalid"_s));
                }
            }
        }
        qInfo("JSON-Schema-Test-Suite %s: %d files, %d cases passed or failed below, %d skipped",
              qPrintable(QFileInfo(draft).fileName()), files, cases, skipped);
        for (const QString &failure : std::as_const(failures))
            qWarning("%s", qPrintable(failure));
        QVERIFY2(failures.isEmpty(), "suite cases failed (listed above)");
        QVERIFY(files >= 15);
        QVERIFY(cases >= 150);
    }
};

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "testjsonschema.moc"
