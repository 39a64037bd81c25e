// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsclient.h"
#include "models/aws/iamclient.h"
#include "models/aws/sigv4signer.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"
#include "tests/support/scriptedhttpserver.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace coffer::aws;
using coffer::test::ScriptedHttpServer;

namespace {

const QString kAccessKey = u"AKIDEXAMPLE"_s;
const QString kSecretKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;

AwsCredentials testCredentials()
{
    AwsCredentials credentials;
    credentials.accessKeyId = kAccessKey;
    credentials.secretAccessKey = kSecretKey;
    return credentials;
}

template<typename T, typename Start>
Result<T> await(Start start, int timeoutMs = 10000)
{
    std::optional<Result<T>> outcome;
    QObject context;
    start(&context, [&outcome](Result<T> result) { outcome = std::move(result); });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, timeoutMs))
        return std::unexpected(AwsError::protocolError(u"test: no answer in time"_s));
    return std::move(*outcome);
}

/// The form body as name -> value, decoded.
QMultiMap<QString, QString> formOf(const QByteArray &body)
{
    QMultiMap<QString, QString> form;
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        form.insert(QUrl::fromPercentEncoding(pair.left(equals)),
                    QUrl::fromPercentEncoding(pair.mid(equals + 1)));
    }
    return form;
}

bool signatureIsValid(const ScriptedHttpServer::Request &recorded, const QString &region,
                      const QString &service)
{
    HttpRequest request;
    request.method = recorded.method;
    request.path = recorded.target;
    request.headers = recorded.headers;
    request.body = recorded.body;
    const auto verified = SigV4Signer(region, service).verify(
        request,
        [](const QString &keyId) -> std::optional<AwsCredentials> {
            if (keyId == kAccessKey)
                return testCredentials();
            return std::nullopt;
        },
        QDateTime::currentDateTimeUtc());
    if (!verified)
        qWarning() << "signature check:" << verified.error().summary();
    return bool(verified);
}

} // namespace

class TestAwsClientQuery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void testGetCallerIdentity();
    void testAssumeRole();
    void testAssumeRoleIncompleteCredentials();
    void testStsErrorDocument_data();
    void testStsErrorDocument();
    void testStsThrottlingIsRetried();
    void testSimulatePrincipalPolicy();
    void testSimulateFollowsMarker();
    void testIamSignsForUsEast1();

private:
    ClientConfig config(const QString &region) const;

    ScriptedHttpServer *m_server = nullptr;
    AwsClient *m_transport = nullptr;
};

// moc stops at multi-line raw strings it cannot follow: keep them below the class.
namespace {

const QByteArray kCallerIdentity = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/support</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>)"_ba;

const QByteArray kAssumeRole = R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/secrets-reader/coffer</Arn>
      <AssumedRoleId>AROA3XFRBF535PLBIFPI4:coffer</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW</SessionToken>
      <Expiration>2026-07-15T23:28:33.359Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>)"_ba;

QByteArray simulationPage(const QByteArray &action, const QByteArray &decision, bool truncated,
                          const QByteArray &marker = {})
{
    return R"(<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <SimulatePrincipalPolicyResult>
    <IsTruncated>)"_ba + (truncated ? "true"_ba : "false"_ba) + R"(</IsTruncated>)"_ba
           + (marker.isEmpty() ? QByteArray() : "<Marker>"_ba + marker + "</Marker>"_ba) + R"(
    <EvaluationResults>
      <member>
        <EvalResourceName>arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/prod-AbCdEf</EvalResourceName>
        <EvalActionName>)"_ba + action + R"(</EvalActionName>
        <EvalDecision>)"_ba + decision + R"(</EvalDecision>
        <MatchedStatements>
          <member>
            <SourcePolicyId>read-secrets</SourcePolicyId>
            <SourcePolicyType>user</SourcePolicyType>
            <StartPosition><Line>3</Line><Column>5</Column></StartPosition>
            <EndPosition><Line>9</Line><Column>6</Column></EndPosition>
          </member>
        </MatchedStatements>
        <MissingContextValues>
          <member>aws:SourceIp</member>
        </MissingContextValues>
        <EvalDecisionDetails>
          <entry><key>IAM Policy</key><value>)"_ba + decision + R"(</value></entry>
        </EvalDecisionDetails>
        <OrganizationsDecisionDetail><AllowedByOrganizations>true</AllowedByOrganizations></OrganizationsDecisionDetail>
        <ResourceSpecificResults>
          <member>
            <EvalResourceName>arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/prod-AbCdEf</EvalResourceName>
            <EvalResourceDecision>)"_ba + decision + R"(</EvalResourceDecision>
            <MatchedStatements/>
            <MissingContextValues/>
          </member>
        </ResourceSpecificResults>
      </member>
    </EvaluationResults>
  </SimulatePrincipalPolicyResult>
  <ResponseMetadata><RequestId>sim-1</RequestId></ResponseMetadata>
</SimulatePrincipalPolicyResponse>)"_ba;
}

} // namespace

ClientConfig TestAwsClientQuery::config(const QString &region) const
{
    ClientConfig config;
    config.region = region;
    config.endpoint = m_server->url();
    config.credentials = std::make_shared<StaticCredentialsProvider>(testCredentials());
    config.transferTimeout = std::chrono::seconds(5);
    config.retryPolicy.delayScale = 0.01;
    return config;
}

void TestAwsClientQuery::init()
{
    m_server = new ScriptedHttpServer(this);
    QVERIFY(m_server->isListening());
    m_transport = new AwsClient(this);
}

void TestAwsClientQuery::cleanup()
{
    delete m_transport;
    delete m_server;
}

void TestAwsClientQuery::testGetCallerIdentity()
{
    StsClient sts(m_transport, config(u"eu-west-1"_s));
    m_server->enqueueXml(200, kCallerIdentity);
    auto identity = await<CallerIdentity>([&sts](QObject *context, auto callback) {
        return sts.getCallerIdentity(context, callback);
    });
    QVERIFY2(identity, qPrintable(identity ? QString() : identity.error().summary()));
    QCOMPARE(identity->account, u"123456789012"_s);
    QCOMPARE(identity->arn, u"arn:aws:iam::123456789012:user/support"_s);
    QCOMPARE(identity->userId, u"AIDACKCEVSQ6C2EXAMPLE"_s);

    const auto request = m_server->requests().at(0);
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.body, "Action=GetCallerIdentity&Version=2011-06-15"_ba);
    QCOMPARE(request.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8"_ba);
    QVERIFY(!request.hasHeader("X-Amz-Target"));
    QVERIFY(request.header("Authorization").contains("/eu-west-1/sts/aws4_request"));
    QVERIFY(signatureIsValid(request, u"eu-west-1"_s, u"sts"_s));
}

void TestAwsClientQuery::testAssumeRole()
{
    StsClient sts(m_transport, config(u"us-east-1"_s));
    m_server->enqueueXml(200, kAssumeRole);
    AssumeRoleRequest request;
    request.roleArn = u"arn:aws:iam::123456789012:role/secrets-reader"_s;
    request.roleSessionName = u"coffer"_s;
    request.externalId = u"ext id&=/"_s;
    request.serialNumber = u"arn:aws:iam::123456789012:mfa/support"_s;
    request.tokenCode = u"123456"_s;
    request.durationSeconds = 3600;
    auto result = await<AssumeRoleResult>([&](QObject *context, auto callback) {
        return sts.assumeRole(request, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(result->credentials.accessKeyId, u"ASIAIOSFODNN7EXAMPLE"_s);
    QVERIFY(result->credentials.isTemporary());
    QVERIFY(result->credentials.expiration.has_value());
    QCOMPARE(*result->credentials.expiration,
             QDateTime(QDate(2026, 7, 15), QTime(23, 28, 33, 359), Qt::UTC));
    QCOMPARE(result->assumedRoleArn, u"arn:aws:sts::123456789012:assumed-role/secrets-reader/coffer"_s);
    QCOMPARE(result->assumedRoleId, u"AROA3XFRBF535PLBIFPI4:coffer"_s);
    QCOMPARE(result->packedPolicySize, std::optional<int>(6));
    QCOMPARE(result->sourceIdentity, u"alice"_s);
    QVERIFY(result->credentials.source.contains(u"secrets-reader"_s));

    const auto form = formOf(m_server->requests().at(0).body);
    QCOMPARE(form.value(u"Action"_s), u"AssumeRole"_s);
    QCOMPARE(form.value(u"Version"_s), u"2011-06-15"_s);
    QCOMPARE(form.value(u"RoleArn"_s), request.roleArn);
    QCOMPARE(form.value(u"RoleSessionName"_s), u"coffer"_s);
    QCOMPARE(form.value(u"ExternalId"_s), u"ext id&=/"_s);
    QCOMPARE(form.value(u"SerialNumber"_s), request.serialNumber);
    QCOMPARE(form.value(u"TokenCode"_s), u"123456"_s);
    QCOMPARE(form.value(u"DurationSeconds"_s), u"3600"_s);
    QCOMPARE(form.size(), 8);
    // Reserved characters are percent-encoded, space as %20 (not '+').
    QVERIFY(m_server->requests().at(0).body.contains("ExternalId=ext%20id%26%3D%2F"));
}

void TestAwsClientQuery::testAssumeRoleIncompleteCredentials()
{
    StsClient sts(m_transport, config(u"us-east-1"_s));
    QByteArray broken = kAssumeRole;
    broken.replace("<SessionToken>", "<Ignored>").replace("</SessionToken>", "</Ignored>");
    m_server->enqueueXml(200, broken);
    auto result = await<AssumeRoleResult>([&](QObject *context, auto callback) {
        return sts.assumeRole({u"arn:r"_s, u"s"_s, {}, {}, {}, {}, {}, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::ProtocolError);
}

void TestAwsClientQuery::testStsErrorDocument_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("InvalidClientTokenId") << 403 << "InvalidClientTokenId"_ba
                                          << ErrorKind::UnrecognizedClient;
    QTest::newRow("SignatureDoesNotMatch") << 403 << "SignatureDoesNotMatch"_ba
                                           << ErrorKind::InvalidSignature;
    QTest::newRow("ExpiredToken") << 400 << "ExpiredToken"_ba << ErrorKind::ExpiredToken;
    QTest::newRow("AccessDenied") << 403 << "AccessDenied"_ba << ErrorKind::AccessDenied;
    QTest::newRow("MalformedPolicyDocument") << 400 << "MalformedPolicyDocument"_ba
                                             << ErrorKind::MalformedPolicy;
}

void TestAwsClientQuery::testStsErrorDocument()
{
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    QFETCH(ErrorKind, kind);
    StsClient sts(m_transport, config(u"us-east-1"_s));
    m_server->enqueueXml(status, R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>)"_ba + code + R"(</Code><Message>Something about it.</Message></Error>
  <RequestId>err-42</RequestId>
</ErrorResponse>)"_ba);
    auto result = await<CallerIdentity>([&sts](QObject *context, auto callback) {
        return sts.getCallerIdentity(context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, kind);
    QCOMPARE(result.error().code, QString::fromLatin1(code));
    QCOMPARE(result.error().message, u"Something about it."_s);
    QCOMPARE(result.error().requestId, u"err-42"_s);
    QCOMPARE(result.error().httpStatus, status);
    QCOMPARE(m_server->requestCount(), qsizetype(1));
}

void TestAwsClientQuery::testStsThrottlingIsRetried()
{
    StsClient sts(m_transport, config(u"us-east-1"_s));
    m_server->enqueueXml(400, R"(<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>t1</RequestId></ErrorResponse>)"_ba);
    m_server->enqueueXml(200, kCallerIdentity);
    auto identity = await<CallerIdentity>([&sts](QObject *context, auto callback) {
        return sts.getCallerIdentity(context, callback);
    });
    QVERIFY(identity);
    QCOMPARE(m_server->requestCount(), qsizetype(2));
    QCOMPARE(m_server->requests().at(0).body, m_server->requests().at(1).body);
}

void TestAwsClientQuery::testSimulatePrincipalPolicy()
{
    IamClient iam(m_transport, config(u"eu-west-1"_s));
    m_server->enqueueXml(200, simulationPage("secretsmanager:GetSecretValue", "allowed", false));
    SimulatePrincipalPolicyRequest request;
    request.policySourceArn = u"arn:aws:iam::123456789012:user/support"_s;
    request.actionNames = {u"secretsmanager:GetSecretValue"_s, u"kms:Decrypt"_s};
    request.resourceArns = {u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/prod-AbCdEf"_s};
    request.contextEntries = {ContextEntry{u"aws:SourceIp"_s, {u"10.0.0.1"_s}, u"ip"_s},
                              ContextEntry{u"aws:MultiFactorAuthPresent"_s, {u"true"_s}, u"boolean"_s}};
    auto result = await<SimulatePrincipalPolicyResult>([&](QObject *context, auto callback) {
        return iam.simulatePrincipalPolicy(request, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(result->evaluationResults.size(), 1);
    const EvaluationResult &evaluation = result->evaluationResults.at(0);
    QVERIFY(evaluation.isAllowed());
    QCOMPARE(evaluation.evalActionName, u"secretsmanager:GetSecretValue"_s);
    QCOMPARE(evaluation.matchedStatements.size(), 1);
    QCOMPARE(evaluation.matchedStatements.at(0).sourcePolicyId, u"read-secrets"_s);
    QCOMPARE(evaluation.matchedStatements.at(0).startPosition.line, 3);
    QCOMPARE(evaluation.matchedStatements.at(0).endPosition.column, 6);
    QCOMPARE(evaluation.missingContextValues, QStringList{u"aws:SourceIp"_s});
    QCOMPARE(evaluation.evalDecisionDetails.value(u"IAM Policy"_s), u"allowed"_s);
    QCOMPARE(evaluation.allowedByOrganizations, std::optional<bool>(true));
    QVERIFY(!evaluation.allowedByPermissionsBoundary.has_value());
    QCOMPARE(evaluation.resourceSpecificResults.size(), 1);
    QCOMPARE(evaluation.resourceSpecificResults.at(0).evalResourceDecision, u"allowed"_s);

    const auto form = formOf(m_server->requests().at(0).body);
    QCOMPARE(form.value(u"Action"_s), u"SimulatePrincipalPolicy"_s);
    QCOMPARE(form.value(u"Version"_s), u"2010-05-08"_s);
    QCOMPARE(form.value(u"PolicySourceArn"_s), request.policySourceArn);
    QCOMPARE(form.value(u"ActionNames.member.1"_s), u"secretsmanager:GetSecretValue"_s);
    QCOMPARE(form.value(u"ActionNames.member.2"_s), u"kms:Decrypt"_s);
    QCOMPARE(form.value(u"ResourceArns.member.1"_s), request.resourceArns.at(0));
    QCOMPARE(form.value(u"ContextEntries.member.1.ContextKeyName"_s), u"aws:SourceIp"_s);
    QCOMPARE(form.value(u"ContextEntries.member.1.ContextKeyValues.member.1"_s), u"10.0.0.1"_s);
    QCOMPARE(form.value(u"ContextEntries.member.1.ContextKeyType"_s), u"ip"_s);
    QCOMPARE(form.value(u"ContextEntries.member.2.ContextKeyType"_s), u"boolean"_s);
}

void TestAwsClientQuery::testSimulateFollowsMarker()
{
    IamClient iam(m_transport, config(u"eu-west-1"_s));
    m_server->enqueueXml(200, simulationPage("secretsmanager:GetSecretValue", "allowed", true, "m-1"));
    m_server->enqueueXml(200, simulationPage("kms:Decrypt", "implicitDeny", false));
    SimulatePrincipalPolicyRequest request;
    request.policySourceArn = u"arn:aws:iam::123456789012:role/app"_s;
    request.actionNames = {u"secretsmanager:GetSecretValue"_s, u"kms:Decrypt"_s};
    request.maxItems = 1;
    auto result = await<SimulatePrincipalPolicyResult>([&](QObject *context, auto callback) {
        return iam.simulatePrincipalPolicy(request, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->evaluationResults.size(), 2);
    QVERIFY(!result->evaluationResults.at(1).isAllowed());
    QCOMPARE(result->evaluationResults.at(1).evalDecision, u"implicitDeny"_s);
    QCOMPARE(m_server->requestCount(), qsizetype(2));
    QVERIFY(!formOf(m_server->requests().at(0).body).contains(u"Marker"_s));
    QCOMPARE(formOf(m_server->requests().at(1).body).value(u"Marker"_s), u"m-1"_s);
    QCOMPARE(formOf(m_server->requests().at(1).body).value(u"MaxItems"_s), u"1"_s);
}

void TestAwsClientQuery::testIamSignsForUsEast1()
{
    IamClient iam(m_transport, config(u"ap-southeast-2"_s));
    QCOMPARE(iam.config().effectiveSigningRegion(), u"us-east-1"_s);
    IamClient global(m_transport, ClientConfig{});
    QCOMPARE(global.config().endpoint, QUrl(u"https://iam.amazonaws.com"_s));

    m_server->enqueueXml(200, simulationPage("secretsmanager:GetSecretValue", "allowed", false));
    auto result = await<SimulatePrincipalPolicyResult>([&](QObject *context, auto callback) {
        return iam.simulatePrincipalPolicy({u"arn:aws:iam::1:user/u"_s, {u"s3:ListBucket"_s}, {}, {},
                                            {}, {}, {}, {}, {}, {}, {}, {}},
                                           context, callback);
    });
    QVERIFY(result);
    const auto request = m_server->requests().at(0);
    QVERIFY(request.header("Authorization").contains("/us-east-1/iam/aws4_request"));
    QVERIFY(signatureIsValid(request, u"us-east-1"_s, u"iam"_s));
}

QTEST_GUILESS_MAIN(TestAwsClientQuery)
#include "testawsclientquery.moc"
