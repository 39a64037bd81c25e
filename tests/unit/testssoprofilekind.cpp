// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Coffer's own IAM Identity Center profiles (Profile::Kind::Sso): stored by ProfileStore in the
// settings and read back by a fresh store, with nothing in the keychain and no token anywhere;
// the older kinds keep their settings as they were; ProfileConnector points Secrets Manager at
// the profile's region (the SSO region by default) and IAM Identity Center at its endpoint;
// AwsConfigSsoExport only ever appends to ~/.aws/config and refuses names already there.
#include "models/aws/awsclient.h"
#include "models/aws/awsconfigfile.h"
#include "models/aws/identitycenterclient.h"
#include "models/aws/ssocredentialsprovider.h"
#include "models/aws/ssoprofile.h"
#include "models/profiles/awsconfigssoexport.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

Profile ssoProfile(const QString &name = u"corp-readonly"_s)
{
    Profile profile = Profile::create(Profile::Kind::Sso, name);
    profile.ssoStartUrl = u"https://d-1234567890.awsapps.com/start"_s;
    profile.ssoRegion = u"eu-central-1"_s;
    profile.ssoAccountId = u"123456789012"_s;
    profile.ssoRoleName = u"ReadOnly"_s;
    return profile;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

} // namespace

class TestSsoProfileKind final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void testStoreRoundTrip();
    void testOtherKindsKeepTheirSettings();
    void testConnectionUsesProfileRegionAndEndpoint();
    void testListEntry();
    void testExportAppendsOnly();
    void testExportRefusesExistingNames();
};

void TestSsoProfileKind::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QCoreApplication::setOrganizationName(u"CofferTest"_s);
    QCoreApplication::setApplicationName(u"TestSsoProfileKind"_s);
}

void TestSsoProfileKind::init()
{
    QSettings().clear();
    QSettings().sync();
}

void TestSsoProfileKind::testStoreRoundTrip()
{
    Profile profile = ssoProfile();
    profile.ssoSessionName = u"corp"_s;
    profile.region = u"eu-west-1"_s;
    {
        ProfileStore store;
        bool done = false;
        store.save(profile, std::nullopt, {}, this, [&done](ProfileResult<void> saved) {
            QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(!store.isMemoryOnly(profile.id));
    }
    // A fresh store (the next run) reads the same profile back from the settings.
    ProfileStore reloaded;
    const auto back = reloaded.profileByName(u"corp-readonly"_s);
    QVERIFY(back);
    QCOMPARE(*back, profile);
    QVERIFY(!back->hasStoredSecret());
    const aws::SsoProfileConfig config = back->ssoConfig();
    QCOMPARE(config.tokenName(), u"corp"_s);
    QCOMPARE(config.accountId, u"123456789012"_s);
    QCOMPARE(config.roleName, u"ReadOnly"_s);
    QCOMPARE(config.region, u"eu-central-1"_s);

    // What the settings hold: the sign-in's coordinates, never a token.
    QSettings settings;
    const QStringList keys = settings.allKeys();
    QVERIFY(std::any_of(keys.cbegin(), keys.cend(),
                        [](const QString &key) { return key.endsWith(u"/ssoStartUrl"_s); }));
    for (const QString &key : keys)
        QVERIFY2(!key.contains(u"token"_s, Qt::CaseInsensitive), qPrintable(key));

    // Legacy form: no session, the token is the start URL's.
    Profile legacy = ssoProfile(u"legacy"_s);
    QCOMPARE(legacy.ssoConfig().tokenName(), legacy.ssoStartUrl);
    QCOMPARE(legacy.effectiveRegion(), u"eu-central-1"_s);
    QVERIFY(!legacy.toSettings().contains(u"ssoSession"_s));
}

void TestSsoProfileKind::testOtherKindsKeepTheirSettings()
{
    Profile keys = Profile::create(Profile::Kind::AccessKey, u"keys"_s);
    keys.region = u"eu-west-1"_s;
    keys.accessKeyId = u"AKIAIOSFODNN7EXAMPLE"_s;
    QCOMPARE(
        QStringList(keys.toSettings().keys()),
        (QStringList { u"accessKeyId"_s, u"kind"_s, u"name"_s, u"production"_s, u"region"_s }));
    Profile cli = Profile::create(Profile::Kind::AwsCliProfile, u"cli"_s);
    cli.awsProfileName = u"work"_s;
    QCOMPARE(QStringList(cli.toSettings().keys()),
             (QStringList { u"awsProfile"_s, u"kind"_s, u"name"_s, u"production"_s }));
    QCOMPARE(Profile::kindName(Profile::Kind::AccessKey), u"access-key"_s);
    QCOMPARE(Profile::kindName(Profile::Kind::LocalSandbox), u"sandbox"_s);
    QCOMPARE(Profile::kindName(Profile::Kind::Sso), u"sso"_s);
}

void TestSsoProfileKind::testConnectionUsesProfileRegionAndEndpoint()
{
    aws::AwsClient transport;
    ProfileStore store;
    ProfileConnector connector(&store, &transport);
    QProcessEnvironment env;
    env.insert(u"HOME"_s, QDir::homePath());
    // Coffer's own profiles ignore the AWS_* variables.
    env.insert(u"AWS_REGION"_s, u"ap-south-1"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, u"https://elsewhere.example.com"_s);
    connector.setEnvironment(env);

    Profile profile = ssoProfile();
    auto connection = connector.connection(profile);
    QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
    QCOMPARE(connection->secretsManager.region, u"eu-central-1"_s);
    QCOMPARE(connection->secretsManager.endpoint.host(),
             u"secretsmanager.eu-central-1.amazonaws.com"_s);
    auto *sso
        = dynamic_cast<aws::SsoCredentialsProvider *>(connection->secretsManager.credentials.get());
    QVERIFY(sso);
    QCOMPARE(sso->tokens()->config().startUrl, profile.ssoStartUrl);
    QCOMPARE(sso->tokens()->cache().directory(),
             aws::SsoTokenCache::defaultDirectory(QDir::homePath()));
    QCOMPARE(sso->tokens()->client()->oidcConfig().endpoint.host(),
             u"oidc.eu-central-1.amazonaws.com"_s);
    QCOMPARE(sso->tokens()->client()->portalConfig().endpoint.host(),
             u"portal.sso.eu-central-1.amazonaws.com"_s);

    profile.region = u"eu-west-1"_s;
    profile.endpoint = QUrl(u"http://127.0.0.1:4566"_s);
    connection = connector.connection(profile);
    QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
    QCOMPARE(connection->secretsManager.region, u"eu-west-1"_s);
    QCOMPARE(connection->secretsManager.endpoint, QUrl(u"http://127.0.0.1:4566"_s));
    sso = dynamic_cast<aws::SsoCredentialsProvider *>(connection->secretsManager.credentials.get());
    QVERIFY(sso);
    QCOMPARE(sso->tokens()->client()->oidcConfig().endpoint, QUrl(u"http://127.0.0.1:4566"_s));
    QCOMPARE(sso->tokens()->client()->portalConfig().endpoint, QUrl(u"http://127.0.0.1:4566"_s));
    // The region of IAM Identity Center stays the SSO region.
    QCOMPARE(sso->tokens()->client()->oidcConfig().region, u"eu-central-1"_s);

    // Plain HTTP to another computer is refused, as for every profile.
    profile.endpoint = QUrl(u"http://sso.example.com"_s);
    QVERIFY(!connector.connection(profile));
}

void TestSsoProfileKind::testListEntry()
{
    ProfileStore store;
    const Profile profile = ssoProfile();
    bool done = false;
    store.save(profile, std::nullopt, {}, this, [&done](ProfileResult<void>) { done = true; });
    QTRY_VERIFY(done);
    ProfileListModel model(&store, nullptr);
    const auto entry = model.entry(profile.id);
    QVERIFY(entry);
    QCOMPARE(entry->kindName, u"sso"_s);
    QCOMPARE(entry->region, u"eu-central-1"_s);
    QVERIFY(entry->details.contains(profile.ssoStartUrl));
    QVERIFY(entry->details.contains(u"ReadOnly"_s));
    QVERIFY(entry->details.contains(u"123456789012"_s));
}

void TestSsoProfileKind::testExportAppendsOnly()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"aws/config"_s);
    Profile profile = ssoProfile();
    profile.endpoint = QUrl(u"http://127.0.0.1:4566"_s);
    // A missing file (and folder) is created.
    QVERIFY(AwsConfigSsoExport::append(path, profile, u"corp"_s));
    auto parsed = aws::AwsConfigFile::load(path, aws::AwsConfigFile::Kind::Config);
    QVERIFY(parsed);
    const auto *section = parsed->profile(u"corp-readonly"_s);
    QVERIFY(section);
    QCOMPARE(section->value(u"sso_session"_s), std::optional(u"corp"_s));
    QCOMPARE(section->value(u"sso_account_id"_s), std::optional(u"123456789012"_s));
    QCOMPARE(section->value(u"sso_role_name"_s), std::optional(u"ReadOnly"_s));
    QCOMPARE(section->value(u"region"_s), std::optional(u"eu-central-1"_s));
    QCOMPARE(section->value(u"endpoint_url"_s), std::optional(u"http://127.0.0.1:4566"_s));
    const auto *session = parsed->section(aws::AwsConfigSection::Type::SsoSession, u"corp"_s);
    QVERIFY(session);
    QCOMPARE(session->value(u"sso_start_url"_s), std::optional(profile.ssoStartUrl));
    QCOMPARE(session->value(u"sso_region"_s), std::optional(u"eu-central-1"_s));

    // An existing file keeps every byte, even without a final newline.
    const QByteArray before = "# mine\n[default]\nregion = us-east-1";
    QVERIFY(writeFile(path, before));
    QVERIFY(AwsConfigSsoExport::append(path, profile, u"corp"_s));
    const QByteArray after = readAll(path);
    QVERIFY(after.startsWith(QByteArray(before + "\n\n[profile corp-readonly]\n")));
    parsed = aws::AwsConfigFile::load(path, aws::AwsConfigFile::Kind::Config);
    QVERIFY(parsed);
    QCOMPARE(parsed->profileNames().size(), 2);
}

void TestSsoProfileKind::testExportRefusesExistingNames()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"config"_s);
    const QByteArray before = "[profile corp-readonly]\nregion = us-east-1\n\n"
                              "[sso-session taken]\nsso_region = us-east-1\n";
    QVERIFY(writeFile(path, before));
    const Profile profile = ssoProfile();
    auto refused = AwsConfigSsoExport::append(path, profile, u"fresh"_s);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"corp-readonly"_s),
             qPrintable(refused.error().message));
    refused = AwsConfigSsoExport::append(path, ssoProfile(u"other"_s), u"taken"_s);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"taken"_s), qPrintable(refused.error().message));
    QVERIFY(!AwsConfigSsoExport::append(path, ssoProfile(u"other"_s), u"two words"_s));
    QCOMPARE(readAll(path), before);
}

QTEST_GUILESS_MAIN(TestSsoProfileKind)
#include "testssoprofilekind.moc"
