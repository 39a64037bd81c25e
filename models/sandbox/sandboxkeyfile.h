// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sandbox/sandboxkeyprovider.h"

namespace coffer::sandbox {

/**
 * The sandbox key in a file readable only by its owner (mode 0600), created with a random key
 * when missing. For headless `coffer-cli serve`, where no keychain may be running.
 *
 * loadOrCreate() refuses a key file that others can read or write, or that is not exactly
 * SandboxCipher::KeySize bytes, rather than use a key that may have leaked.
 */
class SandboxKeyFile final : public SandboxKeyProvider
{
public:
    explicit SandboxKeyFile(QString path);

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] KeyResult loadOrCreate() const;

    void requestKey(QObject *context, KeyCallback done) override;
    [[nodiscard]] QString description() const override;

private:
    QString m_path;
};

} // namespace coffer::sandbox
