// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli diff: what changed between two versions of a secret, or between two secrets.
// Values are masked unless --show-values; the exit status is diff(1)'s.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/diff/diffexport.h"
#include "models/diff/secretdiff.h"

#include <QRegularExpression>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

// diff(1)'s exit status, not the usual ExitCode table: scripts test "did it change".
constexpr int kEqual = 0;
constexpr int kDifferent = 1;
constexpr int kTrouble = 2;

/// One side of the comparison: a secret and a version (by stage or id).
struct DiffSide
{
    aws::GetSecretValueRequest request;
    QString label;
};

class DiffCommand final : public CliCommand
{
public:
    QString name() const override { return u"diff"_s; }
    QString summary() const override
    {
        return tr("Show what changed between two versions of a secret, or two secrets.");
    }
    QString exitCodes() const override
    {
        return tr("0 when the values are equal, 1 when they differ, 2 on any error, as diff(1)");
    }
    QString details() const override
    {
        return tr("Compares AWSPREVIOUS with AWSCURRENT of NAME, or the versions given with "
                  "--from and --to (a staging label, or a version id: a UUID or any value of 32 "
                  "characters or more). With --secrets A B: the AWSCURRENT versions of two "
                  "secrets. JSON values are compared by path (added, removed, changed, moved), "
                  "text by lines, binary values by size and fingerprint.\n\n"
                  "Values are hidden: a changed value shows as a fingerprint, <hidden 1a2b3c4d> "
                  "(the first 8 hex digits of SHA-256 of \"coffer-fp:\" and the value), enough "
                  "to see that it changed. --show-values prints them.\n\n"
                  "--format unified (the default) prints one line per change; --format patch, "
                  "or --json, prints an RFC 6902 JSON Patch from the first version to the "
                  "second.\n\n"
                  "Exit status, as diff(1): 0 when the values are equal, 1 when they differ, 2 "
                  "on any error (usage, configuration, network or service: the error is printed "
                  "on stderr as for other commands, but the exit status is always 2).");
    }
    QString synopsis() const override
    {
        return u"NAME [--from STAGE|ID] [--to STAGE|ID] | --secrets A B  [--show-values] "
               "[--format unified|patch]"_s;
    }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN (with --secrets: two of them).") } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 2; }
    QList<QCommandLineOption> options() const override
    {
        return {
            { u"from"_s, tr("The first version: a staging label or a version id (default "
                            "AWSPREVIOUS)."),
              u"STAGE|ID"_s },
            { u"to"_s,
              tr("The second version: a staging label or a version id (default AWSCURRENT)."),
              u"STAGE|ID"_s },
            { u"secrets"_s, tr("Compare the AWSCURRENT versions of two secrets, A and B.") },
            { u"show-values"_s, tr("Print the values themselves instead of fingerprints.") },
            { u"format"_s, tr("unified or patch (RFC 6902 JSON Patch)."), u"FORMAT"_s,
              u"unified"_s },
        };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        const bool twoSecrets = args.isSet(u"secrets"_s);
        if (twoSecrets && args.positional.size() != 2)
            return done(context.usageError(tr("--secrets takes two secret names"), name()));
        if (!twoSecrets && args.positional.size() != 1)
            return done(context.usageError(
                tr("give one secret name, or two with --secrets"), name()));
        if (twoSecrets && (args.isSet(u"from"_s) || args.isSet(u"to"_s)))
            return done(
                context.usageError(tr("--from and --to do not apply with --secrets"), name()));
        const QString format = args.value(u"format"_s);
        if (format != u"unified"_s && format != u"patch"_s)
            return done(context.usageError(
                tr("--format must be 'unified' or 'patch', not '%1'").arg(format), name()));
        for (const QString &secretId : args.positional) {
            if (const QString problem = aws::SecretConstraints::checkSecretId(secretId);
                !problem.isEmpty())
                return done(context.usageError(problem, name()));
        }

        auto sides = std::make_shared<std::pair<DiffSide, DiffSide>>();
        if (twoSecrets) {
            sides->first = side(args.positional.at(0), u"AWSCURRENT"_s, true);
            sides->second = side(args.positional.at(1), u"AWSCURRENT"_s, true);
        } else {
            const QString from = args.isSet(u"from"_s) ? args.value(u"from"_s)
                                                       : u"AWSPREVIOUS"_s;
            const QString to = args.isSet(u"to"_s) ? args.value(u"to"_s) : u"AWSCURRENT"_s;
            if (from.isEmpty() || to.isEmpty())
                return done(context.usageError(tr("--from and --to cannot be empty"), name()));
            sides->first = side(args.positional.at(0), from, false);
            sides->second = side(args.positional.at(0), to, false);
        }

        diff::ExportOptions options;
        options.revealValues = args.isSet(u"show-values"_s);
        options.oldLabel = sides->first.label;
        options.newLabel = sides->second.label;
        const bool patch = format == u"patch"_s || context.jsonOutput();

        auto client = context.secretsManager();
        if (!client)
            return done(failed(context, client.error()));
        aws::SecretsManagerClient *secrets = *client;
        secrets->getSecretValue(
            sides->first.request, &context,
            [&context, done, secrets, sides, options, patch](aws::Result<aws::SecretValue> first) {
                if (!first)
                    return done(failed(context, first.error()));
                secrets->getSecretValue(
                    sides->second.request, &context,
                    [&context, done, first = std::move(*first), options,
                     patch](aws::Result<aws::SecretValue> second) {
                        if (!second)
                            return done(failed(context, second.error()));
                        done(report(context, first, *second, options, patch));
                    });
            });
    }

private:
    /// A version id is what Secrets Manager generates (a UUID) or a client request token the
    /// caller chose, 32 to 64 characters; staging labels are short words.
    static bool looksLikeVersionId(const QString &value)
    {
        static const QRegularExpression uuid(
            u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
        return value.size() >= 32 || uuid.match(value).hasMatch();
    }

    static DiffSide side(const QString &secretId, const QString &version, bool showName)
    {
        DiffSide side;
        side.request.secretId = secretId;
        if (looksLikeVersionId(version))
            side.request.versionId = version;
        else
            side.request.versionStage = version;
        side.label = showName ? u"%1 (%2)"_s.arg(secretId, version)
                              : u"%1@%2"_s.arg(secretId, version);
        return side;
    }

    static int failed(CliContext &context, const aws::AwsError &error)
    {
        (void)context.fail(error); // prints it; the exit status is diff(1)'s
        return kTrouble;
    }

    static int report(CliContext &context, const aws::SecretValue &first,
                      const aws::SecretValue &second, const diff::ExportOptions &options,
                      bool patch)
    {
        const diff::SecretDiff result = diff::SecretDiff::compare(
            first.secretString, first.secretBinary, second.secretString, second.secretBinary);
        if (patch) {
            context.writeRaw(diff::DiffExport::jsonPatch(result, options));
        } else {
            context.out(diff::DiffExport::unified(result, options));
            if (!result.isEqual() && !options.revealValues)
                context.note(tr("%1; values hidden (--show-values to print them).")
                                 .arg(result.summary()));
        }
        return result.isEqual() ? kEqual : kDifferent;
    }
};

} // namespace
COFFER_CLI_COMMAND(DiffCommand)
} // namespace coffer::cli
