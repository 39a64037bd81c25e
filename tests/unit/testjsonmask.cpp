// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// json::maskedJsonText: what the raw editor shows while values are masked. Every string and
// number value goes, whatever it holds (escaped quotes, a colon, a PEM); keys, booleans, null
// and the layout stay byte for byte.

#include "models/json/jsonmask.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonMask final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testMask_data();
    void testMask();
};

void TestJsonMask::testMask_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("masked");
    QTest::newRow("compact") << uR"({"a":"x","b":12,"c":true,"d":null})"_s
                             << uR"({"a":"#","b":#,"c":true,"d":null})"_s;
    QTest::newRow("layout kept") << u"{\n  \"a\" : \"x\",\n\t\"b\":  -1.5e+3\n}\n"_s
                                 << u"{\n  \"a\" : \"#\",\n\t\"b\":  #\n}\n"_s;
    QTest::newRow("escaped quote and colon in a value")
        << uR"({"k":"a\":\"b","n":"\\"})"_s << uR"({"k":"#","n":"#"})"_s;
    QTest::newRow("escaped quote in a key") << uR"({"a\"b":"v"})"_s << uR"({"a\"b":"#"})"_s;
    QTest::newRow("nested") << uR"({"o":{"p":[1,"two",{"q":3}]},"e":[],"f":{}})"_s
                            << uR"({"o":{"p":[#,"#",{"q":#}]},"e":[],"f":{}})"_s;
    QTest::newRow("a PEM") << uR"({"pem":"-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n"})"_s
                           << uR"({"pem":"#"})"_s;
    QTest::newRow("scalar root") << u"\"only\""_s << u"\"#\""_s;
    QTest::newRow("number root") << u"42"_s << u"#"_s;
    QTest::newRow("unicode") << uR"({"café":"😀"})"_s << uR"({"café":"#"})"_s;
}

void TestJsonMask::testMask()
{
    QFETCH(QString, json);
    QFETCH(QString, masked);
    QCOMPARE(coffer::json::maskedJsonText(json, u"#"), masked);
}

QTEST_GUILESS_MAIN(TestJsonMask)
#include "testjsonmask.moc"
