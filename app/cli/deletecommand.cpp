// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli delete / restore: schedule a secret's deletion, or take it back.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

constexpr int minRecoveryDays = 7;
constexpr int maxRecoveryDays = 30;

class DeleteCommand final : public CliCommand
{
public:
    QString name() const override { return u"delete"_s; }
    QString summary() const override { return tr("Schedule a secret for deletion."); }
    QString details() const override
    {
        return tr("The secret stays recoverable with 'coffer-cli restore NAME' for the recovery "
                  "window: 7 to 30 days, 30 by default. --force deletes it at once, without any "
                  "way back.");
    }
    Group group() const override { return Group::Write; }
    QString synopsis() const override { return u"NAME [--recovery-days N | --force]"_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override
    {
        return {
            { u"recovery-days"_s, tr("Days the secret stays recoverable (7 to 30; default 30)."),
              u"N"_s },
            { u"force"_s, tr("Delete at once, without a recovery window.") },
        };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::DeleteSecretRequest request;
        request.secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(request.secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        request.forceDeleteWithoutRecovery = args.isSet(u"force"_s);
        if (args.isSet(u"recovery-days"_s)) {
            if (request.forceDeleteWithoutRecovery) {
                return done(
                    context.usageError(tr("give --recovery-days or --force, not both"), name()));
            }
            bool ok = false;
            const int days = args.value(u"recovery-days"_s).toInt(&ok);
            if (!ok || days < minRecoveryDays || days > maxRecoveryDays) {
                return done(context.usageError(tr("--recovery-days must be a number of days from "
                                                  "%1 to %2")
                                                   .arg(minRecoveryDays)
                                                   .arg(maxRecoveryDays),
                                               name()));
            }
            request.recoveryWindowInDays = days;
        }
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        const bool forced = request.forceDeleteWithoutRecovery;
        if (const auto confirmed = context.confirmWrite(
                forced ? tr("Delete %1 at once, without recovery").arg(request.secretId)
                       : tr("Schedule %1 for deletion").arg(request.secretId),
                request.secretId);
            !confirmed)
            return done(confirmed.error());
        (*client)->deleteSecret(
            request, &context,
            [&context, done, forced](aws::Result<aws::DeleteSecretResult> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    context.printJson(CliJson::Json {
                        { "ARN", CliJson::utf8(result->arn) },
                        { "Name", CliJson::utf8(result->name) },
                        { "DeletionDate", CliContext::jsonDate(result->deletionDate) } });
                } else if (forced) {
                    context.out(tr("Deleted %1 without recovery\n").arg(result->name));
                } else {
                    context.out(
                        tr("Scheduled %1 for deletion on %2; 'coffer-cli restore %1' "
                           "cancels it until then\n")
                            .arg(result->name, CliContext::humanDate(result->deletionDate)));
                }
                done(toInt(ExitCode::Ok));
            });
    }
};

class RestoreCommand final : public CliCommand
{
public:
    QString name() const override { return u"restore"_s; }
    QString summary() const override { return tr("Cancel a secret's scheduled deletion."); }
    Group group() const override { return Group::Write; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        const QString secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(secretId); !problem.isEmpty())
            return done(context.usageError(problem, name()));
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        if (const auto confirmed = context.confirmWrite(tr("Restore %1").arg(secretId)); !confirmed)
            return done(confirmed.error());
        (*client)->restoreSecret(
            secretId, &context, [&context, done](aws::Result<aws::SecretIdentity> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    context.printJson(CliJson::Json { { "ARN", CliJson::utf8(result->arn) },
                                                      { "Name", CliJson::utf8(result->name) } });
                } else {
                    context.out(tr("Restored %1\n").arg(result->name));
                }
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(DeleteCommand)
COFFER_CLI_COMMAND(RestoreCommand)
} // namespace coffer::cli
