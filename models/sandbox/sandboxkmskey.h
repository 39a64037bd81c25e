// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace coffer::sandbox {

/**
 * A customer-managed KMS key the sandbox pretends to hold, and who may use it. A secret whose
 * KmsKeyId names this key (its ARN or its key id) can only be read (kms:Decrypt) or written
 * (kms:GenerateDataKey) by an allowed principal; anyone else gets what AWS answers then:
 * AccessDeniedException "Access to KMS is not allowed".
 *
 * `allowedPrincipalArns` works like the key policy's Principal: a user or role ARN (a role
 * covers its sessions), "*" for everyone, or the account root
 * ("arn:aws:iam::123456789012:root"), which, as in a default key policy, delegates to IAM: the
 * principal's identity policies must then allow kms:Decrypt / kms:GenerateDataKey on the key.
 */
struct SandboxKmsKey
{
    /// "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    QString arn;
    QStringList allowedPrincipalArns;

    /// The key id: the part of the ARN after "key/".
    [[nodiscard]] QString keyId() const { return arn.section(u'/', -1); }
    /// True when `kmsKeyId` (as a secret's KmsKeyId holds it: an ARN or a bare key id) names
    /// this key.
    [[nodiscard]] bool matches(const QString &kmsKeyId) const
    {
        return !kmsKeyId.isEmpty() && (kmsKeyId == arn || kmsKeyId == keyId());
    }
};

} // namespace coffer::sandbox
