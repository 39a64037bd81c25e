// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sandbox/sandboxprincipal.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace coffer::sandbox {

/// An IAM Identity Center permission set: a name and the policies its role sessions get.
struct SandboxPermissionSet
{
    QString name;
    /// Identity policies (IAM policy JSON texts), as SandboxPrincipal::identityPolicies.
    QList<QByteArray> policies;

    /// "AWSReservedSSO_<name>_<16 hex digits>": the role Identity Center provisions for the
    /// permission set in every account it is assigned in. The digits are fixed per name.
    [[nodiscard]] QString reservedRoleName() const;
    /// "arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/<reservedRoleName()>"
    [[nodiscard]] QString reservedRoleArn(const QString &accountId) const;
};

/// One line of Identity Center's assignments: `user` may use `permissionSet` in `accountId`.
struct SandboxSsoAssignment
{
    QString user;
    QString accountId;
    QString permissionSet;
};

/**
 * The sandbox's IAM Identity Center directory: who can sign in through the device flow
 * (SandboxIdentityCenter), which permission sets exist and where each user may use them.
 *
 * Each (permission set, account) pair that is assigned becomes an IAM role of AWS's form
 * (reservedRoles()): the portal's GetRoleCredentials hands out sessions of that role, named after
 * the user, which SandboxAuthorizer evaluates against the permission set's policies like any
 * AssumeRole session
 * ("arn:aws:sts::<account>:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice").
 *
 *     SandboxSsoDirectory sso = SandboxSsoDirectory::demo(u"123456789012"_s);
 *     sso.users.append(u"bob"_s);
 *     sso.assignments.append({u"bob"_s, u"123456789012"_s, u"ReadOnly"_s});
 */
struct SandboxSsoDirectory
{
    QStringList users;
    QList<SandboxPermissionSet> permissionSets;
    QList<SandboxSsoAssignment> assignments;

    /// The demo directory: user "alice" with "AdministratorAccess" (secretsmanager:*) and
    /// "ReadOnly" (reads and listings) in `accountId`.
    [[nodiscard]] static SandboxSsoDirectory demo(const QString &accountId);

    [[nodiscard]] const SandboxPermissionSet *permissionSet(const QString &name) const;
    /// Does `user` have `permissionSet` in `accountId`?
    [[nodiscard]] bool isAssigned(const QString &user, const QString &accountId,
                                  const QString &permissionSet) const;
    /// The accounts `user` has any assignment in, sorted, each once.
    [[nodiscard]] QStringList accountsOf(const QString &user) const;
    /// The permission sets `user` has in `accountId`, sorted by name.
    [[nodiscard]] QStringList permissionSetsOf(const QString &user, const QString &accountId) const;
    /// One role per assigned (permission set, account) pair, carrying the set's policies and
    /// trusting no one (only the portal issues its sessions).
    [[nodiscard]] QList<SandboxPrincipal> reservedRoles() const;
};

} // namespace coffer::sandbox
