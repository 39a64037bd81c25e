// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/clirunner.h"

#include "app/cli/clicommandregistry.h"
#include "app/cli/clicontext.h"
#include "models/core/appinfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::cli {

namespace {
QString trRunner(const char *text)
{
    return QCoreApplication::translate("coffer::cli::CliRunner", text);
}

const QString profileOption = u"profile"_s;
const QString regionOption = u"region"_s;
const QString endpointUrlOption = u"endpoint-url"_s;
const QString allowInsecureHttpOption = u"allow-insecure-http"_s;
const QString jsonOption = u"json"_s;
const QString yesOption = u"yes"_s;
const QString mfaCodeOption = u"mfa-code"_s;
const QString helpOption = u"help"_s;
const QString versionOption = u"version"_s;

QString groupTitle(CliCommand::Group group)
{
    switch (group) {
    case CliCommand::Group::Read:
        return trRunner("Reading secrets:");
    case CliCommand::Group::Write:
        return trRunner(
            "Changing secrets (on a production profile each write asks first; --yes confirms):");
    case CliCommand::Group::Account:
        return trRunner("Identity:");
    case CliCommand::Group::Local:
        return trRunner("Local:");
    }
    return {};
}

QString optionNames(const QCommandLineOption &option)
{
    QStringList names;
    for (const QString &name : option.names())
        names.append((name.size() == 1 ? u"-"_s : u"--"_s) + name);
    QString text = names.join(u", "_s);
    if (!option.valueName().isEmpty())
        text += u" <"_s + option.valueName() + u'>';
    return text;
}

constexpr qsizetype helpWidth = 100;

/// `text` broken into lines of at most `width` characters at spaces (a longer word stays whole).
QStringList wrapped(const QString &text, qsizetype width)
{
    QStringList lines;
    QString line;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines.append(line);
            line.clear();
        }
        line += (line.isEmpty() ? QString() : u" "_s) + word;
    }
    if (!line.isEmpty())
        lines.append(line);
    return lines;
}

/// Help text as written: each line wrapped on its own, indented lines (examples) and blank
/// lines kept as they are.
QString paragraph(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(u'\n')) {
        if (line.trimmed().isEmpty() || line.startsWith(u' '))
            out.append(line);
        else
            out.append(wrapped(line, helpWidth));
    }
    return out.join(u'\n') + u'\n';
}

/// Two-column text: "  left   right", the right column aligned and wrapped.
QString twoColumns(const QList<std::pair<QString, QString>> &rows)
{
    qsizetype width = 0;
    for (const auto &[left, right] : rows)
        width = std::max(width, left.size());
    const qsizetype indent = 2 + width + 3;
    QString text;
    for (const auto &[left, right] : rows) {
        const QStringList lines = wrapped(right, std::max<qsizetype>(40, helpWidth - indent));
        if (lines.isEmpty()) {
            text += u"  "_s + left + u'\n';
            continue;
        }
        text += u"  "_s + left.leftJustified(width) + u"   "_s + lines.first() + u'\n';
        for (qsizetype i = 1; i < lines.size(); ++i)
            text += QString(indent, u' ') + lines.at(i) + u'\n';
    }
    return text;
}
} // namespace

CliRunner::CliRunner(QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
{ }

CliRunner::~CliRunner() = default;

QList<QCommandLineOption> CliRunner::globalOptions()
{
    return {
        { profileOption,
          trRunner("Use the named profile of ~/.aws/config and ~/.aws/credentials "
                   "(default: AWS_PROFILE, else 'default')."),
          u"PROFILE"_s },
        { regionOption,
          trRunner("AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, then the "
                   "profile's region)."),
          u"REGION"_s },
        { endpointUrlOption,
          trRunner("Send requests to this endpoint instead of AWS (for example "
                   "the local sandbox, http://127.0.0.1:PORT)."),
          u"URL"_s },
        { allowInsecureHttpOption,
          trRunner("Allow plain http:// endpoints on other computers (refused otherwise; "
                   "localhost is always allowed). Also COFFER_ALLOW_INSECURE_HTTP=1. "
                   "AWS_CA_BUNDLE or a profile's ca_bundle adds trusted CAs.") },
        { jsonOption,
          trRunner("Machine-readable output: JSON on stdout, errors as JSON on "
                   "stderr.") },
        { yesOption,
          trRunner("Confirm writes through a production profile without asking (without "
                   "it they are asked on the terminal, or refused when stdin is not one).") },
        { mfaCodeOption,
          trRunner("The current code of the MFA device of an assume-role profile with "
                   "mfa_serial (without it the code is asked on the terminal, or the command "
                   "fails with exit code 3 when stdin is not one)."),
          u"CODE"_s },
        { { u"h"_s, helpOption }, trRunner("Show help (for a command: COMMAND --help).") },
        { { u"v"_s, versionOption }, trRunner("Show version information.") },
    };
}

QString CliRunner::formatOptions(const QList<QCommandLineOption> &options)
{
    QList<std::pair<QString, QString>> rows;
    for (const QCommandLineOption &option : options) {
        QString description = option.description();
        if (!option.defaultValues().isEmpty())
            description
                += u' ' + trRunner("(default: %1)").arg(option.defaultValues().join(u", "_s));
        rows.append({ optionNames(option), description });
    }
    return twoColumns(rows);
}

QString CliRunner::usageLine(const CliCommand &command)
{
    QString synopsis = command.synopsis();
    if (synopsis.isEmpty()) {
        QStringList parts;
        if (!command.options().isEmpty())
            parts.append(trRunner("[options]"));
        for (const CliArgument &argument : command.arguments())
            parts.append(argument.syntax.isEmpty() ? argument.name : argument.syntax);
        synopsis = parts.join(u' ');
    }
    QString line = u"Usage: coffer-cli [global options] "_s + command.name();
    if (!synopsis.isEmpty())
        line += u' ' + synopsis;
    return line;
}

QString CliRunner::programHelp()
{
    QString text = u"Usage: coffer-cli [global options] COMMAND [options] [arguments]\n\n"_s;
    text += paragraph(trRunner("Coffer's command-line companion for AWS Secrets Manager (and "
                               "anything that speaks its API)."));

    const QList<CliCommand *> commands = CliCommandRegistry::instance().commands();
    std::optional<CliCommand::Group> group;
    QList<std::pair<QString, QString>> rows;
    qsizetype width = 0;
    for (const CliCommand *command : commands)
        width = std::max(width, command->name().size());
    for (const CliCommand *command : commands) {
        if (group != command->group()) {
            group = command->group();
            text += u'\n' + groupTitle(*group) + u'\n';
        }
        text += u"  "_s + command->name().leftJustified(width) + u"   "_s + command->summary()
            + u'\n';
    }
    text += u'\n' + trRunner("Global options (before or after the command):") + u'\n';
    text += formatOptions(globalOptions());
    text += u'\n' + trRunner("Exit codes:") + u'\n';
    text += twoColumns({
        { u"0"_s, trRunner("success") },
        { u"1"_s,
          trRunner("AWS service error: the service refused the request (AccessDenied, "
                   "ResourceNotFound, a KMS failure, throttling...)") },
        { u"2"_s,
          trRunner("usage error: a mistake on the command line, a value refused "
                   "before anything was sent (empty or over 65536 bytes, a bad name), or a "
                   "write through a production profile that was not confirmed (answer the "
                   "question, or pass --yes)") },
        { u"3"_s,
          trRunner("configuration or credentials error: unknown profile, malformed "
                   "~/.aws file, no region, no credentials, or credentials the service "
                   "rejected (unknown key id, bad signature, expired token)") },
        { u"4"_s,
          trRunner("network error: no usable answer (host not found, connection refused, "
                   "TLS failure, timeout, a reply that breaks the protocol)") },
    });
    text += u'\n'
        + paragraph(trRunner("Errors go to stderr with the AWS error code and a plain "
                             "explanation. Only 'get', and 'diff' with --show-values, print secret values; "
                             "'diff', 'check' and 'policy' use their own exit codes (see their help)."));
    text += paragraph(trRunner("Run 'coffer-cli help COMMAND' or 'coffer-cli COMMAND --help' for "
                               "a command's arguments and options."));
    return text;
}

QString CliRunner::commandHelp(const CliCommand &command)
{
    QString text = usageLine(command) + u"\n\n"_s + paragraph(command.summary());
    if (!command.details().isEmpty())
        text += u'\n' + paragraph(command.details().trimmed());
    if (!command.arguments().isEmpty()) {
        QList<std::pair<QString, QString>> rows;
        for (const CliArgument &argument : command.arguments())
            rows.append({ argument.name, argument.description });
        text += u'\n' + trRunner("Arguments:") + u'\n' + twoColumns(rows);
    }
    if (!command.options().isEmpty())
        text += u'\n' + trRunner("Options:") + u'\n' + formatOptions(command.options());
    text += u'\n' + trRunner("Global options:") + u'\n' + formatOptions(globalOptions());
    const QString exitCodes = command.exitCodes();
    text += u'\n'
        + paragraph(exitCodes.isEmpty()
                        ? trRunner("Exit codes: 0 ok, 1 AWS service error, 2 usage error, 3 "
                                   "configuration or credentials error, 4 network error.")
                        : trRunner("Exit codes: %1.").arg(exitCodes));
    return text;
}

void CliRunner::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(exitCode);
}

void CliRunner::start()
{
    // The command is the first argument that is neither an option nor the value of one.
    const QStringList valueOptions { u"--"_s + profileOption, u"--"_s + regionOption,
                                     u"--"_s + endpointUrlOption, u"--"_s + mfaCodeOption };
    qsizetype commandIndex = -1;
    for (qsizetype i = 1; i < m_arguments.size(); ++i) {
        const QString &argument = m_arguments.at(i);
        if (argument == u"--"_s) {
            if (i + 1 < m_arguments.size())
                commandIndex = i + 1;
            break;
        }
        if (argument.startsWith(u'-') && argument.size() > 1) {
            if (valueOptions.contains(argument))
                ++i;
            continue;
        }
        commandIndex = i;
        break;
    }

    CliGlobals provisional;
    provisional.json = m_arguments.contains(u"--json"_s);
    m_context = new CliContext(provisional, QProcessEnvironment::systemEnvironment(), this);

    const QString commandName = commandIndex >= 0 ? m_arguments.at(commandIndex) : QString();
    CliCommand *command = nullptr;
    const bool isHelpCommand = commandName == u"help"_s;
    if (!commandName.isEmpty() && !isHelpCommand) {
        command = CliCommandRegistry::instance().find(commandName);
        if (!command) {
            finish(m_context->usageError(trRunner("unknown command '%1'").arg(commandName)));
            return;
        }
    }

    m_parser = std::make_unique<QCommandLineParser>();
    m_parser->setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser->addOptions(globalOptions());
    if (command)
        m_parser->addOptions(command->options());
    if (!m_parser->parse(m_arguments)) {
        finish(m_context->usageError(m_parser->errorText(), command ? command->name() : QString()));
        return;
    }

    if (m_parser->isSet(versionOption)) {
        m_context->out(coffer::AppInfo::versionText(u"coffer-cli"_s) + u'\n');
        finish(toInt(ExitCode::Ok));
        return;
    }

    QStringList positional = m_parser->positionalArguments();
    if (!positional.isEmpty())
        positional.removeFirst(); // the command name

    if (!command) {
        if (isHelpCommand && !positional.isEmpty()) {
            CliCommand *topic = CliCommandRegistry::instance().find(positional.first());
            if (!topic) {
                finish(m_context->usageError(
                    trRunner("unknown command '%1'").arg(positional.first())));
                return;
            }
            m_context->out(commandHelp(*topic));
            finish(toInt(ExitCode::Ok));
            return;
        }
        if (isHelpCommand || m_parser->isSet(helpOption)) {
            m_context->out(programHelp());
            finish(toInt(ExitCode::Ok));
            return;
        }
        finish(m_context->usageError(trRunner("no command given")));
        return;
    }

    if (m_parser->isSet(helpOption)) {
        m_context->out(commandHelp(*command));
        finish(toInt(ExitCode::Ok));
        return;
    }

    const int maximum = command->maximumArguments();
    if (positional.size() < command->minimumArguments()
        || (maximum >= 0 && positional.size() > maximum)) {
        const QString problem = positional.size() < command->minimumArguments()
            ? trRunner("missing arguments")
            : trRunner("too many arguments");
        finish(
            m_context->usageError(problem + u" ("_s + usageLine(*command) + u')', command->name()));
        return;
    }

    CliGlobals globals;
    globals.profile = m_parser->value(profileOption);
    globals.region = m_parser->value(regionOption);
    globals.endpointUrl = m_parser->value(endpointUrlOption);
    globals.allowInsecureHttp = m_parser->isSet(allowInsecureHttpOption);
    globals.json = m_parser->isSet(jsonOption);
    globals.yes = m_parser->isSet(yesOption);
    globals.mfaCode = m_parser->value(mfaCodeOption).trimmed();
    delete m_context;
    m_context = new CliContext(std::move(globals), QProcessEnvironment::systemEnvironment(), this);

    m_invocation.parser = m_parser.get();
    m_invocation.positional = positional;
    command->run(*m_context, m_invocation, [this](int exitCode) { finish(exitCode); });
}

} // namespace coffer::cli
