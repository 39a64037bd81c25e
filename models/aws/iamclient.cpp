// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/iamclient.h"

#include "models/aws/awsclient.h"
#include "models/aws/callguard.h"
#include "models/aws/queryprotocol.h"

#include <QCoreApplication>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

const QString kAction = u"SimulatePrincipalPolicy"_s;

std::optional<bool> optionalBool(const XmlNode *node, QStringView name)
{
    if (!node || !node->hasChild(name))
        return std::nullopt;
    return node->childText(name).trimmed() == u"true";
}

StatementPosition positionOf(const XmlNode *node)
{
    if (!node)
        return {};
    return StatementPosition{node->childText(u"Line").toInt(), node->childText(u"Column").toInt()};
}

QList<MatchedStatement> statementsOf(const XmlNode &parent)
{
    QList<MatchedStatement> statements;
    for (const XmlNode *member : parent.members(u"MatchedStatements")) {
        statements.append(MatchedStatement{member->childText(u"SourcePolicyId"),
                                           member->childText(u"SourcePolicyType"),
                                           positionOf(member->child(u"StartPosition")),
                                           positionOf(member->child(u"EndPosition"))});
    }
    return statements;
}

QStringList textsOf(const XmlNode &parent, QStringView listName)
{
    QStringList values;
    for (const XmlNode *member : parent.members(listName))
        values.append(member->text);
    return values;
}

// Query protocol maps: <Name><entry><key>k</key><value>v</value></entry>...</Name>
QMap<QString, QString> mapOf(const XmlNode &parent, QStringView name)
{
    QMap<QString, QString> map;
    if (const XmlNode *node = parent.child(name)) {
        for (const XmlNode &entry : node->children) {
            if (entry.name == u"entry")
                map.insert(entry.childText(u"key"), entry.childText(u"value"));
        }
    }
    return map;
}

void appendPolicyList(QueryProtocol::Parameters &params, const QString &name,
                      const QStringList &values)
{
    QueryProtocol::appendList(params, name, values);
}

} // namespace

IamClient::IamClient(AwsClient *transport, ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    Q_ASSERT(transport);
    setConfig(std::move(config));
}

IamClient::~IamClient() = default;

void IamClient::setConfig(ClientConfig config)
{
    if (config.endpoint.isEmpty())
        config.endpoint = defaultEndpoint();
    // IAM's one endpoint is signed for us-east-1 (in the aws partition).
    if (config.signingRegion.isEmpty())
        config.signingRegion = u"us-east-1"_s;
    m_config = std::move(config);
}

AwsCall *IamClient::simulatePage(const SimulatePrincipalPolicyRequest &request, QObject *context,
                                 Callback<SimulatePrincipalPolicyResult> callback)
{
    WireRequest wire;
    wire.service = QString(signingName);
    wire.operation = kAction;
    wire.protocol = WireProtocol::Query;
    wire.body = encodeSimulatePrincipalPolicy(request);
    auto deliver = callguard::guarded<SimulatePrincipalPolicyResult>(context, std::move(callback));
    AwsCall *call = m_transport->send(m_config, std::move(wire),
                                      [deliver](Result<WireResponse> response) {
        if (!response) {
            deliver(std::unexpected(response.error()));
            return;
        }
        auto decoded = decodeSimulatePrincipalPolicy(response->body);
        if (!decoded) {
            if (decoded.error().requestId.isEmpty())
                decoded.error().requestId = response->requestId;
            decoded.error().httpStatus = response->httpStatus;
        }
        deliver(std::move(decoded));
    });
    callguard::cancelWithContext(call, context);
    return call;
}

AwsCall *IamClient::simulatePrincipalPolicy(const SimulatePrincipalPolicyRequest &request,
                                            QObject *context,
                                            Callback<SimulatePrincipalPolicyResult> callback)
{
    auto *parent = new AwsCall(u"iam.SimulatePrincipalPolicy"_s, this);
    struct State
    {
        SimulatePrincipalPolicyRequest request;
        SimulatePrincipalPolicyResult merged;
    };
    auto state = std::make_shared<State>();
    state->request = request;
    auto deliver = callguard::guarded<SimulatePrincipalPolicyResult>(context, std::move(callback));
    auto finish = [parent, deliver](Result<SimulatePrincipalPolicyResult> result) {
        if (parent->isFinished())
            return;
        deliver(std::move(result));
        parent->finish();
    };
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, parent, state, finish, weakStep] {
        auto self = weakStep.lock();
        AwsCall *child = simulatePage(state->request, parent,
            [parent, state, finish, self](Result<SimulatePrincipalPolicyResult> page) {
                if (parent->isFinished())
                    return;
                if (!page) {
                    finish(std::unexpected(page.error()));
                    return;
                }
                state->merged.evaluationResults.append(page->evaluationResults);
                parent->reportProgress(state->merged.evaluationResults.size(), -1);
                if (parent->isFinished())
                    return;
                if (!page->isTruncated || page->marker.isEmpty()
                    || page->marker == state->request.marker) {
                    finish(state->merged);
                    return;
                }
                state->request.marker = page->marker;
                (*self)();
            });
        parent->track(child, [finish] { finish(std::unexpected(AwsError::cancelled())); });
    };
    parent->setAbortHandler([finish] { finish(std::unexpected(AwsError::cancelled())); });
    callguard::cancelWithContext(parent, context);
    (*step)();
    return parent;
}

QByteArray IamClient::encodeSimulatePrincipalPolicy(const SimulatePrincipalPolicyRequest &request)
{
    QueryProtocol::Parameters params{{u"PolicySourceArn"_s, request.policySourceArn}};
    appendPolicyList(params, u"PolicyInputList"_s, request.policyInputList);
    appendPolicyList(params, u"PermissionsBoundaryPolicyInputList"_s,
                     request.permissionsBoundaryPolicyInputList);
    QueryProtocol::appendList(params, u"ActionNames"_s, request.actionNames);
    QueryProtocol::appendList(params, u"ResourceArns"_s, request.resourceArns);
    if (!request.resourcePolicy.isEmpty())
        params.append({u"ResourcePolicy"_s, request.resourcePolicy});
    if (!request.resourceOwner.isEmpty())
        params.append({u"ResourceOwner"_s, request.resourceOwner});
    if (!request.callerArn.isEmpty())
        params.append({u"CallerArn"_s, request.callerArn});
    for (qsizetype i = 0; i < request.contextEntries.size(); ++i) {
        const ContextEntry &entry = request.contextEntries.at(i);
        const QString prefix = u"ContextEntries.member.%1."_s.arg(i + 1);
        if (!entry.contextKeyName.isEmpty())
            params.append({prefix + u"ContextKeyName"_s, entry.contextKeyName});
        QueryProtocol::appendList(params, prefix + u"ContextKeyValues"_s, entry.contextKeyValues);
        if (!entry.contextKeyType.isEmpty())
            params.append({prefix + u"ContextKeyType"_s, entry.contextKeyType});
    }
    if (!request.resourceHandlingOption.isEmpty())
        params.append({u"ResourceHandlingOption"_s, request.resourceHandlingOption});
    if (request.maxItems)
        params.append({u"MaxItems"_s, QString::number(*request.maxItems)});
    if (!request.marker.isEmpty())
        params.append({u"Marker"_s, request.marker});
    return QueryProtocol::encode(kAction, QString(apiVersion), params);
}

Result<SimulatePrincipalPolicyResult> IamClient::decodeSimulatePrincipalPolicy(const QByteArray &body)
{
    auto result = QueryProtocol::parseResult(body, kAction);
    if (!result)
        return std::unexpected(result.error());
    SimulatePrincipalPolicyResult simulation;
    for (const XmlNode *member : result->members(u"EvaluationResults")) {
        EvaluationResult evaluation;
        evaluation.evalActionName = member->childText(u"EvalActionName");
        evaluation.evalResourceName = member->childText(u"EvalResourceName");
        evaluation.evalDecision = member->childText(u"EvalDecision");
        evaluation.matchedStatements = statementsOf(*member);
        evaluation.missingContextValues = textsOf(*member, u"MissingContextValues");
        evaluation.allowedByOrganizations =
            optionalBool(member->child(u"OrganizationsDecisionDetail"), u"AllowedByOrganizations");
        evaluation.allowedByPermissionsBoundary =
            optionalBool(member->child(u"PermissionsBoundaryDecisionDetail"),
                         u"AllowedByPermissionsBoundary");
        evaluation.evalDecisionDetails = mapOf(*member, u"EvalDecisionDetails");
        for (const XmlNode *resource : member->members(u"ResourceSpecificResults")) {
            ResourceSpecificResult specific;
            specific.evalResourceName = resource->childText(u"EvalResourceName");
            specific.evalResourceDecision = resource->childText(u"EvalResourceDecision");
            specific.matchedStatements = statementsOf(*resource);
            specific.missingContextValues = textsOf(*resource, u"MissingContextValues");
            specific.evalDecisionDetails = mapOf(*resource, u"EvalDecisionDetails");
            specific.allowedByPermissionsBoundary =
                optionalBool(resource->child(u"PermissionsBoundaryDecisionDetail"),
                             u"AllowedByPermissionsBoundary");
            evaluation.resourceSpecificResults.append(specific);
        }
        if (evaluation.evalActionName.isEmpty() || evaluation.evalDecision.isEmpty()) {
            return std::unexpected(AwsError::protocolError(QCoreApplication::translate(
                "coffer::aws::IamClient",
                "An evaluation result has no EvalActionName or EvalDecision.")));
        }
        simulation.evaluationResults.append(evaluation);
    }
    simulation.isTruncated = result->childText(u"IsTruncated").trimmed() == u"true";
    simulation.marker = result->childText(u"Marker");
    return simulation;
}

} // namespace coffer::aws
