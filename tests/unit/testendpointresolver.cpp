// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/endpointresolver.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using coffer::aws::AwsSharedFiles;
using coffer::aws::EndpointResolver;
using coffer::aws::ErrorKind;
using Service = coffer::aws::EndpointResolver::Service;

Q_DECLARE_METATYPE(coffer::aws::EndpointResolver::Service)

class TestEndpointResolver : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void testRegionPrecedence_data();
    void testRegionPrecedence();
    void testRegionFromCredentialsFile();
    void testDefaultRegionFallback();
    void testMissingRegion();
    void testInvalidRegion_data();
    void testInvalidRegion();
    void testDefaultEndpoints_data();
    void testDefaultEndpoints();
    void testEndpointPrecedence_data();
    void testEndpointPrecedence();
    void testServicesSectionIsPerService();
    void testIgnoreConfiguredEndpoints();
    void testMissingServicesSection();
    void testInvalidEndpointUrl_data();
    void testInvalidEndpointUrl();
    void testGlobalServicesWithoutRegion();
    void testIdentityCenterEndpoints();
    void testProfileNotFound();
    void testImplicitDefaultProfileMayBeMissing();

private:
    /// Writes `config` as the config file (AWS_CONFIG_FILE) and builds a resolver for
    /// `profile` (empty: AWS_PROFILE or default) with the current environment.
    EndpointResolver resolver(const QByteArray &config, const QString &profile = {},
                              const QByteArray &credentials = {});
    QString configPath() const { return m_dir->filePath(u"config"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

const char *const AwsVariables[] = {
    "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_SSO",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
};

void setEnv(const char *name, const QString &value)
{
    if (value.isEmpty())
        qunsetenv(name);
    else
        qputenv(name, value.toUtf8());
}

} // namespace

void TestEndpointResolver::init()
{
    for (const char *var : AwsVariables)
        qunsetenv(var);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestEndpointResolver::cleanup()
{
    for (const char *var : AwsVariables)
        qunsetenv(var);
    m_dir.reset();
}

EndpointResolver TestEndpointResolver::resolver(const QByteArray &config, const QString &profile,
                                                const QByteArray &credentials)
{
    QFile configFile(configPath());
    if (configFile.open(QIODevice::WriteOnly))
        configFile.write(config);
    configFile.close();
    QFile credentialsFile(m_dir->filePath(u"credentials"_s));
    if (credentialsFile.open(QIODevice::WriteOnly))
        credentialsFile.write(credentials);
    credentialsFile.close();
    qputenv("AWS_CONFIG_FILE", configPath().toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.fileName().toUtf8());

    const auto env = QProcessEnvironment::systemEnvironment();
    auto files = AwsSharedFiles::load(env);
    if (!files)
        qFatal("test config does not parse");
    return EndpointResolver(*files, AwsSharedFiles::selectProfile(profile, env), env);
}

void TestEndpointResolver::testRegionPrecedence_data()
{
    QTest::addColumn<QString>("explicitRegion");
    QTest::addColumn<QString>("awsRegion");
    QTest::addColumn<QString>("awsDefaultRegion");
    QTest::addColumn<QString>("awsProfile");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("source");

    QTest::newRow("explicit beats all")
        << "ap-south-1" << "us-east-2" << "us-west-1" << "work" << "ap-south-1" << "--region";
    QTest::newRow("AWS_REGION beats AWS_DEFAULT_REGION")
        << "" << "us-east-2" << "us-west-1" << "work" << "us-east-2" << "AWS_REGION";
    QTest::newRow("AWS_DEFAULT_REGION beats the profile")
        << "" << "" << "us-west-1" << "work" << "us-west-1" << "AWS_DEFAULT_REGION";
    QTest::newRow("profile from AWS_PROFILE")
        << "" << "" << "" << "work" << "eu-central-1" << "profile work in %config";
    QTest::newRow("default profile")
        << "" << "" << "" << "" << "eu-west-1" << "profile default in %config";
}

void TestEndpointResolver::testRegionPrecedence()
{
    QFETCH(QString, explicitRegion);
    QFETCH(QString, awsRegion);
    QFETCH(QString, awsDefaultRegion);
    QFETCH(QString, awsProfile);
    QFETCH(QString, region);
    QFETCH(QString, source);

    setEnv("AWS_REGION", awsRegion);
    setEnv("AWS_DEFAULT_REGION", awsDefaultRegion);
    setEnv("AWS_PROFILE", awsProfile);
    EndpointResolver r = resolver("[default]\nregion = eu-west-1\n"
                                  "[profile work]\nregion = eu-central-1\n");
    r.setRegion(explicitRegion);

    const auto resolved = r.resolveRegion();
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().message));
    QCOMPARE(resolved->region, region);
    QCOMPARE(resolved->source, QString(source).replace(u"%config"_s, configPath()));

    const auto endpoint = r.resolve(Service::SecretsManager);
    QVERIFY(endpoint);
    QCOMPARE(endpoint->region, region);
    QCOMPARE(endpoint->regionSource, resolved->source);
    QCOMPARE(endpoint->url, QUrl(u"https://secretsmanager."_s + region + u".amazonaws.com"_s));
}

void TestEndpointResolver::testRegionFromCredentialsFile()
{
    // The AWS CLI reads a region from the credentials file too (it merges both files).
    EndpointResolver r = resolver("", u"work"_s, "[work]\nregion = sa-east-1\n");
    const auto region = r.resolveRegion();
    QVERIFY(region);
    QCOMPARE(region->region, u"sa-east-1"_s);
    QCOMPARE(region->source, u"profile work in "_s + m_dir->filePath(u"credentials"_s));
}

void TestEndpointResolver::testDefaultRegionFallback()
{
    EndpointResolver r = resolver("[default]\noutput = json\n");
    r.setDefaultRegion(u"us-east-1"_s);
    const auto region = r.resolveRegion();
    QVERIFY(region);
    QCOMPARE(region->region, u"us-east-1"_s);
    QCOMPARE(region->source, u"default"_s);
}

void TestEndpointResolver::testMissingRegion()
{
    EndpointResolver r = resolver("[profile work]\noutput = json\n", u"work"_s);
    const auto region = r.resolveRegion();
    QVERIFY(!region);
    QCOMPARE(region.error().kind, ErrorKind::Configuration);
    QCOMPARE(region.error().message,
             u"no AWS region is set: choose one in the connection settings, set AWS_REGION, or "
             "add 'region = ...' to profile 'work' in "_s
                 + configPath());
    const auto endpoint = r.resolve(Service::SecretsManager);
    QVERIFY(!endpoint);
    QCOMPARE(endpoint.error().message, region.error().message);
}

void TestEndpointResolver::testInvalidRegion_data()
{
    QTest::addColumn<QString>("awsRegion");
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QString>("message");

    QTest::newRow("AWS_REGION with spaces")
        << "eu west 1" << ""_ba << "AWS_REGION: 'eu west 1' is not a valid region name";
    QTest::newRow("profile region that is a URL")
        << "" << "[default]\nregion = evil.example/x\n"_ba
        << "%config line 2: 'evil.example/x' is not a valid region name";
    QTest::newRow("upper case") << "EU-WEST-1" << ""_ba
                                << "AWS_REGION: 'EU-WEST-1' is not a valid region name";
}

void TestEndpointResolver::testInvalidRegion()
{
    QFETCH(QString, awsRegion);
    QFETCH(QByteArray, config);
    QFETCH(QString, message);
    setEnv("AWS_REGION", awsRegion);
    EndpointResolver r = resolver(config);
    for (Service service : {Service::SecretsManager, Service::Sts, Service::Iam}) {
        const auto endpoint = r.resolve(service);
        QVERIFY(!endpoint);
        QCOMPARE(endpoint.error().kind, ErrorKind::Configuration);
        QCOMPARE(endpoint.error().message, QString(message).replace(u"%config"_s, configPath()));
    }
}

void TestEndpointResolver::testDefaultEndpoints_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<Service>("service");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("signingRegion");
    QTest::addColumn<QString>("partition");

    // Checked against botocore 1.43's endpoint rule sets.
    QTest::newRow("sm eu-west-1") << "eu-west-1" << Service::SecretsManager
                                  << "https://secretsmanager.eu-west-1.amazonaws.com" << "eu-west-1" << "aws";
    QTest::newRow("sts eu-west-1") << "eu-west-1" << Service::Sts
                                   << "https://sts.eu-west-1.amazonaws.com" << "eu-west-1" << "aws";
    QTest::newRow("iam eu-west-1") << "eu-west-1" << Service::Iam << "https://iam.amazonaws.com"
                                   << "us-east-1" << "aws";
    QTest::newRow("sm il-central-1") << "il-central-1" << Service::SecretsManager
                                     << "https://secretsmanager.il-central-1.amazonaws.com"
                                     << "il-central-1" << "aws";
    QTest::newRow("sm cn-north-1") << "cn-north-1" << Service::SecretsManager
                                   << "https://secretsmanager.cn-north-1.amazonaws.com.cn"
                                   << "cn-north-1" << "aws-cn";
    QTest::newRow("sts cn-northwest-1") << "cn-northwest-1" << Service::Sts
                                        << "https://sts.cn-northwest-1.amazonaws.com.cn"
                                        << "cn-northwest-1" << "aws-cn";
    QTest::newRow("iam cn-northwest-1") << "cn-northwest-1" << Service::Iam
                                        << "https://iam.cn-north-1.amazonaws.com.cn"
                                        << "cn-north-1" << "aws-cn";
    QTest::newRow("sm us-gov-west-1") << "us-gov-west-1" << Service::SecretsManager
                                      << "https://secretsmanager.us-gov-west-1.amazonaws.com"
                                      << "us-gov-west-1" << "aws-us-gov";
    QTest::newRow("iam us-gov-east-1") << "us-gov-east-1" << Service::Iam
                                       << "https://iam.us-gov.amazonaws.com" << "us-gov-west-1"
                                       << "aws-us-gov";
    QTest::newRow("sm us-iso-east-1") << "us-iso-east-1" << Service::SecretsManager
                                      << "https://secretsmanager.us-iso-east-1.c2s.ic.gov"
                                      << "us-iso-east-1" << "aws-iso";
    QTest::newRow("sts us-isob-east-1") << "us-isob-east-1" << Service::Sts
                                        << "https://sts.us-isob-east-1.sc2s.sgov.gov"
                                        << "us-isob-east-1" << "aws-iso-b";
    QTest::newRow("iam us-isof-south-1") << "us-isof-south-1" << Service::Iam
                                         << "https://iam.us-isof-south-1.csp.hci.ic.gov"
                                         << "us-isof-south-1" << "aws-iso-f";
}

void TestEndpointResolver::testDefaultEndpoints()
{
    QFETCH(QString, region);
    QFETCH(Service, service);
    QFETCH(QString, url);
    QFETCH(QString, signingRegion);
    QFETCH(QString, partition);

    EndpointResolver r = resolver("");
    r.setRegion(region);
    const auto endpoint = r.resolve(service);
    QVERIFY2(endpoint, qPrintable(endpoint ? QString() : endpoint.error().message));
    QCOMPARE(endpoint->url, QUrl(url));
    QCOMPARE(endpoint->url.scheme(), u"https"_s);
    QVERIFY(endpoint->usesTls());
    QCOMPARE(endpoint->urlSource, u"default"_s);
    QVERIFY(!endpoint->isCustom());
    QCOMPARE(endpoint->signingRegion, signingRegion);
    QCOMPARE(endpoint->partition, partition);
    QCOMPARE(endpoint->signingName, EndpointResolver::signingName(service));
}

void TestEndpointResolver::testEndpointPrecedence_data()
{
    QTest::addColumn<QString>("explicitUrl");
    QTest::addColumn<QString>("serviceEnv");
    QTest::addColumn<QString>("globalEnv");
    QTest::addColumn<bool>("servicesSection");
    QTest::addColumn<bool>("profileEndpoint");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("source");

    const QString e = u"http://explicit.example:1"_s;
    const QString s = u"http://service-env.example:2"_s;
    const QString g = u"https://global-env.example:3/prefix"_s;
    QTest::newRow("explicit") << e << s << g << true << true << e << "--endpoint-url";
    QTest::newRow("service env") << "" << s << g << true << true << s
                                 << "AWS_ENDPOINT_URL_SECRETS_MANAGER";
    QTest::newRow("global env") << "" << "" << g << true << true << g << "AWS_ENDPOINT_URL";
    QTest::newRow("services section") << "" << "" << "" << true << true
                                      << "http://services.example:4" << "services local in %config";
    QTest::newRow("profile endpoint_url") << "" << "" << "" << false << true
                                          << "http://profile.example:5" << "profile p in %config";
    QTest::newRow("default") << "" << "" << "" << false << false
                             << "https://secretsmanager.eu-west-1.amazonaws.com" << "default";
}

void TestEndpointResolver::testEndpointPrecedence()
{
    QFETCH(QString, explicitUrl);
    QFETCH(QString, serviceEnv);
    QFETCH(QString, globalEnv);
    QFETCH(bool, servicesSection);
    QFETCH(bool, profileEndpoint);
    QFETCH(QString, url);
    QFETCH(QString, source);

    setEnv("AWS_ENDPOINT_URL_SECRETS_MANAGER", serviceEnv);
    setEnv("AWS_ENDPOINT_URL", globalEnv);
    QByteArray config = "[profile p]\nregion = eu-west-1\n";
    if (servicesSection)
        config += "services = local\n";
    if (profileEndpoint)
        config += "endpoint_url = http://profile.example:5\n";
    config += "[services local]\nsecrets_manager =\n  endpoint_url = http://services.example:4\n";
    EndpointResolver r = resolver(config, u"p"_s);
    if (!explicitUrl.isEmpty())
        r.setEndpointUrl(Service::SecretsManager, QUrl(explicitUrl));

    const auto endpoint = r.resolve(Service::SecretsManager);
    QVERIFY2(endpoint, qPrintable(endpoint ? QString() : endpoint.error().message));
    QCOMPARE(endpoint->url, QUrl(url));
    QCOMPARE(endpoint->urlSource, QString(source).replace(u"%config"_s, configPath()));
    QCOMPARE(endpoint->isCustom(), source != u"default"_s);
    QCOMPARE(endpoint->usesTls(), url.startsWith(u"https:"_s));
    // A custom endpoint is still signed for the resolved region.
    QCOMPARE(endpoint->signingRegion, u"eu-west-1"_s);
    QCOMPARE(endpoint->signingName, u"secretsmanager"_s);
}

void TestEndpointResolver::testServicesSectionIsPerService()
{
    EndpointResolver r = resolver("[default]\nregion = eu-west-1\nservices = dev\n"
                                  "[services dev]\n"
                                  "secretsmanager =\n  endpoint_url = http://sm.example\n"
                                  "iam =\n  endpoint_url = http://iam.example\n");
    const auto sm = r.resolve(Service::SecretsManager);
    QVERIFY(sm);
    QCOMPARE(sm->url, QUrl(u"http://sm.example"_s));   // the client name is accepted too
    const auto sts = r.resolve(Service::Sts);
    QVERIFY(sts);
    QCOMPARE(sts->url, QUrl(u"https://sts.eu-west-1.amazonaws.com"_s));
    QCOMPARE(sts->urlSource, u"default"_s);
    const auto iam = r.resolve(Service::Iam);
    QVERIFY(iam);
    QCOMPARE(iam->url, QUrl(u"http://iam.example"_s));
    QCOMPARE(iam->signingRegion, u"us-east-1"_s);

    // The service-specific variable is per service as well.
    qputenv("AWS_ENDPOINT_URL_STS", "http://sts.example");
    EndpointResolver again = resolver("[default]\nregion = eu-west-1\n");
    QCOMPARE(again.resolve(Service::Sts)->url, QUrl(u"http://sts.example"_s));
    QCOMPARE(again.resolve(Service::Sts)->urlSource, u"AWS_ENDPOINT_URL_STS"_s);
    QCOMPARE(again.resolve(Service::SecretsManager)->urlSource, u"default"_s);
}

void TestEndpointResolver::testIdentityCenterEndpoints()
{
    // The OIDC and portal APIs live in sso_region, given explicitly, whatever the profile's region.
    qputenv("AWS_REGION", "eu-west-1");
    EndpointResolver r = resolver("[default]\nregion = eu-west-1\n"
                                  "services = corp\n[services corp]\nsso =\n  endpoint_url = http://portal.example\n");
    r.setRegion(u"eu-central-1"_s, u"sso_region"_s);
    const auto oidc = r.resolve(Service::SsoOidc);
    QVERIFY(oidc);
    QCOMPARE(oidc->url, QUrl(u"https://oidc.eu-central-1.amazonaws.com"_s));
    QCOMPARE(oidc->signingName, u"sso-oauth"_s);
    QCOMPARE(oidc->region, u"eu-central-1"_s);
    const auto portal = r.resolve(Service::Sso);
    QVERIFY(portal);
    QCOMPARE(portal->url, QUrl(u"http://portal.example"_s));
    QCOMPARE(portal->signingName, u"awsssoportal"_s);

    r.setRegion(u"cn-north-1"_s, u"sso_region"_s);
    QCOMPARE(r.resolve(Service::SsoOidc)->url, QUrl(u"https://oidc.cn-north-1.amazonaws.com.cn"_s));

    qputenv("AWS_ENDPOINT_URL_SSO_OIDC", "http://oidc.example");
    EndpointResolver overridden = resolver("[default]\nregion = eu-west-1\n");
    overridden.setRegion(u"us-east-1"_s, u"sso_region"_s);
    QCOMPARE(overridden.resolve(Service::SsoOidc)->url, QUrl(u"http://oidc.example"_s));
    QCOMPARE(overridden.resolve(Service::SsoOidc)->urlSource, u"AWS_ENDPOINT_URL_SSO_OIDC"_s);
    QCOMPARE(overridden.resolve(Service::Sso)->url, QUrl(u"https://portal.sso.us-east-1.amazonaws.com"_s));
    qputenv("AWS_ENDPOINT_URL_SSO", "http://sso.example");
    EndpointResolver portalOverridden = resolver("[default]\nregion = eu-west-1\n");
    portalOverridden.setRegion(u"us-east-1"_s, u"sso_region"_s);
    QCOMPARE(portalOverridden.resolve(Service::Sso)->url, QUrl(u"http://sso.example"_s));
    QCOMPARE(portalOverridden.resolve(Service::Sso)->urlSource, u"AWS_ENDPOINT_URL_SSO"_s);
}

void TestEndpointResolver::testIgnoreConfiguredEndpoints()
{
    qputenv("AWS_ENDPOINT_URL", "http://global.example");
    {
        EndpointResolver r = resolver("[default]\nregion = eu-west-1\n"
                                      "ignore_configured_endpoint_urls = true\n");
        QCOMPARE(r.resolve(Service::SecretsManager)->urlSource, u"default"_s);
        r.setEndpointUrl(Service::SecretsManager, QUrl(u"http://127.0.0.1:8080"_s), u"sandbox"_s);
        QCOMPARE(r.resolve(Service::SecretsManager)->url, QUrl(u"http://127.0.0.1:8080"_s));
        QCOMPARE(r.resolve(Service::SecretsManager)->urlSource, u"sandbox"_s);
    }
    {
        qputenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
        EndpointResolver r = resolver("[default]\nregion = eu-west-1\n"
                                      "endpoint_url = http://profile.example\n");
        QCOMPARE(r.resolve(Service::SecretsManager)->urlSource, u"default"_s);
    }
    {
        // The variable wins over the profile's setting.
        qputenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false");
        EndpointResolver r = resolver("[default]\nregion = eu-west-1\n"
                                      "ignore_configured_endpoint_urls = true\n");
        QCOMPARE(r.resolve(Service::SecretsManager)->urlSource, u"AWS_ENDPOINT_URL"_s);
    }
}

void TestEndpointResolver::testMissingServicesSection()
{
    EndpointResolver r = resolver("[default]\nregion = eu-west-1\nservices = nowhere\n");
    const auto endpoint = r.resolve(Service::SecretsManager);
    QVERIFY(!endpoint);
    QCOMPARE(endpoint.error().kind, ErrorKind::Configuration);
    QCOMPARE(endpoint.error().message,
             configPath() + u" line 3: profile 'default' uses services section 'nowhere', but "_s
                 + configPath() + u" has no [services nowhere]"_s);
}

void TestEndpointResolver::testInvalidEndpointUrl_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("ftp") << "ftp://files.example"
                         << "AWS_ENDPOINT_URL: 'ftp://files.example' is not an http:// or https:// URL";
    QTest::newRow("no scheme") << "localhost:4566"
                               << "AWS_ENDPOINT_URL: 'localhost:4566' is not an http:// or https:// URL";
    QTest::newRow("password") << "https://user:hunter2@proxy.example"
                              << "AWS_ENDPOINT_URL: an endpoint URL must not contain a user name or password";
    QTest::newRow("query") << "https://proxy.example/?a=b"
                           << "AWS_ENDPOINT_URL: 'https://proxy.example/?a=b' must not have a query or fragment";
}

void TestEndpointResolver::testInvalidEndpointUrl()
{
    QFETCH(QString, value);
    QFETCH(QString, message);
    qputenv("AWS_ENDPOINT_URL", value.toUtf8());
    EndpointResolver r = resolver("[default]\nregion = eu-west-1\n");
    const auto endpoint = r.resolve(Service::SecretsManager);
    QVERIFY(!endpoint);
    QCOMPARE(endpoint.error().kind, ErrorKind::Configuration);
    QCOMPARE(endpoint.error().message, message);
    QVERIFY(!endpoint.error().message.contains(u"hunter2"_s));
}

void TestEndpointResolver::testGlobalServicesWithoutRegion()
{
    EndpointResolver r = resolver("");
    const auto iam = r.resolve(Service::Iam);
    QVERIFY2(iam, qPrintable(iam ? QString() : iam.error().message));
    QCOMPARE(iam->url, QUrl(u"https://iam.amazonaws.com"_s));
    QCOMPARE(iam->signingRegion, u"us-east-1"_s);
    QVERIFY(iam->region.isEmpty());

    const auto sts = r.resolve(Service::Sts);
    QVERIFY(sts);
    QCOMPARE(sts->url, QUrl(u"https://sts.amazonaws.com"_s));
    QCOMPARE(sts->signingRegion, u"us-east-1"_s);

    const auto sm = r.resolve(Service::SecretsManager);
    QVERIFY(!sm);
    QCOMPARE(sm.error().kind, ErrorKind::Configuration);
}

void TestEndpointResolver::testProfileNotFound()
{
    qputenv("AWS_PROFILE", "ghost");
    qputenv("AWS_REGION", "eu-west-1");
    EndpointResolver r = resolver("[default]\nregion = eu-west-1\n");
    for (Service service : {Service::SecretsManager, Service::Sts, Service::Iam}) {
        const auto endpoint = r.resolve(service);
        QVERIFY(!endpoint);
        QCOMPARE(endpoint.error().message, u"profile 'ghost' not found in "_s + configPath()
                                               + u" or "_s + m_dir->filePath(u"credentials"_s));
    }
}

void TestEndpointResolver::testImplicitDefaultProfileMayBeMissing()
{
    qputenv("AWS_REGION", "eu-west-2");
    EndpointResolver r = resolver("[profile other]\nregion = eu-west-1\n");
    const auto endpoint = r.resolve(Service::SecretsManager);
    QVERIFY(endpoint);
    QCOMPARE(endpoint->url, QUrl(u"https://secretsmanager.eu-west-2.amazonaws.com"_s));
}

QTEST_GUILESS_MAIN(TestEndpointResolver)
#include "testendpointresolver.moc"
