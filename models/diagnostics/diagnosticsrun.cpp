// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/diagnosticsrun.h"

#include "models/content/contentscan.h"

#include <array>

#include "models/aws/awsclient.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/iamclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/stsclient.h"
#include "models/diagnostics/accessdenial.h"
#include "models/diagnostics/errorfindings.h"
#include "models/diagnostics/fixpolicy.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

using aws::AwsError;
using aws::ErrorKind;
using aws::Result;

namespace Id {
const QString profile = u"configuration.profile"_s;
const QString region = u"configuration.region"_s;
const QString endpoint = u"configuration.endpoint"_s;
const QString proxy = u"network.proxy"_s;
const QString dns = u"network.dns"_s;
const QString tcp = u"network.tcp"_s;
const QString tls = u"network.tls"_s;
const QString http = u"network.http"_s;
const QString clock = u"clock.skew"_s;
const QString credentials = u"identity.credentials"_s;
const QString caller = u"identity.caller"_s;
const QString list = u"permissions.list"_s;
const QString describe = u"permissions.describe"_s;
const QString read = u"permissions.read"_s;
const QString write = u"permissions.write"_s;
const QString content = u"content.findings"_s;
} // namespace Id

struct DiagnosticsRun::Running
{
    QObject *scope = nullptr;
    QElapsedTimer elapsed;
};

/// What DescribeSecret and GetSecretValue said about one secret (never its value).
struct DiagnosticsRun::SecretProbe
{
    QString name;
    QString arn;
    QString kmsKeyId;
    bool described = false;
    bool read = false;
    std::optional<AwsError> describeError;
    std::optional<AwsError> readError;
};

struct DiagnosticsRun::Job
{
    QString checkId;
    std::function<void(std::function<void()>)> start;
};

namespace {

QString formatDate(const QDateTime &date)
{
    return date.toUTC().toString(Qt::ISODate);
}

QString formatDuration(qint64 seconds)
{
    const qint64 magnitude = std::llabs(seconds);
    if (magnitude < 120)
        return QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun", "%n second(s)", nullptr, int(magnitude));
    if (magnitude < 7200)
        return QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun", "%1 min %2 s")
            .arg(magnitude / 60)
            .arg(magnitude % 60);
    return QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun", "%1 h %2 min")
        .arg(magnitude / 3600)
        .arg((magnitude % 3600) / 60);
}

/// "AKIA…WXYZ": enough to tell keys apart, not the whole id.
QString maskedKeyId(const QString &keyId)
{
    if (keyId.size() <= 8)
        return QString(keyId.size(), u'*');
    return keyId.left(4) + u"…"_s + keyId.right(4);
}

/// A proxy URL without any user name or password in it.
QString withoutUserInfo(const QString &value)
{
    QUrl url(value.contains(u"://"_s) ? value : u"http://"_s + value);
    if (!url.isValid() || url.host().isEmpty())
        return value.contains(u'@') ? value.section(u'@', -1) : value;
    url.setUserInfo({});
    return value.contains(u"://"_s) ? url.toString() : url.authority();
}

QString proxyText(const QNetworkProxy &proxy)
{
    switch (proxy.type()) {
    case QNetworkProxy::NoProxy:
    case QNetworkProxy::DefaultProxy:
        return QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun", "no proxy");
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::HttpCachingProxy:
        return u"http://%1:%2"_s.arg(proxy.hostName()).arg(proxy.port());
    case QNetworkProxy::Socks5Proxy:
        return u"socks5://%1:%2"_s.arg(proxy.hostName()).arg(proxy.port());
    case QNetworkProxy::FtpCachingProxy:
        return u"ftp proxy %1:%2"_s.arg(proxy.hostName()).arg(proxy.port());
    }
    return {};
}

bool isLoopbackHost(const QString &host)
{
    if (host == u"localhost"_s || host.endsWith(u".localhost"_s))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString certificateName(const QSslCertificate &certificate)
{
    QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
    if (names.isEmpty())
        names = certificate.subjectInfo(QSslCertificate::Organization);
    return names.isEmpty() ? certificate.subjectDisplayName() : names.join(u", "_s);
}

QString issuerName(const QSslCertificate &certificate)
{
    QStringList names = certificate.issuerInfo(QSslCertificate::CommonName);
    if (names.isEmpty())
        names = certificate.issuerInfo(QSslCertificate::Organization);
    return names.isEmpty() ? certificate.issuerDisplayName() : names.join(u", "_s);
}

QString certificateLine(const QSslCertificate &certificate)
{
    return QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                                       "%1, issued by %2, valid %3 to %4")
        .arg(certificateName(certificate), issuerName(certificate),
             formatDate(certificate.effectiveDate()), formatDate(certificate.expiryDate()));
}

/// Parts of "arn:partition:service:region:account:resource".
QString arnField(const QString &arn, int index)
{
    return arn.startsWith(u"arn:"_s) ? arn.section(u':', index, index) : QString();
}

/// The causes that mean "refused" (rather than "broken").
const QStringList &deniedCauses()
{
    static const QStringList causes = {
        u"identity-policy-denied"_s, u"identity-policy-explicit-deny"_s, u"resource-policy-denied"_s,
        u"resource-policy-explicit-deny"_s, u"service-control-policy"_s, u"permissions-boundary"_s,
        u"session-policy"_s, u"kms-access-denied"_s, u"access-denied"_s,
    };
    return causes;
}

QStringList namesOf(const QList<QString> &names)
{
    QStringList sorted = names;
    sorted.sort();
    return sorted;
}

} // namespace

DiagnosticsRun::DiagnosticsRun(aws::AwsClient *transport, DiagnosticsTarget target,
                               DiagnosticsOptions options, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_target(std::move(target))
    , m_options(std::move(options))
{
    m_options.concurrency = std::max(1, m_options.concurrency);
    m_options.sampleSize = std::max(1, m_options.sampleSize);
}

DiagnosticsRun::~DiagnosticsRun() = default;

QList<DiagnosticsRun::PlannedCheck> DiagnosticsRun::plannedChecks()
{
    return {
        {Id::profile, CheckCategory::Configuration, tr("Profile and credentials source")},
        {Id::region, CheckCategory::Configuration, tr("Region")},
        {Id::endpoint, CheckCategory::Configuration, tr("Endpoint")},
        {Id::proxy, CheckCategory::Network, tr("Proxy")},
        {Id::dns, CheckCategory::Network, tr("DNS resolution")},
        {Id::tcp, CheckCategory::Network, tr("TCP connection")},
        {Id::tls, CheckCategory::Network, tr("TLS handshake")},
        {Id::http, CheckCategory::Network, tr("HTTP answer")},
        {Id::clock, CheckCategory::Clock, tr("Clock skew")},
        {Id::credentials, CheckCategory::Identity, tr("Credentials")},
        {Id::caller, CheckCategory::Identity, tr("Caller identity (STS)")},
        {Id::list, CheckCategory::Permissions, tr("List secrets")},
        {Id::describe, CheckCategory::Permissions, tr("Describe secrets")},
        {Id::read, CheckCategory::Permissions, tr("Read secret values")},
        {Id::write, CheckCategory::Permissions, tr("Write permissions")},
        {Id::content, CheckCategory::Content, tr("Secret contents")},
    };
}

std::chrono::milliseconds DiagnosticsRun::elapsed() const
{
    // A finished run keeps its duration: a report exported later must not grow with the wait.
    if (m_finished)
        return m_duration;
    return std::chrono::milliseconds(m_clock.isValid() ? m_clock.elapsed() : 0);
}

QList<CheckResult> DiagnosticsRun::results() const
{
    QList<CheckResult> ordered;
    for (const PlannedCheck &check : plannedChecks()) {
        if (const auto it = m_results.constFind(check.id); it != m_results.cend())
            ordered.append(it.value());
    }
    return ordered;
}

std::optional<CheckResult> DiagnosticsRun::result(const QString &id) const
{
    if (const auto it = m_results.constFind(id); it != m_results.cend())
        return it.value();
    return std::nullopt;
}

CheckStatus DiagnosticsRun::overallStatus() const
{
    CheckStatus overall = CheckStatus::Pass;
    for (const CheckResult &result : m_results) {
        if (result.status != CheckStatus::Skipped)
            overall = CheckResult::worse(overall, result.status);
    }
    return overall;
}

// --- bookkeeping ---------------------------------------------------------------------------

CheckResult DiagnosticsRun::blank(const QString &id) const
{
    CheckResult result;
    result.id = id;
    for (const PlannedCheck &check : plannedChecks()) {
        if (check.id == id) {
            result.category = check.category;
            result.title = check.title;
        }
    }
    result.status = CheckStatus::Pass;
    return result;
}

bool DiagnosticsRun::passed(const QString &id) const
{
    const auto it = m_results.constFind(id);
    return it != m_results.cend()
           && (it->status == CheckStatus::Pass || it->status == CheckStatus::Warn);
}

QObject *DiagnosticsRun::begin(const QString &id)
{
    Q_ASSERT(!m_running.contains(id) && !m_results.contains(id));
    auto running = std::make_shared<Running>();
    running->scope = new QObject(this);
    running->elapsed.start();
    m_running.insert(id, running);
    auto *timer = new QTimer(running->scope);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id] { onTimeout(id); });
    timer->start(m_options.checkTimeout);
    Q_EMIT checkStarted(id, blank(id).title);
    return running->scope;
}

void DiagnosticsRun::finish(CheckResult result)
{
    if (m_results.contains(result.id))
        return;
    if (const auto running = m_running.take(result.id)) {
        result.duration = std::chrono::milliseconds(running->elapsed.elapsed());
        // Destroying the scope cancels every call and socket the check still had going.
        running->scope->deleteLater();
    }
    // Its place in the concurrency pool is free again.
    m_inFlightTotal -= m_inFlight.take(result.id);
    m_queue.removeIf([&](const std::shared_ptr<Job> &job) { return job->checkId == result.id; });

    const QString id = result.id;
    m_results.insert(id, result);
    Q_EMIT checkFinished(result);
    Q_EMIT progressChanged(int(m_results.size()), int(plannedChecks().size()));
    pump();
    advance();
}

void DiagnosticsRun::skip(const QString &id, const QString &reason)
{
    if (m_results.contains(id))
        return;
    CheckResult result = blank(id);
    result.status = CheckStatus::Skipped;
    result.summary = reason;
    if (!m_running.contains(id))
        Q_EMIT checkStarted(id, result.title);
    finish(std::move(result));
}

void DiagnosticsRun::onTimeout(const QString &id)
{
    if (!m_running.contains(id))
        return;
    CheckResult result = blank(id);
    const qint64 seconds = std::chrono::duration_cast<std::chrono::seconds>(m_options.checkTimeout).count();
    result.summary = tr("Did not finish within %1.").arg(formatDuration(seconds));
    CheckFinding finding;
    finding.status = CheckStatus::Fail;
    finding.cause = id == Id::tcp ? u"connection-timeout"_s : u"timeout"_s;
    finding.subjects << m_target.secretsManager.endpoint.toString();
    finding.message = result.summary;
    finding.explanation = id == Id::tcp
        ? tr("The endpoint did not accept the connection in time: a firewall or a missing route "
             "silently drops the packets, or the host is down.")
        : tr("The check did not get its answers in time.");
    finding.fix = tr("Check the connection to %1 (network, VPN, firewall; proxy in use: %2), "
                     "or rerun with a longer time limit.")
                      .arg(m_target.secretsManager.endpoint.toString(), proxyDescription());
    result.addFinding(std::move(finding));
    finish(std::move(result));
}

void DiagnosticsRun::maybeFinishRun()
{
    if (m_finished || !m_started)
        return;
    for (const PlannedCheck &check : plannedChecks()) {
        if (!m_results.contains(check.id))
            return;
    }
    m_finished = true;
    m_duration = std::chrono::milliseconds(m_clock.elapsed());
    Q_EMIT finished();
}

void DiagnosticsRun::start()
{
    if (m_started)
        return;
    m_started = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    // Everything below may finish synchronously; hold the scheduler until all is set up.
    m_advancing = true;
    runConfiguration();
    if (m_configurationUsable)
        runProxy();
    m_advancing = false;
    advance();
}

void DiagnosticsRun::cancel()
{
    if (!m_started || m_finished)
        return;
    m_cancelled = true;
    m_advancing = true;
    const QStringList running = m_running.keys();
    for (const QString &id : running) {
        CheckResult result = blank(id);
        result.status = CheckStatus::Skipped;
        result.summary = tr("Cancelled.");
        finish(std::move(result));
    }
    for (const PlannedCheck &check : plannedChecks())
        skip(check.id, tr("Cancelled."));
    m_advancing = false;
    maybeFinishRun();
}

void DiagnosticsRun::advance()
{
    if (m_advancing) {
        m_advanceAgain = true;
        return;
    }
    m_advancing = true;
    do {
        m_advanceAgain = false;
        if (m_cancelled || !m_started)
            break;
        const auto handled = [this](const QString &id) { return isDone(id) || isRunningCheck(id); };

        if (!m_configurationUsable) {
            for (const PlannedCheck &check : plannedChecks())
                skip(check.id, tr("Skipped: the configuration is not usable (see Configuration)."));
            break;
        }
        // Network chain: DNS, TCP, TLS, HTTP, then the clock from the HTTP answer's Date.
        if (!handled(Id::dns))
            startDns();
        if (!handled(Id::tcp) && isDone(Id::dns)) {
            if (passed(Id::dns))
                startTcp();
            else
                skip(Id::tcp, tr("Skipped: the endpoint's name did not resolve."));
        }
        if (!handled(Id::tls) && isDone(Id::tcp)) {
            if (!passed(Id::tcp))
                skip(Id::tls, tr("Skipped: no connection to the endpoint."));
            else if (m_target.secretsManager.endpoint.scheme() != u"https"_s)
                skip(Id::tls, tr("Skipped: the endpoint uses plain http, without TLS."));
            else
                startTls();
        }
        if (!handled(Id::http) && isDone(Id::tls)) {
            if (passed(Id::tls) || (passed(Id::tcp) && m_results.value(Id::tls).status == CheckStatus::Skipped))
                startHttp();
            else
                skip(Id::http, tr("Skipped: no connection to the endpoint."));
        }
        if (!handled(Id::clock) && isDone(Id::http)) {
            if (passed(Id::http))
                evaluateClock();
            else
                skip(Id::clock, tr("Skipped: the endpoint did not answer, so its time is unknown."));
        }
        const bool networkDone = isDone(Id::http);
        const bool networkUsable = passed(Id::http);

        // Identity: the credentials lookup runs beside the network checks.
        if (!handled(Id::credentials))
            startCredentials();
        if (!handled(Id::caller) && isDone(Id::credentials)) {
            const bool stsSharesHost = m_target.sts.endpoint.host() == m_target.secretsManager.endpoint.host();
            if (!passed(Id::credentials))
                skip(Id::caller, tr("Skipped: no usable credentials."));
            else if (!stsSharesHost)
                startCaller();
            else if (networkDone && networkUsable)
                startCaller();
            else if (networkDone)
                skip(Id::caller, tr("Skipped: the endpoint cannot be reached (see Network)."));
        }

        // Permissions, once the endpoint answers and the keys were not refused.
        if (!handled(Id::list) && networkDone && isDone(Id::caller)) {
            if (!networkUsable)
                skip(Id::list, tr("Skipped: the endpoint cannot be reached (see Network)."));
            else if (!passed(Id::credentials))
                skip(Id::list, tr("Skipped: no usable credentials."));
            else if (m_callerError && ErrorFindings::isCredentialsProblem(*m_callerError))
                skip(Id::list, tr("Skipped: AWS refused the credentials (see Identity)."));
            else
                startListing();
        }
        if (isDone(Id::list)) {
            if (!handled(Id::describe) && !handled(Id::read)) {
                if (m_sample.isEmpty()) {
                    const QString reason = m_results.value(Id::list).status == CheckStatus::Skipped
                        ? m_results.value(Id::list).summary
                        : tr("Skipped: no secret in scope to check.");
                    skip(Id::describe, reason);
                    skip(Id::read, reason);
                } else {
                    startSecretProbes();
                }
            }
            if (!handled(Id::write)) {
                if (m_results.value(Id::list).status == CheckStatus::Skipped)
                    skip(Id::write, m_results.value(Id::list).summary);
                else if (!m_target.iam)
                    skip(Id::write, tr("Not verifiable without writing: no IAM endpoint is configured "
                                       "to simulate the principal's policies."));
                else if (principalArn().isEmpty())
                    skip(Id::write, tr("Not verifiable without writing: the principal is unknown "
                                       "(see Identity)."));
                else
                    startWriteSimulation();
            }
            if (!handled(Id::content) && isDone(Id::read)) {
                if (m_inScope.isEmpty() || !passed(Id::read))
                    skip(Id::content, tr("Skipped: no secret value could be read (see Read secret values)."));
                else
                    startContentScan();
            }
        }
    } while (m_advanceAgain);
    m_advancing = false;
    maybeFinishRun();
}

// --- configuration -------------------------------------------------------------------------

void DiagnosticsRun::runConfiguration()
{
    const DiagnosticsTarget &target = m_target;
    const QString profileLabel = target.profileName.isEmpty() ? tr("(none)") : target.profileName;

    // Profile
    begin(Id::profile);
    CheckResult profile = blank(Id::profile);
    profile.addEvidence(tr("Profile"), target.profileSource.isEmpty()
                                           ? profileLabel
                                           : u"%1 (%2)"_s.arg(profileLabel, target.profileSource));
    bool usable = true;
    if (target.configurationError) {
        ErrorContext context;
        context.profile = profileLabel;
        CheckFinding finding = ErrorFindings::forError(*target.configurationError, context);
        finding.subjects << profileLabel;
        profile.addFinding(std::move(finding));
        profile.summary = tr("The profile could not be resolved.");
        finish(std::move(profile));
        skip(Id::region, tr("Skipped: the profile could not be resolved."));
        skip(Id::endpoint, tr("Skipped: the profile could not be resolved."));
        m_configurationUsable = false;
        return;
    }
    const auto &provider = target.secretsManager.credentials;
    const QString credentialsSource = !target.credentialsSource.isEmpty()
        ? target.credentialsSource
        : (provider ? provider->description() : QString());
    profile.addEvidence(tr("Credentials from"), credentialsSource.isEmpty() ? tr("(none)") : credentialsSource);
    if (!provider) {
        CheckFinding finding;
        finding.cause = u"credentials-missing"_s;
        finding.subjects << profileLabel;
        finding.message = tr("The profile has no credentials configured.");
        finding.explanation = AwsError::credentialsMissing({}).explanation();
        finding.fix = tr("Add an access key (stored in the OS keychain), a role to assume, or an "
                         "AWS CLI profile with credentials to %1.").arg(profileLabel);
        profile.addFinding(std::move(finding));
        profile.summary = tr("No credentials are configured.");
        usable = false;
    } else {
        profile.summary = tr("Profile %1, credentials from %2.").arg(profileLabel, credentialsSource);
    }
    finish(std::move(profile));

    // Region
    begin(Id::region);
    CheckResult region = blank(Id::region);
    const QString regionName = target.secretsManager.region;
    region.addEvidence(tr("Region"), regionName.isEmpty() ? tr("(none)") : regionName);
    region.addEvidence(tr("Set by"), target.regionSource.isEmpty() ? tr("unknown") : target.regionSource);
    if (regionName.isEmpty() || !aws::EndpointResolver::isValidRegionName(regionName)) {
        CheckFinding finding;
        finding.cause = regionName.isEmpty() ? u"region-missing"_s : u"region-invalid"_s;
        finding.subjects << regionName;
        finding.message = regionName.isEmpty() ? tr("No region is configured.")
                                               : tr("'%1' is not a region name.").arg(regionName);
        finding.explanation = tr("Requests are signed for a region and sent to that region's "
                                 "endpoint; without a valid one nothing can be sent.");
        finding.fix = tr("Set the region (like eu-west-1) in the profile, with --region, or "
                         "with AWS_REGION.");
        region.summary = finding.message;   // before the move, which empties it
        region.addFinding(std::move(finding));
        usable = false;
    } else {
        region.addEvidence(tr("Partition"), aws::EndpointResolver::partitionOf(regionName));
        region.summary = tr("%1 (from %2).").arg(regionName, target.regionSource.isEmpty() ? tr("unknown") : target.regionSource);
    }
    finish(std::move(region));

    // Endpoint
    begin(Id::endpoint);
    CheckResult endpoint = blank(Id::endpoint);
    if (m_target.secretsManager.endpoint.isEmpty() && !regionName.isEmpty())
        m_target.secretsManager.endpoint = aws::SecretsManagerClient::defaultEndpoint(regionName);
    if (m_target.sts.endpoint.isEmpty() && !m_target.sts.region.isEmpty())
        m_target.sts.endpoint = aws::StsClient::defaultEndpoint(m_target.sts.region);
    if (m_target.iam && m_target.iam->endpoint.isEmpty())
        m_target.iam->endpoint = aws::IamClient::defaultEndpoint();
    const QUrl url = m_target.secretsManager.endpoint;
    endpoint.addEvidence(tr("Secrets Manager"), u"%1 (%2)"_s.arg(url.toString(),
        target.endpointSource.isEmpty() ? tr("default") : target.endpointSource));
    endpoint.addEvidence(tr("STS"), m_target.sts.endpoint.toString());
    endpoint.addEvidence(tr("IAM"), m_target.iam ? m_target.iam->endpoint.toString() : tr("(not configured)"));
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"https"_s && scheme != u"http"_s)) {
        CheckFinding finding;
        finding.cause = u"endpoint-invalid"_s;
        finding.subjects << url.toString();
        finding.message = tr("'%1' is not an http:// or https:// URL.").arg(url.toString());
        finding.explanation = tr("The Secrets Manager endpoint could not be resolved to a usable URL.");
        finding.fix = tr("Correct the endpoint URL (profile setting, --endpoint-url, "
                         "AWS_ENDPOINT_URL_SECRETS_MANAGER or AWS_ENDPOINT_URL), or remove it to "
                         "use the region's default endpoint.");
        endpoint.addFinding(std::move(finding));
        endpoint.summary = tr("No usable endpoint.");
        usable = false;
    } else {
        if (scheme == u"http"_s && !isLoopbackHost(url.host())) {
            CheckFinding finding;
            finding.status = CheckStatus::Warn;
            finding.cause = u"endpoint-plain-http"_s;
            finding.subjects << url.toString();
            finding.message = tr("The endpoint uses plain http on a non-local host.");
            finding.explanation = tr("Secret values would cross the network unencrypted.");
            finding.fix = tr("Use an https:// endpoint unless this is a local emulator.");
            endpoint.addFinding(std::move(finding));
        }
        endpoint.summary = tr("%1 (from %2).").arg(url.toString(),
            target.endpointSource.isEmpty() ? tr("default") : target.endpointSource);
    }
    finish(std::move(endpoint));

    m_configurationUsable = usable && m_transport;
    if (!m_configurationUsable)
        return;

    auto limit = [this](aws::ClientConfig config) {
        config.transferTimeout = std::min(config.transferTimeout, m_options.checkTimeout);
        // The trust anchors given to the TLS check hold for the calls too.
        if constexpr (requires { config.caCertificates; }) {
            for (const QSslCertificate &certificate : std::as_const(m_options.caCertificates)) {
                if (!config.caCertificates.contains(certificate))
                    config.caCertificates.append(certificate);
            }
        }
        return config;
    };
    m_secrets = new aws::SecretsManagerClient(m_transport, limit(m_target.secretsManager), this);
    m_sts = new aws::StsClient(m_transport, limit(m_target.sts), this);
    if (m_target.iam)
        m_iam = new aws::IamClient(m_transport, limit(*m_target.iam), this);
    m_network = new QNetworkAccessManager(this);
}

// --- network -------------------------------------------------------------------------------

QString DiagnosticsRun::proxyDescription() const
{
    const QString text = proxyText(m_proxy);
    return m_proxySource.isEmpty() ? text : u"%1 (%2)"_s.arg(text, m_proxySource);
}

QList<QSslCertificate> DiagnosticsRun::trustedCertificates() const
{
    QList<QSslCertificate> certificates = m_options.caCertificates;
    if constexpr (requires(const aws::ClientConfig &config) { config.caCertificates; }) {
        for (const QSslCertificate &certificate : m_target.secretsManager.caCertificates) {
            if (!certificates.contains(certificate))
                certificates.append(certificate);
        }
    }
    return certificates;
}

void DiagnosticsRun::runProxy()
{
    begin(Id::proxy);
    CheckResult result = blank(Id::proxy);
    const QUrl url = m_target.secretsManager.endpoint;
    const QNetworkProxyQuery query(url);
    const QList<QNetworkProxy> effective = QNetworkProxyFactory::proxyForQuery(query);
    m_proxy = effective.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : effective.first();
    const bool systemConfiguration = QNetworkProxyFactory::usesSystemConfiguration();
    m_proxySource = m_proxy.type() == QNetworkProxy::NoProxy || m_proxy.type() == QNetworkProxy::DefaultProxy
        ? QString()
        : (systemConfiguration ? tr("system settings") : tr("application setting"));
    result.addEvidence(tr("In effect"), proxyDescription());
    const QList<QNetworkProxy> system = QNetworkProxyFactory::systemProxyForQuery(query);
    result.addEvidence(tr("System settings"), system.isEmpty() ? tr("no proxy") : proxyText(system.first()));

    const QProcessEnvironment &env = m_options.environment;
    const QStringList names = url.scheme() == u"https"_s
        ? QStringList{u"https_proxy"_s, u"HTTPS_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s}
        : QStringList{u"http_proxy"_s, u"HTTP_PROXY"_s, u"all_proxy"_s, u"ALL_PROXY"_s};
    QString envProxy;
    for (const QString &name : names) {
        if (env.contains(name) && !env.value(name).isEmpty()) {
            result.addEvidence(name, withoutUserInfo(env.value(name)));
            if (envProxy.isEmpty())
                envProxy = withoutUserInfo(env.value(name));
        }
    }
    QString noProxy = env.value(u"no_proxy"_s, env.value(u"NO_PROXY"_s));
    if (!noProxy.isEmpty())
        result.addEvidence(u"no_proxy"_s, noProxy);
    bool excluded = isLoopbackHost(url.host());
    for (QString entry : noProxy.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed();
        if (entry == u"*"_s || url.host() == entry || (entry.startsWith(u'.') && url.host().endsWith(entry))
            || url.host().endsWith(u'.' + entry))
            excluded = true;
    }
    const bool direct = m_proxy.type() == QNetworkProxy::NoProxy || m_proxy.type() == QNetworkProxy::DefaultProxy;
    if (!envProxy.isEmpty() && direct && !excluded) {
        CheckFinding finding;
        finding.status = CheckStatus::Warn;
        finding.cause = u"proxy-environment-not-used"_s;
        finding.subjects << envProxy;
        finding.message = tr("A proxy is set in the environment (%1) but Coffer connects directly.").arg(envProxy);
        finding.explanation = tr("The AWS CLI and SDKs use the *_proxy variables; Coffer follows "
                                 "the proxy settings of the system instead. If this network only "
                                 "lets traffic out through the proxy, the connection checks fail.");
        finding.fix = tr("If the proxy is required, set it in the system's network settings; if "
                         "not, unset the variable or add %1 to no_proxy.").arg(url.host());
        result.addFinding(std::move(finding));
    }
    result.summary = direct ? tr("Direct connection (no proxy).")
                            : tr("Through %1.").arg(proxyDescription());
    finish(std::move(result));
}

void DiagnosticsRun::startDns()
{
    QObject *scope = begin(Id::dns);
    const QString host = m_target.secretsManager.endpoint.host();
    if (!QHostAddress(host).isNull()) {
        CheckResult result = blank(Id::dns);
        result.addEvidence(tr("Host"), host);
        result.summary = tr("%1 is an address; nothing to resolve.").arg(host);
        finish(std::move(result));
        return;
    }
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QHostInfo::lookupHost(host, scope, [this, host, elapsed](const QHostInfo &info) {
        if (!isRunningCheck(Id::dns))
            return;
        CheckResult result = blank(Id::dns);
        result.addEvidence(tr("Host"), host);
        const bool proxied = m_proxy.type() == QNetworkProxy::HttpProxy || m_proxy.type() == QNetworkProxy::Socks5Proxy;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            result.addEvidence(tr("Resolver"), info.errorString());
            CheckFinding finding;
            finding.status = proxied ? CheckStatus::Warn : CheckStatus::Fail;
            finding.cause = u"dns-failure"_s;
            finding.subjects << host;
            finding.errorCode = u"HostNotFound"_s;
            finding.message = tr("%1 could not be resolved: %2").arg(host, info.errorString());
            finding.explanation = proxied
                ? tr("This computer cannot resolve the name, but the proxy in use resolves names "
                     "itself, so this alone need not break anything.")
                : tr("Without an address for the endpoint nothing can be sent. Either the name is "
                     "wrong (a typo, a region that does not exist, a custom endpoint that is "
                     "gone) or this computer's DNS does not know it (offline, VPN, private DNS).");
            finding.fix = tr("Check the endpoint %1 (from %2) and the region; then this computer's "
                             "DNS (try `getent hosts %3`). Proxy in use: %4.")
                              .arg(m_target.secretsManager.endpoint.toString(),
                                   m_target.endpointSource.isEmpty() ? tr("default") : m_target.endpointSource,
                                   host, proxyDescription());
            result.addFinding(std::move(finding));
            result.summary = tr("%1 does not resolve.").arg(host);
        } else {
            QStringList addresses;
            for (const QHostAddress &address : info.addresses().mid(0, 6))
                addresses << address.toString();
            result.addEvidence(tr("Addresses"), addresses.join(u", "_s));
            result.addEvidence(tr("Time"), tr("%1 ms").arg(elapsed->elapsed()));
            result.summary = tr("%1 resolves to %2.").arg(host, addresses.first());
        }
        finish(std::move(result));
    });
}

void DiagnosticsRun::startTcp()
{
    QObject *scope = begin(Id::tcp);
    const QUrl url = m_target.secretsManager.endpoint;
    const quint16 port = quint16(url.port(url.scheme() == u"https"_s ? 443 : 80));
    auto *socket = new QTcpSocket(scope);
    socket->setProxy(m_proxy.type() == QNetworkProxy::DefaultProxy ? QNetworkProxy(QNetworkProxy::NoProxy) : m_proxy);
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    connect(socket, &QTcpSocket::connected, scope, [this, socket, url, port, elapsed] {
        if (!isRunningCheck(Id::tcp))
            return;
        CheckResult result = blank(Id::tcp);
        const QString peer = socket->peerAddress().isNull() ? url.host() : socket->peerAddress().toString();
        result.addEvidence(tr("Connected to"), u"%1:%2"_s.arg(peer).arg(port));
        result.addEvidence(tr("Through"), proxyDescription());
        result.addEvidence(tr("Time"), tr("%1 ms").arg(elapsed->elapsed()));
        result.summary = tr("Connected to %1 port %2.").arg(url.host()).arg(port);
        socket->abort();
        finish(std::move(result));
    });
    connect(socket, &QTcpSocket::errorOccurred, scope, [this, socket, url, port](QAbstractSocket::SocketError error) {
        if (!isRunningCheck(Id::tcp))
            return;
        CheckResult result = blank(Id::tcp);
        result.addEvidence(tr("Endpoint"), u"%1:%2"_s.arg(url.host()).arg(port));
        result.addEvidence(tr("Through"), proxyDescription());
        AwsError awsError;
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            awsError = AwsError::fromNetworkError(QNetworkReply::ConnectionRefusedError, socket->errorString());
            break;
        case QAbstractSocket::HostNotFoundError:
            awsError = AwsError::fromNetworkError(QNetworkReply::HostNotFoundError, socket->errorString());
            break;
        case QAbstractSocket::SocketTimeoutError:
            awsError = AwsError::fromNetworkError(QNetworkReply::TimeoutError, socket->errorString());
            break;
        case QAbstractSocket::ProxyConnectionRefusedError:
        case QAbstractSocket::ProxyConnectionClosedError:
        case QAbstractSocket::ProxyNotFoundError:
        case QAbstractSocket::ProxyAuthenticationRequiredError:
        case QAbstractSocket::ProxyProtocolError:
        case QAbstractSocket::ProxyConnectionTimeoutError:
            awsError = AwsError::fromNetworkError(QNetworkReply::ProxyConnectionRefusedError, socket->errorString());
            break;
        default:
            awsError = AwsError::fromNetworkError(QNetworkReply::UnknownNetworkError, socket->errorString());
            break;
        }
        ErrorContext context{url, proxyDescription(), m_target.profileName, {}};
        CheckFinding finding = ErrorFindings::forError(awsError, context);
        finding.subjects << u"%1:%2"_s.arg(url.host()).arg(port);
        finding.message = tr("Connecting to %1 port %2 failed: %3").arg(url.host()).arg(port).arg(socket->errorString());
        if (error == QAbstractSocket::ConnectionRefusedError) {
            finding.cause = u"connection-refused"_s;
            finding.explanation = tr("The host is reachable but nothing accepts connections on "
                                     "port %1: the service or emulator is not running there, or "
                                     "the port is wrong.").arg(port);
        } else if (error >= QAbstractSocket::ProxyAuthenticationRequiredError && error <= QAbstractSocket::ProxyProtocolError) {
            finding.cause = u"proxy-failure"_s;
            finding.explanation = tr("The proxy in use (%1) refused or failed the connection.").arg(proxyDescription());
            finding.fix = tr("Check the proxy settings (address, credentials) or whether the endpoint "
                             "should bypass the proxy (no_proxy).");
        }
        result.addFinding(std::move(finding));
        result.summary = tr("No connection to %1 port %2.").arg(url.host()).arg(port);
        finish(std::move(result));
    });
    socket->connectToHost(url.host(), port);
}

void DiagnosticsRun::startTls()
{
    QObject *scope = begin(Id::tls);
    const QUrl url = m_target.secretsManager.endpoint;
    const quint16 port = quint16(url.port(443));
    auto *socket = new QSslSocket(scope);
    socket->setProxy(m_proxy.type() == QNetworkProxy::DefaultProxy ? QNetworkProxy(QNetworkProxy::NoProxy) : m_proxy);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    const QList<QSslCertificate> extra = trustedCertificates();
    if (!extra.isEmpty())
        configuration.addCaCertificates(extra);
    socket->setSslConfiguration(configuration);
    socket->setPeerVerifyName(url.host());
    auto errors = std::make_shared<QList<QSslError>>();
    connect(socket, &QSslSocket::sslErrors, scope, [errors](const QList<QSslError> &list) { *errors << list; });
    connect(socket, &QSslSocket::encrypted, scope, [this, socket, url] {
        if (!isRunningCheck(Id::tls))
            return;
        CheckResult result = blank(Id::tls);
        const QSslCipher cipher = socket->sessionCipher();
        result.addEvidence(tr("Protocol"), cipher.protocolString());
        result.addEvidence(tr("Cipher"), cipher.name());
        const QList<QSslCertificate> chain = socket->peerCertificateChain();
        for (int i = 0; i < chain.size(); ++i)
            result.addEvidence(i == 0 ? tr("Certificate") : tr("Issuer %1").arg(i), certificateLine(chain.at(i)));
        if (!chain.isEmpty()) {
            const qint64 left = QDateTime::currentDateTimeUtc().secsTo(chain.first().expiryDate());
            if (left < 14 * 24 * 3600) {
                CheckFinding finding;
                finding.status = CheckStatus::Warn;
                finding.cause = u"tls-expiring"_s;
                finding.subjects << certificateName(chain.first());
                finding.message = tr("The certificate of %1 expires on %2.").arg(url.host(), formatDate(chain.first().expiryDate()));
                finding.explanation = tr("Once it has expired, every connection will be refused.");
                finding.fix = tr("Renew the endpoint's certificate (or tell its operator).");
                result.addFinding(std::move(finding));
            }
        }
        result.summary = tr("Verified certificate for %1 (%2).").arg(url.host(), cipher.protocolString());
        socket->abort();
        finish(std::move(result));
    });
    connect(socket, &QSslSocket::errorOccurred, scope, [this, socket, url, errors](QAbstractSocket::SocketError) {
        if (!isRunningCheck(Id::tls))
            return;
        CheckResult result = blank(Id::tls);
        const QList<QSslCertificate> chain = socket->peerCertificateChain();
        for (int i = 0; i < chain.size(); ++i)
            result.addEvidence(i == 0 ? tr("Certificate") : tr("Issuer %1").arg(i), certificateLine(chain.at(i)));
        QSet<int> seen;
        const QList<QSslCertificate> trusted = trustedCertificates();
        for (const QSslError &error : std::as_const(*errors)) {
            if (seen.contains(int(error.error())))
                continue;
            seen.insert(int(error.error()));
            const QSslCertificate certificate = error.certificate().isNull() && !chain.isEmpty() ? chain.first() : error.certificate();
            // A certificate the user trusts explicitly is self-signed on purpose: what fails is
            // something else (its dates), not the trust.
            const bool selfSigned = error.error() == QSslError::SelfSignedCertificate
                                    || error.error() == QSslError::SelfSignedCertificateInChain;
            if (selfSigned && trusted.contains(certificate) && errors->size() > 1)
                continue;
            const QString name = certificate.isNull() ? url.host() : certificateName(certificate);
            CheckFinding finding;
            finding.errorCode = u"TlsFailure"_s;
            finding.subjects << name;
            finding.message = tr("Certificate '%1': %2").arg(name, error.errorString());
            switch (error.error()) {
            case QSslError::SelfSignedCertificate:
            case QSslError::SelfSignedCertificateInChain:
                finding.cause = u"tls-self-signed"_s;
                finding.explanation = tr("The certificate '%1' (issued by %2) is self-signed: it "
                                         "vouches for itself and no trusted authority signed it. "
                                         "Either the endpoint is a local emulator with its own "
                                         "certificate, or a proxy is intercepting TLS.")
                                          .arg(name, certificate.isNull() ? name : issuerName(certificate));
                finding.fix = tr("If this endpoint is yours, add its CA certificate to the system's "
                                 "trust store (on Debian: copy it to /usr/local/share/ca-certificates/ "
                                 "and run `sudo update-ca-certificates`). If a corporate proxy "
                                 "intercepts TLS, install the proxy's CA certificate the same way. "
                                 "Never trust an unknown certificate for AWS itself.");
                break;
            case QSslError::CertificateExpired:
                finding.cause = u"tls-expired"_s;
                finding.explanation = tr("The certificate '%1' expired on %2; TLS refuses it.")
                                          .arg(name, formatDate(certificate.expiryDate()));
                finding.fix = tr("Renew the certificate on the endpoint %1 (or tell its operator). "
                                 "If the date looks right but this computer's clock is wrong, fix "
                                 "the clock instead.").arg(url.toString());
                break;
            case QSslError::CertificateNotYetValid:
                finding.cause = u"tls-not-yet-valid"_s;
                finding.explanation = tr("The certificate '%1' is only valid from %2: this "
                                         "computer's clock is probably behind.")
                                          .arg(name, formatDate(certificate.effectiveDate()));
                finding.fix = ErrorFindings::clockFix();
                break;
            case QSslError::HostNameMismatch: {
                finding.cause = u"tls-host-mismatch"_s;
                QStringList names = certificate.subjectAlternativeNames().values(QSsl::DnsEntry);
                if (names.isEmpty())
                    names = certificate.subjectInfo(QSslCertificate::CommonName);
                finding.explanation = tr("The certificate '%1' is for %2, not for %3.")
                                          .arg(name, names.join(u", "_s), url.host());
                finding.fix = tr("Use the host name the certificate names in the endpoint URL, or "
                                 "fix the endpoint's certificate. For AWS, use the region's "
                                 "standard endpoint.");
                break;
            }
            case QSslError::CertificateRevoked:
                finding.cause = u"tls-revoked"_s;
                finding.explanation = tr("The certificate '%1' was revoked by its issuer.").arg(name);
                finding.fix = tr("The endpoint must get a new certificate; do not connect until then.");
                break;
            default:
                finding.cause = u"tls-untrusted"_s;
                finding.explanation = tr("The certificate chain of %1 could not be verified: %2.")
                                          .arg(url.host(), error.errorString());
                finding.fix = tr("Install the issuing CA certificate in the system's trust store, "
                                 "or check whether a proxy intercepts TLS (proxy in use: %1).")
                                  .arg(proxyDescription());
                break;
            }
            result.addFinding(std::move(finding));
        }
        if (result.findings.isEmpty()) {
            ErrorContext context{url, proxyDescription(), m_target.profileName, {}};
            CheckFinding finding = ErrorFindings::forError(
                AwsError::fromNetworkError(QNetworkReply::SslHandshakeFailedError, socket->errorString()), context);
            finding.message = socket->errorString();
            result.addFinding(std::move(finding));
        }
        result.summary = tr("TLS handshake with %1 failed.").arg(url.host());
        finish(std::move(result));
    });
    socket->connectToHostEncrypted(url.host(), port);
}

void DiagnosticsRun::startHttp()
{
    QObject *scope = begin(Id::http);
    QUrl url = m_target.secretsManager.endpoint;
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/x-amz-json-1.1"));
    // Unsigned on purpose: any answer (even "missing authentication") proves the service is there.
    request.setRawHeader("X-Amz-Target", "secretsmanager.ListSecrets");
    request.setTransferTimeout(int(m_options.checkTimeout.count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (url.scheme() == u"https"_s) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        const QList<QSslCertificate> extra = trustedCertificates();
        if (!extra.isEmpty())
            configuration.addCaCertificates(extra);
        request.setSslConfiguration(configuration);
    }
    const QDateTime sent = QDateTime::currentDateTimeUtc();
    auto elapsed = std::make_shared<QElapsedTimer>();
    elapsed->start();
    QNetworkReply *reply = m_network->post(request, QByteArray("{}"));
    reply->setParent(scope);
    connect(reply, &QNetworkReply::finished, scope, [this, reply, url, sent, elapsed] {
        reply->deleteLater();
        if (!isRunningCheck(Id::http))
            return;
        const qint64 roundTrip = elapsed->elapsed();
        CheckResult result = blank(Id::http);
        const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
        if (status == 0) {
            ErrorContext context{url, proxyDescription(), m_target.profileName, {}};
            const AwsError error = AwsError::fromNetworkError(reply->error(), reply->errorString());
            CheckFinding finding = ErrorFindings::forError(error, context);
            finding.subjects << url.toString();
            result.addFinding(std::move(finding));
            result.summary = tr("No HTTP answer from %1.").arg(url.toString());
            finish(std::move(result));
            return;
        }
        const QByteArray requestId = reply->rawHeader("x-amzn-RequestId").isEmpty()
            ? reply->rawHeader("x-amz-request-id") : reply->rawHeader("x-amzn-RequestId");
        const QByteArray date = reply->rawHeader("Date");
        result.addEvidence(tr("HTTP status"), QString::number(status));
        if (!requestId.isEmpty()) {
            result.addEvidence(tr("Request id"), QString::fromLatin1(requestId));
            result.requestIds << QString::fromLatin1(requestId);
        }
        if (const QByteArray server = reply->rawHeader("Server"); !server.isEmpty())
            result.addEvidence(tr("Server"), QString::fromLatin1(server));
        result.addEvidence(tr("Date"), date.isEmpty() ? tr("(not sent)") : QString::fromLatin1(date));
        result.addEvidence(tr("Round trip"), tr("%1 ms").arg(roundTrip));
        m_serverDate = aws::AwsClient::parseHttpDate(date);
        m_localMidpoint = sent.addMSecs(roundTrip / 2);
        if (requestId.isEmpty() && !reply->header(QNetworkRequest::ContentTypeHeader).toString().contains(u"json"_s)) {
            CheckFinding finding;
            finding.status = CheckStatus::Warn;
            finding.cause = u"not-aws-answer"_s;
            finding.subjects << url.toString();
            finding.message = tr("The answer (HTTP %1) carries no AWS request id.").arg(status);
            finding.explanation = tr("Something answered, but it does not look like an AWS "
                                     "service: a captive portal, a proxy's error page or another "
                                     "server on that address.");
            finding.fix = tr("Check that %1 points to Secrets Manager (proxy in use: %2).")
                              .arg(url.toString(), proxyDescription());
            result.addFinding(std::move(finding));
        }
        result.summary = tr("%1 answered HTTP %2 in %3 ms.").arg(url.host()).arg(status).arg(roundTrip);
        // The probe is deliberately unsigned: a refusal is the answer that proves the service
        // is there, and a pass must say so rather than look like an error that was ignored.
        if (status >= 400 && status < 500)
            result.summary += u' '
                    + tr("A refusal is what this check expects: it sends an unsigned request, which any AWS "
                         "endpoint turns down, and the answer proves the service is reachable from here.");
        finish(std::move(result));
    });
}

void DiagnosticsRun::evaluateClock()
{
    begin(Id::clock);
    CheckResult result = blank(Id::clock);
    if (!m_serverDate.isValid()) {
        result.status = CheckStatus::Skipped;
        result.summary = tr("Skipped: the endpoint's answer carried no Date header.");
        finish(std::move(result));
        return;
    }
    // The Date header is truncated to the second: compare with the local second it fell in.
    const qint64 skew = m_localMidpoint.secsTo(m_serverDate);
    result.addEvidence(tr("Server time"), formatDate(m_serverDate));
    result.addEvidence(tr("Local time"), formatDate(m_localMidpoint));
    const QString direction = skew > 0 ? tr("this computer is %1 behind").arg(formatDuration(skew))
                            : skew < 0 ? tr("this computer is %1 ahead").arg(formatDuration(skew))
                                       : tr("in step");
    result.addEvidence(tr("Skew"), u"%1 s (%2)"_s.arg(skew).arg(direction));
    if (m_transport && m_transport->clockOffset(m_target.secretsManager.endpoint).count() != 0)
        result.addEvidence(tr("Correction in use"),
                           tr("%1 s (learned from a refused signature)")
                                   .arg(m_transport->clockOffset(m_target.secretsManager.endpoint).count()));
    const qint64 magnitude = std::llabs(skew);
    if (magnitude > m_options.clockSkewWarning.count()) {
        const bool fails = magnitude > m_options.clockSkewFailure.count();
        CheckFinding finding;
        finding.status = fails ? CheckStatus::Fail : CheckStatus::Warn;
        finding.cause = u"clock-skew"_s;
        finding.subjects << tr("local clock");
        finding.message = tr("The local clock differs from the server's by %1 (%2).")
                              .arg(formatDuration(skew), direction);
        finding.explanation = fails
            ? tr("AWS refuses requests signed more than 5 minutes away from its own time "
                 "(RequestTimeTooSkewed, \"Signature expired\"). Coffer corrects its own requests "
                 "after the first refusal, but other tools and SDKs on this computer will fail.")
            : tr("Above 5 minutes AWS refuses signed requests; the clock is drifting towards that.");
        finding.fix = ErrorFindings::clockFix();
        result.addFinding(std::move(finding));
    }
    result.summary = magnitude <= m_options.clockSkewWarning.count()
        ? tr("The clock is within %1 of the server's.").arg(formatDuration(std::max<qint64>(magnitude, 1)))
        : tr("The clock is off by %1.").arg(formatDuration(skew));
    finish(std::move(result));
}

// --- identity ------------------------------------------------------------------------------

void DiagnosticsRun::startCredentials()
{
    QObject *scope = begin(Id::credentials);
    const auto provider = m_target.secretsManager.credentials;
    provider->credentials(scope, [this, provider](Result<aws::AwsCredentials> credentials) {
        if (!isRunningCheck(Id::credentials))
            return;
        CheckResult result = blank(Id::credentials);
        const QString description = provider->description();
        if (!credentials) {
            result.addEvidence(tr("Provider"), description);
            ErrorContext context{m_target.sts.endpoint, proxyDescription(), m_target.profileName, description};
            CheckFinding finding = ErrorFindings::forError(credentials.error(), context);
            result.addFinding(std::move(finding));
            result.summary = tr("No usable credentials: %1").arg(credentials.error().summary());
            finish(std::move(result));
            return;
        }
        result.addEvidence(tr("From"), credentials->source.isEmpty() ? description : credentials->source);
        result.addEvidence(tr("Access key id"), maskedKeyId(credentials->accessKeyId));
        result.addEvidence(tr("Kind"), credentials->isTemporary() ? tr("temporary (session token)")
                                                                   : tr("long-term access key"));
        if (credentials->expiration) {
            m_credentialsExpiry = *credentials->expiration;
            const qint64 left = QDateTime::currentDateTimeUtc().secsTo(*credentials->expiration);
            result.addEvidence(tr("Expires"), tr("%1 (in %2)").arg(formatDate(*credentials->expiration), formatDuration(left)));
            if (left <= m_options.expiryWarning.count()) {
                CheckFinding finding;
                finding.status = left <= 0 ? CheckStatus::Fail : CheckStatus::Warn;
                finding.cause = u"credentials-expiring"_s;
                finding.subjects << description;
                finding.message = left <= 0 ? tr("The temporary credentials have expired.")
                                            : tr("The temporary credentials expire in %1.").arg(formatDuration(left));
                finding.explanation = tr("Temporary credentials stop working when they expire.");
                finding.fix = tr("Refresh them: sign in again (aws sso login) or assume the role again.");
                result.addFinding(std::move(finding));
            }
        }
        if (!credentials->isValid()) {
            CheckFinding finding;
            finding.cause = u"credentials-missing"_s;
            finding.message = tr("The credentials are incomplete (an access key id or secret key is empty).");
            finding.explanation = AwsError::credentialsMissing({}).explanation();
            finding.fix = tr("Enter both parts of the access key again.");
            result.addFinding(std::move(finding));
        }
        result.summary = tr("Found: %1 from %2.")
                             .arg(maskedKeyId(credentials->accessKeyId),
                                  credentials->source.isEmpty() ? description : credentials->source);
        finish(std::move(result));
    });
}

void DiagnosticsRun::startCaller()
{
    QObject *scope = begin(Id::caller);
    m_sts->getCallerIdentity(scope, [this](Result<aws::CallerIdentity> identity) {
        if (!isRunningCheck(Id::caller))
            return;
        CheckResult result = blank(Id::caller);
        result.addEvidence(tr("STS endpoint"), m_target.sts.endpoint.toString());
        if (!identity) {
            m_callerError = identity.error();
            ErrorContext context{m_target.sts.endpoint, proxyDescription(), m_target.profileName,
                                 m_target.secretsManager.credentials->description()};
            result.addFinding(ErrorFindings::forError(identity.error(), context));
            result.summary = tr("GetCallerIdentity failed: %1").arg(identity.error().summary());
            finish(std::move(result));
            return;
        }
        m_caller = *identity;
        result.addEvidence(tr("Account"), identity->account);
        result.addEvidence(tr("ARN"), identity->arn);
        result.addEvidence(tr("User id"), identity->userId);
        const QString resource = identity->arn.section(u':', 5);
        QString kind = resource.section(u'/', 0, 0);
        if (kind == u"assumed-role"_s) {
            result.addEvidence(tr("Principal"), tr("assumed role"));
            result.addEvidence(tr("Role"), resource.section(u'/', 1, 1));
            result.addEvidence(tr("Session"), resource.section(u'/', 2));
        } else if (resource == u"root"_s) {
            result.addEvidence(tr("Principal"), tr("account root user"));
            CheckFinding finding;
            finding.status = CheckStatus::Warn;
            finding.cause = u"root-credentials"_s;
            finding.subjects << identity->arn;
            finding.message = tr("These are the account root user's credentials.");
            finding.explanation = tr("The root user can do everything and cannot be limited by "
                                     "IAM policies; AWS advises against access keys for it.");
            finding.fix = tr("Create an IAM user or role with only the permissions needed and "
                             "delete the root access key.");
            result.addFinding(std::move(finding));
        } else {
            result.addEvidence(tr("Principal"), kind);
        }
        if (m_credentialsExpiry)
            result.addEvidence(tr("Credentials expire"), formatDate(*m_credentialsExpiry));
        result.summary = tr("%1 in account %2.").arg(identity->arn, identity->account);
        finish(std::move(result));
    });
}

QString DiagnosticsRun::principalArn() const
{
    if (!m_caller)
        return {};
    const QString arn = m_caller->arn;
    const QString resource = arn.section(u':', 5);
    if (resource.startsWith(u"assumed-role/"_s)) {
        // The session's role; a role path is not in the session ARN (the simulator needs it).
        return u"arn:%1:iam::%2:role/%3"_s.arg(arnField(arn, 1), m_caller->account, resource.section(u'/', 1, 1));
    }
    if (resource.startsWith(u"federated-user/"_s))
        return {};
    return arn;
}

QString DiagnosticsRun::partition() const
{
    if (m_caller && !arnField(m_caller->arn, 1).isEmpty())
        return arnField(m_caller->arn, 1);
    if (!m_inScope.isEmpty() && !arnField(m_inScope.first().arn, 1).isEmpty())
        return arnField(m_inScope.first().arn, 1);
    return aws::EndpointResolver::partitionOf(m_target.secretsManager.region);
}

QString DiagnosticsRun::accountId() const
{
    if (m_caller && !m_caller->account.isEmpty())
        return m_caller->account;
    for (const aws::SecretMetadata &secret : m_inScope) {
        if (!arnField(secret.arn, 4).isEmpty())
            return arnField(secret.arn, 4);
    }
    return u"*"_s;
}

// --- permissions ---------------------------------------------------------------------------

void DiagnosticsRun::enqueue(const QString &checkId, std::function<void(std::function<void()>)> start)
{
    auto job = std::make_shared<Job>();
    job->checkId = checkId;
    job->start = std::move(start);
    m_queue.append(std::move(job));
    pump();
}

void DiagnosticsRun::pump()
{
    while (m_inFlightTotal < m_options.concurrency && !m_queue.isEmpty()) {
        const std::shared_ptr<Job> job = m_queue.takeFirst();
        if (!isRunningCheck(job->checkId))
            continue;
        const QString id = job->checkId;
        ++m_inFlight[id];
        ++m_inFlightTotal;
        auto released = std::make_shared<bool>(false);
        job->start([this, id, released] {
            if (*released)
                return;
            *released = true;
            if (m_inFlight.value(id) > 0) {
                --m_inFlight[id];
                --m_inFlightTotal;
            }
            pump();
        });
    }
}

void DiagnosticsRun::startListing()
{
    QObject *scope = begin(Id::list);
    aws::ListSecretsRequest request;
    const DiagnosticsScope &target = m_target.scope;
    const QString filterValue = target.isSingleSecret() ? target.secretName : target.prefix;
    if (!filterValue.isEmpty())
        request.filters.append({u"name"_s, {filterValue}});
    request.maxResults = 100;
    m_secrets->listAllSecrets(request, scope, [this, filterValue](Result<aws::ListSecretsResult> listing) {
        if (!isRunningCheck(Id::list))
            return;
        CheckResult result = blank(Id::list);
        result.addEvidence(tr("Scope"), m_target.scope.description());
        result.addEvidence(tr("Filter"), filterValue.isEmpty() ? tr("none") : u"name = %1"_s.arg(filterValue));
        if (!listing) {
            const AwsError &error = listing.error();
            const AccessDenial denial = AccessDenial::fromError(error);
            CheckFinding finding;
            if (denial.isDenied()) {
                finding.cause = AccessDenial::causeName(denial.reason);
                finding.errorCode = error.code;
                finding.message = error.message;
                if (!error.requestId.isEmpty())
                    finding.requestIds << error.requestId;
                finding.subjects << u"secretsmanager:ListSecrets"_s;
                finding.explanation = tr("The identity may not list secrets. ListSecrets cannot be "
                                         "limited to some secrets in IAM: it needs Resource \"*\".");
                if (denial.reason == AccessDenial::Reason::IdentityPolicyImplicitDeny
                    || denial.reason == AccessDenial::Reason::Unspecified) {
                    PermissionNeed need;
                    need.actions << u"secretsmanager:ListSecrets"_s;
                    need.anyResource = true;
                    finding.fixPolicy = FixPolicy::identityStatement(need);
                    finding.fix = tr("Add this statement to an identity policy of %1.")
                                      .arg(principalArn().isEmpty() ? tr("the principal") : principalArn());
                } else {
                    finding.fix = tr("A %1 denies ListSecrets explicitly; an Allow cannot override "
                                     "it. Remove or narrow that Deny statement.")
                                      .arg(finding.cause);
                }
            } else {
                ErrorContext context{m_target.secretsManager.endpoint, proxyDescription(), m_target.profileName,
                                     m_target.secretsManager.credentials->description()};
                finding = ErrorFindings::forError(error, context);
            }
            result.addFinding(std::move(finding));
            result.summary = tr("ListSecrets failed: %1").arg(error.code);
            // One named secret can still be checked without the listing.
            if (m_target.scope.isSingleSecret()) {
                aws::SecretMetadata secret;
                secret.name = m_target.scope.secretName;
                m_sample = {secret};
            }
            finish(std::move(result));
            return;
        }
        QList<aws::SecretMetadata> secrets;
        for (const aws::SecretMetadata &secret : std::as_const(listing->secretList)) {
            if (m_target.scope.isSingleSecret() ? secret.name == m_target.scope.secretName
                                                : secret.name.startsWith(m_target.scope.prefix))
                secrets.append(secret);
        }
        m_inScope = secrets;
        result.addEvidence(tr("Secrets found"), QString::number(secrets.size()));
        if (m_target.scope.isSingleSecret()) {
            if (secrets.isEmpty()) {
                CheckFinding finding;
                finding.status = CheckStatus::Warn;
                finding.cause = u"secret-not-listed"_s;
                finding.subjects << m_target.scope.secretName;
                finding.message = tr("ListSecrets does not return %1.").arg(m_target.scope.secretName);
                finding.explanation = tr("The secret does not exist in %1, is scheduled for deletion, "
                                         "or the name differs (names are case-sensitive).")
                                          .arg(m_target.secretsManager.region);
                finding.fix = tr("Check the name and the region; the checks below try it anyway.");
                result.addFinding(std::move(finding));
                aws::SecretMetadata secret;
                secret.name = m_target.scope.secretName;
                m_sample = {secret};
            } else {
                m_sample = secrets.mid(0, 1);
            }
        } else if (secrets.isEmpty()) {
            CheckFinding finding;
            finding.status = CheckStatus::Warn;
            finding.cause = u"no-secrets"_s;
            finding.subjects << (m_target.scope.prefix.isEmpty() ? tr("all secrets") : m_target.scope.prefix);
            finding.message = tr("No secret is in scope.");
            finding.explanation = tr("Nothing to check: the namespace is empty in %1, or the "
                                     "prefix is misspelt (names are case-sensitive).")
                                      .arg(m_target.secretsManager.region);
            finding.fix = tr("Check the prefix and the region.");
            result.addFinding(std::move(finding));
        } else if (secrets.size() > m_options.sampleSize) {
            // An even spread over the listing, the same every run.
            for (int i = 0; i < m_options.sampleSize; ++i)
                m_sample.append(secrets.at(int(qint64(i) * secrets.size() / m_options.sampleSize)));
            result.addEvidence(tr("Checked"), tr("a sample of %1 of %2, evenly spread")
                                                   .arg(m_sample.size()).arg(secrets.size()));
        } else {
            m_sample = secrets;
        }
        result.summary = tr("ListSecrets returned %n secret(s) in scope.", nullptr, int(secrets.size()));
        finish(std::move(result));
    });
}

void DiagnosticsRun::startSecretProbes()
{
    begin(Id::describe);
    begin(Id::read);
    m_describePending = int(m_sample.size());
    m_readPending = int(m_sample.size());
    for (const aws::SecretMetadata &secret : std::as_const(m_sample)) {
        auto probe = std::make_shared<SecretProbe>();
        probe->name = secret.name;
        probe->arn = secret.arn;
        probe->kmsKeyId = secret.kmsKeyId;
        m_probes.insert(secret.name, probe);
    }
    for (const aws::SecretMetadata &secret : std::as_const(m_sample)) {
        const auto probe = m_probes.value(secret.name);
        enqueue(Id::describe, [this, probe](std::function<void()> release) {
            QObject *scope = m_running.value(Id::describe)->scope;
            m_secrets->describeSecret(probe->name, scope, [this, probe, release](Result<aws::SecretMetadata> meta) {
                if (!isRunningCheck(Id::describe))
                    return;
                if (meta) {
                    probe->described = true;
                    if (!meta->arn.isEmpty())
                        probe->arn = meta->arn;
                    probe->kmsKeyId = meta->kmsKeyId;
                } else {
                    probe->describeError = meta.error();
                }
                --m_describePending;
                release();
                if (m_describePending == 0)
                    finishDescribe();
            });
        });
        enqueue(Id::read, [this, probe](std::function<void()> release) {
            QObject *scope = m_running.value(Id::read)->scope;
            aws::GetSecretValueRequest request;
            request.secretId = probe->name;
            m_secrets->getSecretValue(request, scope, [this, probe, release](Result<aws::SecretValue> value) {
                if (!isRunningCheck(Id::read))
                    return;
                // The value itself is dropped here, unseen: only the fact that it could be read counts.
                if (value) {
                    probe->read = true;
                    if (probe->arn.isEmpty())
                        probe->arn = value->arn;
                } else {
                    probe->readError = value.error();
                }
                --m_readPending;
                release();
                if (m_readPending == 0)
                    finishRead();
            });
        });
    }
}

namespace {

/// Groups failures with the same cause (and KMS key) into one finding.
struct FailureGroup
{
    AccessDenial denial;
    AwsError error;
    QString kmsKey;
    QStringList secrets;
    QStringList requestIds;
};

} // namespace

// Builds the findings of a permission check from the per-secret errors.
static QList<CheckFinding> permissionFindings(
    const QString &action, const QList<std::pair<QString, AwsError>> &failures,
    const QHash<QString, QString> &kmsKeys, const QHash<QString, QString> &arns,
    const DiagnosticsScope &scope, int sampled, const QString &principal, const QString &partition,
    const QString &region, const QString &account, const aws::ClientConfig &config,
    const QString &proxy, const QString &profile, CheckStatus deniedStatus)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun", text);
    };
    QList<FailureGroup> groups;
    QList<QString> keys;
    for (const auto &[secret, error] : failures) {
        const AccessDenial denial = AccessDenial::fromError(error);
        const QString kmsKey = denial.isKms() ? kmsKeys.value(secret) : QString();
        const QString key = denial.isDenied()
            ? AccessDenial::causeName(denial.reason) + u'|' + kmsKey
            : ErrorFindings::causeFor(error) + u'|' + error.code;
        qsizetype index = keys.indexOf(key);
        if (index < 0) {
            keys.append(key);
            groups.append({denial, error, kmsKey, {}, {}});
            index = groups.size() - 1;
        }
        groups[index].secrets.append(secret);
        if (!error.requestId.isEmpty())
            groups[index].requestIds.append(error.requestId);
    }

    const QString who = principal.isEmpty() ? tr("the principal") : principal;
    QList<CheckFinding> findings;
    for (const FailureGroup &group : std::as_const(groups)) {
        CheckFinding finding;
        finding.status = deniedStatus;
        finding.subjects = namesOf(group.secrets);
        finding.errorCode = group.error.code;
        finding.message = group.error.message;
        finding.requestIds = group.requestIds;
        // Region and account of the secrets themselves when their ARN is known.
        const QString someArn = arns.value(group.secrets.first());
        const QString secretRegion = arnField(someArn, 3).isEmpty() ? region : arnField(someArn, 3);
        const QString secretAccount = arnField(someArn, 4).isEmpty() ? account : arnField(someArn, 4);
        switch (group.denial.reason) {
        case AccessDenial::Reason::IdentityPolicyImplicitDeny:
        case AccessDenial::Reason::Unspecified: {
            finding.cause = AccessDenial::causeName(group.denial.reason);
            finding.explanation = QCoreApplication::translate(
                "coffer::diagnostics::DiagnosticsRun",
                "No identity-based policy of %1 allows %2 on %n secret(s): the permission is simply "
                "missing from its user, group or role policies.", nullptr, int(group.secrets.size()))
                                      .arg(who, action);
            PermissionNeed need;
            need.actions << action;
            need.partition = partition;
            need.region = secretRegion;
            need.account = secretAccount;
            if (scope.isSingleSecret())
                need.secretNames << scope.secretName;
            else if (!scope.prefix.isEmpty() && group.secrets.size() == sampled)
                need.prefix = scope.prefix;
            else
                need.secretNames = finding.subjects.mid(0, 20);
            finding.fixPolicy = FixPolicy::identityStatement(need);
            finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                                                      "Add this statement to an identity policy of %1 "
                                                      "(an inline or managed policy of the user or role).")
                              .arg(who);
            break;
        }
        case AccessDenial::Reason::IdentityPolicyExplicitDeny:
            finding.cause = AccessDenial::causeName(group.denial.reason);
            finding.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "An identity-based policy of %1 explicitly denies %2. An explicit Deny always "
                "wins: adding an Allow will not help.").arg(who, action);
            finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "Find the Deny statement for %1 in the policies attached to %2 (and its groups) "
                "and narrow or remove it.").arg(action, who);
            break;
        case AccessDenial::Reason::ResourcePolicyExplicitDeny:
            finding.cause = AccessDenial::causeName(group.denial.reason);
            finding.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "The secret's own resource policy explicitly denies %1 to %2. The identity's "
                "policies are not the problem, and no Allow anywhere can override this Deny.")
                                      .arg(action, who);
            finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "Edit the resource policy of the secret (see it with `aws secretsmanager "
                "get-resource-policy --secret-id %1`) and narrow or remove the Deny statement "
                "that matches %2 and %3; then save it with put-resource-policy.")
                              .arg(group.secrets.first(), who, action);
            break;
        case AccessDenial::Reason::ResourcePolicyImplicitDeny:
            finding.cause = AccessDenial::causeName(group.denial.reason);
            finding.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "The secret belongs to another account, and its resource policy does not allow %1 "
                "to %2.").arg(action, who);
            finding.fixPolicy = FixPolicy::resourcePolicyStatement(principal.isEmpty() ? u"*"_s : principal, {action});
            finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "Add this statement to the secret's resource policy in the owning account (and "
                "allow the same in an identity policy of %1).").arg(who);
            break;
        case AccessDenial::Reason::ServiceControlPolicy:
        case AccessDenial::Reason::PermissionsBoundary:
        case AccessDenial::Reason::SessionPolicy: {
            finding.cause = AccessDenial::causeName(group.denial.reason);
            const QString kind = group.denial.reason == AccessDenial::Reason::ServiceControlPolicy
                ? tr("a service control policy of the organization")
                : group.denial.reason == AccessDenial::Reason::PermissionsBoundary
                    ? tr("the permissions boundary of the identity")
                    : tr("the session policy passed when the role was assumed");
            finding.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "%1 does not let %2 use %3, whatever the identity's own policies allow.").arg(kind, who, action);
            finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "Ask the administrator of %1 to allow %2 for these secrets.").arg(kind, action);
            break;
        }
        case AccessDenial::Reason::KmsAccessDenied: {
            finding.cause = AccessDenial::causeName(group.denial.reason);
            const bool managed = group.kmsKey.isEmpty() || group.kmsKey.contains(u"alias/aws/"_s);
            const QString keyArn = managed
                ? FixPolicy::kmsKeyArn(u"alias/aws/secretsmanager"_s, partition, secretRegion, secretAccount)
                : FixPolicy::kmsKeyArn(group.kmsKey, partition, secretRegion, secretAccount);
            finding.subjects.append(keyArn);
            finding.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "IAM allowed %1, but KMS refused to decrypt the value with the key %2 for %3. "
                "This is not a Secrets Manager permission: the identity needs kms:Decrypt on the "
                "key, and the key's policy must allow it.").arg(action, keyArn, who);
            if (managed) {
                finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                    "The AWS managed key aws/secretsmanager cannot be shared with another account: "
                    "re-encrypt the secret with a customer managed key whose key policy allows %1.").arg(who);
            } else {
                finding.fixPolicy = FixPolicy::kmsDecryptStatement(keyArn, secretRegion, partition);
                finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                    "Add this statement to an identity policy of %1, and make sure the key policy of "
                    "%2 allows it (for example a statement with Principal {\"AWS\": \"%1\"}, Action "
                    "kms:Decrypt, Resource \"*\").").arg(who, keyArn);
            }
            break;
        }
        case AccessDenial::Reason::KmsKeyUnusable: {
            finding.cause = AccessDenial::causeName(group.denial.reason);
            if (!group.kmsKey.isEmpty())
                finding.subjects.append(group.kmsKey);
            finding.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "The secret's KMS key cannot be used: it is disabled, pending deletion, missing, or "
                "the ciphertext does not match it.");
            finding.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                "Check the key %1 in AWS KMS: enable it or cancel its deletion, or re-encrypt the "
                "secret with a usable key.").arg(group.kmsKey.isEmpty() ? tr("(aws/secretsmanager)") : group.kmsKey);
            break;
        }
        case AccessDenial::Reason::NotDenied: {
            const ErrorContext context{config.endpoint, proxy, profile,
                                       config.credentials ? config.credentials->description() : QString()};
            CheckFinding generic = ErrorFindings::forError(group.error, context);
            generic.subjects = finding.subjects;
            generic.requestIds = finding.requestIds;
            if (group.error.kind == ErrorKind::ResourceNotFound) {
                generic.explanation = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                    "No secret by this name exists in %1 (or it is scheduled for deletion).").arg(region);
                generic.fix = QCoreApplication::translate("coffer::diagnostics::DiagnosticsRun",
                    "Check the name (case-sensitive), the region and the account.");
            }
            finding = generic;
            break;
        }
        }
        findings.append(std::move(finding));
    }
    return findings;
}

DiagnosticsRun::ProbeOutcome DiagnosticsRun::probeOutcome(
    const QString &action, bool SecretProbe::*succeeded,
    std::optional<AwsError> SecretProbe::*error) const
{
    ProbeOutcome outcome;
    QList<std::pair<QString, AwsError>> failures;
    QHash<QString, QString> kmsKeys;
    QHash<QString, QString> arns;
    for (const aws::SecretMetadata &secret : std::as_const(m_sample)) {
        const auto probe = m_probes.value(secret.name);
        kmsKeys.insert(probe->name, probe->kmsKeyId);
        arns.insert(probe->name, probe->arn);
        if ((*probe).*succeeded)
            ++outcome.succeeded;
        else if ((*probe).*error)
            failures.append({probe->name, *((*probe).*error)});
    }
    outcome.failed = int(failures.size());
    outcome.findings = permissionFindings(
        action, failures, kmsKeys, arns, m_target.scope, int(m_sample.size()), principalArn(),
        partition(), m_target.secretsManager.region, accountId(), m_target.secretsManager,
        proxyDescription(), m_target.profileName, CheckStatus::Fail);
    return outcome;
}

void DiagnosticsRun::finishDescribe()
{
    if (!isRunningCheck(Id::describe))
        return;
    CheckResult result = blank(Id::describe);
    ProbeOutcome outcome = probeOutcome(u"secretsmanager:DescribeSecret"_s,
                                        &SecretProbe::described, &SecretProbe::describeError);
    result.addEvidence(tr("Described"), tr("%1 of %2").arg(outcome.succeeded).arg(m_sample.size()));
    // Reading values needs GetSecretValue only; DescribeSecret is for browsing metadata.
    for (CheckFinding &finding : outcome.findings) {
        if (finding.cause != u"secret-not-found"_s && !finding.cause.isEmpty()
            && deniedCauses().contains(finding.cause))
            finding.status = CheckStatus::Warn;
        result.addFinding(std::move(finding));
    }
    result.summary = outcome.failed == 0
        ? tr("DescribeSecret allowed on %n secret(s).", nullptr, outcome.succeeded)
        : tr("DescribeSecret failed on %1 of %2 secrets.").arg(outcome.failed).arg(m_sample.size());
    finish(std::move(result));
    if (m_readPending == 0)
        finishRead();
}

void DiagnosticsRun::finishRead()
{
    if (!isRunningCheck(Id::read) || isRunningCheck(Id::describe))
        return;
    CheckResult result = blank(Id::read);
    ProbeOutcome outcome = probeOutcome(u"secretsmanager:GetSecretValue"_s, &SecretProbe::read,
                                        &SecretProbe::readError);
    result.addEvidence(tr("Read"), tr("%1 of %2").arg(outcome.succeeded).arg(m_sample.size()));
    for (CheckFinding &finding : outcome.findings)
        result.addFinding(std::move(finding));
    result.summary = outcome.failed == 0
        ? tr("GetSecretValue allowed on %n secret(s) (values not kept).", nullptr, outcome.succeeded)
        : tr("GetSecretValue failed on %1 of %2 secrets.").arg(outcome.failed).arg(m_sample.size());
    finish(std::move(result));
}

void DiagnosticsRun::startWriteSimulation()
{
    QObject *scope = begin(Id::write);
    const QString principal = principalArn();
    aws::SimulatePrincipalPolicyRequest request;
    request.policySourceArn = principal;
    request.actionNames = {u"secretsmanager:PutSecretValue"_s, u"secretsmanager:UpdateSecret"_s,
                           u"secretsmanager:UpdateSecretVersionStage"_s, u"secretsmanager:TagResource"_s,
                           u"secretsmanager:UntagResource"_s, u"secretsmanager:DeleteSecret"_s};
    for (const aws::SecretMetadata &secret : std::as_const(m_sample)) {
        if (!secret.arn.isEmpty() && request.resourceArns.size() < 10)
            request.resourceArns << secret.arn;
    }
    if (request.resourceArns.isEmpty()) {
        const QString name = m_target.scope.isSingleSecret() ? QString(m_target.scope.secretName + u"-??????"_s)
                                                             : QString(m_target.scope.prefix + u'*');
        request.resourceArns << u"arn:%1:secretsmanager:%2:%3:secret:%4"_s.arg(
            partition(), m_target.secretsManager.region, accountId(), name);
    }
    const QStringList resources = request.resourceArns;
    m_iam->simulatePrincipalPolicy(request, scope, [this, principal, resources](Result<aws::SimulatePrincipalPolicyResult> simulated) {
        if (!isRunningCheck(Id::write))
            return;
        CheckResult result = blank(Id::write);
        result.addEvidence(tr("Principal"), principal);
        result.addEvidence(tr("Method"), tr("IAM SimulatePrincipalPolicy (identity-based policies; nothing is written)"));
        if (!simulated) {
            const AwsError &error = simulated.error();
            result.status = CheckStatus::Skipped;
            if (!error.requestId.isEmpty())
                result.requestIds << error.requestId;
            result.addEvidence(tr("Simulator"), error.summary());
            if (error.kind == ErrorKind::AccessDenied) {
                result.summary = tr("Not verifiable without writing: %1 may not call "
                                    "iam:SimulatePrincipalPolicy.").arg(principal);
                result.addEvidence(tr("To enable this check"),
                                   tr("allow iam:SimulatePrincipalPolicy on %1").arg(principal));
            } else {
                result.summary = tr("Not verifiable without writing: the policy simulator is not "
                                    "available (%1).").arg(error.code.isEmpty() ? AwsError::kindName(error.kind) : error.code);
            }
            finish(std::move(result));
            return;
        }
        QStringList allowed;
        QStringList implicitDenied;
        QStringList explicitDenied;
        for (const aws::EvaluationResult &evaluation : std::as_const(simulated->evaluationResults)) {
            QString decision = evaluation.evalDecision;
            // Per resource, the worst decision counts.
            for (const aws::ResourceSpecificResult &specific : evaluation.resourceSpecificResults) {
                if (specific.evalResourceDecision == u"explicitDeny"_s)
                    decision = specific.evalResourceDecision;
                else if (specific.evalResourceDecision == u"implicitDeny"_s && decision == u"allowed"_s)
                    decision = specific.evalResourceDecision;
            }
            QStringList &bucket = decision == u"allowed"_s ? allowed
                                : decision == u"explicitDeny"_s ? explicitDenied
                                                                : implicitDenied;
            if (!bucket.contains(evaluation.evalActionName))
                bucket << evaluation.evalActionName;
        }
        result.addEvidence(tr("Allowed"), allowed.isEmpty() ? tr("none") : allowed.join(u", "_s));
        if (!implicitDenied.isEmpty())
            result.addEvidence(tr("Not allowed"), implicitDenied.join(u", "_s));
        if (!explicitDenied.isEmpty())
            result.addEvidence(tr("Explicitly denied"), explicitDenied.join(u", "_s));
        const CheckStatus missing = m_options.expectWrite ? CheckStatus::Fail : CheckStatus::Warn;
        if (!implicitDenied.isEmpty()) {
            CheckFinding finding;
            finding.status = missing;
            finding.cause = u"write-not-allowed"_s;
            finding.subjects = implicitDenied;
            finding.message = tr("No identity-based policy of %1 allows %2.").arg(principal, implicitDenied.join(u", "_s));
            finding.explanation = tr("The principal can read but not change these secrets. That is "
                                     "right for an application; an operator editing secrets needs "
                                     "these actions.");
            PermissionNeed need;
            need.actions = implicitDenied;
            need.partition = partition();
            need.region = m_target.secretsManager.region;
            need.account = accountId();
            if (m_target.scope.isSingleSecret())
                need.secretNames << m_target.scope.secretName;
            else if (!m_target.scope.prefix.isEmpty())
                need.prefix = m_target.scope.prefix;
            else
            {
                QStringList names;
                for (const aws::SecretMetadata &secret : std::as_const(m_sample))
                    names << secret.name;
                need.secretNames = namesOf(names).mid(0, 20);
            }
            finding.fixPolicy = FixPolicy::identityStatement(need);
            finding.fix = tr("If %1 should write, add this statement to one of its identity policies.").arg(principal);
            result.addFinding(std::move(finding));
        }
        if (!explicitDenied.isEmpty()) {
            CheckFinding finding;
            finding.status = missing;
            finding.cause = u"write-explicit-deny"_s;
            finding.subjects = explicitDenied;
            finding.message = tr("An identity-based policy of %1 explicitly denies %2.").arg(principal, explicitDenied.join(u", "_s));
            finding.explanation = tr("An explicit Deny always wins; adding an Allow will not help.");
            finding.fix = tr("If %1 should write, narrow or remove that Deny statement.").arg(principal);
            result.addFinding(std::move(finding));
        }
        result.summary = implicitDenied.isEmpty() && explicitDenied.isEmpty()
            ? tr("Every write action is allowed on the secrets checked.")
            : tr("%1 of %2 write actions are allowed.").arg(allowed.size()).arg(allowed.size() + implicitDenied.size() + explicitDenied.size());
        Q_UNUSED(resources);
        finish(std::move(result));
    });
}

} // namespace coffer::diagnostics

namespace coffer::diagnostics {

// --- content ------------------------------------------------------------------------------

void DiagnosticsRun::startContentScan()
{
    QObject *scope = begin(Id::content);
    QStringList names;
    for (const aws::SecretMetadata &secret : std::as_const(m_inScope))
        names.append(secret.name);
    auto result = std::make_shared<CheckResult>(blank(Id::content));
    auto counts = std::make_shared<std::array<int, 3>>();   // secrets, errors, warnings
    auto *scan = new content::ContentScan(m_secrets, names, false, scope);
    scan->setSchemaSet(m_schemas);
    connect(scan, &content::ContentScan::secretInspected, scope,
            [this, result, counts](const QString &name, const QList<content::ContentFinding> &findings) {
                emit secretContentInspected(name, findings);
                ++(*counts)[0];
                for (const content::ContentFinding &finding : findings) {
                    if (finding.severity == content::FindingSeverity::Info)
                        continue;
                    const bool error = finding.severity == content::FindingSeverity::Error;
                    ++(*counts)[error ? 1 : 2];
                    CheckFinding check;
                    check.status = error ? CheckStatus::Fail : CheckStatus::Warn;
                    check.cause = finding.id;
                    check.subjects = {name, finding.pointer.isEmpty() ? u"/"_s : finding.pointer};
                    check.message = name + u": "_s + finding.message;
                    check.explanation = finding.message;
                    check.fix = finding.fix;
                    result->addFinding(std::move(check));
                }
            });
    connect(scan, &content::ContentScan::finished, scope, [this, result, counts] {
        if (!isRunningCheck(Id::content))
            return;
        result->addEvidence(tr("Inspected"), tr("%n secret(s)", nullptr, (*counts)[0]));
        if ((*counts)[1] > 0)
            result->summary = tr("%n error(s) in what the secrets hold.", nullptr, (*counts)[1]);
        else if ((*counts)[2] > 0)
            result->summary = tr("%n warning(s) in what the secrets hold.", nullptr, (*counts)[2]);
        else
            result->summary = tr("No problem found in %n secret(s) (values not kept).", nullptr, (*counts)[0]);
        if (result->status == CheckStatus::Skipped)
            result->status = CheckStatus::Pass;
        finish(std::move(*result));
    });
    scan->start();
}

} // namespace coffer::diagnostics
