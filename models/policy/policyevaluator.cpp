// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/policy/policyevaluator.h"

#include "models/policy/policywildcard.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHostAddress>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace coffer::policy {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::policy::PolicyEvaluator", text);
}

// --- condition operators ---------------------------------------------------------------------

enum class Comparison {
    StringEquals,
    StringEqualsIgnoreCase,
    StringLike,
    NumericEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    ArnLike,
};

struct OperatorInfo
{
    Comparison comparison;
    bool negated;
};

std::optional<OperatorInfo> operatorInfo(QStringView name)
{
    struct Entry
    {
        QStringView name;
        OperatorInfo info;
    };
    static const Entry table[] = {
        { u"StringEquals", { Comparison::StringEquals, false } },
        { u"StringNotEquals", { Comparison::StringEquals, true } },
        { u"StringEqualsIgnoreCase", { Comparison::StringEqualsIgnoreCase, false } },
        { u"StringNotEqualsIgnoreCase", { Comparison::StringEqualsIgnoreCase, true } },
        { u"StringLike", { Comparison::StringLike, false } },
        { u"StringNotLike", { Comparison::StringLike, true } },
        { u"NumericEquals", { Comparison::NumericEquals, false } },
        { u"NumericNotEquals", { Comparison::NumericEquals, true } },
        { u"NumericLessThan", { Comparison::NumericLessThan, false } },
        { u"NumericLessThanEquals", { Comparison::NumericLessThanEquals, false } },
        { u"NumericGreaterThan", { Comparison::NumericGreaterThan, false } },
        { u"NumericGreaterThanEquals", { Comparison::NumericGreaterThanEquals, false } },
        { u"DateEquals", { Comparison::DateEquals, false } },
        { u"DateNotEquals", { Comparison::DateEquals, true } },
        { u"DateLessThan", { Comparison::DateLessThan, false } },
        { u"DateLessThanEquals", { Comparison::DateLessThanEquals, false } },
        { u"DateGreaterThan", { Comparison::DateGreaterThan, false } },
        { u"DateGreaterThanEquals", { Comparison::DateGreaterThanEquals, false } },
        { u"Bool", { Comparison::Bool, false } },
        { u"BinaryEquals", { Comparison::BinaryEquals, false } },
        { u"IpAddress", { Comparison::IpAddress, false } },
        { u"NotIpAddress", { Comparison::IpAddress, true } },
        // IAM documents ArnEquals and ArnLike as behaving the same (wildcards allowed).
        { u"ArnEquals", { Comparison::ArnLike, false } },
        { u"ArnLike", { Comparison::ArnLike, false } },
        { u"ArnNotEquals", { Comparison::ArnLike, true } },
        { u"ArnNotLike", { Comparison::ArnLike, true } },
    };
    for (const Entry &entry : table) {
        if (entry.name == name)
            return entry.info;
    }
    return std::nullopt;
}

enum class SetQualifier { None, ForAnyValue, ForAllValues };

struct ParsedOperator
{
    SetQualifier qualifier = SetQualifier::None;
    bool ifExists = false;
    bool isNull = false;
    std::optional<OperatorInfo> info;

    [[nodiscard]] bool known() const { return isNull || info.has_value(); }
};

ParsedOperator parseOperator(QStringView name)
{
    ParsedOperator parsed;
    if (name.startsWith(u"ForAnyValue:")) {
        parsed.qualifier = SetQualifier::ForAnyValue;
        name = name.sliced(12);
    } else if (name.startsWith(u"ForAllValues:")) {
        parsed.qualifier = SetQualifier::ForAllValues;
        name = name.sliced(13);
    }
    if (name == u"Null") {
        parsed.isNull = parsed.qualifier == SetQualifier::None;
        return parsed;
    }
    if (name.endsWith(u"IfExists")) {
        parsed.ifExists = true;
        name.chop(8);
    }
    parsed.info = operatorInfo(name);
    return parsed;
}

std::optional<double> number(const QString &text)
{
    bool ok = false;
    const double value = text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::optional<qint64> dateMs(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool isEpoch = false;
    const qint64 seconds = trimmed.toLongLong(&isEpoch);
    if (isEpoch)
        return seconds * 1000;
    QDateTime date = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
    if (!date.isValid())
        date = QDateTime::fromString(trimmed, Qt::ISODate);
    if (!date.isValid()) {
        // A bare date ("2026-01-01") is midnight UTC.
        const QDate day = QDate::fromString(trimmed, Qt::ISODate);
        if (!day.isValid())
            return std::nullopt;
        date = day.startOfDay(QTimeZone::utc());
    }
    if (date.timeSpec() == Qt::LocalTime)
        date.setTimeZone(QTimeZone::utc());
    return date.toMSecsSinceEpoch();
}

std::optional<quint32> ipv4(QStringView text)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return std::nullopt;
    quint32 address = 0;
    for (const QStringView part : parts) {
        bool ok = false;
        const uint value = part.toUInt(&ok);
        if (!ok || value > 255 || part.isEmpty())
            return std::nullopt;
        address = (address << 8) | value;
    }
    return address;
}

// An IPv4 or IPv6 address, written out in full (IPv4 as four decimal parts, as AWS accepts).
QHostAddress ipAddress(QStringView text)
{
    if (!text.contains(u':'))
        return ipv4(text) ? QHostAddress(text.toString()) : QHostAddress();
    return QHostAddress(text.toString());
}

// IpAddress: the address lies in the CIDR range; a range without a prefix length is one address.
bool ipInRange(const QString &address, const QString &range)
{
    const QHostAddress ip = ipAddress(QStringView(address).trimmed());
    const qsizetype slash = range.indexOf(u'/');
    const QHostAddress base =
        ipAddress(QStringView(range).first(slash < 0 ? range.size() : slash).trimmed());
    if (ip.isNull() || base.isNull() || ip.protocol() != base.protocol())
        return false;
    const int width = base.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32;
    int bits = width;
    if (slash >= 0) {
        bool ok = false;
        bits = QStringView(range).sliced(slash + 1).toInt(&ok);
        if (!ok || bits < 0 || bits > width)
            return false;
    }
    return ip.isInSubnet(base, bits);
}

bool compare(Comparison comparison, const QString &actual, const QString &expected)
{
    switch (comparison) {
    case Comparison::StringEquals:
    case Comparison::BinaryEquals:
        return actual == expected;
    case Comparison::StringEqualsIgnoreCase:
        return actual.compare(expected, Qt::CaseInsensitive) == 0;
    case Comparison::StringLike:
        return PolicyWildcard::matches(expected, actual);
    case Comparison::Bool:
        return actual.compare(expected, Qt::CaseInsensitive) == 0;
    case Comparison::IpAddress:
        return ipInRange(actual, expected);
    case Comparison::ArnLike:
        return PolicyWildcard::matchesArn(expected, actual);
    case Comparison::NumericEquals:
    case Comparison::NumericLessThan:
    case Comparison::NumericLessThanEquals:
    case Comparison::NumericGreaterThan:
    case Comparison::NumericGreaterThanEquals: {
        const auto a = number(actual);
        const auto b = number(expected);
        if (!a || !b)
            return false;
        switch (comparison) {
        case Comparison::NumericEquals:
            return *a == *b;
        case Comparison::NumericLessThan:
            return *a < *b;
        case Comparison::NumericLessThanEquals:
            return *a <= *b;
        case Comparison::NumericGreaterThan:
            return *a > *b;
        default:
            return *a >= *b;
        }
    }
    case Comparison::DateEquals:
    case Comparison::DateLessThan:
    case Comparison::DateLessThanEquals:
    case Comparison::DateGreaterThan:
    case Comparison::DateGreaterThanEquals: {
        const auto a = dateMs(actual);
        const auto b = dateMs(expected);
        if (!a || !b)
            return false;
        switch (comparison) {
        case Comparison::DateEquals:
            return *a == *b;
        case Comparison::DateLessThan:
            return *a < *b;
        case Comparison::DateLessThanEquals:
            return *a <= *b;
        case Comparison::DateGreaterThan:
            return *a > *b;
        default:
            return *a >= *b;
        }
    }
    }
    return false;
}

// --- policy variables ------------------------------------------------------------------------

/// `text` with ${...} replaced from the request; nullopt when a variable has no value.
std::optional<QString> substitute(const QString &text, const EvaluationRequest &request)
{
    if (!text.contains(u"${"_s))
        return text;
    QString result;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype start = text.indexOf(u"${"_s, pos);
        if (start < 0) {
            result += QStringView(text).sliced(pos);
            break;
        }
        const qsizetype end = text.indexOf(u'}', start);
        if (end < 0) {
            result += QStringView(text).sliced(pos);
            break;
        }
        result += QStringView(text).sliced(pos, start - pos);
        QString inner = text.sliced(start + 2, end - start - 2).trimmed();
        if (inner == u"*"_s || inner == u"?"_s || inner == u"$"_s) {
            result += inner;
        } else {
            std::optional<QString> fallback;
            if (const qsizetype comma = inner.indexOf(u','); comma >= 0) {
                QString value = inner.sliced(comma + 1).trimmed();
                if (value.size() >= 2 && value.startsWith(u'\'') && value.endsWith(u'\''))
                    value = value.sliced(1, value.size() - 2);
                fallback = value;
                inner = inner.first(comma).trimmed();
            }
            const QStringList *values = request.context(inner);
            if (values && values->size() == 1)
                result += values->first();
            else if (fallback)
                result += *fallback;
            else
                return std::nullopt;
        }
        pos = end + 1;
    }
    return result;
}

bool conditionHolds(const PolicyCondition &condition, const EvaluationRequest &request,
                    bool variables)
{
    const ParsedOperator op = parseOperator(condition.operatorName);
    if (!op.known())
        return false; // IAM refuses such a policy; here it simply never applies
    const QStringList *actual = request.context(condition.key);
    if (op.isNull) {
        const bool absent = actual == nullptr;
        return std::ranges::any_of(condition.values, [absent](const QString &value) {
            return (value.compare(u"true"_s, Qt::CaseInsensitive) == 0) == absent;
        });
    }
    const bool negated = op.info->negated;
    if (!actual) {
        if (op.ifExists)
            return true;
        switch (op.qualifier) {
        case SetQualifier::ForAllValues:
            return true; // every member of the empty set satisfies anything
        case SetQualifier::ForAnyValue:
            return false;
        case SetQualifier::None:
            // IAM: a missing key does not match; a negated operator is then true.
            return negated;
        }
    }
    QStringList expected;
    for (const QString &value : condition.values) {
        if (!variables) {
            expected.append(value);
        } else if (auto substituted = substitute(value, request)) {
            expected.append(*substituted);
        }
    }
    const auto matchesAny = [&](const QString &value) {
        return std::ranges::any_of(expected, [&](const QString &wanted) {
            return compare(op.info->comparison, value, wanted);
        });
    };
    const auto satisfies = [&](const QString &value) {
        return negated ? !matchesAny(value) : matchesAny(value);
    };
    switch (op.qualifier) {
    case SetQualifier::ForAllValues:
        return std::ranges::all_of(*actual, satisfies);
    case SetQualifier::ForAnyValue:
        return std::ranges::any_of(*actual, satisfies);
    case SetQualifier::None:
        break;
    }
    // A single-valued operator on several values: a positive operator needs one to match, a
    // negated one needs none to match.
    return negated ? std::ranges::all_of(*actual, satisfies)
                   : std::ranges::any_of(*actual, satisfies);
}

// --- principals ------------------------------------------------------------------------------

/// The account of an ARN (its fifth field), or the text itself when it is an account id.
QString accountOf(const QString &arnOrAccount)
{
    if (arnOrAccount.size() == 12
        && std::ranges::all_of(arnOrAccount, [](QChar c) { return c.isDigit(); }))
        return arnOrAccount;
    if (!arnOrAccount.startsWith(u"arn:"_s))
        return {};
    const QStringList parts = arnOrAccount.split(u':');
    return parts.size() >= 6 ? parts.at(4) : QString();
}

/// "arn:aws:sts::123:assumed-role/Name/session" -> "arn:aws:iam::123:role/Name"-like match.
bool sessionOfRole(const QString &principal, const QString &roleArn)
{
    const QStringList session = principal.split(u':');
    const QStringList role = roleArn.split(u':');
    if (session.size() != 6 || role.size() != 6 || session.at(2) != u"sts"_s
        || role.at(2) != u"iam"_s || session.at(4) != role.at(4)
        || !session.at(5).startsWith(u"assumed-role/"_s) || !role.at(5).startsWith(u"role/"_s))
        return false;
    const QString roleName = session.at(5).sliced(13).section(u'/', 0, 0);
    return role.at(5).section(u'/', -1) == roleName;
}

bool principalEntryMatches(const QString &type, const QString &id, const QString &principal)
{
    if (principal.isEmpty())
        return false;
    if (type == u"AWS"_s) {
        // An account id or its root ARN stands for every principal of the account.
        if (id.size() == 12 && accountOf(id) == id)
            return accountOf(principal) == id;
        if (id.endsWith(u":root"_s) && id.startsWith(u"arn:"_s))
            return accountOf(principal) == accountOf(id);
        return id == principal || sessionOfRole(principal, id);
    }
    return id == principal; // Service, Federated, CanonicalUser: the identifier itself
}

bool principalMatches(const PolicyPrincipal &element, const QString &principal)
{
    if (element.anyone)
        return true;
    return std::ranges::any_of(element.entries, [&](const auto &entry) {
        return principalEntryMatches(entry.first, entry.second, principal);
    });
}

// --- statements ------------------------------------------------------------------------------

bool listMatches(const QStringList &patterns, const std::function<bool(const QString &)> &match)
{
    return std::ranges::any_of(patterns, match);
}

struct Hit
{
    const PolicyDocument *policy = nullptr;
    const PolicyStatement *statement = nullptr;
    bool resourcePolicy = false;
};

/// The first statement with `effect` in `policy` that applies to the request.
std::optional<Hit> firstApplying(const PolicyDocument &policy, PolicyStatement::Effect effect,
                                 const EvaluationRequest &request, bool resourcePolicy)
{
    for (const PolicyStatement &statement : policy.statements()) {
        if (statement.effect == effect
            && PolicyEvaluator::statementApplies(statement, request, policy.supportsVariables(),
                                                 resourcePolicy))
            return Hit { &policy, &statement, resourcePolicy };
    }
    return std::nullopt;
}

Decision decisionFor(Decision::Reason reason, const Hit &hit)
{
    Decision decision;
    decision.reason = reason;
    decision.policyName = hit.policy->name();
    decision.statementSid = hit.statement->sid;
    decision.statementIndex = hit.statement->index;
    decision.fromResourcePolicy = hit.resourcePolicy;
    const QString statement = hit.statement->label();
    const QString policy = hit.policy->name().isEmpty()
        ? (hit.resourcePolicy ? tr("the resource policy") : tr("an identity policy"))
        : tr("policy '%1'").arg(hit.policy->name());
    decision.explanation = reason == Decision::Reason::ExplicitDeny
        ? tr("Explicitly denied by statement '%1' of %2.").arg(statement, policy)
        : tr("Allowed by statement '%1' of %2.").arg(statement, policy);
    return decision;
}
} // namespace

PolicyEvaluator::PolicyEvaluator(QList<PolicyDocument> identityPolicies,
                                 std::optional<PolicyDocument> resourcePolicy)
    : m_identity(std::move(identityPolicies))
    , m_resource(std::move(resourcePolicy))
{ }

void PolicyEvaluator::addIdentityPolicy(PolicyDocument policy)
{
    m_identity.append(std::move(policy));
}

void PolicyEvaluator::setResourcePolicy(std::optional<PolicyDocument> policy)
{
    m_resource = std::move(policy);
}

bool PolicyEvaluator::isKnownConditionOperator(const QString &name)
{
    return parseOperator(name).known();
}

bool PolicyEvaluator::statementApplies(const PolicyStatement &statement,
                                       const EvaluationRequest &request, bool variables,
                                       bool checkPrincipal)
{
    const bool actionListed = listMatches(statement.actions, [&](const QString &pattern) {
        return PolicyWildcard::matches(pattern, request.action, Qt::CaseInsensitive);
    });
    if (actionListed == statement.notAction)
        return false;

    const bool resourceListed = listMatches(statement.resources, [&](const QString &pattern) {
        if (!variables)
            return PolicyWildcard::matchesArn(pattern, request.resource);
        const auto substituted = substitute(pattern, request);
        return substituted && PolicyWildcard::matchesArn(*substituted, request.resource);
    });
    if (resourceListed == statement.notResource)
        return false;

    if (checkPrincipal && statement.principal) {
        const bool principalListed = principalMatches(*statement.principal, request.principal);
        if (principalListed == statement.notPrincipal)
            return false;
    }

    return std::ranges::all_of(statement.conditions, [&](const PolicyCondition &condition) {
        return conditionHolds(condition, request, variables);
    });
}

Decision PolicyEvaluator::evaluate(const EvaluationRequest &original) const
{
    // The principal's own keys, as IAM adds them to every request's context.
    EvaluationRequest request = original;
    if (!request.principal.isEmpty()) {
        if (!request.hasContext(u"aws:PrincipalArn"_s) && request.principal.startsWith(u"arn:"_s))
            request.setContext(u"aws:PrincipalArn"_s, request.principal);
        const QString account = accountOf(request.principal);
        if (!account.isEmpty() && !request.hasContext(u"aws:PrincipalAccount"_s))
            request.setContext(u"aws:PrincipalAccount"_s, account);
    }

    using Effect = PolicyStatement::Effect;
    for (const PolicyDocument &policy : m_identity) {
        if (const auto hit = firstApplying(policy, Effect::Deny, request, false))
            return decisionFor(Decision::Reason::ExplicitDeny, *hit);
    }
    if (m_resource) {
        if (const auto hit = firstApplying(*m_resource, Effect::Deny, request, true))
            return decisionFor(Decision::Reason::ExplicitDeny, *hit);
    }

    std::optional<Hit> identityAllow;
    for (const PolicyDocument &policy : m_identity) {
        if ((identityAllow = firstApplying(policy, Effect::Allow, request, false)))
            break;
    }
    std::optional<Hit> resourceAllow;
    if (m_resource)
        resourceAllow = firstApplying(*m_resource, Effect::Allow, request, true);

    const QString principalAccount = accountOf(request.principal);
    const QString resourceAccount = accountOf(request.resource);
    const bool crossAccount = m_resource && !principalAccount.isEmpty()
        && !resourceAccount.isEmpty() && principalAccount != resourceAccount;
    if (crossAccount) {
        if (identityAllow && resourceAllow)
            return decisionFor(Decision::Reason::Allowed, *resourceAllow);
        Decision decision;
        decision.explanation = identityAllow
            ? tr("Implicitly denied: access from account %1 to account %2 also needs an Allow in "
                 "the resource policy, and none applies.")
                  .arg(principalAccount, resourceAccount)
            : tr("Implicitly denied: access from account %1 to account %2 also needs an Allow in "
                 "an identity policy of the caller, and none applies.")
                  .arg(principalAccount, resourceAccount);
        return decision;
    }
    if (identityAllow)
        return decisionFor(Decision::Reason::Allowed, *identityAllow);
    if (resourceAllow)
        return decisionFor(Decision::Reason::Allowed, *resourceAllow);

    Decision decision;
    decision.explanation = tr("Implicitly denied: no statement allows %1 on %2.")
                               .arg(request.action, request.resource);
    return decision;
}

DecisionMatrix PolicyEvaluator::matrix(const QStringList &actions, const QStringList &resources,
                                       const EvaluationRequest &base) const
{
    DecisionMatrix result;
    result.actions = actions;
    result.resources = resources;
    result.decisions.reserve(actions.size() * resources.size());
    EvaluationRequest request = base;
    for (const QString &action : actions) {
        for (const QString &resource : resources) {
            request.action = action;
            request.resource = resource;
            result.decisions.append(evaluate(request));
        }
    }
    return result;
}

} // namespace coffer::policy
