// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ExactPlainText: a text keeps its line endings and special spaces through an editor that
// normalizes them, wherever the user did not type.

#include "models/editor/exactplaintext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using coffer::ExactPlainText;

namespace {

/// What QPlainTextEdit::toPlainText() makes of a text it was given (LF kept; U+2028, U+2029 to
/// LF; U+00A0 to a space).
QString asTheEditorGivesItBack(QString text)
{
    return text.replace(QChar(0x2028), u'\n').replace(QChar(0x2029), u'\n').replace(QChar(0x00A0), u' ');
}

} // namespace

class TestExactPlainText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testMerge_data()
    {
        QTest::addColumn<QString>("original");
        QTest::addColumn<QString>("shownAfterEdit");   // the editor's text after the user's edit, "|" = nothing
        QTest::addColumn<QString>("expected");
        QTest::newRow("untouched CRLF") << u"a\r\nb\r\n"_s << u"a\nb\n"_s << u"a\r\nb\r\n"_s;
        QTest::newRow("typed at the end of CRLF") << u"a\r\nb\r\n"_s << u"a\nb\nc\nd"_s << u"a\r\nb\r\nc\r\nd"_s;
        QTest::newRow("typed in the middle") << u"a=1\r\nb=2\r\n"_s << u"a=9\nb=2\n"_s << u"a=9\r\nb=2\r\n"_s;
        QTest::newRow("old Mac CR") << u"x\ry\r"_s << u"x\ny\nz"_s << u"x\ry\rz"_s;
        QTest::newRow("no-break space kept") << u"two\u00a0words and more"_s << u"two words and more!"_s
                                             << u"two\u00a0words and more!"_s;
        QTest::newRow("line separators kept") << u"p\u2028q\u2029r"_s << u"p\nq\nr."_s << u"p\u2028q\u2029r."_s;
        QTest::newRow("mixed keeps each") << u"a\r\nb\nc\r\n"_s << u"a\nb\nc\nd"_s << u"a\r\nb\nc\r\nd"_s;
        QTest::newRow("deleted a CRLF") << u"a\r\nb"_s << u"ab"_s << u"ab"_s;
        QTest::newRow("replaced all") << u"a\r\nb"_s << u"new"_s << u"new"_s;
        QTest::newRow("emptied") << u"a\r\nb"_s << QString() << QString();
        QTest::newRow("LF text types LF") << u"a\nb"_s << u"a\nb\nc"_s << u"a\nb\nc"_s;
    }

    void testMerge()
    {
        QFETCH(QString, original);
        QFETCH(QString, shownAfterEdit);
        QFETCH(QString, expected);
        ExactPlainText exact(original);
        QVERIFY(!exact.forDisplay().contains(u'\r'));
        exact.setBaseline(asTheEditorGivesItBack(exact.forDisplay()));
        QCOMPARE(exact.merged(asTheEditorGivesItBack(exact.forDisplay())), original);
        QCOMPARE(exact.merged(shownAfterEdit), expected);
    }

    void testUnknownEditorGivesTheEditAsIs()
    {
        ExactPlainText exact(u"a\r\nb"_s);
        exact.setBaseline(u"something else entirely"_s);
        QCOMPARE(exact.merged(u"typed"_s), u"typed"_s);
    }
};

QTEST_GUILESS_MAIN(TestExactPlainText)
#include "testexactplaintext.moc"
