// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Profile and ProfileSecret as plain values: validation, the settings form, the keychain form.
#include "models/profiles/profile.h"
#include "models/profiles/profileerror.h"
#include "models/profiles/profilesecret.h"

#include <QTest>

using namespace Qt::StringLiterals;
using coffer::KeychainError;
using coffer::Profile;
using coffer::ProfileError;
using coffer::ProfileSecret;

class TestProfile final : public QObject
{
    Q_OBJECT

private slots:
    void testSettingsRoundTrip_data();
    void testSettingsRoundTrip();
    void testSettingsNeverHoldTheSecret();
    void testValidation_data();
    void testValidation();
    void testKindNames();
    void testProductionNeedsConfirmation();
    void testSecretSerialization();
    void testNoBackendMessagesMeanNoKeychain_data();
    void testNoBackendMessagesMeanNoKeychain();
};

namespace {

Profile sample(Profile::Kind kind)
{
    Profile profile = Profile::create(kind, u"sample"_s);
    profile.region = u"eu-west-1"_s;
    switch (kind) {
    case Profile::Kind::AccessKey:
        profile.accessKeyId = u"AKIAIOSFODNN7EXAMPLE"_s;
        break;
    case Profile::Kind::AssumeRole:
        profile.roleArn = u"arn:aws:iam::123456789012:role/Admin"_s;
        profile.sourceProfileId = QUuid::createUuid();
        profile.externalId = u"ext"_s;
        profile.mfaSerial = u"arn:aws:iam::123456789012:mfa/alice"_s;
        profile.roleSessionName = u"coffer"_s;
        profile.durationSeconds = 3600;
        break;
    case Profile::Kind::AwsCliProfile:
        profile.awsProfileName = u"work"_s;
        break;
    case Profile::Kind::LocalSandbox:
        profile.endpoint = QUrl(u"http://127.0.0.1:4566"_s);
        break;
    case Profile::Kind::Sso:
        profile.ssoStartUrl = u"https://d-1234567890.awsapps.com/start"_s;
        profile.ssoRegion = u"us-east-1"_s;
        profile.ssoAccountId = u"123456789012"_s;
        profile.ssoRoleName = u"ReadOnly"_s;
        profile.ssoSessionName = u"corp"_s;
        break;
    }
    return profile;
}

} // namespace

void TestProfile::testSettingsRoundTrip_data()
{
    QTest::addColumn<Profile>("profile");
    for (const Profile::Kind kind : Profile::allKinds())
        QTest::newRow(qPrintable(Profile::kindName(kind))) << sample(kind);
    Profile production = sample(Profile::Kind::AccessKey);
    production.production = true;
    production.endpoint = QUrl(u"https://secretsmanager.example.test"_s);
    QTest::newRow("production with endpoint") << production;
    Profile emulator = sample(Profile::Kind::AccessKey);
    emulator.endpoint = QUrl(u"http://emulator.lan:4566"_s);
    emulator.allowInsecureHttp = true;
    QTest::newRow("plain HTTP allowed") << emulator;
}

void TestProfile::testSettingsRoundTrip()
{
    QFETCH(Profile, profile);
    QVERIFY2(profile.validationError().isEmpty(), qPrintable(profile.validationError()));
    const auto back = Profile::fromSettings(profile.id, profile.toSettings());
    QVERIFY(back.has_value());
    QCOMPARE(*back, profile);
}

void TestProfile::testSettingsNeverHoldTheSecret()
{
    const QVariantMap values = sample(Profile::Kind::AccessKey).toSettings();
    QCOMPARE(values.value(u"accessKeyId"_s).toString(), u"AKIAIOSFODNN7EXAMPLE"_s);
    for (const QString &key : values.keys())
        QVERIFY2(!key.contains(u"secret"_s, Qt::CaseInsensitive)
                     && !key.contains(u"token"_s, Qt::CaseInsensitive),
                 qPrintable(key));
    QVERIFY(!Profile::fromSettings(QUuid::createUuid(),
                                   { { u"kind"_s, u"bogus"_s }, { u"name"_s, u"x"_s } }));
    QVERIFY(!Profile::fromSettings(QUuid(), values));
}

void TestProfile::testValidation_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("expected"); // part of the message; empty: valid

    QTest::newRow("valid") << sample(Profile::Kind::AccessKey) << QString();
    Profile p = sample(Profile::Kind::AccessKey);
    p.name.clear();
    QTest::newRow("no name") << p << u"name"_s;
    p = sample(Profile::Kind::AccessKey);
    p.name = u" padded"_s;
    QTest::newRow("padded name") << p << u"spaces"_s;
    p = sample(Profile::Kind::AccessKey);
    p.region = u"Europe"_s;
    QTest::newRow("bad region") << p << u"region name"_s;
    p = sample(Profile::Kind::AccessKey);
    p.region.clear();
    QTest::newRow("no region") << p << u"region"_s;
    p = sample(Profile::Kind::AccessKey);
    p.accessKeyId = u"AKIA-short"_s;
    QTest::newRow("bad key id") << p << u"access key id"_s;
    p = sample(Profile::Kind::AccessKey);
    p.endpoint = QUrl(u"ftp://example.com"_s);
    QTest::newRow("ftp endpoint") << p << u"http"_s;
    p = sample(Profile::Kind::AssumeRole);
    p.roleArn = u"Admin"_s;
    QTest::newRow("bad role") << p << u"role ARN"_s;
    p = sample(Profile::Kind::AssumeRole);
    p.sourceProfileId = {};
    QTest::newRow("no source") << p << u"credentials assume"_s;
    p = sample(Profile::Kind::AssumeRole);
    p.sourceProfileId = p.id;
    QTest::newRow("own source") << p << u"its own"_s;
    p = sample(Profile::Kind::AssumeRole);
    p.durationSeconds = 60;
    QTest::newRow("short session") << p << u"900"_s;
    p = sample(Profile::Kind::AwsCliProfile);
    p.awsProfileName.clear();
    QTest::newRow("no aws profile") << p << u"~/.aws/config"_s;
    p = sample(Profile::Kind::AwsCliProfile);
    p.region.clear();
    QTest::newRow("aws profile without region") << p << QString();
    p = sample(Profile::Kind::LocalSandbox);
    p.region.clear();
    p.endpoint = {};
    QTest::newRow("bare sandbox") << p << QString();
    p = sample(Profile::Kind::Sso);
    p.region.clear();
    p.ssoSessionName.clear();
    QTest::newRow("sso, legacy form, SSO region") << p << QString();
    p = sample(Profile::Kind::Sso);
    p.ssoStartUrl = u"corp"_s;
    QTest::newRow("sso without start URL") << p << u"start URL"_s;
    p = sample(Profile::Kind::Sso);
    p.ssoRegion.clear();
    QTest::newRow("sso without region") << p << u"IAM Identity Center"_s;
    p = sample(Profile::Kind::Sso);
    p.ssoAccountId = u"12345"_s;
    QTest::newRow("sso bad account") << p << u"12 digits"_s;
    p = sample(Profile::Kind::Sso);
    p.ssoRoleName.clear();
    QTest::newRow("sso without role") << p << u"role"_s;
}

void TestProfile::testValidation()
{
    QFETCH(Profile, profile);
    QFETCH(QString, expected);
    const QString error = profile.validationError();
    if (expected.isEmpty())
        QVERIFY2(error.isEmpty(), qPrintable(error));
    else
        QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestProfile::testKindNames()
{
    for (const Profile::Kind kind : Profile::allKinds()) {
        QCOMPARE(Profile::kindFromName(Profile::kindName(kind)), std::optional(kind));
        QVERIFY(!Profile::kindLabel(kind).isEmpty());
    }
    QCOMPARE(Profile::kindFromName(u"sso"_s), std::optional(Profile::Kind::Sso));
    QVERIFY(!Profile::kindFromName(u"identity-center"_s));
    QCOMPARE(Profile::keychainKeyFor(QUuid(u"{12345678-1234-1234-1234-123456789abc}"_s)),
             u"profile/12345678-1234-1234-1234-123456789abc"_s);
}

void TestProfile::testProductionNeedsConfirmation()
{
    Profile profile = sample(Profile::Kind::AccessKey);
    QVERIFY(!profile.requiresWriteConfirmation());
    profile.production = true;
    QVERIFY(profile.requiresWriteConfirmation());
}

void TestProfile::testSecretSerialization()
{
    const ProfileSecret secret { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, u"token"_s };
    QCOMPARE(ProfileSecret::deserialize(secret.serialize()), std::optional(secret));
    const ProfileSecret longTerm { u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s, {} };
    QVERIFY(!longTerm.serialize().contains("sessionToken"));
    QCOMPARE(ProfileSecret::deserialize(longTerm.serialize()), std::optional(longTerm));
    QVERIFY(!ProfileSecret::deserialize("plain text"));
    QVERIFY(!ProfileSecret::deserialize(R"({"version":2,"secretAccessKey":"x"})"));
    QVERIFY(!ProfileSecret::deserialize(R"({"version":1,"secretAccessKey":""})"));
}

void TestProfile::testNoBackendMessagesMeanNoKeychain_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("backendMessage");
    QTest::addColumn<bool>("noKeychain");
    const int other = int(KeychainError::Code::Other);
    QTest::newRow("QtKeychain no backend")
        << int(KeychainError::Code::NoBackend) << u"No backend"_s << true;
    QTest::newRow("no session bus")
        << other << u"Could not connect: No such file or directory"_s << true;
    QTest::newRow("no secrets service")
        << other << u"The name org.freedesktop.secrets was not provided by any .service files"_s
        << true;
    QTest::newRow("autolaunch") << other << u"Cannot autolaunch D-Bus without X11 $DISPLAY"_s
                                << true;
    QTest::newRow("something else") << other << u"Unknown error"_s << false;
    QTest::newRow("locked") << int(KeychainError::Code::AccessDenied) << u"locked"_s << false;
}

void TestProfile::testNoBackendMessagesMeanNoKeychain()
{
    QFETCH(int, code);
    QFETCH(QString, backendMessage);
    QFETCH(bool, noKeychain);
    const ProfileError error = ProfileError::fromKeychain(
        KeychainError::fromBackend(KeychainError::Code(code), backendMessage), u"p"_s);
    QCOMPARE(error.offersMemoryOnly(), noKeychain);
    QCOMPARE(error.code == ProfileError::Code::NoKeychain, noKeychain);
    if (noKeychain)
        QVERIFY(error.message.contains(u"No OS keychain is available"_s));
}

QTEST_GUILESS_MAIN(TestProfile)
#include "testprofile.moc"
