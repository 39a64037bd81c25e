// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace coffer::policy {

/**
 * One request to decide: who (principal) does what (action) to which resource, with the request
 * context the condition keys read (`aws:username`, `secretsmanager:ResourceTag/team`,
 * `kms:ViaService`, ...). Condition key names compare case-insensitively, as in IAM; a key may
 * hold several values (a multi-valued key such as `aws:TagKeys`), or an empty list (present but
 * empty set).
 *
 *     EvaluationRequest request;
 *     request.action = u"secretsmanager:GetSecretValue"_s;
 *     request.resource = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf"_s;
 *     request.setContext(u"aws:ResourceTag/team"_s, u"paint"_s);
 */
struct EvaluationRequest
{
    QString action; ///< "secretsmanager:GetSecretValue" (any case)
    QString resource; ///< an ARN, or "*"
    /// The caller's ARN ("arn:aws:iam::123456789012:role/app"), or a service principal
    /// ("lambda.amazonaws.com"); empty when unknown (then only Principal "*" matches).
    QString principal;

    void setContext(const QString &key, const QStringList &values)
    {
        m_context.insert(key.toLower(), values);
    }
    void setContext(const QString &key, const QString &value) { setContext(key, QStringList { value }); }
    void removeContext(const QString &key) { m_context.remove(key.toLower()); }
    [[nodiscard]] bool hasContext(const QString &key) const
    {
        return m_context.contains(key.toLower());
    }
    /// The values of `key`, or nullptr when the request has no such key.
    [[nodiscard]] const QStringList *context(const QString &key) const
    {
        const auto found = m_context.constFind(key.toLower());
        return found == m_context.cend() ? nullptr : &*found;
    }
    /// Every key (lower case) and its values.
    [[nodiscard]] const QHash<QString, QStringList> &contextEntries() const { return m_context; }

private:
    QHash<QString, QStringList> m_context; // keys in lower case
};

} // namespace coffer::policy
