// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace coffer {

/**
 * Process-wide protections for a program that holds secrets in memory (after KeePassXC's
 * Bootstrap): no core dumps, and no other process of the same user may attach to read memory.
 * Call once, first thing in main().
 */
class ProcessHardening final
{
public:
    ProcessHardening() = delete;
    static void apply();
};

} // namespace coffer
