// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/cliexitcode.h"
#include "models/aws/assumerolecredentialsprovider.h"
// Complete, not forward-declared: secretsmanagerclient.h needs AwsClient complete for its inline
// transport() (its own header only forward-declares it).
#include "models/aws/awsclient.h"
#include "models/aws/awsconfigfile.h"
#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/aws/endpointresolver.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QString>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace coffer::aws {
class CredentialsChain;
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
    bool json = false; ///< --json: machine-readable output on stdout (and errors on stderr)
};

/**
 * What every command shares while it runs: the global options, the output streams and the AWS
 * clients.
 *
 * The clients are built on first use from the shared AWS files and the environment, as the AWS
 * CLI does: profile (--profile > AWS_PROFILE > default), region (--region > AWS_REGION > ... >
 * profile), endpoint (--endpoint-url > AWS_ENDPOINT_URL_<SERVICE> > ... > default) and
 * credentials (the CredentialsChain, assuming roles through STS). A configuration mistake is
 * reported before anything is sent.
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
    /// The resolved endpoint of the last client built (for whoami's report).
    [[nodiscard]] std::optional<aws::ResolvedEndpoint> lastEndpoint() const
    {
        return m_lastEndpoint;
    }
    /// Where the credentials come from ("profile work"), never a key; empty before resolution.
    [[nodiscard]] QString credentialsDescription() const;
    /// The profile in use and why.
    [[nodiscard]] std::optional<aws::AwsProfileSelection> profileSelection() const;

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
    [[nodiscard]] aws::Result<aws::ResolvedEndpoint>
    endpointFor(aws::EndpointResolver::Service service);
    void assumeRole(const aws::AssumeRoleParams &params, QObject *context,
                    std::function<void(aws::Result<aws::AwsCredentials>)> callback);
    [[nodiscard]] aws::AwsClient *transport();

    CliGlobals m_globals;
    QProcessEnvironment m_env;
    std::unique_ptr<AwsSetup> m_setup;
    aws::AwsClient *m_transport = nullptr; // children of this context
    aws::SecretsManagerClient *m_secrets = nullptr;
    aws::StsClient *m_sts = nullptr;
    std::optional<aws::ResolvedEndpoint> m_lastEndpoint;
};

} // namespace coffer::cli
