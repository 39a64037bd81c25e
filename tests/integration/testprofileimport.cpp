// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Importing ~/.aws/config and ~/.aws/credentials into keychain-backed profiles, against the real
// Secret Service of the harness. The user's files must come out of it untouched: same bytes,
// same modification time, nothing added beside them.
#include "models/keychain/keychainstore.h"
#include "models/profiles/awsprofileimporter.h"
#include "models/profiles/profilestore.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>
#include <QTest>
#include <QTimeZone>

#include <optional>

using namespace Qt::StringLiterals;
using coffer::AwsImportCandidate;
using coffer::AwsImportReport;
using coffer::AwsProfileImporter;
using coffer::KeychainStore;
using coffer::Profile;
using coffer::ProfileStore;

namespace {

const QString kTestService = u"io.github.coffer_app.Coffer.importtest"_s;

const QByteArray kCredentials = "# Fake keys from the AWS documentation.\n"
                                "[default]\n"
                                "aws_access_key_id = AKIDEXAMPLE0000001\n"
                                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"
                                "\n"
                                "[work]\n"
                                "aws_access_key_id = ASIDWORKEXAMPLE001\n"
                                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYWORKKEY\n"
                                "aws_session_token = FQoGZXIvYXdzEXAMPLETOKEN\n"
                                "\n"
                                "[half]\n"
                                "aws_access_key_id = AKIDHALFEXAMPLE01\n";

const QByteArray kConfig = "[default]\n"
                           "region = eu-west-1\n"
                           "\n"
                           "[profile work]\n"
                           "region = eu-central-1\n"
                           "endpoint_url = http://127.0.0.1:4566\n"
                           "\n"
                           "[profile admin]\n"
                           "role_arn = arn:aws:iam::123456789012:role/Admin\n"
                           "source_profile = default\n"
                           "external_id = coffer-external\n"
                           "mfa_serial = arn:aws:iam::123456789012:mfa/alice\n"
                           "role_session_name = coffer-import\n"
                           "duration_seconds = 1800\n"
                           "\n"
                           "[profile proc]\n"
                           "credential_process = /usr/bin/false --json\n"
                           "region = us-west-2\n"
                           "\n"
                           "[profile from-env]\n"
                           "role_arn = arn:aws:iam::123456789012:role/FromEnv\n"
                           "credential_source = Environment\n"
                           "\n"
                           "[profile sso]\n"
                           "sso_session = corp\n"
                           "sso_account_id = 123456789012\n"
                           "sso_role_name = Reader\n"
                           "\n"
                           "[profile nothing]\n"
                           "region = sa-east-1\n"
                           "\n"
                           "[profile orphan]\n"
                           "role_arn = arn:aws:iam::123456789012:role/Orphan\n"
                           "source_profile = nowhere\n"
                           "\n"
                           "[sso-session corp]\n"
                           "sso_start_url = https://example.awsapps.com/start\n"
                           "sso_region = us-east-1\n";

struct FileState
{
    QByteArray bytes;
    QDateTime modified;
};

FileState stateOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return { file.readAll(), QFileInfo(path).lastModified() };
}

} // namespace

class TestProfileImport final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void testScanSaysWhatEachProfileBecomes();
    void testImportLeavesTheUsersFilesUntouched();
    void testImportSkipsNamesThatExist();
    void testBrokenFilesNameFileAndLine_data();
    void testBrokenFilesNameFileAndLine();

private:
    AwsImportReport runImport(AwsProfileImporter &importer, const QStringList &names);
    bool secretToolFinds(const QString &key);
    QString awsDir() const { return QDir::home().filePath(u".aws"_s); }

    KeychainStore m_keychain { kTestService };
};

void TestProfileImport::initTestCase()
{
    QVERIFY2(qEnvironmentVariable("HOME").startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QCoreApplication::setOrganizationName(u"CofferTest"_s);
    QCoreApplication::setApplicationName(u"TestProfileImport"_s);
}

void TestProfileImport::init()
{
    QSettings().clear();
    QSettings().sync();
    QDir(awsDir()).removeRecursively();
    QVERIFY(QDir().mkpath(awsDir()));
    for (const auto &[name, bytes] :
         { std::pair { u"credentials"_s, kCredentials }, std::pair { u"config"_s, kConfig } }) {
        QFile file(QDir(awsDir()).filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();
        // An old modification time, so any write (even of the same bytes) would show.
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime(QDate(2021, 3, 4), QTime(5, 6, 7), QTimeZone::utc()),
                                 QFileDevice::FileModificationTime));
        file.close();
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }
}

AwsImportReport TestProfileImport::runImport(AwsProfileImporter &importer, const QStringList &names)
{
    std::optional<AwsImportReport> report;
    importer.importProfiles(names, this, [&report](AwsImportReport r) { report = std::move(r); });
    if (!QTest::qWaitFor([&report] { return report.has_value(); }, 30000))
        return {};
    return *report;
}

bool TestProfileImport::secretToolFinds(const QString &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s,
               { u"search"_s, u"--all"_s, u"user"_s, key, u"server"_s, kTestService });
    if (!tool.waitForFinished(10000))
        return false;
    return QByteArray(tool.readAllStandardOutput() + tool.readAllStandardError())
        .contains((u"attribute.user = "_s + key).toUtf8());
}

void TestProfileImport::testScanSaysWhatEachProfileBecomes()
{
    ProfileStore store(&m_keychain);
    AwsProfileImporter importer(&store);
    const auto candidates = importer.scan();
    QVERIFY2(candidates.has_value(), candidates ? "" : qPrintable(candidates.error().message));

    QHash<QString, AwsImportCandidate> byName;
    for (const AwsImportCandidate &candidate : *candidates)
        byName.insert(candidate.awsName, candidate);
    QCOMPARE(byName.size(), 9);

    QCOMPARE(byName[u"default"_s].kind, Profile::Kind::AccessKey);
    QCOMPARE(byName[u"default"_s].accessKeyId, u"AKIDEXAMPLE0000001"_s);
    QCOMPARE(byName[u"default"_s].location, u"~/.aws/credentials line 3"_s);
    QCOMPARE(byName[u"work"_s].kind, Profile::Kind::AccessKey);
    QCOMPARE(byName[u"work"_s].region, u"eu-central-1"_s);
    QCOMPARE(byName[u"admin"_s].kind, Profile::Kind::AssumeRole);
    QCOMPARE(byName[u"admin"_s].sourceProfile, u"default"_s);
    QCOMPARE(byName[u"proc"_s].kind, Profile::Kind::AwsCliProfile);
    QCOMPARE(byName[u"from-env"_s].kind, Profile::Kind::AwsCliProfile);
    for (const QString &name : { u"sso"_s, u"nothing"_s, u"orphan"_s, u"half"_s }) {
        QVERIFY2(!byName[name].importable, qPrintable(name));
        QVERIFY(!byName[name].note.isEmpty());
    }
    QVERIFY(byName[u"orphan"_s].note.contains(u"nowhere"_s));
    // Nothing in a candidate is a secret.
    for (const AwsImportCandidate &candidate : *candidates) {
        QVERIFY(!candidate.note.contains(u"wJalr"_s));
        QVERIFY(!candidate.location.contains(u"wJalr"_s));
    }
}

void TestProfileImport::testImportLeavesTheUsersFilesUntouched()
{
    const QString configPath = QDir(awsDir()).filePath(u"config"_s);
    const QString credentialsPath = QDir(awsDir()).filePath(u"credentials"_s);
    const FileState configBefore = stateOf(configPath);
    const FileState credentialsBefore = stateOf(credentialsPath);
    QCOMPARE(configBefore.bytes, kConfig);

    ProfileStore store(&m_keychain);
    AwsProfileImporter importer(&store);
    QVERIFY(importer.scan().has_value());
    // "admin" pulls in its source "default" first.
    const AwsImportReport report = runImport(
        importer, { u"admin"_s, u"work"_s, u"proc"_s, u"from-env"_s, u"sso"_s, u"nothing"_s });
    QVERIFY2(!report.error, report.error ? qPrintable(report.error->message) : "");
    QCOMPARE(report.imported,
             QStringList({ u"default"_s, u"admin"_s, u"work"_s, u"proc"_s, u"from-env"_s }));
    QCOMPARE(report.skipped.size(), 2);
    QVERIFY(report.skipped.at(0).startsWith(u"sso: "_s));
    QVERIFY(report.skipped.at(1).startsWith(u"nothing: "_s));

    const auto defaultProfile = store.profileByName(u"default"_s);
    QVERIFY(defaultProfile);
    QCOMPARE(defaultProfile->kind, Profile::Kind::AccessKey);
    QCOMPARE(defaultProfile->region, u"eu-west-1"_s);
    QVERIFY(secretToolFinds(defaultProfile->keychainKey()));

    const auto work = store.profileByName(u"work"_s);
    QVERIFY(work);
    QCOMPARE(work->endpoint, QUrl(u"http://127.0.0.1:4566"_s));
    QVERIFY(secretToolFinds(work->keychainKey()));
    std::optional<coffer::ProfileResult<coffer::ProfileSecret>> secret;
    store.readSecret(work->id, this, [&secret](auto r) { secret = r; });
    QTRY_VERIFY_WITH_TIMEOUT(secret.has_value(), 10000);
    QVERIFY(secret->has_value());
    QCOMPARE((*secret)->secretAccessKey, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYWORKKEY"_s);
    QCOMPARE((*secret)->sessionToken, u"FQoGZXIvYXdzEXAMPLETOKEN"_s);

    const auto admin = store.profileByName(u"admin"_s);
    QVERIFY(admin);
    QCOMPARE(admin->kind, Profile::Kind::AssumeRole);
    QCOMPARE(admin->sourceProfileId, defaultProfile->id);
    QCOMPARE(admin->externalId, u"coffer-external"_s);
    QCOMPARE(admin->mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);
    QCOMPARE(admin->roleSessionName, u"coffer-import"_s);
    QCOMPARE(admin->durationSeconds, std::optional<int>(1800));
    QCOMPARE(admin->region, u"eu-west-1"_s); // the default profile's
    QVERIFY(!secretToolFinds(admin->keychainKey()));

    const auto proc = store.profileByName(u"proc"_s);
    QVERIFY(proc);
    QCOMPARE(proc->kind, Profile::Kind::AwsCliProfile);
    QCOMPARE(proc->awsProfileName, u"proc"_s);

    // The settings hold no secret key, and the user's files are exactly as they were.
    QSettings settings;
    settings.sync();
    QFile settingsFile(settings.fileName());
    QVERIFY(settingsFile.open(QIODevice::ReadOnly));
    const QByteArray settingsBytes = settingsFile.readAll();
    QVERIFY(settingsBytes.contains("AKIDEXAMPLE0000001"));
    QVERIFY(!settingsBytes.contains("wJalrXUtnFEMI"));
    QVERIFY(!settingsBytes.contains("FQoGZXIvYXdzEXAMPLETOKEN"));

    const FileState configAfter = stateOf(configPath);
    const FileState credentialsAfter = stateOf(credentialsPath);
    QVERIFY(configAfter.bytes == configBefore.bytes);
    QVERIFY(credentialsAfter.bytes == credentialsBefore.bytes);
    QCOMPARE(configAfter.modified, configBefore.modified);
    QCOMPARE(credentialsAfter.modified, credentialsBefore.modified);
    QCOMPARE(QDir(awsDir()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList({ u"config"_s, u"credentials"_s }));

    for (const Profile &profile : store.profiles()) {
        if (profile.kind == Profile::Kind::AssumeRole) {
            std::optional<coffer::ProfileResult<void>> removed;
            store.remove(profile.id, this, [&removed](auto r) { removed = r; });
            QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
        }
    }
    for (const Profile &profile : store.profiles()) {
        std::optional<coffer::ProfileResult<void>> removed;
        store.remove(profile.id, this, [&removed](auto r) { removed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
        QVERIFY(removed->has_value());
    }
    QVERIFY(!secretToolFinds(defaultProfile->keychainKey()));
}

void TestProfileImport::testImportSkipsNamesThatExist()
{
    ProfileStore store(&m_keychain);
    Profile existing = Profile::create(Profile::Kind::LocalSandbox, u"Work"_s);
    std::optional<coffer::ProfileResult<void>> saved;
    store.save(existing, std::nullopt, {}, this, [&saved](auto r) { saved = r; });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 10000);
    QVERIFY(saved->has_value());

    AwsProfileImporter importer(&store);
    const auto candidates = importer.scan();
    QVERIFY(candidates.has_value());
    for (const AwsImportCandidate &candidate : *candidates)
        QCOMPARE(candidate.nameTaken, candidate.awsName == u"work"_s);
    const AwsImportReport report = runImport(importer, { u"work"_s });
    QVERIFY(report.imported.isEmpty());
    QCOMPARE(report.skipped.size(), 1);
    QVERIFY(report.skipped.at(0).contains(u"already exists"_s));
    QCOMPARE(store.profiles().size(), 1);
}

void TestProfileImport::testBrokenFilesNameFileAndLine_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no equals") << "config-broken-no-equals"
                               << "line 7: expected 'key = value'";
    QTest::newRow("header") << "config-broken-header"
                            << "line 1: expected ']'";
    QTest::newRow("before section") << "config-broken-before-section"
                                    << "line 1: 'key = value' before";
    QTest::newRow("nested") << "config-broken-nested"
                            << "line 4: expected 'key = value' inside";
}

void TestProfileImport::testBrokenFilesNameFileAndLine()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const QString path = coffer::test::sourceDir() + u"/tests/data/aws-config/"_s + file;
    QVERIFY(QFile::exists(path));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"AWS_CONFIG_FILE"_s, path);

    ProfileStore store(&m_keychain);
    AwsProfileImporter importer(&store, env);
    const auto candidates = importer.scan();
    QVERIFY(!candidates);
    QVERIFY2(candidates.error().message.contains(file), qPrintable(candidates.error().message));
    QVERIFY2(candidates.error().message.contains(expected), qPrintable(candidates.error().message));
    QVERIFY(!candidates.error().message.contains(u"wJalr"_s));

    // Importing reports the same error and creates nothing.
    const AwsImportReport report = runImport(importer, { u"default"_s });
    QVERIFY(report.error.has_value());
    QVERIFY(report.error->message.contains(expected));
    QVERIFY(store.profiles().isEmpty());
}

QTEST_GUILESS_MAIN(TestProfileImport)
#include "testprofileimport.moc"
