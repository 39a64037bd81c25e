// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/profiles/profile.h"

#include <QAbstractListModel>
#include <QLatin1StringView>
#include <QList>
#include <QPointer>
#include <QProcessEnvironment>
#include <QUuid>

#include <optional>

class QSettings;

namespace coffer {

class AwsProfileCatalog;
class ProfileStore;

/// One row of ProfileListModel: a profile Coffer can connect to, and where it is defined.
struct ProfileListEntry
{
    enum class Source {
        Builtin, ///< the local sandbox
        AwsConfig, ///< a profile of ~/.aws/config or ~/.aws/credentials, used in place
        Keychain, ///< one of Coffer's own profiles (settings + OS keychain)
    };

    Source source = Source::Builtin;
    /// What ProfileConnector connects with. For AwsConfig an AwsCliProfile on the profile's
    /// name with a stable id (awsConfigProfileId()); for Builtin a LocalSandbox with a null id.
    Profile profile;
    QString kindName; ///< stable: "sandbox", "keys", "sso", "access-key", ...
    QString kindLabel; ///< for people
    QString region;
    QString details; ///< never a secret: a key id, a role ARN, a start URL
    QString location; ///< AwsConfig: "~/.aws/config line 3"
    QString problem; ///< empty when it looks usable

    [[nodiscard]] QString name() const { return profile.name; }
    [[nodiscard]] QUuid id() const { return profile.id; }
    /// "builtin", "aws-config", "keychain": stable names for the CLI and settings.
    [[nodiscard]] static QString sourceName(Source source);
    [[nodiscard]] static std::optional<Source> sourceFromName(const QString &name);
};

/// Which profile to open: where it is defined and its name (never more, never a secret).
struct ProfileChoice
{
    ProfileListEntry::Source source = ProfileListEntry::Source::Builtin;
    QString name;

    friend bool operator==(const ProfileChoice &, const ProfileChoice &) = default;
};

/**
 * Every profile Coffer can connect to, for the profile switcher and `coffer-cli profile list`:
 * the local sandbox first, then the profiles of the user's ~/.aws files (AwsProfileCatalog,
 * live), then Coffer's own keychain profiles (ProfileStore; its LocalSandbox profiles are left
 * out, the sandbox row stands for them). Each row carries its source and kind.
 *
 * The list is rebuilt (a model reset) whenever the catalog or the store changes.
 *
 * The startup rule lives here too, so the GUI and its tests share it: a later start reopens
 * the profile used last (lastChoice()/rememberChoice(), which keep only the source and the
 * name); the first start, or a last profile that is gone, opens AWS_PROFILE, else `default`
 * when the ~/.aws files have it, else the local sandbox.
 */
class ProfileListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileListModel)

public:
    enum Role {
        SourceRole = Qt::UserRole, ///< ProfileListEntry::sourceName()
        KindRole, ///< kindName
        KindLabelRole,
        RegionRole,
        DetailsRole,
        ProblemRole,
        LocationRole,
        IdRole, ///< QUuid
        ProductionRole, ///< bool
    };

    static constexpr QLatin1StringView settingsNameKey { "Session/profileName" };
    static constexpr QLatin1StringView settingsSourceKey { "Session/profileSource" };

    /// Either may be null: the list then lacks that part.
    ProfileListModel(ProfileStore *store, AwsProfileCatalog *catalog, QObject *parent = nullptr);
    ~ProfileListModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const QList<ProfileListEntry> &entries() const { return m_entries; }
    /// The row of the profile with `id` (null: the sandbox), or -1.
    [[nodiscard]] int rowOf(const QUuid &id) const;
    [[nodiscard]] int rowOf(const ProfileChoice &choice) const;
    [[nodiscard]] std::optional<ProfileListEntry> entry(const QUuid &id) const;

    /// The row to open at startup: `last` when it still exists, else AWS_PROFILE (a ~/.aws
    /// profile first, then a keychain one), else `default` of ~/.aws, else the sandbox (row 0).
    [[nodiscard]] int startupRow(const std::optional<ProfileChoice> &last,
                                 const QProcessEnvironment &env) const;

    /// The profile opened last (nullopt on first start).
    [[nodiscard]] static std::optional<ProfileChoice> lastChoice(const QSettings &settings);
    /// lastChoice(), or for settings written before this list existed, the keychain profile
    /// whose id they kept ("Session/profile").
    [[nodiscard]] std::optional<ProfileChoice> savedChoice(const QSettings &settings) const;
    static void rememberChoice(QSettings &settings, const ProfileListEntry &entry);

    /// The id an AwsConfig row's profile gets: the same for the same name, in every run.
    [[nodiscard]] static QUuid awsConfigProfileId(const QString &name);
    /// The row standing for the local sandbox.
    [[nodiscard]] static ProfileListEntry sandboxEntry();

    /// Reads the store and the catalog again (they signal their changes; this is for tests).
    void rebuild();

private:
    QPointer<ProfileStore> m_store;
    QPointer<AwsProfileCatalog> m_catalog;
    QList<ProfileListEntry> m_entries;
};

} // namespace coffer
