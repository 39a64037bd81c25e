// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/aws/secretsmanagercodec.h"

namespace coffer::fuzz {

int fuzzSecretsManagerCodec(const uint8_t *data, size_t size)
{
    using Codec = aws::SecretsManagerCodec;
    const QByteArray body = inputBytes(data, size);
    // Every answer type: a server (or a proxy in between) can send any bytes to any call.
    (void)Codec::decodeListSecrets(body);
    (void)Codec::decodeDescribeSecret(body);
    (void)Codec::decodeGetSecretValue(body);
    (void)Codec::decodeBatchGetSecretValue(body);
    (void)Codec::decodeListSecretVersionIds(body);
    (void)Codec::decodeCreateSecret(body);
    (void)Codec::decodePutSecretValue(body);
    (void)Codec::decodeUpdateSecret(body);
    (void)Codec::decodeDeleteSecret(body);
    (void)Codec::decodeGetResourcePolicy(body);
    (void)Codec::decodeSecretIdentity(body);
    (void)Codec::decodeEmpty(body);
    return 0;
}

} // namespace coffer::fuzz
