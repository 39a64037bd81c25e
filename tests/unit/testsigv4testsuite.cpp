// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Every case of the official AWS SigV4 test suite (tests/data/aws-sigv4-testsuite), in
// both forms: the canonical request, the string to sign, the signature and the signed request
// must match byte for byte, and the signed request must pass SigV4Signer::verify().

#include "models/aws/sigv4signer.h"
#include "tests/support/rawhttprequest.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::HttpRequest;
using coffer::aws::SigningOptions;
using coffer::aws::SigningResult;
using coffer::aws::SigV4Signer;
using coffer::aws::VerificationOptions;
using coffer::test::RawHttpRequest;

namespace {

struct SuiteCase
{
    QString directory;
    QString region;
    QString service;
    AwsCredentials credentials;
    QDateTime timestamp;
    std::chrono::seconds expires{0};
    SigningOptions options;
    HttpRequest request;
};

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QString suiteDirectory()
{
    // A copy lives in the checkout (public test data), so a plain clone runs every case.
    const QString directory = coffer::test::sourceDir() + u"/tests/data/aws-sigv4-testsuite"_s;
    return QFileInfo(directory).isDir() ? directory : QString();
}

std::optional<SuiteCase> loadCase(const QString &directory)
{
    SuiteCase suiteCase;
    suiteCase.directory = directory;
    const QJsonObject context = QJsonDocument::fromJson(readFile(directory + u"/context.json"_s)).object();
    const QJsonObject credentials = context.value("credentials"_L1).toObject();
    suiteCase.credentials.accessKeyId = credentials.value("access_key_id"_L1).toString();
    suiteCase.credentials.secretAccessKey = credentials.value("secret_access_key"_L1).toString();
    suiteCase.credentials.sessionToken = credentials.value("token"_L1).toString();
    suiteCase.region = context.value("region"_L1).toString();
    suiteCase.service = context.value("service"_L1).toString();
    suiteCase.timestamp = QDateTime::fromString(context.value("timestamp"_L1).toString(), Qt::ISODate);
    suiteCase.expires = std::chrono::seconds(context.value("expiration_in_seconds"_L1).toInteger(3600));
    suiteCase.options.normalizePath = context.value("normalize"_L1).toBool(true);
    suiteCase.options.signBody = context.value("sign_body"_L1).toBool(false);
    suiteCase.options.omitSessionToken = context.value("omit_session_token"_L1).toBool(false);
    if (!suiteCase.credentials.isValid() || !suiteCase.timestamp.isValid())
        return std::nullopt;
    auto request = RawHttpRequest::parse(readFile(directory + u"/request.txt"_s));
    if (!request)
        return std::nullopt;
    suiteCase.request = *request;
    return suiteCase;
}

// Canonical requests carry the session token; keep it out of failure output all the same.
QByteArray redacted(QByteArray text, const AwsCredentials &credentials)
{
    if (!credentials.sessionToken.isEmpty()) {
        const QByteArray token = credentials.sessionToken.toUtf8();
        text.replace(token, "<session-token>");
        text.replace(QUrl::toPercentEncoding(credentials.sessionToken), "<session-token>");
    }
    return text;
}

QByteArray expectedFile(const SuiteCase &suiteCase, const QString &name)
{
    QByteArray content = readFile(suiteCase.directory + u'/' + name);
    return content;
}

} // namespace

class TestSigV4TestSuite : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testSuiteIsComplete();
    void testHeaderForm_data();
    void testHeaderForm();
    void testQueryForm_data();
    void testQueryForm();

private:
    void addCaseRows();
    void checkForm(bool presigned);

    QString m_suite;
};

void TestSigV4TestSuite::initTestCase()
{
    m_suite = suiteDirectory();
    if (m_suite.isEmpty()) {
        QFAIL("The AWS SigV4 test suite is missing from tests/data/aws-sigv4-testsuite "
              "(COFFER_SOURCE_DIR unset or a broken checkout).");
    }
}

void TestSigV4TestSuite::testSuiteIsComplete()
{
    const QStringList cases = QDir(m_suite).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    // The vendored suite has 38 cases; a truncated copy must not pass silently.
    QVERIFY2(cases.size() >= 38, qPrintable(u"only %1 cases found in %2"_s.arg(cases.size()).arg(m_suite)));
    for (const QString &name : cases)
        QVERIFY2(loadCase(m_suite + u'/' + name).has_value(), qPrintable(u"cannot load case " + name));
}

void TestSigV4TestSuite::addCaseRows()
{
    QTest::addColumn<QString>("directory");
    const QStringList cases = QDir(m_suite).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << (m_suite + u'/' + name);
}

void TestSigV4TestSuite::checkForm(bool presigned)
{
    QFETCH(QString, directory);
    const auto loaded = loadCase(directory);
    QVERIFY(loaded);
    const SuiteCase &suiteCase = *loaded;
    const QString prefix = presigned ? u"query-"_s : u"header-"_s;

    const SigV4Signer signer(suiteCase.region, suiteCase.service);
    HttpRequest request = suiteCase.request;
    const SigningResult result = presigned
            ? signer.presignWithResult(request, suiteCase.credentials, suiteCase.timestamp, suiteCase.expires,
                                       suiteCase.options)
            : signer.signWithResult(request, suiteCase.credentials, suiteCase.timestamp, suiteCase.options);

    const AwsCredentials &creds = suiteCase.credentials;
    QCOMPARE(redacted(result.canonicalRequest, creds),
             redacted(expectedFile(suiteCase, prefix + u"canonical-request.txt"_s), creds));
    QCOMPARE(result.stringToSign, expectedFile(suiteCase, prefix + u"string-to-sign.txt"_s));
    QCOMPARE(result.signature, expectedFile(suiteCase, prefix + u"signature.txt"_s).trimmed());
    QCOMPARE(redacted(RawHttpRequest::serialize(request), creds),
             redacted(expectedFile(suiteCase, prefix + u"signed-request.txt"_s), creds));

    // What the suite says was signed must verify, read back from its own signed request.
    const auto received = RawHttpRequest::parse(expectedFile(suiteCase, prefix + u"signed-request.txt"_s));
    QVERIFY(received);
    VerificationOptions verification;
    verification.normalizePath = suiteCase.options.normalizePath;
    const auto lookup = [&creds](const QString &accessKeyId) -> std::optional<AwsCredentials> {
        if (accessKeyId == creds.accessKeyId)
            return creds;
        return std::nullopt;
    };
    const auto verified = signer.verify(*received, lookup, suiteCase.timestamp.addSecs(60), verification);
    QVERIFY2(verified.has_value(), qPrintable(verified ? QString() : verified.error().code + u": "_s + verified.error().message));
    QCOMPARE(verified->accessKeyId, creds.accessKeyId);
    QCOMPARE(verified->presigned, presigned);
    QCOMPARE(verified->signedAt, suiteCase.timestamp);
}

void TestSigV4TestSuite::testHeaderForm_data()
{
    addCaseRows();
}

void TestSigV4TestSuite::testHeaderForm()
{
    checkForm(false);
}

void TestSigV4TestSuite::testQueryForm_data()
{
    addCaseRows();
}

void TestSigV4TestSuite::testQueryForm()
{
    checkForm(true);
}

QTEST_GUILESS_MAIN(TestSigV4TestSuite)
#include "testsigv4testsuite.moc"
