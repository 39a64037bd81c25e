// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/awsprofileimporter.h"

#include "models/profiles/profilesecret.h"
#include "models/profiles/profilestore.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace coffer {

struct AwsProfileImporter::Job
{
    QStringList queue;
    qsizetype next = 0;
    AwsImportReport report;
    QPointer<QObject> context;
    bool hasContext = false;
    Done done;
};

AwsProfileImporter::AwsProfileImporter(ProfileStore *store, QProcessEnvironment env,
                                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_env(std::move(env))
{ }

AwsProfileImporter::~AwsProfileImporter() = default;

QStringList AwsProfileImporter::paths() const
{
    return { aws::AwsSharedFiles::configPath(m_env), aws::AwsSharedFiles::credentialsPath(m_env) };
}

aws::Result<QList<AwsImportCandidate>> AwsProfileImporter::scan()
{
    auto files = aws::AwsSharedFiles::load(m_env);
    if (!files)
        return std::unexpected(files.error());
    m_files = std::move(*files);
    m_loaded = true;
    QList<AwsImportCandidate> candidates;
    for (const QString &name : m_files.profileNames())
        candidates << candidate(name);
    return candidates;
}

AwsImportCandidate AwsProfileImporter::candidate(const QString &name) const
{
    AwsImportCandidate result;
    result.awsName = name;
    const auto value = [&](const QString &key) -> QString {
        const auto setting = m_files.setting(name, key);
        return setting ? setting->value : QString();
    };
    const auto location = [&](const QString &key) -> QString {
        const auto setting = m_files.setting(name, key);
        return setting ? setting->location : QString();
    };

    result.region = value(u"region"_s);
    if (result.region.isEmpty())
        result.region
            = m_files.setting(u"default"_s, u"region"_s).value_or(aws::AwsProfileSetting {}).value;
    result.nameTaken = m_store && m_store->profileByName(name).has_value();

    const auto refuse = [&](const QString &why) {
        result.importable = false;
        result.note = why;
        return result;
    };

    if (const QString roleArn = value(u"role_arn"_s); !roleArn.isEmpty()) {
        result.location = location(u"role_arn"_s);
        result.roleArn = roleArn;
        if (const QString source = value(u"source_profile"_s); !source.isEmpty()) {
            // Follow the sources: each must exist and the chain must end in credentials.
            QSet<QString> visited { name };
            QString next = source;
            while (true) {
                if (!m_files.hasProfile(next))
                    return refuse(tr("its source profile '%1' does not exist").arg(next));
                if (visited.contains(next))
                    return refuse(tr("its source profiles form a cycle"));
                visited.insert(next);
                const auto nextRole = m_files.setting(next, u"role_arn"_s);
                const auto nextSource = m_files.setting(next, u"source_profile"_s);
                if (!nextRole || !nextSource)
                    break;
                next = nextSource->value;
            }
            const AwsImportCandidate sourceCandidate = candidate(next);
            if (!sourceCandidate.importable) {
                return refuse(tr("its source profile '%1' cannot be imported: %2")
                                  .arg(next, sourceCandidate.note));
            }
            result.kind = Profile::Kind::AssumeRole;
            result.sourceProfile = source;
            result.note = tr("assumes %1 with the credentials of '%2'").arg(roleArn, source);
            return result;
        }
        if (!value(u"credential_source"_s).isEmpty()) {
            result.kind = Profile::Kind::AwsCliProfile;
            result.note = tr("used as is from the AWS files (credential_source)");
            return result;
        }
        return refuse(tr("role_arn without source_profile or credential_source"));
    }

    const QString keyId = value(u"aws_access_key_id"_s);
    const QString secretKey = value(u"aws_secret_access_key"_s);
    if (!keyId.isEmpty() && !secretKey.isEmpty()) {
        result.kind = Profile::Kind::AccessKey;
        result.accessKeyId = keyId;
        result.location = location(u"aws_access_key_id"_s);
        result.note = value(u"aws_session_token"_s).isEmpty()
            ? tr("access key; the secret key goes to the OS keychain")
            : tr("temporary access key; the secret key and session token go to the "
                 "OS keychain");
        return result;
    }
    if (!keyId.isEmpty() || !secretKey.isEmpty())
        return refuse(tr("it has only half of an access key"));
    if (!value(u"credential_process"_s).isEmpty()) {
        result.kind = Profile::Kind::AwsCliProfile;
        result.location = location(u"credential_process"_s);
        result.note = tr("used as is from the AWS files (credential_process)");
        return result;
    }
    if (!value(u"sso_session"_s).isEmpty() || !value(u"sso_start_url"_s).isEmpty())
        return refuse(
            tr("it signs in with IAM Identity Center (SSO), which Coffer does not support yet"));
    return refuse(tr("it has no credentials"));
}

void AwsProfileImporter::importProfiles(const QStringList &awsNames, QObject *context, Done done)
{
    auto job = std::make_shared<Job>();
    job->context = context;
    job->hasContext = context != nullptr;
    job->done = std::move(done);

    if (!m_loaded) {
        if (auto scanned = scan(); !scanned) {
            job->report.error
                = ProfileError::make(ProfileError::Code::Invalid, scanned.error().message);
            QMetaObject::invokeMethod(
                this, [this, job] { step(job); }, Qt::QueuedConnection);
            job->next = -1;
            return;
        }
    }

    // Sources before the roles that use them, each profile once.
    QStringList ordered;
    std::function<void(const QString &, int)> add = [&](const QString &name, int depth) {
        if (ordered.contains(name) || depth > 32)
            return;
        const auto source = m_files.setting(name, u"source_profile"_s);
        if (source && m_files.setting(name, u"role_arn"_s) && source->value != name)
            add(source->value, depth + 1);
        if (!ordered.contains(name))
            ordered << name;
    };
    for (const QString &name : awsNames)
        add(name, 0);
    job->queue = ordered;
    QMetaObject::invokeMethod(
        this, [this, job] { step(job); }, Qt::QueuedConnection);
}

void AwsProfileImporter::step(const std::shared_ptr<Job> &job)
{
    const auto finish = [job] {
        if (job->hasContext && !job->context)
            return;
        if (job->done)
            job->done(job->report);
    };
    if (job->next < 0 || job->next >= job->queue.size() || job->report.error)
        return finish();
    if (!m_store) {
        job->report.error
            = ProfileError::make(ProfileError::Code::NotFound, tr("The profiles are closed."));
        return finish();
    }

    const QString name = job->queue.at(job->next++);
    const auto skip = [&](const QString &why) {
        job->report.skipped << tr("%1: %2").arg(name, why);
        step(job);
    };
    if (!m_files.hasProfile(name))
        return skip(tr("no such profile in the AWS files"));
    const AwsImportCandidate found = candidate(name);
    if (!found.importable)
        return skip(found.note);
    if (found.nameTaken)
        return skip(tr("a Coffer profile with this name already exists"));

    const auto value = [&](const QString &key) -> QString {
        const auto setting = m_files.setting(name, key);
        return setting ? setting->value : QString();
    };
    Profile profile = Profile::create(found.kind, name);
    profile.region = found.region.isEmpty() ? u"us-east-1"_s : found.region;
    if (const QString endpoint = value(u"endpoint_url"_s); !endpoint.isEmpty())
        profile.endpoint = QUrl(endpoint);
    std::optional<ProfileSecret> secret;
    switch (found.kind) {
    case Profile::Kind::AccessKey:
        profile.accessKeyId = found.accessKeyId;
        secret = ProfileSecret { value(u"aws_secret_access_key"_s), value(u"aws_session_token"_s) };
        break;
    case Profile::Kind::AssumeRole: {
        const auto source = m_store->profileByName(found.sourceProfile);
        if (!source)
            return skip(tr("its source profile '%1' was not imported").arg(found.sourceProfile));
        profile.roleArn = found.roleArn;
        profile.sourceProfileId = source->id;
        profile.externalId = value(u"external_id"_s);
        profile.mfaSerial = value(u"mfa_serial"_s);
        profile.roleSessionName = value(u"role_session_name"_s);
        bool ok = false;
        const int duration = value(u"duration_seconds"_s).toInt(&ok);
        if (ok)
            profile.durationSeconds = duration;
        break;
    }
    case Profile::Kind::AwsCliProfile:
        profile.awsProfileName = name;
        profile.region = found.region; // empty: the AWS files decide, as they do for the CLI
        break;
    case Profile::Kind::Sso:
    case Profile::Kind::LocalSandbox:
        break;
    }

    m_store->save(profile, secret, {}, this, [this, job, name](ProfileResult<void> saved) {
        if (saved) {
            job->report.imported << name;
        } else {
            switch (saved.error().code) {
            case ProfileError::Code::NoKeychain:
            case ProfileError::Code::KeychainDenied:
            case ProfileError::Code::KeychainFailed:
            case ProfileError::Code::StorageFailed:
                job->report.error = saved.error();
                break;
            default:
                job->report.skipped << tr("%1: %2").arg(name, saved.error().message);
                break;
            }
        }
        step(job);
    });
}

} // namespace coffer
