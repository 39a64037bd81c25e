// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli get: the one command that prints a secret value.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/core/terminaltext.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class GetCommand final : public CliCommand
{
public:
    QString name() const override { return u"get"_s; }
    QString summary() const override { return tr("Print a secret's value."); }
    QString details() const override
    {
        return tr("Writes SecretString to stdout exactly as stored when stdout is a pipe or a "
                  "file. On a terminal, control characters (ESC, CR, ...) and bidirectional "
                  "overrides are shown escaped (\\e, \\r, \\x07, \\u{202e}), so a value cannot "
                  "drive the terminal, and a newline is added when the value does not end with one. SecretBinary is "
                  "written as raw bytes (refused on a terminal: redirect stdout to a file). With "
                  "--json: the GetSecretValue answer, SecretBinary in base64. Without a version "
                  "option: the AWSCURRENT version.");
    }
    QString synopsis() const override { return u"NAME [--version-stage S | --version-id ID]"_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override
    {
        return {
            { u"version-stage"_s, tr("The version with this staging label (AWSPREVIOUS, ...)."),
              u"S"_s },
            { u"version-id"_s, tr("The version with this id."), u"ID"_s },
        };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::GetSecretValueRequest request;
        request.secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(request.secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        if (args.isSet(u"version-stage"_s) && args.isSet(u"version-id"_s)) {
            return done(
                context.usageError(tr("give --version-stage or --version-id, not both"), name()));
        }
        request.versionStage = args.value(u"version-stage"_s);
        request.versionId = args.value(u"version-id"_s);
        if (args.isSet(u"version-stage"_s) && request.versionStage.isEmpty())
            return done(context.usageError(tr("--version-stage is empty"), name()));
        if (args.isSet(u"version-id"_s) && request.versionId.isEmpty())
            return done(context.usageError(tr("--version-id is empty"), name()));

        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        (*client)->getSecretValue(request, &context,
                                  [&context, done](aws::Result<aws::SecretValue> result) {
                                      if (!result)
                                          return done(context.fail(result.error()));
                                      done(print(context, *result));
                                  });
    }

private:
    static int print(CliContext &context, const aws::SecretValue &value)
    {
        if (context.jsonOutput()) {
            context.printJson(CliJson::secretValue(value));
            return toInt(ExitCode::Ok);
        }
        const bool terminal = CliContext::stdoutIsTerminal();
        if (value.secretBinary) {
            if (terminal) {
                return context.usageError(
                    tr("'%1' holds %2 bytes of binary data; redirect stdout to a file, or use "
                       "--json for base64")
                        .arg(value.name)
                        .arg(value.secretBinary->size()),
                    u"get"_s);
            }
            context.writeRaw(*value.secretBinary);
            return toInt(ExitCode::Ok);
        }
        // A pipe or file gets the exact bytes. A terminal gets control characters escaped (a
        // value must not be able to drive it) and a final newline (a prompt glued to the value
        // is unreadable).
        QByteArray bytes = terminal ? terminalSafe(value.secretString.value_or(QString())).toUtf8()
                                    : value.secretString.value_or(QString()).toUtf8();
        if (terminal && !bytes.endsWith('\n'))
            bytes += '\n';
        context.writeRaw(bytes);
        return toInt(ExitCode::Ok);
    }
};

} // namespace
COFFER_CLI_COMMAND(GetCommand)
} // namespace coffer::cli
