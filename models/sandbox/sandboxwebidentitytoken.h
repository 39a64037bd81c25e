// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/sandbox/sandboxoidcprovider.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace coffer::sandbox {

/**
 * A web identity token (an OIDC ID token: a JWT) that sts:AssumeRoleWithWebIdentity accepted,
 * and the check that accepts it: the issuer (`iss`) must be one of the providers, the header's
 * `kid` one of that provider's keys and the RS256 signature valid under it (OpenSSL), `exp` in
 * the future and `nbf`, if present, past, and `aud` (a string or a list) one of the provider's
 * audiences. Refusals are STS's: InvalidIdentityToken, or ExpiredTokenException for `exp`.
 * The token itself is never quoted in a message.
 */
struct SandboxWebIdentityToken
{
    qsizetype providerIndex = -1; ///< in the providers verify() was given
    QString issuer;
    QString subject; ///< `sub`
    QString audience; ///< the accepted `aud`

    [[nodiscard]] static aws::Result<SandboxWebIdentityToken>
    verify(const QString &token, const QList<SandboxOidcProvider> &providers, const QDateTime &now);
};

} // namespace coffer::sandbox
