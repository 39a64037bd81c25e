// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/stsclient.h"

#include "models/aws/awsclient.h"
#include "models/aws/callguard.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/queryprotocol.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

AwsError missingMember(const QString &member, const QString &requestId)
{
    return AwsError::protocolError(
        QCoreApplication::translate("coffer::aws::StsClient", "The STS answer has no %1.")
            .arg(member),
        requestId);
}

} // namespace

StsClient::StsClient(AwsClient *transport, ClientConfig config, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    Q_ASSERT(transport);
    setConfig(std::move(config));
}

StsClient::~StsClient() = default;

void StsClient::setConfig(ClientConfig config)
{
    if (config.endpoint.isEmpty() && !config.region.isEmpty())
        config.endpoint = defaultEndpoint(config.region);
    m_config = std::move(config);
}

QUrl StsClient::defaultEndpoint(const QString &region)
{
    return QUrl(u"https://sts."_s + region + u'.' + EndpointResolver::dnsSuffixOf(region));
}

template<typename T>
AwsCall *StsClient::invoke(const QString &action, QByteArray body, QObject *context,
                           Callback<T> callback, Result<T> (*decode)(const QByteArray &),
                           bool anonymous)
{
    WireRequest wire;
    wire.anonymous = anonymous;
    wire.service = QString(signingName);
    wire.operation = action;
    wire.protocol = WireProtocol::Query;
    wire.body = std::move(body);
    auto deliver = callguard::guarded<T>(context, std::move(callback));
    AwsCall *call = m_transport->send(m_config, std::move(wire),
                                      [deliver, decode](Result<WireResponse> response) {
        if (!response) {
            deliver(std::unexpected(response.error()));
            return;
        }
        Result<T> decoded = decode(response->body);
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

AwsCall *StsClient::getCallerIdentity(QObject *context, Callback<CallerIdentity> callback)
{
    return invoke<CallerIdentity>(u"GetCallerIdentity"_s, encodeGetCallerIdentity(), context,
                                  std::move(callback), &StsClient::decodeGetCallerIdentity);
}

AwsCall *StsClient::assumeRole(const AssumeRoleRequest &request, QObject *context,
                               Callback<AssumeRoleResult> callback)
{
    return invoke<AssumeRoleResult>(u"AssumeRole"_s, encodeAssumeRole(request), context,
                                    std::move(callback), &StsClient::decodeAssumeRole);
}

AwsCall *StsClient::assumeRoleWithWebIdentity(const AssumeRoleWithWebIdentityRequest &request,
                                              QObject *context,
                                              Callback<AssumeRoleWithWebIdentityResult> callback)
{
    return invoke<AssumeRoleWithWebIdentityResult>(
        u"AssumeRoleWithWebIdentity"_s, encodeAssumeRoleWithWebIdentity(request), context,
        std::move(callback), &StsClient::decodeAssumeRoleWithWebIdentity, true);
}

QByteArray StsClient::encodeGetCallerIdentity()
{
    return QueryProtocol::encode(u"GetCallerIdentity"_s, QString(apiVersion), {});
}

QByteArray StsClient::encodeAssumeRole(const AssumeRoleRequest &request)
{
    QueryProtocol::Parameters params{{u"RoleArn"_s, request.roleArn},
                                     {u"RoleSessionName"_s, request.roleSessionName}};
    for (qsizetype i = 0; i < request.policyArns.size(); ++i) {
        params.append({u"PolicyArns.member.%1.arn"_s.arg(i + 1), request.policyArns.at(i)});
    }
    if (!request.policy.isEmpty())
        params.append({u"Policy"_s, request.policy});
    if (request.durationSeconds)
        params.append({u"DurationSeconds"_s, QString::number(*request.durationSeconds)});
    if (!request.externalId.isEmpty())
        params.append({u"ExternalId"_s, request.externalId});
    if (!request.serialNumber.isEmpty())
        params.append({u"SerialNumber"_s, request.serialNumber});
    if (!request.tokenCode.isEmpty())
        params.append({u"TokenCode"_s, request.tokenCode});
    if (!request.sourceIdentity.isEmpty())
        params.append({u"SourceIdentity"_s, request.sourceIdentity});
    return QueryProtocol::encode(u"AssumeRole"_s, QString(apiVersion), params);
}

QByteArray
StsClient::encodeAssumeRoleWithWebIdentity(const AssumeRoleWithWebIdentityRequest &request)
{
    // botocore's member order (the service model's), so both clients send the same body.
    QueryProtocol::Parameters params { { u"RoleArn"_s, request.roleArn },
                                       { u"RoleSessionName"_s, request.roleSessionName },
                                       { u"WebIdentityToken"_s, request.webIdentityToken } };
    for (qsizetype i = 0; i < request.policyArns.size(); ++i)
        params.append({ u"PolicyArns.member.%1.arn"_s.arg(i + 1), request.policyArns.at(i) });
    if (!request.policy.isEmpty())
        params.append({ u"Policy"_s, request.policy });
    if (request.durationSeconds)
        params.append({ u"DurationSeconds"_s, QString::number(*request.durationSeconds) });
    return QueryProtocol::encode(u"AssumeRoleWithWebIdentity"_s, QString(apiVersion), params);
}

Result<CallerIdentity> StsClient::decodeGetCallerIdentity(const QByteArray &body)
{
    auto result = QueryProtocol::parseResult(body, u"GetCallerIdentity"_s);
    if (!result)
        return std::unexpected(result.error());
    CallerIdentity identity{result->childText(u"UserId"), result->childText(u"Account"),
                            result->childText(u"Arn")};
    if (identity.arn.isEmpty())
        return std::unexpected(missingMember(u"Arn"_s, {}));
    return identity;
}

namespace {

/// The `<Credentials>` both AssumeRole answers carry; all four members are required.
Result<AwsCredentials> roleCredentials(const XmlNode &result)
{
    const XmlNode *credentials = result.child(u"Credentials");
    if (!credentials)
        return std::unexpected(missingMember(u"Credentials"_s, {}));

    AwsCredentials parsed;
    parsed.accessKeyId = credentials->childText(u"AccessKeyId").trimmed();
    parsed.secretAccessKey = credentials->childText(u"SecretAccessKey").trimmed();
    parsed.sessionToken = credentials->childText(u"SessionToken").trimmed();
    const QDateTime expiration =
        QueryProtocol::parseTimestamp(credentials->childText(u"Expiration"));
    if (expiration.isValid())
        parsed.expiration = expiration;
    if (!parsed.isValid() || parsed.sessionToken.isEmpty() || !expiration.isValid())
        return std::unexpected(missingMember(u"complete Credentials"_s, {}));
    return parsed;
}

} // namespace

Result<AssumeRoleResult> StsClient::decodeAssumeRole(const QByteArray &body)
{
    auto result = QueryProtocol::parseResult(body, u"AssumeRole"_s);
    if (!result)
        return std::unexpected(result.error());
    auto credentials = roleCredentials(*result);
    if (!credentials)
        return std::unexpected(credentials.error());

    AssumeRoleResult assumed;
    assumed.credentials = std::move(*credentials);
    if (const XmlNode *user = result->child(u"AssumedRoleUser")) {
        assumed.assumedRoleId = user->childText(u"AssumedRoleId");
        assumed.assumedRoleArn = user->childText(u"Arn");
    }
    assumed.credentials.source = u"assumed role "_s
                                 + (assumed.assumedRoleArn.isEmpty() ? QString()
                                                                     : assumed.assumedRoleArn);
    bool ok = false;
    const int packed = result->childText(u"PackedPolicySize").toInt(&ok);
    if (ok)
        assumed.packedPolicySize = packed;
    assumed.sourceIdentity = result->childText(u"SourceIdentity");
    return assumed;
}

Result<AssumeRoleWithWebIdentityResult>
StsClient::decodeAssumeRoleWithWebIdentity(const QByteArray &body)
{
    auto result = QueryProtocol::parseResult(body, u"AssumeRoleWithWebIdentity"_s);
    if (!result)
        return std::unexpected(result.error());
    auto credentials = roleCredentials(*result);
    if (!credentials)
        return std::unexpected(credentials.error());

    AssumeRoleWithWebIdentityResult assumed;
    assumed.credentials = std::move(*credentials);
    if (const XmlNode *user = result->child(u"AssumedRoleUser")) {
        assumed.assumedRoleId = user->childText(u"AssumedRoleId");
        assumed.assumedRoleArn = user->childText(u"Arn");
    }
    assumed.credentials.source = u"web identity role "_s + assumed.assumedRoleArn;
    assumed.subjectFromWebIdentityToken = result->childText(u"SubjectFromWebIdentityToken");
    assumed.audience = result->childText(u"Audience");
    assumed.provider = result->childText(u"Provider");
    bool ok = false;
    const int packed = result->childText(u"PackedPolicySize").toInt(&ok);
    if (ok)
        assumed.packedPolicySize = packed;
    assumed.sourceIdentity = result->childText(u"SourceIdentity");
    return assumed;
}

} // namespace coffer::aws
