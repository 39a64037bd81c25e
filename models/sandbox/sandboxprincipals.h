// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/sandbox/sandboxkmskey.h"
#include "models/sandbox/sandboxoidcprovider.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxssodirectory.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <expected>

namespace coffer::sandbox {

struct SandboxServerConfig;

/**
 * The users, roles and KMS keys of a sandbox, read from the JSON file `coffer-cli serve
 * --principals FILE` takes (tests build the same file in memory):
 *
 *     {
 *       "users": [{"name": "app", "accessKeyId": "AKIA...", "secretAccessKey": "...",
 *                  "policies": [{"Version": "2012-10-17", "Statement": [...]}],
 *                  "mfaDevices": [{"serial": "arn:aws:iam::123456789012:mfa/app",
 *                                  "totpSeed": "BASE32"}]}],
 *       "roles": [{"name": "reader", "trust": ["arn:aws:iam::123456789012:user/app"],
 *                  "requireMfa": true, "policies": [...]}],
 *       "kmsKeys": [{"id": "1234abcd-...", "allow": ["arn:aws:iam::123456789012:role/reader"]}],
 *       "sso": {"users": ["alice"],
 *               "permissionSets": [{"name": "ReadOnly", "policies": [...]}],
 *               "assignments": [{"user": "alice", "account": "123456789012",
 *                                "permissionSet": "ReadOnly"}]},
 *       "oidcProviders": [{"issuer": "https://token.example", "audiences": ["sts.amazonaws.com"],
 *                          "jwks": {"keys": [{"kty": "RSA", "kid": "...", "n": "...", "e":
 * "AQAB"}]}}]
 *     }
 *
 * A policy is a policy document, or {"name": "...", "document": {...}} to name it (the name
 * becomes the document's "Id"). Users and roles may carry an optional "path" ("/team/") or a
 * full "arn" instead of the name. Principal references ("trust", "allow") are ARNs, "*", or the
 * short forms "user/app" and "role/reader" (completed with the account). Every policy is
 * checked with coffer::policy::PolicyDocument; the first problem is reported with its place.
 * An MFA device's "totpSeed" is the base32 seed of an RFC 6238 authenticator (SandboxTotp);
 * a role with "requireMfa" is assumed only with a valid SerialNumber + TokenCode.
 * "sso" is IAM Identity Center's directory (SandboxSsoDirectory): users who sign in through the
 * device flow, permission sets (policies as above) and the accounts each user may use them in;
 * an assignment naming an unknown user or permission set is an error.
 * An OIDC provider (SandboxOidcProvider) is an https issuer, its audiences and its key set; a
 * role trusts it with "oidc-provider/token.example" (its ARN's short form) in "trust", and is
 * then reached with sts:AssumeRoleWithWebIdentity and a token that issuer signed.
 */
struct SandboxPrincipals
{
    QList<SandboxPrincipal> principals;
    QList<SandboxKmsKey> kmsKeys;
    /// The file's "sso", or an empty directory: no SSO users unless the file names them.
    SandboxSsoDirectory sso;
    QList<SandboxOidcProvider> oidcProviders;

    /// Parses the file's JSON; ARNs are built in `accountId` and (keys) `region`.
    [[nodiscard]] static std::expected<SandboxPrincipals, QString>
    fromJson(const QByteArray &json, const QString &accountId = QStringLiteral("123456789012"),
             const QString &region = QStringLiteral("us-east-1"));
    /// Reads and parses `path`.
    [[nodiscard]] static std::expected<SandboxPrincipals, QString>
    fromFile(const QString &path, const QString &accountId = QStringLiteral("123456789012"),
             const QString &region = QStringLiteral("us-east-1"));

    /// Appends the principals, keys and OIDC providers to `config` and sets its SSO directory.
    void applyTo(SandboxServerConfig &config) const;
};

} // namespace coffer::sandbox
