// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// "New SSO Profile…" in the profile manager, through the real widgets offscreen, against the
// sandbox's IAM Identity Center (OIDC and portal) over HTTP: the dialog signs in (the
// verification page's form is submitted over HTTP, the browser opener is replaced), lists
// every account alice can reach (more than one page of ListAccounts) and the chosen account's
// roles, and saves a Coffer profile that then lists the sandbox's secrets through
// ProfileConnector and SecretsManagerClient. ~/.aws/config is not touched unless the box is
// ticked; with it ticked, Debian's AWS CLI (/usr/bin/aws) lists the new profile. A sign-in
// ended elsewhere (portal 401) asks to sign in again; a user with no assignment is told so.
#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/ssotokencache.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "views/profilemanagerdialog.h"
#include "views/ssoprofiledialog.h"
#include "views/ssosignindialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const QString kStartUrl = u"https://corp.example.com/start"_s;
constexpr int kExtraAccounts = 24; // with the sandbox's own: more than one page (20) of accounts

QString awsConfigPath()
{
    return QDir::homePath() + u"/.aws/config"_s;
}

} // namespace

class TestSsoProfileDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testSignInPickAndSaveThenConnect();
    void testAddToAwsConfigWhenTicked();
    void testSignedOutElsewhereSignsInAgain();
    void testNoAssignment();
    void testNetworkFailureIsExplained();
    void testMnemonicsAndTabOrder();

private:
    /// Opens the dialog from the profile manager's button.
    SsoProfileDialog *openFromManager(ProfileManagerDialog &manager);
    /// Fills in the sandbox's start URL and clicks Sign In; approves as `user` when asked.
    void signIn(SsoProfileDialog *dialog, const QString &user = u"alice"_s);
    bool approve(const QString &userCode, const QString &user);
    QStringList listSecretsWith(const Profile &profile);

    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager m_network;
    aws::AwsClient *m_transport = nullptr;
    QList<QPointer<SsoSignInDialog>> m_signIns;
};

void TestSsoProfileDialog::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    qunsetenv("AWS_CONFIG_FILE");
    QCoreApplication::setOrganizationName(u"CofferTest"_s);
    QCoreApplication::setApplicationName(u"TestSsoProfileDialog"_s);
    sandbox::SandboxServerConfig config;
    auto directory = sandbox::SandboxSsoDirectory::demo(config.accountId);
    directory.users << u"bob"_s; // signs in, but has no assignment
    for (int i = 1; i <= kExtraAccounts; ++i)
        directory.assignments.append(
            { u"alice"_s, u"1000000000%1"_s.arg(i, 2, 10, QChar(u'0')), u"ReadOnly"_s });
    config.sso = directory;
    m_server = std::make_unique<sandbox::SandboxServer>(config);
    QVERIFY(m_server->listen());
    for (const char *name : { "paintbox/production/jwt", "pixell/dev" })
        QVERIFY(m_server->store()
                    .call(u"CreateSecret", { { "Name", name }, { "SecretString", "x" } })
                    .has_value());
    m_transport = new aws::AwsClient(this);
    SsoSignInDialog::setUrlOpenerForTests([](const QUrl &) { return true; });
}

void TestSsoProfileDialog::init()
{
    QSettings().clear();
    QSettings().sync();
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
    m_signIns.clear();
    SsoSignInDialog::setOpenedHookForTests(
        [this](SsoSignInDialog *dialog) { m_signIns.append(dialog); });
}

void TestSsoProfileDialog::cleanup()
{
    SsoSignInDialog::setOpenedHookForTests({});
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
}

bool TestSsoProfileDialog::approve(const QString &userCode, const QString &user)
{
    QUrlQuery form;
    form.addQueryItem(u"user_code"_s, userCode);
    form.addQueryItem(u"user"_s, user);
    QNetworkRequest request(m_server->verificationUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return false;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

SsoProfileDialog *TestSsoProfileDialog::openFromManager(ProfileManagerDialog &manager)
{
    auto *button = manager.findChild<QPushButton *>(u"NewSsoProfileButton"_s);
    if (!button || !button->isEnabled())
        return nullptr;
    QTest::mouseClick(button, Qt::LeftButton);
    auto *dialog = manager.findChild<SsoProfileDialog *>(u"SsoProfileDialog"_s);
    if (dialog && !QTest::qWaitForWindowExposed(dialog))
        return nullptr;
    return dialog;
}

void TestSsoProfileDialog::signIn(SsoProfileDialog *dialog, const QString &user)
{
    auto *startUrl = dialog->findChild<QLineEdit *>(u"SsoStartUrlEdit"_s);
    auto *region = dialog->findChild<QLineEdit *>(u"SsoRegionEdit"_s);
    auto *endpoint = dialog->findChild<QLineEdit *>(u"SsoEndpointEdit"_s);
    QVERIFY(startUrl && region && endpoint);
    startUrl->clear();
    QTest::keyClicks(startUrl, kStartUrl);
    region->clear();
    QTest::keyClicks(region, u"us-east-1"_s);
    endpoint->clear();
    QTest::keyClicks(endpoint, m_server->url().toString());
    const qsizetype before = m_signIns.size();
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"SsoSignInButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_signIns.size() > before, 10000);
    QPointer<SsoSignInDialog> signInDialog = m_signIns.last();
    QVERIFY(signInDialog);
    QCOMPARE(signInDialog->parentWidget(), static_cast<QWidget *>(dialog));
    QTRY_VERIFY_WITH_TIMEOUT(!signInDialog->userCode().isEmpty(), 10000);
    QVERIFY(approve(signInDialog->userCode(), user));
    QTRY_VERIFY_WITH_TIMEOUT(!signInDialog || !signInDialog->isVisible(), 15000);
}

QStringList TestSsoProfileDialog::listSecretsWith(const Profile &profile)
{
    ProfileStore store;
    ProfileConnector connector(&store, m_transport);
    QProcessEnvironment env;
    env.insert(u"HOME"_s, QDir::homePath());
    connector.setEnvironment(env);
    const auto connection = connector.connection(profile);
    if (!connection) {
        qWarning("%s", qPrintable(connection.error().message));
        return {};
    }
    aws::SecretsManagerClient client(m_transport, connection->secretsManager);
    QStringList names;
    bool done = false;
    client.listAllSecrets({}, this, [&](aws::Result<aws::ListSecretsResult> result) {
        done = true;
        if (!result) {
            qWarning("%s", qPrintable(result.error().message));
            return;
        }
        for (const aws::SecretMetadata &secret : result->secretList)
            names << secret.name;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 20000))
        return {};
    names.sort();
    return names;
}

void TestSsoProfileDialog::testSignInPickAndSaveThenConnect()
{
    ProfileStore store;
    ProfileManagerDialog manager(&store, m_transport);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    SsoProfileDialog *dialog = openFromManager(manager);
    QVERIFY(dialog);
    auto *save = dialog->findChild<QPushButton *>(u"SsoSaveButton"_s);
    QVERIFY(save);
    QVERIFY2(!save->isEnabled(), "nothing to save before signing in");

    signIn(dialog);
    // Every account, across pages of ListAccounts.
    auto *accounts = dialog->findChild<QListWidget *>(u"SsoAccountList"_s);
    auto *roles = dialog->findChild<QListWidget *>(u"SsoRoleList"_s);
    QTRY_COMPARE_WITH_TIMEOUT(accounts->count(), kExtraAccounts + 1, 15000);
    const auto sandboxAccount
        = accounts->findItems(u"Coffer sandbox (123456789012)"_s, Qt::MatchExactly);
    QCOMPARE(sandboxAccount.size(), 1);
    accounts->setCurrentItem(sandboxAccount.first());
    // That account's roles (ListAccountRoles): alice has two there.
    QTRY_COMPARE_WITH_TIMEOUT(roles->count(), 2, 10000);
    QStringList roleNames;
    for (int row = 0; row < roles->count(); ++row)
        roleNames << roles->item(row)->text();
    roleNames.sort();
    QCOMPARE(roleNames, (QStringList { u"AdministratorAccess"_s, u"ReadOnly"_s }));
    roles->setCurrentItem(roles->findItems(u"ReadOnly"_s, Qt::MatchExactly).first());
    auto *name = dialog->findChild<QLineEdit *>(u"SsoProfileNameEdit"_s);
    QCOMPARE(name->text(), u"Coffer-sandbox-ReadOnly"_s);
    auto *addToAwsConfig = dialog->findChild<QCheckBox *>(u"SsoAddToAwsConfigCheck"_s);
    QVERIFY(addToAwsConfig && !addToAwsConfig->isChecked());
    // The status line never shows a token.
    const auto token = aws::SsoTokenCache(aws::SsoTokenCache::defaultDirectory(QDir::homePath()))
                           .load(kStartUrl);
    QVERIFY(token && *token);
    QVERIFY(!dialog->statusText().contains((*token)->accessToken));

    QPointer<SsoProfileDialog> guard(dialog);
    QTRY_VERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 10000);

    const auto saved = store.profileByName(u"Coffer-sandbox-ReadOnly"_s);
    QVERIFY(saved);
    QCOMPARE(saved->kind, Profile::Kind::Sso);
    QCOMPARE(saved->ssoStartUrl, kStartUrl);
    QCOMPARE(saved->ssoRegion, u"us-east-1"_s);
    QCOMPARE(saved->ssoAccountId, u"123456789012"_s);
    QCOMPARE(saved->ssoRoleName, u"ReadOnly"_s);
    QCOMPARE(saved->endpoint, m_server->url());
    // The manager shows it, selected, in its SSO form.
    QCOMPARE(manager.currentProfileId(), saved->id);
    QCOMPARE(Profile::Kind(manager.kindCombo()->currentData().toInt()), Profile::Kind::Sso);
    QCOMPARE(manager.findChild<QLineEdit *>(u"SsoRoleNameEdit"_s)->text(), u"ReadOnly"_s);
    QVERIFY(manager.statusLabel()->text().contains(u"Coffer-sandbox-ReadOnly"_s));
    // Nothing of the user's was written: no ~/.aws/config.
    QVERIFY(!QFile::exists(awsConfigPath()));

    // Connecting with it lists the secrets, with the role's credentials from the portal.
    QCOMPARE(listSecretsWith(*saved),
             (QStringList { u"paintbox/production/jwt"_s, u"pixell/dev"_s }));
}

void TestSsoProfileDialog::testAddToAwsConfigWhenTicked()
{
    // Someone's existing config stays as it is, byte for byte, before what is appended.
    QDir().mkpath(QDir::homePath() + u"/.aws"_s);
    const QByteArray mine = "[default]\nregion = eu-west-1\n";
    {
        QFile file(awsConfigPath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(mine);
    }
    ProfileStore store;
    ProfileManagerDialog manager(&store, m_transport);
    manager.show();
    QVERIFY(QTest::qWaitForWindowExposed(&manager));
    SsoProfileDialog *dialog = openFromManager(manager);
    QVERIFY(dialog);
    signIn(dialog);
    auto *roles = dialog->findChild<QListWidget *>(u"SsoRoleList"_s);
    auto *accounts = dialog->findChild<QListWidget *>(u"SsoAccountList"_s);
    QTRY_COMPARE_WITH_TIMEOUT(accounts->count(), kExtraAccounts + 1, 15000);
    accounts->setCurrentItem(
        accounts->findItems(u"Coffer sandbox (123456789012)"_s, Qt::MatchExactly).first());
    QTRY_COMPARE_WITH_TIMEOUT(roles->count(), 2, 10000);
    roles->setCurrentItem(roles->findItems(u"AdministratorAccess"_s, Qt::MatchExactly).first());
    auto *name = dialog->findChild<QLineEdit *>(u"SsoProfileNameEdit"_s);
    name->selectAll();
    QTest::keyClicks(name, u"sandbox-admin"_s);
    // A role picked after typing keeps the typed name.
    roles->setCurrentItem(roles->findItems(u"ReadOnly"_s, Qt::MatchExactly).first());
    roles->setCurrentItem(roles->findItems(u"AdministratorAccess"_s, Qt::MatchExactly).first());
    QCOMPARE(name->text(), u"sandbox-admin"_s);
    dialog->findChild<QCheckBox *>(u"SsoAddToAwsConfigCheck"_s)->setChecked(true);
    QPointer<SsoProfileDialog> guard(dialog);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"SsoSaveButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 10000);

    const auto saved = store.profileByName(u"sandbox-admin"_s);
    QVERIFY(saved);
    // The AWS CLI's form needs an sso-session: it is named after the profile, and the sign-in
    // was moved there so Coffer and the AWS CLI share it.
    QCOMPARE(saved->ssoSessionName, u"sandbox-admin"_s);
    QFile file(awsConfigPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.startsWith(QByteArray(mine + "\n[profile sandbox-admin]\n")));
    QVERIFY(written.contains(
        QByteArray("[sso-session sandbox-admin]\nsso_start_url = " + kStartUrl.toUtf8())));
    QVERIFY(QFile::exists(aws::SsoTokenCache(aws::SsoTokenCache::defaultDirectory(QDir::homePath()))
                              .path(u"sandbox-admin"_s)));

    // Debian's AWS CLI reads the file and lists the new profile.
    QProcess aws;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, QDir::homePath());
    env.remove(u"AWS_CONFIG_FILE"_s);
    env.remove(u"AWS_PROFILE"_s);
    aws.setProcessEnvironment(env);
    aws.start(u"/usr/bin/aws"_s, { u"configure"_s, u"list-profiles"_s });
    QVERIFY(aws.waitForStarted(10000));
    QVERIFY(QTest::qWaitFor([&aws] { return aws.state() == QProcess::NotRunning; }, 60000));
    QCOMPARE(aws.exitCode(), 0);
    const QStringList profiles
        = QString::fromUtf8(aws.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(profiles.contains(u"sandbox-admin"_s), qPrintable(profiles.join(u", "_s)));
    QVERIFY(profiles.contains(u"default"_s));

    // The Coffer profile works with the moved sign-in.
    QCOMPARE(listSecretsWith(*saved).size(), 2);

    // A name ~/.aws/config already has is refused, and nothing is written or saved.
    dialog = openFromManager(manager);
    QVERIFY(dialog);
    auto *startUrl = dialog->findChild<QLineEdit *>(u"SsoStartUrlEdit"_s);
    QTest::keyClicks(startUrl, kStartUrl);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"SsoRegionEdit"_s), u"us-east-1"_s);
    QTest::keyClicks(dialog->findChild<QLineEdit *>(u"SsoEndpointEdit"_s),
                     m_server->url().toString());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"SsoSignInButton"_s), Qt::LeftButton);
    // Still signed in (the legacy start URL's token): no dialog this time.
    roles = dialog->findChild<QListWidget *>(u"SsoRoleList"_s);
    QTRY_VERIFY_WITH_TIMEOUT(roles->count() > 0, 15000);
    name = dialog->findChild<QLineEdit *>(u"SsoProfileNameEdit"_s);
    name->selectAll();
    QTest::keyClicks(name, u"default"_s);
    dialog->findChild<QCheckBox *>(u"SsoAddToAwsConfigCheck"_s)->setChecked(true);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"SsoSaveButton"_s), Qt::LeftButton);
    QVERIFY2(dialog->statusText().contains(u"already has a profile 'default'"_s),
             qPrintable(dialog->statusText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(!store.profileByName(u"default"_s));
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), written);
}

void TestSsoProfileDialog::testSignedOutElsewhereSignsInAgain()
{
    ProfileStore store;
    SsoProfileDialog dialog(&store, m_transport);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    signIn(&dialog);
    auto *accounts = dialog.findChild<QListWidget *>(u"SsoAccountList"_s);
    QTRY_COMPARE_WITH_TIMEOUT(accounts->count(), kExtraAccounts + 1, 15000);
    auto *roles = dialog.findChild<QListWidget *>(u"SsoRoleList"_s);
    QTRY_VERIFY_WITH_TIMEOUT(roles->count() > 0, 10000);

    // Signed out elsewhere (as `aws sso logout` does): the cached token is refused from now on.
    const aws::SsoTokenCache cache(aws::SsoTokenCache::defaultDirectory(QDir::homePath()));
    const auto token = cache.load(kStartUrl);
    QVERIFY(token && *token);
    QNetworkRequest request(QUrl(m_server->url().toString() + u"/logout"_s));
    request.setRawHeader("x-amz-sso_bearer_token", (*token)->accessToken.toUtf8());
    QNetworkReply *reply = m_network.post(request, QByteArray());
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
    reply->deleteLater();
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

    // Sign In again: the portal answers 401, and the sign-in dialog opens again.
    const qsizetype before = m_signIns.size();
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"SsoSignInButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_signIns.size() > before, 10000);
    QPointer<SsoSignInDialog> again = m_signIns.last();
    QTRY_VERIFY_WITH_TIMEOUT(again && !again->userCode().isEmpty(), 10000);
    // Cancelled: the dialog says what happened, in words.
    again->reject();
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(u"sign in again"_s), 10000);
    QCOMPARE(accounts->count(), 0);
    // And signing in for real lists the accounts again.
    signIn(&dialog);
    QTRY_COMPARE_WITH_TIMEOUT(accounts->count(), kExtraAccounts + 1, 15000);
}

void TestSsoProfileDialog::testNoAssignment()
{
    ProfileStore store;
    SsoProfileDialog dialog(&store, m_transport);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // A start URL of its own, so that alice's cached sign-in is not used.
    auto *session = dialog.findChild<QLineEdit *>(u"SsoSessionEdit"_s);
    QTest::keyClicks(session, u"bob-session"_s);
    signIn(&dialog, u"bob"_s);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(u"no account"_s), 15000);
    QCOMPARE(dialog.findChild<QListWidget *>(u"SsoAccountList"_s)->count(), 0);
    QVERIFY(!dialog.findChild<QPushButton *>(u"SsoSaveButton"_s)->isEnabled());
    QVERIFY(dialog.findChild<QPushButton *>(u"SsoSignInButton"_s)->isEnabled());

    // A region that is no region is refused before anything is sent.
    auto *region = dialog.findChild<QLineEdit *>(u"SsoRegionEdit"_s);
    region->setText(u"Europe"_s);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"SsoSignInButton"_s), Qt::LeftButton);
    QVERIFY2(dialog.statusText().contains(u"region"_s), qPrintable(dialog.statusText()));
}

void TestSsoProfileDialog::testNetworkFailureIsExplained()
{
    // Signed in against a second sandbox, which then goes away.
    auto other = std::make_unique<sandbox::SandboxServer>();
    QVERIFY(other->listen());
    const QString url = other->url().toString();
    ProfileStore store;
    SsoProfileDialog dialog(&store, m_transport);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *endpoint = dialog.findChild<QLineEdit *>(u"SsoEndpointEdit"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"SsoStartUrlEdit"_s), kStartUrl);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"SsoRegionEdit"_s), u"us-east-1"_s);
    QTest::keyClicks(endpoint, url);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"SsoSignInButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_signIns.isEmpty() && m_signIns.last() && !m_signIns.last()->userCode().isEmpty(), 10000);
    QUrlQuery form;
    form.addQueryItem(u"user_code"_s, m_signIns.last()->userCode());
    form.addQueryItem(u"user"_s, u"alice"_s);
    QNetworkRequest request(other->verificationUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
    reply->deleteLater();
    auto *accounts = dialog.findChild<QListWidget *>(u"SsoAccountList"_s);
    QTRY_VERIFY_WITH_TIMEOUT(accounts->count() > 0, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.findChild<QListWidget *>(u"SsoRoleList"_s)->count() > 0, 10000);
    other.reset();

    // The token is still valid, the portal is gone: the dialog says so, in words.
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"SsoSignInButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusText().contains(u"cannot be reached"_s), 15000);
    QCOMPARE(accounts->count(), 0);
    QVERIFY(!dialog.findChild<QPushButton *>(u"SsoSaveButton"_s)->isEnabled());
}

void TestSsoProfileDialog::testMnemonicsAndTabOrder()
{
    ProfileStore store;
    SsoProfileDialog dialog(&store, m_transport);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSet<QChar> keys;
    int mnemonics = 0;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        const QString text = label->text();
        const qsizetype amp = text.indexOf(u'&');
        if (amp < 0 || text.contains(u"&&"_s))
            continue;
        ++mnemonics;
        QVERIFY2(label->buddy(), qPrintable(u"label without buddy: "_s + text));
        const QChar key = text.at(amp + 1).toLower();
        QVERIFY2(!keys.contains(key), qPrintable(u"mnemonic used twice: "_s + text));
        keys.insert(key);
    }
    for (const QAbstractButton *button : dialog.findChildren<QAbstractButton *>()) {
        const QString text = button->text();
        const qsizetype amp = text.indexOf(u'&');
        if (amp < 0)
            continue;
        ++mnemonics;
        const QChar key = text.at(amp + 1).toLower();
        QVERIFY2(!keys.contains(key), qPrintable(u"mnemonic used twice: "_s + text));
        keys.insert(key);
    }
    QVERIFY(mnemonics >= 10);
    // Tab goes top to bottom: start URL, region, session, endpoint, Sign In, accounts, roles...
    const QStringList expected { u"SsoStartUrlEdit"_s,      u"SsoRegionEdit"_s,
                                 u"SsoSessionEdit"_s,       u"SsoEndpointEdit"_s,
                                 u"SsoSignInButton"_s,      u"SsoAccountList"_s,
                                 u"SsoRoleList"_s,          u"SsoProfileNameEdit"_s,
                                 u"SsoProfileRegionEdit"_s, u"SsoAddToAwsConfigCheck"_s };
    QWidget *widget = dialog.findChild<QWidget *>(expected.first());
    QVERIFY(widget);
    QStringList seen { widget->objectName() };
    for (qsizetype i = 1; i < expected.size(); ++i) {
        widget = widget->nextInFocusChain();
        while (widget && widget->focusPolicy() == Qt::NoFocus)
            widget = widget->nextInFocusChain();
        QVERIFY(widget);
        seen << widget->objectName();
    }
    QCOMPARE(seen, expected);
}

QTEST_MAIN(TestSsoProfileDialog)
#include "testssoprofiledialog.moc"
