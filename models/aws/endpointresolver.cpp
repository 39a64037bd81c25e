// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/endpointresolver.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

struct Partition
{
    QStringView id;
    QStringView regionPrefix;   // empty for the catch-all "aws" partition
    QStringView dnsSuffix;
    QStringView globalRegion;   // where global services (IAM) live and are signed
    QStringView iamHost;
};

// From botocore's partitions.json / endpoints.json. Longer prefixes first: "us-isob-" must be
// tried before "us-iso-".
constexpr Partition Partitions[] = {
    {u"aws-cn", u"cn-", u"amazonaws.com.cn", u"cn-north-1", u"iam.cn-north-1.amazonaws.com.cn"},
    {u"aws-us-gov", u"us-gov-", u"amazonaws.com", u"us-gov-west-1", u"iam.us-gov.amazonaws.com"},
    {u"aws-iso-b", u"us-isob-", u"sc2s.sgov.gov", u"us-isob-east-1",
     u"iam.us-isob-east-1.sc2s.sgov.gov"},
    {u"aws-iso-f", u"us-isof-", u"csp.hci.ic.gov", u"us-isof-south-1",
     u"iam.us-isof-south-1.csp.hci.ic.gov"},
    {u"aws-iso", u"us-iso-", u"c2s.ic.gov", u"us-iso-east-1", u"iam.us-iso-east-1.c2s.ic.gov"},
    {u"aws-iso-e", u"eu-isoe-", u"cloud.adc-e.uk", u"eu-isoe-west-1",
     u"iam.eu-isoe-west-1.cloud.adc-e.uk"},
    {u"aws-eusc", u"eusc-", u"amazonaws.eu", u"eusc-de-east-1", u"iam.eusc-de-east-1.amazonaws.eu"},
    {u"aws", u"", u"amazonaws.com", u"us-east-1", u"iam.amazonaws.com"},
};

const Partition &partitionFor(const QString &region)
{
    for (const Partition &p : Partitions) {
        if (p.regionPrefix.isEmpty() || region.startsWith(p.regionPrefix))
            return p;
    }
    return Partitions[std::size(Partitions) - 1];
}

bool isTrue(const QString &value)
{
    return value.trimmed().compare(u"true"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

EndpointResolver::EndpointResolver(AwsSharedFiles files, AwsProfileSelection profile,
                                   QProcessEnvironment env)
    : m_files(std::move(files))
    , m_profile(std::move(profile))
    , m_env(std::move(env))
{
}

void EndpointResolver::setRegion(const QString &region, const QString &source)
{
    m_region = region.trimmed();
    m_regionSource = source;
}

void EndpointResolver::setDefaultRegion(const QString &region)
{
    m_defaultRegion = region.trimmed();
}

void EndpointResolver::setEndpointUrl(Service service, const QUrl &url, const QString &source)
{
    if (url.isEmpty())
        m_endpointUrls.remove(int(service));
    else
        m_endpointUrls.insert(int(service), {url, source});
}

QString EndpointResolver::signingName(Service service)
{
    switch (service) {
    case Service::SecretsManager:
        return u"secretsmanager"_s;
    case Service::Sts:
        return u"sts"_s;
    case Service::Iam:
        return u"iam"_s;
    case Service::SsoOidc:
        return u"sso-oauth"_s;
    case Service::Sso:
        return u"awsssoportal"_s;
    }
    return {};
}

QString EndpointResolver::environmentSuffix(Service service)
{
    return servicesSectionKey(service).toUpper();
}

QString EndpointResolver::servicesSectionKey(Service service)
{
    // The snake-cased service id of the SDKs' "service-specific endpoints" table.
    switch (service) {
    case Service::SecretsManager:
        return u"secrets_manager"_s;
    case Service::Sts:
        return u"sts"_s;
    case Service::Iam:
        return u"iam"_s;
    case Service::SsoOidc:
        return u"sso_oidc"_s;
    case Service::Sso:
        return u"sso"_s;
    }
    return {};
}

QString EndpointResolver::partitionOf(const QString &region)
{
    return partitionFor(region).id.toString();
}

QString EndpointResolver::dnsSuffixOf(const QString &region)
{
    return partitionFor(region).dnsSuffix.toString();
}

bool EndpointResolver::isValidRegionName(const QString &region)
{
    // The region becomes part of a host name: only DNS-label characters may pass.
    static const QRegularExpression pattern(u"^[a-z0-9]+(-[a-z0-9]+)*$"_s);
    return region.size() <= 63 && pattern.match(region).hasMatch();
}

Result<std::optional<ResolvedRegion>> EndpointResolver::findRegion() const
{
    if (m_profile.isRequired() && !m_files.hasProfile(m_profile.name))
        return std::unexpected(m_files.profileNotFound(m_profile.name));

    std::optional<ResolvedRegion> found;
    QString location;   // "~/.aws/config line 3" when the region came from a file
    if (!m_region.isEmpty()) {
        found = ResolvedRegion{m_region, m_regionSource};
    } else {
        for (const QString &var : {u"AWS_REGION"_s, u"AWS_DEFAULT_REGION"_s}) {
            const QString value = m_env.value(var).trimmed();
            if (!value.isEmpty()) {
                found = ResolvedRegion{value, var};
                break;
            }
        }
    }
    if (!found) {
        if (const auto setting = m_files.setting(m_profile.name, u"region"_s)) {
            found = ResolvedRegion{setting->value, setting->origin};
            location = setting->location;
        }
    }
    if (!found && !m_defaultRegion.isEmpty())
        found = ResolvedRegion{m_defaultRegion, u"default"_s};

    if (found && !isValidRegionName(found->region)) {
        return std::unexpected(AwsError::configuration(
            tr("%1: '%2' is not a valid region name")
                .arg(location.isEmpty() ? found->source : location, found->region)));
    }
    return found;
}

Result<ResolvedRegion> EndpointResolver::resolveRegion() const
{
    auto found = findRegion();
    if (!found)
        return std::unexpected(found.error());
    if (!*found) {
        return std::unexpected(AwsError::configuration(
            tr("no AWS region is set: choose one in the connection settings, set AWS_REGION, "
               "or add 'region = ...' to profile '%1' in %2")
                .arg(m_profile.name, m_files.config.displayPath())));
    }
    return **found;
}

Result<QUrl> EndpointResolver::checkedUrl(const QString &value, const QString &source) const
{
    const QUrl url(value.trimmed(), QUrl::StrictMode);
    // The value is echoed only when it cannot carry a password.
    const QString shown = value.contains(u'@') ? QString() : u" '"_s + value.trimmed() + u'\'';
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != u"https"_s && scheme != u"http"_s) || url.host().isEmpty())
        return std::unexpected(AwsError::configuration(
            tr("%1:%2 is not an http:// or https:// URL").arg(source, shown)));
    if (!url.userInfo().isEmpty())
        return std::unexpected(AwsError::configuration(
            tr("%1: an endpoint URL must not contain a user name or password").arg(source)));
    if (url.hasQuery() || url.hasFragment())
        return std::unexpected(AwsError::configuration(
            tr("%1:%2 must not have a query or fragment").arg(source, shown)));
    return url;
}

Result<bool> EndpointResolver::ignoreConfiguredEndpoints() const
{
    const QString fromEnv = m_env.value(u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s);
    if (!fromEnv.isEmpty())
        return isTrue(fromEnv);
    if (const auto setting = m_files.setting(m_profile.name, u"ignore_configured_endpoint_urls"_s))
        return isTrue(setting->value);
    return false;
}

Result<std::optional<std::pair<QString, QString>>>
EndpointResolver::configuredEndpoint(Service service) const
{
    using Found = std::optional<std::pair<QString, QString>>;
    const auto ignore = ignoreConfiguredEndpoints();
    if (!ignore)
        return std::unexpected(ignore.error());
    if (*ignore)
        return Found{};

    // Service-specific environment > global environment > services section > profile.
    const QString serviceVar = u"AWS_ENDPOINT_URL_"_s + environmentSuffix(service);
    for (const QString &var : {serviceVar, u"AWS_ENDPOINT_URL"_s}) {
        const QString value = m_env.value(var).trimmed();
        if (!value.isEmpty())
            return Found{{value, var}};
    }

    if (const auto servicesName = m_files.setting(m_profile.name, u"services"_s)) {
        const AwsConfigSection *section = m_files.config.section(
            AwsConfigSection::Type::Services, servicesName->value);
        if (!section) {
            return std::unexpected(AwsError::configuration(
                tr("%1: profile '%2' uses services section '%3', but %4 has no "
                   "[services %3]")
                    .arg(servicesName->location, m_profile.name, servicesName->value,
                         m_files.config.displayPath())));
        }
        QStringList keys{servicesSectionKey(service)};
        if (service == Service::SecretsManager)
            keys.append(u"secretsmanager"_s);   // the client name, a common spelling
        for (const QString &key : std::as_const(keys)) {
            const AwsConfigProperty *property = section->property(key);
            if (!property)
                continue;
            if (!property->value.isEmpty()) {
                return std::unexpected(AwsError::configuration(
                    tr("%1: '%2' in [services %3] must be followed by indented lines such "
                       "as 'endpoint_url = https://...'")
                        .arg(m_files.config.location(property->line), key, section->name)));
            }
            const QString url = property->subProperties.value(u"endpoint_url"_s).trimmed();
            if (!url.isEmpty()) {
                return Found{{url, tr("services %1 in %2")
                                       .arg(section->name, m_files.config.displayPath())}};
            }
        }
    }

    if (const auto setting = m_files.setting(m_profile.name, u"endpoint_url"_s))
        return Found{{setting->value, setting->origin}};
    return Found{};
}

Result<ResolvedEndpoint> EndpointResolver::resolve(Service service) const
{
    if (m_profile.isRequired() && !m_files.hasProfile(m_profile.name))
        return std::unexpected(m_files.profileNotFound(m_profile.name));

    ResolvedEndpoint endpoint;
    endpoint.signingName = signingName(service);

    // An explicit endpoint wins; otherwise the configured one, checked before the region so a
    // broken setting is reported even when the region is missing too.
    std::optional<std::pair<QString, QString>> custom;
    if (const auto it = m_endpointUrls.constFind(int(service)); it != m_endpointUrls.cend()) {
        custom = {it->first.toString(), it->second};
    } else {
        auto configured = configuredEndpoint(service);
        if (!configured)
            return std::unexpected(configured.error());
        custom = *configured;
    }
    if (custom) {
        auto url = checkedUrl(custom->first, custom->second);
        if (!url)
            return std::unexpected(url.error());
        endpoint.url = *url;
        endpoint.urlSource = custom->second;
    }

    // Only the global services (IAM, and STS's global endpoint) work without a region.
    if (service == Service::SecretsManager || service == Service::SsoOidc || service == Service::Sso) {
        const auto region = resolveRegion();
        if (!region)
            return std::unexpected(region.error());
        endpoint.region = region->region;
        endpoint.regionSource = region->source;
    } else {
        const auto region = findRegion();
        if (!region)
            return std::unexpected(region.error());
        if (*region) {
            endpoint.region = (*region)->region;
            endpoint.regionSource = (*region)->source;
        }
    }

    const Partition &partition = partitionFor(endpoint.region);
    endpoint.partition = partition.id.toString();

    switch (service) {
    case Service::SecretsManager:
        endpoint.signingRegion = endpoint.region;
        if (endpoint.urlSource.isEmpty()) {
            endpoint.url = QUrl(u"https://secretsmanager."_s + endpoint.region + u'.'
                                + partition.dnsSuffix);
        }
        break;
    case Service::Sts:
        if (endpoint.region.isEmpty()) {
            // No region at all: the SDKs fall back to STS's global endpoint.
            endpoint.signingRegion = partition.globalRegion.toString();
            if (endpoint.urlSource.isEmpty())
                endpoint.url = QUrl(u"https://sts."_s + partition.dnsSuffix);
        } else {
            endpoint.signingRegion = endpoint.region;
            if (endpoint.urlSource.isEmpty()) {
                endpoint.url =
                    QUrl(u"https://sts."_s + endpoint.region + u'.' + partition.dnsSuffix);
            }
        }
        break;
    case Service::Iam:
        endpoint.signingRegion = partition.globalRegion.toString();
        if (endpoint.urlSource.isEmpty())
            endpoint.url = QUrl(u"https://"_s + partition.iamHost);
        break;
    case Service::SsoOidc:
    case Service::Sso:
        endpoint.signingRegion = endpoint.region;
        if (endpoint.urlSource.isEmpty()) {
            endpoint.url = QUrl((service == Service::SsoOidc ? u"https://oidc."_s : u"https://portal.sso."_s)
                                + endpoint.region + u'.' + partition.dnsSuffix);
        }
        break;
    }
    if (endpoint.urlSource.isEmpty())
        endpoint.urlSource = u"default"_s;
    return endpoint;
}

} // namespace coffer::aws
