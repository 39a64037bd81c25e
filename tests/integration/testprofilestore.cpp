// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ProfileStore, ProfileConnector and IdentityProbe against the real Secret Service of the test
// harness (gnome-keyring in a private D-Bus session, see tests/support/run-isolated.sh). What the
// store claims is checked independently: secret-tool for the keyring, a byte scan of the
// settings folders for leaks. "No keychain" is tested in a child process of this binary whose
// session bus does not exist.
#include "models/aws/awsclient.h"
#include "models/keychain/keychainstore.h"
#include "models/profiles/identityprobe.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "tests/support/scriptedhttpserver.h"
#include "tests/support/testenv.h"

#include <QDirIterator>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;
namespace aws = coffer::aws;
using coffer::IdentityProbe;
using coffer::KeychainStore;
using coffer::Profile;
using coffer::ProfileConnector;
using coffer::ProfileError;
using coffer::ProfileResult;
using coffer::ProfileSecret;
using coffer::ProfileStore;
using coffer::test::ScriptedHttpServer;

namespace {

const QString kTestService = u"io.github.coffer_app.Coffer.profiletest"_s;
constexpr auto kChildEnv = "COFFER_PROFILE_TEST_CHILD";
constexpr auto kCanaryEnv = "COFFER_PROFILE_TEST_CANARY";

bool isChild()
{
    return qEnvironmentVariableIsSet(kChildEnv);
}

QByteArray newCanary()
{
    // Looks like a secret access key (40 characters), unique per run.
    return "canary/" + QUuid::createUuid().toByteArray(QUuid::Id128).left(33);
}

QByteArray assumeRoleAnswer(const QDateTime &expiration)
{
    QByteArray xml
        = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
          "  <AssumeRoleResult>\n"
          "    <AssumedRoleUser>\n"
          "      <Arn>arn:aws:sts::123456789012:assumed-role/Admin/coffer-test</Arn>\n"
          "      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:coffer-test</AssumedRoleId>\n"
          "    </AssumedRoleUser>\n"
          "    <Credentials>\n"
          "      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>\n"
          "      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>\n"
          "      "
          "<SessionToken>AQoDYXdzEPTEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW</SessionToken>\n"
          "      <Expiration>EXPIRATION</Expiration>\n"
          "    </Credentials>\n"
          "  </AssumeRoleResult>\n"
          "  <ResponseMetadata><RequestId>req-assume</RequestId></ResponseMetadata>\n"
          "</AssumeRoleResponse>";
    return xml.replace("EXPIRATION", expiration.toUTC().toString(Qt::ISODate).toUtf8());
}

const QByteArray kCallerIdentity
    = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
      "  <GetCallerIdentityResult>\n"
      "    <Arn>arn:aws:sts::123456789012:assumed-role/Admin/coffer-test</Arn>\n"
      "    <UserId>AROA3XFRBF535PLBIFPI4:coffer-test</UserId>\n"
      "    <Account>123456789012</Account>\n"
      "  </GetCallerIdentityResult>\n"
      "  <ResponseMetadata><RequestId>req-identity</RequestId></ResponseMetadata>\n"
      "</GetCallerIdentityResponse>"_ba;

} // namespace

class TestProfileStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void testSecretLandsInKeyringOnly();
    void testNoTraceOfSecretInSettingsOrOutput();
    void testRemoveDeletesKeyringItem();
    void testEditKeepsOrReplacesSecret();
    void testValidationAndNames();
    void testRoleSourceInUseCannotBeRemoved();
    void testNoKeychainFailsClearlyAndWritesNothing();
    void testAssumeRoleThroughScriptedSts();
    void testIdentityProbeReportsRejectedKeys();

    // Run only as child processes of the tests above (they skip otherwise).
    void childStoreWithoutKeychain();
    void childStoreAndUseCanary();

private:
    ProfileResult<void> save(ProfileStore &store, const Profile &profile,
                             std::optional<ProfileSecret> secret,
                             ProfileStore::SaveOptions options = {});
    ProfileResult<void> remove(ProfileStore &store, const QUuid &id);
    ProfileResult<ProfileSecret> readSecret(ProfileStore &store, const QUuid &id);
    bool secretToolFinds(const QString &key);
    QByteArray secretToolLookup(const QString &key);
    /// Files under `folder` that contain `needle` in any of its usual encodings.
    struct ChildRun
    {
        int exitCode = -1;
        QByteArray output;
    };
    ChildRun runChild(const QString &slot, const QProcessEnvironment &env);
    Profile accessKeyProfile(const QString &name);

    KeychainStore m_keychain { kTestService };
};

void TestProfileStore::initTestCase()
{
    QCoreApplication::setOrganizationName(u"CofferTest"_s);
    QCoreApplication::setApplicationName(u"TestProfileStore"_s);
    if (isChild())
        return;
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "tests must run inside tests/support/run-isolated.sh (private D-Bus session)");
    QVERIFY2(qEnvironmentVariable("HOME").startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(!QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty(),
             "secret-tool (package libsecret-tools) is needed to check the keyring independently");
}

void TestProfileStore::init()
{
    if (isChild())
        return;
    QSettings().clear();
    QSettings().sync();
}

ProfileResult<void> TestProfileStore::save(ProfileStore &store, const Profile &profile,
                                           std::optional<ProfileSecret> secret,
                                           ProfileStore::SaveOptions options)
{
    std::optional<ProfileResult<void>> result;
    store.save(profile, std::move(secret), options, this,
               [&result](ProfileResult<void> r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000))
        return std::unexpected(
            ProfileError::make(ProfileError::Code::KeychainFailed, u"timed out"_s));
    return *result;
}

ProfileResult<void> TestProfileStore::remove(ProfileStore &store, const QUuid &id)
{
    std::optional<ProfileResult<void>> result;
    store.remove(id, this, [&result](ProfileResult<void> r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000))
        return std::unexpected(
            ProfileError::make(ProfileError::Code::KeychainFailed, u"timed out"_s));
    return *result;
}

ProfileResult<ProfileSecret> TestProfileStore::readSecret(ProfileStore &store, const QUuid &id)
{
    std::optional<ProfileResult<ProfileSecret>> result;
    store.readSecret(id, this, [&result](ProfileResult<ProfileSecret> r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000))
        return std::unexpected(
            ProfileError::make(ProfileError::Code::KeychainFailed, u"timed out"_s));
    return *result;
}

bool TestProfileStore::secretToolFinds(const QString &key)
{
    // QtKeychain's libsecret backend stores items with the attributes user=<key> and
    // server=<service>.
    QProcess tool;
    tool.start(u"secret-tool"_s,
               { u"search"_s, u"--all"_s, u"user"_s, key, u"server"_s, kTestService });
    if (!tool.waitForFinished(10000))
        return false;
    const QByteArray listing = tool.readAllStandardOutput() + tool.readAllStandardError();
    return listing.contains((u"attribute.user = "_s + key).toUtf8());
}

QByteArray TestProfileStore::secretToolLookup(const QString &key)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, { u"lookup"_s, u"user"_s, key, u"server"_s, kTestService });
    if (!tool.waitForFinished(10000))
        return {};
    return tool.readAllStandardOutput();
}

TestProfileStore::ChildRun TestProfileStore::runChild(const QString &slot,
                                                      const QProcessEnvironment &env)
{
    QProcess child;
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), { slot });
    ChildRun run;
    if (!child.waitForFinished(60000)) {
        child.kill();
        child.waitForFinished();
        run.output = "child timed out";
        return run;
    }
    run.exitCode = child.exitCode();
    run.output = child.readAll();
    return run;
}

Profile TestProfileStore::accessKeyProfile(const QString &name)
{
    Profile profile = Profile::create(Profile::Kind::AccessKey, name);
    profile.accessKeyId = u"AKIDEXAMPLE0000001"_s;
    profile.region = u"eu-west-1"_s;
    return profile;
}

void TestProfileStore::testSecretLandsInKeyringOnly()
{
    const QByteArray canary = newCanary();
    ProfileStore store(&m_keychain);
    Profile profile = accessKeyProfile(u"work"_s);
    profile.production = true;
    QVERIFY(!secretToolFinds(profile.keychainKey()));

    const auto saved
        = save(store, profile, ProfileSecret { QString::fromUtf8(canary), u"token-xyz"_s });
    QVERIFY2(saved.has_value(), saved ? "" : qPrintable(saved.error().message));
    QCOMPARE(profile.keychainKey(), u"profile/"_s + profile.id.toString(QUuid::WithoutBraces));
    QVERIFY2(secretToolFinds(profile.keychainKey()), "no keyring item after a successful save");
    // secret-tool reads the item independently; it holds the secret (compared, never printed).
    // QtKeychain stores binary data base64-encoded in the Secret Service.
    const QByteArray item = secretToolLookup(profile.keychainKey()).trimmed();
    QVERIFY(item.contains(canary) || QByteArray::fromBase64(item).contains(canary));

    // A second store, as after a restart: the metadata comes back from the settings, the secret
    // from the keyring.
    ProfileStore second(new KeychainStore(kTestService, this));
    const auto loaded = second.profileByName(u"WORK"_s);
    QVERIFY(loaded.has_value());
    QCOMPARE(*loaded, profile);
    QVERIFY(loaded->requiresWriteConfirmation());
    const auto secret = readSecret(second, profile.id);
    QVERIFY(secret.has_value());
    QVERIFY(secret->secretAccessKey.toUtf8() == canary);
    QCOMPARE(secret->sessionToken, u"token-xyz"_s);

    QVERIFY(remove(store, profile.id).has_value());
}

void TestProfileStore::testNoTraceOfSecretInSettingsOrOutput()
{
    const QByteArray canary = newCanary();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildEnv), u"1"_s);
    env.insert(QString::fromLatin1(kCanaryEnv), QString::fromUtf8(canary));
    const ChildRun run = runChild(u"childStoreAndUseCanary"_s, env);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QVERIFY2(run.output.contains("CHILD-OK"), "the child did not finish its work");
    QVERIFY2(!run.output.contains(canary), "the secret appeared in the test's output");

    // The child left the profile in place: the settings hold its metadata, never its secret.
    QSettings settings;
    settings.sync();
    QVERIFY(QFile::exists(settings.fileName()));
    QVERIFY(QFile(settings.fileName()).size() > 0);
    for (const char *variable : { "XDG_CONFIG_HOME", "HOME", "XDG_CACHE_HOME" }) {
        const QString folder = qEnvironmentVariable(variable);
        QVERIFY(!folder.isEmpty());
        const QStringList hits = coffer::test::filesContaining(folder, canary);
        QVERIFY2(hits.isEmpty(), qPrintable(u"secret found in "_s + hits.join(u", "_s)));
    }

    ProfileStore store(&m_keychain);
    const auto profile = store.profileByName(u"canary"_s);
    QVERIFY(profile.has_value());
    QVERIFY(secretToolFinds(profile->keychainKey()));
    QVERIFY(remove(store, profile->id).has_value());
}

void TestProfileStore::childStoreAndUseCanary()
{
    if (!isChild())
        QSKIP("runs as a child process of testNoTraceOfSecretInSettingsOrOutput");
    const QString canary = qEnvironmentVariable(kCanaryEnv);
    ProfileStore store(&m_keychain);
    Profile profile = accessKeyProfile(u"canary"_s);
    QVERIFY(save(store, profile, ProfileSecret { canary, {} }).has_value());
    QVERIFY(readSecret(store, profile.id).has_value());

    // Use it the way a connection does, through the keychain provider.
    aws::AwsClient transport;
    ProfileConnector connector(&store, &transport);
    auto connection = connector.connection(profile);
    QVERIFY(connection.has_value());
    std::optional<aws::Result<aws::AwsCredentials>> credentials;
    connection->secretsManager.credentials->credentials(this, [&](auto r) { credentials = r; });
    QTRY_VERIFY_WITH_TIMEOUT(credentials.has_value(), 15000);
    QVERIFY(credentials->has_value());
    QVERIFY((*credentials)->secretAccessKey == canary);
    std::fprintf(stdout, "CHILD-OK %s\n", qPrintable(connection->credentialsDescription()));
    std::fflush(stdout);
}

void TestProfileStore::testRemoveDeletesKeyringItem()
{
    ProfileStore store(&m_keychain);
    const Profile profile = accessKeyProfile(u"short-lived"_s);
    QVERIFY(save(store, profile, ProfileSecret { QString::fromUtf8(newCanary()), {} }).has_value());
    QVERIFY(secretToolFinds(profile.keychainKey()));

    QSignalSpy removed(&store, &ProfileStore::profileRemoved);
    QVERIFY(remove(store, profile.id).has_value());
    QCOMPARE(removed.count(), 1);
    QVERIFY2(!secretToolFinds(profile.keychainKey()), "the keyring item outlived its profile");
    QVERIFY(!store.profile(profile.id));
    QVERIFY(!ProfileStore(&m_keychain).profile(profile.id));
    const auto secret = readSecret(store, profile.id);
    QVERIFY(!secret);
    QCOMPARE(secret.error().code, ProfileError::Code::NotFound);

    // Turning an access-key profile into another kind removes its secret too.
    Profile changing = accessKeyProfile(u"changing"_s);
    QVERIFY(
        save(store, changing, ProfileSecret { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} })
            .has_value());
    QVERIFY(secretToolFinds(changing.keychainKey()));
    changing.kind = Profile::Kind::AwsCliProfile;
    changing.awsProfileName = u"default"_s;
    QVERIFY(save(store, changing, std::nullopt).has_value());
    QVERIFY(!secretToolFinds(changing.keychainKey()));
    QVERIFY(remove(store, changing.id).has_value());
}

void TestProfileStore::testEditKeepsOrReplacesSecret()
{
    ProfileStore store(&m_keychain);
    Profile profile = accessKeyProfile(u"edited"_s);
    QVERIFY(save(store, profile, ProfileSecret { u"first/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} })
                .has_value());

    profile.region = u"eu-central-1"_s;
    QVERIFY(save(store, profile, std::nullopt).has_value()); // keeps the secret
    QCOMPARE(store.profile(profile.id)->region, u"eu-central-1"_s);
    QCOMPARE(readSecret(store, profile.id)->secretAccessKey, u"first/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);

    QVERIFY(save(store, profile, ProfileSecret { u"second/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} })
                .has_value());
    QCOMPARE(readSecret(store, profile.id)->secretAccessKey,
             u"second/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);

    // A new access-key profile needs its secret.
    const auto missing = save(store, accessKeyProfile(u"no-secret"_s), std::nullopt);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, ProfileError::Code::SecretRequired);
    QVERIFY(!store.profileByName(u"no-secret"_s));
    QVERIFY(remove(store, profile.id).has_value());
}

void TestProfileStore::testValidationAndNames()
{
    ProfileStore store(&m_keychain);
    const Profile first = accessKeyProfile(u"dup"_s);
    QVERIFY(save(store, first, ProfileSecret { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} })
                .has_value());

    const auto taken = save(store, accessKeyProfile(u"Dup"_s), ProfileSecret { u"x"_s, {} });
    QVERIFY(!taken);
    QCOMPARE(taken.error().code, ProfileError::Code::NameTaken);

    Profile bad = accessKeyProfile(u"bad"_s);
    bad.accessKeyId = u"short"_s;
    const auto invalid = save(store, bad, ProfileSecret { u"x"_s, {} });
    QVERIFY(!invalid);
    QCOMPARE(invalid.error().code, ProfileError::Code::Invalid);
    QVERIFY(invalid.error().message.contains(u"access key id"_s));
    QVERIFY(!secretToolFinds(bad.keychainKey())); // nothing reached the keyring
    QVERIFY(remove(store, first.id).has_value());
}

void TestProfileStore::testRoleSourceInUseCannotBeRemoved()
{
    ProfileStore store(&m_keychain);
    const Profile base = accessKeyProfile(u"base"_s);
    QVERIFY(save(store, base, ProfileSecret { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} })
                .has_value());
    Profile role = Profile::create(Profile::Kind::AssumeRole, u"admin"_s);
    role.region = u"eu-west-1"_s;
    role.roleArn = u"arn:aws:iam::123456789012:role/Admin"_s;
    role.sourceProfileId = base.id;
    QVERIFY(save(store, role, std::nullopt).has_value());

    // A cycle is refused.
    Profile loop = Profile::create(Profile::Kind::AssumeRole, u"loop"_s);
    loop.region = u"eu-west-1"_s;
    loop.roleArn = u"arn:aws:iam::123456789012:role/Loop"_s;
    loop.sourceProfileId = loop.id;
    QVERIFY(!save(store, loop, std::nullopt));

    const auto inUse = remove(store, base.id);
    QVERIFY(!inUse);
    QCOMPARE(inUse.error().code, ProfileError::Code::InUse);
    QVERIFY(inUse.error().message.contains(u"admin"_s));
    QVERIFY(secretToolFinds(base.keychainKey()));
    QVERIFY(remove(store, role.id).has_value());
    QVERIFY(remove(store, base.id).has_value());
}

void TestProfileStore::testNoKeychainFailsClearlyAndWritesNothing()
{
    QTemporaryDir root;
    QVERIFY(root.isValid());
    QDir(root.path()).mkpath(u"config"_s);
    QDir(root.path()).mkpath(u"home"_s);
    QDir(root.path()).mkpath(u"data"_s);
    const QByteArray canary = newCanary();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QString::fromLatin1(kChildEnv), u"1"_s);
    env.insert(QString::fromLatin1(kCanaryEnv), QString::fromUtf8(canary));
    env.insert(u"COFFER_TEST_NO_KEYRING"_s, u"1"_s);
    // A session bus that does not exist: no Secret Service, and nothing can auto-start one.
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/coffer-test-bus"_s);
    env.insert(u"XDG_CONFIG_HOME"_s, root.filePath(u"config"_s));
    env.insert(u"HOME"_s, root.filePath(u"home"_s));
    env.insert(u"XDG_DATA_HOME"_s, root.filePath(u"data"_s));
    const ChildRun run = runChild(u"childStoreWithoutKeychain"_s, env);
    QVERIFY2(run.exitCode == 0, run.output.constData());
    QVERIFY2(run.output.contains("ERROR-CODE NoKeychain"), run.output.constData());
    QVERIFY2(run.output.contains("No OS keychain is available"), run.output.constData());
    QVERIFY2(run.output.contains("MEMORY-ONLY OK"), run.output.constData());
    QVERIFY2(!run.output.contains(canary), "the secret appeared in the child's output");

    // Nothing at all was written to disk: no settings file, no fallback store.
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    QVERIFY2(files.isEmpty(), qPrintable(u"written without a keychain: "_s + files.join(u", "_s)));
}

void TestProfileStore::childStoreWithoutKeychain()
{
    if (!isChild())
        QSKIP("runs as a child process of testNoKeychainFailsClearlyAndWritesNothing");
    const QString canary = qEnvironmentVariable(kCanaryEnv);
    ProfileStore store(&m_keychain);
    const Profile profile = accessKeyProfile(u"offline"_s);
    const auto saved = save(store, profile, ProfileSecret { canary, {} });
    QVERIFY(!saved);
    std::fprintf(
        stdout, "ERROR-CODE %s\nKEYCHAIN-BACKEND-MESSAGE %s\nMESSAGE %s\n",
        qPrintable(ProfileError::codeName(saved.error().code)),
        qPrintable(saved.error().keychain ? saved.error().keychain->backendMessage : QString()),
        qPrintable(saved.error().message));
    std::fflush(stdout);
    QVERIFY(saved.error().offersMemoryOnly());
    QVERIFY(!store.profile(profile.id));

    // The way out: this run only, in memory.
    const auto memory = save(store, profile, ProfileSecret { canary, {} }, { .memoryOnly = true });
    QVERIFY(memory.has_value());
    QVERIFY(store.isMemoryOnly(profile.id));
    const auto secret = readSecret(store, profile.id);
    QVERIFY(secret.has_value());
    QVERIFY(secret->secretAccessKey == canary);

    // An existing profile can also get its secret for this run only.
    store.setMemoryOnlyCredentials(profile.id,
                                   ProfileSecret { u"other/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} });
    QCOMPARE(readSecret(store, profile.id)->secretAccessKey, u"other/K7MDENG+bPxRfiCYEXAMPLEKEY"_s);
    QVERIFY(remove(store, profile.id).has_value());
    std::fprintf(stdout, "MEMORY-ONLY OK\n");
    std::fflush(stdout);
}

void TestProfileStore::testAssumeRoleThroughScriptedSts()
{
    ScriptedHttpServer server;
    QVERIFY(server.isListening());
    server.enqueueXml(200, assumeRoleAnswer(QDateTime::currentDateTimeUtc().addSecs(3600)));
    server.enqueueXml(200, kCallerIdentity);

    ProfileStore store(&m_keychain);
    Profile base = accessKeyProfile(u"base"_s);
    base.accessKeyId = u"AKIDBASEEXAMPLE00"_s;
    QVERIFY(save(store, base, ProfileSecret { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYBASEKEY"_s, {} })
                .has_value());
    Profile role = Profile::create(Profile::Kind::AssumeRole, u"admin"_s);
    role.region = u"eu-west-1"_s;
    role.endpoint = server.url();
    role.roleArn = u"arn:aws:iam::123456789012:role/Admin"_s;
    role.sourceProfileId = base.id;
    role.externalId = u"coffer-external"_s;
    role.roleSessionName = u"coffer-test"_s;
    role.durationSeconds = 1800;
    role.production = true;
    QVERIFY(save(store, role, std::nullopt).has_value());

    aws::AwsClient transport;
    ProfileConnector connector(&store, &transport);
    const auto connection = connector.connection(role.id);
    QVERIFY2(connection.has_value(), connection ? "" : qPrintable(connection.error().message));
    QCOMPARE(connection->secretsManager.endpoint, server.url());
    QCOMPARE(connection->sts.region, u"eu-west-1"_s);

    IdentityProbe probe(&transport);
    QSignalSpy finished(&probe, &IdentityProbe::finished);
    probe.probe(*connection);
    QCOMPARE(probe.status().state, coffer::ConnectionStatus::State::Connecting);
    QVERIFY(finished.wait(15000));
    QVERIFY2(probe.status().state == coffer::ConnectionStatus::State::Connected,
             qPrintable(probe.status().summary()));
    QCOMPARE(probe.status().account, u"123456789012"_s);
    QCOMPARE(probe.status().principalArn,
             u"arn:aws:sts::123456789012:assumed-role/Admin/coffer-test"_s);
    QCOMPARE(probe.status().region, u"eu-west-1"_s);
    QCOMPARE(probe.status().endpoint, server.url());
    QVERIFY(probe.status().summary().contains(u"123456789012"_s));
    QVERIFY(probe.status().summary().contains(u"PRODUCTION"_s));

    const auto requests = server.requests();
    QCOMPARE(requests.size(), 2);
    // 1: AssumeRole, signed with the source profile's key from the keyring.
    QVERIFY(requests.at(0).body.contains("Action=AssumeRole"));
    QVERIFY(
        requests.at(0).body.contains("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FAdmin"));
    QVERIFY(requests.at(0).body.contains("ExternalId=coffer-external"));
    QVERIFY(requests.at(0).body.contains("RoleSessionName=coffer-test"));
    QVERIFY(requests.at(0).body.contains("DurationSeconds=1800"));
    QVERIFY(requests.at(0).header("Authorization").contains("Credential=AKIDBASEEXAMPLE00/"));
    QVERIFY(requests.at(0).header("Authorization").contains("/eu-west-1/sts/aws4_request"));
    // 2: GetCallerIdentity, signed with the role's temporary credentials.
    QVERIFY(requests.at(1).body.contains("Action=GetCallerIdentity"));
    QVERIFY(requests.at(1).header("Authorization").contains("Credential=ASIAIOSFODNN7EXAMPLE/"));
    QVERIFY(requests.at(1).hasHeader("X-Amz-Security-Token"));

    QVERIFY(remove(store, role.id).has_value());
    QVERIFY(remove(store, base.id).has_value());
}

void TestProfileStore::testIdentityProbeReportsRejectedKeys()
{
    ScriptedHttpServer server;
    server.enqueueXml(403,
                      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
                      "  <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The "
                      "security token included in the request is invalid.</Message></Error>\n"
                      "  <RequestId>req-bad</RequestId>\n"
                      "</ErrorResponse>"_ba);

    ProfileStore store(&m_keychain);
    Profile profile = accessKeyProfile(u"rejected"_s);
    profile.endpoint = server.url();
    QVERIFY(
        save(store, profile, ProfileSecret { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} })
            .has_value());

    aws::AwsClient transport;
    ProfileConnector connector(&store, &transport);
    const auto connection = connector.connection(profile);
    QVERIFY(connection.has_value());
    IdentityProbe probe(&transport);
    QSignalSpy finished(&probe, &IdentityProbe::finished);
    probe.probe(*connection);
    QVERIFY(finished.wait(15000));
    QCOMPARE(probe.status().state, coffer::ConnectionStatus::State::Failed);
    QVERIFY(probe.status().error.has_value());
    QCOMPARE(probe.status().error->kind, aws::ErrorKind::UnrecognizedClient);
    QVERIFY(probe.status().summary().contains(u"InvalidClientTokenId"_s));
    QVERIFY(remove(store, profile.id).has_value());
}

QTEST_GUILESS_MAIN(TestProfileStore)
#include "testprofilestore.moc"
