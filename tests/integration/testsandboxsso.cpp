// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// IAM Identity Center in the sandbox, over real HTTP with QNetworkAccessManager: the SSO OIDC
// device flow (register, authorize, pending, slow_down, approval through the verification page's
// form, token, refresh, expiry), the portal (accounts, roles, role credentials, logout), the
// error shapes AWS sends (x-amzn-ErrorType and the OIDC / portal bodies), and role credentials
// that sign real Secrets Manager and STS calls, authorized by the permission set's policies.
// No token, secret or key is ever printed.

#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"
#include "models/sandbox/sandboxidentitycenter.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <optional>

using namespace Qt::StringLiterals;
using namespace coffer;
using aws::AwsCredentials;
using aws::Result;
using sandbox::Json;
using sandbox::SandboxFaults;
using sandbox::SandboxIdentityCenter;

namespace {

const QString account = u"123456789012"_s;
const QString otherAccount = u"210987654321"_s;

// ("\u002a" is JSON for "*": moc would take a slash-star in a raw string for a comment.)
const QByteArray principalsFile = R"({
  "sso": {
    "users": ["alice", "bob"],
    "permissionSets": [
      {"name": "ReadOnly", "policies": [
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                        "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/\u002a"}]}]},
      {"name": "Writer", "policies": [
        {"name": "write-everything", "document": {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "secretsmanager:\u002a", "Resource": "\u002a"}]}}]}
    ],
    "assignments": [
      {"user": "alice", "account": "123456789012", "permissionSet": "ReadOnly"},
      {"user": "alice", "account": "123456789012", "permissionSet": "Writer"},
      {"user": "alice", "account": "210987654321", "permissionSet": "ReadOnly"}
    ]
  }
})";

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray errorType; ///< x-amzn-ErrorType
    QByteArray contentType;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    Json json;

    [[nodiscard]] QString text(const char *member) const
    {
        return json.is_object() && json.contains(member) && json[member].is_string()
            ? QString::fromStdString(json[member].get<std::string>())
            : QString();
    }
};

/// Runs one asynchronous client call to its end.
template<typename T, typename Start> Result<T> await(Start start)
{
    std::optional<Result<T>> result;
    QEventLoop loop;
    start([&](Result<T> answer) {
        result = std::move(answer);
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!result)
        return std::unexpected(aws::AwsError::protocolError(u"no answer within 20 s"_s));
    return std::move(*result);
}

} // namespace

class TestSandboxSso final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QNetworkAccessManager *m_network = nullptr;
    aws::AwsClient *m_transport = nullptr;
    QString m_clientId;
    QString m_clientSecret;

    Reply send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
               const QList<std::pair<QByteArray, QByteArray>> &headers = {},
               const QByteArray &contentType = "application/json"_ba)
    {
        QNetworkRequest request(QUrl(m_server->url().toString() + pathAndQuery));
        request.setTransferTimeout(10000);
        if (!body.isEmpty() || method == "POST")
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        Reply answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            answer.headers.insert(name.toLower(), value);
        answer.errorType = answer.headers.value("x-amzn-errortype");
        answer.contentType = answer.headers.value("content-type");
        if (answer.contentType.startsWith("application/json") && !answer.body.isEmpty())
            answer.json = Json::parse(answer.body.toStdString(), nullptr, false);
        reply->deleteLater();
        return answer;
    }

    Reply post(const QString &path, const Json &request)
    {
        return send("POST", path, QByteArray::fromStdString(request.dump()));
    }

    Reply portal(const QByteArray &method, const QString &pathAndQuery, const QString &token)
    {
        return send(method, pathAndQuery, {}, { { "x-amz-sso_bearer_token", token.toLatin1() } });
    }

    Json clientFields() const
    {
        return { { "clientId", m_clientId.toStdString() },
                 { "clientSecret", m_clientSecret.toStdString() } };
    }

    Reply startDevice()
    {
        Json request = clientFields();
        request["startUrl"] = "https://d-1234567890.awsapps.com/start";
        return post(u"/device_authorization"_s, request);
    }

    Reply pollToken(const QString &deviceCode)
    {
        Json request = clientFields();
        request["grantType"] = std::string(SandboxIdentityCenter::kDeviceCodeGrant.data());
        request["deviceCode"] = deviceCode.toStdString();
        return post(u"/token"_s, request);
    }

    Reply refresh(const QString &refreshToken)
    {
        Json request = clientFields();
        request["grantType"] = "refresh_token";
        request["refreshToken"] = refreshToken.toStdString();
        return post(u"/token"_s, request);
    }

    QByteArray ownOrigin() const { return m_server->url().toString().toLatin1(); }

    Reply approve(const QString &userCode, const QString &user)
    {
        QUrlQuery form;
        form.addQueryItem(u"user_code"_s, userCode);
        form.addQueryItem(u"user"_s, user);
        return send("POST", u"/start/device"_s, form.toString(QUrl::FullyEncoded).toLatin1(),
                    { { "Origin", ownOrigin() } }, "application/x-www-form-urlencoded"_ba);
    }

    /// A full sign-in as `user`: the access and refresh tokens.
    std::pair<QString, QString> signIn(const QString &user)
    {
        const Reply device = startDevice();
        if (device.status != 200)
            return {};
        if (approve(device.text("userCode"), user).status != 200)
            return {};
        const Reply token = pollToken(device.text("deviceCode"));
        return { token.text("accessToken"), token.text("refreshToken") };
    }

    aws::ClientConfig configFor(const AwsCredentials &credentials) const
    {
        aws::ClientConfig config;
        config.region = u"us-east-1"_s;
        config.endpoint = m_server->url();
        config.credentials = std::make_shared<aws::StaticCredentialsProvider>(credentials);
        config.maxAttempts = 1;
        config.transferTimeout = std::chrono::seconds(10);
        return config;
    }

    Result<aws::SecretValue> read(const AwsCredentials &credentials, const QString &secretId)
    {
        aws::SecretsManagerClient client(m_transport, configFor(credentials));
        aws::GetSecretValueRequest request;
        request.secretId = secretId;
        return await<aws::SecretValue>(
            [&](auto done) { client.getSecretValue(request, this, done); });
    }

    std::optional<AwsCredentials> roleCredentials(const QString &token, const QString &role,
                                                  const QString &accountId)
    {
        const Reply reply = portal(
            "GET", u"/federation/credentials?role_name=%1&account_id=%2"_s.arg(role, accountId),
            token);
        if (reply.status != 200 || !reply.json.contains("roleCredentials"))
            return std::nullopt;
        const Json &keys = reply.json["roleCredentials"];
        AwsCredentials credentials;
        credentials.accessKeyId = QString::fromStdString(keys.value("accessKeyId", ""));
        credentials.secretAccessKey = QString::fromStdString(keys.value("secretAccessKey", ""));
        credentials.sessionToken = QString::fromStdString(keys.value("sessionToken", ""));
        credentials.source = u"test"_s;
        return credentials;
    }

    void registerClient()
    {
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const Reply registered = post(u"/client/register"_s,
                                      { { "clientName", "coffer-test" },
                                        { "clientType", "public" },
                                        { "scopes", Json::array({ "sso:account:access" }) } });
        QCOMPARE(registered.status, 200);
        QVERIFY(registered.contentType.startsWith("application/json"));
        m_clientId = registered.text("clientId");
        m_clientSecret = registered.text("clientSecret");
        QVERIFY(!m_clientId.isEmpty());
        QVERIFY(m_clientSecret.size() >= 32);
        const qint64 issued = registered.json.value("clientIdIssuedAt", qint64(0));
        QVERIFY(issued >= before && issued <= before + 5);
        QCOMPARE(registered.json.value("clientSecretExpiresAt", qint64(0)),
                 issued + 90 * 24 * 3600);
    }

    void setClockOffset(qint64 seconds)
    {
        sandbox::SandboxFaults faults;
        faults.clockOffset = std::chrono::seconds(seconds);
        m_server->setFaults(faults);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto principals = sandbox::SandboxPrincipals::fromJson(principalsFile);
        QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
        QCOMPARE(principals->sso.users, QStringList({ u"alice"_s, u"bob"_s }));
        QCOMPARE(principals->sso.assignments.size(), 3);
        sandbox::SandboxServerConfig config;
        principals->applyTo(config);
        m_server = std::make_unique<sandbox::SandboxServer>(config);
        QVERIFY(m_server->listen());
        m_network = new QNetworkAccessManager(this);
        m_transport = new aws::AwsClient(this);
        for (const auto &[name, value] :
             { std::pair { "paintbox/production/jwt/public-keys", "{\"keys\":[]}" },
               std::pair { "pixell/dev", "{\"DB_HOST\":\"db\"}" } }) {
            QVERIFY(m_server->store()
                        .call(u"CreateSecret", { { "Name", name }, { "SecretString", value } })
                        .has_value());
        }

        registerClient();
    }

    void cleanupTestCase() { m_server.reset(); }

    void cleanup() { m_server->setFaults({}); }

    void testExpiredRegistration()
    {
        setClockOffset(91LL * 24 * 3600);
        const Reply refused = startDevice();
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.errorType, "InvalidClientException"_ba);
        QCOMPARE(refused.text("error"), u"invalid_client"_s);
        // A client registers again when that happens (botocore does).
        m_server->setFaults({});
        registerClient();
        QCOMPARE(startDevice().status, 200);
    }

    void testRegisterClientErrors_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("errorType");
        QTest::addColumn<QString>("error");
        QTest::newRow("no name") << R"({"clientType": "public"})"_ba
                                 << "InvalidRequestException"_ba << u"invalid_request"_s;
        QTest::newRow("confidential")
            << R"({"clientName": "x", "clientType": "confidential"})"_ba
            << "InvalidClientMetadataException"_ba << u"invalid_client_metadata"_s;
        QTest::newRow("scopes not a list")
            << R"({"clientName": "x", "clientType": "public", "scopes": "sso"})"_ba
            << "InvalidScopeException"_ba << u"invalid_scope"_s;
        QTest::newRow("not JSON") << "{clientName"_ba
                                  << "InvalidRequestException"_ba << u"invalid_request"_s;
    }

    void testRegisterClientErrors()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, errorType);
        QFETCH(QString, error);
        const Reply reply = send("POST", u"/client/register"_s, body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorType, errorType);
        QCOMPARE(reply.text("error"), error);
        QVERIFY(!reply.text("error_description").isEmpty());
    }

    void testDeviceFlow()
    {
        const Reply device = startDevice();
        QCOMPARE(device.status, 200);
        const QString userCode = device.text("userCode");
        const QString deviceCode = device.text("deviceCode");
        QVERIFY2(QRegularExpression(u"^[A-Z]{4}-[A-Z]{4}$"_s).match(userCode).hasMatch(),
                 qPrintable(userCode));
        QVERIFY(deviceCode.size() >= 32);
        const QString verification = m_server->url().toString() + u"/start/device"_s;
        QCOMPARE(device.text("verificationUri"), verification);
        QCOMPARE(device.text("verificationUriComplete"),
                 verification + u"?user_code="_s + userCode);
        QCOMPARE(device.json.value("expiresIn", 0), 600);
        QCOMPARE(device.json.value("interval", 0), 1);

        // Not approved yet; then polled again at once: too fast.
        const Reply pending = pollToken(deviceCode);
        QCOMPARE(pending.status, 400);
        QCOMPARE(pending.errorType, "AuthorizationPendingException"_ba);
        QCOMPARE(pending.text("error"), u"authorization_pending"_s);
        const Reply tooFast = pollToken(deviceCode);
        QCOMPARE(tooFast.status, 400);
        QCOMPARE(tooFast.errorType, "SlowDownException"_ba);
        QCOMPARE(tooFast.text("error"), u"slow_down"_s);

        // The page a person opens: the code filled in, the users to choose from.
        const Reply page = send("GET",
                                QUrl(device.text("verificationUriComplete")).path()
                                    + u"?user_code="_s + userCode);
        QCOMPARE(page.status, 200);
        QVERIFY(page.contentType.startsWith("text/html"));
        const QByteArray prefilled = "name=\"user_code\" value=\"" + userCode.toLatin1() + "\"";
        QVERIFY(page.body.contains(prefilled));
        QVERIFY(page.body.contains("<option value=\"alice\" selected>alice</option>"));
        QVERIFY(page.body.contains("<option value=\"bob\">bob</option>"));
        QVERIFY(page.body.contains("<form method=\"post\" action=\"/start/device\">"));
        QVERIFY(!page.body.contains("<script"));
        QVERIFY(page.headers.value("content-security-policy").contains("frame-ancestors 'none'"));

        // The form posts from the page's own origin, with the code typed in lower case.
        const Reply approved = approve(userCode.toLower(), u"alice"_s);
        QCOMPARE(approved.status, 200);
        QVERIFY(approved.contentType.startsWith("text/html"));
        QVERIFY(approved.body.contains("alice"));

        // RFC 8628: after slow_down, the client waits 5 seconds more than before, for good.
        QTest::qWait(1100);
        const Reply stillTooFast = pollToken(deviceCode);
        QCOMPARE(stillTooFast.errorType, "SlowDownException"_ba);
        const SandboxFaults before = m_server->faults();
        SandboxFaults later = before;
        later.clockOffset += std::chrono::seconds(12);
        m_server->setFaults(later);
        const Reply token = pollToken(deviceCode);
        m_server->setFaults(before);
        QCOMPARE(token.status, 200);
        QCOMPARE(token.text("tokenType"), u"Bearer"_s);
        QCOMPARE(token.json.value("expiresIn", 0), 8 * 3600);
        const QString accessToken = token.text("accessToken");
        const QString refreshToken = token.text("refreshToken");
        QVERIFY(accessToken.size() >= 32);
        QVERIFY(refreshToken.size() >= 32);
        QVERIFY(accessToken != refreshToken);

        // A device code is redeemed once.
        QTest::qWait(1100);
        const Reply again = pollToken(deviceCode);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.errorType, "InvalidGrantException"_ba);
        QCOMPARE(again.text("error"), u"invalid_grant"_s);

        // Refresh: new tokens, and the old refresh token is spent.
        const Reply refreshed = refresh(refreshToken);
        QCOMPARE(refreshed.status, 200);
        QVERIFY(refreshed.text("accessToken") != accessToken);
        QVERIFY(!refreshed.text("refreshToken").isEmpty());
        QVERIFY(refreshed.text("refreshToken") != refreshToken);
        QCOMPARE(refreshed.json.value("expiresIn", 0), 8 * 3600);
        const Reply spent = refresh(refreshToken);
        QCOMPARE(spent.status, 400);
        QCOMPARE(spent.errorType, "InvalidGrantException"_ba);
        // Both access tokens work at the portal.
        QCOMPARE(portal("GET", u"/assignment/accounts"_s, accessToken).status, 200);
        QCOMPARE(portal("GET", u"/assignment/accounts"_s, refreshed.text("accessToken")).status,
                 200);
    }

    void testTokenErrors()
    {
        const Reply device = startDevice();
        QCOMPARE(device.status, 200);
        Json request = clientFields();
        request["grantType"] = std::string(SandboxIdentityCenter::kDeviceCodeGrant.data());
        request["deviceCode"] = device.text("deviceCode").toStdString();

        Json wrongSecret = request;
        wrongSecret["clientSecret"] = "not-the-secret";
        const Reply refused = post(u"/token"_s, wrongSecret);
        QCOMPARE(refused.status, 401);
        QCOMPARE(refused.errorType, "InvalidClientException"_ba);
        QCOMPARE(refused.text("error"), u"invalid_client"_s);

        Json unknownClient = request;
        unknownClient["clientId"] = "no-such-client";
        QCOMPARE(post(u"/token"_s, unknownClient).status, 401);

        Json grant = request;
        grant["grantType"] = "authorization_code";
        const Reply unsupported = post(u"/token"_s, grant);
        QCOMPARE(unsupported.status, 400);
        QCOMPARE(unsupported.errorType, "UnsupportedGrantTypeException"_ba);
        QCOMPARE(unsupported.text("error"), u"unsupported_grant_type"_s);

        Json madeUp = request;
        madeUp["deviceCode"] = "made-up";
        QCOMPARE(post(u"/token"_s, madeUp).errorType, "InvalidGrantException"_ba);
        QCOMPARE(refresh(u"aor-made-up"_s).errorType, "InvalidGrantException"_ba);

        const Reply missing = post(u"/token"_s, clientFields());
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.errorType, "InvalidRequestException"_ba);
    }

    void testExpiredDeviceCode()
    {
        const Reply device = startDevice();
        QCOMPARE(device.status, 200);
        setClockOffset(601);
        const Reply expired = pollToken(device.text("deviceCode"));
        QCOMPARE(expired.status, 400);
        QCOMPARE(expired.errorType, "ExpiredTokenException"_ba);
        QCOMPARE(expired.text("error"), u"expired_token"_s);
        // ...and the page no longer approves it.
        const Reply page = approve(device.text("userCode"), u"alice"_s);
        QCOMPARE(page.status, 400);
        QVERIFY(page.contentType.startsWith("text/html"));
        QVERIFY(page.body.contains("expired"));
    }

    void testVerificationPageRefusals()
    {
        const Reply device = startDevice();
        QCOMPARE(device.status, 200);
        // An unknown code or user: an HTML page, 400.
        const Reply unknownCode = approve(u"BBBB-BBBB"_s, u"alice"_s);
        QCOMPARE(unknownCode.status, 400);
        QVERIFY(unknownCode.contentType.startsWith("text/html"));
        const Reply unknownUser = approve(device.text("userCode"), u"mallory"_s);
        QCOMPARE(unknownUser.status, 400);

        // A form posted from another web page is refused at the door.
        QUrlQuery form;
        form.addQueryItem(u"user_code"_s, device.text("userCode"));
        form.addQueryItem(u"user"_s, u"alice"_s);
        const QByteArray body = form.toString(QUrl::FullyEncoded).toLatin1();
        const QList<QByteArray> foreignOrigins
            = { "http://attacker.example"_ba, "null"_ba,
                QByteArray("https://" + ownOrigin().mid(7)), QByteArray(ownOrigin() + "0") };
        for (const QByteArray &origin : foreignOrigins) {
            const Reply foreign = send("POST", u"/start/device"_s, body, { { "Origin", origin } },
                                       "application/x-www-form-urlencoded"_ba);
            QVERIFY2(foreign.status == 403, origin.constData());
        }
        // The page's own origin opens only the page: not the OIDC or portal paths.
        const Reply elsewhere = send("POST", u"/token"_s, "{}", { { "Origin", ownOrigin() } });
        QCOMPARE(elsewhere.status, 403);
        // The device was approved by none of these.
        QTest::qWait(1100);
        QCOMPARE(pollToken(device.text("deviceCode")).errorType,
                 "AuthorizationPendingException"_ba);

        // What the page echoes is escaped.
        const Reply page = send("GET", u"/start/device?user_code=%3Cscript%3E%22'"_s);
        QCOMPARE(page.status, 200);
        QVERIFY(!page.body.contains("<script>"));
        QVERIFY(page.body.contains("value=\"&lt;script&gt;&quot;&#39;\""));
    }

    void testPortal()
    {
        const auto [token, refreshToken] = signIn(u"alice"_s);
        QVERIFY(!token.isEmpty());

        const Reply accounts = portal("GET", u"/assignment/accounts"_s, token);
        QCOMPARE(accounts.status, 200);
        const Json expectedAccounts = Json::parse(R"([
            {"accountId": "123456789012", "accountName": "Coffer sandbox",
             "emailAddress": "sandbox+123456789012@example.com"},
            {"accountId": "210987654321", "accountName": "Sandbox account 210987654321",
             "emailAddress": "sandbox+210987654321@example.com"}])");
        QVERIFY2(accounts.json["accountList"] == expectedAccounts, accounts.body.constData());
        QVERIFY(!accounts.json.contains("nextToken"));

        // One a page.
        const Reply first = portal("GET", u"/assignment/accounts?max_result=1"_s, token);
        QCOMPARE(first.json["accountList"].size(), size_t(1));
        const QString next = first.text("nextToken");
        QVERIFY(!next.isEmpty());
        const Reply second
            = portal("GET", u"/assignment/accounts?max_result=1&next_token=%1"_s.arg(next), token);
        QCOMPARE(second.status, 200);
        QVERIFY(second.json["accountList"][0]["accountId"] == otherAccount.toStdString());
        QVERIFY(!second.json.contains("nextToken"));
        QCOMPARE(portal("GET", u"/assignment/accounts?max_result=0"_s, token).errorType,
                 "InvalidRequestException"_ba);

        const Reply roles = portal("GET", u"/assignment/roles?account_id=%1"_s.arg(account), token);
        QCOMPARE(roles.status, 200);
        const Json expectedRoles = Json::parse(R"([
            {"roleName": "ReadOnly", "accountId": "123456789012"},
            {"roleName": "Writer", "accountId": "123456789012"}])");
        QVERIFY2(roles.json["roleList"] == expectedRoles, roles.body.constData());
        const Reply otherRoles
            = portal("GET", u"/assignment/roles?account_id=%1"_s.arg(otherAccount), token);
        QCOMPARE(otherRoles.json["roleList"].size(), size_t(1));

        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const Reply credentials = portal(
            "GET", u"/federation/credentials?role_name=ReadOnly&account_id=%1"_s.arg(account),
            token);
        QCOMPARE(credentials.status, 200);
        const Json &keys = credentials.json["roleCredentials"];
        QVERIFY(QString::fromStdString(keys.value("accessKeyId", "")).startsWith(u"ASIA"_s));
        QVERIFY(!keys.value("secretAccessKey", "").empty());
        QVERIFY(!keys.value("sessionToken", "").empty());
        const qint64 expiration = keys.value("expiration", qint64(0));
        QVERIFY2(expiration >= before + 3600 * 1000 - 5000
                     && expiration <= before + 3600 * 1000 + 5000,
                 "expiration is in epoch milliseconds, one hour ahead");

        // Not assigned: Writer in the other account, a made-up set; bob has nothing.
        const Reply forbidden = portal(
            "GET", u"/federation/credentials?role_name=Writer&account_id=%1"_s.arg(otherAccount),
            token);
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.errorType, "ForbiddenException"_ba);
        QCOMPARE(forbidden.text("message"), u"No access"_s);
        QCOMPARE(portal("GET",
                        u"/federation/credentials?role_name=Nope&account_id=%1"_s.arg(account),
                        token)
                     .status,
                 403);
        const Reply missing = portal("GET", u"/federation/credentials?role_name=ReadOnly"_s, token);
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.errorType, "InvalidRequestException"_ba);
        const auto [bobToken, bobRefresh] = signIn(u"bob"_s);
        QVERIFY(!bobToken.isEmpty());
        const Reply bobAccounts = portal("GET", u"/assignment/accounts"_s, bobToken);
        QCOMPARE(bobAccounts.status, 200);
        QCOMPARE(bobAccounts.json["accountList"].size(), size_t(0));

        // No token, or a made-up one.
        for (const QString &bad : { QString(), u"aoa-made-up"_s }) {
            const Reply unauthorized = portal("GET", u"/assignment/accounts"_s, bad);
            QCOMPARE(unauthorized.status, 401);
            QCOMPARE(unauthorized.errorType, "UnauthorizedException"_ba);
            QCOMPARE(unauthorized.text("message"), u"Session token not found or invalid"_s);
        }
    }

    void testRoleCredentialsAuthorizeLikeTheirPermissionSet()
    {
        const auto [token, refreshToken] = signIn(u"alice"_s);
        const auto readOnly = roleCredentials(token, u"ReadOnly"_s, account);
        QVERIFY(readOnly.has_value());

        const auto allowed = read(*readOnly, u"paintbox/production/jwt/public-keys"_s);
        QVERIFY2(allowed.has_value(), qPrintable(allowed ? QString() : allowed.error().summary()));
        QCOMPARE(allowed->secretString.value_or(QString()), u"{\"keys\":[]}"_s);

        const QString sessionArn
            = u"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_"_s;
        const auto denied = read(*readOnly, u"pixell/dev"_s);
        QVERIFY(!denied.has_value());
        QCOMPARE(denied.error().code, u"AccessDeniedException"_s);
        const QRegularExpression deniedText(
            u"^User: "
            u"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/alice "
            "is not authorized to perform: secretsmanager:GetSecretValue on resource: "
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/dev-.{6} because no "
            "identity-based policy allows the secretsmanager:GetSecretValue action$"_s);
        QVERIFY2(deniedText.match(denied.error().message).hasMatch(),
                 qPrintable(denied.error().message));

        // The other permission set reads everything; its role has digits of its own.
        const auto writer = roleCredentials(token, u"Writer"_s, account);
        QVERIFY(writer.has_value());
        QVERIFY(read(*writer, u"pixell/dev"_s).has_value());

        // GetCallerIdentity names the session in AWS's form.
        aws::StsClient sts(m_transport, configFor(*readOnly));
        const auto identity
            = await<aws::CallerIdentity>([&](auto done) { sts.getCallerIdentity(this, done); });
        QVERIFY2(identity.has_value(),
                 qPrintable(identity ? QString() : identity.error().summary()));
        QVERIFY2(QRegularExpression(u"^arn:aws:sts::123456789012:assumed-role/"
                                    "AWSReservedSSO_ReadOnly_[0-9a-f]{16}/alice$"_s)
                     .match(identity->arn)
                     .hasMatch(),
                 qPrintable(identity->arn));
        QCOMPARE(identity->account, account);
        QVERIFY(identity->userId.startsWith(u"AROA"_s));
        QVERIFY(identity->userId.endsWith(u":alice"_s));

        aws::StsClient writerSts(m_transport, configFor(*writer));
        const auto writerIdentity = await<aws::CallerIdentity>(
            [&](auto done) { writerSts.getCallerIdentity(this, done); });
        QVERIFY(writerIdentity.has_value());
        QVERIFY(writerIdentity->arn.contains(u"/AWSReservedSSO_Writer_"_s));
        // Fixed per permission set: a second session has the same role name.
        const auto again = roleCredentials(token, u"ReadOnly"_s, account);
        aws::StsClient againSts(m_transport, configFor(*again));
        const auto againIdentity = await<aws::CallerIdentity>(
            [&](auto done) { againSts.getCallerIdentity(this, done); });
        QVERIFY(againIdentity.has_value());
        QCOMPARE(againIdentity->arn, identity->arn);
    }

    void testLogout()
    {
        const auto [token, refreshToken] = signIn(u"alice"_s);
        QVERIFY(!token.isEmpty());
        Reply refreshed = refresh(refreshToken);
        QCOMPARE(refreshed.status, 200);
        const QString newer = refreshed.text("accessToken");

        const Reply loggedOut = portal("POST", u"/logout"_s, token);
        QCOMPARE(loggedOut.status, 200);
        QVERIFY(loggedOut.body.isEmpty());
        // The whole sign-in ends: both access tokens and the refresh token.
        for (const QString &ended : { token, newer }) {
            const Reply after = portal("GET", u"/assignment/accounts"_s, ended);
            QCOMPARE(after.status, 401);
            QCOMPARE(after.errorType, "UnauthorizedException"_ba);
        }
        QCOMPARE(refresh(refreshed.text("refreshToken")).errorType, "InvalidGrantException"_ba);
        QCOMPARE(portal("POST", u"/logout"_s, token).status, 401);
    }

    void testAccessTokenExpires()
    {
        const auto [token, refreshToken] = signIn(u"alice"_s);
        QCOMPARE(portal("GET", u"/assignment/accounts"_s, token).status, 200);
        setClockOffset(8 * 3600 + 5);
        QCOMPARE(portal("GET", u"/assignment/accounts"_s, token).status, 401);
        // The refresh token still gets a new one.
        const Reply refreshed = refresh(refreshToken);
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(portal("GET", u"/assignment/accounts"_s, refreshed.text("accessToken")).status,
                 200);
    }

    void testWrongMethod()
    {
        const Reply reply = send("GET", u"/token"_s);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorType, "UnknownOperationException"_ba);
    }

    void testDemoDirectory()
    {
        sandbox::SandboxServer demo;
        QVERIFY(demo.listen());
        const sandbox::SandboxSsoDirectory &directory = demo.identityCenter().directory();
        QCOMPARE(directory.users, QStringList { u"alice"_s });
        QCOMPARE(directory.permissionSetsOf(u"alice"_s, account),
                 QStringList({ u"AdministratorAccess"_s, u"ReadOnly"_s }));
        const auto *admin = directory.permissionSet(u"AdministratorAccess"_s);
        QVERIFY(admin);
        QVERIFY2(QRegularExpression(u"^arn:aws:iam::123456789012:role/aws-reserved/"
                                    "sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_"
                                    "[0-9a-f]{16}$"_s)
                     .match(admin->reservedRoleArn(account))
                     .hasMatch(),
                 qPrintable(admin->reservedRoleArn(account)));
        QCOMPARE(demo.verificationUrl().toString(), demo.url().toString() + u"/start/device"_s);
    }

    void testRegistrationsAreBounded()
    {
        // A client looping on RegisterClient cannot grow the sandbox without end: past the cap,
        // the registration that expires first is forgotten.
        SandboxIdentityCenter center(sandbox::SandboxSsoDirectory::demo(account), account);
        const QDateTime start = QDateTime::currentDateTimeUtc();
        const Json registration = { { "clientName", "loop" }, { "clientType", "public" } };
        const auto first = center.registerClient(registration, start);
        QVERIFY(first.has_value());
        const Json device = { { "clientId", (*first)["clientId"] },
                              { "clientSecret", (*first)["clientSecret"] },
                              { "startUrl", "https://example.com/start" } };
        QVERIFY(
            center.startDeviceAuthorization(device, QUrl(u"http://127.0.0.1/start/device"_s), start)
                .has_value());
        for (qsizetype i = 1; i < SandboxIdentityCenter::kMaxClients; ++i)
            QVERIFY(center.registerClient(registration, start.addMSecs(i)).has_value());
        QVERIFY(
            center.startDeviceAuthorization(device, QUrl(u"http://127.0.0.1/start/device"_s), start)
                .has_value());
        QVERIFY(center.registerClient(registration, start.addSecs(10)).has_value());
        const auto forgotten = center.startDeviceAuthorization(
            device, QUrl(u"http://127.0.0.1/start/device"_s), start);
        QVERIFY(!forgotten.has_value());
        QCOMPARE(forgotten.error().code, u"InvalidClientException"_s);
    }

    void testPrincipalsFileErrors_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown user")
            << R"({"sso": {"users": ["alice"], "permissionSets": [{"name": "ReadOnly"}],
                   "assignments": [{"user": "bob", "account": "123456789012", "permissionSet": "ReadOnly"}]}})"_ba
            << u"sso.assignments[0]: unknown user \"bob\" (not in sso.users)"_s;
        QTest::newRow("unknown permission set")
            << R"({"sso": {"users": ["alice"], "permissionSets": [{"name": "ReadOnly"}],
                   "assignments": [{"user": "alice", "account": "123456789012", "permissionSet": "Admin"}]}})"_ba
            << u"sso.assignments[0]: unknown permission set \"Admin\" (not in sso.permissionSets)"_s;
        QTest::newRow("bad account")
            << R"({"sso": {"users": ["alice"], "permissionSets": [{"name": "ReadOnly"}],
                   "assignments": [{"user": "alice", "account": "1234", "permissionSet": "ReadOnly"}]}})"_ba
            << u"sso.assignments[0]: \"account\" must be 12 digits"_s;
        QTest::newRow("bad policy")
            << R"({"sso": {"users": ["alice"], "permissionSets": [{"name": "ReadOnly", "policies": [{"Statement": 3}]}]}})"_ba
            << u"sso.permissionSets[0] (ReadOnly).policies[0]: "_s;
        QTest::newRow("unknown member") << R"({"sso": {"users": ["alice"], "groups": []}})"_ba
                                        << u"sso: unknown member \"groups\""_s;
        QTest::newRow("set twice")
            << R"({"sso": {"permissionSets": [{"name": "A"}, {"name": "A"}]}})"_ba
            << u"sso.permissionSets[1] (A): defined twice"_s;
    }

    void testPrincipalsFileErrors()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, error);
        const auto parsed = sandbox::SandboxPrincipals::fromJson(file);
        QVERIFY(!parsed.has_value());
        QVERIFY2(parsed.error().startsWith(error), qPrintable(parsed.error()));
    }
};

QTEST_GUILESS_MAIN(TestSandboxSso)
#include "testsandboxsso.moc"
