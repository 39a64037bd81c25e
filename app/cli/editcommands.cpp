// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli set / unset: change one value of a JSON secret, by JSON Pointer, through the same
// document model and save path as the editor: every value not named keeps its exact text and
// the secret's layout, nothing is written when nothing changes, and a version saved by someone
// else in between is never overwritten.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clijson.h"
#include "models/aws/secretconstraints.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsonnode.h"

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

/// What set and unset share: load AWSCURRENT, apply one edit, save with the editor's rules.
class PointerEditCommand : public CliCommand
{
public:
    Group group() const override { return Group::Write; }
    QList<QCommandLineOption> options() const override
    {
        return { { u"expect-version"_s,
                   tr("Refuse to write unless AWSCURRENT is version ID (read-modify-write "
                      "scripts: the version you read)."),
                   u"ID"_s } };
    }

protected:
    /// Applies the edit to the loaded document; false (with `problem` set) when refused.
    virtual bool apply(JsonTreeModel &model, const CliInvocation &args, QString &problem) = 0;
    /// "Set" / "Removed", for the report.
    virtual QString doneText(const QString &pointer) const = 0;

    void runEdit(CliContext &context, const CliInvocation &args, Done done)
    {
        const QString secretId = args.positional.at(0);
        if (const QString problem = aws::SecretConstraints::checkSecretId(secretId);
            !problem.isEmpty())
            return done(context.usageError(problem, name()));
        const QString pointer = args.positional.at(1);
        if (!pointer.isEmpty() && !pointer.startsWith(u'/'))
            return done(context.usageError(
                tr("PATH is a JSON Pointer and starts with '/': /%1").arg(pointer), name()));
        auto client = context.secretsManager();
        if (!client)
            return done(context.fail(client.error()));

        auto *session = new SecretEditSession(*client, &context);
        QObject::connect(session, &SecretEditSession::loadFailed, &context,
                         [&context, done](const aws::AwsError &error) { done(context.fail(error)); });
        QObject::connect(session, &SecretEditSession::loadFinished, &context, [=, this, &context] {
            if (session->mode() != SecretEditSession::Mode::Json)
                return done(context.usageError(
                    tr("%1 is not a JSON object or array; use 'coffer-cli put' to replace it")
                        .arg(secretId),
                    name()));
            const QString expected = args.value(u"expect-version"_s);
            if (!expected.isEmpty() && expected != session->loadedVersionId())
                return done(conflict(context, session->loadedVersionId(), expected));
            QString problem;
            if (!apply(*session->jsonModel(), args, problem))
                return done(context.usageError(problem, name()));
            if (!session->isModified()) {
                report(context, session, false, pointer);
                return done(toInt(ExitCode::Ok));
            }
            if (const auto confirmed
                = context.confirmWrite(tr("Change %1 in %2").arg(pointer, secretId));
                !confirmed)
                return done(confirmed.error());
            session->save();
        });
        QObject::connect(session, &SecretEditSession::saved, &context, [=, this, &context] {
            if (!session->lastSaveNote().isEmpty())
                context.note(session->lastSaveNote());
            report(context, session, true, pointer);
            done(toInt(ExitCode::Ok));
        });
        QObject::connect(session, &SecretEditSession::saveRefused, &context,
                         [=, this, &context](const QString &reason) {
                             done(context.usageError(reason, name()));
                         });
        QObject::connect(session, &SecretEditSession::saveFailed, &context,
                         [&context, done](const aws::AwsError &error) { done(context.fail(error)); });
        QObject::connect(session, &SecretEditSession::conflictDetected, &context,
                         [&context, done](const SecretEditSession::Conflict &found) {
                             done(conflict(context, found.currentVersionId,
                                           found.loadedVersionId));
                         });
        session->load(secretId);
    }

private:
    static int conflict(CliContext &context, const QString &current, const QString &expected)
    {
        return context.fail(ConditionalPut::conflictError(current, expected));
    }

    void report(CliContext &context, const SecretEditSession *session, bool written,
                const QString &pointer) const
    {
        if (context.jsonOutput()) {
            context.printJson(CliJson::Json {
                { "Name", CliJson::utf8(session->secretName()) },
                { "VersionId", CliJson::utf8(session->loadedVersionId()) },
                { "Changed", written } });
            return;
        }
        if (written)
            context.out(tr("%1 %2; saved as version %3\n")
                            .arg(doneText(pointer), session->secretName(), session->loadedVersionId()));
        else
            context.out(tr("%1 already holds that; nothing was written\n")
                            .arg(session->secretName()));
    }
};

class SetCommand final : public PointerEditCommand
{
public:
    QString name() const override { return u"set"_s; }
    QString summary() const override { return tr("Set one value of a JSON secret."); }
    QString details() const override
    {
        return tr("PATH is a JSON Pointer (RFC 6901): /db/port, /keys/0, /a~1b for the key "
                  "'a/b'; a missing key is added at the end of its object, '-' appends to an "
                  "array. VALUE is JSON: 5433, true, null, {\"k\":1}, and \"text\" for a string "
                  "(quote it for the shell: '\"text\"'). Every other value keeps its exact text, "
                  "order and the secret's layout. Nothing is written when the value is already "
                  "there; if someone saved a newer version since it was read, nothing is "
                  "written and the command fails (exit 1).");
    }
    QString synopsis() const override { return u"NAME PATH VALUE [--expect-version ID]"_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") },
                 { u"PATH"_s, tr("A JSON Pointer: /db/port.") },
                 { u"VALUE"_s, tr("The new value, as JSON.") } };
    }
    int minimumArguments() const override { return 3; }
    int maximumArguments() const override { return 3; }
    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        runEdit(context, args, std::move(done));
    }

protected:
    bool apply(JsonTreeModel &model, const CliInvocation &args, QString &problem) override
    {
        auto value = json::JsonNode::parseFragment(args.positional.at(2).toUtf8());
        if (!value) {
            problem = tr("VALUE is not JSON (%1); a string needs quotes: '\"text\"'")
                          .arg(value.error().toString());
            return false;
        }
        if (!model.setAtPointer(args.positional.at(1), std::move(*value))) {
            problem = model.lastError();
            return false;
        }
        return true;
    }
    QString doneText(const QString &pointer) const override { return tr("Set %1 in").arg(pointer); }
};

class UnsetCommand final : public PointerEditCommand
{
public:
    QString name() const override { return u"unset"_s; }
    QString summary() const override { return tr("Remove one value from a JSON secret."); }
    QString details() const override
    {
        return tr("PATH is a JSON Pointer (RFC 6901), as for 'set'. The rest of the secret keeps "
                  "its exact text and layout. The same conflict rule as 'set' applies.");
    }
    QString synopsis() const override { return u"NAME PATH [--expect-version ID]"_s; }
    QList<CliArgument> arguments() const override
    {
        return { { u"NAME"_s, tr("The secret's name or ARN.") },
                 { u"PATH"_s, tr("A JSON Pointer: /db/password.") } };
    }
    int minimumArguments() const override { return 2; }
    int maximumArguments() const override { return 2; }
    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        runEdit(context, args, std::move(done));
    }

protected:
    bool apply(JsonTreeModel &model, const CliInvocation &args, QString &problem) override
    {
        if (!model.removeAtPointer(args.positional.at(1))) {
            problem = model.lastError();
            return false;
        }
        return true;
    }
    QString doneText(const QString &pointer) const override
    {
        return tr("Removed %1 from").arg(pointer);
    }
};

} // namespace
COFFER_CLI_COMMAND(SetCommand)
COFFER_CLI_COMMAND(UnsetCommand)
} // namespace coffer::cli
