// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/stswebidentityadapter.h"

#include "models/aws/awsclient.h"
#include "models/aws/stsclient.h"

#include <QCoreApplication>
#include <QPointer>

namespace coffer {

aws::AssumeRoleWithWebIdentityRequest
StsWebIdentityAdapter::request(const aws::WebIdentityParams &params)
{
    aws::AssumeRoleWithWebIdentityRequest request;
    request.roleArn = params.roleArn;
    request.roleSessionName = params.roleSessionName;
    request.webIdentityToken = params.webIdentityToken;
    request.durationSeconds = params.durationSeconds;
    return request;
}

aws::StsWebIdentityFunction
StsWebIdentityAdapter::make(aws::AwsClient *transport,
                            StsAssumeRoleAdapter::ConfigFunction stsConfig)
{
    QPointer<aws::AwsClient> guard(transport);
    return [guard, stsConfig = std::move(stsConfig)](const aws::WebIdentityParams &params,
                                                     QObject *context,
                                                     aws::CredentialsProvider::Callback callback) {
        if (!guard) {
            callback(std::unexpected(aws::AwsError::configuration(QCoreApplication::translate(
                "coffer::StsWebIdentityAdapter", "The connection was closed."))));
            return;
        }
        aws::AssumeRoleParams where;
        where.roleArn = params.roleArn;
        where.roleSessionName = params.roleSessionName;
        where.durationSeconds = params.durationSeconds;
        where.region = params.region;
        where.profile = params.profile;
        auto config = stsConfig(where);
        if (!config) {
            callback(std::unexpected(config.error()));
            return;
        }
        // Unsigned: no credentials are asked for.
        config->credentials.reset();
        // The client lives as long as its one call; the transport is its parent.
        auto *client = new aws::StsClient(guard, std::move(*config), guard);
        aws::AwsCall *call = client->assumeRoleWithWebIdentity(
            request(params), context,
            [callback
             = std::move(callback)](aws::Result<aws::AssumeRoleWithWebIdentityResult> result) {
                if (!result)
                    callback(std::unexpected(result.error()));
                else
                    callback(result->credentials);
            });
        QObject::connect(call, &aws::AwsCall::finished, client, &QObject::deleteLater);
    };
}

} // namespace coffer
