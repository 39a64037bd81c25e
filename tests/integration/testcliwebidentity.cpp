// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Signing in as a CI job or a Kubernetes pod does: a JWT signed in the test by an OIDC issuer the
// sandbox knows (principals file "oidcProviders"), traded for a role's credentials with the
// unsigned sts:AssumeRoleWithWebIdentity, over real HTTP. coffer-cli lists secrets with a profile
// (web_identity_token_file + role_arn) and with the environment alone (no ~/.aws at all); a
// wrong audience, an expired token, a wrong signature, an untrusted role, a missing or empty
// token file are each refused with a message saying what to check. In process, the provider
// reads the token file again on each refresh (Kubernetes rotates it). No token or key is printed.

#include "models/aws/awsclient.h"
#include "models/aws/credentialschain.h"
#include "models/aws/webidentitycredentialsprovider.h"
#include "models/profiles/stswebidentityadapter.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"
#include "tests/support/testjwt.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;
using coffer::test::TestJwtSigner;

namespace {

const QString kIssuer = u"https://token.example"_s;
const QString kAudience = u"sts.amazonaws.com"_s;
const QString kRole = u"arn:aws:iam::123456789012:role/ci"_s;
const QString kUntrustedRole = u"arn:aws:iam::123456789012:role/other"_s;

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

QByteArray principalsFor(const QByteArray &jwks)
{
    QByteArray json
        = "{\"roles\": ["
          "{\"name\": \"ci\", \"trust\": [\"oidc-provider/token.example\"],"
          " \"policies\": [{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
          " \"Action\": [\"secretsmanager:ListSecrets\", \"secretsmanager:GetSecretValue\"],"
          " \"Resource\": \"*\"}]}]},"
          "{\"name\": \"other\", \"trust\": [\"role/ci\"],"
          " \"policies\": [{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
          " \"Action\": \"secretsmanager:*\", \"Resource\": \"*\"}]}]}],"
          " \"oidcProviders\": [{\"issuer\": \"https://token.example\","
          " \"audiences\": [\"sts.amazonaws.com\"], \"jwks\": JWKS}]}";
    return json.replace("JWKS", jwks);
}

} // namespace

class TestCliWebIdentity final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void testProfileSignsIn();
    void testEnvironmentSignsInWithoutAnyProfile();
    void testRefused_data();
    void testRefused();
    void testTokenFileIsReadAgainOnRefresh();
    void testCatalogNoLongerReportsWebIdentityProfiles();
    void testServeTakesOidcProvidersFromThePrincipalsFile();

private:
    [[nodiscard]] QByteArray validToken(const QString &subject = u"repo:org/app:ref:main"_s) const
    {
        return m_issuer->sign(TestJwtSigner::claims(kIssuer, kAudience, subject, 600));
    }
    [[nodiscard]] QString tokenPath() const { return QDir::homePath() + u"/ci/token"_s; }
    [[nodiscard]] QProcessEnvironment profileEnvironment() const;
    coffer::test::ProcessRun cli(const QStringList &args, const QProcessEnvironment &env) const;
    /// Fails the test if `run` printed a token or a key.
    void verifyNothingLeaked(const coffer::test::ProcessRun &run, const QByteArray &token) const;

    std::unique_ptr<TestJwtSigner> m_issuer;
    std::unique_ptr<SandboxServer> m_server;
};

void TestCliWebIdentity::initTestCase()
{
    QVERIFY2(QDir::homePath().startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(QFile::exists(coffer::test::cliPath()),
             "COFFER_CLI must name the coffer-cli under test");
    m_issuer = std::make_unique<TestJwtSigner>();
    QVERIFY(m_issuer->isValid());
    const auto principals
        = coffer::sandbox::SandboxPrincipals::fromJson(principalsFor(m_issuer->jwks()));
    QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
    QCOMPARE(principals->oidcProviders.size(), 1);
    SandboxServerConfig config;
    principals->applyTo(config);
    m_server = std::make_unique<SandboxServer>(config);
    QVERIFY(m_server->listen());
    QVERIFY(m_server->store().call(u"CreateSecret",
                                   { { "Name", "ci/deploy-key" }, { "SecretString", "from-ci" } }));

    const QByteArray url = m_server->url().toString().toUtf8();
    const QByteArray token = tokenPath().toUtf8();
    QVERIFY(writeFile(QDir::homePath() + u"/.aws/config"_s,
                      "[profile ci]\nweb_identity_token_file = " + token
                          + "\nrole_arn = " + kRole.toUtf8()
                          + "\nrole_session_name = ci-job\nregion = us-east-1\n"
                            "endpoint_url = "
                          + url
                          + "\n\n"
                            "[profile untrusted]\nweb_identity_token_file = "
                          + token + "\nrole_arn = " + kUntrustedRole.toUtf8()
                          + "\nregion = us-east-1\nendpoint_url = " + url
                          + "\n\n"
                            "[profile missing-token]\nweb_identity_token_file = "
                          + token + ".absent\nrole_arn = " + kRole.toUtf8()
                          + "\nregion = us-east-1\nendpoint_url = " + url + "\n"));
}

void TestCliWebIdentity::cleanupTestCase()
{
    QDir(QDir::homePath() + u"/.aws"_s).removeRecursively();
    QDir(QDir::homePath() + u"/ci"_s).removeRecursively();
    m_server.reset();
}

QProcessEnvironment TestCliWebIdentity::profileEnvironment() const
{
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    env.insert(u"AWS_CONFIG_FILE"_s, QDir::homePath() + u"/.aws/config"_s);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, QDir::homePath() + u"/.aws/credentials"_s);
    return env;
}

coffer::test::ProcessRun TestCliWebIdentity::cli(const QStringList &args,
                                                 const QProcessEnvironment &env) const
{
    // runProcess waits with the event loop running, so the sandbox in this process answers.
    return coffer::test::runProcess(coffer::test::cliPath(), args, env);
}

void TestCliWebIdentity::verifyNothingLeaked(const coffer::test::ProcessRun &run,
                                             const QByteArray &token) const
{
    for (const QByteArray &text : { run.out, run.err }) {
        QVERIFY2(!text.contains(token.left(40)), "the web identity token was printed");
        QVERIFY2(!text.contains(token.split('.').value(2).left(40)),
                 "the token's signature was printed");
        QVERIFY2(!text.contains("ASIA"), "an access key id was printed");
    }
}

void TestCliWebIdentity::testProfileSignsIn()
{
    const QByteArray token = validToken();
    QVERIFY(writeFile(tokenPath(), token + "\n"));
    const qint64 before = m_server->requestCount();
    const auto run = cli({ u"--profile"_s, u"ci"_s, u"list"_s }, profileEnvironment());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("ci/deploy-key"), run.out.constData());
    // One AssumeRoleWithWebIdentity, then the listing signed with the role session.
    QVERIFY(m_server->requestCount() >= before + 2);
    verifyNothingLeaked(run, token);

    const auto get
        = cli({ u"--profile"_s, u"ci"_s, u"get"_s, u"ci/deploy-key"_s }, profileEnvironment());
    QVERIFY2(get.exitCode == 0, get.err.constData());
    QVERIFY(get.out.contains("from-ci"));
}

void TestCliWebIdentity::testEnvironmentSignsInWithoutAnyProfile()
{
    const QByteArray token = validToken(u"system:serviceaccount:apps:deployer"_s);
    const QString path = QDir::homePath() + u"/ci/pod-token"_s;
    QVERIFY(writeFile(path, token));
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    // As in a pod: no shared files at all.
    env.insert(u"AWS_CONFIG_FILE"_s, QDir::homePath() + u"/nowhere/config"_s);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, QDir::homePath() + u"/nowhere/credentials"_s);
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, path);
    env.insert(u"AWS_ROLE_ARN"_s, kRole);
    env.insert(u"AWS_ROLE_SESSION_NAME"_s, u"pod-session"_s);
    env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, m_server->url().toString());
    const auto run = cli({ u"list"_s }, env);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("ci/deploy-key"), run.out.constData());
    verifyNothingLeaked(run, token);

    // whoami shows the role session the token was traded for.
    const auto who = cli({ u"whoami"_s }, env);
    QVERIFY2(who.exitCode == 0, who.err.constData());
    QVERIFY2(who.out.contains("assumed-role/ci/pod-session"), who.out.constData());
}

void TestCliWebIdentity::testRefused_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QStringList>("expected");

    TestJwtSigner impostor(m_issuer->kid()); // same kid, another key: the signature is wrong
    QVERIFY(impostor.isValid());
    QTest::newRow("wrong audience")
        << u"ci"_s
        << m_issuer->sign(TestJwtSigner::claims(kIssuer, u"someone-else"_s, u"repo:org/app"_s, 600))
        << QStringList { u"InvalidIdentityToken"_s, u"Incorrect token audience"_s,
                         u"audience (aud)"_s };
    QTest::newRow("expired") << u"ci"_s
                             << m_issuer->sign(TestJwtSigner::claims(kIssuer, kAudience,
                                                                     u"repo:org/app"_s, -120))
                             << QStringList { u"ExpiredTokenException"_s, u"Token expired"_s,
                                              u"has expired"_s, tokenPath() };
    QTest::newRow("wrong signature")
        << u"ci"_s
        << impostor.sign(TestJwtSigner::claims(kIssuer, kAudience, u"repo:org/app"_s, 600))
        << QStringList { u"InvalidIdentityToken"_s, u"could not be validated"_s, tokenPath() };
    QTest::newRow("unknown issuer")
        << u"ci"_s
        << m_issuer->sign(TestJwtSigner::claims(u"https://elsewhere.example"_s, kAudience,
                                                u"repo:org/app"_s, 600))
        << QStringList {
               u"InvalidIdentityToken"_s,
               u"No OpenIDConnect provider found in your account for https://elsewhere.example"_s,
               u"IAM OIDC identity provider exists for the issuer"_s
           };
    QTest::newRow("untrusted role")
        << u"untrusted"_s << validToken()
        << QStringList { u"AccessDenied"_s,
                         u"Not authorized to perform sts:AssumeRoleWithWebIdentity"_s,
                         u"trust policy"_s, kUntrustedRole };
    QTest::newRow("not a JWT") << u"ci"_s << QByteArray("not-a-token")
                               << QStringList { u"InvalidIdentityToken"_s, u"not a valid JWT"_s,
                                                u"does not hold an OIDC ID token"_s };
    QTest::newRow("empty token file")
        << u"ci"_s << QByteArray("\n") << QStringList { tokenPath(), u"is empty"_s };
    QTest::newRow("missing token file")
        << u"missing-token"_s << QByteArray()
        << QStringList { tokenPath() + u".absent"_s, u"does not exist"_s };
}

void TestCliWebIdentity::testRefused()
{
    QFETCH(QString, profile);
    QFETCH(QByteArray, token);
    QFETCH(QStringList, expected);
    QVERIFY(writeFile(tokenPath(), token));
    const auto run = cli({ u"--profile"_s, profile, u"list"_s }, profileEnvironment());
    QVERIFY2(run.exitCode != 0, run.out.constData());
    QVERIFY(!run.out.contains("ci/deploy-key"));
    for (const QString &text : expected)
        QVERIFY2(run.errText().contains(text),
                 qPrintable(u"missing «"_s + text + u"» in: "_s + run.errText()));
    if (token.size() > 20)
        verifyNothingLeaked(run, token);
}

void TestCliWebIdentity::testTokenFileIsReadAgainOnRefresh()
{
    coffer::aws::AwsClient transport;
    const QUrl endpoint = m_server->url();
    auto stsConfig = [endpoint](const coffer::aws::AssumeRoleParams &)
        -> coffer::aws::Result<coffer::aws::ClientConfig> {
        coffer::aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = endpoint;
        config.maxAttempts = 1;
        return config;
    };
    coffer::aws::WebIdentityParams params;
    params.roleArn = kRole;
    params.tokenFile = QDir::homePath() + u"/ci/rotating-token"_s;
    params.roleSessionName = u"rotation"_s;
    coffer::aws::WebIdentityCredentialsProvider provider(
        params, coffer::StsWebIdentityAdapter::make(&transport, stsConfig));
    QObject context;
    const auto fetch = [&]() -> coffer::aws::Result<coffer::aws::AwsCredentials> {
        std::optional<coffer::aws::Result<coffer::aws::AwsCredentials>> answer;
        provider.credentials(&context, [&](coffer::aws::Result<coffer::aws::AwsCredentials> r) {
            answer = std::move(r);
        });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 10000))
            return std::unexpected(coffer::aws::AwsError::cancelled());
        return *answer;
    };

    QVERIFY(writeFile(params.tokenFile, validToken(u"first"_s)));
    const auto first = fetch();
    QVERIFY2(first.has_value(), qPrintable(first ? QString() : first.error().summary()));
    QVERIFY(first->isTemporary() && first->expiration);
    // Cached: the file is not read while the credentials are fresh.
    QVERIFY(writeFile(params.tokenFile, "garbage"));
    const auto cached = fetch();
    QVERIFY(cached.has_value());
    QCOMPARE(cached->accessKeyId, first->accessKeyId);

    // The kubelet replaced the token (here with an expired one): the refresh reads it.
    provider.invalidate();
    QVERIFY(writeFile(params.tokenFile,
                      m_issuer->sign(TestJwtSigner::claims(kIssuer, kAudience, u"second"_s, -60))));
    const auto expired = fetch();
    QVERIFY(!expired.has_value());
    QCOMPARE(expired.error().code, u"ExpiredTokenException"_s);

    // ... and then with a fresh one: new credentials.
    QVERIFY(writeFile(params.tokenFile, validToken(u"third"_s)));
    const auto third = fetch();
    QVERIFY2(third.has_value(), qPrintable(third ? QString() : third.error().summary()));
    QVERIFY(third->accessKeyId != first->accessKeyId);

    // A refresh window longer than the session: every call trades the current token again.
    provider.setRefreshWindow(std::chrono::hours(2));
    QVERIFY(QFile::remove(params.tokenFile));
    const auto gone = fetch();
    QVERIFY(!gone.has_value());
    QVERIFY2(gone.error().message.contains(params.tokenFile), qPrintable(gone.error().message));
}

void TestCliWebIdentity::testCatalogNoLongerReportsWebIdentityProfiles()
{
    const auto run = cli({ u"profile"_s, u"list"_s }, profileEnvironment());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.contains("web-identity") || run.out.contains("Web identity"),
             run.out.constData());
    QVERIFY2(!run.errText().contains(u"does not support"_s), run.err.constData());
}

void TestCliWebIdentity::testServeTakesOidcProvidersFromThePrincipalsFile()
{
    const QString file = QDir::homePath() + u"/ci/principals.json"_s;
    QVERIFY(writeFile(file, principalsFor(m_issuer->jwks())));
    const auto help = cli({ u"serve"_s, u"--help"_s }, coffer::test::environmentWithoutAws());
    QVERIFY(help.out.contains("\"oidcProviders\"")
            && help.out.contains("oidc-provider/token.example"));

    QProcess serve;
    serve.setProcessEnvironment(coffer::test::environmentWithoutAws());
    serve.start(coffer::test::cliPath(),
                { u"serve"_s, u"--ephemeral"_s, u"--port"_s, u"0"_s, u"--principals"_s, file });
    QVERIFY(serve.waitForStarted(10000));
    QByteArray banner;
    while (!banner.contains("http://127.0.0.1:") && serve.waitForReadyRead(20000))
        banner += serve.readAllStandardOutput();
    const qsizetype at = banner.indexOf("http://127.0.0.1:");
    QVERIFY2(at >= 0, serve.readAllStandardError().constData());
    qsizetype end = at;
    while (end < banner.size() && !QChar::isSpace(uchar(banner.at(end))))
        ++end;
    const QUrl url(QString::fromLatin1(banner.mid(at, end - at)));

    const QByteArray token = validToken(u"served"_s);
    const QString path = QDir::homePath() + u"/ci/served-token"_s;
    QVERIFY(writeFile(path, token));
    QProcessEnvironment env = coffer::test::environmentWithoutAws();
    env.insert(u"AWS_CONFIG_FILE"_s, QDir::homePath() + u"/nowhere/config"_s);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, QDir::homePath() + u"/nowhere/credentials"_s);
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, path);
    env.insert(u"AWS_ROLE_ARN"_s, kRole);
    env.insert(u"AWS_ROLE_SESSION_NAME"_s, u"served-session"_s);
    env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
    env.insert(u"AWS_ENDPOINT_URL"_s, url.toString());
    const auto who = cli({ u"whoami"_s }, env);
    serve.terminate();
    QVERIFY(serve.waitForFinished(20000));
    QVERIFY2(who.exitCode == 0, who.err.constData());
    QVERIFY2(who.out.contains("assumed-role/ci/served-session"), who.out.constData());
    verifyNothingLeaked(who, token);
}

QTEST_GUILESS_MAIN(TestCliWebIdentity)
#include "testcliwebidentity.moc"
