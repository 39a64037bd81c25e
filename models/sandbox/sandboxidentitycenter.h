// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/sandbox/sandboxssodirectory.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QUrl>

#include <nlohmann/json.hpp>

namespace coffer::sandbox {

/**
 * IAM Identity Center in the sandbox: the state behind SSO OIDC (RegisterClient,
 * StartDeviceAuthorization, CreateToken with the device-code and refresh-token grants) and the
 * SSO portal (GetRoleCredentials, ListAccounts, ListAccountRoles, Logout), with the device
 * approval that the verification page (SandboxDevicePage) submits.
 *
 * SandboxServer routes the unsigned REST-JSON requests here by path and turns errors into AWS's
 * wire shapes: OIDC's `{"error": "authorization_pending", "error_description": ...}`
 * (oidcErrorName()) and the portal's `{"message": ...}`, both with `x-amzn-ErrorType: <code>`.
 * Requests and answers are the JSON members botocore's models name (clientId, deviceCode,
 * accessToken, ...); every time comes from the caller (the server's clock, faults included).
 *
 *     SandboxIdentityCenter center(SandboxSsoDirectory::demo(account), account);
 *     auto client = center.registerClient({{"clientName", "coffer"}, {"clientType", "public"}},
 * now); auto device = center.startDeviceAuthorization({...}, verificationUri, now);
 *     center.approveDevice(userCode, u"alice"_s, now);
 *     auto token = center.createToken({... "grantType": kDeviceCodeGrant ...}, now);
 *
 * GetRoleCredentials is decided here (roleCredentialsGrant()) and issued by SandboxAuthorizer as
 * a session of the permission set's reserved role. State lives in memory only: a restarted
 * sandbox has no clients and no tokens. Plain C++ and Qt Core, used from the server's thread;
 * nothing here logs a secret, a code or a token.
 */
class SandboxIdentityCenter
{
public:
    using Json = nlohmann::ordered_json;

    static constexpr QLatin1StringView kDeviceCodeGrant {
        "urn:ietf:params:oauth:grant-type:device_code"
    };
    static constexpr QLatin1StringView kRefreshTokenGrant { "refresh_token" };
    /// A client registration lasts 90 days (clientSecretExpiresAt).
    static constexpr qint64 kRegistrationSeconds = 90LL * 24 * 3600;
    /// A device code must be approved and redeemed within 10 minutes.
    static constexpr int kDeviceCodeSeconds = 600;
    /// Clients must wait this long between two CreateToken polls of one device code.
    static constexpr int kPollIntervalSeconds = 1;
    /// Access tokens last 8 hours, the portal's default session.
    static constexpr int kAccessTokenSeconds = 8 * 3600;
    /// GetRoleCredentials' keys last 1 hour.
    static constexpr int kRoleCredentialsSeconds = 3600;
    /// ListAccounts / ListAccountRoles pages: max_result from 1 to 100, 20 when absent.
    static constexpr int kDefaultPageSize = 20;
    static constexpr int kMaxPageSize = 100;
    /// At most this many registrations, pending device codes and tokens (each kind) are kept;
    /// past that, the first to expire is forgotten.
    static constexpr qsizetype kMaxClients = 1000;
    static constexpr qsizetype kMaxDevices = 1000;
    static constexpr qsizetype kMaxTokens = 10000;

    /// What the portal grants for GetRoleCredentials: a session of `roleArn` named `user`.
    struct RoleGrant
    {
        QString user;
        QString roleArn;
    };

    SandboxIdentityCenter(SandboxSsoDirectory directory, QString sandboxAccountId);

    [[nodiscard]] const SandboxSsoDirectory &directory() const { return m_directory; }

    // --- SSO OIDC -----------------------------------------------------------------------------
    /// {clientName, clientType: "public", scopes?} -> {clientId, clientSecret, clientIdIssuedAt,
    /// clientSecretExpiresAt} (epoch seconds).
    [[nodiscard]] aws::Result<Json> registerClient(const Json &request, const QDateTime &now);
    /// {clientId, clientSecret, startUrl} -> {deviceCode, userCode ("BCDF-GHJK"),
    /// verificationUri, verificationUriComplete (?user_code=...), expiresIn, interval}.
    [[nodiscard]] aws::Result<Json> startDeviceAuthorization(const Json &request,
                                                             const QUrl &verificationUri,
                                                             const QDateTime &now);
    /// {clientId, clientSecret, grantType, deviceCode | refreshToken, scope?} ->
    /// {accessToken, tokenType: "Bearer", expiresIn, refreshToken}.
    [[nodiscard]] aws::Result<Json> createToken(const Json &request, const QDateTime &now);
    /// The next `polls` device-code polls answer slow_down even when on time (a fault, for
    /// clients' tests). After a slow_down, a poll of that code less than 5 seconds more than the
    /// interval after the one before is answered slow_down again, so a client that does not
    /// slow down never gets its token.
    void setSlowDownPolls(int polls) { m_slowDownPolls = polls; }
    /// The verification page's form: approves the pending device with `userCode` (any case,
    /// with or without the dash) for `user`. Errors carry a sentence for the page.
    [[nodiscard]] aws::Result<void> approveDevice(const QString &userCode, const QString &user,
                                                  const QDateTime &now);
    /// "bcdfghjk", "BCDF GHJK" -> "BCDF-GHJK"; anything else comes back upper-cased.
    [[nodiscard]] static QString normalizedUserCode(const QString &text);
    /// The `error` member of an OIDC error body: "authorization_pending" for
    /// AuthorizationPendingException, "invalid_client" for InvalidClientException, ...
    [[nodiscard]] static QString oidcErrorName(const QString &code);

    // --- SSO portal (the x-amz-sso_bearer_token header's access token) -----------------------
    /// May the token's user have credentials for `roleName` (a permission set) in `accountId`?
    [[nodiscard]] aws::Result<RoleGrant> roleCredentialsGrant(const QString &accessToken,
                                                              const QString &roleName,
                                                              const QString &accountId,
                                                              const QDateTime &now) const;
    /// -> {accountList: [{accountId, accountName, emailAddress}], nextToken?}
    [[nodiscard]] aws::Result<Json> listAccounts(const QString &accessToken,
                                                 const QString &nextToken,
                                                 const QString &maxResults,
                                                 const QDateTime &now) const;
    /// -> {roleList: [{roleName, accountId}], nextToken?}
    [[nodiscard]] aws::Result<Json>
    listAccountRoles(const QString &accessToken, const QString &accountId, const QString &nextToken,
                     const QString &maxResults, const QDateTime &now) const;
    /// Ends the token's sign-in: it, every token refreshed from the same sign-in and their
    /// refresh token stop working.
    [[nodiscard]] aws::Result<void> logout(const QString &accessToken, const QDateTime &now);

    /// "Coffer sandbox" for the sandbox's own account, "Sandbox account <id>" for others.
    [[nodiscard]] QString accountName(const QString &accountId) const;

private:
    struct Client
    {
        QString secret;
        QDateTime expiresAt;
    };
    struct DeviceAuthorization
    {
        QString clientId;
        QString userCode;
        QDateTime expiresAt;
        QDateTime lastPolledAt;
        /// Grows by 5 seconds with each slow_down answer, as RFC 8628 makes the client do.
        int intervalSeconds = kPollIntervalSeconds;
        QString approvedUser; ///< empty until the page approves it
    };
    /// What a token stands for: a user's sign-in through one client.
    struct Grant
    {
        QString user;
        QString clientId;
        quint64 signIn = 0;
        QDateTime expiresAt; ///< access tokens only
    };

    [[nodiscard]] aws::Result<void> authenticateClient(const Json &request,
                                                       const QDateTime &now) const;
    [[nodiscard]] aws::Result<Grant> userOf(const QString &accessToken, const QDateTime &now) const;
    [[nodiscard]] Json issueTokens(const Grant &grant, const QDateTime &now);
    void forgetExpired(const QDateTime &now);
    [[nodiscard]] static QString randomText(QStringView alphabet, int length);

    SandboxSsoDirectory m_directory;
    QString m_sandboxAccountId;
    QHash<QString, Client> m_clients; ///< by clientId
    QHash<QString, DeviceAuthorization> m_devices; ///< by deviceCode
    QHash<QString, QString> m_deviceCodes; ///< userCode -> deviceCode
    QHash<QString, Grant> m_accessTokens;
    QHash<QString, Grant> m_refreshTokens;
    quint64 m_lastSignIn = 0;
    int m_slowDownPolls = 0;
};

} // namespace coffer::sandbox
