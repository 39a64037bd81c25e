// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Coffer's own IAM Identity Center profiles (kind "sso") through coffer-cli as a real process,
// against the sandbox's OIDC, portal and Secrets Manager over HTTP, with no ~/.aws/config at
// all: `profile add --sso-start-url ...`, `profile list` and `profile show` (kind "sso", the
// start URL, account and role), `--profile NAME list` before signing in (exit 3, what to run),
// `sso login --no-browser --json` approved through the verification page, then
// `--profile NAME list` with the portal's role credentials; ~/.aws/config is never created and
// no token appears in the output.
#include "models/aws/ssotokencache.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using coffer::aws::SsoTokenCache;
using coffer::sandbox::SandboxServer;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QString kStartUrl = u"https://corp.example.com/start"_s;

} // namespace

class TestCliSsoProfile final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void testAddListShow();
    void testNotSignedInThenLoginAndList();

private:
    QProcessEnvironment environment() const;
    Run cli(const QStringList &args);
    bool approve(const QUrl &page, const QString &userCode);

    std::unique_ptr<SandboxServer> m_server;
    QNetworkAccessManager m_network;
};

void TestCliSsoProfile::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    m_server = std::make_unique<SandboxServer>(); // the demo directory: alice, two roles
    QVERIFY(m_server->listen());
    QVERIFY(m_server->store().call(u"CreateSecret",
                                   { { "Name", "sso/only" }, { "SecretString", "x" } }));
}

void TestCliSsoProfile::cleanupTestCase()
{
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
    m_server.reset();
}

QProcessEnvironment TestCliSsoProfile::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.startsWith(u"AWS_"_s))
            env.remove(name);
    }
    return env;
}

Run TestCliSsoProfile::cli(const QStringList &args)
{
    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(coffer::test::cliPath(), args);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    process.closeWriteChannel();
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

bool TestCliSsoProfile::approve(const QUrl &page, const QString &userCode)
{
    QUrlQuery form;
    form.addQueryItem(u"user_code"_s, userCode);
    form.addQueryItem(u"user"_s, u"alice"_s);
    QNetworkRequest request(page);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toLatin1());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000))
        return false;
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

void TestCliSsoProfile::testAddListShow()
{
    const Run added = cli({ u"--endpoint-url"_s, m_server->url().toString(), u"profile"_s, u"add"_s,
                            u"corp-readonly"_s, u"--sso-start-url"_s, kStartUrl, u"--sso-region"_s,
                            u"us-east-1"_s, u"--sso-account-id"_s, u"123456789012"_s,
                            u"--sso-role-name"_s, u"ReadOnly"_s });
    QVERIFY2(added.exitCode == 0, added.err.constData());
    // A bad account id is refused with the reason.
    const Run bad = cli({ u"profile"_s, u"add"_s, u"bad"_s, u"--sso-start-url"_s, kStartUrl,
                          u"--sso-region"_s, u"us-east-1"_s, u"--sso-account-id"_s, u"12"_s,
                          u"--sso-role-name"_s, u"ReadOnly"_s });
    QVERIFY(bad.exitCode != 0);
    QVERIFY2(bad.err.contains("12 digits"), bad.err.constData());

    const Run listed = cli({ u"--json"_s, u"profile"_s, u"list"_s });
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    const QJsonDocument document = QJsonDocument::fromJson(listed.out);
    const QJsonArray profiles
        = document.isArray() ? document.array() : document.object().value("Profiles"_L1).toArray();
    QJsonObject corp;
    for (const QJsonValue &value : profiles) {
        if (value.toObject().value("Name"_L1).toString() == u"corp-readonly"_s)
            corp = value.toObject();
    }
    QVERIFY2(!corp.isEmpty(), listed.out.constData());
    QCOMPARE(corp.value("Kind"_L1).toString(), u"sso"_s);
    QCOMPARE(corp.value("Region"_L1).toString(), u"us-east-1"_s);
    QCOMPARE(corp.value("SsoStartUrl"_L1).toString(), kStartUrl);
    QCOMPARE(corp.value("SsoAccountId"_L1).toString(), u"123456789012"_s);
    QCOMPARE(corp.value("SsoRoleName"_L1).toString(), u"ReadOnly"_s);
    // The table's row: kind sso, region, and the start URL with account and role as details.
    const Run table = cli({ u"profile"_s, u"list"_s });
    QVERIFY2(table.exitCode == 0, table.err.constData());
    QByteArray row;
    for (const QByteArray &line : table.out.split('\n')) {
        if (line.startsWith("corp-readonly"))
            row = line;
    }
    QVERIFY2(row.contains(" sso ") && row.contains("us-east-1") && row.contains(kStartUrl.toUtf8())
                 && row.contains("ReadOnly") && row.contains("123456789012"),
             table.out.constData());

    const Run shown = cli({ u"profile"_s, u"show"_s, u"corp-readonly"_s });
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    QVERIFY2(shown.out.contains(kStartUrl.toUtf8()), shown.out.constData());
    QVERIFY(shown.out.contains("123456789012"));
    QVERIFY(shown.out.contains("ReadOnly"));
    QVERIFY(shown.out.contains("us-east-1"));
    const Run shownJson = cli({ u"--json"_s, u"profile"_s, u"show"_s, u"corp-readonly"_s });
    const QJsonObject json = QJsonDocument::fromJson(shownJson.out).object();
    QCOMPARE(json.value("Kind"_L1).toString(), u"sso"_s);
    QCOMPARE(json.value("SsoStartUrl"_L1).toString(), kStartUrl);
    QCOMPARE(json.value("SsoAccountId"_L1).toString(), u"123456789012"_s);
    QCOMPARE(json.value("SsoRoleName"_L1).toString(), u"ReadOnly"_s);
    QVERIFY(!QFile::exists(QDir::homePath() + u"/.aws/config"_s));
}

void TestCliSsoProfile::testNotSignedInThenLoginAndList()
{
    const Run before = cli({ u"--profile"_s, u"corp-readonly"_s, u"list"_s });
    QCOMPARE(before.exitCode, 3);
    QVERIFY2(before.err.contains("coffer-cli --profile corp-readonly sso login"),
             before.err.constData());

    QProcess process;
    process.setProcessEnvironment(environment());
    process.start(coffer::test::cliPath(),
                  { u"--profile"_s, u"corp-readonly"_s, u"--json"_s, u"sso"_s, u"login"_s,
                    u"--no-browser"_s });
    QVERIFY(process.waitForStarted(10000));
    QByteArray seen;
    bool approved = false;
    const bool finished = QTest::qWaitFor(
        [&] {
            seen += process.readAllStandardOutput();
            const qsizetype end = seen.indexOf("\n}\n");
            if (!approved && end >= 0) {
                const QJsonObject prompt = QJsonDocument::fromJson(seen.left(end + 2)).object();
                const QUrl complete(prompt.value("VerificationUriComplete"_L1).toString());
                const QString userCode = prompt.value("UserCode"_L1).toString();
                if (userCode.isEmpty() || !complete.isValid())
                    return true;
                approved = approve(complete.adjusted(QUrl::RemoveQuery), userCode);
                if (!approved)
                    return true;
            }
            return process.state() == QProcess::NotRunning;
        },
        60000);
    if (!finished)
        process.kill();
    process.waitForFinished();
    QVERIFY2(approved, seen.constData());
    QCOMPARE(process.exitCode(), 0);
    seen += process.readAllStandardOutput();

    // The token is where the AWS CLI would look for this start URL.
    const SsoTokenCache cache(SsoTokenCache::defaultDirectory(QDir::homePath()));
    const auto token = cache.load(kStartUrl);
    QVERIFY(token && *token);
    QVERIFY(!seen.contains((*token)->accessToken.toUtf8()));

    const Run listed = cli({ u"--profile"_s, u"corp-readonly"_s, u"list"_s });
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    QVERIFY2(listed.out.contains("sso/only"), listed.out.constData());
    QVERIFY(!listed.out.contains((*token)->accessToken.toUtf8()));
    QVERIFY(!listed.err.contains((*token)->accessToken.toUtf8()));
    QVERIFY(!QFile::exists(QDir::homePath() + u"/.aws/config"_s));
}

QTEST_GUILESS_MAIN(TestCliSsoProfile)
#include "testclissoprofile.moc"
