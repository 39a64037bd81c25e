// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli put: store a new version of a secret's value (PutSecretValue).
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class PutCommand final : public CliCommand
{
public:
    QString name() const override { return u"put"_s; }
    QString summary() const override { return tr("Store a new value (a new AWSCURRENT version)."); }
    QString details() const override
    {
        return tr("The value is read from a file or stdin, byte for byte (`echo` adds a newline; "
                  "`printf %s` does not), and checked before sending: 1 to 65536 bytes, UTF-8 "
                  "text unless --binary. The new version becomes AWSCURRENT and the previous one "
                  "AWSPREVIOUS. Repeating the command with the same --client-request-token and "
                  "value does nothing; with another value it fails.");
    }
    Group group() const override { return Group::Write; }
    QString synopsis() const override
    {
        return u"NAME (--value-file F | --value-stdin) [--binary] [--client-request-token T]"_s;
    }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override
    {
        return SecretInput::valueOptions()
            << QCommandLineOption(u"client-request-token"_s,
                                  tr("Idempotency token, 32 to 64 characters (default: a new "
                                     "UUID)."),
                                  u"T"_s);
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::PutSecretValueRequest request;
        request.secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(request.secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        auto version = SecretInput::readNewVersion(args);
        if (!version)
            return done(context.usageError(version.error(), name()));
        request.clientRequestToken = version->clientRequestToken;
        request.secretString = version->secretString;
        request.secretBinary = version->secretBinary;

        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        if (const auto confirmed
            = context.confirmWrite(tr("Store a new version of %1").arg(request.secretId));
            !confirmed)
            return done(confirmed.error());
        (*client)->putSecretValue(
            request, &context, [&context, done](aws::Result<aws::PutSecretValueResult> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    context.printJson(CliJson::Json {
                        { "ARN", CliJson::utf8(result->arn) },
                        { "Name", CliJson::utf8(result->name) },
                        { "VersionId", CliJson::utf8(result->versionId) },
                        { "VersionStages", CliJson::strings(result->versionStages) } });
                } else {
                    const QString stages = result->versionStages.isEmpty()
                        ? u"AWSCURRENT"_s
                        : result->versionStages.join(u", "_s);
                    context.out(tr("Stored a new version of %1: %2 (%3)\n")
                                    .arg(result->name, result->versionId, stages));
                }
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(PutCommand)
} // namespace coffer::cli
