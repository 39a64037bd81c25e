// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The SigV4 canonicalization rules one by one, including the corners the AWS test suite does
// not reach (botocore's choices there are the reference: it signs for the AWS CLI).

#include "models/aws/sigv4canonicalizer.h"
#include "models/aws/sigv4signer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::SigV4Canonicalizer;
using HeaderList = SigV4Canonicalizer::HeaderList;

class TestSigV4Canonicalizer : public QObject
{
    Q_OBJECT

private slots:
    void testNormalizedPath_data();
    void testNormalizedPath();
    void testCanonicalUri_data();
    void testCanonicalUri();
    void testCanonicalQuery_data();
    void testCanonicalQuery();
    void testExcludedQueryKeys();
    void testCanonicalHeaders_data();
    void testCanonicalHeaders();
    void testHeaderSelection();
    void testPercentDecoding();
    void testAmzDate();
};

void TestSigV4Canonicalizer::testNormalizedPath_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << ""_ba << "/"_ba;
    QTest::newRow("root") << "/"_ba << "/"_ba;
    QTest::newRow("double slash") << "//"_ba << "/"_ba;
    QTest::newRow("dot") << "/./"_ba << "/"_ba;
    QTest::newRow("dot dot above root") << "/../a"_ba << "/a"_ba;
    QTest::newRow("dot segments") << "/a/./b/../c"_ba << "/a/c"_ba;
    QTest::newRow("sequential slashes") << "//a///b//"_ba << "/a/b/"_ba;
    QTest::newRow("trailing dot dot (botocore: no slash)") << "/a/b/.."_ba << "/a"_ba;
    QTest::newRow("trailing dot (botocore: no slash)") << "/a/."_ba << "/a"_ba;
    QTest::newRow("dots inside a segment") << "/a..b/.../c."_ba << "/a..b/.../c."_ba;
    QTest::newRow("encoded slash is not a separator") << "/a%2F../b"_ba << "/a%2F../b"_ba;
    QTest::newRow("relative") << "a/b"_ba << "a/b"_ba;
}

void TestSigV4Canonicalizer::testNormalizedPath()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Canonicalizer::normalizedPath(path), expected);
}

void TestSigV4Canonicalizer::testCanonicalUri_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<bool>("encode");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << ""_ba << true << true << "/"_ba;
    QTest::newRow("raw space") << "/a b"_ba << true << true << "/a%20b"_ba;
    QTest::newRow("encoded space is encoded again") << "/a%20b"_ba << true << true << "/a%2520b"_ba;
    QTest::newRow("raw UTF-8") << "/\xE1\x88\xB4"_ba << true << true << "/%E1%88%B4"_ba;
    QTest::newRow("reserved") << "/!$&'()*+,;=:@[]"_ba << true << true << "/%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A%40%5B%5D"_ba;
    QTest::newRow("unreserved") << "/-._~AZaz09"_ba << true << true << "/-._~AZaz09"_ba;
    QTest::newRow("not normalized") << "/a/../b//"_ba << false << true << "/a/../b//"_ba;
    QTest::newRow("S3 style") << "/my%20key/../x"_ba << false << false << "/my%20key/../x"_ba;
}

void TestSigV4Canonicalizer::testCanonicalUri()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, normalize);
    QFETCH(bool, encode);
    QFETCH(QByteArray, expected);
    QByteArray out;
    SigV4Canonicalizer::appendCanonicalUri(out, path, normalize, encode);
    QCOMPARE(out, expected);
}

void TestSigV4Canonicalizer::testCanonicalQuery_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("empty") << ""_ba << ""_ba;
    QTest::newRow("sorted by key") << "b=2&a=1"_ba << "a=1&b=2"_ba;
    QTest::newRow("repeated keys sorted by value") << "a=2&a=1&a=10"_ba << "a=1&a=10&a=2"_ba;
    QTest::newRow("key without =") << "a&b="_ba << "a=&b="_ba;
    QTest::newRow("empty key") << "=x"_ba << "=x"_ba;
    QTest::newRow("empty pairs skipped") << "a=1&&b=2&"_ba << "a=1&b=2"_ba;
    QTest::newRow("case-sensitive, uppercase first") << "a=1&B=2&A=3"_ba << "A=3&B=2&a=1"_ba;
    QTest::newRow("by encoded key, not by pair") << "a-b=1&a=2"_ba << "a=2&a-b=1"_ba;
    QTest::newRow("decoded then re-encoded") << "%7e=%7E&k=%2f&s=a%20b"_ba << "k=%2F&s=a%20b&~=~"_ba;
    QTest::newRow("lowercase hex becomes uppercase") << "k=%c3%bc"_ba << "k=%C3%BC"_ba;
    QTest::newRow("raw reserved characters") << "k=a/b:c@d!e*f'(g)"_ba << "k=a%2Fb%3Ac%40d%21e%2Af%27%28g%29"_ba;
    QTest::newRow("plus is a plus") << "a+b=c+d"_ba << "a%2Bb=c%2Bd"_ba;
    QTest::newRow("raw UTF-8") << "\xE1\x88\xB4=bar"_ba << "%E1%88%B4=bar"_ba;
    QTest::newRow("encoded key sorts before letters") << "Param=1&%E1%88%B4=2"_ba << "%E1%88%B4=2&Param=1"_ba;
    QTest::newRow("stray percent") << "%zz=1&a=%"_ba << "%25zz=1&a=%25"_ba;
    QTest::newRow("encoded equals and ampersand") << "k%3D=v%26w"_ba << "k%3D=v%26w"_ba;
    QTest::newRow("second equals is part of the value") << "k=a=b"_ba << "k=a%3Db"_ba;
}

void TestSigV4Canonicalizer::testCanonicalQuery()
{
    QFETCH(QByteArray, query);
    QFETCH(QByteArray, expected);
    QByteArray out;
    SigV4Canonicalizer::appendCanonicalQuery(out, query);
    QCOMPARE(out, expected);
}

void TestSigV4Canonicalizer::testExcludedQueryKeys()
{
    const std::array<QByteArrayView, 1> excluded = {"X-Amz-Signature"};
    QByteArray out;
    SigV4Canonicalizer::appendCanonicalQuery(out, "b=1&X-Amz-Signature=abc&a=2&X-Amz-Date=x", excluded);
    QCOMPARE(out, "X-Amz-Date=x&a=2&b=1"_ba);
}

void TestSigV4Canonicalizer::testCanonicalHeaders_data()
{
    QTest::addColumn<HeaderList>("headers");
    QTest::addColumn<QByteArray>("canonical");
    QTest::addColumn<QByteArray>("signedHeaders");

    QTest::newRow("lowercased and sorted")
            << HeaderList{{"X-Amz-Date", "d"}, {"Host", "h"}, {"content-type", "t"}}
            << "content-type:t\nhost:h\nx-amz-date:d\n"_ba << "content-type;host;x-amz-date"_ba;
    QTest::newRow("trimmed, inner runs collapsed")
            << HeaderList{{"Host", "h"}, {"My-Header", " \t a   b\t\tc  "}, {"Quoted", "\"a   b\""}}
            << "host:h\nmy-header:a b c\nquoted:\"a b\"\n"_ba << "host;my-header;quoted"_ba;
    QTest::newRow("multi-line value")
            << HeaderList{{"Host", "h"}, {"My-Header1", "value1\n  value2\r\n     value3"}}
            << "host:h\nmy-header1:value1 value2 value3\n"_ba << "host;my-header1"_ba;
    QTest::newRow("repeated names joined in request order, any case")
            << HeaderList{{"My-Header", "b"}, {"Host", "h"}, {"my-header", " a "}, {"MY-HEADER", "c"}}
            << "host:h\nmy-header:b,a,c\n"_ba << "host;my-header"_ba;
    QTest::newRow("empty value")
            << HeaderList{{"Host", "h"}, {"Empty", ""}, {"Blank", "   "}}
            << "blank:\nempty:\nhost:h\n"_ba << "blank;empty;host"_ba;
    QTest::newRow("never signed")
            << HeaderList{{"Host", "h"}, {"User-Agent", "aws-cli"}, {"Expect", "100-continue"},
                          {"X-Amzn-Trace-Id", "Root=1"}, {"Authorization", "AWS4-HMAC-SHA256 ..."}}
            << "host:h\n"_ba << "host"_ba;
    QTest::newRow("name whitespace trimmed")
            << HeaderList{{" Host ", "h"}}
            << "host:h\n"_ba << "host"_ba;
    QTest::newRow("sorted bytewise: '-' before letters")
            << HeaderList{{"x-amzb", "2"}, {"x-amz-a", "1"}, {"x-amz", "0"}}
            << "x-amz:0\nx-amz-a:1\nx-amzb:2\n"_ba << "x-amz;x-amz-a;x-amzb"_ba;
}

void TestSigV4Canonicalizer::testCanonicalHeaders()
{
    QFETCH(HeaderList, headers);
    QFETCH(QByteArray, canonical);
    QFETCH(QByteArray, signedHeaders);
    QByteArray canonicalOut;
    QByteArray signedOut;
    SigV4Canonicalizer::appendCanonicalHeaders(canonicalOut, signedOut, headers);
    QCOMPARE(canonicalOut, canonical);
    QCOMPARE(signedOut, signedHeaders);
}

void TestSigV4Canonicalizer::testHeaderSelection()
{
    const HeaderList headers{{"Host", "h"}, {"X-Amz-Security-Token", "t"}, {"User-Agent", "ua"}, {"X-Other", "o"}};

    const std::array<QByteArrayView, 1> token = {"x-amz-security-token"};
    SigV4Canonicalizer::HeaderSelection excluding;
    excluding.excluded = token;
    QByteArray canonical;
    QByteArray signedHeaders;
    SigV4Canonicalizer::appendCanonicalHeaders(canonical, signedHeaders, headers, excluding);
    QCOMPARE(signedHeaders, "host;x-other"_ba);

    // "only" is what a verifier uses: exactly what the client listed, even a never-signed name.
    const std::array<QByteArrayView, 2> listed = {"host", "user-agent"};
    SigV4Canonicalizer::HeaderSelection only;
    only.only = listed;
    canonical.clear();
    signedHeaders.clear();
    SigV4Canonicalizer::appendCanonicalHeaders(canonical, signedHeaders, headers, only);
    QCOMPARE(canonical, "host:h\nuser-agent:ua\n"_ba);
    QCOMPARE(signedHeaders, "host;user-agent"_ba);
}

void TestSigV4Canonicalizer::testPercentDecoding()
{
    QCOMPARE(SigV4Canonicalizer::percentDecoded("a%20b%2Fc%2f"), "a b/c/"_ba);
    QCOMPARE(SigV4Canonicalizer::percentDecoded("%"), "%"_ba);
    QCOMPARE(SigV4Canonicalizer::percentDecoded("%4"), "%4"_ba);
    QCOMPARE(SigV4Canonicalizer::percentDecoded("%4g%41"), "%4gA"_ba);
    QCOMPARE(SigV4Canonicalizer::percentDecoded("a+b"), "a+b"_ba);
    QCOMPARE(SigV4Canonicalizer::uriEncoded("a/b c~", true), "a/b%20c~"_ba);
    QCOMPARE(SigV4Canonicalizer::uriEncoded("a/b c~"), "a%2Fb%20c~"_ba);
}

void TestSigV4Canonicalizer::testAmzDate()
{
    using coffer::aws::SigV4Signer;
    const QDateTime time(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);
    QCOMPARE(SigV4Signer::amzDate(time), "20150830T123600Z"_ba);
    QCOMPARE(SigV4Signer::amzDate(QDateTime(QDate(1999, 12, 31), QTime(23, 59, 59), Qt::UTC)), "19991231T235959Z"_ba);
    // The time zone of the QDateTime does not matter, only the instant.
    QCOMPARE(SigV4Signer::amzDate(time.toOffsetFromUtc(-7 * 3600)), "20150830T123600Z"_ba);
    // Milliseconds are dropped, not rounded.
    QCOMPARE(SigV4Signer::amzDate(time.addMSecs(999)), "20150830T123600Z"_ba);

    QCOMPARE(SigV4Signer::parseAmzDate("20150830T123600Z"), time);
    QVERIFY(!SigV4Signer::parseAmzDate("20150830T123600").isValid());
    QVERIFY(!SigV4Signer::parseAmzDate("2015-08-30T12:36:00Z").isValid());
    QVERIFY(!SigV4Signer::parseAmzDate("20151330T123600Z").isValid());
    QVERIFY(!SigV4Signer::parseAmzDate("20150830T253600Z").isValid());
    QVERIFY(!SigV4Signer::parseAmzDate("2015083OT123600Z").isValid());
}

QTEST_GUILESS_MAIN(TestSigV4Canonicalizer)
#include "testsigv4canonicalizer.moc"
