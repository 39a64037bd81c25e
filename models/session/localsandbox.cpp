// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/session/localsandbox.h"

#include "models/aws/staticcredentialsprovider.h"
#include "models/keychain/keychainstore.h"
#include "models/sandbox/sandboxdatafolder.h"
#include "models/sandbox/sandboxkeychainkey.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QDir>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

/// `length` characters drawn from `alphabet` with the system's secure generator.
QString randomText(QStringView alphabet, int length)
{
    QString text;
    text.reserve(length);
    auto *random = QRandomGenerator::system();
    for (int i = 0; i < length; ++i)
        text.append(alphabet.at(random->bounded(alphabet.size())));
    return text;
}

aws::AwsCredentials freshCredentials()
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIDCOFFERGUI"_s + randomText(u"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 12);
    credentials.secretAccessKey
        = randomText(u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40);
    credentials.source = LocalSandbox::tr("local sandbox (a key made for this run)");
    return credentials;
}

} // namespace

LocalSandbox::LocalSandbox(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_credentials(freshCredentials())
    , m_store(std::make_unique<sandbox::SandboxStore>())
{
    if (m_options.dataPath.isEmpty())
        m_options.dataPath = sandbox::SandboxDataFolder::defaultPath();
}

LocalSandbox::~LocalSandbox()
{
    // The server refers to the store and the folder: it goes first.
    m_server.reset();
}

void LocalSandbox::start()
{
    if (!m_options.persistent) {
        startInMemory(tr("as asked"));
        return;
    }
    m_keychain = new KeychainStore(this);
    m_keyProvider = std::make_unique<sandbox::SandboxKeychainKey>(m_keychain);
    m_keyProvider->requestKey(this, [this](sandbox::SandboxKeyProvider::KeyResult key) {
        if (key)
            startWithKey(*key);
        else
            startInMemory(key.error());
    });
}

void LocalSandbox::startWithKey(const QByteArray &key)
{
    auto folder = std::make_unique<sandbox::SandboxDataFolder>(m_options.dataPath, key);
    if (const auto locked = folder->lock(); !locked) {
        // Another Coffer window has it: two writers would overwrite each other's changes.
        startInMemory(locked.error().message);
        return;
    }
    if (folder->exists()) {
        if (const auto loaded = folder->load(*m_store); !loaded) {
            // Never overwrite data we could not read: run in memory and say why.
            startInMemory(loaded.error().message);
            return;
        }
    } else {
        if (m_options.seed)
            m_options.seed(*m_store);
        if (const auto saved = folder->save(*m_store); !saved) {
            startInMemory(saved.error().message);
            return;
        }
    }
    m_folder = std::move(folder);
    m_storageDescription = tr("Saved in %1; values encrypted with a key kept in the OS keychain.")
                               .arg(QDir::toNativeSeparators(m_options.dataPath));
    listen();
}

void LocalSandbox::startInMemory(const QString &why)
{
    m_store = std::make_unique<sandbox::SandboxStore>();
    if (m_options.seed)
        m_options.seed(*m_store);
    m_storageDescription = tr("Kept in memory for this session only (%1).").arg(why);
    listen();
}

void LocalSandbox::listen()
{
    sandbox::SandboxServerConfig config;
    config.credentials = {m_credentials};
    m_server = std::make_unique<sandbox::SandboxServer>(config, m_store.get());
    if (m_folder) {
        m_server->setCommitHook([folder = m_folder.get()](const sandbox::SandboxStore &store) {
            return folder->save(store);
        });
    }
    if (!m_server->listen()) {
        emit startFailed(tr("The local sandbox could not listen on 127.0.0.1."));
        return;
    }
    emit started(m_server->url());
}

bool LocalSandbox::isRunning() const
{
    return m_server && m_server->isListening();
}

QUrl LocalSandbox::url() const
{
    return m_server ? m_server->url() : QUrl();
}

QString LocalSandbox::region() const
{
    return m_store->region();
}

aws::ClientConfig LocalSandbox::clientConfig() const
{
    aws::ClientConfig config;
    config.region = region();
    config.endpoint = url();
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(credentials());
    return config;
}

} // namespace coffer
