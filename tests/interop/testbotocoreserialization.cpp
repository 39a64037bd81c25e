// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsclient.h"
#include "models/aws/iamclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/secretsmanagercodec.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"
#include "tests/support/scriptedhttpserver.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace coffer::aws;
using coffer::test::ScriptedHttpServer;

namespace {

// botocore, an independent implementation of the AWS protocols, is the oracle: it serializes
// the same parameters (validating them against the service model on the way) and parses the
// same answers; Coffer must agree with it.
const char *const kOracle = R"PY(
import base64, datetime, json, sys
import botocore.session, botocore.serialize, botocore.parsers

session = botocore.session.get_session()

class NotInModel(Exception):
    pass

def to_model(shape, value):
    if shape is None:
        return value
    kind = shape.type_name
    if kind == 'blob':
        return base64.b64decode(value)
    if kind == 'structure':
        for k in value:
            if k not in shape.members:
                raise NotInModel(shape.name + '.' + k)
        return {k: to_model(shape.members[k], v) for k, v in value.items()}
    if kind == 'list':
        return [to_model(shape.member, v) for v in value]
    if kind == 'map':
        return {k: to_model(shape.value, v) for k, v in value.items()}
    return value

def to_json(value):
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return {'$bytes': base64.b64encode(value).decode('ascii')}
    if isinstance(value, datetime.datetime):
        return {'$epochMs': int(round(value.timestamp() * 1000))}
    return value

out = []
for case in json.load(sys.stdin):
    try:
        model = session.get_service_model(case['service'])
        if case['operation'] not in model.operation_names:
            out.append({'missing': True, 'reason': 'the model has no ' + case['operation']})
            continue
        op = model.operation_model(case['operation'])
        protocol = model.metadata['protocol']
        if case['kind'] == 'serialize':
            params = to_model(op.input_shape, case['params'])
            serializer = botocore.serialize.create_serializer(protocol, include_validation=True)
            request = serializer.serialize_to_request(params, op)
            body = request['body']
            if isinstance(body, (bytes, bytearray)):
                body = body.decode('utf-8')
            elif isinstance(body, dict):
                body = {k: str(v) for k, v in body.items()}
            out.append({'headers': dict(request['headers']), 'body': body})
        else:
            parser = botocore.parsers.create_parser(protocol)
            parsed = parser.parse({'status_code': case['status'], 'headers': case.get('headers', {}),
                                   'body': case['body'].encode('utf-8')}, op.output_shape)
            parsed.pop('ResponseMetadata', None) if case['status'] < 300 else None
            out.append({'parsed': to_json(parsed)})
    except NotInModel as missing:
        out.append({'missing': True, 'reason': 'the model has no ' + str(missing)})
    except Exception as error:
        out.append({'error': type(error).__name__ + ': ' + str(error)})
json.dump(out, sys.stdout)
)PY";

AwsCredentials testCredentials()
{
    AwsCredentials credentials;
    credentials.accessKeyId = u"AKIDEXAMPLE"_s;
    credentials.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
    return credentials;
}

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad JSON in test: %s", text);
    return document.object();
}

QMap<QString, QString> formOf(const QByteArray &body)
{
    QMap<QString, QString> form;
    for (const QByteArray &pair : body.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        form.insert(QUrl::fromPercentEncoding(pair.left(equals)),
                    QUrl::fromPercentEncoding(pair.mid(equals + 1)));
    }
    return form;
}

qint64 epochMs(const QJsonValue &value)
{
    return value.toObject().value("$epochMs"_L1).toInteger();
}

QByteArray bytesOf(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toObject().value("$bytes"_L1).toString().toLatin1());
}

/// One operation as Coffer sends it and as botocore would.
struct SerializeCase
{
    QString name;
    QString service;      ///< botocore service name
    QString operation;
    QJsonObject params;   ///< botocore parameters (blobs base64-encoded)
    std::function<AwsCall *(QObject *context)> send;  ///< the same call through Coffer's client
};

struct ParseCase
{
    QString name;
    QString service;
    QString operation;
    int status = 200;
    QByteArray body;
    QJsonObject headers;
    std::function<void(const QJsonObject &botocore)> check;  ///< runs Coffer's decoder, compares
};

} // namespace

class TestBotocoreSerialization final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void testSecretsManagerRequestsMatchBotocore();
    void testQueryRequestsMatchBotocore();
    void testSecretsManagerAnswersParseLikeBotocore();
    void testQueryAnswersParseLikeBotocore();

private:
    /// Runs the oracle over `cases` (a JSON array) and returns its answers, one per case.
    QJsonArray runOracle(const QJsonArray &cases);
    void compareRequests(const QList<SerializeCase> &cases);
    void compareAnswers(const QList<ParseCase> &cases);
    ClientConfig config(const QString &region) const;

    QString m_python;
    ScriptedHttpServer *m_server = nullptr;
    AwsClient *m_transport = nullptr;
};

void TestBotocoreSerialization::initTestCase()
{
    // An interop test that skips proves nothing: the dependency script installs botocore.
    m_python = coffer::test::botocorePython();
    if (m_python.isEmpty())
        QFAIL("python3 is not installed; packaging/install-deps.sh installs python3-botocore.");
    QProcess probe;
    probe.start(m_python, {u"-c"_s, u"import botocore, botocore.serialize, botocore.parsers"_s});
    if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
        QFAIL("botocore is not installed; packaging/install-deps.sh installs python3-botocore.");
}

void TestBotocoreSerialization::init()
{
    m_server = new ScriptedHttpServer(this);
    QVERIFY(m_server->isListening());
    m_transport = new AwsClient(this);
}

void TestBotocoreSerialization::cleanup()
{
    delete m_transport;
    delete m_server;
}

ClientConfig TestBotocoreSerialization::config(const QString &region) const
{
    ClientConfig config;
    config.region = region;
    config.endpoint = m_server->url();
    config.credentials = std::make_shared<StaticCredentialsProvider>(testCredentials());
    config.maxAttempts = 1;
    return config;
}

QJsonArray TestBotocoreSerialization::runOracle(const QJsonArray &cases)
{
    QProcess python;
    python.start(m_python, {u"-c"_s, QString::fromUtf8(kOracle)});
    if (!python.waitForStarted(30000))
        return {};
    python.write(QJsonDocument(cases).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    if (!python.waitForFinished(120000) || python.exitCode() != 0) {
        qWarning().noquote() << "botocore oracle failed:" << python.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

void TestBotocoreSerialization::compareRequests(const QList<SerializeCase> &cases)
{
    // What Coffer puts on the wire, captured by a real server.
    QList<ScriptedHttpServer::Request> sent;
    for (const SerializeCase &testCase : cases) {
        if (testCase.service == u"secretsmanager"_s) {
            m_server->enqueueJsonError("AccessDeniedException", "stop here");
        } else {
            m_server->enqueueXml(403, "<ErrorResponse><Error><Code>AccessDenied</Code>"
                                      "<Message>stop here</Message></Error></ErrorResponse>"_ba);
        }
        const qsizetype before = m_server->requestCount();
        QObject context;
        bool done = false;
        QPointer<AwsCall> call = testCase.send(&context);
        QVERIFY(call);
        connect(call.data(), &AwsCall::finished, &context, [&done] { done = true; });
        QVERIFY2(QTest::qWaitFor([&done] { return done; }, 10000), qPrintable(testCase.name));
        QCOMPARE(m_server->requestCount(), before + 1);
        sent.append(m_server->requests().constLast());
    }

    QJsonArray oracleCases;
    for (const SerializeCase &testCase : cases) {
        oracleCases.append(QJsonObject{{u"kind"_s, u"serialize"_s},
                                       {u"service"_s, testCase.service},
                                       {u"operation"_s, testCase.operation},
                                       {u"params"_s, testCase.params}});
    }
    const QJsonArray answers = runOracle(oracleCases);
    QCOMPARE(answers.size(), cases.size());

    int compared = 0;
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const SerializeCase &testCase = cases.at(i);
        const QJsonObject answer = answers.at(i).toObject();
        if (answer.value("missing"_L1).toBool()) {
            qInfo().noquote() << testCase.name << "skipped:"
                              << answer.value("reason"_L1).toString();
            continue;
        }
        QVERIFY2(!answer.contains("error"_L1),
                 qPrintable(testCase.name + u": botocore rejected the parameters: "_s
                            + answer.value("error"_L1).toString()));
        const QJsonObject headers = answer.value("headers"_L1).toObject();
        const ScriptedHttpServer::Request &request = sent.at(i);
        QCOMPARE(QString::fromLatin1(request.header("Content-Type")),
                 headers.value("Content-Type"_L1).toString());
        if (testCase.service == u"secretsmanager"_s) {
            QCOMPARE(QString::fromLatin1(request.header("X-Amz-Target")),
                     headers.value("X-Amz-Target"_L1).toString());
            const QJsonObject ours = QJsonDocument::fromJson(request.body).object();
            const QJsonObject theirs =
                QJsonDocument::fromJson(answer.value("body"_L1).toString().toUtf8()).object();
            if (ours != theirs) {
                qWarning().noquote() << testCase.name << "\n coffer:  " << request.body
                                     << "\n botocore:" << answer.value("body"_L1).toString();
            }
            QVERIFY2(ours == theirs, qPrintable(testCase.name));
        } else {
            QVERIFY(!request.hasHeader("X-Amz-Target"));
            QMap<QString, QString> theirs;
            const QJsonObject body = answer.value("body"_L1).toObject();
            for (auto it = body.constBegin(); it != body.constEnd(); ++it)
                theirs.insert(it.key(), it.value().toString());
            const QMap<QString, QString> ours = formOf(request.body);
            if (ours != theirs)
                qWarning() << testCase.name << "\n coffer:  " << ours << "\n botocore:" << theirs;
            QVERIFY2(ours == theirs, qPrintable(testCase.name));
        }
        ++compared;
    }
    // An older botocore (Debian's) lacks the newest operations and members; most must compare.
    QVERIFY2(compared * 2 >= cases.size(), "too few cases compared with botocore");
}

void TestBotocoreSerialization::compareAnswers(const QList<ParseCase> &cases)
{
    QJsonArray oracleCases;
    for (const ParseCase &testCase : cases) {
        oracleCases.append(QJsonObject{{u"kind"_s, u"parse"_s},
                                       {u"service"_s, testCase.service},
                                       {u"operation"_s, testCase.operation},
                                       {u"status"_s, testCase.status},
                                       {u"headers"_s, testCase.headers},
                                       {u"body"_s, QString::fromUtf8(testCase.body)}});
    }
    const QJsonArray answers = runOracle(oracleCases);
    QCOMPARE(answers.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i) {
        const QJsonObject answer = answers.at(i).toObject();
        if (answer.value("missing"_L1).toBool())
            continue;
        QVERIFY2(answer.contains("parsed"_L1),
                 qPrintable(cases.at(i).name + u": "_s + answer.value("error"_L1).toString()));
        cases.at(i).check(answer.value("parsed"_L1).toObject());
        if (QTest::currentTestFailed()) {
            qWarning().noquote() << "failed case:" << cases.at(i).name;
            return;
        }
    }
}

void TestBotocoreSerialization::testSecretsManagerRequestsMatchBotocore()
{
    SecretsManagerClient sm(m_transport, config(u"us-east-1"_s));
    QList<SerializeCase> cases;
    auto add = [&cases](const char *name, const char *operation, const char *params,
                        std::function<AwsCall *(QObject *)> send) {
        cases.append(SerializeCase{QString::fromLatin1(name), u"secretsmanager"_s,
                                   QString::fromLatin1(operation), json(params), std::move(send)});
    };
    auto ignore = [](auto) {};

    add("ListSecrets, every member", "ListSecrets",
        R"({"IncludePlannedDeletion":true,"MaxResults":100,"NextToken":"tok",
            "Filters":[{"Key":"name","Values":["pixell/"]},{"Key":"tag-key","Values":["!deprecated","team"]},
                       {"Key":"all","Values":["prod"]}],"SortOrder":"asc"})",
        [&](QObject *context) {
            ListSecretsRequest request;
            request.includePlannedDeletion = true;
            request.maxResults = 100;
            request.nextToken = u"tok"_s;
            request.filters = {SecretFilter{u"name"_s, {u"pixell/"_s}},
                               SecretFilter{u"tag-key"_s, {u"!deprecated"_s, u"team"_s}},
                               SecretFilter{u"all"_s, {u"prod"_s}}};
            request.sortOrder = u"asc"_s;
            return sm.listSecrets(request, context, ignore);
        });
    add("ListSecrets, members of every model version", "ListSecrets",
        R"({"MaxResults":1,"Filters":[{"Key":"description","Values":["!legacy"]}],"SortOrder":"desc"})",
        [&](QObject *context) {
            ListSecretsRequest request;
            request.maxResults = 1;
            request.filters = {SecretFilter{u"description"_s, {u"!legacy"_s}}};
            request.sortOrder = u"desc"_s;
            return sm.listSecrets(request, context, ignore);
        });
    add("ListSecrets, nothing", "ListSecrets", "{}",
        [&](QObject *context) { return sm.listSecrets({}, context, ignore); });
    add("DescribeSecret", "DescribeSecret", R"({"SecretId":"paintbox/production/jwt/public-keys"})",
        [&](QObject *context) {
            return sm.describeSecret(u"paintbox/production/jwt/public-keys"_s, context, ignore);
        });
    add("GetSecretValue by stage", "GetSecretValue",
        R"({"SecretId":"pixell/prod","VersionStage":"AWSPREVIOUS"})", [&](QObject *context) {
            return sm.getSecretValue({u"pixell/prod"_s, {}, u"AWSPREVIOUS"_s}, context, ignore);
        });
    add("GetSecretValue by version id", "GetSecretValue",
        R"({"SecretId":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf","VersionId":"EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"})",
        [&](QObject *context) {
            return sm.getSecretValue({u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf"_s,
                                      u"EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"_s, {}},
                                     context, ignore);
        });
    add("BatchGetSecretValue by ids", "BatchGetSecretValue",
        R"({"SecretIdList":["pixell/dev","pixell/prod"]})", [&](QObject *context) {
            BatchGetSecretValueRequest request;
            request.secretIdList = {u"pixell/dev"_s, u"pixell/prod"_s};
            return sm.batchGetSecretValue(request, context, ignore);
        });
    add("BatchGetSecretValue by filters", "BatchGetSecretValue",
        R"({"Filters":[{"Key":"name","Values":["sophon/"]}],"MaxResults":20,"NextToken":"n"})",
        [&](QObject *context) {
            BatchGetSecretValueRequest request;
            request.filters = {SecretFilter{u"name"_s, {u"sophon/"_s}}};
            request.maxResults = 20;
            request.nextToken = u"n"_s;
            return sm.batchGetSecretValue(request, context, ignore);
        });
    add("ListSecretVersionIds", "ListSecretVersionIds",
        R"({"SecretId":"s","MaxResults":5,"NextToken":"x","IncludeDeprecated":true})",
        [&](QObject *context) {
            ListSecretVersionIdsRequest request{u"s"_s, 5, u"x"_s, true};
            return sm.listSecretVersionIds(request, context, ignore);
        });
    add("CreateSecret, string with everything", "CreateSecret",
        R"({"Name":"sophon/prod/auth/jwt-keys","ClientRequestToken":"4b5c6d7e-0000-4000-8000-111122223333",
            "Description":"JWT keys","KmsKeyId":"alias/sophon",
            "SecretString":"{\"access\":{\"privateKeyPem\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n\"},\"note\":\"caf\u00e9 \ud83d\ude00 \\\"q\\\" \\\\ /\"}",
            "Tags":[{"Key":"team","Value":"sophon"},{"Key":"env","Value":"prod"}],
            "AddReplicaRegions":[{"Region":"eu-west-2","KmsKeyId":"alias/replica"}],
            "ForceOverwriteReplicaSecret":true})",
        [&](QObject *context) {
            CreateSecretRequest request;
            request.name = u"sophon/prod/auth/jwt-keys"_s;
            request.clientRequestToken = u"4b5c6d7e-0000-4000-8000-111122223333"_s;
            request.description = u"JWT keys"_s;
            request.kmsKeyId = u"alias/sophon"_s;
            request.secretString = QString::fromUtf8(
                "{\"access\":{\"privateKeyPem\":\"-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END "
                "PRIVATE KEY-----\\n\"},\"note\":\"caf\xc3\xa9 \xf0\x9f\x98\x80 \\\"q\\\" \\\\ /\"}");
            request.tags = {Tag{u"team"_s, u"sophon"_s}, Tag{u"env"_s, u"prod"_s}};
            request.addReplicaRegions = {ReplicaRegion{u"eu-west-2"_s, u"alias/replica"_s}};
            request.forceOverwriteReplicaSecret = true;
            return sm.createSecret(request, context, ignore);
        });
    add("CreateSecret, binary", "CreateSecret",
        R"({"Name":"binary/secret","ClientRequestToken":"4b5c6d7e-0000-4000-8000-444455556666","SecretBinary":"AAECA/7/"})",
        [&](QObject *context) {
            CreateSecretRequest request;
            request.name = u"binary/secret"_s;
            request.clientRequestToken = u"4b5c6d7e-0000-4000-8000-444455556666"_s;
            request.secretBinary = "\x00\x01\x02\x03\xfe\xff"_ba;
            return sm.createSecret(request, context, ignore);
        });
    add("PutSecretValue", "PutSecretValue",
        R"({"SecretId":"pixell/prod","ClientRequestToken":"4b5c6d7e-0000-4000-8000-777788889999",
            "SecretString":"{\"DB_HOST\":\"db\",\"DB_PASSWORD\":\"p@ss\"}","VersionStages":["AWSPENDING","custom"]})",
        [&](QObject *context) {
            PutSecretValueRequest request;
            request.secretId = u"pixell/prod"_s;
            request.clientRequestToken = u"4b5c6d7e-0000-4000-8000-777788889999"_s;
            request.secretString = u"{\"DB_HOST\":\"db\",\"DB_PASSWORD\":\"p@ss\"}"_s;
            request.versionStages = {u"AWSPENDING"_s, u"custom"_s};
            return sm.putSecretValue(request, context, ignore);
        });
    add("UpdateSecret", "UpdateSecret",
        R"({"SecretId":"miyabi/prod/config","ClientRequestToken":"4b5c6d7e-0000-4000-8000-aaaabbbbcccc",
            "Description":"","KmsKeyId":"alias/new","SecretString":"plain token"})",
        [&](QObject *context) {
            UpdateSecretRequest request;
            request.secretId = u"miyabi/prod/config"_s;
            request.clientRequestToken = u"4b5c6d7e-0000-4000-8000-aaaabbbbcccc"_s;
            request.description = QString();
            request.kmsKeyId = u"alias/new"_s;
            request.secretString = u"plain token"_s;
            return sm.updateSecret(request, context, ignore);
        });
    add("UpdateSecretVersionStage", "UpdateSecretVersionStage",
        R"({"SecretId":"s","VersionStage":"AWSCURRENT","RemoveFromVersionId":"11111111-1111-4111-8111-111111111111",
            "MoveToVersionId":"22222222-2222-4222-8222-222222222222"})",
        [&](QObject *context) {
            return sm.updateSecretVersionStage({u"s"_s, u"AWSCURRENT"_s,
                                                u"11111111-1111-4111-8111-111111111111"_s,
                                                u"22222222-2222-4222-8222-222222222222"_s},
                                               context, ignore);
        });
    add("DeleteSecret, window", "DeleteSecret", R"({"SecretId":"s","RecoveryWindowInDays":7})",
        [&](QObject *context) {
            DeleteSecretRequest request;
            request.secretId = u"s"_s;
            request.recoveryWindowInDays = 7;
            return sm.deleteSecret(request, context, ignore);
        });
    add("DeleteSecret, forced", "DeleteSecret",
        R"({"SecretId":"s","ForceDeleteWithoutRecovery":true})", [&](QObject *context) {
            DeleteSecretRequest request;
            request.secretId = u"s"_s;
            request.forceDeleteWithoutRecovery = true;
            return sm.deleteSecret(request, context, ignore);
        });
    add("RestoreSecret", "RestoreSecret", R"({"SecretId":"s"})",
        [&](QObject *context) { return sm.restoreSecret(u"s"_s, context, ignore); });
    add("TagResource", "TagResource",
        R"({"SecretId":"s","Tags":[{"Key":"a","Value":"1"},{"Key":"b","Value":""}]})",
        [&](QObject *context) {
            return sm.tagResource({u"s"_s, {Tag{u"a"_s, u"1"_s}, Tag{u"b"_s, u""_s}}}, context, ignore);
        });
    add("UntagResource", "UntagResource", R"({"SecretId":"s","TagKeys":["a","b"]})",
        [&](QObject *context) { return sm.untagResource({u"s"_s, {u"a"_s, u"b"_s}}, context, ignore); });
    add("GetResourcePolicy", "GetResourcePolicy", R"({"SecretId":"s"})",
        [&](QObject *context) { return sm.getResourcePolicy(u"s"_s, context, ignore); });

    compareRequests(cases);
}

void TestBotocoreSerialization::testQueryRequestsMatchBotocore()
{
    StsClient sts(m_transport, config(u"eu-west-1"_s));
    IamClient iam(m_transport, config(u"eu-west-1"_s));
    auto ignore = [](auto) {};
    QList<SerializeCase> cases;
    cases.append({u"GetCallerIdentity"_s, u"sts"_s, u"GetCallerIdentity"_s, QJsonObject(),
                  [&](QObject *context) { return sts.getCallerIdentity(context, ignore); }});
    cases.append({u"AssumeRole, every member we send"_s, u"sts"_s, u"AssumeRole"_s,
                  json(R"({"RoleArn":"arn:aws:iam::123456789012:role/secrets-reader","RoleSessionName":"coffer-support",
                           "PolicyArns":[{"arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}],
                           "Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}","DurationSeconds":3600,
                           "ExternalId":"ext id+&=/~","SerialNumber":"arn:aws:iam::123456789012:mfa/support",
                           "TokenCode":"123456","SourceIdentity":"alice"})"),
                  [&](QObject *context) {
                      AssumeRoleRequest request;
                      request.roleArn = u"arn:aws:iam::123456789012:role/secrets-reader"_s;
                      request.roleSessionName = u"coffer-support"_s;
                      request.policyArns = {u"arn:aws:iam::aws:policy/ReadOnlyAccess"_s};
                      request.policy = u"{\"Version\":\"2012-10-17\",\"Statement\":[]}"_s;
                      request.durationSeconds = 3600;
                      request.externalId = u"ext id+&=/~"_s;
                      request.serialNumber = u"arn:aws:iam::123456789012:mfa/support"_s;
                      request.tokenCode = u"123456"_s;
                      request.sourceIdentity = u"alice"_s;
                      return sts.assumeRole(request, context, ignore);
                  }});
    cases.append({u"AssumeRoleWithWebIdentity, every member we send"_s, u"sts"_s,
                  u"AssumeRoleWithWebIdentity"_s,
                  json(R"({"RoleArn":"arn:aws:iam::123456789012:role/ci","RoleSessionName":"ci-job",
                           "WebIdentityToken":"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl",
                           "PolicyArns":[{"arn":"arn:aws:iam::aws:policy/ReadOnlyAccess"}],
                           "Policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}","DurationSeconds":900})"),
                  [&](QObject *context) {
                      AssumeRoleWithWebIdentityRequest request;
                      request.roleArn = u"arn:aws:iam::123456789012:role/ci"_s;
                      request.roleSessionName = u"ci-job"_s;
                      request.webIdentityToken = u"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2lnbmF0dXJl"_s;
                      request.policyArns = {u"arn:aws:iam::aws:policy/ReadOnlyAccess"_s};
                      request.policy = u"{\"Version\":\"2012-10-17\",\"Statement\":[]}"_s;
                      request.durationSeconds = 900;
                      return sts.assumeRoleWithWebIdentity(request, context, ignore);
                  }});
    cases.append({u"SimulatePrincipalPolicy"_s, u"iam"_s, u"SimulatePrincipalPolicy"_s,
                  json(R"({"PolicySourceArn":"arn:aws:iam::123456789012:role/app",
                           "PolicyInputList":["{\"Version\":\"2012-10-17\"}"],
                           "ActionNames":["secretsmanager:GetSecretValue","kms:Decrypt"],
                           "ResourceArns":["arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/prod-AbCdEf"],
                           "ResourcePolicy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}",
                           "CallerArn":"arn:aws:iam::123456789012:user/support",
                           "ContextEntries":[{"ContextKeyName":"aws:SourceIp","ContextKeyValues":["10.0.0.1","10.0.0.2"],"ContextKeyType":"ipList"},
                                             {"ContextKeyName":"aws:SecureTransport","ContextKeyValues":["true"],"ContextKeyType":"boolean"}],
                           "MaxItems":50,"Marker":"m"})"),
                  [&](QObject *context) {
                      SimulatePrincipalPolicyRequest request;
                      request.policySourceArn = u"arn:aws:iam::123456789012:role/app"_s;
                      request.policyInputList = {u"{\"Version\":\"2012-10-17\"}"_s};
                      request.actionNames = {u"secretsmanager:GetSecretValue"_s, u"kms:Decrypt"_s};
                      request.resourceArns = {u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/prod-AbCdEf"_s};
                      request.resourcePolicy = u"{\"Version\":\"2012-10-17\",\"Statement\":[]}"_s;
                      request.callerArn = u"arn:aws:iam::123456789012:user/support"_s;
                      request.contextEntries = {
                          ContextEntry{u"aws:SourceIp"_s, {u"10.0.0.1"_s, u"10.0.0.2"_s}, u"ipList"_s},
                          ContextEntry{u"aws:SecureTransport"_s, {u"true"_s}, u"boolean"_s}};
                      request.maxItems = 50;
                      request.marker = u"m"_s;
                      return iam.simulatePrincipalPolicy(request, context, ignore);
                  }});
    compareRequests(cases);
}

void TestBotocoreSerialization::testSecretsManagerAnswersParseLikeBotocore()
{
    QList<ParseCase> cases;
    const QByteArray stringValue =
        R"({"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-a1B2c3","Name":"pixell/prod",
            "VersionId":"EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
            "SecretString":"{\"DB_PASSWORD\":\"p\\\"w\\\\d\",\n \"n\": 1.50, \"u\":\"\\u00e9\u00e9 \ud83d\ude00\"}",
            "VersionStages":["AWSCURRENT"],"CreatedDate":1.523477145713E9})"_ba;
    cases.append({u"GetSecretValue string"_s, u"secretsmanager"_s, u"GetSecretValue"_s, 200,
                  stringValue, {}, [&](const QJsonObject &theirs) {
        const auto ours = SecretsManagerCodec::decodeGetSecretValue(stringValue);
        QVERIFY(ours);
        QCOMPARE(ours->arn, theirs.value("ARN"_L1).toString());
        QCOMPARE(ours->name, theirs.value("Name"_L1).toString());
        QCOMPARE(ours->versionId, theirs.value("VersionId"_L1).toString());
        QCOMPARE(*ours->secretString, theirs.value("SecretString"_L1).toString());
        QCOMPARE(ours->versionStages, theirs.value("VersionStages"_L1).toVariant().toStringList());
        QCOMPARE(ours->createdDate.toMSecsSinceEpoch(), epochMs(theirs.value("CreatedDate"_L1)));
    }});
    const QByteArray binaryValue = R"({"Name":"bin","SecretBinary":"AAECA/7/","CreatedDate":1700000000})"_ba;
    cases.append({u"GetSecretValue binary"_s, u"secretsmanager"_s, u"GetSecretValue"_s, 200,
                  binaryValue, {}, [&](const QJsonObject &theirs) {
        const auto ours = SecretsManagerCodec::decodeGetSecretValue(binaryValue);
        QVERIFY(ours);
        QCOMPARE(*ours->secretBinary, bytesOf(theirs.value("SecretBinary"_L1)));
        QCOMPARE(ours->createdDate.toMSecsSinceEpoch(), epochMs(theirs.value("CreatedDate"_L1)));
    }});
    const QByteArray listing =
        R"({"SecretList":[{"ARN":"arn:1","Name":"pixell/dev","Description":"d","LastChangedDate":1.7000000001E9,
            "LastAccessedDate":1.6999488E9,"DeletedDate":1.71E9,"Tags":[{"Key":"team","Value":"pixell"}],
            "SecretVersionsToStages":{"v1":["AWSCURRENT"],"v0":["AWSPREVIOUS"]},"RotationEnabled":true,
            "RotationRules":{"AutomaticallyAfterDays":30}}],"NextToken":"next"})"_ba;
    cases.append({u"ListSecrets"_s, u"secretsmanager"_s, u"ListSecrets"_s, 200, listing, {},
                  [&](const QJsonObject &theirs) {
        const auto ours = SecretsManagerCodec::decodeListSecrets(listing);
        QVERIFY(ours);
        QCOMPARE(ours->nextToken, theirs.value("NextToken"_L1).toString());
        const QJsonObject entry = theirs.value("SecretList"_L1).toArray().at(0).toObject();
        const SecretMetadata &secret = ours->secretList.at(0);
        QCOMPARE(secret.name, entry.value("Name"_L1).toString());
        QCOMPARE(secret.description, entry.value("Description"_L1).toString());
        QCOMPARE(secret.lastChangedDate.toMSecsSinceEpoch(), epochMs(entry.value("LastChangedDate"_L1)));
        QCOMPARE(secret.lastAccessedDate.toMSecsSinceEpoch(), epochMs(entry.value("LastAccessedDate"_L1)));
        QCOMPARE(secret.deletedDate.toMSecsSinceEpoch(), epochMs(entry.value("DeletedDate"_L1)));
        QCOMPARE(secret.tags.at(0).key, entry.value("Tags"_L1).toArray().at(0).toObject().value("Key"_L1).toString());
        const QJsonObject stages = entry.value("SecretVersionsToStages"_L1).toObject();
        QCOMPARE(secret.versionIdsToStages.size(), stages.size());
        for (auto it = stages.constBegin(); it != stages.constEnd(); ++it)
            QCOMPARE(secret.versionIdsToStages.value(it.key()), it.value().toVariant().toStringList());
        QCOMPARE(secret.rotationRules->automaticallyAfterDays.value_or(-1),
                 entry.value("RotationRules"_L1).toObject().value("AutomaticallyAfterDays"_L1).toInteger());
    }});
    const QByteArray batch =
        R"({"SecretValues":[{"Name":"a","SecretString":"1","VersionStages":["AWSCURRENT"]}],
            "Errors":[{"SecretId":"b","ErrorCode":"DecryptionFailure","Message":"kms says no"}]})"_ba;
    cases.append({u"BatchGetSecretValue"_s, u"secretsmanager"_s, u"BatchGetSecretValue"_s, 200,
                  batch, {}, [&](const QJsonObject &theirs) {
        const auto ours = SecretsManagerCodec::decodeBatchGetSecretValue(batch);
        QVERIFY(ours);
        const QJsonObject error = theirs.value("Errors"_L1).toArray().at(0).toObject();
        QCOMPARE(ours->errors.at(0).secretId, error.value("SecretId"_L1).toString());
        QCOMPARE(ours->errors.at(0).error.code, error.value("ErrorCode"_L1).toString());
        QCOMPARE(ours->errors.at(0).error.message, error.value("Message"_L1).toString());
        QCOMPARE(*ours->secretValues.at(0).secretString,
                 theirs.value("SecretValues"_L1).toArray().at(0).toObject().value("SecretString"_L1).toString());
    }});
    const QByteArray versions =
        R"({"ARN":"arn:s","Name":"s","Versions":[{"VersionId":"v1","VersionStages":["AWSPREVIOUS"],
            "CreatedDate":1.5E9,"LastAccessedDate":1.6E9,"KmsKeyIds":["DefaultEncryptionKey"]}]})"_ba;
    cases.append({u"ListSecretVersionIds"_s, u"secretsmanager"_s, u"ListSecretVersionIds"_s, 200,
                  versions, {}, [&](const QJsonObject &theirs) {
        const auto ours = SecretsManagerCodec::decodeListSecretVersionIds(versions);
        QVERIFY(ours);
        const QJsonObject version = theirs.value("Versions"_L1).toArray().at(0).toObject();
        QCOMPARE(ours->versions.at(0).versionId, version.value("VersionId"_L1).toString());
        QCOMPARE(ours->versions.at(0).createdDate.toMSecsSinceEpoch(), epochMs(version.value("CreatedDate"_L1)));
        QCOMPARE(ours->versions.at(0).kmsKeyIds, version.value("KmsKeyIds"_L1).toVariant().toStringList());
    }});
    const QByteArray error =
        R"({"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."})"_ba;
    cases.append({u"JSON error document"_s, u"secretsmanager"_s, u"GetSecretValue"_s, 400, error,
                  QJsonObject{{u"x-amzn-requestid"_s, u"rid-9"_s}}, [&](const QJsonObject &theirs) {
        const AwsError ours = AwsClient::errorFromResponse(
            WireProtocol::Json11, 400, {{"x-amzn-RequestId"_ba, "rid-9"_ba}}, error);
        const QJsonObject theirError = theirs.value("Error"_L1).toObject();
        QCOMPARE(ours.code, theirError.value("Code"_L1).toString());
        QCOMPARE(ours.message, theirError.value("Message"_L1).toString());
        QCOMPARE(ours.requestId,
                 theirs.value("ResponseMetadata"_L1).toObject().value("RequestId"_L1).toString());
    }});
    compareAnswers(cases);
}

void TestBotocoreSerialization::testQueryAnswersParseLikeBotocore()
{
    QList<ParseCase> cases;
    const QByteArray identity = R"(<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::123456789012:assumed-role/secrets-reader/coffer</Arn>
    <UserId>AROA3XFRBF535PLBIFPI4:coffer</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>)"_ba;
    cases.append({u"GetCallerIdentity"_s, u"sts"_s, u"GetCallerIdentity"_s, 200, identity, {},
                  [&](const QJsonObject &theirs) {
        const auto ours = StsClient::decodeGetCallerIdentity(identity);
        QVERIFY(ours);
        QCOMPARE(ours->arn, theirs.value("Arn"_L1).toString());
        QCOMPARE(ours->userId, theirs.value("UserId"_L1).toString());
        QCOMPARE(ours->account, theirs.value("Account"_L1).toString());
    }});
    const QByteArray assumed = R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/coffer</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:coffer</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQW</SessionToken>
      <Expiration>2026-07-15T23:28:33.359Z</Expiration>
    </Credentials>
    <PackedPolicySize>8</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>)"_ba;
    cases.append({u"AssumeRole"_s, u"sts"_s, u"AssumeRole"_s, 200, assumed, {},
                  [&](const QJsonObject &theirs) {
        const auto ours = StsClient::decodeAssumeRole(assumed);
        QVERIFY(ours);
        const QJsonObject credentials = theirs.value("Credentials"_L1).toObject();
        QCOMPARE(ours->credentials.accessKeyId, credentials.value("AccessKeyId"_L1).toString());
        QVERIFY(ours->credentials.secretAccessKey == credentials.value("SecretAccessKey"_L1).toString());
        QVERIFY(ours->credentials.sessionToken == credentials.value("SessionToken"_L1).toString());
        QCOMPARE(ours->credentials.expiration->toMSecsSinceEpoch(),
                 epochMs(credentials.value("Expiration"_L1)));
        QCOMPARE(ours->assumedRoleArn, theirs.value("AssumedRoleUser"_L1).toObject().value("Arn"_L1).toString());
        QCOMPARE(qint64(ours->packedPolicySize.value_or(-1)), theirs.value("PackedPolicySize"_L1).toInteger());
    }});
    const QByteArray webIdentity = R"(<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:apps:deployer</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/ci/pod</Arn>
      <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:pod</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>AQoDYXdzEE0a8ANXXXXXXXXNO1ewxE5TijQyp+IEXAMPLE</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2026-10-24T23:00:23Z</Expiration>
      <AccessKeyId>ASgeIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
    <SourceIdentity>deployer</SourceIdentity>
    <Provider>arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>)"_ba;
    cases.append({u"AssumeRoleWithWebIdentity"_s, u"sts"_s, u"AssumeRoleWithWebIdentity"_s, 200,
                  webIdentity, {}, [&](const QJsonObject &theirs) {
        const auto ours = StsClient::decodeAssumeRoleWithWebIdentity(webIdentity);
        QVERIFY(ours);
        const QJsonObject credentials = theirs.value("Credentials"_L1).toObject();
        QCOMPARE(ours->credentials.accessKeyId, credentials.value("AccessKeyId"_L1).toString());
        QVERIFY(ours->credentials.secretAccessKey == credentials.value("SecretAccessKey"_L1).toString());
        QVERIFY(ours->credentials.sessionToken == credentials.value("SessionToken"_L1).toString());
        QCOMPARE(ours->credentials.expiration->toMSecsSinceEpoch(),
                 epochMs(credentials.value("Expiration"_L1)));
        const QJsonObject user = theirs.value("AssumedRoleUser"_L1).toObject();
        QCOMPARE(ours->assumedRoleArn, user.value("Arn"_L1).toString());
        QCOMPARE(ours->assumedRoleId, user.value("AssumedRoleId"_L1).toString());
        QCOMPARE(ours->subjectFromWebIdentityToken,
                 theirs.value("SubjectFromWebIdentityToken"_L1).toString());
        QCOMPARE(ours->audience, theirs.value("Audience"_L1).toString());
        QCOMPARE(ours->provider, theirs.value("Provider"_L1).toString());
        QCOMPARE(ours->sourceIdentity, theirs.value("SourceIdentity"_L1).toString());
    }});
    const QByteArray simulation = R"(<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <SimulatePrincipalPolicyResult>
    <IsTruncated>true</IsTruncated>
    <Marker>m2</Marker>
    <EvaluationResults>
      <member>
        <EvalResourceName>*</EvalResourceName>
        <EvalActionName>kms:Decrypt</EvalActionName>
        <EvalDecision>explicitDeny</EvalDecision>
        <MatchedStatements>
          <member>
            <SourcePolicyId>deny-kms</SourcePolicyId>
            <SourcePolicyType>user-managed</SourcePolicyType>
            <StartPosition><Line>2</Line><Column>3</Column></StartPosition>
            <EndPosition><Line>8</Line><Column>4</Column></EndPosition>
          </member>
        </MatchedStatements>
        <MissingContextValues><member>kms:ViaService</member></MissingContextValues>
        <EvalDecisionDetails><entry><key>IAM Policy</key><value>explicitDeny</value></entry></EvalDecisionDetails>
        <PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>false</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>
      </member>
    </EvaluationResults>
  </SimulatePrincipalPolicyResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</SimulatePrincipalPolicyResponse>)"_ba;
    cases.append({u"SimulatePrincipalPolicy"_s, u"iam"_s, u"SimulatePrincipalPolicy"_s, 200,
                  simulation, {}, [&](const QJsonObject &theirs) {
        const auto ours = IamClient::decodeSimulatePrincipalPolicy(simulation);
        QVERIFY(ours);
        QCOMPARE(ours->isTruncated, theirs.value("IsTruncated"_L1).toBool());
        QCOMPARE(ours->marker, theirs.value("Marker"_L1).toString());
        const QJsonObject result = theirs.value("EvaluationResults"_L1).toArray().at(0).toObject();
        const EvaluationResult &evaluation = ours->evaluationResults.at(0);
        QCOMPARE(evaluation.evalActionName, result.value("EvalActionName"_L1).toString());
        QCOMPARE(evaluation.evalDecision, result.value("EvalDecision"_L1).toString());
        const QJsonObject statement = result.value("MatchedStatements"_L1).toArray().at(0).toObject();
        QCOMPARE(evaluation.matchedStatements.at(0).sourcePolicyId, statement.value("SourcePolicyId"_L1).toString());
        QCOMPARE(evaluation.matchedStatements.at(0).sourcePolicyType, statement.value("SourcePolicyType"_L1).toString());
        QCOMPARE(qint64(evaluation.matchedStatements.at(0).endPosition.line),
                 statement.value("EndPosition"_L1).toObject().value("Line"_L1).toInteger());
        QCOMPARE(evaluation.missingContextValues, result.value("MissingContextValues"_L1).toVariant().toStringList());
        QCOMPARE(evaluation.evalDecisionDetails.value(u"IAM Policy"_s),
                 result.value("EvalDecisionDetails"_L1).toObject().value("IAM Policy"_L1).toString());
        QCOMPARE(evaluation.allowedByPermissionsBoundary.value_or(true),
                 result.value("PermissionsBoundaryDecisionDetail"_L1).toObject()
                     .value("AllowedByPermissionsBoundary"_L1).toBool(true));
    }});
    const QByteArray error = R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error>
  <RequestId>e-1</RequestId>
</ErrorResponse>)"_ba;
    cases.append({u"query error document"_s, u"sts"_s, u"GetCallerIdentity"_s, 400, error, {},
                  [&](const QJsonObject &theirs) {
        const AwsError ours = AwsClient::errorFromResponse(WireProtocol::Query, 400, {}, error);
        const QJsonObject theirError = theirs.value("Error"_L1).toObject();
        QCOMPARE(ours.code, theirError.value("Code"_L1).toString());
        QCOMPARE(ours.message, theirError.value("Message"_L1).toString());
        QCOMPARE(ours.requestId,
                 theirs.value("ResponseMetadata"_L1).toObject().value("RequestId"_L1).toString());
        QCOMPARE(ours.kind, ErrorKind::ExpiredToken);
    }});
    compareAnswers(cases);
}

QTEST_GUILESS_MAIN(TestBotocoreSerialization)
#include "testbotocoreserialization.moc"
