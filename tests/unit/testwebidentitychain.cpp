// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Where the credentials chain puts web identity and container credentials, in botocore's order:
// a profile's web_identity_token_file + role_arn, each setting overridden by the
// AWS_WEB_IDENTITY_TOKEN_FILE / AWS_ROLE_ARN / AWS_ROLE_SESSION_NAME variables unless the profile
// was chosen explicitly; role_arn + source_profile first; the profile's own keys after; the
// container endpoint only when nothing else is configured (or for credential_source =
// EcsContainer). The STS call is a fake here: what it is given is what is checked.

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/containercredentialsprovider.h"
#include "models/aws/credentialschain.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/webidentitycredentialsprovider.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AssumeRoleCredentialsProvider;
using coffer::aws::AwsCredentials;
using coffer::aws::ContainerCredentialsProvider;
using coffer::aws::CredentialsChain;
using coffer::aws::CredentialsChainOptions;
using coffer::aws::CredentialsProvider;
using coffer::aws::ErrorKind;
using coffer::aws::Result;
using coffer::aws::StaticCredentialsProvider;
using coffer::aws::WebIdentityCredentialsProvider;
using coffer::aws::WebIdentityParams;

class TestWebIdentityChain final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void testProfileSettings();
    void testEnvironmentOverridesProfileSettings();
    void testEnvironmentIgnoredForExplicitProfile();
    void testEnvironmentWithoutAnyProfile();
    void testRoleWithSourceProfileComesFirst();
    void testWebIdentityProfileAsSourceProfile();
    void testConfigurationErrors_data();
    void testConfigurationErrors();
    void testContainerOnlyWhenNothingElse();
    void testCredentialSourceEcsContainer();

private:
    void writeConfig(const QByteArray &config, const QByteArray &credentials = {});
    [[nodiscard]] QProcessEnvironment environment() const;
    [[nodiscard]] std::shared_ptr<CredentialsChain> chain(const QProcessEnvironment &env,
                                                          const QString &profile = {});
    Result<AwsCredentials> fetch(CredentialsProvider &provider);
    [[nodiscard]] QString tokenFile() const { return m_dir->filePath(u"token"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QList<WebIdentityParams> m_calls;
};

void TestWebIdentityChain::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_calls.clear();
    QFile token(tokenFile());
    QVERIFY(token.open(QIODevice::WriteOnly));
    token.write("header.claims.signature\n");
}

void TestWebIdentityChain::writeConfig(const QByteArray &config, const QByteArray &credentials)
{
    for (const auto &[name, content] :
         { std::pair { u"config"_s, config }, std::pair { u"credentials"_s, credentials } }) {
        QFile file(m_dir->filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray(content).replace("TOKEN", tokenFile().toUtf8()));
    }
}

QProcessEnvironment TestWebIdentityChain::environment() const
{
    QProcessEnvironment env;
    env.insert(u"HOME"_s, m_dir->path());
    env.insert(u"AWS_CONFIG_FILE"_s, m_dir->filePath(u"config"_s));
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir->filePath(u"credentials"_s));
    return env;
}

std::shared_ptr<CredentialsChain> TestWebIdentityChain::chain(const QProcessEnvironment &env,
                                                              const QString &profile)
{
    CredentialsChainOptions options;
    options.profile = profile;
    options.region = u"eu-west-1"_s;
    options.assumeRoleWithWebIdentity = [this](const WebIdentityParams &params, QObject *,
                                               CredentialsProvider::Callback callback) {
        m_calls.append(params);
        AwsCredentials credentials;
        credentials.accessKeyId = u"ASIAWEBIDENTITY%1"_s.arg(m_calls.size());
        credentials.secretAccessKey = u"web/identity/secret"_s;
        credentials.sessionToken = u"session"_s;
        credentials.expiration = QDateTime::currentDateTimeUtc().addSecs(3600);
        callback(credentials);
    };
    options.assumeRole = [](const coffer::aws::AssumeRoleParams &params, QObject *,
                            CredentialsProvider::Callback callback) {
        AwsCredentials credentials;
        credentials.accessKeyId = u"ASIAROLEFROM"_s + params.sourceCredentials.accessKeyId;
        credentials.secretAccessKey = u"role/secret"_s;
        credentials.sessionToken = u"session"_s;
        credentials.expiration = QDateTime::currentDateTimeUtc().addSecs(3600);
        callback(credentials);
    };
    auto files = CredentialsChain::fromEnvironment(options, env);
    if (!files)
        qWarning("%s", qPrintable(files.error().message));
    return files ? *files : nullptr;
}

Result<AwsCredentials> TestWebIdentityChain::fetch(CredentialsProvider &provider)
{
    std::optional<Result<AwsCredentials>> answer;
    QObject context;
    provider.credentials(&context,
                         [&](Result<AwsCredentials> result) { answer = std::move(result); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 5000))
        return std::unexpected(coffer::aws::AwsError::cancelled());
    return *answer;
}

void TestWebIdentityChain::testProfileSettings()
{
    writeConfig("[profile ci]\nweb_identity_token_file = TOKEN\nrole_arn = "
                "arn:aws:iam::123456789012:role/ci\n"
                "role_session_name = job-42\nduration_seconds = 1800\n");
    auto c = chain(environment(), u"ci"_s);
    QVERIFY(c);
    const auto provider = c->resolve();
    QVERIFY2(provider, qPrintable(provider ? QString() : provider.error().message));
    auto *webIdentity = dynamic_cast<WebIdentityCredentialsProvider *>(provider->get());
    QVERIFY(webIdentity);
    QCOMPARE(webIdentity->params().profile, u"ci"_s);
    const auto credentials = fetch(*c);
    QVERIFY(credentials);
    QCOMPARE(m_calls.size(), 1);
    const WebIdentityParams &call = m_calls.first();
    QCOMPARE(call.roleArn, u"arn:aws:iam::123456789012:role/ci"_s);
    QCOMPARE(call.roleSessionName, u"job-42"_s);
    QCOMPARE(call.durationSeconds, std::optional<int>(1800));
    QCOMPARE(call.region, u"eu-west-1"_s);
    QCOMPARE(call.tokenFile, tokenFile());
    QCOMPARE(call.webIdentityToken, u"header.claims.signature"_s); // trimmed
    QVERIFY(credentials->source.contains(u"web identity"_s));
}

void TestWebIdentityChain::testEnvironmentOverridesProfileSettings()
{
    // As botocore: AWS_PROFILE is not an explicit choice, so the variables apply, and win even
    // over the profile's own keys.
    writeConfig("[default]\nregion = eu-west-1\n",
                "[default]\naws_access_key_id = AKIDPROFILEKEY\naws_secret_access_key = s\n");
    QProcessEnvironment env = environment();
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile());
    env.insert(u"AWS_ROLE_ARN"_s, u"arn:aws:iam::123456789012:role/from-env"_s);
    env.insert(u"AWS_ROLE_SESSION_NAME"_s, u"env-session"_s);
    auto c = chain(env);
    QVERIFY(c);
    QVERIFY(fetch(*c));
    QCOMPARE(m_calls.size(), 1);
    QCOMPARE(m_calls.first().roleArn, u"arn:aws:iam::123456789012:role/from-env"_s);
    QCOMPARE(m_calls.first().roleSessionName, u"env-session"_s);
    QVERIFY(m_calls.first().profile.isEmpty());

    // Mixed: the token file from the profile, the role from the variable.
    writeConfig("[profile pod]\nweb_identity_token_file = TOKEN\n");
    env.remove(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s);
    env.insert(u"AWS_PROFILE"_s, u"pod"_s);
    auto mixed = chain(env);
    QVERIFY(mixed);
    QVERIFY(fetch(*mixed));
    QCOMPARE(m_calls.last().roleArn, u"arn:aws:iam::123456789012:role/from-env"_s);
    QCOMPARE(m_calls.last().profile, u"pod"_s);

    // A profile's role_arn without a token file of its own is an assume-role profile, as in
    // botocore: the variable's token does not complete it.
    writeConfig("[profile pod]\nrole_arn = arn:aws:iam::123456789012:role/profile-role\n");
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile());
    auto partial = chain(env);
    QVERIFY(partial);
    const auto refused = partial->resolve();
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"neither source_profile nor credential_source"_s),
             qPrintable(refused.error().message));
}

void TestWebIdentityChain::testEnvironmentIgnoredForExplicitProfile()
{
    writeConfig({}, "[work]\naws_access_key_id = AKIDPROFILEKEY\naws_secret_access_key = s\n");
    QProcessEnvironment env = environment();
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile());
    env.insert(u"AWS_ROLE_ARN"_s, u"arn:aws:iam::123456789012:role/from-env"_s);
    auto c = chain(env, u"work"_s);
    QVERIFY(c);
    const auto provider = c->resolve();
    QVERIFY(provider);
    QVERIFY(dynamic_cast<StaticCredentialsProvider *>(provider->get()));
    QVERIFY(m_calls.isEmpty());
}

void TestWebIdentityChain::testEnvironmentWithoutAnyProfile()
{
    QProcessEnvironment env = environment(); // the files do not exist
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile());
    env.insert(u"AWS_ROLE_ARN"_s, u"arn:aws:iam::123456789012:role/pod"_s);
    auto c = chain(env);
    QVERIFY(c);
    const auto credentials = fetch(*c);
    QVERIFY2(credentials, qPrintable(credentials ? QString() : credentials.error().message));
    QCOMPARE(m_calls.size(), 1);
    QVERIFY(m_calls.first().roleSessionName.startsWith(u"coffer-"_s));
}

void TestWebIdentityChain::testRoleWithSourceProfileComesFirst()
{
    writeConfig(
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = base\n",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = s\n");
    QProcessEnvironment env = environment();
    env.insert(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s, tokenFile());
    env.insert(u"AWS_PROFILE"_s, u"admin"_s);
    auto c = chain(env);
    QVERIFY(c);
    const auto provider = c->resolve();
    QVERIFY(provider);
    QVERIFY(dynamic_cast<AssumeRoleCredentialsProvider *>(provider->get()));
    const auto credentials = fetch(*c);
    QVERIFY(credentials);
    QCOMPARE(credentials->accessKeyId, u"ASIAROLEFROMAKIDBASE"_s);
    QVERIFY(m_calls.isEmpty());
}

void TestWebIdentityChain::testWebIdentityProfileAsSourceProfile()
{
    writeConfig("[profile ci]\nweb_identity_token_file = TOKEN\nrole_arn = "
                "arn:aws:iam::123456789012:role/ci\n"
                "[profile deploy]\nrole_arn = "
                "arn:aws:iam::210987654321:role/deploy\nsource_profile = ci\n");
    auto c = chain(environment(), u"deploy"_s);
    QVERIFY(c);
    const auto provider = c->resolve();
    QVERIFY2(provider, qPrintable(provider ? QString() : provider.error().message));
    auto *role = dynamic_cast<AssumeRoleCredentialsProvider *>(provider->get());
    QVERIFY(role);
    QVERIFY(dynamic_cast<WebIdentityCredentialsProvider *>(role->source().get()));
    const auto credentials = fetch(*c);
    QVERIFY(credentials);
    QCOMPARE(credentials->accessKeyId, u"ASIAROLEFROMASIAWEBIDENTITY1"_s);
    QCOMPARE(m_calls.first().roleArn, u"arn:aws:iam::123456789012:role/ci"_s);
}

void TestWebIdentityChain::testConfigurationErrors_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("message");
    QTest::newRow("no role") << QByteArray("[profile ci]\nweb_identity_token_file = TOKEN\n")
                             << u"line 2: a web identity token file is configured but no role: set "
                                "role_arn in profile 'ci' or AWS_ROLE_ARN"_s;
    QTest::newRow("bad duration")
        << QByteArray(
               "[profile ci]\nweb_identity_token_file = TOKEN\nrole_arn = arn:aws:iam::1:role/r\n"
               "duration_seconds = 60\n")
        << u"line 4: duration_seconds must be a number of seconds from 900 to 43200"_s;
}

void TestWebIdentityChain::testConfigurationErrors()
{
    QFETCH(QByteArray, config);
    QFETCH(QString, message);
    writeConfig(config);
    auto c = chain(environment(), u"ci"_s);
    QVERIFY(c);
    const auto provider = c->resolve();
    QVERIFY(!provider);
    QCOMPARE(provider.error().kind, ErrorKind::Configuration);
    QVERIFY2(provider.error().message.contains(message), qPrintable(provider.error().message));
}

void TestWebIdentityChain::testContainerOnlyWhenNothingElse()
{
    QProcessEnvironment env = environment();
    env.insert(u"AWS_CONTAINER_CREDENTIALS_FULL_URI"_s, u"http://127.0.0.1:1/creds"_s);
    // No files at all: the container.
    auto bare = chain(env);
    QVERIFY(bare);
    const auto container = bare->resolve();
    QVERIFY(container);
    QVERIFY(dynamic_cast<ContainerCredentialsProvider *>(container->get()));
    // A profile with only a region: still the container.
    writeConfig("[default]\nregion = eu-west-1\n");
    auto regionOnly = chain(env);
    QVERIFY(regionOnly);
    QVERIFY(dynamic_cast<ContainerCredentialsProvider *>(regionOnly->resolve()->get()));
    // The profile's keys win over it.
    writeConfig({}, "[default]\naws_access_key_id = AKIDPROFILEKEY\naws_secret_access_key = s\n");
    auto keys = chain(env);
    QVERIFY(keys);
    QVERIFY(dynamic_cast<StaticCredentialsProvider *>(keys->resolve()->get()));
}

void TestWebIdentityChain::testCredentialSourceEcsContainer()
{
    writeConfig("[profile task]\nrole_arn = arn:aws:iam::123456789012:role/task\n"
                "credential_source = EcsContainer\n");
    auto missing = chain(environment(), u"task"_s);
    QVERIFY(missing);
    const auto refused = missing->resolve();
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, ErrorKind::CredentialsMissing);
    QVERIFY2(refused.error().message.contains(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s),
             qPrintable(refused.error().message));

    QProcessEnvironment env = environment();
    env.insert(u"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"_s, u"/v2/credentials/abc"_s);
    auto c = chain(env, u"task"_s);
    QVERIFY(c);
    const auto provider = c->resolve();
    QVERIFY2(provider, qPrintable(provider ? QString() : provider.error().message));
    auto *role = dynamic_cast<AssumeRoleCredentialsProvider *>(provider->get());
    QVERIFY(role);
    auto *source = dynamic_cast<ContainerCredentialsProvider *>(role->source().get());
    QVERIFY(source);
    QCOMPARE(source->endpoint().url, QUrl(u"http://169.254.170.2/v2/credentials/abc"_s));
}

QTEST_GUILESS_MAIN(TestWebIdentityChain)
#include "testwebidentitychain.moc"
