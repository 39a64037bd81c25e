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

class AwsCliRoleCache;

/// One sts:AssumeRole call, as a profile's `role_arn` and its companions describe it.
struct AssumeRoleParams
{
    QString roleArn;
    QString roleSessionName;             ///< `role_session_name`; "coffer-<epoch>" if not set
    QString externalId;                  ///< `external_id`, empty when not set
    QString mfaSerial;                   ///< `mfa_serial`, empty when not set
    QString mfaTokenCode;                ///< the one-time code for `mfaSerial`
    std::optional<int> durationSeconds;  ///< `duration_seconds`; STS's default (1 hour) if unset
    QString region;                      ///< region to call STS in; empty: STS's global endpoint
    QString profile;                     ///< the profile that asks for the role, for messages
    AwsCredentials sourceCredentials;    ///< what to sign the AssumeRole call with
};

/// Makes the sts:AssumeRole call (StsClient::assumeRole behind an adaptor, or a fake in tests).
/// Calls `callback` once, never after `context` is destroyed, with temporary credentials
/// (expiration set) or the error.
using StsAssumeRoleFunction = std::function<void(const AssumeRoleParams &params, QObject *context,
                                                 CredentialsProvider::Callback callback)>;

/// What a prompt for an MFA code shows the user.
struct MfaCodeRequest
{
    QString profile;
    QString roleArn;
    QString mfaSerial;
};

/// Asks the user for the current code of an MFA device; `answer(std::nullopt)` when cancelled.
using MfaCodeFunction = std::function<void(const MfaCodeRequest &request, QObject *context,
                                           std::function<void(std::optional<QString>)> answer)>;

/**
 * Credentials of an assumed IAM role: asks `source` for the credentials to sign with, makes the
 * AssumeRole call through the injected function, and caches the temporary credentials until
 * shortly before they expire, so a session calls STS once an hour rather than once a request.
 *
 * A role with `mfa_serial` needs a one-time code for every AssumeRole call: from
 * setMfaTokenCode() if given, else from the MFA function; without either the call fails with
 * the error code "MfaTokenCodeRequired" (kind CredentialsMissing), which a caller can answer by
 * asking the user, calling setMfaTokenCode() and trying again.
 */
class AssumeRoleCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::AssumeRoleCredentialsProvider)

public:
    /// `params.sourceCredentials` and `params.mfaTokenCode` are ignored: they are fetched.
    AssumeRoleCredentialsProvider(AssumeRoleParams params,
                                  std::shared_ptr<CredentialsProvider> source,
                                  StsAssumeRoleFunction assumeRole);
    ~AssumeRoleCredentialsProvider() override;

    /// Drops the kept role credentials and asks the source to drop its own.
    void invalidate() override;
    [[nodiscard]] QString description() const override;

    void setMfaCodeFunction(MfaCodeFunction function);
    /// Shares sessions with the AWS CLI through its assume-role cache: a fresh cached session
    /// is used without calling STS (or asking for an MFA code), and a new one is written there.
    void setRoleCache(std::shared_ptr<const AwsCliRoleCache> cache);
    /// A code for the next AssumeRole call only (codes are single-use).
    void setMfaTokenCode(const QString &code);
    // Kept credentials are renewed 5 minutes before they expire (setRefreshWindow()).

    [[nodiscard]] const AssumeRoleParams &params() const { return m_params; }
    [[nodiscard]] const std::shared_ptr<CredentialsProvider> &source() const { return m_source; }

private:
    void fetch() override;
    void callSts(AssumeRoleParams params);

    AssumeRoleParams m_params;
    std::shared_ptr<CredentialsProvider> m_source;
    StsAssumeRoleFunction m_assumeRole;
    MfaCodeFunction m_mfaCode;
    std::shared_ptr<const AwsCliRoleCache> m_roleCache;
    QString m_mfaTokenCode;
};

} // namespace coffer::aws
