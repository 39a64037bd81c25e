// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/profilestore.h"

#include "models/keychain/keychainstore.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

QString trStore(const char *text)
{
    return QCoreApplication::translate("coffer::ProfileStore", text);
}

QString idKey(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

/// Runs `done(result)` later on the event loop, unless the caller's context died meanwhile.
template<typename T, typename Callback>
void deliverLater(QObject *store, QObject *context, Callback done, ProfileResult<T> result)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    QMetaObject::invokeMethod(
        store,
        [guard, hasContext, done = std::move(done), result = std::move(result)]() mutable {
            if (hasContext && !guard)
                return;
            if (done)
                done(std::move(result));
        },
        Qt::QueuedConnection);
}

} // namespace

ProfileStore::ProfileStore(KeychainStore *keychain, QObject *parent)
    : QObject(parent)
    , m_keychain(keychain ? keychain : new KeychainStore(this))
{
    load();
}

ProfileStore::~ProfileStore() = default;

void ProfileStore::load()
{
    QHash<QUuid, Profile> loaded;
    m_loadWarnings.clear();
    QSettings settings;
    settings.beginGroup(settingsGroup);
    const QStringList groups = settings.childGroups();
    for (const QString &group : groups) {
        const QUuid id = QUuid::fromString(group);
        settings.beginGroup(group);
        QVariantMap values;
        for (const QString &key : settings.childKeys())
            values.insert(key, settings.value(key));
        settings.endGroup();
        auto profile = Profile::fromSettings(id, values);
        if (!profile) {
            m_loadWarnings << trStore("%1/%2: not a readable profile; it was ignored.")
                                  .arg(QString(settingsGroup), group);
            continue;
        }
        loaded.insert(id, *profile);
    }
    settings.endGroup();

    // Profiles kept in memory for this run shadow what the settings say.
    for (const QUuid &id : std::as_const(m_memoryOnlyProfiles))
        loaded.insert(id, m_profiles.value(id));
    m_profiles = std::move(loaded);
}

void ProfileStore::reload()
{
    load();
    Q_EMIT profilesChanged();
}

QList<Profile> ProfileStore::profiles() const
{
    QList<Profile> list = m_profiles.values();
    std::sort(list.begin(), list.end(), [](const Profile &a, const Profile &b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id.toString() < b.id.toString();
    });
    return list;
}

std::optional<Profile> ProfileStore::profile(const QUuid &id) const
{
    const auto it = m_profiles.constFind(id);
    if (it == m_profiles.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<Profile> ProfileStore::profileByName(const QString &name) const
{
    for (const Profile &profile : m_profiles) {
        if (profile.name.compare(name, Qt::CaseInsensitive) == 0)
            return profile;
    }
    return std::nullopt;
}

ProfileResult<void> ProfileStore::check(const Profile &profile) const
{
    if (const QString invalid = profile.validationError(); !invalid.isEmpty())
        return std::unexpected(ProfileError::make(ProfileError::Code::Invalid, invalid));
    if (const auto other = profileByName(profile.name); other && other->id != profile.id) {
        return std::unexpected(ProfileError::make(
            ProfileError::Code::NameTaken,
            trStore("There is already a profile called '%1'.").arg(other->name)));
    }
    if (profile.kind == Profile::Kind::AssumeRole) {
        // Walk the chain of sources: it must end at a profile with credentials of its own, and
        // never come back to this one.
        QSet<QUuid> visited { profile.id };
        QUuid next = profile.sourceProfileId;
        while (true) {
            const auto source = this->profile(next);
            if (!source) {
                return std::unexpected(ProfileError::make(
                    ProfileError::Code::Invalid,
                    trStore("The source profile of '%1' does not exist.").arg(profile.name)));
            }
            if (visited.contains(source->id)) {
                return std::unexpected(ProfileError::make(
                    ProfileError::Code::Invalid,
                    trStore("Profile '%1' would assume a role with its own credentials, through "
                            "'%2'.")
                        .arg(profile.name, source->name)));
            }
            visited.insert(source->id);
            if (source->kind != Profile::Kind::AssumeRole)
                break;
            next = source->sourceProfileId;
        }
    }
    return {};
}

void ProfileStore::save(const Profile &profile, std::optional<ProfileSecret> secret,
                        SaveOptions options, QObject *context, Done done)
{
    if (auto checked = check(profile); !checked)
        return deliverLater<void>(this, context, std::move(done), std::move(checked));

    const auto existing = this->profile(profile.id);
    if (secret && secret->isEmpty())
        secret.reset();
    if (profile.hasStoredSecret() && !secret) {
        const bool hasOne = existing && existing->hasStoredSecret();
        if (!hasOne) {
            return deliverLater<void>(
                this, context, std::move(done),
                ProfileResult<void>(std::unexpected(ProfileError::make(
                    ProfileError::Code::SecretRequired,
                    trStore("Enter the secret access key of profile '%1'.").arg(profile.name)))));
        }
    }
    if (!profile.hasStoredSecret())
        secret.reset();

    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;

    if (options.memoryOnly) {
        if (secret)
            m_memorySecrets.insert(profile.id, *secret);
        else if (!profile.hasStoredSecret())
            m_memorySecrets.remove(profile.id);
        commit(profile, true, guard, hasContext, done);
        return;
    }

    if (secret) {
        const QString name = profile.name;
        m_keychain->write(
            profile.keychainKey(), secret->serialize(), this,
            [this, profile, guard, hasContext, done,
             name](std::expected<void, KeychainError> written) {
                if (!written) {
                    if (!(hasContext && !guard) && done)
                        done(std::unexpected(ProfileError::fromKeychain(written.error(), name)));
                    return;
                }
                m_memorySecrets.remove(profile.id);
                commit(profile, false, guard, hasContext, done);
            });
        return;
    }

    if (existing && existing->hasStoredSecret() && !profile.hasStoredSecret()
        && !isMemoryOnly(profile.id)) {
        // The profile no longer uses keys: its keychain item goes first, so no secret outlives
        // the profile that needed it.
        m_keychain->remove(
            profile.keychainKey(), this,
            [this, profile, guard, hasContext, done](std::expected<void, KeychainError> removed) {
                if (!removed) {
                    if (!(hasContext && !guard) && done)
                        done(std::unexpected(
                            ProfileError::fromKeychain(removed.error(), profile.name)));
                    return;
                }
                m_memorySecrets.remove(profile.id);
                commit(profile, false, guard, hasContext, done);
            });
        return;
    }

    // Metadata only: no keychain work, but the callback still runs on the event loop.
    QMetaObject::invokeMethod(
        this,
        [this, profile, guard, hasContext, done] {
            commit(profile, false, guard, hasContext, done);
        },
        Qt::QueuedConnection);
}

void ProfileStore::commit(const Profile &profile, bool memoryOnly, QPointer<QObject> context,
                          bool hasContext, const Done &done)
{
    auto finish = [&](ProfileResult<void> result) {
        if (hasContext && !context)
            return;
        if (done)
            done(std::move(result));
    };

    // Another save may have taken the name while the keychain worked.
    if (const auto other = profileByName(profile.name); other && other->id != profile.id) {
        return finish(std::unexpected(ProfileError::make(
            ProfileError::Code::NameTaken,
            trStore("There is already a profile called '%1'.").arg(other->name))));
    }

    if (memoryOnly) {
        m_memoryOnlyProfiles.insert(profile.id);
    } else {
        if (!writeSettings(profile)) {
            return finish(std::unexpected(ProfileError::make(
                ProfileError::Code::StorageFailed,
                trStore("The settings file could not be written; profile '%1' was not saved.")
                    .arg(profile.name))));
        }
        m_memoryOnlyProfiles.remove(profile.id);
    }
    m_profiles.insert(profile.id, profile);
    Q_EMIT profileSaved(profile.id);
    Q_EMIT profilesChanged();
    finish({});
}

void ProfileStore::remove(const QUuid &id, QObject *context, Done done)
{
    const auto profile = this->profile(id);
    if (!profile) {
        return deliverLater<void>(
            this, context, std::move(done),
            ProfileResult<void>(std::unexpected(ProfileError::make(
                ProfileError::Code::NotFound, trStore("There is no such profile.")))));
    }
    for (const Profile &other : std::as_const(m_profiles)) {
        if (other.kind == Profile::Kind::AssumeRole && other.sourceProfileId == id) {
            return deliverLater<void>(
                this, context, std::move(done),
                ProfileResult<void>(std::unexpected(ProfileError::make(
                    ProfileError::Code::InUse,
                    trStore("Profile '%1' assumes a role with the credentials of '%2'; change or "
                            "remove it first.")
                        .arg(other.name, profile->name)))));
        }
    }

    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    auto forget = [this, id, name = profile->name, guard, hasContext, done] {
        auto finish = [&](ProfileResult<void> result) {
            if (!(hasContext && !guard) && done)
                done(std::move(result));
        };
        if (!isMemoryOnly(id) && !removeSettings(id)) {
            return finish(std::unexpected(ProfileError::make(
                ProfileError::Code::StorageFailed,
                trStore("The settings file could not be written; profile '%1' was not removed.")
                    .arg(name))));
        }
        m_memoryOnlyProfiles.remove(id);
        m_memorySecrets.remove(id);
        m_profiles.remove(id);
        Q_EMIT profileRemoved(id);
        Q_EMIT profilesChanged();
        finish({});
    };

    if (profile->hasStoredSecret() && !isMemoryOnly(id)) {
        m_keychain->remove(
            profile->keychainKey(), this,
            [forget, guard, hasContext, done,
             name = profile->name](std::expected<void, KeychainError> removed) {
                if (!removed) {
                    if (!(hasContext && !guard) && done)
                        done(std::unexpected(ProfileError::fromKeychain(removed.error(), name)));
                    return;
                }
                forget();
            });
        return;
    }
    QMetaObject::invokeMethod(this, forget, Qt::QueuedConnection);
}

void ProfileStore::readSecret(const QUuid &id, QObject *context, SecretCallback done)
{
    const auto profile = this->profile(id);
    if (!profile) {
        return deliverLater<ProfileSecret>(
            this, context, std::move(done),
            ProfileResult<ProfileSecret>(std::unexpected(ProfileError::make(
                ProfileError::Code::NotFound, trStore("There is no such profile.")))));
    }
    if (const auto it = m_memorySecrets.constFind(id); it != m_memorySecrets.constEnd())
        return deliverLater<ProfileSecret>(this, context, std::move(done),
                                           ProfileResult<ProfileSecret>(*it));
    if (!profile->hasStoredSecret() || isMemoryOnly(id)) {
        return deliverLater<ProfileSecret>(
            this, context, std::move(done),
            ProfileResult<ProfileSecret>(std::unexpected(ProfileError::make(
                ProfileError::Code::SecretMissing,
                trStore("Profile '%1' has no stored secret.").arg(profile->name)))));
    }

    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    m_keychain->read(profile->keychainKey(), this,
                     [guard, hasContext, done = std::move(done),
                      name = profile->name](std::expected<QByteArray, KeychainError> bytes) {
                         if ((hasContext && !guard) || !done)
                             return;
                         if (!bytes)
                             return done(
                                 std::unexpected(ProfileError::fromKeychain(bytes.error(), name)));
                         auto secret = ProfileSecret::deserialize(*bytes);
                         if (!secret) {
                             return done(std::unexpected(ProfileError::make(
                                 ProfileError::Code::SecretMissing,
                                 trStore("The keychain item of profile '%1' is not readable; edit "
                                         "the profile and enter its secret access key again.")
                                     .arg(name))));
                         }
                         done(std::move(*secret));
                     });
}

void ProfileStore::setMemoryOnlyCredentials(const QUuid &id, const ProfileSecret &secret)
{
    m_memorySecrets.insert(id, secret);
}

void ProfileStore::clearMemoryOnlyCredentials(const QUuid &id)
{
    m_memorySecrets.remove(id);
}

bool ProfileStore::writeSettings(const Profile &profile)
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    settings.remove(idKey(profile.id));
    settings.beginGroup(idKey(profile.id));
    const QVariantMap values = profile.toSettings();
    for (auto it = values.constBegin(); it != values.constEnd(); ++it)
        settings.setValue(it.key(), it.value());
    settings.endGroup();
    settings.endGroup();
    settings.sync();
    return settings.status() == QSettings::NoError;
}

bool ProfileStore::removeSettings(const QUuid &id)
{
    QSettings settings;
    settings.beginGroup(settingsGroup);
    settings.remove(idKey(id));
    settings.endGroup();
    settings.sync();
    return settings.status() == QSettings::NoError;
}

} // namespace coffer
