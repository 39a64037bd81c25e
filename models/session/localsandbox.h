// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"
#include "models/aws/clientconfig.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace coffer {

class KeychainStore;

namespace sandbox {
class SandboxDataFolder;
class SandboxKeyProvider;
class SandboxServer;
class SandboxStore;
} // namespace sandbox

/**
 * The "Local sandbox" profile's endpoint, run inside the application: a SandboxServer on
 * loopback whose state survives restarts in the user's data folder, with its values encrypted
 * under a key kept in the OS keychain.
 *
 * start() is asynchronous (the keychain is): it fetches or creates the key, loads the saved state
 * or, on first run, seeds it, and starts listening; then started() carries the URL. Without a
 * keychain nothing is written to disk: the sandbox runs in memory for this session only, and
 * storageDescription() says so.
 */
class LocalSandbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalSandbox)

public:
    using Seeder = std::function<void(sandbox::SandboxStore &store)>;

    struct Options
    {
        QString dataPath;            ///< empty: SandboxDataFolder::defaultPath()
        bool persistent = true;      ///< false: in memory only, whatever the keychain
        Seeder seed;                 ///< run on a new (empty) sandbox; may be empty
    };

    explicit LocalSandbox(Options options, QObject *parent = nullptr);
    ~LocalSandbox() override;

    void start();

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] QString region() const;
    /// The key pair the sandbox accepts: made at random for this run and held only in memory, so
    /// no other process can use the GUI's sandbox (the documented demo pair is `serve`'s alone).
    [[nodiscard]] aws::AwsCredentials credentials() const { return m_credentials; }
    /// How to reach it: its region, its URL and its credentials.
    [[nodiscard]] aws::ClientConfig clientConfig() const;
    [[nodiscard]] bool isPersistent() const { return m_folder != nullptr; }
    /// Where the data lives, for the status bar and About: saved or in memory, and why.
    [[nodiscard]] QString storageDescription() const { return m_storageDescription; }
    [[nodiscard]] sandbox::SandboxServer *server() const { return m_server.get(); }

signals:
    void started(const QUrl &url);
    void startFailed(const QString &reason);

private:
    void startWithKey(const QByteArray &key);
    void startInMemory(const QString &why);
    void listen();

    Options m_options;
    aws::AwsCredentials m_credentials;
    std::unique_ptr<sandbox::SandboxStore> m_store;
    std::unique_ptr<sandbox::SandboxServer> m_server;
    std::unique_ptr<sandbox::SandboxDataFolder> m_folder;
    KeychainStore *m_keychain = nullptr;
    std::unique_ptr<sandbox::SandboxKeyProvider> m_keyProvider;
    QString m_storageDescription;
};

} // namespace coffer
