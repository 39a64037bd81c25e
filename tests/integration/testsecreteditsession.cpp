// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SecretEditSession's save against the sandbox over real HTTP: a compare-and-swap made of label
// moves, so a writer who lands between Coffer's look and its write is never buried; answers lost
// on the way are settled by the request token; a principal without UpdateSecretVersionStage gets
// the older check-then-put, and is told so.

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsonnode.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/sandboxfixtures.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace coffer;
using sandbox::Json;

namespace {

const auto secretName = u"pixell/prod"_s;

aws::AwsCredentials writerKeys()
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAWRITEREXAMPLE001"_s;
    credentials.secretAccessKey = u"writer/secret/key/EXAMPLE"_s;
    return credentials;
}

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

} // namespace

class TestSecretEditSession final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    aws::AwsClient *m_transport = nullptr;
    std::vector<std::unique_ptr<aws::SecretsManagerClient>> m_clients;

    aws::SecretsManagerClient *client(const aws::AwsCredentials &keys = sandbox::SandboxServer::demoCredentials(),
                                      int maxAttempts = 3)
    {
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = m_server->url();
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(keys);
        config.maxAttempts = maxAttempts;
        config.retryPolicy.baseDelay = std::chrono::milliseconds(1);
        config.transferTimeout = std::chrono::seconds(10);
        m_clients.push_back(std::make_unique<aws::SecretsManagerClient>(m_transport, config));
        return m_clients.back().get();
    }

    std::unique_ptr<SecretEditSession> open(aws::SecretsManagerClient *client)
    {
        auto session = std::make_unique<SecretEditSession>(client);
        QSignalSpy loaded(session.get(), &SecretEditSession::loadFinished);
        session->load(secretName);
        if (!loaded.wait(10000) || session->mode() != SecretEditSession::Mode::Json)
            return nullptr;
        return session;
    }

    static bool edit(SecretEditSession &session, const QString &pointer, const QByteArray &jsonValue)
    {
        auto node = json::JsonNode::parseFragment(jsonValue);
        return node && session.jsonModel()->setAtPointer(pointer, std::move(*node));
    }

    /// Waits for the save to end: "saved", "conflict" or "failed: ...".
    static QString saveAndWait(SecretEditSession &session, bool overwrite = false)
    {
        QString outcome;
        QEventLoop loop;
        QObject::connect(&session, &SecretEditSession::saved, &loop, [&] { outcome = u"saved"_s; loop.quit(); });
        QObject::connect(&session, &SecretEditSession::conflictDetected, &loop,
                         [&] { outcome = u"conflict"_s; loop.quit(); });
        QObject::connect(&session, &SecretEditSession::saveFailed, &loop, [&](const aws::AwsError &error) {
            outcome = u"failed: "_s + error.summary();
            loop.quit();
        });
        QObject::connect(&session, &SecretEditSession::saveRefused, &loop, [&](const QString &reason) {
            outcome = u"refused: "_s + reason;
            loop.quit();
        });
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        if (overwrite)
            session.overwrite();
        else
            session.save();
        loop.exec();
        return outcome;
    }

    Json stored(const QString &versionStage = u"AWSCURRENT"_s)
    {
        const auto value = m_server->store().call(
                u"GetSecretValue", {{"SecretId", secretName.toStdString()}, {"VersionStage", versionStage.toStdString()}});
        return value ? Json::parse(value->value("SecretString", std::string()), nullptr, false) : Json();
    }

    Json stages()
    {
        const auto described = m_server->store().call(u"DescribeSecret", {{"SecretId", secretName.toStdString()}});
        return described ? described->value("VersionIdsToStages", Json::object()) : Json();
    }

    QString versionWith(const QString &stage)
    {
        const Json all = stages();
        for (const auto &[id, labels] : all.items()) {
            for (const auto &label : labels) {
                if (str(label) == stage)
                    return QString::fromStdString(id);
            }
        }
        return {};
    }

    /// True when no version still carries a save's private label.
    bool noDraftLabels()
    {
        const Json all = stages();
        for (const auto &[id, labels] : all.items()) {
            for (const auto &label : labels) {
                if (str(label).startsWith(ConditionalPut::draftStagePrefix()))
                    return false;
            }
        }
        return true;
    }

    int versionCount()
    {
        const auto listed = m_server->store().call(
                u"ListSecretVersionIds", {{"SecretId", secretName.toStdString()}, {"IncludeDeprecated", true}});
        return listed ? int(listed->value("Versions", Json::array()).size()) : -1;
    }

    /// Another writer's PutSecretValue straight into the store, with a value of its own.
    void intrude(const char *key)
    {
        Json value = stored();
        value[key] = "theirs";
        QVERIFY(m_server->store()
                        .call(u"PutSecretValue", {{"SecretId", secretName.toStdString()}, {"SecretString", value.dump()}})
                        .has_value());
    }

private Q_SLOTS:
    void init()
    {
        m_transport = new aws::AwsClient(this);
        sandbox::SandboxServerConfig config;
        sandbox::SandboxPrincipal writer;
        writer.arn = u"arn:aws:iam::123456789012:user/writer"_s;
        writer.credentials = writerKeys();
        writer.identityPolicies = {test::allowPolicy({u"secretsmanager:GetSecretValue"_s,
                                                      u"secretsmanager:DescribeSecret"_s,
                                                      u"secretsmanager:PutSecretValue"_s})};
        config.principals = {writer};
        m_server = std::make_unique<sandbox::SandboxServer>(config);
        QVERIFY(m_server->listen());
        QVERIFY(m_server->store()
                        .call(u"CreateSecret", {{"Name", secretName.toStdString()},
                                                {"SecretString", "{\"DB_HOST\": \"db.internal\",\n \"DB_PORT\": 5432}"}})
                        .has_value());
    }

    void cleanup()
    {
        m_clients.clear();
        m_server.reset();
        delete m_transport;
        m_transport = nullptr;
    }

    void testSaveMovesAwsCurrentAndLeavesNoLabelBehind()
    {
        auto session = open(client());
        QVERIFY(session);
        const QString loaded = session->loadedVersionId();
        QVERIFY(edit(*session, u"/DB_PORT"_s, "6543"));
        QCOMPARE(saveAndWait(*session), u"saved"_s);

        QVERIFY2(stored()["DB_PORT"] == Json(6543), (stored()["DB_PORT"]).dump().c_str());
        QCOMPARE(versionWith(u"AWSCURRENT"_s), session->loadedVersionId());
        QCOMPARE(versionWith(u"AWSPREVIOUS"_s), loaded);
        QVERIFY(noDraftLabels());
        QCOMPARE(versionCount(), 2);
        QVERIFY(session->lastSaveNote().isEmpty());
        QVERIFY(!session->isModified());
    }

    void testWriterBetweenLookAndWriteIsNeverBuried()
    {
        // Another writer lands right after the save's first request: after check-then-put's
        // look (DescribeSecret), which then buried it; after the swap's draft, which cannot.
        auto session = open(client());
        QVERIFY(session);
        QVERIFY(edit(*session, u"/DB_PORT"_s, "6543"));

        bool intruded = false;
        connect(m_server.get(), &sandbox::SandboxServer::requestHandled, this,
                [&](const QString &operation, int status) {
                    if (!intruded && status == 200 && !operation.isEmpty()) {
                        intruded = true;
                        intrude("INTRUDER");
                    }
                });
        const QString outcome = saveAndWait(*session);
        disconnect(m_server.get(), &sandbox::SandboxServer::requestHandled, this, nullptr);

        // Their write is AWSCURRENT and intact; ours is a conflict to resolve, not a silent win.
        QVERIFY2(stored()["INTRUDER"] == Json("theirs"), (stored()["INTRUDER"]).dump().c_str());
        QVERIFY2(stored()["DB_PORT"] == Json(5432), (stored()["DB_PORT"]).dump().c_str());
        QVERIFY(intruded);
        QCOMPARE(outcome, u"conflict"_s);
        QVERIFY(session->conflict().has_value());
        QCOMPARE(session->conflict()->currentVersionId, versionWith(u"AWSCURRENT"_s));
        QVERIFY(noDraftLabels());

        // Rebasing replays the edit onto their value, and that save keeps both.
        QVERIFY(session->rebase().has_value());
        QCOMPARE(saveAndWait(*session), u"saved"_s);
        QVERIFY2(stored()["INTRUDER"] == Json("theirs"), (stored()["INTRUDER"]).dump().c_str());
        QVERIFY2(stored()["DB_PORT"] == Json(6543), (stored()["DB_PORT"]).dump().c_str());
        QVERIFY(noDraftLabels());
    }

    void testOverwriteIsStillACompareAndSwap()
    {
        auto mine = open(client());
        auto theirs = open(client());
        QVERIFY(mine && theirs);
        QVERIFY(edit(*theirs, u"/DB_HOST"_s, "\"db2.internal\""));
        QCOMPARE(saveAndWait(*theirs), u"saved"_s);
        QVERIFY(edit(*mine, u"/DB_PORT"_s, "1"));
        QCOMPARE(saveAndWait(*mine), u"conflict"_s);

        // A third writer lands after the user saw the conflict: overwrite must not bury it.
        intrude("THIRD");
        QCOMPARE(saveAndWait(*mine, true), u"conflict"_s);
        QVERIFY2(stored()["THIRD"] == Json("theirs"), (stored()["THIRD"]).dump().c_str());
        // Against the version the user has now seen, overwrite writes.
        QCOMPARE(saveAndWait(*mine, true), u"saved"_s);
        QVERIFY2(stored()["DB_PORT"] == Json(1), (stored()["DB_PORT"]).dump().c_str());
        QVERIFY(noDraftLabels());
    }

    void testLostAnswersAreSettledByTheRequestToken_data()
    {
        QTest::addColumn<int>("maxAttempts");
        QTest::addColumn<int>("dropped");
        QTest::newRow("retried, draft and move answers lost") << 3 << 2;
        QTest::newRow("no retry, draft answer lost") << 1 << 1;
        QTest::newRow("no retry, draft and move answers lost") << 1 << 2;
    }

    void testLostAnswersAreSettledByTheRequestToken()
    {
        QFETCH(int, maxAttempts);
        QFETCH(int, dropped);
        auto session = open(client(sandbox::SandboxServer::demoCredentials(), maxAttempts));
        QVERIFY(session);
        QVERIFY(edit(*session, u"/DB_PORT"_s, "7777"));
        sandbox::SandboxFaults faults;
        faults.dropConnectionAfterWrites = dropped;
        m_server->setFaults(faults);

        // Every write landed; only the answers were lost. It is the user's own save, made once.
        QCOMPARE(saveAndWait(*session), u"saved"_s);
        QVERIFY2(stored()["DB_PORT"] == Json(7777), (stored()["DB_PORT"]).dump().c_str());
        QCOMPARE(versionWith(u"AWSCURRENT"_s), session->loadedVersionId());
        QCOMPARE(versionCount(), 2);
        QVERIFY(noDraftLabels());
    }

    void testAWriteThatDidNotLandIsNotSaved()
    {
        auto session = open(client(sandbox::SandboxServer::demoCredentials(), 1));
        QVERIFY(session);
        QVERIFY(edit(*session, u"/DB_PORT"_s, "8888"));
        sandbox::SandboxFaults faults;
        faults.failureRate = 1.0;
        faults.failure = sandbox::SandboxFaults::Failure::ServiceUnavailable;
        m_server->setFaults(faults);
        const QString outcome = saveAndWait(*session);
        QVERIFY2(outcome.startsWith(u"failed: "_s), qPrintable(outcome));
        QVERIFY2(outcome.contains(u"nothing was written"_s), qPrintable(outcome));
        m_server->setFaults({});
        QVERIFY2(stored()["DB_PORT"] == Json(5432), (stored()["DB_PORT"]).dump().c_str());
        QVERIFY(session->isModified());
        // Saving again writes, once.
        QCOMPARE(saveAndWait(*session), u"saved"_s);
        QVERIFY2(stored()["DB_PORT"] == Json(8888), (stored()["DB_PORT"]).dump().c_str());
        QCOMPARE(versionCount(), 2);
    }

    void testWithoutLabelMovesItFallsBackAndSaysSo()
    {
        auto session = open(client(writerKeys()));
        QVERIFY(session);
        QVERIFY(edit(*session, u"/DB_PORT"_s, "9999"));
        QCOMPARE(saveAndWait(*session), u"saved"_s);
        QVERIFY2(stored()["DB_PORT"] == Json(9999), (stored()["DB_PORT"]).dump().c_str());
        QVERIFY2(session->lastSaveNote().contains(u"UpdateSecretVersionStage"_s), qPrintable(session->lastSaveNote()));
        QCOMPARE(versionWith(u"AWSCURRENT"_s), session->loadedVersionId());

        // The next save goes straight to check-then-put: no second draft.
        const int versions = versionCount();
        QVERIFY(edit(*session, u"/DB_PORT"_s, "9998"));
        QCOMPARE(saveAndWait(*session), u"saved"_s);
        QCOMPARE(versionCount(), versions + 1);
        QVERIFY(!session->lastSaveNote().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSecretEditSession)
#include "testsecreteditsession.moc"
