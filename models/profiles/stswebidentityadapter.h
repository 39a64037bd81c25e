// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/ststypes.h"
#include "models/aws/webidentitycredentialsprovider.h"
#include "models/profiles/stsassumeroleadapter.h"

namespace coffer::aws {
class AwsClient;
}

namespace coffer {

/**
 * Connects WebIdentityCredentialsProvider (and CredentialsChain) to the real STS: makes the
 * StsWebIdentityFunction they call, which sends the unsigned sts:AssumeRoleWithWebIdentity
 * through StsClient on the shared transport.
 *
 * `stsConfig` is the same function StsAssumeRoleAdapter takes (where STS is for a role; its
 * credentials are ignored), so a caller builds it once for both kinds of role. It is given an
 * AssumeRoleParams carrying the role ARN, session name, duration, region and profile.
 */
class StsWebIdentityAdapter final
{
public:
    StsWebIdentityAdapter() = delete;

    [[nodiscard]] static aws::StsWebIdentityFunction
    make(aws::AwsClient *transport, StsAssumeRoleAdapter::ConfigFunction stsConfig);
    /// The AssumeRoleWithWebIdentityRequest for `params` (all members it carries).
    [[nodiscard]] static aws::AssumeRoleWithWebIdentityRequest
    request(const aws::WebIdentityParams &params);
};

} // namespace coffer
