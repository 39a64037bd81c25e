// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli create: a new secret with its first value (CreateSecret).
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class CreateCommand final : public CliCommand
{
public:
    QString name() const override { return u"create"_s; }
    QString summary() const override { return tr("Create a secret with its first value."); }
    QString details() const override
    {
        return tr("NAME uses 1 to 512 characters of A-Za-z0-9/_+=.@- (by convention "
                  "<project>/<environment>/<area>/<name>). The value is read and checked as for "
                  "'put'. Without --kms-key-id the secret is encrypted with the AWS managed key "
                  "aws/secretsmanager.");
    }
    Group group() const override { return Group::Write; }
    QString synopsis() const override
    {
        return u"NAME (--value-file F | --value-stdin) [--binary] [--description D] "
               "[--kms-key-id K] [--tag K=V]... [--client-request-token T]"_s;
    }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The new secret's name.") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override
    {
        return SecretInput::valueOptions()
            << QCommandLineOption(u"description"_s, tr("A description (at most 2048 characters)."),
                                  u"D"_s)
            << QCommandLineOption(u"kms-key-id"_s, tr("KMS key id, ARN or alias to encrypt with."),
                                  u"K"_s)
            << QCommandLineOption(u"tag"_s, tr("A tag; repeat for more."), u"K=V"_s)
            << QCommandLineOption(u"client-request-token"_s,
                                  tr("Idempotency token, 32 to 64 characters (default: a new "
                                     "UUID)."),
                                  u"T"_s);
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::CreateSecretRequest request;
        request.name = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkName(request.name); !problem.isEmpty())
            return done(context.usageError(problem, name()));
        request.description = args.value(u"description"_s);
        if (const QString problem = aws::SecretConstraints::checkDescription(request.description);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        request.kmsKeyId = args.value(u"kms-key-id"_s);
        if (args.isSet(u"kms-key-id"_s) && request.kmsKeyId.isEmpty())
            return done(context.usageError(tr("--kms-key-id is empty"), name()));
        auto tags = aws::SecretConstraints::parseTags(args.values(u"tag"_s));
        if (!tags)
            return done(context.usageError(tags.error(), name()));
        request.tags = *tags;
        auto version = SecretInput::readNewVersion(args);
        if (!version)
            return done(context.usageError(version.error(), name()));
        request.clientRequestToken = version->clientRequestToken;
        request.secretString = version->secretString;
        request.secretBinary = version->secretBinary;

        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        if (const auto confirmed = context.confirmWrite(tr("Create %1").arg(request.name));
            !confirmed)
            return done(confirmed.error());
        (*client)->createSecret(
            request, &context, [&context, done](aws::Result<aws::CreateSecretResult> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    context.printJson(
                        CliJson::Json { { "ARN", CliJson::utf8(result->arn) },
                                        { "Name", CliJson::utf8(result->name) },
                                        { "VersionId", CliJson::utf8(result->versionId) } });
                } else {
                    context.out(tr("Created %1 (%2), version %3\n")
                                    .arg(result->name, result->arn, result->versionId));
                }
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(CreateCommand)
} // namespace coffer::cli
