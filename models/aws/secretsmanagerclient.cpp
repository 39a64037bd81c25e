// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/secretsmanagerclient.h"

#include "models/aws/awsclient.h"
#include "models/aws/callguard.h"
#include "models/aws/endpointresolver.h"
#include "models/aws/secretsmanagercodec.h"

#include <QCoreApplication>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

using callguard::cancelWithContext;
using callguard::guarded;

// Errors BatchGetSecretValue reports per secret in its Errors list; anything else (transport,
// credentials, throttling after retries) fails the whole read.
bool isPerSecretError(const AwsError &error)
{
    switch (error.kind) {
    case ErrorKind::ResourceNotFound:
    case ErrorKind::AccessDenied:
    case ErrorKind::DecryptionFailure:
    case ErrorKind::KmsFailure:
    case ErrorKind::InvalidRequest:
    case ErrorKind::InvalidParameter:
        return true;
    default:
        return false;
    }
}

QString repeatedTokenMessage()
{
    return QCoreApplication::translate("coffer::aws::SecretsManagerClient",
                                       "The endpoint returned the same page token twice.");
}

} // namespace

SecretsManagerClient::SecretsManagerClient(AwsClient *transport, ClientConfig config,
                                           QObject *parent)
    : QObject(parent)
    , m_transport(transport)
{
    Q_ASSERT(transport);
    setConfig(std::move(config));
}

SecretsManagerClient::~SecretsManagerClient() = default;

void SecretsManagerClient::setConfig(ClientConfig config)
{
    if (config.endpoint.isEmpty() && !config.region.isEmpty())
        config.endpoint = defaultEndpoint(config.region);
    if (config.endpoint != m_config.endpoint)
        m_batchGetUnsupported = false;
    m_config = std::move(config);
}

QUrl SecretsManagerClient::defaultEndpoint(const QString &region)
{
    return QUrl(u"https://secretsmanager."_s + region + u'.' + EndpointResolver::dnsSuffixOf(region));
}

QString SecretsManagerClient::generateClientRequestToken()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool SecretsManagerClient::isUnsupportedOperation(const AwsError &error)
{
    if (error.code == u"UnknownOperationException"_s || error.code == u"InvalidAction"_s
        || error.code == u"NotImplemented"_s || error.code == u"NotImplementedException"_s
        || error.httpStatus == 501) {
        return true;
    }
    if (error.kind == ErrorKind::ProtocolError && (error.httpStatus == 404 || error.httpStatus == 405))
        return true;
    if (error.kind == ErrorKind::InvalidRequest || error.kind == ErrorKind::UnknownServiceError) {
        for (const QString &hint : {u"not supported"_s, u"not implemented"_s,
                                    u"unknown operation"_s, u"unsupported operation"_s}) {
            if (error.message.contains(hint, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}

template<typename T>
AwsCall *SecretsManagerClient::invoke(QLatin1StringView operation, QByteArray body,
                                      QObject *context, Callback<T> callback,
                                      Result<T> (*decode)(const QByteArray &))
{
    WireRequest wire;
    wire.service = QString(signingName);
    wire.operation = QString(operation);
    wire.protocol = WireProtocol::Json11;
    wire.target = SecretsManagerCodec::target(operation);
    wire.body = std::move(body);

    auto deliver = guarded<T>(context, std::move(callback));
    AwsCall *call = m_transport->send(m_config, std::move(wire),
                                      [deliver, decode](Result<WireResponse> response) {
        if (!response) {
            deliver(std::unexpected(response.error()));
            return;
        }
        Result<T> decoded = decode(response->body);
        if (!decoded) {
            decoded.error().requestId = response->requestId;
            decoded.error().httpStatus = response->httpStatus;
        }
        deliver(std::move(decoded));
    });
    cancelWithContext(call, context);
    return call;
}

template<typename T>
AwsCall *SecretsManagerClient::invokeSettled(QLatin1StringView operation, QByteArray body, const QString &secretId,
                                             QObject *context, Callback<T> callback,
                                             Result<T> (*decode)(const QByteArray &), Settle<T> settle)
{
    auto *parent = new AwsCall(QString(signingName) + u'.' + operation, this);
    auto deliver = guarded<T>(context, std::move(callback));
    auto finish = [parent, deliver](Result<T> result) {
        if (parent->isFinished())
            return;
        deliver(std::move(result));
        parent->finish();
    };
    auto retried = std::make_shared<bool>(false);
    AwsCall *first = invoke<T>(operation, std::move(body), parent,
                               [this, parent, secretId, retried, settle, finish](Result<T> result) {
        if (parent->isFinished())
            return;
        if (result || result.error().kind == ErrorKind::Cancelled || !settle.worthALook(result.error(), *retried)) {
            finish(std::move(result));
            return;
        }
        // The first attempt may have landed and only its answer been lost: look.
        const AwsError error = result.error();
        AwsCall *look = describeSecret(secretId, parent, [settle, finish, error](Result<SecretMetadata> now) {
            if (auto landed = settle.landed(error, now))
                finish(std::move(*landed));
            else
                finish(std::unexpected(error));
        });
        parent->track(look, [finish] { finish(std::unexpected(AwsError::cancelled())); });
    }, decode);
    connect(first, &AwsCall::retryScheduled, parent, [retried] { *retried = true; });
    parent->track(first, [finish] { finish(std::unexpected(AwsError::cancelled())); });
    parent->setAbortHandler([finish] { finish(std::unexpected(AwsError::cancelled())); });
    cancelWithContext(parent, context);
    return parent;
}

template<typename Request, typename Page, typename Item>
AwsCall *SecretsManagerClient::collectPages(
    QLatin1StringView operation, const Request &request, QObject *context,
    AwsCall *(SecretsManagerClient::*fetchPage)(const Request &, QObject *, Callback<Page>),
    QList<Item> Page::*items, Callback<Page> callback)
{
    // Owned by this client: its continuations use `this`, so they must die with it.
    auto *parent = new AwsCall(QString(signingName) + u'.' + operation + u" (all pages)"_s, this);
    struct State
    {
        Request request;
        Page merged;
        int pages = 0;
    };
    auto state = std::make_shared<State>();
    state->request = request;
    auto deliver = guarded<Page>(context, std::move(callback));
    auto finish = [parent, deliver](Result<Page> result) {
        if (parent->isFinished())
            return;
        deliver(std::move(result));
        parent->finish();
    };
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, parent, state, fetchPage, items, finish, weakStep] {
        auto self = weakStep.lock();
        AwsCall *child = (this->*fetchPage)(
            state->request, parent,
            [parent, state, items, finish, self](Result<Page> page) {
                if (parent->isFinished())
                    return;
                if (!page) {
                    finish(std::unexpected(page.error()));
                    return;
                }
                ++state->pages;
                const QString previousToken = state->request.nextToken;
                if (state->pages == 1)
                    state->merged = *page;
                else
                    (state->merged.*items).append(std::move((*page).*items));
                state->merged.nextToken.clear();
                parent->reportProgress((state->merged.*items).size(), -1);
                if (parent->isFinished())
                    return;
                if (page->nextToken.isEmpty()) {
                    finish(state->merged);
                    return;
                }
                if (page->nextToken == previousToken) {
                    finish(std::unexpected(AwsError::protocolError(repeatedTokenMessage())));
                    return;
                }
                state->request.nextToken = page->nextToken;
                (*self)();
            });
        parent->track(child, [finish] { finish(std::unexpected(AwsError::cancelled())); });
    };
    parent->setAbortHandler([finish] { finish(std::unexpected(AwsError::cancelled())); });
    cancelWithContext(parent, context);
    (*step)();
    return parent;
}

AwsCall *SecretsManagerClient::listSecrets(const ListSecretsRequest &request, QObject *context,
                                           Callback<ListSecretsResult> callback)
{
    return invoke<ListSecretsResult>("ListSecrets"_L1, SecretsManagerCodec::encode(request),
                                     context, std::move(callback),
                                     &SecretsManagerCodec::decodeListSecrets);
}

AwsCall *SecretsManagerClient::listAllSecrets(const ListSecretsRequest &request, QObject *context,
                                              Callback<ListSecretsResult> callback)
{
    return collectPages<ListSecretsRequest, ListSecretsResult, SecretMetadata>(
        "ListSecrets"_L1, request, context, &SecretsManagerClient::listSecrets,
        &ListSecretsResult::secretList, std::move(callback));
}

AwsCall *SecretsManagerClient::describeSecret(const QString &secretId, QObject *context,
                                              Callback<SecretMetadata> callback)
{
    return invoke<SecretMetadata>("DescribeSecret"_L1, SecretsManagerCodec::encodeSecretId(secretId),
                                  context, std::move(callback),
                                  &SecretsManagerCodec::decodeDescribeSecret);
}

AwsCall *SecretsManagerClient::getSecretValue(const GetSecretValueRequest &request,
                                              QObject *context, Callback<SecretValue> callback)
{
    return invoke<SecretValue>("GetSecretValue"_L1, SecretsManagerCodec::encode(request), context,
                               std::move(callback), &SecretsManagerCodec::decodeGetSecretValue);
}

AwsCall *SecretsManagerClient::batchGetSecretValue(const BatchGetSecretValueRequest &request,
                                                   QObject *context,
                                                   Callback<BatchGetSecretValueResult> callback)
{
    auto *parent = new AwsCall(u"secretsmanager.BatchGetSecretValue"_s, this);
    auto deliver = guarded<BatchGetSecretValueResult>(context, std::move(callback));
    auto finish = [parent, deliver](Result<BatchGetSecretValueResult> result) {
        if (parent->isFinished())
            return;
        deliver(std::move(result));
        parent->finish();
    };
    parent->setAbortHandler([finish] { finish(std::unexpected(AwsError::cancelled())); });
    cancelWithContext(parent, context);

    if (m_batchGetUnsupported) {
        batchGetFallback(parent, request, finish);
        return parent;
    }
    AwsCall *child = invoke<BatchGetSecretValueResult>(
        "BatchGetSecretValue"_L1, SecretsManagerCodec::encode(request), parent,
        [this, parent, request, finish](Result<BatchGetSecretValueResult> result) {
            if (parent->isFinished())
                return;
            if (!result && isUnsupportedOperation(result.error())) {
                m_batchGetUnsupported = true;
                batchGetFallback(parent, request, finish);
                return;
            }
            finish(std::move(result));
        },
        &SecretsManagerCodec::decodeBatchGetSecretValue);
    parent->track(child, [finish] { finish(std::unexpected(AwsError::cancelled())); });
    return parent;
}

void SecretsManagerClient::batchGetFallback(
    AwsCall *parent, const BatchGetSecretValueRequest &request,
    std::function<void(Result<BatchGetSecretValueResult>)> finish)
{
    if (!request.secretIdList.isEmpty()) {
        readValuesOneByOne(parent, request.secretIdList, {}, std::move(finish));
        return;
    }
    // With filters, the batch call is a listing plus the values: do the same in two steps,
    // keeping the listing's page token as the batch's.
    ListSecretsRequest listing;
    listing.filters = request.filters;
    listing.maxResults = request.maxResults;
    listing.nextToken = request.nextToken;
    AwsCall *child = listSecrets(listing, parent,
                                 [this, parent, finish](Result<ListSecretsResult> page) {
        if (parent->isFinished())
            return;
        if (!page) {
            finish(std::unexpected(page.error()));
            return;
        }
        QStringList ids;
        for (const SecretMetadata &secret : std::as_const(page->secretList))
            ids.append(secret.arn.isEmpty() ? secret.name : secret.arn);
        readValuesOneByOne(parent, ids, page->nextToken, finish);
    });
    parent->track(child, [finish] { finish(std::unexpected(AwsError::cancelled())); });
}

void SecretsManagerClient::readValuesOneByOne(
    AwsCall *parent, QStringList secretIds, QString nextToken,
    std::function<void(Result<BatchGetSecretValueResult>)> finish)
{
    struct State
    {
        QStringList ids;
        qsizetype index = 0;
        BatchGetSecretValueResult result;
    };
    auto state = std::make_shared<State>();
    state->ids = std::move(secretIds);
    state->result.usedFallback = true;
    state->result.nextToken = std::move(nextToken);

    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, parent, state, finish, weakStep] {
        if (parent->isFinished())
            return;
        if (state->index >= state->ids.size()) {
            finish(state->result);
            return;
        }
        auto self = weakStep.lock();
        const QString id = state->ids.at(state->index);
        GetSecretValueRequest request;
        request.secretId = id;
        AwsCall *child = getSecretValue(request, parent,
                                        [parent, state, finish, self, id](Result<SecretValue> value) {
            if (parent->isFinished())
                return;
            if (value) {
                state->result.secretValues.append(std::move(*value));
            } else if (isPerSecretError(value.error())) {
                state->result.errors.append(BatchGetSecretValueError{id, value.error()});
            } else {
                finish(std::unexpected(value.error()));
                return;
            }
            ++state->index;
            parent->reportProgress(state->index, state->ids.size());
            (*self)();
        });
        parent->track(child, [finish] { finish(std::unexpected(AwsError::cancelled())); });
    };
    parent->reportProgress(0, state->ids.size());
    (*step)();
}

AwsCall *SecretsManagerClient::listSecretVersionIds(const ListSecretVersionIdsRequest &request,
                                                    QObject *context,
                                                    Callback<ListSecretVersionIdsResult> callback)
{
    return invoke<ListSecretVersionIdsResult>("ListSecretVersionIds"_L1,
                                              SecretsManagerCodec::encode(request), context,
                                              std::move(callback),
                                              &SecretsManagerCodec::decodeListSecretVersionIds);
}

AwsCall *SecretsManagerClient::listAllSecretVersionIds(
    const ListSecretVersionIdsRequest &request, QObject *context,
    Callback<ListSecretVersionIdsResult> callback)
{
    return collectPages<ListSecretVersionIdsRequest, ListSecretVersionIdsResult, SecretVersion>(
        "ListSecretVersionIds"_L1, request, context, &SecretsManagerClient::listSecretVersionIds,
        &ListSecretVersionIdsResult::versions, std::move(callback));
}

AwsCall *SecretsManagerClient::createSecret(const CreateSecretRequest &request, QObject *context,
                                            Callback<CreateSecretResult> callback)
{
    CreateSecretRequest withToken = request;
    if (withToken.clientRequestToken.isEmpty())
        withToken.clientRequestToken = generateClientRequestToken();
    return invoke<CreateSecretResult>("CreateSecret"_L1, SecretsManagerCodec::encode(withToken),
                                      context, std::move(callback),
                                      &SecretsManagerCodec::decodeCreateSecret);
}

AwsCall *SecretsManagerClient::putSecretValue(const PutSecretValueRequest &request,
                                              QObject *context,
                                              Callback<PutSecretValueResult> callback)
{
    PutSecretValueRequest withToken = request;
    if (withToken.clientRequestToken.isEmpty())
        withToken.clientRequestToken = generateClientRequestToken();
    return invoke<PutSecretValueResult>("PutSecretValue"_L1,
                                        SecretsManagerCodec::encode(withToken), context,
                                        std::move(callback),
                                        &SecretsManagerCodec::decodePutSecretValue);
}

AwsCall *SecretsManagerClient::updateSecret(const UpdateSecretRequest &request, QObject *context,
                                            Callback<UpdateSecretResult> callback)
{
    UpdateSecretRequest withToken = request;
    if (withToken.changesValue() && withToken.clientRequestToken.isEmpty())
        withToken.clientRequestToken = generateClientRequestToken();
    return invoke<UpdateSecretResult>("UpdateSecret"_L1, SecretsManagerCodec::encode(withToken),
                                      context, std::move(callback),
                                      &SecretsManagerCodec::decodeUpdateSecret);
}

AwsCall *SecretsManagerClient::updateSecretVersionStage(
    const UpdateSecretVersionStageRequest &request, QObject *context,
    Callback<SecretIdentity> callback)
{
    // A retried move whose first attempt landed is refused ("not attached to version ..."):
    // if the label is now where it was asked to be, that is this call's success.
    Settle<SecretIdentity> settle;
    settle.worthALook = [](const AwsError &error, bool) { return error.kind == ErrorKind::InvalidParameter; };
    settle.landed = [request](const AwsError &, const Result<SecretMetadata> &now) {
        std::optional<SecretIdentity> landed;
        if (!now)
            return landed;
        const bool atTarget = request.moveToVersionId.isEmpty()
                ? !now->versionIdsToStages.value(request.removeFromVersionId).contains(request.versionStage)
                : now->versionIdsToStages.value(request.moveToVersionId).contains(request.versionStage);
        if (atTarget)
            landed = SecretIdentity{now->arn, now->name};
        return landed;
    };
    return invokeSettled<SecretIdentity>("UpdateSecretVersionStage"_L1, SecretsManagerCodec::encode(request),
                                         request.secretId, context, std::move(callback),
                                         &SecretsManagerCodec::decodeSecretIdentity, std::move(settle));
}

AwsCall *SecretsManagerClient::deleteSecret(const DeleteSecretRequest &request, QObject *context,
                                            Callback<DeleteSecretResult> callback)
{
    // A retried delete whose first attempt landed is refused: already scheduled (then the
    // secret's state says so), or, when forced, gone (only trusted after a retry the client
    // saw: a name that never existed is refused the same way).
    Settle<DeleteSecretResult> settle;
    settle.worthALook = [force = request.forceDeleteWithoutRecovery](const AwsError &error, bool retried) {
        return force ? error.kind == ErrorKind::ResourceNotFound && retried : error.kind == ErrorKind::InvalidRequest;
    };
    settle.landed = [request](const AwsError &error, const Result<SecretMetadata> &now) {
        std::optional<DeleteSecretResult> landed;
        if (request.forceDeleteWithoutRecovery) {
            if (error.kind == ErrorKind::ResourceNotFound && !now && now.error().kind == ErrorKind::ResourceNotFound)
                landed = DeleteSecretResult{QString(), request.secretId, QDateTime::currentDateTimeUtc()};
        } else if (now && now->deletedDate.isValid()) {
            landed = DeleteSecretResult{now->arn, now->name,
                                        now->deletedDate.addDays(request.recoveryWindowInDays.value_or(30))};
        }
        return landed;
    };
    return invokeSettled<DeleteSecretResult>("DeleteSecret"_L1, SecretsManagerCodec::encode(request), request.secretId,
                                             context, std::move(callback), &SecretsManagerCodec::decodeDeleteSecret,
                                             std::move(settle));
}

AwsCall *SecretsManagerClient::restoreSecret(const QString &secretId, QObject *context,
                                             Callback<SecretIdentity> callback)
{
    return invoke<SecretIdentity>("RestoreSecret"_L1, SecretsManagerCodec::encodeSecretId(secretId),
                                  context, std::move(callback),
                                  &SecretsManagerCodec::decodeSecretIdentity);
}

AwsCall *SecretsManagerClient::tagResource(const TagResourceRequest &request, QObject *context,
                                           Callback<void> callback)
{
    return invoke<void>("TagResource"_L1, SecretsManagerCodec::encode(request), context,
                        std::move(callback), &SecretsManagerCodec::decodeEmpty);
}

AwsCall *SecretsManagerClient::untagResource(const UntagResourceRequest &request,
                                             QObject *context, Callback<void> callback)
{
    return invoke<void>("UntagResource"_L1, SecretsManagerCodec::encode(request), context,
                        std::move(callback), &SecretsManagerCodec::decodeEmpty);
}

AwsCall *SecretsManagerClient::getResourcePolicy(const QString &secretId, QObject *context,
                                                 Callback<ResourcePolicyResult> callback)
{
    return invoke<ResourcePolicyResult>("GetResourcePolicy"_L1,
                                        SecretsManagerCodec::encodeSecretId(secretId), context,
                                        std::move(callback),
                                        &SecretsManagerCodec::decodeGetResourcePolicy);
}

AwsClient *SecretsManagerClient::transport() const
{
    return m_transport;
}

} // namespace coffer::aws
