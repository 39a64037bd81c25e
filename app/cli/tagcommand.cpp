// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli tag / untag: add, change or remove a secret's tags.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class TagCommand final : public CliCommand
{
public:
    QString name() const override { return u"tag"_s; }
    QString summary() const override { return tr("Add or change tags of a secret."); }
    Group group() const override { return Group::Write; }
    QString synopsis() const override { return u"NAME K=V..."_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") },
                 { u"K=V"_s, tr("A tag: key (1-128 characters) = value (0-256)."), u"K=V..."_s } };
    }
    int minimumArguments() const override { return 2; }
    int maximumArguments() const override { return -1; }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::TagResourceRequest request;
        request.secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(request.secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        auto tags = aws::SecretConstraints::parseTags(args.positional.mid(1));
        if (!tags)
            return done(context.usageError(tags.error(), name()));
        request.tags = *tags;
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        if (const auto confirmed = context.confirmWrite(tr("Tag %1").arg(request.secretId));
            !confirmed)
            return done(confirmed.error());
        (*client)->tagResource(
            request, &context, [&context, done, request](aws::Result<void> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    context.printJson(
                        CliJson::Json { { "SecretId", CliJson::utf8(request.secretId) },
                                        { "Tags", CliJson::tags(request.tags) } });
                } else {
                    QStringList keys;
                    for (const aws::Tag &tag : request.tags)
                        keys.append(tag.key);
                    context.out(tr("Tagged %1: %2\n").arg(request.secretId, keys.join(u", "_s)));
                }
                done(toInt(ExitCode::Ok));
            });
    }
};

class UntagCommand final : public CliCommand
{
public:
    QString name() const override { return u"untag"_s; }
    QString summary() const override { return tr("Remove tags from a secret."); }
    Group group() const override { return Group::Write; }
    QString synopsis() const override { return u"NAME K..."_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") },
                 { u"K"_s, tr("The key of a tag to remove."), u"K..."_s } };
    }
    int minimumArguments() const override { return 2; }
    int maximumArguments() const override { return -1; }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::UntagResourceRequest request;
        request.secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(request.secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        request.tagKeys = args.positional.mid(1);
        for (const QString &key : std::as_const(request.tagKeys)) {
            if (const QString problem = aws::SecretConstraints::checkTagKey(key); !problem.isEmpty())
                return done(context.usageError(problem, name()));
        }
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        if (const auto confirmed
            = context.confirmWrite(tr("Remove tags from %1").arg(request.secretId));
            !confirmed)
            return done(confirmed.error());
        (*client)->untagResource(
            request, &context, [&context, done, request](aws::Result<void> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    context.printJson(
                        CliJson::Json { { "SecretId", CliJson::utf8(request.secretId) },
                                        { "TagKeys", CliJson::strings(request.tagKeys) } });
                } else {
                    context.out(tr("Removed tags from %1: %2\n")
                                    .arg(request.secretId, request.tagKeys.join(u", "_s)));
                }
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(TagCommand)
COFFER_CLI_COMMAND(UntagCommand)
} // namespace coffer::cli
