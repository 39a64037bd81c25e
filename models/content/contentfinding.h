// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace coffer::content {

/// How bad a finding is: an Error means the consumer of the secret will fail, a Warning that it
/// may, an Info is a fact worth showing (a key's type and size, a certificate's validity).
enum class FindingSeverity { Error, Warning, Info };

/**
 * One problem (or fact) found in a secret's content: a stable id tools can rely on
 * ("placeholder", "key.weak-rsa", "history.missing-key", ...), a severity, the JSON Pointer of
 * the value it is about ("" for the whole secret), a sentence in plain words and the fix.
 *
 * Neither `message` nor `fix` ever quotes a value of the secret: they name members (keys),
 * kids, key types and sizes, certificate subjects and dates, never the text of a value.
 */
struct ContentFinding
{
    Q_DECLARE_TR_FUNCTIONS(coffer::content::ContentFinding)

public:
    QString id;
    FindingSeverity severity = FindingSeverity::Error;
    QString pointer;
    QString message;
    QString fix;

    /// {"id", "severity", "pointer", "message", "fix"}: the stable form of `coffer-cli lint
    /// --json`.
    [[nodiscard]] nlohmann::ordered_json toJson() const;

    /// "error", "warning", "info".
    [[nodiscard]] static QString severityName(FindingSeverity severity);
    /// "Error", "Warning", "Info", for people.
    [[nodiscard]] static QString severityLabel(FindingSeverity severity);

    friend bool operator==(const ContentFinding &, const ContentFinding &) = default;
};

/// True when any finding of `findings` is an error.
[[nodiscard]] bool hasError(const QList<ContentFinding> &findings);
/// How many findings of `findings` have `severity`.
[[nodiscard]] int countSeverity(const QList<ContentFinding> &findings, FindingSeverity severity);

} // namespace coffer::content
