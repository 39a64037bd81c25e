// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// IAM Identity Center through coffer-cli as a real process, against the sandbox's OIDC and
// portal APIs over HTTP, with botocore (Debian's python3-botocore) as the other tool sharing
// ~/.aws/sso/cache:
// - `sso login --no-browser --json` prints the code, the approval is submitted to the
//   verification page over HTTP, the token lands in the AWS CLI's cache (0600, its fields), and
//   `get` and `whoami` then work with role credentials of the AWSReservedSSO_ form;
// - botocore's own SSOTokenProvider refreshes a token Coffer wrote, Coffer uses and refreshes a
//   token botocore wrote, and botocore then takes Coffer's refreshed token as is;
// - `sso logout` ends the session at the portal and deletes the file;
// - bad input: not signed in, a token signed out elsewhere (portal 401), an expired token
//   with an expired registration, a broken sso_session reference: exit 3 and what to do;
// - no access token, refresh token or client secret ever appears in the output.

#include "models/aws/ssotokencache.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using coffer::aws::SsoTokenCache;
using coffer::sandbox::SandboxFaults;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;

namespace {

const QByteArray kPrincipals = R"({
  "sso": {"users": ["alice", "bob"],
          "permissionSets": [{"name": "ReadOnly", "policies": [{"Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue",
                                                         "secretsmanager:ListSecrets"],
                             "Resource": "*"}]}]}],
          "assignments": [{"user": "alice", "account": "123456789012", "permissionSet": "ReadOnly"}]}
})";

const QString kSession = u"corp"_s;

// A sign-in that expired, with a client registration that expired too: nothing can renew it.
// (Not a raw string: moc reads the // of a URL in one as a comment and skips the class.)
const QByteArray kExpiredToken
    = "{\"startUrl\": \"https://corp.example.com/start\", \"region\": \"us-east-1\", "
      "\"accessToken\": \"expired-access-token\", \"expiresAt\": \"2026-01-01T00:00:00Z\", "
      "\"clientId\": \"old-client\", \"clientSecret\": \"old-client-secret\", "
      "\"registrationExpiresAt\": \"2026-01-02T00:00:00Z\", \"refreshToken\": \"old-refresh\"}";

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QString cachePath()
{
    return SsoTokenCache(SsoTokenCache::defaultDirectory(QDir::homePath())).path(kSession);
}

QJsonObject cachedToken()
{
    QFile file(cachePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// botocore's side. argv: mode, sandbox URL, seconds left to give the cached token (rewrite mode).
const char *kBotocore = R"PY(
import datetime, json, sys
import botocore.session
from botocore.tokens import SSOTokenProvider, _sso_json_dumps
from botocore.utils import JSONFileCache
mode, url = sys.argv[1], sys.argv[2]
cache = JSONFileCache(SSOTokenProvider._SSO_TOKEN_CACHE_DIR, dumps_func=_sso_json_dumps)
key = __import__("hashlib").sha1(b"corp").hexdigest()
now = datetime.datetime.now(datetime.timezone.utc)
if mode == "rewrite":
    # botocore writes the file itself, with its own serializer, a token about to expire.
    token = cache[key]
    token["expiresAt"] = now + datetime.timedelta(seconds=int(sys.argv[3]))
    cache[key] = token
    print(json.dumps({"written": True}))
elif mode == "load":
    session = botocore.session.get_session()
    session.set_config_variable("profile", "work")
    create = session.create_client
    # Debian botocore predates AWS_ENDPOINT_URL_*: point its client creator at the sandbox.
    session.create_client = lambda name, *a, **kw: create(name, *a, endpoint_url=url, **kw)
    before = cache[key]["accessToken"]
    frozen = SSOTokenProvider(session).load_token().get_frozen_token()
    after = cache[key]
    print(json.dumps({"refreshed": frozen.token != before,
                      "matchesFile": frozen.token == after["accessToken"],
                      "secondsLeft": int((frozen.expiration - now).total_seconds())}))
)PY";

} // namespace

class TestCliSso final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void testNotSignedIn();
    void testLoginThenUse();
    void testRefreshSharedWithBotocore();
    void testSignedOutElsewhere();
    void testLogout();
    void testSlowDown();
    void testExpiredTokenAndRegistration();
    void testBrokenSessionReference();
    void testAccounts();

private:
    Run cli(const QStringList &args);
    /// `sso login --no-browser --json`, approving as `user` through the verification page.
    Run login(const QString &user = u"alice"_s);
    QJsonObject botocore(const QStringList &args);
    int portalStatus(const QString &accessToken);
    void approve(const QUrl &page, const QString &userCode, const QString &user);
    void verifyNothingLeaked(const Run &run);

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
    QList<QByteArray> m_secrets;   ///< every token and client secret seen in the cache
};

void TestCliSso::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    const auto principals = coffer::sandbox::SandboxPrincipals::fromJson(kPrincipals);
    QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
    SandboxServerConfig config;
    principals->applyTo(config);
    m_server = std::make_unique<SandboxServer>(config);
    QVERIFY(m_server->listen());
    QVERIFY(m_server->store().call(u"CreateSecret", {{"Name", "sso/only"}, {"SecretString", "behind-sso"}}));
    const QByteArray url = m_server->url().toString().toUtf8();
    // endpoint_url in the profile reaches every service, IAM Identity Center's included.
    QVERIFY(writeFile(QDir::homePath() + u"/.aws/config"_s,
                      "[profile work]\nsso_session = corp\nsso_account_id = 123456789012\n"
                      "sso_role_name = ReadOnly\nregion = us-east-1\nendpoint_url = " + url + "\n\n"
                      "[sso-session corp]\nsso_start_url = https://corp.example.com/start\n"
                      "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n"
                      "[profile denied]\nsso_session = corp\nsso_account_id = 999999999999\n"
                      "sso_role_name = ReadOnly\nregion = us-east-1\nendpoint_url = " + url + "\n\n"
                      "[profile dangling]\nsso_session = nowhere\nsso_account_id = 1\n"
                      "sso_role_name = R\nregion = us-east-1\n"));
}

void TestCliSso::cleanupTestCase()
{
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
    m_server.reset();
}

Run TestCliSso::cli(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"AWS_"_s))
            env.remove(name);
    }
    process.setProcessEnvironment(env);
    process.start(coffer::test::cliPath(), args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.closeWriteChannel();
    // Asynchronous, so the sandbox in this process keeps answering meanwhile.
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

void TestCliSso::approve(const QUrl &page, const QString &userCode, const QString &user)
{
    QUrlQuery form;
    form.addQueryItem(u"user_code"_s, userCode);
    form.addQueryItem(u"user"_s, user);
    QNetworkRequest request(page);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();
}

Run TestCliSso::login(const QString &user)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"AWS_"_s))
            env.remove(name);
    }
    process.setProcessEnvironment(env);
    process.start(coffer::test::cliPath(),
                  {u"--profile"_s, u"work"_s, u"--json"_s, u"sso"_s, u"login"_s, u"--no-browser"_s});
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    QByteArray seen;
    bool approved = false;
    const bool finished = QTest::qWaitFor([&] {
        seen += process.readAllStandardOutput();
        // The first JSON object is the code to confirm; the second says signed in.
        const qsizetype end = seen.indexOf("\n}\n");
        if (!approved && end >= 0) {
            const QJsonObject prompt = QJsonDocument::fromJson(seen.left(end + 2)).object();
            const QUrl complete(prompt.value("VerificationUriComplete"_L1).toString());
            const QString userCode = prompt.value("UserCode"_L1).toString();
            if (userCode.isEmpty() || !complete.isValid())
                return true;
            // The complete link carries the code; the page itself takes the form.
            if (QUrlQuery(complete).queryItemValue(u"user_code"_s) != userCode)
                return true;
            approve(complete.adjusted(QUrl::RemoveQuery), userCode, user);
            approved = true;
        }
        return process.state() == QProcess::NotRunning;
    }, 60000);
    if (!finished) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = approved ? process.exitCode() : -2;
    run.out = seen + process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    const QJsonObject token = cachedToken();
    for (const char *member : {"accessToken", "refreshToken", "clientSecret"}) {
        const QByteArray value = token.value(QLatin1StringView(member)).toString().toUtf8();
        if (!value.isEmpty() && !m_secrets.contains(value))
            m_secrets.append(value);
    }
    return run;
}

QJsonObject TestCliSso::botocore(const QStringList &args)
{
    QProcess python;
    python.start(coffer::test::botocorePython(),
                 QStringList{u"-c"_s, QString::fromUtf8(kBotocore)} + args);
    if (!python.waitForStarted(10000))
        return {};
    if (!QTest::qWaitFor([&] { return python.state() == QProcess::NotRunning; }, 60000) || python.exitCode() != 0) {
        qWarning("botocore failed: %s", python.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

int TestCliSso::portalStatus(const QString &accessToken)
{
    QNetworkRequest request(QUrl(m_server->url().toString()
                                 + u"/federation/credentials?role_name=ReadOnly&account_id=123456789012"_s));
    request.setRawHeader("x-amz-sso_bearer_token", accessToken.toUtf8());
    QNetworkReply *reply = m_network.get(request);
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return -1;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestCliSso::verifyNothingLeaked(const Run &run)
{
    for (const QByteArray &secret : std::as_const(m_secrets)) {
        QVERIFY2(!run.out.contains(secret), "a token or client secret was printed on stdout");
        QVERIFY2(!run.err.contains(secret), "a token or client secret was printed on stderr");
    }
}

void TestCliSso::testNotSignedIn()
{
    QFile::remove(cachePath());
    const Run run = cli({u"--profile"_s, u"work"_s, u"get"_s, u"sso/only"_s});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains("is not signed in to IAM Identity Center"), run.err.constData());
    QVERIFY(run.err.contains("coffer-cli --profile work sso login"));
    QVERIFY(run.err.contains("aws sso login --profile work"));
}

void TestCliSso::testLoginThenUse()
{
    const Run signedIn = login();
    QVERIFY2(signedIn.exitCode == 0, signedIn.err.constData());
    QVERIFY(signedIn.out.contains("\"SignedIn\": true"));
    verifyNothingLeaked(signedIn);

    // The AWS CLI's file: its name, its mode, its members.
    const QFileInfo file(cachePath());
    QVERIFY(file.exists());
    QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    const QJsonObject token = cachedToken();
    for (const char *member : {"startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret",
                               "registrationExpiresAt", "refreshToken"}) {
        QVERIFY2(!token.value(QLatin1StringView(member)).toString().isEmpty(), member);
    }
    QCOMPARE(token.value("startUrl"_L1).toString(), u"https://corp.example.com/start"_s);
    const QDateTime expires = SsoTokenCache::parseTimestamp(token.value("expiresAt"_L1).toString());
    QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 8 * 3600) < 120);

    const Run get = cli({u"--profile"_s, u"work"_s, u"get"_s, u"sso/only"_s});
    QVERIFY2(get.exitCode == 0, get.err.constData());
    QCOMPARE(get.out.trimmed(), QByteArray("behind-sso"));
    verifyNothingLeaked(get);

    const Run whoami = cli({u"--profile"_s, u"work"_s, u"--json"_s, u"whoami"_s});
    QVERIFY2(whoami.exitCode == 0, whoami.err.constData());
    const QString arn = QJsonDocument::fromJson(whoami.out).object().value("Arn"_L1).toString();
    static const QRegularExpression form(
        u"^arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/alice$"_s);
    QVERIFY2(form.match(arn).hasMatch(), qPrintable(arn));

    // The permission set does not reach another account.
    const Run denied = cli({u"--profile"_s, u"denied"_s, u"get"_s, u"sso/only"_s});
    QVERIFY(denied.exitCode != 0);
    QVERIFY2(denied.err.contains("no role 'ReadOnly' in account 999999999999"), denied.err.constData());
}

void TestCliSso::testRefreshSharedWithBotocore()
{
    if (!QFile::exists(cachePath()))
        QVERIFY(login().exitCode == 0);
    const QString url = m_server->url().toString();
    const QString first = cachedToken().value("accessToken"_L1).toString();

    // botocore rewrites the token as about to expire, then its provider renews it.
    QVERIFY(botocore({u"rewrite"_s, url, u"300"_s}).value("written"_L1).toBool());
    const QJsonObject renewed = botocore({u"load"_s, url});
    QVERIFY2(renewed.value("refreshed"_L1).toBool(), "botocore did not refresh Coffer's token");
    QVERIFY(renewed.value("matchesFile"_L1).toBool());
    const QString second = cachedToken().value("accessToken"_L1).toString();
    QVERIFY(second != first);

    // Coffer uses what botocore wrote.
    const Run afterBotocore = cli({u"--profile"_s, u"work"_s, u"get"_s, u"sso/only"_s});
    QVERIFY2(afterBotocore.exitCode == 0, afterBotocore.err.constData());

    // botocore writes it as about to expire again: now Coffer renews it and writes it back.
    QVERIFY(botocore({u"rewrite"_s, url, u"120"_s}).value("written"_L1).toBool());
    const QString refreshBefore = cachedToken().value("refreshToken"_L1).toString();
    const Run refreshing = cli({u"--profile"_s, u"work"_s, u"get"_s, u"sso/only"_s});
    QVERIFY2(refreshing.exitCode == 0, refreshing.err.constData());
    const QJsonObject third = cachedToken();
    QVERIFY(third.value("accessToken"_L1).toString() != second);
    // The sandbox rotates refresh tokens; the new one is kept.
    QVERIFY(third.value("refreshToken"_L1).toString() != refreshBefore);
    const QDateTime expires = SsoTokenCache::parseTimestamp(third.value("expiresAt"_L1).toString());
    QVERIFY(QDateTime::currentDateTimeUtc().secsTo(expires) > 7 * 3600);
    for (const char *member : {"accessToken", "refreshToken"})
        m_secrets.append(third.value(QLatin1StringView(member)).toString().toUtf8());
    verifyNothingLeaked(refreshing);

    // And botocore takes Coffer's refreshed token as it is.
    const QJsonObject taken = botocore({u"load"_s, url});
    QVERIFY(!taken.value("refreshed"_L1).toBool(true));
    QVERIFY(taken.value("matchesFile"_L1).toBool());
    QVERIFY(taken.value("secondsLeft"_L1).toInt() > 7 * 3600);
}

void TestCliSso::testSignedOutElsewhere()
{
    QVERIFY(login().exitCode == 0);
    const QString token = cachedToken().value("accessToken"_L1).toString();
    // Another tool signs out at the portal but leaves the file.
    QNetworkRequest request(QUrl(m_server->url().toString() + u"/logout"_s));
    request.setRawHeader("x-amz-sso_bearer_token", token.toUtf8());
    QNetworkReply *reply = m_network.post(request, QByteArray());
    QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    reply->deleteLater();

    const Run run = cli({u"--profile"_s, u"work"_s, u"get"_s, u"sso/only"_s});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains("no longer accepts the sign-in of profile 'work'"), run.err.constData());
    QVERIFY(run.err.contains("sso login"));
    verifyNothingLeaked(run);
}

void TestCliSso::testLogout()
{
    QVERIFY(login().exitCode == 0);
    const QString token = cachedToken().value("accessToken"_L1).toString();
    QCOMPARE(portalStatus(token), 200);
    const Run run = cli({u"--profile"_s, u"work"_s, u"sso"_s, u"logout"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY(run.out.contains("Signed out of https://corp.example.com/start"));
    QVERIFY(!QFile::exists(cachePath()));
    // The session ended at IAM Identity Center too, not only here.
    QCOMPARE(portalStatus(token), 401);
    const Run again = cli({u"--profile"_s, u"work"_s, u"sso"_s, u"logout"_s});
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.contains("was not signed in"));
}

void TestCliSso::testSlowDown()
{
    // The first poll is told to slow down; from then on the sandbox answers slow_down to every
    // poll less than 6 seconds after the one before, so only a client that adds 5 seconds to its
    // interval (RFC 8628) signs in before the code expires.
    QFile::remove(cachePath());
    const SandboxFaults before = m_server->faults();
    SandboxFaults slow = before;
    slow.slowDownPolls = 1;
    m_server->setFaults(slow);
    const Run signedIn = login();
    m_server->setFaults(before);
    QVERIFY2(signedIn.exitCode == 0, signedIn.err.constData());
    QVERIFY(signedIn.out.contains("\"SignedIn\": true"));
    verifyNothingLeaked(signedIn);
}

void TestCliSso::testExpiredTokenAndRegistration()
{
    QVERIFY(writeFile(cachePath(), kExpiredToken));
    m_secrets << "expired-access-token" << "old-client-secret" << "old-refresh";
    const Run run = cli({u"--profile"_s, u"work"_s, u"get"_s, u"sso/only"_s});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains("sign-in of profile 'work' expired on"), run.err.constData());
    QVERIFY(run.err.contains("sso login"));
    verifyNothingLeaked(run);
    QFile::remove(cachePath());
}

void TestCliSso::testBrokenSessionReference()
{
    const Run run = cli({u"--profile"_s, u"dangling"_s, u"get"_s, u"sso/only"_s});
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains("config line 21: profile 'dangling' uses sso_session 'nowhere', but"),
             run.err.constData());
    const Run login = cli({u"--profile"_s, u"dangling"_s, u"sso"_s, u"login"_s, u"--no-browser"_s});
    QCOMPARE(login.exitCode, 3);
    QVERIFY(login.err.contains("[sso-session nowhere]"));
}

void TestCliSso::testAccounts()
{
    QVERIFY(login().exitCode == 0);
    const Run run = cli({u"--profile"_s, u"work"_s, u"--json"_s, u"sso"_s, u"accounts"_s});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonArray roles = QJsonDocument::fromJson(run.out).object().value("Roles"_L1).toArray();
    QCOMPARE(roles.size(), 1);
    QCOMPARE(roles.at(0).toObject().value("AccountId"_L1).toString(), u"123456789012"_s);
    QCOMPARE(roles.at(0).toObject().value("RoleName"_L1).toString(), u"ReadOnly"_s);
    verifyNothingLeaked(run);
}

QTEST_GUILESS_MAIN(TestCliSso)
#include "testclisso.moc"
