// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxidentitycenter.h"

#include "models/sandbox/sandboxstore.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

using aws::AwsError;

namespace {

/// RFC 8628's advice for user codes: no vowels (no words), no digits (no 0/O, 1/I).
constexpr QStringView userCodeAlphabet = u"BCDFGHJKLMNPQRSTVWXZ";
constexpr QStringView tokenAlphabet
    = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::unexpected<AwsError> fail(const QString &code, const QString &message, int status = 400)
{
    return std::unexpected(SandboxStore::serviceError(code, message, status));
}

std::unexpected<AwsError> invalidRequest(const QString &message)
{
    return fail(u"InvalidRequestException"_s, message);
}

/// The verification page shows these sentences.
QString pageText(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox::SandboxDevicePage", text);
}

std::unexpected<AwsError> invalidClient()
{
    return fail(u"InvalidClientException"_s, u"Invalid client provided"_s, 401);
}

std::unexpected<AwsError> invalidGrant()
{
    return fail(u"InvalidGrantException"_s, u"Invalid grant provided"_s);
}

std::unexpected<AwsError> unauthorized()
{
    return fail(u"UnauthorizedException"_s, u"Session token not found or invalid"_s, 401);
}

/// A string member: nullopt when absent (or null), an error when it is of another type.
aws::Result<std::optional<QString>> member(const SandboxIdentityCenter::Json &request,
                                           const char *name)
{
    if (!request.contains(name) || request[name].is_null())
        return std::optional<QString>();
    if (!request[name].is_string())
        return invalidRequest(u"%1 must be a string"_s.arg(QString::fromLatin1(name)));
    return std::optional(QString::fromStdString(request[name].get<std::string>()));
}

aws::Result<QString> required(const SandboxIdentityCenter::Json &request, const char *name)
{
    auto value = member(request, name);
    if (!value)
        return std::unexpected(value.error());
    if (!*value || (*value)->isEmpty())
        return invalidRequest(u"%1 is required"_s.arg(QString::fromLatin1(name)));
    return **value;
}

aws::Result<int> pageSize(const QString &maxResults)
{
    if (maxResults.isEmpty())
        return SandboxIdentityCenter::kDefaultPageSize;
    bool ok = false;
    const int size = maxResults.toInt(&ok);
    if (!ok || size < 1 || size > SandboxIdentityCenter::kMaxPageSize)
        return invalidRequest(
            u"max_result must be a number from 1 to %1"_s.arg(SandboxIdentityCenter::kMaxPageSize));
    return size;
}

/// Pages are cut after the key named by the token (base64url of the last key returned).
QString pageToken(const QString &lastKey)
{
    return QString::fromLatin1(
        lastKey.toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

aws::Result<QString> keyAfter(const QString &nextToken)
{
    if (nextToken.isEmpty())
        return QString();
    const auto decoded = QByteArray::fromBase64Encoding(
        nextToken.toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return invalidRequest(u"Invalid next token"_s);
    return QString::fromUtf8(decoded.decoded);
}

/// One page of `keys` (sorted) after `nextToken`, as `make(key)` objects under `listName`.
template<typename Make>
aws::Result<SandboxIdentityCenter::Json> page(const QStringList &keys, const char *listName,
                                              const QString &nextToken, const QString &maxResults,
                                              Make make)
{
    const auto size = pageSize(maxResults);
    if (!size)
        return std::unexpected(size.error());
    const auto after = keyAfter(nextToken);
    if (!after)
        return std::unexpected(after.error());
    SandboxIdentityCenter::Json list = SandboxIdentityCenter::Json::array();
    QString last;
    bool more = false;
    for (const QString &key : keys) {
        if (!after->isEmpty() && key <= *after)
            continue;
        if (int(list.size()) == *size) {
            more = true;
            break;
        }
        list.push_back(make(key));
        last = key;
    }
    SandboxIdentityCenter::Json answer = SandboxIdentityCenter::Json::object();
    if (more)
        answer["nextToken"] = pageToken(last).toStdString();
    answer[listName] = std::move(list);
    return answer;
}

template<typename Value, typename Predicate>
void eraseIf(QHash<QString, Value> &hash, Predicate predicate)
{
    for (auto it = hash.begin(); it != hash.end();) {
        if (predicate(it.value()))
            it = hash.erase(it);
        else
            ++it;
    }
}

/// Keeps `hash` below `capacity` entries, dropping those `earlier` ranks first (the first to
/// expire), so a client looping on RegisterClient or CreateToken cannot grow the sandbox forever.
template<typename Value, typename Earlier, typename Dropped>
void makeRoom(QHash<QString, Value> &hash, qsizetype capacity, Earlier earlier, Dropped dropped)
{
    while (hash.size() >= capacity) {
        auto first = hash.begin();
        for (auto it = hash.begin(); it != hash.end(); ++it) {
            if (earlier(it.value(), first.value()))
                first = it;
        }
        dropped(first.value());
        hash.erase(first);
    }
}

template<typename Value> bool expiresEarlier(const Value &a, const Value &b)
{
    return a.expiresAt < b.expiresAt;
}

} // namespace

SandboxIdentityCenter::SandboxIdentityCenter(SandboxSsoDirectory directory,
                                             QString sandboxAccountId)
    : m_directory(std::move(directory))
    , m_sandboxAccountId(std::move(sandboxAccountId))
{ }

QString SandboxIdentityCenter::randomText(QStringView alphabet, int length)
{
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(
            alphabet.at(qsizetype(QRandomGenerator::system()->bounded(quint32(alphabet.size())))));
    return text;
}

QString SandboxIdentityCenter::oidcErrorName(const QString &code)
{
    static const QHash<QString, QString> names = {
        { u"AuthorizationPendingException"_s, u"authorization_pending"_s },
        { u"SlowDownException"_s, u"slow_down"_s },
        { u"ExpiredTokenException"_s, u"expired_token"_s },
        { u"AccessDeniedException"_s, u"access_denied"_s },
        { u"InvalidGrantException"_s, u"invalid_grant"_s },
        { u"InvalidClientException"_s, u"invalid_client"_s },
        { u"InvalidRequestException"_s, u"invalid_request"_s },
        { u"InvalidScopeException"_s, u"invalid_scope"_s },
        { u"InvalidClientMetadataException"_s, u"invalid_client_metadata"_s },
        { u"UnauthorizedClientException"_s, u"unauthorized_client"_s },
        { u"UnsupportedGrantTypeException"_s, u"unsupported_grant_type"_s },
        { u"InternalServerException"_s, u"server_error"_s },
    };
    return names.value(code, u"invalid_request"_s);
}

QString SandboxIdentityCenter::normalizedUserCode(const QString &text)
{
    QString letters;
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            letters.append(c.toUpper());
    }
    if (letters.size() == 8)
        return letters.left(4) + u'-' + letters.mid(4);
    return letters;
}

QString SandboxIdentityCenter::accountName(const QString &accountId) const
{
    return accountId == m_sandboxAccountId ? u"Coffer sandbox"_s
                                           : u"Sandbox account %1"_s.arg(accountId);
}

void SandboxIdentityCenter::forgetExpired(const QDateTime &now)
{
    // Device codes are kept for a while past their end, so that a late poll hears
    // ExpiredTokenException rather than InvalidGrantException.
    const QDateTime deviceCutoff = now.addSecs(-kDeviceCodeSeconds);
    for (auto it = m_devices.begin(); it != m_devices.end();) {
        if (it->expiresAt < deviceCutoff) {
            m_deviceCodes.remove(it->userCode);
            it = m_devices.erase(it);
        } else {
            ++it;
        }
    }
    eraseIf(m_accessTokens, [&now](const Grant &grant) { return grant.expiresAt < now; });
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (it->expiresAt < now) {
            const QString clientId = it.key();
            eraseIf(m_refreshTokens,
                    [&clientId](const Grant &grant) { return grant.clientId == clientId; });
            it = m_clients.erase(it);
        } else {
            ++it;
        }
    }
}

aws::Result<SandboxIdentityCenter::Json> SandboxIdentityCenter::registerClient(const Json &request,
                                                                               const QDateTime &now)
{
    forgetExpired(now);
    const auto name = required(request, "clientName");
    if (!name)
        return std::unexpected(name.error());
    const auto type = required(request, "clientType");
    if (!type)
        return std::unexpected(type.error());
    if (*type != u"public")
        return fail(u"InvalidClientMetadataException"_s,
                    u"Invalid client type: only public clients are supported"_s);
    if (request.contains("scopes")) {
        const Json &scopes = request["scopes"];
        const bool strings = scopes.is_array()
            && std::all_of(scopes.cbegin(), scopes.cend(),
                           [](const Json &scope) { return scope.is_string(); });
        if (!strings)
            return fail(u"InvalidScopeException"_s, u"Invalid scopes provided"_s);
    }
    QString clientId;
    do {
        clientId = randomText(tokenAlphabet, 22);
    } while (m_clients.contains(clientId));
    Client client;
    client.secret = randomText(tokenAlphabet, 96);
    client.expiresAt = now.addSecs(kRegistrationSeconds);
    makeRoom(m_clients, kMaxClients, expiresEarlier<Client>, [](const Client &) {});
    m_clients.insert(clientId, client);
    return Json { { "clientId", clientId.toStdString() },
                  { "clientSecret", client.secret.toStdString() },
                  { "clientIdIssuedAt", now.toSecsSinceEpoch() },
                  { "clientSecretExpiresAt", client.expiresAt.toSecsSinceEpoch() } };
}

aws::Result<void> SandboxIdentityCenter::authenticateClient(const Json &request,
                                                            const QDateTime &now) const
{
    const auto clientId = required(request, "clientId");
    if (!clientId)
        return std::unexpected(clientId.error());
    const auto secret = required(request, "clientSecret");
    if (!secret)
        return std::unexpected(secret.error());
    const auto client = m_clients.constFind(*clientId);
    if (client == m_clients.cend() || client->secret != *secret || client->expiresAt < now)
        return invalidClient();
    return {};
}

aws::Result<SandboxIdentityCenter::Json>
SandboxIdentityCenter::startDeviceAuthorization(const Json &request, const QUrl &verificationUri,
                                                const QDateTime &now)
{
    forgetExpired(now);
    if (const auto authenticated = authenticateClient(request, now); !authenticated)
        return std::unexpected(authenticated.error());
    const auto startUrl = required(request, "startUrl");
    if (!startUrl)
        return std::unexpected(startUrl.error());

    DeviceAuthorization device;
    device.clientId = QString::fromStdString(request["clientId"].get<std::string>());
    device.expiresAt = now.addSecs(kDeviceCodeSeconds);
    do {
        device.userCode = normalizedUserCode(randomText(userCodeAlphabet, 8));
    } while (m_deviceCodes.contains(device.userCode));
    QString deviceCode;
    do {
        deviceCode = randomText(tokenAlphabet, 86);
    } while (m_devices.contains(deviceCode));
    makeRoom(
        m_devices, kMaxDevices, expiresEarlier<DeviceAuthorization>,
        [this](const DeviceAuthorization &dropped) { m_deviceCodes.remove(dropped.userCode); });
    m_devices.insert(deviceCode, device);
    m_deviceCodes.insert(device.userCode, deviceCode);

    QUrl complete = verificationUri;
    complete.setQuery(u"user_code="_s + device.userCode);
    return Json { { "deviceCode", deviceCode.toStdString() },
                  { "userCode", device.userCode.toStdString() },
                  { "verificationUri", verificationUri.toString().toStdString() },
                  { "verificationUriComplete", complete.toString().toStdString() },
                  { "expiresIn", kDeviceCodeSeconds },
                  { "interval", kPollIntervalSeconds } };
}

SandboxIdentityCenter::Json SandboxIdentityCenter::issueTokens(const Grant &grant,
                                                               const QDateTime &now)
{
    QString accessToken;
    do {
        accessToken = u"aoa"_s + randomText(tokenAlphabet, 160);
    } while (m_accessTokens.contains(accessToken));
    QString refreshToken;
    do {
        refreshToken = u"aor"_s + randomText(tokenAlphabet, 160);
    } while (m_refreshTokens.contains(refreshToken));
    Grant access = grant;
    access.expiresAt = now.addSecs(kAccessTokenSeconds);
    makeRoom(m_accessTokens, kMaxTokens, expiresEarlier<Grant>, [](const Grant &) {});
    m_accessTokens.insert(accessToken, access);
    Grant refresh = grant;
    refresh.expiresAt = QDateTime();
    makeRoom(
        m_refreshTokens, kMaxTokens,
        [](const Grant &a, const Grant &b) { return a.signIn < b.signIn; }, [](const Grant &) {});
    m_refreshTokens.insert(refreshToken, refresh);
    return Json { { "accessToken", accessToken.toStdString() },
                  { "tokenType", "Bearer" },
                  { "expiresIn", kAccessTokenSeconds },
                  { "refreshToken", refreshToken.toStdString() } };
}

aws::Result<SandboxIdentityCenter::Json> SandboxIdentityCenter::createToken(const Json &request,
                                                                            const QDateTime &now)
{
    forgetExpired(now);
    if (const auto authenticated = authenticateClient(request, now); !authenticated)
        return std::unexpected(authenticated.error());
    const QString clientId = QString::fromStdString(request["clientId"].get<std::string>());
    const auto grantType = required(request, "grantType");
    if (!grantType)
        return std::unexpected(grantType.error());
    if (request.contains("scope") && !request["scope"].is_null() && !request["scope"].is_array())
        return fail(u"InvalidScopeException"_s, u"Invalid scope provided"_s);

    if (*grantType == kDeviceCodeGrant) {
        const auto deviceCode = required(request, "deviceCode");
        if (!deviceCode)
            return std::unexpected(deviceCode.error());
        const auto found = m_devices.find(*deviceCode);
        if (found == m_devices.end() || found->clientId != clientId)
            return invalidGrant();
        if (found->expiresAt < now)
            return fail(u"ExpiredTokenException"_s, u"Device code has expired"_s);
        const QDateTime last = found->lastPolledAt;
        found->lastPolledAt = now;
        const bool tooSoon = last.isValid() && last.msecsTo(now) < found->intervalSeconds * 1000LL;
        if (tooSoon || m_slowDownPolls > 0) {
            if (!tooSoon)
                --m_slowDownPolls;
            found->intervalSeconds += 5;
            return fail(u"SlowDownException"_s, u"Client is polling too fast"_s);
        }
        if (found->approvedUser.isEmpty())
            return fail(u"AuthorizationPendingException"_s, u"Authorization is still pending"_s);
        Grant grant;
        grant.user = found->approvedUser;
        grant.clientId = clientId;
        grant.signIn = ++m_lastSignIn;
        m_deviceCodes.remove(found->userCode);
        m_devices.erase(found);
        return issueTokens(grant, now);
    }
    if (*grantType == kRefreshTokenGrant) {
        const auto refreshToken = required(request, "refreshToken");
        if (!refreshToken)
            return std::unexpected(refreshToken.error());
        const auto found = m_refreshTokens.constFind(*refreshToken);
        if (found == m_refreshTokens.cend() || found->clientId != clientId)
            return invalidGrant();
        const Grant grant = *found;
        m_refreshTokens.erase(found); // rotated: the old refresh token is spent
        return issueTokens(grant, now);
    }
    return fail(u"UnsupportedGrantTypeException"_s,
                u"Unsupported grant type: %1"_s.arg(grantType->left(100)));
}

aws::Result<void> SandboxIdentityCenter::approveDevice(const QString &userCode, const QString &user,
                                                       const QDateTime &now)
{
    forgetExpired(now);
    const QString code = normalizedUserCode(userCode);
    const auto deviceCode = m_deviceCodes.constFind(code);
    if (code.isEmpty() || deviceCode == m_deviceCodes.cend()
        || m_devices.value(*deviceCode).expiresAt < now)
        return invalidRequest(pageText(QT_TRANSLATE_NOOP(
            "coffer::sandbox::SandboxDevicePage",
            "The code is unknown or has expired. Start the sign-in again from the application.")));
    if (!m_directory.users.contains(user))
        return invalidRequest(pageText(
            QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage", "There is no such user.")));
    DeviceAuthorization &device = m_devices[*deviceCode];
    if (!device.approvedUser.isEmpty() && device.approvedUser != user)
        return invalidRequest(
            pageText(QT_TRANSLATE_NOOP("coffer::sandbox::SandboxDevicePage",
                                       "This code has already been approved for another user.")));
    device.approvedUser = user;
    return {};
}

aws::Result<SandboxIdentityCenter::Grant> SandboxIdentityCenter::userOf(const QString &accessToken,
                                                                        const QDateTime &now) const
{
    const auto found = m_accessTokens.constFind(accessToken);
    if (accessToken.isEmpty() || found == m_accessTokens.cend() || found->expiresAt < now)
        return unauthorized();
    return *found;
}

aws::Result<SandboxIdentityCenter::RoleGrant>
SandboxIdentityCenter::roleCredentialsGrant(const QString &accessToken, const QString &roleName,
                                            const QString &accountId, const QDateTime &now) const
{
    const auto grant = userOf(accessToken, now);
    if (!grant)
        return std::unexpected(grant.error());
    if (roleName.isEmpty())
        return invalidRequest(u"role_name is required"_s);
    if (accountId.isEmpty())
        return invalidRequest(u"account_id is required"_s);
    const SandboxPermissionSet *set = m_directory.permissionSet(roleName);
    if (!set || !m_directory.isAssigned(grant->user, accountId, roleName))
        return fail(u"ForbiddenException"_s, u"No access"_s, 403);
    return RoleGrant { grant->user, set->reservedRoleArn(accountId) };
}

aws::Result<SandboxIdentityCenter::Json>
SandboxIdentityCenter::listAccounts(const QString &accessToken, const QString &nextToken,
                                    const QString &maxResults, const QDateTime &now) const
{
    const auto grant = userOf(accessToken, now);
    if (!grant)
        return std::unexpected(grant.error());
    return page(m_directory.accountsOf(grant->user), "accountList", nextToken, maxResults,
                [this](const QString &accountId) {
                    return Json { { "accountId", accountId.toStdString() },
                                  { "accountName", accountName(accountId).toStdString() },
                                  { "emailAddress",
                                    u"sandbox+%1@example.com"_s.arg(accountId).toStdString() } };
                });
}

aws::Result<SandboxIdentityCenter::Json>
SandboxIdentityCenter::listAccountRoles(const QString &accessToken, const QString &accountId,
                                        const QString &nextToken, const QString &maxResults,
                                        const QDateTime &now) const
{
    const auto grant = userOf(accessToken, now);
    if (!grant)
        return std::unexpected(grant.error());
    if (accountId.isEmpty())
        return invalidRequest(u"account_id is required"_s);
    return page(m_directory.permissionSetsOf(grant->user, accountId), "roleList", nextToken,
                maxResults, [&accountId](const QString &roleName) {
                    return Json { { "roleName", roleName.toStdString() },
                                  { "accountId", accountId.toStdString() } };
                });
}

aws::Result<void> SandboxIdentityCenter::logout(const QString &accessToken, const QDateTime &now)
{
    const auto grant = userOf(accessToken, now);
    if (!grant)
        return std::unexpected(grant.error());
    const quint64 signIn = grant->signIn;
    const auto sameSignIn = [signIn](const Grant &other) {
        return other.signIn == signIn;
    };
    eraseIf(m_accessTokens, sameSignIn);
    eraseIf(m_refreshTokens, sameSignIn);
    return {};
}

} // namespace coffer::sandbox
