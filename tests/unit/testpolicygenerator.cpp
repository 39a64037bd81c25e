// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PolicyGenerator and PolicyFormatter: the ARN patterns, the statements of each scope and access
// level, the three output formats, and the round trip through PolicyEvaluator and PolicyLinter:
// a generated policy must allow exactly the secrets in scope and lint clean.
#include "models/policy/policydocument.h"
#include "models/policy/policyevaluator.h"
#include "models/policy/policyformatter.h"
#include "models/policy/policygenerator.h"
#include "models/policy/policylinter.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer::policy;

namespace {

const QString kRegion = u"us-east-1"_s;
const QString kAccount = u"123456789012"_s;
const QString kKey = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;
const QString kArnPrefix = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:"_s;

PolicyGeneratorRequest namespaceRequest(const QString &prefix, AccessLevels access)
{
    PolicyGeneratorRequest request;
    request.scope.kind = PolicyScope::Kind::Namespace;
    request.scope.prefix = prefix;
    request.access = access;
    request.region = kRegion;
    request.account = kAccount;
    return request;
}

PolicyGeneratorRequest secretsRequest(const QStringList &names, AccessLevels access)
{
    PolicyGeneratorRequest request;
    request.scope.kind = PolicyScope::Kind::Secrets;
    request.scope.secretNames = names;
    request.access = access;
    request.region = kRegion;
    request.account = kAccount;
    return request;
}

PolicyGeneratorRequest tagRequest(AccessLevels access)
{
    PolicyGeneratorRequest request;
    request.scope.kind = PolicyScope::Kind::Tag;
    request.scope.tagKey = u"team"_s;
    request.scope.tagValue = u"paint"_s;
    request.access = access;
    request.region = kRegion;
    request.account = kAccount;
    return request;
}

/// The generated document, as Qt reads the JSON text written for people.
QJsonObject asQtJson(const GeneratedPolicy &policy)
{
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(PolicyFormatter::toJson(policy.document).toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << error.errorString();
    return document.object();
}

QStringList stringsOf(const QJsonValue &value)
{
    if (value.isString())
        return { value.toString() };
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list.append(item.toString());
    return list;
}

QJsonObject statementWithSid(const QJsonObject &policy, const QString &sid)
{
    for (const QJsonValue &statement : policy.value(u"Statement"_s).toArray()) {
        if (statement.toObject().value(u"Sid"_s).toString() == sid)
            return statement.toObject();
    }
    return {};
}

QStringList sidsOf(const QJsonObject &policy)
{
    QStringList sids;
    for (const QJsonValue &statement : policy.value(u"Statement"_s).toArray())
        sids.append(statement.toObject().value(u"Sid"_s).toString());
    return sids;
}

bool allowedBy(const GeneratedPolicy &policy, const QString &action, const QString &resource,
               const QStringList &context = {})
{
    const auto document = PolicyDocument::fromJson(policy.document, u"generated"_s);
    if (!document)
        return false;
    EvaluationRequest request;
    request.action = action;
    request.resource = resource;
    for (const QString &entry : context)
        request.setContext(entry.section(u'=', 0, 0), entry.section(u'=', 1));
    return PolicyEvaluator({ *document }).evaluate(request).allowed();
}

} // namespace

class TestPolicyGenerator final : public QObject
{
    Q_OBJECT

private slots:
    void testArnPatterns();
    void testIdentityStatements_data();
    void testIdentityStatements();
    void testTagScope();
    void testKmsAndBatchGet();
    void testResourcePolicy();
    void testRefusals_data();
    void testRefusals();
    void testTerraform();
    void testCloudFormation();
    void testCloudFormationIsYaml();
    void testRoundTrip_data();
    void testRoundTrip();
    void testGeneratedPoliciesLintClean_data();
    void testGeneratedPoliciesLintClean();
};

void TestPolicyGenerator::testArnPatterns()
{
    QCOMPARE(PolicyGenerator::secretArnPattern(kRegion, kAccount, u"pixell/prod"_s),
             kArnPrefix + u"pixell/prod-??????"_s);
    QCOMPARE(PolicyGenerator::namespaceArnPattern(kRegion, kAccount, u"paintbox/"_s),
             kArnPrefix + u"paintbox/*"_s);
    QCOMPARE(PolicyGenerator::partitionOf(u"cn-north-1"_s), u"aws-cn"_s);
    QCOMPARE(PolicyGenerator::partitionOf(u"us-gov-west-1"_s), u"aws-us-gov"_s);
    QCOMPARE(PolicyGenerator::secretArnPattern(u"cn-north-1"_s, kAccount, u"x"_s),
             u"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:x-??????"_s);
    // A namespace given without its '/' is still a namespace: paintbox-other stays out.
    QCOMPARE(PolicyGenerator::scopeResources(namespaceRequest(u"paintbox"_s, AccessLevel::Read)),
             QStringList { kArnPrefix + u"paintbox/*"_s });
    // Never a bare name, never name-*.
    const QStringList resources = PolicyGenerator::scopeResources(
        secretsRequest({ u"pixell/dev"_s, u"pixell/prod"_s }, AccessLevel::Read));
    QCOMPARE(resources, (QStringList { kArnPrefix + u"pixell/dev-??????"_s,
                                       kArnPrefix + u"pixell/prod-??????"_s }));
    // A full ARN is taken as it is.
    QCOMPARE(PolicyGenerator::scopeResources(
                 secretsRequest({ kArnPrefix + u"pixell/prod-AbCdEf"_s }, AccessLevel::Read)),
             QStringList { kArnPrefix + u"pixell/prod-AbCdEf"_s });
}

void TestPolicyGenerator::testIdentityStatements_data()
{
    QTest::addColumn<int>("access");
    QTest::addColumn<QStringList>("extraActions");
    QTest::addColumn<QStringList>("sids");
    QTest::addColumn<QString>("sid");
    QTest::addColumn<QStringList>("actions");

    const int read = int(AccessLevel::Read);
    const int list = int(AccessLevel::List);
    const int write = int(AccessLevel::Write);
    const int manage = int(AccessLevel::Manage);
    QTest::newRow("read") << read << QStringList {} << QStringList { u"ReadSecrets"_s }
                          << u"ReadSecrets"_s
                          << QStringList { u"secretsmanager:GetSecretValue"_s,
                                           u"secretsmanager:DescribeSecret"_s };
    QTest::newRow("list") << list << QStringList {} << QStringList { u"ListSecrets"_s }
                          << u"ListSecrets"_s
                          << QStringList { u"secretsmanager:ListSecrets"_s };
    QTest::newRow("write") << write << QStringList {} << QStringList { u"WriteSecrets"_s }
                           << u"WriteSecrets"_s
                           << QStringList { u"secretsmanager:PutSecretValue"_s,
                                            u"secretsmanager:UpdateSecret"_s,
                                            u"secretsmanager:UpdateSecretVersionStage"_s };
    QTest::newRow("manage") << manage << QStringList {} << QStringList { u"ManageSecrets"_s }
                            << u"ManageSecrets"_s
                            << PolicyGenerator::actionsFor(AccessLevel::Manage);
    QTest::newRow("read+list") << (read | list) << QStringList {}
                               << QStringList { u"ReadSecrets"_s, u"ListSecrets"_s }
                               << u"ListSecrets"_s
                               << QStringList { u"secretsmanager:ListSecrets"_s };
    // One asked-for action names its statement (a fix for a missing GetSecretValue reads as one).
    QTest::newRow("custom action") << 0
                                   << QStringList { u"ListSecretVersionIds"_s,
                                                    u"secretsmanager:getrandompassword"_s }
                                   << QStringList { u"ListSecretVersionIds"_s,
                                                    u"AccountWideSecretActions"_s }
                                   << u"ListSecretVersionIds"_s
                                   << QStringList { u"secretsmanager:ListSecretVersionIds"_s };
    QTest::newRow("custom actions") << 0
                                    << QStringList { u"ListSecretVersionIds"_s,
                                                     u"secretsmanager:ValidateResourcePolicy"_s }
                                    << QStringList { u"OtherSecretActions"_s }
                                    << u"OtherSecretActions"_s
                                    << QStringList { u"secretsmanager:ListSecretVersionIds"_s,
                                                     u"secretsmanager:ValidateResourcePolicy"_s };
}

void TestPolicyGenerator::testIdentityStatements()
{
    QFETCH(int, access);
    QFETCH(QStringList, extraActions);
    QFETCH(QStringList, sids);
    QFETCH(QString, sid);
    QFETCH(QStringList, actions);

    PolicyGeneratorRequest request
        = namespaceRequest(u"paintbox/"_s, AccessLevels::fromInt(access));
    request.extraActions = extraActions;
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error()));
    const QJsonObject json = asQtJson(*policy);
    QCOMPARE(json.value(u"Version"_s).toString(), u"2012-10-17"_s);
    QCOMPARE(sidsOf(json), sids);
    const QJsonObject statement = statementWithSid(json, sid);
    QCOMPARE(statement.value(u"Effect"_s).toString(), u"Allow"_s);
    QCOMPARE(stringsOf(statement.value(u"Action"_s)), actions);
    const bool unscoped = actions.contains(u"secretsmanager:ListSecrets"_s);
    QCOMPARE(stringsOf(statement.value(u"Resource"_s)),
             unscoped ? QStringList { u"*"_s } : QStringList { kArnPrefix + u"paintbox/*"_s });
    QVERIFY(!statement.contains(u"Condition"_s));
    if (unscoped)
        QVERIFY(!policy->notes.filter(u"ListSecrets"_s).isEmpty());
}

void TestPolicyGenerator::testTagScope()
{
    const auto policy
        = PolicyGenerator::identityPolicy(tagRequest(AccessLevel::Read | AccessLevel::Manage));
    QVERIFY(policy);
    const QJsonObject json = asQtJson(*policy);
    QCOMPARE(sidsOf(json),
             (QStringList { u"ReadSecrets"_s, u"CreateTaggedSecrets"_s, u"ManageSecrets"_s }));
    const QJsonObject read = statementWithSid(json, u"ReadSecrets"_s);
    QCOMPARE(read.value(u"Resource"_s).toString(), u"*"_s);
    QCOMPARE(read.value(u"Condition"_s)
                 .toObject()
                 .value(u"StringEquals"_s)
                 .toObject()
                 .value(u"secretsmanager:ResourceTag/team"_s)
                 .toString(),
             u"paint"_s);
    // CreateSecret cannot be checked against tags the secret does not have yet.
    const QJsonObject create = statementWithSid(json, u"CreateTaggedSecrets"_s);
    QCOMPARE(create.value(u"Action"_s).toString(), u"secretsmanager:CreateSecret"_s);
    QCOMPARE(create.value(u"Condition"_s)
                 .toObject()
                 .value(u"StringEquals"_s)
                 .toObject()
                 .value(u"aws:RequestTag/team"_s)
                 .toString(),
             u"paint"_s);
    QVERIFY(!stringsOf(statementWithSid(json, u"ManageSecrets"_s).value(u"Action"_s))
                 .contains(u"secretsmanager:CreateSecret"_s));

    PolicyGeneratorRequest global = tagRequest(AccessLevel::Read);
    global.scope.globalTagKey = true;
    const auto globalPolicy = PolicyGenerator::identityPolicy(global);
    QVERIFY(globalPolicy);
    QVERIFY(asQtJson(*globalPolicy)
                .value(u"Statement"_s)[0]
                .toObject()
                .value(u"Condition"_s)
                .toObject()
                .value(u"StringEquals"_s)
                .toObject()
                .contains(u"aws:ResourceTag/team"_s));
}

void TestPolicyGenerator::testKmsAndBatchGet()
{
    PolicyGeneratorRequest request = secretsRequest({ u"pixell/prod"_s }, AccessLevel::Write);
    request.kmsKeyArns = { kKey };
    request.batchGet = true;
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY(policy);
    const QJsonObject json = asQtJson(*policy);
    QCOMPARE(sidsOf(json), (QStringList { u"ReadSecrets"_s, u"WriteSecrets"_s,
                                          u"AccountWideSecretActions"_s, u"UseSecretKmsKeys"_s }));
    // BatchGetSecretValue needs "*" and GetSecretValue on each secret.
    QCOMPARE(stringsOf(statementWithSid(json, u"ReadSecrets"_s).value(u"Action"_s)),
             QStringList { u"secretsmanager:GetSecretValue"_s });
    const QJsonObject batch = statementWithSid(json, u"AccountWideSecretActions"_s);
    QCOMPARE(stringsOf(batch.value(u"Action"_s)),
             QStringList { u"secretsmanager:BatchGetSecretValue"_s });
    QCOMPARE(batch.value(u"Resource"_s).toString(), u"*"_s);
    QVERIFY(!policy->notes.filter(u"BatchGetSecretValue"_s).isEmpty());

    const QJsonObject kms = statementWithSid(json, u"UseSecretKmsKeys"_s);
    QCOMPARE(stringsOf(kms.value(u"Action"_s)),
             (QStringList { u"kms:Decrypt"_s, u"kms:GenerateDataKey"_s }));
    QCOMPARE(kms.value(u"Resource"_s).toString(), kKey);
    QCOMPARE(kms.value(u"Condition"_s)
                 .toObject()
                 .value(u"StringEquals"_s)
                 .toObject()
                 .value(u"kms:ViaService"_s)
                 .toString(),
             u"secretsmanager.us-east-1.amazonaws.com"_s);

    // Read alone needs Decrypt only; list alone needs no key at all.
    PolicyGeneratorRequest readOnly = secretsRequest({ u"pixell/prod"_s }, AccessLevel::Read);
    readOnly.kmsKeyArns = { kKey };
    const auto readPolicy = PolicyGenerator::identityPolicy(readOnly);
    QVERIFY(readPolicy);
    QCOMPARE(stringsOf(statementWithSid(asQtJson(*readPolicy), u"UseSecretKmsKeys"_s)
                           .value(u"Action"_s)),
             QStringList { u"kms:Decrypt"_s });
    PolicyGeneratorRequest listOnly = secretsRequest({ u"pixell/prod"_s }, AccessLevel::List);
    listOnly.kmsKeyArns = { kKey };
    const auto listPolicy = PolicyGenerator::identityPolicy(listOnly);
    QVERIFY(listPolicy);
    QCOMPARE(sidsOf(asQtJson(*listPolicy)), QStringList { u"ListSecrets"_s });
}

void TestPolicyGenerator::testResourcePolicy()
{
    PolicyGeneratorRequest request = secretsRequest({ u"pixell/prod"_s },
                                                    AccessLevel::Read | AccessLevel::List
                                                        | AccessLevel::Manage);
    request.principal = u"arn:aws:iam::123456789012:role/app"_s;
    request.kmsKeyArns = { kKey };
    request.account.clear(); // a resource policy names no account or region
    request.region.clear();
    const auto policy = PolicyGenerator::resourcePolicy(request);
    QVERIFY2(policy, qPrintable(policy ? QString() : policy.error()));
    const QJsonObject json = asQtJson(*policy);
    QCOMPARE(sidsOf(json), (QStringList { u"ReadSecret"_s, u"ManageSecret"_s }));
    for (const QJsonValue &value : json.value(u"Statement"_s).toArray()) {
        const QJsonObject statement = value.toObject();
        QCOMPARE(statement.value(u"Resource"_s).toString(), u"*"_s);
        QCOMPARE(statement.value(u"Principal"_s).toObject().value(u"AWS"_s).toString(),
                 request.principal);
        const QStringList actions = stringsOf(statement.value(u"Action"_s));
        QVERIFY(!actions.contains(u"secretsmanager:ListSecrets"_s));
        QVERIFY(!actions.contains(u"secretsmanager:CreateSecret"_s));
        QVERIFY(actions.filter(u"kms:"_s).isEmpty());
    }
    QVERIFY(!policy->notes.filter(u"ListSecrets"_s).isEmpty());
    QVERIFY(!policy->notes.filter(u"key policy"_s).isEmpty());

    // And it means what it says: the principal may read the secret it is attached to.
    const auto document = PolicyDocument::fromJson(policy->document, u"rp"_s);
    QVERIFY(document);
    PolicyEvaluator evaluator({}, *document);
    EvaluationRequest read;
    read.action = u"secretsmanager:GetSecretValue"_s;
    read.resource = kArnPrefix + u"pixell/prod-AbCdEf"_s;
    read.principal = request.principal;
    QVERIFY(evaluator.evaluate(read).allowed());
    read.principal = u"arn:aws:iam::123456789012:role/other"_s;
    QVERIFY(!evaluator.evaluate(read).allowed());

    PolicyGeneratorRequest noPrincipal = request;
    noPrincipal.principal.clear();
    QVERIFY(!PolicyGenerator::resourcePolicy(noPrincipal));
}

void TestPolicyGenerator::testRefusals_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("short account") << u"account"_s << u"12345"_s << u"12 digits"_s;
    QTest::newRow("no region") << u"region"_s << u""_s << u"region"_s;
    QTest::newRow("bad region") << u"region"_s << u"Mars"_s << u"region"_s;
    QTest::newRow("bad name") << u"secret"_s << u"bad name!"_s << u"not a secret name"_s;
    QTest::newRow("wildcard prefix") << u"prefix"_s << u"paintbox/*"_s << u"wildcard"_s;
    QTest::newRow("kms alias") << u"kms"_s << u"alias/aws/secretsmanager"_s << u"alias"_s;
    QTest::newRow("unknown action") << u"action"_s << u"GetSecret"_s << u"not a Secrets Manager"_s;
    QTest::newRow("kms action") << u"action"_s << u"kms:Decrypt"_s << u"--kms-key"_s;
    QTest::newRow("wildcard action") << u"action"_s << u"secretsmanager:*"_s
                                     << u"not a Secrets Manager"_s;
    QTest::newRow("nothing asked") << u"access"_s << u""_s << u"no access"_s;
}

void TestPolicyGenerator::testRefusals()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, message);
    PolicyGeneratorRequest request = secretsRequest({ u"pixell/prod"_s }, AccessLevel::Read);
    if (field == u"account"_s)
        request.account = value;
    else if (field == u"region"_s)
        request.region = value;
    else if (field == u"secret"_s)
        request.scope.secretNames = { value };
    else if (field == u"prefix"_s)
        request = namespaceRequest(value, AccessLevel::Read);
    else if (field == u"kms"_s)
        request.kmsKeyArns = { value };
    else if (field == u"action"_s)
        request.extraActions = { value };
    else if (field == u"access"_s)
        request.access = {};
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY(!policy);
    QVERIFY2(policy.error().contains(message), qPrintable(policy.error()));
}

void TestPolicyGenerator::testTerraform()
{
    PolicyGeneratorRequest request
        = secretsRequest({ u"pixell/prod"_s }, AccessLevel::Read | AccessLevel::List);
    request.kmsKeyArns = { kKey };
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY(policy);
    const QString text = PolicyFormatter::toTerraform(policy->document, u"app_read"_s);
    QVERIFY2(text.startsWith(u"data \"aws_iam_policy_document\" \"app_read\" {\n"_s),
             qPrintable(text));
    QVERIFY(text.contains(u"  version = \"2012-10-17\"\n"_s));
    QVERIFY(text.contains(u"    sid    = \"ReadSecrets\"\n"_s));
    QVERIFY(text.contains(u"    effect = \"Allow\"\n"_s));
    QVERIFY(text.contains(u"      \"secretsmanager:GetSecretValue\",\n"_s));
    QVERIFY2(text.contains(u"      \"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????\",\n"_s),
             qPrintable(text));
    QVERIFY(text.contains(u"    resources = [\n      \"*\",\n    ]\n"_s));
    QVERIFY(text.contains(u"      test     = \"StringEquals\"\n"_s));
    QVERIFY(text.contains(u"      variable = \"kms:ViaService\"\n"_s));
    QVERIFY(text.contains(u"\"secretsmanager.us-east-1.amazonaws.com\""_s));
    QCOMPARE(text.count(u'{'), text.count(u'}'));
    QCOMPARE(text.count(u"statement {"_s), 3);

    // Policy variables must stay literal in HCL; principals become blocks.
    const auto withVariable = PolicyDocument::Json::parse(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/app"]},
         "NotAction":"secretsmanager:DeleteSecret",
         "Resource":"arn:aws:secretsmanager:*:*:secret:home/${aws:username}/*"}]})");
    const QString hcl = PolicyFormatter::toTerraform(withVariable, u"x"_s);
    QVERIFY2(hcl.contains(u"\"arn:aws:secretsmanager:*:*:secret:home/$${aws:username}/*\""_s),
             qPrintable(hcl));
    QVERIFY(hcl.contains(u"    not_actions = [\n"_s));
    QVERIFY(hcl.contains(u"    principals {\n      type        = \"AWS\"\n"_s));
}

void TestPolicyGenerator::testCloudFormation()
{
    const auto policy = PolicyGenerator::identityPolicy(
        namespaceRequest(u"paintbox/"_s, AccessLevel::Read | AccessLevel::List));
    QVERIFY(policy);
    const QString text = PolicyFormatter::toCloudFormation(policy->document, u"AppRead"_s);
    QVERIFY2(text.startsWith(u"AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  AppRead:\n"_s),
             qPrintable(text));
    QVERIFY(text.contains(u"    Type: \"AWS::IAM::ManagedPolicy\"\n"_s));
    QVERIFY(text.contains(u"      PolicyDocument:\n        Version: \"2012-10-17\"\n        Statement:\n"_s));
    QVERIFY(text.contains(u"          - Sid: \"ReadSecrets\"\n"_s));
    QVERIFY2(text.contains(u"Resource: \"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*\"\n"_s),
             qPrintable(text));

    PolicyGeneratorRequest request = secretsRequest({ u"pixell/prod"_s }, AccessLevel::Read);
    request.principal = u"arn:aws:iam::123456789012:role/app"_s;
    const auto resourcePolicy = PolicyGenerator::resourcePolicy(request);
    QVERIFY(resourcePolicy);
    const QString rp = PolicyFormatter::toCloudFormation(resourcePolicy->document, u"Rp"_s,
                                                         u"pixell/prod"_s);
    QVERIFY(rp.contains(u"    Type: \"AWS::SecretsManager::ResourcePolicy\"\n"_s));
    QVERIFY(rp.contains(u"      SecretId: \"pixell/prod\"\n"_s));
    QVERIFY(rp.contains(u"      ResourcePolicy:\n"_s));
    QVERIFY(rp.contains(u"AWS: \"arn:aws:iam::123456789012:role/app\""_s));
}

void TestPolicyGenerator::testCloudFormationIsYaml()
{
    // The YAML must read back as the very same policy (PyYAML, when it is installed).
    const QString python = coffer::test::botocorePython();
    QProcess probe;
    probe.start(python, { u"-c"_s, u"import yaml"_s });
    if (python.isEmpty() || !probe.waitForFinished(20000) || probe.exitCode() != 0)
        QSKIP("python3-yaml is not installed");

    PolicyGeneratorRequest request = tagRequest(AccessLevel::Read | AccessLevel::Manage);
    request.kmsKeyArns = { kKey };
    request.batchGet = true;
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY(policy);
    const QString yaml = PolicyFormatter::toCloudFormation(policy->document, u"AppRead"_s);
    QProcess process;
    process.start(python, { u"-c"_s, u"import json, sys, yaml\n"
                                     "doc = yaml.safe_load(sys.stdin)\n"
                                     "print(json.dumps(doc['Resources']['AppRead']['Properties']"
                                     "['PolicyDocument']))"_s });
    process.write(yaml.toUtf8());
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(20000));
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    const QJsonDocument readBack = QJsonDocument::fromJson(process.readAllStandardOutput());
    QCOMPARE(readBack.object(), asQtJson(*policy));
}

void TestPolicyGenerator::testRoundTrip_data()
{
    QTest::addColumn<QString>("scope"); // "prefix:P", "secrets:A,B", "tag"
    QTest::addColumn<int>("access");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QStringList>("context");
    QTest::addColumn<bool>("allowed");

    const int read = int(AccessLevel::Read);
    const int list = int(AccessLevel::List);
    const QString get = u"secretsmanager:GetSecretValue"_s;
    const QString jwt = kArnPrefix + u"paintbox/production/jwt/public-keys-AbCdEf"_s;
    QTest::newRow("prefix read: secret in scope") << u"prefix:paintbox/"_s << read << get << jwt << QStringList {} << true;
    QTest::newRow("prefix read: describe") << u"prefix:paintbox/"_s << read << u"secretsmanager:DescribeSecret"_s << jwt << QStringList {} << true;
    QTest::newRow("prefix read: sibling prefix") << u"prefix:paintbox/"_s << read << get << kArnPrefix + u"paintbox-other/x-AbCdEf"_s << QStringList {} << false;
    QTest::newRow("prefix read (no slash): sibling prefix") << u"prefix:paintbox"_s << read << get << kArnPrefix + u"paintbox-other/x-AbCdEf"_s << QStringList {} << false;
    QTest::newRow("prefix read: other region") << u"prefix:paintbox/"_s << read << get << u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:paintbox/x-AbCdEf"_s << QStringList {} << false;
    QTest::newRow("prefix read: no write") << u"prefix:paintbox/"_s << read << u"secretsmanager:PutSecretValue"_s << jwt << QStringList {} << false;
    QTest::newRow("prefix read: no ListSecrets") << u"prefix:paintbox/"_s << read << u"secretsmanager:ListSecrets"_s << u"*"_s << QStringList {} << false;
    QTest::newRow("prefix read+list: ListSecrets") << u"prefix:paintbox/"_s << (read | list) << u"secretsmanager:ListSecrets"_s << u"*"_s << QStringList {} << true;
    QTest::newRow("secrets: in scope") << u"secrets:pixell/prod,pixell/dev"_s << read << get << kArnPrefix + u"pixell/dev-XyZ123"_s << QStringList {} << true;
    QTest::newRow("secrets: name-old") << u"secrets:pixell/prod"_s << read << get << kArnPrefix + u"pixell/prod-old-AbCdEf"_s << QStringList {} << false;
    QTest::newRow("secrets: other secret") << u"secrets:pixell/prod"_s << read << get << kArnPrefix + u"pixell/dev-XyZ123"_s << QStringList {} << false;
    QTest::newRow("tag: tagged") << u"tag"_s << read << get << jwt << QStringList { u"secretsmanager:ResourceTag/team=paint"_s } << true;
    QTest::newRow("tag: other tag") << u"tag"_s << read << get << jwt << QStringList { u"secretsmanager:ResourceTag/team=pixell"_s } << false;
    QTest::newRow("tag: untagged") << u"tag"_s << read << get << jwt << QStringList {} << false;
    QTest::newRow("kms: via Secrets Manager") << u"secrets:pixell/prod"_s << read << u"kms:Decrypt"_s << kKey << QStringList { u"kms:ViaService=secretsmanager.us-east-1.amazonaws.com"_s } << true;
    QTest::newRow("kms: direct") << u"secrets:pixell/prod"_s << read << u"kms:Decrypt"_s << kKey << QStringList {} << false;
    QTest::newRow("kms: other key") << u"secrets:pixell/prod"_s << read << u"kms:Decrypt"_s << u"arn:aws:kms:us-east-1:123456789012:key/other"_s << QStringList { u"kms:ViaService=secretsmanager.us-east-1.amazonaws.com"_s } << false;
}

void TestPolicyGenerator::testRoundTrip()
{
    QFETCH(QString, scope);
    QFETCH(int, access);
    QFETCH(QString, action);
    QFETCH(QString, resource);
    QFETCH(QStringList, context);
    QFETCH(bool, allowed);

    PolicyGeneratorRequest request;
    if (scope.startsWith(u"prefix:"_s))
        request = namespaceRequest(scope.sliced(7), AccessLevels::fromInt(access));
    else if (scope.startsWith(u"secrets:"_s))
        request = secretsRequest(scope.sliced(8).split(u','), AccessLevels::fromInt(access));
    else
        request = tagRequest(AccessLevels::fromInt(access));
    request.kmsKeyArns = { kKey };
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY(policy);
    QCOMPARE(allowedBy(*policy, action, resource, context), allowed);
}

void TestPolicyGenerator::testGeneratedPoliciesLintClean_data()
{
    QTest::addColumn<int>("kind"); // 0 namespace, 1 secrets, 2 tag
    QTest::addColumn<int>("access");
    const int all = int(AccessLevel::Read | AccessLevel::List | AccessLevel::Write
                        | AccessLevel::Manage);
    for (int kind = 0; kind < 3; ++kind) {
        for (const int access : { int(AccessLevel::Read), int(AccessLevel::Write), all }) {
            QTest::addRow("kind %d, access %d", kind, access) << kind << access;
        }
    }
}

void TestPolicyGenerator::testGeneratedPoliciesLintClean()
{
    QFETCH(int, kind);
    QFETCH(int, access);
    PolicyGeneratorRequest request = kind == 0
        ? namespaceRequest(u"paintbox/"_s, AccessLevels::fromInt(access))
        : kind == 1 ? secretsRequest({ u"pixell/prod"_s }, AccessLevels::fromInt(access))
                    : tagRequest(AccessLevels::fromInt(access));
    request.kmsKeyArns = { kKey };
    request.batchGet = true;
    const auto policy = PolicyGenerator::identityPolicy(request);
    QVERIFY(policy);
    PolicyLinter::Options options;
    options.kmsKeyArns = { kKey };
    const auto findings
        = PolicyLinter::lint(PolicyFormatter::toJson(policy->document).toUtf8(), options);
    for (const PolicyFinding &finding : findings)
        qWarning().noquote() << finding.id << finding.message;
    QVERIFY(findings.isEmpty());
}

QTEST_GUILESS_MAIN(TestPolicyGenerator)
#include "testpolicygenerator.moc"
