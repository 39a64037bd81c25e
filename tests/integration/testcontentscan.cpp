// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ContentScan (models/content) against an in-process sandbox that answers late: several secrets
// are read at once, and what each one holds is still reported under its own name, in the order
// the names were given, whatever order the answers come back in.

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/content/contentscan.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using content::ContentFinding;
using content::ContentScan;

namespace {

QString secretName(int i)
{
    return u"scan/app/s%1"_s.arg(i, 2, 10, QChar(u'0'));
}

bool hasFinding(const QList<ContentFinding> &findings, const QString &id)
{
    return std::ranges::any_of(findings, [&](const ContentFinding &f) { return f.id == id; });
}

} // namespace

class TestContentScan final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    aws::AwsClient *m_transport = nullptr;
    aws::SecretsManagerClient *m_client = nullptr;

    /// What a scan reported.
    struct Run
    {
        /// The names in the order reported: "name" for findings, "!name" for a failure.
        QStringList order;
        QHash<QString, QList<ContentFinding>> findings;
        QHash<QString, QString> errors;
        /// How many ListSecretVersionIds answers the sandbox had sent when the first secret
        /// was reported.
        int listsBeforeFirstReport = -1;
        qsizetype finishedSignals = 0;
    };

    Run scan(const QStringList &names, int concurrency)
    {
        Run run;
        int lists = 0;
        const auto counter = connect(m_server.get(), &sandbox::SandboxServer::requestHandled, this,
                                     [&lists](const QString &operation, int) {
                                         if (operation.endsWith(u"ListSecretVersionIds"))
                                             ++lists;
                                     });
        ContentScan scan(m_client, names, false);
        scan.setConcurrency(concurrency);
        connect(&scan, &ContentScan::secretInspected, this,
                [&](const QString &name, const QList<ContentFinding> &findings) {
                    if (run.listsBeforeFirstReport < 0)
                        run.listsBeforeFirstReport = lists;
                    run.order.append(name);
                    run.findings.insert(name, findings);
                });
        connect(&scan, &ContentScan::secretFailed, this,
                [&](const QString &name, const aws::AwsError &error) {
                    if (run.listsBeforeFirstReport < 0)
                        run.listsBeforeFirstReport = lists;
                    run.order.append(u'!' + name);
                    run.errors.insert(name, error.code);
                });
        QSignalSpy finished(&scan, &ContentScan::finished);
        scan.start();
        if (finished.isEmpty())
            finished.wait(30000);
        disconnect(counter);
        run.finishedSignals = finished.size();
        return run;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<sandbox::SandboxServer>();
        QVERIFY(m_server->listen());
        auto &store = m_server->store();
        for (int i = 0; i < 12; ++i) {
            const std::string value = i == 3 ? R"({"password": "changeme"})"
                                             : R"({"password": "k7#Qv9!mZ2@wLp4$"})";
            QVERIFY(store.call(u"CreateSecret", {{"Name", secretName(i).toStdString()},
                                                 {"SecretString", value}}).has_value());
        }
        // The first secret has history: one more round trip than the others, so its answer
        // comes last of the first eight.
        for (int v = 0; v < 3; ++v) {
            const std::string value = "{\"password\": \"old-" + std::to_string(v) + "-k7#Qv9!mZ2@wLp4$\"}";
            QVERIFY(store.call(u"PutSecretValue", {{"SecretId", secretName(0).toStdString()},
                                                   {"SecretString", value}}).has_value());
        }
        sandbox::SandboxFaults faults;
        faults.latency = std::chrono::milliseconds(60);
        m_server->setFaults(faults);

        m_transport = new aws::AwsClient(this);
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = m_server->url();
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(
            sandbox::SandboxServer::demoCredentials());
        config.maxAttempts = 1;
        m_client = new aws::SecretsManagerClient(m_transport, config, this);
    }

    void cleanup()
    {
        delete m_client;
        delete m_transport;
        m_client = nullptr;
        m_transport = nullptr;
        m_server.reset();
    }

    void testReadsSeveralAtOnceAndReportsInOrder()
    {
        QStringList names;
        for (int i = 0; i < 12; ++i) {
            names.append(secretName(i));
            if (i == 5)
                names.append(u"scan/app/missing"_s);
        }
        const Run run = scan(names, 8);
        QCOMPARE(run.finishedSignals, 1);

        QStringList expected = names;
        expected[6] = u"!scan/app/missing"_s;
        QCOMPARE(run.order, expected);
        QCOMPARE(run.errors.value(u"scan/app/missing"_s), u"ResourceNotFoundException"_s);
        // Eight names were in flight together: when the first secret (the one with history) was
        // reported, the versions of six others had been listed as well (the eighth name, the
        // missing one, has none to list). One at a time, only its own would have been.
        QVERIFY2(run.listsBeforeFirstReport >= 7, qPrintable(QString::number(run.listsBeforeFirstReport)));
        // Findings stay with their own secret.
        QVERIFY(hasFinding(run.findings.value(secretName(3)), u"placeholder"_s));
        for (int i = 0; i < 12; ++i) {
            if (i != 3)
                QVERIFY2(!hasFinding(run.findings.value(secretName(i)), u"placeholder"_s),
                         qPrintable(secretName(i)));
        }
    }

    void testOneAtATimeFindsTheSame()
    {
        QStringList names;
        for (int i = 0; i < 6; ++i)
            names.append(secretName(i));
        const Run one = scan(names, 1);
        const Run eight = scan(names, 8);
        QCOMPARE(one.finishedSignals, 1);
        QCOMPARE(eight.finishedSignals, 1);
        QCOMPARE(one.order, names);
        QCOMPARE(eight.order, names);
        QCOMPARE(one.listsBeforeFirstReport, 1);
        for (const QString &name : std::as_const(names))
            QVERIFY2(one.findings.value(name) == eight.findings.value(name), qPrintable(name));
    }

    void testKeptInputsHoldWhatWasRead()
    {
        ContentScan scan(m_client, { secretName(0), secretName(1) }, false);
        QSignalSpy finished(&scan, &ContentScan::finished);
        QList<content::ContentInput> inputs;
        connect(&scan, &ContentScan::secretRead, this,
                [&inputs](const content::ContentInput &input) { inputs.append(input); });
        scan.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(inputs.size(), 0); // off by default

        ContentScan keeping(m_client, { secretName(0), secretName(1) }, false);
        keeping.setKeepInputs(true);
        QSignalSpy keptFinished(&keeping, &ContentScan::finished);
        QStringList order;
        connect(&keeping, &ContentScan::secretRead, this,
                [&](const content::ContentInput &input) { inputs.append(input); order.append(u"read "_s + input.name); });
        connect(&keeping, &ContentScan::secretInspected, this,
                [&](const QString &name) { order.append(u"inspected "_s + name); });
        keeping.start();
        QVERIFY(keptFinished.wait(30000));
        QCOMPARE(order, QStringList({ u"read "_s + secretName(0), u"inspected "_s + secretName(0),
                                      u"read "_s + secretName(1), u"inspected "_s + secretName(1) }));
        QCOMPARE(inputs.at(0).value, QByteArray(R"({"password": "old-2-k7#Qv9!mZ2@wLp4$"})"));
        QCOMPARE(inputs.at(0).earlierValues.size(), 3);
        // (All made within one second: their order is not what this test is about.)
        QVERIFY(inputs.at(0).earlierValues.contains(QByteArray(R"({"password": "k7#Qv9!mZ2@wLp4$"})")));
        QVERIFY(inputs.at(0).earlierValues.contains(QByteArray(R"({"password": "old-0-k7#Qv9!mZ2@wLp4$"})")));
        QCOMPARE(inputs.at(1).earlierValues.size(), 0);
    }

    void testTwelveRequestsGoOutAtOnce()
    {
        // Qt opens six connections to a host per network manager; the transport has two.
        int most = 0;
        connect(m_server.get(), &sandbox::SandboxServer::requestHandled, this,
                [&] { most = std::max(most, m_server->connectionCount()); });
        QStringList names;
        for (int i = 0; i < 12; ++i)
            names.append(secretName(i));
        const Run run = scan(names, 12);
        QCOMPARE(run.order, names);
        QCOMPARE(most, 2 * 6);
    }

    void testNoNamesFinishesAtOnce()
    {
        const Run run = scan({}, 8);
        QVERIFY(run.order.isEmpty());
        QCOMPARE(run.finishedSignals, 1);
    }
};

QTEST_GUILESS_MAIN(TestContentScan)
#include "testcontentscan.moc"
