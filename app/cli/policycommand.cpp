// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli policy: write a least-privilege IAM policy for Secrets Manager (the default
// sub-action, "generate"), check one ("lint FILE"), or decide what a set of policies allows
// ("simulate"). Everything but the account lookup of "generate" works offline.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "models/aws/stsclient.h"
#include "models/policy/policydocument.h"
#include "models/policy/policyevaluator.h"
#include "models/policy/policyformatter.h"
#include "models/policy/policygenerator.h"
#include "models/policy/policylinter.h"

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

using namespace coffer::policy;

const QString prefixOption = u"prefix"_s;
const QString secretOption = u"secret"_s;
const QString tagOption = u"tag"_s;
const QString accessOption = u"access"_s;
const QString actionOption = u"action"_s;
const QString kmsKeyOption = u"kms-key"_s;
const QString batchGetOption = u"batch-get"_s;
const QString formatOption = u"format"_s;
const QString resourcePolicyOption = u"resource-policy"_s;
const QString principalOption = u"principal"_s;
const QString accountOption = u"account"_s;
const QString policyOption = u"policy"_s;
const QString resourceOption = u"resource"_s;
const QString contextOption = u"context"_s;

/// Exit codes of "simulate" and "lint" (documented in the command's help).
constexpr int exitAllowedOrClean = 0;
constexpr int exitDeniedOrFindings = 1;
constexpr int exitError = 2;

/// The file's bytes ("-": standard input), or why it cannot be read.
std::expected<QByteArray, QString> readPolicyFile(const QString &path)
{
    QFile file;
    bool opened = false;
    if (path == u"-"_s) {
        opened = file.open(stdin, QIODevice::ReadOnly);
    } else {
        file.setFileName(path);
        opened = file.open(QIODevice::ReadOnly);
    }
    if (!opened)
        return std::unexpected(
            CliCommand::tr("cannot read '%1': %2").arg(path, file.errorString()));
    return file.readAll();
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

class PolicyCommand final : public CliCommand
{
public:
    QString name() const override { return u"policy"_s; }
    QString summary() const override
    {
        return tr("Write, check (lint) or simulate IAM policies for Secrets Manager.");
    }
    QString synopsis() const override
    {
        return u"[generate] (--prefix P | --secret NAME... | --tag KEY=VALUE) --access LEVELS "
               "[--action A...] [--kms-key ARN...] [--batch-get] [--format FORMAT] "
               "[--resource-policy --principal ARN] [--account ID] [--region R]\n"
               "       coffer-cli [global options] policy simulate --policy FILE... "
               "[--resource-policy FILE] --action A... [--resource ARN...] "
               "[--context KEY=VALUE...] [--principal ARN]\n"
               "       coffer-cli [global options] policy lint FILE [--kms-key ARN...]"_s;
    }
    QString exitCodes() const override
    {
        return tr("generate: the usual ones; simulate: 0 all allowed, 1 something denied, 2 error; lint: 0 no error, 1 errors found, 2 unreadable");
    }
    QString details() const override
    {
        return tr(
            "generate (the default) writes an identity policy whose ARN patterns really match: "
            "one secret is ...:secret:NAME-?????? (Secrets Manager adds '-' and 6 random "
            "characters to every ARN), a namespace ...:secret:PREFIX/*, a tag scope Resource "
            "\"*\" with a secretsmanager:ResourceTag condition. LEVELS is a comma-separated list "
            "of read (GetSecretValue, DescribeSecret), list (ListSecrets, which IAM cannot limit "
            "to secrets), write (PutSecretValue, UpdateSecret, UpdateSecretVersionStage) and "
            "manage (create, delete, restore, tags, resource policy, rotation); --action adds "
            "single Secrets Manager actions. --kms-key adds kms:Decrypt (and kms:GenerateDataKey "
            "to write) on the key, only through Secrets Manager. --resource-policy writes the "
            "variant to attach to a secret (Principal set, Resource \"*\"). FORMAT is json, "
            "terraform (a data \"aws_iam_policy_document\") or cloudformation (YAML). The account "
            "and region come from --account and --region, else from the profile and STS "
            "GetCallerIdentity; with both given nothing is sent.\n"
            "\n"
            "simulate evaluates the policies as IAM does (explicit Deny, then Allow, else "
            "implicit deny) for each --action and --resource (default \"*\"), and names the "
            "deciding statement. --context sets a condition key (repeat a key for several "
            "values); --principal is the caller, matched against a resource policy's Principal. "
            "Exit 0: all allowed; 1: something denied; 2: an unreadable or invalid policy.\n"
            "\n"
            "lint checks a policy file ('-': standard input) for malformed JSON and structure, "
            "unknown or wildcard actions, GetSecretValue on every secret, NAME-* and bare-name "
            "resources, ListSecrets limited to secrets, and (with --kms-key) a missing "
            "kms:Decrypt. Exit 0: no error (warnings allowed); 1: errors found; 2: unreadable.\n"
            "\n"
            "Examples:\n"
            "  coffer-cli policy --prefix paintbox/ --access read --account 123456789012 "
            "--region us-east-1\n"
            "  coffer-cli policy --secret pixell/prod --access read,write --format terraform\n"
            "  coffer-cli policy simulate --policy app.json --action secretsmanager:GetSecretValue "
            "--resource arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf\n"
            "  coffer-cli policy lint app.json");
    }
    Group group() const override { return Group::Local; }
    QList<CliArgument> arguments() const override
    {
        return {
            { u"generate"_s, tr("Write a policy (the default when no sub-action is given).") },
            { u"simulate"_s, tr("Evaluate policies for actions and resources.") },
            { u"lint"_s, tr("Check a policy file (FILE, or '-' for standard input).") },
        };
    }
    int minimumArguments() const override { return 0; }
    int maximumArguments() const override { return 2; }
    QList<QCommandLineOption> options() const override
    {
        return {
            { prefixOption, tr("generate: every secret of the namespace PREFIX (ends with '/')."),
              u"PREFIX"_s },
            { secretOption, tr("generate: this secret (a name or ARN); repeat for several."),
              u"NAME"_s },
            { tagOption, tr("generate: every secret tagged KEY=VALUE."), u"KEY=VALUE"_s },
            { accessOption,
              tr("generate: access levels, comma-separated: read, list, write, manage."),
              u"LEVELS"_s },
            { actionOption,
              tr("generate: one more Secrets Manager action; simulate: an action to evaluate. "
                 "Repeat for several."),
              u"ACTION"_s },
            { kmsKeyOption,
              tr("generate: a customer-managed KMS key (ARN) of the secrets; lint: check that "
                 "kms:Decrypt is allowed on it. Repeat for several."),
              u"ARN"_s },
            { batchGetOption,
              tr("generate: also allow BatchGetSecretValue (Resource \"*\"; GetSecretValue "
                 "is still needed per secret).") },
            { formatOption, tr("generate: json, terraform or cloudformation."), u"FORMAT"_s,
              u"json"_s },
            { resourcePolicyOption,
              tr("generate: write a secret's resource policy (needs --principal); simulate: "
                 "followed by FILE, the secret's resource policy.") },
            { principalOption,
              tr("generate: who the resource policy grants access to (ARN or account id); "
                 "simulate: the caller's ARN."),
              u"ARN"_s },
            { accountOption, tr("generate: the account id (default: from STS GetCallerIdentity)."),
              u"ID"_s },
            { policyOption, tr("simulate: an identity policy file; repeat for several."),
              u"FILE"_s },
            { resourceOption, tr("simulate: a resource ARN to evaluate; repeat for several."),
              u"ARN"_s },
            { contextOption,
              tr("simulate: a request context key and value (aws:username=alice); repeat."),
              u"KEY=VALUE"_s },
        };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        const QString action = args.positional.value(0);
        if (action == u"lint"_s)
            return done(lint(context, args));
        if (action == u"simulate"_s)
            return done(simulate(context, args));
        if (!action.isEmpty() && action != u"generate"_s)
            return done(context.usageError(
                tr("unknown sub-action '%1' (generate, simulate or lint)").arg(action), name()));
        if (args.positional.size() > 1)
            return done(context.usageError(tr("too many arguments"), name()));
        generate(context, args, std::move(done));
    }

private:
    // --- generate ------------------------------------------------------------------------

    void generate(CliContext &context, const CliInvocation &args, Done done)
    {
        for (const QString &option : { policyOption, resourceOption, contextOption }) {
            if (args.isSet(option))
                return done(context.usageError(
                    tr("--%1 is for 'policy simulate'").arg(option), name()));
        }
        PolicyGeneratorRequest request;
        if (const QString problem = fillScope(args, request.scope); !problem.isEmpty())
            return done(context.usageError(problem, name()));
        for (const QString &list : args.values(accessOption)) {
            for (const QString &level : list.split(u',', Qt::SkipEmptyParts)) {
                const QString word = level.trimmed().toLower();
                if (word == u"read"_s)
                    request.access |= AccessLevel::Read;
                else if (word == u"list"_s)
                    request.access |= AccessLevel::List;
                else if (word == u"write"_s)
                    request.access |= AccessLevel::Write;
                else if (word == u"manage"_s)
                    request.access |= AccessLevel::Manage;
                else
                    return done(context.usageError(
                        tr("--access: unknown level '%1' (read, list, write, manage)").arg(level),
                        name()));
            }
        }
        request.extraActions = args.values(actionOption);
        request.kmsKeyArns = args.values(kmsKeyOption);
        request.batchGet = args.isSet(batchGetOption);
        request.principal = args.value(principalOption);
        request.account = args.value(accountOption);
        request.region = context.globals().region;
        const auto format = PolicyFormatter::formatFromName(args.value(formatOption));
        if (!format)
            return done(context.usageError(
                tr("--format: '%1' is not json, terraform or cloudformation")
                    .arg(args.value(formatOption)),
                name()));
        const bool resourcePolicy = args.isSet(resourcePolicyOption);
        if (args.isSet(principalOption) && !resourcePolicy)
            return done(context.usageError(
                tr("--principal is for --resource-policy (or 'policy simulate')"), name()));

        // A resource policy names no account or region (its Resource is "*"); an identity
        // policy needs both, looked up only when not given.
        if (resourcePolicy || (!request.account.isEmpty() && !request.region.isEmpty()))
            return done(write(context, request, resourcePolicy, *format));

        auto sts = context.sts();
        if (!sts)
            return done(failLookup(context, sts.error()));
        if (request.region.isEmpty()) {
            if (const auto endpoint = context.lastEndpoint())
                request.region = endpoint->region;
        }
        if (!request.account.isEmpty())
            return done(write(context, request, false, *format));
        (*sts)->getCallerIdentity(
            &context,
            [this, &context, request, format = *format,
             done](aws::Result<aws::CallerIdentity> identity) mutable {
                if (!identity)
                    return done(failLookup(context, identity.error()));
                request.account = identity->account;
                done(write(context, request, false, format));
            });
    }

    static QString fillScope(const CliInvocation &args, PolicyScope &scope)
    {
        const int given = int(args.isSet(prefixOption)) + int(args.isSet(secretOption))
            + int(args.isSet(tagOption));
        if (given != 1)
            return tr("give exactly one scope: --prefix, --secret or --tag");
        if (args.isSet(prefixOption)) {
            scope.kind = PolicyScope::Kind::Namespace;
            scope.prefix = args.value(prefixOption);
        } else if (args.isSet(secretOption)) {
            scope.kind = PolicyScope::Kind::Secrets;
            scope.secretNames = args.values(secretOption);
        } else {
            const QString tag = args.value(tagOption);
            const qsizetype equals = tag.indexOf(u'=');
            if (equals <= 0)
                return tr("--tag: write KEY=VALUE, not '%1'").arg(tag);
            scope.kind = PolicyScope::Kind::Tag;
            scope.tagKey = tag.first(equals);
            scope.tagValue = tag.sliced(equals + 1);
        }
        return {};
    }

    static int failLookup(CliContext &context, const aws::AwsError &error)
    {
        const int code = context.fail(error);
        if (!context.jsonOutput())
            context.note(tr("(To write the policy offline, give --account and --region.)"));
        return code;
    }

    int write(CliContext &context, const PolicyGeneratorRequest &request, bool resourcePolicy,
              PolicyFormatter::Format format)
    {
        const auto policy = resourcePolicy ? PolicyGenerator::resourcePolicy(request)
                                           : PolicyGenerator::identityPolicy(request);
        if (!policy)
            return context.usageError(policy.error(), name());
        QString text;
        switch (format) {
        case PolicyFormatter::Format::Json:
            text = PolicyFormatter::toJson(policy->document);
            break;
        case PolicyFormatter::Format::Terraform:
            text = PolicyFormatter::toTerraform(policy->document,
                                                resourcePolicy ? u"coffer_secret_resource_policy"_s
                                                               : u"coffer_secrets_access"_s);
            break;
        case PolicyFormatter::Format::CloudFormation: {
            const QStringList names = request.scope.secretNames;
            const bool oneSecret
                = request.scope.kind == PolicyScope::Kind::Secrets && names.size() == 1;
            text = PolicyFormatter::toCloudFormation(
                policy->document,
                resourcePolicy ? u"CofferSecretResourcePolicy"_s : u"CofferSecretsAccessPolicy"_s,
                oneSecret ? names.first() : QString());
            break;
        }
        }
        if (context.jsonOutput()) {
            CliContext::Json document;
            document["Kind"] = resourcePolicy ? "ResourcePolicy" : "IdentityPolicy";
            document["Policy"] = policy->document;
            if (format != PolicyFormatter::Format::Json) {
                document["Format"] = format == PolicyFormatter::Format::Terraform
                    ? "terraform"
                    : "cloudformation";
                document["Text"] = utf8(text);
            }
            CliContext::Json notes = CliContext::Json::array();
            for (const QString &note : policy->notes)
                notes.push_back(utf8(note));
            document["Notes"] = std::move(notes);
            context.printJson(document);
        } else {
            context.out(text);
            for (const QString &note : policy->notes)
                context.note(tr("note: %1").arg(note));
        }
        return toInt(ExitCode::Ok);
    }

    // --- simulate ------------------------------------------------------------------------

    int simulate(CliContext &context, const CliInvocation &args)
    {
        for (const QString &option : { prefixOption, secretOption, tagOption, accessOption,
                                       kmsKeyOption, batchGetOption, accountOption }) {
            if (args.isSet(option))
                return context.usageError(tr("--%1 is not an option of 'policy simulate'")
                                              .arg(option),
                                          name());
        }
        // --resource-policy is a flag on the command line (for generate); its FILE is the
        // positional argument after "simulate".
        const bool hasResourcePolicy = args.isSet(resourcePolicyOption);
        if (hasResourcePolicy != (args.positional.size() == 2)) {
            return context.usageError(hasResourcePolicy
                                          ? tr("--resource-policy needs a FILE")
                                          : tr("unexpected argument '%1'")
                                                .arg(args.positional.value(1)),
                                      name());
        }
        const QStringList policyFiles = args.values(policyOption);
        if (policyFiles.isEmpty() && !hasResourcePolicy)
            return context.usageError(tr("give the policies: --policy FILE (and/or "
                                         "--resource-policy FILE)"),
                                      name());
        const QStringList actions = args.values(actionOption);
        if (actions.isEmpty())
            return context.usageError(tr("give at least one --action"), name());
        QStringList resources = args.values(resourceOption);
        if (resources.isEmpty())
            resources.append(u"*"_s);

        EvaluationRequest base;
        base.principal = args.value(principalOption);
        QHash<QString, QStringList> contextValues;
        QStringList contextKeys;
        for (const QString &entry : args.values(contextOption)) {
            const qsizetype equals = entry.indexOf(u'=');
            if (equals <= 0)
                return context.usageError(tr("--context: write KEY=VALUE, not '%1'").arg(entry),
                                          name());
            const QString key = entry.first(equals);
            if (!contextKeys.contains(key, Qt::CaseInsensitive))
                contextKeys.append(key);
            contextValues[key.toLower()].append(entry.sliced(equals + 1));
        }
        for (const QString &key : std::as_const(contextKeys))
            base.setContext(key, contextValues.value(key.toLower()));

        PolicyEvaluator evaluator;
        for (const QString &file : policyFiles) {
            auto policy = loadPolicy(context, file);
            if (!policy)
                return exitError;
            evaluator.addIdentityPolicy(std::move(*policy));
        }
        if (hasResourcePolicy) {
            auto policy = loadPolicy(context, args.positional.at(1));
            if (!policy)
                return exitError;
            evaluator.setResourcePolicy(std::move(*policy));
        }

        const DecisionMatrix matrix = evaluator.matrix(actions, resources, base);
        if (context.jsonOutput()) {
            CliContext::Json results = CliContext::Json::array();
            for (qsizetype row = 0; row < actions.size(); ++row) {
                for (qsizetype column = 0; column < resources.size(); ++column) {
                    const Decision &decision = matrix.at(row, column);
                    CliContext::Json result;
                    result["Action"] = utf8(actions.at(row));
                    result["Resource"] = utf8(resources.at(column));
                    result["Decision"] = utf8(Decision::reasonName(decision.reason));
                    result["Allowed"] = decision.allowed();
                    if (decision.statementIndex >= 0) {
                        result["Policy"] = utf8(decision.policyName);
                        result["StatementSid"] = utf8(decision.statementSid);
                        result["StatementIndex"] = decision.statementIndex;
                        result["ResourcePolicy"] = decision.fromResourcePolicy;
                    }
                    result["Explanation"] = utf8(decision.explanation);
                    results.push_back(std::move(result));
                }
            }
            CliContext::Json document;
            document["AllAllowed"] = matrix.allAllowed();
            document["Results"] = std::move(results);
            context.printJson(document);
        } else {
            QString text;
            for (qsizetype row = 0; row < actions.size(); ++row) {
                for (qsizetype column = 0; column < resources.size(); ++column) {
                    const Decision &decision = matrix.at(row, column);
                    text += u"%1  %2 on %3\n"_s.arg(
                        decision.allowed() ? tr("ALLOWED") : tr("DENIED "), actions.at(row),
                        resources.at(column));
                    text += u"         "_s + Decision::reasonName(decision.reason) + u": "_s
                        + decision.explanation + u'\n';
                }
            }
            context.out(text);
        }
        return matrix.allAllowed() ? exitAllowedOrClean : exitDeniedOrFindings;
    }

    std::optional<PolicyDocument> loadPolicy(CliContext &context, const QString &path)
    {
        const auto bytes = readPolicyFile(path);
        if (!bytes) {
            reportError(context, bytes.error());
            return std::nullopt;
        }
        auto policy = PolicyDocument::parse(*bytes, path);
        if (!policy) {
            reportError(context, path + u": "_s + policy.error().toString());
            return std::nullopt;
        }
        return std::move(*policy);
    }

    static void reportError(CliContext &context, const QString &message)
    {
        if (context.jsonOutput()) {
            CliContext::Json document;
            document["Error"] = CliContext::Json { { "Code", "PolicyError" },
                                                   { "Message", utf8(message) },
                                                   { "ExitCode", exitError } };
            const std::string text = document.dump(2);
            std::fprintf(stderr, "%s\n", text.c_str());
            std::fflush(stderr);
        } else {
            context.note(u"coffer-cli: "_s + message);
        }
    }

    // --- lint ----------------------------------------------------------------------------

    int lint(CliContext &context, const CliInvocation &args)
    {
        if (args.positional.size() != 2)
            return context.usageError(tr("'policy lint' takes one FILE"), name());
        const QString path = args.positional.at(1);
        const auto bytes = readPolicyFile(path);
        if (!bytes) {
            reportError(context, bytes.error());
            return exitError;
        }
        PolicyLinter::Options options;
        options.kmsKeyArns = args.values(kmsKeyOption);
        const QList<PolicyFinding> findings = PolicyLinter::lint(*bytes, options);
        int errors = 0;
        int warnings = 0;
        for (const PolicyFinding &finding : findings) {
            errors += finding.severity == PolicyFinding::Severity::Error ? 1 : 0;
            warnings += finding.severity == PolicyFinding::Severity::Warning ? 1 : 0;
        }
        if (context.jsonOutput()) {
            CliContext::Json list = CliContext::Json::array();
            for (const PolicyFinding &finding : findings) {
                CliContext::Json entry;
                entry["Severity"] = utf8(PolicyFinding::severityName(finding.severity));
                entry["Id"] = utf8(finding.id);
                entry["Message"] = utf8(finding.message);
                entry["Fix"] = utf8(finding.fix);
                if (finding.line > 0) {
                    entry["Line"] = finding.line;
                    entry["Column"] = finding.column;
                }
                if (!finding.pointer.isEmpty())
                    entry["Pointer"] = utf8(finding.pointer);
                list.push_back(std::move(entry));
            }
            CliContext::Json document;
            document["File"] = utf8(path);
            document["Errors"] = errors;
            document["Warnings"] = warnings;
            document["Findings"] = std::move(list);
            context.printJson(document);
        } else {
            QString text;
            for (const PolicyFinding &finding : findings) {
                QString place = path;
                if (finding.line > 0)
                    place += u":%1:%2"_s.arg(finding.line).arg(finding.column);
                text += u"%1: %2 [%3] %4\n"_s.arg(
                    place, PolicyFinding::severityName(finding.severity), finding.id,
                    finding.message);
                if (!finding.fix.isEmpty())
                    text += u"    "_s + tr("fix: %1").arg(finding.fix) + u'\n';
            }
            if (findings.isEmpty())
                text += tr("%1: no problems found").arg(path) + u'\n';
            else
                text += tr("%1 error(s), %2 warning(s)").arg(errors).arg(warnings) + u'\n';
            context.out(text);
        }
        return errors > 0 ? exitDeniedOrFindings : exitAllowedOrClean;
    }
};

} // namespace
COFFER_CLI_COMMAND(PolicyCommand)
} // namespace coffer::cli
