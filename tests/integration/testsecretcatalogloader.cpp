// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SecretCatalogLoader against the local sandbox over real HTTP: paging, streaming into the tree,
// refresh removing what is gone, server-side prefix filter, cancel, and errors.
#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

class TestSecretCatalogLoader final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testStreamsEveryPageIntoTheTree();
    void testRefreshRemovesDeletedAndKeepsSelection();
    void testPrefixAsksTheServer();
    void testCancelStopsListing();
    void testWrongKeyIsReported();

private:
    void createSecrets(int count, const QString &prefixPattern);
    aws::ClientConfig configFor(const aws::AwsCredentials &credentials) const;

    sandbox::SandboxServer *m_server = nullptr;
    aws::AwsClient *m_transport = nullptr;
    aws::SecretsManagerClient *m_client = nullptr;
    NamespaceTreeModel *m_model = nullptr;
    SecretCatalogLoader *m_loader = nullptr;
};

aws::ClientConfig TestSecretCatalogLoader::configFor(const aws::AwsCredentials &credentials) const
{
    aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = m_server->url();
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(credentials);
    return config;
}

void TestSecretCatalogLoader::init()
{
    m_server = new sandbox::SandboxServer({}, this);
    QVERIFY(m_server->listen());
    m_transport = new aws::AwsClient(this);
    m_client = new aws::SecretsManagerClient(m_transport,
                                             configFor(sandbox::SandboxServer::demoCredentials()),
                                             this);
    m_model = new NamespaceTreeModel(this);
    m_loader = new SecretCatalogLoader(m_client, m_model, this);
}

void TestSecretCatalogLoader::cleanup()
{
    delete m_loader;
    delete m_model;
    delete m_client;
    delete m_transport;
    delete m_server;
}

void TestSecretCatalogLoader::createSecrets(int count, const QString &prefixPattern)
{
    for (int i = 0; i < count; ++i) {
        const QString name = prefixPattern.arg(i % 4) + u"secret-%1"_s.arg(i);
        const auto created = m_server->store().call(
            u"CreateSecret", {{"Name", name.toStdString()}, {"SecretString", "value"}});
        QVERIFY(created.has_value());
    }
}

void TestSecretCatalogLoader::testStreamsEveryPageIntoTheTree()
{
    createSecrets(230, u"team/env%1/"_s);
    m_loader->setPageSize(100);
    QSignalSpy progress(m_loader, &SecretCatalogLoader::progressed);
    QSignalSpy finished(m_loader, &SecretCatalogLoader::loadingFinished);
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    m_loader->refresh();
    QVERIFY(m_loader->isLoading());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), 230);
    QCOMPARE(progress.count(), 3);   // three pages, each shown as it arrived
    QCOMPARE(progress.at(0).at(0).toInt(), 100);
    QCOMPARE(m_model->secretCount(), 230);
    QCOMPARE(m_model->indexForName(u"team/env1/"_s).data(NamespaceTreeModel::SecretCountRole).toInt(), 58);
    QCOMPARE(resets.count(), 0);
    QVERIFY(!m_loader->isLoading());
}

void TestSecretCatalogLoader::testRefreshRemovesDeletedAndKeepsSelection()
{
    createSecrets(12, u"app/env%1/"_s);
    QSignalSpy finished(m_loader, &SecretCatalogLoader::loadingFinished);
    m_loader->refresh();
    QVERIFY(finished.wait(20000));
    const QPersistentModelIndex kept = m_model->indexForName(u"app/env1/secret-5"_s);
    QVERIFY(kept.isValid());

    QVERIFY(m_server->store()
                .call(u"DeleteSecret", {{"SecretId", "app/env2/secret-6"}, {"ForceDeleteWithoutRecovery", true}})
                .has_value());
    QVERIFY(m_server->store()
                .call(u"DeleteSecret", {{"SecretId", "app/env3/secret-7"}, {"RecoveryWindowInDays", 7}})
                .has_value());
    m_loader->refresh();
    QVERIFY(finished.wait(20000));
    QCOMPARE(m_model->secretCount(), 11);
    QVERIFY(!m_model->secret(u"app/env2/secret-6"_s));
    // Scheduled for deletion is still listed (the browser hides it until asked).
    QVERIFY(m_model->secret(u"app/env3/secret-7"_s));
    QVERIFY(m_model->secret(u"app/env3/secret-7"_s)->isScheduledForDeletion());
    QVERIFY(kept.isValid());
    QCOMPARE(kept.data(NamespaceTreeModel::FullNameRole).toString(), u"app/env1/secret-5"_s);
}

void TestSecretCatalogLoader::testPrefixAsksTheServer()
{
    createSecrets(40, u"big/env%1/"_s);
    QSignalSpy finished(m_loader, &SecretCatalogLoader::loadingFinished);
    m_loader->refresh(u"big/env2/"_s);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), 10);
    QCOMPARE(m_model->secretCount(), 10);
    // A narrowed refresh does not drop what lies outside the prefix.
    m_loader->refresh();
    QVERIFY(finished.wait(20000));
    m_loader->refresh(u"big/env3/"_s);
    QVERIFY(finished.wait(20000));
    QCOMPARE(m_model->secretCount(), 40);
}

void TestSecretCatalogLoader::testCancelStopsListing()
{
    createSecrets(30, u"slow/env%1/"_s);
    sandbox::SandboxFaults faults;
    faults.latency = std::chrono::milliseconds(300);
    m_server->setFaults(faults);
    m_loader->setPageSize(10);
    QSignalSpy finished(m_loader, &SecretCatalogLoader::loadingFinished);
    QSignalSpy failed(m_loader, &SecretCatalogLoader::loadingFailed);
    QSignalSpy progress(m_loader, &SecretCatalogLoader::progressed);
    m_loader->refresh();
    QVERIFY(progress.wait(5000));
    m_loader->cancel();
    QVERIFY(!m_loader->isLoading());
    QTest::qWait(800);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(progress.count(), 1);
    QCOMPARE(m_model->secretCount(), 10);
}

void TestSecretCatalogLoader::testWrongKeyIsReported()
{
    aws::AwsCredentials wrong = sandbox::SandboxServer::demoCredentials();
    wrong.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGKEY"_s;
    m_client->setConfig(configFor(wrong));
    QSignalSpy failed(m_loader, &SecretCatalogLoader::loadingFailed);
    m_loader->refresh();
    QVERIFY(failed.wait(20000));
    const auto error = failed.first().at(0).value<aws::AwsError>();
    QCOMPARE(error.kind, aws::ErrorKind::InvalidSignature);
    QVERIFY(!error.explanation().isEmpty());
    QCOMPARE(m_model->secretCount(), 0);
}

QTEST_GUILESS_MAIN(TestSecretCatalogLoader)
#include "testsecretcatalogloader.moc"
