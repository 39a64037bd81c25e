// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Writes whose first attempt landed but whose answer was lost, against the sandbox over real
// HTTP: the retry is refused (already scheduled, already moved, already gone), and the client
// must still report the success that happened.

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using sandbox::Json;

class TestRetriedWrites final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<aws::AwsClient> m_transport;
    std::unique_ptr<aws::SecretsManagerClient> m_client;

    template<typename T, typename Start>
    aws::Result<T> await(Start start)
    {
        std::optional<aws::Result<T>> answer;
        start([&answer](aws::Result<T> result) { answer = std::move(result); });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
            return std::unexpected(aws::AwsError::protocolError(u"no answer within 20 s"_s));
        return std::move(*answer);
    }

    /// The next write is applied and saved, and its answer lost: the client retries.
    void loseTheNextAnswer()
    {
        sandbox::SandboxFaults faults;
        faults.dropConnectionAfterWrites = 1;
        m_server->setFaults(faults);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<sandbox::SandboxServer>();
        QVERIFY(m_server->listen());
        for (const char *name : {"a", "b"}) {
            QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", name}, {"SecretString", "one"}}).has_value());
            QVERIFY(m_server->store()
                            .call(u"PutSecretValue", {{"SecretId", name}, {"SecretString", "two"}})
                            .has_value());
        }
        m_transport = std::make_unique<aws::AwsClient>();
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = m_server->url();
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(sandbox::SandboxServer::demoCredentials());
        config.retryPolicy.delayScale = 0.01;
        m_client = std::make_unique<aws::SecretsManagerClient>(m_transport.get(), config);
    }

    void cleanup()
    {
        m_client.reset();
        m_transport.reset();
        m_server.reset();
    }

    void testRetriedDeleteThatLandedIsASuccess()
    {
        loseTheNextAnswer();
        aws::DeleteSecretRequest request;
        request.secretId = u"a"_s;
        request.recoveryWindowInDays = 7;
        const auto deleted = await<aws::DeleteSecretResult>(
                [&](auto done) { m_client->deleteSecret(request, this, done); });
        QVERIFY2(deleted, qPrintable(deleted ? QString() : deleted.error().summary()));
        QCOMPARE(deleted->name, u"a"_s);
        QVERIFY(deleted->deletionDate.isValid());
        QVERIFY(m_server->store().secret(u"a"_s)->isScheduledForDeletion());

        // Asked again, it is scheduled already: the same success, with its deletion date.
        const auto again = await<aws::DeleteSecretResult>(
                [&](auto done) { m_client->deleteSecret(request, this, done); });
        QVERIFY(again);
        QCOMPARE(again->name, u"a"_s);
    }

    void testForcedDeleteOfANameThatNeverExistedIsRefused()
    {
        // "Gone" is a forced delete's success only after a retry the client saw: a name that
        // never existed is refused in the same words, and must stay refused.
        aws::DeleteSecretRequest request;
        request.secretId = u"never/existed"_s;
        request.forceDeleteWithoutRecovery = true;
        const auto deleted = await<aws::DeleteSecretResult>(
                [&](auto done) { m_client->deleteSecret(request, this, done); });
        QVERIFY(!deleted);
        QCOMPARE(deleted.error().kind, aws::ErrorKind::ResourceNotFound);
    }

    void testRetriedLabelMoveThatLandedIsASuccess()
    {
        const auto described = m_server->store().call(u"DescribeSecret", {{"SecretId", "a"}});
        QVERIFY(described.has_value());
        QString current;
        QString previous;
        for (const auto &[id, stages] : (*described)["VersionIdsToStages"].items()) {
            for (const auto &stage : stages)
                (stage == "AWSCURRENT" ? current : previous) = QString::fromStdString(id);
        }
        QVERIFY(!current.isEmpty() && !previous.isEmpty());

        loseTheNextAnswer();
        aws::UpdateSecretVersionStageRequest rollback;
        rollback.secretId = u"a"_s;
        rollback.versionStage = u"AWSCURRENT"_s;
        rollback.moveToVersionId = previous;
        rollback.removeFromVersionId = current;
        const auto moved = await<aws::SecretIdentity>(
                [&](auto done) { m_client->updateSecretVersionStage(rollback, this, done); });
        QVERIFY2(moved, qPrintable(moved ? QString() : moved.error().summary()));
        const auto value = m_server->store().call(u"GetSecretValue", {{"SecretId", "a"}});
        QVERIFY(value.has_value());
        QVERIFY((*value)["SecretString"] == Json("one"));
    }
};

QTEST_GUILESS_MAIN(TestRetriedWrites)
#include "testretriedwrites.moc"
