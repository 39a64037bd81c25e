// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"
#include "models/aws/ssotokencache.h"
#include "models/aws/ssotokenprovider.h"
#include "models/aws/ssotypes.h"
#include "models/profiles/profile.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

#include <memory>

namespace coffer::aws {
class AwsClient;
class IdentityCenterClient;
} // namespace coffer::aws

namespace coffer {

/**
 * The "New SSO profile" task: signs in to IAM Identity Center with a start URL and region,
 * lists every account the user can reach (all pages of ListAccounts) and, for one account, its
 * roles (ListAccountRoles), so that a Profile of Kind::Sso can be made from the choice. Used
 * by SsoProfileDialog; nothing is written to the user's files but the token cache the AWS CLI
 * shares (and only by signing in).
 *
 *     setup.setLoginFunction(SsoSignInDialog::loginFunction(window));
 *     connect(&setup, &SsoProfileSetup::accountsListed, ...);
 *     if (auto started = setup.start(draft); !started) show(started.error());
 *
 * A missing or expired token asks the login function; a portal that answers 401 (signed out
 * elsewhere) asks it once more. Every failure is `failed` with a sentence for people.
 */
class SsoProfileSetup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoProfileSetup)

public:
    explicit SsoProfileSetup(aws::AwsClient *transport,
                             QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                             QObject *parent = nullptr);
    ~SsoProfileSetup() override;

    void setLoginFunction(aws::SsoLoginFunction login) { m_login = std::move(login); }

    /// Signs in with `draft` (Kind::Sso: start URL, sso region, session name, endpoint) when
    /// needed, then lists the accounts. An unusable draft is an error at once.
    [[nodiscard]] aws::Result<void> start(const Profile &draft);
    /// Lists the roles of `accountId` (after accountsListed).
    void listRoles(const QString &accountId);
    /// Stops what is under way; no signal follows.
    void cancel();

    [[nodiscard]] bool isBusy() const { return m_call != nullptr || m_waitingForToken; }
    [[nodiscard]] const Profile &draft() const { return m_draft; }
    [[nodiscard]] const QList<aws::SsoAccount> &accounts() const { return m_accounts; }
    [[nodiscard]] aws::SsoTokenCache tokenCache() const;

    /// What a failure means for the user, from the service's error.
    [[nodiscard]] static QString explain(const aws::AwsError &error);

Q_SIGNALS:
    void accountsListed(const QList<aws::SsoAccount> &accounts);
    void rolesListed(const QString &accountId, const QList<aws::SsoAccountRole> &roles);
    void failed(const QString &message);

private:
    /// Runs `work` with a valid access token; `retried` after a 401 signs in again once.
    void withToken(std::function<void(const QString &accessToken)> work);
    void listAccountsPage(const QString &accessToken, const QString &nextToken, bool retried);
    void listRolesPage(const QString &accessToken, const QString &accountId,
                       const QString &nextToken, bool retried);
    /// True (and handled) when `error` is the portal refusing the token: signs in again once.
    bool signInAgainOn(const aws::AwsError &error, bool retried,
                       std::function<void(const QString &accessToken)> again);
    void fail(const aws::AwsError &error);

    QPointer<aws::AwsClient> m_transport;
    QProcessEnvironment m_env;
    aws::SsoLoginFunction m_login;
    Profile m_draft;
    std::shared_ptr<aws::IdentityCenterClient> m_client;
    std::shared_ptr<aws::SsoTokenProvider> m_tokens;
    QPointer<aws::AwsCall> m_call;
    bool m_waitingForToken = false;
    int m_generation = 0;
    QList<aws::SsoAccount> m_accounts;
    QList<aws::SsoAccountRole> m_roles;
};

} // namespace coffer
