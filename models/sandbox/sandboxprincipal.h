// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace coffer::sandbox {

/// A user's virtual MFA device: its serial (an ARN, "arn:aws:iam::123456789012:mfa/app") and
/// the decoded RFC 6238 seed its codes are made from (SandboxTotp). The seed is never logged.
struct SandboxMfaDevice
{
    QString serial;
    QByteArray seed;
};

/**
 * An IAM user or role the sandbox knows, with the policies that decide what it may do.
 *
 * A user signs with its long-term key pair (`credentials`); a role has no keys of its own and is
 * reached through sts:AssumeRole by a principal named in `trustedPrincipalArns`. Requests signed
 * by a principal are evaluated with coffer::policy::PolicyEvaluator against `identityPolicies`
 * (and the secret's resource policy), as IAM would; the sandbox's own keys
 * (SandboxServerConfig::credentials) stay all-powerful.
 *
 *     SandboxPrincipal app;
 *     app.arn = u"arn:aws:iam::123456789012:user/app"_s;
 *     app.credentials.accessKeyId = u"AKIAAPPEXAMPLE000001"_s;
 *     app.credentials.secretAccessKey = ...;
 *     app.identityPolicies = {R"({"Version": "2012-10-17", "Statement": [...]})"};
 */
struct SandboxPrincipal
{
    /// "arn:aws:iam::123456789012:user/app" or "arn:aws:iam::123456789012:role/reader"
    QString arn;
    /// Users: their long-term key pair. Roles: empty.
    aws::AwsCredentials credentials;
    /// Identity policies (IAM policy JSON texts); the first one is named "<name>-policy-1", ...
    /// unless the document has an "Id".
    QList<QByteArray> identityPolicies;
    /// Roles: who may assume it (user or role ARNs, or "arn:aws:iam::<account>:root").
    QStringList trustedPrincipalArns;
    /// Users: their MFA devices, checked by sts:AssumeRole's SerialNumber and TokenCode.
    QList<SandboxMfaDevice> mfaDevices;
    /// Roles: sts:AssumeRole is refused unless the caller gives a valid MFA code.
    bool requireMfa = false;

    [[nodiscard]] bool isRole() const
    {
        return arn.section(u':', 5).startsWith(QStringLiteral("role/"));
    }
    [[nodiscard]] bool isUser() const
    {
        return arn.section(u':', 5).startsWith(QStringLiteral("user/"));
    }
    /// The last path segment of the ARN: "app", "reader".
    [[nodiscard]] QString name() const { return arn.section(u'/', -1); }
    /// The account in the ARN.
    [[nodiscard]] QString accountId() const { return arn.section(u':', 4, 4); }
};

} // namespace coffer::sandbox
