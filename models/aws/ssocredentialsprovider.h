// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/refreshingcredentialsprovider.h"
#include "models/aws/ssotokenprovider.h"

#include <QCoreApplication>

#include <memory>

namespace coffer::aws {

/**
 * Credentials of an IAM Identity Center profile: the access token (SsoTokenProvider, shared
 * with the AWS CLI) buys role credentials for `sso_account_id` / `sso_role_name` from the
 * portal's GetRoleCredentials. They are kept until 10 minutes before they expire, then bought
 * again, so a session that lasts all day keeps working as long as the sign-in does.
 *
 * A portal answering 401 (signed out, revoked, or a token the service no longer knows) becomes
 * SsoProfile::loginRequired(): with a login function (the GUI), the user is asked to sign in
 * again and the call goes on; the CLI says what to run.
 */
class SsoCredentialsProvider final : public RefreshingCredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::SsoCredentialsProvider)

public:
    explicit SsoCredentialsProvider(std::shared_ptr<SsoTokenProvider> tokens);
    ~SsoCredentialsProvider() override;

    [[nodiscard]] QString description() const override;

    [[nodiscard]] const std::shared_ptr<SsoTokenProvider> &tokens() const { return m_tokens; }
    /// The clock of the token provider too.
    void setClock(std::function<QDateTime()> clock) override;

private:
    void fetch() override;
    void buyRoleCredentials(const QString &accessToken, bool maySignInAgain);

    std::shared_ptr<SsoTokenProvider> m_tokens;
};

} // namespace coffer::aws
