// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// PolicyEvaluator against a table of requests with known answers: the examples of the IAM
// documentation ("Policy evaluation logic", the condition operator and policy variable pages)
// and the Secrets Manager patterns that go wrong in practice (the 6-character ARN suffix,
// namespace prefixes).
#include "models/policy/policydocument.h"
#include "models/policy/policyevaluator.h"

#include <QTest>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using namespace Qt::StringLiterals;
using namespace coffer::policy;

namespace {

const QString kJwt
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/production/jwt/public-keys-AbCdEf"_s;
const QString kPixellProd = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf"_s;
const QString kPixellDev = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/dev-XyZ123"_s;
const QString kPixellProdOld
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-old-AbCdEf"_s;
const QString kPaintboxOther
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox-other/x-AbCdEf"_s;
const QString kKey = u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s;
const QString kAppRole = u"arn:aws:iam::123456789012:role/app"_s;
const QString kAdminRole = u"arn:aws:iam::123456789012:role/admin"_s;
const QString kAlice = u"arn:aws:iam::123456789012:user/alice"_s;
const QString kOtherAccountRole = u"arn:aws:iam::111122223333:role/reader"_s;
const QString kGet = u"secretsmanager:GetSecretValue"_s;
const QString kDescribe = u"secretsmanager:DescribeSecret"_s;
const QString kPut = u"secretsmanager:PutSecretValue"_s;
const QString kDelete = u"secretsmanager:DeleteSecret"_s;

/// A 2012-10-17 policy with these statements (JSON objects, comma-separated).
QString policy(const char *statements)
{
    return u"{\"Version\": \"2012-10-17\", \"Statement\": ["_s + QString::fromUtf8(statements)
        + u"]}"_s;
}

/// Allow `action` on `resource` (both JSON values, quoted as needed), Sid "A".
QString allow(const char *action, const char *resource)
{
    return u"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"A\", \"Effect\": "
           "\"Allow\", \"Action\": %1, \"Resource\": %2}]}"_s.arg(QString::fromUtf8(action),
                                                                  QString::fromUtf8(resource));
}

/// Allow GetSecretValue on "*" under `condition` (a JSON object), Sid "C".
QString allowIf(const char *condition)
{
    return u"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"C\", \"Effect\": "
           "\"Allow\", \"Action\": \"secretsmanager:GetSecretValue\", \"Resource\": \"*\", "
           "\"Condition\": %1}]}"_s.arg(QString::fromUtf8(condition));
}

struct Row
{
    QStringList policies;
    QString resourcePolicy;
    QString action;
    QString resource;
    QString principal;
    QStringList context; // "key=value"; "key=[]" for a present but empty set
    QString reason;
    QString statement; // expected Decision::statementLabel()
};

void add(const char *name, const Row &row)
{
    QTest::newRow(name) << row.policies << row.resourcePolicy << row.action << row.resource
                        << row.principal << row.context << row.reason << row.statement;
}

const QString allowed = u"Allowed"_s;
const QString denied = u"ExplicitDeny"_s;
const QString implicit = u"ImplicitDeny"_s;

} // namespace

class TestPolicyEvaluator final : public QObject
{
    Q_OBJECT

private slots:
    void testEvaluate_data();
    void testEvaluate();
    void testMatrix();
    void testConcurrentEvaluation();
    void testKnownConditionOperators();
};

void TestPolicyEvaluator::testEvaluate_data()
{
    QTest::addColumn<QStringList>("policies");
    QTest::addColumn<QString>("resourcePolicy");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("principal");
    QTest::addColumn<QStringList>("context");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("statement");

    const QString readPixell = allow(R"(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"])",
                                     R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????")");

    // --- the basics -------------------------------------------------------------------------
    add("exact action and suffix pattern", { { readPixell }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("second action of the list", { { readPixell }, {}, kDescribe, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("action not listed", { { readPixell }, {}, kPut, kPixellProd, {}, {}, implicit, {} });
    add("no policy at all", { {}, {}, kGet, kPixellProd, {}, {}, implicit, {} });
    add("action in policy, other case", { { allow(R"("SECRETSMANAGER:getsecretvalue")", R"("*")") }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("action in request, other case", { { readPixell }, {}, u"secretsmanager:GETSECRETVALUE"_s, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("action prefix wildcard", { { allow(R"("secretsmanager:Get*")", R"("*")") }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("action prefix wildcard misses", { { allow(R"("secretsmanager:Get*")", R"("*")") }, {}, kDescribe, kPixellProd, {}, {}, implicit, {} });
    add("service wildcard", { { allow(R"("secretsmanager:*")", R"("*")") }, {}, kDelete, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("star action covers kms", { { allow(R"("*")", R"("*")") }, {}, u"kms:Decrypt"_s, kKey, {}, {}, allowed, u"P1: A"_s });
    add("question mark in action", { { allow(R"("secretsmanager:?etSecretValue")", R"("*")") }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("service prefix is part of the match", { { allow(R"("secretsmanager:List*")", R"("*")") }, {}, u"kms:ListKeys"_s, u"*"_s, {}, {}, implicit, {} });
    add("single statement object", { { uR"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}})"_s }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: #1"_s });
    add("statement without Sid is numbered", { { policy(R"({"Sid":"Other","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"},
        {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"})") }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: #2"_s });

    // --- resources: the 6-character suffix and namespaces ------------------------------------
    add("?????? matches the 6-char suffix", { { readPixell }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("?????? needs exactly 6 chars (5)", { { readPixell }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdE"_s, {}, {}, implicit, {} });
    add("?????? needs exactly 6 chars (7)", { { readPixell }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEfG"_s, {}, {}, implicit, {} });
    add("?????? does not reach name-old", { { readPixell }, {}, kGet, kPixellProdOld, {}, {}, implicit, {} });
    add("name-* over-matches name-old", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-*")") }, {}, kGet, kPixellProdOld, {}, {}, allowed, u"P1: A"_s });
    add("bare name matches nothing", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod")") }, {}, kGet, kPixellProd, {}, {}, implicit, {} });
    add("namespace prefix/* matches", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*")") }, {}, kGet, kJwt, {}, {}, allowed, u"P1: A"_s });
    add("namespace prefix/* excludes prefix-other", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*")") }, {}, kGet, kPaintboxOther, {}, {}, implicit, {} });
    add("prefix without slash over-matches", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox*")") }, {}, kGet, kPaintboxOther, {}, {}, allowed, u"P1: A"_s });
    add("resource star", { { allow(R"("secretsmanager:GetSecretValue")", R"("*")") }, {}, kGet, kJwt, {}, {}, allowed, u"P1: A"_s });
    add("region wildcard segment", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:*:123456789012:secret:pixell/*")") }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });
    add("other account", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:999999999999:secret:pixell/*")") }, {}, kGet, kPixellProd, {}, {}, implicit, {} });
    add("wildcard does not span ARN segments", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:*:secret:pixell/prod-AbCdEf")") }, {}, kGet, kPixellProd, {}, {}, implicit, {} });
    add("resource names are case-sensitive", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:PIXELL/*")") }, {}, kGet, kPixellProd, {}, {}, implicit, {} });
    add("second resource of a list", { { allow(R"("secretsmanager:GetSecretValue")", R"(["arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*", "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/dev-??????"])") }, {}, kGet, kPixellDev, {}, {}, allowed, u"P1: A"_s });

    // --- NotAction and NotResource ------------------------------------------------------------
    const QString allButDelete = policy(R"({"Sid":"NA","Effect":"Allow","NotAction":"secretsmanager:DeleteSecret","Resource":"*"})");
    add("Allow NotAction allows the others", { { allButDelete }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: NA"_s });
    add("Allow NotAction skips the listed", { { allButDelete }, {}, kDelete, kPixellProd, {}, {}, implicit, {} });
    add("Allow NotAction iam:* (doc example)", { { policy(R"({"Sid":"NotIam","Effect":"Allow","NotAction":"iam:*","Resource":"*"})") }, {}, kPut, kPixellProd, {}, {}, allowed, u"P1: NotIam"_s });
    const QString readOnlyGuard = policy(R"({"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"},
        {"Sid":"OnlyRead","Effect":"Deny","NotAction":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":"*"})");
    add("Deny NotAction denies the others", { { readOnlyGuard }, {}, kPut, kPixellProd, {}, {}, denied, u"P1: OnlyRead"_s });
    add("Deny NotAction spares the listed", { { readOnlyGuard }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: All"_s });
    const QString notProd = policy(R"({"Sid":"NotProd","Effect":"Allow","Action":"secretsmanager:GetSecretValue","NotResource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-??????"})");
    add("Allow NotResource allows the others", { { notProd }, {}, kGet, kPixellDev, {}, {}, allowed, u"P1: NotProd"_s });
    add("Allow NotResource skips the listed", { { notProd }, {}, kGet, kPixellProd, {}, {}, implicit, {} });
    const QString onlyPaintbox = policy(R"({"Sid":"All","Effect":"Allow","Action":"secretsmanager:*","Resource":"*"},
        {"Sid":"OutsidePaintbox","Effect":"Deny","Action":"secretsmanager:*","NotResource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*"})");
    add("Deny NotResource spares the listed", { { onlyPaintbox }, {}, kGet, kJwt, {}, {}, allowed, u"P1: All"_s });
    add("Deny NotResource denies the others", { { onlyPaintbox }, {}, kGet, kPixellProd, {}, {}, denied, u"P1: OutsidePaintbox"_s });

    // --- explicit deny wins -------------------------------------------------------------------
    const QString denyProd = policy(R"({"Sid":"DenyProd","Effect":"Deny","Action":"secretsmanager:*","Resource":"arn:aws:secretsmanager:*:*:secret:*/prod-??????"})");
    add("deny in the same policy", { { policy(R"({"Sid":"All","Effect":"Allow","Action":"secretsmanager:*","Resource":"*"},
        {"Sid":"DenyProd","Effect":"Deny","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:pixell/prod-??????"})") }, {}, kGet, kPixellProd, {}, {}, denied, u"P1: DenyProd"_s });
    add("deny in another policy", { { readPixell, denyProd }, {}, kGet, kPixellProd, {}, {}, denied, u"P2: DenyProd"_s });
    add("deny listed first, allow later", { { denyProd, readPixell }, {}, kGet, kPixellProd, {}, {}, denied, u"P1: DenyProd"_s });
    add("deny on another resource", { { allow(R"("secretsmanager:*")", R"("*")"), denyProd }, {}, kGet, kPixellDev, {}, {}, allowed, u"P1: A"_s });
    add("deny whose condition fails", { { allow(R"("secretsmanager:*")", R"("*")"), policy(R"({"Sid":"NoMfa","Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}})") }, {}, kGet, kPixellDev, {}, { u"aws:MultiFactorAuthPresent=true"_s }, allowed, u"P1: A"_s });
    add("deny alone is still a deny", { { denyProd }, {}, kGet, kPixellProd, {}, {}, denied, u"P1: DenyProd"_s });

    // --- resource policies ----------------------------------------------------------------------
    const QString rpApp = policy(R"({"Sid":"AppReads","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"})");
    add("resource policy deny beats identity allow", { { readPixell }, policy(R"({"Sid":"NoOne","Effect":"Deny","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"})"), kGet, kPixellProd, kAppRole, {}, denied, u"RP: NoOne"_s });
    add("resource policy alone allows (same account)", { {}, rpApp, kGet, kPixellProd, kAppRole, {}, allowed, u"RP: AppReads"_s });
    add("resource policy for another principal", { {}, rpApp, kGet, kPixellProd, kAdminRole, {}, implicit, {} });
    add("resource policy Principal *", { {}, policy(R"({"Sid":"Anyone","Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"})"), kGet, kPixellProd, kAlice, {}, allowed, u"RP: Anyone"_s });
    add("Principal account id covers its roles", { {}, policy(R"({"Sid":"Acct","Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"secretsmanager:*","Resource":"*"})"), kGet, kPixellProd, kAppRole, {}, allowed, u"RP: Acct"_s });
    add("Principal root ARN covers its users", { {}, policy(R"({"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"secretsmanager:*","Resource":"*"})"), kGet, kPixellProd, kAlice, {}, allowed, u"RP: Root"_s });
    add("assumed-role session matches its role", { {}, rpApp, kGet, kPixellProd, u"arn:aws:sts::123456789012:assumed-role/app/i-0123"_s, {}, allowed, u"RP: AppReads"_s });
    const QString rpOther = policy(R"({"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/reader"},"Action":"secretsmanager:GetSecretValue","Resource":"*"})");
    add("cross-account needs the identity allow too", { {}, rpOther, kGet, kPixellProd, kOtherAccountRole, {}, implicit, {} });
    add("cross-account with both allows", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/*")") }, rpOther, kGet, kPixellProd, kOtherAccountRole, {}, allowed, u"RP: Partner"_s });
    add("cross-account with identity allow only", { { allow(R"("secretsmanager:GetSecretValue")", R"("*")") }, rpApp, kGet, kPixellProd, kOtherAccountRole, {}, implicit, {} });
    const QString rpNotAdmin = policy(R"({"Sid":"Everyone","Effect":"Allow","Principal":"*","Action":"secretsmanager:*","Resource":"*"},
        {"Sid":"OnlyAdmin","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:role/admin"},"Action":"secretsmanager:DeleteSecret","Resource":"*"})");
    add("NotPrincipal deny hits the others", { {}, rpNotAdmin, kDelete, kPixellProd, kAppRole, {}, denied, u"RP: OnlyAdmin"_s });
    add("NotPrincipal deny spares the listed", { {}, rpNotAdmin, kDelete, kPixellProd, kAdminRole, {}, allowed, u"RP: Everyone"_s });
    add("identity policies ignore Principal matching", { { readPixell }, {}, kGet, kPixellProd, {}, {}, allowed, u"P1: A"_s });

    // --- condition operators ------------------------------------------------------------------
    const QString tagPaint = allowIf(R"({"StringEquals":{"secretsmanager:ResourceTag/team":"paint"}})");
    add("StringEquals matches", { { tagPaint }, {}, kGet, kJwt, {}, { u"secretsmanager:ResourceTag/team=paint"_s }, allowed, u"P1: C"_s });
    add("StringEquals differs", { { tagPaint }, {}, kGet, kJwt, {}, { u"secretsmanager:ResourceTag/team=pixell"_s }, implicit, {} });
    add("StringEquals key missing", { { tagPaint }, {}, kGet, kJwt, {}, {}, implicit, {} });
    add("condition key names ignore case", { { tagPaint }, {}, kGet, kJwt, {}, { u"SecretsManager:resourcetag/TEAM=paint"_s }, allowed, u"P1: C"_s });
    add("StringEquals values are case-sensitive", { { tagPaint }, {}, kGet, kJwt, {}, { u"secretsmanager:ResourceTag/team=Paint"_s }, implicit, {} });
    add("StringEqualsIgnoreCase", { { allowIf(R"({"StringEqualsIgnoreCase":{"aws:ResourceTag/team":"PAINT"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=Paint"_s }, allowed, u"P1: C"_s });
    add("StringNotEquals on another value", { { allowIf(R"({"StringNotEquals":{"aws:ResourceTag/env":"prod"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/env=dev"_s }, allowed, u"P1: C"_s });
    add("StringNotEquals on the value", { { allowIf(R"({"StringNotEquals":{"aws:ResourceTag/env":"prod"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/env=prod"_s }, implicit, {} });
    add("StringNotEquals with key missing is true", { { allowIf(R"({"StringNotEquals":{"aws:ResourceTag/env":"prod"}})") }, {}, kGet, kJwt, {}, {}, allowed, u"P1: C"_s });
    add("StringLike with *", { { allowIf(R"({"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app*"}})") }, {}, kGet, kJwt, kAppRole, {}, allowed, u"P1: C"_s });
    add("StringLike with ?", { { allowIf(R"({"StringLike":{"aws:username":"al?ce"}})") }, {}, kGet, kJwt, {}, { u"aws:username=alice"_s }, allowed, u"P1: C"_s });
    add("StringLike misses", { { allowIf(R"({"StringLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/app-*"}})") }, {}, kGet, kJwt, kAppRole, {}, implicit, {} });
    add("StringNotLike on a match", { { allowIf(R"({"StringNotLike":{"aws:username":"a*"}})") }, {}, kGet, kJwt, {}, { u"aws:username=alice"_s }, implicit, {} });
    add("values are ORed", { { allowIf(R"({"StringEquals":{"aws:ResourceTag/team":["pixell","paint"]}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=paint"_s }, allowed, u"P1: C"_s });
    add("keys are ANDed", { { allowIf(R"({"StringEquals":{"aws:ResourceTag/team":"paint","aws:ResourceTag/env":"prod"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=paint"_s, u"aws:ResourceTag/env=dev"_s }, implicit, {} });
    add("operators are ANDed", { { allowIf(R"({"StringEquals":{"aws:ResourceTag/team":"paint"},"Bool":{"aws:SecureTransport":"true"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=paint"_s, u"aws:SecureTransport=true"_s }, allowed, u"P1: C"_s });
    add("IfExists with key missing", { { allowIf(R"({"StringEqualsIfExists":{"aws:ResourceTag/team":"paint"}})") }, {}, kGet, kJwt, {}, {}, allowed, u"P1: C"_s });
    add("IfExists with key present, other value", { { allowIf(R"({"StringEqualsIfExists":{"aws:ResourceTag/team":"paint"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=pixell"_s }, implicit, {} });
    const QString allTagKeys = allowIf(R"({"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}})");
    add("ForAllValues on a missing key is true", { { allTagKeys }, {}, kGet, kJwt, {}, {}, allowed, u"P1: C"_s });
    add("ForAllValues on an empty set is true", { { allTagKeys }, {}, kGet, kJwt, {}, { u"aws:TagKeys=[]"_s }, allowed, u"P1: C"_s });
    add("ForAllValues subset", { { allTagKeys }, {}, kGet, kJwt, {}, { u"aws:TagKeys=team"_s }, allowed, u"P1: C"_s });
    add("ForAllValues with an extra value", { { allTagKeys }, {}, kGet, kJwt, {}, { u"aws:TagKeys=team"_s, u"aws:TagKeys=owner"_s }, implicit, {} });
    const QString anyTagKey = allowIf(R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["team","env"]}})");
    add("ForAnyValue on a missing key is false", { { anyTagKey }, {}, kGet, kJwt, {}, {}, implicit, {} });
    add("ForAnyValue on an empty set is false", { { anyTagKey }, {}, kGet, kJwt, {}, { u"aws:TagKeys=[]"_s }, implicit, {} });
    add("ForAnyValue with one match", { { anyTagKey }, {}, kGet, kJwt, {}, { u"aws:TagKeys=owner"_s, u"aws:TagKeys=env"_s }, allowed, u"P1: C"_s });
    add("Null true with key missing", { { allowIf(R"({"Null":{"aws:ResourceTag/team":"true"}})") }, {}, kGet, kJwt, {}, {}, allowed, u"P1: C"_s });
    add("Null true with key present", { { allowIf(R"({"Null":{"aws:ResourceTag/team":"true"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=paint"_s }, implicit, {} });
    add("Null false with key present", { { allowIf(R"({"Null":{"aws:ResourceTag/team":"false"}})") }, {}, kGet, kJwt, {}, { u"aws:ResourceTag/team=paint"_s }, allowed, u"P1: C"_s });
    const QString denyInsecure = policy(R"({"Sid":"All","Effect":"Allow","Action":"secretsmanager:*","Resource":"*"},
        {"Sid":"TlsOnly","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false}}})");
    add("Bool deny without TLS", { { denyInsecure }, {}, kGet, kJwt, {}, { u"aws:SecureTransport=false"_s }, denied, u"P1: TlsOnly"_s });
    add("Bool deny spares TLS", { { denyInsecure }, {}, kGet, kJwt, {}, { u"aws:SecureTransport=true"_s }, allowed, u"P1: All"_s });
    add("Bool ignores case", { { allowIf(R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})") }, {}, kGet, kJwt, {}, { u"aws:MultiFactorAuthPresent=True"_s }, allowed, u"P1: C"_s });
    const QString mfaAge = allowIf(R"({"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}})");
    add("NumericLessThan below", { { mfaAge }, {}, kGet, kJwt, {}, { u"aws:MultiFactorAuthAge=100"_s }, allowed, u"P1: C"_s });
    add("NumericLessThan above", { { mfaAge }, {}, kGet, kJwt, {}, { u"aws:MultiFactorAuthAge=7200"_s }, implicit, {} });
    add("NumericGreaterThanEquals equal", { { allowIf(R"({"NumericGreaterThanEquals":{"secretsmanager:RecoveryWindowInDays":7}})") }, {}, kGet, kJwt, {}, { u"secretsmanager:RecoveryWindowInDays=7"_s }, allowed, u"P1: C"_s });
    add("NumericEquals on text is false", { { allowIf(R"({"NumericEquals":{"aws:MultiFactorAuthAge":"10"}})") }, {}, kGet, kJwt, {}, { u"aws:MultiFactorAuthAge=ten"_s }, implicit, {} });
    add("DateGreaterThan after", { { allowIf(R"({"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}})") }, {}, kGet, kJwt, {}, { u"aws:CurrentTime=2026-03-01T12:00:00Z"_s }, allowed, u"P1: C"_s });
    add("DateLessThan after", { { allowIf(R"({"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}})") }, {}, kGet, kJwt, {}, { u"aws:CurrentTime=2026-03-01T12:00:00Z"_s }, implicit, {} });
    add("DateEquals epoch against ISO", { { allowIf(R"({"DateEquals":{"aws:EpochTime":"2026-01-01T00:00:00Z"}})") }, {}, kGet, kJwt, {}, { u"aws:EpochTime=1767225600"_s }, allowed, u"P1: C"_s });
    add("ArnLike with wildcards", { { allowIf(R"({"ArnLike":{"aws:SourceArn":"arn:aws:lambda:*:123456789012:function:rotate-*"}})") }, {}, kGet, kJwt, {}, { u"aws:SourceArn=arn:aws:lambda:us-east-1:123456789012:function:rotate-pixell"_s }, allowed, u"P1: C"_s });
    add("ArnEquals other account", { { allowIf(R"({"ArnEquals":{"aws:SourceArn":"arn:aws:lambda:us-east-1:123456789012:function:rotate"}})") }, {}, kGet, kJwt, {}, { u"aws:SourceArn=arn:aws:lambda:us-east-1:999999999999:function:rotate"_s }, implicit, {} });
    add("ArnNotLike on another ARN", { { allowIf(R"({"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/admin"}})") }, {}, kGet, kJwt, kAppRole, {}, allowed, u"P1: C"_s });
    add("IpAddress in the range", { { allowIf(R"({"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.7"]}})") }, {}, kGet, kJwt, {}, { u"aws:SourceIp=203.0.113.50"_s }, allowed, u"P1: C"_s });
    add("NotIpAddress deny (doc example)", { { allow(R"("secretsmanager:*")", R"("*")"), policy(R"({"Sid":"OfficeOnly","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}})") }, {}, kGet, kJwt, {}, { u"aws:SourceIp=203.0.113.9"_s }, denied, u"P2: OfficeOnly"_s });
    const QString ipv6Range = allowIf(R"({"IpAddress":{"aws:SourceIp":["2001:DB8:1234:5678::/64","203.0.113.0/24"]}})");
    add("IpAddress IPv6 in the range", { { ipv6Range }, {}, kGet, kJwt, {}, { u"aws:SourceIp=2001:db8:1234:5678:0:0:0:42"_s }, allowed, u"P1: C"_s });
    add("IpAddress IPv6 outside the range", { { ipv6Range }, {}, kGet, kJwt, {}, { u"aws:SourceIp=2001:db8:1234:5679::1"_s }, implicit, {} });
    add("IpAddress IPv4 never in an IPv6 range", { { allowIf(R"({"IpAddress":{"aws:SourceIp":"::/0"}})") }, {}, kGet, kJwt, {}, { u"aws:SourceIp=203.0.113.9"_s }, implicit, {} });
    add("IpAddress IPv6 single address", { { allowIf(R"({"IpAddress":{"aws:SourceIp":"2001:db8::7"}})") }, {}, kGet, kJwt, {}, { u"aws:SourceIp=2001:DB8:0::7"_s }, allowed, u"P1: C"_s });
    add("IpAddress short IPv4 is no address", { { allowIf(R"({"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}})") }, {}, kGet, kJwt, {}, { u"aws:SourceIp=203.113"_s }, implicit, {} });
    add("NotIpAddress IPv6 deny", { { allow(R"("secretsmanager:*")", R"("*")"), policy(R"({"Sid":"Office6","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"2001:db8:a::/48"}}})") }, {}, kGet, kJwt, {}, { u"aws:SourceIp=2001:db8:b::1"_s }, denied, u"P2: Office6"_s });
    const QString viaService = policy(R"({"Sid":"Decrypt","Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:123456789012:key/*","Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.us-east-1.amazonaws.com"}}})");
    add("kms:ViaService through Secrets Manager", { { viaService }, {}, u"kms:Decrypt"_s, kKey, {}, { u"kms:ViaService=secretsmanager.us-east-1.amazonaws.com"_s }, allowed, u"P1: Decrypt"_s });
    add("kms:ViaService direct call", { { viaService }, {}, u"kms:Decrypt"_s, kKey, {}, {}, implicit, {} });
    add("unknown operator never applies", { { allowIf(R"({"StringEqualz":{"aws:username":"alice"}})") }, {}, kGet, kJwt, {}, { u"aws:username=alice"_s }, implicit, {} });

    // --- policy variables ---------------------------------------------------------------------
    const QString home = allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:home/${aws:username}/*")");
    add("${aws:username} in Resource", { { home }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:home/alice/token-AbCdEf"_s, {}, { u"aws:username=alice"_s }, allowed, u"P1: A"_s });
    add("${aws:username} of someone else", { { home }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:home/alice/token-AbCdEf"_s, {}, { u"aws:username=bob"_s }, implicit, {} });
    add("variable without a value", { { home }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:home/alice/token-AbCdEf"_s, {}, {}, implicit, {} });
    add("variables are text in Version 2008", { { uR"({"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:123456789012:secret:home/${aws:username}/*"}]})"_s }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:home/alice/token-AbCdEf"_s, {}, { u"aws:username=alice"_s }, implicit, {} });
    add("variable default value", { { allow(R"("secretsmanager:GetSecretValue")", R"("arn:aws:secretsmanager:us-east-1:123456789012:secret:team/${aws:PrincipalTag/team, 'shared'}/*")") }, {}, kGet, u"arn:aws:secretsmanager:us-east-1:123456789012:secret:team/shared/db-AbCdEf"_s, {}, {}, allowed, u"P1: A"_s });
    add("variable in a condition value", { { allowIf(R"({"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}})") }, {}, kGet, kJwt, {}, { u"aws:username=alice"_s, u"aws:ResourceTag/owner=alice"_s }, allowed, u"P1: C"_s });
}

void TestPolicyEvaluator::testEvaluate()
{
    QFETCH(QStringList, policies);
    QFETCH(QString, resourcePolicy);
    QFETCH(QString, action);
    QFETCH(QString, resource);
    QFETCH(QString, principal);
    QFETCH(QStringList, context);
    QFETCH(QString, reason);
    QFETCH(QString, statement);

    PolicyEvaluator evaluator;
    for (qsizetype i = 0; i < policies.size(); ++i) {
        auto parsed = PolicyDocument::parse(policies.at(i).toUtf8(), u"P%1"_s.arg(i + 1));
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
        evaluator.addIdentityPolicy(*parsed);
    }
    if (!resourcePolicy.isEmpty()) {
        auto parsed = PolicyDocument::parse(resourcePolicy.toUtf8(), u"RP"_s);
        QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
        evaluator.setResourcePolicy(*parsed);
    }

    EvaluationRequest request;
    request.action = action;
    request.resource = resource;
    request.principal = principal;
    QHash<QString, QStringList> values;
    QStringList keys;
    for (const QString &entry : context) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString key = entry.first(equals);
        if (!keys.contains(key))
            keys.append(key);
        if (entry.sliced(equals + 1) != u"[]"_s)
            values[key].append(entry.sliced(equals + 1));
    }
    for (const QString &key : std::as_const(keys))
        request.setContext(key, values.value(key));

    const Decision decision = evaluator.evaluate(request);
    QCOMPARE(Decision::reasonName(decision.reason), reason);
    QCOMPARE(decision.allowed(), reason == allowed);
    QCOMPARE(decision.statementLabel(), statement);
    QVERIFY(!decision.explanation.isEmpty());
    if (decision.reason != Decision::Reason::ImplicitDeny)
        QVERIFY2(decision.explanation.contains(decision.statementSid.isEmpty()
                                                   ? u"#%1"_s.arg(decision.statementIndex + 1)
                                                   : decision.statementSid),
                 qPrintable(decision.explanation));
}

void TestPolicyEvaluator::testMatrix()
{
    const auto policy = PolicyDocument::parse(
        allow(R"(["secretsmanager:GetSecretValue", "secretsmanager:ListSecrets"])",
              R"(["arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/*", "*"])")
            .toUtf8(),
        u"app"_s);
    QVERIFY(policy);
    const PolicyEvaluator evaluator({ *policy });
    const DecisionMatrix matrix = evaluator.matrix({ kGet, kPut }, { kJwt, kPixellProd });
    QCOMPARE(matrix.decisions.size(), 4);
    QVERIFY(matrix.at(0, 0).allowed());
    QVERIFY(matrix.at(0, 1).allowed()); // "*" is in the Resource list
    QVERIFY(!matrix.at(1, 0).allowed());
    QVERIFY(!matrix.at(1, 1).allowed());
    QVERIFY(!matrix.allAllowed());
    QCOMPARE(matrix.at(0, 0).statementLabel(), u"app: A"_s);
}

void TestPolicyEvaluator::testConcurrentEvaluation()
{
    // One evaluator, many threads: the sandbox evaluates each request on its own thread.
    const auto document = PolicyDocument::parse(
        policy(R"({"Sid":"Read","Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:*:*:secret:paintbox/*","Condition":{"StringEquals":{"aws:ResourceTag/team":"paint"}}})")
            .toUtf8(),
        u"app"_s);
    QVERIFY(document);
    const PolicyEvaluator evaluator({ *document });
    std::atomic<int> wrong = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&evaluator, &wrong, t] {
            for (int i = 0; i < 500; ++i) {
                EvaluationRequest request;
                request.action = kGet;
                const bool paintbox = (i + t) % 2 == 1;
                request.resource = paintbox ? kJwt : kPixellProd;
                request.setContext(u"aws:ResourceTag/team"_s, u"paint"_s);
                if (evaluator.evaluate(request).allowed() != paintbox)
                    ++wrong;
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    QCOMPARE(wrong.load(), 0);
}

void TestPolicyEvaluator::testKnownConditionOperators()
{
    for (const QString &name :
         { u"StringEquals"_s, u"StringNotEqualsIgnoreCase"_s, u"ForAnyValue:StringLike"_s,
           u"ForAllValues:StringEqualsIfExists"_s, u"ArnNotLikeIfExists"_s, u"Null"_s,
           u"NumericGreaterThanEquals"_s, u"DateLessThanEquals"_s, u"NotIpAddress"_s,
           u"BinaryEquals"_s, u"Bool"_s })
        QVERIFY2(PolicyEvaluator::isKnownConditionOperator(name), qPrintable(name));
    for (const QString &name : { u"StringEqualz"_s, u"stringequals"_s, u"NullIfExists"_s,
                                 u"ForAnyValue:Null"_s, u"ForSomeValues:StringEquals"_s, u""_s })
        QVERIFY2(!PolicyEvaluator::isKnownConditionOperator(name), qPrintable(name));
}

QTEST_GUILESS_MAIN(TestPolicyEvaluator)
#include "testpolicyevaluator.moc"
