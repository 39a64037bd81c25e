// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli check: the connectivity and permission diagnostics (models/diagnostics) for the
// profile in use, with a report a support ticket can carry.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "models/core/privatefile.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/stsclient.h"
#include "models/content/schemaset.h"
#include "models/diagnostics/diagnosticsreport.h"
#include "models/diagnostics/diagnosticsrun.h"


using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

using diagnostics::CheckStatus;
using diagnostics::DiagnosticsReport;
using diagnostics::DiagnosticsRun;
using diagnostics::DiagnosticsTarget;

/// This command's own exit codes (as issue #10 defines them; not the ExitCode table).
enum class CheckExit : int { AllPassed = 0, SomeFailed = 1, CouldNotRun = 2 };

/// IAM for the policy simulation: AWS_ENDPOINT_URL_IAM, else the one URL every service shares
/// (an emulator, the sandbox, AWS_ENDPOINT_URL), else the partition's global IAM endpoint.
aws::ClientConfig iamConfigFor(const aws::ClientConfig &secrets, const aws::ClientConfig &sts,
                               const QProcessEnvironment &env)
{
    aws::ClientConfig iam = secrets;
    const QString iamUrl = env.value(u"AWS_ENDPOINT_URL_IAM"_s);
    if (!iamUrl.isEmpty()) {
        iam.endpoint = QUrl(iamUrl);
        return iam;
    }
    const bool sharedEndpoint = !secrets.endpoint.isEmpty() && secrets.endpoint == sts.endpoint
        && secrets.endpoint != aws::SecretsManagerClient::defaultEndpoint(secrets.region);
    if (sharedEndpoint)
        return iam;
    aws::EndpointResolver resolver(aws::AwsSharedFiles{}, aws::AwsProfileSelection{u"default"_s, u"default"_s, false},
                                   QProcessEnvironment());
    resolver.setRegion(secrets.region, u"profile"_s);
    if (const auto endpoint = resolver.resolve(aws::EndpointResolver::Service::Iam)) {
        iam.endpoint = endpoint->url;
        iam.signingRegion = endpoint->signingRegion;
    } else {
        iam.endpoint = QUrl(u"https://iam.amazonaws.com"_s);
        iam.signingRegion = u"us-east-1"_s;
    }
    return iam;
}

class CheckCommand final : public CliCommand
{
public:
    QString name() const override { return u"check"_s; }
    QString summary() const override
    {
        return tr("Diagnose connectivity and permissions: configuration, network, clock, "
                  "identity, and access to the secrets in scope.");
    }
    QString exitCodes() const override
    {
        return tr("0 when every check passed (warnings allowed), 1 when any failed, 2 when the checks could not run");
    }
    QString details() const override
    {
        return tr("Runs every check of Coffer's diagnostics and prints each with a marker "
                  "(✔ pass, ⚠ warning, ✖ failure, – skipped), its evidence indented, then for "
                  "each problem why it happens and how to fix it, with the minimal IAM policy "
                  "statement when a permission is missing. Nothing is written: reads are "
                  "ListSecrets, DescribeSecret and GetSecretValue (values are never shown or "
                  "kept), and write permissions are asked of IAM's policy simulator when the "
                  "principal may call it. A namespace larger than 25 secrets is sampled. "
                  "--json prints the report as JSON; --report FILE also saves it (Markdown, or "
                  "JSON for a .json file) for a support ticket; request ids are kept, secret "
                  "values and keys never appear. The Content check inspects what each secret "
                  "holds (placeholders, broken keys and certificates, keys lost since earlier "
                  "versions, as coffer-cli lint does); --schema PATH adds the team's JSON "
                  "Schemas to it, and a schema violation fails the run.\n\n"
                  "Exit codes of this command (they differ from the other commands): 0 when "
                  "every check passed (warnings allowed), 1 when any check failed, 2 when the "
                  "checks could not run (a usage error, or a profile, region or endpoint that "
                  "cannot be resolved).");
    }
    Group group() const override { return Group::Account; }
    QString synopsis() const override
    {
        return u"[--prefix P | --secret NAME] [--schema PATH] [--timeout SECONDS] [--expect-write] "
               u"[--report FILE]"_s;
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            { u"prefix"_s, tr("Check the secrets whose names start with P (a namespace)."), u"P"_s },
            { u"secret"_s, tr("Check this one secret."), u"NAME"_s },
            { u"timeout"_s, tr("Time limit of each check, in seconds (default 10)."), u"SECONDS"_s, u"10"_s },
            { u"expect-write"_s, tr("Missing write permissions fail instead of warning.") },
            { u"schema"_s,
              tr("The Content check also checks each secret against the JSON Schema set file or "
                 "folder PATH (as coffer-cli lint --schema)."),
              u"PATH"_s },
            { u"report"_s, tr("Also save the report to FILE (Markdown; JSON if FILE ends in .json)."), u"FILE"_s },
        };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        const auto couldNotRun = static_cast<int>(CheckExit::CouldNotRun);
        if (args.isSet(u"prefix"_s) && args.isSet(u"secret"_s))
            return done(context.usageError(tr("--prefix and --secret exclude each other"), name()));
        bool ok = false;
        const double seconds = args.value(u"timeout"_s).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 3600)
            return done(context.usageError(tr("--timeout: '%1' is not a number of seconds between 0 and 3600")
                                               .arg(args.value(u"timeout"_s)), name()));
        if (args.isSet(u"secret"_s) && args.value(u"secret"_s).isEmpty())
            return done(context.usageError(tr("--secret: the name is empty"), name()));

        std::shared_ptr<const content::SchemaSet> schemas;
        if (args.isSet(u"schema"_s)) {
            auto loaded = content::SchemaSet::load(args.value(u"schema"_s));
            if (!loaded)
                return done(context.usageError(
                    tr("The schema set cannot be used: %1").arg(loaded.error().toString()),
                    name()));
            schemas = std::make_shared<const content::SchemaSet>(std::move(*loaded));
        }

        DiagnosticsTarget target;
        target.scope.prefix = args.value(u"prefix"_s);
        target.scope.secretName = args.value(u"secret"_s);

        auto secrets = context.secretsManager();
        aws::AwsClient *transport = nullptr;
        if (secrets) {
            target.secretsManager = (*secrets)->config();
            transport = (*secrets)->transport();
            if (const auto endpoint = context.lastEndpoint()) {
                target.regionSource = endpoint->regionSource;
                target.endpointSource = endpoint->urlSource;
            }
            auto sts = context.sts();
            if (sts) {
                target.sts = (*sts)->config();
                target.iam = iamConfigFor(target.secretsManager, target.sts, context.environment());
            } else {
                target.configurationError = sts.error();
            }
        } else {
            target.configurationError = secrets.error();
        }
        if (const auto profile = context.profileSelection()) {
            target.profileName = profile->name;
            const QString origin = context.profileOrigin() == CliProfileOrigin::None
                ? QString() : context.profileOriginDescription();
            target.profileSource = origin.isEmpty() ? profile->source
                                                    : u"%1, chosen by %2"_s.arg(origin, profile->source);
        }
        target.credentialsSource = context.credentialsDescription();

        diagnostics::DiagnosticsOptions options;
        options.checkTimeout = std::chrono::milliseconds(qint64(seconds * 1000));
        options.expectWrite = args.isSet(u"expect-write"_s);
        options.environment = context.environment();

        // Without a transport (configuration failed) the run reports that and stops.
        auto *run = new DiagnosticsRun(transport, std::move(target), std::move(options), &context);
        run->setSchemaSet(std::move(schemas));
        const QString reportPath = args.value(u"report"_s);
        QObject::connect(run, &DiagnosticsRun::checkStarted, &context, [&context](const QString &, const QString &title) {
            if (!context.jsonOutput() && CliContext::stdoutIsTerminal())
                context.note(tr("checking: %1").arg(title));
        });
        QObject::connect(run, &DiagnosticsRun::finished, &context, [&context, run, reportPath, done, couldNotRun] {
            const DiagnosticsReport report = DiagnosticsReport::fromRun(*run);
            if (context.jsonOutput())
                context.writeRaw(report.toJson());
            else
                context.out(report.toText());
            if (!reportPath.isEmpty()) {
                const QByteArray bytes = reportPath.endsWith(u".json"_s, Qt::CaseInsensitive)
                    ? report.toJson() : report.toMarkdown().toUtf8();
                if (const auto written = writePrivateFile(reportPath, bytes); !written)
                    context.note(tr("could not save the report: %1").arg(written.error()));
            }
            int exitCode = static_cast<int>(CheckExit::AllPassed);
            bool configurationFailed = false;
            for (const QString &id : {u"configuration.profile"_s, u"configuration.region"_s, u"configuration.endpoint"_s}) {
                if (const auto result = run->result(id); result && result->status == CheckStatus::Fail)
                    configurationFailed = true;
            }
            if (configurationFailed)
                exitCode = couldNotRun;
            else if (report.overallStatus() == CheckStatus::Fail)
                exitCode = static_cast<int>(CheckExit::SomeFailed);
            run->deleteLater();
            done(exitCode);
        });
        run->start();
    }
};

} // namespace
COFFER_CLI_COMMAND(CheckCommand)
} // namespace coffer::cli
