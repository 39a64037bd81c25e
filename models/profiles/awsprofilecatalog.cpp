// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/awsprofilecatalog.h"

#include "models/aws/credentialschain.h"
#include "models/aws/processcredentialsprovider.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer {

using aws::AwsConfigFile;
using aws::AwsSharedFiles;

QString AwsCatalogEntry::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Keys:
        return u"keys"_s;
    case Kind::AssumeRole:
        return u"assume-role"_s;
    case Kind::Sso:
        return u"sso"_s;
    case Kind::CredentialProcess:
        return u"credential-process"_s;
    case Kind::WebIdentity:
        return u"web-identity"_s;
    case Kind::Unknown:
        return u"unknown"_s;
    }
    return u"unknown"_s;
}

QString AwsCatalogEntry::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::Keys:
        return tr("Access keys");
    case Kind::AssumeRole:
        return tr("Assume role");
    case Kind::Sso:
        return tr("IAM Identity Center (SSO)");
    case Kind::CredentialProcess:
        return tr("Credential process");
    case Kind::WebIdentity:
        return tr("Web identity");
    case Kind::Unknown:
        return tr("Unknown");
    }
    return tr("Unknown");
}

AwsProfileCatalog::AwsProfileCatalog(QProcessEnvironment env, QObject *parent)
    : AwsProfileCatalog(std::move(env), Options {}, parent)
{ }

AwsProfileCatalog::AwsProfileCatalog(QProcessEnvironment env, Options options, QObject *parent)
    : QObject(parent)
    , m_env(std::move(env))
    , m_options(options)
{
    if (m_options.watch) {
        m_watcher = new QFileSystemWatcher(this);
        m_settle = new QTimer(this);
        m_settle->setSingleShot(true);
        m_settle->setInterval(m_options.settleMilliseconds);
        connect(m_settle, &QTimer::timeout, this, &AwsProfileCatalog::reload);
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this,
                &AwsProfileCatalog::scheduleReload);
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this,
                &AwsProfileCatalog::scheduleReload);
    }
    read();
    updateWatches();
}

AwsProfileCatalog::~AwsProfileCatalog() = default;

QString AwsProfileCatalog::configPath() const
{
    return AwsSharedFiles::configPath(m_env);
}

QString AwsProfileCatalog::credentialsPath() const
{
    return AwsSharedFiles::credentialsPath(m_env);
}

QStringList AwsProfileCatalog::watchedPaths() const
{
    return m_watcher ? m_watcher->files() + m_watcher->directories() : QStringList();
}

std::optional<AwsCatalogEntry> AwsProfileCatalog::entry(const QString &name) const
{
    const auto found = std::ranges::find(m_entries, name, &AwsCatalogEntry::name);
    if (found == m_entries.end())
        return std::nullopt;
    return *found;
}

void AwsProfileCatalog::scheduleReload()
{
    // Watch again at once: a replaced file drops out of the watcher, and a new ~/.aws folder
    // must be watched before the file is written into it.
    updateWatches();
    m_settle->start();
}

void AwsProfileCatalog::reload()
{
    const QList<AwsCatalogEntry> entries = m_entries;
    const QStringList problems = m_fileProblems;
    read();
    updateWatches();
    if (entries != m_entries || problems != m_fileProblems)
        Q_EMIT changed();
}

void AwsProfileCatalog::updateWatches()
{
    if (!m_watcher)
        return;
    QStringList wanted;
    for (const QString &path : { configPath(), credentialsPath() }) {
        const QFileInfo file(path);
        if (file.exists())
            wanted << file.absoluteFilePath();
        // The nearest folder that exists: ~/.aws, or ~ until ~/.aws is made.
        QDir folder = file.absoluteDir();
        while (!folder.exists() && !folder.isRoot() && folder.cdUp()) { }
        if (folder.exists())
            wanted << folder.absolutePath();
    }
    wanted.removeDuplicates();
    const QStringList watched = watchedPaths();
    QStringList gone;
    for (const QString &path : watched) {
        if (!wanted.contains(path))
            gone << path;
    }
    if (!gone.isEmpty())
        m_watcher->removePaths(gone);
    QStringList added;
    for (const QString &path : std::as_const(wanted)) {
        if (!watched.contains(path))
            added << path;
    }
    if (!added.isEmpty())
        m_watcher->addPaths(added);
}

void AwsProfileCatalog::read()
{
    m_fileProblems.clear();
    // Each file on its own, so a typo in one does not hide the other's profiles.
    AwsSharedFiles files;
    auto config = AwsConfigFile::load(configPath(), AwsConfigFile::Kind::Config);
    if (config)
        files.config = std::move(*config);
    else
        m_fileProblems << config.error().message;
    auto credentials = AwsConfigFile::load(credentialsPath(), AwsConfigFile::Kind::Credentials);
    if (credentials)
        files.credentials = std::move(*credentials);
    else
        m_fileProblems << credentials.error().message;
    m_files = std::move(files);

    m_entries.clear();
    for (const QString &name : m_files.profileNames())
        m_entries << classify(name);
}

AwsCatalogEntry AwsProfileCatalog::classify(const QString &name) const
{
    AwsCatalogEntry entry;
    entry.name = name;
    const auto value = [&](const QString &key) -> QString {
        const auto setting = m_files.setting(name, key);
        return setting ? setting->value : QString();
    };
    const aws::AwsConfigSection *section = m_files.config.profile(name);
    const AwsConfigFile *file = &m_files.config;
    if (!section) {
        section = m_files.credentials.profile(name);
        file = &m_files.credentials;
    }
    if (section)
        entry.location = file->location(section->line);
    entry.region = value(u"region"_s);

    const auto keysIn = [&](const AwsConfigFile &in) {
        const aws::AwsConfigSection *own = in.profile(name);
        return own && own->value(u"aws_access_key_id"_s).value_or(QString()).size() > 0;
    };
    const QString roleArn = value(u"role_arn"_s);
    if (!value(u"web_identity_token_file"_s).isEmpty()) {
        entry.kind = AwsCatalogEntry::Kind::WebIdentity;
        entry.details = roleArn;
    } else if (!roleArn.isEmpty()) {
        entry.kind = AwsCatalogEntry::Kind::AssumeRole;
        const QString source = value(u"source_profile"_s);
        entry.details = source.isEmpty()
            ? roleArn
            : AwsCatalogEntry::tr("%1 with profile %2").arg(roleArn, source);
    } else if (!value(u"sso_session"_s).isEmpty() || !value(u"sso_start_url"_s).isEmpty()) {
        entry.kind = AwsCatalogEntry::Kind::Sso;
        QString startUrl = value(u"sso_start_url"_s);
        if (const QString session = value(u"sso_session"_s); !session.isEmpty()) {
            const aws::AwsConfigSection *ssoSession
                = m_files.config.section(aws::AwsConfigSection::Type::SsoSession, session);
            if (ssoSession && startUrl.isEmpty())
                startUrl = ssoSession->value(u"sso_start_url"_s).value_or(QString());
        }
        QStringList parts;
        if (!startUrl.isEmpty())
            parts << startUrl;
        const QString account = value(u"sso_account_id"_s);
        const QString role = value(u"sso_role_name"_s);
        if (!account.isEmpty() || !role.isEmpty())
            parts << (account + u'/' + role);
        entry.details = parts.join(u' ');
    } else if (keysIn(m_files.credentials)) {
        entry.kind = AwsCatalogEntry::Kind::Keys;
        entry.details = m_files.credentials.profile(name)->value(u"aws_access_key_id"_s).value();
    } else if (const QString process = value(u"credential_process"_s); !process.isEmpty()) {
        entry.kind = AwsCatalogEntry::Kind::CredentialProcess;
        // Only the program: its arguments may carry a token.
        const auto words = aws::ProcessCredentialsProvider::splitCommandLine(process);
        if (words && !words->isEmpty())
            entry.details = QFileInfo(words->first()).fileName();
    } else if (keysIn(m_files.config)) {
        entry.kind = AwsCatalogEntry::Kind::Keys;
        entry.details = m_files.config.profile(name)->value(u"aws_access_key_id"_s).value();
    } else {
        entry.kind = AwsCatalogEntry::Kind::Unknown;
    }

    if (entry.kind == AwsCatalogEntry::Kind::Unknown) {
        entry.problem = AwsCatalogEntry::tr("%1: profile '%2' sets no credentials (none of "
                                            "aws_access_key_id, role_arn, sso_session or "
                                            "credential_process)")
                            .arg(entry.location, name);
        return entry;
    }
    // What connecting would find wrong, without connecting: the chain resolves without I/O.
    aws::CredentialsChainOptions options;
    options.profile = name;
    aws::CredentialsChain chain(m_files, std::move(options), m_env);
    if (const auto resolved = chain.resolve(); !resolved) {
        QString problem = resolved.error().message;
        if (!problem.contains(AwsConfigFile::displayPath(file->path())))
            problem = entry.location + u": "_s + problem;
        entry.problem = problem;
    }
    return entry;
}

} // namespace coffer
