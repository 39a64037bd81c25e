// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/cliexitcode.h"
// Complete, not forward-declared: secretsmanagerclient.h needs AwsClient complete for its inline
// transport() (its own header only forward-declares it).
#include "models/aws/assumerolecredentialsprovider.h"
#include "models/aws/awsclient.h"
#include "models/aws/awsconfigfile.h"
#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/ssotokencache.h"
#include "models/aws/ssotypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <nlohmann/json.hpp>

#include <expected>
#include <memory>
#include <optional>

namespace coffer {
struct Profile;
class ProfileStore;
} // namespace coffer

namespace coffer::aws {
class CredentialsChain;
class IdentityCenterClient;
class SecretsManagerClient;
class StsClient;
} // namespace coffer::aws

namespace coffer::cli {

/// The global options of coffer-cli, as parsed.
struct CliGlobals
{
    QString profile; ///< --profile; empty: AWS_PROFILE or "default"
    QString region; ///< --region; empty: resolved from the environment and profile
    QString endpointUrl; ///< --endpoint-url; empty: resolved
    bool allowInsecureHttp = false; ///< --allow-insecure-http
    bool json = false; ///< --json: machine-readable output on stdout (and errors on stderr)
    bool yes = false; ///< --yes: writes through a production profile need no confirmation
    /// --mfa-code: the one-time code for an assume-role profile with mfa_serial; empty: asked
    /// on the terminal, or refused (exit 3) without one. Never printed.
    QString mfaCode;
};

/// Where the profile in use is defined.
enum class CliProfileOrigin {
    None, ///< nowhere: the unnamed "default" profile, absent from the ~/.aws files
    AwsSharedFiles, ///< a profile of ~/.aws/config or ~/.aws/credentials
    Coffer, ///< one of Coffer's own profiles (settings + OS keychain)
};

/**
 * What every command shares while it runs: the global options, the output streams and the AWS
 * clients.
 *
 * The profile is --profile, else AWS_PROFILE (or AWS_DEFAULT_PROFILE). When it names one of
 * Coffer's own profiles (ProfileStore, names compare case-insensitively), the clients come from
 * ProfileConnector: what the profile says, credentials from the OS keychain, the AWS_*
 * environment ignored; only --region and --endpoint-url still override it. Otherwise the clients
 * are built from the shared AWS files and the environment, as the AWS CLI does: region
 * (--region > AWS_REGION > ... > profile), endpoint (--endpoint-url > AWS_ENDPOINT_URL_<SERVICE>
 * > ... > default) and credentials (the CredentialsChain, assuming roles through STS). A profile
 * that was named but exists in neither place, and any other configuration mistake, is reported
 * before anything is sent.
 *
 * Output: out() and writeRaw() go to stdout unchanged; printJson() writes one pretty-printed
 * document; fail() and usageError() print the error on stderr (as JSON with --json) and return
 * the exit code to hand to `done`. Nothing here ever prints a credential.
 */
class CliContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliContext)

public:
    using Json = nlohmann::ordered_json;

    explicit CliContext(CliGlobals globals,
                        QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                        QObject *parent = nullptr);
    ~CliContext() override;

    [[nodiscard]] const CliGlobals &globals() const { return m_globals; }
    [[nodiscard]] bool jsonOutput() const { return m_globals.json; }
    [[nodiscard]] const QProcessEnvironment &environment() const { return m_env; }

    // --- AWS ---
    /// The Secrets Manager client (endpoint: --endpoint-url applies), built on first use.
    [[nodiscard]] aws::Result<aws::SecretsManagerClient *> secretsManager();
    /// The STS client for GetCallerIdentity (--endpoint-url applies), built on first use.
    [[nodiscard]] aws::Result<aws::StsClient *> sts();

    /// What `sso login` and `sso logout` work with: the profile's IAM Identity Center settings
    /// (read from the ~/.aws files, no role needed), a client for its sso_region, the token cache.
    struct IdentityCenterSetup
    {
        aws::SsoProfileConfig config;
        std::shared_ptr<aws::IdentityCenterClient> client;
        aws::SsoTokenCache cache;
    };
    [[nodiscard]] aws::Result<IdentityCenterSetup> identityCenter();
    /// The resolved endpoint of the last client built (for whoami's report).
    [[nodiscard]] std::optional<aws::ResolvedEndpoint> lastEndpoint() const
    {
        return m_lastEndpoint;
    }
    /// Where the credentials come from ("profile work"), never a key; empty before resolution.
    [[nodiscard]] QString credentialsDescription() const;
    /// Warnings to keep in view while connected ("Plain HTTP to ... (allowed by ...)").
    [[nodiscard]] const QStringList &connectionWarnings() const { return m_warnings; }
    /// The profile in use and why.
    [[nodiscard]] std::optional<aws::AwsProfileSelection> profileSelection() const;
    /// Where the profile in use is defined; None before resolution.
    [[nodiscard]] CliProfileOrigin profileOrigin() const;
    /// For people: "Coffer profile 'work' (credentials in the OS keychain)", "~/.aws/config
    /// profile 'dev'"; empty before resolution.
    [[nodiscard]] QString profileOriginDescription() const;
    /// "None", "AwsSharedFiles", "Coffer": stable names for --json.
    [[nodiscard]] static QString profileOriginName(CliProfileOrigin origin);
    /// True when the profile in use is one of Coffer's, marked production.
    [[nodiscard]] bool isProductionProfile();

    /// Every writing command calls this before it sends the write, with the write described
    /// for people ("Set /DB_PORT in pixell/prod"). On a production profile without --yes it
    /// asks on the terminal (y/N; with `typedName`, the user must type it, as for a delete)
    /// when stdin is a terminal, and refuses otherwise. The error is the exit code to pass to
    /// `done` (usage error), the refusal already printed.
    [[nodiscard]] std::expected<void, int> confirmWrite(const QString &description,
                                                        const QString &typedName = {});

    // --- output ---
    [[nodiscard]] static bool stdoutIsTerminal();
    /// Writes `text` (UTF-8) to stdout as is.
    void out(const QString &text);
    /// Writes `bytes` to stdout as is.
    void writeRaw(const QByteArray &bytes);
    /// Writes `document` to stdout, pretty-printed, with a final newline.
    void printJson(const Json &document);
    /// Writes a line to stderr (a notice, not an error).
    void note(const QString &text);

    /// Prints `error` on stderr (summary and explanation, or JSON) and returns its exit code.
    [[nodiscard]] int fail(const aws::AwsError &error);
    /// Prints a usage error on stderr with a hint to `coffer-cli help <command>`; returns 2.
    [[nodiscard]] int usageError(const QString &message, const QString &command = {});

    // --- formatting ---
    /// For people: local time "2026-03-01 14:05:09"; "-" when invalid.
    [[nodiscard]] static QString humanDate(const QDateTime &date);
    /// For --json: ISO 8601 UTC "2026-03-01T13:05:09Z"; null when invalid.
    [[nodiscard]] static Json jsonDate(const QDateTime &date);
    [[nodiscard]] static std::string utf8(const QString &text) { return text.toStdString(); }

private:
    struct AwsSetup;

    [[nodiscard]] aws::Result<AwsSetup *> awsSetup();
    /// Fills `setup` from the Coffer profile it names.
    /// `store` (a child of this context) must outlive the clients: the keychain is read through
    /// it on the first request.
    [[nodiscard]] aws::Result<void> setUpCofferProfile(AwsSetup &setup, ProfileStore *store,
                                                       const Profile &profile);
    /// Fills `setup` from the ~/.aws files and the environment.
    [[nodiscard]] aws::Result<void> setUpSharedFilesProfile(AwsSetup &setup);
    [[nodiscard]] aws::Result<aws::ClientConfig>
    clientConfigFor(aws::EndpointResolver::Service service);
    [[nodiscard]] aws::Result<aws::ResolvedEndpoint>
    endpointFor(aws::EndpointResolver::Service service);
    /// --region, checked; nullopt when not given.
    [[nodiscard]] aws::Result<std::optional<QString>> regionOverride() const;
    /// --endpoint-url, checked; nullopt when not given.
    [[nodiscard]] aws::Result<std::optional<QUrl>> endpointOverride() const;
    [[nodiscard]] aws::AwsClient *transport();
    /// Gives an assume-role profile's MFA code: --mfa-code, else a prompt on the terminal
    /// (stderr, no echo); empty without either, so the role fails with "MfaTokenCodeRequired".
    [[nodiscard]] aws::MfaCodeFunction mfaCodeFunction() const;

    CliGlobals m_globals;
    QProcessEnvironment m_env;
    std::unique_ptr<AwsSetup> m_setup;
    aws::AwsClient *m_transport = nullptr; // children of this context
    aws::SecretsManagerClient *m_secrets = nullptr;
    aws::StsClient *m_sts = nullptr;
    std::optional<aws::ResolvedEndpoint> m_lastEndpoint;
    QStringList m_warnings;
};

} // namespace coffer::cli
