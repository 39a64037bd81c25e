// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/keychain/keychainerror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

#include <expected>
#include <functional>

namespace coffer {

/**
 * Asynchronous access to the OS keychain (Secret Service, macOS Keychain, Windows Credential
 * Manager) through QtKeychain, for the secret parts of Coffer's profiles.
 *
 * Every item lives under one service name (AppInfo::keychainService()) and a key chosen by the
 * caller. There is deliberately no insecure fallback: when no keychain is reachable the callback
 * gets KeychainError::Code::NoBackend and nothing is written anywhere.
 *
 * Callbacks run on the event loop, and only while @p context is alive.
 */
class KeychainStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainStore)

public:
    using WriteCallback = std::function<void(std::expected<void, KeychainError>)>;
    using ReadCallback = std::function<void(std::expected<QByteArray, KeychainError>)>;

    explicit KeychainStore(QObject *parent = nullptr);
    KeychainStore(const QString &service, QObject *parent = nullptr);

    [[nodiscard]] QString service() const { return m_service; }

    void write(const QString &key, const QByteArray &secret, QObject *context, WriteCallback done);
    void read(const QString &key, QObject *context, ReadCallback done);
    /// Removing an item that does not exist succeeds.
    void remove(const QString &key, QObject *context, WriteCallback done);

private:
    QString m_service;
};

} // namespace coffer
