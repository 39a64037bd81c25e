// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli list: the secrets, their last change and description. Never a value.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "app/cli/clitable.h"
#include "models/aws/secretsmanagerclient.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

const QStringList filterKeys { u"name"_s,      u"description"_s,    u"tag-key"_s,
                               u"tag-value"_s, u"primary-region"_s, u"owning-service"_s,
                               u"all"_s };
constexpr qsizetype maxFilterValues = 10;

class ListCommand final : public CliCommand
{
public:
    QString name() const override { return u"list"_s; }
    QString summary() const override
    {
        return tr("List secrets (names, last change, description).");
    }
    QString details() const override
    {
        return tr("Follows every page of ListSecrets. --prefix P is --filter name=P. Filter keys: "
                  "name (case-sensitive prefix), description (case-insensitive prefix), tag-key, "
                  "tag-value, primary-region, owning-service, all; a value starting with '!' "
                  "negates it. Several values for one key match any of them. Secrets scheduled "
                  "for deletion are hidden unless --include-planned-deletion is given.");
    }
    QString synopsis() const override
    {
        return u"[--prefix P] [--filter KEY=VALUE]... [--include-planned-deletion]"_s;
    }
    QList<QCommandLineOption> options() const override
    {
        return {
            { u"prefix"_s, tr("Only names that start with P (case-sensitive)."), u"P"_s },
            { u"filter"_s, tr("A ListSecrets filter; repeat for more."), u"KEY=VALUE"_s },
            { u"include-planned-deletion"_s, tr("Also list secrets scheduled for deletion.") },
        };
    }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        aws::ListSecretsRequest request;
        request.includePlannedDeletion = args.isSet(u"include-planned-deletion"_s);
        request.maxResults = 100;

        QList<std::pair<QString, QString>> filters;
        if (args.isSet(u"prefix"_s))
            filters.append({ u"name"_s, args.value(u"prefix"_s) });
        for (const QString &item : args.values(u"filter"_s)) {
            const qsizetype equals = item.indexOf(u'=');
            if (equals <= 0) {
                return done(context.usageError(
                    tr("'%1' is not a filter: write KEY=VALUE").arg(item), name()));
            }
            const QString key = item.left(equals);
            if (!filterKeys.contains(key)) {
                return done(context.usageError(tr("unknown filter key '%1' (use one of: %2)")
                                                   .arg(key, filterKeys.join(u", "_s)),
                                               name()));
            }
            filters.append({ key, item.mid(equals + 1) });
        }
        for (const auto &[key, value] : filters) {
            if (value.isEmpty() || value == u"!"_s)
                return done(
                    context.usageError(tr("the filter '%1' has no value").arg(key), name()));
            auto it = std::ranges::find(request.filters, key, &aws::SecretFilter::key);
            if (it == request.filters.end()) {
                request.filters.append({ key, { value } });
            } else if (it->values.size() >= maxFilterValues) {
                return done(context.usageError(
                    tr("at most %1 values per filter key ('%2')").arg(maxFilterValues).arg(key),
                    name()));
            } else {
                it->values.append(value);
            }
        }

        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));
        (*client)->listAllSecrets(
            request, &context, [&context, done](aws::Result<aws::ListSecretsResult> result) {
                if (!result)
                    return done(context.fail(result.error()));
                if (context.jsonOutput()) {
                    CliJson::Json list = CliJson::Json::array();
                    for (const aws::SecretMetadata &secret : std::as_const(result->secretList))
                        list.push_back(CliJson::metadata(secret, false));
                    context.printJson(CliJson::Json { { "SecretList", std::move(list) } });
                    return done(toInt(ExitCode::Ok));
                }
                CliTable table({ tr("NAME"), tr("LAST CHANGED"), tr("DESCRIPTION") });
                for (const aws::SecretMetadata &secret : std::as_const(result->secretList)) {
                    QString description = secret.description;
                    if (secret.isScheduledForDeletion()) {
                        description
                            = tr("[deleted %1] ").arg(CliContext::humanDate(secret.deletedDate))
                            + description;
                    }
                    const QDateTime changed = secret.lastChangedDate.isValid()
                        ? secret.lastChangedDate
                        : secret.createdDate;
                    table.addRow(
                        { secret.name, CliContext::humanDate(changed), description.trimmed() });
                }
                context.out(table.toText());
                done(toInt(ExitCode::Ok));
            });
    }
};

} // namespace
COFFER_CLI_COMMAND(ListCommand)
} // namespace coffer::cli
