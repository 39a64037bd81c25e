// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The walkers of untrusted JSON that recurse have their own depth bound, so 100,000 brackets
// handed straight to them (not through the server's check before parsing) cannot overflow the
// stack: the tree depth check, PolicyJsonLocator and the sandbox authorizer.

#include "models/json/jsonnesting.h"
#include "models/policy/policyjsonlocator.h"
#include "models/sandbox/sandboxauthorizer.h"
#include "models/sandbox/sandboxstore.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using coffer::policy::PolicyJsonLocator;
using coffer::sandbox::Json;

class TestUntrustedNesting final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testTreeNestingDepth_data();
    void testTreeNestingDepth();
    void testTreeNestingDepthStopsEarly();
    void testLocatorStopsAtItsBound();
    void testLocatorStillLocatesShallowValues();
    void testAuthorizerRefusesDeepRequest();
    void testAuthorizerTakesRequestAtTheBound();
};

namespace {

constexpr int kDeep = 100'000;

/// `depth` nested arrays around `inner`: "[[[1]]]".
QByteArray nestedArrays(int depth, QByteArrayView inner = "1")
{
    return QByteArray(depth, '[') + inner.toByteArray() + QByteArray(depth, ']');
}

coffer::sandbox::SandboxPrincipal appUser()
{
    coffer::sandbox::SandboxPrincipal app;
    app.arn = u"arn:aws:iam::123456789012:user/app"_s;
    app.credentials.accessKeyId = u"AKIAAPPNESTING000001"_s;
    app.credentials.secretAccessKey = u"nesting/test/key"_s;
    app.identityPolicies = { R"({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}]})"_ba };
    return app;
}

} // namespace

void TestUntrustedNesting::testTreeNestingDepth_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("depth");
    QTest::newRow("scalar") << "1"_ba << 0;
    QTest::newRow("empty array") << "[]"_ba << 1;
    QTest::newRow("empty object") << "{}"_ba << 1;
    QTest::newRow("object in array") << R"([1, {"a": 2}])"_ba << 2;
    QTest::newRow("deepest last") << R"({"a": [], "b": {"c": [[]]}})"_ba << 4;
}

void TestUntrustedNesting::testTreeNestingDepth()
{
    QFETCH(QByteArray, text);
    QFETCH(int, depth);
    const Json tree = Json::parse(text.constBegin(), text.constEnd());
    QCOMPARE(coffer::json::treeNestingDepth(tree, 100), depth);
    QCOMPARE(coffer::json::treeNestingExceeds(tree, depth), false);
    if (depth > 0)
        QVERIFY(coffer::json::treeNestingExceeds(tree, depth - 1));
}

void TestUntrustedNesting::testTreeNestingDepthStopsEarly()
{
    // nlohmann parses without recursion, so the tree exists; the check must not recurse either.
    const QByteArray text = nestedArrays(kDeep);
    const Json tree = Json::parse(text.constBegin(), text.constEnd());
    QCOMPARE(coffer::json::treeNestingDepth(tree, coffer::json::kMaxUntrustedNesting),
             coffer::json::kMaxUntrustedNesting + 1);
    QVERIFY(coffer::json::treeNestingExceeds(tree, coffer::json::kMaxUntrustedNesting));
}

void TestUntrustedNesting::testLocatorStopsAtItsBound()
{
    const PolicyJsonLocator locator(nestedArrays(kDeep));
    QCOMPARE(locator.position(QString()).line, 1);
    QCOMPARE(locator.position(QString()).column, 1);
    // The deepest value located is at the bound; below it, the closest ancestor answers.
    QString atBound;
    for (int i = 0; i < PolicyJsonLocator::kMaxDepth; ++i)
        atBound += u"/0"_s;
    QCOMPARE(locator.position(atBound).column, PolicyJsonLocator::kMaxDepth + 1);
    QCOMPARE(locator.position(atBound + u"/0/0"_s).column, PolicyJsonLocator::kMaxDepth + 1);
}

void TestUntrustedNesting::testLocatorStillLocatesShallowValues()
{
    const QByteArray text = "{\"Statement\": [\n  {\"Effect\": \"Allow\"}\n]}"_ba;
    const PolicyJsonLocator locator(text);
    QCOMPARE(locator.position(u"/Statement/0/Effect"_s).line, 2);
    QCOMPARE(locator.position(u"/Statement/0/Effect"_s).column, 14);
}

void TestUntrustedNesting::testAuthorizerRefusesDeepRequest()
{
    const coffer::sandbox::SandboxPrincipal app = appUser();
    const coffer::sandbox::SandboxAuthorizer authorizer(u"123456789012"_s, {}, { app }, {});
    const coffer::sandbox::SandboxStore store;
    const QByteArray text = R"({"Name": )"_ba + nestedArrays(kDeep) + "}";
    const Json request = Json::parse(text.constBegin(), text.constEnd());
    const auto caller = authorizer.callerFor(app.credentials.accessKeyId);
    QVERIFY(!caller.isRoot());
    const auto allowed = authorizer.authorizeSecretsManager(caller, u"CreateSecret"_s, request, store, {});
    QVERIFY(!allowed);
    QCOMPARE(allowed.error().code, u"SerializationException"_s);
    QVERIFY2(allowed.error().message.contains(u"64 levels"_s), qPrintable(allowed.error().message));
}

void TestUntrustedNesting::testAuthorizerTakesRequestAtTheBound()
{
    const coffer::sandbox::SandboxPrincipal app = appUser();
    const coffer::sandbox::SandboxAuthorizer authorizer(u"123456789012"_s, {}, { app }, {});
    const coffer::sandbox::SandboxStore store;
    // The object itself is one level: 63 more arrays make 64, the bound.
    const QByteArray text = R"({"Name": "pixell/dev", "Tags": )"_ba
        + nestedArrays(coffer::json::kMaxUntrustedNesting - 1, "") + "}";
    const Json request = Json::parse(text.constBegin(), text.constEnd());
    const auto caller = authorizer.callerFor(app.credentials.accessKeyId);
    QVERIFY(authorizer.authorizeSecretsManager(caller, u"CreateSecret"_s, request, store, {}));
}

QTEST_GUILESS_MAIN(TestUntrustedNesting)
#include "testuntrustednesting.moc"
