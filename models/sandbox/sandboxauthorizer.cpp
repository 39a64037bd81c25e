// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxauthorizer.h"

#include "models/json/jsonnesting.h"
#include "models/policy/policyevaluator.h"
#include "models/policy/policyjsonlocator.h"
#include "models/sandbox/sandboxstore.h"
#include "models/sandbox/sandboxtotp.h"
#include "models/sandbox/sandboxwebidentitytoken.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

using aws::AwsCredentials;
using aws::AwsError;
using policy::Decision;
using policy::EvaluationRequest;
using policy::PolicyDocument;

namespace {

QString str(const SandboxAuthorizer::Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

std::string ss(const QString &text)
{
    return text.toStdString();
}

AwsError accessDenied(const QString &message)
{
    return SandboxStore::serviceError(u"AccessDeniedException"_s, message);
}

/// STS and IAM (query protocol) say "AccessDenied", with HTTP 403.
AwsError queryAccessDenied(const QString &message)
{
    return SandboxStore::serviceError(u"AccessDenied"_s, message, 403);
}

AwsError validationError(const QString &message)
{
    return SandboxStore::serviceError(u"ValidationError"_s, message);
}

/// `Name.member.1`, `Name.member.2`, ... in order.
QStringList memberList(const QHash<QString, QString> &params, const QString &name)
{
    QStringList values;
    for (int i = 1;; ++i) {
        const auto found = params.constFind(u"%1.member.%2"_s.arg(name).arg(i));
        if (found == params.cend())
            break;
        values.append(*found);
    }
    return values;
}

/// Where the JSON value starting at (line, column) ends: just after its closing bracket.
policy::PolicyJsonLocator::Position endOfValue(const QByteArray &text,
                                               policy::PolicyJsonLocator::Position start)
{
    if (start.line <= 0)
        return start;
    qsizetype offset = 0;
    for (int line = 1; line < start.line && offset >= 0; ++line) {
        offset = text.indexOf('\n', offset);
        if (offset >= 0)
            ++offset;
    }
    if (offset < 0)
        return start;
    // Columns count characters: step over UTF-8 continuation bytes.
    for (int column = 1; column < start.column && offset < text.size(); ++column) {
        ++offset;
        while (offset < text.size() && (uchar(text.at(offset)) & 0xC0) == 0x80)
            ++offset;
    }
    int depth = 0;
    bool inString = false;
    for (qsizetype i = offset; i < text.size(); ++i) {
        const char c = text.at(i);
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return policy::PolicyJsonLocator::positionOfOffset(text, i + 1);
        }
    }
    return start;
}

QString statementPointer(const PolicyDocument::Json &json, int index)
{
    if (json.is_object() && json.contains("Statement") && json["Statement"].is_array())
        return u"/Statement/%1"_s.arg(index);
    return u"/Statement"_s;
}

} // namespace

SandboxAuthorizer::SandboxAuthorizer(QString accountId, QList<AwsCredentials> rootCredentials,
                                     QList<SandboxPrincipal> principals,
                                     QList<SandboxKmsKey> kmsKeys)
    : m_accountId(std::move(accountId))
    , m_root(std::move(rootCredentials))
    , m_principals(std::move(principals))
    , m_kmsKeys(std::move(kmsKeys))
{
    for (const SandboxPrincipal &principal : std::as_const(m_principals)) {
        QList<NamedPolicy> parsed;
        for (qsizetype i = 0; i < principal.identityPolicies.size(); ++i) {
            const QByteArray &text = principal.identityPolicies.at(i);
            const Json json = Json::parse(text.toStdString(), nullptr, false);
            QString name = json.is_object() && json.contains("Id") ? str(json["Id"]) : QString();
            if (name.isEmpty())
                name = u"%1-policy-%2"_s.arg(principal.name()).arg(i + 1);
            // A policy that does not parse grants nothing (SandboxPrincipals::fromJson reports it).
            auto document = PolicyDocument::parse(text, name);
            if (document)
                parsed.append(NamedPolicy { std::move(*document), text });
        }
        m_policies.append(std::move(parsed));
    }
}

QString SandboxAuthorizer::rootArn() const
{
    return u"arn:aws:iam::%1:root"_s.arg(m_accountId);
}

qsizetype SandboxAuthorizer::principalIndex(const QString &arn) const
{
    for (qsizetype i = 0; i < m_principals.size(); ++i) {
        if (m_principals.at(i).arn == arn)
            return i;
    }
    return -1;
}

QString SandboxAuthorizer::uniqueId(const QString &prefix, const QString &arn) const
{
    // Stable per ARN, shaped like IAM's unique ids (AIDA/AROA + 17 characters).
    const QByteArray digest
        = QCryptographicHash::hash(arn.toUtf8(), QCryptographicHash::Sha256).toHex().toUpper();
    return prefix + QString::fromLatin1(digest.left(17));
}

QString SandboxAuthorizer::randomText(QStringView alphabet, int length)
{
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(
            alphabet.at(qsizetype(QRandomGenerator::system()->bounded(quint32(alphabet.size())))));
    return text;
}

std::optional<AwsCredentials> SandboxAuthorizer::credentialsFor(const QString &accessKeyId) const
{
    for (const AwsCredentials &credentials : m_root) {
        if (credentials.accessKeyId == accessKeyId)
            return credentials;
    }
    for (const SandboxPrincipal &principal : m_principals) {
        if (!principal.credentials.accessKeyId.isEmpty()
            && principal.credentials.accessKeyId == accessKeyId)
            return principal.credentials;
    }
    const auto session = m_sessions.constFind(accessKeyId);
    if (session != m_sessions.cend())
        return session->credentials;
    return std::nullopt;
}

SandboxCaller SandboxAuthorizer::callerFor(const QString &accessKeyId) const
{
    SandboxCaller caller;
    caller.accessKeyId = accessKeyId;
    caller.accountId = m_accountId;
    caller.arn = rootArn();
    caller.principalArn = caller.arn;
    caller.userId = m_accountId;
    for (const AwsCredentials &credentials : m_root) {
        if (credentials.accessKeyId == accessKeyId)
            return caller;
    }
    for (qsizetype i = 0; i < m_principals.size(); ++i) {
        const SandboxPrincipal &principal = m_principals.at(i);
        if (!principal.credentials.accessKeyId.isEmpty()
            && principal.credentials.accessKeyId == accessKeyId) {
            caller.kind = SandboxCaller::Kind::User;
            caller.arn = principal.arn;
            caller.principalArn = principal.arn;
            caller.userId = uniqueId(u"AIDA"_s, principal.arn);
            caller.accountId = principal.accountId();
            caller.principalIndex = i;
            return caller;
        }
    }
    const auto session = m_sessions.constFind(accessKeyId);
    if (session != m_sessions.cend()) {
        const SandboxPrincipal &role = m_principals.at(session->roleIndex);
        caller.kind = SandboxCaller::Kind::AssumedRole;
        caller.arn = session->assumedRoleArn;
        caller.principalArn = role.arn;
        caller.userId = session->assumedRoleId;
        caller.accountId = role.accountId();
        caller.principalIndex = session->roleIndex;
        caller.multiFactorAuthPresent = session->multiFactorAuthPresent;
        caller.multiFactorAuthTime = session->multiFactorAuthTime;
    }
    return caller;
}

EvaluationRequest SandboxAuthorizer::baseRequest(const SandboxCaller &caller,
                                                 const SandboxRequestFacts &facts) const
{
    EvaluationRequest request;
    request.principal = caller.arn;
    request.setContext(u"aws:PrincipalArn"_s, caller.principalArn);
    request.setContext(u"aws:PrincipalAccount"_s, caller.accountId);
    request.setContext(u"aws:userid"_s, caller.userId);
    switch (caller.kind) {
    case SandboxCaller::Kind::Root:
        request.setContext(u"aws:PrincipalType"_s, u"Account"_s);
        break;
    case SandboxCaller::Kind::User:
        request.setContext(u"aws:PrincipalType"_s, u"User"_s);
        request.setContext(u"aws:username"_s, caller.arn.section(u'/', -1));
        break;
    case SandboxCaller::Kind::AssumedRole:
        request.setContext(u"aws:PrincipalType"_s, u"AssumedRole"_s);
        break;
    }
    request.setContext(u"aws:SecureTransport"_s, facts.secureTransport ? u"true"_s : u"false"_s);
    const QDateTime now = facts.now.isValid() ? facts.now.toUTC() : QDateTime::currentDateTimeUtc();
    // As AWS: temporary credentials carry aws:MultiFactorAuthPresent (false without MFA);
    // long-term keys carry neither key.
    if (caller.kind == SandboxCaller::Kind::AssumedRole) {
        request.setContext(u"aws:MultiFactorAuthPresent"_s,
                           caller.multiFactorAuthPresent ? u"true"_s : u"false"_s);
        if (caller.multiFactorAuthPresent && caller.multiFactorAuthTime.isValid()) {
            request.setContext(
                u"aws:MultiFactorAuthAge"_s,
                QString::number(std::max<qint64>(0, caller.multiFactorAuthTime.secsTo(now))));
        }
    }
    request.setContext(u"aws:CurrentTime"_s, now.toString(u"yyyy-MM-ddTHH:mm:ssZ"_s));
    request.setContext(u"aws:EpochTime"_s, QString::number(now.toSecsSinceEpoch()));
    if (!facts.sourceIp.isEmpty())
        request.setContext(u"aws:SourceIp"_s, facts.sourceIp);
    if (!facts.region.isEmpty())
        request.setContext(u"aws:RequestedRegion"_s, facts.region);
    return request;
}

Decision SandboxAuthorizer::evaluate(const SandboxCaller &caller, const EvaluationRequest &request,
                                     const QString &resourcePolicy) const
{
    QList<PolicyDocument> identity;
    if (caller.principalIndex >= 0) {
        for (const NamedPolicy &policy : m_policies.at(caller.principalIndex))
            identity.append(policy.document);
    }
    std::optional<PolicyDocument> resource;
    if (!resourcePolicy.isEmpty()) {
        auto parsed = PolicyDocument::parse(resourcePolicy.toUtf8(), u"resource policy"_s);
        if (parsed)
            resource = std::move(*parsed);
    }
    return policy::PolicyEvaluator(std::move(identity), std::move(resource)).evaluate(request);
}

QString SandboxAuthorizer::deniedMessage(const QString &callerArn, const QString &action,
                                         const QString &resource, const Decision &decision)
{
    QString message = u"User: %1 is not authorized to perform: %2"_s.arg(callerArn, action);
    if (!resource.isEmpty() && resource != u"*")
        message += u" on resource: %1"_s.arg(resource);
    if (decision.reason == Decision::Reason::ExplicitDeny) {
        message += decision.fromResourcePolicy
            ? u" with an explicit deny in a resource-based policy"_s
            : u" with an explicit deny in an identity-based policy"_s;
    } else {
        message += u" because no identity-based policy allows the %1 action"_s.arg(action);
    }
    return message;
}

const SandboxKmsKey *SandboxAuthorizer::kmsKeyFor(const QString &kmsKeyId) const
{
    for (const SandboxKmsKey &key : m_kmsKeys) {
        if (key.matches(kmsKeyId))
            return &key;
    }
    return nullptr;
}

bool SandboxAuthorizer::mayUseKey(const SandboxCaller &caller, const SandboxKmsKey &key,
                                  const QString &kmsAction, const QString &secretArn,
                                  const SandboxRequestFacts &facts) const
{
    if (caller.isRoot())
        return true;
    EvaluationRequest request = baseRequest(caller, facts);
    request.action = kmsAction;
    request.resource = key.arn;
    request.setContext(u"kms:ViaService"_s,
                       u"secretsmanager.%1.amazonaws.com"_s.arg(key.arn.section(u':', 3, 3)));
    request.setContext(u"kms:CallerAccount"_s, caller.accountId);
    if (!secretArn.isEmpty())
        request.setContext(u"kms:EncryptionContext:SecretARN"_s, secretArn);
    const Decision identity = evaluate(caller, request, QString());
    if (identity.reason == Decision::Reason::ExplicitDeny)
        return false;
    const QStringList &allowed = key.allowedPrincipalArns;
    if (allowed.contains(u"*"_s) || allowed.contains(caller.arn)
        || allowed.contains(caller.principalArn))
        return true;
    // The account root in a key policy hands the decision to the principal's IAM policies.
    if (allowed.contains(rootArn()) || allowed.contains(m_accountId))
        return identity.allowed();
    return false;
}

aws::Result<void> SandboxAuthorizer::authorizeSecretsManager(const SandboxCaller &caller,
                                                             const QString &operation,
                                                             const Json &request,
                                                             const SandboxStore &store,
                                                             const SandboxRequestFacts &facts) const
{
    if (caller.isRoot())
        return {};
    // Reading a member copies it, and nlohmann copies recursively: a request the server did not
    // bound (a direct caller's) must not take the stack down.
    if (json::treeNestingExceeds(request, json::kMaxUntrustedNesting)) {
        return std::unexpected(SandboxStore::serviceError(
            u"SerializationException"_s,
            u"The request nests arrays or objects deeper than %1 levels."_s.arg(json::kMaxUntrustedNesting)));
    }
    static const QStringList onEverything
        = { u"ListSecrets"_s, u"GetRandomPassword"_s, u"BatchGetSecretValue"_s };
    const QString action = u"secretsmanager:"_s + operation;
    QString resource = u"*"_s;
    const SandboxSecret *secret = nullptr;
    const bool create = operation == u"CreateSecret";
    if (create) {
        const QString name = str(request.value("Name", Json()));
        if (!name.isEmpty())
            resource = store.makeArn(name);
    } else if (!onEverything.contains(operation)) {
        const QString secretId = str(request.value("SecretId", Json()));
        if (!secretId.isEmpty()) {
            secret = store.lookup(secretId);
            resource = secret
                ? secret->arn
                : (secretId.startsWith(u"arn:"_s) ? secretId : store.arnPrefix() + secretId);
        }
    }

    EvaluationRequest evaluation = baseRequest(caller, facts);
    evaluation.action = action;
    evaluation.resource = resource;
    if (secret) {
        evaluation.setContext(u"secretsmanager:SecretId"_s, secret->arn);
        for (const auto &[key, value] : secret->tags) {
            evaluation.setContext(u"secretsmanager:ResourceTag/"_s + key, value);
            evaluation.setContext(u"aws:ResourceTag/"_s + key, value);
        }
    }
    if (create)
        evaluation.setContext(u"secretsmanager:Name"_s, str(request.value("Name", Json())));
    if ((create || operation == u"UpdateSecret") && request.contains("KmsKeyId"))
        evaluation.setContext(u"secretsmanager:KmsKeyId"_s, str(request["KmsKeyId"]));
    if ((create || operation == u"TagResource") && request.contains("Tags")
        && request["Tags"].is_array()) {
        QStringList keys;
        for (const Json &tag : request["Tags"]) {
            if (!tag.is_object())
                continue;
            const QString key = str(tag.value("Key", Json()));
            keys.append(key);
            evaluation.setContext(u"aws:RequestTag/"_s + key, str(tag.value("Value", Json())));
        }
        evaluation.setContext(u"aws:TagKeys"_s, keys);
    }
    if (operation == u"UntagResource" && request.contains("TagKeys")
        && request["TagKeys"].is_array()) {
        QStringList keys;
        for (const Json &key : request["TagKeys"])
            keys.append(str(key));
        evaluation.setContext(u"aws:TagKeys"_s, keys);
    }

    const Decision decision
        = evaluate(caller, evaluation, secret ? secret->resourcePolicy : QString());
    if (!decision.allowed())
        return std::unexpected(accessDenied(deniedMessage(caller.arn, action, resource, decision)));

    // KMS: Secrets Manager decrypts (reads) and generates data keys (writes) as the caller.
    const bool newValue = request.contains("SecretString") || request.contains("SecretBinary");
    QList<std::pair<QString, QString>> keyUses; // (KmsKeyId, kms action)
    if (operation == u"GetSecretValue" && secret) {
        keyUses.append({ secret->kmsKeyId, u"kms:Decrypt"_s });
    } else if (operation == u"PutSecretValue" && secret) {
        keyUses.append({ secret->kmsKeyId, u"kms:GenerateDataKey"_s });
    } else if (create && newValue) {
        keyUses.append({ str(request.value("KmsKeyId", Json())), u"kms:GenerateDataKey"_s });
    } else if (operation == u"UpdateSecret" && secret) {
        const QString newKey
            = request.contains("KmsKeyId") ? str(request["KmsKeyId"]) : secret->kmsKeyId;
        if (newValue)
            keyUses.append({ newKey, u"kms:GenerateDataKey"_s });
        if (newKey != secret->kmsKeyId) { // re-encrypting the current value under the new key
            keyUses.append({ secret->kmsKeyId, u"kms:Decrypt"_s });
            keyUses.append({ newKey, u"kms:GenerateDataKey"_s });
        }
    }
    for (const auto &[kmsKeyId, kmsAction] : std::as_const(keyUses)) {
        const SandboxKmsKey *key = kmsKeyFor(kmsKeyId);
        if (key && !mayUseKey(caller, *key, kmsAction, resource, facts))
            return std::unexpected(accessDenied(QString(kmsAccessDeniedMessage)));
    }
    return {};
}

void SandboxAuthorizer::filterBatchGetSecretValue(const SandboxCaller &caller, Json &answer,
                                                  const SandboxStore &store,
                                                  const SandboxRequestFacts &facts) const
{
    if (caller.isRoot() || !answer.contains("SecretValues"))
        return;
    Json kept = Json::array();
    Json &errors = answer["Errors"];
    if (!errors.is_array())
        errors = Json::array();
    for (Json &value : answer["SecretValues"]) {
        const QString arn = str(value.value("ARN", Json()));
        const Json request = { { "SecretId", ss(arn) } };
        const auto allowed
            = authorizeSecretsManager(caller, u"GetSecretValue"_s, request, store, facts);
        if (allowed) {
            kept.push_back(std::move(value));
            continue;
        }
        errors.push_back({ { "SecretId", value.value("Name", Json(ss(arn))) },
                           { "ErrorCode", "AccessDeniedException" },
                           { "Message", ss(allowed.error().message) } });
    }
    answer["SecretValues"] = std::move(kept);
}

aws::Result<int> SandboxAuthorizer::checkRoleRequest(const QHash<QString, QString> &params)
{
    const QString roleArn = params.value(u"RoleArn"_s);
    const QString sessionName = params.value(u"RoleSessionName"_s);
    if (!params.contains(u"RoleArn"_s)) {
        return std::unexpected(validationError(
            u"1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null"_s));
    }
    if (!params.contains(u"RoleSessionName"_s)) {
        return std::unexpected(
            validationError(u"1 validation error detected: Value null at 'roleSessionName' failed "
                            "to satisfy constraint: Member must not be null"_s));
    }
    if (roleArn.size() < 20 || roleArn.size() > 2048) {
        return std::unexpected(validationError(
            u"1 validation error detected: Value '%1' at 'roleArn' failed to satisfy constraint: "
            u"Member must have "
            "length %2 than or equal to %3"_s.arg(roleArn,
                                                  roleArn.size() < 20 ? u"greater"_s : u"less"_s,
                                                  roleArn.size() < 20 ? u"20"_s : u"2048"_s)));
    }
    static const QRegularExpression sessionPattern(u"^[\\w+=,.@-]*$"_s);
    if (sessionName.size() < 2 || sessionName.size() > 64) {
        return std::unexpected(
            validationError(u"1 validation error detected: Value '%1' at 'roleSessionName' failed "
                            u"to satisfy constraint: Member "
                            "must have length %2 than or equal to %3"_s.arg(
                                sessionName, sessionName.size() < 2 ? u"greater"_s : u"less"_s,
                                sessionName.size() < 2 ? u"2"_s : u"64"_s)));
    }
    if (!sessionPattern.match(sessionName).hasMatch()) {
        return std::unexpected(validationError(
            u"1 validation error detected: Value '%1' at 'roleSessionName' failed to satisfy "
            u"constraint: Member "
            "must satisfy regular expression pattern: [\\w+=,.@-]*"_s.arg(sessionName)));
    }
    int duration = defaultSessionSeconds;
    if (params.contains(u"DurationSeconds"_s)) {
        bool ok = false;
        duration = params.value(u"DurationSeconds"_s).toInt(&ok);
        if (!ok) {
            return std::unexpected(SandboxStore::serviceError(
                u"MalformedInput"_s, u"Invalid value for DurationSeconds"_s));
        }
        if (duration < 900 || duration > 43200) {
            return std::unexpected(
                validationError(u"1 validation error detected: Value '%1' at 'durationSeconds' "
                                u"failed to satisfy constraint: Member "
                                "must have value %2 than or equal to %3"_s.arg(duration)
                                    .arg(duration < 900 ? u"greater"_s : u"less"_s,
                                         duration < 900 ? u"900"_s : u"43200"_s)));
        }
    }
    return duration;
}

aws::Result<SandboxRoleSession> SandboxAuthorizer::assumeRole(const SandboxCaller &caller,
                                                              const QHash<QString, QString> &params,
                                                              const SandboxRequestFacts &facts)
{
    const QString roleArn = params.value(u"RoleArn"_s);
    const QString sessionName = params.value(u"RoleSessionName"_s);
    const auto checked = checkRoleRequest(params);
    if (!checked)
        return std::unexpected(checked.error());
    const int duration = *checked;

    const QString serialNumber = params.value(u"SerialNumber"_s);
    const QString tokenCode = params.value(u"TokenCode"_s);
    if (params.contains(u"SerialNumber"_s)
        && (serialNumber.size() < 9 || serialNumber.size() > 256)) {
        return std::unexpected(validationError(
            u"1 validation error detected: Value at 'serialNumber' failed to satisfy constraint: "
            u"Member must have length %1 than or equal to %2"_s.arg(
                serialNumber.size() < 9 ? u"greater"_s : u"less"_s,
                serialNumber.size() < 9 ? u"9"_s : u"256"_s)));
    }
    if (params.contains(u"TokenCode"_s)) {
        // The code is never quoted back (AWS does, but it is a credential).
        static const QRegularExpression digits(u"^\\d{6}$"_s);
        if (!digits.match(tokenCode).hasMatch()) {
            return std::unexpected(validationError(
                u"1 validation error detected: Value at 'tokenCode' failed to satisfy "
                u"constraint: Member must have length 6 and satisfy regular expression pattern: "
                u"[\\d]*"_s));
        }
        if (!params.contains(u"SerialNumber"_s)) {
            return std::unexpected(validationError(
                u"1 validation error detected: Value null at 'serialNumber' failed to satisfy "
                u"constraint: Member must not be null when TokenCode is given"_s));
        }
    }

    const AwsError denied = queryAccessDenied(
        u"User: %1 is not authorized to perform: sts:AssumeRole on resource: %2"_s.arg(caller.arn,
                                                                                       roleArn));
    const qsizetype index = principalIndex(roleArn);
    if (index < 0 || !m_principals.at(index).isRole())
        return std::unexpected(denied);
    const SandboxPrincipal &role = m_principals.at(index);
    if (!caller.isRoot()) {
        EvaluationRequest request = baseRequest(caller, facts);
        request.action = u"sts:AssumeRole"_s;
        request.resource = roleArn;
        if (params.contains(u"ExternalId"_s))
            request.setContext(u"sts:ExternalId"_s, params.value(u"ExternalId"_s));
        const Decision identity = evaluate(caller, request, QString());
        if (identity.reason == Decision::Reason::ExplicitDeny)
            return std::unexpected(denied);
        const QStringList &trust = role.trustedPrincipalArns;
        const bool named = trust.contains(u"*"_s) || trust.contains(caller.arn)
            || trust.contains(caller.principalArn);
        // Trusting the account root delegates to the caller's identity policies.
        const bool delegated = trust.contains(rootArn()) || trust.contains(m_accountId);
        if (!named && !(delegated && identity.allowed()))
            return std::unexpected(denied);
    }

    // MFA: the serial must be one of the calling user's devices and the code its current one.
    bool multiFactor = false;
    const QDateTime now = facts.now.isValid() ? facts.now.toUTC() : QDateTime::currentDateTimeUtc();
    if (params.contains(u"SerialNumber"_s) || params.contains(u"TokenCode"_s)) {
        const AwsError invalidCode = queryAccessDenied(
            u"MultiFactorAuthentication failed with invalid MFA one time pass code."_s);
        if (tokenCode.isEmpty())
            return std::unexpected(invalidCode);
        const SandboxMfaDevice *device = nullptr;
        if (caller.kind == SandboxCaller::Kind::User && caller.principalIndex >= 0) {
            for (const SandboxMfaDevice &candidate :
                 m_principals.at(caller.principalIndex).mfaDevices) {
                if (candidate.serial == serialNumber)
                    device = &candidate;
            }
        }
        if (!device) {
            return std::unexpected(queryAccessDenied(
                u"MultiFactorAuthentication failed, unable to validate MFA code. Please verify "
                u"your MFA serial number is valid and associated with this user."_s));
        }
        if (!SandboxTotp::verify(device->seed, tokenCode, now))
            return std::unexpected(invalidCode);
        multiFactor = true;
    }
    if (role.requireMfa && !caller.isRoot() && !multiFactor)
        return std::unexpected(denied);
    if (duration > defaultSessionSeconds) {
        return std::unexpected(validationError(
            u"The requested DurationSeconds exceeds the MaxSessionDuration set for this role."_s));
    }

    return issueRoleSession(index, sessionName, duration, now, multiFactor,
                            u"sts:AssumeRole %1"_s.arg(role.name()));
}

SandboxRoleSession SandboxAuthorizer::issueRoleSession(qsizetype roleIndex,
                                                       const QString &sessionName, int seconds,
                                                       const QDateTime &now, bool multiFactor,
                                                       const QString &source)
{
    Q_ASSERT(roleIndex >= 0 && roleIndex < m_principals.size());
    const SandboxPrincipal &role = m_principals.at(roleIndex);
    static constexpr QStringView upper = u"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    static constexpr QStringView base64
        = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    SandboxRoleSession session;
    session.roleIndex = roleIndex;
    session.multiFactorAuthPresent = multiFactor;
    if (multiFactor)
        session.multiFactorAuthTime = now;
    do {
        session.credentials.accessKeyId = u"ASIA"_s + randomText(upper, 16);
    } while (credentialsFor(session.credentials.accessKeyId));
    session.credentials.secretAccessKey = randomText(base64, 40);
    session.credentials.sessionToken = u"IQoJb3JpZ2luX2VjE"_s + randomText(base64, 300);
    session.credentials.expiration = now.addSecs(seconds);
    session.credentials.source = source.isEmpty() ? u"role session %1"_s.arg(role.name()) : source;
    session.assumedRoleArn
        = u"arn:aws:sts::%1:assumed-role/%2/%3"_s.arg(role.accountId(), role.name(), sessionName);
    session.assumedRoleId = uniqueId(u"AROA"_s, role.arn) + u':' + sessionName;

    // Forget sessions that expired more than a day ago.
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it->credentials.expiration && it->credentials.expiration->addDays(1) < now)
            it = m_sessions.erase(it);
        else
            ++it;
    }
    m_sessions.insert(session.credentials.accessKeyId, session);
    return session;
}

void SandboxAuthorizer::setOidcProviders(QList<SandboxOidcProvider> providers)
{
    m_oidcProviders = std::move(providers);
}

aws::Result<SandboxWebIdentitySession>
SandboxAuthorizer::assumeRoleWithWebIdentity(const QHash<QString, QString> &params,
                                             const SandboxRequestFacts &facts)
{
    const auto checked = checkRoleRequest(params);
    if (!checked)
        return std::unexpected(checked.error());
    const int duration = *checked;
    if (!params.contains(u"WebIdentityToken"_s)) {
        return std::unexpected(validationError(
            u"1 validation error detected: Value null at 'webIdentityToken' failed to satisfy "
            "constraint: Member must not be null"_s));
    }
    const QString token = params.value(u"WebIdentityToken"_s);
    if (token.size() < 4 || token.size() > 20000) {
        return std::unexpected(validationError(
            u"1 validation error detected: Value at 'webIdentityToken' failed to satisfy "
            "constraint: Member must have length %1 than or equal to %2"_s.arg(
                token.size() < 4 ? u"greater"_s : u"less"_s,
                token.size() < 4 ? u"4"_s : u"20000"_s)));
    }
    const QDateTime now = facts.now.isValid() ? facts.now.toUTC() : QDateTime::currentDateTimeUtc();
    const auto verified = SandboxWebIdentityToken::verify(token, m_oidcProviders, now);
    if (!verified)
        return std::unexpected(verified.error());
    const SandboxOidcProvider &provider = m_oidcProviders.at(verified->providerIndex);
    const QString providerArn = provider.arn(m_accountId);

    const QString roleArn = params.value(u"RoleArn"_s);
    const qsizetype index = principalIndex(roleArn);
    const bool trusted = index >= 0 && m_principals.at(index).isRole()
        && m_principals.at(index).trustedPrincipalArns.contains(providerArn)
        && !m_principals.at(index).requireMfa;
    if (!trusted)
        return std::unexpected(
            queryAccessDenied(u"Not authorized to perform sts:AssumeRoleWithWebIdentity"_s));
    if (duration > defaultSessionSeconds) {
        return std::unexpected(validationError(
            u"The requested DurationSeconds exceeds the MaxSessionDuration set for this role."_s));
    }

    SandboxWebIdentitySession issued;
    issued.session
        = issueRoleSession(index, params.value(u"RoleSessionName"_s), duration, now, false,
                       u"sts:AssumeRoleWithWebIdentity %1"_s.arg(m_principals.at(index).name()));
    issued.subject = verified->subject;
    issued.audience = verified->audience;
    issued.providerArn = providerArn;
    return issued;
}

aws::Result<aws::SimulatePrincipalPolicyResult>
SandboxAuthorizer::simulatePrincipalPolicy(const SandboxCaller &caller,
                                           const QHash<QString, QString> &params,
                                           const SandboxRequestFacts &facts) const
{
    const QString source = params.value(u"PolicySourceArn"_s);
    if (!params.contains(u"PolicySourceArn"_s)) {
        return std::unexpected(
            validationError(u"1 validation error detected: Value null at 'policySourceArn' failed "
                            "to satisfy constraint: Member must not be null"_s));
    }
    const QStringList actions = memberList(params, u"ActionNames"_s);
    if (actions.isEmpty()) {
        return std::unexpected(
            validationError(u"1 validation error detected: Value null at 'actionNames' failed to "
                            "satisfy constraint: Member must not be null"_s));
    }
    if (!caller.isRoot()) {
        EvaluationRequest request = baseRequest(caller, facts);
        request.action = u"iam:SimulatePrincipalPolicy"_s;
        request.resource = source;
        const Decision decision = evaluate(caller, request, QString());
        if (!decision.allowed()) {
            return std::unexpected(queryAccessDenied(
                deniedMessage(caller.arn, u"iam:SimulatePrincipalPolicy"_s, source, decision)));
        }
    }
    const qsizetype index = principalIndex(source);
    if (index < 0) {
        const bool role = source.section(u':', 5).startsWith(u"role/"_s);
        const bool user = source.section(u':', 5).startsWith(u"user/"_s);
        if (!role && !user) {
            return std::unexpected(SandboxStore::serviceError(
                u"InvalidInput"_s, u"Invalid ARN: Could not be parsed!"_s));
        }
        return std::unexpected(
            SandboxStore::serviceError(u"NoSuchEntity"_s,
                                       u"The %1 with name %2 cannot be found."_s.arg(
                                           role ? u"role"_s : u"user"_s, source.section(u'/', -1)),
                                       404));
    }

    struct Source
    {
        PolicyDocument document;
        QByteArray text;
        QString type;
    };
    QList<Source> identity;
    const QString ownType = m_principals.at(index).isRole() ? u"role"_s : u"user"_s;
    for (const NamedPolicy &policy : m_policies.at(index))
        identity.append(Source { policy.document, policy.text, ownType });
    const QStringList inputs = memberList(params, u"PolicyInputList"_s);
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QString name = u"PolicyInputList.%1"_s.arg(i + 1);
        auto document = PolicyDocument::parse(inputs.at(i).toUtf8(), name);
        if (!document) {
            return std::unexpected(SandboxStore::serviceError(
                u"MalformedPolicyDocument"_s, u"%1: %2"_s.arg(name, document.error().toString())));
        }
        identity.append(Source { std::move(*document), inputs.at(i).toUtf8(), u"IAM Policy"_s });
    }
    std::optional<Source> resourcePolicy;
    if (params.contains(u"ResourcePolicy"_s)) {
        const QByteArray text = params.value(u"ResourcePolicy"_s).toUtf8();
        auto document = PolicyDocument::parse(text, u"ResourcePolicy"_s);
        if (!document) {
            return std::unexpected(SandboxStore::serviceError(
                u"MalformedPolicyDocument"_s,
                u"ResourcePolicy: %1"_s.arg(document.error().toString())));
        }
        resourcePolicy = Source { std::move(*document), text, u"resource"_s };
    }

    QList<PolicyDocument> documents;
    for (const Source &policy : std::as_const(identity))
        documents.append(policy.document);
    const policy::PolicyEvaluator evaluator(
        documents, resourcePolicy ? std::optional(resourcePolicy->document) : std::nullopt);

    EvaluationRequest base;
    base.principal = params.value(u"CallerArn"_s, source);
    for (int i = 1;; ++i) {
        const QString prefix = u"ContextEntries.member.%1."_s.arg(i);
        if (!params.contains(prefix + u"ContextKeyName"_s))
            break;
        base.setContext(params.value(prefix + u"ContextKeyName"_s),
                        memberList(params, prefix + u"ContextKeyValues"_s));
    }
    QStringList resources = memberList(params, u"ResourceArns"_s);
    if (resources.isEmpty())
        resources = { u"*"_s };

    const auto matchedStatement
        = [&](const Decision &decision) -> std::optional<aws::MatchedStatement> {
        if (decision.statementIndex < 0)
            return std::nullopt;
        const Source *from = nullptr;
        if (decision.fromResourcePolicy && resourcePolicy) {
            from = &*resourcePolicy;
        } else {
            for (const Source &policy : std::as_const(identity)) {
                if (policy.document.name() == decision.policyName) {
                    from = &policy;
                    break;
                }
            }
        }
        if (!from)
            return std::nullopt;
        const PolicyDocument::Json json
            = PolicyDocument::Json::parse(from->text.toStdString(), nullptr, false);
        const policy::PolicyJsonLocator locator(from->text);
        const auto start = locator.position(statementPointer(json, decision.statementIndex));
        const auto end = endOfValue(from->text, start);
        return aws::MatchedStatement {
            decision.policyName, from->type, { start.line, start.column }, { end.line, end.column }
        };
    };

    QList<aws::EvaluationResult> all;
    for (const QString &action : actions) {
        for (const QString &resource : std::as_const(resources)) {
            EvaluationRequest request = base;
            request.action = action;
            request.resource = resource;
            const Decision decision = evaluator.evaluate(request);
            aws::EvaluationResult result;
            result.evalActionName = action;
            result.evalResourceName = resource;
            switch (decision.reason) {
            case Decision::Reason::Allowed:
                result.evalDecision = u"allowed"_s;
                break;
            case Decision::Reason::ExplicitDeny:
                result.evalDecision = u"explicitDeny"_s;
                break;
            case Decision::Reason::ImplicitDeny:
                result.evalDecision = u"implicitDeny"_s;
                break;
            }
            if (const auto statement = matchedStatement(decision))
                result.matchedStatements.append(*statement);
            if (resourcePolicy) {
                const Decision identityOnly = policy::PolicyEvaluator(documents).evaluate(request);
                result.evalDecisionDetails.insert(u"IAM Policy"_s,
                                                  identityOnly.allowed() ? u"allowed"_s
                                                      : identityOnly.reason
                                                          == Decision::Reason::ExplicitDeny
                                                      ? u"explicitDeny"_s
                                                      : u"implicitDeny"_s);
            }
            all.append(std::move(result));
        }
    }

    bool ok = true;
    const int maxItems
        = params.contains(u"MaxItems"_s) ? params.value(u"MaxItems"_s).toInt(&ok) : 100;
    if (!ok || maxItems < 1 || maxItems > 1000) {
        return std::unexpected(
            validationError(u"1 validation error detected: Value '%1' at 'maxItems' failed to "
                            "satisfy constraint: Member must have value between 1 and 1000"_s.arg(
                                params.value(u"MaxItems"_s))));
    }
    const qsizetype offset = params.value(u"Marker"_s).toLongLong();
    if (offset < 0 || offset > all.size())
        return std::unexpected(SandboxStore::serviceError(u"InvalidInput"_s, u"Invalid Marker."_s));
    aws::SimulatePrincipalPolicyResult result;
    result.evaluationResults = all.mid(offset, maxItems);
    if (offset + maxItems < all.size()) {
        result.isTruncated = true;
        result.marker = QString::number(offset + maxItems);
    }
    return result;
}

} // namespace coffer::sandbox
