// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli serve: the local sandbox endpoint (Secrets Manager + STS GetCallerIdentity on
// loopback), seeded with demo secrets, kept encrypted in a data folder, until SIGINT/SIGTERM.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxcipher.h"
#include "models/sandbox/sandboxdatafolder.h"
#include "models/sandbox/sandboxidentitycenter.h"
#include "models/sandbox/sandboxkeyfile.h"
#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QSslSocket>

#include <csignal>
#include <cstdlib>
#include <expected>
#include <memory>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

#ifdef Q_OS_UNIX
// The self-pipe trick: the signal handler only writes a byte; the event loop does the rest.
int signalPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}
#endif

class ServeCommand final : public CliCommand
{
public:
    QString name() const override { return u"serve"_s; }
    QString summary() const override
    {
        return tr("Run the local sandbox: a Secrets Manager endpoint on loopback, with demo secrets.");
    }
    QString details() const override
    {
        return tr(
            "The sandbox speaks the Secrets Manager API (and STS GetCallerIdentity, AssumeRole and "
            "AssumeRoleWithWebIdentity, IAM SimulatePrincipalPolicy, IAM Identity Center's SSO OIDC "
            "and portal) on "
            "127.0.0.1, checks every request's signature as AWS does, and keeps its secrets in "
            "a data folder, values encrypted with AES-256-GCM under a key file only you can "
            "read (DIR/sandbox.key). A new data folder is seeded with demo secrets. Point "
            "Coffer, the AWS CLI or an SDK at the printed URL with the printed keys. Without "
            "--access-key-id the documented demo key pair is accepted. Runs until "
            "interrupted (Ctrl+C or SIGTERM).\n\n"
            "Those keys are the account root's and may do everything. --principals FILE adds "
            "IAM users and roles whose requests are checked against their policies as AWS "
            "does (AccessDeniedException), roles reached with sts:AssumeRole, "
            "iam:SimulatePrincipalPolicy, and customer-managed KMS keys only some principals "
            "may use. FILE is JSON:\n"
            "  {\"users\": [{\"name\": \"app\", \"accessKeyId\": \"AKIA...\", "
            "\"secretAccessKey\": \"...\",\n"
            "              \"policies\": [{\"Version\": \"2012-10-17\", \"Statement\": [...]}],\n"
            "              \"mfaDevices\": [{\"serial\": \"arn:aws:iam::123456789012:mfa/app\", "
            "\"totpSeed\": \"BASE32\"}]}],\n"
            "   \"roles\": [{\"name\": \"reader\", \"trust\": "
            "[\"arn:aws:iam::123456789012:user/app\"], "
            "\"requireMfa\": true, \"policies\": [...]}],\n"
            "   \"kmsKeys\": [{\"id\": \"<key uuid>\", \"allow\": "
            "[\"arn:aws:iam::123456789012:role/reader\"]}],\n"
            "   \"sso\": {\"users\": [\"alice\"],\n"
            "           \"permissionSets\": [{\"name\": \"ReadOnly\", \"policies\": [...]}],\n"
            "           \"assignments\": [{\"user\": \"alice\", \"account\": \"123456789012\", "
            "\"permissionSet\": \"ReadOnly\"}]},\n"
            "   \"oidcProviders\": [{\"issuer\": \"https://token.example\", \"audiences\": "
            "[\"sts.amazonaws.com\"], \"jwks\": {\"keys\": []}}]}\n"
            "A policy may also be {\"name\": \"...\", \"document\": {...}}. \"trust\" and "
            "\"allow\" "
            "take ARNs, \"*\", \"user/NAME\", \"role/NAME\" or \"oidc-provider/HOST\"; the account "
            "root "
            "(arn:aws:iam::<account>:root) delegates to the caller's own policies. A secret "
            "created with --kms-key-id naming such a key can only be read or written by the "
            "principals allowed on it.\n"
            "\"mfaDevices\" are a user's virtual MFA devices: \"totpSeed\" is the base32 seed an "
            "authenticator app is given (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps). "
            "sts:AssumeRole with --serial-number SERIAL --token-code CODE checks the code "
            "(one step of clock drift either way) and marks the session with "
            "aws:MultiFactorAuthPresent; a role with \"requireMfa\": true is refused without "
            "a valid code, and a wrong code is refused with \"MultiFactorAuthentication failed "
            "with invalid MFA one time pass code.\"\n"
            "\"sso\" is IAM Identity Center's directory: users who sign in with the device flow, "
            "permission sets (policies as above) and the accounts each user may use them in "
            "(an assignment naming an unknown user or permission set is an error). SSO OIDC "
            "(RegisterClient, StartDeviceAuthorization, CreateToken) and the SSO portal "
            "(GetRoleCredentials, ListAccounts, ListAccountRoles, Logout) answer on the same "
            "URL, unsigned: set AWS_ENDPOINT_URL_SSO_OIDC and AWS_ENDPOINT_URL_SSO to it (any "
            "sso_start_url is accepted). The device flow's verification page is URL/start/device, "
            "where you choose who signs in. GetRoleCredentials gives one-hour keys of "
            "arn:aws:sts::ACCOUNT:assumed-role/AWSReservedSSO_SET_HEX/USER, allowed what the "
            "permission set's policies allow. Without --principals there is one SSO user, alice, "
            "with the permission sets AdministratorAccess (secretsmanager:*) and ReadOnly in the "
            "sandbox's account; with --principals, only the file's \"sso\". SSO clients and "
            "tokens live in memory: a restart signs everyone out.\n"
            "\"oidcProviders\" are IAM OIDC identity providers, for CI jobs and pods: "
            "\"jwks\" is the issuer's key set (RSA keys with \"kid\", \"n\", \"e\"), given "
            "inline. A role whose \"trust\" names \"oidc-provider/token.example\" (the "
            "issuer without https://) is assumed with the unsigned "
            "sts:AssumeRoleWithWebIdentity and a JWT that issuer signed (RS256, its \"kid\" "
            "in the key set), whose \"aud\" is one of the audiences and whose \"exp\" has not "
            "passed; other tokens are refused with InvalidIdentityToken or "
            "ExpiredTokenException, and an untrusted role with AccessDenied.\n\n"
            "--tls-cert and --tls-key serve HTTPS instead of HTTP (PEM files: the certificate, "
            "then any intermediates; an unencrypted RSA or EC key). Clients must trust the "
            "certificate, e.g. AWS_CA_BUNDLE=FILE for the AWS CLI.\n\n"
            "A key chosen with --access-key-id is best given with --secret-access-key-stdin "
            "or --secret-access-key-file: any user of this machine can read a command line "
            "(ps, /proc), and shells keep it in their history.\n\n"
            "Chaos, to try an application's retries against a misbehaving Secrets Manager: "
            "--latency adds a delay to every answer; --throttle-rate and --error-rate answer "
            "that share of requests (0 to 1) with ThrottlingException or a 500/503 instead of "
            "serving them; --drop-after-commit-rate applies and saves that share of writes "
            "and then drops the connection unanswered (the client must retry with the same "
            "ClientRequestToken); --clock-offset shifts the server's clock (signatures more "
            "than 15 minutes off are refused). --fault-seed repeats a run's choices.");
    }
    Group group() const override { return Group::Local; }
    QList<QCommandLineOption> options() const override
    {
        return {
            {u"port"_s, tr("Listen on PORT (0: any free port; the default)."), u"PORT"_s, u"0"_s},
            {u"data"_s, tr("Keep the sandbox in DIR (default: %1; the GUI's own sandbox lives elsewhere). "
                            "One process at a time may use a folder.")
                         .arg(sandbox::SandboxDataFolder::defaultServePath()),
             u"DIR"_s},
            {u"seed"_s, tr("Seed a new data folder with 'demo' secrets (the default) or 'none'."), u"KIND"_s,
             u"demo"_s},
            {u"bulk"_s, tr("Also add N filler secrets to a new data folder (load testing)."), u"N"_s, u"0"_s},
            {u"ephemeral"_s, tr("Keep everything in memory only; nothing is written to disk.")},
            {u"access-key-id"_s, tr("Accept this access key id instead of the demo one."), u"ID"_s},
            {u"secret-access-key"_s,
             tr("The secret key for --access-key-id (a random one is generated and shown when omitted; "
                "prefer the next two, see above)."),
             u"KEY"_s},
            {u"secret-access-key-stdin"_s, tr("Read the secret key for --access-key-id from the first line of stdin.")},
            {u"secret-access-key-file"_s, tr("Read the secret key for --access-key-id from FILE."), u"FILE"_s},
            {u"latency"_s, tr("Add MS milliseconds before every answer."), u"MS"_s, u"0"_s},
            {u"throttle-rate"_s, tr("Answer this share of requests with ThrottlingException."), u"R"_s, u"0"_s},
            {u"error-rate"_s, tr("Answer this share of requests with HTTP 500 or 503."), u"R"_s, u"0"_s},
            {u"drop-after-commit-rate"_s, tr("Drop the connection after this share of committed writes."), u"R"_s,
             u"0"_s},
            {u"clock-offset"_s, tr("Shift the server's clock by S seconds (may be negative)."), u"S"_s, u"0"_s},
            {u"fault-seed"_s, tr("Seed for the chaos choices, so a run can be repeated."), u"N"_s, u"1"_s},
            {u"account-id"_s, tr("The 12-digit account the sandbox answers for."), u"ID"_s, u"123456789012"_s},
            {u"principals"_s,
             tr("IAM users, roles, KMS keys and OIDC identity providers whose policies are enforced "
                "(JSON, see above)."),
             u"FILE"_s},
            {u"tls-cert"_s, tr("Serve HTTPS with this PEM certificate (chain) file; needs --tls-key."), u"FILE"_s},
            {u"tls-key"_s, tr("The PEM private key for --tls-cert."), u"FILE"_s},
        };
    }

    /// The chaos options, checked.
    static std::expected<sandbox::SandboxFaults, QString> parseFaults(const CliInvocation &args)
    {
        sandbox::SandboxFaults faults;
        bool ok = false;
        const int latency = args.value(u"latency"_s).toInt(&ok);
        if (!ok || latency < 0 || latency > 600000)
            return std::unexpected(tr("--latency takes milliseconds from 0 to 600000."));
        faults.latency = std::chrono::milliseconds(latency);
        for (const auto &[option, rate] : {std::pair{u"throttle-rate"_s, &faults.throttleRate},
                                           std::pair{u"error-rate"_s, &faults.errorRate},
                                           std::pair{u"drop-after-commit-rate"_s, &faults.dropAfterCommitRate}}) {
            *rate = args.value(option).toDouble(&ok);
            if (!ok || *rate < 0.0 || *rate > 1.0)
                return std::unexpected(tr("--%1 takes a share from 0 to 1 (0.3 is three requests in ten).").arg(option));
        }
        const qlonglong offset = args.value(u"clock-offset"_s).toLongLong(&ok);
        if (!ok || std::llabs(offset) > 10LL * 365 * 24 * 3600)
            return std::unexpected(tr("--clock-offset takes seconds, at most ten years either way."));
        faults.clockOffset = std::chrono::seconds(offset);
        faults.seed = args.value(u"fault-seed"_s).toUInt(&ok);
        if (!ok)
            return std::unexpected(tr("--fault-seed takes a number."));
        return faults;
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        bool ok = false;
        const uint port = args.value(u"port"_s).toUInt(&ok);
        if (!ok || port > 65535)
            return done(context.usageError(tr("--port takes a number from 0 to 65535."), name()));
        const QString seedKind = args.value(u"seed"_s);
        if (seedKind != u"demo" && seedKind != u"none")
            return done(context.usageError(tr("--seed takes 'demo' or 'none'."), name()));
        const int bulk = args.value(u"bulk"_s).toInt(&ok);
        if (!ok || bulk < 0 || bulk > 1000000)
            return done(context.usageError(tr("--bulk takes a number from 0 to 1000000."), name()));
        const bool ephemeral = args.isSet(u"ephemeral"_s);
        if (ephemeral && args.isSet(u"data"_s))
            return done(context.usageError(tr("--ephemeral and --data cannot be used together."), name()));
        const int secretSources = int(args.isSet(u"secret-access-key"_s)) + int(args.isSet(u"secret-access-key-stdin"_s))
                + int(args.isSet(u"secret-access-key-file"_s));
        if (secretSources > 1)
            return done(context.usageError(tr("Give the secret key one way only."), name()));
        if (secretSources > 0 && !args.isSet(u"access-key-id"_s))
            return done(context.usageError(tr("A secret key needs --access-key-id."), name()));
        const auto faults = parseFaults(args);
        if (!faults)
            return done(context.usageError(faults.error(), name()));
        const QString accountId = args.value(u"account-id"_s);
        static const QRegularExpression twelveDigits(u"^[0-9]{12}$"_s);
        if (!twelveDigits.match(accountId).hasMatch())
            return done(context.usageError(tr("--account-id takes 12 digits."), name()));

        // Credentials: the demo pair, or the user's (with a generated secret when none was given).
        aws::AwsCredentials credentials = sandbox::SandboxServer::demoCredentials();
        bool showSecret = true;
        if (args.isSet(u"access-key-id"_s)) {
            credentials.accessKeyId = args.value(u"access-key-id"_s);
            credentials.source = u"serve --access-key-id"_s;
            if (args.isSet(u"secret-access-key"_s)) {
                credentials.secretAccessKey = args.value(u"secret-access-key"_s);
                showSecret = false;   // never echo a key the user chose
            } else if (args.isSet(u"secret-access-key-stdin"_s) || args.isSet(u"secret-access-key-file"_s)) {
                const bool fromStdin = args.isSet(u"secret-access-key-stdin"_s);
                QFile file;
                const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly)
                                              : (file.setFileName(args.value(u"secret-access-key-file"_s)),
                                                 file.open(QIODevice::ReadOnly));
                if (!opened)
                    return done(context.usageError(
                            tr("Cannot read the secret key from %1: %2")
                                    .arg(fromStdin ? tr("stdin") : args.value(u"secret-access-key-file"_s),
                                         file.errorString()),
                            name()));
                credentials.secretAccessKey = QString::fromUtf8(file.readLine(1024)).trimmed();
                showSecret = false;
            } else {
                credentials.secretAccessKey = QString::fromLatin1(
                        sandbox::SandboxCipher::generateKey().toBase64(QByteArray::OmitTrailingEquals).left(40));
            }
            if (credentials.accessKeyId.isEmpty() || credentials.secretAccessKey.isEmpty())
                return done(context.usageError(tr("The access key id and secret key cannot be empty."), name()));
        }

        if (args.isSet(u"tls-cert"_s) != args.isSet(u"tls-key"_s))
            return done(context.usageError(tr("--tls-cert and --tls-key go together."), name()));

        sandbox::SandboxServerConfig config;
        config.port = quint16(port);
        config.region = context.globals().region.isEmpty() ? u"us-east-1"_s : context.globals().region;
        config.accountId = accountId;
        config.credentials = {credentials};
        if (args.isSet(u"principals"_s)) {
            const auto principals =
                    sandbox::SandboxPrincipals::fromFile(args.value(u"principals"_s), config.accountId, config.region);
            if (!principals)
                return done(context.fail(aws::AwsError::configuration(principals.error())));
            principals->applyTo(config);
        }
        if (args.isSet(u"tls-cert"_s)) {
            const auto tls = sandbox::SandboxTls::fromPemFiles(args.value(u"tls-cert"_s), args.value(u"tls-key"_s));
            if (!tls)
                return done(context.fail(aws::AwsError::configuration(tls.error())));
            config.tls = *tls;
        }
        m_store = std::make_unique<sandbox::SandboxStore>(config.region, config.accountId);

        // State: load the data folder, or seed a new one (saved once, after seeding).
        QString dataPath;
        bool fresh = true;
        if (!ephemeral) {
            dataPath = args.isSet(u"data"_s) ? args.value(u"data"_s) : sandbox::SandboxDataFolder::defaultServePath();
            const auto key = sandbox::SandboxKeyFile(sandbox::SandboxDataFolder::keyFilePath(dataPath)).loadOrCreate();
            if (!key)
                return done(context.fail(aws::AwsError::configuration(key.error())));
            m_folder = std::make_unique<sandbox::SandboxDataFolder>(dataPath, *key);
            if (const auto locked = m_folder->lock(); !locked)
                return done(context.fail(locked.error()));
            if (m_folder->exists()) {
                fresh = false;
                const auto loaded = m_folder->load(*m_store);
                if (!loaded)
                    return done(context.fail(loaded.error()));
            }
        }
        if (fresh) {
            if (seedKind == u"demo") {
                const auto seeded = sandbox::DemoSeed::demo(*m_store);
                if (!seeded)
                    return done(context.fail(seeded.error()));
            }
            sandbox::DemoSeed::bulk(*m_store, bulk);
            if (m_folder) {
                const auto saved = m_folder->save(*m_store);
                if (!saved)
                    return done(context.fail(saved.error()));
            }
        } else if (bulk > 0 || args.isSet(u"seed"_s)) {
            context.note(tr("Note: %1 already holds a sandbox; --seed and --bulk only apply to a new one.")
                                 .arg(dataPath));
        }

        m_server = std::make_unique<sandbox::SandboxServer>(config, m_store.get());
        m_server->setFaults(*faults);
        if (m_folder) {
            sandbox::SandboxDataFolder *folder = m_folder.get();
            m_server->setCommitHook([folder](const sandbox::SandboxStore &store) { return folder->save(store); });
        }
        if (!m_server->listen()) {
            return done(context.fail(aws::AwsError::configuration(
                    config.tls && !QSslSocket::supportsSsl()
                            ? tr("Cannot serve HTTPS: this Qt has no TLS support.")
                            : tr("Cannot listen on 127.0.0.1 port %1 (is it in use?).").arg(port))));
        }

        const QString url = m_server->url().toString();
        if (context.jsonOutput()) {
            CliContext::Json document = {{"url", url.toStdString()},
                                         {"region", config.region.toStdString()},
                                         {"accountId", config.accountId.toStdString()},
                                         {"accessKeyId", credentials.accessKeyId.toStdString()}};
            if (showSecret)
                document["secretAccessKey"] = credentials.secretAccessKey.toStdString();
            document["dataFolder"] = ephemeral ? CliContext::Json() : CliContext::Json(dataPath.toStdString());
            document["secrets"] = m_store->size();
            CliContext::Json principals = CliContext::Json::array();
            for (const sandbox::SandboxPrincipal &principal : std::as_const(config.principals))
                principals.push_back(principal.arn.toStdString());
            document["principals"] = principals;
            CliContext::Json ssoUsers = CliContext::Json::array();
            for (const QString &user : std::as_const(m_server->identityCenter().directory().users))
                ssoUsers.push_back(user.toStdString());
            document["ssoUsers"] = ssoUsers;
            document["ssoVerificationUri"] = m_server->verificationUrl().toString().toStdString();
            document["tls"] = config.tls.has_value();
            context.printJson(document);
        } else {
            QString text = tr("Coffer sandbox listening on %1").arg(url) + u'\n';
            text += ephemeral ? tr("Data: in memory only (--ephemeral)")
                              : tr("Data: %1 (values encrypted at rest)").arg(dataPath);
            text += u'\n' + tr("Secrets: %1").arg(m_store->size()) + u'\n';
            for (const sandbox::SandboxPrincipal &principal : std::as_const(config.principals))
                text += tr("Principal: %1").arg(principal.arn) + u'\n';
            const QStringList &ssoUsers = m_server->identityCenter().directory().users;
            if (!ssoUsers.isEmpty()) {
                text += tr("SSO users: %1 (approve sign-ins at %2)")
                            .arg(ssoUsers.join(u", "_s), m_server->verificationUrl().toString())
                    + u'\n';
            }
            text += u'\n';
            text += tr("Use it with:") + u'\n';
            text += u"  export AWS_ENDPOINT_URL=%1\n"_s.arg(url);
            text += u"  export AWS_ACCESS_KEY_ID=%1\n"_s.arg(credentials.accessKeyId);
            if (showSecret)
                text += u"  export AWS_SECRET_ACCESS_KEY=%1\n"_s.arg(credentials.secretAccessKey);
            else
                text += u"  export AWS_SECRET_ACCESS_KEY=<the key you gave>\n"_s;
            text += u"  export AWS_DEFAULT_REGION=%1\n"_s.arg(config.region);
            if (config.tls)
                text += u"  export AWS_CA_BUNDLE=%1\n"_s.arg(QFileInfo(args.value(u"tls-cert"_s)).absoluteFilePath());
            text += tr("Press Ctrl+C to stop.") + u'\n';
            context.out(text);
        }

        const auto stop = [this, &context, done] {
            const qint64 served = m_server ? m_server->requestCount() : 0;
            m_server.reset();
            m_notifier.reset();
            if (!context.jsonOutput())
                context.note(tr("Sandbox stopped after %1 requests.").arg(served));
            done(toInt(ExitCode::Ok));
        };
#ifdef Q_OS_UNIX
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) == 0) {
            m_notifier = std::make_unique<QSocketNotifier>(signalPipe[1], QSocketNotifier::Read);
            QObject::connect(m_notifier.get(), &QSocketNotifier::activated, &context, [this, stop] {
                char byte = 0;
                [[maybe_unused]] const auto read = ::read(signalPipe[1], &byte, 1);
                if (m_server)
                    stop();
            });
            struct sigaction action = {};
            action.sa_handler = onTerminationSignal;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_RESTART;
            sigaction(SIGINT, &action, nullptr);
            sigaction(SIGTERM, &action, nullptr);
        }
#endif
    }

private:
    std::unique_ptr<sandbox::SandboxStore> m_store;
    std::unique_ptr<sandbox::SandboxDataFolder> m_folder;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace
COFFER_CLI_COMMAND(ServeCommand)
} // namespace coffer::cli
