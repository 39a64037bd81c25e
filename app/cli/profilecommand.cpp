// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// coffer-cli profile add|list|show|test|remove: Coffer's own connection profiles, whose secret
// parts live in the OS keychain. A secret access key is only ever read from stdin
// (--secret-access-key-stdin), so it never sits in the shell history or the process list.
#include "app/cli/clicommand.h"
#include "app/cli/clicontext.h"
#include "app/cli/clifieldlist.h"
#include "app/cli/clitable.h"
#include "models/aws/awsclient.h"
#include "models/core/appinfo.h"
#include "models/profiles/awsprofilecatalog.h"
#include "models/profiles/identityprobe.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilelistmodel.h"
#include "models/profiles/profilestore.h"

#include <QFile>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace coffer::cli {
namespace {

const QString kKind = u"kind"_s;
const QString kAccessKeyId = u"access-key-id"_s;
const QString kSecretStdin = u"secret-access-key-stdin"_s;
const QString kRoleArn = u"role-arn"_s;
const QString kSourceProfile = u"source-profile"_s;
const QString kExternalId = u"external-id"_s;
const QString kMfaSerial = u"mfa-serial"_s;
const QString kSessionName = u"role-session-name"_s;
const QString kDuration = u"duration-seconds"_s;
const QString kAwsProfile = u"aws-profile"_s;
const QString kSsoStartUrl = u"sso-start-url"_s;
const QString kSsoRegion = u"sso-region"_s;
const QString kSsoAccountId = u"sso-account-id"_s;
const QString kSsoRoleName = u"sso-role-name"_s;
const QString kSsoSession = u"sso-session"_s;
const QString kProduction = u"production"_s;
const QString kInsecureHttp = u"insecure-http"_s;

aws::AwsError toAwsError(const ProfileError &error)
{
    aws::AwsError result = aws::AwsError::configuration(error.message);
    result.code = ProfileError::codeName(error.code);
    return result;
}

/// The secret key on the first line of stdin, an optional session token on the second.
std::expected<ProfileSecret, QString> readSecretFromStdin()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return std::unexpected(CliCommand::tr("stdin cannot be read."));
    const QByteArray bytes = input.readAll();
    QList<QByteArray> lines = bytes.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    lines.removeAll(QByteArray());
    if (lines.isEmpty())
        return std::unexpected(CliCommand::tr("stdin is empty: expected the secret access key."));
    if (lines.size() > 2) {
        return std::unexpected(CliCommand::tr(
            "stdin has more than two lines: expected the secret access key, then optionally "
            "the session token."));
    }
    ProfileSecret secret;
    secret.secretAccessKey = QString::fromUtf8(lines.at(0).trimmed());
    if (lines.size() == 2)
        secret.sessionToken = QString::fromUtf8(lines.at(1).trimmed());
    return secret;
}

class ProfileCommand final : public CliCommand
{
public:
    QString name() const override { return u"profile"_s; }
    QString summary() const override
    {
        return tr("Manage Coffer's profiles (credentials kept in the OS keychain).");
    }
    QString details() const override
    {
        return tr("Subcommands:\n"
                  "  add NAME     create a profile; --region and --endpoint-url set its region "
                  "and endpoint\n"
                  "  list         list every profile: the local sandbox, the profiles of "
                  "~/.aws/config and ~/.aws/credentials (used in place, never copied) and "
                  "Coffer's own\n"
                  "  show NAME    show a profile's settings (never its secret), Coffer's or "
                  "~/.aws's\n"
                  "  test NAME    check the credentials with STS GetCallerIdentity\n"
                  "  remove NAME  remove a profile and its keychain item\n"
                  "NAME may also be given with --profile.\n\n"
                  "An access-key profile reads its secret access key from stdin "
                  "(--secret-access-key-stdin; a second line is the session token), so the key "
                  "never appears in the shell history:\n"
                  "  coffer-cli profile add work --region eu-west-1 --access-key-id AKIA... "
                  "--secret-access-key-stdin < key.txt\n"
                  "An assume-role profile names its source profile:\n"
                  "  coffer-cli profile add admin --region eu-west-1 --role-arn "
                  "arn:aws:iam::123456789012:role/Admin --source-profile work\n"
                  "An AWS CLI profile uses a profile of ~/.aws/config as is (keys, roles, "
                  "credential_process):\n"
                  "  coffer-cli profile add legacy --aws-profile default\n"
                  "An IAM Identity Center profile signs in with 'coffer-cli --profile NAME sso "
                  "login' (the token is shared with the AWS CLI; ~/.aws/config is not written):\n"
                  "  coffer-cli profile add corp --sso-start-url "
                  "https://d-1234567890.awsapps.com/start --sso-region us-east-1 "
                  "--sso-account-id 123456789012 --sso-role-name ReadOnly");
    }
    Group group() const override { return Group::Account; }
    QList<QCommandLineOption> options() const override
    {
        return {
            { kKind,
              tr("Kind of profile: access-key, assume-role, aws-profile, sso or sandbox "
                 "(default: from the other options)."),
              u"KIND"_s },
            { kAccessKeyId, tr("add: the access key id (AKIA..., ASIA...)."), u"ID"_s },
            { kSecretStdin,
              tr("add: read the secret access key (and a session token on a second "
                 "line) from stdin.") },
            { kRoleArn, tr("add: the role to assume."), u"ARN"_s },
            { kSourceProfile, tr("add: the Coffer profile whose credentials assume the role."),
              u"NAME"_s },
            { kExternalId, tr("add: the external id the role requires."), u"ID"_s },
            { kMfaSerial, tr("add: the MFA device the role requires."), u"ARN"_s },
            { kSessionName, tr("add: the role session name."), u"NAME"_s },
            { kDuration, tr("add: the role session's duration, 900 to 43200 seconds."),
              u"SECONDS"_s },
            { kAwsProfile, tr("add: the profile of ~/.aws/config to use as is."), u"NAME"_s },
            { kSsoStartUrl, tr("add: the AWS access portal's start URL (IAM Identity Center)."),
              u"URL"_s },
            { kSsoRegion, tr("add: the region of IAM Identity Center."), u"REGION"_s },
            { kSsoAccountId, tr("add: the account to sign in to."), u"ID"_s },
            { kSsoRoleName, tr("add: the role (permission set) to take in the account."),
              u"NAME"_s },
            { kSsoSession,
              tr("add: the sso-session name the token is cached under (default: the start "
                 "URL)."),
              u"NAME"_s },
            { kProduction,
              tr("add: mark the profile as production (writes ask for confirmation).") },
            { kInsecureHttp,
              tr("add: allow a plain http:// --endpoint-url on another computer (not "
                 "encrypted; refused otherwise).") },
        };
    }
    QList<CliArgument> arguments() const override
    {
        return { { u"SUBCOMMAND"_s, tr("add, list, show, test or remove") },
                 { u"NAME"_s, tr("the profile (or --profile)"), u"[NAME]"_s } };
    }
    int minimumArguments() const override { return 1; }
    int maximumArguments() const override { return 2; }

    void run(CliContext &context, const CliInvocation &args, Done done) override
    {
        m_store = new ProfileStore(nullptr, &context);
        const QString subcommand = args.positional.at(0);
        const QString profileName
            = args.positional.size() > 1 ? args.positional.at(1) : context.globals().profile;
        if (subcommand == u"list"_s)
            return list(context, done);
        if (profileName.isEmpty())
            return done(context.usageError(
                tr("profile %1: name the profile (NAME or --profile).").arg(subcommand), name()));
        if (subcommand == u"add"_s)
            return add(context, args, profileName, done);
        if (subcommand == u"show"_s)
            return show(context, profileName, done);
        if (subcommand == u"test"_s)
            return test(context, profileName, done);
        if (subcommand == u"remove"_s)
            return remove(context, profileName, done);
        done(context.usageError(
            tr("unknown subcommand '%1' (expected add, list, show, test or remove).")
                .arg(subcommand),
            name()));
    }

private:
    std::optional<Profile> find(CliContext &context, const QString &profileName, const Done &done)
    {
        auto profile = m_store->profileByName(profileName);
        if (!profile) {
            done(context.fail(toAwsError(ProfileError::make(
                ProfileError::Code::NotFound,
                tr("There is no Coffer profile called '%1' (see 'coffer-cli profile list').")
                    .arg(profileName)))));
        }
        return profile;
    }

    void list(CliContext &context, const Done &done)
    {
        // Every profile Coffer can use: the sandbox, the ~/.aws files in place, the keychain.
        AwsProfileCatalog catalog(context.environment(), { .watch = false });
        ProfileListModel model(m_store, &catalog);
        const QList<ProfileListEntry> &entries = model.entries();
        if (context.jsonOutput()) {
            using Json = CliContext::Json;
            Json items = Json::array();
            for (const ProfileListEntry &entry : entries)
                items.push_back(toJson(entry));
            Json problems = Json::array();
            for (const QString &problem : catalog.fileProblems())
                problems.push_back(CliContext::utf8(problem));
            context.printJson(Json { { "Profiles", items }, { "FileProblems", problems } });
            return done(toInt(ExitCode::Ok));
        }
        CliTable table({ tr("NAME"), tr("SOURCE"), tr("KIND"), tr("REGION"), tr("DETAILS"),
                         tr("PRODUCTION") });
        for (const ProfileListEntry &entry : entries) {
            table.addRow({ entry.name(), ProfileListEntry::sourceName(entry.source),
                           entry.kindName, entry.region,
                           entry.source == ProfileListEntry::Source::Keychain
                               ? detailsOf(entry.profile)
                               : entry.details,
                           entry.profile.production ? tr("yes") : QString() });
        }
        context.out(table.toText());
        // Problems go to stderr, so the table stays one line per profile for scripts.
        for (const QString &problem : catalog.fileProblems())
            context.note(tr("warning: %1").arg(problem));
        for (const ProfileListEntry &entry : entries) {
            if (!entry.problem.isEmpty())
                context.note(tr("warning: profile '%1': %2").arg(entry.name(), entry.problem));
        }
        if (m_store->profiles().isEmpty() && catalog.entries().isEmpty())
            context.note(tr("No profiles yet: add one with 'coffer-cli profile add', or "
                            "'aws configure' writes ~/.aws profiles Coffer uses as they are."));
        done(toInt(ExitCode::Ok));
    }

    CliContext::Json toJson(const ProfileListEntry &entry) const
    {
        using Json = CliContext::Json;
        Json item;
        if (entry.source == ProfileListEntry::Source::Keychain) {
            item = toJson(entry.profile);
        } else {
            item = Json { { "Name", CliContext::utf8(entry.name()) },
                          { "Kind", CliContext::utf8(entry.kindName) },
                          { "Region", CliContext::utf8(entry.region) },
                          { "Production", false } };
            if (!entry.details.isEmpty())
                item["Details"] = CliContext::utf8(entry.details);
            if (entry.source == ProfileListEntry::Source::AwsConfig) {
                item["AwsProfile"] = CliContext::utf8(entry.name());
                item["Location"] = CliContext::utf8(entry.location);
            }
        }
        item["Source"] = CliContext::utf8(ProfileListEntry::sourceName(entry.source));
        item["Problem"] = entry.problem.isEmpty() ? Json(nullptr)
                                                  : Json(CliContext::utf8(entry.problem));
        return item;
    }

    QString detailsOf(const Profile &profile) const
    {
        switch (profile.kind) {
        case Profile::Kind::AccessKey:
            return profile.accessKeyId;
        case Profile::Kind::AssumeRole: {
            const auto source = m_store->profile(profile.sourceProfileId);
            return profile.roleArn + u" ← "_s + (source ? source->name : tr("(missing)"));
        }
        case Profile::Kind::AwsCliProfile:
            return u"~/.aws: "_s + profile.awsProfileName;
        case Profile::Kind::Sso:
            return tr("%1, %2 in account %3")
                .arg(profile.ssoStartUrl, profile.ssoRoleName, profile.ssoAccountId);
        case Profile::Kind::LocalSandbox:
            return {};
        }
        return {};
    }

    CliContext::Json toJson(const Profile &profile) const
    {
        using Json = CliContext::Json;
        Json item { { "Name", CliContext::utf8(profile.name) },
                    { "Id", CliContext::utf8(profile.id.toString(QUuid::WithoutBraces)) },
                    { "Kind", CliContext::utf8(Profile::kindName(profile.kind)) },
                    { "Region", CliContext::utf8(profile.effectiveRegion()) },
                    { "Production", profile.production } };
        if (!profile.endpoint.isEmpty())
            item["EndpointUrl"] = CliContext::utf8(profile.endpoint.toString());
        if (profile.allowInsecureHttp)
            item["AllowInsecureHttp"] = true;
        switch (profile.kind) {
        case Profile::Kind::AccessKey:
            item["AccessKeyId"] = CliContext::utf8(profile.accessKeyId);
            item["SecretAccessKey"] = m_store->isMemoryOnly(profile.id) ? "memory" : "keychain";
            break;
        case Profile::Kind::AssumeRole: {
            item["RoleArn"] = CliContext::utf8(profile.roleArn);
            const auto source = m_store->profile(profile.sourceProfileId);
            item["SourceProfile"] = source ? Json(CliContext::utf8(source->name)) : Json(nullptr);
            if (!profile.externalId.isEmpty())
                item["ExternalId"] = CliContext::utf8(profile.externalId);
            if (!profile.mfaSerial.isEmpty())
                item["MfaSerial"] = CliContext::utf8(profile.mfaSerial);
            if (!profile.roleSessionName.isEmpty())
                item["RoleSessionName"] = CliContext::utf8(profile.roleSessionName);
            if (profile.durationSeconds)
                item["DurationSeconds"] = *profile.durationSeconds;
            break;
        }
        case Profile::Kind::AwsCliProfile:
            item["AwsProfile"] = CliContext::utf8(profile.awsProfileName);
            break;
        case Profile::Kind::Sso:
            item["SsoStartUrl"] = CliContext::utf8(profile.ssoStartUrl);
            item["SsoRegion"] = CliContext::utf8(profile.ssoRegion);
            item["SsoAccountId"] = CliContext::utf8(profile.ssoAccountId);
            item["SsoRoleName"] = CliContext::utf8(profile.ssoRoleName);
            if (!profile.ssoSessionName.isEmpty())
                item["SsoSession"] = CliContext::utf8(profile.ssoSessionName);
            break;
        case Profile::Kind::LocalSandbox:
            break;
        }
        return item;
    }

    /// `profile show` for a profile of the ~/.aws files, used in place.
    bool showAwsProfile(CliContext &context, const QString &profileName, const Done &done)
    {
        AwsProfileCatalog catalog(context.environment(), { .watch = false });
        ProfileListModel model(nullptr, &catalog);
        const auto entry = model.entry(ProfileListModel::awsConfigProfileId(profileName));
        if (!entry)
            return false;
        if (context.jsonOutput()) {
            context.printJson(toJson(*entry));
            done(toInt(ExitCode::Ok));
            return true;
        }
        CliFieldList fields;
        fields.add(tr("Name"), entry->name());
        fields.add(tr("Source"), tr("%1 (used in place, never copied)").arg(entry->location));
        fields.add(tr("Kind"), entry->kindLabel);
        fields.add(tr("Region"), entry->region.isEmpty() ? tr("(from the environment or default)")
                                                         : entry->region);
        if (!entry->details.isEmpty())
            fields.add(tr("Details"), entry->details);
        fields.add(tr("Problem"), entry->problem.isEmpty() ? tr("none") : entry->problem);
        context.out(fields.toText());
        done(toInt(ExitCode::Ok));
        return true;
    }

    void show(CliContext &context, const QString &profileName, const Done &done)
    {
        if (!m_store->profileByName(profileName) && showAwsProfile(context, profileName, done))
            return;
        const auto profile = find(context, profileName, done);
        if (!profile)
            return;
        if (context.jsonOutput()) {
            context.printJson(toJson(*profile));
            return done(toInt(ExitCode::Ok));
        }
        CliFieldList fields;
        fields.add(tr("Name"), profile->name);
        fields.add(tr("Kind"), Profile::kindLabel(profile->kind));
        fields.add(tr("Region"), !profile->effectiveRegion().isEmpty() ? profile->effectiveRegion()
                                                                         : tr("(from ~/.aws)"));
        if (!profile->endpoint.isEmpty())
            fields.add(tr("Endpoint"), profile->endpoint.toString());
        if (profile->allowInsecureHttp)
            fields.add(tr("Plain HTTP"), tr("allowed to other computers (not encrypted)"));
        fields.add(tr("Production"),
                   profile->production ? tr("yes (writes ask for confirmation)") : tr("no"));
        switch (profile->kind) {
        case Profile::Kind::AccessKey:
            fields.add(tr("Access key id"), profile->accessKeyId);
            fields.add(tr("Secret access key"), tr("stored in the OS keychain (never shown)"));
            break;
        case Profile::Kind::AssumeRole: {
            fields.add(tr("Role"), profile->roleArn);
            const auto source = m_store->profile(profile->sourceProfileId);
            fields.add(tr("Source profile"), source ? source->name : tr("(missing)"));
            if (!profile->externalId.isEmpty())
                fields.add(tr("External id"), profile->externalId);
            if (!profile->mfaSerial.isEmpty())
                fields.add(tr("MFA device"), profile->mfaSerial);
            if (!profile->roleSessionName.isEmpty())
                fields.add(tr("Session name"), profile->roleSessionName);
            if (profile->durationSeconds)
                fields.add(tr("Session duration"), tr("%1 seconds").arg(*profile->durationSeconds));
            break;
        }
        case Profile::Kind::AwsCliProfile:
            fields.add(tr("AWS CLI profile"), profile->awsProfileName);
            break;
        case Profile::Kind::Sso:
            fields.add(tr("Start URL"), profile->ssoStartUrl);
            fields.add(tr("SSO region"), profile->ssoRegion);
            fields.add(tr("Account"), profile->ssoAccountId);
            fields.add(tr("Role"), profile->ssoRoleName);
            if (!profile->ssoSessionName.isEmpty())
                fields.add(tr("SSO session"), profile->ssoSessionName);
            fields.add(tr("Token"), tr("in the AWS CLI's cache (~/.aws/sso/cache), never shown"));
            break;
        case Profile::Kind::LocalSandbox:
            break;
        }
        context.out(fields.toText());
        done(toInt(ExitCode::Ok));
    }

    void add(CliContext &context, const CliInvocation &args, const QString &profileName,
             const Done &done)
    {
        std::optional<Profile::Kind> kind;
        if (args.isSet(kKind)) {
            kind = Profile::kindFromName(args.value(kKind));
            if (!kind) {
                return done(context.usageError(
                    tr("--kind: '%1' is not access-key, assume-role, aws-profile, sso or sandbox.")
                        .arg(args.value(kKind)),
                    name()));
            }
        } else if (args.isSet(kRoleArn)) {
            kind = Profile::Kind::AssumeRole;
        } else if (args.isSet(kAwsProfile)) {
            kind = Profile::Kind::AwsCliProfile;
        } else if (args.isSet(kSsoStartUrl)) {
            kind = Profile::Kind::Sso;
        } else {
            kind = Profile::Kind::AccessKey;
        }

        Profile profile = Profile::create(*kind, profileName);
        profile.region = context.globals().region;
        if (!context.globals().endpointUrl.isEmpty())
            profile.endpoint = QUrl(context.globals().endpointUrl, QUrl::StrictMode);
        profile.production = args.isSet(kProduction);
        profile.allowInsecureHttp = args.isSet(kInsecureHttp);
        profile.accessKeyId = args.value(kAccessKeyId);
        profile.roleArn = args.value(kRoleArn);
        profile.externalId = args.value(kExternalId);
        profile.mfaSerial = args.value(kMfaSerial);
        profile.roleSessionName = args.value(kSessionName);
        profile.awsProfileName = args.value(kAwsProfile);
        profile.ssoStartUrl = args.value(kSsoStartUrl);
        profile.ssoRegion = args.value(kSsoRegion);
        profile.ssoAccountId = args.value(kSsoAccountId);
        profile.ssoRoleName = args.value(kSsoRoleName);
        profile.ssoSessionName = args.value(kSsoSession);
        if (args.isSet(kDuration)) {
            bool ok = false;
            profile.durationSeconds = args.value(kDuration).toInt(&ok);
            if (!ok)
                return done(context.usageError(
                    tr("--duration-seconds: expected a number of seconds."), name()));
        }
        if (args.isSet(kSourceProfile)) {
            const auto source = m_store->profileByName(args.value(kSourceProfile));
            if (!source) {
                return done(context.usageError(
                    tr("--source-profile: there is no Coffer profile called '%1'.")
                        .arg(args.value(kSourceProfile)),
                    name()));
            }
            profile.sourceProfileId = source->id;
        }
        if (m_store->profileByName(profileName)) {
            return done(context.fail(toAwsError(ProfileError::make(
                ProfileError::Code::NameTaken,
                tr("There is already a profile called '%1'; remove it first.").arg(profileName)))));
        }

        std::optional<ProfileSecret> secret;
        if (profile.kind == Profile::Kind::AccessKey) {
            if (!args.isSet(kSecretStdin)) {
                return done(context.usageError(
                    tr("an access-key profile needs --secret-access-key-stdin: the secret key "
                       "is read from stdin, never from the command line."),
                    name()));
            }
        } else if (args.isSet(kSecretStdin)) {
            return done(context.usageError(
                tr("--secret-access-key-stdin is only for access-key profiles."), name()));
        }
        // Check everything else before reading the secret, so a mistake does not consume it.
        if (const auto checked = m_store->check(profile); !checked)
            return done(context.usageError(checked.error().message, name()));
        if (profile.kind == Profile::Kind::AccessKey) {
            auto read = readSecretFromStdin();
            if (!read)
                return done(context.usageError(read.error(), name()));
            secret = std::move(*read);
        }

        m_store->save(
            profile, secret, {}, &context, [&context, done, profile](ProfileResult<void> saved) {
                if (!saved)
                    return done(context.fail(toAwsError(saved.error())));
                if (context.jsonOutput()) {
                    context.printJson(CliContext::Json {
                        { "Name", CliContext::utf8(profile.name) },
                        { "Id", CliContext::utf8(profile.id.toString(QUuid::WithoutBraces)) },
                        { "Kind", CliContext::utf8(Profile::kindName(profile.kind)) } });
                } else {
                    context.out(tr("Profile '%1' added.").arg(profile.name) + u'\n');
                }
                done(toInt(ExitCode::Ok));
            });
    }

    void test(CliContext &context, const QString &profileName, const Done &done)
    {
        auto profile = m_store->profileByName(profileName);
        if (!profile) {
            // Not one of Coffer's: a profile of ~/.aws, used as is, as --profile does elsewhere.
            profile = Profile::create(Profile::Kind::AwsCliProfile, profileName);
            profile->awsProfileName = profileName;
            profile->region = context.globals().region;
        }
        auto *transport = new aws::AwsClient(&context);
        transport->setUserAgent("coffer-cli/" + AppInfo::version().toUtf8());
        ProfileConnector connector(m_store, transport);
        connector.setEnvironment(context.environment());
        const auto connection = connector.connection(*profile);
        if (!connection)
            return done(context.fail(connection.error()));
        auto *probe = new IdentityProbe(transport, &context);
        QObject::connect(probe, &IdentityProbe::finished, &context, [&context, probe, done] {
            const ConnectionStatus &status = probe->status();
            if (status.state != ConnectionStatus::State::Connected)
                return done(context.fail(status.error.value_or(aws::AwsError::configuration({}))));
            if (context.jsonOutput()) {
                context.printJson(
                    CliContext::Json { { "Profile", CliContext::utf8(status.profileName) },
                                       { "Account", CliContext::utf8(status.account) },
                                       { "Arn", CliContext::utf8(status.principalArn) },
                                       { "UserId", CliContext::utf8(status.userId) },
                                       { "Region", CliContext::utf8(status.region) },
                                       { "Endpoint", CliContext::utf8(status.endpoint.toString()) },
                                       { "Production", status.production } });
                return done(toInt(ExitCode::Ok));
            }
            CliFieldList fields;
            fields.add(tr("Profile"),
                       status.profileName + (status.production ? tr(" [PRODUCTION]") : QString()));
            fields.add(tr("Account"), status.account);
            fields.add(tr("ARN"), status.principalArn);
            fields.add(tr("User ID"), status.userId);
            fields.add(tr("Region"), status.region);
            fields.add(tr("Endpoint"), status.endpoint.toString());
            fields.add(tr("Credentials"), status.credentialsSource);
            context.out(fields.toText());
            done(toInt(ExitCode::Ok));
        });
        probe->probe(*connection);
    }

    void remove(CliContext &context, const QString &profileName, const Done &done)
    {
        const auto profile = find(context, profileName, done);
        if (!profile)
            return;
        m_store->remove(
            profile->id, &context,
            [&context, done, name = profile->name](ProfileResult<void> removed) {
                if (!removed)
                    return done(context.fail(toAwsError(removed.error())));
                if (!context.jsonOutput())
                    context.out(tr("Profile '%1' and its keychain item removed.").arg(name)
                                + u'\n');
                else
                    context.printJson(CliContext::Json { { "Removed", CliContext::utf8(name) } });
                done(toInt(ExitCode::Ok));
            });
    }

    ProfileStore *m_store = nullptr;
};

} // namespace
COFFER_CLI_COMMAND(ProfileCommand)
} // namespace coffer::cli
