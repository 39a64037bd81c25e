// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/secretsmanagertypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QObject;

namespace coffer {
namespace aws {
class SecretsManagerClient;
}

/**
 * A change to a secret's description and tags, as the fewest calls that make it: UpdateSecret
 * with only the description (no value, so no new version), TagResource for tags added or given
 * a new value, UntagResource for keys taken away. Tags the user left alone are not sent.
 *
 *     const auto edit = SecretDetailsEdit::between(secret, description, tags);
 *     if (const QString problem = edit.problem(); !problem.isEmpty()) ...
 *     edit.apply(client, this, [](std::optional<aws::AwsError> error) { ... });
 */
struct SecretDetailsEdit
{
    Q_DECLARE_TR_FUNCTIONS(coffer::SecretDetailsEdit)

public:
    QString secretId;
    std::optional<QString> description; ///< set when it changed
    QList<aws::Tag> tagsToSet;          ///< added, or with a new value
    QStringList tagKeysToRemove;
    QList<aws::Tag> tags; ///< every tag after the edit, for the checks

    /// What turns `before` into one with `description` and exactly `tags` (in that order).
    [[nodiscard]] static SecretDetailsEdit between(const aws::SecretMetadata &before,
                                                   const QString &description,
                                                   const QList<aws::Tag> &tags);

    [[nodiscard]] bool isEmpty() const
    {
        return !description && tagsToSet.isEmpty() && tagKeysToRemove.isEmpty();
    }
    /// Why AWS would refuse it (a tag key twice, too long, `aws:`...), for people; empty if none.
    [[nodiscard]] QString problem() const;
    /// "the description, 2 tags set, 1 tag removed".
    [[nodiscard]] QString summary() const;

    /// Makes the calls one after the other, stopping at the first error; `done` gets it, or
    /// nothing once everything is written. An UpdateSecret that fails writes nothing, and the
    /// tags are only sent after it.
    void apply(aws::SecretsManagerClient *client, QObject *context,
               std::function<void(std::optional<aws::AwsError>)> done) const;
};

} // namespace coffer
