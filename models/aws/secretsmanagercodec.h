// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/secretsmanagertypes.h"

#include <QByteArray>
#include <QLatin1StringView>

namespace coffer::aws {

/**
 * Turns Secrets Manager requests into JSON 1.1 bodies and answers back into result values,
 * without any networking, so the wire format can be tested (and compared with botocore) alone.
 *
 * Encoders write the members the model names, and only those that are set. Decoders accept the
 * answer of the matching operation; a body that is not a JSON object, or a malformed member
 * (a SecretBinary that is not base64), is an ErrorKind::ProtocolError. Unknown members are
 * ignored, as the SDKs do, so newer service versions keep working.
 */
class SecretsManagerCodec
{
public:
    static constexpr QLatin1StringView contentType{"application/x-amz-json-1.1"};

    /// "secretsmanager.<operation>", the X-Amz-Target header.
    [[nodiscard]] static QByteArray target(QLatin1StringView operation);

    [[nodiscard]] static QByteArray encode(const ListSecretsRequest &request);
    [[nodiscard]] static QByteArray encode(const GetSecretValueRequest &request);
    [[nodiscard]] static QByteArray encode(const BatchGetSecretValueRequest &request);
    [[nodiscard]] static QByteArray encode(const ListSecretVersionIdsRequest &request);
    [[nodiscard]] static QByteArray encode(const CreateSecretRequest &request);
    [[nodiscard]] static QByteArray encode(const PutSecretValueRequest &request);
    [[nodiscard]] static QByteArray encode(const UpdateSecretRequest &request);
    [[nodiscard]] static QByteArray encode(const UpdateSecretVersionStageRequest &request);
    [[nodiscard]] static QByteArray encode(const DeleteSecretRequest &request);
    [[nodiscard]] static QByteArray encode(const TagResourceRequest &request);
    [[nodiscard]] static QByteArray encode(const UntagResourceRequest &request);
    /// {"SecretId": ...}: DescribeSecret, RestoreSecret, GetResourcePolicy.
    [[nodiscard]] static QByteArray encodeSecretId(const QString &secretId);

    [[nodiscard]] static Result<ListSecretsResult> decodeListSecrets(const QByteArray &body);
    [[nodiscard]] static Result<SecretMetadata> decodeDescribeSecret(const QByteArray &body);
    [[nodiscard]] static Result<SecretValue> decodeGetSecretValue(const QByteArray &body);
    [[nodiscard]] static Result<BatchGetSecretValueResult>
    decodeBatchGetSecretValue(const QByteArray &body);
    [[nodiscard]] static Result<ListSecretVersionIdsResult>
    decodeListSecretVersionIds(const QByteArray &body);
    [[nodiscard]] static Result<CreateSecretResult> decodeCreateSecret(const QByteArray &body);
    [[nodiscard]] static Result<PutSecretValueResult> decodePutSecretValue(const QByteArray &body);
    [[nodiscard]] static Result<UpdateSecretResult> decodeUpdateSecret(const QByteArray &body);
    [[nodiscard]] static Result<DeleteSecretResult> decodeDeleteSecret(const QByteArray &body);
    [[nodiscard]] static Result<ResourcePolicyResult> decodeGetResourcePolicy(const QByteArray &body);
    /// {"ARN", "Name"}: UpdateSecretVersionStage, RestoreSecret.
    [[nodiscard]] static Result<SecretIdentity> decodeSecretIdentity(const QByteArray &body);
    /// TagResource, UntagResource: an empty body or "{}".
    [[nodiscard]] static Result<void> decodeEmpty(const QByteArray &body);
};

} // namespace coffer::aws
