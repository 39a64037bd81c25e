// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"
#include "models/aws/ststypes.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace coffer::aws {

class AwsClient;

/**
 * Asynchronous client for AWS STS (query protocol, version 2011-06-15) over the shared
 * AwsClient transport: who am I (GetCallerIdentity) and role assumption (AssumeRole, and
 * AssumeRoleWithWebIdentity, which is sent unsigned: it needs no credentials).
 *
 * Same calling convention as SecretsManagerClient: each call returns a cancellable AwsCall and
 * reports a `Result<T>` to `callback` while `context` lives. The encode/decode functions are
 * public so the wire format can be tested without a network.
 */
class StsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StsClient)

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    static constexpr QLatin1StringView signingName{"sts"};
    static constexpr QLatin1StringView apiVersion{"2011-06-15"};

    StsClient(AwsClient *transport, ClientConfig config, QObject *parent = nullptr);
    ~StsClient() override;

    [[nodiscard]] const ClientConfig &config() const { return m_config; }
    void setConfig(ClientConfig config);
    /// The regional endpoint "https://sts.<region>.amazonaws.com" (the SDKs' default today).
    [[nodiscard]] static QUrl defaultEndpoint(const QString &region);

    AwsCall *getCallerIdentity(QObject *context, Callback<CallerIdentity> callback);
    AwsCall *assumeRole(const AssumeRoleRequest &request, QObject *context,
                        Callback<AssumeRoleResult> callback);
    /// Unsigned: the config's credentials are neither asked for nor used.
    AwsCall *assumeRoleWithWebIdentity(const AssumeRoleWithWebIdentityRequest &request,
                                       QObject *context,
                                       Callback<AssumeRoleWithWebIdentityResult> callback);

    [[nodiscard]] static QByteArray encodeGetCallerIdentity();
    [[nodiscard]] static QByteArray encodeAssumeRole(const AssumeRoleRequest &request);
    [[nodiscard]] static QByteArray
    encodeAssumeRoleWithWebIdentity(const AssumeRoleWithWebIdentityRequest &request);
    [[nodiscard]] static Result<CallerIdentity> decodeGetCallerIdentity(const QByteArray &body);
    [[nodiscard]] static Result<AssumeRoleResult> decodeAssumeRole(const QByteArray &body);
    [[nodiscard]] static Result<AssumeRoleWithWebIdentityResult>
    decodeAssumeRoleWithWebIdentity(const QByteArray &body);

private:
    template<typename T>
    AwsCall *invoke(const QString &action, QByteArray body, QObject *context, Callback<T> callback,
                    Result<T> (*decode)(const QByteArray &), bool anonymous = false);

    QPointer<AwsClient> m_transport;
    ClientConfig m_config;
};

} // namespace coffer::aws
