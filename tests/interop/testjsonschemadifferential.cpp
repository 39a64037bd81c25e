// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Differential test: a few hundred random JSON Schemas within Coffer's subset and ten random
// instances each, from a fixed seed, validated by Debian's python3-jsonschema
// (jsonschema_verdicts.py: Draft202012Validator, or Draft7Validator on an older version) and by
// Coffer's JsonSchema. Every verdict must agree, every schema must compile, and both verdicts
// must be common enough for the comparison to mean something.

#include "models/content/jsonschema.h"
#include "models/json/jsondocument.h"
#include "tests/support/testenv.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::content::JsonSchema;
using coffer::json::JsonDocument;

class TestJsonSchemaDifferential final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testVerdictsAgreeWithPythonJsonschema()
    {
        const QString script
            = coffer::test::sourceDir() + u"/tests/interop/jsonschema_verdicts.py"_s;
        QVERIFY2(QFileInfo::exists(script), qPrintable(script));
        QProcess python;
        // Debian's /usr/bin/python3, whose python3-jsonschema is the packaged one.
        // COFFER_SCHEMA_SEED explores other seeds; the default is the one CI runs.
        const QString seed = qEnvironmentVariable("COFFER_SCHEMA_SEED", u"20261203"_s);
        python.start(coffer::test::botocorePython(), { script, seed, u"400"_s });
        QVERIFY2(python.waitForFinished(120000), "jsonschema_verdicts.py did not finish");
        const QByteArray errors = python.readAllStandardError();
        if (python.exitCode() != 0 && errors.contains("No module named 'jsonschema'"))
            QSKIP("python3-jsonschema is not installed (packaging/install-deps.sh installs it)");
        QVERIFY2(python.exitCode() == 0, errors.right(2000).constData());
        const QJsonObject report = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        const QJsonArray cases = report.value(u"cases"_s).toArray();
        QCOMPARE(cases.size(), 400);
        qInfo("verdicts of python3-jsonschema %s, seed %s",
              qPrintable(report.value(u"validator"_s).toString()), qPrintable(seed));

        int checked = 0;
        int valid = 0;
        QStringList disagreements;
        for (const QJsonValue &item : cases) {
            const QJsonObject one = item.toObject();
            const QString schemaText = one.value(u"schema"_s).toString();
            const auto schema = JsonSchema::parse(schemaText.toUtf8());
            QVERIFY2(schema.has_value(),
                     qPrintable(schemaText + u"\n"_s
                                + (schema ? QString() : schema.error().toString())));
            for (const QJsonValue &instanceItem : one.value(u"instances"_s).toArray()) {
                const QJsonObject instance = instanceItem.toObject();
                const QString text = instance.value(u"json"_s).toString();
                const auto document = JsonDocument::parse(text.toUtf8());
                QVERIFY2(document.has_value(), qPrintable(text));
                const bool expected = instance.value(u"valid"_s).toBool();
                const bool verdict = schema->isValid(*document->root());
                const bool listed = schema->validate(*document->root()).isEmpty();
                ++checked;
                valid += expected ? 1 : 0;
                if (verdict != expected || listed != expected)
                    disagreements.append(u"schema %1\n  instance %2: python says %3"_s.arg(
                        schemaText, text, expected ? u"valid"_s : u"invalid"_s));
            }
        }
        // Generated test data, not secrets: safe to print.
        for (const QString &disagreement : std::as_const(disagreements).mid(0, 30))
            qWarning("%s", qPrintable(disagreement));
        QVERIFY2(
            disagreements.isEmpty(),
            qPrintable(u"%1 of %2 verdicts disagree"_s.arg(disagreements.size()).arg(checked)));
        QCOMPARE(checked, 4000);
        QVERIFY2(valid > checked / 5 && valid < checked * 4 / 5,
                 qPrintable(u"%1 of %2 valid"_s.arg(valid).arg(checked)));
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaDifferential)
#include "testjsonschemadifferential.moc"
