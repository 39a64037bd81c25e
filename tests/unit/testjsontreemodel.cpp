// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The JSON tree editor's model: every edit through the undo stack, exactness of what the user
// did not touch, masking, and QAbstractItemModelTester watching all of it.
#include "models/core/appinfo.h"
#include "models/editor/jsontreemodel.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"
#include "tests/support/testkeys.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using coffer::JsonTreeModel;
using coffer::json::JsonDocument;
using coffer::json::JsonKind;

namespace {

// Tricky on purpose: numbers a double cannot hold, `1.10`, escapes, a PEM, nesting, and a
// compact layout with a trailing newline.
const QByteArray tricky =
    R"({"id":18446744073709551616,"neg":-9223372036854775809,"ratio":1.10,"exp":1E+2,)"
    R"("name":"caf\u00e9 \ud83d\ude00","path":"a\/b","pem":"-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n",)"
    R"("db":{"host":"db.internal","port":5432,"flags":[true,false,null]},"list":[1,2,3]})"
    "\n";

const QByteArray indented = R"({
    "access": {
        "kid": "2024-01",
        "privateKeyPem": "-----BEGIN PRIVATE KEY-----\nAAA\n-----END PRIVATE KEY-----\n"
    },
    "refresh": {
        "kid": "2024-02"
    }
}
)";

} // namespace

class TestJsonTreeModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testShowsKeysValuesAndTypes();
    void testValuesAreMaskedUntilRevealed();
    void testEditingOneValueKeepsEveryOtherToken();
    void testRenameKeyAndUndo();
    void testRenameToExistingKeyIsRefused();
    void testInvalidNumberIsRefused();
    void testTypeChanges_data();
    void testTypeChanges();
    void testAddRemoveDuplicateMove();
    void testUndoEverythingGivesOriginalBytes();
    void testRawReplaceKeepsStyleAndUndoes();
    void testInvalidRawJsonIsRefusedWithLineAndColumn();
    void testIndentedStyleKept();
    void testScalarRoot();
    void testMaskingFollowsSensitivity();
    void testTypeColumnNamesWhatAValueIs();

private:
    void load(const QByteArray &json);
    QModelIndex at(const QString &pointer, int column = JsonTreeModel::ValueColumn) const;

    JsonTreeModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestJsonTreeModel::initTestCase()
{
    coffer::AppInfo::installTranslations();
}

void TestJsonTreeModel::init()
{
    m_model = new JsonTreeModel;
    m_tester = new QAbstractItemModelTester(m_model,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    load(tricky);
}

void TestJsonTreeModel::cleanup()
{
    delete m_tester;
    delete m_model;
}

void TestJsonTreeModel::load(const QByteArray &json)
{
    auto document = JsonDocument::parse(json);
    QVERIFY2(document.has_value(), "the test document parses");
    m_model->setDocument(std::move(*document));
}

QModelIndex TestJsonTreeModel::at(const QString &pointer, int column) const
{
    return m_model->indexForPointer(pointer).siblingAtColumn(column);
}

void TestJsonTreeModel::testShowsKeysValuesAndTypes()
{
    QCOMPARE(m_model->rowCount(), 9);
    QCOMPARE(m_model->index(0, JsonTreeModel::KeyColumn).data().toString(), u"id"_s);
    QCOMPARE(m_model->index(0, JsonTreeModel::TypeColumn).data().toString(), u"number"_s);
    QCOMPARE(at(u"/db"_s).data().toString(), u"{3 keys}"_s);
    QCOMPARE(at(u"/db/flags"_s).data().toString(), u"[3 items]"_s);
    // Array items have no key (the view draws their index); their pointer says where they are.
    QVERIFY(at(u"/db/flags/1"_s, JsonTreeModel::KeyColumn).data().toString().isEmpty());
    QCOMPARE(at(u"/db/flags/1"_s).data(JsonTreeModel::PointerRole).toString(), u"/db/flags/1"_s);
    QCOMPARE(at(u"/db/flags/2"_s).data().toString(), u"null"_s);
    QCOMPARE(at(u"/db/flags/0"_s).data().toString(), u"true"_s);
    QCOMPARE(at(u"/db/port"_s).data(JsonTreeModel::PointerRole).toString(), u"/db/port"_s);
    QVERIFY(at(u"/pem"_s).data(JsonTreeModel::MultiLineRole).toBool());
    QVERIFY(!m_model->isModified());
    QCOMPARE(m_model->toJson(), tricky);
}

void TestJsonTreeModel::testValuesAreMaskedUntilRevealed()
{
    const QModelIndex host = at(u"/db/host"_s);
    QCOMPARE(host.data().toString(), JsonTreeModel::maskText.toString());
    QVERIFY(host.data(JsonTreeModel::MaskedRole).toBool());
    // The editor the user opens on purpose gets the real text.
    QCOMPARE(host.data(Qt::EditRole).toString(), u"db.internal"_s);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setRevealed(host, true);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(host.data().toString(), u"db.internal"_s);
    QCOMPARE(at(u"/db/port"_s).data().toString(), JsonTreeModel::maskText.toString());

    m_model->setRevealAll(true);
    QCOMPARE(at(u"/id"_s).data().toString(), u"18446744073709551616"_s);
    QCOMPARE(at(u"/ratio"_s).data().toString(), u"1.10"_s);
    QCOMPARE(at(u"/name"_s).data().toString(), u"café 😀"_s);
    QCOMPARE(at(u"/pem"_s).data().toString(), u"-----BEGIN KEY-----↵MIIB↵-----END KEY-----↵"_s);
    m_model->setRevealAll(false);
    QCOMPARE(host.data().toString(), JsonTreeModel::maskText.toString());
}

void TestJsonTreeModel::testEditingOneValueKeepsEveryOtherToken()
{
    QSignalSpy modified(m_model, &JsonTreeModel::modifiedChanged);
    QVERIFY(m_model->setData(at(u"/db/port"_s), u"5433"_s));
    QCOMPARE(modified.count(), 1);
    QVERIFY(m_model->isModified());
    QByteArray expected = tricky;
    expected.replace("\"port\":5432", "\"port\":5433");
    QCOMPARE(m_model->toJson(), expected);
    QCOMPARE(m_model->undoText(), u"Change value"_s);

    // Setting the same text again records nothing.
    QVERIFY(m_model->setData(at(u"/db/port"_s), u"5433"_s));
    QCOMPARE(m_model->historyCount(), 1);
    // A string set to its own decoded value keeps its escaped token.
    QVERIFY(m_model->setData(at(u"/name"_s), u"café 😀"_s));
    QCOMPARE(m_model->historyCount(), 1);
    QCOMPARE(m_model->toJson(), expected);
}

void TestJsonTreeModel::testRenameKeyAndUndo()
{
    QVERIFY(m_model->setData(at(u"/db/host"_s, JsonTreeModel::KeyColumn), u"hostname"_s));
    QVERIFY(m_model->toJson().contains("\"hostname\":\"db.internal\""));
    QVERIFY(!at(u"/db/host"_s).isValid());
    QVERIFY(at(u"/db/hostname"_s).isValid());
    QCOMPARE(m_model->undoText(), u"Rename key"_s);

    m_model->undo();
    QVERIFY(!m_model->isModified());
    QCOMPARE(m_model->toJson(), tricky);
    m_model->redo();
    QVERIFY(at(u"/db/hostname"_s).isValid());
}

void TestJsonTreeModel::testRenameToExistingKeyIsRefused()
{
    QVERIFY(!m_model->setData(at(u"/db/host"_s, JsonTreeModel::KeyColumn), u"port"_s));
    QCOMPARE(m_model->lastError(), u"There is already a key named “port” here"_s);
    QCOMPARE(m_model->historyCount(), 0);
    // Array items have an index, not a key.
    QVERIFY(!(m_model->flags(at(u"/list/0"_s, JsonTreeModel::KeyColumn)) & Qt::ItemIsEditable));
}

void TestJsonTreeModel::testInvalidNumberIsRefused()
{
    QVERIFY(!m_model->setData(at(u"/db/port"_s), u"54x32"_s));
    QVERIFY(!m_model->lastError().isEmpty());
    QVERIFY2(!m_model->lastError().contains(u"54x32"_s), "errors never quote the value");
    QCOMPARE(m_model->toJson(), tricky);
    // A number far beyond 64 bits is fine, and kept as typed.
    QVERIFY(m_model->setData(at(u"/db/port"_s), u"123456789012345678901234567890"_s));
    QVERIFY(m_model->toJson().contains("\"port\":123456789012345678901234567890"));
}

void TestJsonTreeModel::testTypeChanges_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QByteArray>("fragment");

    QTest::newRow("number to string") << u"/db/port"_s << u"string"_s << true << QByteArray(R"("port":"5432")");
    QTest::newRow("string to number refused") << u"/db/host"_s << u"number"_s << false << QByteArray(R"("host":"db.internal")");
    QTest::newRow("object to string") << u"/db"_s << u"string"_s << true
        << QByteArray(R"("db":"{\"host\":\"db.internal\",\"port\":5432,\"flags\":[true,false,null]}")");
    QTest::newRow("array to object") << u"/list"_s << u"object"_s << true << QByteArray(R"("list":{})");
    QTest::newRow("number to null") << u"/ratio"_s << u"null"_s << true << QByteArray(R"("ratio":null)");
    QTest::newRow("unknown type") << u"/ratio"_s << u"decimal"_s << false << QByteArray(R"("ratio":1.10)");
}

void TestJsonTreeModel::testTypeChanges()
{
    QFETCH(QString, pointer);
    QFETCH(QString, type);
    QFETCH(bool, accepted);
    QFETCH(QByteArray, fragment);
    QCOMPARE(m_model->setData(at(pointer, JsonTreeModel::TypeColumn), type), accepted);
    QVERIFY2(m_model->toJson().contains(fragment), m_model->toJson().constData());
    if (accepted) {
        QCOMPARE(m_model->undoText(), u"Change type"_s);
        m_model->undo();
        QCOMPARE(m_model->toJson(), tricky);
    }
}

void TestJsonTreeModel::testAddRemoveDuplicateMove()
{
    const QModelIndex db = at(u"/db"_s, JsonTreeModel::KeyColumn);
    QVERIFY(m_model->insertValue(db, -1, u"user"_s, JsonKind::String));
    QVERIFY(m_model->setData(at(u"/db/user"_s), u"app"_s));
    QVERIFY(m_model->toJson().contains(R"("flags":[true,false,null],"user":"app"})"));
    QVERIFY(!m_model->insertValue(db, -1, u"user"_s, JsonKind::Number));

    QVERIFY(m_model->duplicateValue(at(u"/db/user"_s)));
    QVERIFY(m_model->toJson().contains(R"("user":"app","user copy":"app"})"));

    QVERIFY(m_model->moveValue(at(u"/db/user copy"_s), -1));
    QVERIFY(m_model->toJson().contains(R"("user copy":"app","user":"app"})"));

    const QModelIndex list = at(u"/list"_s, JsonTreeModel::KeyColumn);
    QVERIFY(m_model->insertValue(list, 1, {}, JsonKind::Number));
    QVERIFY(m_model->toJson().contains(R"("list":[1,0,2,3])"));
    QCOMPARE(m_model->index(3, JsonTreeModel::KeyColumn, list).data(JsonTreeModel::PointerRole).toString(),
             u"/list/3"_s);
    QVERIFY(m_model->removeValue(at(u"/list/0"_s)));
    QVERIFY(m_model->toJson().contains(R"("list":[0,2,3])"));
    QVERIFY(!m_model->removeValue(QModelIndex()));
}

void TestJsonTreeModel::testUndoEverythingGivesOriginalBytes()
{
    QVERIFY(m_model->setData(at(u"/db/port"_s), u"1"_s));
    QVERIFY(m_model->removeValue(at(u"/pem"_s)));
    QVERIFY(m_model->moveValue(at(u"/list"_s), -2));
    QVERIFY(m_model->setData(at(u"/ratio"_s, JsonTreeModel::TypeColumn), u"string"_s));
    QVERIFY(m_model->duplicateValue(at(u"/db"_s)));
    QVERIFY(m_model->isModified());
    while (m_model->canUndo())
        m_model->undo();
    QVERIFY(!m_model->isModified());
    // Not merely equivalent: the very bytes that were loaded, so a save writes nothing.
    QCOMPARE(m_model->toJson(), tricky);
}

void TestJsonTreeModel::testRawReplaceKeepsStyleAndUndoes()
{
    QByteArray edited = tricky;
    edited.replace("db.internal", "db2.internal");
    // The user's raw text is re-indented; the document keeps its own compact style.
    QVERIFY(m_model->replaceAll(edited));
    QCOMPARE(m_model->toJson(), edited);
    QCOMPARE(m_model->undoText(), u"Edit raw JSON"_s);
    m_model->undo();
    QCOMPARE(m_model->toJson(), tricky);
}

void TestJsonTreeModel::testInvalidRawJsonIsRefusedWithLineAndColumn()
{
    QVERIFY(!m_model->replaceAll("{\n  \"a\": 1,\n  \"b\": tru\n}"));
    QVERIFY2(m_model->lastError().startsWith(u"line 3, column "_s), qPrintable(m_model->lastError()));
    QCOMPARE(m_model->historyCount(), 0);
    QCOMPARE(m_model->toJson(), tricky);
}

void TestJsonTreeModel::testIndentedStyleKept()
{
    load(indented);
    QVERIFY(m_model->setData(at(u"/refresh/kid"_s), u"2025-01"_s));
    QByteArray expected = indented;
    expected.replace("\"kid\": \"2024-02\"", "\"kid\": \"2025-01\"");
    QCOMPARE(m_model->toJson(), expected);
}

void TestJsonTreeModel::testScalarRoot()
{
    load("[1, 2]");
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->replaceAll("\"just text\""));
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, JsonTreeModel::TypeColumn).data().toString(), u"string"_s);
    m_model->undo();
    QCOMPARE(m_model->rowCount(), 2);
    QCOMPARE(m_model->toJson(), QByteArray("[1, 2]"));
}

namespace {

/// A secret of real key material (made here with OpenSSL): a private key, its public key and a
/// certificate for it as PEMs, a password, and the public key again as a JWK.
QByteArray keyMaterialSecret()
{
    static const QByteArray text = [] {
        const coffer::test::TestKey key = coffer::test::rsaKey(2048);
        const std::string certificate = coffer::test::testCertificate(
            key.key.get(), "api.example", key.key.get(), "api.example", -1, 400);
        const nlohmann::ordered_json value = {
            { "private_key", key.privatePem },
            { "public_key", key.publicPem },
            { "certificate", certificate },
            { "password", "k7#Qv9!mZ2@wLp4$" },
            { "jwk",
              { { "kty", "RSA" }, { "kid", "2026-01" }, { "use", "sig" }, { "alg", "RS256" },
                { "n", key.n }, { "e", key.e } } },
        };
        return QByteArray::fromStdString(value.dump(2));
    }();
    return text;
}

bool masked(const QModelIndex &index)
{
    return index.data(JsonTreeModel::MaskedRole).toBool()
        && index.data().toString() == JsonTreeModel::maskText;
}

} // namespace

void TestJsonTreeModel::testMaskingFollowsSensitivity()
{
    load(keyMaterialSecret());
    // Public material is readable as it is; what would let someone in stays masked.
    QVERIFY(!masked(at(u"/public_key"_s)));
    QVERIFY(at(u"/public_key"_s).data().toString().startsWith(u"-----BEGIN PUBLIC KEY-----↵"));
    QVERIFY(!masked(at(u"/certificate"_s)));
    for (const QString &member : { u"kty"_s, u"kid"_s, u"use"_s, u"alg"_s, u"n"_s, u"e"_s })
        QVERIFY2(!masked(at(u"/jwk/"_s + member)), qPrintable(member));
    QVERIFY(masked(at(u"/private_key"_s)));
    QVERIFY(masked(at(u"/password"_s)));
    QVERIFY(at(u"/private_key"_s).data(JsonTreeModel::SensitiveRole).toBool());
    QVERIFY(!at(u"/public_key"_s).data(JsonTreeModel::SensitiveRole).toBool());

    // The setting that masks everything.
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setMaskPublicValues(true);
    QVERIFY(!changed.isEmpty());
    QVERIFY(masked(at(u"/public_key"_s)));
    QVERIFY(masked(at(u"/jwk/n"_s)));
    m_model->setMaskPublicValues(false);
    QVERIFY(!masked(at(u"/jwk/n"_s)));

    // What a value is follows edits: without its kty the object is no JWK, and its members
    // are masked like any other value; undo makes them public again.
    changed.clear();
    QVERIFY(m_model->setData(at(u"/jwk/kty"_s, JsonTreeModel::KeyColumn), u"type"_s));
    QVERIFY(!changed.isEmpty());
    QVERIFY(masked(at(u"/jwk/n"_s)));
    m_model->undo();
    QVERIFY(!masked(at(u"/jwk/n"_s)));
    // A private key pasted where the public one was is masked at once.
    const QString privatePem = at(u"/private_key"_s).data(Qt::EditRole).toString();
    QVERIFY(m_model->setData(at(u"/public_key"_s), privatePem));
    QVERIFY(masked(at(u"/public_key"_s)));
    // Revealing still shows a masked value, one at a time.
    m_model->setRevealed(at(u"/password"_s), true);
    QCOMPARE(at(u"/password"_s).data().toString(), u"k7#Qv9!mZ2@wLp4$"_s);
}

void TestJsonTreeModel::testTypeColumnNamesWhatAValueIs()
{
    load(keyMaterialSecret());
    const auto type = [this](const QString &pointer) {
        return at(pointer, JsonTreeModel::TypeColumn).data().toString();
    };
    QCOMPARE(type(u"/private_key"_s), u"PEM · RSA 2048 private key"_s);
    QCOMPARE(type(u"/public_key"_s), u"PEM · RSA 2048 public key"_s);
    const QString expires = QDateTime::currentDateTimeUtc().addDays(400).toString(u"yyyy-MM-dd"_s);
    QCOMPARE(type(u"/certificate"_s), u"certificate · CN=api.example · expires "_s + expires);
    QCOMPARE(type(u"/jwk"_s), u"JWK · RSA 2048 · RS256 · sig"_s);
    QCOMPARE(type(u"/password"_s), u"string"_s);
    QCOMPARE(type(u"/jwk/n"_s), u"string"_s);
    // The type editor still gets the JSON type, and the tooltip names both.
    QCOMPARE(at(u"/private_key"_s, JsonTreeModel::TypeColumn).data(Qt::EditRole).toString(), u"string"_s);
    QCOMPARE(at(u"/jwk"_s, JsonTreeModel::TypeColumn).data(Qt::ToolTipRole).toString(),
             u"JWK · RSA 2048 · RS256 · sig (JSON object)"_s);
    QCOMPARE(at(u"/jwk"_s).data(JsonTreeModel::DescriptionRole).toString(), u"JWK · RSA 2048 · RS256 · sig"_s);
    // A change of the key changes what the JWK is said to be.
    QVERIFY(m_model->setData(at(u"/jwk/alg"_s), u"PS256"_s));
    QCOMPARE(type(u"/jwk"_s), u"JWK · RSA 2048 · PS256 · sig"_s);
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "testjsontreemodel.moc"
