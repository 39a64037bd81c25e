// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/keychain/keychainstore.h"

#include "models/core/appinfo.h"

#include <qt6keychain/keychain.h>

namespace coffer {

namespace {

KeychainError toKeychainError(const QKeychain::Job &job)
{
    KeychainError error;
    error.backendMessage = job.errorString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        error.code = KeychainError::Code::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        error.code = KeychainError::Code::NoBackend;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error.code = KeychainError::Code::AccessDenied;
        break;
    default:
        error.code = KeychainError::Code::Other;
        break;
    }
    return KeychainError::fromBackend(error.code, error.backendMessage);
}

// Every job is configured the same way: our service, no plaintext fallback, deleted when done.
template<typename JobType>
JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainStore::KeychainStore(QObject *parent)
    : KeychainStore(AppInfo::keychainService(), parent)
{
}

KeychainStore::KeychainStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

void KeychainStore::write(const QString &key, const QByteArray &secret, QObject *context,
                          WriteCallback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setBinaryData(secret);
    connect(job, &QKeychain::Job::finished, context,
            [done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() != QKeychain::NoError)
                    done(std::unexpected(toKeychainError(*finished)));
                else
                    done({});
            });
    job->start();
}

void KeychainStore::read(const QString &key, QObject *context, ReadCallback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, context,
            [done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() != QKeychain::NoError) {
                    done(std::unexpected(toKeychainError(*finished)));
                    return;
                }
                done(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
            });
    job->start();
}

void KeychainStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, context,
            [done = std::move(done)](QKeychain::Job *finished) {
                if (finished->error() != QKeychain::NoError
                    && finished->error() != QKeychain::EntryNotFound) {
                    done(std::unexpected(toKeychainError(*finished)));
                    return;
                }
                done({});
            });
    job->start();
}

} // namespace coffer
