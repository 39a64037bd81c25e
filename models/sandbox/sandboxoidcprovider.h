// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace coffer::sandbox {

/**
 * An IAM OIDC identity provider of the sandbox: whose web identity tokens
 * sts:AssumeRoleWithWebIdentity accepts. `jwks` is the provider's key set, given inline (the
 * sandbox fetches nothing): `{"keys": [{"kty": "RSA", "kid": "...", "n": "...", "e": "AQAB"}]}`.
 * A role trusts the provider by naming its ARN ("oidc-provider/token.example" in a principals
 * file), as an IAM trust policy names `Federated`.
 */
struct SandboxOidcProvider
{
    QString issuer; ///< the tokens' `iss`: "https://token.example"
    QStringList audiences; ///< accepted `aud` values (IAM's client id list)
    QByteArray jwks; ///< JSON text of the key set

    /// The issuer without "https://": "token.example" (IAM names the provider so).
    [[nodiscard]] QString hostPath() const
    {
        QString path = issuer;
        if (path.startsWith(QStringLiteral("https://")))
            path.remove(0, 8);
        while (path.endsWith(u'/'))
            path.chop(1);
        return path;
    }
    /// "arn:aws:iam::<account>:oidc-provider/token.example"
    [[nodiscard]] QString arn(const QString &accountId) const
    {
        return QStringLiteral("arn:aws:iam::%1:oidc-provider/%2").arg(accountId, hostPath());
    }
};

} // namespace coffer::sandbox
