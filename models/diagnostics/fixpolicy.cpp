// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diagnostics/fixpolicy.h"

#include "models/policy/policygenerator.h"

#include <nlohmann/json.hpp>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace coffer::diagnostics {

namespace {
using Json = nlohmann::ordered_json;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

Json oneOrList(const QStringList &values)
{
    if (values.size() == 1)
        return utf8(values.first());
    Json array = Json::array();
    for (const QString &value : values)
        array.push_back(utf8(value));
    return array;
}

QString text(const Json &statement)
{
    return QString::fromStdString(statement.dump(2));
}

/// "Coffer" + the actions without their service prefix: "CofferGetSecretValue".
QString sidFor(const QStringList &actions)
{
    QString sid = u"Coffer"_s;
    for (const QString &action : actions)
        sid += action.section(u':', 1);
    static const QRegularExpression notAlphanumeric(u"[^A-Za-z0-9]"_s);
    return sid.remove(notAlphanumeric).left(100);
}
} // namespace

QString FixPolicy::secretArnPattern(const QString &partition, const QString &region,
                                    const QString &account, const QString &name)
{
    return u"arn:%1:secretsmanager:%2:%3:secret:%4-??????"_s.arg(partition, region, account, name);
}

QString FixPolicy::prefixArnPattern(const QString &partition, const QString &region,
                                    const QString &account, const QString &prefix)
{
    return u"arn:%1:secretsmanager:%2:%3:secret:%4*"_s.arg(partition, region, account, prefix);
}

QString FixPolicy::kmsKeyArn(const QString &keyId, const QString &partition, const QString &region,
                             const QString &account)
{
    if (keyId.startsWith(u"arn:"_s))
        return keyId;
    if (keyId.startsWith(u"alias/"_s))
        return u"arn:%1:kms:%2:%3:%4"_s.arg(partition, region, account, keyId);
    return u"arn:%1:kms:%2:%3:key/%4"_s.arg(partition, region, account, keyId);
}

QString FixPolicy::identityStatement(const PermissionNeed &need)
{
    // The policy generator of models/policy writes the statement whenever the need can be put as
    // one of its requests (it wants a real account, region and a scope).
    policy::PolicyGeneratorRequest request;
    request.region = need.region;
    request.account = need.account;
    if (!need.prefix.isEmpty()) {
        request.scope.kind = policy::PolicyScope::Kind::Namespace;
        request.scope.prefix = need.prefix;
    } else {
        request.scope.kind = policy::PolicyScope::Kind::Secrets;
        request.scope.secretNames = need.secretNames;
    }
    for (const QString &action : need.actions) {
        if (action == u"secretsmanager:ListSecrets"_s)
            request.access |= policy::AccessLevel::List;
        else
            request.extraActions << action;
    }
    const bool scoped = !request.scope.prefix.isEmpty() || !request.scope.secretNames.isEmpty();
    const bool listOnly = request.extraActions.isEmpty();
    if (scoped && (!need.anyResource || listOnly)) {
        if (auto generated = policy::PolicyGenerator::identityPolicy(request)) {
            const Json &statements = generated->document["Statement"];
            if (statements.is_array() && statements.size() == 1)
                return text(statements.front());
            if (statements.is_array() && !statements.empty())
                return text(generated->document);
        }
    }

    QStringList resources;
    if (need.anyResource) {
        resources << u"*"_s;
    } else if (!need.prefix.isEmpty()) {
        resources << prefixArnPattern(need.partition, need.region, need.account, need.prefix);
    } else {
        for (const QString &name : need.secretNames)
            resources << secretArnPattern(need.partition, need.region, need.account, name);
    }
    if (resources.isEmpty())
        resources << u"*"_s;
    Json statement;
    statement["Sid"] = utf8(sidFor(need.actions));
    statement["Effect"] = "Allow";
    statement["Action"] = oneOrList(need.actions);
    statement["Resource"] = oneOrList(resources);
    return text(statement);
}

QString FixPolicy::kmsDecryptStatement(const QString &keyArn, const QString &region,
                                       const QString &partition)
{
    const QString suffix = partition == u"aws-cn"_s ? u"amazonaws.com.cn"_s : u"amazonaws.com"_s;
    Json statement;
    statement["Sid"] = "CofferDecryptThroughSecretsManager";
    statement["Effect"] = "Allow";
    statement["Action"] = "kms:Decrypt";
    statement["Resource"] = utf8(keyArn);
    statement["Condition"] = {{"StringEquals",
                               {{"kms:ViaService", utf8(u"secretsmanager.%1.%2"_s.arg(region, suffix))}}}};
    return text(statement);
}

QString FixPolicy::kmsKeyPolicyStatement(const QString &principalArn, const QString &region)
{
    Json statement;
    statement["Sid"] = "AllowSecretsManagerDecrypt";
    statement["Effect"] = "Allow";
    statement["Principal"] = {{"AWS", utf8(principalArn)}};
    statement["Action"] = "kms:Decrypt";
    statement["Resource"] = "*";
    statement["Condition"] = {{"StringEquals",
                               {{"kms:ViaService", utf8(u"secretsmanager.%1.amazonaws.com"_s.arg(region))}}}};
    return text(statement);
}

QString FixPolicy::resourcePolicyStatement(const QString &principalArn, const QStringList &actions)
{
    Json statement;
    statement["Sid"] = utf8(sidFor(actions));
    statement["Effect"] = "Allow";
    statement["Principal"] = {{"AWS", utf8(principalArn)}};
    statement["Action"] = oneOrList(actions);
    statement["Resource"] = "*";
    return text(statement);
}

QString FixPolicy::generatorName()
{
    return u"models/policy PolicyGenerator (KMS statements: models/diagnostics/fixpolicy.cpp)"_s;
}

} // namespace coffer::diagnostics
