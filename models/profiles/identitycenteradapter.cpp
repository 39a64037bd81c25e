// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/identitycenteradapter.h"

#include "models/aws/awsclient.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/identitycenterclient.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace coffer {

IdentityCenterAdapter::Factory IdentityCenterAdapter::make(aws::AwsClient *transport, aws::AwsSharedFiles files,
                                                           aws::AwsProfileSelection selection,
                                                           QProcessEnvironment env,
                                                           aws::TransportSecurity security)
{
    return [transport = QPointer<aws::AwsClient>(transport), files = std::move(files),
            selection = std::move(selection), env = std::move(env),
            security = std::move(security)](const QString &ssoRegion)
               -> aws::Result<std::shared_ptr<aws::IdentityCenterClient>> {
        if (!transport) {
            return std::unexpected(aws::AwsError::cancelled());
        }
        aws::EndpointResolver resolver(files, selection, env);
        resolver.setRegion(ssoRegion, u"sso_region"_s);
        aws::ClientConfig configs[2];
        const aws::EndpointResolver::Service services[2] = {aws::EndpointResolver::Service::SsoOidc,
                                                            aws::EndpointResolver::Service::Sso};
        for (int i = 0; i < 2; ++i) {
            auto endpoint = resolver.resolve(services[i]);
            if (!endpoint)
                return std::unexpected(endpoint.error());
            configs[i].region = endpoint->region;
            configs[i].endpoint = endpoint->url;
            configs[i].signingRegion = endpoint->signingRegion;
            if (auto checked = security.secure(configs[i]); !checked)
                return std::unexpected(checked.error());
        }
        return std::make_shared<aws::IdentityCenterClient>(transport.data(), configs[0], configs[1]);
    };
}

} // namespace coffer
