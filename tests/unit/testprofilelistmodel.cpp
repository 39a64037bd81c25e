// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ProfileListModel: the sandbox, then the ~/.aws profiles in place, then Coffer's keychain
// profiles, each with its source and kind; it follows the files live; and the startup rule
// (last used, else AWS_PROFILE, else default, else the sandbox) with only names in the settings.
#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;
using Source = ProfileListEntry::Source;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(content) == content.size();
}

const QByteArray kConfig = "[profile zeta]\nregion = eu-west-1\ncredential_process = /bin/true\n\n"
                           "[profile alpha]\nsso_session = corp\n\n"
                           "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n"
                           "sso_region = us-east-1\n";
const QByteArray kCredentials = "[default]\naws_access_key_id = AKIDLISTEXAMPLE00001\n"
                                "aws_secret_access_key = list/secret/EXAMPLE\n";

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, 0).data(role).toString();
    return values;
}

} // namespace

class TestProfileListModel final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testOrderSourcesAndKinds();
    void testSandboxProfilesAreListed();
    void testFollowsTheFilesAndTheStore();
    void testAwsIdsAreStable();
    void testStartupRule_data();
    void testStartupRule();
    void testRememberKeepsOnlyTheName();
    void testSettingsOfEarlierVersions();

private:
    void addKeychainProfile(const QString &name);
    QProcessEnvironment env() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProfileStore> m_store;
};

void TestProfileListModel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings().remove(QString());
    m_store = std::make_unique<ProfileStore>();
}

void TestProfileListModel::cleanup()
{
    m_store.reset();
    QSettings().remove(QString());
}

QProcessEnvironment TestProfileListModel::env() const
{
    QProcessEnvironment env;
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"credentials"_s));
    return env;
}

void TestProfileListModel::addKeychainProfile(const QString &name)
{
    Profile profile = Profile::create(Profile::Kind::AccessKey, name);
    profile.region = u"eu-central-1"_s;
    profile.accessKeyId = u"AKIDKEYCHAINEXAMPLE1"_s;
    std::optional<bool> saved;
    // Memory only: this test is about the list, not the keychain.
    m_store->save(profile, ProfileSecret {u"not-a-real-key"_s, {}}, {.memoryOnly = true}, this,
                  [&saved](ProfileResult<void> result) { saved = result.has_value(); });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(*saved);
}

void TestProfileListModel::testOrderSourcesAndKinds()
{
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    addKeychainProfile(u"work"_s);
    addKeychainProfile(u"Archive"_s);
    AwsProfileCatalog catalog(env(), {.watch = false});
    ProfileListModel model(m_store.get(), &catalog);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QCOMPARE(column(model, Qt::DisplayRole),
             (QStringList {u"Local sandbox"_s, u"alpha"_s, u"default"_s, u"zeta"_s,
                           u"Archive"_s, u"work"_s}));
    QCOMPARE(column(model, ProfileListModel::SourceRole),
             (QStringList {u"builtin"_s, u"aws-config"_s, u"aws-config"_s, u"aws-config"_s,
                           u"keychain"_s, u"keychain"_s}));
    QCOMPARE(column(model, ProfileListModel::KindRole),
             (QStringList {u"sandbox"_s, u"sso"_s, u"keys"_s, u"credential-process"_s,
                           u"access-key"_s, u"access-key"_s}));
    QCOMPARE(model.index(3, 0).data(ProfileListModel::RegionRole).toString(), u"eu-west-1"_s);
    QCOMPARE(model.index(2, 0).data(ProfileListModel::DetailsRole).toString(),
             u"AKIDLISTEXAMPLE00001"_s);
    // The SSO profile is listed with what stands in its way.
    QVERIFY(!model.index(1, 0).data(ProfileListModel::ProblemRole).toString().isEmpty());
    QVERIFY(model.index(1, 0).data(Qt::ToolTipRole).toString().contains(u"IAM Identity Center"_s));
    // The sandbox row is a null id, the ~/.aws rows are profiles of the files used in place.
    QVERIFY(model.index(0, 0).data(ProfileListModel::IdRole).toUuid().isNull());
    const auto zeta = model.entry(model.index(3, 0).data(ProfileListModel::IdRole).toUuid());
    QVERIFY(zeta);
    QCOMPARE(zeta->profile.kind, Profile::Kind::AwsCliProfile);
    QCOMPARE(zeta->profile.awsProfileName, u"zeta"_s);
    QVERIFY(zeta->profile.validationError().isEmpty());
    // Nothing was copied into Coffer's own profiles.
    QCOMPARE(m_store->profiles().size(), 2);
    for (int row = 0; row < model.rowCount(); ++row) {
        QVERIFY(!model.index(row, 0).data(Qt::ToolTipRole).toString().contains(u"list/secret"_s));
    }
    QCOMPARE(model.data(QModelIndex()), QVariant());
    QCOMPARE(model.index(0, 0).data(Qt::UserRole + 100), QVariant());
}

void TestProfileListModel::testSandboxProfilesAreListed()
{
    // A sandbox profile of the user's own (a coffer-cli serve elsewhere) is in the switcher too.
    Profile serve = Profile::create(Profile::Kind::LocalSandbox, u"serve"_s);
    serve.endpoint = QUrl(u"http://127.0.0.1:4566"_s);
    std::optional<bool> saved;
    m_store->save(serve, ProfileSecret {}, {.memoryOnly = true}, this,
                  [&saved](ProfileResult<void> result) { saved = result.has_value(); });
    QTRY_VERIFY(saved.has_value());
    QVERIFY(*saved);
    AwsProfileCatalog catalog(env(), {.watch = false});
    ProfileListModel model(m_store.get(), &catalog);
    QCOMPARE(column(model, Qt::DisplayRole), (QStringList {u"Local sandbox"_s, u"serve"_s}));
    QCOMPARE(model.index(1, 0).data(ProfileListModel::SourceRole).toString(), u"keychain"_s);
    QCOMPARE(model.index(1, 0).data(ProfileListModel::KindRole).toString(), u"sandbox"_s);
    QCOMPARE(model.index(1, 0).data(ProfileListModel::DetailsRole).toString(), u"http://127.0.0.1:4566"_s);
}

void TestProfileListModel::testFollowsTheFilesAndTheStore()
{
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    AwsProfileCatalog catalog(env(), {.watch = true, .settleMilliseconds = 50});
    ProfileListModel model(m_store.get(), &catalog);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 3);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 4, 5000);
    QVERIFY(column(model, Qt::DisplayRole).contains(u"default"_s));

    addKeychainProfile(u"team"_s);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(column(model, Qt::DisplayRole).last(), u"team"_s);
    QVERIFY(reset.count() >= 2);
}

void TestProfileListModel::testAwsIdsAreStable()
{
    QCOMPARE(ProfileListModel::awsConfigProfileId(u"work"_s),
             ProfileListModel::awsConfigProfileId(u"work"_s));
    QVERIFY(ProfileListModel::awsConfigProfileId(u"work"_s)
            != ProfileListModel::awsConfigProfileId(u"Work"_s));
    QVERIFY(!ProfileListModel::awsConfigProfileId(u"work"_s).isNull());
}

void TestProfileListModel::testStartupRule_data()
{
    QTest::addColumn<bool>("withDefault");
    QTest::addColumn<QString>("awsProfile");
    QTest::addColumn<QString>("lastSource");
    QTest::addColumn<QString>("lastName");
    QTest::addColumn<QString>("expectedSource");
    QTest::addColumn<QString>("expectedName");

    QTest::newRow("first start, nothing: the sandbox")
        << false << QString() << QString() << QString() << u"builtin"_s << u"Local sandbox"_s;
    QTest::newRow("first start: default")
        << true << QString() << QString() << QString() << u"aws-config"_s << u"default"_s;
    QTest::newRow("first start: AWS_PROFILE beats default")
        << true << u"zeta"_s << QString() << QString() << u"aws-config"_s << u"zeta"_s;
    QTest::newRow("AWS_PROFILE naming a keychain profile")
        << true << u"work"_s << QString() << QString() << u"keychain"_s << u"work"_s;
    QTest::newRow("AWS_PROFILE naming nothing: default")
        << true << u"ghost"_s << QString() << QString() << u"aws-config"_s << u"default"_s;
    QTest::newRow("later start: the last one")
        << true << u"zeta"_s << u"keychain"_s << u"work"_s << u"keychain"_s << u"work"_s;
    QTest::newRow("later start: the sandbox, even with a default")
        << true << QString() << u"builtin"_s << u"Local sandbox"_s << u"builtin"_s
        << u"Local sandbox"_s;
    QTest::newRow("last one gone: the first-start rule")
        << true << QString() << u"aws-config"_s << u"removed"_s << u"aws-config"_s
        << u"default"_s;
}

void TestProfileListModel::testStartupRule()
{
    QFETCH(bool, withDefault);
    QFETCH(QString, awsProfile);
    QFETCH(QString, lastSource);
    QFETCH(QString, lastName);
    QFETCH(QString, expectedSource);
    QFETCH(QString, expectedName);

    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    if (withDefault)
        QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    addKeychainProfile(u"work"_s);
    QProcessEnvironment environment = env();
    if (!awsProfile.isEmpty())
        environment.insert(u"AWS_PROFILE"_s, awsProfile);
    AwsProfileCatalog catalog(environment, {.watch = false});
    ProfileListModel model(m_store.get(), &catalog);

    QSettings settings(m_dir->filePath(u"settings.ini"_s), QSettings::IniFormat);
    QVERIFY(!ProfileListModel::lastChoice(settings));
    if (!lastSource.isEmpty()) {
        settings.setValue(ProfileListModel::settingsSourceKey, lastSource);
        settings.setValue(ProfileListModel::settingsNameKey, lastName);
    }
    const int row = model.startupRow(ProfileListModel::lastChoice(settings), environment);
    QVERIFY(row >= 0 && row < model.rowCount());
    QCOMPARE(model.index(row, 0).data(ProfileListModel::SourceRole).toString(), expectedSource);
    QCOMPARE(model.index(row, 0).data(Qt::DisplayRole).toString(), expectedName);
}

void TestProfileListModel::testRememberKeepsOnlyTheName()
{
    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    AwsProfileCatalog catalog(env(), {.watch = false});
    ProfileListModel model(m_store.get(), &catalog);
    const QString path = m_dir->filePath(u"settings.ini"_s);
    {
        QSettings settings(path, QSettings::IniFormat);
        ProfileListModel::rememberChoice(settings, model.entries().at(1));
        const auto choice = ProfileListModel::lastChoice(settings);
        QVERIFY(choice);
        QCOMPARE(choice->source, Source::AwsConfig);
        QCOMPARE(choice->name, u"default"_s);
        QCOMPARE(model.rowOf(*choice), 1);
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("profileName=default"));
    QVERIFY(!written.contains("AKIDLIST"));
    QVERIFY(!written.contains("list/secret"));
}

void TestProfileListModel::testSettingsOfEarlierVersions()
{
    // Before this list, the last profile was kept as a keychain profile's id.
    addKeychainProfile(u"work"_s);
    AwsProfileCatalog catalog(env(), {.watch = false});
    ProfileListModel model(m_store.get(), &catalog);
    QSettings settings(m_dir->filePath(u"old.ini"_s), QSettings::IniFormat);
    QVERIFY(!model.savedChoice(settings));
    settings.setValue(u"Session/profile"_s,
                      m_store->profiles().first().id.toString(QUuid::WithoutBraces));
    const auto choice = model.savedChoice(settings);
    QVERIFY(choice);
    QCOMPARE(choice->source, Source::Keychain);
    QCOMPARE(choice->name, u"work"_s);
    // A stale id is a first start.
    settings.setValue(u"Session/profile"_s, QUuid::createUuid().toString());
    QVERIFY(!model.savedChoice(settings));
}

QTEST_GUILESS_MAIN(TestProfileListModel)
#include "testprofilelistmodel.moc"
