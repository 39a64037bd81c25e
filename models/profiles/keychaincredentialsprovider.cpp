// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/profiles/keychaincredentialsprovider.h"

#include "models/profiles/profilestore.h"

#include <QObject>

using namespace Qt::StringLiterals;

namespace coffer {

KeychainCredentialsProvider::KeychainCredentialsProvider(ProfileStore *store, QUuid profileId,
                                                         QString accessKeyId, QString profileName)
    : m_store(store)
    , m_profileId(profileId)
    , m_accessKeyId(std::move(accessKeyId))
    , m_profileName(std::move(profileName))
    , m_guard(std::make_unique<QObject>())
{ }

KeychainCredentialsProvider::~KeychainCredentialsProvider() = default;

QString KeychainCredentialsProvider::description() const
{
    return tr("Coffer profile '%1' (OS keychain)").arg(m_profileName);
}

void KeychainCredentialsProvider::invalidate()
{
    m_cached.reset();
}

void KeychainCredentialsProvider::credentials(QObject *context, Callback callback)
{
    if (m_cached) {
        callback(*m_cached);
        return;
    }
    m_pending.append({ context, context != nullptr, std::move(callback) });
    if (m_reading)
        return;
    if (!m_store) {
        finish(std::unexpected(
            aws::AwsError::credentialsMissing(tr("The profiles of this session are closed."))));
        return;
    }
    m_reading = true;
    m_store->readSecret(m_profileId, m_guard.get(), [this](ProfileResult<ProfileSecret> secret) {
        m_reading = false;
        if (!secret) {
            finish(std::unexpected(aws::AwsError::credentialsMissing(secret.error().message)));
            return;
        }
        aws::AwsCredentials credentials;
        credentials.accessKeyId = m_accessKeyId;
        credentials.secretAccessKey = secret->secretAccessKey;
        credentials.sessionToken = secret->sessionToken;
        credentials.source = description();
        m_cached = credentials;
        finish(credentials);
    });
}

void KeychainCredentialsProvider::finish(const aws::Result<aws::AwsCredentials> &result)
{
    const QList<Pending> pending = std::exchange(m_pending, {});
    for (const Pending &waiting : pending) {
        if (waiting.hasContext && !waiting.context)
            continue;
        if (waiting.callback)
            waiting.callback(result);
    }
}

} // namespace coffer
