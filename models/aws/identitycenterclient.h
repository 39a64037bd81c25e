// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"
#include "models/aws/ssotypes.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace coffer::aws {

class AwsClient;

/**
 * Asynchronous client for IAM Identity Center's two public APIs, REST-JSON and unsigned over
 * the shared AwsClient transport:
 *
 * - SSO OIDC (`oidc.<sso_region>.amazonaws.com`, signing name `sso-oauth`): RegisterClient,
 *   StartDeviceAuthorization, CreateToken with the device-code and the refresh-token grants;
 * - the portal (`portal.sso.<sso_region>.amazonaws.com`, `awsssoportal`), which authenticates
 *   with the access token in `x-amz-sso_bearer_token`: GetRoleCredentials, ListAccounts,
 *   ListAccountRoles, Logout.
 *
 * Same calling convention as StsClient; encode/decode are public so the wire can be tested
 * without a network. Tokens, client secrets and role keys are never logged. Errors keep the
 * service's code (AuthorizationPendingException, SlowDownException, ExpiredTokenException,
 * InvalidGrantException, InvalidClientException, UnauthorizedException).
 */
class IdentityCenterClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentityCenterClient)

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    static constexpr QLatin1StringView oidcSigningName{"sso-oauth"};
    static constexpr QLatin1StringView portalSigningName{"awsssoportal"};
    /// OAuth grant types, as CreateToken names them.
    static constexpr QLatin1StringView deviceCodeGrant{"urn:ietf:params:oauth:grant-type:device_code"};
    static constexpr QLatin1StringView refreshTokenGrant{"refresh_token"};
    /// The scope the AWS CLI registers with when a session names none.
    static constexpr QLatin1StringView defaultScope{"sso:account:access"};

    /// `oidc` and `portal` say where each API is (endpoint and region; credentials unused).
    IdentityCenterClient(AwsClient *transport, ClientConfig oidc, ClientConfig portal,
                         QObject *parent = nullptr);
    ~IdentityCenterClient() override;

    [[nodiscard]] const ClientConfig &oidcConfig() const { return m_oidc; }
    [[nodiscard]] const ClientConfig &portalConfig() const { return m_portal; }

    AwsCall *registerClient(const QString &clientName, const QStringList &scopes, QObject *context,
                            Callback<SsoClientRegistration> callback);
    AwsCall *startDeviceAuthorization(const SsoClientRegistration &client, const QString &startUrl,
                                      QObject *context, Callback<SsoDeviceAuthorization> callback);
    /// One poll of the device-code grant: AuthorizationPendingException until the user approved.
    AwsCall *createTokenWithDeviceCode(const SsoClientRegistration &client, const QString &deviceCode,
                                       QObject *context, Callback<SsoTokenGrant> callback);
    AwsCall *refreshToken(const SsoClientRegistration &client, const QString &refreshToken,
                          QObject *context, Callback<SsoTokenGrant> callback);

    AwsCall *getRoleCredentials(const QString &accessToken, const QString &accountId,
                                const QString &roleName, QObject *context,
                                Callback<AwsCredentials> callback);
    AwsCall *listAccounts(const QString &accessToken, const QString &nextToken, QObject *context,
                          Callback<SsoPage<SsoAccount>> callback);
    AwsCall *listAccountRoles(const QString &accessToken, const QString &accountId,
                              const QString &nextToken, QObject *context,
                              Callback<SsoPage<SsoAccountRole>> callback);
    AwsCall *logout(const QString &accessToken, QObject *context, Callback<void> callback);

    [[nodiscard]] static Result<SsoClientRegistration> decodeRegisterClient(const QByteArray &body);
    [[nodiscard]] static Result<SsoDeviceAuthorization> decodeStartDeviceAuthorization(const QByteArray &body);
    [[nodiscard]] static Result<SsoTokenGrant> decodeCreateToken(const QByteArray &body);
    [[nodiscard]] static Result<AwsCredentials> decodeGetRoleCredentials(const QByteArray &body);
    [[nodiscard]] static Result<SsoPage<SsoAccount>> decodeListAccounts(const QByteArray &body);
    [[nodiscard]] static Result<SsoPage<SsoAccountRole>> decodeListAccountRoles(const QByteArray &body);

private:
    struct Request;
    template<typename T>
    AwsCall *invoke(Request request, QObject *context, Callback<T> callback,
                    Result<T> (*decode)(const QByteArray &));

    QPointer<AwsClient> m_transport;
    ClientConfig m_oidc;
    ClientConfig m_portal;
};

} // namespace coffer::aws
