// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxssodirectory.h"

#include <QCryptographicHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

QString SandboxPermissionSet::reservedRoleName() const
{
    // AWS picks the digits once per permission set; a hash of the name keeps them stable
    // across restarts, so a role ARN written into a resource policy keeps matching.
    const QByteArray seed = "coffer-sandbox-permission-set:" + name.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex();
    return u"AWSReservedSSO_%1_%2"_s.arg(name, QString::fromLatin1(digest.left(16)));
}

QString SandboxPermissionSet::reservedRoleArn(const QString &accountId) const
{
    return u"arn:aws:iam::%1:role/aws-reserved/sso.amazonaws.com/%2"_s.arg(accountId,
                                                                           reservedRoleName());
}

SandboxSsoDirectory SandboxSsoDirectory::demo(const QString &accountId)
{
    SandboxSsoDirectory directory;
    directory.users = { u"alice"_s };
    directory.permissionSets = {
        { u"AdministratorAccess"_s,
          { R"({"Version": "2012-10-17", "Id": "AdministratorAccess", "Statement": [{"Effect": "Allow", "Action": "secretsmanager:*", "Resource": "*"}]})"_ba } },
        { u"ReadOnly"_s,
          { R"({"Version": "2012-10-17", "Id": "ReadOnly", "Statement": [{"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecrets", "secretsmanager:ListSecretVersionIds", "secretsmanager:GetResourcePolicy"], "Resource": "*"}]})"_ba } },
    };
    directory.assignments = { { u"alice"_s, accountId, u"AdministratorAccess"_s },
                              { u"alice"_s, accountId, u"ReadOnly"_s } };
    return directory;
}

const SandboxPermissionSet *SandboxSsoDirectory::permissionSet(const QString &name) const
{
    for (const SandboxPermissionSet &set : permissionSets) {
        if (set.name == name)
            return &set;
    }
    return nullptr;
}

bool SandboxSsoDirectory::isAssigned(const QString &user, const QString &accountId,
                                     const QString &permissionSet) const
{
    return std::any_of(
        assignments.cbegin(), assignments.cend(), [&](const SandboxSsoAssignment &a) {
            return a.user == user && a.accountId == accountId && a.permissionSet == permissionSet;
        });
}

QStringList SandboxSsoDirectory::accountsOf(const QString &user) const
{
    QStringList accounts;
    for (const SandboxSsoAssignment &assignment : assignments) {
        if (assignment.user == user && !accounts.contains(assignment.accountId))
            accounts.append(assignment.accountId);
    }
    accounts.sort();
    return accounts;
}

QStringList SandboxSsoDirectory::permissionSetsOf(const QString &user,
                                                  const QString &accountId) const
{
    QStringList sets;
    for (const SandboxSsoAssignment &assignment : assignments) {
        if (assignment.user == user && assignment.accountId == accountId
            && !sets.contains(assignment.permissionSet))
            sets.append(assignment.permissionSet);
    }
    sets.sort();
    return sets;
}

QList<SandboxPrincipal> SandboxSsoDirectory::reservedRoles() const
{
    QList<SandboxPrincipal> roles;
    QSet<QString> made;
    for (const SandboxSsoAssignment &assignment : assignments) {
        const SandboxPermissionSet *set = permissionSet(assignment.permissionSet);
        if (!set)
            continue;
        SandboxPrincipal role;
        role.arn = set->reservedRoleArn(assignment.accountId);
        if (made.contains(role.arn))
            continue;
        made.insert(role.arn);
        role.identityPolicies = set->policies;
        roles.append(std::move(role));
    }
    return roles;
}

} // namespace coffer::sandbox
