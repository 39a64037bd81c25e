// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The demo seed has the shapes DESIGN.md promises: real RSA keys as JWKS and PEMs, versions that
// differ deep inside, an incomplete benchling-webhook/credentials, a plain-text token, a binary
// secret, a scheduled deletion; and --bulk seeds ten thousand secrets quickly.

#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxstore.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::DemoSeed;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxStore;

class TestSandboxDemoSeed : public QObject
{
    Q_OBJECT

private:
    SandboxStore m_store;

    Json value(const std::string &name, const std::string &stage = "AWSCURRENT")
    {
        const auto result = m_store.call(u"GetSecretValue", {{"SecretId", name}, {"VersionStage", stage}});
        if (!result)
            return Json();
        if (result->contains("SecretBinary"))
            return *result;
        return Json::parse((*result)["SecretString"].get<std::string>(), nullptr, false);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QElapsedTimer timer;
        timer.start();
        const auto seeded = DemoSeed::demo(m_store);
        QVERIFY2(seeded.has_value(), qPrintable(seeded ? QString() : seeded.error().summary()));
        qInfo("demo seed: %lld ms", timer.elapsed());
    }

    void testNamespaces()
    {
        const auto listed = m_store.call(u"ListSecrets", Json::object());
        QVERIFY(listed.has_value());
        QSet<QString> projects;
        for (const Json &entry : (*listed)["SecretList"]) {
            const QString name = QString::fromStdString(entry["Name"].get<std::string>());
            projects.insert(name.section(u'/', 0, 0));
            QVERIFY(entry.contains("Tags"));
            QVERIFY(entry.contains("Description"));
        }
        QVERIFY(int((*listed)["SecretList"].size()) >= 24);
        for (const QString &project : {u"paintbox"_s, u"pixell"_s, u"sophon"_s, u"miyabi"_s, u"benchling-webhook"_s})
            QVERIFY2(projects.contains(project), qPrintable(project));
        // The scheduled deletion is hidden unless asked for.
        QVERIFY(!(*listed).dump().contains("pixell/legacy/ftp-credentials"));
        const auto withDeleted = m_store.call(u"ListSecrets", {{"IncludePlannedDeletion", true}});
        QVERIFY(withDeleted->dump().find("pixell/legacy/ftp-credentials") != std::string::npos);
    }

    void testJwksAndPems()
    {
        const Json current = value("paintbox/production/jwt/public-keys");
        const Json previous = value("paintbox/production/jwt/public-keys", "AWSPREVIOUS");
        QCOMPARE(int(current.size()), 2);
        QVERIFY(current.dump() != previous.dump());
        for (const auto &[kid, key] : current.items()) {
            QCOMPARE(key["kid"].get<std::string>(), kid);
            QCOMPARE(key["kty"].get<std::string>(), std::string("RSA"));
            QCOMPARE(key["e"].get<std::string>(), std::string("AQAB"));
            const QByteArray n = QByteArray::fromBase64(QByteArray::fromStdString(key["n"].get<std::string>()),
                                                        QByteArray::Base64UrlEncoding);
            QCOMPARE(n.size(), 256);   // 2048 bits
        }
        const Json sophon = value("sophon/prod/auth/jwt-keys");
        const Json sophonBefore = value("sophon/prod/auth/jwt-keys", "AWSPREVIOUS");
        QVERIFY(sophon["access"]["privateKeyPem"].get<std::string>().starts_with("-----BEGIN PRIVATE KEY-----\n"));
        QVERIFY(sophon["access"]["publicKeyPem"].get<std::string>().starts_with("-----BEGIN PUBLIC KEY-----\n"));
        // Nested difference: the access key rotated, the refresh key did not.
        QVERIFY(sophon["access"].dump() != sophonBefore["access"].dump());
        QCOMPARE(sophon["refresh"].dump(), sophonBefore["refresh"].dump());
    }

    void testIncompleteBenchlingCredentials()
    {
        const Json current = value("benchling-webhook/credentials");
        const Json previous = value("benchling-webhook/credentials", "AWSPREVIOUS");
        QVERIFY(!current.contains("client_secret"));
        QVERIFY(current.contains("client_id") && current.contains("tenant"));
        QVERIFY(previous.contains("client_secret"));
    }

    void testPlainTextAndBinary()
    {
        const auto token = m_store.call(u"GetSecretValue", {{"SecretId", "miyabi/prod/deploy-token"}});
        QVERIFY(Json::parse((*token)["SecretString"].get<std::string>(), nullptr, false).is_discarded());
        QVERIFY(value("paintbox/production/tls/keystore").contains("SecretBinary"));
        QVERIFY(value("pixell/prod").size() >= 24);
        QVERIFY(value("pixell/prod", "AWSPREVIOUS").dump() != value("pixell/prod").dump());
    }

    void testSeedingTwiceFails()
    {
        QCOMPARE(DemoSeed::demo(m_store).error().code, u"ResourceExistsException"_s);
    }

    void testBulk()
    {
        SandboxStore store;
        QElapsedTimer timer;
        timer.start();
        DemoSeed::bulk(store, 10000);
        const qint64 elapsed = timer.elapsed();
        qInfo("bulk 10000: %lld ms", elapsed);
        QCOMPARE(store.size(), 10000);
        QVERIFY(elapsed < 10000);
        const auto page = store.call(u"ListSecrets", {{"Filters", {{{"Key", "name"}, {"Values", {"atlas/prod/"}}}}}});
        QVERIFY(!(*page)["SecretList"].empty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxDemoSeed)
#include "testsandboxdemoseed.moc"
