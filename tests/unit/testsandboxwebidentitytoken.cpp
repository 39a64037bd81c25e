// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox's check of web identity tokens (SandboxWebIdentityToken) and the principals file's
// "oidcProviders": a JWT signed here is accepted only with a known issuer, an RS256 signature by a
// key of that issuer's JWKS, a live exp/nbf and an accepted audience, each refusal with STS's code;
// the file's providers are parsed with the place of the first problem, and a role's trust entry
// "oidc-provider/HOST" becomes the provider's ARN.

#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxwebidentitytoken.h"
#include "tests/support/testjwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::SandboxOidcProvider;
using coffer::sandbox::SandboxPrincipals;
using coffer::sandbox::SandboxWebIdentityToken;
using coffer::test::TestJwtSigner;

namespace {

const QString kIssuer = u"https://token.example"_s;
const QString kAudience = u"sts.amazonaws.com"_s;

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

class TestSandboxWebIdentityToken final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testAccepted();
    void testAudienceList();
    void testIssuerWithTrailingSlash();
    void testRefused_data();
    void testRefused();
    void testExpiredSaysWhen();
    void testPrincipalsFile();
    void testPrincipalsFileProblems_data();
    void testPrincipalsFileProblems();

private:
    [[nodiscard]] QList<SandboxOidcProvider> providers() const;

    std::unique_ptr<TestJwtSigner> m_signer;
    std::unique_ptr<TestJwtSigner> m_other; ///< the second provider's key
    QDateTime m_now;
};

void TestSandboxWebIdentityToken::initTestCase()
{
    m_signer = std::make_unique<TestJwtSigner>(u"key-1"_s);
    m_other = std::make_unique<TestJwtSigner>(u"key-2"_s);
    QVERIFY(m_signer->isValid() && m_other->isValid());
    m_now = QDateTime::currentDateTimeUtc();
}

QList<SandboxOidcProvider> TestSandboxWebIdentityToken::providers() const
{
    return { { u"https://other.example"_s, { u"other-audience"_s }, m_other->jwks() },
             { kIssuer, { kAudience, u"second-audience"_s }, m_signer->jwks() } };
}

void TestSandboxWebIdentityToken::testAccepted()
{
    const QByteArray token
        = m_signer->sign(TestJwtSigner::claims(kIssuer, kAudience, u"repo:org/app"_s, 300));
    const auto accepted
        = SandboxWebIdentityToken::verify(QString::fromLatin1(token), providers(), m_now);
    QVERIFY2(accepted.has_value(), qPrintable(accepted ? QString() : accepted.error().message));
    QCOMPARE(accepted->providerIndex, 1);
    QCOMPARE(accepted->issuer, kIssuer);
    QCOMPARE(accepted->subject, u"repo:org/app"_s);
    QCOMPARE(accepted->audience, kAudience);

    // The other provider, by its own key.
    const QByteArray other = m_other->sign(
        TestJwtSigner::claims(u"https://other.example"_s, u"other-audience"_s, u"x"_s, 300));
    const auto second
        = SandboxWebIdentityToken::verify(QString::fromLatin1(other), providers(), m_now);
    QVERIFY(second.has_value());
    QCOMPARE(second->providerIndex, 0);
}

void TestSandboxWebIdentityToken::testAudienceList()
{
    QJsonObject claims = TestJwtSigner::claims(kIssuer, {}, u"s"_s, 300);
    claims[u"aud"_s] = QJsonArray { u"unrelated"_s, u"second-audience"_s };
    const auto accepted = SandboxWebIdentityToken::verify(
        QString::fromLatin1(m_signer->sign(claims)), providers(), m_now);
    QVERIFY(accepted.has_value());
    QCOMPARE(accepted->audience, u"second-audience"_s);
}

void TestSandboxWebIdentityToken::testIssuerWithTrailingSlash()
{
    const QList<SandboxOidcProvider> slashed {
        { kIssuer + u'/', { kAudience }, m_signer->jwks() }
    };
    const QByteArray token = m_signer->sign(TestJwtSigner::claims(kIssuer, kAudience, u"s"_s, 300));
    QVERIFY(
        SandboxWebIdentityToken::verify(QString::fromLatin1(token), slashed, m_now).has_value());
    QCOMPARE(slashed.first().hostPath(), u"token.example"_s);
    QCOMPARE(slashed.first().arn(u"123456789012"_s),
             u"arn:aws:iam::123456789012:oidc-provider/token.example"_s);
}

void TestSandboxWebIdentityToken::testRefused_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QJsonObject good = TestJwtSigner::claims(kIssuer, kAudience, u"s"_s, 300);
    const QString notValidated = u"could not be validated"_s;
    const QByteArray signedGood = m_signer->sign(good);
    const QList<QByteArray> parts = signedGood.split('.');

    QTest::newRow("not a JWT") << QByteArray("abc.def") << u"InvalidIdentityToken"_s
                               << u"not a valid JWT"_s;
    QTest::newRow("unknown issuer")
        << m_signer->sign(TestJwtSigner::claims(u"https://evil.example"_s, kAudience, u"s"_s, 300))
        << u"InvalidIdentityToken"_s
        << u"No OpenIDConnect provider found in your account for https://evil.example"_s;
    QTest::newRow("wrong audience")
        << m_signer->sign(TestJwtSigner::claims(kIssuer, u"other-audience"_s, u"s"_s, 300))
        << u"InvalidIdentityToken"_s << u"Incorrect token audience"_s;
    QTest::newRow("another issuer's key")
        << m_other->sign(good, QJsonObject { { u"alg"_s, u"RS256"_s }, { u"kid"_s, u"key-1"_s } })
        << u"InvalidIdentityToken"_s << notValidated;
    QTest::newRow("unknown kid") << m_signer->sign(
        good, QJsonObject { { u"alg"_s, u"RS256"_s }, { u"kid"_s, u"key-9"_s } })
                                 << u"InvalidIdentityToken"_s << notValidated;
    QTest::newRow("alg none") << QByteArray(base64Url(R"({"alg":"none","kid":"key-1"})") + '.'
                                            + parts.at(1) + '.')
                              << u"InvalidIdentityToken"_s << notValidated;
    QTest::newRow("alg HS256") << m_signer->sign(
        good, QJsonObject { { u"alg"_s, u"HS256"_s }, { u"kid"_s, u"key-1"_s } })
                               << u"InvalidIdentityToken"_s << notValidated;
    QJsonObject otherSubject = good;
    otherSubject[u"sub"_s] = u"admin"_s;
    const QByteArray tampered = parts.at(0) + '.'
        + base64Url(QJsonDocument(otherSubject).toJson(QJsonDocument::Compact)) + '.' + parts.at(2);
    QTest::newRow("claims changed after signing")
        << tampered << u"InvalidIdentityToken"_s << notValidated;
    QJsonObject noExpiry = good;
    noExpiry.remove(u"exp"_s);
    QTest::newRow("no exp") << m_signer->sign(noExpiry) << u"InvalidIdentityToken"_s
                            << u"no expiration"_s;
    QJsonObject notYet = good;
    notYet[u"nbf"_s] = QDateTime::currentSecsSinceEpoch() + 120;
    QTest::newRow("nbf ahead") << m_signer->sign(notYet) << u"InvalidIdentityToken"_s
                               << u"not valid yet"_s;
    QTest::newRow("expired") << m_signer->sign(
        TestJwtSigner::claims(kIssuer, kAudience, u"s"_s, -1))
                             << u"ExpiredTokenException"_s << u"Token expired"_s;
}

void TestSandboxWebIdentityToken::testRefused()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto refused
        = SandboxWebIdentityToken::verify(QString::fromLatin1(token), providers(), m_now);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().code, code);
    QVERIFY2(refused.error().message.contains(message), qPrintable(refused.error().message));
    // The token is never quoted back.
    QVERIFY(!refused.error().message.contains(QString::fromLatin1(token.left(20))));
}

void TestSandboxWebIdentityToken::testExpiredSaysWhen()
{
    QJsonObject claims = TestJwtSigner::claims(kIssuer, kAudience, u"s"_s, 0);
    const qint64 expires = m_now.toSecsSinceEpoch() - 10;
    claims[u"exp"_s] = expires;
    const auto refused = SandboxWebIdentityToken::verify(
        QString::fromLatin1(m_signer->sign(claims)), providers(), m_now);
    QVERIFY(!refused.has_value());
    QCOMPARE(refused.error().message,
             u"Token expired: current date/time %1 must be before the expiration date/time%2"_s
                 .arg(m_now.toSecsSinceEpoch())
                 .arg(expires));
}

void TestSandboxWebIdentityToken::testPrincipalsFile()
{
    const QByteArray json
        = "{\"roles\": [{\"name\": \"ci\", \"trust\": [\"oidc-provider/token.example\"]}],"
          " \"oidcProviders\": [{\"issuer\": \"https://token.example\", \"audiences\": "
          "[\"sts.amazonaws.com\"],"
          " \"jwks\": JWKS}]}";
    const auto parsed
        = SandboxPrincipals::fromJson(QByteArray(json).replace("JWKS", m_signer->jwks()));
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error()));
    QCOMPARE(parsed->oidcProviders.size(), 1);
    const SandboxOidcProvider &provider = parsed->oidcProviders.first();
    QCOMPARE(provider.issuer, kIssuer);
    QCOMPARE(provider.audiences, QStringList { kAudience });
    QCOMPARE(parsed->principals.first().trustedPrincipalArns,
             QStringList { u"arn:aws:iam::123456789012:oidc-provider/token.example"_s });
    // The key set survives the trip through the file: a token it signed verifies.
    const QByteArray token = m_signer->sign(TestJwtSigner::claims(kIssuer, kAudience, u"s"_s, 60));
    QVERIFY(
        SandboxWebIdentityToken::verify(QString::fromLatin1(token), parsed->oidcProviders, m_now)
            .has_value());
}

void TestSandboxWebIdentityToken::testPrincipalsFileProblems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not a list") << QByteArray(R"({"oidcProviders": {}})")
                                << u"oidcProviders: must be a list"_s;
    QTest::newRow("http issuer") << QByteArray(
        R"({"oidcProviders": [{"issuer": "http://token.example", "audiences": ["a"], "jwks": {"keys": []}}]})")
                                 << u"oidcProviders[0]: \"issuer\" must be an https URL"_s;
    QTest::newRow("no audiences")
        << QByteArray(
               R"({"oidcProviders": [{"issuer": "https://token.example", "audiences": [], "jwks": {"keys": []}}]})")
        << u"oidcProviders[0]: \"audiences\" must be a list of one or more strings"_s;
    QTest::newRow("no key set") << QByteArray(
        R"({"oidcProviders": [{"issuer": "https://token.example", "audiences": ["a"]}]})")
                                << u"oidcProviders[0]: \"jwks\" must be a key set"_s;
    QTest::newRow("unknown member") << QByteArray(
        R"({"oidcProviders": [{"issuer": "https://token.example", "audiences": ["a"], "jwks": {"keys": []}, "thumbprint": "x"}]})")
                                    << u"oidcProviders[0]: unknown member \"thumbprint\""_s;
    QTest::newRow("twice") << QByteArray(
        R"({"oidcProviders": [{"issuer": "https://token.example", "audiences": ["a"], "jwks": {"keys": []}},
                                            {"issuer": "https://token.example/", "audiences": ["b"], "jwks": {"keys": []}}]})")
                           << u"oidcProviders[1]: the issuer is defined twice"_s;
    QTest::newRow("top-level typo") << QByteArray(R"({"oidcProvider": []})")
                                    << u"unknown member \"oidcProvider\""_s;
}

void TestSandboxWebIdentityToken::testPrincipalsFileProblems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const auto parsed = SandboxPrincipals::fromJson(json);
    QVERIFY(!parsed.has_value());
    QVERIFY2(parsed.error().contains(problem), qPrintable(parsed.error()));
}

QTEST_GUILESS_MAIN(TestSandboxWebIdentityToken)
#include "testsandboxwebidentitytoken.moc"
