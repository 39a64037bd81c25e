// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Differential test: the same requests signed by SigV4Signer and by Debian's python3-botocore
// (botocore.auth.SigV4Auth / SigV4QueryAuth, driven by botocore_sign.py in one python3 process),
// in both forms. The Authorization header, the presigned signature and parameters must match
// byte for byte, and every botocore-signed request must pass SigV4Signer::verify().
//
// The requests come from a fixed-seed generator: paths with raw and encoded UTF-8, spaces,
// reserved characters, dot segments and doubled slashes; queries with repeated, empty and
// differently encoded keys and values; header values with inner, leading and trailing
// whitespace, repeated names in mixed case, never-signed headers; session tokens; bodies.

#include "models/aws/sigv4canonicalizer.h"
#include "models/aws/sigv4signer.h"
#include "tests/support/testenv.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

#include <random>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::HttpRequest;
using coffer::aws::SigningOptions;
using coffer::aws::SigV4Canonicalizer;
using coffer::aws::SigV4Signer;

namespace {

constexpr int casesPerForm = 240;
constexpr std::uint64_t seed = 0xC0FFE4'5167'0004ULL;

struct GeneratedCase
{
    int id = 0;
    bool presigned = false;
    QString region;
    QString service;
    AwsCredentials credentials;
    QDateTime timestamp;
    std::chrono::seconds expires{0};
    bool signBody = false;
    HttpRequest request;                        // what our signer gets: the wire form
    QList<std::pair<QString, QString>> params;  // what botocore gets (decoded), when not in the URL
    bool queryInUrl = false;                    // botocore reads the (canonical) query from the URL
};

struct BotocoreResult
{
    QString error;
    QByteArray url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray authorization;
    QByteArray canonicalRequest;
    QByteArray stringToSign;
};

class Generator
{
public:
    explicit Generator(std::uint64_t seed) : m_engine(seed) {}

    // Only the engine's raw output is used: std::uniform_int_distribution differs between
    // standard libraries, and the cases must be the same everywhere.
    unsigned pick(unsigned count) { return unsigned(m_engine() % count); }
    bool chance(unsigned percent) { return pick(100) < percent; }
    template<typename T, size_t N>
    const T &oneOf(const T (&items)[N]) { return items[pick(unsigned(N))]; }

    QString randomString(QStringView alphabet, int minLength, int maxLength)
    {
        const int length = minLength + int(pick(unsigned(maxLength - minLength + 1)));
        QString out;
        for (int i = 0; i < length; ++i)
            out.append(alphabet[pick(unsigned(alphabet.size()))]);
        return out;
    }

    GeneratedCase generate(int id, bool presigned);

private:
    QByteArray pathSegment();
    QString queryText();
    QByteArray encodeForWire(const QString &text);
    QByteArray headerValue();

    std::mt19937_64 m_engine;
};

QByteArray Generator::pathSegment()
{
    static const char *const pieces[] = {
        "secrets", "prod", "a b", "a%20b", "%E2%9C%93", "\xC3\xBCn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC",
        "emoji\xF0\x9F\x98\x80", ".", "..", "", "!$&'()*+,;=:@", "~user", "-._~", "%2F", "%25", "a+b", "x=y",
        "[x]", "{y}", "caf%C3%A9", "%7e", "UPPER", "v1.2", "...", "a..b", "%", "%zz"};
    QByteArray segment;
    const unsigned count = 1 + pick(2);
    for (unsigned i = 0; i < count; ++i)
        segment.append(oneOf(pieces));
    return segment;
}

QString Generator::queryText()
{
    static const char16_t *const texts[] = {
        u"", u"value", u"Action", u"Version", u"a", u"A", u"b", u"key with space", u"\u043A\u043B\u044E\u0447",
        u"x-amz-meta", u"%", u"a=b", u"a&b", u"+", u"~-._", u"*'()!", u"\u00FC", u"2017-10-17", u"=",
        u"pixell/prod", u"arn:aws:secretsmanager:us-east-1:123456789012:secret:x-AbCdEf", u"\U0001F600", u"#hash",
        u"semi;colon", u"comma,list", u"Name", u"name", u"MaxResults", u"100"};
    QString text = QString::fromUtf16(oneOf(texts));
    if (chance(20))
        text += randomString(u"abcXYZ019-_.~ !*'()/?:@,;$", 1, 6);
    return text;
}

// One possible wire encoding of a decoded key or value: unreserved characters raw; others raw
// when a query may carry them so, else percent-encoded with upper- or lowercase hex.
QByteArray Generator::encodeForWire(const QString &text)
{
    static constexpr QByteArrayView mayStayRaw = "!$'()*,;:@/?";
    QByteArray out;
    const bool lowercaseHex = chance(30);
    const bool rawUtf8 = chance(20);
    for (const char c : text.toUtf8()) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
        if ((unreserved && !chance(5)) || (mayStayRaw.contains(c) && chance(50)) || (byte >= 0x80 && rawUtf8)) {
            out.append(c);
        } else {
            const char *digits = lowercaseHex ? "0123456789abcdef" : "0123456789ABCDEF";
            out.append('%').append(digits[byte >> 4]).append(digits[byte & 0x0f]);
        }
    }
    return out;
}

QByteArray Generator::headerValue()
{
    static const char *const values[] = {
        "value", "a   b\tc", "  leading", "trailing   ", " \t both \t ", "", "application/x-amz-json-1.1",
        "secretsmanager.GetSecretValue", "\"quoted   string\"", "1, 2,3", "UPPER lower", "x=y; z=w", "*/*"};
    QByteArray value = oneOf(values);
    if (chance(25)) {
        const QString extra = randomString(u"abcXYZ019 \t-_.:;,/=\"'()!", 1, 20);
        value.append(extra.toLatin1());
    }
    return value;
}

GeneratedCase Generator::generate(int id, bool presigned)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    static const char16_t *const regions[] = {u"us-east-1", u"eu-west-3", u"ap-southeast-2", u"us-gov-west-1"};
    static const char16_t *const services[] = {u"secretsmanager", u"sts", u"kms", u"execute-api"};
    static const char *const hosts[] = {"secretsmanager.us-east-1.amazonaws.com", "localhost:4566",
                                        "example.amazonaws.com", "127.0.0.1:8443"};
    static const char *const headerNames[] = {"Content-Type", "X-Amz-Target", "X-Custom-Header", "x-custom-header",
                                              "My-Header", "Accept", "User-Agent", "X-Amzn-Trace-Id", "Expect",
                                              "X-Amz-Meta-Note", "Content-Encoding", "x-amz-client-context"};
    static constexpr QStringView base64Alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    GeneratedCase generated;
    generated.id = id;
    generated.presigned = presigned;
    generated.region = QString::fromUtf16(oneOf(regions));
    generated.service = QString::fromUtf16(oneOf(services));
    generated.credentials.accessKeyId = u"AKIDEXAMPLE"_s + QString::number(1000 + pick(9000));
    generated.credentials.secretAccessKey = randomString(base64Alphabet, 40, 40);
    if (chance(35))
        generated.credentials.sessionToken = randomString(base64Alphabet, 40, 300) + u"=="_s;
    generated.timestamp = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).addSecs(qint64(pick(365 * 24 * 3600)));
    static const int expiries[] = {1, 60, 900, 3600, 86400, 604800};
    generated.expires = std::chrono::seconds(oneOf(expiries));
    generated.signBody = !presigned && chance(30);

    HttpRequest &request = generated.request;
    request.method = oneOf(methods);

    if (chance(4)) {
        request.path = "";
    } else {
        const unsigned segments = pick(6);
        request.path = "/";
        for (unsigned i = 0; i < segments; ++i) {
            if (i > 0)
                request.path.append(chance(15) ? "//" : "/");
            request.path.append(pathSegment());
        }
        if (segments > 0 && chance(30))
            request.path.append('/');
    }

    // The query: botocore either gets the decoded pairs (and we get a freely encoded wire form),
    // or, in header form, reads an already canonical query from the URL.
    generated.queryInUrl = !presigned && chance(25);
    const unsigned pairs = pick(6);
    QSet<QString> keys;
    QList<QByteArray> wirePairs;
    for (unsigned i = 0; i < pairs; ++i) {
        QString key = (i > 0 && !presigned && chance(20)) ? generated.params.at(pick(unsigned(generated.params.size()))).first
                                                          : queryText();
        if (presigned && (keys.contains(key) || key.startsWith(u"X-Amz-", Qt::CaseInsensitive)))
            continue;  // botocore's presigner keeps one value per key
        keys.insert(key);
        const QString value = queryText();
        generated.params.append({key, value});
        QByteArray wire;
        if (generated.queryInUrl) {
            wire = SigV4Canonicalizer::uriEncoded(key.toUtf8()) + '=' + SigV4Canonicalizer::uriEncoded(value.toUtf8());
        } else {
            wire = encodeForWire(key);
            if (!value.isEmpty() || key.isEmpty() || chance(50))
                wire.append('=').append(encodeForWire(value));
        }
        wirePairs.append(wire);
    }
    request.query = wirePairs.join('&');
    if (!generated.queryInUrl && !request.query.isEmpty() && chance(10))
        request.query.append("&");  // an empty pair is no parameter

    request.headers.emplaceBack(chance(20) ? "host" : "Host", oneOf(hosts));
    const unsigned headerCount = pick(7);
    for (unsigned i = 0; i < headerCount; ++i) {
        QByteArray name = oneOf(headerNames);
        QByteArray value = headerValue();
        // botocore's presigner drops this one Content-Type; keep both sides on the same input.
        if (presigned && value.startsWith("application/x-www-form-urlencoded"))
            value = "text/plain";
        request.headers.emplaceBack(name, value);
    }

    if (!presigned && (request.method == "POST" || request.method == "PUT" || chance(10))) {
        if (chance(50)) {
            request.body = R"({"SecretId":"pixell/prod","VersionStage":"AWSCURRENT","Note":"caf\u00e9 )"_ba
                    + randomString(u"abc xyz\u00e9\u65e5", 0, 30).toUtf8() + "\"}";
        } else {
            const unsigned size = pick(300);
            for (unsigned i = 0; i < size; ++i)
                request.body.append(char(pick(256)));
        }
    }
    return generated;
}

QJsonObject toJson(const GeneratedCase &generated)
{
    QJsonObject object;
    object.insert("id"_L1, generated.id);
    object.insert("form"_L1, generated.presigned ? u"query"_s : u"header"_s);
    object.insert("method"_L1, QString::fromLatin1(generated.request.method));
    QByteArray url = "https://" + generated.request.headerValue("Host") + generated.request.path;
    if (generated.queryInUrl && !generated.request.query.isEmpty())
        url += '?' + generated.request.query;
    object.insert("url"_L1, QString::fromUtf8(url));
    QJsonArray params;
    if (!generated.queryInUrl) {
        for (const auto &[key, value] : generated.params)
            params.append(QJsonArray{key, value});
    }
    object.insert("params"_L1, params);
    QJsonArray headers;
    for (const auto &[name, value] : generated.request.headers)
        headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    object.insert("headers"_L1, headers);
    object.insert("body_b64"_L1, QString::fromLatin1(generated.request.body.toBase64()));
    object.insert("access_key"_L1, generated.credentials.accessKeyId);
    object.insert("secret_key"_L1, generated.credentials.secretAccessKey);
    object.insert("token"_L1, generated.credentials.sessionToken.isEmpty() ? QJsonValue()
                                                                           : QJsonValue(generated.credentials.sessionToken));
    object.insert("region"_L1, generated.region);
    object.insert("service"_L1, generated.service);
    object.insert("timestamp"_L1, QString::fromLatin1(SigV4Signer::amzDate(generated.timestamp)));
    object.insert("expires"_L1, qint64(generated.expires.count()));
    object.insert("sign_body"_L1, generated.signBody);
    return object;
}

QByteArray canonicalQueryOf(QByteArrayView query)
{
    QByteArray out;
    SigV4Canonicalizer::appendCanonicalQuery(out, query);
    return out;
}

QByteArray queryParameter(QByteArrayView query, QByteArrayView name)
{
    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView pair = query.sliced(start, end - start);
        if (pair.startsWith(name) && pair.size() > name.size() && pair[name.size()] == '=')
            return SigV4Canonicalizer::percentDecoded(pair.sliced(name.size() + 1));
        start = end + 1;
    }
    return {};
}

// Test output may show requests and canonical requests, never a credential: tokens are masked.
QByteArray redacted(QByteArray text, const AwsCredentials &credentials)
{
    if (!credentials.sessionToken.isEmpty()) {
        text.replace(credentials.sessionToken.toUtf8(), "<session-token>");
        text.replace(SigV4Canonicalizer::uriEncoded(credentials.sessionToken.toUtf8()), "<session-token>");
    }
    return text;
}

QString describe(const GeneratedCase &generated)
{
    return u"case %1 (%2 %3, path '%4', query '%5', service %6, token %7)"_s.arg(generated.id)
            .arg(generated.presigned ? u"query form"_s : u"header form"_s, QString::fromLatin1(generated.request.method),
                 QString::fromUtf8(generated.request.path), QString::fromUtf8(generated.request.query), generated.service,
                 generated.credentials.sessionToken.isEmpty() ? u"no"_s : u"yes"_s);
}

QString scriptPath()
{
    QString source = coffer::test::sourceDir();
    if (source.isEmpty())
        source = QFileInfo(QString::fromUtf8(__FILE__)).absolutePath() + u"/../.."_s;
    return source + u"/tests/interop/botocore_sign.py"_s;
}

} // namespace

class TestSigV4Botocore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testHeaderFormMatchesBotocore_data();
    void testHeaderFormMatchesBotocore();
    void testQueryFormMatchesBotocore_data();
    void testQueryFormMatchesBotocore();

private:
    void addRows(bool presigned);

    QList<GeneratedCase> m_cases;
    QHash<int, BotocoreResult> m_results;
    QString m_botocoreVersion;
};

void TestSigV4Botocore::initTestCase()
{
    const QString script = scriptPath();
    if (!QFileInfo::exists(script))
        QSKIP(qPrintable(u"botocore_sign.py not found at "_s + script));

    Generator generator(seed);
    QJsonArray batch;
    for (int i = 0; i < 2 * casesPerForm; ++i) {
        m_cases.append(generator.generate(i, i >= casesPerForm));
        batch.append(toJson(m_cases.last()));
    }

    QProcess python;
    python.start(coffer::test::botocorePython(), {script});
    if (!python.waitForStarted(10000))
        QFAIL("python3 is not available; packaging/install-deps.sh installs python3-botocore.");
    python.write(QJsonDocument(QJsonObject{{"cases"_L1, batch}}).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    QVERIFY2(python.waitForFinished(120000), "botocore_sign.py did not finish within two minutes");
    const QByteArray errors = python.readAllStandardError();
    if (python.exitCode() != 0 && errors.contains("No module named 'botocore'"))
        QFAIL("botocore is not installed; packaging/install-deps.sh installs python3-botocore.");
    // The script never prints credentials; its stderr is a Python traceback at worst.
    QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0, errors.right(2000).constData());

    QJsonParseError parseError;
    const QJsonObject answer = QJsonDocument::fromJson(python.readAllStandardOutput(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    m_botocoreVersion = answer.value("botocore"_L1).toString();
    qInfo("Comparing %lld requests with botocore %s", qlonglong(m_cases.size()), qPrintable(m_botocoreVersion));
    const QJsonArray results = answer.value("results"_L1).toArray();
    QCOMPARE(results.size(), m_cases.size());
    for (const QJsonValue &value : results) {
        const QJsonObject object = value.toObject();
        BotocoreResult result;
        result.error = object.value("error"_L1).toString();
        result.url = object.value("url"_L1).toString().toUtf8();
        result.authorization = object.value("authorization"_L1).toString().toUtf8();
        result.canonicalRequest = object.value("canonical_request"_L1).toString().toUtf8();
        result.stringToSign = object.value("string_to_sign"_L1).toString().toUtf8();
        for (const QJsonValue &header : object.value("headers"_L1).toArray()) {
            const QJsonArray pair = header.toArray();
            result.headers.emplaceBack(pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1());
        }
        m_results.insert(object.value("id"_L1).toInt(), result);
    }
}

void TestSigV4Botocore::addRows(bool presigned)
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_cases.size(); ++i) {
        if (m_cases[i].presigned == presigned)
            QTest::newRow(qPrintable(u"case-%1"_s.arg(m_cases[i].id, 3, 10, QChar(u'0')))) << i;
    }
}

void TestSigV4Botocore::testHeaderFormMatchesBotocore_data()
{
    addRows(false);
}

void TestSigV4Botocore::testHeaderFormMatchesBotocore()
{
    QFETCH(int, index);
    const GeneratedCase &generated = m_cases.at(index);
    const BotocoreResult &botocore = m_results.value(generated.id);
    const AwsCredentials &creds = generated.credentials;
    QVERIFY2(botocore.error.isEmpty(), qPrintable(describe(generated) + u": botocore failed with "_s + botocore.error));

    const SigV4Signer signer(generated.region, generated.service);
    HttpRequest ours = generated.request;
    SigningOptions options;
    options.signBody = generated.signBody;
    const auto result = signer.signWithResult(ours, creds, generated.timestamp, options);

    const QByteArray context = describe(generated).toUtf8();
    if (result.canonicalRequest != botocore.canonicalRequest) {
        qWarning("%s\nours:\n%s\nbotocore:\n%s", context.constData(),
                 redacted(result.canonicalRequest, creds).constData(), redacted(botocore.canonicalRequest, creds).constData());
    }
    QCOMPARE(result.stringToSign, botocore.stringToSign);
    QCOMPARE(ours.headerValue("Authorization"), botocore.authorization);
    QCOMPARE(ours.headerValue("X-Amz-Date"), SigV4Signer::amzDate(generated.timestamp));
    QCOMPARE(ours.headerValue("X-Amz-Security-Token").isNull(), creds.sessionToken.isEmpty());

    // What botocore signed must verify on our side (the sandbox's view of an AWS CLI request).
    HttpRequest received = generated.request;
    received.headers = botocore.headers;
    const auto lookup = [&creds](const QString &id) -> std::optional<AwsCredentials> {
        return id == creds.accessKeyId ? std::optional(creds) : std::nullopt;
    };
    const auto verified = signer.verify(received, lookup, generated.timestamp);
    QVERIFY2(verified.has_value(),
             qPrintable(describe(generated) + u": "_s + (verified ? QString() : verified.error().message)));
}

void TestSigV4Botocore::testQueryFormMatchesBotocore_data()
{
    addRows(true);
}

void TestSigV4Botocore::testQueryFormMatchesBotocore()
{
    QFETCH(int, index);
    const GeneratedCase &generated = m_cases.at(index);
    const BotocoreResult &botocore = m_results.value(generated.id);
    const AwsCredentials &creds = generated.credentials;
    QVERIFY2(botocore.error.isEmpty(), qPrintable(describe(generated) + u": botocore failed with "_s + botocore.error));

    const SigV4Signer signer(generated.region, generated.service);
    HttpRequest ours = generated.request;
    const auto result = signer.presignWithResult(ours, creds, generated.timestamp, generated.expires);

    const QByteArray context = describe(generated).toUtf8();
    if (result.canonicalRequest != botocore.canonicalRequest) {
        qWarning("%s\nours:\n%s\nbotocore:\n%s", context.constData(),
                 redacted(result.canonicalRequest, creds).constData(), redacted(botocore.canonicalRequest, creds).constData());
    }
    QCOMPARE(result.stringToSign, botocore.stringToSign);

    const qsizetype question = botocore.url.indexOf('?');
    const QByteArray botocoreQuery = question < 0 ? QByteArray() : botocore.url.sliced(question + 1);
    QCOMPARE(queryParameter(ours.query, "X-Amz-Signature"), queryParameter(botocoreQuery, "X-Amz-Signature"));
    QCOMPARE(result.signature, queryParameter(botocoreQuery, "X-Amz-Signature"));
    QCOMPARE(queryParameter(ours.query, "X-Amz-Credential"), queryParameter(botocoreQuery, "X-Amz-Credential"));
    QCOMPARE(queryParameter(ours.query, "X-Amz-SignedHeaders"), queryParameter(botocoreQuery, "X-Amz-SignedHeaders"));
    QCOMPARE(queryParameter(ours.query, "X-Amz-Expires"), QByteArray::number(qint64(generated.expires.count())));
    // Same parameters, whatever their order and encoding on the wire.
    QCOMPARE(redacted(canonicalQueryOf(ours.query), creds), redacted(canonicalQueryOf(botocoreQuery), creds));

    // botocore's presigned URL must verify on our side, with the path it sends.
    HttpRequest received = generated.request;
    received.query = botocoreQuery;
    const auto lookup = [&creds](const QString &id) -> std::optional<AwsCredentials> {
        return id == creds.accessKeyId ? std::optional(creds) : std::nullopt;
    };
    const auto verified = signer.verify(received, lookup, generated.timestamp);
    QVERIFY2(verified.has_value(),
             qPrintable(describe(generated) + u": "_s + (verified ? QString() : verified.error().message)));
}

QTEST_GUILESS_MAIN(TestSigV4Botocore)
#include "testsigv4botocore.moc"
