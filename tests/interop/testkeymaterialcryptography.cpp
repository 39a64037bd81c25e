// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Differential test: keys and certificates made by Debian's python3-cryptography
// (cryptography_keys.py, fresh for each run) read by Coffer's KeyMaterial (OpenSSL). Type, size,
// curve, private or public, the SubjectPublicKeyInfo bytes, a certificate's CN, names and expiry,
// the order of a chain, and a JWK's n/e turned into the same SPKI must all agree.

#include "models/content/keymaterial.h"
#include "tests/support/testenv.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::content::KeyMaterial;
using coffer::content::PemProblem;

class TestKeyMaterialCryptography final : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_cases;

private Q_SLOTS:
    void initTestCase()
    {
        const QString script = coffer::test::sourceDir() + u"/tests/interop/cryptography_keys.py"_s;
        QVERIFY2(QFileInfo::exists(script), qPrintable(script));
        QProcess python;
        // Debian's /usr/bin/python3, whose python3-cryptography is the packaged one.
        python.start(coffer::test::botocorePython(), {script});
        QVERIFY2(python.waitForFinished(120000), "cryptography_keys.py did not finish");
        const QByteArray errors = python.readAllStandardError();
        if (python.exitCode() != 0 && errors.contains("No module named 'cryptography'"))
            QSKIP("python3-cryptography is not installed (packaging/install-deps.sh installs it)");
        QVERIFY2(python.exitCode() == 0, errors.right(2000).constData());
        m_cases = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        QVERIFY(m_cases.size() >= 10);
    }

    void testKeys_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString &name : {u"rsa1024-pkcs8"_s, u"rsa2048-traditional"_s, u"rsa3072-public"_s,
                                    u"p256-pkcs8"_s, u"p384-public"_s, u"ed25519-pkcs8"_s})
            QTest::newRow(qPrintable(name)) << name;
    }

    void testKeys()
    {
        QFETCH(QString, name);
        const QJsonObject expected = m_cases.value(name).toObject();
        const auto pem = KeyMaterial::inspect(expected.value(u"pem"_s).toString().toUtf8());
        QCOMPARE(pem.problem, PemProblem::None);
        QCOMPARE(pem.keys.size(), 1);
        const auto &key = pem.keys.first();
        QCOMPARE(key.type, expected.value(u"type"_s).toString());
        QCOMPARE(key.bits, expected.value(u"bits"_s).toInt());
        QCOMPARE(key.curve, expected.value(u"curve"_s).toString());
        QCOMPARE(key.isPrivate, expected.value(u"private"_s).toBool());
        QCOMPARE(key.publicKeyDer.toHex(), expected.value(u"spki"_s).toString().toLatin1());
    }

    void testExpiredCertificate()
    {
        const QJsonObject expected = m_cases.value(u"expired-certificate"_s).toObject();
        const auto pem = KeyMaterial::inspect(expected.value(u"pem"_s).toString().toUtf8());
        QCOMPARE(pem.problem, PemProblem::None);
        QCOMPARE(pem.certificates.size(), 1);
        const auto &certificate = pem.certificates.first();
        QCOMPARE(certificate.commonName, expected.value(u"commonName"_s).toString());
        QCOMPARE(certificate.notAfter,
                 QDateTime::fromString(expected.value(u"notAfter"_s).toString(), Qt::ISODate));
        QVERIFY(certificate.notAfter < QDateTime::currentDateTimeUtc());
        QStringList names;
        for (const QJsonValue &dns : expected.value(u"dns"_s).toArray())
            names << u"DNS:"_s + dns.toString();
        QCOMPARE(certificate.subjectAltNames, names);
        QCOMPARE(certificate.key.type, u"EC"_s);
        QCOMPARE(certificate.key.publicKeyDer.toHex(), expected.value(u"spki"_s).toString().toLatin1());
    }

    void testChainOrder()
    {
        for (const QString &name : {u"chain-in-order"_s, u"chain-out-of-order"_s}) {
            const QJsonObject expected = m_cases.value(name).toObject();
            const auto pem = KeyMaterial::inspect(expected.value(u"pem"_s).toString().toUtf8());
            QCOMPARE(pem.certificates.size(), expected.value(u"certificates"_s).toInt());
            QVERIFY2(pem.chainOutOfOrder == expected.value(u"outOfOrder"_s).toBool(), qPrintable(name));
        }
    }

    void testJwkModulusGivesTheSameKey()
    {
        const QJsonObject expected = m_cases.value(u"jwk-rsa2048"_s).toObject();
        const QByteArray n = expected.value(u"n"_s).toString().toLatin1();
        const QByteArray e = expected.value(u"e"_s).toString().toLatin1();
        QCOMPARE(KeyMaterial::rsaPublicKeyDer(n, e).toHex(), expected.value(u"spki"_s).toString().toLatin1());
        const QByteArray modulus = QByteArray::fromBase64(n, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QCOMPARE(KeyMaterial::bitLength(modulus), expected.value(u"bits"_s).toInt());
    }
};

QTEST_GUILESS_MAIN(TestKeyMaterialCryptography)
#include "testkeymaterialcryptography.moc"
