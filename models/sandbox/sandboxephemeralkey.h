// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sandbox/sandboxkeyprovider.h"

namespace coffer::sandbox {

/**
 * A random key that lives only as long as this object: whatever it encrypted cannot be read by
 * another process. For `coffer-cli serve --ephemeral` and tests.
 */
class SandboxEphemeralKey final : public SandboxKeyProvider
{
public:
    SandboxEphemeralKey();
    ~SandboxEphemeralKey() override;

    void requestKey(QObject *context, KeyCallback done) override;
    [[nodiscard]] QString description() const override;
    /// The key itself (synchronous).
    [[nodiscard]] QByteArray key() const { return m_key; }

private:
    QByteArray m_key;
};

} // namespace coffer::sandbox
