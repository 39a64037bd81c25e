// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PolicyLinter: one case per finding (and the cases that must stay quiet), with the exact set of
// finding ids, the severity and the line and column reported.
#include "models/policy/policylinter.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace coffer::policy;

namespace {

const char *const kKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/// A policy of one statement, one element per line: Sid on line 5, Effect 6, Action 7 (value at
/// column 17), Resource 8 (value at column 19), then `extra` members on line 9.
QString oneStatement(const char *action, const char *resource, const char *extra = nullptr,
                     const char *effect = "Allow")
{
    QString text = u"{\n"
                   "  \"Version\": \"2012-10-17\",\n"
                   "  \"Statement\": [\n"
                   "    {\n"
                   "      \"Sid\": \"S\",\n"
                   "      \"Effect\": \"%1\",\n"
                   "      \"Action\": %2,\n"
                   "      \"Resource\": %3"_s.arg(QString::fromUtf8(effect),
                                                  QString::fromUtf8(action),
                                                  QString::fromUtf8(resource));
    if (extra)
        text += u",\n      "_s + QString::fromUtf8(extra);
    return text + u"\n    }\n  ]\n}\n"_s;
}

QString policy(const char *statements)
{
    return u"{\"Version\": \"2012-10-17\", \"Statement\": ["_s + QString::fromUtf8(statements)
        + u"]}"_s;
}

} // namespace

class TestPolicyLinter final : public QObject
{
    Q_OBJECT

private slots:
    void testFindings_data();
    void testFindings();
    void testFindingsCarryFixes();
};

void TestPolicyLinter::testFindings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("kmsKeys");
    QTest::addColumn<QStringList>("ids"); // every finding expected, in any order
    QTest::addColumn<QString>("severity"); // of the finding ids.first()
    QTest::addColumn<int>("line"); // of ids.first(); 0: not checked
    QTest::addColumn<int>("column");

    const QString get = u"\"secretsmanager:GetSecretValue\""_s;
    const char *prod = R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????")";
    const char *read = R"(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"])";

    // --- clean policies -------------------------------------------------------------------
    QTest::newRow("clean read policy") << oneStatement(read, prod) << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("clean full ARN") << oneStatement(read, R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf")") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("clean namespace") << oneStatement(read, R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*")") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("tag-conditioned star is fine") << oneStatement(read, R"("*")", R"("Condition": {"StringEquals": {"secretsmanager:ResourceTag/team": "paint"}})") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("ListSecrets on star is fine") << oneStatement(R"("secretsmanager:ListSecrets")", R"("*")") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("resource policy star is fine") << policy(R"({"Sid":"R","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"})") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("other services are not checked") << oneStatement(R"(["s3:GetObjectz", "ec2:Describe*"])", R"("arn:aws:s3:::bucket/*")") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("kms decrypt present") << policy(R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"},
        {"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab","Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}})")
        << QStringList { QString::fromLatin1(kKey) } << QStringList {} << QString() << 0 << 0;

    // --- syntax and structure ---------------------------------------------------------------
    QTest::newRow("malformed JSON: missing comma") << u"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\" \"Action\": \"x\"}\n  ]\n}"_s << QStringList {} << QStringList { u"json-syntax"_s } << u"error"_s << 4 << 31;
    QTest::newRow("malformed JSON: trailing comma") << u"{\"Version\": \"2012-10-17\",\n \"Statement\": [1, 2,]}"_s << QStringList {} << QStringList { u"json-syntax"_s } << u"error"_s << 2 << 21;
    // Once std::terminate from the Policy pane, policy lint and SimulatePrincipalPolicy.
    QTest::newRow("malformed JSON: number overflow") << u"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"x\", \"Resource\": \"*\", \"Condition\": {\"NumericLessThan\": {\"k\": 1e999}}}]}"_s << QStringList {} << QStringList { u"json-syntax"_s } << u"error"_s << 0 << 0;
    QTest::newRow("malformed JSON: nested too deep") << (u"{\"Version\": \"2012-10-17\", \"Statement\": "_s + QString(100000, u'[') + QString(100000, u']') + u"}"_s) << QStringList {} << QStringList { u"json-too-deep"_s } << u"error"_s << 1 << 1;
    QTest::newRow("malformed JSON: cut short") << u"{\"Version\": \"2012-10-17\""_s << QStringList {} << QStringList { u"json-syntax"_s } << u"error"_s << 1 << 25;
    QTest::newRow("not an object") << u"[]"_s << QStringList {} << QStringList { u"policy-not-object"_s } << u"error"_s << 0 << 0;
    QTest::newRow("bad Version") << u"{\n  \"Version\": \"2024-01-01\",\n  \"Statement\": []}"_s << QStringList {} << QStringList { u"version-invalid"_s, u"statement-missing"_s } << u"error"_s << 2 << 14;
    QTest::newRow("no Version") << u"{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"secretsmanager:DescribeSecret\", \"Resource\": \"*\"}}"_s << QStringList {} << QStringList { u"version-missing"_s } << u"warning"_s << 1 << 1;
    QTest::newRow("no Statement") << u"{\"Version\": \"2012-10-17\"}"_s << QStringList {} << QStringList { u"statement-missing"_s } << u"error"_s << 0 << 0;
    QTest::newRow("Statement not a list") << u"{\"Version\": \"2012-10-17\", \"Statement\": \"all\"}"_s << QStringList {} << QStringList { u"statement-invalid"_s } << u"error"_s << 1 << 40;
    QTest::newRow("no Effect") << u"{\"Version\": \"2012-10-17\", \"Statement\": [\n  {\"Action\": \"secretsmanager:ListSecrets\", \"Resource\": \"*\"}]}"_s << QStringList {} << QStringList { u"effect-missing"_s } << u"error"_s << 2 << 3;
    QTest::newRow("Effect in lower case") << oneStatement(read, prod, nullptr, "allow") << QStringList {} << QStringList { u"effect-invalid"_s } << u"error"_s << 6 << 17;
    QTest::newRow("no Action") << policy(R"({"Effect":"Allow","Resource":"*"})") << QStringList {} << QStringList { u"action-missing"_s } << u"error"_s << 0 << 0;
    QTest::newRow("Action and NotAction") << oneStatement(read, prod, R"("NotAction": "secretsmanager:DeleteSecret")") << QStringList {} << QStringList { u"action-conflict"_s } << u"error"_s << 9 << 20;
    QTest::newRow("no Resource") << policy(R"({"Effect":"Allow","Action":"secretsmanager:ListSecrets"})") << QStringList {} << QStringList { u"resource-missing"_s } << u"error"_s << 0 << 0;
    QTest::newRow("Resource and NotResource") << oneStatement(read, prod, R"("NotResource": "*")") << QStringList {} << QStringList { u"resource-conflict"_s } << u"error"_s << 9 << 22;
    QTest::newRow("Principal and NotPrincipal") << oneStatement(read, R"("*")", R"("Principal": "*", "NotPrincipal": {"AWS": "123456789012"})") << QStringList {} << QStringList { u"principal-conflict"_s } << u"error"_s << 9 << 41;
    QTest::newRow("Principal malformed") << oneStatement(read, R"("*")", R"("Principal": "everyone")") << QStringList {} << QStringList { u"principal-invalid"_s } << u"error"_s << 9 << 20;
    QTest::newRow("Condition malformed") << oneStatement(read, prod, R"("Condition": {"StringEquals": "paint"})") << QStringList {} << QStringList { u"condition-invalid"_s } << u"error"_s << 9 << 37;
    QTest::newRow("Action not a string") << oneStatement("42", prod) << QStringList {} << QStringList { u"element-invalid"_s } << u"error"_s << 7 << 17;
    QTest::newRow("unknown element") << oneStatement(read, prod, R"("Actions": "secretsmanager:ListSecrets")") << QStringList {} << QStringList { u"element-unknown"_s } << u"error"_s << 9 << 18;

    // --- actions ----------------------------------------------------------------------------
    QTest::newRow("unknown Secrets Manager action") << oneStatement(R"(["secretsmanager:DescribeSecret", "secretsmanager:GetSecret"])", prod) << QStringList {} << QStringList { u"action-unknown"_s } << u"error"_s << 7 << 51;
    QTest::newRow("unknown KMS action") << oneStatement(R"("kms:Decrypts")", R"("*")") << QStringList {} << QStringList { u"action-unknown"_s } << u"error"_s << 7 << 17;
    QTest::newRow("pattern matching nothing") << oneStatement(R"("secretsmanager:Fetch*")", prod) << QStringList {} << QStringList { u"action-unknown"_s } << u"error"_s << 7 << 17;
    QTest::newRow("action without service") << oneStatement(R"("GetSecretValue")", prod) << QStringList {} << QStringList { u"action-unknown"_s } << u"error"_s << 7 << 17;
    QTest::newRow("unknown action in a Deny too") << oneStatement(R"("secretsmanager:RemoveSecret")", R"("*")", nullptr, "Deny") << QStringList {} << QStringList { u"action-unknown"_s } << u"error"_s << 7 << 17;
    QTest::newRow("action * ") << oneStatement(R"("*")", prod) << QStringList {} << QStringList { u"action-wildcard"_s } << u"warning"_s << 7 << 17;
    QTest::newRow("secretsmanager:*") << oneStatement(R"("secretsmanager:*")", prod) << QStringList {} << QStringList { u"action-wildcard"_s } << u"warning"_s << 7 << 17;
    QTest::newRow("kms:* in a Deny is fine") << oneStatement(R"("kms:*")", R"("*")", nullptr, "Deny") << QStringList {} << QStringList {} << QString() << 0 << 0;
    QTest::newRow("partial wildcard") << oneStatement(R"("secretsmanager:Describe*")", prod) << QStringList {} << QStringList { u"action-wildcard-partial"_s } << u"info"_s << 7 << 17;
    QTest::newRow("Allow NotAction") << policy(R"({"Effect":"Allow","NotAction":"secretsmanager:DeleteSecret","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/*"})") << QStringList {} << QStringList { u"allow-not-action"_s } << u"warning"_s << 0 << 0;

    // --- resources --------------------------------------------------------------------------
    QTest::newRow("GetSecretValue on *") << oneStatement(read, R"("*")") << QStringList {} << QStringList { u"resource-wildcard-get-secret-value"_s } << u"error"_s << 8 << 19;
    QTest::newRow("GetSecretValue on every secret ARN") << oneStatement(get.toUtf8().constData(), R"("arn:aws:secretsmanager:*:*:secret:*")") << QStringList {} << QStringList { u"resource-wildcard-get-secret-value"_s } << u"error"_s << 8 << 19;
    QTest::newRow("secretsmanager:Get* on *") << oneStatement(R"("secretsmanager:Get*")", R"("*")") << QStringList {} << QStringList { u"action-wildcard-partial"_s, u"resource-wildcard-get-secret-value"_s } << u"info"_s << 7 << 17;
    QTest::newRow("name-* over-matches") << oneStatement(read, R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-*")") << QStringList {} << QStringList { u"resource-suffix-overmatch"_s } << u"warning"_s << 8 << 19;
    QTest::newRow("bare name matches nothing") << oneStatement(read, R"(["arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*", "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod"])") << QStringList {} << QStringList { u"resource-bare-secret-name"_s } << u"error"_s << 8 << 87;
    QTest::newRow("resource not an ARN") << oneStatement(read, R"("pixell/prod")") << QStringList {} << QStringList { u"resource-not-arn"_s } << u"error"_s << 8 << 19;
    QTest::newRow("ListSecrets scoped to secrets") << oneStatement(R"(["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets"])", prod) << QStringList {} << QStringList { u"unscoped-action-scoped"_s } << u"warning"_s << 7 << 51;
    QTest::newRow("BatchGetSecretValue scoped") << oneStatement(R"("secretsmanager:BatchGetSecretValue")", prod) << QStringList {} << QStringList { u"unscoped-action-scoped"_s } << u"warning"_s << 7 << 17;

    // --- KMS, conditions, Sids --------------------------------------------------------------
    QTest::newRow("kms:Decrypt missing") << oneStatement(read, prod) << QStringList { QString::fromLatin1(kKey) } << QStringList { u"kms-decrypt-missing"_s } << u"error"_s << 3 << 16;
    QTest::newRow("kms:Decrypt on another key") << policy(R"({"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"},
        {"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/other"})") << QStringList { QString::fromLatin1(kKey) } << QStringList { u"kms-decrypt-missing"_s } << u"error"_s << 0 << 0;
    QTest::newRow("unknown condition operator") << oneStatement(read, prod, R"("Condition": {"StringEqual": {"aws:ResourceTag/team": "paint"}})") << QStringList {} << QStringList { u"condition-operator-unknown"_s } << u"error"_s << 9 << 36;
    QTest::newRow("duplicate Sid") << policy(R"({"Sid":"Read","Effect":"Allow","Action":"secretsmanager:DescribeSecret","Resource":"*"},
{"Sid":"Read","Effect":"Allow","Action":"secretsmanager:ListSecrets","Resource":"*"})") << QStringList {} << QStringList { u"sid-duplicate"_s } << u"warning"_s << 2 << 8;
}

void TestPolicyLinter::testFindings()
{
    QFETCH(QString, text);
    QFETCH(QStringList, kmsKeys);
    QFETCH(QStringList, ids);
    QFETCH(QString, severity);
    QFETCH(int, line);
    QFETCH(int, column);

    PolicyLinter::Options options;
    options.kmsKeyArns = kmsKeys;
    const QList<PolicyFinding> findings = PolicyLinter::lint(text.toUtf8(), options);
    QStringList found;
    for (const PolicyFinding &finding : findings)
        found.append(finding.id);
    QStringList expected = ids;
    std::ranges::sort(found);
    std::ranges::sort(expected);
    QCOMPARE(found, expected);
    QCOMPARE(PolicyLinter::hasErrors(findings),
             std::ranges::any_of(findings, [](const PolicyFinding &finding) {
                 return finding.severity == PolicyFinding::Severity::Error;
             }));
    if (ids.isEmpty())
        return;
    const auto first = std::ranges::find_if(
        findings, [&](const PolicyFinding &finding) { return finding.id == ids.first(); });
    QVERIFY(first != findings.end());
    QCOMPARE(PolicyFinding::severityName(first->severity), severity);
    if (line > 0) {
        QCOMPARE(first->line, line);
        QCOMPARE(first->column, column);
    }
}

void TestPolicyLinter::testFindingsCarryFixes()
{
    const auto findings = PolicyLinter::lint(oneStatement(
        R"(["secretsmanager:GetSecretValue"])",
        R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-*")").toUtf8());
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().fix,
             u"Match the 6-character suffix exactly: "
             "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"_s);
    QVERIFY(findings.first().message.contains(u"pixell/prod-old"_s));
    QCOMPARE(findings.first().pointer, u"/Statement/0/Resource"_s);

    const auto syntax = PolicyLinter::lint("{\"Version\": }");
    QCOMPARE(syntax.size(), 1);
    QVERIFY2(syntax.first().message.startsWith(u"Malformed JSON: syntax error"_s),
             qPrintable(syntax.first().message));
    QVERIFY(syntax.first().fix.contains(u"line 1, column 13"_s));
    QVERIFY(PolicyLinter::hasErrors(syntax));
}

QTEST_GUILESS_MAIN(TestPolicyLinter)
#include "testpolicylinter.moc"
