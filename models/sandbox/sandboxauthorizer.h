// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/aws/iamtypes.h"
#include "models/policy/decision.h"
#include "models/policy/evaluationrequest.h"
#include "models/policy/policydocument.h"
#include "models/sandbox/sandboxkmskey.h"
#include "models/sandbox/sandboxoidcprovider.h"
#include "models/sandbox/sandboxprincipal.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace coffer::sandbox {

class SandboxStore;

/// Who signed a request, as the sandbox resolved its access key id.
struct SandboxCaller
{
    enum class Kind { Root, User, AssumedRole };

    Kind kind = Kind::Root;
    /// The caller as AWS names it in errors: the account root, the user, or the role session
    /// ("arn:aws:sts::123456789012:assumed-role/reader/session").
    QString arn;
    /// aws:PrincipalArn: the user's ARN, or the role's for a session; the root's for the root.
    QString principalArn;
    /// aws:userid: "AIDA...", or "AROA...:session" for a role session.
    QString userId;
    QString accountId;
    QString accessKeyId; ///< the key that signed the request
    /// The user or role (for a session) in SandboxAuthorizer::principals(); -1 for the root.
    qsizetype principalIndex = -1;
    /// Role sessions: whether AssumeRole was given a valid MFA code, and when.
    bool multiFactorAuthPresent = false;
    QDateTime multiFactorAuthTime;

    [[nodiscard]] bool isRoot() const { return kind == Kind::Root; }
};

/// The facts about a request's transport that condition keys read.
struct SandboxRequestFacts
{
    bool secureTransport = false; ///< aws:SecureTransport
    QDateTime now; ///< aws:CurrentTime, aws:EpochTime (the server's clock)
    QString sourceIp; ///< aws:SourceIp
    QString region; ///< aws:RequestedRegion (the credential scope's region)
};

/// What sts:AssumeRole issued.
struct SandboxRoleSession
{
    aws::AwsCredentials credentials; ///< ASIA... key, secret, session token, expiration
    QString assumedRoleArn; ///< "arn:aws:sts::<account>:assumed-role/<role>/<session>"
    QString assumedRoleId; ///< "AROA...:<session>"
    qsizetype roleIndex = -1;
    bool multiFactorAuthPresent = false; ///< made with a valid SerialNumber + TokenCode
    QDateTime multiFactorAuthTime;
};

/// What sts:AssumeRoleWithWebIdentity issued, with what the answer says about the token.
struct SandboxWebIdentitySession
{
    SandboxRoleSession session;
    QString subject; ///< SubjectFromWebIdentityToken: the token's `sub`
    QString audience; ///< Audience: the `aud` that was accepted
    QString providerArn; ///< Provider: "arn:aws:iam::<account>:oidc-provider/token.example"
};

/**
 * IAM, KMS key policies and STS sessions of the local sandbox: resolves who signed a request,
 * decides with coffer::policy::PolicyEvaluator whether that principal may run a Secrets Manager
 * operation on a secret (identity policies + the secret's resource policy, with the request's
 * condition keys), refuses the use of a customer-managed KMS key the principal is not allowed
 * to use, issues temporary credentials for sts:AssumeRole and answers iam:SimulatePrincipalPolicy.
 *
 * The sandbox's own keys (the demo pair, or `serve --access-key-id`) are the account root and
 * always allowed. Refusals use AWS's codes and sentences:
 *
 *     User: arn:aws:iam::123456789012:user/app is not authorized to perform:
 *     secretsmanager:GetSecretValue on resource: arn:...:secret:pixell/dev-AbCdEf because no
 *     identity-based policy allows the secretsmanager:GetSecretValue action
 *
 * Plain C++ and Qt Core, used from one thread (the server's). Nothing here logs a key.
 */
class SandboxAuthorizer
{
public:
    using Json = nlohmann::ordered_json;

    /// What Secrets Manager answers when KMS refuses the caller (AccessDeniedException).
    static constexpr QLatin1StringView kmsAccessDeniedMessage { "Access to KMS is not allowed" };
    /// Role sessions last one hour unless DurationSeconds says otherwise (900 to 3600 here, the
    /// default MaxSessionDuration of a role).
    static constexpr int defaultSessionSeconds = 3600;

    SandboxAuthorizer(QString accountId, QList<aws::AwsCredentials> rootCredentials,
                      QList<SandboxPrincipal> principals, QList<SandboxKmsKey> kmsKeys);

    [[nodiscard]] const QList<SandboxPrincipal> &principals() const { return m_principals; }
    [[nodiscard]] const QList<SandboxKmsKey> &kmsKeys() const { return m_kmsKeys; }
    /// The OIDC identity providers whose tokens AssumeRoleWithWebIdentity accepts.
    void setOidcProviders(QList<SandboxOidcProvider> providers);
    [[nodiscard]] const QList<SandboxOidcProvider> &oidcProviders() const
    {
        return m_oidcProviders;
    }
    [[nodiscard]] QString rootArn() const;

    /// The credentials for an access key id (root keys, users' keys, live or expired role
    /// sessions with their token and expiration), for SigV4Signer::verify.
    [[nodiscard]] std::optional<aws::AwsCredentials>
    credentialsFor(const QString &accessKeyId) const;
    /// Who owns `accessKeyId` (which verify() accepted).
    [[nodiscard]] SandboxCaller callerFor(const QString &accessKeyId) const;

    /// May `caller` run Secrets Manager `operation` with `request`? Checks IAM (and, for a secret
    /// under one of kmsKeys(), the key) before the store runs it. Errors are AccessDeniedException,
    /// and SerializationException for a request nested deeper than json::kMaxUntrustedNesting.
    [[nodiscard]] aws::Result<void> authorizeSecretsManager(const SandboxCaller &caller,
                                                            const QString &operation,
                                                            const Json &request,
                                                            const SandboxStore &store,
                                                            const SandboxRequestFacts &facts) const;
    /// BatchGetSecretValue: moves every value `caller` may not read (GetSecretValue on the
    /// secret, and its KMS key) from SecretValues to Errors, as AWS reports them.
    void filterBatchGetSecretValue(const SandboxCaller &caller, Json &answer,
                                   const SandboxStore &store,
                                   const SandboxRequestFacts &facts) const;

    /// sts:AssumeRole. `params`: RoleArn, RoleSessionName, DurationSeconds, ExternalId,
    /// SerialNumber + TokenCode (checked against the calling user's MFA devices at `facts.now`,
    /// one 30-second step of drift either way; a role with requireMfa needs them).
    [[nodiscard]] aws::Result<SandboxRoleSession> assumeRole(const SandboxCaller &caller,
                                                             const QHash<QString, QString> &params,
                                                             const SandboxRequestFacts &facts);
    /// Temporary credentials (ASIA... key, secret, session token) for a session of the role at
    /// `roleIndex` in principals(), named `sessionName`, valid for `seconds` from `now`. The
    /// end of both AssumeRole calls, and how the Identity Center portal's GetRoleCredentials
    /// issues its sessions; the caller has already decided that the session may be issued.
    /// `source` names the session's origin (never a secret).
    SandboxRoleSession issueRoleSession(qsizetype roleIndex, const QString &sessionName,
                                        int seconds, const QDateTime &now,
                                        bool multiFactor = false, const QString &source = {});
    /// The index of the user or role with `arn` in principals(), or -1.
    [[nodiscard]] qsizetype principalIndex(const QString &arn) const;
    /// sts:AssumeRoleWithWebIdentity (unsigned). `params`: RoleArn, RoleSessionName,
    /// WebIdentityToken, DurationSeconds. The token is checked by SandboxWebIdentityToken
    /// against oidcProviders() at `facts.now`; the role must trust the token's provider.
    [[nodiscard]] aws::Result<SandboxWebIdentitySession>
    assumeRoleWithWebIdentity(const QHash<QString, QString> &params,
                              const SandboxRequestFacts &facts);
    /// iam:SimulatePrincipalPolicy, from the query parameters (PolicySourceArn,
    /// ActionNames.member.N, ResourceArns.member.N, PolicyInputList.member.N, ResourcePolicy,
    /// CallerArn, ContextEntries.member.N.*, MaxItems, Marker).
    [[nodiscard]] aws::Result<aws::SimulatePrincipalPolicyResult>
    simulatePrincipalPolicy(const SandboxCaller &caller, const QHash<QString, QString> &params,
                            const SandboxRequestFacts &facts) const;

    /// The sentence AWS uses for an IAM refusal of `action` on `resource` ("*": no resource part).
    [[nodiscard]] static QString deniedMessage(const QString &callerArn, const QString &action,
                                               const QString &resource,
                                               const policy::Decision &decision);

private:
    struct NamedPolicy
    {
        policy::PolicyDocument document;
        QByteArray text;
    };

    [[nodiscard]] policy::Decision evaluate(const SandboxCaller &caller,
                                            const policy::EvaluationRequest &request,
                                            const QString &resourcePolicy) const;
    [[nodiscard]] policy::EvaluationRequest baseRequest(const SandboxCaller &caller,
                                                        const SandboxRequestFacts &facts) const;
    [[nodiscard]] const SandboxKmsKey *kmsKeyFor(const QString &kmsKeyId) const;
    [[nodiscard]] bool mayUseKey(const SandboxCaller &caller, const SandboxKmsKey &key,
                                 const QString &kmsAction, const QString &secretArn,
                                 const SandboxRequestFacts &facts) const;
    /// RoleArn, RoleSessionName and DurationSeconds as both AssumeRole calls check them; the
    /// duration (defaultSessionSeconds when not given).
    [[nodiscard]] static aws::Result<int> checkRoleRequest(const QHash<QString, QString> &params);
    [[nodiscard]] QString uniqueId(const QString &prefix, const QString &arn) const;
    [[nodiscard]] static QString randomText(QStringView alphabet, int length);

    QString m_accountId;
    QList<aws::AwsCredentials> m_root;
    QList<SandboxPrincipal> m_principals;
    QList<QList<NamedPolicy>> m_policies; ///< parsed identity policies, per principal
    QList<SandboxKmsKey> m_kmsKeys;
    QList<SandboxOidcProvider> m_oidcProviders;
    QHash<QString, SandboxRoleSession> m_sessions; ///< by access key id
};

} // namespace coffer::sandbox
