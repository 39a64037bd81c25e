// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/stsassumeroleadapter.h"

#include "models/aws/awsclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/aws/stsclient.h"

#include <QCoreApplication>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace coffer {

aws::AssumeRoleRequest StsAssumeRoleAdapter::request(const aws::AssumeRoleParams &params)
{
    aws::AssumeRoleRequest request;
    request.roleArn = params.roleArn;
    request.roleSessionName = params.roleSessionName;
    request.externalId = params.externalId;
    request.serialNumber = params.mfaSerial;
    request.tokenCode = params.mfaTokenCode;
    request.durationSeconds = params.durationSeconds;
    return request;
}

aws::StsAssumeRoleFunction StsAssumeRoleAdapter::make(aws::AwsClient *transport,
                                                      ConfigFunction stsConfig)
{
    QPointer<aws::AwsClient> guard(transport);
    return [guard, stsConfig = std::move(stsConfig)](const aws::AssumeRoleParams &params,
                                                     QObject *context,
                                                     aws::CredentialsProvider::Callback callback) {
        if (!guard) {
            callback(std::unexpected(aws::AwsError::configuration(QCoreApplication::translate(
                "coffer::StsAssumeRoleAdapter", "The connection was closed."))));
            return;
        }
        auto config = stsConfig(params);
        if (!config) {
            callback(std::unexpected(config.error()));
            return;
        }
        config->credentials
            = std::make_shared<aws::StaticCredentialsProvider>(params.sourceCredentials);
        // The client lives as long as its one call; the transport is its parent, so it cannot
        // outlive the network layer either.
        auto *client = new aws::StsClient(guard, std::move(*config), guard);
        aws::AwsCall *call = client->assumeRole(
            request(params), context,
            [callback = std::move(callback)](aws::Result<aws::AssumeRoleResult> result) {
                if (!result)
                    callback(std::unexpected(result.error()));
                else
                    callback(result->credentials);
            });
        QObject::connect(call, &aws::AwsCall::finished, client, &QObject::deleteLater);
    };
}

} // namespace coffer
