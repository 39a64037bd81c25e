// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awsconfigfile.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

class QFileSystemWatcher;
class QTimer;

namespace coffer {

/// One profile of the user's ~/.aws files, as the catalog lists it. Never holds a secret.
struct AwsCatalogEntry
{
    Q_DECLARE_TR_FUNCTIONS(coffer::AwsCatalogEntry)

public:
    /// How the profile gets its credentials, in the order the AWS SDKs look for them.
    enum class Kind {
        Keys, ///< aws_access_key_id / aws_secret_access_key
        AssumeRole, ///< role_arn with source_profile or credential_source
        Sso, ///< sso_session, or the legacy sso_start_url
        CredentialProcess, ///< credential_process
        WebIdentity, ///< web_identity_token_file (with role_arn)
        Unknown, ///< none of the above (a region-only profile, a typo...)
    };

    QString name;
    Kind kind = Kind::Unknown;
    QString region; ///< the profile's own region; empty when it sets none
    QString details; ///< safe to show: the key id, the role ARN, the start URL...
    QString location; ///< where the profile starts: "~/.aws/config line 3"
    /// Empty when the profile looks usable; else a sentence naming the file and line.
    QString problem;

    [[nodiscard]] bool hasProblem() const { return !problem.isEmpty(); }
    /// "keys", "assume-role", "sso", "credential-process", "web-identity", "unknown": stable
    /// names for the CLI's output and settings.
    [[nodiscard]] static QString kindName(Kind kind);
    /// "Access keys", "Assume role", ...: for people.
    [[nodiscard]] static QString kindLabel(Kind kind);

    friend bool operator==(const AwsCatalogEntry &, const AwsCatalogEntry &) = default;
};

/**
 * The profiles of the user's own AWS files, read in place: `~/.aws/config` and
 * `~/.aws/credentials`, or the files AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name.
 * Nothing is copied anywhere; connecting to one of them goes through the AWS credentials chain
 * on its name (ProfileConnector, AwsCliProfile).
 *
 * Each profile is classified (keys, assume-role, SSO, credential_process, web identity) and
 * checked the way CredentialsChain::resolve() checks it, without any I/O, so a broken role chain
 * shows up in the list as a problem with its file and line. A malformed file does not hide the
 * other file's profiles: its error is in fileProblems().
 *
 * With watching on (the default), the files and their folders are watched, because editors
 * and `aws configure` replace a file rather than write into it; a change is read after a short
 * pause and changed() is emitted when the list or a problem differs.
 *
 *     AwsProfileCatalog catalog;
 *     connect(&catalog, &AwsProfileCatalog::changed, this, [&] { show(catalog.entries()); });
 */
class AwsProfileCatalog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsProfileCatalog)

public:
    struct Options
    {
        bool watch = true;
        /// How long to wait after a file event before reading (editors write in steps).
        int settleMilliseconds = 150;
    };

    explicit AwsProfileCatalog(QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                               QObject *parent = nullptr);
    AwsProfileCatalog(QProcessEnvironment env, Options options, QObject *parent = nullptr);
    ~AwsProfileCatalog() override;

    /// Reads the files again now; emits changed() when anything differs.
    void reload();

    /// Every profile of both files, sorted by name.
    [[nodiscard]] const QList<AwsCatalogEntry> &entries() const { return m_entries; }
    [[nodiscard]] std::optional<AwsCatalogEntry> entry(const QString &name) const;
    [[nodiscard]] bool contains(const QString &name) const { return entry(name).has_value(); }
    /// Problems of whole files ("~/.aws/config line 7: expected 'key = value'").
    [[nodiscard]] const QStringList &fileProblems() const { return m_fileProblems; }
    /// The two files as last read (a malformed one is empty).
    [[nodiscard]] const aws::AwsSharedFiles &files() const { return m_files; }
    [[nodiscard]] const QProcessEnvironment &environment() const { return m_env; }
    [[nodiscard]] QString configPath() const;
    [[nodiscard]] QString credentialsPath() const;
    /// The folders and files being watched (for tests and diagnostics).
    [[nodiscard]] QStringList watchedPaths() const;

Q_SIGNALS:
    /// The list of profiles, one of them, or a file's problem changed.
    void changed();

private:
    void read();
    void scheduleReload();
    void updateWatches();
    [[nodiscard]] AwsCatalogEntry classify(const QString &name) const;

    QProcessEnvironment m_env;
    Options m_options;
    aws::AwsSharedFiles m_files;
    QList<AwsCatalogEntry> m_entries;
    QStringList m_fileProblems;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_settle = nullptr;
};

} // namespace coffer
