// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sandbox/sandboxkeyprovider.h"

#include <QPointer>

namespace coffer {
class KeychainStore;
}

namespace coffer::sandbox {

/**
 * The sandbox key in the OS keychain (through KeychainStore), created with a random key the
 * first time. For the GUI: the data folder then holds nothing that opens it.
 *
 * There is no fallback: without a keychain the request fails and the caller decides (the GUI can
 * offer an ephemeral sandbox).
 */
class SandboxKeychainKey final : public SandboxKeyProvider
{
public:
    /// `store` must outlive this provider's requests; `itemKey` names the item in the keychain.
    explicit SandboxKeychainKey(KeychainStore *store, QString itemKey = QStringLiteral("sandbox/data-key"));

    void requestKey(QObject *context, KeyCallback done) override;
    [[nodiscard]] QString description() const override;

private:
    QPointer<KeychainStore> m_store;
    QString m_itemKey;
};

} // namespace coffer::sandbox
