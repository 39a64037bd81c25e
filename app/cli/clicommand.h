// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/cliexitcode.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace coffer::cli {

class CliContext;

/// A positional argument of a command, for its usage line and help ("NAME", "K=V...").
struct CliArgument
{
    QString name; ///< "NAME"
    QString description; ///< one line
    QString syntax = {}; ///< as shown in the usage line; empty: `name`
};

/// What a command receives: its own positional arguments (the command name removed) and the
/// parser, for options (`isSet(u"force"_s)`, `value(u"prefix"_s)`, `values(u"tag"_s)`).
struct CliInvocation
{
    const QCommandLineParser *parser = nullptr;
    QStringList positional;

    [[nodiscard]] bool isSet(const QString &option) const { return parser->isSet(option); }
    [[nodiscard]] QString value(const QString &option) const { return parser->value(option); }
    [[nodiscard]] QStringList values(const QString &option) const { return parser->values(option); }
};

/**
 * One `coffer-cli` subcommand (`list`, `get`, `whoami`, `serve`, ...).
 *
 * A command describes itself (name, summary, options, positional arguments), so the runner can
 * parse `coffer-cli [global options] COMMAND [options] ARGS` and print `coffer-cli help COMMAND`
 * / `coffer-cli COMMAND --help` without the command's help. It then calls run() once, inside the
 * one QCoreApplication event loop, and the command calls `done(exitCode)` exactly once when it
 * has finished (immediately, or later from a callback). Never start a nested event loop.
 *
 * Adding a command takes one file, `app/cli/<name>command.cpp` (re-run cmake to glob it):
 *
 * @code
 * #include "app/cli/clicommand.h"
 * #include "app/cli/clicontext.h"
 *
 * namespace coffer::cli {
 * namespace {
 * class ServeCommand final : public CliCommand
 * {
 * public:
 *     QString name() const override { return u"serve"_s; }
 *     QString summary() const override { return tr("Run the local sandbox endpoint."); }
 *     Group group() const override { return Group::Local; }
 *     QList<QCommandLineOption> options() const override
 *     {
 *         return {{u"port"_s, tr("Listen on PORT (0: any free port)."), u"PORT"_s, u"0"_s}};
 *     }
 *     void run(CliContext &context, const CliInvocation &args, Done done) override
 *     {
 *         // context.out()/printJson()/usageError()/fail(); context.secretsManager() etc. only
 *         // when the command talks to AWS (they resolve profile, region and credentials lazily).
 *         ...
 *         // A long-running command simply never calls done() until it should exit (Ctrl+C
 *         // ends the process), or calls it from a signal handler / callback.
 *     }
 * };
 * } // namespace
 * COFFER_CLI_COMMAND(ServeCommand)
 * } // namespace coffer::cli
 * @endcode
 *
 * Exit codes are coffer::cli::ExitCode (cliexitcode.h); CliContext::fail() maps an AwsError to
 * the right one and prints it on stderr.
 */
class CliCommand
{
public:
    /// Receives the process exit code (ExitCode values, as int).
    using Done = std::function<void(int exitCode)>;

    /// Where the command is listed in `coffer-cli --help`.
    enum class Group { Read, Write, Account, Local };

    CliCommand() = default;
    virtual ~CliCommand() = default;
    Q_DISABLE_COPY_MOVE(CliCommand)

    /// The word on the command line: "list".
    [[nodiscard]] virtual QString name() const = 0;
    /// One line for the command list.
    [[nodiscard]] virtual QString summary() const = 0;
    /// More paragraphs for `coffer-cli help COMMAND` (after the summary); may be empty.
    [[nodiscard]] virtual QString details() const { return {}; }
    [[nodiscard]] virtual Group group() const { return Group::Read; }
    /// The command's own options (the global ones --profile, --region, --endpoint-url, --json
    /// and --help are added by the runner).
    [[nodiscard]] virtual QList<QCommandLineOption> options() const { return {}; }
    /// Positional arguments, in order, for help and the usage line.
    [[nodiscard]] virtual QList<CliArgument> arguments() const { return {}; }
    /// What follows the command name in its usage line ("NAME [--force]"); empty: built from
    /// options() and arguments().
    [[nodiscard]] virtual QString synopsis() const { return {}; }
    /// Smallest and largest count of positional arguments; -1 for no upper bound. The runner
    /// refuses other counts with a usage error before calling run().
    [[nodiscard]] virtual int minimumArguments() const { return 0; }
    [[nodiscard]] virtual int maximumArguments() const { return 0; }

    /// The exit codes, for `coffer-cli help COMMAND`, when they are not the usual ones (0 ok, 1
    /// service, 2 usage, 3 configuration, 4 network): "0 equal, 1 different, 2 error". Empty: usual.
    [[nodiscard]] virtual QString exitCodes() const { return {}; }

    /// Does the work; calls `done` exactly once. `context` outlives the call.
    virtual void run(CliContext &context, const CliInvocation &args, Done done) = 0;

    /// For command texts: QCoreApplication::translate("coffer::cli::CliCommand", text).
    [[nodiscard]] static QString tr(const char *text);
};

/// Registers a command factory (use COFFER_CLI_COMMAND instead). Defined in clicommandregistry.cpp.
bool registerCliCommand(std::unique_ptr<CliCommand> (*factory)());

} // namespace coffer::cli

/// Registers `Class` (default-constructible, derived from CliCommand) with the runner at start-up.
/// Use it once per command, at namespace scope of the command's .cpp file.
#define COFFER_CLI_COMMAND(Class)                                                                  \
    namespace {                                                                                    \
    [[maybe_unused]] const bool registered##Class = ::coffer::cli::registerCliCommand(             \
        []() -> std::unique_ptr<::coffer::cli::CliCommand> { return std::make_unique<Class>(); }); \
    }
