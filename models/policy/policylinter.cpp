// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policylinter.h"

#include "models/json/jsonnesting.h"
#include "models/policy/policyactions.h"
#include "models/policy/policydocument.h"
#include "models/policy/policyevaluator.h"
#include "models/policy/policyjsonlocator.h"
#include "models/policy/policywildcard.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
using Json = PolicyDocument::Json;
using Severity = PolicyFinding::Severity;

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::policy::PolicyLinter", text);
}

class Findings
{
public:
    explicit Findings(const QByteArray &text)
        : m_locator(text)
    { }

    void add(Severity severity, const QString &id, const QString &pointer, const QString &message,
             const QString &fix)
    {
        PolicyFinding finding;
        finding.severity = severity;
        finding.id = id;
        finding.pointer = pointer;
        finding.message = message;
        finding.fix = fix;
        const auto position = m_locator.position(pointer);
        finding.line = position.line;
        finding.column = position.column;
        m_list.append(finding);
    }
    void append(const PolicyFinding &finding) { m_list.append(finding); }
    QList<PolicyFinding> take() { return std::move(m_list); }

private:
    PolicyJsonLocator m_locator;
    QList<PolicyFinding> m_list;
};

/// Where statement `index`'s element `element` (and its `item`-th entry) is, as a JSON pointer.
class Pointers
{
public:
    explicit Pointers(const Json &json)
        : m_json(json)
        , m_statementList(json.contains("Statement") && json["Statement"].is_array())
    { }

    QString statement(int index) const
    {
        return m_statementList ? u"/Statement/"_s + QString::number(index) : u"/Statement"_s;
    }
    const Json &statementJson(int index) const
    {
        return m_statementList ? m_json["Statement"][size_t(index)] : m_json["Statement"];
    }
    QString element(int index, const char *name, qsizetype item = -1) const
    {
        QString pointer = statement(index) + u'/' + QString::fromLatin1(name);
        const Json &statementJson = this->statementJson(index);
        if (item >= 0 && statementJson.contains(name) && statementJson[name].is_array())
            pointer += u'/' + QString::number(item);
        return pointer;
    }

private:
    const Json &m_json;
    bool m_statementList;
};

bool isSecretsManagerArn(const QString &resource)
{
    return resource.startsWith(u"arn:"_s) && resource.section(u':', 2, 2) == u"secretsmanager"_s;
}

/// The part after "secret:" of a Secrets Manager ARN (the name and suffix), or empty.
QString secretPart(const QString &resource)
{
    if (!isSecretsManagerArn(resource))
        return {};
    const QString part = resource.section(u':', 5);
    if (!part.startsWith(u"secret:"_s))
        return {};
    return part.sliced(7);
}

/// True when `pattern` matches every secret (`*`, or any region/account with `secret:*`).
bool matchesEverySecret(const QString &pattern)
{
    if (pattern == u"*"_s)
        return true;
    return isSecretsManagerArn(pattern)
        && (secretPart(pattern) == u"*"_s || pattern.section(u':', 5) == u"*"_s);
}

bool statementGrants(const PolicyStatement &statement, const QString &action)
{
    const bool listed = std::ranges::any_of(statement.actions, [&](const QString &pattern) {
        return PolicyWildcard::matches(pattern, action, Qt::CaseInsensitive);
    });
    return listed != statement.notAction;
}

void checkActions(const PolicyStatement &statement, const Pointers &pointers, Findings &findings)
{
    const char *element = statement.notAction ? "NotAction" : "Action";
    const bool allow = statement.effect == PolicyStatement::Effect::Allow;
    if (allow && statement.notAction) {
        findings.add(Severity::Warning, u"allow-not-action"_s,
                     pointers.element(statement.index, element),
                     tr("Allow with NotAction grants every action of every service except those "
                        "listed"),
                     tr("List the actions to allow in \"Action\" instead."));
    }
    for (qsizetype i = 0; i < statement.actions.size(); ++i) {
        const QString &action = statement.actions.at(i);
        const QString pointer = pointers.element(statement.index, element, i);
        if (action == u"*"_s) {
            if (allow && !statement.notAction) {
                findings.add(Severity::Warning, u"action-wildcard"_s, pointer,
                             tr("\"*\" allows every action of every AWS service"),
                             tr("List the Secrets Manager actions needed, for example "
                                "secretsmanager:GetSecretValue and "
                                "secretsmanager:DescribeSecret."));
            }
            continue;
        }
        const qsizetype colon = action.indexOf(u':');
        if (colon <= 0) {
            findings.add(Severity::Error, u"action-unknown"_s, pointer,
                         tr("'%1' has no service prefix").arg(action),
                         tr("Write actions as service:Action, for example "
                            "secretsmanager:GetSecretValue."));
            continue;
        }
        const QString service = action.first(colon);
        if (!PolicyActions::isKnownService(service))
            continue; // other services: their action lists are not ours to check
        const QString name = action.sliced(colon + 1);
        if (!PolicyWildcard::hasWildcard(name)) {
            if (!PolicyActions::isKnown(action)) {
                findings.add(Severity::Error, u"action-unknown"_s, pointer,
                             tr("'%1' is not an action of %2").arg(action, service),
                             tr("Use one of: %1.")
                                 .arg(PolicyActions::actions(service).join(u", "_s)));
            }
            continue;
        }
        const QStringList matched = PolicyActions::matching(action);
        if (matched.isEmpty()) {
            findings.add(Severity::Error, u"action-unknown"_s, pointer,
                         tr("'%1' matches no action of %2").arg(action, service),
                         tr("Use one of: %1.").arg(PolicyActions::actions(service).join(u", "_s)));
        } else if (!allow || statement.notAction) {
            continue;
        } else if (name == u"*"_s) {
            findings.add(Severity::Warning, u"action-wildcard"_s, pointer,
                         tr("'%1' allows every %2 action, including deleting and changing "
                            "secrets, policies and keys")
                             .arg(action, service),
                         tr("List only the actions needed (coffer-cli policy --access read "
                            "writes a least-privilege policy)."));
        } else {
            findings.add(Severity::Info, u"action-wildcard-partial"_s, pointer,
                         tr("'%1' allows %2").arg(action, matched.join(u", "_s)),
                         tr("List the actions explicitly, so a new action AWS adds is not "
                            "granted without review."));
        }
    }
}

void checkResources(const PolicyStatement &statement, const Pointers &pointers,
                    Findings &findings)
{
    const char *element = statement.notResource ? "NotResource" : "Resource";
    static const QRegularExpression suffixed(u"-[A-Za-z0-9]{6}$"_s);
    for (qsizetype i = 0; i < statement.resources.size(); ++i) {
        const QString &resource = statement.resources.at(i);
        const QString pointer = pointers.element(statement.index, element, i);
        if (resource == u"*"_s || resource.startsWith(u"${"_s))
            continue;
        if (!resource.startsWith(u"arn:"_s)) {
            findings.add(Severity::Error, u"resource-not-arn"_s, pointer,
                         tr("'%1' is neither \"*\" nor an ARN, so it matches nothing")
                             .arg(resource),
                         tr("Write arn:aws:secretsmanager:<region>:<account>:secret:%1-??????.")
                             .arg(resource));
            continue;
        }
        const QString secret = secretPart(resource);
        if (secret.isEmpty())
            continue;
        if (secret.endsWith(u"-*"_s)) {
            const QString name = secret.chopped(2);
            findings.add(Severity::Warning, u"resource-suffix-overmatch"_s, pointer,
                         tr("'%1-*' also matches other secrets whose names start with '%1-' "
                            "(such as '%1-old')")
                             .arg(name),
                         tr("Match the 6-character suffix exactly: %1")
                             .arg(resource.chopped(1) + u"??????"_s));
        } else if (!PolicyWildcard::hasWildcard(secret) && !suffixed.match(secret).hasMatch()) {
            findings.add(Severity::Error, u"resource-bare-secret-name"_s, pointer,
                         tr("'%1' has no 6-character suffix: a secret's ARN always ends with "
                            "'-' and 6 random characters, so this matches no secret")
                             .arg(secret),
                         tr("Write %1-?????? (or the secret's full ARN).").arg(resource));
        }
    }
}

void checkStatement(const PolicyStatement &statement, const Pointers &pointers,
                    Findings &findings)
{
    checkActions(statement, pointers, findings);
    checkResources(statement, pointers, findings);
    const bool allow = statement.effect == PolicyStatement::Effect::Allow;
    const bool resourcePolicy = statement.principal.has_value();
    const bool everySecret = !statement.notResource
        && std::ranges::any_of(statement.resources, matchesEverySecret);

    if (allow && !resourcePolicy && everySecret && statement.conditions.isEmpty()
        && statementGrants(statement, u"secretsmanager:GetSecretValue"_s)) {
        findings.add(Severity::Error, u"resource-wildcard-get-secret-value"_s,
                     pointers.element(statement.index, "Resource"),
                     tr("GetSecretValue is allowed on every secret of the account: whoever has "
                        "this policy can read (and exfiltrate) any secret"),
                     tr("Limit Resource to the secrets needed (…:secret:<name>-?????? or "
                        "…:secret:<namespace>/*), or add a Condition on "
                        "secretsmanager:ResourceTag/<key>."));
    }

    if (allow && !statement.notAction && !statement.notResource
        && !statement.resources.contains(u"*"_s)) {
        for (const QString &name : PolicyActions::unscopedSecretsManagerActions()) {
            const QString action = u"secretsmanager:"_s + name;
            if (!statement.actions.contains(action, Qt::CaseInsensitive))
                continue;
            findings.add(Severity::Warning, u"unscoped-action-scoped"_s,
                         pointers.element(statement.index, "Action",
                                          statement.actions.indexOf(action)),
                         tr("%1 cannot be limited to secrets: with this Resource it is never "
                            "allowed")
                             .arg(action),
                         tr("Move %1 to its own statement with \"Resource\": \"*\".").arg(action));
        }
    }

    for (qsizetype i = 0; i < statement.conditions.size(); ++i) {
        const PolicyCondition &condition = statement.conditions.at(i);
        if (PolicyEvaluator::isKnownConditionOperator(condition.operatorName))
            continue;
        findings.add(Severity::Error, u"condition-operator-unknown"_s,
                     pointers.element(statement.index, "Condition") + u'/'
                         + PolicyJsonLocator::escapeToken(condition.operatorName),
                     tr("'%1' is not a condition operator").arg(condition.operatorName),
                     tr("Use an IAM operator such as StringEquals, StringLike, ArnLike, Bool, "
                        "NumericLessThan or DateGreaterThan (case-sensitive), optionally with "
                        "IfExists or ForAnyValue:/ForAllValues:."));
    }
}

void checkKmsKeys(const PolicyDocument &document, const QStringList &keys, Findings &findings)
{
    if (keys.isEmpty())
        return;
    const PolicyEvaluator evaluator({ document });
    for (const QString &key : keys) {
        const QString region = key.section(u':', 3, 3);
        EvaluationRequest request;
        request.action = u"kms:Decrypt"_s;
        request.resource = key;
        request.setContext(u"kms:ViaService"_s,
                           u"secretsmanager.%1.amazonaws.com"_s.arg(region));
        request.setContext(u"kms:CallerAccount"_s, key.section(u':', 4, 4));
        if (evaluator.evaluate(request).allowed())
            continue;
        findings.add(Severity::Error, u"kms-decrypt-missing"_s, u"/Statement"_s,
                     tr("No statement allows kms:Decrypt on the customer-managed key %1: "
                        "reading a secret encrypted with it fails with a KMS access error")
                         .arg(key),
                     tr("Add {\"Sid\": \"DecryptSecrets\", \"Effect\": \"Allow\", \"Action\": "
                        "\"kms:Decrypt\", \"Resource\": \"%1\", \"Condition\": "
                        "{\"StringEquals\": {\"kms:ViaService\": "
                        "\"secretsmanager.%2.amazonaws.com\"}}}.")
                         .arg(key, region));
    }
}
} // namespace

QList<PolicyFinding> PolicyLinter::lint(const QByteArray &text, const Options &options)
{
    Json json;
    bool readable = !json::nestingExceeds(text, json::kMaxUntrustedNesting);
    if (readable) {
        try {
            json = Json::parse(text.constBegin(), text.constEnd());
        } catch (const Json::exception &) {
            readable = false;
        }
    }
    if (!readable) {
        // PolicyDocument words the syntax error and finds its line and column.
        const auto parsed = PolicyDocument::parse(text);
        Q_ASSERT(!parsed);
        PolicyFinding finding;
        if (!parsed) {
            const PolicyParseError &error = parsed.error();
            finding.id = error.id;
            finding.message = error.message;
            finding.fix = error.fix;
            finding.line = error.line;
            finding.column = error.column;
        }
        return { finding };
    }

    Findings findings(text);
    const QList<PolicyParseError> structural = PolicyDocument::structuralErrors(json);
    for (const PolicyParseError &error : structural)
        findings.add(Severity::Error, error.id, error.pointer, error.message, error.fix);
    if (!structural.isEmpty())
        return findings.take();

    const auto document = PolicyDocument::fromJson(json);
    if (!document)
        return findings.take();
    if (!json.contains("Version")) {
        findings.add(Severity::Warning, u"version-missing"_s, QString(),
                     tr("No Version: IAM reads the policy with the 2008-10-17 rules, where "
                        "policy variables such as ${aws:username} are plain text"),
                     tr("Add \"Version\": \"2012-10-17\"."));
    }
    const Pointers pointers(json);
    QSet<QString> sids;
    for (const PolicyStatement &statement : document->statements()) {
        if (!statement.sid.isEmpty()) {
            if (sids.contains(statement.sid)) {
                findings.add(Severity::Warning, u"sid-duplicate"_s,
                             pointers.element(statement.index, "Sid"),
                             tr("Sid '%1' is used by another statement").arg(statement.sid),
                             tr("Give each statement its own Sid."));
            }
            sids.insert(statement.sid);
        }
        checkStatement(statement, pointers, findings);
    }
    checkKmsKeys(*document, options.kmsKeyArns, findings);
    return findings.take();
}

bool PolicyLinter::hasErrors(const QList<PolicyFinding> &findings)
{
    return std::ranges::any_of(findings, [](const PolicyFinding &finding) {
        return finding.severity == Severity::Error;
    });
}

} // namespace coffer::policy
