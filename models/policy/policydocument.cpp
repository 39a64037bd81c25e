// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policydocument.h"

#include "models/json/jsonnesting.h"
#include "models/policy/policyjsonlocator.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
using Json = PolicyDocument::Json;

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::policy::PolicyDocument", text);
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

const QStringList &statementElements()
{
    static const QStringList list { u"Sid"_s,       u"Effect"_s,    u"Action"_s,
                                    u"NotAction"_s, u"Resource"_s,  u"NotResource"_s,
                                    u"Principal"_s, u"NotPrincipal"_s, u"Condition"_s };
    return list;
}

/// A string, or a non-empty list of strings.
bool isStringOrStrings(const Json &value)
{
    if (value.is_string())
        return true;
    if (!value.is_array() || value.empty())
        return false;
    for (const Json &item : value) {
        if (!item.is_string())
            return false;
    }
    return true;
}

QStringList strings(const Json &value)
{
    QStringList list;
    if (value.is_string()) {
        list.append(fromUtf8(value.get<std::string>()));
    } else if (value.is_array()) {
        for (const Json &item : value) {
            if (item.is_string())
                list.append(fromUtf8(item.get<std::string>()));
        }
    }
    return list;
}

/// Condition values: strings, numbers and booleans (IAM compares their text).
bool isConditionValue(const Json &value)
{
    return value.is_string() || value.is_number() || value.is_boolean();
}

QString conditionText(const Json &value)
{
    if (value.is_string())
        return fromUtf8(value.get<std::string>());
    return fromUtf8(value.dump());
}

class ErrorCollector
{
public:
    void add(const QString &id, const QString &pointer, const QString &message,
             const QString &fix)
    {
        PolicyParseError error;
        error.id = id;
        error.pointer = pointer;
        error.message = message;
        error.fix = fix;
        m_errors.append(error);
    }
    QList<PolicyParseError> take() { return std::move(m_errors); }

private:
    QList<PolicyParseError> m_errors;
};

void checkPrincipal(const Json &value, const QString &pointer, const QString &element,
                    ErrorCollector &errors)
{
    if (value.is_string() && value.get<std::string>() == "*")
        return;
    bool valid = value.is_object() && !value.empty();
    if (valid) {
        for (const auto &[type, ids] : value.items()) {
            if (!isStringOrStrings(ids))
                valid = false;
        }
    }
    if (!valid) {
        errors.add(u"principal-invalid"_s, pointer,
                   tr("%1 must be \"*\" or an object like {\"AWS\": \"arn:...\"}").arg(element),
                   tr("Write {\"AWS\": \"arn:aws:iam::123456789012:role/name\"} or an account "
                      "id."));
    }
}

void checkCondition(const Json &value, const QString &pointer, ErrorCollector &errors)
{
    const QString fix = tr("Write {\"StringEquals\": {\"aws:ResourceTag/team\": \"paint\"}}: "
                           "operators holding keys holding a value or a list of values.");
    if (!value.is_object()) {
        errors.add(u"condition-invalid"_s, pointer, tr("Condition must be an object"), fix);
        return;
    }
    for (const auto &[op, keys] : value.items()) {
        const QString opPointer = pointer + u'/' + PolicyJsonLocator::escapeToken(fromUtf8(op));
        if (!keys.is_object()) {
            errors.add(u"condition-invalid"_s, opPointer,
                       tr("Condition operator %1 must hold an object of keys")
                           .arg(fromUtf8(op)),
                       fix);
            continue;
        }
        for (const auto &[key, values] : keys.items()) {
            bool valid = isConditionValue(values);
            if (values.is_array()) {
                valid = true;
                for (const Json &item : values)
                    valid = valid && isConditionValue(item);
            }
            if (!valid) {
                errors.add(u"condition-invalid"_s,
                           opPointer + u'/' + PolicyJsonLocator::escapeToken(fromUtf8(key)),
                           tr("Condition key %1 must hold a string, number, boolean or a list "
                              "of them")
                               .arg(fromUtf8(key)),
                           fix);
            }
        }
    }
}

void checkStatement(const Json &statement, const QString &pointer, ErrorCollector &errors)
{
    if (!statement.is_object()) {
        errors.add(u"statement-invalid"_s, pointer, tr("A statement must be a JSON object"),
                   tr("Write each statement as {\"Effect\": ..., \"Action\": ..., "
                      "\"Resource\": ...}."));
        return;
    }
    for (const auto &[key, value] : statement.items()) {
        if (!statementElements().contains(fromUtf8(key))) {
            errors.add(u"element-unknown"_s,
                       pointer + u'/' + PolicyJsonLocator::escapeToken(fromUtf8(key)),
                       tr("Unknown statement element \"%1\"").arg(fromUtf8(key)),
                       tr("Use only Sid, Effect, Action, NotAction, Resource, NotResource, "
                          "Principal, NotPrincipal and Condition (names are case-sensitive)."));
        }
    }
    if (statement.contains("Sid") && !statement["Sid"].is_string()) {
        errors.add(u"element-invalid"_s, pointer + u"/Sid"_s, tr("Sid must be a string"),
                   tr("Write the Sid as a string of letters and digits."));
    }
    if (!statement.contains("Effect")) {
        errors.add(u"effect-missing"_s, pointer, tr("The statement has no Effect"),
                   tr("Add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"."));
    } else if (const Json &effect = statement["Effect"];
               !effect.is_string()
               || (effect.get<std::string>() != "Allow" && effect.get<std::string>() != "Deny")) {
        errors.add(u"effect-invalid"_s, pointer + u"/Effect"_s,
                   tr("Effect must be \"Allow\" or \"Deny\" (case-sensitive)"),
                   tr("Write \"Effect\": \"Allow\" or \"Effect\": \"Deny\"."));
    }
    const auto pair = [&](const char *positive, const char *negative, const QString &missingId,
                          const QString &conflictId, bool required) {
        const bool hasPositive = statement.contains(positive);
        const bool hasNegative = statement.contains(negative);
        const QString positiveName = QString::fromLatin1(positive);
        const QString negativeName = QString::fromLatin1(negative);
        if (hasPositive && hasNegative) {
            errors.add(conflictId, pointer + u'/' + negativeName,
                       tr("A statement cannot have both %1 and %2").arg(positiveName, negativeName),
                       tr("Keep only one of %1 and %2.").arg(positiveName, negativeName));
        } else if (required && !hasPositive && !hasNegative) {
            errors.add(missingId, pointer,
                       tr("The statement has neither %1 nor %2").arg(positiveName, negativeName),
                       tr("Add \"%1\" with what the statement applies to.").arg(positiveName));
        }
        for (const char *name : { positive, negative }) {
            if (!statement.contains(name))
                continue;
            const QString elementName = QString::fromLatin1(name);
            const QString elementPointer = pointer + u'/' + elementName;
            if (missingId == u"principal-missing"_s) {
                checkPrincipal(statement[name], elementPointer, elementName, errors);
            } else if (!isStringOrStrings(statement[name])) {
                errors.add(u"element-invalid"_s, elementPointer,
                           tr("%1 must be a string or a non-empty list of strings")
                               .arg(elementName),
                           tr("Write \"%1\": \"...\" or \"%1\": [\"...\", \"...\"].")
                               .arg(elementName));
            }
        }
    };
    pair("Action", "NotAction", u"action-missing"_s, u"action-conflict"_s, true);
    pair("Resource", "NotResource", u"resource-missing"_s, u"resource-conflict"_s, true);
    pair("Principal", "NotPrincipal", u"principal-missing"_s, u"principal-conflict"_s, false);
    if (statement.contains("Condition"))
        checkCondition(statement["Condition"], pointer + u"/Condition"_s, errors);
}

PolicyPrincipal principalOf(const Json &value)
{
    PolicyPrincipal principal;
    if (value.is_string()) {
        principal.anyone = value.get<std::string>() == "*";
        return principal;
    }
    for (const auto &[type, ids] : value.items()) {
        for (const QString &id : strings(ids)) {
            if (type == "AWS" && id == u"*"_s)
                principal.anyone = true;
            principal.entries.append({ fromUtf8(type), id });
        }
    }
    return principal;
}
} // namespace

QList<PolicyParseError> PolicyDocument::structuralErrors(const Json &json)
{
    ErrorCollector errors;
    if (!json.is_object()) {
        errors.add(u"policy-not-object"_s, QString(), tr("A policy must be a JSON object"),
                   tr("Write {\"Version\": \"2012-10-17\", \"Statement\": [...]}."));
        return errors.take();
    }
    for (const auto &[key, value] : json.items()) {
        if (key != "Version" && key != "Id" && key != "Statement") {
            errors.add(u"element-unknown"_s, u'/' + PolicyJsonLocator::escapeToken(fromUtf8(key)),
                       tr("Unknown policy element \"%1\"").arg(fromUtf8(key)),
                       tr("A policy holds only Version, Id and Statement (case-sensitive)."));
        }
    }
    if (json.contains("Version")) {
        const Json &version = json["Version"];
        if (!version.is_string()
            || (version.get<std::string>() != "2012-10-17"
                && version.get<std::string>() != "2008-10-17")) {
            errors.add(u"version-invalid"_s, u"/Version"_s,
                       tr("Version must be \"2012-10-17\" (or the old \"2008-10-17\"), not a "
                          "date of your choosing"),
                       tr("Write \"Version\": \"2012-10-17\"."));
        }
    }
    if (!json.contains("Statement")) {
        errors.add(u"statement-missing"_s, QString(), tr("The policy has no Statement"),
                   tr("Add \"Statement\": [ { \"Effect\": ..., \"Action\": ..., \"Resource\": "
                      "... } ]."));
        return errors.take();
    }
    const Json &statements = json["Statement"];
    if (statements.is_object()) {
        checkStatement(statements, u"/Statement"_s, errors);
    } else if (statements.is_array()) {
        if (statements.empty()) {
            errors.add(u"statement-missing"_s, u"/Statement"_s,
                       tr("The Statement list is empty"),
                       tr("Add at least one statement."));
        }
        for (size_t i = 0; i < statements.size(); ++i)
            checkStatement(statements[i], u"/Statement/"_s + QString::number(i), errors);
    } else {
        errors.add(u"statement-invalid"_s, u"/Statement"_s,
                   tr("Statement must be an object or a list of objects"),
                   tr("Write \"Statement\": [ {...}, {...} ]."));
    }
    return errors.take();
}

std::expected<PolicyDocument, PolicyParseError> PolicyDocument::parse(const QByteArray &text,
                                                                      const QString &name)
{
    if (json::nestingExceeds(text, json::kMaxUntrustedNesting)) {
        PolicyParseError failure;
        failure.id = u"json-too-deep"_s;
        failure.line = 1;
        failure.column = 1;
        failure.message = tr("The policy nests arrays or objects deeper than %1 levels.")
                              .arg(json::kMaxUntrustedNesting);
        failure.fix = tr("An IAM policy needs only a few levels (Statement, Condition, operator, "
                         "key); remove the extra brackets.");
        return std::unexpected(failure);
    }
    Json json;
    try {
        json = Json::parse(text.constBegin(), text.constEnd());
    } catch (const Json::out_of_range &error) {
        // "1e999": nlohmann refuses a number that does not fit in a double.
        PolicyParseError failure;
        failure.id = u"json-syntax"_s;
        failure.line = 1;
        failure.column = 1;
        QString what = QString::fromUtf8(error.what());
        if (const qsizetype bracket = what.indexOf(u"] "_s); bracket >= 0)
            what = what.sliced(bracket + 2);
        failure.message = tr("Malformed JSON: %1").arg(what);
        failure.fix = tr("Write the number within the range of a double (about 1.8e308).");
        return std::unexpected(failure);
    } catch (const Json::parse_error &error) {
        PolicyParseError failure;
        failure.id = u"json-syntax"_s;
        // nlohmann counts the byte it stopped at from 1.
        const auto position = PolicyJsonLocator::positionOfOffset(
            text, qsizetype(error.byte > 0 ? error.byte - 1 : 0));
        failure.line = position.line;
        failure.column = position.column;
        QString what = QString::fromUtf8(error.what());
        // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
        if (const qsizetype colon = what.indexOf(u": "_s); colon >= 0)
            what = what.sliced(colon + 2);
        failure.message = tr("Malformed JSON: %1").arg(what);
        failure.fix = tr("Fix the JSON syntax at line %1, column %2 (a missing comma, quote or "
                         "bracket is the usual cause).")
                          .arg(position.line)
                          .arg(position.column);
        return std::unexpected(failure);
    }
    auto document = fromJson(json, name);
    if (!document) {
        PolicyParseError error = document.error();
        const auto position = PolicyJsonLocator(text).position(error.pointer);
        error.line = position.line;
        error.column = position.column;
        return std::unexpected(error);
    }
    return document;
}

std::expected<PolicyDocument, PolicyParseError> PolicyDocument::fromJson(const Json &json,
                                                                         const QString &name)
{
    if (const auto errors = structuralErrors(json); !errors.isEmpty())
        return std::unexpected(errors.first());
    PolicyDocument document;
    document.m_name = name;
    if (json.contains("Version"))
        document.m_version = fromUtf8(json["Version"].get<std::string>());
    const Json &statements = json["Statement"];
    QList<const Json *> list;
    if (statements.is_object()) {
        list.append(&statements);
    } else {
        for (const Json &statement : statements)
            list.append(&statement);
    }
    for (qsizetype i = 0; i < list.size(); ++i) {
        const Json &element = *list.at(i);
        PolicyStatement statement;
        statement.index = int(i);
        if (element.contains("Sid"))
            statement.sid = fromUtf8(element["Sid"].get<std::string>());
        statement.effect = element["Effect"].get<std::string>() == "Deny"
            ? PolicyStatement::Effect::Deny
            : PolicyStatement::Effect::Allow;
        statement.notAction = element.contains("NotAction");
        statement.actions = strings(element[statement.notAction ? "NotAction" : "Action"]);
        statement.notResource = element.contains("NotResource");
        statement.resources = strings(element[statement.notResource ? "NotResource" : "Resource"]);
        if (element.contains("Principal")) {
            statement.principal = principalOf(element["Principal"]);
        } else if (element.contains("NotPrincipal")) {
            statement.principal = principalOf(element["NotPrincipal"]);
            statement.notPrincipal = true;
        }
        if (element.contains("Condition")) {
            for (const auto &[op, keys] : element["Condition"].items()) {
                for (const auto &[key, values] : keys.items()) {
                    PolicyCondition condition;
                    condition.operatorName = fromUtf8(op);
                    condition.key = fromUtf8(key);
                    if (values.is_array()) {
                        for (const Json &value : values)
                            condition.values.append(conditionText(value));
                    } else {
                        condition.values.append(conditionText(values));
                    }
                    statement.conditions.append(condition);
                }
            }
        }
        document.m_statements.append(statement);
    }
    return document;
}

bool PolicyDocument::supportsVariables() const
{
    return m_version == QLatin1StringView(currentVersion);
}

} // namespace coffer::policy
