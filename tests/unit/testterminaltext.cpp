// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// terminalSafe(): what a value may and may not do to a terminal it is printed on.

#include "models/core/terminaltext.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestTerminalText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testEscapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << u"postgres://db:5432"_s << u"postgres://db:5432"_s;
        QTest::newRow("newline and tab stay") << u"a\n\tb\n"_s << u"a\n\tb\n"_s;
        QTest::newRow("escape sequence") << u"\x1b[2J"_s << u"\\e[2J"_s;
        QTest::newRow("window title") << u"\x1b]0;pwned\x07"_s << u"\\e]0;pwned\\x07"_s;
        QTest::newRow("carriage return") << u"shown\rhidden"_s << u"shown\\rhidden"_s;
        QTest::newRow("backspace and DEL") << u"a\bb\x7f"_s << u"a\\x08b\\x7f"_s;
        QTest::newRow("C1 CSI") << QString(QChar(0x9B)) + u"2J"_s << u"\\u{9b}2J"_s;
        QTest::newRow("bidi override") << u"abc\u202Etxt.exe"_s << u"abc\\u{202e}txt.exe"_s;
        QTest::newRow("bidi isolate") << u"\u2066x\u2069"_s << u"\\u{2066}x\\u{2069}"_s;
        QTest::newRow("other scripts and emoji") << u"café 東京 🔑"_s << u"café 東京 🔑"_s;
        QTest::newRow("backslash stays") << u"C:\\path"_s << u"C:\\path"_s;
    }

    void testEscapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, shown);
        QCOMPARE(coffer::terminalSafe(text), shown);
    }
};

QTEST_GUILESS_MAIN(TestTerminalText)
#include "testterminaltext.moc"
