// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/errorfindings.h"

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

using aws::ErrorKind;

bool ErrorFindings::isCredentialsProblem(const aws::AwsError &error)
{
    switch (error.kind) {
    case ErrorKind::InvalidSignature:
    case ErrorKind::UnrecognizedClient:
    case ErrorKind::ExpiredToken:
    case ErrorKind::CredentialsMissing:
        return !error.isClockSkew();
    default:
        return false;
    }
}

bool ErrorFindings::isTransportProblem(const aws::AwsError &error)
{
    switch (error.kind) {
    case ErrorKind::HostNotFound:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::TlsFailure:
    case ErrorKind::Timeout:
    case ErrorKind::NetworkFailure:
    case ErrorKind::ProtocolError:
        return true;
    default:
        return false;
    }
}

QString ErrorFindings::causeFor(const aws::AwsError &error)
{
    if (error.isClockSkew())
        return u"clock-skew"_s;
    switch (error.kind) {
    case ErrorKind::InvalidSignature: return u"invalid-signature"_s;
    case ErrorKind::UnrecognizedClient: return u"unknown-access-key"_s;
    case ErrorKind::ExpiredToken: return u"expired-token"_s;
    case ErrorKind::CredentialsMissing: return u"credentials-missing"_s;
    case ErrorKind::Configuration: return u"configuration"_s;
    case ErrorKind::HostNotFound: return u"dns-failure"_s;
    case ErrorKind::ConnectionRefused: return u"connection-refused"_s;
    case ErrorKind::TlsFailure: return u"tls-failure"_s;
    case ErrorKind::Timeout: return u"timeout"_s;
    case ErrorKind::NetworkFailure: return u"network-failure"_s;
    case ErrorKind::ProtocolError: return u"protocol-error"_s;
    case ErrorKind::ResourceNotFound: return u"secret-not-found"_s;
    case ErrorKind::Throttling: return u"throttling"_s;
    case ErrorKind::Cancelled: return u"cancelled"_s;
    default: return u"service-error"_s;
    }
}

QString ErrorFindings::clockFix()
{
    return tr("Synchronise this computer's clock: on Linux run `timedatectl set-ntp true` "
              "(systemd-timesyncd) or, with chrony, `sudo chronyc makestep`; on macOS turn on "
              "\"Set time and date automatically\"; on Windows run `w32tm /resync`. Also check "
              "the time zone setting.");
}

CheckFinding ErrorFindings::forError(const aws::AwsError &error, const ErrorContext &context)
{
    CheckFinding finding;
    finding.status = CheckStatus::Fail;
    finding.cause = causeFor(error);
    finding.errorCode = error.code;
    finding.message = error.message.isEmpty() ? error.summary() : error.message;
    finding.explanation = error.explanation();
    if (!error.requestId.isEmpty())
        finding.requestIds << error.requestId;
    const QString endpoint = context.endpoint.toString();
    const QString host = context.endpoint.host();
    const QString profile = context.profile.isEmpty() ? tr("the profile in use") : context.profile;

    if (finding.cause == u"clock-skew"_s) {
        finding.explanation = tr("AWS refused the signature because this computer's clock is too "
                                 "far from AWS time (more than 5 minutes breaks request signing).");
        finding.fix = clockFix();
        return finding;
    }
    switch (error.kind) {
    case ErrorKind::InvalidSignature:
        finding.explanation = tr("The access key id is known to AWS, but the request was signed "
                                 "with a different secret access key: the secret key stored for "
                                 "%1 is wrong (mistyped, or the key was rotated).").arg(profile);
        finding.fix = tr("Enter the secret access key again for %1 (credentials from: %2), or "
                         "create a new access key in IAM and store both parts.")
                          .arg(profile, context.credentialsSource.isEmpty() ? tr("unknown") : context.credentialsSource);
        break;
    case ErrorKind::UnrecognizedClient:
        finding.explanation = tr("AWS does not know this access key id: it was deleted or "
                                 "deactivated, belongs to another partition, or the endpoint is "
                                 "not the one the key was made for.");
        finding.fix = tr("Check the access key in IAM (is it Active?) and update the "
                         "credentials of %1 (credentials from: %2).")
                          .arg(profile, context.credentialsSource.isEmpty() ? tr("unknown") : context.credentialsSource);
        break;
    case ErrorKind::ExpiredToken:
        finding.fix = tr("Get fresh temporary credentials: sign in again (aws sso login, or "
                         "assume the role again with a current MFA code), then rerun the check.");
        break;
    case ErrorKind::CredentialsMissing:
        finding.fix = tr("Add credentials to %1: an access key (stored in the OS keychain), a "
                         "role to assume, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.")
                          .arg(profile);
        break;
    case ErrorKind::Configuration:
        finding.fix = tr("Correct the profile: %1").arg(error.message);
        break;
    case ErrorKind::HostNotFound:
        finding.explanation = tr("The name %1 could not be resolved to an address.").arg(host);
        finding.fix = tr("Check the endpoint %1 (spelling, region) and this computer's DNS; "
                         "proxy in use: %2. On a private network, a VPC endpoint or a DNS "
                         "forwarder may be needed.").arg(endpoint, context.proxy);
        break;
    case ErrorKind::ConnectionRefused:
        finding.explanation = tr("%1 answered that nothing listens on port %2.")
                                  .arg(host)
                                  .arg(context.endpoint.port(context.endpoint.scheme() == u"https"_s ? 443 : 80));
        finding.fix = tr("Check the endpoint %1 (port, and that the service or emulator is "
                         "running) and any firewall; proxy in use: %2.").arg(endpoint, context.proxy);
        break;
    case ErrorKind::TlsFailure:
        finding.fix = tr("See the TLS check for the certificate that failed; endpoint %1, proxy "
                         "in use: %2.").arg(endpoint, context.proxy);
        break;
    case ErrorKind::Timeout:
    case ErrorKind::NetworkFailure:
        finding.fix = tr("Check the connection to %1: network, VPN, firewall; proxy in use: %2.")
                          .arg(endpoint, context.proxy);
        break;
    case ErrorKind::ProtocolError:
        finding.fix = tr("Check that %1 is a Secrets Manager endpoint (or a compatible "
                         "emulator) and that no proxy rewrites the answers (proxy in use: %2).")
                          .arg(endpoint, context.proxy);
        break;
    default:
        finding.fix = error.explanation();
        break;
    }
    return finding;
}

} // namespace coffer::diagnostics
