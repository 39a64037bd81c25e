// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli describe: a secret's metadata as "Key: value" lines. Never a value.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clifieldlist.h"
#include "app/cli/clijson.h"
#include "app/cli/secretinput.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class DescribeCommand final : public CliCommand
{
public:
    QString name() const override { return u"describe"_s; }
    QString summary() const override
    {
        return tr("Show a secret's metadata: tags, versions, rotation, deletion.");
    }
    QString details() const override
    {
        return tr("Prints the DescribeSecret answer as 'Key: value' lines (with --json: as the "
                  "service sends it). It never prints the secret's value.");
    }
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
        (*client)->describeSecret(secretId, &context,
                                  [&context, done](aws::Result<aws::SecretMetadata> result) {
                                      if (!result)
                                          return done(context.fail(result.error()));
                                      if (context.jsonOutput())
                                          context.printJson(CliJson::metadata(*result, true));
                                      else
                                          context.out(format(*result));
                                      done(toInt(ExitCode::Ok));
                                  });
    }

private:
    static QString rotationText(const aws::SecretMetadata &secret)
    {
        if (!secret.rotationEnabled)
            return tr("disabled");
        QStringList parts { tr("enabled") };
        if (const auto &rules = secret.rotationRules) {
            if (rules->automaticallyAfterDays)
                parts.append(tr("every %1 days").arg(*rules->automaticallyAfterDays));
            if (!rules->scheduleExpression.isEmpty())
                parts.append(rules->scheduleExpression);
            if (!rules->duration.isEmpty())
                parts.append(tr("window %1").arg(rules->duration));
        }
        return parts.join(u", "_s);
    }

    static QString format(const aws::SecretMetadata &secret)
    {
        CliFieldList fields;
        fields.add(tr("Name"), secret.name);
        fields.add(tr("ARN"), secret.arn);
        fields.add(tr("Description"), secret.description.isEmpty() ? u"-"_s : secret.description);
        fields.add(tr("KMS key"),
                   secret.kmsKeyId.isEmpty() ? tr("aws/secretsmanager (AWS managed key)")
                                             : secret.kmsKeyId);
        if (!secret.type.isEmpty())
            fields.add(tr("Type"), secret.type);
        fields.add(tr("Created"), CliContext::humanDate(secret.createdDate));
        fields.add(tr("Last changed"), CliContext::humanDate(secret.lastChangedDate));
        fields.add(tr("Last accessed"), CliContext::humanDate(secret.lastAccessedDate));
        fields.add(tr("Rotation"), rotationText(secret));
        if (!secret.rotationLambdaArn.isEmpty())
            fields.add(tr("Rotation Lambda"), secret.rotationLambdaArn);
        if (secret.lastRotatedDate.isValid())
            fields.add(tr("Last rotated"), CliContext::humanDate(secret.lastRotatedDate));
        if (secret.nextRotationDate.isValid())
            fields.add(tr("Next rotation"), CliContext::humanDate(secret.nextRotationDate));
        if (secret.isScheduledForDeletion()) {
            fields.add(tr("Deletion date"),
                       tr("%1 (scheduled for deletion; 'coffer-cli restore %2' cancels it)")
                           .arg(CliContext::humanDate(secret.deletedDate), secret.name));
        }
        if (!secret.owningService.isEmpty())
            fields.add(tr("Owning service"), secret.owningService);
        if (!secret.primaryRegion.isEmpty())
            fields.add(tr("Primary region"), secret.primaryRegion);
        if (!secret.replicationStatus.isEmpty()) {
            QStringList replicas;
            for (const aws::ReplicationStatus &replica : secret.replicationStatus) {
                QString line = replica.region + u" ("_s + replica.status + u')';
                if (!replica.statusMessage.isEmpty())
                    line += u": "_s + replica.statusMessage;
                replicas.append(line);
            }
            fields.add(tr("Replicas"), replicas);
        }
        QStringList tags;
        for (const aws::Tag &tag : secret.tags)
            tags.append(tag.key + u'=' + tag.value);
        fields.add(tr("Tags"), tags.isEmpty() ? QStringList { u"-"_s } : tags);
        QStringList versions;
        for (auto it = secret.versionIdsToStages.cbegin(); it != secret.versionIdsToStages.cend();
             ++it)
            versions.append(it.key() + u"  "_s + it.value().join(u", "_s));
        // The current version first: it is the one people look for.
        std::ranges::stable_partition(
            versions, [](const QString &line) { return line.contains(u"AWSCURRENT"_s); });
        fields.add(tr("Versions"), versions.isEmpty() ? QStringList { u"-"_s } : versions);
        return fields.toText();
    }
};

} // namespace
COFFER_CLI_COMMAND(DescribeCommand)
} // namespace coffer::cli
