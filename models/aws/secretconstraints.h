// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <expected>

namespace coffer::aws {

/**
 * The limits Secrets Manager puts on what it is sent, checked before anything is sent, by the
 * command line and the windows alike: names (1-512 characters of `A-Za-z0-9/_+=.@-`), values (1
 * to 65,536 bytes, UTF-8 text unless binary), tags (`KEY=VALUE`, keys up to 128 characters and
 * not `aws:`, values up to 256), client request tokens (32 to 64 characters).
 *
 * Every check answers with a sentence that says what is wrong and what the limit is, never the
 * value itself; an empty QString (or an engaged expected) means the input is fine.
 */
class SecretConstraints final
{
public:
    static constexpr qsizetype maxValueBytes = 65536;
    static constexpr qsizetype maxNameLength = 512;
    static constexpr qsizetype maxArnLength = 2048;
    static constexpr qsizetype maxTagKeyLength = 128;
    static constexpr qsizetype maxTagValueLength = 256;
    static constexpr qsizetype maxTags = 50;
    static constexpr qsizetype maxDescriptionLength = 2048;

    /// Checks the bytes of a value against 1..65536 and UTF-8 (unless binary).
    [[nodiscard]] static std::expected<void, QString> checkValue(const QByteArray &bytes,
                                                                 bool binary);
    /// Empty when `name` is a valid new secret name, else what is wrong with it.
    [[nodiscard]] static QString checkName(const QString &name);
    /// Like checkName(), but also accepts a secret's ARN.
    [[nodiscard]] static QString checkSecretId(const QString &secretId);
    /// A name AWS accepts but that confuses ARN matching: it ends in a hyphen and six
    /// characters, like the suffix AWS appends to every ARN. Empty when there is no such risk.
    [[nodiscard]] static QString nameWarning(const QString &name);
    /// Parses `KEY=VALUE` items (the value may be empty, and may contain '=').
    [[nodiscard]] static std::expected<QList<Tag>, QString> parseTags(const QStringList &items);
    /// Checks one tag key.
    [[nodiscard]] static QString checkTagKey(const QString &key);
    /// Checks a secret's whole set of tags: each key and value, no key twice, at most maxTags.
    [[nodiscard]] static QString checkTags(const QList<Tag> &tags);
    /// Checks a description's length (maxDescriptionLength).
    [[nodiscard]] static QString checkDescription(const QString &description);
    /// Checks a caller-chosen ClientRequestToken.
    [[nodiscard]] static QString checkClientRequestToken(const QString &token);
};

} // namespace coffer::aws
