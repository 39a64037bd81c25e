// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Several `coffer-cli set` processes at once on one secret, against the sandbox over real HTTP:
// every edit reported as saved is in the final value. (With check-then-put, eight writers over
// six rounds once lost a third of their acknowledged edits.)

#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/testenv.h"
#include "tests/support/processrun.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace coffer;
using sandbox::Json;

class TestConcurrentWriters final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testEveryAcknowledgedEditSurvives()
    {
        const QString cli = qEnvironmentVariable("COFFER_CLI");
        if (cli.isEmpty())
            QSKIP("COFFER_CLI is not set (run through ctest)");
        sandbox::SandboxServer server;
        QVERIFY(server.listen());
        QVERIFY(server.store().call(u"CreateSecret", {{"Name", "pixell/prod"}, {"SecretString", "{\"DB_PORT\": 5432}"}})
                        .has_value());
        const QProcessEnvironment environment
                = test::environmentFor(server.url(), sandbox::SandboxServer::demoCredentials(), u"us-east-1"_s);

        constexpr int writers = 8;
        constexpr int rounds = 6;
        QMap<int, int> lastAcknowledged;   // writer -> the round of its last edit reported saved
        int acknowledged = 0;
        int conflicts = 0;
        for (int round = 1; round <= rounds; ++round) {
            std::vector<std::unique_ptr<QProcess>> processes;
            for (int writer = 0; writer < writers; ++writer) {
                auto process = std::make_unique<QProcess>();
                process->setProcessEnvironment(environment);
                process->start(cli, {u"set"_s, u"pixell/prod"_s, u"/W%1"_s.arg(writer), QString::number(round)});
                processes.push_back(std::move(process));
            }
            QElapsedTimer clock;
            clock.start();
            const auto running = [&] {
                return std::any_of(processes.begin(), processes.end(),
                                   [](const auto &process) { return process->state() != QProcess::NotRunning; });
            };
            while (running() && clock.elapsed() < 60000)
                QTest::qWait(20);
            for (int writer = 0; writer < writers; ++writer) {
                QProcess &process = *processes[writer];
                QCOMPARE(process.exitStatus(), QProcess::NormalExit);
                const QByteArray err = process.readAllStandardError();
                if (process.exitCode() == 0) {
                    lastAcknowledged[writer] = round;
                    ++acknowledged;
                } else {
                    // The only acceptable failure is a conflict that wrote nothing.
                    QVERIFY2(err.contains("VersionConflict") || err.contains("someone saved"), err.constData());
                    ++conflicts;
                }
            }
        }

        const auto value = server.store().call(u"GetSecretValue", {{"SecretId", "pixell/prod"}});
        QVERIFY(value.has_value());
        const Json final = Json::parse(value->value("SecretString", std::string()));
        for (auto it = lastAcknowledged.cbegin(); it != lastAcknowledged.cend(); ++it) {
            const std::string key = "W" + std::to_string(it.key());
            QVERIFY2(final.contains(key), key.c_str());
            QVERIFY2(final[key] == Json(it.value()), (final[key]).dump().c_str());
        }
        QVERIFY2(final["DB_PORT"] == Json(5432), (final["DB_PORT"]).dump().c_str());
        QVERIFY(acknowledged >= rounds);   // at least one writer wins each round
        qInfo("%d edits acknowledged, %d refused as conflicts", acknowledged, conflicts);

        // No save left its private label behind.
        const auto described = server.store().call(u"DescribeSecret", {{"SecretId", "pixell/prod"}});
        QVERIFY(described.has_value());
        QVERIFY(!QByteArray::fromStdString(described->dump()).contains("COFFER_SAVE_"));
    }
};

QTEST_GUILESS_MAIN(TestConcurrentWriters)
#include "testconcurrentwriters.moc"
