// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CryptoDigest and CryptoHmac against published vectors (FIPS 180-2, RFC 4231).

#include "models/aws/cryptodigest.h"
#include "models/aws/cryptohmac.h"

#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using coffer::aws::CryptoDigest;
using coffer::aws::CryptoHmac;
using Algorithm = CryptoDigest::Algorithm;

Q_DECLARE_METATYPE(CryptoDigest::Algorithm)

class TestCryptoDigest : public QObject
{
    Q_OBJECT

private slots:
    void testHash_data();
    void testHash();
    void testIncremental();
    void testHmac_data();
    void testHmac();
    void testConstantTimeEquals();
    void testRandomBytes();
    void testSharedKeyAcrossThreads();
};

void TestCryptoDigest::testHash_data()
{
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expectedHex");

    QTest::newRow("sha256 empty") << Algorithm::Sha256 << ""_ba
                                  << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba;
    QTest::newRow("sha256 abc") << Algorithm::Sha256 << "abc"_ba
                                << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba;
    QTest::newRow("sha256 two blocks") << Algorithm::Sha256 << "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"_ba
                                       << "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"_ba;
    QTest::newRow("sha384 abc") << Algorithm::Sha384 << "abc"_ba
                                << "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                                   "8086072ba1e7cc2358baeca134c825a7"_ba;
    QTest::newRow("sha512 abc") << Algorithm::Sha512 << "abc"_ba
                                << "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"_ba;
    QTest::newRow("sha1 abc") << Algorithm::Sha1 << "abc"_ba
                              << "a9993e364706816aba3e25717850c26c9cd0d89d"_ba;
}

void TestCryptoDigest::testHash()
{
    QFETCH(Algorithm, algorithm);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(CryptoDigest::toHex(CryptoDigest::hash(algorithm, input)), expectedHex);
    QCOMPARE(CryptoDigest::hash(algorithm, input).size(), CryptoDigest::digestSize(algorithm));
    if (algorithm == Algorithm::Sha256)
        QCOMPARE(CryptoDigest::toHex(CryptoDigest::sha256(input)), expectedHex);
}

void TestCryptoDigest::testIncremental()
{
    CryptoDigest digest;
    digest.addData("ab");
    digest.addData("");
    digest.addData("c");
    QCOMPARE(CryptoDigest::toHex(digest.result()), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_ba);
    // result() starts over.
    QCOMPARE(CryptoDigest::toHex(digest.result()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_ba);
}

void TestCryptoDigest::testHmac_data()
{
    QTest::addColumn<Algorithm>("algorithm");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QByteArray>("expectedHex");

    // RFC 4231 test cases 1, 2, 6 (key longer than a block) and 7.
    const QByteArray key1(20, '\x0b');
    const QByteArray longKey(131, '\xaa');
    const QByteArray longData = "This is a test using a larger than block-size key and a larger than block-size data. "
                                "The key needs to be hashed before being used by the HMAC algorithm."_ba;
    QTest::newRow("4231-1 sha256") << Algorithm::Sha256 << key1 << "Hi There"_ba
                                   << "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"_ba;
    QTest::newRow("4231-2 sha256") << Algorithm::Sha256 << "Jefe"_ba << "what do ya want for nothing?"_ba
                                   << "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba;
    QTest::newRow("4231-6 sha256") << Algorithm::Sha256 << longKey
                                   << "Test Using Larger Than Block-Size Key - Hash Key First"_ba
                                   << "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"_ba;
    QTest::newRow("4231-7 sha256") << Algorithm::Sha256 << longKey << longData
                                   << "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"_ba;
    QTest::newRow("4231-2 sha512") << Algorithm::Sha512 << "Jefe"_ba << "what do ya want for nothing?"_ba
                                   << "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                                      "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"_ba;
    QTest::newRow("4231-2 sha384") << Algorithm::Sha384 << "Jefe"_ba << "what do ya want for nothing?"_ba
                                   << "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                                      "8e2240ca5e69e2c78b3239ecfab21649"_ba;
    // RFC 2202 test case 2: HMAC-SHA-1 is what RFC 6238 TOTP codes are made of.
    QTest::newRow("2202-2 sha1") << Algorithm::Sha1 << "Jefe"_ba
                                 << "what do ya want for nothing?"_ba
                                 << "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"_ba;
}

void TestCryptoDigest::testHmac()
{
    QFETCH(Algorithm, algorithm);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, data);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(CryptoDigest::toHex(CryptoDigest::hmac(algorithm, key, data)), expectedHex);

    const CryptoHmac prepared(key, algorithm);
    QVERIFY(!prepared.isNull());
    QCOMPARE(CryptoDigest::toHex(prepared.mac(data)), expectedHex);
    // A prepared key is reusable.
    QCOMPARE(CryptoDigest::toHex(prepared.mac(data)), expectedHex);
    if (algorithm == Algorithm::Sha256) {
        QCOMPARE(CryptoDigest::toHex(CryptoDigest::hmacSha256(key, data)), expectedHex);
        QCOMPARE(CryptoDigest::toHex(prepared.macSha256(data)), expectedHex);
    }
}

void TestCryptoDigest::testConstantTimeEquals()
{
    QVERIFY(CryptoDigest::constantTimeEquals("abc", "abc"));
    QVERIFY(CryptoDigest::constantTimeEquals("", QByteArrayView()));
    QVERIFY(!CryptoDigest::constantTimeEquals("abc", "abd"));
    QVERIFY(!CryptoDigest::constantTimeEquals("abc", "abcd"));
    QVERIFY(!CryptoDigest::constantTimeEquals("", "a"));
}

void TestCryptoDigest::testRandomBytes()
{
    const QByteArray a = CryptoDigest::randomBytes(32);
    const QByteArray b = CryptoDigest::randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
    QVERIFY(CryptoDigest::randomBytes(0).isEmpty());
}

void TestCryptoDigest::testSharedKeyAcrossThreads()
{
    const CryptoHmac key("Jefe"_ba);
    const QByteArray expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba;
    std::atomic<int> mismatches = 0;
    QList<QThread *> threads;
    for (int t = 0; t < 4; ++t) {
        threads.append(QThread::create([&key, &expected, &mismatches] {
            for (int i = 0; i < 2000; ++i) {
                if (CryptoDigest::toHex(key.mac("what do ya want for nothing?")) != expected)
                    ++mismatches;
                if (CryptoDigest::toHex(CryptoDigest::sha256("abc"))
                    != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                    ++mismatches;
            }
        }));
        threads.last()->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(30000));
        delete thread;
    }
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestCryptoDigest)
#include "testcryptodigest.moc"
