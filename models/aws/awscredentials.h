// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace coffer::aws {

/**
 * A set of AWS credentials as the signer needs them, and where they came from.
 *
 * A plain value: it never prints itself. Only `source` (for example "environment" or
 * "~/.aws/credentials [work]") may appear in logs and diagnostics, never the keys.
 */
struct AwsCredentials
{
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;                  ///< empty for long-term keys
    std::optional<QDateTime> expiration;   ///< set for temporary credentials
    QString source;                        ///< human-readable origin, safe to show

    [[nodiscard]] bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    [[nodiscard]] bool isTemporary() const { return !sessionToken.isEmpty(); }
};

} // namespace coffer::aws
