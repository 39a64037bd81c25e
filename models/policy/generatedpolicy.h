// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

#include <nlohmann/json.hpp>

namespace coffer::policy {

/// A policy written by PolicyGenerator, and what the user should know about it ("ListSecrets
/// cannot be scoped, so it applies to the whole account", "resource policies hold no KMS
/// permissions: add them to the key policy").
struct GeneratedPolicy
{
    nlohmann::ordered_json document;
    QStringList notes;
};

} // namespace coffer::policy
