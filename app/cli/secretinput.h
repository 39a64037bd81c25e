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
 * What the user hands coffer-cli for a secret, checked against the limits of Secrets Manager
 * before anything is sent: names (1-512 characters of `A-Za-z0-9/_+=.@-`), values (1 to 65,536
 * bytes, UTF-8 text unless --binary), tags (`KEY=VALUE`). Every check fails with a message that
 * says what is wrong and what the limit is, never the value itself.
 */
class SecretInput final
{
public:
    static constexpr qsizetype maxValueBytes = 65536;
    static constexpr qsizetype maxNameLength = 512;
    static constexpr qsizetype maxArnLength = 2048;
    static constexpr qsizetype maxTagKeyLength = 128;
    static constexpr qsizetype maxTagValueLength = 256;

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
    /// Checks the bytes of a value against 1..65536 and UTF-8 (unless binary).
    [[nodiscard]] static std::expected<void, QString> checkValue(const QByteArray &bytes,
                                                                 bool binary);

    /// Empty when `name` is a valid new secret name, else what is wrong with it.
    [[nodiscard]] static QString checkName(const QString &name);
    /// Like checkName(), but also accepts a secret's ARN.
    [[nodiscard]] static QString checkSecretId(const QString &secretId);

    /// Parses `KEY=VALUE` arguments (the value may be empty, and may contain '=').
    [[nodiscard]] static std::expected<QList<aws::Tag>, QString>
    parseTags(const QStringList &items);
    /// Checks tag keys for untag.
    [[nodiscard]] static QString checkTagKey(const QString &key);
};

} // namespace coffer::cli
