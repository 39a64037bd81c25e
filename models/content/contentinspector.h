// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/content/contentfinding.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace coffer::json {
class JsonNode;
}

namespace coffer::content {

class SchemaSet;

/// What ContentInspector looks at: a secret's current value, and optionally its earlier
/// versions (oldest first) and the same-named secret of a sibling environment.
struct ContentInput
{
    QString name;
    QByteArray value; ///< SecretString as UTF-8 (empty for a binary secret)
    bool isBinary = false;
    QList<QByteArray> earlierValues; ///< earlier SecretStrings, oldest first
    QString siblingName; ///< e.g. sophon/prod/x for sophon/staging/x
    std::optional<QByteArray> siblingValue;
    QDateTime now; ///< invalid: the current time
    /// The team's JSON Schemas; those whose glob matches `name` are checked (schema.* findings).
    std::shared_ptr<const SchemaSet> schemas;
};

/**
 * The content checks of a secret: placeholders, empty values, whitespace around tokens, JSON
 * inside a string, PEM keys and certificates (OpenSSL), JWK and JWKS, JWTs, URLs, and the
 * cross-version and sibling-environment rules, and the JSON Schemas of `input.schemas` that apply
 * to the secret (each violation an error finding `schema.<keyword>`: schema.required,
 * schema.type, schema.enum, schema.const, schema.min-length, schema.max-length, schema.pattern,
 * schema.format, schema.minimum, schema.maximum, schema.additional-properties,
 * schema.not-allowed, schema.too-deep; schema.not-json when the value is not JSON at all). A
 * schema finding's pointer is the failing value's, or for a missing or unexpected member that
 * member's. A pure function of its input, so the editor,
 * `coffer-cli lint` and the Content check of the diagnostics share it.
 *
 *     const auto findings = ContentInspector::inspect({.name = name, .value = value});
 *
 * No finding ever quotes a value (see ContentFinding).
 */
class ContentInspector final
{
    Q_DECLARE_TR_FUNCTIONS(coffer::content::ContentInspector)

public:
    [[nodiscard]] static QList<ContentFinding> inspect(const ContentInput &input);

    /// A one-line description of what a value is, for the editor's Type column:
    /// "PEM · RSA 2048 private key", "certificate · CN=api.example · expires 2027-03-01",
    /// "JWK · RSA 2048 · RS256 · sig", "JWT · expired". Empty when nothing special.
    [[nodiscard]] static QString describe(const json::JsonNode &node, const QDateTime &now = {});

    /// False for public material that can be shown unmasked: public keys, certificates, and
    /// the public members of a JWK (`kid`, `alg`, `use`, `kty`, `e`, `n`, `crv`, `x`, `y`).
    [[nodiscard]] static bool isSensitive(const json::JsonNode &node);

    /// The name of the same secret in the sibling environment (staging <-> prod), empty if the
    /// name has no environment segment.
    [[nodiscard]] static QString siblingName(const QString &name);
};

} // namespace coffer::content
