// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <expected>
#include <functional>

class QObject;

namespace coffer::sandbox {

/**
 * Where the key that encrypts the sandbox's values at rest comes from. Three implementations:
 * SandboxEphemeralKey (in memory only, for `--ephemeral` and tests), SandboxKeyFile (a file only
 * the owner can read, for headless `coffer-cli serve`) and SandboxKeychainKey (the OS keychain,
 * for the GUI).
 *
 * requestKey() may answer at once or later (the keychain is asynchronous); `done` is called
 * exactly once, and only while `context` is alive. The key is SandboxCipher::KeySize bytes.
 */
class SandboxKeyProvider
{
public:
    using KeyResult = std::expected<QByteArray, QString>;   ///< the key, or why there is none
    using KeyCallback = std::function<void(KeyResult)>;

    SandboxKeyProvider() = default;
    virtual ~SandboxKeyProvider() = default;
    SandboxKeyProvider(const SandboxKeyProvider &) = delete;
    SandboxKeyProvider &operator=(const SandboxKeyProvider &) = delete;

    virtual void requestKey(QObject *context, KeyCallback done) = 0;
    /// Where the key lives, for messages ("key file /home/me/.local/share/coffer/sandbox/key").
    [[nodiscard]] virtual QString description() const = 0;
};

} // namespace coffer::sandbox
