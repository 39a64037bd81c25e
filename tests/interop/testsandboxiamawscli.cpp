// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox's IAM enforcement as a client no one here wrote sees it: Debian's AWS CLI
// (/usr/bin/aws) signs with a principal's keys, is allowed under paintbox/ and refused elsewhere
// with AccessDeniedException, assumes a role and reads with the session credentials, runs
// iam simulate-principal-policy, talks HTTPS to a sandbox it trusts through AWS_CA_BUNDLE, and
// assumes a role that requires MFA with --serial-number and a TOTP --token-code computed here
// (a wrong code is refused with AWS's sentence).

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/awsclirolecache.h"
#include "models/policy/policygenerator.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtls.h"
#include "models/sandbox/sandboxtotp.h"
#include "tests/support/processrun.h"

#include <QFileInfo>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;

namespace {

const QString awsCli = u"/usr/bin/aws"_s;

// ("\u002a" is JSON for "*": moc would take a slash-star in a raw string for a comment.)
// The users' policies are not written here: initTestCase() gives them what Coffer's policy
// generator writes for paintbox/ (read; read and list), so the generated policy itself is what
// awscli is allowed or refused by.
const QByteArray principalsFile = R"({
  "users": [{"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001", "secretAccessKey": "app/secret/key/EXAMPLE",
             "policies": [],
             "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/app", "totpSeed": "JBSWY3DPEHPK3PXP"}]},
            {"name": "lister", "accessKeyId": "AKIALISTEXAMPLE00001", "secretAccessKey": "lister/secret/key/EXAMPLE",
             "policies": []}],
  "roles": [{"name": "reader", "trust": ["arn:aws:iam::123456789012:user/app"],
             "policies": [{"Version": "2012-10-17", "Statement": [
               {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/\u002a"}]}]},
            {"name": "guarded", "trust": ["user/app"], "requireMfa": true, "policies": []}]
})";

struct CliRun : coffer::test::ProcessRun
{
    [[nodiscard]] Json json() const { return Json::parse(out.toStdString(), nullptr, false); }
};

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

AwsCredentials appKeys()
{
    AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
    credentials.secretAccessKey = u"app/secret/key/EXAMPLE"_s;
    return credentials;
}

} // namespace

class TestSandboxIamAwsCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    QString m_pixellArn;
    int m_calls = 0;

    CliRun aws(const QStringList &arguments, const AwsCredentials &credentials,
               const QUrl &endpoint = {}, const QString &caBundle = {})
    {
        ++m_calls;
        QProcessEnvironment env = coffer::test::environmentWithoutAws();
        env.insert(u"AWS_ACCESS_KEY_ID"_s, credentials.accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, credentials.secretAccessKey);
        if (!credentials.sessionToken.isEmpty())
            env.insert(u"AWS_SESSION_TOKEN"_s, credentials.sessionToken);
        if (!caBundle.isEmpty())
            env.insert(u"AWS_CA_BUNDLE"_s, caBundle);
        env.insert(u"AWS_DEFAULT_REGION"_s, u"us-east-1"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, u"/dev/null"_s);
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        env.insert(u"AWS_PAGER"_s, QString());
        env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        env.insert(u"AWS_MAX_ATTEMPTS"_s, u"1"_s);
        const QString url = (endpoint.isEmpty() ? m_server->url() : endpoint).toString();
        // This awscli (2.9) predates AWS_ENDPOINT_URL: the endpoint goes on the command line.
        env.insert(u"AWS_ENDPOINT_URL"_s, url);
        // The sandbox answers on this thread: runProcess waits with the event loop running.
        const QStringList common { u"--endpoint-url"_s, url, u"--output"_s, u"json"_s };
        return CliRun{ coffer::test::runProcess(awsCli, common + arguments, env) };
    }

    Json ok(const QStringList &arguments, const AwsCredentials &credentials)
    {
        const CliRun run = aws(arguments, credentials);
        if (run.exitCode != 0)
            qWarning("aws %s failed (%d): %s", qPrintable(arguments.join(u' ')), run.exitCode,
                     run.err.constData());
        return run.exitCode == 0 ? run.json() : Json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(awsCli).isExecutable())
            QSKIP("Debian's awscli is not installed at /usr/bin/aws");
        Json file = Json::parse(principalsFile.toStdString());
        const auto generated = [](coffer::policy::AccessLevels access) {
            coffer::policy::PolicyGeneratorRequest request;
            request.scope.kind = coffer::policy::PolicyScope::Kind::Namespace;
            request.scope.prefix = u"paintbox/"_s;
            request.access = access;
            request.account = u"123456789012"_s;
            request.region = u"us-east-1"_s;
            const auto policy = coffer::policy::PolicyGenerator::identityPolicy(request);
            return policy ? Json::parse(policy->document.dump()) : Json();
        };
        file["users"][0]["policies"].push_back(generated(coffer::policy::AccessLevel::Read));
        file["users"][1]["policies"].push_back(
            generated(coffer::policy::AccessLevel::Read | coffer::policy::AccessLevel::List));
        QVERIFY(!file["users"][0]["policies"][0].is_null());
        const auto principals =
            coffer::sandbox::SandboxPrincipals::fromJson(QByteArray::fromStdString(file.dump()));
        QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
        SandboxServerConfig config;
        principals->applyTo(config);
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->listen());
        auto &store = m_server->store();
        QVERIFY(store.call(u"CreateSecret",
                           { { "Name", "paintbox/dev/config" }, { "SecretString", "{\"a\":1}" } }));
        const auto pixell = store.call(
            u"CreateSecret", { { "Name", "pixell/dev" }, { "SecretString", "{\"DB\":\"x\"}" } });
        QVERIFY(pixell.has_value());
        m_pixellArn = str((*pixell)["ARN"]);
    }

    void cleanupTestCase()
    {
        QVERIFY2(m_calls < 19, qPrintable(u"%1 awscli calls"_s.arg(m_calls)));
        m_server.reset();
    }

    void testAllowedUnderPaintbox()
    {
        const Json value = ok({ u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s,
                                u"paintbox/dev/config"_s },
                              appKeys());
        QCOMPARE(str(value["SecretString"]), u"{\"a\":1}"_s);
    }

    void testRefusedOutsidePaintbox()
    {
        const CliRun refused
            = aws({ u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"pixell/dev"_s },
                  appKeys());
        QVERIFY2(refused.exitCode == 254 || refused.exitCode == 255,
                 qPrintable(QString::number(refused.exitCode)));
        QVERIFY(refused.out.isEmpty());
        // botocore may add "(reached max retries: 0)" between the operation and the message.
        QVERIFY2(refused.err.contains(
                     "An error occurred (AccessDeniedException) when calling the GetSecretValue "
                     "operation"),
                 refused.err.constData());
        const QByteArray message
            = ": User: arn:aws:iam::123456789012:user/app is not authorized to perform: "
              "secretsmanager:GetSecretValue on resource: "_ba
            + m_pixellArn.toUtf8()
            + " because no identity-based policy allows the secretsmanager:GetSecretValue "
              "action\n";
        QVERIFY2(refused.err.contains(message), refused.err.constData());
    }

    void testListSecretsAllowedWhenAskedFor()
    {
        AwsCredentials lister;
        lister.accessKeyId = u"AKIALISTEXAMPLE00001"_s;
        lister.secretAccessKey = u"lister/secret/key/EXAMPLE"_s;
        const Json listed = ok({ u"secretsmanager"_s, u"list-secrets"_s }, lister);
        QVERIFY(listed["SecretList"].is_array());
        QCOMPARE(int(listed["SecretList"].size()), 2);
    }

    void testListSecretsRefused()
    {
        const CliRun refused = aws({ u"secretsmanager"_s, u"list-secrets"_s }, appKeys());
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(
            refused.err.contains("(AccessDeniedException) when calling the ListSecrets operation"),
            refused.err.constData());
        QVERIFY(refused.err.contains("secretsmanager:ListSecrets"));
    }

    void testAssumeRoleAndReadAsTheSession()
    {
        const Json assumed
            = ok({ u"sts"_s, u"assume-role"_s, u"--role-arn"_s,
                   u"arn:aws:iam::123456789012:role/reader"_s, u"--role-session-name"_s,
                   u"cli-session"_s, u"--duration-seconds"_s, u"900"_s },
                 appKeys());
        QCOMPARE(str(assumed["AssumedRoleUser"]["Arn"]),
                 u"arn:aws:sts::123456789012:assumed-role/reader/cli-session"_s);
        QVERIFY(str(assumed["AssumedRoleUser"]["AssumedRoleId"]).endsWith(u":cli-session"_s));
        AwsCredentials session;
        session.accessKeyId = str(assumed["Credentials"]["AccessKeyId"]);
        session.secretAccessKey = str(assumed["Credentials"]["SecretAccessKey"]);
        session.sessionToken = str(assumed["Credentials"]["SessionToken"]);
        QVERIFY(session.accessKeyId.startsWith(u"ASIA"_s));
        QVERIFY(!session.sessionToken.isEmpty());
        const QDateTime expiration
            = QDateTime::fromString(str(assumed["Credentials"]["Expiration"]), Qt::ISODate);
        QVERIFY2(expiration.isValid(), assumed.dump().c_str());
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expiration) - 900) < 60);

        const Json value
            = ok({ u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"pixell/dev"_s },
                 session);
        QCOMPARE(str(value["SecretString"]), u"{\"DB\":\"x\"}"_s);
        const Json identity = ok({ u"sts"_s, u"get-caller-identity"_s }, session);
        QCOMPARE(str(identity["Arn"]),
                 u"arn:aws:sts::123456789012:assumed-role/reader/cli-session"_s);
        QCOMPARE(str(identity["Account"]), u"123456789012"_s);
    }

    void testAssumeRoleWithMfa()
    {
        const QStringList assume { u"sts"_s,
                                   u"assume-role"_s,
                                   u"--role-arn"_s,
                                   u"arn:aws:iam::123456789012:role/guarded"_s,
                                   u"--role-session-name"_s,
                                   u"mfa-session"_s,
                                   u"--serial-number"_s,
                                   u"arn:aws:iam::123456789012:mfa/app"_s,
                                   u"--token-code"_s };
        const QByteArray seed = coffer::sandbox::SandboxTotp::decodeBase32(u"JBSWY3DPEHPK3PXP")
                                    .value_or(QByteArray());
        QVERIFY(!seed.isEmpty());
        // One step of drift is accepted, so awscli's start-up may cross a step boundary.
        const QString code
            = coffer::sandbox::SandboxTotp::code(seed, QDateTime::currentDateTimeUtc());
        const Json assumed = ok(assume + QStringList { code }, appKeys());
        QCOMPARE(str(assumed["AssumedRoleUser"]["Arn"]),
                 u"arn:aws:sts::123456789012:assumed-role/guarded/mfa-session"_s);

        // A wrong code: the two steps either side of now are not accepted.
        const QString wrong = coffer::sandbox::SandboxTotp::code(
            seed, QDateTime::currentDateTimeUtc().addSecs(-120));
        const CliRun refused = aws(assume + QStringList { wrong }, appKeys());
        QVERIFY2(refused.exitCode == 254 || refused.exitCode == 255,
                 qPrintable(QString::number(refused.exitCode)));
        QVERIFY2(refused.err.contains("AccessDenied"), refused.err.constData());
        QVERIFY2(refused.err.contains(
                     "MultiFactorAuthentication failed with invalid MFA one time pass code."),
                 refused.err.constData());
    }

    void testAwsCliUsesTheRoleSessionCofferCached()
    {
        // A session of the MFA role, as Coffer caches it after the user typed the code.
        const QByteArray seed = coffer::sandbox::SandboxTotp::decodeBase32(u"JBSWY3DPEHPK3PXP")
                                    .value_or(QByteArray());
        const Json assumed
            = ok({ u"sts"_s, u"assume-role"_s, u"--role-arn"_s,
                   u"arn:aws:iam::123456789012:role/guarded"_s, u"--role-session-name"_s,
                   u"cached-session"_s, u"--serial-number"_s,
                   u"arn:aws:iam::123456789012:mfa/app"_s, u"--token-code"_s,
                   coffer::sandbox::SandboxTotp::code(seed, QDateTime::currentDateTimeUtc()) },
                 appKeys());
        AwsCredentials session;
        session.accessKeyId = str(assumed["Credentials"]["AccessKeyId"]);
        session.secretAccessKey = str(assumed["Credentials"]["SecretAccessKey"]);
        session.sessionToken = str(assumed["Credentials"]["SessionToken"]);
        session.expiration
            = QDateTime::fromString(str(assumed["Credentials"]["Expiration"]), Qt::ISODate);
        QVERIFY(session.isValid());

        QTemporaryDir home;
        QVERIFY(home.isValid());
        coffer::aws::AssumeRoleParams params;
        params.roleArn = u"arn:aws:iam::123456789012:role/guarded"_s;
        params.mfaSerial = u"arn:aws:iam::123456789012:mfa/app"_s;
        const coffer::aws::AwsCliRoleCache cache(
            coffer::aws::AwsCliRoleCache::defaultDirectory(home.path()));
        QVERIFY(cache.store(params, session));
        QFile config(home.filePath(u"config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        // awscli insists that the source profile has keys; these are unknown to the sandbox, so
        // an AssumeRole signed with them would be refused.
        config.write("[profile app]\nregion = us-east-1\naws_access_key_id = AKIAUNUSEDEXAMPLE001\n"
                     "aws_secret_access_key = unused/EXAMPLE\n\n[profile mfa]\n"
                     "role_arn = arn:aws:iam::123456789012:role/guarded\nsource_profile = app\n"
                     "mfa_serial = arn:aws:iam::123456789012:mfa/app\nregion = us-east-1\n");
        config.close();

        // awscli with only the profile: without the cached session it would ask for the code
        // (and fail, stdin is no terminal).
        ++m_calls;
        QProcessEnvironment env = coffer::test::environmentWithoutAws();
        env.insert(u"HOME"_s, home.path());
        env.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        env.insert(u"AWS_PAGER"_s, QString());
        env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        const CliRun identity { coffer::test::runProcess(
            awsCli,
            { u"--endpoint-url"_s, m_server->url().toString(), u"--output"_s, u"json"_s,
              u"--profile"_s, u"mfa"_s, u"sts"_s, u"get-caller-identity"_s },
            env) };
        QVERIFY2(identity.exitCode == 0,
                 qPrintable(QString::number(identity.exitCode) + u' '
                            + QString::fromUtf8(identity.err.left(400))));
        QCOMPARE(str(identity.json()["Arn"]),
                 u"arn:aws:sts::123456789012:assumed-role/guarded/cached-session"_s);
    }

    void testSimulatePrincipalPolicy()
    {
        const Json simulated = ok(
            { u"iam"_s, u"simulate-principal-policy"_s, u"--policy-source-arn"_s,
              u"arn:aws:iam::123456789012:user/app"_s, u"--action-names"_s,
              u"secretsmanager:GetSecretValue"_s, u"--resource-arns"_s,
              u"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/dev/config-AbCdEf"_s,
              m_pixellArn },
            SandboxServer::demoCredentials());
        const Json &results = simulated["EvaluationResults"];
        QVERIFY2(results.is_array() && results.size() == 2, simulated.dump().c_str());
        QCOMPARE(str(results[0]["EvalDecision"]), u"allowed"_s);
        QCOMPARE(str(results[0]["MatchedStatements"][0]["SourcePolicyType"]), u"user"_s);
        QCOMPARE(str(results[1]["EvalDecision"]), u"implicitDeny"_s);
        QCOMPARE(str(results[1]["EvalResourceName"]), m_pixellArn);
    }

    void testHttpsWithCaBundle()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("Qt was built without TLS support");
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto tls = coffer::sandbox::SandboxTls::generateSelfSigned(
            u"localhost"_s, now.addDays(-1), now.addDays(1));
        QVERIFY(tls.has_value());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString bundle = dir.filePath(u"sandbox.pem"_s);
        QFile file(bundle);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(tls->certificate.toPem());
        file.close();

        SandboxServerConfig config;
        config.tls = *tls;
        config.accountId = u"123456789012"_s;
        SandboxServer secure(config);
        QVERIFY(secure.listen());
        QCOMPARE(secure.url().scheme(), u"https"_s);
        const CliRun identity = aws({ u"sts"_s, u"get-caller-identity"_s },
                                    SandboxServer::demoCredentials(), secure.url(), bundle);
        QVERIFY2(identity.exitCode == 0, identity.err.constData());
        QCOMPARE(str(identity.json()["Account"]), u"123456789012"_s);
    }
};

QTEST_GUILESS_MAIN(TestSandboxIamAwsCli)
#include "testsandboxiamawscli.moc"
