// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"

#include <QString>

#include <functional>

class QObject;

namespace coffer::aws {

/**
 * Where a client gets the credentials it signs with: static keys, a profile, an assumed role,
 * an SSO session, the keychain...
 *
 * The client asks before every attempt, so a provider that caches temporary credentials can
 * refresh them when they are about to expire. `credentials()` may answer at once (before it
 * returns) or later, after network work; either way it calls `callback` exactly once, on the
 * thread of `context`, and never after `context` has been destroyed. After the server rejected
 * the credentials (expired token), the client calls `invalidate()` so the next request fetches
 * fresh ones.
 */
class CredentialsProvider
{
public:
    using Callback = std::function<void(Result<AwsCredentials>)>;

    CredentialsProvider() = default;
    virtual ~CredentialsProvider() = default;
    Q_DISABLE_COPY_MOVE(CredentialsProvider)

    virtual void credentials(QObject *context, Callback callback) = 0;
    /// Drops cached credentials; the next `credentials()` call fetches fresh ones.
    virtual void invalidate() {}
    /// Where the credentials come from, safe to show ("static", "profile work"); never a key.
    [[nodiscard]] virtual QString description() const = 0;
};

} // namespace coffer::aws
