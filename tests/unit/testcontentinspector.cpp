// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// ContentInspector: every content finding raised on a value that has the problem and silent on
// one that does not, on real keys and certificates generated here with OpenSSL; and no finding
// ever quotes a value.
#include "models/content/contentinspector.h"
#include "models/content/keymaterial.h"
#include "models/json/jsondocument.h"
#include "models/json/jsonnode.h"
#include "tests/support/testkeys.h"

#include <QTest>

#include <openssl/evp.h>

#include <memory>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace coffer;
using content::ContentFinding;
using content::ContentInput;
using content::ContentInspector;
using content::FindingSeverity;
using Json = nlohmann::ordered_json;

namespace {

std::string base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        .toStdString();
}

QByteArray text(const Json &json)
{
    return json.is_string() ? QByteArray::fromStdString(json.get<std::string>())
                            : QByteArray::fromStdString(json.dump());
}

QStringList ids(const QList<ContentFinding> &findings)
{
    QStringList result;
    for (const ContentFinding &finding : findings)
        result.append(finding.id);
    return result;
}

std::optional<ContentFinding> find(const QList<ContentFinding> &findings, const QString &id)
{
    for (const ContentFinding &finding : findings) {
        if (finding.id == id)
            return finding;
    }
    return std::nullopt;
}

// Every string value of `json` (what no finding may quote), except the public JWK members a
// finding names on purpose.
void collectValues(const Json &json, QStringList &values)
{
    if (json.is_string()) {
        values.append(QString::fromStdString(json.get<std::string>()));
        return;
    }
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (json.is_object()
            && (it.key() == "kid" || it.key() == "kty" || it.key() == "alg" || it.key() == "use"))
            continue;
        collectValues(*it, values);
    }
}

} // namespace

class TestContentInspector final : public QObject
{
    Q_OBJECT

private:
    test::TestKey m_rsa2048;
    test::TestKey m_other2048;
    test::TestKey m_rsa1024;
    std::string m_validCertificate;
    std::string m_expiredCertificate;
    std::string m_expiringCertificate;
    std::string m_intermediate;
    QList<Json> m_corpus;

    QList<ContentFinding> inspect(const Json &value, const QString &name = u"project/prod/thing"_s,
                                  const QList<Json> &earlier = {})
    {
        m_corpus.append(value);
        ContentInput input;
        input.name = name;
        input.value = text(value);
        for (const Json &version : earlier) {
            input.earlierValues.append(text(version));
            m_corpus.append(version);
        }
        return ContentInspector::inspect(input);
    }

private slots:
    void initTestCase()
    {
        m_rsa2048 = test::rsaKey(2048);
        m_other2048 = test::rsaKey(2048);
        m_rsa1024 = test::rsaKey(1024);
        QVERIFY(m_rsa2048.key && m_other2048.key && m_rsa1024.key);
        m_validCertificate = test::testCertificate(m_rsa2048.key.get(), "api.example", m_rsa2048.key.get(),
                                         "api.example", -1, 400);
        m_expiredCertificate = test::testCertificate(m_rsa2048.key.get(), "old.example", m_rsa2048.key.get(),
                                           "old.example", -400, -3);
        m_expiringCertificate = test::testCertificate(m_rsa2048.key.get(), "soon.example",
                                            m_rsa2048.key.get(), "soon.example", -300, 10);
        m_intermediate = test::testCertificate(m_other2048.key.get(), "Example CA", m_other2048.key.get(),
                                     "Example CA", -10, 800);
    }

    void testPlaceholders_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("isPlaceholder");
        QTest::newRow("ghp") << u"ghp_xxxxxxxxxxxxxxxxxxxxx"_s << true;
        QTest::newRow("your-") << u"your-secure-token"_s << true;
        QTest::newRow("changeme") << u"changeme"_s << true;
        QTest::newRow("TODO") << u"TODO"_s << true;
        QTest::newRow("angle") << u"<api key>"_s << true;
        QTest::newRow("xxx") << u"xxxxxxxx"_s << true;
        QTest::newRow("example") << u"example"_s << true;
        QTest::newRow("own key") << u"token"_s << true;
        QTest::newRow("real token") << u"ghp_4f9aK2mQ7xZ1pL0sV8nB3cR6tY5wE2uI9oA"_s << false;
        QTest::newRow("host") << u"smtp.example.com"_s << false;
    }
    void testPlaceholders()
    {
        QFETCH(QString, value);
        QFETCH(bool, isPlaceholder);
        const auto findings = inspect(Json { { "token", value.toStdString() } });
        const auto finding = find(findings, u"placeholder"_s);
        QCOMPARE(finding.has_value(), isPlaceholder);
        if (finding) {
            QCOMPARE(finding->severity, FindingSeverity::Error);
            QVERIFY(finding->message.contains(u"placeholder"_s));
            QCOMPARE(finding->pointer, u"/token"_s);
        }
    }

    void testEmptyWhitespaceAndDoubleEncoding()
    {
        const auto findings = inspect(Json {
            { "a", "" }, { "b", " tok3n-value\n" }, { "c", "{\"x\": 1}" }, { "d", "fine value" } });
        QCOMPARE(find(findings, u"empty-value"_s)->pointer, u"/a"_s);
        QCOMPARE(find(findings, u"whitespace"_s)->pointer, u"/b"_s);
        QCOMPARE(find(findings, u"double-encoded-json"_s)->pointer, u"/c"_s);
        QCOMPARE(findings.size(), 3);
        QVERIFY(inspect(Json { { "a", "value" }, { "b", "tok3n-value" } }).isEmpty());
    }

    void testPemParseFailuresNameTheCause_data()
    {
        QTest::addColumn<QString>("broken");
        QTest::addColumn<QString>("cause");
        const QString pem = QString::fromStdString(m_rsa2048.privatePem);
        QString oneLine = pem;
        oneLine.replace(u'\n', u' ');
        QString escaped = pem;
        escaped.replace(u"\n"_s, u"\\n"_s);
        QString doubled = pem;
        doubled.replace(u"\n"_s, u"\n\n"_s);
        QString noHeader = pem.mid(pem.indexOf(u'\n') + 1);
        QTest::newRow("lost") << oneLine << u"one line"_s;
        QTest::newRow("escaped") << escaped << u"two characters"_s;
        QTest::newRow("doubled") << doubled << u"doubled"_s;
        QTest::newRow("no header") << noHeader << u"BEGIN line is missing"_s;
    }
    void testPemParseFailuresNameTheCause()
    {
        QFETCH(QString, broken);
        QFETCH(QString, cause);
        const auto findings = inspect(Json { { "privateKeyPem", broken.toStdString() } });
        const auto finding = find(findings, u"pem.unparsable"_s);
        QVERIFY2(finding, qPrintable(ids(findings).join(u',')));
        QVERIFY2(finding->message.contains(cause), qPrintable(finding->message));
        QVERIFY(!find(inspect(Json { { "privateKeyPem", m_rsa2048.privatePem } }),
                      u"pem.unparsable"_s));
    }

    void testKeys()
    {
        // A matching pair: silent.
        QVERIFY(inspect(Json { { "privateKeyPem", m_rsa2048.privatePem },
                               { "publicKeyPem", m_rsa2048.publicPem } })
                    .isEmpty());
        // Mismatched pair.
        const auto mismatch = inspect(Json { { "privateKeyPem", m_rsa2048.privatePem },
                                             { "publicKeyPem", m_other2048.publicPem } });
        QVERIFY(find(mismatch, u"key.pair-mismatch"_s)->message.contains(u"do not match"_s));
        QCOMPARE(find(mismatch, u"key.pair-mismatch"_s)->pointer, u"/publicKeyPem"_s);
        // Weak RSA names the size.
        const auto weak = inspect(Json { { "key", m_rsa1024.privatePem } });
        QVERIFY(find(weak, u"key.weak-rsa"_s)->message.contains(u"1024"_s));
        // Private material where the name says public.
        QVERIFY(find(inspect(Json { { "publicKeyPem", m_rsa2048.privatePem } }),
                     u"key.private-in-public"_s));
        QVERIFY(!find(inspect(Json { { "publicKeyPem", m_rsa2048.publicPem } }),
                      u"key.private-in-public"_s));
    }

    void testCertificates()
    {
        QVERIFY(inspect(Json { { "cert", m_validCertificate } }).isEmpty());
        const auto expired
            = find(inspect(Json { { "cert", m_expiredCertificate } }), u"cert.expired"_s);
        QVERIFY(expired && expired->message.contains(u"expired"_s)
                && expired->message.contains(u"CN=old.example"_s));
        QCOMPARE(
            find(inspect(Json { { "cert", m_expiringCertificate } }), u"cert.expiring"_s)->severity,
            FindingSeverity::Warning);
        // Leaf then its issuer is in order; the reverse is not.
        const std::string leaf = test::testCertificate(m_rsa2048.key.get(), "leaf.example",
                                             m_other2048.key.get(), "Example CA", -1, 300);
        QVERIFY(!find(inspect(Json { { "chain", leaf + m_intermediate } }), u"cert.chain-order"_s));
        QVERIFY(find(inspect(Json { { "chain", m_intermediate + leaf } }), u"cert.chain-order"_s));
        // A certificate beside a private key that is not its own.
        QVERIFY(find(
            inspect(Json { { "key", m_other2048.privatePem }, { "cert", m_validCertificate } }),
            u"cert.key-mismatch"_s));
        QVERIFY(
            !find(inspect(Json { { "key", m_rsa2048.privatePem }, { "cert", m_validCertificate } }),
                  u"cert.key-mismatch"_s));
        const auto parsed
            = json::JsonDocument::parse(text(Json { { "cert", m_validCertificate } }));
        const QString description = ContentInspector::describe(*parsed->root()->child(0));
        QVERIFY2(description.startsWith(u"certificate · CN=api.example · expires "_s),
                 qPrintable(description));
    }

    void testJwks()
    {
        const Json good = { { "kty", "RSA" }, { "n", m_rsa2048.n }, { "e", m_rsa2048.e },
                            { "kid", "k1" },  { "use", "sig" },     { "alg", "RS256" } };
        Json other = good;
        other["kid"] = "k2";
        other["n"] = m_other2048.n;
        QVERIFY(
            inspect(Json { { "k1", good }, { "k2", other } }, u"paintbox/prod/jwt/public-keys"_s)
                .isEmpty());
        const auto mismatch
            = inspect(Json { { "k1", good }, { "wrong", other } }, u"x/prod/jwks"_s);
        QVERIFY(find(mismatch, u"jwk.kid-mismatch"_s)->message.contains(u"k2"_s));
        const auto duplicate = inspect(Json { { "keys", Json::array({ good, good }) } });
        QVERIFY(find(duplicate, u"jwk.duplicate-kid"_s)->message.contains(u"k1"_s));
        Json withPrivate = other;
        withPrivate["d"] = "AQAB";
        QVERIFY(
            find(inspect(Json { { "k1", good }, { "k2", withPrivate } }, u"x/prod/public-keys"_s),
                 u"jwk.private-member"_s)
                ->message.contains(u"private"_s));
        Json missing = good;
        missing.erase("e");
        QVERIFY(
            find(inspect(Json { { "keys", Json::array({ missing }) } }), u"jwk.missing-member"_s)
                ->message.contains(u"`e`"_s));
        Json padded = good;
        padded["e"] = "AQAB==";
        QVERIFY(
            find(inspect(Json { { "keys", Json::array({ padded }) } }), u"jwk.bad-base64url"_s));
        Json wrongAlg = good;
        wrongAlg["alg"] = "ES256";
        QVERIFY(
            find(inspect(Json { { "keys", Json::array({ wrongAlg }) } }), u"jwk.alg-mismatch"_s));
        const auto parsed = json::JsonDocument::parse(text(good));
        QCOMPARE(ContentInspector::describe(*parsed->root()), u"JWK · RSA 2048 · RS256 · sig"_s);
        // Sensitivity: n is public, the private key PEM is not, the public PEM is shown.
        QVERIFY(!ContentInspector::isSensitive(*parsed->root()->member(u"n")));
        const auto pair
            = json::JsonDocument::parse(text(Json { { "privateKeyPem", m_rsa2048.privatePem },
                                                    { "publicKeyPem", m_rsa2048.publicPem },
                                                    { "password", "pw-123456" } }));
        QVERIFY(ContentInspector::isSensitive(*pair->root()->member(u"privateKeyPem")));
        QVERIFY(!ContentInspector::isSensitive(*pair->root()->member(u"publicKeyPem")));
        QVERIFY(ContentInspector::isSensitive(*pair->root()->member(u"password")));
        QCOMPARE(ContentInspector::describe(*pair->root()->member(u"privateKeyPem")),
                 u"PEM · RSA 2048 private key"_s);
    }

    void testJwtAndUrls()
    {
        const auto jwt = [](qint64 exp, qint64 nbf) {
            const auto part = [](const Json &json) {
                return base64url(QByteArray::fromStdString(json.dump()));
            };
            return part({ { "alg", "HS256" }, { "typ", "JWT" } }) + "."
                + part({ { "sub", "svc" }, { "exp", exp }, { "nbf", nbf } }) + ".c2lnbmF0dXJl";
        };
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QVERIFY(find(inspect(Json { { "token", jwt(now - 60, now - 3600) } }), u"jwt.expired"_s));
        QVERIFY(find(inspect(Json { { "token", jwt(now + 7200, now + 3600) } }),
                     u"jwt.not-yet-valid"_s));
        QVERIFY(inspect(Json { { "token", jwt(now + 3600, now - 60) } }).isEmpty());
        QVERIFY(find(inspect(Json { { "url", "https://exa mple.com/x" } }), u"url.malformed"_s));
        QVERIFY(find(inspect(Json { { "url", "https:///nohost" } }), u"url.malformed"_s));
        QVERIFY(inspect(Json { { "url", "https://api.example.com/v2?x=1" } }).isEmpty());
    }

    void testHistory()
    {
        const Json v1
            = { { "client_id", "id-1" }, { "client_secret", "s3cr3t-one" }, { "tenant", "lab" } };
        const Json v2
            = { { "client_id", "id-1" }, { "client_secret", "s3cr3t-two" }, { "tenant", "lab" } };
        const Json now = { { "client_id", "id-1" }, { "tenant", "lab" } };
        const auto findings = inspect(now, u"benchling-webhook/credentials"_s, { v1, v2 });
        const auto missing = find(findings, u"history.missing-key"_s);
        QVERIFY(missing);
        QCOMPARE(missing->severity, FindingSeverity::Error);
        QCOMPARE(missing->message,
                 u"`client_secret` was in every earlier version and is missing now."_s);
        // A key only one earlier version had is not required.
        QVERIFY(!find(inspect(now, u"x/y"_s, { v1, now }), u"history.missing-key"_s));
        // Was JSON, now is not.
        ContentInput broken { u"x/y"_s, "{\"client_id\": ", false, { text(v1) }, {}, {}, {}, {} };
        QVERIFY(find(ContentInspector::inspect(broken), u"history.not-json"_s));
        // A JWK whose key changed while its kid did not.
        const Json jwk1 = {
            { "k1",
              { { "kty", "RSA" }, { "n", m_rsa2048.n }, { "e", m_rsa2048.e }, { "kid", "k1" } } }
        };
        const Json jwk2 = { { "k1",
                              { { "kty", "RSA" },
                                { "n", m_other2048.n },
                                { "e", m_other2048.e },
                                { "kid", "k1" } } } };
        const auto rotated
            = find(inspect(jwk2, u"x/prod/public-keys"_s, { jwk1 }), u"jwk.key-changed-same-kid"_s);
        QVERIFY(rotated && rotated->message.contains(u"k1"_s));
        QVERIFY(
            !find(inspect(jwk1, u"x/prod/public-keys"_s, { jwk1 }), u"jwk.key-changed-same-kid"_s));
        // Sibling environment.
        ContentInput sibling { u"sophon/prod/x"_s,    text(now), false, {},
                               u"sophon/staging/x"_s, text(v1),  {},    {} };
        const auto warning = find(ContentInspector::inspect(sibling), u"sibling.missing-key"_s);
        QVERIFY(warning && warning->severity == FindingSeverity::Warning
                && warning->message.contains(u"client_secret"_s));
        QCOMPARE(ContentInspector::siblingName(u"sophon/staging/auth/jwt-keys"_s),
                 u"sophon/prod/auth/jwt-keys"_s);
    }

    void testNoFindingQuotesAValue()
    {
        // Runs last: every value inspected above, against every finding they raise.
        QVERIFY(m_corpus.size() > 30);
        for (const Json &value : std::as_const(m_corpus)) {
            QStringList values;
            collectValues(value, values);
            ContentInput input { u"project/prod/thing"_s, text(value), false, {}, {}, {}, {}, {} };
            for (const ContentFinding &finding : ContentInspector::inspect(input)) {
                for (const QString &secret : std::as_const(values)) {
                    if (secret.trimmed().size() < 4)
                        continue;
                    QVERIFY2(!finding.message.contains(secret.trimmed())
                                 && !finding.fix.contains(secret.trimmed()),
                             qPrintable(finding.id));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestContentInspector)
#include "testcontentinspector.moc"
