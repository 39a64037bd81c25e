// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/clientconfig.h"
#include "models/aws/ststypes.h"

#include <functional>

namespace coffer::aws {
class AwsClient;
}

namespace coffer {

/**
 * Connects AssumeRoleCredentialsProvider (and CredentialsChain) to the real STS: makes the
 * StsAssumeRoleFunction they call, which sends sts:AssumeRole through StsClient on the shared
 * transport, signed with the source credentials of the call.
 *
 * `stsConfig` says where STS is for a call (endpoint, region, signing region; its credentials
 * are ignored); it may fail, for example when no region is known.
 */
class StsAssumeRoleAdapter final
{
public:
    using ConfigFunction
        = std::function<aws::Result<aws::ClientConfig>(const aws::AssumeRoleParams &)>;

    StsAssumeRoleAdapter() = delete;

    [[nodiscard]] static aws::StsAssumeRoleFunction make(aws::AwsClient *transport,
                                                         ConfigFunction stsConfig);
    /// The AssumeRoleRequest for `params` (all members it carries).
    [[nodiscard]] static aws::AssumeRoleRequest request(const aws::AssumeRoleParams &params);
};

} // namespace coffer
