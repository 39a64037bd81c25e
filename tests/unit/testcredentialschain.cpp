// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/credentialschain.h"
#include "models/aws/processcredentialsprovider.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <signal.h>
#include <time.h>

#include <memory>

using namespace Qt::StringLiterals;
using coffer::aws::AssumeRoleParams;
using coffer::aws::AwsCredentials;
using coffer::aws::AwsError;
using coffer::aws::CredentialsChain;
using coffer::aws::CredentialsChainOptions;
using coffer::aws::CredentialsProvider;
using coffer::aws::ErrorKind;
using coffer::aws::MfaCodeRequest;
using coffer::aws::ProcessCredentialsProvider;
using coffer::aws::Result;

namespace {

const char *const AwsVariables[] = {
    "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
};

const QString ProcessSecret = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYPROCESSKEY"_s;

QString dataFile(const QString &name)
{
    return coffer::test::sourceDir() + u"/tests/data/aws-config/"_s + name;
}

QString awsDir()
{
    return QDir::homePath() + u"/.aws"_s;
}

bool writeFile(const QString &path, const QByteArray &content, bool executable = false)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size())
        return false;
    file.close();
    if (executable)
        return file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                   | QFileDevice::ExeOwner);
    return true;
}

int lineCount(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return int(file.readAll().count('\n'));
}

/// A stand-in for StsClient::assumeRole: counts calls, remembers their parameters and answers
/// with credentials valid for one hour from `now`.
struct FakeSts
{
    QList<AssumeRoleParams> calls;
    const QDateTime *now = nullptr;   // the test's clock
    bool asynchronous = false;
    std::optional<AwsError> failure;

    coffer::aws::StsAssumeRoleFunction function()
    {
        return [this](const AssumeRoleParams &params, QObject *context,
                      CredentialsProvider::Callback callback) {
            calls.append(params);
            Result<AwsCredentials> answer;
            if (failure) {
                answer = std::unexpected(*failure);
            } else {
                AwsCredentials credentials;
                const QString role = params.roleArn.section(u'/', -1).toUpper();
                credentials.accessKeyId = u"ASIA"_s + role + QString::number(calls.size());
                credentials.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYROLEKEY"_s;
                credentials.sessionToken = u"ROLETOKEN"_s + QString::number(calls.size());
                credentials.expiration = now->addSecs(3600);
                answer = credentials;
            }
            if (asynchronous)
                QTimer::singleShot(10, context, [callback, answer] { callback(answer); });
            else
                callback(answer);
        };
    }
};

} // namespace

class TestCredentialsChain : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testEnvironmentVariables();
    void testEnvironmentNeedsBothKeys();
    void testExplicitProfileIgnoresEnvironment();
    void testStaticProfiles_data();
    void testStaticProfiles();
    void testProfileNotFound();
    void testNoCredentialsAnywhere();
    void testProfileWithoutCredentials();
    void testHalfKeys();
    void testAssumeRoleIsCachedUntilExpiry();
    void testConcurrentRequestsShareOneCall();
    void testChainedRoles();
    void testRoleConfigurationErrors_data();
    void testRoleConfigurationErrors();
    void testSelfReferenceWithKeys();
    void testCredentialSourceEnvironment();
    void testStsFailureIsPassedOn();
    void testMfaWithoutPrompt();
    void testMfaPrompt();
    void testMfaPromptCancelled();
    void testDestroyedContextGetsNoCallback();
    void testCredentialProcess();
    void testCredentialProcessFailure();
    void testCredentialProcessBadOutput();
    void testCredentialProcessRunsWithoutShell();
    void testCredentialProcessMissingProgram();
    void testCredentialProcessTimeoutStopsItsChildren();
    void testCredentialProcessUnterminatedQuote();
    void testSplitCommandLine_data();
    void testSplitCommandLine();
    void testParseOutput_data();
    void testParseOutput();

private:
    /// Installs test data files as ~/.aws/config and ~/.aws/credentials (HOME is private).
    void install(const QString &config, const QString &credentials);
    void installText(const QByteArray &config, const QByteArray &credentials = {});
    std::shared_ptr<CredentialsChain> chain(const QString &profile = {},
                                            CredentialsChainOptions options = {});
    Result<AwsCredentials> fetch(CredentialsProvider &provider);

    FakeSts m_sts;
    QDateTime m_now;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCredentialsChain::init()
{
    for (const char *var : AwsVariables)
        qunsetenv(var);
    QDir(awsDir()).removeRecursively();
    QVERIFY(QDir().mkpath(awsDir()));
    m_sts = FakeSts();
    // Whole seconds, as ISO 8601 dates in the tests' helpers print them.
    m_now = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    m_sts.now = &m_now;
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCredentialsChain::cleanup()
{
    for (const char *var : AwsVariables)
        qunsetenv(var);
    QDir(awsDir()).removeRecursively();
    m_dir.reset();
}

void TestCredentialsChain::install(const QString &config, const QString &credentials)
{
    if (!config.isEmpty())
        QVERIFY(QFile::copy(dataFile(config), awsDir() + u"/config"_s));
    if (!credentials.isEmpty())
        QVERIFY(QFile::copy(dataFile(credentials), awsDir() + u"/credentials"_s));
}

void TestCredentialsChain::installText(const QByteArray &config, const QByteArray &credentials)
{
    QVERIFY(writeFile(awsDir() + u"/config"_s, config));
    if (!credentials.isEmpty())
        QVERIFY(writeFile(awsDir() + u"/credentials"_s, credentials));
}

std::shared_ptr<CredentialsChain> TestCredentialsChain::chain(const QString &profile,
                                                              CredentialsChainOptions options)
{
    options.profile = profile;
    if (!options.assumeRole)
        options.assumeRole = m_sts.function();
    options.clock = [this] { return m_now; };
    auto chain = CredentialsChain::fromEnvironment(std::move(options));
    if (!chain)
        qFatal("the test's shared files do not parse");
    return *chain;
}

Result<AwsCredentials> TestCredentialsChain::fetch(CredentialsProvider &provider)
{
    auto answer = std::make_shared<std::optional<Result<AwsCredentials>>>();
    provider.credentials(this, [answer](Result<AwsCredentials> result) { *answer = result; });
    if (!QTest::qWaitFor([answer] { return answer->has_value(); }, 20000)) {
        AwsError timeout;
        timeout.kind = ErrorKind::Timeout;
        timeout.message = u"the test waited in vain"_s;
        return std::unexpected(timeout);
    }
    return **answer;
}

void TestCredentialsChain::testEnvironmentVariables()
{
    install(u"config"_s, u"credentials"_s);
    qputenv("AWS_ACCESS_KEY_ID", "AKIDENVEXAMPLE");
    qputenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYENVKEY");
    qputenv("AWS_SESSION_TOKEN", "ENVTOKEN");
    auto c = chain();
    const auto credentials = fetch(*c);
    QVERIFY2(credentials, qPrintable(credentials ? QString() : credentials.error().message));
    QCOMPARE(credentials->accessKeyId, u"AKIDENVEXAMPLE"_s);
    QCOMPARE(credentials->secretAccessKey, u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYENVKEY"_s);
    QCOMPARE(credentials->sessionToken, u"ENVTOKEN"_s);
    QCOMPARE(credentials->source, u"environment variables"_s);
    QCOMPARE(c->description(), u"environment variables"_s);

    // AWS_PROFILE does not turn the variables off (as in the AWS CLI).
    qputenv("AWS_PROFILE", "work");
    auto withProfile = chain();
    QCOMPARE(fetch(*withProfile)->accessKeyId, u"AKIDENVEXAMPLE"_s);
}

void TestCredentialsChain::testEnvironmentNeedsBothKeys()
{
    qputenv("AWS_ACCESS_KEY_ID", "AKIDENVEXAMPLE");
    auto c = chain();
    const auto credentials = fetch(*c);
    QVERIFY(!credentials);
    QCOMPARE(credentials.error().kind, ErrorKind::Configuration);
    QCOMPARE(credentials.error().message,
             u"AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"_s);
}

void TestCredentialsChain::testExplicitProfileIgnoresEnvironment()
{
    install(u"config"_s, u"credentials"_s);
    qputenv("AWS_ACCESS_KEY_ID", "AKIDENVEXAMPLE");
    qputenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYENVKEY");
    qputenv("AWS_PROFILE", "default");
    auto c = chain(u"work"_s);
    QCOMPARE(c->profile().name, u"work"_s);
    QCOMPARE(c->profile().source, u"--profile"_s);
    const auto credentials = fetch(*c);
    QVERIFY(credentials);
    QCOMPARE(credentials->accessKeyId, u"AKIDWORKEXAMPLE"_s);
}

void TestCredentialsChain::testStaticProfiles_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("credentials");
    QTest::addColumn<QString>("accessKeyId");
    QTest::addColumn<QString>("sessionToken");
    QTest::addColumn<QString>("source");

    QTest::newRow("default from credentials")
        << "" << ""_ba << "[default]\naws_access_key_id = AKIDEXAMPLE\n"
                          "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n"_ba
        << "AKIDEXAMPLE" << "" << "profile default in ~/.aws/credentials";
    QTest::newRow("session token")
        << "work" << ""_ba << "[work]\naws_access_key_id = AKIDWORK\n"
                              "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYWORKKEY\n"
                              "aws_session_token = WORKTOKEN\n"_ba
        << "AKIDWORK" << "WORKTOKEN" << "profile work in ~/.aws/credentials";
    QTest::newRow("legacy aws_security_token")
        << "work" << ""_ba << "[work]\naws_access_key_id = AKIDWORK\n"
                              "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYWORKKEY\n"
                              "aws_security_token = OLDTOKEN\n"_ba
        << "AKIDWORK" << "OLDTOKEN" << "profile work in ~/.aws/credentials";
    QTest::newRow("keys in the config file")
        << "cfg" << "[profile cfg]\naws_access_key_id = AKIDCFG\n"
                    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYCFGKEY\n"_ba
        << ""_ba << "AKIDCFG" << "" << "profile cfg in ~/.aws/config";
    QTest::newRow("credentials file beats config file")
        << "both" << "[profile both]\naws_access_key_id = AKIDCFG\n"
                     "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYCFGKEY\n"_ba
        << "[both]\naws_access_key_id = AKIDCRED\n"
           "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYCREDKEY\n"_ba
        << "AKIDCRED" << "" << "profile both in ~/.aws/credentials";
    QTest::newRow("[profile x] tolerated in credentials")
        << "legacy" << ""_ba << "[profile legacy]\naws_access_key_id = AKIDLEGACY\n"
                                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYLEGACYKEY\n"_ba
        << "AKIDLEGACY" << "" << "profile legacy in ~/.aws/credentials";
}

void TestCredentialsChain::testStaticProfiles()
{
    QFETCH(QString, profile);
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, credentials);
    QFETCH(QString, accessKeyId);
    QFETCH(QString, sessionToken);
    QFETCH(QString, source);

    installText(config, credentials);
    if (!profile.isEmpty())
        qputenv("AWS_PROFILE", profile.toUtf8());
    auto c = chain();
    const auto result = fetch(*c);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->accessKeyId, accessKeyId);
    QCOMPARE(result->sessionToken, sessionToken);
    QCOMPARE(result->source, source);
    QCOMPARE(c->description(), source);
    QVERIFY(!c->description().contains(u"wJalr"_s));
    QVERIFY(m_sts.calls.isEmpty());
}

void TestCredentialsChain::testProfileNotFound()
{
    auto c = chain(u"work"_s);
    const auto result = fetch(*c);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::Configuration);
    QCOMPARE(result.error().message,
             u"profile 'work' not found in ~/.aws/config or ~/.aws/credentials (neither file "
             "exists)"_s);
    // The same through AWS_PROFILE.
    install({}, u"credentials"_s);
    qputenv("AWS_PROFILE", "work2");
    const auto viaEnvironment = fetch(*chain());
    QVERIFY(!viaEnvironment);
    QCOMPARE(viaEnvironment.error().message,
             u"profile 'work2' not found in ~/.aws/config or ~/.aws/credentials (~/.aws/config "
             "does not exist)"_s);
}

void TestCredentialsChain::testNoCredentialsAnywhere()
{
    const auto result = fetch(*chain());
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::CredentialsMissing);
    QCOMPARE(result.error().message,
             u"no AWS credentials found: AWS_ACCESS_KEY_ID is not set and there is no profile "
             "'default' in ~/.aws/config or ~/.aws/credentials"_s);
}

void TestCredentialsChain::testProfileWithoutCredentials()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    const auto result = fetch(*chain(u"nothing"_s));
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::CredentialsMissing);
    QCOMPARE(result.error().message,
             u"profile 'nothing' has no credentials: it sets none of aws_access_key_id, "
             "credential_process, role_arn or sso_session in ~/.aws/config or ~/.aws/credentials"_s);
}

void TestCredentialsChain::testHalfKeys()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    const auto result = fetch(*chain(u"half-keys"_s));
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::Configuration);
    QCOMPARE(result.error().message,
             u"~/.aws/config line 68: profile 'half-keys' has aws_access_key_id but no "
             "aws_secret_access_key"_s);
}

void TestCredentialsChain::testAssumeRoleIsCachedUntilExpiry()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    qputenv("AWS_REGION", "eu-north-1");
    auto c = chain(u"admin"_s);

    const auto first = fetch(*c);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message));
    QCOMPARE(m_sts.calls.size(), 1);
    const AssumeRoleParams &params = m_sts.calls.first();
    QCOMPARE(params.roleArn, u"arn:aws:iam::123456789012:role/Admin"_s);
    QCOMPARE(params.externalId, u"coffer-external"_s);
    QCOMPARE(params.roleSessionName, u"coffer-test"_s);
    QCOMPARE(params.durationSeconds, std::optional<int>(1800));
    QCOMPARE(params.region, u"eu-north-1"_s);
    QCOMPARE(params.profile, u"admin"_s);
    QCOMPARE(params.sourceCredentials.accessKeyId, u"AKIDBASEEXAMPLE"_s);
    QVERIFY(params.mfaSerial.isEmpty());
    QCOMPARE(first->accessKeyId, u"ASIAADMIN1"_s);
    QCOMPARE(first->source, u"role arn:aws:iam::123456789012:role/Admin of profile admin, from "
                            "profile base in ~/.aws/credentials"_s);

    // Cached: no second STS call while the credentials have more than five minutes left.
    QCOMPARE(fetch(*c)->accessKeyId, u"ASIAADMIN1"_s);
    m_now = m_now.addSecs(54 * 60);
    QCOMPARE(fetch(*c)->accessKeyId, u"ASIAADMIN1"_s);
    QCOMPARE(m_sts.calls.size(), 1);

    // Close to expiry: renewed.
    m_now = m_now.addSecs(2 * 60);
    QCOMPARE(fetch(*c)->accessKeyId, u"ASIAADMIN2"_s);
    QCOMPARE(m_sts.calls.size(), 2);

    // Rejected by the server: the client invalidates and the next call renews.
    c->invalidate();
    QCOMPARE(fetch(*c)->accessKeyId, u"ASIAADMIN3"_s);
    QCOMPARE(m_sts.calls.size(), 3);
}

void TestCredentialsChain::testConcurrentRequestsShareOneCall()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    m_sts.asynchronous = true;
    auto c = chain(u"admin"_s);
    int answers = 0;
    for (int i = 0; i < 3; ++i) {
        c->credentials(this, [&answers](Result<AwsCredentials> result) {
            QVERIFY(result);
            QCOMPARE(result->accessKeyId, u"ASIAADMIN1"_s);
            ++answers;
        });
    }
    QCOMPARE(answers, 0);
    QTRY_COMPARE(answers, 3);
    QCOMPARE(m_sts.calls.size(), 1);
    // Without a region anywhere, STS is called on its global endpoint.
    QVERIFY(m_sts.calls.first().region.isEmpty());
}

void TestCredentialsChain::testChainedRoles()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    auto c = chain(u"chained"_s);
    const auto result = fetch(*c);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(m_sts.calls.size(), 2);
    QCOMPARE(m_sts.calls[0].roleArn, u"arn:aws:iam::123456789012:role/Admin"_s);
    QCOMPARE(m_sts.calls[0].sourceCredentials.accessKeyId, u"AKIDBASEEXAMPLE"_s);
    QCOMPARE(m_sts.calls[1].roleArn, u"arn:aws:iam::210987654321:role/Reader"_s);
    QCOMPARE(m_sts.calls[1].sourceCredentials.accessKeyId, u"ASIAADMIN1"_s);
    QCOMPARE(m_sts.calls[1].sourceCredentials.sessionToken, u"ROLETOKEN1"_s);
    // No role_session_name: a generated one.
    QVERIFY(m_sts.calls[1].roleSessionName.startsWith(u"coffer-"_s));
    QCOMPARE(result->accessKeyId, u"ASIAREADER2"_s);

    // Both levels cached.
    QVERIFY(fetch(*c));
    QCOMPARE(m_sts.calls.size(), 2);
}

void TestCredentialsChain::testRoleConfigurationErrors_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("message");

    QTest::newRow("no source") << "nosource"
                               << "~/.aws/config line 17: profile 'nosource' has role_arn but neither "
                                  "source_profile nor credential_source";
    QTest::newRow("both sources") << "both"
                                  << "~/.aws/config line 21: profile 'both' has both source_profile and "
                                     "credential_source; keep one";
    QTest::newRow("cycle") << "loop-a" << "source_profile cycle loop-a → loop-b → loop-a";
    QTest::newRow("cycle from the other end") << "loop-b" << "source_profile cycle loop-b → loop-a → loop-b";
    QTest::newRow("self without keys") << "self" << "source_profile cycle self → self";
    QTest::newRow("missing source")
        << "missing-source"
        << "~/.aws/config line 44: source_profile 'nowhere' of profile 'missing-source' not found in "
           "~/.aws/config or ~/.aws/credentials";
    QTest::newRow("bad duration")
        << "bad-duration"
        << "~/.aws/config line 54: duration_seconds must be a number of seconds from 900 to 43200";
    QTest::newRow("ec2 source")
        << "from-ec2"
        << "~/.aws/config line 62: credential_source = Ec2InstanceMetadata in profile 'from-ec2' is "
           "for programs running on AWS; Coffer cannot use it";
    QTest::newRow("environment source without variables")
        << "from-env"
        << "~/.aws/config line 58: profile 'from-env' takes its credentials from the environment "
           "(credential_source = Environment), but AWS_ACCESS_KEY_ID is not set";
}

void TestCredentialsChain::testRoleConfigurationErrors()
{
    QFETCH(QString, profile);
    QFETCH(QString, message);
    install(u"config-roles"_s, u"credentials-roles"_s);
    auto c = chain(profile);
    const auto resolved = c->resolve();
    QVERIFY(!resolved);
    QCOMPARE(resolved.error().message, message);
    const auto result = fetch(*c);
    QVERIFY(!result);
    QCOMPARE(result.error().message, message);
    QVERIFY(m_sts.calls.isEmpty());
}

void TestCredentialsChain::testSelfReferenceWithKeys()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    const auto result = fetch(*chain(u"self-with-keys"_s));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(m_sts.calls.size(), 1);
    QCOMPARE(m_sts.calls.first().roleArn, u"arn:aws:iam::123456789012:role/SelfKeys"_s);
    QCOMPARE(m_sts.calls.first().sourceCredentials.accessKeyId, u"AKIDSELFEXAMPLE"_s);
}

void TestCredentialsChain::testCredentialSourceEnvironment()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    qputenv("AWS_ACCESS_KEY_ID", "AKIDENVEXAMPLE");
    qputenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYENVKEY");
    const auto result = fetch(*chain(u"from-env"_s));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(m_sts.calls.size(), 1);
    QCOMPARE(m_sts.calls.first().sourceCredentials.accessKeyId, u"AKIDENVEXAMPLE"_s);
}

void TestCredentialsChain::testStsFailureIsPassedOn()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    AwsError denied;
    denied.kind = ErrorKind::AccessDenied;
    denied.code = u"AccessDenied"_s;
    denied.message = u"User is not authorized to perform: sts:AssumeRole"_s;
    m_sts.failure = denied;
    auto c = chain(u"admin"_s);
    const auto result = fetch(*c);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::AccessDenied);
    // Failures are not cached.
    m_sts.failure.reset();
    QVERIFY(fetch(*c));
    QCOMPARE(m_sts.calls.size(), 2);
}

void TestCredentialsChain::testMfaWithoutPrompt()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    auto c = chain(u"mfa"_s);
    const auto result = fetch(*c);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::CredentialsMissing);
    QCOMPARE(result.error().code, u"MfaTokenCodeRequired"_s);
    QCOMPARE(result.error().message,
             u"profile 'mfa' needs the current code of MFA device "
             "arn:aws:iam::123456789012:mfa/alice to assume role arn:aws:iam::123456789012:role/Mfa"_s);
    QVERIFY(m_sts.calls.isEmpty());

    c->setMfaTokenCode(u"arn:aws:iam::123456789012:mfa/alice"_s, u"123456"_s);
    const auto retried = fetch(*c);
    QVERIFY2(retried, qPrintable(retried ? QString() : retried.error().message));
    QCOMPARE(m_sts.calls.size(), 1);
    QCOMPARE(m_sts.calls.first().mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);
    QCOMPARE(m_sts.calls.first().mfaTokenCode, u"123456"_s);

    // A code is used once; the cache makes the next call need none.
    QVERIFY(fetch(*c));
    c->invalidate();
    const auto again = fetch(*c);
    QVERIFY(!again);
    QCOMPARE(again.error().code, u"MfaTokenCodeRequired"_s);
}

void TestCredentialsChain::testMfaPrompt()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    QList<MfaCodeRequest> prompts;
    CredentialsChainOptions options;
    options.mfaCode = [&prompts](const MfaCodeRequest &request, QObject *context,
                                 std::function<void(std::optional<QString>)> answer) {
        prompts.append(request);
        QTimer::singleShot(0, context, [answer] { answer(u"654321"_s); });
    };
    const auto result = fetch(*chain(u"mfa"_s, options));
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(prompts.size(), 1);
    QCOMPARE(prompts.first().profile, u"mfa"_s);
    QCOMPARE(prompts.first().mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);
    QCOMPARE(prompts.first().roleArn, u"arn:aws:iam::123456789012:role/Mfa"_s);
    QCOMPARE(m_sts.calls.first().mfaTokenCode, u"654321"_s);
}

void TestCredentialsChain::testMfaPromptCancelled()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    CredentialsChainOptions options;
    options.mfaCode = [](const MfaCodeRequest &, QObject *,
                         std::function<void(std::optional<QString>)> answer) { answer({}); };
    const auto result = fetch(*chain(u"mfa"_s, options));
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::Cancelled);
    QVERIFY(m_sts.calls.isEmpty());
}

void TestCredentialsChain::testDestroyedContextGetsNoCallback()
{
    install(u"config-roles"_s, u"credentials-roles"_s);
    m_sts.asynchronous = true;
    auto c = chain(u"admin"_s);
    bool called = false;
    auto context = std::make_unique<QObject>();
    c->credentials(context.get(), [&called](Result<AwsCredentials>) { called = true; });
    context.reset();
    QTest::qWait(100);
    QVERIFY(!called);
    QCOMPARE(m_sts.calls.size(), 1);
    // The answer was still cached for the next asker.
    QCOMPARE(fetch(*c)->accessKeyId, u"ASIAADMIN1"_s);
    QCOMPARE(m_sts.calls.size(), 1);
}

void TestCredentialsChain::testCredentialProcess()
{
    // A helper in a folder with a space in its name, quoted as the AWS CLI documents it.
    const QString folder = m_dir->filePath(u"my helpers"_s);
    QVERIFY(QDir().mkpath(folder));
    const QString script = folder + u"/get-creds.sh"_s;
    const QString runs = m_dir->filePath(u"runs"_s);
    const QString expiration = m_now.addSecs(3600).toString(Qt::ISODate);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\n"
                      "echo run >> '" + runs.toUtf8() + "'\n"
                      "cat <<EOF\n"
                      "{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESSEXAMPLE\",\n"
                      " \"SecretAccessKey\": \"" + ProcessSecret.toUtf8() + "\",\n"
                      " \"SessionToken\": \"PROCESSTOKEN\", \"Expiration\": \""
                          + expiration.toUtf8() + "\"}\n"
                      "EOF\n",
                      true));
    installText("[profile proc]\ncredential_process = \"" + script.toUtf8() + "\" --profile work\n");

    auto c = chain(u"proc"_s);
    const auto result = fetch(*c);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QCOMPARE(result->accessKeyId, u"ASIAPROCESSEXAMPLE"_s);
    QCOMPARE(result->secretAccessKey, ProcessSecret);
    QCOMPARE(result->sessionToken, u"PROCESSTOKEN"_s);
    QCOMPARE(result->expiration, std::optional<QDateTime>(m_now.addSecs(3600)));
    QCOMPARE(result->source, u"credential_process of profile proc in ~/.aws/config"_s);
    QCOMPARE(lineCount(runs), 1);

    // Cached until shortly before Expiration.
    QVERIFY(fetch(*c));
    QCOMPARE(lineCount(runs), 1);
    m_now = m_now.addSecs(56 * 60);
    QVERIFY(fetch(*c));
    QCOMPARE(lineCount(runs), 2);
}

void TestCredentialsChain::testCredentialProcessFailure()
{
    const QString script = m_dir->filePath(u"fail.sh"_s);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\n"
                      "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESSEXAMPLE\", "
                      "\"SecretAccessKey\": \"" + ProcessSecret.toUtf8() + "\"}'\n"
                      "echo 'helper: something went wrong' >&2\n"
                      "exit 1\n",
                      true));
    installText("[default]\ncredential_process = " + script.toUtf8() + " --secret-arg=hush\n");
    const auto result = fetch(*chain());
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::CredentialsMissing);
    QCOMPARE(result.error().code, u"CredentialProcessFailed"_s);
    QCOMPARE(result.error().message,
             u"credential_process 'fail.sh' of profile default in ~/.aws/config failed with exit "
             "code 1: helper: something went wrong"_s);
    for (const QString &text : {result.error().message, result.error().summary(),
                                result.error().explanation()}) {
        QVERIFY(!text.contains(ProcessSecret));
        QVERIFY(!text.contains(u"ASIAPROCESSEXAMPLE"_s));
        QVERIFY(!text.contains(u"hush"_s));
    }
}

void TestCredentialsChain::testCredentialProcessBadOutput()
{
    const QString script = m_dir->filePath(u"garbage.sh"_s);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\n"
                      "echo 'AccessKeyId=ASIAPROCESSEXAMPLE SecretAccessKey=" + ProcessSecret.toUtf8()
                          + "'\n",
                      true));
    installText("[default]\ncredential_process = " + script.toUtf8() + "\n");
    const auto result = fetch(*chain());
    QVERIFY(!result);
    QCOMPARE(result.error().message,
             u"credential_process 'garbage.sh' did not print a JSON object (profile default in "
             "~/.aws/config)"_s);
    QVERIFY(!result.error().message.contains(ProcessSecret));
}

void TestCredentialsChain::testCredentialProcessRunsWithoutShell()
{
    const QString script = m_dir->filePath(u"args.sh"_s);
    const QString argsFile = m_dir->filePath(u"args"_s);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\n"
                      "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + argsFile.toUtf8() + "'; done\n"
                      "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESSEXAMPLE\", "
                      "\"SecretAccessKey\": \"" + ProcessSecret.toUtf8() + "\"}'\n",
                      true));
    const QByteArray pwned = m_dir->filePath(u"pwned"_s).toUtf8();
    installText("[default]\ncredential_process = " + script.toUtf8() + " 'a; touch " + pwned
                + "' \"$(touch " + pwned + ")\" `touch " + pwned + "` x\\ y | touch " + pwned
                + "\n");
    const auto result = fetch(*chain());
    QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
    QVERIFY(!QFile::exists(QString::fromUtf8(pwned)));

    QFile file(argsFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList args = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    const QString p = QString::fromUtf8(pwned);
    QCOMPARE(args, (QStringList{u"a; touch "_s + p, u"$(touch "_s + p + u')', u"`touch"_s,
                                p + u'`', u"x y"_s, u"|"_s, u"touch"_s, p}));
}

void TestCredentialsChain::testCredentialProcessTimeoutStopsItsChildren()
{
    // A helper that hangs and has started a helper of its own (a browser, a prompt).
    const QString pidFile = m_dir->filePath(u"child.pid"_s);
    const QString script = m_dir->filePath(u"hang.sh"_s);
    QVERIFY(writeFile(script,
                      "#!/bin/sh\n"
                      "sleep 60 &\n"
                      "echo $! > '" + pidFile.toUtf8() + "'\n"
                      "echo 'hang: waiting for you' >&2\n"
                      "wait\n",
                      true));
    ProcessCredentialsProvider provider(script, u"profile hang"_s);
    provider.setTimeout(std::chrono::milliseconds(700));
    const auto result = fetch(provider);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(u"did not answer within"_s), qPrintable(result.error().message));
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t child = pid_t(file.readAll().trimmed().toLongLong());
    QVERIFY(child > 0);
    // The whole group went: the grandchild too (dead or a zombie waiting for init to reap it).
    const auto running = [child] {
        if (::kill(child, 0) != 0)
            return false;
        QFile stat(u"/proc/%1/stat"_s.arg(child));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        return close < 0 || line.mid(close + 2, 1) != "Z";
    };
    QTRY_VERIFY_WITH_TIMEOUT(!running(), 5000);
}

void TestCredentialsChain::testCredentialProcessMissingProgram()
{
    installText("[default]\ncredential_process = /nonexistent/coffer-helper --flag\n");
    const auto result = fetch(*chain());
    QVERIFY(!result);
    QCOMPARE(result.error().code, u"CredentialProcessFailed"_s);
    QVERIFY2(result.error().message.startsWith(
                 u"credential_process 'coffer-helper' of profile default in ~/.aws/config could "
                 "not be started: "_s),
             qPrintable(result.error().message));
}

void TestCredentialsChain::testCredentialProcessUnterminatedQuote()
{
    installText("[default]\nregion = eu-west-1\ncredential_process = \"/opt/helper --flag\n");
    const auto result = fetch(*chain());
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::Configuration);
    QCOMPARE(result.error().message,
             u"~/.aws/config line 3: credential_process of profile 'default' has an unterminated "
             "quote or a trailing backslash"_s);
}

void TestCredentialsChain::testSplitCommandLine_data()
{
    QTest::addColumn<QString>("commandLine");
    QTest::addColumn<QStringList>("words");
    QTest::addColumn<bool>("valid");

    // Expected values are Python's shlex.split(), which the AWS CLI uses.
    QTest::newRow("plain") << "aws-vault export --format=json work"
                           << QStringList{u"aws-vault"_s, u"export"_s, u"--format=json"_s, u"work"_s} << true;
    QTest::newRow("double quotes") << "\"/opt/my tools/creds\" --name \"a b\""
                                   << QStringList{u"/opt/my tools/creds"_s, u"--name"_s, u"a b"_s} << true;
    QTest::newRow("single quotes") << "'single quoted' x" << QStringList{u"single quoted"_s, u"x"_s} << true;
    QTest::newRow("backslash space") << "a\\ b c" << QStringList{u"a b"_s, u"c"_s} << true;
    QTest::newRow("escapes in double quotes") << "\"a\\\"b\" \"c\\d\""
                                              << QStringList{u"a\"b"_s, u"c\\d"_s} << true;
    QTest::newRow("empty argument") << "x \"\" y" << QStringList{u"x"_s, QString(), u"y"_s} << true;
    QTest::newRow("joined parts") << "a\"b c\"d" << QStringList{u"ab cd"_s} << true;
    QTest::newRow("hash is literal") << "cmd # x" << QStringList{u"cmd"_s, u"#"_s, u"x"_s} << true;
    QTest::newRow("surrounding blanks") << "  lead \t trail  " << QStringList{u"lead"_s, u"trail"_s} << true;
    QTest::newRow("shell syntax is literal") << "$(rm -rf /); echo"
                                             << QStringList{u"$(rm"_s, u"-rf"_s, u"/);"_s, u"echo"_s} << true;
    QTest::newRow("unterminated") << "\"open" << QStringList{} << false;
    QTest::newRow("trailing backslash") << "trailing\\" << QStringList{} << false;
}

void TestCredentialsChain::testSplitCommandLine()
{
    QFETCH(QString, commandLine);
    QFETCH(QStringList, words);
    QFETCH(bool, valid);
    const auto split = ProcessCredentialsProvider::splitCommandLine(commandLine);
    QCOMPARE(split.has_value(), valid);
    if (valid)
        QCOMPARE(*split, words);
}

void TestCredentialsChain::testParseOutput_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("error");

    const QByteArray secret = ProcessSecret.toUtf8();
    QTest::newRow("complete")
        << "{\"Version\": 1, \"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"" + secret
               + "\", \"SessionToken\": \"T\", \"Expiration\": \"2030-01-02T03:04:05Z\"}"
        << "";
    QTest::newRow("fractional seconds and offset")
        << "{\"Version\": 1, \"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"" + secret
               + "\", \"Expiration\": \"2030-01-02T05:04:05.123+02:00\"}"
        << "";
    QTest::newRow("no zone is UTC, as botocore reads it")
        << "{\"Version\": 1, \"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"" + secret
               + "\", \"Expiration\": \"2030-01-02T03:04:05\"}"
        << "";
    QTest::newRow("long-term keys") << "{\"Version\": 1, \"AccessKeyId\": \"AKIDX\", \"SecretAccessKey\": \""
                                           + secret + "\"}"
                                    << "";
    QTest::newRow("not json") << "SecretAccessKey=" + secret
                              << "credential_process 'helper' did not print a JSON object";
    QTest::newRow("version 2") << "{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret + "\"}"
                               << "credential_process 'helper' printed JSON without \"Version\": 1";
    QTest::newRow("version as text")
        << "{\"Version\": \"1\", \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret + "\"}"
        << "credential_process 'helper' printed JSON without \"Version\": 1";
    QTest::newRow("no secret") << "{\"Version\": 1, \"AccessKeyId\": \"A\"}"_ba
                               << "credential_process 'helper' printed JSON without \"SecretAccessKey\"";
    QTest::newRow("bad expiration")
        << "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret
               + "\", \"Expiration\": \"tomorrow " + secret + "\"}"
        << "credential_process 'helper' printed an \"Expiration\" that is not an ISO 8601 date";
}

void TestCredentialsChain::testParseOutput()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, error);
    // Far from UTC, so a time read as local time would be nine hours off.
    const QByteArray zone = qgetenv("TZ");
    qputenv("TZ", "JST-9");
    ::tzset();
    const auto parsed = ProcessCredentialsProvider::parseOutput(output, u"helper"_s);
    zone.isNull() ? qunsetenv("TZ") : qputenv("TZ", zone);
    ::tzset();
    if (error.isEmpty()) {
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().message));
        QCOMPARE(parsed->secretAccessKey, ProcessSecret);
        if (parsed->expiration) {
            QCOMPARE(parsed->expiration->timeSpec(), Qt::UTC);
            QCOMPARE(*parsed->expiration,
                     QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5, output.contains(".123") ? 123 : 0),
                               Qt::UTC));
        }
    } else {
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().message, error);
        QVERIFY(!parsed.error().message.contains(ProcessSecret));
    }
}

QTEST_GUILESS_MAIN(TestCredentialsChain)
#include "testcredentialschain.moc"
