// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// TextDiff: its unified output must be GNU diff's (`diff -u`), hunk for hunk, so a reviewer can
// paste it anywhere a patch is expected.
#include "models/diff/textdiff.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::diff::TextDiff;

namespace {

QString lines(int from, int to, const QString &prefix = u"line"_s)
{
    QString text;
    for (int i = from; i <= to; ++i)
        text += u"%1 %2\n"_s.arg(prefix).arg(i);
    return text;
}

// GNU diff's unified output with fixed labels (no time stamps).
QString gnuDiff(const QString &oldText, const QString &newText, int context, bool minimal = false)
{
    QTemporaryDir dir;
    const QString oldPath = dir.filePath(u"old"_s);
    const QString newPath = dir.filePath(u"new"_s);
    for (const auto &[path, text] : { std::pair { oldPath, oldText }, std::pair { newPath, newText } }) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return u"(cannot write)"_s;
        file.write(text.toUtf8());
    }
    QProcess process;
    QStringList arguments { u"-U"_s + QString::number(context), u"--label"_s, u"a"_s,
                            u"--label"_s, u"b"_s };
    if (minimal)
        arguments << u"--minimal"_s;
    process.start(u"/usr/bin/diff"_s, arguments << oldPath << newPath);
    process.waitForFinished(30000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

// Applies the hunks to the old text (checking every context and removed line): the new text.
QString applyHunks(const TextDiff &diff, bool &ok)
{
    ok = true;
    QStringList out;
    int next = 1; // next old line to copy
    for (const TextDiff::Hunk &hunk : diff.hunks(2)) {
        const int firstOld = hunk.oldCount == 0 ? hunk.oldStart + 1 : hunk.oldStart;
        for (; next < firstOld; ++next)
            out << diff.oldLine(next).toString();
        for (const TextDiff::HunkLine &line : hunk.lines) {
            if (line.kind == TextDiff::LineKind::Added) {
                out << diff.newLine(line.newLine).toString();
                continue;
            }
            if (line.oldLine != next)
                ok = false;
            if (line.kind == TextDiff::LineKind::Context)
                out << diff.oldLine(line.oldLine).toString();
            ++next;
        }
    }
    for (; next <= diff.oldLineCount(); ++next)
        out << diff.oldLine(next).toString();
    return out.isEmpty() ? QString() : out.join(u'\n') + u'\n';
}

} // namespace

class TestTextDiff final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testMatchesGnuDiff_data();
    void testMatchesGnuDiff();
    void testMinimalLikeGnuDiff();
    void testHunkLines();
    void testEqualTexts();
    void testLargeText();
};

void TestTextDiff::initTestCase()
{
    if (!QFile::exists(u"/usr/bin/diff"_s))
        QSKIP("GNU diff is not installed");
}

void TestTextDiff::testMatchesGnuDiff_data()
{
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<int>("context");

    const QString base = lines(1, 20);
    QString changed = base;
    changed.replace(u"line 10\n"_s, u"line ten\n"_s);
    QTest::newRow("one line changed") << base << changed << 3;
    QTest::newRow("one line changed, -U0") << base << changed << 0;
    QTest::newRow("one line changed, -U1") << base << changed << 1;
    QTest::newRow("insert at start") << base << u"new first\n"_s + base << 3;
    QTest::newRow("insert at end") << base << base + u"new last\n"_s << 3;
    QTest::newRow("insert in middle -U0")
        << base << lines(1, 5) + u"inserted\n"_s + lines(6, 20) << 0;
    QTest::newRow("delete in middle") << base << lines(1, 7) + lines(11, 20) << 3;
    QTest::newRow("delete in middle -U0") << base << lines(1, 7) + lines(11, 20) << 0;
    QTest::newRow("two hunks far apart")
        << lines(1, 40) << lines(1, 4) + u"x\n"_s + lines(6, 34) + u"y\n"_s + lines(36, 40) << 3;
    QTest::newRow("two changes merged into one hunk")
        << lines(1, 40) << lines(1, 9) + u"x\n"_s + lines(11, 15) + u"y\n"_s + lines(17, 40) << 3;
    QTest::newRow("changes exactly 2*context apart")
        << lines(1, 40) << lines(1, 9) + u"x\n"_s + lines(11, 16) + u"y\n"_s + lines(18, 40) << 3;
    QTest::newRow("changes 2*context+1 apart")
        << lines(1, 40) << lines(1, 9) + u"x\n"_s + lines(11, 17) + u"y\n"_s + lines(19, 40) << 3;
    QTest::newRow("replace block")
        << lines(1, 12) << lines(1, 4) + lines(1, 3, u"other"_s) + lines(9, 12) << 3;
    QTest::newRow("old empty") << QString() << lines(1, 3) << 3;
    QTest::newRow("new empty") << lines(1, 3) << QString() << 3;
    QTest::newRow("no newline at end, both") << u"a\nb\nc"_s << u"a\nB\nc"_s << 3;
    QTest::newRow("no newline at end, old") << u"a\nb\nc"_s << u"a\nb\nc\n"_s << 3;
    QTest::newRow("no newline at end, new") << u"a\nb\nc\n"_s << u"a\nb\nc"_s << 3;
    QTest::newRow("no newline, last changed") << u"a\nb\nc"_s << u"a\nb\nd"_s << 3;
    QTest::newRow("crlf") << u"a\r\nb\r\nc\r\n"_s << u"a\r\nB\r\nc\r\n"_s << 3;
    QTest::newRow("crlf to lf") << u"a\r\nb\r\n"_s << u"a\nb\n"_s << 3;
    QTest::newRow("unicode") << u"clé=été\nπ=3.14\n🔑=🙂\n"_s << u"clé=hiver\nπ=3.14\n🔑=🙃\n"_s
                             << 3;
    QTest::newRow("pem") << u"-----BEGIN KEY-----\nAAAA\nBBBB\nCCCC\n-----END KEY-----\n"_s
                         << u"-----BEGIN KEY-----\nAAAA\nBBBX\nCCCC\n-----END KEY-----\n"_s << 3;
}

void TestTextDiff::testMatchesGnuDiff()
{
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(int, context);

    const TextDiff diff = TextDiff::compare(oldText, newText);
    QCOMPARE(diff.unified(u"a"_s, u"b"_s, context), gnuDiff(oldText, newText, context));
    QVERIFY(!diff.isEmpty());
    QVERIFY(diff.isExact());
}

// On random texts over a small alphabet the alignment is ambiguous, so only the amount of
// change is compared with `diff --minimal` (both minimal), and the hunks must rebuild the text.
void TestTextDiff::testMinimalLikeGnuDiff()
{
    QRandomGenerator random(7);
    for (int round = 0; round < 40; ++round) {
        auto randomText = [&random](int count) {
            QString text;
            for (int i = 0; i < count; ++i)
                text += QChar(u'a' + int(random.bounded(5))) + u'\n';
            return text;
        };
        const QString oldText = randomText(int(random.bounded(1, 40)));
        const QString newText = randomText(int(random.bounded(1, 40)));
        const TextDiff diff = TextDiff::compare(oldText, newText);
        const QString gnu = gnuDiff(oldText, newText, 0, true);
        const qsizetype gnuRemoved = gnu.count(u"\n-"_s) - 1; // minus the "---" header
        const qsizetype gnuAdded = gnu.count(u"\n+"_s);
        QCOMPARE(diff.removedLines() + diff.addedLines(), int(gnuRemoved + gnuAdded));
        bool ok = false;
        QCOMPARE(applyHunks(diff, ok), newText);
        QVERIFY(ok);
    }
}

void TestTextDiff::testHunkLines()
{
    const TextDiff diff = TextDiff::compare(u"a\nb\nc\nd\n"_s, u"a\nc\nd\ne\n"_s);
    QCOMPARE(diff.removedLines(), 1);
    QCOMPARE(diff.addedLines(), 1);
    const QList<TextDiff::Hunk> hunks = diff.hunks(0);
    QCOMPARE(hunks.size(), 2);
    QCOMPARE(hunks[0].header(), u"@@ -2 +1,0 @@"_s);
    QCOMPARE(hunks[0].lines.size(), 1);
    QCOMPARE(hunks[0].lines[0].kind, TextDiff::LineKind::Removed);
    QCOMPARE(hunks[0].lines[0].oldLine, 2);
    QCOMPARE(diff.oldLine(2), u"b");
    QCOMPARE(hunks[1].header(), u"@@ -4,0 +4 @@"_s);
    QCOMPARE(hunks[1].lines[0].newLine, 4);
    QCOMPARE(diff.newLine(4), u"e");
}

void TestTextDiff::testEqualTexts()
{
    const TextDiff diff = TextDiff::compare(lines(1, 50), lines(1, 50));
    QVERIFY(diff.isEmpty());
    QVERIFY(diff.hunks().isEmpty());
    QCOMPARE(diff.unified(u"a"_s, u"b"_s), QString());
    QVERIFY(TextDiff::compare(QString(), QString()).isEmpty());
}

void TestTextDiff::testLargeText()
{
    QString oldText = lines(1, 10000);
    QString newText = oldText;
    for (int i = 100; i < 10000; i += 500)
        newText.replace(u"line %1\n"_s.arg(i), u"changed %1\n"_s.arg(i));
    const TextDiff diff = TextDiff::compare(oldText, newText);
    QCOMPARE(diff.removedLines(), 20);
    QCOMPARE(diff.addedLines(), 20);
    QCOMPARE(diff.unified(u"a"_s, u"b"_s), gnuDiff(oldText, newText, 3));
}

QTEST_GUILESS_MAIN(TestTextDiff)
#include "testtextdiff.moc"
