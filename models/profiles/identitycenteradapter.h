// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awsconfigfile.h"
#include "models/aws/awserror.h"
#include "models/aws/transportsecurity.h"

#include <QProcessEnvironment>
#include <QUrl>

#include <functional>
#include <memory>

namespace coffer::aws {
class AwsClient;
class IdentityCenterClient;
} // namespace coffer::aws

namespace coffer {

/**
 * Connects IAM Identity Center profiles to the real service: makes the function that
 * CredentialsChainOptions::identityCenter calls, which builds an IdentityCenterClient on the
 * shared transport for an sso_region. The OIDC and portal endpoints are resolved like every
 * other service's (AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL, the
 * profile's `[services]` section), and checked and given the CA bundle by `security`.
 */
class IdentityCenterAdapter final
{
public:
    using Factory
        = std::function<aws::Result<std::shared_ptr<aws::IdentityCenterClient>>(const QString &ssoRegion)>;

    IdentityCenterAdapter() = delete;

    [[nodiscard]] static Factory make(aws::AwsClient *transport, aws::AwsSharedFiles files,
                                      aws::AwsProfileSelection selection, QProcessEnvironment env,
                                      aws::TransportSecurity security);

    /// For one of Coffer's own profiles, which ignore the environment and the ~/.aws files:
    /// the region's default endpoints, or `endpoint` (the profile's, named by `origin`) for
    /// both APIs when it is set.
    [[nodiscard]] static Factory makeForEndpoint(aws::AwsClient *transport, QUrl endpoint,
                                                 QString origin, aws::TransportSecurity security);
};

} // namespace coffer
