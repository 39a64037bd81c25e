// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Signing in to IAM Identity Center through the real widgets, against the sandbox's OIDC and
// portal over HTTP (its demo user alice): the sign-in dialog shows the code and opens the
// verification page (the opener is replaced, so no browser starts), the approval is submitted
// to that page over HTTP, and the dialog closes signed in; Cancel stops the polling. Through
// the window: picking an SSO profile of ~/.aws with no token opens the dialog, and after the
// approval the secrets are listed; File > Sign Out then ends the session and deletes the token.
#include "models/aws/awsclient.h"
#include "models/aws/identitycenterclient.h"
#include "models/aws/ssotokencache.h"
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/session.h"
#include "views/mainwindow.h"
#include "views/ssosignindialog.h"
#include "tests/support/testenv.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

aws::SsoProfileConfig configFor(const QString &profile)
{
    aws::SsoProfileConfig config;
    config.profile = profile;
    config.sessionName = u"corp"_s;
    config.startUrl = u"https://corp.example.com/start"_s;
    config.region = u"us-east-1"_s;
    config.accountId = u"123456789012"_s;
    config.roleName = u"AdministratorAccess"_s;
    return config;
}

} // namespace

class TestSsoSignIn final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void testDialogShowsTheCodeAndSignsIn();
    void testCancelStopsPolling();
    void testWindowSignsInThenSignsOut();

private:
    /// Submits the verification page's form for `userCode`, as a person's browser would.
    bool approve(const QString &userCode);
    std::shared_ptr<aws::IdentityCenterClient> client(aws::AwsClient *transport) const;

    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QList<QUrl> m_opened;
};

void TestSsoSignIn::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    // The demo directory: alice, AdministratorAccess and ReadOnly in the sandbox's account.
    m_server = std::make_unique<sandbox::SandboxServer>();
    QVERIFY(m_server->listen());
    for (const char *name : {"paintbox/production/jwt", "paintbox/staging/db"})
        QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", name}, {"SecretString", "x"}}).has_value());
    SsoSignInDialog::setUrlOpenerForTests([this](const QUrl &url) {
        m_opened.append(url);
        return true;
    });
}

void TestSsoSignIn::cleanup()
{
    m_opened.clear();
    SsoSignInDialog::setOpenedHookForTests({});
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
}

bool TestSsoSignIn::approve(const QString &userCode)
{
    QUrlQuery form;
    form.addQueryItem(u"user_code"_s, userCode);
    form.addQueryItem(u"user"_s, u"alice"_s);
    QNetworkRequest request(m_server->verificationUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return false;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

std::shared_ptr<aws::IdentityCenterClient> TestSsoSignIn::client(aws::AwsClient *transport) const
{
    aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = m_server->url();
    return std::make_shared<aws::IdentityCenterClient>(transport, config, config);
}

void TestSsoSignIn::testDialogShowsTheCodeAndSignsIn()
{
    QTemporaryDir cacheDir;
    aws::AwsClient transport;
    const aws::SsoTokenCache cache(cacheDir.path());
    SsoSignInDialog dialog(configFor(u"work"_s), client(&transport), cache);
    QSignalSpy signedIn(&dialog, &SsoSignInDialog::signedIn);
    dialog.show();
    dialog.start();

    auto *code = dialog.findChild<QLabel *>(u"SsoUserCodeLabel"_s);
    QVERIFY(code);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.userCode().isEmpty(), 10000);
    QCOMPARE(code->text(), dialog.userCode());
    QVERIFY2(code->font().pointSizeF() > dialog.font().pointSizeF() * 1.5, "the code is shown large");
    // The verification page opened by itself, with the code in it.
    QCOMPARE(m_opened.size(), 1);
    QCOMPARE(QUrlQuery(m_opened.first()).queryItemValue(u"user_code"_s), dialog.userCode());
    QVERIFY(dialog.statusText().contains(u"Waiting for you to approve"_s));
    // COFFER_SCREENSHOT_DIR=docs/screenshots keeps a picture of the dialog for the README.
    if (const QString shots = qEnvironmentVariable("COFFER_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(dialog.grab().save(shots + u"/sso-sign-in.png"_s));
    // Open Browser opens it again.
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"SsoOpenBrowserButton"_s), Qt::LeftButton);
    QCOMPARE(m_opened.size(), 2);

    QVERIFY(approve(dialog.userCode()));
    QVERIFY(signedIn.wait(15000));
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const auto token = cache.load(u"corp"_s);
    QVERIFY(token && *token);
    QCOMPARE((*token)->startUrl, u"https://corp.example.com/start"_s);
    // The code and status never show the token.
    QVERIFY(!dialog.statusText().contains((*token)->accessToken));
}

void TestSsoSignIn::testCancelStopsPolling()
{
    QTemporaryDir cacheDir;
    aws::AwsClient transport;
    SsoSignInDialog dialog(configFor(u"work"_s), client(&transport), aws::SsoTokenCache(cacheDir.path()));
    dialog.show();
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.userCode().isEmpty(), 10000);
    QTest::qWait(1200);   // at least one CreateToken poll (interval 1 s)
    auto *buttons = dialog.findChild<QDialogButtonBox *>(u"SsoButtons"_s);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    const qint64 requests = m_server->requestCount();
    QTest::qWait(2500);
    QCOMPARE(m_server->requestCount(), requests);
    // Approving afterwards signs nobody in.
    QVERIFY(approve(dialog.userCode()));
    QVERIFY(!QFile::exists(aws::SsoTokenCache(cacheDir.path()).path(u"corp"_s)));
}

void TestSsoSignIn::testWindowSignsInThenSignsOut()
{
    const QByteArray url = m_server->url().toString().toUtf8();
    QVERIFY(writeFile(QDir::homePath() + u"/.aws/config"_s,
                      "[profile work]\nsso_session = corp\nsso_account_id = 123456789012\n"
                      "sso_role_name = AdministratorAccess\nregion = us-east-1\nendpoint_url = " + url + "\n\n"
                      "[sso-session corp]\nsso_start_url = https://corp.example.com/start\n"
                      "sso_region = us-east-1\n"));
    const QString tokenFile
        = aws::SsoTokenCache(aws::SsoTokenCache::defaultDirectory(QDir::homePath())).path(u"corp"_s);
    QVERIFY(!QFile::exists(tokenFile));

    // The application's wiring (app/gui/main.cpp), on the real widgets.
    QProcessEnvironment env;
    env.insert(u"HOME"_s, QDir::homePath());
    ProfileStore profiles;
    AwsProfileCatalog catalog(env);
    ProfileListModel list(&profiles, &catalog);
    Session session;
    ProfileConnector connector(&profiles, session.transport());
    connector.setEnvironment(env);
    MainWindow window;
    connector.setSsoLoginFunction(SsoSignInDialog::loginFunction(&window));
    window.setSession(&session);
    window.setProfileStore(&profiles);
    window.setProfileList(&list);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QPointer<SsoSignInDialog> opened;
    SsoSignInDialog::setOpenedHookForTests([&opened](SsoSignInDialog *dialog) { opened = dialog; });
    const auto entry = std::find_if(list.entries().cbegin(), list.entries().cend(),
                                    [](const ProfileListEntry &e) { return e.name() == u"work"_s; });
    QVERIFY(entry != list.entries().cend());
    QVERIFY2(entry->problem.isEmpty(), qPrintable(entry->problem));
    const auto connection = connector.connection(entry->profile);
    QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
    QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
    session.connectTo(connection->secretsManager, connection->sts, connection->profile.name);
    window.setCurrentProfile(entry->id());
    QVERIFY(window.signOutAction()->isEnabled());

    // No token yet: the listing asks the user to sign in, on the window.
    QTRY_VERIFY_WITH_TIMEOUT(opened, 10000);
    QCOMPARE(opened->parentWidget(), &window);
    QTRY_VERIFY_WITH_TIMEOUT(!opened->userCode().isEmpty(), 10000);
    QVERIFY(approve(opened->userCode()));
    QVERIFY(listed.wait(20000));
    QCOMPARE(session.catalog()->secretCount(), 2);
    QVERIFY(QFile::exists(tokenFile));
    const auto signedIn = aws::SsoTokenCache(aws::SsoTokenCache::defaultDirectory(QDir::homePath())).load(u"corp"_s);
    QVERIFY(signedIn && *signedIn);
    const QList<QByteArray> tokens{(*signedIn)->accessToken.toUtf8(), (*signedIn)->refreshToken.toUtf8(),
                                   (*signedIn)->clientSecret.toUtf8()};

    // File > Sign Out, handled as the application does.
    QSignalSpy signedOut(&window, &MainWindow::signOutRequested);
    bool done = false;
    QObject::connect(&window, &MainWindow::signOutRequested, &window, [&](const QUuid &id) {
        const auto chosen = list.entry(id);
        QVERIFY(chosen);
        connector.signOut(chosen->profile, &window, [&done](aws::Result<aws::SsoTokenProvider::SignOut> result) {
            QVERIFY(result && result->wasSignedIn && result->serviceProblem.isEmpty());
            done = true;
        });
    });
    window.signOutAction()->trigger();
    QCOMPARE(signedOut.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY(!QFile::exists(tokenFile));
    // On the sandbox the action has nothing to sign out of.
    window.setCurrentProfile({});
    QVERIFY(!window.signOutAction()->isEnabled());

    // Signed out and closed (the window's state saved): no token or client secret is left in any
    // file, settings and keyring included.
    window.close();
    QSettings().sync();
    for (const QByteArray &token : tokens) {
        QVERIFY(token.size() >= 16);
        const QStringList hits = coffer::test::filesContaining(qEnvironmentVariable("COFFER_TEST_ROOT"), token);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
    }
}

QTEST_MAIN(TestSsoSignIn)
#include "testssosignin.moc"
