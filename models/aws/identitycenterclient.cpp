// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/identitycenterclient.h"

#include "models/aws/awsclient.h"
#include "models/aws/callguard.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace coffer::aws {

struct IdentityCenterClient::Request
{
    bool portal = false;
    QString operation = {};
    QByteArray method = "POST";
    QByteArray resource = {};
    QJsonObject body = {};            ///< sent only when not empty
    QByteArray bearerToken = {};      ///< portal calls
};

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::aws::IdentityCenterClient", text);
}

AwsError malformed(const QString &what)
{
    return AwsError::protocolError(
        translated(QT_TRANSLATE_NOOP("coffer::aws::IdentityCenterClient",
                                     "The IAM Identity Center answer has no valid %1."))
            .arg(what));
}

Result<QJsonObject> parseObject(const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::unexpected(AwsError::protocolError(translated(QT_TRANSLATE_NOOP(
            "coffer::aws::IdentityCenterClient", "The IAM Identity Center answer is not a JSON object."))));
    }
    return document.object();
}

Result<QString> requiredString(const QJsonObject &object, QLatin1StringView name)
{
    const QJsonValue value = object.value(name);
    if (!value.isString() || value.toString().isEmpty())
        return std::unexpected(malformed(name));
    return value.toString();
}

QByteArray encoded(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

} // namespace

IdentityCenterClient::IdentityCenterClient(AwsClient *transport, ClientConfig oidc, ClientConfig portal,
                                           QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_oidc(std::move(oidc))
    , m_portal(std::move(portal))
{
    Q_ASSERT(transport);
}

IdentityCenterClient::~IdentityCenterClient() = default;

template<typename T>
AwsCall *IdentityCenterClient::invoke(Request request, QObject *context, Callback<T> callback,
                                      Result<T> (*decode)(const QByteArray &))
{
    WireRequest wire;
    wire.service = QString(request.portal ? portalSigningName : oidcSigningName);
    wire.operation = request.operation;
    wire.protocol = WireProtocol::RestJson;
    wire.anonymous = true;
    wire.method = request.method;
    wire.resource = request.resource;
    if (!request.body.isEmpty())
        wire.body = QJsonDocument(request.body).toJson(QJsonDocument::Compact);
    if (!request.bearerToken.isEmpty())
        wire.headers.append({"x-amz-sso_bearer_token", request.bearerToken});

    auto deliver = callguard::guarded<T>(context, std::move(callback));
    AwsCall *call = m_transport->send(request.portal ? m_portal : m_oidc, std::move(wire),
                                      [deliver, decode](Result<WireResponse> response) {
        if (!response) {
            deliver(std::unexpected(response.error()));
            return;
        }
        Result<T> decoded = decode(response->body);
        if (!decoded) {
            if (decoded.error().requestId.isEmpty())
                decoded.error().requestId = response->requestId;
            decoded.error().httpStatus = response->httpStatus;
        }
        deliver(std::move(decoded));
    });
    callguard::cancelWithContext(call, context);
    return call;
}

AwsCall *IdentityCenterClient::registerClient(const QString &clientName, const QStringList &scopes,
                                              QObject *context, Callback<SsoClientRegistration> callback)
{
    Request request{.operation = u"RegisterClient"_s, .resource = "/client/register"};
    request.body = {{u"clientName"_s, clientName}, {u"clientType"_s, u"public"_s}};
    if (!scopes.isEmpty())
        request.body.insert(u"scopes"_s, QJsonArray::fromStringList(scopes));
    return invoke<SsoClientRegistration>(std::move(request), context, std::move(callback),
                                         &decodeRegisterClient);
}

AwsCall *IdentityCenterClient::startDeviceAuthorization(const SsoClientRegistration &client,
                                                        const QString &startUrl, QObject *context,
                                                        Callback<SsoDeviceAuthorization> callback)
{
    Request request{.operation = u"StartDeviceAuthorization"_s, .resource = "/device_authorization"};
    request.body = {{u"clientId"_s, client.clientId},
                    {u"clientSecret"_s, client.clientSecret},
                    {u"startUrl"_s, startUrl}};
    return invoke<SsoDeviceAuthorization>(std::move(request), context, std::move(callback),
                                          &decodeStartDeviceAuthorization);
}

AwsCall *IdentityCenterClient::createTokenWithDeviceCode(const SsoClientRegistration &client,
                                                         const QString &deviceCode, QObject *context,
                                                         Callback<SsoTokenGrant> callback)
{
    Request request{.operation = u"CreateToken"_s, .resource = "/token"};
    request.body = {{u"clientId"_s, client.clientId},
                    {u"clientSecret"_s, client.clientSecret},
                    {u"grantType"_s, QString(deviceCodeGrant)},
                    {u"deviceCode"_s, deviceCode}};
    return invoke<SsoTokenGrant>(std::move(request), context, std::move(callback), &decodeCreateToken);
}

AwsCall *IdentityCenterClient::refreshToken(const SsoClientRegistration &client, const QString &refreshToken,
                                            QObject *context, Callback<SsoTokenGrant> callback)
{
    Request request{.operation = u"CreateToken"_s, .resource = "/token"};
    request.body = {{u"clientId"_s, client.clientId},
                    {u"clientSecret"_s, client.clientSecret},
                    {u"grantType"_s, QString(refreshTokenGrant)},
                    {u"refreshToken"_s, refreshToken}};
    return invoke<SsoTokenGrant>(std::move(request), context, std::move(callback), &decodeCreateToken);
}

AwsCall *IdentityCenterClient::getRoleCredentials(const QString &accessToken, const QString &accountId,
                                                  const QString &roleName, QObject *context,
                                                  Callback<AwsCredentials> callback)
{
    Request request{.portal = true, .operation = u"GetRoleCredentials"_s, .method = "GET"};
    request.resource = "/federation/credentials?role_name=" + encoded(roleName)
            + "&account_id=" + encoded(accountId);
    request.bearerToken = accessToken.toUtf8();
    return invoke<AwsCredentials>(std::move(request), context, std::move(callback),
                                  &decodeGetRoleCredentials);
}

AwsCall *IdentityCenterClient::listAccounts(const QString &accessToken, const QString &nextToken,
                                            QObject *context, Callback<SsoPage<SsoAccount>> callback)
{
    Request request{.portal = true, .operation = u"ListAccounts"_s, .method = "GET"};
    request.resource = "/assignment/accounts?max_result=100";
    if (!nextToken.isEmpty())
        request.resource += "&next_token=" + encoded(nextToken);
    request.bearerToken = accessToken.toUtf8();
    return invoke<SsoPage<SsoAccount>>(std::move(request), context, std::move(callback), &decodeListAccounts);
}

AwsCall *IdentityCenterClient::listAccountRoles(const QString &accessToken, const QString &accountId,
                                                const QString &nextToken, QObject *context,
                                                Callback<SsoPage<SsoAccountRole>> callback)
{
    Request request{.portal = true, .operation = u"ListAccountRoles"_s, .method = "GET"};
    request.resource = "/assignment/roles?account_id=" + encoded(accountId) + "&max_result=100";
    if (!nextToken.isEmpty())
        request.resource += "&next_token=" + encoded(nextToken);
    request.bearerToken = accessToken.toUtf8();
    return invoke<SsoPage<SsoAccountRole>>(std::move(request), context, std::move(callback),
                                           &decodeListAccountRoles);
}

AwsCall *IdentityCenterClient::logout(const QString &accessToken, QObject *context, Callback<void> callback)
{
    Request request{.portal = true, .operation = u"Logout"_s, .resource = "/logout"};
    request.bearerToken = accessToken.toUtf8();
    return invoke<void>(std::move(request), context, std::move(callback),
                        [](const QByteArray &) -> Result<void> { return {}; });
}

Result<SsoClientRegistration> IdentityCenterClient::decodeRegisterClient(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    SsoClientRegistration registration;
    const auto id = requiredString(*object, "clientId"_L1);
    const auto secret = requiredString(*object, "clientSecret"_L1);
    if (!id || !secret)
        return std::unexpected(!id ? id.error() : secret.error());
    registration.clientId = *id;
    registration.clientSecret = *secret;
    const QJsonValue expires = object->value("clientSecretExpiresAt"_L1);
    if (!expires.isDouble())
        return std::unexpected(malformed(u"clientSecretExpiresAt"_s));
    registration.expiresAt = QDateTime::fromSecsSinceEpoch(qint64(expires.toDouble()), QTimeZone::utc());
    return registration;
}

Result<SsoDeviceAuthorization> IdentityCenterClient::decodeStartDeviceAuthorization(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    SsoDeviceAuthorization authorization;
    const auto deviceCode = requiredString(*object, "deviceCode"_L1);
    const auto userCode = requiredString(*object, "userCode"_L1);
    const auto uri = requiredString(*object, "verificationUri"_L1);
    if (!deviceCode || !userCode || !uri)
        return std::unexpected(!deviceCode ? deviceCode.error() : !userCode ? userCode.error() : uri.error());
    authorization.deviceCode = *deviceCode;
    authorization.userCode = *userCode;
    authorization.verificationUri = *uri;
    authorization.verificationUriComplete = object->value("verificationUriComplete"_L1).toString(*uri);
    authorization.expiresInSeconds = object->value("expiresIn"_L1).toInt(600);
    // RFC 8628: 5 seconds when the server does not say.
    authorization.intervalSeconds = std::max(1, object->value("interval"_L1).toInt(5));
    return authorization;
}

Result<SsoTokenGrant> IdentityCenterClient::decodeCreateToken(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    const auto accessToken = requiredString(*object, "accessToken"_L1);
    if (!accessToken)
        return std::unexpected(accessToken.error());
    const QJsonValue expiresIn = object->value("expiresIn"_L1);
    if (!expiresIn.isDouble() || expiresIn.toInt() <= 0)
        return std::unexpected(malformed(u"expiresIn"_s));
    return SsoTokenGrant{*accessToken, object->value("refreshToken"_L1).toString(), expiresIn.toInt()};
}

Result<AwsCredentials> IdentityCenterClient::decodeGetRoleCredentials(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    const QJsonObject role = object->value("roleCredentials"_L1).toObject();
    AwsCredentials credentials;
    const auto keyId = requiredString(role, "accessKeyId"_L1);
    const auto secret = requiredString(role, "secretAccessKey"_L1);
    const auto token = requiredString(role, "sessionToken"_L1);
    if (!keyId || !secret || !token)
        return std::unexpected(malformed(u"roleCredentials"_s));
    credentials.accessKeyId = *keyId;
    credentials.secretAccessKey = *secret;
    credentials.sessionToken = *token;
    const QJsonValue expiration = role.value("expiration"_L1);
    if (!expiration.isDouble())
        return std::unexpected(malformed(u"roleCredentials.expiration"_s));
    // Milliseconds since the epoch, unlike every other AWS timestamp.
    credentials.expiration = QDateTime::fromMSecsSinceEpoch(qint64(expiration.toDouble()), QTimeZone::utc());
    return credentials;
}

Result<SsoPage<SsoAccount>> IdentityCenterClient::decodeListAccounts(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    SsoPage<SsoAccount> page;
    page.nextToken = object->value("nextToken"_L1).toString();
    for (const QJsonValue &value : object->value("accountList"_L1).toArray()) {
        const QJsonObject account = value.toObject();
        const QString id = account.value("accountId"_L1).toString();
        if (id.isEmpty())
            return std::unexpected(malformed(u"accountList"_s));
        page.items.append({id, account.value("accountName"_L1).toString(),
                           account.value("emailAddress"_L1).toString()});
    }
    return page;
}

Result<SsoPage<SsoAccountRole>> IdentityCenterClient::decodeListAccountRoles(const QByteArray &body)
{
    const auto object = parseObject(body);
    if (!object)
        return std::unexpected(object.error());
    SsoPage<SsoAccountRole> page;
    page.nextToken = object->value("nextToken"_L1).toString();
    for (const QJsonValue &value : object->value("roleList"_L1).toArray()) {
        const QJsonObject role = value.toObject();
        const QString name = role.value("roleName"_L1).toString();
        if (name.isEmpty())
            return std::unexpected(malformed(u"roleList"_s));
        page.items.append({role.value("accountId"_L1).toString(), name});
    }
    return page;
}

} // namespace coffer::aws
