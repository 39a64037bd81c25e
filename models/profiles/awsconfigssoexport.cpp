// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/awsconfigssoexport.h"

#include "models/aws/awsconfigfile.h"
#include "models/aws/identitycenterclient.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace coffer {

using aws::AwsConfigFile;
using aws::AwsConfigSection;
using aws::AwsError;

QByteArray AwsConfigSsoExport::sections(const Profile &profile, const QString &session)
{
    QString text;
    text += u"[profile %1]\n"_s.arg(profile.name);
    text += u"sso_session = %1\n"_s.arg(session);
    text += u"sso_account_id = %1\n"_s.arg(profile.ssoAccountId);
    text += u"sso_role_name = %1\n"_s.arg(profile.ssoRoleName);
    text += u"region = %1\n"_s.arg(profile.effectiveRegion());
    if (!profile.endpoint.isEmpty())
        text += u"endpoint_url = %1\n"_s.arg(profile.endpoint.toString());
    text += u"\n[sso-session %1]\n"_s.arg(session);
    text += u"sso_start_url = %1\n"_s.arg(profile.ssoStartUrl);
    text += u"sso_region = %1\n"_s.arg(profile.ssoRegion);
    text += u"sso_registration_scopes = %1\n"_s.arg(aws::IdentityCenterClient::defaultScope);
    return text.toUtf8();
}

aws::Result<void> AwsConfigSsoExport::append(const QString &configPath, const Profile &profile,
                                             const QString &session)
{
    const QString shown = AwsConfigFile::displayPath(configPath);
    for (const QString &name : { profile.name, session }) {
        if (name.isEmpty() || name.contains(u']') || name.contains(u'\n') || name.trimmed() != name
            || name.contains(u' ')) {
            return std::unexpected(AwsError::configuration(
                tr("'%1' cannot be a section name in %2 (no spaces, no ']').").arg(name, shown)));
        }
    }
    auto existing = AwsConfigFile::load(configPath, AwsConfigFile::Kind::Config);
    if (!existing)
        return std::unexpected(existing.error());
    if (const auto *found = existing->profile(profile.name)) {
        return std::unexpected(AwsError::configuration(
            tr("%1 already has a profile '%2' (%3): choose another name, nothing was written.")
                .arg(shown, profile.name, existing->location(found->line))));
    }
    if (const auto *found = existing->section(AwsConfigSection::Type::SsoSession, session)) {
        return std::unexpected(AwsError::configuration(
            tr("%1 already has an sso-session '%2' (%3): choose another name, nothing was "
               "written.")
                .arg(shown, session, existing->location(found->line))));
    }

    QFile file(configPath);
    QByteArray tail;
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return std::unexpected(AwsError::configuration(
                tr("%1 cannot be read: %2").arg(shown, file.errorString())));
        const QByteArray content = file.readAll();
        file.close();
        if (!content.isEmpty())
            tail = content.endsWith('\n') ? QByteArray("\n") : QByteArray("\n\n");
    } else if (!QDir().mkpath(QFileInfo(configPath).absolutePath())) {
        return std::unexpected(
            AwsError::configuration(tr("The folder of %1 cannot be created.").arg(shown)));
    }
    const QByteArray added = tail + sections(profile, session);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(added) != added.size()
        || !file.flush()) {
        return std::unexpected(
            AwsError::configuration(tr("%1 cannot be written: %2").arg(shown, file.errorString())));
    }
    return {};
}

} // namespace coffer
