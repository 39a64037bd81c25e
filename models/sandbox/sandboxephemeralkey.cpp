// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxephemeralkey.h"

#include "models/sandbox/sandboxcipher.h"

#include <QCoreApplication>

#include <openssl/crypto.h>

namespace coffer::sandbox {

SandboxEphemeralKey::SandboxEphemeralKey()
    : m_key(SandboxCipher::generateKey())
{
}

SandboxEphemeralKey::~SandboxEphemeralKey()
{
    if (m_key.isDetached())
        OPENSSL_cleanse(m_key.data(), size_t(m_key.size()));
}

void SandboxEphemeralKey::requestKey(QObject *context, KeyCallback done)
{
    Q_UNUSED(context);
    if (m_key.size() != SandboxCipher::KeySize) {
        done(std::unexpected(QCoreApplication::translate("coffer::sandbox", "No random key could be generated.")));
        return;
    }
    done(m_key);
}

QString SandboxEphemeralKey::description() const
{
    return QCoreApplication::translate("coffer::sandbox", "an in-memory key (nothing is kept after exit)");
}

} // namespace coffer::sandbox
