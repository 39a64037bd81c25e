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
#include "models/editor/conditionalput.h"

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
                  "value does nothing; with another value it fails. With --expect-version the "
                  "write is a compare-and-swap: the new version becomes AWSCURRENT only if "
                  "AWSCURRENT is still version ID, and otherwise nothing is written (VersionConflict, exit 1); "
                  "this needs secretsmanager:UpdateSecretVersionStage, without which Coffer "
                  "checks first and then writes, and says so.");
    }
    Group group() const override { return Group::Write; }
    QString synopsis() const override
    {
        return u"NAME (--value-file F | --value-stdin) [--binary] [--client-request-token T] "
               u"[--expect-version ID]"_s;
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
                                  u"T"_s)
            << QCommandLineOption(u"expect-version"_s,
                                  tr("Write only if AWSCURRENT is still version ID."), u"ID"_s);
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
        if (const QString expected = args.value(u"expect-version"_s); !expected.isEmpty())
            return putIfCurrent(context, *client, request, expected, std::move(done));
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

private:
    /// --expect-version: the editor's compare-and-swap save (ConditionalPut).
    static void putIfCurrent(CliContext &context, aws::SecretsManagerClient *client,
                             const aws::PutSecretValueRequest &request, const QString &expected, Done done)
    {
        ConditionalPut::Request conditional;
        conditional.secretId = request.secretId;
        conditional.secretString = request.secretString;
        conditional.secretBinary = request.secretBinary;
        conditional.clientRequestToken = request.clientRequestToken.isEmpty()
                ? aws::SecretsManagerClient::generateClientRequestToken()
                : request.clientRequestToken;
        conditional.expectedVersionId = expected;
        auto *put = new ConditionalPut(client, conditional, &context);
        QObject::connect(put, &ConditionalPut::finished, &context, [&context, put, expected, request, done] {
            put->deleteLater();
            if (!put->note().isEmpty())
                context.note(put->note());
            if (put->outcome() == ConditionalPut::Outcome::Conflict)
                return done(context.fail(ConditionalPut::conflictError(put->currentVersionId(), expected)));
            if (put->outcome() != ConditionalPut::Outcome::Saved)
                return done(context.fail(put->error()));
            if (context.jsonOutput()) {
                context.printJson(CliJson::Json{{"ARN", CliJson::utf8(request.secretId)},
                                                {"VersionId", CliJson::utf8(put->versionId())},
                                                {"VersionStages", CliJson::strings({u"AWSCURRENT"_s})}});
            } else {
                context.out(tr("Stored a new version of %1: %2 (AWSCURRENT)\n").arg(request.secretId, put->versionId()));
            }
            done(toInt(ExitCode::Ok));
        });
        put->start();
    }
};

} // namespace
COFFER_CLI_COMMAND(PutCommand)
} // namespace coffer::cli
