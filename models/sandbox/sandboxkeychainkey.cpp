// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxkeychainkey.h"

#include "models/keychain/keychainstore.h"
#include "models/sandbox/sandboxcipher.h"

#include <QCoreApplication>

namespace coffer::sandbox {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox", text);
}

} // namespace

SandboxKeychainKey::SandboxKeychainKey(KeychainStore *store, QString itemKey)
    : m_store(store)
    , m_itemKey(std::move(itemKey))
{
}

void SandboxKeychainKey::requestKey(QObject *context, KeyCallback done)
{
    if (!m_store) {
        done(std::unexpected(tr("No keychain is available for the sandbox key.")));
        return;
    }
    QPointer<KeychainStore> store = m_store;
    const QString itemKey = m_itemKey;
    m_store->read(itemKey, context, [store, itemKey, context, done](std::expected<QByteArray, KeychainError> read) {
        if (read) {
            const QByteArray key = QByteArray::fromBase64(*read);
            if (key.size() != SandboxCipher::KeySize)
                done(std::unexpected(tr("The sandbox key in the keychain is damaged.")));
            else
                done(key);
            return;
        }
        if (read.error().code != KeychainError::Code::NotFound || !store) {
            done(std::unexpected(read.error().explanation()));
            return;
        }
        const QByteArray key = SandboxCipher::generateKey();
        store->write(itemKey, key.toBase64(), context, [key, done](std::expected<void, KeychainError> written) {
            if (!written)
                done(std::unexpected(written.error().explanation()));
            else
                done(key);
        });
    });
}

QString SandboxKeychainKey::description() const
{
    return tr("the OS keychain");
}

} // namespace coffer::sandbox
