// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"
#include "models/aws/secretsmanagertypes.h"
#include "models/aws/wiremessage.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace coffer::aws {

class AwsClient;

/**
 * Asynchronous client for AWS Secrets Manager (JSON 1.1), over the shared AwsClient transport.
 *
 * Every operation returns an AwsCall handle (cancellable, self-deleting) and later calls
 * `callback` once with a `Result<T>`. The callback runs only while `context` lives; destroying
 * `context` cancels the call. Writes that create a version (CreateSecret, PutSecretValue,
 * UpdateSecret with a value) always carry a ClientRequestToken, generated when the request has
 * none, and every retry sends the same one, so a retried write is never applied twice.
 *
 *     secrets->getSecretValue({u"pixell/prod"_s}, this, [this](Result<SecretValue> value) {
 *         if (!value) return showError(value.error());
 *         ...
 *     });
 *
 * The listAll...() variants follow NextToken until the last page, report the items loaded so
 * far through AwsCall::progressed(loaded, -1), and stop when cancelled. batchGetSecretValue()
 * falls back to one GetSecretValue per secret when the endpoint does not know the batch call.
 */
class SecretsManagerClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretsManagerClient)

public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    static constexpr QLatin1StringView signingName{"secretsmanager"};

    SecretsManagerClient(AwsClient *transport, ClientConfig config, QObject *parent = nullptr);
    ~SecretsManagerClient() override;

    [[nodiscard]] const ClientConfig &config() const { return m_config; }
    void setConfig(ClientConfig config);
    [[nodiscard]] AwsClient *transport() const;
    /// "https://secretsmanager.<region>.amazonaws.com" (the aws partition).
    [[nodiscard]] static QUrl defaultEndpoint(const QString &region);

    /// One page of ListSecrets.
    AwsCall *listSecrets(const ListSecretsRequest &request, QObject *context,
                         Callback<ListSecretsResult> callback);
    /// Every page of ListSecrets, merged; `request.nextToken` is where to start.
    AwsCall *listAllSecrets(const ListSecretsRequest &request, QObject *context,
                            Callback<ListSecretsResult> callback);
    AwsCall *describeSecret(const QString &secretId, QObject *context,
                            Callback<SecretMetadata> callback);
    AwsCall *getSecretValue(const GetSecretValueRequest &request, QObject *context,
                            Callback<SecretValue> callback);
    /// One BatchGetSecretValue page (up to 20 secrets), or the same read one secret at a time
    /// when the endpoint lacks the operation (then `usedFallback` is set, and later calls go
    /// straight to the fallback). AwsCall::progressed reports (secrets read, total) there.
    AwsCall *batchGetSecretValue(const BatchGetSecretValueRequest &request, QObject *context,
                                 Callback<BatchGetSecretValueResult> callback);
    /// One page of ListSecretVersionIds.
    AwsCall *listSecretVersionIds(const ListSecretVersionIdsRequest &request, QObject *context,
                                  Callback<ListSecretVersionIdsResult> callback);
    /// Every page of ListSecretVersionIds, merged.
    AwsCall *listAllSecretVersionIds(const ListSecretVersionIdsRequest &request,
                                     QObject *context,
                                     Callback<ListSecretVersionIdsResult> callback);
    AwsCall *createSecret(const CreateSecretRequest &request, QObject *context,
                          Callback<CreateSecretResult> callback);
    AwsCall *putSecretValue(const PutSecretValueRequest &request, QObject *context,
                            Callback<PutSecretValueResult> callback);
    AwsCall *updateSecret(const UpdateSecretRequest &request, QObject *context,
                          Callback<UpdateSecretResult> callback);
    AwsCall *updateSecretVersionStage(const UpdateSecretVersionStageRequest &request,
                                      QObject *context, Callback<SecretIdentity> callback);
    AwsCall *deleteSecret(const DeleteSecretRequest &request, QObject *context,
                          Callback<DeleteSecretResult> callback);
    AwsCall *restoreSecret(const QString &secretId, QObject *context,
                           Callback<SecretIdentity> callback);
    AwsCall *tagResource(const TagResourceRequest &request, QObject *context,
                         Callback<void> callback);
    AwsCall *untagResource(const UntagResourceRequest &request, QObject *context,
                           Callback<void> callback);
    AwsCall *getResourcePolicy(const QString &secretId, QObject *context,
                               Callback<ResourcePolicyResult> callback);

    /// True once the endpoint answered that it does not know BatchGetSecretValue.
    [[nodiscard]] bool isBatchGetUnsupported() const { return m_batchGetUnsupported; }
    /// True for the answers that mean "this endpoint does not implement the operation".
    [[nodiscard]] static bool isUnsupportedOperation(const AwsError &error);
    /// A fresh idempotency token (UUID v4, as the SDKs generate).
    [[nodiscard]] static QString generateClientRequestToken();

private:
    template<typename T>
    AwsCall *invoke(QLatin1StringView operation, QByteArray body, QObject *context,
                    Callback<T> callback, Result<T> (*decode)(const QByteArray &));
    /// How a write's refusal is checked against what the secret looks like now.
    template<typename T>
    struct Settle
    {
        /// True when `error` may be a retry's refusal of what an earlier attempt already did
        /// (`retried`: the client saw a retry; Qt also resends silently on a dropped connection).
        std::function<bool(const AwsError &error, bool retried)> worthALook;
        /// The result the write would have had, if `now` shows it done; nothing otherwise.
        std::function<std::optional<T>(const AwsError &error, const Result<SecretMetadata> &now)> landed;
    };
    /// invoke(), and when the write is refused in a way Settle::worthALook names, DescribeSecret
    /// and Settle::landed: a write whose first attempt landed reports success, not the refusal.
    template<typename T>
    AwsCall *invokeSettled(QLatin1StringView operation, QByteArray body, const QString &secretId, QObject *context,
                           Callback<T> callback, Result<T> (*decode)(const QByteArray &), Settle<T> settle);
    template<typename Request, typename Page, typename Item>
    AwsCall *collectPages(QLatin1StringView operation, const Request &request, QObject *context,
                          AwsCall *(SecretsManagerClient::*fetchPage)(const Request &, QObject *,
                                                                      Callback<Page>),
                          QList<Item> Page::*items, Callback<Page> callback);
    void batchGetFallback(AwsCall *parent, const BatchGetSecretValueRequest &request,
                          std::function<void(Result<BatchGetSecretValueResult>)> finish);
    void readValuesOneByOne(AwsCall *parent, QStringList secretIds, QString nextToken,
                            std::function<void(Result<BatchGetSecretValueResult>)> finish);

    QPointer<AwsClient> m_transport;
    ClientConfig m_config;
    bool m_batchGetUnsupported = false;
};

} // namespace coffer::aws
