// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Every fuzz target (fuzz/fuzztargets.h) over its seed corpus (fuzz/corpus/<target>/) and over
// the inputs that once crashed it (tests/data/fuzz/<target>/), in the regular build, so a fixed
// crash stays fixed without libFuzzer. A regression shows as a crash, a sanitizer report (in the
// asan preset) or a trap of the target's invariant.

#include "fuzz/fuzztargets.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

class TestFuzzRegressions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testEveryTargetHasSeeds_data();
    void testEveryTargetHasSeeds();
    void testInputsRunCleanly_data();
    void testInputsRunCleanly();
};

namespace {

QStringList inputFiles(const QString &folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

QString corpusDir(const char *target)
{
    return coffer::test::sourceDir() + u"/fuzz/corpus/"_s + QString::fromLatin1(target);
}

QString regressionDir(const char *target)
{
    return coffer::test::sourceDir() + u"/tests/data/fuzz/"_s + QString::fromLatin1(target);
}

} // namespace

void TestFuzzRegressions::testEveryTargetHasSeeds_data()
{
    QTest::addColumn<QString>("folder");
    for (const coffer::fuzz::FuzzTarget &target : coffer::fuzz::fuzzTargets())
        QTest::newRow(target.name) << corpusDir(target.name);
}

void TestFuzzRegressions::testEveryTargetHasSeeds()
{
    QFETCH(QString, folder);
    QVERIFY2(!inputFiles(folder).isEmpty(), qPrintable(u"no seed inputs in "_s + folder));
}

void TestFuzzRegressions::testInputsRunCleanly_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<QString>("path");
    const auto targets = coffer::fuzz::fuzzTargets();
    for (qsizetype i = 0; i < qsizetype(targets.size()); ++i) {
        for (const QString &folder : { corpusDir(targets[i].name), regressionDir(targets[i].name) }) {
            for (const QString &path : inputFiles(folder)) {
                const QString row = QDir(coffer::test::sourceDir()).relativeFilePath(path);
                QTest::newRow(qPrintable(row)) << int(i) << path;
            }
        }
    }
}

void TestFuzzRegressions::testInputsRunCleanly()
{
    QFETCH(int, target);
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    const coffer::fuzz::FuzzTarget &entry = coffer::fuzz::fuzzTargets()[size_t(target)];
    QCOMPARE(entry.run(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size())), 0);
}

QTEST_GUILESS_MAIN(TestFuzzRegressions)
#include "testfuzzregressions.moc"
