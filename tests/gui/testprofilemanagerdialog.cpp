// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The profile manager driven through its real widgets, offscreen, with the harness's real
// Secret Service behind it: what the user types as a secret key must land in the keyring
// (checked with secret-tool) and nowhere in the settings.
#include "models/keychain/keychainstore.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxserver.h"
#include "views/emptystateoverlay.h"
#include "views/productionbadge.h"
#include "views/profilemanagerdialog.h"
#include "tests/support/screenshot.h"
#include "tests/support/testenv.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using coffer::KeychainStore;
using coffer::Profile;
using coffer::ProfileManagerDialog;
using coffer::ProfileStore;

namespace {
const QString kTestService = u"io.github.coffer_app.Coffer.guitest"_s;
}

class TestProfileManagerDialog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void testAddAccessKeyProfileThroughWidgets();
    void testValidationIsShown();
    void testPlainHttpSettingThroughWidgets();
    void testAssumeRoleProfileThroughWidgets();
    void testRemoveThroughWidgets();
    void testEveryLabelMnemonicHasABuddy();
    void testEmptyListSaysSo();
    void testTestConnectionOfUnsavedProfile();

private:
    bool secretToolFinds(const QString &key);
    void addAccessKeyProfile(ProfileManagerDialog &dialog, const QString &name,
                             const QString &secret, bool production = false);
    /// Clicks `button` of the message box called `objectName` once it shows.
    void answerMessageBox(QWidget *parent, const QString &objectName,
                          QMessageBox::StandardButton button);

    KeychainStore *m_keychain = nullptr;
};

void TestProfileManagerDialog::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("HOME").startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QCoreApplication::setOrganizationName(u"CofferTest"_s);
    QCoreApplication::setApplicationName(u"TestProfileManagerDialog"_s);
    m_keychain = new KeychainStore(kTestService, this);
}

void TestProfileManagerDialog::init()
{
    QSettings().clear();
    QSettings().sync();
}

bool TestProfileManagerDialog::secretToolFinds(const QString &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s,
               { u"search"_s, u"--all"_s, u"user"_s, key, u"server"_s, kTestService });
    if (!tool.waitForFinished(10000))
        return false;
    return QByteArray(tool.readAllStandardOutput() + tool.readAllStandardError())
        .contains((u"attribute.user = "_s + key).toUtf8());
}

void TestProfileManagerDialog::addAccessKeyProfile(ProfileManagerDialog &dialog,
                                                   const QString &name, const QString &secret,
                                                   bool production)
{
    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    QTest::keyClicks(dialog.nameEdit(), name);
    dialog.kindCombo()->setCurrentIndex(
        dialog.kindCombo()->findData(int(Profile::Kind::AccessKey)));
    QTest::keyClicks(dialog.regionEdit(), u"eu-west-1"_s);
    QTest::keyClicks(dialog.accessKeyIdEdit(), u"AKIDEXAMPLE0000042"_s);
    QVERIFY(dialog.secretAccessKeyEdit()->isVisible());
    QCOMPARE(dialog.secretAccessKeyEdit()->echoMode(), QLineEdit::Password);
    QTest::keyClicks(dialog.secretAccessKeyEdit(), secret);
    if (production)
        QTest::mouseClick(dialog.productionCheck(), Qt::LeftButton);
    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
}

void TestProfileManagerDialog::answerMessageBox(QWidget *parent, const QString &objectName,
                                                QMessageBox::StandardButton button)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = parent->findChild<QMessageBox *>(objectName)) && box->isVisible());
    QTest::mouseClick(box->button(button), Qt::LeftButton);
}

void TestProfileManagerDialog::testAddAccessKeyProfileThroughWidgets()
{
    const QByteArray canary = "canary/" + QUuid::createUuid().toByteArray(QUuid::Id128).left(33);
    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    addAccessKeyProfile(dialog, u"gui-work"_s, QString::fromUtf8(canary), true);

    const auto profile = store.profileByName(u"gui-work"_s);
    QVERIFY(profile.has_value());
    QCOMPARE(profile->kind, Profile::Kind::AccessKey);
    QCOMPARE(profile->region, u"eu-west-1"_s);
    QCOMPARE(profile->accessKeyId, u"AKIDEXAMPLE0000042"_s);
    QVERIFY(profile->production);
    // What the user sees: the profile in the list with its badge, the secret field emptied.
    QCOMPARE(dialog.profileList()->count(), 1);
    QVERIFY(dialog.profileList()->item(0)->text().contains(coffer::ProductionBadge::badgeText()));
    QVERIFY(dialog.productionBadge()->isVisible());
    QVERIFY(dialog.secretAccessKeyEdit()->text().isEmpty());
    QVERIFY(dialog.secretAccessKeyEdit()->placeholderText().contains(u"keychain"_s));
    QVERIFY(dialog.statusLabel()->text().contains(u"saved"_s));
    // It fits the smallest screen the window is made for (1000 x 700).
    QVERIFY(dialog.minimumSizeHint().width() <= 1000 && dialog.minimumSizeHint().height() <= 700);
    QVERIFY(dialog.width() <= 1000 && dialog.height() <= 700);
    QVERIFY(coffer::test::saveScreenshot(&dialog, u"profile-manager"_s));

    // The secret is in the keyring, and in no file of the settings folder.
    QVERIFY2(secretToolFinds(profile->keychainKey()), "the secret key is not in the keyring");
    QSettings settings;
    settings.sync();
    QVERIFY(QFile::exists(settings.fileName()));
    const QStringList hits = coffer::test::filesContaining(qEnvironmentVariable("XDG_CONFIG_HOME"), canary);
    QVERIFY2(hits.isEmpty(), qPrintable(hits.join(u", "_s)));
    QVERIFY(coffer::test::filesContaining(qEnvironmentVariable("XDG_CONFIG_HOME"), "AKIDEXAMPLE0000042").size()
            == 1);

    // Editing without retyping the secret keeps it.
    QTest::mouseClick(dialog.productionCheck(), Qt::LeftButton);
    QVERIFY(!dialog.productionBadge()->isVisible());
    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY(finished.at(0).at(0).toBool());
    QVERIFY(!store.profile(profile->id)->production);
    QVERIFY(secretToolFinds(profile->keychainKey()));

    std::optional<coffer::ProfileResult<void>> removed;
    store.remove(profile->id, this, [&removed](auto r) { removed = r; });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
}

void TestProfileManagerDialog::testEveryLabelMnemonicHasABuddy()
{
    // A label with "&" and no buddy shows the ampersand itself and its Alt key does nothing.
    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    int mnemonics = 0;
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        const QString text = label->text();
        if (!text.contains(u'&') || text.contains(u"&&"_s) || label->textFormat() == Qt::RichText)
            continue;
        ++mnemonics;
        QVERIFY2(label->buddy(), qPrintable(u"label without buddy: "_s + text));
    }
    QVERIFY(mnemonics >= 4);
    auto *name = dialog.findChild<QLabel *>(u"NameLabel"_s);
    QVERIFY(name);
    QCOMPARE(name->buddy(), static_cast<QWidget *>(dialog.nameEdit()));
}

void TestProfileManagerDialog::testValidationIsShown()
{
    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    QTest::keyClicks(dialog.nameEdit(), u"incomplete"_s);
    QTest::keyClicks(dialog.regionEdit(), u"eu-west-1"_s);
    QTest::keyClicks(dialog.accessKeyIdEdit(), u"AKIDEXAMPLE0000042"_s);
    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton); // no secret key typed
    QVERIFY(finished.wait(5000));
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY(dialog.statusLabel()->text().contains(u"secret access key"_s));
    QVERIFY(store.profiles().isEmpty());
}

void TestProfileManagerDialog::testPlainHttpSettingThroughWidgets()
{
    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    QTest::keyClicks(dialog.nameEdit(), u"lan-emulator"_s);
    dialog.kindCombo()->setCurrentIndex(
        dialog.kindCombo()->findData(int(Profile::Kind::AccessKey)));
    QTest::keyClicks(dialog.regionEdit(), u"eu-west-1"_s);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"EndpointEdit"_s), u"http://emulator.lan:4566"_s);
    QTest::keyClicks(dialog.accessKeyIdEdit(), u"AKIDEXAMPLE0000043"_s);
    QTest::keyClicks(dialog.secretAccessKeyEdit(), u"not-a-real-secret"_s);
    auto *allow = dialog.findChild<QCheckBox *>(u"AllowInsecureHttpCheck"_s);
    QVERIFY(allow && allow->isVisible() && !allow->isChecked());
    QTest::mouseClick(allow, Qt::LeftButton);
    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    const auto profile = store.profileByName(u"lan-emulator"_s);
    QVERIFY(profile);
    QVERIFY(profile->allowInsecureHttp);
    QCOMPARE(profile->endpoint, QUrl(u"http://emulator.lan:4566"_s));
}

void TestProfileManagerDialog::testAssumeRoleProfileThroughWidgets()
{
    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    addAccessKeyProfile(dialog, u"base"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);
    const auto base = store.profileByName(u"base"_s);
    QVERIFY(base);

    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    QTest::keyClicks(dialog.nameEdit(), u"admin"_s);
    dialog.kindCombo()->setCurrentIndex(
        dialog.kindCombo()->findData(int(Profile::Kind::AssumeRole)));
    QVERIFY(dialog.roleArnEdit()->isVisible());
    QVERIFY(!dialog.secretAccessKeyEdit()->isVisible());
    QTest::keyClicks(dialog.regionEdit(), u"eu-west-1"_s);
    QTest::keyClicks(dialog.roleArnEdit(), u"arn:aws:iam::123456789012:role/Admin"_s);
    QCOMPARE(dialog.sourceProfileCombo()->currentText(), u"base"_s);
    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    const auto admin = store.profileByName(u"admin"_s);
    QVERIFY(admin);
    QCOMPARE(admin->sourceProfileId, base->id);
    QVERIFY(!secretToolFinds(admin->keychainKey()));

    // The source cannot be removed while the role uses it: the dialog says why.
    dialog.selectProfile(base->id);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    finished.clear();
    answerMessageBox(&dialog, u"RemoveProfileBox"_s, QMessageBox::Yes);
    QVERIFY(finished.wait(15000));
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY(dialog.statusLabel()->text().contains(u"admin"_s));
    QVERIFY(secretToolFinds(base->keychainKey()));

    for (const QUuid &id : { admin->id, base->id }) {
        std::optional<coffer::ProfileResult<void>> removed;
        store.remove(id, this, [&removed](auto r) { removed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
        QVERIFY(removed->has_value());
    }
}

void TestProfileManagerDialog::testRemoveThroughWidgets()
{
    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    addAccessKeyProfile(dialog, u"doomed"_s, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);
    const auto profile = store.profileByName(u"doomed"_s);
    QVERIFY(profile);
    QVERIFY(secretToolFinds(profile->keychainKey()));

    // Cancel keeps it.
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    answerMessageBox(&dialog, u"RemoveProfileBox"_s, QMessageBox::Cancel);
    QTest::qWait(50);
    QVERIFY(store.profile(profile->id));

    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    answerMessageBox(&dialog, u"RemoveProfileBox"_s, QMessageBox::Yes);
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
    QVERIFY(!store.profile(profile->id));
    QCOMPARE(dialog.profileList()->count(), 0);
    QVERIFY2(!secretToolFinds(profile->keychainKey()), "the keyring item outlived its profile");
}

void TestProfileManagerDialog::testEmptyListSaysSo()
{
    ProfileStore store(m_keychain);
    QVERIFY(store.profiles().isEmpty());
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *empty = dialog.findChild<coffer::EmptyStateOverlay *>(u"ProfileListEmptyState"_s);
    QVERIFY(empty);
    // In the list itself, with what to do about it.
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->parentWidget(), dialog.profileList()->viewport());
    QVERIFY2(empty->label()->text().startsWith(u"No profiles yet."_s), qPrintable(empty->label()->text()));
    QVERIFY(empty->label()->text().contains(u"import"_s));

    addAccessKeyProfile(dialog, u"first"_s, u"first/secret/EXAMPLE"_s);
    QCOMPARE(dialog.profileList()->count(), 1);
    QVERIFY(!empty->isVisible());

    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    answerMessageBox(&dialog, u"RemoveProfileBox"_s, QMessageBox::Yes);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.profileList()->count(), 0, 15000);
    QTRY_VERIFY(empty->isVisible());
}

void TestProfileManagerDialog::testTestConnectionOfUnsavedProfile()
{
    // A sandbox with an IAM user of its own: STS GetCallerIdentity answers with its ARN.
    const QString appArn = u"arn:aws:iam::123456789012:user/app"_s;
    const QString appSecret = u"app/secret/key/EXAMPLE"_s;
    coffer::sandbox::SandboxServerConfig config;
    coffer::sandbox::SandboxPrincipal principal;
    principal.arn = appArn;
    principal.credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
    principal.credentials.secretAccessKey = appSecret;
    config.principals = { principal };
    coffer::sandbox::SandboxServer server(config);
    QVERIFY(server.listen());

    ProfileStore store(m_keychain);
    ProfileManagerDialog dialog(&store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::mouseClick(dialog.newButton(), Qt::LeftButton);
    QTest::keyClicks(dialog.nameEdit(), u"typed"_s);
    dialog.kindCombo()->setCurrentIndex(dialog.kindCombo()->findData(int(Profile::Kind::AccessKey)));
    QTest::keyClicks(dialog.regionEdit(), u"us-east-1"_s);
    QTest::keyClicks(dialog.endpointEdit(), server.url().toString());
    QTest::keyClicks(dialog.accessKeyIdEdit(), principal.credentials.accessKeyId);
    QTest::keyClicks(dialog.secretAccessKeyEdit(), appSecret);

    // Test, without saving: who the typed keys belong to.
    QVERIFY(dialog.testButton()->isEnabled());
    QSignalSpy finished(&dialog, &ProfileManagerDialog::operationFinished);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    const QString connected = dialog.statusLabel()->text();
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(connected));
    QVERIFY2(connected.contains(appArn), qPrintable(connected));
    QVERIFY2(connected.contains(u"123456789012"_s), qPrintable(connected));
    // Nothing was saved: no profile, and the form still holds what was typed.
    QVERIFY(store.profiles().isEmpty());
    QCOMPARE(dialog.profileList()->count(), 0);
    QCOMPARE(dialog.secretAccessKeyEdit()->text(), appSecret);

    // Wrong keys: the server's refusal, in words, and no key on screen.
    dialog.secretAccessKeyEdit()->clear();
    const QString wrong = u"not/the/right/key/EXAMPLE"_s;
    QTest::keyClicks(dialog.secretAccessKeyEdit(), wrong);
    finished.clear();
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    const QString refused = dialog.statusLabel()->text();
    QVERIFY2(!finished.at(0).at(0).toBool(), qPrintable(refused));
    QVERIFY2(!refused.contains(u"Connected"_s), qPrintable(refused));
    QVERIFY2(refused.contains(u"signature"_s, Qt::CaseInsensitive), qPrintable(refused));
    QVERIFY(!refused.contains(wrong));
    QVERIFY(!refused.contains(appSecret));

    // Without a secret key typed, a new profile cannot be tested: it says what is missing.
    dialog.secretAccessKeyEdit()->clear();
    finished.clear();
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!finished.at(0).at(0).toBool());
    QVERIFY2(dialog.statusLabel()->text().contains(u"secret access key"_s),
             qPrintable(dialog.statusLabel()->text()));
    QVERIFY(store.profiles().isEmpty());
}

QTEST_MAIN(TestProfileManagerDialog)
#include "testprofilemanagerdialog.moc"
