// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awsconfigfile.h"
#include "models/aws/awserror.h"

#include <QCoreApplication>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

namespace coffer::aws {

/// The region to use and where it came from.
struct ResolvedRegion
{
    QString region;   ///< "eu-west-1"
    QString source;   ///< "--region", "AWS_REGION", "AWS_DEFAULT_REGION",
                      ///< "profile work in ~/.aws/config" or "default"
};

/// Where to send a service's requests and how to sign them.
struct ResolvedEndpoint
{
    QUrl url;                 ///< "https://secretsmanager.eu-west-1.amazonaws.com"
    QString urlSource;        ///< "default", "--endpoint-url", "AWS_ENDPOINT_URL_SECRETS_MANAGER",
                              ///< "AWS_ENDPOINT_URL", "services dev in ~/.aws/config",
                              ///< "profile work in ~/.aws/config"
    QString signingRegion;    ///< region for SigV4 ("us-east-1" for IAM in the aws partition)
    QString signingName;      ///< service name for SigV4: "secretsmanager", "sts", "iam"
    QString partition;        ///< "aws", "aws-cn", "aws-us-gov", ...
    QString region;           ///< the resolved region (empty for a global endpoint without one)
    QString regionSource;     ///< as ResolvedRegion::source

    /// True when the URL was configured rather than derived from the region.
    [[nodiscard]] bool isCustom() const { return urlSource != QLatin1StringView("default"); }
    /// True for https (certificates are always verified; there is no switch to turn that off).
    [[nodiscard]] bool usesTls() const { return url.scheme() == QLatin1StringView("https"); }
};

/**
 * Resolves the region and the endpoint of Secrets Manager, STS and IAM the way the AWS SDKs do,
 * and says where each value came from so diagnostics can explain it.
 *
 * Region: explicit (setRegion) > AWS_REGION > AWS_DEFAULT_REGION > `region` of the profile >
 * the fallback given to setDefaultRegion (if any). Endpoint: explicit (setEndpointUrl) >
 * AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > `endpoint_url` in the profile's `services`
 * section > `endpoint_url` in the profile > the partition's default. AWS_IGNORE_CONFIGURED_
 * ENDPOINT_URLS (or `ignore_configured_endpoint_urls = true` in the profile) skips the
 * configured ones, but not an explicit one.
 *
 * Default endpoints follow the partitions of botocore's partitions.json: `amazonaws.com`
 * (including GovCloud), `amazonaws.com.cn` for cn-*, and the ISO partitions. IAM is global: one
 * endpoint per partition, signed for that partition's global region.
 *
 * @code
 * auto files = AwsSharedFiles::load();
 * EndpointResolver resolver(*files, AwsSharedFiles::selectProfile(flagProfile, env));
 * resolver.setRegion(flagRegion);                        // empty: not given
 * auto endpoint = resolver.resolve(EndpointResolver::Service::SecretsManager);
 * @endcode
 */
class EndpointResolver
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::EndpointResolver)

public:
    /// SsoOidc and Sso (IAM Identity Center's OIDC and portal APIs) live in the profile's
    /// sso_region: give it with setRegion().
    enum class Service { SecretsManager, Sts, Iam, SsoOidc, Sso };

    EndpointResolver(AwsSharedFiles files, AwsProfileSelection profile,
                     QProcessEnvironment env = QProcessEnvironment::systemEnvironment());

    /// An explicit region (a --region flag or a connection setting); empty means none.
    void setRegion(const QString &region, const QString &source = QStringLiteral("--region"));
    /// Used when nothing else gives a region; empty (the default) makes a missing region an error.
    void setDefaultRegion(const QString &region);
    /// An explicit endpoint for one service (a --endpoint-url flag, the local sandbox).
    void setEndpointUrl(Service service, const QUrl &url,
                        const QString &source = QStringLiteral("--endpoint-url"));

    [[nodiscard]] const AwsProfileSelection &profile() const { return m_profile; }

    [[nodiscard]] Result<ResolvedRegion> resolveRegion() const;
    [[nodiscard]] Result<ResolvedEndpoint> resolve(Service service) const;

    /// "secretsmanager", "sts", "iam", "sso-oauth", "awsssoportal": the SigV4 signing name.
    [[nodiscard]] static QString signingName(Service service);
    /// "SECRETS_MANAGER": the suffix of AWS_ENDPOINT_URL_<SERVICE>.
    [[nodiscard]] static QString environmentSuffix(Service service);
    /// "secrets_manager": the key inside a `[services name]` section.
    [[nodiscard]] static QString servicesSectionKey(Service service);
    /// "aws", "aws-cn", "aws-us-gov", "aws-iso", ... ("aws" for an unknown pattern).
    [[nodiscard]] static QString partitionOf(const QString &region);
    /// "amazonaws.com", "amazonaws.com.cn", ...
    [[nodiscard]] static QString dnsSuffixOf(const QString &region);
    /// True for a name that can be a region (lower-case DNS labels joined by '-').
    [[nodiscard]] static bool isValidRegionName(const QString &region);

private:
    [[nodiscard]] Result<std::optional<ResolvedRegion>> findRegion() const;
    [[nodiscard]] Result<std::optional<std::pair<QString, QString>>>
    configuredEndpoint(Service service) const;
    [[nodiscard]] Result<QUrl> checkedUrl(const QString &value, const QString &source) const;
    [[nodiscard]] Result<bool> ignoreConfiguredEndpoints() const;

    AwsSharedFiles m_files;
    AwsProfileSelection m_profile;
    QProcessEnvironment m_env;
    QString m_region;
    QString m_regionSource;
    QString m_defaultRegion;
    QHash<int, std::pair<QUrl, QString>> m_endpointUrls;
};

} // namespace coffer::aws
