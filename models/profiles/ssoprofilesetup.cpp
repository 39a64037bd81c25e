// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/ssoprofilesetup.h"

#include "models/aws/awscall.h"
#include "models/aws/awsclient.h"
#include "models/aws/identitycenterclient.h"
#include "models/aws/ssoprofile.h"
#include "models/profiles/profileconnector.h"

using namespace Qt::StringLiterals;

namespace coffer {

using aws::AwsError;
using aws::ErrorKind;
using aws::Result;

namespace {

bool isPortalRefusal(const AwsError &error)
{
    return error.code == u"UnauthorizedException"_s || error.httpStatus == 401;
}

} // namespace

SsoProfileSetup::SsoProfileSetup(aws::AwsClient *transport, QProcessEnvironment env,
                                 QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_env(std::move(env))
{ }

SsoProfileSetup::~SsoProfileSetup()
{
    cancel();
}

aws::SsoTokenCache SsoProfileSetup::tokenCache() const
{
    ProfileConnector connector(nullptr, m_transport);
    connector.setEnvironment(m_env);
    return connector.ssoTokenCache();
}

Result<void> SsoProfileSetup::start(const Profile &draft)
{
    cancel();
    // Account and role are what this task finds out: check the rest with stand-ins.
    Profile checked = draft;
    checked.kind = Profile::Kind::Sso;
    if (checked.name.isEmpty())
        checked.name = u"sso"_s;
    checked.ssoAccountId = u"000000000000"_s;
    checked.ssoRoleName = u"-"_s;
    if (const QString invalid = checked.validationError(); !invalid.isEmpty())
        return std::unexpected(AwsError::configuration(invalid));

    ProfileConnector connector(nullptr, m_transport);
    connector.setEnvironment(m_env);
    auto client = connector.identityCenterFor(draft);
    if (!client)
        return std::unexpected(client.error());
    m_draft = draft;
    m_client = std::move(*client);
    m_tokens = std::make_shared<aws::SsoTokenProvider>(draft.ssoConfig(), connector.ssoTokenCache(),
                                                       m_client);
    if (m_login)
        m_tokens->setLoginFunction(m_login);
    m_accounts.clear();
    withToken([this](const QString &accessToken) { listAccountsPage(accessToken, {}, false); });
    return {};
}

void SsoProfileSetup::listRoles(const QString &accountId)
{
    Q_ASSERT(m_tokens);
    if (m_call)
        m_call->cancel();
    ++m_generation;
    m_roles.clear();
    withToken([this, accountId](const QString &accessToken) {
        listRolesPage(accessToken, accountId, {}, false);
    });
}

void SsoProfileSetup::cancel()
{
    ++m_generation;
    m_waitingForToken = false;
    if (m_call)
        m_call->cancel();
    m_call = nullptr;
}

void SsoProfileSetup::withToken(std::function<void(const QString &accessToken)> work)
{
    m_waitingForToken = true;
    m_tokens->token(this,
                    [this, generation = m_generation,
                     work = std::move(work)](Result<aws::SsoCachedToken> token) {
                        if (generation != m_generation)
                            return;
                        m_waitingForToken = false;
                        if (!token)
                            return fail(token.error());
                        work(token->accessToken);
                    });
}

bool SsoProfileSetup::signInAgainOn(const AwsError &error, bool retried,
                                    std::function<void(const QString &accessToken)> again)
{
    if (!isPortalRefusal(error))
        return false;
    AwsError refused = AwsError::credentialsMissing(
        tr("IAM Identity Center no longer accepts this sign-in (it was signed out or revoked): "
           "sign in again."));
    refused.code = QString(aws::SsoProfile::loginRequiredCode);
    if (retried || !m_tokens->canAskToSignIn()) {
        fail(refused);
        return true;
    }
    m_waitingForToken = true;
    m_tokens->signInAgain(refused, this,
                          [this, generation = m_generation,
                           again = std::move(again)](Result<aws::SsoCachedToken> token) {
                              if (generation != m_generation)
                                  return;
                              m_waitingForToken = false;
                              if (!token)
                                  return fail(token.error());
                              again(token->accessToken);
                          });
    return true;
}

void SsoProfileSetup::listAccountsPage(const QString &accessToken, const QString &nextToken,
                                       bool retried)
{
    m_call = m_client->listAccounts(
        accessToken, nextToken, this,
        [this, generation = m_generation, accessToken,
         retried](Result<aws::SsoPage<aws::SsoAccount>> page) {
            if (generation != m_generation)
                return;
            m_call = nullptr;
            if (!page) {
                if (signInAgainOn(page.error(), retried, [this](const QString &token) {
                        m_accounts.clear();
                        listAccountsPage(token, {}, true);
                    })) {
                    return;
                }
                return fail(page.error());
            }
            m_accounts += page->items;
            if (!page->nextToken.isEmpty())
                return listAccountsPage(accessToken, page->nextToken, retried);
            if (m_accounts.isEmpty()) {
                return fail(AwsError::configuration(
                    tr("You are signed in, but IAM Identity Center assigns you no account. Ask "
                       "your administrator for an assignment, then try again.")));
            }
            Q_EMIT accountsListed(m_accounts);
        });
}

void SsoProfileSetup::listRolesPage(const QString &accessToken, const QString &accountId,
                                    const QString &nextToken, bool retried)
{
    m_call = m_client->listAccountRoles(
        accessToken, accountId, nextToken, this,
        [this, generation = m_generation, accessToken, accountId,
         retried](Result<aws::SsoPage<aws::SsoAccountRole>> page) {
            if (generation != m_generation)
                return;
            m_call = nullptr;
            if (!page) {
                if (signInAgainOn(page.error(), retried, [this, accountId](const QString &token) {
                        m_roles.clear();
                        listRolesPage(token, accountId, {}, true);
                    })) {
                    return;
                }
                return fail(page.error());
            }
            m_roles += page->items;
            if (!page->nextToken.isEmpty())
                return listRolesPage(accessToken, accountId, page->nextToken, retried);
            if (m_roles.isEmpty()) {
                return fail(AwsError::configuration(
                    tr("IAM Identity Center gives you no role in account %1. Choose another "
                       "account, or ask your administrator for a permission set.")
                        .arg(accountId)));
            }
            Q_EMIT rolesListed(accountId, m_roles);
        });
}

void SsoProfileSetup::fail(const AwsError &error)
{
    if (error.kind == ErrorKind::Cancelled)
        return;
    Q_EMIT failed(explain(error));
}

QString SsoProfileSetup::explain(const AwsError &error)
{
    switch (error.kind) {
    case ErrorKind::HostNotFound:
    case ErrorKind::ConnectionRefused:
    case ErrorKind::Timeout:
    case ErrorKind::NetworkFailure:
    case ErrorKind::TlsFailure:
        return tr("IAM Identity Center cannot be reached: %1. Check the region, the network "
                  "and the endpoint, then try again.")
            .arg(error.message);
    case ErrorKind::Configuration:
    case ErrorKind::CredentialsMissing:
        return error.message;
    default:
        break;
    }
    if (error.code == aws::SsoProfile::loginRequiredCode)
        return error.message;
    return error.summary() + u"\n"_s + error.explanation();
}

} // namespace coffer
