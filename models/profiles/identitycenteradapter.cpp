// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/identitycenteradapter.h"

#include "models/aws/awsclient.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/identitycenterclient.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

constexpr aws::EndpointResolver::Service kServices[2] = { aws::EndpointResolver::Service::SsoOidc,
                                                          aws::EndpointResolver::Service::Sso };

aws::Result<std::shared_ptr<aws::IdentityCenterClient>>
clientFor(aws::AwsClient *transport, aws::EndpointResolver &resolver,
          const aws::TransportSecurity &security)
{
    aws::ClientConfig configs[2];
    for (int i = 0; i < 2; ++i) {
        auto endpoint = resolver.resolve(kServices[i]);
        if (!endpoint)
            return std::unexpected(endpoint.error());
        configs[i].region = endpoint->region;
        configs[i].endpoint = endpoint->url;
        configs[i].signingRegion = endpoint->signingRegion;
        if (auto checked = security.secure(configs[i]); !checked)
            return std::unexpected(checked.error());
    }
    return std::make_shared<aws::IdentityCenterClient>(transport, configs[0], configs[1]);
}

} // namespace

IdentityCenterAdapter::Factory IdentityCenterAdapter::makeForEndpoint(aws::AwsClient *transport,
                                                                      QUrl endpoint, QString origin,
                                                                      aws::TransportSecurity security)
{
    return [transport = QPointer<aws::AwsClient>(transport), endpoint = std::move(endpoint),
            origin = std::move(origin),
            security = std::move(security)](const QString &ssoRegion)
               -> aws::Result<std::shared_ptr<aws::IdentityCenterClient>> {
        if (!transport)
            return std::unexpected(aws::AwsError::cancelled());
        aws::AwsProfileSelection selection;
        selection.name = u"default"_s;
        selection.source = u"default"_s;
        aws::EndpointResolver resolver(aws::AwsSharedFiles(), selection, QProcessEnvironment());
        resolver.setRegion(ssoRegion, u"sso_region"_s);
        if (!endpoint.isEmpty()) {
            for (const auto service : kServices)
                resolver.setEndpointUrl(service, endpoint, origin);
        }
        return clientFor(transport.data(), resolver, security);
    };
}

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
        return clientFor(transport.data(), resolver, security);
    };
}

} // namespace coffer
