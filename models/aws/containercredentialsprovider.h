// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/refreshingcredentialsprovider.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPointer>
#include <QProcessEnvironment>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace coffer::aws {

class AwsClient;

/// Where a container's credentials are served and how to authenticate, from the environment
/// ECS, EKS Pod Identity, Greengrass or a local credentials server sets.
struct ContainerCredentialsEndpoint
{
    QUrl url; ///< the full URL, path and query included
    QString authorizationTokenFile; ///< AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, read each time
    QString authorizationToken; ///< AWS_CONTAINER_AUTHORIZATION_TOKEN; a credential
    QString origin; ///< the variable that named the URL, for messages

    /// From AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (http://169.254.170.2 + the path) or else
    /// AWS_CONTAINER_CREDENTIALS_FULL_URI; std::nullopt when neither is set. A full URI must be
    /// https, or http to a loopback address, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 (the
    /// AWS SDKs' rule: plain http elsewhere would send the credentials across a network).
    [[nodiscard]] static Result<std::optional<ContainerCredentialsEndpoint>>
    fromEnvironment(const QProcessEnvironment &env);
    /// Whether plain http may be used to reach `host` (see fromEnvironment()).
    [[nodiscard]] static bool isAllowedHttpHost(const QString &host);
};

/**
 * Credentials from a container credentials endpoint: an HTTP GET answered with JSON
 * `{AccessKeyId, SecretAccessKey, Token, Expiration}`, as botocore's ContainerProvider fetches
 * them. The Authorization header comes from the token file (read before every request, as
 * agents rotate it) or else the token variable; a token holding CR or LF is refused. The
 * answer is cached until shortly before it expires. Requests are short (2 seconds, 2 attempts):
 * the endpoint is local, and a chain must not hang on a missing one.
 */
class ContainerCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::ContainerCredentialsProvider)

public:
    ContainerCredentialsProvider(ContainerCredentialsEndpoint endpoint, AwsClient *transport);
    ~ContainerCredentialsProvider() override;

    [[nodiscard]] QString description() const override;

    /// Per attempt; 2 seconds by default.
    void setTimeout(std::chrono::milliseconds timeout);

    [[nodiscard]] const ContainerCredentialsEndpoint &endpoint() const { return m_endpoint; }

    /// The credentials in an endpoint's answer.
    [[nodiscard]] static Result<AwsCredentials> parseAnswer(const QByteArray &body);

private:
    void fetch() override;
    [[nodiscard]] Result<QByteArray> authorization() const;
    [[nodiscard]] QString where() const;

    ContainerCredentialsEndpoint m_endpoint;
    QPointer<AwsClient> m_transport;
    std::chrono::milliseconds m_timeout { std::chrono::seconds(2) };
};

} // namespace coffer::aws
