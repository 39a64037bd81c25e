// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The MFA dialog through the real MainWindow, wired as app/gui/main.cpp wires it: connecting
// to a ~/.aws assume-role profile with mfa_serial opens the dialog with the device's serial;
// OK stays disabled until six digits are typed; the code (a TOTP computed here) assumes a role
// that requires MFA on a real sandbox and the secrets are listed. Cancel lists nothing and
// shows no error; connecting again asks again. Nothing prints the code or the seed.
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtotp.h"
#include "models/session/session.h"
#include "views/mainwindow.h"
#include "views/mfacodedialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
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

const QString kSerial = u"arn:aws:iam::123456789012:mfa/app"_s;
const QString kSeedText = u"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"_s;

const QByteArray kPrincipals = R"({
  "users": [{"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001", "secretAccessKey": "app/secret/key/EXAMPLE",
             "policies": [{"Version": "2012-10-17",
                           "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}],
             "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/app",
                             "totpSeed": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}]}],
  "roles": [{"name": "guarded", "trust": ["user/app"], "requireMfa": true,
             "policies": [{"Version": "2012-10-17",
                           "Statement": [{"Effect": "Allow", "Action": "secretsmanager:\u002a", "Resource": "*"}]}]}]
})";

} // namespace

class TestMfaCodeDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void testDialogAsksAndConnects();
    void testCancelFailsTheConnection();

private:
    /// Connects the window to the `mfa` profile; returns the dialog it opened.
    void openMfaProfile();

    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<AwsProfileCatalog> m_catalog;
    std::unique_ptr<ProfileListModel> m_list;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<ProfileConnector> m_connector;
    std::unique_ptr<MainWindow> m_window;
    QPointer<MfaCodeDialog> m_opened;
};

void TestMfaCodeDialog::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder");
    AppInfo::applyToApplication();
    AppInfo::installTranslations();

    const auto principals = sandbox::SandboxPrincipals::fromJson(kPrincipals);
    QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
    sandbox::SandboxServerConfig config;
    principals->applyTo(config);
    m_server = std::make_unique<sandbox::SandboxServer>(config);
    QVERIFY(m_server->listen());
    for (const char *name : { "mfa/one", "mfa/two" }) {
        QVERIFY(m_server->store()
                    .call(u"CreateSecret", { { "Name", name }, { "SecretString", "x" } })
                    .has_value());
    }
    const QString aws = QDir::homePath() + u"/.aws"_s;
    const QByteArray url = m_server->url().toString().toUtf8();
    QVERIFY(writeFile(aws + u"/credentials"_s,
                      "[app]\naws_access_key_id = AKIAAPPEXAMPLE000001\n"
                      "aws_secret_access_key = app/secret/key/EXAMPLE\n"));
    QVERIFY(writeFile(aws + u"/config"_s,
                      "[profile app]\nregion = us-east-1\nendpoint_url = " + url
                          + "\n\n[profile mfa]\nrole_arn = arn:aws:iam::123456789012:role/guarded\n"
                            "source_profile = app\nmfa_serial = "
                          + kSerial.toUtf8() + "\nregion = us-east-1\nendpoint_url = " + url
                          + "\n"));

    // The application's wiring (app/gui/main.cpp), on the real widgets.
    QProcessEnvironment env; // no AWS_* at all: only ~/.aws counts
    m_profiles = std::make_unique<ProfileStore>();
    m_catalog = std::make_unique<AwsProfileCatalog>(env);
    m_list = std::make_unique<ProfileListModel>(m_profiles.get(), m_catalog.get());
    m_session = std::make_unique<Session>();
    m_connector = std::make_unique<ProfileConnector>(m_profiles.get(), m_session->transport());
    m_connector->setEnvironment(env);
    m_window = std::make_unique<MainWindow>();
    m_connector->setMfaCodeFunction(MfaCodeDialog::codeFunction(m_window.get()));
    m_window->setSession(m_session.get());
    m_window->setProfileStore(m_profiles.get());
    m_window->setProfileList(m_list.get());
    MfaCodeDialog::setOpenedHookForTests([this](MfaCodeDialog *dialog) { m_opened = dialog; });
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMfaCodeDialog::cleanup()
{
    QSettings().remove(QString());
    // A cached role session would spare the next test its dialog.
    QDir(QDir::homePath() + u"/.aws/cli/cache"_s).removeRecursively();
}

void TestMfaCodeDialog::openMfaProfile()
{
    m_opened.clear();
    const auto &entries = m_list->entries();
    const auto entry = std::find_if(entries.cbegin(), entries.cend(),
                                    [](const ProfileListEntry &e) { return e.name() == u"mfa"; });
    QVERIFY(entry != entries.cend());
    const auto connection = m_connector->connection(entry->profile);
    QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
    m_session->connectTo(connection->secretsManager, connection->sts, connection->profile.name);
    m_window->setCurrentProfile(entry->id());
    // The listing asks for credentials, and the role for the code: the dialog opens on the window.
    QTRY_VERIFY_WITH_TIMEOUT(m_opened, 20000);
    QCOMPARE(m_opened->parentWidget(), m_window.get());
    QTRY_VERIFY(m_opened->isVisible());
}

void TestMfaCodeDialog::testDialogAsksAndConnects()
{
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    openMfaProfile();
    if (QTest::currentTestFailed())
        return;
    auto *serial = m_opened->findChild<QLabel *>(u"MfaSerialLabel"_s);
    QVERIFY(serial);
    QCOMPARE(serial->text(), kSerial);
    QVERIFY(m_opened->findChild<QLabel *>(u"MfaPromptLabel"_s)->text().contains(u"mfa"_s));
    auto *edit = m_opened->findChild<QLineEdit *>(u"MfaCodeEdit"_s);
    auto *buttons = m_opened->findChild<QDialogButtonBox *>(u"MfaButtons"_s);
    QVERIFY(edit && buttons);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    // Letters are refused, five digits are not enough.
    QTest::keyClicks(edit, u"12a45"_s);
    QCOMPARE(edit->text(), u"1245"_s);
    QVERIFY(!ok->isEnabled());
    edit->clear();

    const auto seed = sandbox::SandboxTotp::decodeBase32(kSeedText);
    QVERIFY(seed);
    const QString code = sandbox::SandboxTotp::code(*seed, QDateTime::currentDateTimeUtc());
    QTest::keyClicks(edit, code);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);

    QVERIFY(listed.wait(20000));
    QCOMPARE(m_session->catalog()->secretCount(), 2);
    QVERIFY(m_session->catalog()->secret(u"mfa/one"_s));
    QTRY_VERIFY(!m_opened); // closed and deleted
    // The session is shared with the AWS CLI through its cache.
    QCOMPARE(QDir(QDir::homePath() + u"/.aws/cli/cache"_s)
                 .entryList({ u"*.json"_s }, QDir::Files)
                 .size(),
             1);
}

void TestMfaCodeDialog::testCancelFailsTheConnection()
{
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    QSignalSpy failed(m_session->loader(), &SecretCatalogLoader::loadingFailed);
    openMfaProfile();
    if (QTest::currentTestFailed())
        return;
    auto *buttons = m_opened->findChild<QDialogButtonBox *>(u"MfaButtons"_s);
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!m_opened);
    // Cancelling is the user's choice: nothing is listed and no error is shown for it.
    QTest::qWait(500);
    QCOMPARE(listed.count(), 0);
    QCOMPARE(failed.count(), 0);
    QVERIFY(m_window->isVisible());

    // Connecting again asks again, and this time the code gets through.
    openMfaProfile();
    if (QTest::currentTestFailed())
        return;
    const auto seed = sandbox::SandboxTotp::decodeBase32(kSeedText);
    QVERIFY(seed);
    QTest::keyClicks(m_opened->findChild<QLineEdit *>(u"MfaCodeEdit"_s),
                     sandbox::SandboxTotp::code(*seed, QDateTime::currentDateTimeUtc()));
    QTest::keyClick(m_opened->findChild<QLineEdit *>(u"MfaCodeEdit"_s), Qt::Key_Return);
    QVERIFY(listed.wait(20000));
    QCOMPARE(m_session->catalog()->secretCount(), 2);
}

QTEST_MAIN(TestMfaCodeDialog)
#include "testmfacodedialog.moc"
