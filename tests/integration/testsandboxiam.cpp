// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// IAM in the sandbox, through Coffer's real clients over HTTP: a user whose policy reads
// paintbox/* reads there and is refused elsewhere with AWS's exact sentence, ListSecrets is
// refused, an explicit deny in a resource or identity policy wins, a KMS key the user may not
// use refuses the value, AssumeRole hands out session credentials that work (and expire), and
// SimulatePrincipalPolicy answers with the evaluator's decisions.

#include "models/aws/awsclient.h"
#include "models/aws/iamclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"
#include "models/sandbox/sandboxauthorizer.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <optional>

using namespace Qt::StringLiterals;
using namespace coffer;
using aws::AwsCredentials;
using aws::ErrorKind;
using aws::Result;
using sandbox::Json;

namespace {

const QString account = u"123456789012"_s;
const QString arnPrefix = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:"_s;
const QString appArn = u"arn:aws:iam::123456789012:user/app"_s;
const QString kmsKeyArn
    = u"arn:aws:kms:us-east-1:123456789012:key/0b7c1b4e-5e0a-4c38-9f5c-2f8a1d1e0c11"_s;

// The policies are written by hand, as a user would: read paintbox/*, deny one admin corner.
// ("\u002a" is JSON for "*": moc would take a slash-star in a raw string for a comment.)
const QByteArray principalsFile = R"({
  "users": [
    {"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001", "secretAccessKey": "app/secret/key/EXAMPLE",
     "policies": [
       {"name": "app-read", "document": {
         "Version": "2012-10-17",
         "Statement": [
           {"Sid": "ReadPaintbox", "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                       "secretsmanager:PutSecretValue"],
            "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/\u002a"},
           {"Sid": "AssumeAnyRole", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}
         ]}},
       {"name": "app-guard", "document": {
         "Version": "2012-10-17",
         "Statement": {"Sid": "NoAdminSecrets", "Effect": "Deny", "Action": "secretsmanager:*",
                       "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/admin/\u002a"}}}
     ]},
    {"name": "auditor", "accessKeyId": "AKIAAUDITOREXAMPLE01", "secretAccessKey": "auditor/secret/EXAMPLE",
     "policies": [{"Version": "2012-10-17",
                   "Statement": [{"Effect": "Allow", "Action": "iam:SimulatePrincipalPolicy", "Resource": "*"}]}]}
  ],
  "roles": [
    {"name": "reader", "trust": ["user/app"],
     "policies": [{"Version": "2012-10-17", "Id": "reader-policy",
                   "Statement": [{"Effect": "Allow",
                                  "Action": ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"],
                                  "Resource": ["arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/\u002a"]},
                                 {"Effect": "Allow", "Action": "secretsmanager:BatchGetSecretValue", "Resource": "*"}]}]}
  ],
  "kmsKeys": [
    {"id": "0b7c1b4e-5e0a-4c38-9f5c-2f8a1d1e0c11", "allow": ["role/reader"]}
  ]
})";

AwsCredentials keys(const QString &id, const QString &secret)
{
    AwsCredentials credentials;
    credentials.accessKeyId = id;
    credentials.secretAccessKey = secret;
    credentials.source = u"test"_s;
    return credentials;
}

const AwsCredentials appKeys = keys(u"AKIAAPPEXAMPLE000001"_s, u"app/secret/key/EXAMPLE"_s);
const AwsCredentials auditorKeys = keys(u"AKIAAUDITOREXAMPLE01"_s, u"auditor/secret/EXAMPLE"_s);

/// Runs one asynchronous client call to its end.
template<typename T, typename Start> Result<T> await(Start start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    start([&](Result<T> answer) {
        result = std::move(answer);
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!result)
        return std::unexpected(aws::AwsError::protocolError(u"no answer within 20 s"_s));
    return std::move(*result);
}

QString deniedText(const QString &caller, const QString &action, const QString &resource)
{
    return u"User: %1 is not authorized to perform: %2 on resource: %3 because no identity-based "
           u"policy allows "
           "the %2 action"_s.arg(caller, action, resource);
}

} // namespace

class TestSandboxIam final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    aws::AwsClient *m_transport = nullptr;
    QHash<QString, QString> m_arns; ///< secret name -> ARN

    aws::ClientConfig configFor(const AwsCredentials &credentials) const
    {
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = m_server->url();
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(credentials);
        config.maxAttempts = 1;
        config.transferTimeout = std::chrono::seconds(10);
        return config;
    }

    Result<aws::SecretValue> read(const AwsCredentials &credentials, const QString &secretId)
    {
        aws::SecretsManagerClient client(m_transport, configFor(credentials));
        aws::GetSecretValueRequest request;
        request.secretId = secretId;
        return await<aws::SecretValue>(
            [&](auto done) { client.getSecretValue(request, this, done); });
    }

    void create(const QString &name, const QString &value, const QString &kmsKeyId = {},
                const QString &resourcePolicy = {})
    {
        Json request = { { "Name", name.toStdString() }, { "SecretString", value.toStdString() } };
        if (!kmsKeyId.isEmpty())
            request["KmsKeyId"] = kmsKeyId.toStdString();
        const auto created = m_server->store().call(u"CreateSecret", request);
        QVERIFY(created.has_value());
        m_arns.insert(name, QString::fromStdString((*created)["ARN"].get<std::string>()));
        if (!resourcePolicy.isEmpty()) {
            QVERIFY(m_server->store()
                        .call(u"PutResourcePolicy",
                              { { "SecretId", name.toStdString() },
                                { "ResourcePolicy", resourcePolicy.toStdString() } })
                        .has_value());
        }
    }

    Result<aws::AssumeRoleResult> assumeReader(const AwsCredentials &credentials,
                                               const QString &session,
                                               std::optional<int> duration = std::nullopt)
    {
        aws::StsClient sts(m_transport, configFor(credentials));
        aws::AssumeRoleRequest request;
        request.roleArn = u"arn:aws:iam::123456789012:role/reader"_s;
        request.roleSessionName = session;
        request.durationSeconds = duration;
        return await<aws::AssumeRoleResult>(
            [&](auto done) { sts.assumeRole(request, this, done); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto principals = sandbox::SandboxPrincipals::fromJson(principalsFile);
        QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
        QCOMPARE(principals->principals.size(), 3);
        QCOMPARE(principals->kmsKeys.first().arn, kmsKeyArn);
        sandbox::SandboxServerConfig config;
        principals->applyTo(config);
        m_server = std::make_unique<sandbox::SandboxServer>(config);
        QVERIFY(m_server->listen());
        m_transport = new aws::AwsClient(this);

        create(u"paintbox/production/jwt/public-keys"_s, u"{\"keys\":[]}"_s);
        create(u"paintbox/staging/config"_s, u"{\"debug\":true}"_s);
        create(u"paintbox/admin/root-token"_s, u"t0ken"_s);
        create(u"paintbox/locked"_s, u"locked"_s, {},
               uR"({"Version": "2012-10-17", "Statement": [{"Sid": "NotTheApp", "Effect": "Deny",
                    "Principal": {"AWS": "arn:aws:iam::123456789012:user/app"},
                    "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})"_s);
        create(u"paintbox/kms-protected"_s, u"behind a key"_s, kmsKeyArn);
        create(u"pixell/dev"_s, u"{\"DB_HOST\":\"db\"}"_s);
        create(u"pixell/prod"_s, u"{\"DB_HOST\":\"prod-db\"}"_s,
               u"0b7c1b4e-5e0a-4c38-9f5c-2f8a1d1e0c11"_s);
    }

    void cleanupTestCase() { m_server.reset(); }

    void testReadsUnderItsPrefix()
    {
        const auto value = read(appKeys, u"paintbox/production/jwt/public-keys"_s);
        QVERIFY2(value.has_value(), qPrintable(value ? QString() : value.error().summary()));
        QCOMPARE(value->secretString.value_or(QString()), u"{\"keys\":[]}"_s);
        // By ARN too, and DescribeSecret is allowed by the same statement.
        QVERIFY(read(appKeys, m_arns.value(u"paintbox/staging/config"_s)).has_value());
        aws::SecretsManagerClient client(m_transport, configFor(appKeys));
        const auto described = await<aws::SecretMetadata>(
            [&](auto done) { client.describeSecret(u"paintbox/staging/config"_s, this, done); });
        QVERIFY(described.has_value());
    }

    void testRefusedElsewhere_data()
    {
        QTest::addColumn<QString>("secretId");
        QTest::addColumn<QString>("resource");
        QTest::newRow("other project") << u"pixell/dev"_s << m_arns.value(u"pixell/dev"_s);
        QTest::newRow("by ARN") << m_arns.value(u"pixell/dev"_s) << m_arns.value(u"pixell/dev"_s);
        // A secret that does not exist is refused, not reported missing: nothing leaks.
        QTest::newRow("missing") << u"sophon/prod/auth/jwt-keys"_s
                                 << arnPrefix + u"sophon/prod/auth/jwt-keys"_s;
    }

    void testRefusedElsewhere()
    {
        QFETCH(QString, secretId);
        QFETCH(QString, resource);
        const auto value = read(appKeys, secretId);
        QVERIFY(!value.has_value());
        QCOMPARE(value.error().kind, ErrorKind::AccessDenied);
        QCOMPARE(value.error().code, u"AccessDeniedException"_s);
        QCOMPARE(value.error().httpStatus, 400);
        QCOMPARE(value.error().message,
                 deniedText(appArn, u"secretsmanager:GetSecretValue"_s, resource));
    }

    void testListSecretsRefused()
    {
        aws::SecretsManagerClient client(m_transport, configFor(appKeys));
        const auto listed = await<aws::ListSecretsResult>(
            [&](auto done) { client.listSecrets(aws::ListSecretsRequest {}, this, done); });
        QVERIFY(!listed.has_value());
        QCOMPARE(listed.error().code, u"AccessDeniedException"_s);
        QCOMPARE(listed.error().message,
                 u"User: arn:aws:iam::123456789012:user/app is not authorized to perform: "
                 u"secretsmanager:ListSecrets "
                 "because no identity-based policy allows the secretsmanager:ListSecrets action"_s);
        // The root keys still see everything.
        aws::SecretsManagerClient root(m_transport,
                                       configFor(sandbox::SandboxServer::demoCredentials()));
        const auto all = await<aws::ListSecretsResult>(
            [&](auto done) { root.listSecrets(aws::ListSecretsRequest {}, this, done); });
        QVERIFY(all.has_value());
        QCOMPARE(all->secretList.size(), 7);
    }

    void testExplicitDenyWins_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("where");
        QTest::newRow("resource policy") << u"paintbox/locked"_s << u"a resource-based policy"_s;
        QTest::newRow("identity policy")
            << u"paintbox/admin/root-token"_s << u"an identity-based policy"_s;
    }

    void testExplicitDenyWins()
    {
        QFETCH(QString, name);
        QFETCH(QString, where);
        const auto value = read(appKeys, name);
        QVERIFY(!value.has_value());
        QCOMPARE(value.error().code, u"AccessDeniedException"_s);
        QCOMPARE(value.error().message,
                 u"User: %1 is not authorized to perform: secretsmanager:GetSecretValue on "
                 u"resource: %2 with an "
                 "explicit deny in %3"_s.arg(appArn, m_arns.value(name), where));
    }

    void testKmsKeyNotAllowed()
    {
        // IAM allows paintbox/*, but the key only lets the reader role use it.
        const auto value = read(appKeys, u"paintbox/kms-protected"_s);
        QVERIFY(!value.has_value());
        QCOMPARE(value.error().kind, ErrorKind::AccessDenied);
        QCOMPARE(value.error().code, u"AccessDeniedException"_s);
        QCOMPARE(value.error().message, u"Access to KMS is not allowed"_s);

        aws::SecretsManagerClient client(m_transport, configFor(appKeys));
        aws::PutSecretValueRequest put;
        put.secretId = u"paintbox/kms-protected"_s;
        put.secretString = u"new"_s;
        const auto written = await<aws::PutSecretValueResult>(
            [&](auto done) { client.putSecretValue(put, this, done); });
        QVERIFY(!written.has_value());
        QCOMPARE(written.error().message, u"Access to KMS is not allowed"_s);
        // Without a key of the sandbox's list, writing is only a matter of IAM.
        put.secretId = u"paintbox/staging/config"_s;
        QVERIFY(await<aws::PutSecretValueResult>([&](auto done) {
                    client.putSecretValue(put, this, done);
                }).has_value());
    }

    void testAssumeRoleThenRead()
    {
        const auto assumed = assumeReader(appKeys, u"coffer-test"_s);
        QVERIFY2(assumed.has_value(), qPrintable(assumed ? QString() : assumed.error().summary()));
        QVERIFY(assumed->credentials.accessKeyId.startsWith(u"ASIA"_s));
        QVERIFY(!assumed->credentials.sessionToken.isEmpty());
        QVERIFY(assumed->credentials.expiration.has_value());
        const qint64 lifetime
            = QDateTime::currentDateTimeUtc().secsTo(*assumed->credentials.expiration);
        QVERIFY2(lifetime > 3500 && lifetime <= 3600, qPrintable(QString::number(lifetime)));
        const QString sessionArn = u"arn:aws:sts::123456789012:assumed-role/reader/coffer-test"_s;
        QCOMPARE(assumed->assumedRoleArn, sessionArn);

        // The session reads what the role may read, through the KMS key the role may use.
        const auto value = read(assumed->credentials, u"pixell/prod"_s);
        QVERIFY2(value.has_value(), qPrintable(value ? QString() : value.error().summary()));
        QCOMPARE(value->secretString.value_or(QString()), u"{\"DB_HOST\":\"prod-db\"}"_s);
        // ...and nothing else, refused in the session's name.
        const auto refused = read(assumed->credentials, u"paintbox/staging/config"_s);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().message,
                 deniedText(sessionArn, u"secretsmanager:GetSecretValue"_s,
                            m_arns.value(u"paintbox/staging/config"_s)));

        // BatchGetSecretValue: the values it may not read come back as errors.
        aws::SecretsManagerClient client(m_transport, configFor(assumed->credentials));
        aws::BatchGetSecretValueRequest batch;
        batch.secretIdList = { u"pixell/dev"_s, u"paintbox/staging/config"_s };
        const auto values = await<aws::BatchGetSecretValueResult>(
            [&](auto done) { client.batchGetSecretValue(batch, this, done); });
        QVERIFY2(values.has_value(), qPrintable(values ? QString() : values.error().summary()));
        QCOMPARE(values->secretValues.size(), 1);
        QCOMPARE(values->secretValues.first().name, u"pixell/dev"_s);
        QCOMPARE(values->errors.size(), 1);
        QCOMPARE(values->errors.first().error.code, u"AccessDeniedException"_s);
    }

    void testGetCallerIdentity_data()
    {
        QTest::addColumn<bool>("session");
        QTest::addColumn<QString>("arn");
        QTest::addColumn<QString>("userIdPrefix");
        QTest::newRow("user") << false << appArn << u"AIDA"_s;
        QTest::newRow("assumed role")
            << true << u"arn:aws:sts::123456789012:assumed-role/reader/whoami"_s << u"AROA"_s;
    }

    void testGetCallerIdentity()
    {
        QFETCH(bool, session);
        QFETCH(QString, arn);
        QFETCH(QString, userIdPrefix);
        AwsCredentials credentials = appKeys;
        if (session) {
            const auto assumed = assumeReader(appKeys, u"whoami"_s);
            QVERIFY(assumed.has_value());
            credentials = assumed->credentials;
        }
        aws::StsClient sts(m_transport, configFor(credentials));
        const auto identity
            = await<aws::CallerIdentity>([&](auto done) { sts.getCallerIdentity(this, done); });
        QVERIFY2(identity.has_value(),
                 qPrintable(identity ? QString() : identity.error().summary()));
        QCOMPARE(identity->arn, arn);
        QCOMPARE(identity->account, account);
        QVERIFY(identity->userId.startsWith(userIdPrefix));
        if (session)
            QVERIFY(identity->userId.endsWith(u":whoami"_s));
    }

    void testAssumeRoleRefused()
    {
        const auto refused = assumeReader(auditorKeys, u"not-trusted"_s);
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().kind, ErrorKind::AccessDenied);
        QCOMPARE(refused.error().code, u"AccessDenied"_s);
        QCOMPARE(refused.error().httpStatus, 403);
        QCOMPARE(refused.error().message,
                 u"User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: "
                 u"sts:AssumeRole on "
                 "resource: arn:aws:iam::123456789012:role/reader"_s);
        const auto tooLong = assumeReader(appKeys, u"long"_s, 7200);
        QVERIFY(!tooLong.has_value());
        QCOMPARE(tooLong.error().code, u"ValidationError"_s);
    }

    void testSessionExpires()
    {
        const auto assumed = assumeReader(appKeys, u"short"_s, 900);
        QVERIFY(assumed.has_value());
        QVERIFY(read(assumed->credentials, u"pixell/dev"_s).has_value());
        sandbox::SandboxFaults faults;
        faults.clockOffset = std::chrono::seconds(960); // past the expiry, within the allowed skew
        m_server->setFaults(faults);
        const auto expired = read(assumed->credentials, u"pixell/dev"_s);
        m_server->setFaults({});
        QVERIFY(!expired.has_value());
        QCOMPARE(expired.error().kind, ErrorKind::ExpiredToken);
    }

    void testSimulatePrincipalPolicy_data()
    {
        QTest::addColumn<bool>("asRoot");
        QTest::newRow("root") << true;
        QTest::newRow("allowed user") << false;
    }

    void testSimulatePrincipalPolicy()
    {
        QFETCH(bool, asRoot);
        aws::IamClient iam(
            m_transport,
            configFor(asRoot ? sandbox::SandboxServer::demoCredentials() : auditorKeys));
        aws::SimulatePrincipalPolicyRequest request;
        request.policySourceArn = appArn;
        request.actionNames = { u"secretsmanager:GetSecretValue"_s };
        request.resourceArns
            = { m_arns.value(u"paintbox/staging/config"_s), m_arns.value(u"pixell/dev"_s),
                m_arns.value(u"paintbox/admin/root-token"_s) };
        const auto simulated = await<aws::SimulatePrincipalPolicyResult>(
            [&](auto done) { iam.simulatePrincipalPolicy(request, this, done); });
        QVERIFY2(simulated.has_value(),
                 qPrintable(simulated ? QString() : simulated.error().summary()));
        QCOMPARE(simulated->evaluationResults.size(), 3);
        const aws::EvaluationResult &allowed = simulated->evaluationResults.at(0);
        QCOMPARE(allowed.evalActionName, u"secretsmanager:GetSecretValue"_s);
        QCOMPARE(allowed.evalResourceName, m_arns.value(u"paintbox/staging/config"_s));
        QCOMPARE(allowed.evalDecision, u"allowed"_s);
        QCOMPARE(allowed.matchedStatements.size(), 1);
        QCOMPARE(allowed.matchedStatements.first().sourcePolicyId, u"app-read"_s);
        QCOMPARE(allowed.matchedStatements.first().sourcePolicyType, u"user"_s);
        QVERIFY(allowed.matchedStatements.first().startPosition.line > 1);
        QVERIFY(allowed.matchedStatements.first().endPosition.line
                > allowed.matchedStatements.first().startPosition.line);
        QCOMPARE(simulated->evaluationResults.at(1).evalDecision, u"implicitDeny"_s);
        QVERIFY(simulated->evaluationResults.at(1).matchedStatements.isEmpty());
        QCOMPARE(simulated->evaluationResults.at(2).evalDecision, u"explicitDeny"_s);
        QCOMPARE(simulated->evaluationResults.at(2).matchedStatements.first().sourcePolicyId,
                 u"app-guard"_s);
    }

    void testSimulateNeedsPermission()
    {
        aws::IamClient iam(m_transport, configFor(appKeys));
        aws::SimulatePrincipalPolicyRequest request;
        request.policySourceArn = appArn;
        request.actionNames = { u"secretsmanager:GetSecretValue"_s };
        const auto refused = await<aws::SimulatePrincipalPolicyResult>(
            [&](auto done) { iam.simulatePrincipalPolicy(request, this, done); });
        QVERIFY(!refused.has_value());
        QCOMPARE(refused.error().kind, ErrorKind::AccessDenied);
        QCOMPARE(refused.error().message,
                 deniedText(appArn, u"iam:SimulatePrincipalPolicy"_s, appArn));
    }

    void testPrincipalsFileErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("bad policy")
            << QByteArray(R"({"users": [{"name": "app", "accessKeyId": "AKIAAPPEXAMPLE000001",
            "secretAccessKey": "x", "policies": [{"Statement": [{"Action": "s3:*", "Resource": "*"}]}]}]})")
            << u"users[0] (app).policies[0]: "_s;
        QTest::newRow("unknown member")
            << QByteArray(R"({"groups": []})") << u"unknown member \"groups\""_s;
        QTest::newRow("bad trust") << QByteArray(R"({"roles": [{"name": "r", "trust": ["bob"]}]})")
                                   << u"roles[0] (r).trust: \"bob\""_s;
        QTest::newRow("no key id")
            << QByteArray(R"({"kmsKeys": [{"allow": ["*"]}]})") << u"kmsKeys[0]: "_s;
        QTest::newRow("not json") << QByteArray("{") << u"not valid JSON"_s;
    }

    void testPrincipalsFileErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const auto parsed = sandbox::SandboxPrincipals::fromJson(json);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
    }
};

QTEST_GUILESS_MAIN(TestSandboxIam)
#include "testsandboxiam.moc"
