// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"
#include "models/aws/iamtypes.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace coffer::aws {

class AwsClient;

/**
 * Asynchronous client for AWS IAM (query protocol, version 2010-05-08) over the shared
 * AwsClient transport. Coffer uses it to ask "may this principal read this secret, and decrypt
 * with its key?" through SimulatePrincipalPolicy.
 *
 * IAM is global: with no endpoint configured the client uses https://iam.amazonaws.com and
 * signs for us-east-1, whatever the region. Same calling convention as SecretsManagerClient.
 */
class IamClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IamClient)

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    static constexpr QLatin1StringView signingName{"iam"};
    static constexpr QLatin1StringView apiVersion{"2010-05-08"};

    IamClient(AwsClient *transport, ClientConfig config, QObject *parent = nullptr);
    ~IamClient() override;

    [[nodiscard]] const ClientConfig &config() const { return m_config; }
    void setConfig(ClientConfig config);
    [[nodiscard]] static QUrl defaultEndpoint() { return QUrl(QStringLiteral("https://iam.amazonaws.com")); }

    /// Simulates the principal's policies; follows Marker until every result is in, reporting
    /// (results so far, -1) through AwsCall::progressed.
    AwsCall *simulatePrincipalPolicy(const SimulatePrincipalPolicyRequest &request,
                                     QObject *context,
                                     Callback<SimulatePrincipalPolicyResult> callback);

    [[nodiscard]] static QByteArray encodeSimulatePrincipalPolicy(
        const SimulatePrincipalPolicyRequest &request);
    [[nodiscard]] static Result<SimulatePrincipalPolicyResult>
    decodeSimulatePrincipalPolicy(const QByteArray &body);

private:
    AwsCall *simulatePage(const SimulatePrincipalPolicyRequest &request, QObject *context,
                          Callback<SimulatePrincipalPolicyResult> callback);

    QPointer<AwsClient> m_transport;
    ClientConfig m_config;
};

} // namespace coffer::aws
