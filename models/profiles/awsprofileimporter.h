// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awsconfigfile.h"
#include "models/aws/awserror.h"
#include "models/profiles/profile.h"
#include "models/profiles/profileerror.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QStringList>

#include <functional>
#include <optional>

namespace coffer {

class ProfileStore;

/// One profile of ~/.aws/config and ~/.aws/credentials, as it would be imported.
struct AwsImportCandidate
{
    QString awsName; ///< the profile's name in the AWS files
    Profile::Kind kind = Profile::Kind::AwsCliProfile;
    QString region; ///< the profile's region (or the fallback it will get)
    QString accessKeyId; ///< for AccessKey: safe to show
    QString roleArn; ///< for AssumeRole
    QString sourceProfile; ///< for AssumeRole: the AWS name of the source profile
    QString location; ///< "~/.aws/credentials line 2"
    QString note; ///< what happens on import, or why it cannot be imported
    bool importable = true;
    bool nameTaken = false; ///< a Coffer profile already has this name
};

/// What an import did.
struct AwsImportReport
{
    QStringList imported; ///< Coffer profile names created
    QStringList skipped; ///< "name: reason"
    std::optional<ProfileError> error; ///< what stopped the import (no keychain...), if anything
};

/**
 * Imports the profiles of the user's ~/.aws/config and ~/.aws/credentials (or the files named
 * by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) into Coffer's keychain-backed profiles.
 *
 * The files are only read, never written. Static keys become AccessKey profiles, their secret
 * key and session token going to the OS keychain; `role_arn` with `source_profile` becomes an
 * AssumeRole profile on the imported source; everything else that yields credentials
 * (`credential_process`, `credential_source`, SSO) becomes an AwsCliProfile that uses the
 * ~/.aws profile as is. A malformed file fails the scan with the file and line.
 */
class AwsProfileImporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsProfileImporter)

public:
    using Done = std::function<void(AwsImportReport)>;

    explicit AwsProfileImporter(ProfileStore *store,
                                QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                                QObject *parent = nullptr);
    ~AwsProfileImporter() override;

    /// Reads the files and says what each profile would become.
    [[nodiscard]] aws::Result<QList<AwsImportCandidate>> scan();
    /// Imports the named AWS profiles (sources of imported roles are added as needed), one
    /// after the other; `done` runs once at the end, while `context` lives. Stops at the first
    /// keychain failure (a profile whose secret could not be stored is not created).
    void importProfiles(const QStringList &awsNames, QObject *context, Done done);

    /// The paths read (for messages): config and credentials.
    [[nodiscard]] QStringList paths() const;

private:
    struct Job;
    void step(const std::shared_ptr<Job> &job);
    [[nodiscard]] AwsImportCandidate candidate(const QString &name) const;

    QPointer<ProfileStore> m_store;
    QProcessEnvironment m_env;
    aws::AwsSharedFiles m_files;
    bool m_loaded = false;
};

} // namespace coffer
