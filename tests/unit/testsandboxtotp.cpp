// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SandboxTotp against RFC 6238's published SHA-1 vectors (the last 6 of their 8 digits) and
// RFC 4648's base32 examples; drift is accepted one step either way and no further.

#include "models/sandbox/sandboxtotp.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using coffer::sandbox::SandboxTotp;

class TestSandboxTotp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testRfc6238Vectors_data()
    {
        QTest::addColumn<qint64>("unixTime");
        QTest::addColumn<QString>("expected");
        QTest::newRow("59") << qint64(59) << u"287082"_s;
        QTest::newRow("1111111109") << qint64(1111111109) << u"081804"_s;
        QTest::newRow("1111111111") << qint64(1111111111) << u"050471"_s;
        QTest::newRow("1234567890") << qint64(1234567890) << u"005924"_s;
        QTest::newRow("2000000000") << qint64(2000000000) << u"279037"_s;
        QTest::newRow("20000000000") << qint64(20000000000) << u"353130"_s;
    }

    void testRfc6238Vectors()
    {
        QFETCH(qint64, unixTime);
        QFETCH(QString, expected);
        // "12345678901234567890" in base32, as an authenticator app would be given it.
        const auto seed = SandboxTotp::decodeBase32(u"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        QVERIFY(seed.has_value());
        QCOMPARE(*seed, "12345678901234567890"_ba);
        const QDateTime time = QDateTime::fromSecsSinceEpoch(unixTime, Qt::UTC);
        QCOMPARE(SandboxTotp::code(*seed, time), expected);
        QVERIFY(SandboxTotp::verify(*seed, expected, time));
    }

    void testBase32_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("f") << u"MY======"_s << "f"_ba;
        QTest::newRow("fo") << u"MZXQ===="_s << "fo"_ba;
        QTest::newRow("foob") << u"MZXW6YQ="_s << "foob"_ba;
        QTest::newRow("foobar") << u"MZXW6YTBOI======"_s << "foobar"_ba;
        QTest::newRow("lowercase, spaces") << u"mzxw 6ytb oi"_s << "foobar"_ba;
    }

    void testBase32()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, decoded);
        QCOMPARE(SandboxTotp::decodeBase32(text).value_or(QByteArray()), decoded);
    }

    void testBase32Refused()
    {
        QVERIFY(!SandboxTotp::decodeBase32(u"").has_value());
        QVERIFY(!SandboxTotp::decodeBase32(u"MZXW1").has_value()); // 1 is not base32
        QVERIFY(!SandboxTotp::decodeBase32(u"MZXW6-YQ").has_value());
    }

    void testDrift()
    {
        const QByteArray seed = "12345678901234567890"_ba;
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1111111111, Qt::UTC);
        const QString previous = SandboxTotp::code(seed, now.addSecs(-30));
        const QString next = SandboxTotp::code(seed, now.addSecs(30));
        const QString twoBack = SandboxTotp::code(seed, now.addSecs(-60));
        const QString twoAhead = SandboxTotp::code(seed, now.addSecs(60));
        QVERIFY(SandboxTotp::verify(seed, previous, now));
        QVERIFY(SandboxTotp::verify(seed, next, now));
        QVERIFY(!SandboxTotp::verify(seed, twoBack, now));
        QVERIFY(!SandboxTotp::verify(seed, twoAhead, now));
        QVERIFY(!SandboxTotp::verify(seed, previous, now, 0));
    }

    void testMalformedCodes()
    {
        const QByteArray seed = "12345678901234567890"_ba;
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1111111111, Qt::UTC);
        QVERIFY(!SandboxTotp::verify(seed, u"", now));
        QVERIFY(!SandboxTotp::verify(seed, u"50471", now));
        QVERIFY(!SandboxTotp::verify(seed, u"0504710", now));
        QVERIFY(!SandboxTotp::verify({}, u"050471", now));
    }
};

QTEST_GUILESS_MAIN(TestSandboxTotp)
#include "testsandboxtotp.moc"
