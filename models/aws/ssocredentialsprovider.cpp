// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/ssocredentialsprovider.h"

#include "models/aws/identitycenterclient.h"
#include "models/aws/ssoprofile.h"

using namespace Qt::StringLiterals;

namespace coffer::aws {

SsoCredentialsProvider::SsoCredentialsProvider(std::shared_ptr<SsoTokenProvider> tokens)
    : RefreshingCredentialsProvider(std::chrono::minutes(10))
    , m_tokens(std::move(tokens))
{
    Q_ASSERT(m_tokens);
}

SsoCredentialsProvider::~SsoCredentialsProvider()
{
    endCallbacks();
}

void SsoCredentialsProvider::setClock(std::function<QDateTime()> clock)
{
    RefreshingCredentialsProvider::setClock(clock);
    m_tokens->setClock(std::move(clock));
}

QString SsoCredentialsProvider::description() const
{
    const SsoProfileConfig &config = m_tokens->config();
    return tr("IAM Identity Center (%1, account %2, role %3)")
        .arg(config.tokenName(), config.accountId, config.roleName);
}

void SsoCredentialsProvider::fetch()
{
    if (!m_tokens->client()) {
        finish(std::unexpected(AwsError::configuration(
            tr("Profile '%1' signs in with IAM Identity Center, which this part of Coffer cannot reach.")
                .arg(m_tokens->config().profile))));
        return;
    }
    m_tokens->token(guard(), [this](Result<SsoCachedToken> token) {
        if (!token) {
            finish(std::unexpected(token.error()));
            return;
        }
        buyRoleCredentials(token->accessToken, m_tokens->canAskToSignIn());
    });
}

void SsoCredentialsProvider::buyRoleCredentials(const QString &accessToken, bool maySignInAgain)
{
    const SsoProfileConfig &config = m_tokens->config();
    m_tokens->client()->getRoleCredentials(
        accessToken, config.accountId, config.roleName, guard(),
        [this, maySignInAgain](Result<AwsCredentials> role) {
            const SsoProfileConfig &config = m_tokens->config();
            if (!role) {
                if (role.error().code == u"UnauthorizedException"_s || role.error().httpStatus == 401) {
                    const AwsError refused = SsoProfile::loginRequired(
                        config, tr("IAM Identity Center no longer accepts the sign-in of profile '%1' (it was "
                                   "signed out or revoked).")
                                    .arg(config.profile));
                    if (!maySignInAgain) {
                        finish(std::unexpected(refused));
                        return;
                    }
                    m_tokens->signInAgain(refused, guard(), [this](Result<SsoCachedToken> token) {
                        if (!token)
                            finish(std::unexpected(token.error()));
                        else
                            buyRoleCredentials(token->accessToken, false);
                    });
                } else if (role.error().code == u"ForbiddenException"_s
                           || role.error().code == u"ResourceNotFoundException"_s) {
                    AwsError error = role.error();
                    error.message = tr("IAM Identity Center gives the signed-in user no role '%1' in account %2 "
                                       "(%3). Check sso_account_id and sso_role_name of profile '%4' (%5).")
                                        .arg(config.roleName, config.accountId, role.error().message,
                                             config.profile, config.location);
                    finish(std::unexpected(std::move(error)));
                } else {
                    finish(std::unexpected(role.error()));
                }
                return;
            }
            AwsCredentials credentials = *role;
            credentials.source = description();
            finish(credentials);
        });
}

} // namespace coffer::aws
