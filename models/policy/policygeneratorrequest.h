// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFlags>
#include <QString>
#include <QStringList>

namespace coffer::policy {

/// Which secrets a generated policy covers.
struct PolicyScope
{
    enum class Kind {
        Namespace, ///< every secret whose name starts with `prefix` ("paintbox/")
        Secrets, ///< the secrets named in `secretNames` (names, or full ARNs)
        Tag, ///< every secret tagged `tagKey` = `tagValue`
    };

    Kind kind = Kind::Secrets;
    QString prefix;
    QStringList secretNames;
    QString tagKey;
    QString tagValue;
    /// Tag scope: use the global `aws:ResourceTag/<key>` instead of
    /// `secretsmanager:ResourceTag/<key>`.
    bool globalTagKey = false;
};

/// The access levels of the generator (see PolicyGenerator::actionsFor()).
enum class AccessLevel {
    Read = 0x1, ///< GetSecretValue, DescribeSecret
    List = 0x2, ///< ListSecrets (cannot be scoped to secrets)
    Write = 0x4, ///< PutSecretValue, UpdateSecret, UpdateSecretVersionStage
    Manage = 0x8, ///< create, delete, restore, tags, resource policy, rotation
};
Q_DECLARE_FLAGS(AccessLevels, AccessLevel)
Q_DECLARE_OPERATORS_FOR_FLAGS(AccessLevels)

/// What PolicyGenerator is asked to write.
struct PolicyGeneratorRequest
{
    PolicyScope scope;
    AccessLevels access;
    /// More Secrets Manager actions, picked one by one ("ListSecretVersionIds" or
    /// "secretsmanager:ListSecretVersionIds").
    QStringList extraActions;
    QString region; ///< "eu-west-1"
    QString account; ///< 12 digits
    /// Customer-managed KMS keys of the secrets (key ARNs): kms:Decrypt (and GenerateDataKey to
    /// write), only through Secrets Manager.
    QStringList kmsKeyArns;
    /// Also allow BatchGetSecretValue (Resource "*"; it still needs GetSecretValue per secret).
    bool batchGet = false;
    /// For the resource-policy variant: who is granted access (an ARN or an account id).
    QString principal;
};

} // namespace coffer::policy
