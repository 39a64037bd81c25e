// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/sandbox/sandboxcipher.h"

#include <QString>

#include <memory>

#include <nlohmann/json_fwd.hpp>

class QLockFile;

namespace coffer::sandbox {

class SandboxStore;

/**
 * Keeps a SandboxStore on disk, in one folder, so a restarted sandbox finds every secret,
 * version, label, tag and scheduled deletion again.
 *
 * The state is one JSON file, `sandbox.json`, written crash-safely (QSaveFile: a private
 * temporary file, flushed to disk, then renamed over the old one) with mode 0600 in a 0700
 * folder. Metadata (names, descriptions, tags, dates, labels) is plain JSON; every secret value
 * is sealed with AES-256-GCM (SandboxCipher) under the key from a SandboxKeyProvider, bound to
 * its secret's ARN and version id. A check value sealed under the same key makes a wrong key
 * fail with a clear error instead of garbage.
 *
 *     SandboxDataFolder folder(path, key);
 *     if (folder.exists()) folder.load(store);
 *     server.setCommitHook([&folder](const SandboxStore &s) { return folder.save(s); });
 */
class SandboxDataFolder
{
public:
    SandboxDataFolder(QString path, QByteArray key);
    ~SandboxDataFolder();
    SandboxDataFolder(SandboxDataFolder &&) noexcept;
    SandboxDataFolder &operator=(SandboxDataFolder &&) noexcept;

    /// Takes the folder for this process (a QLockFile, `sandbox.lock`, that a crashed owner does
    /// not keep): two processes writing one folder would each overwrite the other's changes.
    /// Fails, naming the process that holds it, when another one does. Held until destruction.
    [[nodiscard]] aws::Result<void> lock();

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QString stateFilePath() const;
    /// True when the folder holds a saved state.
    [[nodiscard]] bool exists() const;

    /// Replaces the store's contents with the saved state.
    [[nodiscard]] aws::Result<void> load(SandboxStore &store) const;
    [[nodiscard]] aws::Result<void> save(const SandboxStore &store) const;

    /// The GUI's per-user default: <AppDataLocation>/sandbox.
    [[nodiscard]] static QString defaultPath();
    /// `coffer-cli serve`'s per-user default, apart from the GUI's: <AppDataLocation>/serve-sandbox.
    [[nodiscard]] static QString defaultServePath();
    /// Where `coffer-cli serve` keeps the key file for a data folder: <folder>/sandbox.key.
    [[nodiscard]] static QString keyFilePath(const QString &folder);

private:
    /// load() on the parsed file; may throw nlohmann's exceptions, which load() turns into errors.
    [[nodiscard]] aws::Result<void> loadDocument(const nlohmann::ordered_json &document,
                                                 SandboxStore &store) const;

    QString m_path;
    SandboxCipher m_cipher;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace coffer::sandbox
