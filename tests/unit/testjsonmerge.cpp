// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// JsonMerge::rebase: the editor's "someone saved a newer version" case. The user's edits are
// replayed on the newer version; overlapping edits are reported, never silently lost.
#include "models/diff/jsonmerge.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using diff::JsonMerge;
using json::JsonDocument;

namespace {

JsonDocument parse(const QByteArray &text)
{
    auto document = JsonDocument::parse(text);
    if (!document)
        qFatal("test JSON does not parse: %s", qPrintable(document.error().toString()));
    return std::move(*document);
}

} // namespace

class TestJsonMerge final : public QObject
{
    Q_OBJECT

private slots:
    void testRebase_data();
    void testRebase();
    void testTheirsUntouchedIsByteIdentical();
};

void TestJsonMerge::testRebase_data()
{
    QTest::addColumn<QByteArray>("base");
    QTest::addColumn<QByteArray>("mine");
    QTest::addColumn<QByteArray>("theirs");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QStringList>("conflicts");

    QTest::newRow("non-overlapping edits")
        << QByteArray(R"({"a": 1, "b": 2})") << QByteArray(R"({"a": 10, "b": 2})")
        << QByteArray(R"({"a": 1, "b": 20})") << QByteArray(R"({"a": 10, "b": 20})")
        << QStringList();
    QTest::newRow("nested non-overlapping")
        << QByteArray(R"({"db": {"user": "u", "password": "p"}, "x": 1})")
        << QByteArray(R"({"db": {"user": "u", "password": "p2"}, "x": 1})")
        << QByteArray(R"({"db": {"user": "admin", "password": "p"}, "x": 1})")
        << QByteArray(R"({"db": {"user": "admin", "password": "p2"}, "x": 1})") << QStringList();
    QTest::newRow("mine adds, theirs adds another")
        << QByteArray(R"({"a": 1, "b": 2})") << QByteArray(R"({"a": 1, "mine": true, "b": 2})")
        << QByteArray(R"({"a": 1, "b": 2, "theirs": true})")
        << QByteArray(R"({"a": 1, "mine": true, "b": 2, "theirs": true})") << QStringList();
    QTest::newRow("mine removes, theirs edits elsewhere")
        << QByteArray(R"({"a": 1, "b": 2, "c": 3})") << QByteArray(R"({"a": 1, "c": 3})")
        << QByteArray(R"({"a": 1, "b": 2, "c": 30})") << QByteArray(R"({"a": 1, "c": 30})")
        << QStringList();
    QTest::newRow("same edit twice")
        << QByteArray(R"({"a": 1, "b": 2})") << QByteArray(R"({"a": 5, "b": 2})")
        << QByteArray(R"({"a": 5, "b": 2})") << QByteArray(R"({"a": 5, "b": 2})")
        << QStringList();
    QTest::newRow("same removal twice")
        << QByteArray(R"({"a": 1, "b": 2})") << QByteArray(R"({"a": 1})")
        << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1})") << QStringList();
    QTest::newRow("same addition twice")
        << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1, "n": [1]})")
        << QByteArray(R"({"a": 1, "n": [1]})") << QByteArray(R"({"a": 1, "n": [1]})")
        << QStringList();
    QTest::newRow("conflicting edits")
        << QByteArray(R"({"a": 1, "b": 2})") << QByteArray(R"({"a": 5, "b": 3})")
        << QByteArray(R"({"a": 6, "b": 2})") << QByteArray(R"({"a": 6, "b": 3})")
        << QStringList { u"/a"_s };
    QTest::newRow("conflicting additions")
        << QByteArray(R"({})") << QByteArray(R"({"k": "mine"})")
        << QByteArray(R"({"k": "theirs"})") << QByteArray(R"({"k": "theirs"})")
        << QStringList { u"/k"_s };
    QTest::newRow("mine edits below what theirs removed")
        << QByteArray(R"({"db": {"password": "p"}, "x": 1})")
        << QByteArray(R"({"db": {"password": "p2"}, "x": 1})") << QByteArray(R"({"x": 1})")
        << QByteArray(R"({"x": 1})") << QStringList { u"/db"_s };
    QTest::newRow("mine removes what theirs edited below")
        << QByteArray(R"({"db": {"password": "p"}, "x": 1})") << QByteArray(R"({"x": 1})")
        << QByteArray(R"({"db": {"password": "p3"}, "x": 1})")
        << QByteArray(R"({"db": {"password": "p3"}, "x": 1})") << QStringList { u"/db"_s };
    QTest::newRow("theirs replaced the parent by a scalar")
        << QByteArray(R"({"db": {"password": "p"}})")
        << QByteArray(R"({"db": {"password": "p2"}})") << QByteArray(R"({"db": "disabled"})")
        << QByteArray(R"({"db": "disabled"})") << QStringList { u"/db"_s };
    QTest::newRow("arrays of same length merge by item")
        << QByteArray(R"({"l": [1, 2, 3]})") << QByteArray(R"({"l": [1, 20, 3]})")
        << QByteArray(R"({"l": [1, 2, 30]})") << QByteArray(R"({"l": [1, 20, 30]})")
        << QStringList();
    QTest::newRow("arrays resized on both sides conflict")
        << QByteArray(R"({"l": [1, 2]})") << QByteArray(R"({"l": [1, 2, 3]})")
        << QByteArray(R"({"l": [0, 1, 2]})") << QByteArray(R"({"l": [0, 1, 2]})")
        << QStringList { u"/l"_s };
    QTest::newRow("one conflict, other edits applied")
        << QByteArray(R"({"a": 1, "b": 2, "c": 3})") << QByteArray(R"({"a": 9, "b": 8, "c": 3})")
        << QByteArray(R"({"a": 7, "b": 2, "c": 4})") << QByteArray(R"({"a": 7, "b": 8, "c": 4})")
        << QStringList { u"/a"_s };
    // theirs' formatting (tabs, its member order, its number tokens) is kept
    QTest::newRow("theirs formatting kept")
        << QByteArray(R"({"a": 1, "b": 2.0})") << QByteArray(R"({"a": 2, "b": 2.0})")
        << QByteArray("{\n\t\"b\":2.00,\n\t\"a\":1,\n\t\"c\":3\n}\n")
        << QByteArray("{\n\t\"b\":2.00,\n\t\"a\":2,\n\t\"c\":3\n}\n") << QStringList();
    QTest::newRow("nothing to apply")
        << QByteArray(R"({"a": 1})") << QByteArray(R"({"a": 1})")
        << QByteArray("{ \"a\" : 1 , \"z\" : [ ] }") << QByteArray("{ \"a\" : 1 , \"z\" : [ ] }")
        << QStringList();
}

void TestJsonMerge::testRebase()
{
    QFETCH(QByteArray, base);
    QFETCH(QByteArray, mine);
    QFETCH(QByteArray, theirs);
    QFETCH(QByteArray, expected);
    QFETCH(QStringList, conflicts);

    const diff::JsonMergeResult result
        = JsonMerge::rebase(parse(base), parse(mine), parse(theirs));
    QStringList conflictPaths;
    for (const json::JsonPointer &path : result.conflicts)
        conflictPaths << path.toString();
    QCOMPARE(conflictPaths, conflicts);
    QCOMPARE(result.hasConflicts(), !conflicts.isEmpty());
    const JsonDocument wanted = parse(expected);
    QVERIFY2(result.document.isEquivalentTo(wanted), result.document.toJson().constData());
    if (QTest::currentDataTag() == QByteArrayView("theirs formatting kept")
        || QTest::currentDataTag() == QByteArrayView("nothing to apply"))
        QCOMPARE(result.document.toJson(), expected);
}

void TestJsonMerge::testTheirsUntouchedIsByteIdentical()
{
    const QByteArray theirs = "{\r\n    \"x\" : \"caf\\u00e9\",\r\n    \"n\" : 1e3\r\n}";
    const diff::JsonMergeResult result
        = JsonMerge::rebase(parse(R"({"x": "a"})"), parse(R"({"x": "a"})"), parse(theirs));
    QVERIFY(!result.hasConflicts());
    QVERIFY(!result.document.isModified());
    QCOMPARE(result.document.toJson(), theirs);
}

QTEST_GUILESS_MAIN(TestJsonMerge)
#include "testjsonmerge.moc"
