// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli sso login|logout|accounts: IAM Identity Center sign-in, shared with the AWS CLI's
// token cache (~/.aws/sso/cache).
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clitable.h"
#include "models/aws/identitycenterclient.h"
#include "models/aws/ssodevicelogin.h"
#include "models/aws/ssotokenprovider.h"

#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

const QString kNoBrowser = u"no-browser"_s;

/// Opens `url` in the user's browser ($BROWSER, else xdg-open); false when there is none.
bool openBrowser(const QProcessEnvironment &env, const QUrl &url)
{
    QString program = env.value(u"BROWSER"_s).section(u':', 0, 0);
    if (program.isEmpty())
        program = QStandardPaths::findExecutable(u"xdg-open"_s);
    if (program.isEmpty() || (env.value(u"DISPLAY"_s).isEmpty() && env.value(u"WAYLAND_DISPLAY"_s).isEmpty()))
        return false;
    return QProcess::startDetached(program, {url.toString(QUrl::FullyEncoded)});
}

class SsoCommand final : public CliCommand
{
public:
    QString name() const override { return u"sso"_s; }
    QString summary() const override
    {
        return tr("Sign in to IAM Identity Center (SSO), sign out, or list the accounts and roles.");
    }
    QString details() const override
    {
        return tr("Subcommands, for a profile of ~/.aws/config with sso_session (or the legacy "
                  "sso_start_url and sso_region):\n"
                  "  login     sign in with the device code flow: opens the verification page in the "
                  "browser (--no-browser: only prints it), shows the code to confirm there, and waits "
                  "until it is approved\n"
                  "  logout    sign out: ends the session at IAM Identity Center and deletes the cached "
                  "token\n"
                  "  accounts  list the accounts and roles the signed-in user may use (for "
                  "sso_account_id and sso_role_name)\n\n"
                  "The token is kept where the AWS CLI keeps it (~/.aws/sso/cache, one file per "
                  "sso-session, mode 0600): after 'aws sso login' Coffer is signed in too, and the "
                  "other way round. It is renewed with its refresh token before it expires. The OIDC "
                  "and portal endpoints follow AWS_ENDPOINT_URL_SSO_OIDC, AWS_ENDPOINT_URL_SSO, "
                  "AWS_ENDPOINT_URL and the profile's [services] section.\n\n"
                  "  coffer-cli --profile work sso login\n"
                  "  coffer-cli --profile work sso accounts");
    }
    Group group() const override { return Group::Account; }
    QList<QCommandLineOption> options() const override
    {
        return {{kNoBrowser, tr("login: do not open a browser; only print the URL and the code.")}};
    }
    QList<CliArgument> arguments() const override
    {
        return {{u"SUBCOMMAND"_s, tr("login, logout or accounts")}};
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        const QString subcommand = args.positional.at(0);
        if (subcommand != u"login"_s && subcommand != u"logout"_s && subcommand != u"accounts"_s) {
            return done(context.usageError(
                tr("unknown subcommand '%1' (expected login, logout or accounts).").arg(subcommand), name()));
        }
        auto setup = context.identityCenter();
        if (!setup)
            return done(context.fail(setup.error()));
        m_setup = std::make_unique<CliContext::IdentityCenterSetup>(std::move(*setup));
        if (subcommand == u"login"_s)
            return login(context, args.isSet(kNoBrowser), done);
        if (subcommand == u"logout"_s)
            return logout(context, done);
        accounts(context, done);
    }

private:
    void login(CliContext &context, bool noBrowser, const Done &done)
    {
        auto *login = new aws::SsoDeviceLogin(m_setup->config, m_setup->client, m_setup->cache, &context);
        QObject::connect(login, &aws::SsoDeviceLogin::verificationReady, &context,
                         [&context, noBrowser](const QString &userCode, const QUrl &uri, const QUrl &complete,
                                               int expiresIn) {
            if (context.jsonOutput()) {
                context.printJson(CliContext::Json{
                    {"UserCode", CliContext::utf8(userCode)},
                    {"VerificationUri", CliContext::utf8(uri.toString())},
                    {"VerificationUriComplete", CliContext::utf8(complete.toString())},
                    {"ExpiresIn", expiresIn}});
            } else {
                const bool opened = !noBrowser && openBrowser(context.environment(), complete);
                context.out((opened ? tr("The sign-in page is open in your browser. If it is not, or to "
                                         "approve on another device, open:\n\n  %1\n\nand confirm the code:\n\n"
                                         "  %2\n\n")
                                    : tr("To sign in, open:\n\n  %1\n\nand confirm the code:\n\n  %2\n\n"))
                                .arg(complete.toString(), userCode)
                            + tr("Waiting for the approval (the code expires in %1 minute(s))...\n")
                                  .arg((expiresIn + 59) / 60));
            }
        });
        QObject::connect(login, &aws::SsoDeviceLogin::succeeded, &context,
                         [this, &context, done](const QDateTime &expiresAt) {
            if (context.jsonOutput()) {
                context.printJson(CliContext::Json{
                    {"SignedIn", true},
                    {"StartUrl", CliContext::utf8(m_setup->config.startUrl)},
                    {"ExpiresAt", CliContext::utf8(expiresAt.toString(Qt::ISODate))}});
            } else {
                context.out(tr("Signed in to %1 (profile '%2') until %3.\n")
                                .arg(m_setup->config.startUrl, m_setup->config.profile,
                                     CliContext::humanDate(expiresAt)));
            }
            done(toInt(ExitCode::Ok));
        });
        QObject::connect(login, &aws::SsoDeviceLogin::failed, &context,
                         [&context, done](const aws::AwsError &error) { done(context.fail(error)); });
        login->start();
    }

    void logout(CliContext &context, const Done &done)
    {
        m_tokens = std::make_shared<aws::SsoTokenProvider>(m_setup->config, m_setup->cache, m_setup->client);
        m_tokens->signOut(&context, [this, &context, done](aws::Result<aws::SsoTokenProvider::SignOut> result) {
            if (!result)
                return done(context.fail(result.error()));
            if (!result->serviceProblem.isEmpty())
                context.note(tr("warning: IAM Identity Center did not confirm the sign-out (%1); the cached "
                                "token was deleted.")
                                 .arg(result->serviceProblem));
            if (result->wasSignedIn)
                context.out(tr("Signed out of %1 (profile '%2').\n")
                                .arg(m_setup->config.startUrl, m_setup->config.profile));
            else
                context.out(tr("Profile '%1' was not signed in.\n").arg(m_setup->config.profile));
            done(toInt(ExitCode::Ok));
        });
    }

    void accounts(CliContext &context, const Done &done)
    {
        m_tokens = std::make_shared<aws::SsoTokenProvider>(m_setup->config, m_setup->cache, m_setup->client);
        m_tokens->token(&context, [this, &context, done](aws::Result<aws::SsoCachedToken> token) {
            if (!token)
                return done(context.fail(token.error()));
            m_accessToken = token->accessToken;
            listAccounts(context, {}, done);
        });
    }

    void listAccounts(CliContext &context, const QString &nextToken, const Done &done)
    {
        m_setup->client->listAccounts(m_accessToken, nextToken, &context,
                                      [this, &context, done](aws::Result<aws::SsoPage<aws::SsoAccount>> page) {
            if (!page)
                return done(context.fail(page.error()));
            m_accounts.append(page->items);
            if (!page->nextToken.isEmpty())
                return listAccounts(context, page->nextToken, done);
            listRoles(context, 0, {}, done);
        });
    }

    void listRoles(CliContext &context, qsizetype index, const QString &nextToken, const Done &done)
    {
        if (index >= m_accounts.size())
            return print(context, done);
        m_setup->client->listAccountRoles(
            m_accessToken, m_accounts.at(index).accountId, nextToken, &context,
            [this, &context, index, done](aws::Result<aws::SsoPage<aws::SsoAccountRole>> page) {
                if (!page)
                    return done(context.fail(page.error()));
                for (const aws::SsoAccountRole &role : std::as_const(page->items))
                    m_roles.append({index, role.roleName});
                if (!page->nextToken.isEmpty())
                    return listRoles(context, index, page->nextToken, done);
                listRoles(context, index + 1, {}, done);
            });
    }

    void print(CliContext &context, const Done &done)
    {
        if (context.jsonOutput()) {
            CliContext::Json items = CliContext::Json::array();
            for (const auto &[index, role] : std::as_const(m_roles)) {
                const aws::SsoAccount &account = m_accounts.at(index);
                items.push_back({{"AccountId", CliContext::utf8(account.accountId)},
                                 {"AccountName", CliContext::utf8(account.accountName)},
                                 {"EmailAddress", CliContext::utf8(account.emailAddress)},
                                 {"RoleName", CliContext::utf8(role)}});
            }
            context.printJson(CliContext::Json{{"Roles", items}});
            return done(toInt(ExitCode::Ok));
        }
        CliTable table({tr("ACCOUNT"), tr("NAME"), tr("ROLE")});
        for (const auto &[index, role] : std::as_const(m_roles)) {
            const aws::SsoAccount &account = m_accounts.at(index);
            table.addRow({account.accountId, account.accountName, role});
        }
        context.out(table.toText());
        if (m_roles.isEmpty())
            context.note(tr("The signed-in user has no account assignments."));
        done(toInt(ExitCode::Ok));
    }

    std::unique_ptr<CliContext::IdentityCenterSetup> m_setup;
    std::shared_ptr<aws::SsoTokenProvider> m_tokens;
    QString m_accessToken;
    QList<aws::SsoAccount> m_accounts;
    QList<std::pair<qsizetype, QString>> m_roles;
};

} // namespace
COFFER_CLI_COMMAND(SsoCommand)
} // namespace coffer::cli
