// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// IAM Identity Center profile settings as botocore's SSOProvider reads them (sso-session and
// legacy forms, with file and line in every mistake), and the token cache file format.
#include "models/aws/awsconfigfile.h"
#include "models/aws/ssoprofile.h"
#include "models/aws/ssotokencache.h"
#include "models/profiles/profile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using coffer::aws::AwsConfigFile;
using coffer::aws::AwsSharedFiles;
using coffer::aws::ErrorKind;
using coffer::aws::SsoCachedToken;
using coffer::aws::SsoProfile;
using coffer::aws::SsoTokenCache;

namespace {

AwsSharedFiles filesFrom(const QByteArray &config)
{
    AwsSharedFiles files;
    auto parsed = AwsConfigFile::parse(config, AwsConfigFile::Kind::Config, u"/home/u/.aws/config"_s);
    if (parsed)
        files.config = *parsed;
    return files;
}

const QByteArray kConfig = "[profile work]\n"                       // 1
                           "sso_session = corp\n"                    // 2
                           "sso_account_id = 111122223333\n"         // 3
                           "sso_role_name = ReadOnly\n"              // 4
                           "region = eu-west-1\n"                    // 5
                           "\n"                                      // 6
                           "[sso-session corp]\n"                    // 7
                           "sso_start_url = https://corp.awsapps.com/start\n"   // 8
                           "sso_region = eu-central-1\n"             // 9
                           "sso_registration_scopes = sso:account:access, codewhisperer:completions\n"  // 10
                           "\n"                                      // 11
                           "[profile legacy]\n"                      // 12
                           "sso_start_url = https://old.awsapps.com/start\n"    // 13
                           "sso_region = us-east-1\n"                // 14
                           "sso_account_id = 444455556666\n"         // 15
                           "sso_role_name = Admin\n"                 // 16
                           "\n"                                      // 17
                           "[profile missing-session]\n"             // 18
                           "sso_session = nowhere\n"                 // 19
                           "\n"                                      // 20
                           "[profile conflict]\n"                    // 21
                           "sso_session = corp\n"                    // 22
                           "sso_region = us-west-2\n"                // 23
                           "sso_account_id = 1\n"                    // 24
                           "sso_role_name = R\n"                     // 25
                           "\n"                                      // 26
                           "[profile token-only]\n"                  // 27
                           "sso_session = corp\n"                    // 28
                           "\n"                                      // 29
                           "[profile legacy-no-region]\n"            // 30
                           "sso_start_url = https://x.awsapps.com/start\n"      // 31
                           "sso_account_id = 1\n"                    // 32
                           "sso_role_name = R\n"                     // 33
                           "[sso-session half]\n"                    // 34
                           "sso_region = eu-west-1\n"                // 35
                           "[profile half]\n"                        // 36
                           "sso_session = half\n"                    // 37
                           "[profile keys]\n"                        // 38
                           "aws_access_key_id = AKIAEXAMPLE\n";      // 39

} // namespace

class TestSsoProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ssoSessionForm()
    {
        const auto resolved = SsoProfile::resolve(filesFrom(kConfig), u"work"_s, true);
        QVERIFY(resolved && *resolved);
        const auto &config = **resolved;
        QCOMPARE(config.sessionName, u"corp"_s);
        QCOMPARE(config.startUrl, u"https://corp.awsapps.com/start"_s);
        // sso_region, not the profile's region, is where the OIDC and portal endpoints are.
        QCOMPARE(config.region, u"eu-central-1"_s);
        QCOMPARE(config.scopes, (QStringList{u"sso:account:access"_s, u"codewhisperer:completions"_s}));
        QCOMPARE(config.accountId, u"111122223333"_s);
        QCOMPARE(config.roleName, u"ReadOnly"_s);
        QCOMPARE(config.tokenName(), u"corp"_s);
        QVERIFY(config.location.endsWith(u"config line 2"_s));
    }

    void legacyForm()
    {
        const auto resolved = SsoProfile::resolve(filesFrom(kConfig), u"legacy"_s, true);
        QVERIFY(resolved && *resolved);
        QVERIFY((*resolved)->sessionName.isEmpty());
        QCOMPARE((*resolved)->region, u"us-east-1"_s);
        // Legacy tokens are cached under the start URL.
        QCOMPARE((*resolved)->tokenName(), u"https://old.awsapps.com/start"_s);
    }

    void notSso()
    {
        const auto resolved = SsoProfile::resolve(filesFrom(kConfig), u"keys"_s, true);
        QVERIFY(resolved);
        QVERIFY(!*resolved);
        QVERIFY(!SsoProfile::usesSso(filesFrom(kConfig), u"keys"_s));
    }

    void mistakesNameFileAndLine_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<bool>("needRole");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing session") << u"missing-session"_s << true
                                         << u"config line 19: profile 'missing-session' uses sso_session "
                                            "'nowhere', but"_s;
        QTest::newRow("conflicting region") << u"conflict"_s << true
                                            << u"config line 23: profile 'conflict' sets sso_region to a value "
                                               "other than its [sso-session corp] ("_s;
        QTest::newRow("no role") << u"token-only"_s << true
                                 << u"config line 28: profile 'token-only' signs in with IAM Identity Center "
                                    "but has no sso_account_id"_s;
        QTest::newRow("legacy without region") << u"legacy-no-region"_s << false
                                               << u"config line 31: profile 'legacy-no-region' has "
                                                  "sso_start_url but no sso_region"_s;
        QTest::newRow("session without start URL") << u"half"_s << false
                                                   << u"config line 34: [sso-session half] has no sso_start_url"_s;
    }

    void mistakesNameFileAndLine()
    {
        QFETCH(QString, profile);
        QFETCH(bool, needRole);
        QFETCH(QString, expected);
        const auto resolved = SsoProfile::resolve(filesFrom(kConfig), profile, needRole);
        QVERIFY(!resolved);
        QCOMPARE(resolved.error().kind, ErrorKind::Configuration);
        if (!resolved.error().message.contains(expected))
            QFAIL(qPrintable(resolved.error().message));
    }

    void tokenOnlyProfileCanSignIn()
    {
        // `sso login` needs no role: the session is enough.
        const auto resolved = SsoProfile::resolve(filesFrom(kConfig), u"token-only"_s, false);
        QVERIFY(resolved && *resolved);
        QVERIFY((*resolved)->accountId.isEmpty());
    }

    void loginRequiredSaysWhatToRun()
    {
        const auto config = SsoProfile::resolve(filesFrom(kConfig), u"work"_s, true);
        const auto error = SsoProfile::loginRequired(**config, u"Not signed in."_s);
        QCOMPARE(error.kind, ErrorKind::CredentialsMissing);
        QCOMPARE(error.code, QString(SsoProfile::loginRequiredCode));
        QVERIFY(error.message.contains(u"coffer-cli --profile work sso login"_s));
        QVERIFY(error.message.contains(u"aws sso login --profile work"_s));

        // A Coffer profile is unknown to the AWS CLI: only Coffer's own ways are offered.
        coffer::Profile own;
        own.name = u"corp-own"_s;
        own.kind = coffer::Profile::Kind::Sso;
        own.ssoStartUrl = u"https://corp.example.com/start"_s;
        own.ssoRegion = u"us-east-1"_s;
        const auto ownError = SsoProfile::loginRequired(own.ssoConfig(), u"Not signed in."_s);
        QVERIFY(ownError.message.contains(u"coffer-cli --profile corp-own sso login"_s));
        QVERIFY2(!ownError.message.contains(u"aws sso login"_s), qPrintable(ownError.message));
    }

    void cacheKeyIsSha1OfTheName()
    {
        QCOMPARE(SsoTokenCache::cacheKey(u"corp"_s),
                 QString::fromLatin1(QCryptographicHash::hash("corp", QCryptographicHash::Sha1).toHex()));
        const SsoTokenCache cache(u"/c"_s);
        QCOMPARE(cache.path(u"corp"_s), u"/c/"_s + SsoTokenCache::cacheKey(u"corp"_s) + u".json"_s);
    }

    void timestampsInEveryForm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("Z") << u"2026-12-03T21:00:00Z"_s;
        QTest::newRow("UTC") << u"2026-12-03T21:00:00UTC"_s;
        QTest::newRow("offset") << u"2026-12-03T21:00:00+00:00"_s;
        QTest::newRow("other offset") << u"2026-12-03T22:00:00+01:00"_s;
        QTest::newRow("no zone") << u"2026-12-03T21:00:00"_s;
        QTest::newRow("fraction") << u"2026-12-03T21:00:00.000Z"_s;
    }

    void timestampsInEveryForm()
    {
        QFETCH(QString, text);
        QCOMPARE(SsoTokenCache::parseTimestamp(text),
                 QDateTime(QDate(2026, 12, 3), QTime(21, 0), QTimeZone::utc()));
    }

    void storeAndLoadKeepEverything()
    {
        QTemporaryDir dir;
        const SsoTokenCache cache(dir.filePath(u"sso/cache"_s));
        QVERIFY(cache.load(u"corp"_s) && !*cache.load(u"corp"_s));

        // A member this version does not know survives a rewrite.
        QVERIFY(QDir().mkpath(cache.directory()));
        {
            QFile file(cache.path(u"corp"_s));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(R"({"startUrl":"https://corp.awsapps.com/start","region":"eu-central-1",)"
                       R"("accessToken":"test-access","expiresAt":"2026-12-03T21:00:00UTC","futureMember":[1,2]})");
        }
        auto loaded = cache.load(u"corp"_s);
        QVERIFY(loaded && *loaded);
        SsoCachedToken token = **loaded;
        QVERIFY(!token.isRefreshable(QDateTime::currentDateTimeUtc()));
        token.clientId = u"client"_s;
        token.clientSecret = u"client-secret"_s;
        token.registrationExpiresAt = QDateTime(QDate(2027, 3, 1), QTime(0, 0), QTimeZone::utc());
        token.refreshToken = u"test-refresh"_s;
        QVERIFY(cache.store(u"corp"_s, token));

        const QFileInfo info(cache.path(u"corp"_s));
        QCOMPARE(info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                                       | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QFile file(cache.path(u"corp"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(written.value("expiresAt"_L1).toString(), u"2026-12-03T21:00:00Z"_s);
        QCOMPARE(written.value("registrationExpiresAt"_L1).toString(), u"2027-03-01T00:00:00Z"_s);
        QCOMPARE(written.value("refreshToken"_L1).toString(), u"test-refresh"_s);
        QCOMPARE(written.value("futureMember"_L1).toArray().size(), 2);

        const auto again = cache.load(u"corp"_s);
        QVERIFY(again && *again);
        QVERIFY((*again)->isRefreshable(QDateTime(QDate(2026, 12, 3), QTime(0, 0), QTimeZone::utc())));
        QVERIFY(!(*again)->isRefreshable(QDateTime(QDate(2027, 3, 2), QTime(0, 0), QTimeZone::utc())));

        QCOMPARE(cache.remove(u"corp"_s).value_or(false), true);
        QCOMPARE(cache.remove(u"corp"_s).value_or(true), false);
    }

    void brokenCacheFileIsAnErrorNamingIt()
    {
        QTemporaryDir dir;
        const SsoTokenCache cache(dir.path());
        QFile file(cache.path(u"corp"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"startUrl\": \"x\"");
        file.close();
        const auto loaded = cache.load(u"corp"_s);
        QVERIFY(!loaded);
        QVERIFY(loaded.error().message.contains(cache.path(u"corp"_s)));
        QVERIFY(loaded.error().message.contains(u"Sign in again"_s));
    }
};

QTEST_GUILESS_MAIN(TestSsoProfile)
#include "testssoprofile.moc"
