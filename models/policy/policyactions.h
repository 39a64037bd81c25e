// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace coffer::policy {

/**
 * The IAM actions of AWS Secrets Manager (`secretsmanager:`) and AWS KMS (`kms:`), as the
 * generator offers them and the linter checks them.
 *
 * For these two services the IAM action names are exactly the API operation names, so the lists
 * are the operations of the service models (tests/interop/testpolicyactions.cpp compares them
 * with Debian's python3-botocore). Operations AWS added after that botocore release are listed
 * separately by newerThanDebianBotocore(), so the comparison stays exact.
 *
 *     PolicyActions::isKnown(u"secretsmanager:getsecretvalue"_s); // true: case-insensitive
 *     PolicyActions::matching(u"secretsmanager:Get*"_s);          // GetRandomPassword, ...
 */
class PolicyActions final
{
public:
    PolicyActions() = delete;

    /// Service prefixes whose actions are known here: "secretsmanager", "kms".
    [[nodiscard]] static QStringList services();
    /// Every action name of `service` ("GetSecretValue", without the prefix), sorted.
    [[nodiscard]] static QStringList actions(const QString &service);
    [[nodiscard]] static QStringList secretsManagerActions();
    [[nodiscard]] static QStringList kmsActions();
    /// Operations of `service` that AWS added after Debian 12's python3-botocore (1.29).
    [[nodiscard]] static QStringList newerThanDebianBotocore(const QString &service);

    /// True when `service` ("secretsmanager", any case) is one whose actions are listed here.
    [[nodiscard]] static bool isKnownService(const QString &service);
    /// True for "service:Action" naming a real action of a known service (case-insensitive).
    [[nodiscard]] static bool isKnown(const QString &action);
    /// The known actions ("service:Action", canonical case) that the IAM pattern `pattern`
    /// (`*` and `?` wildcards, case-insensitive) matches; for "*", every known action.
    [[nodiscard]] static QStringList matching(const QString &pattern);
    /// "secretsmanager:getsecretvalue" -> "secretsmanager:GetSecretValue"; unknown: unchanged.
    [[nodiscard]] static QString canonical(const QString &action);

    /// Secrets Manager actions that cannot be scoped to a secret: IAM needs Resource "*".
    [[nodiscard]] static QStringList unscopedSecretsManagerActions();
};

} // namespace coffer::policy
