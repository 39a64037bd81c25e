// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/ssoprofile.h"

using namespace Qt::StringLiterals;

namespace coffer::aws {

bool SsoProfile::usesSso(const AwsSharedFiles &files, const QString &profile)
{
    return files.setting(profile, u"sso_session"_s) || files.setting(profile, u"sso_start_url"_s);
}

Result<std::optional<SsoProfileConfig>> SsoProfile::resolve(const AwsSharedFiles &files, const QString &profile,
                                                           bool needRole)
{
    if (!usesSso(files, profile))
        return std::optional<SsoProfileConfig>();
    SsoProfileConfig config;
    config.profile = profile;
    const auto startUrl = files.setting(profile, u"sso_start_url"_s);
    const auto region = files.setting(profile, u"sso_region"_s);
    const auto anchor = files.setting(profile, u"sso_session"_s) ? files.setting(profile, u"sso_session"_s)
                                                                  : startUrl;
    config.location = anchor->location;

    if (const auto sessionName = files.setting(profile, u"sso_session"_s)) {
        config.sessionName = sessionName->value;
        const AwsConfigSection *session
            = files.config.section(AwsConfigSection::Type::SsoSession, sessionName->value);
        if (!session) {
            return std::unexpected(AwsError::configuration(
                tr("%1: profile '%2' uses sso_session '%3', but %4 has no [sso-session %3] section")
                    .arg(sessionName->location, profile, sessionName->value, files.config.displayPath())));
        }
        const auto sessionValue = [session](const QString &key) {
            return session->value(key).value_or(QString()).trimmed();
        };
        const auto sessionLine = [&files, session](const QString &key) {
            const AwsConfigProperty *property = session->property(key);
            return files.config.location(property ? property->line : session->line);
        };
        config.startUrl = sessionValue(u"sso_start_url"_s);
        config.region = sessionValue(u"sso_region"_s);
        for (const auto &[key, value] : {std::pair{u"sso_start_url"_s, config.startUrl},
                                         std::pair{u"sso_region"_s, config.region}}) {
            if (value.isEmpty()) {
                return std::unexpected(AwsError::configuration(
                    tr("%1: [sso-session %2] has no %3").arg(sessionLine(key), session->name, key)));
            }
        }
        // botocore refuses a profile whose own copy of a session value differs.
        for (const auto &[own, key, sessionValueOfKey] :
             {std::tuple{startUrl, u"sso_start_url"_s, config.startUrl},
              std::tuple{region, u"sso_region"_s, config.region}}) {
            if (own && own->value.trimmed() != sessionValueOfKey) {
                return std::unexpected(AwsError::configuration(
                    tr("%1: profile '%2' sets %3 to a value other than its [sso-session %4] (%5); "
                       "remove it from the profile or make them the same")
                        .arg(own->location, profile, key, session->name, sessionLine(key))));
            }
        }
        const QString scopes = sessionValue(u"sso_registration_scopes"_s);
        for (const QString &scope : scopes.split(u',', Qt::SkipEmptyParts)) {
            if (!scope.trimmed().isEmpty())
                config.scopes.append(scope.trimmed());
        }
    } else {
        config.startUrl = startUrl->value.trimmed();
        if (!region) {
            return std::unexpected(AwsError::configuration(
                tr("%1: profile '%2' has sso_start_url but no sso_region").arg(startUrl->location, profile)));
        }
        config.region = region->value.trimmed();
    }

    const auto accountId = files.setting(profile, u"sso_account_id"_s);
    const auto roleName = files.setting(profile, u"sso_role_name"_s);
    config.accountId = accountId ? accountId->value.trimmed() : QString();
    config.roleName = roleName ? roleName->value.trimmed() : QString();
    if ((needRole || config.sessionName.isEmpty()) && (config.accountId.isEmpty() || config.roleName.isEmpty())) {
        return std::unexpected(AwsError::configuration(
            tr("%1: profile '%2' signs in with IAM Identity Center but has no %3; add it, or pick an "
               "account and role with File > Manage Profiles > New SSO Profile")
                .arg(config.location, profile,
                     config.accountId.isEmpty() ? u"sso_account_id"_s : u"sso_role_name"_s)));
    }
    return std::optional<SsoProfileConfig>(std::move(config));
}

AwsError SsoProfile::loginRequired(const SsoProfileConfig &config, const QString &why)
{
    // The AWS CLI knows only the profiles of ~/.aws; for Coffer's own, it would say "not found".
    AwsError error = AwsError::credentialsMissing(
        config.inAwsFiles
            ? tr("%1 Sign in with 'coffer-cli --profile %2 sso login' (or File > Sign In, or 'aws sso login "
                 "--profile %2'), then try again.")
                  .arg(why, config.profile)
            : tr("%1 Sign in with 'coffer-cli --profile %2 sso login' (or File > Sign In), then try again.")
                  .arg(why, config.profile));
    error.code = QString(loginRequiredCode);
    return error;
}

} // namespace coffer::aws
