// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/clicommand.h"
#include "models/aws/secretsmanagertypes.h"

#include <QByteArray>
#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>

namespace coffer::cli {

/**
 * A new secret value as the user hands it to coffer-cli (--value-file, --value-stdin,
 * --binary, --client-request-token), read and checked against the limits of Secrets Manager
 * (aws::SecretConstraints) before anything is sent. Errors say what is wrong and what the limit
 * is, never the value itself.
 */
class SecretInput final
{
public:
    /// A value read from --value-file / --value-stdin.
    struct Value
    {
        QByteArray bytes;
        bool binary = false; ///< --binary: send as SecretBinary
    };

    /// What put and create send as a new version: the value and the idempotency token.
    struct NewVersion
    {
        QString clientRequestToken;   ///< empty: the client generates one (and reuses it)
        std::optional<QString> secretString;
        std::optional<QByteArray> secretBinary;
    };

    /// --value-file, --value-stdin and --binary, for put and create.
    [[nodiscard]] static QList<QCommandLineOption> valueOptions();
    /// Reads the value the options name (a file, `-` or --value-stdin for stdin).
    [[nodiscard]] static std::expected<Value, QString> readValue(const CliInvocation &args);
    /// The value (readValue()) and a checked --client-request-token (32 to 64 characters).
    [[nodiscard]] static std::expected<NewVersion, QString> readNewVersion(const CliInvocation &args);
};

} // namespace coffer::cli
