// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/accessdenial.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

using aws::ErrorKind;

AccessDenial AccessDenial::fromError(const aws::AwsError &error)
{
    switch (error.kind) {
    case ErrorKind::AccessDenied:
        return fromMessage(error.message);
    case ErrorKind::DecryptionFailure: {
        AccessDenial denial;
        // "Access to KMS is not allowed" is the refusal; other decryption failures (a
        // corrupted ciphertext, the wrong key) are key trouble, not permissions.
        const bool refused = error.message.contains(u"not allowed"_s, Qt::CaseInsensitive)
                             || error.message.contains(u"AccessDenied"_s, Qt::CaseInsensitive)
                             || error.message.contains(u"not authorized"_s, Qt::CaseInsensitive);
        denial.reason = refused ? Reason::KmsAccessDenied : Reason::KmsKeyUnusable;
        return denial;
    }
    case ErrorKind::KmsFailure: {
        AccessDenial denial;
        denial.reason = aws::AwsError::normalizedCode(error.code) == u"KMSAccessDeniedException"_s
                            ? Reason::KmsAccessDenied
                            : Reason::KmsKeyUnusable;
        return denial;
    }
    default:
        return {};
    }
}

AccessDenial AccessDenial::fromMessage(const QString &message)
{
    AccessDenial denial;
    denial.reason = Reason::Unspecified;

    static const QRegularExpression who(
        uR"(^\s*(?:User|Role|Principal)?:?\s*(\S+) is not authorized to perform:? (\S+?)(?: on resource:? (\S+?))?(?:\s+(?:because|with)\b.*)?\.?\s*$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (const auto match = who.match(message); match.hasMatch()) {
        denial.principal = match.captured(1);
        denial.action = match.captured(2);
        denial.resource = match.captured(3);
    }

    const QString text = message.toLower();
    const bool explicitDeny = text.contains(u"explicit deny"_s);
    if (text.contains(u"resource-based policy"_s) || text.contains(u"resource based policy"_s))
        denial.reason = explicitDeny ? Reason::ResourcePolicyExplicitDeny : Reason::ResourcePolicyImplicitDeny;
    else if (text.contains(u"identity-based policy"_s) || text.contains(u"identity based policy"_s))
        denial.reason = explicitDeny ? Reason::IdentityPolicyExplicitDeny : Reason::IdentityPolicyImplicitDeny;
    else if (text.contains(u"service control polic"_s))
        denial.reason = Reason::ServiceControlPolicy;
    else if (text.contains(u"permissions boundary"_s))
        denial.reason = Reason::PermissionsBoundary;
    else if (text.contains(u"session policy"_s))
        denial.reason = Reason::SessionPolicy;
    else if (text.contains(u"kms"_s) && text.contains(u"not allowed"_s))
        denial.reason = Reason::KmsAccessDenied;
    return denial;
}

QString AccessDenial::causeName(Reason reason)
{
    switch (reason) {
    case Reason::NotDenied: return {};
    case Reason::IdentityPolicyImplicitDeny: return u"identity-policy-denied"_s;
    case Reason::IdentityPolicyExplicitDeny: return u"identity-policy-explicit-deny"_s;
    case Reason::ResourcePolicyImplicitDeny: return u"resource-policy-denied"_s;
    case Reason::ResourcePolicyExplicitDeny: return u"resource-policy-explicit-deny"_s;
    case Reason::ServiceControlPolicy: return u"service-control-policy"_s;
    case Reason::PermissionsBoundary: return u"permissions-boundary"_s;
    case Reason::SessionPolicy: return u"session-policy"_s;
    case Reason::KmsAccessDenied: return u"kms-access-denied"_s;
    case Reason::KmsKeyUnusable: return u"kms-key-unusable"_s;
    case Reason::Unspecified: return u"access-denied"_s;
    }
    return {};
}

} // namespace coffer::diagnostics
