// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/credentialsprovider.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>
#include <QUuid>

#include <memory>
#include <optional>

namespace coffer {

class ProfileStore;

/**
 * The keys of an access-key profile, read from the OS keychain (through ProfileStore) the first
 * time a request needs them, then kept in memory for the provider's life or until
 * invalidate(). Concurrent requests share one keychain read.
 */
class KeychainCredentialsProvider final : public aws::CredentialsProvider
{
    Q_DECLARE_TR_FUNCTIONS(coffer::KeychainCredentialsProvider)

public:
    KeychainCredentialsProvider(ProfileStore *store, QUuid profileId, QString accessKeyId,
                                QString profileName);
    ~KeychainCredentialsProvider() override;

    void credentials(QObject *context, Callback callback) override;
    void invalidate() override;
    [[nodiscard]] QString description() const override;

private:
    struct Pending
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Callback callback;
    };

    void finish(const aws::Result<aws::AwsCredentials> &result);

    QPointer<ProfileStore> m_store;
    QUuid m_profileId;
    QString m_accessKeyId;
    QString m_profileName;
    std::optional<aws::AwsCredentials> m_cached;
    QList<Pending> m_pending;
    bool m_reading = false;
    // Context of the keychain read; it dies with the provider, so no answer reaches a dead one.
    std::unique_ptr<QObject> m_guard;
};

} // namespace coffer
