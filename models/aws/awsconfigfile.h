// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace coffer::aws {

/// One `key = value` line of a shared AWS file, or a nested block (`s3 =` followed by indented
/// `key = value` lines, in which case `value` is empty and `subProperties` holds the block).
struct AwsConfigProperty
{
    QString value;
    QMap<QString, QString> subProperties;   ///< keys lower-cased, as the AWS CLI reads them
    int line = 0;                           ///< 1-based line of the `key =` line

    [[nodiscard]] bool isSubSection() const { return value.isEmpty() && !subProperties.isEmpty(); }
};

/// One `[section]` of a shared AWS file after duplicated sections have been merged.
struct AwsConfigSection
{
    enum class Type {
        Profile,     ///< `[profile name]`, `[default]` (config) or `[name]` (credentials)
        SsoSession,  ///< `[sso-session name]` (config only)
        Services,    ///< `[services name]` (config only)
    };
    Type type = Type::Profile;
    QString name;
    int line = 0;                                  ///< first line that opened this section
    QMap<QString, AwsConfigProperty> properties;   ///< keys lower-cased

    [[nodiscard]] const AwsConfigProperty *property(const QString &key) const;
    /// The plain value of `key`, or nullopt when it is absent (an empty value is returned as "").
    [[nodiscard]] std::optional<QString> value(const QString &key) const;
};

/**
 * One shared AWS file (`~/.aws/config` or `~/.aws/credentials`), parsed the way the AWS CLI
 * parses it, read-only.
 *
 * Comments are lines whose first non-blank character is `#` or `;`. Properties are
 * `key = value` (keys are case-insensitive and stored lower-cased; values are kept verbatim,
 * so `#` inside a value is not a comment). A line indented deeper than the property above it
 * continues that property: after `key =` with an empty value it is a nested `key = value`
 * (`s3 =` / `  max_concurrent_requests = 10`), otherwise it is appended to the value on a new
 * line. Sections with the same name are merged, later lines winning. In the config file a
 * profile is `[profile name]` or `[default]`; in the credentials file it is `[name]`. The other
 * spelling is tolerated in each file, with a warning, and loses to the proper one.
 *
 * Every section and property remembers its line, so errors can say "~/.aws/config line 7:
 * expected 'key = value'". Errors and warnings never quote a line's content: it may hold a key.
 */
class AwsConfigFile
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::AwsConfigFile)

public:
    enum class Kind { Config, Credentials };

    AwsConfigFile() = default;

    /// Reads and parses `path`. A missing file is not an error: it gives an empty file whose
    /// exists() is false, as the SDKs treat it. An unreadable or malformed file is.
    [[nodiscard]] static Result<AwsConfigFile> load(const QString &path, Kind kind);
    /// Parses `text`; `path` is only used to name the file in errors and origins.
    [[nodiscard]] static Result<AwsConfigFile> parse(const QByteArray &text, Kind kind,
                                                     const QString &path);

    /// `path` with the home folder shown as `~` ("~/.aws/config"), for messages.
    [[nodiscard]] static QString displayPath(const QString &path);

    [[nodiscard]] Kind kind() const { return m_kind; }
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString displayPath() const { return displayPath(m_path); }
    [[nodiscard]] bool exists() const { return m_exists; }

    [[nodiscard]] const AwsConfigSection *section(AwsConfigSection::Type type,
                                                  const QString &name) const;
    [[nodiscard]] const AwsConfigSection *profile(const QString &name) const
    {
        return section(AwsConfigSection::Type::Profile, name);
    }
    [[nodiscard]] QStringList profileNames() const;
    [[nodiscard]] const QList<AwsConfigSection> &sections() const { return m_sections; }

    /// Things the AWS CLI accepts but that are probably mistakes (a section spelled the other
    /// file's way, a key set twice), each starting with the file and line.
    [[nodiscard]] const QStringList &warnings() const { return m_warnings; }

    /// "~/.aws/config line 7", for messages about a line of this file.
    [[nodiscard]] QString location(int line) const;

private:
    Kind m_kind = Kind::Config;
    QString m_path;
    bool m_exists = false;
    QList<AwsConfigSection> m_sections;
    QStringList m_warnings;
};

/// One setting of a profile, with where it was found.
struct AwsProfileSetting
{
    QString value;
    QString origin;     ///< "profile work in ~/.aws/config"
    QString location;   ///< "~/.aws/config line 7"
};

/// The profile to use and why: an explicit choice, AWS_PROFILE, or the default.
struct AwsProfileSelection
{
    QString name;                  ///< "default" when nothing chose one
    QString source;                ///< "--profile", "AWS_PROFILE", "AWS_DEFAULT_PROFILE" or "default"
    bool explicitlyChosen = false; ///< true for an explicit (--profile) choice only
    /// True when the user named this profile (explicitly or with AWS_PROFILE): then it must exist.
    [[nodiscard]] bool isRequired() const { return source != QLatin1StringView("default"); }
};

/**
 * The two shared files together, as the AWS CLI combines them: a profile is the union of its
 * section in the config file and in the credentials file, the credentials file winning for a
 * key set in both.
 *
 * Paths come from AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE (a leading `~` is expanded),
 * defaulting to ~/.aws/config and ~/.aws/credentials.
 */
struct AwsSharedFiles
{
    Q_DECLARE_TR_FUNCTIONS(coffer::aws::AwsSharedFiles)

public:
    AwsConfigFile config;
    AwsConfigFile credentials;

    [[nodiscard]] static Result<AwsSharedFiles>
    load(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    [[nodiscard]] static QString configPath(const QProcessEnvironment &env);
    [[nodiscard]] static QString credentialsPath(const QProcessEnvironment &env);

    /// Explicit name (a --profile flag, a connection's setting) > AWS_PROFILE >
    /// AWS_DEFAULT_PROFILE > "default".
    [[nodiscard]] static AwsProfileSelection selectProfile(const QString &explicitName,
                                                           const QProcessEnvironment &env);

    [[nodiscard]] bool hasProfile(const QString &name) const;
    /// Profile names from both files, sorted, without duplicates.
    [[nodiscard]] QStringList profileNames() const;
    /// `key` of profile `profile`, credentials file first; nullopt when unset or empty.
    [[nodiscard]] std::optional<AwsProfileSetting> setting(const QString &profile,
                                                           const QString &key) const;
    /// The error for a profile that should exist but does not.
    [[nodiscard]] AwsError profileNotFound(const QString &profile) const;
    /// Warnings of both files.
    [[nodiscard]] QStringList warnings() const;
};

} // namespace coffer::aws
