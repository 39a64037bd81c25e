// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/profiles/profile.h"
#include "models/profiles/profileerror.h"
#include "models/profiles/profilesecret.h"

#include <QHash>
#include <QLatin1StringView>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUuid>

#include <functional>
#include <optional>

namespace coffer {

class KeychainStore;

/**
 * Coffer's connection profiles: the metadata in the application settings (QSettings, group
 * "Profiles", one sub-group per profile id) and the secret parts (secret access key, session
 * token) only in the OS keychain, under the key "profile/<uuid>".
 *
 * There is no insecure fallback. When no keychain is reachable, save() fails with
 * ProfileError::Code::NoKeychain and writes nothing; the caller may then offer "memory only for
 * this run" (SaveOptions::memoryOnly, or setMemoryOnlyCredentials() for an existing profile),
 * which keeps the profile and its secret in this process and writes nothing to disk either.
 *
 * Reads of the metadata are synchronous (profiles(), profile()); everything touching the
 * keychain is asynchronous: the callback runs once on the event loop, and only while `context`
 * lives. No nested event loops.
 *
 *     store->save(profile, ProfileSecret{secretKey, {}}, {}, this, [this](ProfileResult<void> r) {
 *         if (!r && r.error().offersMemoryOnly())
 *             askAboutMemoryOnly(r.error().message);
 *     });
 */
class ProfileStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    using Done = std::function<void(ProfileResult<void>)>;
    using SecretCallback = std::function<void(ProfileResult<ProfileSecret>)>;

    static constexpr QLatin1StringView settingsGroup { "Profiles" };

    struct SaveOptions
    {
        /// Keep the profile and its secret in this process only; nothing goes to disk or to the
        /// keychain. For when no keychain is available and the user chose so.
        bool memoryOnly = false;
    };

    /// `keychain`: where secrets go; nullptr makes a KeychainStore on Coffer's service name.
    explicit ProfileStore(KeychainStore *keychain = nullptr, QObject *parent = nullptr);
    ~ProfileStore() override;

    [[nodiscard]] KeychainStore *keychain() const { return m_keychain; }

    /// Re-reads the settings (memory-only profiles stay). Emits profilesChanged().
    void reload();
    /// Every profile, sorted by name (case-insensitively).
    [[nodiscard]] QList<Profile> profiles() const;
    [[nodiscard]] std::optional<Profile> profile(const QUuid &id) const;
    /// The profile called `name` (names compare case-insensitively).
    [[nodiscard]] std::optional<Profile> profileByName(const QString &name) const;
    /// True for a profile kept in memory for this run only.
    [[nodiscard]] bool isMemoryOnly(const QUuid &id) const
    {
        return m_memoryOnlyProfiles.contains(id);
    }
    /// True when this run holds the profile's secret in memory (no keychain read needed).
    [[nodiscard]] bool hasMemoryOnlyCredentials(const QUuid &id) const
    {
        return m_memorySecrets.contains(id);
    }
    /// Settings entries that could not be read ("Profiles/<id>: unknown kind"), from the last load.
    [[nodiscard]] QStringList loadWarnings() const { return m_loadWarnings; }

    /// Checks what save() would check first (validity, name, the role's source profile).
    [[nodiscard]] ProfileResult<void> check(const Profile &profile) const;

    /// Adds or replaces `profile`. `secret` is required for a new access-key profile; for an
    /// existing one nullopt keeps the stored secret. The keychain is written first, then the
    /// settings, so a failure leaves the previous state.
    void save(const Profile &profile, std::optional<ProfileSecret> secret, SaveOptions options,
              QObject *context, Done done);
    /// Removes the profile and its keychain item (the item first: if that fails, nothing is
    /// removed). Refused while another profile assumes a role with it.
    void remove(const QUuid &id, QObject *context, Done done);
    /// The profile's secret: from memory when this run holds it, else from the keychain.
    void readSecret(const QUuid &id, QObject *context, SecretCallback done);

    /// Holds `secret` for profile `id` in memory for this run; reads use it instead of the
    /// keychain. Nothing is written anywhere.
    void setMemoryOnlyCredentials(const QUuid &id, const ProfileSecret &secret);
    void clearMemoryOnlyCredentials(const QUuid &id);

Q_SIGNALS:
    /// The list of profiles or one of them changed.
    void profilesChanged();
    void profileSaved(const QUuid &id);
    void profileRemoved(const QUuid &id);

private:
    void load();
    /// Writes `profile`'s metadata to the settings; false when QSettings reports an error.
    [[nodiscard]] bool writeSettings(const Profile &profile);
    [[nodiscard]] bool removeSettings(const QUuid &id);
    void commit(const Profile &profile, bool memoryOnly, QPointer<QObject> context, bool hasContext,
                const Done &done);

    KeychainStore *m_keychain = nullptr;
    QHash<QUuid, Profile> m_profiles;
    QSet<QUuid> m_memoryOnlyProfiles;
    QHash<QUuid, ProfileSecret> m_memorySecrets;
    QStringList m_loadWarnings;
};

} // namespace coffer
