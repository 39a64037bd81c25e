// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The main window on the local sandbox, end to end: LocalSandbox serves over real HTTP, Session
// lists and asks STS who we are, and the real widgets show it.
#include "models/aws/secretsmanagerclient.h"
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/elidedlabel.h"
#include "views/mainwindow.h"
#include "views/productionbadge.h"
#include "views/secretbrowserpane.h"
#include "views/secretdetailspane.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

void seedThree(sandbox::SandboxStore &store)
{
    for (const char *name : {"paintbox/production/jwt/public-keys", "pixell/dev", "pixell/prod"}) {
        const auto created = store.call(u"CreateSecret",
                                        {{"Name", name},
                                         {"Description", "seeded for the test"},
                                         {"SecretString", R"({"k":"v"})"},
                                         {"Tags", {{{"Key", "team"}, {"Value", "platform"}}}}});
        Q_ASSERT(created.has_value());
    }
}

} // namespace

class TestSandboxSession final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testWindowShowsSandboxSecretsAndIdentity();
    void testPersistentSandboxKeepsSecretsAcrossRestart();
    void testSwitchingProfilesNeedsNoRestart();

private:
    void connectWindow(LocalSandbox &sandbox, Session &session);
};

void TestSandboxSession::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestSandboxSession::connectWindow(LocalSandbox &sandbox, Session &session)
{
    QSignalSpy started(&sandbox, &LocalSandbox::started);
    sandbox.start();
    QVERIFY(started.count() == 1 || started.wait(20000));
    session.connectTo(sandbox.clientConfig(), u"Local sandbox"_s);
}

void TestSandboxSession::testWindowShowsSandboxSecretsAndIdentity()
{
    LocalSandbox sandbox({.dataPath = {}, .persistent = false, .seed = seedThree});
    Session session;
    MainWindow window;
    window.setSession(&session);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
    QSignalSpy identified(&session, &Session::identityChanged);
    connectWindow(sandbox, session);
    QVERIFY(listed.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(session.identity().has_value(), 20000);

    QVERIFY(sandbox.storageDescription().contains(u"memory"_s));
    const QString status = window.connectionLabel()->fullText();
    QVERIFY2(status.startsWith(u"Local sandbox · 123456789012 · us-east-1 · http://127.0.0.1:"_s),
             qPrintable(status));
    QCOMPARE(window.browserPane()->statusLabel()->text(), u"3 secrets"_s);
    QVERIFY(window.refreshAction()->isEnabled());
    // First load opens the projects one level.
    QTreeView *tree = window.browserPane()->treeView();
    QVERIFY(tree->isExpanded(tree->model()->index(0, 0)));

    // Picking a secret shows its header: name, ARN with the 6-character suffix, tags.
    QVERIFY(window.browserPane()->selectName(u"pixell/prod"_s));
    QCOMPARE(window.detailArea()->currentWidget(), window.secretTabs());
    QCOMPARE(window.detailsPane()->secretName(), u"pixell/prod"_s);
    QVERIFY(QRegularExpression(u"^arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-[A-Za-z0-9]{6}$"_s)
                .match(window.detailsPane()->fieldText(u"ARN"_s))
                .hasMatch());
    QCOMPARE(window.detailsPane()->fieldText(u"Tags"_s), u"team = platform"_s);
    QVERIFY(window.detailsPane()->fieldText(u"Versions"_s).contains(u"AWSCURRENT"_s));

    // A secret created elsewhere appears on F5, and the selection stays.
    QVERIFY(sandbox.server()->store().call(u"CreateSecret", {{"Name", "pixell/staging"}, {"SecretString", "x"}}).has_value());
    QTest::keySequence(&window, QKeySequence::Refresh);
    QVERIFY(listed.wait(20000));
    QCOMPARE(window.browserPane()->statusLabel()->text(), u"4 secrets"_s);
    QCOMPARE(window.browserPane()->currentSecretName(), u"pixell/prod"_s);
}

void TestSandboxSession::testPersistentSandboxKeepsSecretsAcrossRestart()
{
    const QString dataPath = qEnvironmentVariable("COFFER_TEST_ROOT") + u"/sandbox-data"_s;
    {
        LocalSandbox sandbox({.dataPath = dataPath, .persistent = true, .seed = seedThree});
        Session session;
        QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
        connectWindow(sandbox, session);
        QVERIFY(listed.wait(20000));
        QVERIFY2(sandbox.isPersistent(), qPrintable(sandbox.storageDescription()));
        // A write over HTTP is saved before it is answered.
        aws::CreateSecretRequest request;
        request.name = u"added/later"_s;
        request.secretString = u"x"_s;
        std::optional<bool> created;
        session.secretsManager()->createSecret(request, this, [&created](auto result) {
            created = result.has_value();
        });
        QTRY_VERIFY_WITH_TIMEOUT(created.has_value(), 20000);
        QVERIFY(*created);
    }
    // Second start: no seed runs, the saved state (key from the keychain) comes back.
    LocalSandbox restarted({.dataPath = dataPath, .persistent = true, .seed = {}});
    Session session;
    QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
    connectWindow(restarted, session);
    QVERIFY(listed.wait(20000));
    QVERIFY(restarted.isPersistent());
    QCOMPARE(session.catalog()->secretCount(), 4);
    QVERIFY(session.catalog()->secret(u"added/later"_s));
}

void TestSandboxSession::testSwitchingProfilesNeedsNoRestart()
{
    // Two endpoints: the sandbox the window starts on, and a second one the profile points at,
    // which accepts only the profile's own keys (kept in the keyring).
    LocalSandbox sandbox({.dataPath = {}, .persistent = false, .seed = seedThree});
    aws::AwsCredentials teamKeys;
    teamKeys.accessKeyId = u"AKIDTEAMPROFILE0001"_s;
    teamKeys.secretAccessKey = u"team/profile/secret/for/the/test/only"_s;
    sandbox::SandboxServerConfig otherConfig;
    otherConfig.accountId = u"210987654321"_s;
    otherConfig.credentials = {teamKeys};
    sandbox::SandboxServer other(otherConfig);
    QVERIFY(other.listen());
    QVERIFY(other.store().call(u"CreateSecret", {{"Name", "team/only/here"}, {"SecretString", "x"}}).has_value());

    ProfileStore profiles;
    Profile profile;
    profile.id = QUuid::createUuid();
    profile.name = u"team"_s;
    profile.kind = Profile::Kind::AccessKey;
    profile.region = u"eu-west-1"_s;
    profile.endpoint = other.url();
    profile.production = true;
    profile.accessKeyId = teamKeys.accessKeyId;
    std::optional<bool> saved;
    profiles.save(profile, ProfileSecret{teamKeys.secretAccessKey, {}}, {}, this,
                  [&saved](auto result) { saved = result.has_value(); });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 10000);
    QVERIFY(*saved);

    Session session;
    ProfileConnector connector(&profiles, session.transport());
    MainWindow window;
    window.setSession(&session);
    window.setProfileStore(&profiles);
    QObject::connect(&window, &MainWindow::profileChosen, &session, [&](const QUuid &id) {
        const auto connection = connector.connection(id);
        QVERIFY(connection.has_value());
        session.connectTo(connection->secretsManager, connection->sts, connection->profile.name);
    });
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
    connectWindow(sandbox, session);
    QVERIFY(listed.wait(20000));
    QCOMPARE(session.catalog()->secretCount(), 3);

    // The switcher lists the sandbox and the profile, marked as production.
    QComboBox *combo = window.profileCombo();
    QCOMPARE(combo->count(), 2);
    QVERIFY(combo->itemText(1).contains(u"team"_s));
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QVERIFY(listed.wait(20000));
    QCOMPARE(session.catalog()->secretCount(), 1);
    QVERIFY(session.catalog()->secret(u"team/only/here"_s));
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionLabel()->fullText().startsWith(u"team · 210987654321 · eu-west-1"_s), 20000);
    QVERIFY(window.findChild<ProductionBadge *>()->isVisible());
}

QTEST_MAIN(TestSandboxSession)
#include "testsandboxsession.moc"
