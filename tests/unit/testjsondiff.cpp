// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// JsonDiff: the changes a reviewer is shown between two JSON values, and the RFC 6902 patch
// that must turn the old value into the new one.
#include "models/diff/jsondiff.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace coffer;
using diff::JsonChange;
using diff::JsonDiff;
using diff::JsonPatchOperation;
using json::JsonDocument;
using json::JsonKind;
using json::JsonNode;
using json::JsonPointer;

namespace {

JsonDocument parse(const QByteArray &text)
{
    auto document = JsonDocument::parse(text);
    if (!document)
        qFatal("test JSON does not parse: %s", qPrintable(document.error().toString()));
    return std::move(*document);
}

// "changed /db/password; moved /a/0>/a/2": what the test expects, in diff order.
QString describe(const JsonDiff &diff)
{
    QStringList parts;
    for (const JsonChange &change : diff.changes()) {
        QString part = JsonChange::kindName(change.kind) + u' ';
        if (change.kind == JsonChange::Kind::Moved && change.oldPath != change.newPath)
            part += change.oldPath.toString() + u'>' + change.newPath.toString();
        else
            part += change.path().toString();
        parts << part;
    }
    return parts.join(u"; "_s);
}

// Equality as JSON data (RFC 8259): member order does not count, tokens do.
bool sameData(const JsonNode &a, const JsonNode &b)
{
    if (a.kind() != b.kind())
        return false;
    if (a.isScalar())
        return a.token() == b.token();
    if (a.childCount() != b.childCount())
        return false;
    for (int row = 0; row < a.childCount(); ++row) {
        const JsonNode *other = a.kind() == JsonKind::Object ? b.member(a.child(row)->key())
                                                             : b.child(row);
        if (!other || !sameData(*a.child(row), *other))
            return false;
    }
    return true;
}

// A minimal RFC 6902 applier on the project's own tree (add, remove, replace, move).
bool applyPatch(JsonDocument &document, const QList<JsonPatchOperation> &patch)
{
    for (const JsonPatchOperation &operation : patch) {
        auto resolve = [&document](const JsonPointer &pointer) {
            return pointer.isRoot() ? document.root() : pointer.parent().resolve(*document.root());
        };
        switch (operation.op) {
        case JsonPatchOperation::Op::Replace: {
            JsonNode *target = operation.path.isRoot() ? document.root()
                                                       : operation.path.resolve(*document.root());
            if (!target)
                return false;
            target->assignFrom(operation.value->clone());
            break;
        }
        case JsonPatchOperation::Op::Remove: {
            JsonNode *parent = resolve(operation.path);
            if (!parent)
                return false;
            const QString token = operation.path.lastToken();
            const int row = parent->kind() == JsonKind::Object
                ? parent->memberRow(token)
                : int(JsonPointer::arrayIndex(token).value_or(-1));
            if (row < 0 || row >= parent->childCount())
                return false;
            parent->takeChild(row);
            break;
        }
        case JsonPatchOperation::Op::Add:
        case JsonPatchOperation::Op::Move: {
            std::unique_ptr<JsonNode> value;
            if (operation.op == JsonPatchOperation::Op::Move) {
                JsonNode *fromParent = resolve(operation.from);
                const auto index = JsonPointer::arrayIndex(operation.from.lastToken());
                if (!fromParent || fromParent->kind() != JsonKind::Array || !index)
                    return false;
                value = fromParent->takeChild(int(*index));
            } else {
                value = operation.value->clone();
            }
            JsonNode *parent = resolve(operation.path);
            if (!parent)
                return false;
            const QString token = operation.path.lastToken();
            if (parent->kind() == JsonKind::Object) {
                value->setKey(token);
                if (JsonNode *existing = parent->member(token))
                    existing->assignFrom(std::move(value));
                else
                    parent->appendChild(std::move(value));
            } else {
                const auto index = JsonPointer::arrayIndex(token);
                if (!index || *index > parent->childCount())
                    return false;
                parent->insertChild(int(*index), std::move(value));
            }
            break;
        }
        }
    }
    return true;
}

} // namespace

class TestJsonDiff final : public QObject
{
    Q_OBJECT

private slots:
    void testChanges_data();
    void testChanges();
    void testCounts();
    void testValuesPointIntoTrees();
    void testLargeArrays_data();
    void testLargeArrays();
};

void TestJsonDiff::testChanges_data()
{
    QTest::addColumn<QByteArray>("oldJson");
    QTest::addColumn<QByteArray>("newJson");
    QTest::addColumn<QString>("expected");

    QTest::newRow("identical") << QByteArray(R"({"a": 1, "b": [1, {"c": null}]})")
                               << QByteArray(R"({"a":1,"b":[1,{"c":null}]})") << QString();
    QTest::newRow("empty objects") << QByteArray("{}") << QByteArray("{ }") << QString();
    QTest::newRow("empty arrays") << QByteArray("[]") << QByteArray("[]") << QString();
    QTest::newRow("empty to member") << QByteArray("{}") << QByteArray(R"({"a": 1})")
                                     << u"added /a"_s;
    QTest::newRow("member to empty") << QByteArray(R"({"a": {"b": 1}})") << QByteArray("{}")
                                     << u"removed /a"_s;
    QTest::newRow("empty array to item") << QByteArray("[]") << QByteArray("[true]")
                                         << u"added /0"_s;
    QTest::newRow("root type") << QByteArray("{}") << QByteArray("[]") << u"type-changed "_s;
    QTest::newRow("nested change")
        << QByteArray(R"({"db": {"host": "h", "password": "p1", "port": 5432}})")
        << QByteArray(R"({"db": {"host": "h", "password": "p2", "port": 5432}})")
        << u"changed /db/password"_s;
    QTest::newRow("deep nested change")
        << QByteArray(R"({"a": {"b": {"c": {"d": [1, {"e": "x"}]}}}})")
        << QByteArray(R"({"a": {"b": {"c": {"d": [1, {"e": "y"}]}}}})")
        << u"changed /a/b/c/d/1/e"_s;
    QTest::newRow("added and removed")
        << QByteArray(R"({"a": 1, "b": 2})") << QByteArray(R"({"a": 1, "c": 3})")
        << u"removed /b; added /c"_s;
    QTest::newRow("moved key") << QByteArray(R"({"a": 1, "b": 2, "c": 3})")
                               << QByteArray(R"({"c": 3, "a": 1, "b": 2})") << u"moved /c"_s;
    QTest::newRow("moved and changed") << QByteArray(R"({"a": 1, "b": 2, "c": 3})")
                                       << QByteArray(R"({"a": 1, "c": 4, "b": 2})")
                                       << u"moved /c; changed /c"_s;
    QTest::newRow("removal is no move") << QByteArray(R"({"a": 1, "b": 2, "c": 3})")
                                        << QByteArray(R"({"b": 2, "c": 3})") << u"removed /a"_s;
    QTest::newRow("type changed") << QByteArray(R"({"port": 5432})")
                                  << QByteArray(R"({"port": "5432"})") << u"type-changed /port"_s;
    QTest::newRow("object to array") << QByteArray(R"({"k": {"a": 1}})")
                                     << QByteArray(R"({"k": [1]})") << u"type-changed /k"_s;
    QTest::newRow("number token") << QByteArray(R"({"n": 1.0})") << QByteArray(R"({"n": 1})")
                                  << u"changed /n"_s;
    QTest::newRow("big integers beyond double")
        << QByteArray(R"({"id": 12345678901234567890123})")
        << QByteArray(R"({"id": 12345678901234567890124})") << u"changed /id"_s;
    QTest::newRow("64-bit integers beyond double")
        << QByteArray(R"([9007199254740993])") << QByteArray(R"([9007199254740992])")
        << u"changed /0"_s;
    QTest::newRow("array insert middle") << QByteArray("[1, 2, 3, 4, 5, 6]")
                                         << QByteArray("[1, 2, 3, 99, 4, 5, 6]")
                                         << u"added /3"_s;
    QTest::newRow("array insert objects")
        << QByteArray(R"([{"id": 1}, {"id": 2}, {"id": 3}])")
        << QByteArray(R"([{"id": 1}, {"id": 9, "x": true}, {"id": 2}, {"id": 3}])")
        << u"added /1"_s;
    QTest::newRow("array insert front") << QByteArray(R"(["b", "c"])")
                                        << QByteArray(R"(["a", "b", "c"])") << u"added /0"_s;
    QTest::newRow("array delete") << QByteArray("[1, 2, 3, 4]") << QByteArray("[1, 3, 4]")
                                  << u"removed /1"_s;
    QTest::newRow("array delete two") << QByteArray("[1, 2, 3, 4, 5]") << QByteArray("[1, 3, 5]")
                                      << u"removed /1; removed /3"_s;
    QTest::newRow("array scalar changed") << QByteArray(R"(["a", "b", "c"])")
                                          << QByteArray(R"(["a", "x", "c"])") << u"changed /1"_s;
    QTest::newRow("array element field")
        << QByteArray(R"({"keys": [{"kid": "k1", "n": "AQAB"}, {"kid": "k2", "n": "AQAC"}]})")
        << QByteArray(R"({"keys": [{"kid": "k1", "n": "AQAB"}, {"kid": "k2", "n": "AQAD"}]})")
        << u"changed /keys/1/n"_s;
    QTest::newRow("array item moved") << QByteArray("[1, 2, 3]") << QByteArray("[3, 1, 2]")
                                      << u"moved /2>/0"_s;
    QTest::newRow("array item type") << QByteArray(R"([1, "a"])") << QByteArray(R"([1, ["a"]])")
                                     << u"type-changed /1"_s;
    QTest::newRow("unicode key and value")
        << QByteArray(R"({"clé": "été", "🔑": "a"})")
        << QByteArray(R"({"clé": "hiver", "🔑": "a"})") << u"changed /clé"_s;
    QTest::newRow("unicode emoji value") << QByteArray(R"({"🔑": "🙂"})")
                                         << QByteArray(R"({"🔑": "🙃"})") << u"changed /🔑"_s;
    QTest::newRow("escaped key is the same member")
        << QByteArray(R"({"caf\u00e9": 1})") << QByteArray(R"({"café": 2})")
        << u"changed /café"_s;
    QTest::newRow("escaped value differs")
        << QByteArray(R"({"a": "caf\u00e9"})") << QByteArray(R"({"a": "café"})")
        << u"changed /a"_s;
    QTest::newRow("slash and tilde keys") << QByteArray(R"({"a/b": 1, "m~n": 1})")
                                          << QByteArray(R"({"a/b": 2, "m~n": 1})")
                                          << u"changed /a~1b"_s;
    QTest::newRow("duplicate keys by occurrence") << QByteArray(R"({"a": 1, "a": 2})")
                                                  << QByteArray(R"({"a": 1, "a": 3})")
                                                  << u"changed /a"_s;
    QTest::newRow("null to false") << QByteArray(R"({"a": null})")
                                   << QByteArray(R"({"a": false})") << u"type-changed /a"_s;
}

void TestJsonDiff::testChanges()
{
    QFETCH(QByteArray, oldJson);
    QFETCH(QByteArray, newJson);
    QFETCH(QString, expected);

    const JsonDocument before = parse(oldJson);
    const JsonDocument after = parse(newJson);
    const JsonDiff diff = JsonDiff::compare(*before.root(), *after.root());
    QCOMPARE(describe(diff), expected);
    QCOMPARE(diff.isEmpty(), expected.isEmpty());
    QVERIFY(diff.isExact());

    // The patch, applied in order to the old document, gives the new one. (Not checked with
    // duplicate names, which JSON Pointer cannot address one by one.)
    if (QByteArrayView(QTest::currentDataTag()).startsWith("duplicate"))
        return;
    JsonDocument patched = parse(oldJson);
    QVERIFY(applyPatch(patched, diff.patch()));
    QVERIFY2(sameData(*patched.root(), *after.root()), patched.toJson().constData());
}

void TestJsonDiff::testCounts()
{
    const JsonDocument before
        = parse(R"({"keep": 1, "drop": 2, "edit": "x", "kind": 1, "list": [1, 2, 3], "z": 0})");
    const JsonDocument after
        = parse(R"({"z": 0, "keep": 1, "edit": "y", "kind": [1], "list": [1, 2, 3, 4], "new": {}})");
    const JsonDiff diff = JsonDiff::compare(*before.root(), *after.root());
    QCOMPARE(describe(diff),
             u"removed /drop; moved /z; changed /edit; type-changed /kind; added /list/3; "
             "added /new"_s);
    QCOMPARE(diff.addedCount(), 2);
    QCOMPARE(diff.removedCount(), 1);
    QCOMPARE(diff.changedCount(), 2);
    QCOMPARE(diff.movedCount(), 1);
    QVERIFY(!diff.isEmpty());
    QVERIFY(JsonDiff().isEmpty());
}

void TestJsonDiff::testValuesPointIntoTrees()
{
    const JsonDocument before = parse(R"({"a": {"b": "old"}, "gone": [1]})");
    const JsonDocument after = parse(R"({"a": {"b": "new"}})");
    const JsonDiff diff = JsonDiff::compare(*before.root(), *after.root());
    QCOMPARE(diff.changes().size(), 2);
    const JsonChange &removed = diff.changes().at(0);
    QCOMPARE(removed.kind, JsonChange::Kind::Removed);
    QCOMPARE(removed.oldValue, before.nodeAt(*JsonPointer::parse(u"/gone")));
    QCOMPARE(removed.newValue, nullptr);
    const JsonChange &changed = diff.changes().at(1);
    QCOMPARE(changed.oldValue, before.nodeAt(*JsonPointer::parse(u"/a/b")));
    QCOMPARE(changed.newValue, after.nodeAt(*JsonPointer::parse(u"/a/b")));
    QCOMPARE(changed.oldPath.toString(), u"/a/b"_s);
    QCOMPARE(changed.newPath.toString(), u"/a/b"_s);
}

void TestJsonDiff::testLargeArrays_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("edits");
    QTest::newRow("few edits in 20000") << 20000 << 10;
    QTest::newRow("shuffled 3000") << 3000 << -1;
    QTest::newRow("all different 12000") << 12000 << -2;
}

// Big arrays stay correct (patch applies) and fast, also past the exact-alignment bound.
void TestJsonDiff::testLargeArrays()
{
    QFETCH(int, size);
    QFETCH(int, edits);
    QRandomGenerator random(42);
    QList<int> oldItems(size);
    for (int i = 0; i < size; ++i)
        oldItems[i] = i;
    QList<int> newItems = oldItems;
    if (edits == -1) {
        std::shuffle(newItems.begin(), newItems.end(), random);
    } else if (edits == -2) {
        for (int &item : newItems)
            item += size;
    } else {
        for (int e = 0; e < edits; ++e) {
            const int at = int(random.bounded(newItems.size()));
            if (e % 2)
                newItems.removeAt(at);
            else
                newItems.insert(at, 1000000 + e);
        }
    }
    auto toJson = [](const QList<int> &items) -> QByteArray {
        QByteArray text = "[";
        for (qsizetype i = 0; i < items.size(); ++i)
            text += (i ? "," : "") + QByteArray::number(items[i]);
        return text + ']';
    };
    const JsonDocument before = parse(toJson(oldItems));
    const JsonDocument after = parse(toJson(newItems));
    QElapsedTimer timer;
    timer.start();
    const JsonDiff diff = JsonDiff::compare(*before.root(), *after.root());
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    if (edits > 0)
        QVERIFY(diff.changes().size() <= edits);
    JsonDocument patched = parse(toJson(oldItems));
    QVERIFY(applyPatch(patched, diff.patch()));
    QVERIFY(JsonNode::equals(*patched.root(), *after.root()));
}

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "testjsondiff.moc"
