// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policygenerator.h"

#include "models/policy/policyactions.h"
#include "models/policy/policydocument.h"
#include "models/policy/policywildcard.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
using Json = nlohmann::ordered_json;

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::policy::PolicyGenerator", text);
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

/// The Sid of a statement of explicitly asked-for actions: named after the action when there is
/// one ("GetSecretValue" for a plain GetSecretValue grant), else `fallback`.
QString customSid(const QStringList &actions, const QString &fallback)
{
    if (actions.size() != 1)
        return fallback;
    const QString action = actions.first().section(u':', 1);
    const bool plainName = !action.isEmpty() && !action.contains(u'*') && !action.contains(u'?');
    return plainName ? action : fallback;
}

Json stringList(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &item : list)
        array.push_back(utf8(item));
    return array;
}

/// A single string stays a string, as people write policies; several become a list.
Json stringOrList(const QStringList &list)
{
    return list.size() == 1 ? Json(utf8(list.first())) : stringList(list);
}

const QStringList &manageActions()
{
    static const QStringList list {
        u"secretsmanager:CreateSecret"_s,         u"secretsmanager:DeleteSecret"_s,
        u"secretsmanager:RestoreSecret"_s,        u"secretsmanager:TagResource"_s,
        u"secretsmanager:UntagResource"_s,        u"secretsmanager:GetResourcePolicy"_s,
        u"secretsmanager:PutResourcePolicy"_s,    u"secretsmanager:DeleteResourcePolicy"_s,
        u"secretsmanager:ValidateResourcePolicy"_s, u"secretsmanager:RotateSecret"_s,
        u"secretsmanager:CancelRotateSecret"_s,
    };
    return list;
}

bool isUnscoped(const QString &action)
{
    for (const QString &name : PolicyActions::unscopedSecretsManagerActions()) {
        if (action.compare(u"secretsmanager:"_s + name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

struct Plan
{
    QStringList read; ///< scoped, in order
    QStringList write;
    QStringList manage;
    QStringList custom;
    QStringList unscoped;
    bool createSecret = false; ///< manage: CreateSecret (split out for tag scopes)
    bool decrypt = false;
    bool generateDataKey = false;
    QStringList notes;
};

std::expected<QStringList, QString> canonicalExtraActions(const QStringList &actions)
{
    QStringList result;
    for (const QString &raw : actions) {
        QString action = raw.trimmed();
        if (!action.contains(u':'))
            action = u"secretsmanager:"_s + action;
        if (!action.startsWith(u"secretsmanager:"_s, Qt::CaseInsensitive)) {
            return std::unexpected(
                tr("'%1' is not a Secrets Manager action; KMS permissions come from the KMS keys "
                   "given (--kms-key)")
                    .arg(raw));
        }
        if (PolicyWildcard::hasWildcard(action) || !PolicyActions::isKnown(action)) {
            return std::unexpected(
                tr("'%1' is not a Secrets Manager action (known: %2)")
                    .arg(raw, PolicyActions::secretsManagerActions().join(u", "_s)));
        }
        result.append(PolicyActions::canonical(action));
    }
    return result;
}

std::expected<void, QString> validate(const PolicyGeneratorRequest &request, bool needsScope)
{
    static const QRegularExpression accountPattern(u"^\\d{12}$"_s);
    static const QRegularExpression regionPattern(u"^[a-z]{2}(-[a-z]+)+-\\d+$"_s);
    for (const QString &key : request.kmsKeyArns) {
        static const QRegularExpression keyArn(
            u"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]+$"_s);
        if (!keyArn.match(key).hasMatch()) {
            return std::unexpected(
                tr("'%1' is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); IAM "
                   "checks the key ARN, never an alias")
                    .arg(key));
        }
    }
    // A resource policy names neither: its Resource is "*", the secret it is attached to.
    if (!needsScope)
        return {};
    if (!accountPattern.match(request.account).hasMatch())
        return std::unexpected(
            tr("the account must be 12 digits, not '%1'").arg(request.account));
    if (!regionPattern.match(request.region).hasMatch())
        return std::unexpected(
            tr("'%1' is not a region name (like eu-west-1)").arg(request.region));
    const PolicyScope &scope = request.scope;
    switch (scope.kind) {
    case PolicyScope::Kind::Namespace:
        if (scope.prefix.isEmpty())
            return std::unexpected(tr("the namespace prefix is empty"));
        if (PolicyWildcard::hasWildcard(scope.prefix))
            return std::unexpected(
                tr("the namespace prefix '%1' contains a wildcard; give the prefix itself")
                    .arg(scope.prefix));
        if (const QString problem = PolicyGenerator::checkSecretName(scope.prefix);
            !problem.isEmpty())
            return std::unexpected(problem);
        break;
    case PolicyScope::Kind::Secrets:
        if (scope.secretNames.isEmpty())
            return std::unexpected(tr("no secret given"));
        for (const QString &name : scope.secretNames) {
            if (name.startsWith(u"arn:"_s)) {
                if (!name.contains(u":secretsmanager:"_s) || !name.contains(u":secret:"_s))
                    return std::unexpected(tr("'%1' is not a secret ARN").arg(name));
                continue;
            }
            if (const QString problem = PolicyGenerator::checkSecretName(name);
                !problem.isEmpty())
                return std::unexpected(problem);
        }
        break;
    case PolicyScope::Kind::Tag:
        if (scope.tagKey.isEmpty())
            return std::unexpected(tr("the tag key is empty"));
        break;
    }
    return {};
}

std::expected<Plan, QString> plan(const PolicyGeneratorRequest &request)
{
    Plan plan;
    const AccessLevels access = request.access;
    if (access & AccessLevel::Read)
        plan.read = PolicyGenerator::actionsFor(AccessLevel::Read);
    if (request.batchGet && !plan.read.contains(u"secretsmanager:GetSecretValue"_s)) {
        plan.read.prepend(u"secretsmanager:GetSecretValue"_s);
        plan.notes.append(tr("BatchGetSecretValue also needs GetSecretValue on each secret; it "
                             "was added for the secrets in scope."));
    }
    if (access & AccessLevel::Write)
        plan.write = PolicyGenerator::actionsFor(AccessLevel::Write);
    if (access & AccessLevel::Manage) {
        plan.manage = manageActions();
        plan.createSecret = true;
    }
    auto extra = canonicalExtraActions(request.extraActions);
    if (!extra)
        return std::unexpected(extra.error());
    if (access & AccessLevel::List)
        plan.unscoped.append(u"secretsmanager:ListSecrets"_s);
    if (request.batchGet)
        plan.unscoped.append(u"secretsmanager:BatchGetSecretValue"_s);
    for (const QString &action : std::as_const(*extra)) {
        if (isUnscoped(action)) {
            if (!plan.unscoped.contains(action))
                plan.unscoped.append(action);
        } else if (!plan.read.contains(action) && !plan.write.contains(action)
                   && !plan.manage.contains(action) && !plan.custom.contains(action)) {
            plan.custom.append(action);
        }
    }
    if (plan.read.isEmpty() && plan.write.isEmpty() && plan.manage.isEmpty()
        && plan.custom.isEmpty() && plan.unscoped.isEmpty())
        return std::unexpected(tr("no access asked for: give read, list, write, manage or actions"));
    if (plan.unscoped.contains(u"secretsmanager:ListSecrets"_s)) {
        plan.notes.append(tr("ListSecrets cannot be limited to secrets: it lists the names and "
                             "metadata (never values) of every secret in the account."));
    }
    plan.decrypt = !plan.read.isEmpty() || !plan.write.isEmpty() || !plan.manage.isEmpty();
    plan.generateDataKey = !plan.write.isEmpty() || !plan.manage.isEmpty();
    return plan;
}

Json statement(const QString &sid, const QStringList &actions, const QStringList &resources)
{
    Json json;
    json["Sid"] = utf8(sid);
    json["Effect"] = "Allow";
    json["Action"] = stringOrList(actions);
    json["Resource"] = stringOrList(resources);
    return json;
}

QString tagConditionKey(const PolicyScope &scope)
{
    return (scope.globalTagKey ? u"aws:ResourceTag/"_s : u"secretsmanager:ResourceTag/"_s)
        + scope.tagKey;
}
} // namespace

QStringList PolicyGenerator::actionsFor(AccessLevels levels)
{
    QStringList actions;
    if (levels & AccessLevel::Read)
        actions << u"secretsmanager:GetSecretValue"_s << u"secretsmanager:DescribeSecret"_s;
    if (levels & AccessLevel::List)
        actions << u"secretsmanager:ListSecrets"_s;
    if (levels & AccessLevel::Write)
        actions << u"secretsmanager:PutSecretValue"_s << u"secretsmanager:UpdateSecret"_s
                << u"secretsmanager:UpdateSecretVersionStage"_s;
    if (levels & AccessLevel::Manage)
        actions << manageActions();
    return actions;
}

QString PolicyGenerator::partitionOf(const QString &region)
{
    if (region.startsWith(u"cn-"_s))
        return u"aws-cn"_s;
    if (region.startsWith(u"us-gov-"_s))
        return u"aws-us-gov"_s;
    return u"aws"_s;
}

QString PolicyGenerator::secretArnPattern(const QString &region, const QString &account,
                                          const QString &name)
{
    return u"arn:%1:secretsmanager:%2:%3:secret:%4-??????"_s.arg(partitionOf(region), region,
                                                                 account, name);
}

QString PolicyGenerator::namespaceArnPattern(const QString &region, const QString &account,
                                             const QString &prefix)
{
    return u"arn:%1:secretsmanager:%2:%3:secret:%4*"_s.arg(partitionOf(region), region, account,
                                                          prefix);
}

QString PolicyGenerator::checkSecretName(const QString &name)
{
    static const QRegularExpression allowed(u"^[A-Za-z0-9/_+=.@-]+$"_s);
    if (name.isEmpty())
        return tr("a secret name cannot be empty");
    if (name.size() > 512)
        return tr("'%1...' is longer than 512 characters").arg(name.first(20));
    if (!allowed.match(name).hasMatch())
        return tr("'%1' is not a secret name: use only letters, digits and /_+=.@-").arg(name);
    return {};
}

QStringList PolicyGenerator::scopeResources(const PolicyGeneratorRequest &request)
{
    const PolicyScope &scope = request.scope;
    switch (scope.kind) {
    case PolicyScope::Kind::Namespace: {
        QString prefix = scope.prefix;
        if (!prefix.endsWith(u'/'))
            prefix += u'/';
        return { namespaceArnPattern(request.region, request.account, prefix) };
    }
    case PolicyScope::Kind::Secrets: {
        QStringList resources;
        for (const QString &name : scope.secretNames) {
            const QString resource = name.startsWith(u"arn:"_s)
                ? name
                : secretArnPattern(request.region, request.account, name);
            if (!resources.contains(resource))
                resources.append(resource);
        }
        return resources;
    }
    case PolicyScope::Kind::Tag:
        return { u"*"_s };
    }
    return {};
}

std::expected<GeneratedPolicy, QString>
PolicyGenerator::identityPolicy(const PolicyGeneratorRequest &request)
{
    if (auto valid = validate(request, true); !valid)
        return std::unexpected(valid.error());
    auto planned = plan(request);
    if (!planned)
        return std::unexpected(planned.error());
    Plan &p = *planned;
    GeneratedPolicy result;
    result.notes = p.notes;
    const PolicyScope &scope = request.scope;
    const QStringList resources = scopeResources(request);
    if (scope.kind == PolicyScope::Kind::Namespace && !scope.prefix.endsWith(u'/')) {
        result.notes.append(tr("A namespace ends with '/': '%1' was scoped as '%1/', so that "
                               "'%1-other' is not included.")
                                .arg(scope.prefix));
    }
    const bool tagScope = scope.kind == PolicyScope::Kind::Tag;
    Json tagCondition;
    if (tagScope) {
        tagCondition["StringEquals"][utf8(tagConditionKey(scope))] = utf8(scope.tagValue);
    }

    Json statements = Json::array();
    const auto addScoped = [&](const QString &sid, QStringList actions) {
        if (tagScope && actions.removeAll(u"secretsmanager:CreateSecret"_s) > 0) {
            // A secret being created has no tags yet: check the tags of the request instead.
            Json create = statement(u"CreateTaggedSecrets"_s, { u"secretsmanager:CreateSecret"_s },
                                    { u"*"_s });
            create["Condition"]["StringEquals"][utf8(u"aws:RequestTag/"_s + scope.tagKey)]
                = utf8(scope.tagValue);
            statements.push_back(std::move(create));
        }
        if (actions.isEmpty())
            return;
        Json json = statement(sid, actions, resources);
        if (tagScope)
            json["Condition"] = tagCondition;
        statements.push_back(std::move(json));
    };
    if (!p.read.isEmpty())
        addScoped(u"ReadSecrets"_s, p.read);
    if (!p.write.isEmpty())
        addScoped(u"WriteSecrets"_s, p.write);
    if (!p.manage.isEmpty())
        addScoped(u"ManageSecrets"_s, p.manage);
    if (!p.custom.isEmpty())
        addScoped(customSid(p.custom, u"OtherSecretActions"_s), p.custom);
    if (!p.unscoped.isEmpty()) {
        const QString sid = p.unscoped == QStringList { u"secretsmanager:ListSecrets"_s }
            ? u"ListSecrets"_s
            : u"AccountWideSecretActions"_s;
        statements.push_back(statement(sid, p.unscoped, { u"*"_s }));
    }
    if (!request.kmsKeyArns.isEmpty() && (p.decrypt || p.generateDataKey)) {
        QStringList kms;
        if (p.decrypt)
            kms.append(u"kms:Decrypt"_s);
        if (p.generateDataKey)
            kms.append(u"kms:GenerateDataKey"_s);
        Json json = statement(u"UseSecretKmsKeys"_s, kms, request.kmsKeyArns);
        json["Condition"]["StringEquals"]["kms:ViaService"]
            = utf8(u"secretsmanager.%1.amazonaws.com"_s.arg(request.region));
        statements.push_back(std::move(json));
    } else if (!request.kmsKeyArns.isEmpty()) {
        result.notes.append(tr("Listing secrets needs no KMS permission: the KMS keys were not "
                               "used."));
    }

    result.document["Version"] = PolicyDocument::currentVersion;
    result.document["Statement"] = std::move(statements);
    return result;
}

std::expected<GeneratedPolicy, QString>
PolicyGenerator::resourcePolicy(const PolicyGeneratorRequest &request)
{
    if (auto valid = validate(request, false); !valid)
        return std::unexpected(valid.error());
    static const QRegularExpression principalPattern(u"^(\\d{12}|arn:aws[a-z-]*:[a-z]+::\\d{12}:.+)$"_s);
    if (!principalPattern.match(request.principal).hasMatch()) {
        return std::unexpected(tr("a resource policy needs a principal: an IAM ARN "
                                  "(arn:aws:iam::123456789012:role/app) or an account id, not "
                                  "'%1'")
                                   .arg(request.principal));
    }
    auto planned = plan(request);
    if (!planned)
        return std::unexpected(planned.error());
    Plan &p = *planned;
    GeneratedPolicy result;
    result.notes = p.notes;
    result.notes.append(tr("A resource policy is attached to one secret, and its Resource is "
                           "\"*\": that secret. Attach it to each secret in scope."));
    if (!p.unscoped.isEmpty()) {
        result.notes.append(tr("%1 cannot be granted by a secret's resource policy: put it in "
                               "an identity policy.")
                                .arg(p.unscoped.join(u", "_s)));
    }
    if (p.manage.removeAll(u"secretsmanager:CreateSecret"_s) > 0) {
        result.notes.append(tr("CreateSecret cannot be granted by a resource policy (the secret "
                               "does not exist yet): it was left out."));
    }
    if (!request.kmsKeyArns.isEmpty()) {
        result.notes.append(tr("KMS permissions belong in the key policy of each key, with the "
                               "condition kms:ViaService = secretsmanager.%1.amazonaws.com.")
                                .arg(request.region.isEmpty() ? u"<region>"_s : request.region));
    }
    Json principal;
    principal["AWS"] = utf8(request.principal);
    Json statements = Json::array();
    const auto add = [&](const QString &sid, const QStringList &actions) {
        if (actions.isEmpty())
            return;
        Json json;
        json["Sid"] = utf8(sid);
        json["Effect"] = "Allow";
        json["Principal"] = principal;
        json["Action"] = stringOrList(actions);
        json["Resource"] = "*";
        statements.push_back(std::move(json));
    };
    add(u"ReadSecret"_s, p.read);
    add(u"WriteSecret"_s, p.write);
    add(u"ManageSecret"_s, p.manage);
    add(customSid(p.custom, u"OtherSecretActions"_s), p.custom);
    if (statements.empty())
        return std::unexpected(tr("none of the actions asked for can be granted by a resource "
                                  "policy"));
    result.document["Version"] = PolicyDocument::currentVersion;
    result.document["Statement"] = std::move(statements);
    return result;
}

} // namespace coffer::policy
