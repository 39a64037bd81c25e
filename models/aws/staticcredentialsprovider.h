// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/credentialsprovider.h"

namespace coffer::aws {

/**
 * Hands out one fixed set of credentials, answering synchronously. For tests, for keys typed in
 * by the user, and as the result of providers that resolved their keys up front.
 */
class StaticCredentialsProvider final : public CredentialsProvider
{
public:
    explicit StaticCredentialsProvider(AwsCredentials credentials);

    void credentials(QObject *context, Callback callback) override;
    [[nodiscard]] QString description() const override;

private:
    AwsCredentials m_credentials;
};

} // namespace coffer::aws
