// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli whoami: who the credentials belong to (sts:GetCallerIdentity), and where the
// profile, region, endpoint and credentials came from.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clifieldlist.h"
#include "app/cli/clijson.h"
#include "models/aws/stsclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

class WhoamiCommand final : public CliCommand
{
public:
    QString name() const override { return u"whoami"_s; }
    QString summary() const override
    {
        return tr("Show the account and identity of the credentials (STS GetCallerIdentity).");
    }
    QString details() const override
    {
        return tr("Also says which profile (one of Coffer's, or of ~/.aws), region, endpoint and "
                  "credentials source were used. "
                  "GetCallerIdentity needs no permission, so it works with any valid "
                  "credentials; --endpoint-url applies to STS here.");
    }
    Group group() const override { return Group::Account; }

    void run(CliContext &context, const CliInvocation &, Done done) override
    {
        auto client = context.sts();
        if (!client)
            return done(context.fail(client.error()));
        (*client)->getCallerIdentity(
            &context, [&context, done](aws::Result<aws::CallerIdentity> result) {
                if (!result)
                    return done(context.fail(result.error()));
                const auto profile = context.profileSelection();
                if (context.jsonOutput()) {
                    CliContext::Json document = CliJson::callerIdentity(*result);
                    if (profile) {
                        document["Profile"] = CliContext::Json {
                            { "Name", CliContext::utf8(profile->name) },
                            { "SelectedBy", CliContext::utf8(profile->source) },
                            { "Origin",
                              CliContext::utf8(
                                  CliContext::profileOriginName(context.profileOrigin())) },
                            { "Description", CliContext::utf8(context.profileOriginDescription()) }
                        };
                    }
                    context.printJson(document);
                    return done(toInt(ExitCode::Ok));
                }
                CliFieldList fields;
                fields.add(tr("Account"), result->account);
                fields.add(tr("ARN"), result->arn);
                fields.add(tr("User ID"), result->userId);
                if (profile) {
                    fields.add(tr("Profile"), profile->name + u" ("_s + profile->source + u')');
                    fields.add(tr("Profile from"), context.profileOriginDescription());
                }
                fields.add(tr("Credentials"), context.credentialsDescription());
                if (const auto endpoint = context.lastEndpoint()) {
                    fields.add(tr("Region"),
                               endpoint->region + u" ("_s + endpoint->regionSource + u')');
                    fields.add(tr("Endpoint"),
                               endpoint->url.toString() + u" ("_s + endpoint->urlSource + u')');
                }
                context.out(fields.toText());
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(WhoamiCommand)
} // namespace coffer::cli
