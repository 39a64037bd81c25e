// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The switcher at a first start with an ordinary ~/.aws (in the harness's private HOME) and
// nothing imported: it lists the sandbox, the ~/.aws profiles and nothing else; the startup rule
// opens `default`; picking another ~/.aws profile connects to a real sandbox with the keys that
// are only in ~/.aws/credentials. A plain-HTTP endpoint on a non-loopback address that the
// profile allows keeps a warning in the status bar.
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/session.h"
#include "tests/support/testenv.h"
#include "views/elidedlabel.h"
#include "views/mainwindow.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QDirIterator>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(content) == content.size();
}

// Obviously fake keys, accepted only by the test's own sandboxes.
const QString kDefaultKeyId = u"AKIDSWITCHERDEFAULT1"_s;
const QString kDefaultSecret = u"switcher/default/secret/EXAMPLE"_s;
const QString kFileKeyId = u"AKIDSWITCHERFROMFILE"_s;
const QString kFileSecret = u"switcher/fromfile/secret/EXAMPLE"_s;

aws::AwsCredentials keys(const QString &id, const QString &secret)
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = id;
    credentials.secretAccessKey = secret;
    return credentials;
}

} // namespace

class TestAwsProfileSwitcher final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void testFirstStartListsAwsProfilesAndConnects();
    void testAllowedPlainHttpKeepsAWarning();
    void testTheApplicationFollowsTheStartupRule();
};

void TestAwsProfileSwitcher::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder");
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestAwsProfileSwitcher::cleanup()
{
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
    QSettings().remove(QString());
}

void TestAwsProfileSwitcher::testFirstStartListsAwsProfilesAndConnects()
{
    // Two accounts, each accepting only its own keys.
    sandbox::SandboxServerConfig defaultConfig;
    defaultConfig.accountId = u"111111111111"_s;
    defaultConfig.credentials = {keys(kDefaultKeyId, kDefaultSecret)};
    sandbox::SandboxServer defaultServer(defaultConfig);
    QVERIFY(defaultServer.listen());
    QVERIFY(defaultServer.store()
                .call(u"CreateSecret", {{"Name", "default/one"}, {"SecretString", "x"}})
                .has_value());
    sandbox::SandboxServerConfig fileConfig;
    fileConfig.accountId = u"222222222222"_s;
    fileConfig.credentials = {keys(kFileKeyId, kFileSecret)};
    sandbox::SandboxServer fileServer(fileConfig);
    QVERIFY(fileServer.listen());
    for (const char *name : {"fromfile/a", "fromfile/b"}) {
        QVERIFY(fileServer.store()
                    .call(u"CreateSecret", {{"Name", name}, {"SecretString", "y"}})
                    .has_value());
    }

    // An ordinary ~/.aws, as `aws configure` leaves it; the keys are only in credentials.
    const QString aws = QDir::homePath() + u"/.aws"_s;
    QVERIFY(writeFile(aws + u"/config"_s,
                      "[default]\nregion = eu-west-1\nendpoint_url = "
                          + defaultServer.url().toString().toUtf8()
                          + "\n\n[profile fromfile]\nregion = eu-north-1\nendpoint_url = "
                          + fileServer.url().toString().toUtf8()
                          + "\n\n[profile company]\nsso_session = corp\n"));
    QVERIFY(writeFile(aws + u"/credentials"_s,
                      "[default]\naws_access_key_id = " + kDefaultKeyId.toUtf8()
                          + "\naws_secret_access_key = " + kDefaultSecret.toUtf8()
                          + "\n\n[fromfile]\naws_access_key_id = " + kFileKeyId.toUtf8()
                          + "\naws_secret_access_key = " + kFileSecret.toUtf8() + "\n"));

    // The application's wiring (app/gui/main.cpp), on the real widgets.
    QProcessEnvironment env; // no AWS_* at all: only ~/.aws counts
    ProfileStore profiles;
    QVERIFY(profiles.profiles().isEmpty());
    AwsProfileCatalog catalog(env);
    ProfileListModel list(&profiles, &catalog);
    Session session;
    ProfileConnector connector(&profiles, session.transport());
    connector.setEnvironment(env);
    MainWindow window;
    window.setSession(&session);
    window.setProfileStore(&profiles);
    window.setProfileList(&list);
    const auto connectTo = [&](const QUuid &id) {
        const auto entry = list.entry(id);
        QVERIFY(entry);
        const auto connection = connector.connection(entry->profile);
        QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
        session.connectTo(connection->secretsManager, connection->sts, connection->profile.name);
        window.setCurrentProfile(id);
        QSettings settings;
        ProfileListModel::rememberChoice(settings, *entry);
    };
    QObject::connect(&window, &MainWindow::profileChosen, &session, connectTo);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // Listed as they are, with nothing imported.
    QComboBox *combo = window.findChild<QComboBox *>(u"ProfileCombo"_s);
    QVERIFY(combo);
    QStringList texts;
    for (int i = 0; i < combo->count(); ++i) {
        if (!combo->itemText(i).isEmpty())
            texts << combo->itemText(i);
    }
    QCOMPARE(texts, (QStringList{u"Local sandbox"_s,
                                 u"company (~/.aws, IAM Identity Center (SSO))"_s,
                                 u"default (~/.aws, Access keys)"_s,
                                 u"fromfile (~/.aws, Access keys)"_s}));
    const int company = combo->findText(texts.at(1));
    QVERIFY(combo->itemData(company, Qt::ToolTipRole).toString().contains(u"~/.aws/config line"_s));
    // The SSO profile cannot connect yet: marked before it is picked, the keys ones are not.
    QVERIFY(!combo->itemIcon(company).isNull());
    QVERIFY(combo->itemIcon(combo->findText(texts.at(2))).isNull());
    QVERIFY(profiles.profiles().isEmpty());

    // First start: no last profile, no AWS_PROFILE, so `default`.
    QVERIFY(!ProfileListModel::lastChoice(QSettings()));
    const int startRow = list.startupRow(ProfileListModel::lastChoice(QSettings()), env);
    QCOMPARE(list.entries().at(startRow).name(), u"default"_s);
    QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
    connectTo(list.entries().at(startRow).id());
    QVERIFY(listed.wait(20000));
    QCOMPARE(session.catalog()->secretCount(), 1);
    QCOMPARE(combo->currentText(), u"default (~/.aws, Access keys)"_s);

    // The user picks fromfile in the switcher: its keys, from ~/.aws/credentials, sign.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QVERIFY(listed.wait(20000));
    QCOMPARE(combo->currentText(), u"fromfile (~/.aws, Access keys)"_s);
    QCOMPARE(session.catalog()->secretCount(), 2);
    QVERIFY(session.catalog()->secret(u"fromfile/a"_s));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.connectionLabel()->fullText().startsWith(u"fromfile · 222222222222 · eu-north-1"_s),
        20000);
    // Remembered by name, for the next start.
    const auto last = ProfileListModel::lastChoice(QSettings());
    QVERIFY(last);
    QCOMPARE(last->name, u"fromfile"_s);
    QCOMPARE(list.entries().at(list.startupRow(last, env)).name(), u"fromfile"_s);
    // Still nothing copied into Coffer's profiles or the keychain.
    QVERIFY(profiles.profiles().isEmpty());

    // A profile added to the file while Coffer runs shows up without a restart.
    QVERIFY(writeFile(aws + u"/config"_s,
                      "[default]\nregion = eu-west-1\n\n[profile late]\n"
                      "credential_process = /bin/true\n"));
    QTRY_VERIFY_WITH_TIMEOUT(combo->findText(u"late (~/.aws, Credential process)"_s) >= 0, 5000);
}

void TestAwsProfileSwitcher::testAllowedPlainHttpKeepsAWarning()
{
    sandbox::SandboxServerConfig config;
    config.address = QHostAddress::Any;
    config.credentials = {keys(kFileKeyId, kFileSecret)};
    sandbox::SandboxServer server(config);
    QVERIFY(server.listen());
    // 0.0.0.0 reaches this computer, but is not a loopback address: plain HTTP to it needs the
    // opt-in.
    QUrl url = server.url();
    url.setHost(u"0.0.0.0"_s);
    const QString aws = QDir::homePath() + u"/.aws"_s;
    QVERIFY(writeFile(aws + u"/config"_s,
                      "[profile refused]\nregion = eu-west-1\nendpoint_url = "
                          + url.toString().toUtf8()
                          + "\n\n[profile allowed]\nregion = eu-west-1\nendpoint_url = "
                          + url.toString().toUtf8() + "\ncoffer_allow_insecure_http = true\n"));
    QVERIFY(writeFile(aws + u"/credentials"_s,
                      "[refused]\naws_access_key_id = " + kFileKeyId.toUtf8()
                          + "\naws_secret_access_key = " + kFileSecret.toUtf8()
                          + "\n[allowed]\naws_access_key_id = " + kFileKeyId.toUtf8()
                          + "\naws_secret_access_key = " + kFileSecret.toUtf8() + "\n"));

    QProcessEnvironment env;
    ProfileStore profiles;
    AwsProfileCatalog catalog(env, {.watch = false});
    ProfileListModel list(&profiles, &catalog);
    Session session;
    ProfileConnector connector(&profiles, session.transport());
    connector.setEnvironment(env);
    MainWindow window;
    window.setSession(&session);
    window.setProfileList(&list);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const auto refused = connector.connection(list.entry(ProfileListModel::awsConfigProfileId(u"refused"_s))->profile);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"plain HTTP"_s), qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(u"coffer_allow_insecure_http"_s));

    const auto allowed = connector.connection(list.entry(ProfileListModel::awsConfigProfileId(u"allowed"_s))->profile);
    QVERIFY2(allowed, qPrintable(allowed ? QString() : allowed.error().message));
    QCOMPARE(allowed->warnings.size(), 1);
    QSignalSpy listed(session.loader(), &SecretCatalogLoader::loadingFinished);
    session.connectTo(allowed->secretsManager, allowed->sts, allowed->profile.name);
    window.setConnectionWarning(allowed->warnings.join(u"; "_s));
    QVERIFY(listed.wait(20000));
    QLabel *warning = window.findChild<QLabel *>(u"ConnectionWarning"_s);
    QVERIFY(warning);
    QVERIFY(warning->isVisible());
    QVERIFY2(warning->text().contains(u"Plain HTTP to 0.0.0.0"_s), qPrintable(warning->text()));
    // It stays while the connection does: a passing status message does not replace it.
    window.statusBar()->showMessage(u"something else"_s, 100);
    QTest::qWait(200);
    QVERIFY(warning->isVisible());
    window.setConnectionWarning({});
    QVERIFY(!warning->isVisible());

    // A Coffer profile has the same setting (the profile manager's checkbox).
    Profile own = Profile::create(Profile::Kind::AccessKey, u"emulator"_s);
    own.region = u"eu-west-1"_s;
    own.endpoint = url;
    own.accessKeyId = kFileKeyId;
    QVERIFY2(!connector.connection(own), "plain HTTP to 0.0.0.0 needs the opt-in");
    own.allowInsecureHttp = true;
    const auto ownAllowed = connector.connection(own);
    QVERIFY2(ownAllowed, qPrintable(ownAllowed ? QString() : ownAllowed.error().message));
    QCOMPARE(ownAllowed->warnings,
             QStringList{u"Plain HTTP to 0.0.0.0 (allowed by the setting of profile emulator): "
                         "traffic is not encrypted."_s});
}

void TestAwsProfileSwitcher::testTheApplicationFollowsTheStartupRule()
{
    // app/gui/main.cpp itself, as a user starts it: a fresh HOME whose ~/.aws has `default` and
    // `fromfile`, each pointing at its own sandbox that accepts only the keys in the file.
    sandbox::SandboxServerConfig defaultConfig;
    defaultConfig.credentials = {keys(kDefaultKeyId, kDefaultSecret)};
    sandbox::SandboxServer defaultServer(defaultConfig);
    QVERIFY(defaultServer.listen());
    sandbox::SandboxServerConfig fileConfig;
    fileConfig.credentials = {keys(kFileKeyId, kFileSecret)};
    sandbox::SandboxServer fileServer(fileConfig);
    QVERIFY(fileServer.listen());

    const QString root = qEnvironmentVariable("COFFER_TEST_ROOT") + u"/app-home"_s;
    QVERIFY(writeFile(root + u"/home/.aws/config"_s,
                      "[default]\nregion = eu-west-1\nendpoint_url = "
                          + defaultServer.url().toString().toUtf8()
                          + "\n\n[profile fromfile]\nregion = eu-north-1\nendpoint_url = "
                          + fileServer.url().toString().toUtf8() + "\n"));
    QVERIFY(writeFile(root + u"/home/.aws/credentials"_s,
                      "[default]\naws_access_key_id = " + kDefaultKeyId.toUtf8()
                          + "\naws_secret_access_key = " + kDefaultSecret.toUtf8()
                          + "\n\n[fromfile]\naws_access_key_id = " + kFileKeyId.toUtf8()
                          + "\naws_secret_access_key = " + kFileSecret.toUtf8() + "\n"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOME"_s, root + u"/home"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, root + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, root + u"/data"_s);
    env.remove(u"AWS_PROFILE"_s);
    const auto start = [&](const QProcessEnvironment &environment) {
        QProcess app;
        app.setProcessEnvironment(environment);
        app.start(test::guiPath(), {u"--screenshot"_s, root + u"/shot.png"_s});
        // The sandboxes answer from this process's event loop meanwhile.
        const bool ended = QTest::qWaitFor([&app] { return app.state() == QProcess::NotRunning; },
                                           60000);
        if (!ended) {
            app.kill();
            app.waitForFinished();
        }
        return ended && app.exitCode() == 0;
    };
    const auto settingsText = [&] {
        QDirIterator it(root + u"/config"_s, {u"*.conf"_s}, QDir::Files, QDirIterator::Subdirectories);
        QByteArray text;
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly))
                text += file.readAll();
        }
        return text;
    };

    // First start, AWS_PROFILE unset: `default`, whose keys sign the listing.
    QVERIFY(start(env));
    QVERIFY(defaultServer.requestCount() > 0);
    QCOMPARE(fileServer.requestCount(), 0);
    QByteArray settings = settingsText();
    QVERIFY2(settings.contains("profileName=default"), settings.constData());
    QVERIFY(settings.contains("profileSource=aws-config"));
    QVERIFY(!settings.contains(kDefaultKeyId.toUtf8()) && !settings.contains(kDefaultSecret.toUtf8()));

    // A later start reopens the last one, whatever AWS_PROFILE says now.
    const qint64 before = defaultServer.requestCount();
    QProcessEnvironment withProfile = env;
    withProfile.insert(u"AWS_PROFILE"_s, u"fromfile"_s);
    QVERIFY(start(withProfile));
    QVERIFY(defaultServer.requestCount() > before);
    QCOMPARE(fileServer.requestCount(), 0);

    // On a first start, AWS_PROFILE wins over default.
    QVERIFY(QDir(root + u"/config"_s).removeRecursively());
    QVERIFY(start(withProfile));
    QVERIFY(fileServer.requestCount() > 0);
    QVERIFY(settingsText().contains("profileName=fromfile"));
}

QTEST_MAIN(TestAwsProfileSwitcher)
#include "testawsprofileswitcher.moc"
