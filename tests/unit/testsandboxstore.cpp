// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox's Secrets Manager semantics, without a network: versions and staging labels,
// idempotency, filters and pagination, scheduled deletion, limits, and AWS's error codes.

#include "models/sandbox/sandboxstore.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxStore;

namespace {

const std::string tokenA = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const std::string tokenB = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const std::string tokenC = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";

QString str(const Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

QString J(const Json &value)
{
    return QString::fromStdString(value.dump());
}

QStringList names(const Json &list)
{
    QStringList result;
    for (const Json &entry : list)
        result.append(str(entry["Name"]));
    return result;
}

} // namespace

class TestSandboxStore : public QObject
{
    Q_OBJECT

private:
    QDateTime m_now;
    std::unique_ptr<SandboxStore> m_store;

    Json ok(QStringView operation, const Json &request)
    {
        auto result = m_store->call(operation, request);
        if (!result)
            qWarning("%s failed: %s", qPrintable(operation.toString()), qPrintable(result.error().summary()));
        return result ? *result : Json();
    }
    coffer::aws::AwsError error(QStringView operation, const Json &request)
    {
        auto result = m_store->call(operation, request);
        if (result)
            return {};
        return result.error();
    }
    void advance(qint64 seconds) { m_now = m_now.addSecs(seconds); }
    void create(const std::string &name, const Json &extra = Json::object())
    {
        Json request = {{"Name", name}, {"SecretString", "value of " + name}};
        request.update(extra);
        ok(u"CreateSecret", request);
        advance(1);
    }

private Q_SLOTS:
    void init()
    {
        m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
        m_store = std::make_unique<SandboxStore>(u"eu-west-1"_s, u"123456789012"_s);
        m_store->setClock([this] { return m_now; });
    }

    void testCreateAndGet()
    {
        const Json created = ok(u"CreateSecret", {{"Name", "pixell/dev"}, {"SecretString", "{\"A\":1}"},
                                                  {"ClientRequestToken", tokenA}});
        static const QRegularExpression arnPattern(
                u"^arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/dev-[A-Za-z0-9]{6}$"_s);
        QVERIFY(arnPattern.match(str(created["ARN"])).hasMatch());
        QCOMPARE(str(created["VersionId"]), QString::fromStdString(tokenA));

        for (const Json &id : {Json("pixell/dev"), created["ARN"],
                               Json("arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/dev")}) {
            const Json value = ok(u"GetSecretValue", {{"SecretId", id}});
            QCOMPARE(str(value["SecretString"]), u"{\"A\":1}"_s);
            QCOMPARE(J(value["VersionStages"]), J(Json::array({"AWSCURRENT"})));
            QCOMPARE(value["CreatedDate"].get<double>(), double(m_now.toSecsSinceEpoch()));
        }
        const auto missing = error(u"GetSecretValue", {{"SecretId", "pixell/nope"}});
        QCOMPARE(missing.code, u"ResourceNotFoundException"_s);
        QCOMPARE(missing.message, u"Secrets Manager can't find the specified secret."_s);
        const std::string expectedDocument = "{\"__type\":\"ResourceNotFoundException\","
                                             "\"message\":\"Secrets Manager can\'t find the specified secret.\"}";
        QCOMPARE(J(SandboxStore::errorDocument(missing)), QString::fromStdString(expectedDocument));

        const auto exists = error(u"CreateSecret", {{"Name", "pixell/dev"}, {"SecretString", "x"}});
        QCOMPARE(exists.code, u"ResourceExistsException"_s);
    }

    void testBinarySecret()
    {
        const QByteArray bytes("\x00\x01\xfe\xff", 4);
        ok(u"CreateSecret", {{"Name", "bin"}, {"SecretBinary", bytes.toBase64().toStdString()}});
        const Json value = ok(u"GetSecretValue", {{"SecretId", "bin"}});
        QVERIFY(!value.contains("SecretString"));
        QCOMPARE(QByteArray::fromBase64(QByteArray::fromStdString(value["SecretBinary"].get<std::string>())), bytes);
    }

    void testPutMovesCurrentAndPrevious()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", tokenA}});
        advance(60);
        const Json put = ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", tokenB}});
        QCOMPARE(J(put["VersionStages"]), J(Json::array({"AWSCURRENT"})));
        advance(60);
        ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "three"}, {"ClientRequestToken", tokenC}});

        const Json described = ok(u"DescribeSecret", {{"SecretId", "s"}});
        const Json expected = {{tokenB, {"AWSPREVIOUS"}}, {tokenC, {"AWSCURRENT"}}};
        QCOMPARE(J(described["VersionIdsToStages"]), J(expected));
        QCOMPARE(str(ok(u"GetSecretValue", {{"SecretId", "s"}, {"VersionStage", "AWSPREVIOUS"}})["SecretString"]), u"two"_s);
        QCOMPARE(str(ok(u"GetSecretValue", {{"SecretId", "s"}, {"VersionId", tokenA}})["SecretString"]), u"one"_s);

        // The first version is deprecated: hidden unless asked for.
        QCOMPARE(int(ok(u"ListSecretVersionIds", {{"SecretId", "s"}})["Versions"].size()), 2);
        const Json all = ok(u"ListSecretVersionIds", {{"SecretId", "s"}, {"IncludeDeprecated", true}})["Versions"];
        QCOMPARE(int(all.size()), 3);
        QCOMPARE(str(all[2]["VersionId"]), QString::fromStdString(tokenA));
        QVERIFY(!all[2].contains("VersionStages"));

        const auto noStage = error(u"GetSecretValue", {{"SecretId", "s"}, {"VersionStage", "AWSPENDING"}});
        QCOMPARE(noStage.code, u"ResourceNotFoundException"_s);
        QCOMPARE(noStage.message, u"Secrets Manager can't find the specified secret value for staging label: AWSPENDING"_s);
    }

    void testPendingAndCustomLabels()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", tokenA}});
        ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", tokenB},
                               {"VersionStages", {"AWSPENDING", "blue"}}});
        Json stages = ok(u"DescribeSecret", {{"SecretId", "s"}})["VersionIdsToStages"];
        QCOMPARE(J(stages[tokenA]), J(Json::array({"AWSCURRENT"})));
        QCOMPARE(J(stages[tokenB]), J(Json::array({"AWSPENDING", "blue"})));
        // A custom label moves like any other, without touching AWSPREVIOUS.
        ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "three"}, {"ClientRequestToken", tokenC},
                               {"VersionStages", {"blue"}}});
        stages = ok(u"DescribeSecret", {{"SecretId", "s"}})["VersionIdsToStages"];
        QCOMPARE(J(stages[tokenB]), J(Json::array({"AWSPENDING"})));
        QCOMPARE(J(stages[tokenC]), J(Json::array({"blue"})));
        QCOMPARE(J(stages[tokenA]), J(Json::array({"AWSCURRENT"})));
    }

    void testIdempotency()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", tokenA}});
        const Json first = ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", tokenB}});
        const quint64 revision = m_store->revision();
        const Json again = ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", tokenB}});
        QCOMPARE(J(again["VersionId"]), J(first["VersionId"]));
        QCOMPARE(m_store->revision(), revision);
        QCOMPARE(int(ok(u"ListSecretVersionIds", {{"SecretId", "s"}, {"IncludeDeprecated", true}})["Versions"].size()), 2);

        const auto changedValue = error(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "other"}, {"ClientRequestToken", tokenB}});
        QCOMPARE(changedValue.code, u"ResourceExistsException"_s);
        QCOMPARE(changedValue.message, u"You can't modify an existing version, you can only create a new version."_s);

        // A retried CreateSecret is a no-op too.
        const Json retried = ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", tokenA}});
        QCOMPARE(str(retried["VersionId"]), QString::fromStdString(tokenA));
        QCOMPARE(error(u"CreateSecret", {{"Name", "s"}, {"SecretString", "1"}, {"ClientRequestToken", tokenA}}).code,
                 u"ResourceExistsException"_s);
    }

    void testUpdateSecretVersionStage()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "one"}, {"ClientRequestToken", tokenA}});
        ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "two"}, {"ClientRequestToken", tokenB}});
        ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", "three"}, {"ClientRequestToken", tokenC}});

        // Moving AWSCURRENT needs RemoveFromVersionId naming its current holder.
        const auto missingRemove = error(u"UpdateSecretVersionStage",
                                         {{"SecretId", "s"}, {"VersionStage", "AWSCURRENT"}, {"MoveToVersionId", tokenA}});
        QCOMPARE(missingRemove.code, u"InvalidParameterException"_s);

        // Roll back to the first version: AWSPREVIOUS follows to the version AWSCURRENT left.
        ok(u"UpdateSecretVersionStage", {{"SecretId", "s"}, {"VersionStage", "AWSCURRENT"},
                                         {"MoveToVersionId", tokenA}, {"RemoveFromVersionId", tokenC}});
        const Json stages = ok(u"DescribeSecret", {{"SecretId", "s"}})["VersionIdsToStages"];
        const Json expected = {{tokenA, {"AWSCURRENT"}}, {tokenC, {"AWSPREVIOUS"}}};
        QCOMPARE(J(stages), J(expected));
        QCOMPARE(str(ok(u"GetSecretValue", {{"SecretId", "s"}})["SecretString"]), u"one"_s);

        const auto removeCurrent = error(u"UpdateSecretVersionStage",
                                         {{"SecretId", "s"}, {"VersionStage", "AWSCURRENT"}, {"RemoveFromVersionId", tokenA}});
        QCOMPARE(removeCurrent.message,
                 u"You can only move staging label AWSCURRENT to a different secret version. It can't be completely removed."_s);

        // Removing AWSPREVIOUS deprecates that version.
        ok(u"UpdateSecretVersionStage", {{"SecretId", "s"}, {"VersionStage", "AWSPREVIOUS"}, {"RemoveFromVersionId", tokenC}});
        QCOMPARE(int(ok(u"ListSecretVersionIds", {{"SecretId", "s"}})["Versions"].size()), 1);

        const auto unknownVersion = error(u"UpdateSecretVersionStage",
                                          {{"SecretId", "s"}, {"VersionStage", "x"}, {"MoveToVersionId", std::string(36, 'f')}});
        QCOMPARE(unknownVersion.code, u"ResourceNotFoundException"_s);
    }

    void testPruning()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "0"}});
        for (int i = 1; i <= 105; ++i) {
            advance(3600);
            ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", std::to_string(i)}});
        }
        const Json versions = ok(u"ListSecretVersionIds", {{"SecretId", "s"}, {"IncludeDeprecated", true}})["Versions"];
        QCOMPARE(int(versions.size()), 100);
        // The labelled versions survive.
        QCOMPARE(str(ok(u"GetSecretValue", {{"SecretId", "s"}, {"VersionStage", "AWSPREVIOUS"}})["SecretString"]), u"104"_s);
    }

    void testRecentVersionsAreKept()
    {
        // Every version of the last 24 hours is kept, even past 100.
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "0"}});
        for (int i = 1; i <= 105; ++i)
            ok(u"PutSecretValue", {{"SecretId", "s"}, {"SecretString", std::to_string(i)}});
        QCOMPARE(int(m_store->secret(u"s"_s)->versions.size()), 106);
        // ListSecretVersionIds pages them, 100 at most per page.
        const Json page = ok(u"ListSecretVersionIds", {{"SecretId", "s"}, {"IncludeDeprecated", true}});
        QCOMPARE(int(page["Versions"].size()), 100);
        QVERIFY(page.contains("NextToken"));
    }

    void testListFilters_data()
    {
        QTest::addColumn<QByteArray>("filters");
        QTest::addColumn<QStringList>("expected");
        // Created in this order: see listFixture().
        QTest::newRow("name prefix") << R"([{"Key":"name","Values":["pixell/"]}])"_ba
                                     << QStringList{u"pixell/dev"_s, u"pixell/prod"_s};
        QTest::newRow("name is case-sensitive") << R"([{"Key":"name","Values":["Pixell"]}])"_ba << QStringList{};
        QTest::newRow("values are OR'ed") << R"([{"Key":"name","Values":["pixell/dev","sophon"]}])"_ba
                                          << QStringList{u"pixell/dev"_s, u"sophon/prod/auth/jwt-keys"_s};
        QTest::newRow("negated name") << R"([{"Key":"name","Values":["!pixell"]}])"_ba
                                      << QStringList{u"sophon/prod/auth/jwt-keys"_s, u"miyabi/prod/config"_s};
        QTest::newRow("description ignores case") << R"([{"Key":"description","Values":["JWT"]}])"_ba
                                                  << QStringList{u"sophon/prod/auth/jwt-keys"_s};
        QTest::newRow("tag-key") << R"([{"Key":"tag-key","Values":["team"]}])"_ba
                                 << QStringList{u"pixell/dev"_s, u"pixell/prod"_s, u"miyabi/prod/config"_s};
        QTest::newRow("tag-value") << R"([{"Key":"tag-value","Values":["prod"]}])"_ba
                                   << QStringList{u"pixell/prod"_s, u"sophon/prod/auth/jwt-keys"_s};
        QTest::newRow("filters are AND'ed")
                << R"([{"Key":"tag-key","Values":["team"]},{"Key":"tag-value","Values":["prod"]}])"_ba
                << QStringList{u"pixell/prod"_s};
        QTest::newRow("negated tag-key") << R"([{"Key":"tag-key","Values":["!team"]}])"_ba
                                         << QStringList{u"sophon/prod/auth/jwt-keys"_s};
        QTest::newRow("all: words of name, description and tags")
                << R"([{"Key":"all","Values":["Signing"]}])"_ba << QStringList{u"sophon/prod/auth/jwt-keys"_s};
        QTest::newRow("all: words split at case and punctuation")
                << R"([{"Key":"all","Values":["oauthMiyabi"]}])"_ba << QStringList{u"miyabi/prod/config"_s};
        QTest::newRow("primary-region") << R"([{"Key":"primary-region","Values":["eu-"]}])"_ba
                                        << QStringList{u"pixell/dev"_s, u"pixell/prod"_s,
                                                       u"sophon/prod/auth/jwt-keys"_s, u"miyabi/prod/config"_s};
        QTest::newRow("owning-service") << R"([{"Key":"owning-service","Values":["rds"]}])"_ba << QStringList{};
    }

    void testListFilters()
    {
        QFETCH(QByteArray, filters);
        QFETCH(QStringList, expected);
        listFixture();
        const Json answer = ok(u"ListSecrets", {{"Filters", Json::parse(filters.toStdString())}});
        QCOMPARE(names(answer["SecretList"]), expected);
    }

    void testListRejectsUnknownFilterKey()
    {
        QCOMPARE(error(u"ListSecrets", {{"Filters", {{{"Key", "colour"}, {"Values", {"x"}}}}}}).code,
                 u"InvalidParameterException"_s);
    }

    void testListSortAndPagination()
    {
        listFixture();
        QCOMPARE(names(ok(u"ListSecrets", {{"SortOrder", "desc"}})["SecretList"]),
                 (QStringList{u"miyabi/prod/config"_s, u"sophon/prod/auth/jwt-keys"_s, u"pixell/prod"_s, u"pixell/dev"_s}));
        QCOMPARE(names(ok(u"ListSecrets", {{"SortBy", "name"}})["SecretList"]),
                 (QStringList{u"miyabi/prod/config"_s, u"pixell/dev"_s, u"pixell/prod"_s, u"sophon/prod/auth/jwt-keys"_s}));

        QStringList seen;
        Json request = {{"MaxResults", 3}};
        int pages = 0;
        for (;;) {
            const Json page = ok(u"ListSecrets", request);
            seen += names(page["SecretList"]);
            ++pages;
            if (!page.contains("NextToken"))
                break;
            request["NextToken"] = page["NextToken"];
        }
        QCOMPARE(pages, 2);
        QCOMPARE(seen, names(ok(u"ListSecrets", Json::object())["SecretList"]));

        QCOMPARE(error(u"ListSecrets", {{"MaxResults", 101}}).code, u"InvalidParameterException"_s);
        QCOMPARE(error(u"ListSecrets", {{"NextToken", "garbage"}}).code, u"InvalidNextTokenException"_s);
        // A token is bound to the query it came from.
        const Json first = ok(u"ListSecrets", {{"MaxResults", 1}});
        QCOMPARE(error(u"ListSecrets", {{"NextToken", first["NextToken"]}, {"SortOrder", "desc"}}).code,
                 u"InvalidNextTokenException"_s);
    }

    void testPagingSurvivesChangesBetweenPages_data()
    {
        QTest::addColumn<QString>("sortBy");
        QTest::addColumn<QString>("sortOrder");
        QTest::newRow("created, asc") << QString() << QString();
        QTest::newRow("created, desc") << QString() << u"desc"_s;
        QTest::newRow("name, asc") << u"name"_s << QString();
        QTest::newRow("name, desc") << u"name"_s << u"desc"_s;
    }

    void testPagingSurvivesChangesBetweenPages()
    {
        // A NextToken is a position, not an offset: secrets deleted from or added before the
        // page already read do not make the next page skip or repeat anyone.
        QFETCH(QString, sortBy);
        QFETCH(QString, sortOrder);
        for (int i = 0; i < 250; ++i)
            ok(u"CreateSecret", {{"Name", u"app/s%1"_s.arg(i, 3, 10, QChar(u'0')).toStdString()}, {"SecretString", "v"}});
        Json request = {{"MaxResults", 100}};
        if (!sortBy.isEmpty())
            request["SortBy"] = sortBy.toStdString();
        if (!sortOrder.isEmpty())
            request["SortOrder"] = sortOrder.toStdString();
        Json everything = request;
        everything.erase("MaxResults");
        QStringList expected;
        for (Json page = ok(u"ListSecrets", everything);; page = ok(u"ListSecrets", everything)) {
            expected += names(page["SecretList"]);
            if (!page.contains("NextToken"))
                break;
            everything["NextToken"] = page["NextToken"];
        }
        QCOMPARE(expected.size(), 250);

        const Json first = ok(u"ListSecrets", request);
        const QStringList firstNames = names(first["SecretList"]);
        QCOMPARE(firstNames, expected.mid(0, 100));
        for (int i = 0; i < 10; ++i)   // ten of the first page go for good
            ok(u"DeleteSecret", {{"SecretId", firstNames.at(i * 7).toStdString()}, {"ForceDeleteWithoutRecovery", true}});
        request["NextToken"] = first["NextToken"];
        const Json second = ok(u"ListSecrets", request);
        QCOMPARE(names(second["SecretList"]), expected.mid(100, 100));
        request["NextToken"] = second["NextToken"];
        const Json third = ok(u"ListSecrets", request);
        QCOMPARE(names(third["SecretList"]), expected.mid(200));
        QVERIFY(!third.contains("NextToken"));
    }

    void testDeleteAndRestore()
    {
        listFixture();
        QCOMPARE(error(u"DeleteSecret", {{"SecretId", "pixell/dev"}, {"RecoveryWindowInDays", 6}}).message,
                 u"The RecoveryWindowInDays value must be between 7 and 30 days (inclusive)."_s);
        QCOMPARE(error(u"DeleteSecret", {{"SecretId", "pixell/dev"}, {"RecoveryWindowInDays", 7},
                                         {"ForceDeleteWithoutRecovery", true}}).code,
                 u"InvalidParameterException"_s);

        const Json deleted = ok(u"DeleteSecret", {{"SecretId", "pixell/dev"}, {"RecoveryWindowInDays", 7}});
        QCOMPARE(deleted["DeletionDate"].get<double>(), double(m_now.addDays(7).toSecsSinceEpoch()));
        const Json defaultWindow = ok(u"DeleteSecret", {{"SecretId", "pixell/prod"}});
        QCOMPARE(defaultWindow["DeletionDate"].get<double>(), double(m_now.addDays(30).toSecsSinceEpoch()));

        QVERIFY(!names(ok(u"ListSecrets", Json::object())["SecretList"]).contains(u"pixell/dev"_s));
        QVERIFY(names(ok(u"ListSecrets", {{"IncludePlannedDeletion", true}})["SecretList"]).contains(u"pixell/dev"_s));
        const auto marked = error(u"GetSecretValue", {{"SecretId", "pixell/dev"}});
        QCOMPARE(marked.code, u"InvalidRequestException"_s);
        QCOMPARE(marked.message, u"You can't perform this operation on the secret because it was marked for deletion."_s);
        QCOMPARE(error(u"PutSecretValue", {{"SecretId", "pixell/dev"}, {"SecretString", "x"}}).code, u"InvalidRequestException"_s);
        QCOMPARE(error(u"CreateSecret", {{"Name", "pixell/dev"}, {"SecretString", "x"}}).code, u"InvalidRequestException"_s);
        QVERIFY(ok(u"DescribeSecret", {{"SecretId", "pixell/dev"}}).contains("DeletedDate"));

        ok(u"RestoreSecret", {{"SecretId", "pixell/dev"}});
        QVERIFY(!ok(u"DescribeSecret", {{"SecretId", "pixell/dev"}}).contains("DeletedDate"));
        QCOMPARE(str(ok(u"GetSecretValue", {{"SecretId", "pixell/dev"}})["SecretString"]), u"value of pixell/dev"_s);

        // Past its window a scheduled deletion is gone for good.
        advance(31 * 86400);
        QCOMPARE(error(u"DescribeSecret", {{"SecretId", "pixell/prod"}}).code, u"ResourceNotFoundException"_s);

        ok(u"DeleteSecret", {{"SecretId", "pixell/dev"}, {"ForceDeleteWithoutRecovery", true}});
        QCOMPARE(error(u"DescribeSecret", {{"SecretId", "pixell/dev"}}).code, u"ResourceNotFoundException"_s);
        ok(u"CreateSecret", {{"Name", "pixell/dev"}, {"SecretString", "again"}});
    }

    void testLimits_data()
    {
        QTest::addColumn<QByteArray>("operation");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("code");
        const std::string big(65537, 'x');
        QTest::newRow("value too large") << "CreateSecret"_ba
                                         << QByteArray::fromStdString(Json({{"Name", "n"}, {"SecretString", big}}).dump())
                                         << u"InvalidParameterException"_s;
        QTest::newRow("empty value") << "CreateSecret"_ba << R"({"Name":"n","SecretString":""})"_ba
                                     << u"InvalidParameterException"_s;
        QTest::newRow("both values") << "CreateSecret"_ba << R"({"Name":"n","SecretString":"a","SecretBinary":"YQ=="})"_ba
                                     << u"InvalidParameterException"_s;
        QTest::newRow("bad name") << "CreateSecret"_ba << R"({"Name":"a b","SecretString":"a"})"_ba
                                  << u"InvalidParameterException"_s;
        QTest::newRow("name too long")
                << "CreateSecret"_ba << QByteArray::fromStdString(Json({{"Name", std::string(513, 'a')}}).dump())
                << u"InvalidParameterException"_s;
        QTest::newRow("short token") << "CreateSecret"_ba << R"({"Name":"n","SecretString":"a","ClientRequestToken":"x"})"_ba
                                     << u"InvalidParameterException"_s;
        QTest::newRow("put without value") << "PutSecretValue"_ba << R"({"SecretId":"existing"})"_ba
                                           << u"InvalidRequestException"_s;
        QTest::newRow("wrong type") << "GetSecretValue"_ba << R"({"SecretId":42})"_ba << u"SerializationException"_s;
        QTest::newRow("unknown operation") << "FrobnicateSecret"_ba << "{}"_ba << u"UnknownOperationException"_s;
    }

    void testLimits()
    {
        QFETCH(QByteArray, operation);
        QFETCH(QByteArray, request);
        QFETCH(QString, code);
        ok(u"CreateSecret", {{"Name", "existing"}, {"SecretString", "x"}});
        QCOMPARE(error(QString::fromLatin1(operation), Json::parse(request.toStdString())).code, code);
        // The largest value passes.
        ok(u"CreateSecret", {{"Name", "largest"}, {"SecretString", std::string(65536, 'x')}});
    }

    void testTags()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "x"}, {"Tags", {{{"Key", "team"}, {"Value", "a"}}}}});
        ok(u"TagResource", {{"SecretId", "s"}, {"Tags", {{{"Key", "team"}, {"Value", "b"}}, {{"Key", "env"}, {"Value", "dev"}}}}});
        Json tags = ok(u"DescribeSecret", {{"SecretId", "s"}})["Tags"];
        QCOMPARE(J(tags), J(Json::parse(R"([{"Key":"team","Value":"b"},{"Key":"env","Value":"dev"}])")));
        ok(u"UntagResource", {{"SecretId", "s"}, {"TagKeys", {"team"}}});
        tags = ok(u"DescribeSecret", {{"SecretId", "s"}})["Tags"];
        QCOMPARE(J(tags), J(Json::parse(R"([{"Key":"env","Value":"dev"}])")));
    }

    void testBatchGetSecretValue()
    {
        listFixture();
        ok(u"CreateSecret", {{"Name", "empty"}});
        const Json batch = ok(u"BatchGetSecretValue", {{"SecretIdList", {"pixell/dev", "nope", "empty"}}});
        QCOMPARE(names(batch["SecretValues"]), QStringList{u"pixell/dev"_s});
        QCOMPARE(int(batch["Errors"].size()), 2);
        QCOMPARE(str(batch["Errors"][0]["SecretId"]), u"nope"_s);
        QCOMPARE(str(batch["Errors"][0]["ErrorCode"]), u"ResourceNotFoundException"_s);

        Json tooMany = Json::array();
        for (int i = 0; i < 21; ++i)
            tooMany.push_back("s" + std::to_string(i));
        QCOMPARE(error(u"BatchGetSecretValue", {{"SecretIdList", tooMany}}).code, u"InvalidParameterException"_s);
        QCOMPARE(error(u"BatchGetSecretValue", Json::object()).code, u"InvalidParameterException"_s);

        const Json page = ok(u"BatchGetSecretValue",
                             {{"Filters", {{{"Key", "name"}, {"Values", {"pixell"}}}}}, {"MaxResults", 1}});
        QCOMPARE(names(page["SecretValues"]), QStringList{u"pixell/dev"_s});
        const Json next = ok(u"BatchGetSecretValue", {{"Filters", {{{"Key", "name"}, {"Values", {"pixell"}}}}},
                                                      {"MaxResults", 1}, {"NextToken", page["NextToken"]}});
        QCOMPARE(names(next["SecretValues"]), QStringList{u"pixell/prod"_s});
        QVERIFY(!next.contains("NextToken"));
    }

    void testResourcePolicy()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "x"}});
        QVERIFY(!ok(u"GetResourcePolicy", {{"SecretId", "s"}}).contains("ResourcePolicy"));
        QCOMPARE(error(u"PutResourcePolicy", {{"SecretId", "s"}, {"ResourcePolicy", "not json"}}).code,
                 u"MalformedPolicyDocumentException"_s);
        const std::string policy = R"({"Version":"2012-10-17","Statement":[]})";
        ok(u"PutResourcePolicy", {{"SecretId", "s"}, {"ResourcePolicy", policy}});
        QCOMPARE(str(ok(u"GetResourcePolicy", {{"SecretId", "s"}})["ResourcePolicy"]), QString::fromStdString(policy));
    }

    void testLastAccessedDateHasDayResolution()
    {
        ok(u"CreateSecret", {{"Name", "s"}, {"SecretString", "x"}});
        ok(u"GetSecretValue", {{"SecretId", "s"}});
        const Json described = ok(u"DescribeSecret", {{"SecretId", "s"}});
        QCOMPARE(described["LastAccessedDate"].get<double>(),
                 double(QDateTime(m_now.date(), QTime(0, 0), Qt::UTC).toSecsSinceEpoch()));
    }

private:
    void listFixture()
    {
        create("pixell/dev", {{"Tags", {{{"Key", "team"}, {"Value", "data"}}}}});
        create("pixell/prod", {{"Tags", {{{"Key", "team"}, {"Value", "data"}}, {{"Key", "env"}, {"Value", "prod"}}}}});
        create("sophon/prod/auth/jwt-keys", {{"Description", "JWT signing keys"},
                                             {"Tags", {{{"Key", "env"}, {"Value", "production"}}}}});
        create("miyabi/prod/config", {{"Description", "OAuth client"}, {"Tags", {{{"Key", "team"}, {"Value", "web"}}}}});
    }
};

QTEST_GUILESS_MAIN(TestSandboxStore)
#include "testsandboxstore.moc"
