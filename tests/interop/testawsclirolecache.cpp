// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AwsCliRoleCache against Debian's python3-botocore, the code the AWS CLI runs: the cache key
// is the one AssumeRoleCredentialFetcher._create_cache_key derives for the same profile
// settings; botocore's fetcher (with JSONFileCache, as the AWS CLI sets it up) takes the
// session Coffer wrote without calling STS, and Coffer reads the file botocore wrote.
// The fake credentials are never printed.

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/awsclirolecache.h"
#include "tests/support/testenv.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AssumeRoleParams;
using coffer::aws::AwsCliRoleCache;
using coffer::aws::AwsCredentials;

namespace {

// Builds botocore's fetcher for the settings in argv[1] (JSON) and runs argv[2].
const char *kScript = R"PY(
import json, sys, datetime
from botocore.credentials import AssumeRoleCredentialFetcher
from botocore.utils import JSONFileCache
settings = json.loads(sys.argv[1])
extra = {}
for key in ("RoleSessionName", "ExternalId", "SerialNumber", "DurationSeconds"):
    if key in settings:
        extra[key] = settings[key]
cache = JSONFileCache(settings["dir"]) if "dir" in settings else None
def no_sts(*args, **kwargs):
    raise RuntimeError("STS must not be called")
fetcher = AssumeRoleCredentialFetcher(no_sts, None, settings["RoleArn"], extra_args=extra,
                                      mfa_prompter=lambda prompt: "000000", cache=cache)
if sys.argv[2] == "key":
    print(fetcher._cache_key)
elif sys.argv[2] == "read":
    creds = fetcher.fetch_credentials()
    print(json.dumps({"access_key": creds["access_key"] == settings["expectKey"],
                      "token": creds["token"] == settings["expectToken"]}))
elif sys.argv[2] == "write":
    expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    fetcher._write_to_cache({"Credentials": {"AccessKeyId": "ASIABOTOCOREWROTE001",
                                             "SecretAccessKey": "botocore/secret/EXAMPLE",
                                             "SessionToken": "botocore-token", "Expiration": expiry},
                             "AssumedRoleUser": {"Arn": "arn:aws:sts::123456789012:assumed-role/r/s",
                                                 "AssumedRoleId": "AROA:s"}})
    print("written")
)PY";

QByteArray botocore(const QJsonObject &settings, const char *mode)
{
    QProcess python;
    python.start(coffer::test::botocorePython(),
                 { u"-c"_s, QString::fromUtf8(kScript),
                   QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact)),
                   QString::fromLatin1(mode) });
    if (!python.waitForFinished(30000) || python.exitCode() != 0) {
        qWarning("botocore failed: %s", python.readAllStandardError().constData());
        return {};
    }
    return python.readAllStandardOutput().trimmed();
}

QJsonObject settingsFor(const AssumeRoleParams &params)
{
    QJsonObject settings { { u"RoleArn"_s, params.roleArn } };
    if (!params.roleSessionName.isEmpty())
        settings[u"RoleSessionName"_s] = params.roleSessionName;
    if (!params.externalId.isEmpty())
        settings[u"ExternalId"_s] = params.externalId;
    if (!params.mfaSerial.isEmpty())
        settings[u"SerialNumber"_s] = params.mfaSerial;
    if (params.durationSeconds)
        settings[u"DurationSeconds"_s] = *params.durationSeconds;
    return settings;
}

AssumeRoleParams mfaRole()
{
    AssumeRoleParams params;
    params.roleArn = u"arn:aws:iam::123456789012:role/guarded"_s;
    params.mfaSerial = u"arn:aws:iam::123456789012:mfa/app"_s;
    return params;
}

} // namespace

class TestAwsCliRoleCache final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(u"/usr/lib/python3/dist-packages/botocore/credentials.py"_s))
            QSKIP("python3-botocore is not installed");
    }

    void testKeyMatchesBotocore_data()
    {
        QTest::addColumn<AssumeRoleParams>("params");
        AssumeRoleParams plain;
        plain.roleArn = u"arn:aws:iam::123456789012:role/reader"_s;
        QTest::newRow("role only") << plain;
        AssumeRoleParams mfa = mfaRole();
        mfa.durationSeconds = 900;
        QTest::newRow("mfa and duration") << mfa;
        AssumeRoleParams all = mfaRole();
        all.externalId = u"ext-\"quoted\"\\é/ünïcode"_s;
        all.roleSessionName = u"my-session"_s;
        all.durationSeconds = 3600;
        QTest::newRow("every argument, escapes") << all;
    }

    void testKeyMatchesBotocore()
    {
        QFETCH(AssumeRoleParams, params);
        const QByteArray expected = botocore(settingsFor(params), "key");
        QVERIFY(!expected.isEmpty());
        QCOMPARE(AwsCliRoleCache::cacheKey(params).toLatin1(), expected);
    }

    void testBotocoreReadsWhatCofferWrote()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const AwsCliRoleCache cache(dir.path() + u"/cli/cache"_s);
        AwsCredentials session;
        session.accessKeyId = u"ASIACOFFERWROTE00001"_s;
        session.secretAccessKey = u"coffer/secret/EXAMPLE"_s;
        session.sessionToken = u"coffer-token"_s;
        session.expiration = QDateTime::currentDateTimeUtc().addSecs(3600);
        QVERIFY(cache.store(mfaRole(), session));
        const QFileInfo file(cache.directory() + u'/' + AwsCliRoleCache::cacheKey(mfaRole())
                             + u".json"_s);
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        QJsonObject settings = settingsFor(mfaRole());
        settings[u"dir"_s] = cache.directory();
        settings[u"expectKey"_s] = session.accessKeyId;
        settings[u"expectToken"_s] = session.sessionToken;
        // botocore would call STS (and fail the script) if it did not take the cached session.
        QCOMPARE(botocore(settings, "read"), "{\"access_key\": true, \"token\": true}"_ba);

        // Coffer reads it back; one that expires within 15 minutes is not used.
        QCOMPARE(cache.load(mfaRole(), QDateTime::currentDateTimeUtc())->accessKeyId,
                 session.accessKeyId);
        QVERIFY(!cache.load(mfaRole(), QDateTime::currentDateTimeUtc().addSecs(3600 - 899)));
    }

    void testCofferReadsWhatBotocoreWrote()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QJsonObject settings = settingsFor(mfaRole());
        settings[u"dir"_s] = dir.path();
        QCOMPARE(botocore(settings, "write"), "written"_ba);
        const AwsCliRoleCache cache(dir.path());
        const auto loaded = cache.load(mfaRole(), QDateTime::currentDateTimeUtc());
        QVERIFY(loaded);
        QCOMPARE(loaded->accessKeyId, u"ASIABOTOCOREWROTE001"_s);
        QCOMPARE(loaded->sessionToken, u"botocore-token"_s);
        QVERIFY(loaded->expiration);
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(*loaded->expiration) - 3600) < 120);
        // Another role's key finds nothing.
        AssumeRoleParams other = mfaRole();
        other.durationSeconds = 900;
        QVERIFY(!cache.load(other, QDateTime::currentDateTimeUtc()));
    }
};

Q_DECLARE_METATYPE(AssumeRoleParams)

QTEST_GUILESS_MAIN(TestAwsCliRoleCache)
#include "testawsclirolecache.moc"
