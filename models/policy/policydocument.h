// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/policy/policyparseerror.h"
#include "models/policy/policystatement.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <expected>

namespace coffer::policy {

/**
 * An IAM policy document (identity or resource policy), parsed once into plain values so it
 * can be evaluated many times (PolicyEvaluator) from any thread.
 *
 *     auto policy = PolicyDocument::parse(text, u"app-read.json"_s);
 *     if (!policy)
 *         qWarning() << policy.error().toString(); // "line 4, column 9: ..."
 *
 * Parsing follows IAM's grammar: Version "2012-10-17" or "2008-10-17" (absent: 2008, without
 * policy variables), Statement an object or a list of objects, each with an Effect, one of
 * Action/NotAction, one of Resource/NotResource, optionally one of Principal/NotPrincipal and a
 * Condition block; single strings and lists are accepted everywhere a list is. structuralErrors()
 * lists every problem (the linter reports them all); parse() fails on the first.
 */
class PolicyDocument final
{
public:
    using Json = nlohmann::ordered_json;

    static constexpr auto currentVersion = "2012-10-17";

    PolicyDocument() = default;

    /// Parses policy JSON; `name` labels the policy in decisions ("app-read.json").
    [[nodiscard]] static std::expected<PolicyDocument, PolicyParseError>
    parse(const QByteArray &text, const QString &name = {});
    /// The same, from JSON already parsed (no line numbers in errors).
    [[nodiscard]] static std::expected<PolicyDocument, PolicyParseError>
    fromJson(const Json &json, const QString &name = {});
    /// Every structural problem of `json` as a policy, in document order; empty when valid.
    [[nodiscard]] static QList<PolicyParseError> structuralErrors(const Json &json);

    [[nodiscard]] const QString &name() const { return m_name; }
    void setName(const QString &name) { m_name = name; }
    /// As written; empty when absent.
    [[nodiscard]] const QString &version() const { return m_version; }
    /// Policy variables (${aws:username}) are only substituted with Version 2012-10-17.
    [[nodiscard]] bool supportsVariables() const;
    [[nodiscard]] const QList<PolicyStatement> &statements() const { return m_statements; }

private:
    QString m_name;
    QString m_version;
    QList<PolicyStatement> m_statements;
};

} // namespace coffer::policy
