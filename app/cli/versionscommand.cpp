// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli versions: the versions of a secret and their staging labels. Never a value.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/clitable.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class VersionsCommand final : public CliCommand
{
public:
    QString name() const override { return u"versions"_s; }
    QString summary() const override { return tr("List a secret's versions and staging labels."); }
    QString details() const override
    {
        return tr("Newest first. Versions without a staging label are deprecated and shown only "
                  "with --include-deprecated. Never prints a value: use 'coffer-cli get NAME "
                  "--version-id ID' for that.");
    }
    QString synopsis() const override { return u"NAME [--include-deprecated]"_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 1; }
    QList<QCommandLineOption> options() const override
    {
        return { { u"include-deprecated"_s, tr("Also list versions without a staging label.") } };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::ListSecretVersionIdsRequest request;
        request.secretId = args.positional.at(0);
        request.includeDeprecated = args.isSet(u"include-deprecated"_s);
        request.maxResults = 100;
        if (const QString problem = aws::SecretConstraints::checkSecretId(request.secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        (*client)->listAllSecretVersionIds(
            request, &context,
            [&context, done](aws::Result<aws::ListSecretVersionIdsResult> result) {
                if (!result)
                    return done(context.fail(result.error()));
                QList<aws::SecretVersion> versions = result->versions;
                std::ranges::stable_sort(versions, [](const auto &a, const auto &b) {
                    return a.createdDate > b.createdDate;
                });
                if (context.jsonOutput()) {
                    CliJson::Json list = CliJson::Json::array();
                    for (const aws::SecretVersion &version : std::as_const(versions))
                        list.push_back(CliJson::version(version));
                    CliJson::Json document = CliJson::Json::object();
                    if (!result->arn.isEmpty())
                        document["ARN"] = CliJson::utf8(result->arn);
                    if (!result->name.isEmpty())
                        document["Name"] = CliJson::utf8(result->name);
                    document["Versions"] = std::move(list);
                    context.printJson(document);
                    return done(toInt(ExitCode::Ok));
                }
                CliTable table(
                    { tr("VERSION ID"), tr("STAGES"), tr("CREATED"), tr("LAST ACCESSED") });
                for (const aws::SecretVersion &version : std::as_const(versions)) {
                    table.addRow({ version.versionId,
                                   version.versionStages.isEmpty()
                                       ? tr("(deprecated)")
                                       : version.versionStages.join(u","_s),
                                   CliContext::humanDate(version.createdDate),
                                   CliContext::humanDate(version.lastAccessedDate) });
                }
                context.out(table.toText());
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(VersionsCommand)
} // namespace coffer::cli
