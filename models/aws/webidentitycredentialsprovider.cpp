// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/webidentitycredentialsprovider.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <utility>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// A projected service account token is about 1 KiB; anything this large is not a token.
constexpr qint64 MaximumTokenBytes = 64 * 1024;

} // namespace

WebIdentityCredentialsProvider::WebIdentityCredentialsProvider(WebIdentityParams params,
                                                               StsWebIdentityFunction assume)
    : RefreshingCredentialsProvider(std::chrono::minutes(5))
    , m_params(std::move(params))
    , m_assume(std::move(assume))
{
    m_params.webIdentityToken.clear();
}

WebIdentityCredentialsProvider::~WebIdentityCredentialsProvider()
{
    endCallbacks();
}

QString WebIdentityCredentialsProvider::origin() const
{
    return m_params.profile.isEmpty() ? tr("AWS_WEB_IDENTITY_TOKEN_FILE")
                                      : tr("profile '%1'").arg(m_params.profile);
}

QString WebIdentityCredentialsProvider::description() const
{
    return tr("role %1 with the web identity token in %2 (%3)")
        .arg(m_params.roleArn, m_params.tokenFile, origin());
}

Result<QString> WebIdentityCredentialsProvider::readToken(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return std::unexpected(AwsError::credentialsMissing(
            tr("the web identity token file %1 does not exist (in a pod, is the service account "
               "token projected? in CI, was the token written before this step?)")
                .arg(path)));
    }
    QFile file(path);
    if (info.isDir() || !file.open(QIODevice::ReadOnly)) {
        return std::unexpected(AwsError::credentialsMissing(
            tr("cannot read the web identity token file %1: %2")
                .arg(path, info.isDir() ? tr("it is a folder") : file.errorString())));
    }
    const QByteArray content = file.read(MaximumTokenBytes + 1);
    if (content.size() > MaximumTokenBytes) {
        return std::unexpected(AwsError::credentialsMissing(
            tr("the web identity token file %1 is larger than %2 KiB: it does not hold a token")
                .arg(path)
                .arg(MaximumTokenBytes / 1024)));
    }
    const QString token = QString::fromUtf8(content).trimmed();
    if (token.isEmpty()) {
        return std::unexpected(
            AwsError::credentialsMissing(tr("the web identity token file %1 is empty").arg(path)));
    }
    return token;
}

AwsError WebIdentityCredentialsProvider::withAdvice(AwsError error, const WebIdentityParams &params)
{
    QString advice;
    const QString code = AwsError::normalizedCode(error.code);
    const QString said = error.message;
    if (code == u"InvalidIdentityToken") {
        // STS's sentence says which check failed; the advice names what to look at for it.
        if (said.contains(u"audience"_s, Qt::CaseInsensitive)) {
            advice = tr("the audience (aud) of the token in %1 is not one of the audiences (client "
                        "IDs) of its IAM OIDC identity provider: request the token for "
                        "sts.amazonaws.com, or add its audience to the provider")
                         .arg(params.tokenFile);
        } else if (said.contains(u"OpenIDConnect provider"_s, Qt::CaseInsensitive)) {
            advice = tr("no IAM OIDC identity provider exists for the issuer (iss) of the token "
                        "in %1: create one for that issuer in the role's account")
                         .arg(params.tokenFile);
        } else if (said.contains(u"JWT"_s)) {
            advice = tr("the file %1 does not hold an OIDC ID token (a JWT): check what writes it")
                         .arg(params.tokenFile);
        } else {
            advice = tr("STS could not verify the token in %1: check that it is the identity "
                        "provider's signed ID token, that the provider's keys (its JWKS) are "
                        "reachable, and that the IAM OIDC identity provider is for its issuer "
                        "(iss) and audience (aud)")
                         .arg(params.tokenFile);
        }
        // The identity was refused: to scripts and the explanation, an access problem.
        error.kind = ErrorKind::AccessDenied;
    } else if (code == u"ExpiredTokenException" || code == u"ExpiredToken") {
        advice = tr("the token in %1 has expired: the job or pod must write a fresh one (a "
                    "projected service account token is renewed by the kubelet; a CI token lasts "
                    "minutes, so request it right before use)")
                     .arg(params.tokenFile);
    } else if (code == u"AccessDenied" || code == u"AccessDeniedException") {
        advice = tr("role %1 does not trust this token: check that the role's trust policy allows "
                    "sts:AssumeRoleWithWebIdentity for the token's identity provider "
                    "(Federated: its oidc-provider ARN), and that its conditions (aud, sub) match "
                    "the token")
                     .arg(params.roleArn);
    } else if (code == u"IDPRejectedClaim") {
        advice = tr("the identity provider rejected a claim of the token in %1; get a new token")
                     .arg(params.tokenFile);
        error.kind = ErrorKind::AccessDenied;
    }
    if (!advice.isEmpty()) {
        QString message = said.trimmed();
        if (!message.isEmpty() && !message.endsWith(u'.') && !message.endsWith(u')'))
            message += u'.';
        if (!advice.isEmpty())
            advice[0] = advice.at(0).toUpper();
        error.message = message.isEmpty() ? advice : message + u' ' + advice;
    }
    return error;
}

void WebIdentityCredentialsProvider::fetch()
{
    if (!m_assume) {
        finish(std::unexpected(AwsError::configuration(
            tr("%1 assumes a role with a web identity token, but no STS client is available")
                .arg(origin()))));
        return;
    }
    auto token = readToken(m_params.tokenFile);
    if (!token) {
        AwsError error = token.error();
        error.message = tr("%1: %2").arg(origin(), error.message);
        finish(std::unexpected(error));
        return;
    }
    WebIdentityParams params = m_params;
    params.webIdentityToken = std::move(*token);
    if (params.roleSessionName.isEmpty())
        params.roleSessionName = u"coffer-"_s + QString::number(now().toSecsSinceEpoch());
    m_assume(params, guard(), [this](Result<AwsCredentials> result) {
        if (!result) {
            finish(std::unexpected(withAdvice(result.error(), m_params)));
            return;
        }
        if (!result->isValid() || !result->expiration) {
            AwsError error;
            error.kind = ErrorKind::ProtocolError;
            error.code = u"AssumeRoleWithWebIdentityResponse"_s;
            error.message = tr("STS answered AssumeRoleWithWebIdentity for %1 without "
                               "credentials")
                                .arg(m_params.roleArn);
            finish(std::unexpected(error));
            return;
        }
        result->source = description();
        finish(result);
    });
}

} // namespace coffer::aws
