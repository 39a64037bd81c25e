// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policyactions.h"

#include "models/policy/policywildcard.h"

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
// Every operation of the Secrets Manager API (service model 2017-10-17); IAM action names are
// the operation names.
const QStringList &secretsManagerList()
{
    static const QStringList list {
        u"BatchGetSecretValue"_s,
        u"CancelRotateSecret"_s,
        u"CreateSecret"_s,
        u"DeleteResourcePolicy"_s,
        u"DeleteSecret"_s,
        u"DescribeSecret"_s,
        u"GetRandomPassword"_s,
        u"GetResourcePolicy"_s,
        u"GetSecretValue"_s,
        u"ListSecretVersionIds"_s,
        u"ListSecrets"_s,
        u"PutResourcePolicy"_s,
        u"PutSecretValue"_s,
        u"RemoveRegionsFromReplication"_s,
        u"ReplicateSecretToRegions"_s,
        u"RestoreSecret"_s,
        u"RotateSecret"_s,
        u"StopReplicationToReplica"_s,
        u"TagResource"_s,
        u"UntagResource"_s,
        u"UpdateSecret"_s,
        u"UpdateSecretVersionStage"_s,
        u"ValidateResourcePolicy"_s,
    };
    return list;
}

// Every operation of the KMS API (service model 2014-11-01).
const QStringList &kmsList()
{
    static const QStringList list {
        u"CancelKeyDeletion"_s,
        u"ConnectCustomKeyStore"_s,
        u"CreateAlias"_s,
        u"CreateCustomKeyStore"_s,
        u"CreateGrant"_s,
        u"CreateKey"_s,
        u"Decrypt"_s,
        u"DeleteAlias"_s,
        u"DeleteCustomKeyStore"_s,
        u"DeleteImportedKeyMaterial"_s,
        u"DeriveSharedSecret"_s,
        u"DescribeCustomKeyStores"_s,
        u"DescribeKey"_s,
        u"DisableKey"_s,
        u"DisableKeyRotation"_s,
        u"DisconnectCustomKeyStore"_s,
        u"EnableKey"_s,
        u"EnableKeyRotation"_s,
        u"Encrypt"_s,
        u"GenerateDataKey"_s,
        u"GenerateDataKeyPair"_s,
        u"GenerateDataKeyPairWithoutPlaintext"_s,
        u"GenerateDataKeyWithoutPlaintext"_s,
        u"GenerateMac"_s,
        u"GenerateRandom"_s,
        u"GetKeyPolicy"_s,
        u"GetKeyRotationStatus"_s,
        u"GetParametersForImport"_s,
        u"GetPublicKey"_s,
        u"ImportKeyMaterial"_s,
        u"ListAliases"_s,
        u"ListGrants"_s,
        u"ListKeyPolicies"_s,
        u"ListKeyRotations"_s,
        u"ListKeys"_s,
        u"ListResourceTags"_s,
        u"ListRetirableGrants"_s,
        u"PutKeyPolicy"_s,
        u"ReEncrypt"_s,
        u"ReplicateKey"_s,
        u"RetireGrant"_s,
        u"RevokeGrant"_s,
        u"RotateKeyOnDemand"_s,
        u"ScheduleKeyDeletion"_s,
        u"Sign"_s,
        u"TagResource"_s,
        u"UntagResource"_s,
        u"UpdateAlias"_s,
        u"UpdateCustomKeyStore"_s,
        u"UpdateKeyDescription"_s,
        u"UpdatePrimaryRegion"_s,
        u"Verify"_s,
        u"VerifyMac"_s,
    };
    return list;
}

/// `action` split at its first ':' into service and name; empty service when there is none.
std::pair<QString, QString> splitAction(const QString &action)
{
    const qsizetype colon = action.indexOf(u':');
    if (colon < 0)
        return { QString(), action };
    return { action.first(colon), action.sliced(colon + 1) };
}
} // namespace

QStringList PolicyActions::services()
{
    return { u"secretsmanager"_s, u"kms"_s };
}

QStringList PolicyActions::actions(const QString &service)
{
    if (service.compare(u"secretsmanager"_s, Qt::CaseInsensitive) == 0)
        return secretsManagerList();
    if (service.compare(u"kms"_s, Qt::CaseInsensitive) == 0)
        return kmsList();
    return {};
}

QStringList PolicyActions::secretsManagerActions()
{
    return secretsManagerList();
}

QStringList PolicyActions::kmsActions()
{
    return kmsList();
}

QStringList PolicyActions::newerThanDebianBotocore(const QString &service)
{
    // botocore 1.29.27 (Debian 12) predates these: BatchGetSecretValue (November 2023),
    // ListKeyRotations and RotateKeyOnDemand (April 2024), DeriveSharedSecret (November 2024).
    if (service.compare(u"secretsmanager"_s, Qt::CaseInsensitive) == 0)
        return { u"BatchGetSecretValue"_s };
    if (service.compare(u"kms"_s, Qt::CaseInsensitive) == 0)
        return { u"DeriveSharedSecret"_s, u"ListKeyRotations"_s, u"RotateKeyOnDemand"_s };
    return {};
}

bool PolicyActions::isKnownService(const QString &service)
{
    return services().contains(service, Qt::CaseInsensitive);
}

bool PolicyActions::isKnown(const QString &action)
{
    const auto [service, name] = splitAction(action);
    return actions(service).contains(name, Qt::CaseInsensitive);
}

QStringList PolicyActions::matching(const QString &pattern)
{
    QStringList result;
    for (const QString &service : services()) {
        for (const QString &name : actions(service)) {
            const QString action = service + u':' + name;
            if (PolicyWildcard::matches(pattern, action, Qt::CaseInsensitive))
                result.append(action);
        }
    }
    return result;
}

QString PolicyActions::canonical(const QString &action)
{
    const auto [service, name] = splitAction(action);
    for (const QString &known : actions(service)) {
        if (known.compare(name, Qt::CaseInsensitive) == 0)
            return service.toLower() + u':' + known;
    }
    return action;
}

QStringList PolicyActions::unscopedSecretsManagerActions()
{
    return { u"BatchGetSecretValue"_s, u"GetRandomPassword"_s, u"ListSecrets"_s };
}

} // namespace coffer::policy
