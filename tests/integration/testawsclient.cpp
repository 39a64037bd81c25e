// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/sigv4signer.h"
#include "models/aws/staticcredentialsprovider.h"
#include "tests/support/scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

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
    credentials.source = u"test"_s;
    return credentials;
}

/// Counts invalidate() calls; otherwise hands out fixed credentials.
class CountingProvider final : public CredentialsProvider
{
public:
    explicit CountingProvider(AwsCredentials credentials)
        : m_credentials(std::move(credentials))
    {
    }
    void credentials(QObject *, Callback callback) override
    {
        ++requests;
        callback(m_credentials);
    }
    void invalidate() override { ++invalidations; }
    QString description() const override { return u"counting"_s; }

    int requests = 0;
    int invalidations = 0;

private:
    AwsCredentials m_credentials;
};

/// Answers later, from the event loop, as a provider that calls STS or SSO would.
class DelayedProvider final : public CredentialsProvider
{
public:
    void credentials(QObject *context, Callback callback) override
    {
        ++requests;
        QTimer::singleShot(50, context, [callback] { callback(testCredentials()); });
    }
    QString description() const override { return u"delayed"_s; }

    int requests = 0;
};

QJsonObject bodyOf(const ScriptedHttpServer::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

/// Runs one client call and waits (with the event loop, in the test only) for its callback.
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

HttpRequest toHttpRequest(const ScriptedHttpServer::Request &recorded)
{
    HttpRequest request;
    request.method = recorded.method;
    const qsizetype question = recorded.target.indexOf('?');
    request.path = question < 0 ? recorded.target : recorded.target.left(question);
    request.query = question < 0 ? QByteArray() : recorded.target.mid(question + 1);
    request.headers = recorded.headers;
    request.body = recorded.body;
    return request;
}

} // namespace

class TestAwsClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void testRequestIsSignedJson11();
    void testSessionTokenIsSent();
    void testGetSecretValue();
    void testGetSecretValueBinaryByVersionId();
    void testDescribeSecret();
    void testListSecretsPage();
    void testListAllSecretsFollowsPages();
    void testListAllSecretsCancel();
    void testListAllSecretsRepeatedTokenStops();
    void testListAllSecretVersionIds();
    void testCreateSecretGeneratesToken();
    void testPutSecretValueKeepsGivenToken();
    void testUpdateSecret();
    void testUpdateSecretVersionStage();
    void testDeleteAndRestore();
    void testTagAndUntag();
    void testGetResourcePolicy();
    void testServiceErrorIsParsedAndNotRetried_data();
    void testServiceErrorIsParsedAndNotRetried();
    void testRetriesReuseClientRequestToken();
    void testGivesUpAfterMaxAttempts();
    void testRetriesDroppedConnection();
    void testTransferTimeout();
    void testTimeoutThenSuccess();
    void testCancelInFlight();
    void testCancelDuringBackoff();
    void testDestroyedContextCancels();
    void testConnectionRefused();
    void testCredentialsMissing();
    void testAsynchronousCredentials();
    void testCancelWhileFetchingCredentials();
    void testExpiredTokenInvalidatesCredentials();
    void testBatchGetSecretValue();
    void testBatchGetFallbackByIds();
    void testBatchGetFallbackWithFilters();
    void testClockSkewIsCorrected();
    void testClockSkewRetriedOnce();
    void testOversizeAnswerIsNotRead();
    void testCallDeadlineBoundsTheRetries();
    void testClockOffsetIsPerEndpointAndBounded();
    void testSecretsNeverLogged();

private:
    ClientConfig config(std::shared_ptr<CredentialsProvider> provider = {}) const;

    ScriptedHttpServer *m_server = nullptr;
    AwsClient *m_transport = nullptr;
    SecretsManagerClient *m_client = nullptr;
};

ClientConfig TestAwsClient::config(std::shared_ptr<CredentialsProvider> provider) const
{
    ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = m_server->url();
    config.credentials = provider ? std::move(provider)
                                  : std::make_shared<StaticCredentialsProvider>(testCredentials());
    config.transferTimeout = std::chrono::seconds(5);
    config.retryPolicy.delayScale = 0.01;  // keep the backoff real but quick
    return config;
}

void TestAwsClient::init()
{
    m_server = new ScriptedHttpServer(this);
    QVERIFY(m_server->isListening());
    m_transport = new AwsClient(this);
    m_client = new SecretsManagerClient(m_transport, config(), this);
}

void TestAwsClient::cleanup()
{
    delete m_client;
    delete m_transport;
    delete m_server;
}

void TestAwsClient::testRequestIsSignedJson11()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:a","Name":"pixell/dev"})"_ba);
    const QDateTime before = QDateTime::currentDateTimeUtc();
    auto result = await<SecretMetadata>([this](QObject *context, auto callback) {
        return m_client->describeSecret(u"pixell/dev"_s, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(m_server->requestCount(), 1);
    const auto request = m_server->requests().at(0);
    QCOMPARE(request.method, "POST"_ba);
    QCOMPARE(request.target, "/"_ba);
    QCOMPARE(request.header("Content-Type"), "application/x-amz-json-1.1"_ba);
    QCOMPARE(request.header("X-Amz-Target"), "secretsmanager.DescribeSecret"_ba);
    QCOMPARE(request.header("Host"), "127.0.0.1:"_ba + QByteArray::number(m_server->port()));
    QVERIFY(request.header("User-Agent").startsWith("coffer/"));
    QCOMPARE(bodyOf(request), json(R"({"SecretId":"pixell/dev"})"));
    QVERIFY(!request.hasHeader("X-Amz-Security-Token"));

    const QByteArray authorization = request.header("Authorization");
    QVERIFY(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    QVERIFY(authorization.contains("/us-east-1/secretsmanager/aws4_request"));
    QVERIFY(authorization.contains("x-amz-target"));

    // The signature on the wire is valid for what the server received.
    const SigV4Signer signer(u"us-east-1"_s, u"secretsmanager"_s);
    const auto verified = signer.verify(
        toHttpRequest(request),
        [](const QString &keyId) -> std::optional<AwsCredentials> {
            if (keyId == kAccessKey)
                return testCredentials();
            return std::nullopt;
        },
        QDateTime::currentDateTimeUtc());
    QVERIFY2(verified, qPrintable(verified ? QString() : verified.error().summary()));
    QCOMPARE(verified->accessKeyId, kAccessKey);
    QVERIFY(qAbs(verified->signedAt.secsTo(before)) < 60);
}

void TestAwsClient::testSessionTokenIsSent()
{
    AwsCredentials temporary = testCredentials();
    temporary.sessionToken = u"FQoGZXIvYXdzEXAMPLETOKEN"_s;
    m_client->setConfig(config(std::make_shared<StaticCredentialsProvider>(temporary)));
    m_server->enqueueJson(200, R"({"ARN":"arn:a","Name":"x"})"_ba);
    auto result = await<SecretMetadata>([this](QObject *context, auto callback) {
        return m_client->describeSecret(u"x"_s, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Security-Token"), "FQoGZXIvYXdzEXAMPLETOKEN"_ba);
}

void TestAwsClient::testGetSecretValue()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:benchling-webhook/config-Ab12Cd",
        "Name":"benchling-webhook/config","VersionId":"3a1b","SecretString":"{\"client_id\":\"abc\",\n\"tenant\":\"t\u00e9\"}",
        "VersionStages":["AWSCURRENT"],"CreatedDate":1.7e9})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"benchling-webhook/config"_s, {}, u"AWSCURRENT"_s}, context,
                                        callback);
    });
    QVERIFY(result);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.GetSecretValue"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(0)),
             json(R"({"SecretId":"benchling-webhook/config","VersionStage":"AWSCURRENT"})"));
    QCOMPARE(result->name, u"benchling-webhook/config"_s);
    QCOMPARE(*result->secretString, QString::fromUtf8("{\"client_id\":\"abc\",\n\"tenant\":\"t\xc3\xa9\"}"));
    QCOMPARE(result->versionStages, QStringList{u"AWSCURRENT"_s});
    QCOMPARE(result->createdDate, QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC));
}

void TestAwsClient::testGetSecretValueBinaryByVersionId()
{
    m_server->enqueueJson(200, R"({"Name":"bin","VersionId":"v7","SecretBinary":"3q2+7w=="})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"bin"_s, u"v7"_s, {}}, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(bodyOf(m_server->requests().at(0)), json(R"({"SecretId":"bin","VersionId":"v7"})"));
    QCOMPARE(*result->secretBinary, "\xde\xad\xbe\xef"_ba);
}

void TestAwsClient::testDescribeSecret()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:a","Name":"paintbox/production/jwt/public-keys",
        "KmsKeyId":"alias/jwt","RotationEnabled":false,"VersionIdsToStages":{"v2":["AWSCURRENT"],"v1":["AWSPREVIOUS"]},
        "Tags":[{"Key":"env","Value":"production"}],"DeletedDate":1.7e9})"_ba);
    auto result = await<SecretMetadata>([this](QObject *context, auto callback) {
        return m_client->describeSecret(u"paintbox/production/jwt/public-keys"_s, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->kmsKeyId, u"alias/jwt"_s);
    QCOMPARE(result->versionIdsToStages.size(), 2);
    QCOMPARE(result->tags.at(0).value, u"production"_s);
    QVERIFY(result->isScheduledForDeletion());
}

void TestAwsClient::testListSecretsPage()
{
    m_server->enqueueJson(200, R"({"SecretList":[{"ARN":"arn:1","Name":"pixell/dev"},{"ARN":"arn:2","Name":"pixell/prod"}],"NextToken":"t2"})"_ba);
    ListSecretsRequest request;
    request.filters = {SecretFilter{u"name"_s, {u"pixell/"_s}}, SecretFilter{u"tag-key"_s, {u"!deprecated"_s}}};
    request.maxResults = 2;
    request.includePlannedDeletion = true;
    request.sortOrder = u"desc"_s;
    auto result = await<ListSecretsResult>([this, request](QObject *context, auto callback) {
        return m_client->listSecrets(request, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.ListSecrets"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(0)),
             json(R"({"Filters":[{"Key":"name","Values":["pixell/"]},{"Key":"tag-key","Values":["!deprecated"]}],
                      "MaxResults":2,"IncludePlannedDeletion":true,"SortOrder":"desc"})"));
    QCOMPARE(result->secretList.size(), 2);
    QCOMPARE(result->nextToken, u"t2"_s);
}

void TestAwsClient::testListAllSecretsFollowsPages()
{
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"a"},{"Name":"b"}],"NextToken":"p2"})"_ba);
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"c"}],"NextToken":"p3"})"_ba);
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"d"},{"Name":"e"}]})"_ba);
    ListSecretsRequest request;
    request.maxResults = 2;
    QList<qint64> progress;
    auto result = await<ListSecretsResult>([&](QObject *context, auto callback) {
        AwsCall *call = m_client->listAllSecrets(request, context, callback);
        connect(call, &AwsCall::progressed, context, [&progress](qint64 done, qint64 total) {
            QCOMPARE(total, qint64(-1));
            progress.append(done);
        });
        return call;
    });
    QVERIFY(result);
    QCOMPARE(result->secretList.size(), 5);
    QCOMPARE(result->secretList.at(4).name, u"e"_s);
    QVERIFY(result->nextToken.isEmpty());
    QCOMPARE(progress, (QList<qint64>{2, 3, 5}));
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    QVERIFY(!bodyOf(requests.at(0)).contains("NextToken"_L1));
    QCOMPARE(bodyOf(requests.at(1)).value("NextToken"_L1).toString(), u"p2"_s);
    QCOMPARE(bodyOf(requests.at(2)).value("NextToken"_L1).toString(), u"p3"_s);
    QCOMPARE(bodyOf(requests.at(2)).value("MaxResults"_L1).toInt(), 2);
}

void TestAwsClient::testListAllSecretsCancel()
{
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"a"}],"NextToken":"p2"})"_ba);
    ScriptedHttpServer::Response hang;
    hang.hang = true;
    m_server->enqueue(hang);

    std::optional<Result<ListSecretsResult>> outcome;
    QPointer<AwsCall> call = m_client->listAllSecrets({}, this, [&outcome](Result<ListSecretsResult> r) {
        outcome = std::move(r);
    });
    QSignalSpy finished(call.data(), &AwsCall::finished);
    QTRY_COMPARE(m_server->requestCount(), qsizetype(2));
    QVERIFY(!outcome);
    call->cancel();
    QVERIFY(outcome.has_value());  // delivered before cancel() returned
    QVERIFY(!*outcome);
    QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    QCOMPARE(finished.count(), 1);
    QTRY_VERIFY(call.isNull());  // deleteLater()ed
}

void TestAwsClient::testListAllSecretsRepeatedTokenStops()
{
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"a"}],"NextToken":"same"})"_ba);
    m_server->enqueueJson(200, R"({"SecretList":[{"Name":"b"}],"NextToken":"same"})"_ba);
    auto result = await<ListSecretsResult>([this](QObject *context, auto callback) {
        return m_client->listAllSecrets({}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::ProtocolError);
    QCOMPARE(m_server->requestCount(), qsizetype(2));
}

void TestAwsClient::testListAllSecretVersionIds()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:s","Name":"s","Versions":[{"VersionId":"v3","VersionStages":["AWSCURRENT"]}],"NextToken":"n"})"_ba);
    m_server->enqueueJson(200, R"({"ARN":"arn:s","Name":"s","Versions":[{"VersionId":"v2","VersionStages":["AWSPREVIOUS"]},{"VersionId":"v1"}]})"_ba);
    ListSecretVersionIdsRequest request;
    request.secretId = u"s"_s;
    request.includeDeprecated = true;
    auto result = await<ListSecretVersionIdsResult>([this, request](QObject *context, auto callback) {
        return m_client->listAllSecretVersionIds(request, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->arn, u"arn:s"_s);
    QCOMPARE(result->versions.size(), 3);
    QCOMPARE(result->versions.at(2).versionId, u"v1"_s);
    const auto requests = m_server->requests();
    QCOMPARE(requests.at(0).header("X-Amz-Target"), "secretsmanager.ListSecretVersionIds"_ba);
    QCOMPARE(bodyOf(requests.at(0)), json(R"({"SecretId":"s","IncludeDeprecated":true})"));
    QCOMPARE(bodyOf(requests.at(1)), json(R"({"SecretId":"s","IncludeDeprecated":true,"NextToken":"n"})"));
}

void TestAwsClient::testCreateSecretGeneratesToken()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:new","Name":"miyabi/prod/config","VersionId":"generated"})"_ba);
    CreateSecretRequest request;
    request.name = u"miyabi/prod/config"_s;
    request.secretString = u"{\"oauth\":{\"client_id\":\"x\"}}"_s;
    request.tags = {Tag{u"owner"_s, u"miyabi"_s}};
    auto result = await<CreateSecretResult>([this, request](QObject *context, auto callback) {
        return m_client->createSecret(request, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->arn, u"arn:new"_s);
    const auto request0 = m_server->requests().at(0);
    QCOMPARE(request0.header("X-Amz-Target"), "secretsmanager.CreateSecret"_ba);
    const QJsonObject body = bodyOf(request0);
    static const QRegularExpression uuidV4(
        u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
    QVERIFY2(uuidV4.match(body.value("ClientRequestToken"_L1).toString()).hasMatch(),
             qPrintable(body.value("ClientRequestToken"_L1).toString()));
    QCOMPARE(body.value("Name"_L1).toString(), u"miyabi/prod/config"_s);
    QCOMPARE(body.value("SecretString"_L1).toString(), *request.secretString);
    QCOMPARE(body.value("Tags"_L1).toArray().size(), 1);
}

void TestAwsClient::testPutSecretValueKeepsGivenToken()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:p","Name":"p","VersionId":"my-token","VersionStages":["AWSCURRENT"]})"_ba);
    PutSecretValueRequest request;
    request.secretId = u"p"_s;
    request.clientRequestToken = u"my-token"_s;
    request.secretString = u"v2"_s;
    auto result = await<PutSecretValueResult>([this, request](QObject *context, auto callback) {
        return m_client->putSecretValue(request, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->versionId, u"my-token"_s);
    QCOMPARE(bodyOf(m_server->requests().at(0)),
             json(R"({"SecretId":"p","ClientRequestToken":"my-token","SecretString":"v2"})"));
}

void TestAwsClient::testUpdateSecret()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:u","Name":"u"})"_ba);
    m_server->enqueueJson(200, R"({"ARN":"arn:u","Name":"u","VersionId":"nv"})"_ba);
    UpdateSecretRequest metadataOnly;
    metadataOnly.secretId = u"u"_s;
    metadataOnly.description = u"new description"_s;
    auto first = await<UpdateSecretResult>([&](QObject *context, auto callback) {
        return m_client->updateSecret(metadataOnly, context, callback);
    });
    QVERIFY(first);
    QCOMPARE(bodyOf(m_server->requests().at(0)),
             json(R"({"SecretId":"u","Description":"new description"})"));

    UpdateSecretRequest withValue;
    withValue.secretId = u"u"_s;
    withValue.secretBinary = "\x01\x02"_ba;
    auto second = await<UpdateSecretResult>([&](QObject *context, auto callback) {
        return m_client->updateSecret(withValue, context, callback);
    });
    QVERIFY(second);
    QCOMPARE(second->versionId, u"nv"_s);
    const QJsonObject body = bodyOf(m_server->requests().at(1));
    QCOMPARE(body.value("SecretBinary"_L1).toString(), u"AQI="_s);
    QCOMPARE(body.value("ClientRequestToken"_L1).toString().size(), 36);
}

void TestAwsClient::testUpdateSecretVersionStage()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:r","Name":"r"})"_ba);
    auto result = await<SecretIdentity>([this](QObject *context, auto callback) {
        return m_client->updateSecretVersionStage({u"r"_s, u"AWSCURRENT"_s, u"v2"_s, u"v1"_s},
                                                  context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->name, u"r"_s);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"),
             "secretsmanager.UpdateSecretVersionStage"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(0)),
             json(R"({"SecretId":"r","VersionStage":"AWSCURRENT","RemoveFromVersionId":"v2","MoveToVersionId":"v1"})"));
}

void TestAwsClient::testDeleteAndRestore()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:d","Name":"d","DeletionDate":1.8e9})"_ba);
    m_server->enqueueJson(200, R"({"ARN":"arn:d","Name":"d"})"_ba);
    DeleteSecretRequest request;
    request.secretId = u"d"_s;
    request.recoveryWindowInDays = 7;
    auto deleted = await<DeleteSecretResult>([&](QObject *context, auto callback) {
        return m_client->deleteSecret(request, context, callback);
    });
    QVERIFY(deleted);
    QCOMPARE(deleted->deletionDate, QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC));
    QCOMPARE(bodyOf(m_server->requests().at(0)), json(R"({"SecretId":"d","RecoveryWindowInDays":7})"));

    auto restored = await<SecretIdentity>([this](QObject *context, auto callback) {
        return m_client->restoreSecret(u"d"_s, context, callback);
    });
    QVERIFY(restored);
    QCOMPARE(m_server->requests().at(1).header("X-Amz-Target"), "secretsmanager.RestoreSecret"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(1)), json(R"({"SecretId":"d"})"));
}

void TestAwsClient::testTagAndUntag()
{
    m_server->enqueueJson(200, {});
    m_server->enqueueJson(200, "{}"_ba);
    auto tagged = await<void>([this](QObject *context, auto callback) {
        return m_client->tagResource({u"t"_s, {Tag{u"env"_s, u"dev"_s}}}, context, callback);
    });
    QVERIFY(tagged);
    auto untagged = await<void>([this](QObject *context, auto callback) {
        return m_client->untagResource({u"t"_s, {u"env"_s}}, context, callback);
    });
    QVERIFY(untagged);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.TagResource"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(0)),
             json(R"({"SecretId":"t","Tags":[{"Key":"env","Value":"dev"}]})"));
    QCOMPARE(m_server->requests().at(1).header("X-Amz-Target"), "secretsmanager.UntagResource"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(1)), json(R"({"SecretId":"t","TagKeys":["env"]})"));
}

void TestAwsClient::testGetResourcePolicy()
{
    m_server->enqueueJson(200, R"({"ARN":"arn:g","Name":"g","ResourcePolicy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"})"_ba);
    auto result = await<ResourcePolicyResult>([this](QObject *context, auto callback) {
        return m_client->getResourcePolicy(u"g"_s, context, callback);
    });
    QVERIFY(result);
    QCOMPARE(result->resourcePolicy, u"{\"Version\":\"2012-10-17\",\"Statement\":[]}"_s);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.GetResourcePolicy"_ba);
}

void TestAwsClient::testServiceErrorIsParsedAndNotRetried_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<ErrorKind>("kind");
    QTest::newRow("AccessDenied")
        << "AccessDeniedException"_ba
        << "User: arn:aws:iam::123456789012:user/support is not authorized to perform: secretsmanager:GetSecretValue"_ba
        << ErrorKind::AccessDenied;
    QTest::newRow("ResourceNotFound") << "ResourceNotFoundException"_ba
                                      << "Secrets Manager can't find the specified secret."_ba
                                      << ErrorKind::ResourceNotFound;
    QTest::newRow("DecryptionFailure") << "DecryptionFailure"_ba
                                       << "Access to KMS is not allowed"_ba
                                       << ErrorKind::DecryptionFailure;
    QTest::newRow("UnrecognizedClient") << "UnrecognizedClientException"_ba
                                        << "The security token included in the request is invalid."_ba
                                        << ErrorKind::UnrecognizedClient;
}

void TestAwsClient::testServiceErrorIsParsedAndNotRetried()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, message);
    QFETCH(ErrorKind, kind);
    m_server->enqueueJsonError(code, message, 400,
                               {{"x-amzn-RequestId"_ba, "e6f7a8b9-0000-4000-8000-0123456789ab"_ba}});
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"pixell/prod"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, kind);
    QCOMPARE(result.error().code, QString::fromLatin1(code));
    QCOMPARE(result.error().message, QString::fromLatin1(message));
    QCOMPARE(result.error().requestId, u"e6f7a8b9-0000-4000-8000-0123456789ab"_s);
    QCOMPARE(result.error().httpStatus, 400);
    QCOMPARE(m_server->requestCount(), qsizetype(1));
}

void TestAwsClient::testRetriesReuseClientRequestToken()
{
    m_server->enqueueJsonError("InternalServiceError", "oops", 500);
    m_server->enqueueJsonError("ThrottlingException", "Rate exceeded", 400);
    m_server->enqueueJson(200, R"({"ARN":"arn:p","Name":"p","VersionId":"v","VersionStages":["AWSCURRENT"]})"_ba);
    PutSecretValueRequest request;
    request.secretId = u"p"_s;
    request.secretString = u"new value"_s;
    QList<int> retries;
    auto result = await<PutSecretValueResult>([&](QObject *context, auto callback) {
        AwsCall *call = m_client->putSecretValue(request, context, callback);
        connect(call, &AwsCall::retryScheduled, context,
                [&retries](int attempt, qint64) { retries.append(attempt); });
        return call;
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(retries, (QList<int>{1, 2}));
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    const QString token = bodyOf(requests.at(0)).value("ClientRequestToken"_L1).toString();
    QCOMPARE(token.size(), 36);
    for (const auto &attempt : requests) {
        QCOMPARE(attempt.body, requests.at(0).body);  // the very same bytes
        QCOMPARE(bodyOf(attempt).value("ClientRequestToken"_L1).toString(), token);
        QVERIFY(attempt.hasHeader("X-Amz-Date"));
        QVERIFY(attempt.header("Authorization").startsWith("AWS4-HMAC-SHA256"));
    }
}

void TestAwsClient::testGivesUpAfterMaxAttempts()
{
    for (int i = 0; i < 3; ++i)
        m_server->enqueueJsonError("ServiceUnavailable", "down", 503);
    m_server->enqueueJson(200, R"({"Name":"never"})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::ServiceUnavailable);
    QCOMPARE(result.error().httpStatus, 503);
    QCOMPARE(result.error().requestId, QString::fromLatin1(ScriptedHttpServer::requestIdFor(2)));
    QCOMPARE(m_server->requestCount(), qsizetype(3));
}

void TestAwsClient::testRetriesDroppedConnection()
{
    ScriptedHttpServer::Response drop;
    drop.closeWithoutAnswer = true;
    m_server->enqueue(drop);
    m_server->enqueueJson(200, R"({"Name":"x","SecretString":"s"})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(*result->secretString, u"s"_s);
    QCOMPARE(m_server->requestCount(), qsizetype(2));
}

void TestAwsClient::testOversizeAnswerIsNotRead()
{
    ClientConfig capped = config();
    capped.maxResponseBytes = 1024 * 1024;
    m_client->setConfig(capped);
    m_server->enqueueJson(200, "{\"Name\":\"x\",\"SecretString\":\"" + QByteArray(3 * 1024 * 1024, 'a') + "\"}");
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(AwsError::kindName(result.error().kind), AwsError::kindName(ErrorKind::ProtocolError));
    QVERIFY2(result.error().message.contains(u"larger than 1 MiB"_s), qPrintable(result.error().message));
    QCOMPARE(m_server->requestCount(), qsizetype(1));   // not retried
}

void TestAwsClient::testCallDeadlineBoundsTheRetries()
{
    ClientConfig bounded = config();
    bounded.maxAttempts = 10;
    bounded.retryPolicy.delayScale = 1.0;
    bounded.retryPolicy.baseDelay = std::chrono::milliseconds(300);
    bounded.retryPolicy.random = [] { return 0.99; };
    bounded.callDeadline = std::chrono::milliseconds(800);
    m_client->setConfig(bounded);
    for (int i = 0; i < 10; ++i)
        m_server->enqueueJsonError("ServiceUnavailable", "busy", 503);
    QElapsedTimer timer;
    timer.start();
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(u"gave up after"_s), qPrintable(result.error().message));
    QVERIFY(m_server->requestCount() < 10);
    QVERIFY2(timer.elapsed() < 800 + 500, qPrintable(QString::number(timer.elapsed())));
}

void TestAwsClient::testTransferTimeout()
{
    ClientConfig quick = config();
    quick.transferTimeout = std::chrono::milliseconds(300);
    quick.maxAttempts = 1;
    m_client->setConfig(quick);
    ScriptedHttpServer::Response hang;
    hang.hang = true;
    m_server->enqueue(hang);
    QElapsedTimer timer;
    timer.start();
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"slow"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(AwsError::kindName(result.error().kind), AwsError::kindName(ErrorKind::Timeout));
    QVERIFY(timer.elapsed() >= 250);
    QVERIFY(timer.elapsed() < 5000);
}

void TestAwsClient::testTimeoutThenSuccess()
{
    ClientConfig quick = config();
    quick.transferTimeout = std::chrono::milliseconds(300);
    m_client->setConfig(quick);
    ScriptedHttpServer::Response hang;
    hang.hang = true;
    m_server->enqueue(hang);
    m_server->enqueueJson(200, R"({"Name":"slow","SecretString":"ok"})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"slow"_s, {}, {}}, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(m_server->requestCount(), qsizetype(2));
}

void TestAwsClient::testCancelInFlight()
{
    ScriptedHttpServer::Response hang;
    hang.hang = true;
    m_server->enqueue(hang);
    std::optional<Result<SecretValue>> outcome;
    QPointer<AwsCall> call = m_client->getSecretValue({u"x"_s, {}, {}}, this,
                                                      [&outcome](Result<SecretValue> r) {
        outcome = std::move(r);
    });
    QSignalSpy finished(call.data(), &AwsCall::finished);
    QTRY_COMPARE(m_server->requestCount(), qsizetype(1));
    call->cancel();
    QVERIFY(outcome.has_value());
    QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    QCOMPARE(finished.count(), 1);
    call->cancel();  // a second cancel is harmless
    QTRY_VERIFY(call.isNull());
    QTest::qWait(50);
    QCOMPARE(m_server->requestCount(), qsizetype(1));
}

void TestAwsClient::testCancelDuringBackoff()
{
    ClientConfig slow = config();
    slow.retryPolicy.delayScale = 1.0;
    slow.retryPolicy.random = [] { return 1.0; };
    slow.retryPolicy.baseDelay = std::chrono::seconds(10);
    m_client->setConfig(slow);
    m_server->enqueueJsonError("InternalServiceError", "oops", 500);
    std::optional<Result<SecretValue>> outcome;
    QPointer<AwsCall> call = m_client->getSecretValue({u"x"_s, {}, {}}, this,
                                                      [&outcome](Result<SecretValue> r) {
        outcome = std::move(r);
    });
    QSignalSpy retries(call.data(), &AwsCall::retryScheduled);
    QTRY_COMPARE(retries.count(), 1);
    QCOMPARE(retries.at(0).at(1).toLongLong(), qint64(10000));
    call->cancel();
    QVERIFY(outcome.has_value());
    QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    QCOMPARE(m_server->requestCount(), qsizetype(1));
}

void TestAwsClient::testDestroyedContextCancels()
{
    ScriptedHttpServer::Response hang;
    hang.hang = true;
    m_server->enqueue(hang);
    bool called = false;
    auto *context = new QObject;
    QPointer<AwsCall> call = m_client->getSecretValue({u"x"_s, {}, {}}, context,
                                                      [&called](Result<SecretValue>) { called = true; });
    QSignalSpy finished(call.data(), &AwsCall::finished);
    QTRY_COMPARE(m_server->requestCount(), qsizetype(1));
    delete context;
    QCOMPARE(finished.count(), 1);
    QVERIFY(!called);
    QTRY_VERIFY(call.isNull());
}

void TestAwsClient::testConnectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();
    ClientConfig refused = config();
    QUrl url = m_server->url();
    url.setPort(port);
    refused.endpoint = url;
    m_client->setConfig(refused);
    int retries = 0;
    auto result = await<SecretValue>([&](QObject *context, auto callback) {
        AwsCall *call = m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
        connect(call, &AwsCall::retryScheduled, context, [&retries] { ++retries; });
        return call;
    });
    QVERIFY(!result);
    QCOMPARE(AwsError::kindName(result.error().kind),
             AwsError::kindName(ErrorKind::ConnectionRefused));
    QCOMPARE(result.error().httpStatus, 0);
    QCOMPARE(retries, 2);
}

void TestAwsClient::testCredentialsMissing()
{
    m_client->setConfig(config(std::make_shared<StaticCredentialsProvider>(AwsCredentials{})));
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::CredentialsMissing);
    QCOMPARE(m_server->requestCount(), qsizetype(0));
}

void TestAwsClient::testAsynchronousCredentials()
{
    auto provider = std::make_shared<DelayedProvider>();
    m_client->setConfig(config(provider));
    m_server->enqueueJsonError("InternalServiceError", "oops", 500);
    m_server->enqueueJson(200, R"({"Name":"x","SecretString":"v"})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(provider->requests, 2);  // asked again before the retry
    QCOMPARE(m_server->requestCount(), qsizetype(2));
}

void TestAwsClient::testCancelWhileFetchingCredentials()
{
    auto provider = std::make_shared<DelayedProvider>();
    m_client->setConfig(config(provider));
    std::optional<Result<SecretValue>> outcome;
    QPointer<AwsCall> call = m_client->getSecretValue({u"x"_s, {}, {}}, this,
                                                      [&outcome](Result<SecretValue> r) {
        outcome = std::move(r);
    });
    QTRY_COMPARE(provider->requests, 1);
    call->cancel();
    QVERIFY(outcome.has_value());
    QCOMPARE(outcome->error().kind, ErrorKind::Cancelled);
    QTest::qWait(150);  // the credentials arrive after the cancel: nothing is sent
    QCOMPARE(m_server->requestCount(), qsizetype(0));
}

void TestAwsClient::testExpiredTokenInvalidatesCredentials()
{
    auto provider = std::make_shared<CountingProvider>(testCredentials());
    m_client->setConfig(config(provider));
    m_server->enqueueJsonError("ExpiredTokenException", "The security token included in the request is expired");
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::ExpiredToken);
    QCOMPARE(provider->invalidations, 1);
    QCOMPARE(provider->requests, 1);
    QCOMPARE(m_server->requestCount(), qsizetype(1));
}

void TestAwsClient::testBatchGetSecretValue()
{
    m_server->enqueueJson(200, R"({"SecretValues":[{"Name":"a","SecretString":"1"},{"Name":"b","SecretString":"2"}],
                                   "Errors":[{"SecretId":"c","ErrorCode":"ResourceNotFoundException","Message":"gone"}]})"_ba);
    BatchGetSecretValueRequest request;
    request.secretIdList = {u"a"_s, u"b"_s, u"c"_s};
    auto result = await<BatchGetSecretValueResult>([this, request](QObject *context, auto callback) {
        return m_client->batchGetSecretValue(request, context, callback);
    });
    QVERIFY(result);
    QVERIFY(!result->usedFallback);
    QCOMPARE(result->secretValues.size(), 2);
    QCOMPARE(result->errors.size(), 1);
    QCOMPARE(m_server->requests().at(0).header("X-Amz-Target"), "secretsmanager.BatchGetSecretValue"_ba);
    QCOMPARE(bodyOf(m_server->requests().at(0)), json(R"({"SecretIdList":["a","b","c"]})"));
}

void TestAwsClient::testBatchGetFallbackByIds()
{
    m_server->enqueueJson(400, R"({"__type":"UnknownOperationException"})"_ba);
    m_server->enqueueJson(200, R"({"Name":"a","SecretString":"1"})"_ba);
    m_server->enqueueJsonError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    m_server->enqueueJson(200, R"({"Name":"c","SecretBinary":"AA=="})"_ba);
    BatchGetSecretValueRequest request;
    request.secretIdList = {u"a"_s, u"b"_s, u"c"_s};
    QList<std::pair<qint64, qint64>> progress;
    auto result = await<BatchGetSecretValueResult>([&](QObject *context, auto callback) {
        AwsCall *call = m_client->batchGetSecretValue(request, context, callback);
        connect(call, &AwsCall::progressed, context,
                [&progress](qint64 done, qint64 total) { progress.append({done, total}); });
        return call;
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QVERIFY(result->usedFallback);
    QCOMPARE(result->secretValues.size(), 2);
    QCOMPARE(*result->secretValues.at(0).secretString, u"1"_s);
    QCOMPARE(*result->secretValues.at(1).secretBinary, QByteArray(1, '\0'));
    QCOMPARE(result->errors.size(), 1);
    QCOMPARE(result->errors.at(0).secretId, u"b"_s);
    QCOMPARE(result->errors.at(0).error.kind, ErrorKind::ResourceNotFound);
    QCOMPARE(progress.last(), (std::pair<qint64, qint64>{3, 3}));
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests.at(1).header("X-Amz-Target"), "secretsmanager.GetSecretValue"_ba);
    QCOMPARE(bodyOf(requests.at(2)), json(R"({"SecretId":"b"})"));
    QVERIFY(m_client->isBatchGetUnsupported());

    // The endpoint is now known not to have the batch call: straight to the fallback.
    m_server->enqueueJson(200, R"({"Name":"d","SecretString":"4"})"_ba);
    BatchGetSecretValueRequest again;
    again.secretIdList = {u"d"_s};
    auto second = await<BatchGetSecretValueResult>([&](QObject *context, auto callback) {
        return m_client->batchGetSecretValue(again, context, callback);
    });
    QVERIFY(second);
    QCOMPARE(m_server->requests().at(4).header("X-Amz-Target"), "secretsmanager.GetSecretValue"_ba);
}

void TestAwsClient::testBatchGetFallbackWithFilters()
{
    m_server->enqueueJsonError("InvalidRequestException", "BatchGetSecretValue is not supported");
    m_server->enqueueJson(200, R"({"SecretList":[{"ARN":"arn:s1","Name":"sophon/a"},{"ARN":"arn:s2","Name":"sophon/b"}],"NextToken":"more"})"_ba);
    m_server->enqueueJson(200, R"({"ARN":"arn:s1","Name":"sophon/a","SecretString":"A"})"_ba);
    m_server->enqueueJson(200, R"({"ARN":"arn:s2","Name":"sophon/b","SecretString":"B"})"_ba);
    BatchGetSecretValueRequest request;
    request.filters = {SecretFilter{u"name"_s, {u"sophon/"_s}}};
    request.maxResults = 2;
    auto result = await<BatchGetSecretValueResult>([&](QObject *context, auto callback) {
        return m_client->batchGetSecretValue(request, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QVERIFY(result->usedFallback);
    QCOMPARE(result->secretValues.size(), 2);
    QCOMPARE(result->nextToken, u"more"_s);
    const auto requests = m_server->requests();
    QCOMPARE(requests.at(1).header("X-Amz-Target"), "secretsmanager.ListSecrets"_ba);
    QCOMPARE(bodyOf(requests.at(1)),
             json(R"({"Filters":[{"Key":"name","Values":["sophon/"]}],"MaxResults":2})"));
    QCOMPARE(bodyOf(requests.at(2)), json(R"({"SecretId":"arn:s1"})"));
}

void TestAwsClient::testClockSkewIsCorrected()
{
    // The server's clock is one hour ahead of ours.
    const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(3600);
    const QByteArray date =
        QLocale::c().toString(serverNow, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
    m_server->enqueueJsonError("InvalidSignatureException",
                               "Signature expired: 20260101T000000Z is now earlier than 20260101T004500Z (20260101T010000Z - 15 min.)",
                               400, {{"Date"_ba, date}});
    m_server->enqueueJson(200, R"({"Name":"x","SecretString":"ok"})"_ba);
    m_server->enqueueJson(200, R"({"Name":"x","SecretString":"ok"})"_ba);
    QSignalSpy offsetChanged(m_transport, &AwsClient::clockOffsetChanged);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY2(result, qPrintable(result ? QString() : result.error().summary()));
    QCOMPARE(offsetChanged.count(), 1);
    QVERIFY(qAbs(m_transport->clockOffset(m_server->url()).count() - 3600) <= 2);

    auto result2 = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(result2);
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 3);
    for (int i : {1, 2}) {
        const QDateTime signedAt = SigV4Signer::parseAmzDate(requests.at(i).header("X-Amz-Date"));
        QVERIFY(signedAt.isValid());
        QVERIFY2(qAbs(signedAt.secsTo(serverNow)) < 60, qPrintable(signedAt.toString(Qt::ISODate)));
    }
}

void TestAwsClient::testClockSkewRetriedOnce()
{
    const QByteArray date = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc().addSecs(-7200),
                                          u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                                .toLatin1();
    m_server->enqueueJsonError("RequestExpired", "Request has expired.", 400, {{"Date"_ba, date}});
    m_server->enqueueJsonError("RequestExpired", "Request has expired.", 400, {{"Date"_ba, date}});
    m_server->enqueueJson(200, R"({"Name":"never"})"_ba);
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().kind, ErrorKind::RequestExpired);
    QCOMPARE(m_server->requestCount(), qsizetype(2));
    QVERIFY(qAbs(m_transport->clockOffset(m_server->url()).count() + 7200) <= 2);
}

void TestAwsClient::testClockOffsetIsPerEndpointAndBounded()
{
    // A server ten years ahead: Coffer corrects by a day at most, and only for that server.
    const QByteArray date = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc().addYears(10),
                                          u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                                .toLatin1();
    m_server->enqueueJsonError("RequestExpired", "Request has expired.", 400, {{"Date"_ba, date}});
    m_server->enqueueJsonError("RequestExpired", "Request has expired.", 400, {{"Date"_ba, date}});
    auto result = await<SecretValue>([this](QObject *context, auto callback) {
        return m_client->getSecretValue({u"x"_s, {}, {}}, context, callback);
    });
    QVERIFY(!result);
    QCOMPARE(m_transport->clockOffset(m_server->url()), std::chrono::seconds(AwsClient::kMaxClockOffset));
    const QDateTime signedAt = SigV4Signer::parseAmzDate(m_server->requests().at(1).header("X-Amz-Date"));
    QVERIFY(qAbs(signedAt.secsTo(QDateTime::currentDateTimeUtc().addDays(1))) < 60);

    QUrl other = m_server->url();
    other.setPort(other.port() + 1);
    QCOMPARE(m_transport->clockOffset(other), std::chrono::seconds(0));
    QUrl otherHost = m_server->url();
    otherHost.setHost(u"localhost"_s);
    QCOMPARE(m_transport->clockOffset(otherHost), std::chrono::seconds(0));
    // The same server, whatever the path.
    QUrl samePlace = m_server->url();
    samePlace.setPath(u"/some/path"_s);
    QCOMPARE(m_transport->clockOffset(samePlace), std::chrono::seconds(AwsClient::kMaxClockOffset));
}

void TestAwsClient::testSecretsNeverLogged()
{
    static QStringList captured;
    captured.clear();
    QLoggingCategory::setFilterRules(u"*.debug=true"_s);
    const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType, const QMessageLogContext &, const QString &message) { captured.append(message); });

    const QString secret = u"s3cr3t-DB_PASSWORD-value-9f8e7d"_s;
    m_server->enqueueJsonError("InternalServiceError", "oops", 500);
    m_server->enqueueJsonError("AccessDeniedException", "not allowed", 400);
    PutSecretValueRequest request;
    request.secretId = u"pixell/prod"_s;
    request.secretString = secret;
    auto result = await<PutSecretValueResult>([&](QObject *context, auto callback) {
        return m_client->putSecretValue(request, context, callback);
    });
    m_server->enqueueJson(200, "{\"Name\":\"pixell/prod\",\"SecretString\":\""_ba + secret.toLatin1() + "\"}"_ba);
    auto read = await<SecretValue>([&](QObject *context, auto callback) {
        return m_client->getSecretValue({u"pixell/prod"_s, {}, {}}, context, callback);
    });

    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QString());
    QVERIFY(!result);
    QVERIFY(read);
    QVERIFY2(!captured.isEmpty(), "the client logged nothing, so this test proves nothing");
    for (const QString &line : std::as_const(captured)) {
        QVERIFY(!line.contains(secret));
        QVERIFY(!line.contains(kSecretKey));
        QVERIFY(!line.contains(u"Authorization"_s, Qt::CaseInsensitive));
    }
}

QTEST_GUILESS_MAIN(TestAwsClient)
#include "testawsclient.moc"
