// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli diff end to end against the local sandbox: paths but never values unless asked,
// and diff(1)'s exit status (0 equal, 1 different, 2 trouble).
#include "models/json/jsondocument.h"
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

using CliRun = coffer::test::ProcessRun;

// Every string leaf of a JSON value (the things that must not be printed).
void collectStrings(const json::JsonNode &node, QStringList &out)
{
    if (node.kind() == json::JsonKind::String && node.stringValue().size() >= 6)
        out << node.stringValue();
    for (int row = 0; row < node.childCount(); ++row)
        collectStrings(*node.child(row), out);
}

// The lines of a unified JSON diff after the "---"/"+++" header.
QStringList changeLines(const QByteArray &out)
{
    QStringList lines = QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts);
    if (lines.size() >= 2 && lines[0].startsWith(u"--- "_s) && lines[1].startsWith(u"+++ "_s))
        lines.remove(0, 2);
    return lines;
}

} // namespace

class TestCliDiff final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testTwoSecretsShowPathsNotValues();
    void testSameSecretIsEqual();
    void testErrorsExitTwo_data();
    void testErrorsExitTwo();
    void testPutThenDiffShowsTheChangedPath();

private:
    CliRun cli(const QStringList &arguments, const QByteArray &input = {});
    QByteArray storedValue(const QString &name, const char *stage = "AWSCURRENT");

    sandbox::SandboxServer *m_server = nullptr;
};

void TestCliDiff::init()
{
    m_server = new sandbox::SandboxServer({}, this);
    QVERIFY(m_server->listen());
    QVERIFY(sandbox::DemoSeed::demo(m_server->store()).has_value());
}

void TestCliDiff::cleanup()
{
    delete m_server;
    m_server = nullptr;
}

CliRun TestCliDiff::cli(const QStringList &arguments, const QByteArray &input)
{
    const QProcessEnvironment env = coffer::test::environmentFor(
        m_server->url(), sandbox::SandboxServer::demoCredentials(), u"us-east-1"_s);
    return coffer::test::runProcess(coffer::test::cliPath(), arguments, env, input);
}

QByteArray TestCliDiff::storedValue(const QString &name, const char *stage)
{
    const auto stored = m_server->store().call(
        u"GetSecretValue", { { "SecretId", name.toStdString() }, { "VersionStage", stage } });
    if (!stored)
        return {};
    return QByteArray::fromStdString((*stored)["SecretString"].get<std::string>());
}

void TestCliDiff::testTwoSecretsShowPathsNotValues()
{
    const QString staging = u"sophon/staging/auth/jwt-keys"_s;
    const QString prod = u"sophon/prod/auth/jwt-keys"_s;
    const CliRun run = cli({ u"diff"_s, u"--secrets"_s, staging, prod });
    QVERIFY2(run.exitCode == 1, run.err.constData());
    const QString out = QString::fromUtf8(run.out);
    QVERIFY2(out.startsWith(u"--- %1 (AWSCURRENT)\n+++ %2 (AWSCURRENT)\n"_s.arg(staging, prod)),
             run.out.constData());
    const QStringList lines = changeLines(run.out);
    QVERIFY(!lines.isEmpty());
    for (const QString &line : lines) {
        QVERIFY2(line.startsWith(u"~ /access/"_s) || line.startsWith(u"~ /refresh/"_s),
                 qPrintable(line));
        QVERIFY2(line.contains(u"<hidden "_s), qPrintable(line));
    }
    QVERIFY(out.contains(u"~ /access/privateKeyPem: <hidden "_s));
    QVERIFY(out.contains(u"~ /refresh/publicKeyPem: <hidden "_s));

    // Not one value of either secret, not even a PEM line.
    QStringList values;
    for (const QString &name : { staging, prod }) {
        const auto document = json::JsonDocument::parse(storedValue(name));
        QVERIFY(document.has_value());
        collectStrings(*document->root(), values);
    }
    QVERIFY(values.size() >= 8);
    const QByteArray everything = run.out + run.err;
    for (const QString &value : std::as_const(values)) {
        QVERIFY2(!everything.contains(value.toUtf8()), "a secret value was printed");
        for (const QString &pemLine : value.split(u'\n')) {
            if (pemLine.size() >= 16 && !pemLine.startsWith(u"-----"_s))
                QVERIFY2(!everything.contains(pemLine.toUtf8()), "part of a key was printed");
        }
    }
    QVERIFY(!everything.contains("BEGIN"));

    // --json: an RFC 6902 patch, values masked too.
    const CliRun patch = cli({ u"diff"_s, u"--secrets"_s, staging, prod, u"--json"_s });
    QCOMPARE(patch.exitCode, 1);
    const QJsonArray operations = QJsonDocument::fromJson(patch.out).array();
    QVERIFY2(!operations.isEmpty(), patch.out.constData());
    for (const QJsonValue &operation : operations) {
        QCOMPARE(operation[u"op"_s].toString(), u"replace"_s);
        QVERIFY(operation[u"value"_s].toString().startsWith(u"<hidden sha256:"_s));
    }
    for (const QString &value : std::as_const(values))
        QVERIFY2(!patch.out.contains(value.toUtf8()), "a secret value was in the patch");
}

void TestCliDiff::testSameSecretIsEqual()
{
    const QString name = u"sophon/prod/auth/jwt-keys"_s;
    CliRun run = cli({ u"diff"_s, u"--secrets"_s, name, name });
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.out, QByteArray());
    run = cli({ u"diff"_s, name, u"--from"_s, u"AWSCURRENT"_s });
    QCOMPARE(run.exitCode, 0);
    run = cli({ u"diff"_s, name, u"--from"_s, u"AWSCURRENT"_s, u"--format"_s, u"patch"_s });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out, QByteArray("[]\n"));
}

void TestCliDiff::testErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("unknown secret") << QStringList { u"diff"_s, u"no/such/secret"_s }
                                    << QByteArray("ResourceNotFoundException");
    QTest::newRow("unknown second secret")
        << QStringList { u"diff"_s, u"--secrets"_s, u"pixell/prod"_s, u"no/such/secret"_s }
        << QByteArray("ResourceNotFoundException");
    QTest::newRow("unknown stage")
        << QStringList { u"diff"_s, u"pixell/prod"_s, u"--from"_s, u"NOSUCHSTAGE"_s }
        << QByteArray("ResourceNotFoundException");
    QTest::newRow("bad format") << QStringList { u"diff"_s, u"pixell/prod"_s, u"--format"_s,
                                                 u"html"_s }
                                << QByteArray("--format");
    QTest::newRow("two names without --secrets")
        << QStringList { u"diff"_s, u"pixell/prod"_s, u"pixell/dev"_s } << QByteArray("--secrets");
    QTest::newRow("--secrets with one name")
        << QStringList { u"diff"_s, u"--secrets"_s, u"pixell/prod"_s } << QByteArray("--secrets");
}

void TestCliDiff::testErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    const CliRun run = cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
    QCOMPARE(run.out, QByteArray());
}

void TestCliDiff::testPutThenDiffShowsTheChangedPath()
{
    const QString name = u"pixell/prod"_s;
    auto document = json::JsonDocument::parse(storedValue(name));
    QVERIFY(document.has_value());
    QVERIFY(document->root()->childCount() >= 3);
    const QString key = document->root()->child(1)->key();
    const QString newValue = u"Zz-new-value-7d1c93a0"_s;
    const QByteArray oldValue = document->root()->child(1)->token();
    QVERIFY(document->setAt(json::JsonPointer(QStringList { key }), json::JsonNode::makeString(newValue)));
    const CliRun put = cli({ u"put"_s, name, u"--value-stdin"_s }, document->toJson());
    QVERIFY2(put.exitCode == 0, put.err.constData());

    CliRun run = cli({ u"diff"_s, name });
    QVERIFY2(run.exitCode == 1, run.err.constData());
    QVERIFY(run.out.startsWith("--- pixell/prod@AWSPREVIOUS\n+++ pixell/prod@AWSCURRENT\n"));
    const QStringList lines = changeLines(run.out);
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(u"~ /%1: <hidden "_s.arg(key)), qPrintable(lines[0]));
    QVERIFY(!run.out.contains(newValue.toUtf8()));
    QVERIFY(!run.out.contains(oldValue));

    // --show-values: now both values are there.
    run = cli({ u"diff"_s, name, u"--show-values"_s });
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(changeLines(run.out),
             QStringList { u"~ /%1: %2 → \"%3\""_s.arg(key, QString::fromUtf8(oldValue), newValue) });

    // --json: one replace operation, masked.
    run = cli({ u"diff"_s, name, u"--json"_s });
    QCOMPARE(run.exitCode, 1);
    const QJsonArray operations = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(operations.size(), 1);
    QCOMPARE(operations[0][u"op"_s].toString(), u"replace"_s);
    QCOMPARE(operations[0][u"path"_s].toString(), u"/"_s + key);
    QVERIFY(operations[0][u"value"_s].toString().startsWith(u"<hidden sha256:"_s));

    // The same versions by id.
    const auto previous = m_server->store().call(
        u"GetSecretValue",
        { { "SecretId", name.toStdString() }, { "VersionStage", "AWSPREVIOUS" } });
    QVERIFY(previous.has_value());
    const QString previousId = QString::fromStdString((*previous)["VersionId"].get<std::string>());
    const CliRun byId = cli({ u"diff"_s, name, u"--from"_s, previousId });
    QCOMPARE(byId.exitCode, 1);
    QCOMPARE(changeLines(byId.out), lines);
    QVERIFY(byId.out.startsWith((u"--- pixell/prod@"_s + previousId + u'\n').toUtf8()));
}

QTEST_GUILESS_MAIN(TestCliDiff)
#include "testclidiff.moc"
