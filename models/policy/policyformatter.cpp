// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policyformatter.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
using Json = PolicyFormatter::Json;

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

/// A scalar as text: strings as they are, numbers and booleans as JSON writes them.
QString scalarText(const Json &value)
{
    return value.is_string() ? fromUtf8(value.get<std::string>()) : fromUtf8(value.dump());
}

QStringList textList(const Json &value)
{
    QStringList list;
    if (value.is_array()) {
        for (const Json &item : value)
            list.append(scalarText(item));
    } else if (!value.is_null()) {
        list.append(scalarText(value));
    }
    return list;
}

/// A JSON string literal, which both HCL and YAML (double-quoted style) read.
QString quoted(const QString &text)
{
    return fromUtf8(Json(text.toStdString()).dump(-1, ' ', false, Json::error_handler_t::replace));
}

/// HCL also interpolates "${...}" and "%{...}": doubled, they stay literal.
QString hclQuoted(const QString &text)
{
    QString result = quoted(text);
    result.replace(u"${"_s, u"$${"_s);
    result.replace(u"%{"_s, u"%%{"_s);
    return result;
}

QString hclList(const QStringList &items, const QString &indent)
{
    if (items.isEmpty())
        return u"[]"_s;
    QString text = u"[\n"_s;
    for (const QString &item : items)
        text += indent + u"  "_s + hclQuoted(item) + u",\n"_s;
    return text + indent + u']';
}

void hclPrincipals(QString &text, const char *block, const Json &principal)
{
    const QString name = QString::fromLatin1(block);
    if (principal.is_string()) {
        text += u"\n    %1 {\n      type        = \"*\"\n      identifiers = [\"*\"]\n    }\n"_s.arg(
            name);
        return;
    }
    for (const auto &[type, ids] : principal.items()) {
        text += u"\n    "_s + name + u" {\n"_s;
        text += u"      type        = "_s + hclQuoted(fromUtf8(type)) + u'\n';
        text += u"      identifiers = "_s + hclList(textList(ids), u"      "_s) + u'\n';
        text += u"    }\n"_s;
    }
}

bool isPlainYamlKey(const QString &key)
{
    if (key.isEmpty())
        return false;
    for (const QChar c : key) {
        if (!c.isLetterOrNumber() && c != u'_' && c != u'-' && c != u'.')
            return false;
    }
    return true;
}

QString yamlKey(const QString &key)
{
    return isPlainYamlKey(key) ? key : quoted(key);
}

QString yamlScalar(const Json &value)
{
    if (value.is_string())
        return quoted(fromUtf8(value.get<std::string>()));
    if (value.is_null())
        return u"null"_s;
    return fromUtf8(value.dump());
}

void yamlValue(QString &text, const Json &value, int indent);

/// The members of `object`, each on its own line at `indent`.
void yamlObject(QString &text, const Json &object, int indent, bool firstInline = false)
{
    bool first = true;
    for (const auto &[key, member] : object.items()) {
        if (!(first && firstInline))
            text += QString(indent, u' ');
        first = false;
        text += yamlKey(fromUtf8(key)) + u':';
        if ((member.is_object() && !member.empty()) || (member.is_array() && !member.empty())) {
            text += u'\n';
            yamlValue(text, member, member.is_array() ? indent + 2 : indent + 2);
        } else if (member.is_object()) {
            text += u" {}\n"_s;
        } else if (member.is_array()) {
            text += u" []\n"_s;
        } else {
            text += u' ' + yamlScalar(member) + u'\n';
        }
    }
}

void yamlValue(QString &text, const Json &value, int indent)
{
    if (value.is_object()) {
        yamlObject(text, value, indent);
    } else if (value.is_array()) {
        for (const Json &item : value) {
            text += QString(indent, u' ') + u"- "_s;
            if (item.is_object() && !item.empty()) {
                yamlObject(text, item, indent + 2, true);
            } else if (item.is_array() && !item.empty()) {
                text += u'\n';
                yamlValue(text, item, indent + 2);
            } else {
                text += yamlScalar(item) + u'\n';
            }
        }
    } else {
        text += QString(indent, u' ') + yamlScalar(value) + u'\n';
    }
}

QList<const Json *> statementsOf(const Json &policy)
{
    QList<const Json *> list;
    if (!policy.is_object() || !policy.contains("Statement"))
        return list;
    const Json &statements = policy["Statement"];
    if (statements.is_object()) {
        list.append(&statements);
    } else if (statements.is_array()) {
        for (const Json &statement : statements)
            list.append(&statement);
    }
    return list;
}
} // namespace

std::optional<PolicyFormatter::Format> PolicyFormatter::formatFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == u"json"_s)
        return Format::Json;
    if (lower == u"terraform"_s || lower == u"tf"_s || lower == u"hcl"_s)
        return Format::Terraform;
    if (lower == u"cloudformation"_s || lower == u"cfn"_s || lower == u"yaml"_s)
        return Format::CloudFormation;
    return std::nullopt;
}

QString PolicyFormatter::toJson(const Json &policy)
{
    return fromUtf8(policy.dump(2, ' ', false, Json::error_handler_t::replace)) + u'\n';
}

QString PolicyFormatter::toTerraform(const Json &policy, const QString &dataName)
{
    QString text = u"data \"aws_iam_policy_document\" "_s + quoted(dataName) + u" {\n"_s;
    if (policy.is_object() && policy.contains("Version"))
        text += u"  version = "_s + hclQuoted(scalarText(policy["Version"])) + u'\n';
    for (const Json *statementPointer : statementsOf(policy)) {
        const Json &statement = *statementPointer;
        text += u"\n  statement {\n"_s;
        if (statement.contains("Sid"))
            text += u"    sid    = "_s + hclQuoted(scalarText(statement["Sid"])) + u'\n';
        if (statement.contains("Effect"))
            text += u"    effect = "_s + hclQuoted(scalarText(statement["Effect"])) + u'\n';
        const auto list = [&](const char *key, const char *hclName) {
            if (!statement.contains(key))
                return;
            text += u"    "_s + QString::fromLatin1(hclName) + u" = "_s
                + hclList(textList(statement[key]), u"    "_s) + u'\n';
        };
        list("Action", "actions");
        list("NotAction", "not_actions");
        list("Resource", "resources");
        list("NotResource", "not_resources");
        if (statement.contains("Principal"))
            hclPrincipals(text, "principals", statement["Principal"]);
        if (statement.contains("NotPrincipal"))
            hclPrincipals(text, "not_principals", statement["NotPrincipal"]);
        if (statement.contains("Condition") && statement["Condition"].is_object()) {
            for (const auto &[test, keys] : statement["Condition"].items()) {
                if (!keys.is_object())
                    continue;
                for (const auto &[variable, values] : keys.items()) {
                    text += u"\n    condition {\n"_s;
                    text += u"      test     = "_s + hclQuoted(fromUtf8(test)) + u'\n';
                    text += u"      variable = "_s + hclQuoted(fromUtf8(variable)) + u'\n';
                    text += u"      values   = "_s + hclList(textList(values), u"      "_s)
                        + u'\n';
                    text += u"    }\n"_s;
                }
            }
        }
        text += u"  }\n"_s;
    }
    return text + u"}\n"_s;
}

QString PolicyFormatter::toCloudFormation(const Json &policy, const QString &logicalId,
                                          const QString &secretId)
{
    bool resourcePolicy = false;
    for (const Json *statement : statementsOf(policy)) {
        if (statement->contains("Principal") || statement->contains("NotPrincipal"))
            resourcePolicy = true;
    }
    Json resource;
    if (resourcePolicy) {
        resource["Type"] = "AWS::SecretsManager::ResourcePolicy";
        resource["Properties"]["SecretId"]
            = secretId.isEmpty() ? std::string("REPLACE-WITH-SECRET-NAME-OR-ARN")
                                 : secretId.toStdString();
        resource["Properties"]["BlockPublicPolicy"] = true;
        resource["Properties"]["ResourcePolicy"] = policy;
    } else {
        resource["Type"] = "AWS::IAM::ManagedPolicy";
        resource["Properties"]["Description"] = "Written by Coffer";
        resource["Properties"]["PolicyDocument"] = policy;
    }
    Json templateJson;
    templateJson["AWSTemplateFormatVersion"] = "2010-09-09";
    templateJson["Resources"][logicalId.toStdString()] = std::move(resource);
    QString text;
    yamlValue(text, templateJson, 0);
    return text;
}

} // namespace coffer::policy
