// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

namespace coffer::sandbox {

class SandboxStore;

/**
 * Fills a sandbox with secrets shaped like real deployments (see DESIGN.md, "The secrets it must
 * handle well"), so every feature of Coffer has something to work on out of the box.
 *
 * demo() adds a few dozen secrets over the paintbox/, pixell/, sophon/, miyabi/ and
 * benchling-webhook/ namespaces: JWKS maps and PEM key pairs made from RSA keys generated now
 * (none is ever shipped), flat env-style maps, OAuth settings, a plain-text token, a binary
 * secret, several versions per secret whose values differ deep inside (so AWSPREVIOUS exists and
 * is worth a diff), an incomplete `benchling-webhook/credentials` version, tags, descriptions and
 * one secret scheduled for deletion. It goes through the store's operations, so the seeded
 * state obeys the same rules as anything a client does.
 *
 * bulk() adds `count` filler secrets over realistic namespaces, straight into the store (no
 * RSA, no per-secret validation): 10,000 take well under a second. Persist once afterwards.
 * All values are made up; none of them is a real credential.
 */
class DemoSeed
{
public:
    /// The demo secrets; fails only if one already exists.
    [[nodiscard]] static aws::Result<void> demo(SandboxStore &store);
    /// `count` filler secrets, named so they never collide with the demo set or each other.
    static void bulk(SandboxStore &store, int count);
};

} // namespace coffer::sandbox
