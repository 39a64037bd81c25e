// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The two executables as a user runs them: --version, --help, and coffer --screenshot writing a
// real PNG without a display. Also checks that coffer-cli links no Qt Widgets.
#include "tests/support/testenv.h"

#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(60000)) {
        process.kill();
        result.err = u"timed out"_s;
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}
} // namespace

class TestCommandLine final : public QObject
{
    Q_OBJECT

private slots:
    void testVersion_data();
    void testVersion();
    void testHelp_data();
    void testHelp();
    void testScreenshotWithoutDisplay();
    void testScreenshotToUnwritablePathFails();
    void testScreenshotWindowSize();
    void testCliLinksNoWidgets();
    void testSchemaOption();
};

void TestCommandLine::testVersion_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("name");
    QTest::newRow("coffer") << coffer::test::guiPath() << u"coffer"_s;
    QTest::newRow("coffer-cli") << coffer::test::cliPath() << u"coffer-cli"_s;
}

void TestCommandLine::testVersion()
{
    QFETCH(QString, program);
    QFETCH(QString, name);
    const Run result = run(program, {u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(name + u" 0."_s), qPrintable(result.out));
    QVERIFY(result.out.contains(u"Qt 6."_s));
    QVERIFY(result.out.contains(u"OpenSSL 3"_s));
}

void TestCommandLine::testHelp_data()
{
    testVersion_data();
}

void TestCommandLine::testHelp()
{
    QFETCH(QString, program);
    const Run result = run(program, {u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(u"Usage:"_s));
    QVERIFY(result.out.contains(u"--version"_s));
}

void TestCommandLine::testScreenshotWithoutDisplay()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(u"main window.png"_s);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // As on a server: no display, and no platform chosen by the caller.
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    const Run result = run(coffer::test::guiPath(), {u"--screenshot"_s, png}, environment);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(QFileInfo(result.out.trimmed()).canonicalFilePath(), QFileInfo(png).canonicalFilePath());

    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY2(image.width() >= 800 && image.height() >= 500,
             qPrintable(u"%1x%2"_s.arg(image.width()).arg(image.height())));
    // A real rendering has text and chrome: many distinct colours, not a blank rectangle.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(u"only %1 colours"_s.arg(colours.size())));
}

void TestCommandLine::testScreenshotToUnwritablePathFails()
{
    const Run result = run(coffer::test::guiPath(),
                           {u"--screenshot"_s, u"/nonexistent-dir/shot.png"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"could not write the screenshot"_s), qPrintable(result.err));
}

void TestCommandLine::testScreenshotWindowSize()
{
    QTemporaryDir dir;
    const QString png = dir.filePath(u"small.png"_s);
    const Run result = run(coffer::test::guiPath(), {u"--screenshot"_s, png, u"--window-size"_s, u"1000x700"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QImage image(png);
    QCOMPARE(image.size() / image.devicePixelRatio(), QSize(1000, 700));

    for (const QString &bad : {u"1000"_s, u"1000x"_s, u"99x99"_s, u"wide"_s}) {
        const Run refused = run(coffer::test::guiPath(), {u"--screenshot"_s, png, u"--window-size"_s, bad});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains(u"--window-size takes WIDTHxHEIGHT"_s), qPrintable(refused.err));
    }
}

void TestCommandLine::testCliLinksNoWidgets()
{
    const Run result = run(u"readelf"_s, {u"--dynamic"_s, coffer::test::cliPath()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(u"libQt6Core"_s));
    QVERIFY2(!result.out.contains(u"libQt6Widgets"_s), "coffer-cli must not link Qt Widgets");
    QVERIFY2(!result.out.contains(u"libQt6Gui"_s), "coffer-cli must not link Qt Gui");
}

void TestCommandLine::testSchemaOption()
{
    QTemporaryDir dir;
    // A set that does not parse: the window does not open, and the error says where.
    const QString broken = dir.filePath(u"broken.json"_s);
    QFile file(broken);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"schemas\": [");
    file.close();
    const QString png = dir.filePath(u"shot.png"_s);
    const Run refused = run(coffer::test::guiPath(), {u"--schema"_s, broken, u"--screenshot"_s, png});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.startsWith(u"coffer: "_s) && refused.err.contains(u"broken.json"_s),
             qPrintable(refused.err));
    QVERIFY(!QFileInfo::exists(png));

    // A good one is used for the run.
    const QString good = dir.filePath(u"good.json"_s);
    QFile goodFile(good);
    QVERIFY(goodFile.open(QIODevice::WriteOnly));
    goodFile.write("{\"schemas\":[{\"match\":\"**\",\"schema\":{\"type\":\"object\"}}]}");
    goodFile.close();
    const Run result = run(coffer::test::guiPath(), {u"--schema"_s, good, u"--screenshot"_s, png});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(QFileInfo::exists(png));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "testcommandline.moc"
