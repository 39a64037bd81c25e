// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/refreshingcredentialsprovider.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace coffer::aws {

/// One sts:AssumeRoleWithWebIdentity call, as a profile's `web_identity_token_file` +
/// `role_arn` or the AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN variables describe it.
struct WebIdentityParams
{
    QString roleArn;
    QString roleSessionName; ///< "coffer-<epoch>" when not set
    QString tokenFile; ///< read afresh for every call (Kubernetes rotates it)
    std::optional<int> durationSeconds; ///< STS's default (1 hour) when not set
    QString region; ///< region to call STS in; empty: resolved by the caller
    QString profile; ///< the profile, empty when configured by the environment
    QString webIdentityToken; ///< the file's content, filled in for each call
};

/// Makes the (unsigned) sts:AssumeRoleWithWebIdentity call: StsWebIdentityAdapter, or a fake in
/// tests. Calls `callback` once, never after `context` is destroyed, with temporary credentials
/// (expiration set) or the error.
using StsWebIdentityFunction = std::function<void(const WebIdentityParams &params, QObject *context,
                                                  CredentialsProvider::Callback callback)>;

/**
 * Credentials of a role assumed with a web identity token: what CI jobs (GitHub Actions,
 * GitLab) and Kubernetes pods (EKS IRSA) use. On every refresh it reads the token file again
 * (the issuer rotates it), trades the token for the role's temporary credentials through the
 * injected function, and caches them until shortly before they expire.
 *
 * A missing, unreadable or empty token file is reported with its name; STS's refusals
 * (InvalidIdentityToken, ExpiredTokenException, AccessDenied) keep their code and message, with
 * a sentence saying what to check added to the message.
 */
class WebIdentityCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::WebIdentityCredentialsProvider)

public:
    /// `params.webIdentityToken` is ignored: it is read from `params.tokenFile`.
    WebIdentityCredentialsProvider(WebIdentityParams params, StsWebIdentityFunction assume);
    ~WebIdentityCredentialsProvider() override;

    [[nodiscard]] QString description() const override;


    [[nodiscard]] const WebIdentityParams &params() const { return m_params; }

    /// The token in `path`, trimmed; fails naming the file when it is missing, unreadable or
    /// empty.
    [[nodiscard]] static Result<QString> readToken(const QString &path);
    /// `error` (an STS refusal) with what to check added to its message.
    [[nodiscard]] static AwsError withAdvice(AwsError error, const WebIdentityParams &params);

private:
    void fetch() override;
    [[nodiscard]] QString origin() const;

    WebIdentityParams m_params;
    StsWebIdentityFunction m_assume;
};

} // namespace coffer::aws
