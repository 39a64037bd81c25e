// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli lint: the content findings (models/content) of secrets, for scripts and CI. Never
// prints a value.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/content/contentinspector.h"
#include "models/content/contentscan.h"
#include "models/content/schemaset.h"

#include <QCoreApplication>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

using content::ContentFinding;
using content::ContentScan;
using content::FindingSeverity;

/// This command's own exit codes.
enum class LintExit : int { NoError = 0, SomeError = 1, CouldNotRun = 2 };

struct LintState
{
    CliContext::Json secrets = CliContext::Json::array();
    int errors = 0;
    int warnings = 0;
    int failures = 0;
    QString text;
};

class LintCommand final : public CliCommand
{
public:
    QString name() const override { return u"lint"_s; }
    QString summary() const override
    {
        return tr("Check what secrets hold: placeholders, broken PEMs, keys, certificates, JWKs, "
                  "JWTs, URLs, keys lost since earlier versions, and the team's JSON Schemas.");
    }
    QString exitCodes() const override
    {
        return tr("0 when no secret has an error (warnings allowed), 1 when any has, 2 when the "
                  "lint could not run (a secret could not be read, a bad argument, a schema set "
                  "that cannot be used)");
    }
    QString details() const override
    {
        return tr(
            "Reads each NAME (or every secret under --prefix), its earlier versions "
            "(the ten most recent; all with --all-versions) and the same secret of the sibling "
            "environment (staging <-> prod), and prints one line per finding: severity, id, "
            "JSON Pointer, what is wrong and how to fix it. Values are never printed.\n\n"
            "--json prints {\"secrets\": [{\"name\", \"findings\": [{\"id\", \"severity\" "
            "(error, warning, info), \"pointer\", \"message\", \"fix\"}], \"error\" (only "
            "when the secret could not be read)}], \"errors\", \"warnings\"}; the field names "
            "and finding ids are stable.\n\n"
            "--schema PATH also checks each secret against the JSON Schemas whose glob matches "
            "its name; every violation is an error finding schema.<keyword> (schema.required, "
            "schema.type, schema.enum, schema.const, schema.min-length, schema.max-length, "
            "schema.pattern, schema.format, schema.minimum, schema.maximum, "
            "schema.additional-properties, schema.not-allowed, schema.too-deep, "
            "schema.not-json). PATH is either a schema set file:\n"
            "  {\"schemas\": [{\"match\": \"benchling-webhook/*\", \"schema\": {...}},\n"
            "               {\"match\": [\"sophon/**/jwt-keys\"], \"file\": "
            "\"jwt.schema.json\"}]}\n"
            "(\"file\" is relative to the set file), or a folder of *.schema.json files, each a "
            "JSON Schema with an \"x-coffer-match\" glob or list of globs. In a glob * matches "
            "within a segment, ** across /, ? one character. Supported keywords: type, "
            "required, properties, additionalProperties, patternProperties, items, enum, "
            "const, pattern, minLength, maxLength, minimum, maximum, format (uri, email, "
            "date-time, uuid), $ref within the document, $defs; another keyword is refused, "
            "naming its place.");
    }
    QString synopsis() const override
    {
        return u"[NAME...] [--prefix P] [--schema PATH] [--all-versions]"_s;
    }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("A secret's name or ARN; several may be given."),
                   u"[NAME...]"_s } };
    }
    int minimumArguments() const override { return 0; }
    int maximumArguments() const override { return 10000; }
    QList<QCommandLineOption> options() const override
    {
        return { { u"prefix"_s, tr("Lint every secret whose name starts with P."), u"P"_s },
                 { u"schema"_s,
                   tr("Check the secrets against the JSON Schema set file or folder PATH."),
                   u"PATH"_s },
                 { u"all-versions"_s,
                   tr("Compare with every earlier version, not only the ten most recent.") } };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        const QString prefix = args.value(u"prefix"_s);
        if (args.positional.isEmpty() && prefix.isEmpty())
            return done(
                context.usageError(tr("Name at least one secret, or give --prefix."), name()));
        std::shared_ptr<const content::SchemaSet> schemas;
        if (args.isSet(u"schema"_s)) {
            auto loaded = content::SchemaSet::load(args.value(u"schema"_s));
            if (!loaded)
                return done(context.usageError(
                    tr("The schema set cannot be used: %1").arg(loaded.error().toString()),
                    name()));
            schemas = std::make_shared<const content::SchemaSet>(std::move(*loaded));
        }
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        const bool allVersions = args.isSet(u"all-versions"_s);
        if (prefix.isEmpty())
            return lint(context, *client, args.positional, allVersions, schemas, done);
        aws::ListSecretsRequest request;
        request.filters.append({ u"name"_s, { prefix } });
        (*client)->listAllSecrets(
            request, &context,
            [this, &context, client = *client, names = args.positional, allVersions, schemas,
             done](aws::Result<aws::ListSecretsResult> listing) {
                if (!listing) {
                    static_cast<void>(context.fail(listing.error()));
                    return done(int(LintExit::CouldNotRun));
                }
                QStringList all = names;
                for (const aws::SecretMetadata &secret : std::as_const(listing->secretList))
                    all.append(secret.name);
                if (all.isEmpty()) {
                    context.note(tr("No secret matches the prefix."));
                    return done(int(LintExit::NoError));
                }
                lint(context, client, all, allVersions, schemas, done);
            });
    }

private:
    void lint(CliContext &context, aws::SecretsManagerClient *client, const QStringList &names,
              bool allVersions, std::shared_ptr<const content::SchemaSet> schemas, Done done)
    {
        auto state = std::make_shared<LintState>();
        auto *scan = new ContentScan(client, names, allVersions, &context);
        scan->setSchemaSet(std::move(schemas));
        QObject::connect(
            scan, &ContentScan::secretInspected, &context,
            [state](const QString &secret, const QList<ContentFinding> &findings) {
                CliContext::Json list = CliContext::Json::array();
                for (const ContentFinding &finding : findings) {
                    list.push_back(finding.toJson());
                    if (finding.severity == FindingSeverity::Error)
                        ++state->errors;
                    else if (finding.severity == FindingSeverity::Warning)
                        ++state->warnings;
                }
                state->secrets.push_back(
                    { { "name", secret.toStdString() }, { "findings", std::move(list) } });
                if (findings.isEmpty()) {
                    state->text += tr("✔ %1: no findings").arg(secret) + u'\n';
                    return;
                }
                state->text += secret + u'\n';
                for (const ContentFinding &finding : findings) {
                    const QString mark = finding.severity == FindingSeverity::Error ? u"✖"_s
                        : finding.severity == FindingSeverity::Warning              ? u"⚠"_s
                                                                                    : u"ℹ"_s;
                    state->text += u"  %1 %2 [%3] %4: %5\n"_s.arg(
                        mark, ContentFinding::severityLabel(finding.severity), finding.id,
                        finding.pointer.isEmpty() ? u"/"_s : finding.pointer, finding.message);
                    state->text += u"      "_s + tr("Fix: %1").arg(finding.fix) + u'\n';
                }
            });
        QObject::connect(
            scan, &ContentScan::secretFailed, &context,
            [state](const QString &secret, const aws::AwsError &error) {
                ++state->failures;
                state->secrets.push_back({ { "name", secret.toStdString() },
                                           { "findings", CliContext::Json::array() },
                                           { "error", error.summary().toStdString() } });
                state->text
                    += tr("? %1: could not be read: %2").arg(secret, error.summary()) + u'\n';
            });
        QObject::connect(scan, &ContentScan::finished, &context, [&context, state, scan, done] {
            scan->deleteLater();
            if (context.jsonOutput()) {
                context.printJson({ { "secrets", state->secrets },
                                    { "errors", state->errors },
                                    { "warnings", state->warnings } });
            } else {
                context.out(state->text);
                context.out(QCoreApplication::translate("coffer::cli::CliCommand", "%n error(s)",
                                                        nullptr, state->errors)
                            + u", "_s
                            + QCoreApplication::translate("coffer::cli::CliCommand",
                                                          "%n warning(s)", nullptr, state->warnings)
                            + u'\n');
            }
            if (state->errors > 0)
                return done(int(LintExit::SomeError));
            done(int(state->failures > 0 ? LintExit::CouldNotRun : LintExit::NoError));
        });
        scan->start();
    }
};

} // namespace
COFFER_CLI_COMMAND(LintCommand)
} // namespace coffer::cli
