// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/secretsmanagercodec.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::aws;

namespace {

QJsonObject parsed(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("encoder produced invalid JSON");
    return document.object();
}

QJsonObject json(const char *text)
{
    return parsed(QByteArray(text));
}

QDateTime utc(qint64 msecs)
{
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

QByteArray allBytes()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    return bytes;
}

} // namespace

class TestSecretsManagerSerialization final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testTarget();
    void testEncode_data();
    void testEncode();
    void testSecretStringRoundTripsExactly_data();
    void testSecretStringRoundTripsExactly();
    void testSecretStringIsNotReformatted();
    void testSecretBinary();
    void testInvalidSecretBinaryIsProtocolError();
    void testDecodeListSecrets();
    void testDecodeDescribeSecret();
    void testDecodeBatchGetSecretValue();
    void testDecodeListSecretVersionIds();
    void testDecodeWrites();
    void testTimestampsAsStrings();
    void testMalformedBodies_data();
    void testMalformedBodies();
};

void TestSecretsManagerSerialization::testTarget()
{
    QCOMPARE(SecretsManagerCodec::target("GetSecretValue"_L1), "secretsmanager.GetSecretValue"_ba);
    QCOMPARE(SecretsManagerCodec::contentType, "application/x-amz-json-1.1"_L1);
}

void TestSecretsManagerSerialization::testEncode_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QJsonObject>("expected");

    QTest::newRow("ListSecrets empty") << SecretsManagerCodec::encode(ListSecretsRequest{})
                                       << json("{}");
    ListSecretsRequest list;
    list.filters = {SecretFilter{u"name"_s, {u"pixell/"_s}},
                    SecretFilter{u"tag-key"_s, {u"!team"_s, u"owner"_s}}};
    list.maxResults = 100;
    list.nextToken = u"tok+/="_s;
    list.includePlannedDeletion = true;
    list.sortOrder = u"asc"_s;
    list.sortBy = u"name"_s;
    QTest::newRow("ListSecrets full")
        << SecretsManagerCodec::encode(list)
        << json(R"j({"Filters":[{"Key":"name","Values":["pixell/"]},{"Key":"tag-key","Values":["!team","owner"]}],
                    "MaxResults":100,"NextToken":"tok+/=","IncludePlannedDeletion":true,
                    "SortOrder":"asc","SortBy":"name"})j");

    QTest::newRow("GetSecretValue by stage")
        << SecretsManagerCodec::encode(GetSecretValueRequest{u"pixell/prod"_s, {}, u"AWSPREVIOUS"_s})
        << json(R"j({"SecretId":"pixell/prod","VersionStage":"AWSPREVIOUS"})j");
    QTest::newRow("GetSecretValue by id")
        << SecretsManagerCodec::encode(GetSecretValueRequest{u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf"_s, u"v-1"_s, {}})
        << json(R"j({"SecretId":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-AbCdEf","VersionId":"v-1"})j");

    BatchGetSecretValueRequest batchIds;
    batchIds.secretIdList = {u"a"_s, u"b"_s};
    QTest::newRow("BatchGetSecretValue ids") << SecretsManagerCodec::encode(batchIds)
                                             << json(R"j({"SecretIdList":["a","b"]})j");
    BatchGetSecretValueRequest batchFilters;
    batchFilters.filters = {SecretFilter{u"name"_s, {u"sophon/"_s}}};
    batchFilters.maxResults = 20;
    batchFilters.nextToken = u"n"_s;
    QTest::newRow("BatchGetSecretValue filters")
        << SecretsManagerCodec::encode(batchFilters)
        << json(R"j({"Filters":[{"Key":"name","Values":["sophon/"]}],"MaxResults":20,"NextToken":"n"})j");

    ListSecretVersionIdsRequest versions;
    versions.secretId = u"s"_s;
    versions.includeDeprecated = true;
    versions.maxResults = 10;
    QTest::newRow("ListSecretVersionIds")
        << SecretsManagerCodec::encode(versions)
        << json(R"j({"SecretId":"s","IncludeDeprecated":true,"MaxResults":10})j");

    CreateSecretRequest create;
    create.name = u"miyabi/prod/api-keys"_s;
    create.clientRequestToken = u"11111111-2222-4333-8444-555555555555"_s;
    create.description = u"API keys"_s;
    create.kmsKeyId = u"alias/app"_s;
    create.secretString = u"{\"k\":\"v\"}"_s;
    create.tags = {Tag{u"team"_s, u"core"_s}};
    create.addReplicaRegions = {ReplicaRegion{u"eu-west-2"_s, {}}};
    create.forceOverwriteReplicaSecret = true;
    QTest::newRow("CreateSecret")
        << SecretsManagerCodec::encode(create)
        << json(R"j({"Name":"miyabi/prod/api-keys","ClientRequestToken":"11111111-2222-4333-8444-555555555555",
                    "Description":"API keys","KmsKeyId":"alias/app","SecretString":"{\"k\":\"v\"}",
                    "Tags":[{"Key":"team","Value":"core"}],"AddReplicaRegions":[{"Region":"eu-west-2"}],
                    "ForceOverwriteReplicaSecret":true})j");

    PutSecretValueRequest put;
    put.secretId = u"s"_s;
    put.clientRequestToken = u"tok"_s;
    put.secretBinary = "\x00\x01\xff"_ba;
    put.versionStages = {u"AWSPENDING"_s};
    QTest::newRow("PutSecretValue binary")
        << SecretsManagerCodec::encode(put)
        << json(R"j({"SecretId":"s","ClientRequestToken":"tok","SecretBinary":"AAH/","VersionStages":["AWSPENDING"]})j");

    UpdateSecretRequest updateMeta;
    updateMeta.secretId = u"s"_s;
    updateMeta.description = QString();  // clearing the description is different from leaving it
    QTest::newRow("UpdateSecret clear description")
        << SecretsManagerCodec::encode(updateMeta) << json(R"j({"SecretId":"s","Description":""})j");

    QTest::newRow("UpdateSecretVersionStage")
        << SecretsManagerCodec::encode(UpdateSecretVersionStageRequest{u"s"_s, u"AWSCURRENT"_s, u"v2"_s, u"v1"_s})
        << json(R"j({"SecretId":"s","VersionStage":"AWSCURRENT","RemoveFromVersionId":"v2","MoveToVersionId":"v1"})j");

    DeleteSecretRequest windowed;
    windowed.secretId = u"s"_s;
    windowed.recoveryWindowInDays = 7;
    QTest::newRow("DeleteSecret window") << SecretsManagerCodec::encode(windowed)
                                         << json(R"j({"SecretId":"s","RecoveryWindowInDays":7})j");
    DeleteSecretRequest forced;
    forced.secretId = u"s"_s;
    forced.forceDeleteWithoutRecovery = true;
    QTest::newRow("DeleteSecret forced")
        << SecretsManagerCodec::encode(forced)
        << json(R"j({"SecretId":"s","ForceDeleteWithoutRecovery":true})j");

    QTest::newRow("TagResource")
        << SecretsManagerCodec::encode(TagResourceRequest{u"s"_s, {Tag{u"a"_s, u"1"_s}, Tag{u"b"_s, u""_s}}})
        << json(R"j({"SecretId":"s","Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":""}]})j");
    QTest::newRow("UntagResource")
        << SecretsManagerCodec::encode(UntagResourceRequest{u"s"_s, {u"a"_s, u"b"_s}})
        << json(R"j({"SecretId":"s","TagKeys":["a","b"]})j");
    QTest::newRow("SecretId only") << SecretsManagerCodec::encodeSecretId(u"x/y"_s)
                                   << json(R"j({"SecretId":"x/y"})j");
}

void TestSecretsManagerSerialization::testEncode()
{
    QFETCH(QByteArray, body);
    QFETCH(QJsonObject, expected);
    QCOMPARE(parsed(body), expected);
}

void TestSecretsManagerSerialization::testSecretStringRoundTripsExactly_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("json with escapes") << u"{\"DB_PASSWORD\":\"p\\\"a/s\\\\s\"}"_s;
    QTest::newRow("pem with newlines")
        << u"-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END PUBLIC KEY-----\n"_s;
    QTest::newRow("unicode") << u"pässwörd ✓ 😀 中文"_s;
    QTest::newRow("control characters") << QString(u"tab\there\r\nbell\a nul"_s + QChar(0) + u"end"_s);
    QTest::newRow("trailing spaces") << u"  token  "_s;
    QTest::newRow("empty") << QString(u""_s);
}

void TestSecretsManagerSerialization::testSecretStringRoundTripsExactly()
{
    QFETCH(QString, value);
    PutSecretValueRequest put;
    put.secretId = u"s"_s;
    put.secretString = value;
    const QJsonObject body = parsed(SecretsManagerCodec::encode(put));
    QCOMPARE(body.value("SecretString"_L1).toString(), value);

    // And back: the server's answer carries the same JSON string.
    QJsonObject answer{{u"Name"_s, u"s"_s}, {u"SecretString"_s, value}};
    const auto decoded = SecretsManagerCodec::decodeGetSecretValue(
        QJsonDocument(answer).toJson(QJsonDocument::Compact));
    QVERIFY(decoded);
    QVERIFY(decoded->secretString.has_value());
    QCOMPARE(*decoded->secretString, value);
    QVERIFY(!decoded->isBinary());
}

void TestSecretsManagerSerialization::testSecretStringIsNotReformatted()
{
    // A JSON value inside SecretString is text: key order, spacing, number spelling and escapes
    // all survive, byte for byte once the JSON string escaping is undone.
    const QByteArray body =
        R"j({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-a1B2c3","Name":"pixell/prod",)j"
        R"j("VersionId":"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1","SecretString":"{\"z\": 1.50, \"a\":1e2,\n \"big\":12345678901234567890, \"u\":\"\\u00e9\u00e9\"}",)j"
        R"j("VersionStages":["AWSCURRENT"],"CreatedDate":1.523477145713E9})j"_ba;
    const auto decoded = SecretsManagerCodec::decodeGetSecretValue(body);
    QVERIFY(decoded);
    QCOMPARE(*decoded->secretString,
             QString::fromUtf8("{\"z\": 1.50, \"a\":1e2,\n \"big\":12345678901234567890, "
                               "\"u\":\"\\u00e9\xc3\xa9\"}"));
    QCOMPARE(decoded->name, u"pixell/prod"_s);
    QCOMPARE(decoded->versionId, u"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1"_s);
    QCOMPARE(decoded->versionStages, QStringList{u"AWSCURRENT"_s});
    QCOMPARE(decoded->createdDate, utc(1523477145713));
}

void TestSecretsManagerSerialization::testSecretBinary()
{
    const QByteArray bytes = allBytes();
    PutSecretValueRequest put;
    put.secretId = u"bin"_s;
    put.secretBinary = bytes;
    const QJsonObject body = parsed(SecretsManagerCodec::encode(put));
    QCOMPARE(body.value("SecretBinary"_L1).toString().toLatin1(), bytes.toBase64());
    QVERIFY(!body.contains("SecretString"_L1));

    const QByteArray answer = "{\"Name\":\"bin\",\"SecretBinary\":\""_ba + bytes.toBase64() + "\"}"_ba;
    const auto decoded = SecretsManagerCodec::decodeGetSecretValue(answer);
    QVERIFY(decoded);
    QVERIFY(decoded->isBinary());
    QCOMPARE(*decoded->secretBinary, bytes);
    QVERIFY(!decoded->secretString.has_value());
}

void TestSecretsManagerSerialization::testInvalidSecretBinaryIsProtocolError()
{
    const auto decoded =
        SecretsManagerCodec::decodeGetSecretValue(R"j({"Name":"b","SecretBinary":"not*base64!"})j"_ba);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().kind, ErrorKind::ProtocolError);
}

void TestSecretsManagerSerialization::testDecodeListSecrets()
{
    const QByteArray body = R"j({"SecretList":[
        {"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/dev-AbCdEf","Name":"pixell/dev",
         "Description":"dev env","LastChangedDate":1.7e9,"LastAccessedDate":1699920000.0,
         "Tags":[{"Key":"team","Value":"pixell"}],
         "SecretVersionsToStages":{"v1":["AWSCURRENT"],"v0":["AWSPREVIOUS"]},
         "CreatedDate":1690000000.5,"PrimaryRegion":"eu-west-1","OwningService":"rds",
         "RotationEnabled":true,"RotationRules":{"AutomaticallyAfterDays":30,"ScheduleExpression":"rate(30 days)"}},
        {"ARN":"arn:x","Name":"old/one","DeletedDate":1700000000}
      ],"NextToken":"page2"})j"_ba;
    const auto decoded = SecretsManagerCodec::decodeListSecrets(body);
    QVERIFY(decoded);
    QCOMPARE(decoded->nextToken, u"page2"_s);
    QCOMPARE(decoded->secretList.size(), 2);
    const SecretMetadata &first = decoded->secretList.at(0);
    QCOMPARE(first.name, u"pixell/dev"_s);
    QCOMPARE(first.description, u"dev env"_s);
    QCOMPARE(first.lastChangedDate, utc(1700000000000));
    QCOMPARE(first.createdDate, utc(1690000000500));
    QCOMPARE(first.tags, (QList<Tag>{Tag{u"team"_s, u"pixell"_s}}));
    QCOMPARE(first.versionIdsToStages.value(u"v1"_s), QStringList{u"AWSCURRENT"_s});
    QCOMPARE(first.versionIdsToStages.value(u"v0"_s), QStringList{u"AWSPREVIOUS"_s});
    QCOMPARE(first.primaryRegion, u"eu-west-1"_s);
    QCOMPARE(first.owningService, u"rds"_s);
    QVERIFY(first.rotationEnabled);
    QVERIFY(first.rotationRules);
    QCOMPARE(first.rotationRules->automaticallyAfterDays, std::optional<qint64>(30));
    QCOMPARE(first.rotationRules->scheduleExpression, u"rate(30 days)"_s);
    QVERIFY(!first.isScheduledForDeletion());
    QVERIFY(decoded->secretList.at(1).isScheduledForDeletion());
    QCOMPARE(decoded->secretList.at(1).deletedDate, utc(1700000000000));
}

void TestSecretsManagerSerialization::testDecodeDescribeSecret()
{
    const QByteArray body = R"j({"ARN":"arn:a","Name":"sophon/prod/auth/jwt-keys","KmsKeyId":"arn:aws:kms:eu-west-1:1:key/k",
        "VersionIdsToStages":{"a":["AWSCURRENT","custom"]},"DeletedDate":1.7e9,
        "ReplicationStatus":[{"Region":"eu-central-1","KmsKeyId":"alias/aws/secretsmanager","Status":"InSync",
                              "StatusMessage":"Replication succeeded","LastAccessedDate":1.7e9}],
        "NextRotationDate":1.8e9,"SomeFutureMember":{"x":1}})j"_ba;
    const auto decoded = SecretsManagerCodec::decodeDescribeSecret(body);
    QVERIFY(decoded);
    QCOMPARE(decoded->name, u"sophon/prod/auth/jwt-keys"_s);
    QCOMPARE(decoded->kmsKeyId, u"arn:aws:kms:eu-west-1:1:key/k"_s);
    QCOMPARE(decoded->versionIdsToStages.value(u"a"_s), (QStringList{u"AWSCURRENT"_s, u"custom"_s}));
    QVERIFY(decoded->isScheduledForDeletion());
    QCOMPARE(decoded->replicationStatus.size(), 1);
    QCOMPARE(decoded->replicationStatus.at(0).status, u"InSync"_s);
    QCOMPARE(decoded->replicationStatus.at(0).lastAccessedDate, utc(1700000000000));
    QCOMPARE(decoded->nextRotationDate, utc(1800000000000));
    QVERIFY(!decoded->rotationRules.has_value());
}

void TestSecretsManagerSerialization::testDecodeBatchGetSecretValue()
{
    const QByteArray body = R"j({"SecretValues":[
          {"ARN":"arn:1","Name":"a","VersionId":"v","SecretString":"one","VersionStages":["AWSCURRENT"],"CreatedDate":1.0},
          {"ARN":"arn:2","Name":"b","VersionId":"w","SecretBinary":"AAE=","VersionStages":["AWSCURRENT"]}],
        "Errors":[{"SecretId":"c","ErrorCode":"ResourceNotFoundException","Message":"not there"},
                  {"SecretId":"d","ErrorCode":"DecryptionFailure","Message":"kms"}],
        "NextToken":"more"})j"_ba;
    const auto decoded = SecretsManagerCodec::decodeBatchGetSecretValue(body);
    QVERIFY(decoded);
    QCOMPARE(decoded->secretValues.size(), 2);
    QCOMPARE(*decoded->secretValues.at(0).secretString, u"one"_s);
    QCOMPARE(decoded->secretValues.at(0).createdDate, utc(1000));
    QCOMPARE(*decoded->secretValues.at(1).secretBinary, "\x00\x01"_ba);
    QCOMPARE(decoded->errors.size(), 2);
    QCOMPARE(decoded->errors.at(0).secretId, u"c"_s);
    QCOMPARE(decoded->errors.at(0).error.kind, ErrorKind::ResourceNotFound);
    QCOMPARE(decoded->errors.at(0).error.message, u"not there"_s);
    QCOMPARE(decoded->errors.at(1).error.kind, ErrorKind::DecryptionFailure);
    QCOMPARE(decoded->nextToken, u"more"_s);
    QVERIFY(!decoded->usedFallback);
}

void TestSecretsManagerSerialization::testDecodeListSecretVersionIds()
{
    const QByteArray body = R"j({"ARN":"arn:s","Name":"s","Versions":[
        {"VersionId":"v1","VersionStages":["AWSPREVIOUS"],"CreatedDate":1.5e9,"KmsKeyIds":["DefaultEncryptionKey"]},
        {"VersionId":"v2","VersionStages":["AWSCURRENT"],"LastAccessedDate":1.6e9},
        {"VersionId":"v0","CreatedDate":1.4e9}]})j"_ba;
    const auto decoded = SecretsManagerCodec::decodeListSecretVersionIds(body);
    QVERIFY(decoded);
    QCOMPARE(decoded->arn, u"arn:s"_s);
    QCOMPARE(decoded->versions.size(), 3);
    QCOMPARE(decoded->versions.at(0).kmsKeyIds, QStringList{u"DefaultEncryptionKey"_s});
    QCOMPARE(decoded->versions.at(1).lastAccessedDate, utc(1600000000000));
    QVERIFY(decoded->versions.at(2).versionStages.isEmpty());  // deprecated
    QVERIFY(decoded->nextToken.isEmpty());
}

void TestSecretsManagerSerialization::testDecodeWrites()
{
    const auto created = SecretsManagerCodec::decodeCreateSecret(
        R"j({"ARN":"arn:c","Name":"c","VersionId":"t1","ReplicationStatus":[{"Region":"eu-west-2","Status":"InProgress"}]})j"_ba);
    QVERIFY(created);
    QCOMPARE(created->versionId, u"t1"_s);
    QCOMPARE(created->replicationStatus.at(0).region, u"eu-west-2"_s);

    const auto put = SecretsManagerCodec::decodePutSecretValue(
        R"j({"ARN":"arn:c","Name":"c","VersionId":"t2","VersionStages":["AWSCURRENT"]})j"_ba);
    QVERIFY(put);
    QCOMPARE(put->versionStages, QStringList{u"AWSCURRENT"_s});

    const auto updated = SecretsManagerCodec::decodeUpdateSecret(R"j({"ARN":"arn:c","Name":"c"})j"_ba);
    QVERIFY(updated);
    QVERIFY(updated->versionId.isEmpty());

    const auto deleted = SecretsManagerCodec::decodeDeleteSecret(
        R"j({"ARN":"arn:c","Name":"c","DeletionDate":1.7e9})j"_ba);
    QVERIFY(deleted);
    QCOMPARE(deleted->deletionDate, utc(1700000000000));

    const auto identity = SecretsManagerCodec::decodeSecretIdentity(R"j({"ARN":"arn:c","Name":"c"})j"_ba);
    QVERIFY(identity);
    QCOMPARE(identity->arn, u"arn:c"_s);

    const auto policy = SecretsManagerCodec::decodeGetResourcePolicy(
        R"j({"ARN":"arn:c","Name":"c","ResourcePolicy":"{\"Version\":\"2012-10-17\"}"})j"_ba);
    QVERIFY(policy);
    QCOMPARE(policy->resourcePolicy, u"{\"Version\":\"2012-10-17\"}"_s);
    const auto noPolicy = SecretsManagerCodec::decodeGetResourcePolicy(R"j({"ARN":"arn:c","Name":"c"})j"_ba);
    QVERIFY(noPolicy);
    QVERIFY(noPolicy->resourcePolicy.isEmpty());

    QVERIFY(SecretsManagerCodec::decodeEmpty({}));
    QVERIFY(SecretsManagerCodec::decodeEmpty("{}"_ba));
}

void TestSecretsManagerSerialization::testTimestampsAsStrings()
{
    const auto decoded = SecretsManagerCodec::decodeDeleteSecret(
        R"j({"ARN":"a","DeletionDate":"2026-01-02T03:04:05.678Z"})j"_ba);
    QVERIFY(decoded);
    QCOMPARE(decoded->deletionDate,
             QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC));
}

void TestSecretsManagerSerialization::testMalformedBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("html") << "<html>gateway</html>"_ba;
    QTest::newRow("array") << "[1,2]"_ba;
    QTest::newRow("truncated") << R"j({"Name":"x","SecretString":"abc)j"_ba;
}

void TestSecretsManagerSerialization::testMalformedBodies()
{
    QFETCH(QByteArray, body);
    const auto decoded = SecretsManagerCodec::decodeGetSecretValue(body);
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().kind, ErrorKind::ProtocolError);
    QVERIFY(!SecretsManagerCodec::decodeListSecrets(body));
}

QTEST_GUILESS_MAIN(TestSecretsManagerSerialization)
#include "testsecretsmanagerserialization.moc"
