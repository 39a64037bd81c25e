// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace coffer::diagnostics {

/// What a principal was refused, and on what: the input of a minimal fix statement.
struct PermissionNeed
{
    QStringList actions;       ///< "secretsmanager:GetSecretValue", ...
    QStringList secretNames;   ///< the secrets concerned (each gets "<name>-??????")
    QString prefix;            ///< or a namespace ("pixell/"): "<prefix>*"
    bool anyResource = false;  ///< for actions IAM cannot scope (ListSecrets): Resource "*"
    QString partition = QStringLiteral("aws");
    QString region;
    QString account;
};

/**
 * The minimal IAM policy statement that grants what a diagnostic found missing, as
 * pretty-printed JSON ready to paste into a policy.
 *
 * The adapter between diagnostics and models/policy: identity statements come from
 * policy::PolicyGenerator (only the refused actions, on the secrets or namespace concerned).
 * What the generator cannot express is built here with the same ARN rules (a secret is
 * "<name>-??????", a namespace "<prefix>*", ListSecrets only "*", kms:Decrypt limited to use
 * through Secrets Manager with kms:ViaService): KMS and resource-policy statements, and needs
 * without a real account or region. generatorName() says which produced the text.
 */
class FixPolicy final
{
public:
    FixPolicy() = delete;

    /// An Allow statement for `need`.
    [[nodiscard]] static QString identityStatement(const PermissionNeed &need);
    /// An Allow statement of kms:Decrypt on `keyArn`, only through Secrets Manager in `region`.
    [[nodiscard]] static QString kmsDecryptStatement(const QString &keyArn, const QString &region,
                                                     const QString &partition = QStringLiteral("aws"));
    /// The key policy statement that lets `principalArn` decrypt with the key (Resource "*").
    [[nodiscard]] static QString kmsKeyPolicyStatement(const QString &principalArn,
                                                       const QString &region);
    /// A resource-policy statement that allows `principalArn` the actions on the secret itself.
    [[nodiscard]] static QString resourcePolicyStatement(const QString &principalArn,
                                                         const QStringList &actions);

    /// "arn:aws:secretsmanager:<region>:<account>:secret:<name>-??????"
    [[nodiscard]] static QString secretArnPattern(const QString &partition, const QString &region,
                                                  const QString &account, const QString &name);
    /// "arn:aws:secretsmanager:<region>:<account>:secret:<prefix>*"
    [[nodiscard]] static QString prefixArnPattern(const QString &partition, const QString &region,
                                                  const QString &account, const QString &prefix);
    /// A key id, alias or ARN as a key ARN ("alias/x" becomes an alias ARN).
    [[nodiscard]] static QString kmsKeyArn(const QString &keyId, const QString &partition,
                                           const QString &region, const QString &account);
    /// "diagnostics adapter" until the models/policy generator is used.
    [[nodiscard]] static QString generatorName();
};

} // namespace coffer::diagnostics
