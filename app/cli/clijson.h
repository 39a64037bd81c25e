// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"
#include "models/aws/ststypes.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace coffer::cli {

/**
 * The --json shapes of coffer-cli: the members of the Secrets Manager and STS answers, named as
 * in the service model (and so as the AWS CLI prints them), with dates as ISO 8601 UTC strings
 * and SecretBinary as base64. Absent members are left out.
 */
class CliJson final
{
public:
    using Json = nlohmann::ordered_json;

    /// A ListSecrets entry (`describe` false: "SecretVersionsToStages") or a DescribeSecret
    /// answer ("VersionIdsToStages", "ReplicationStatus"). Never a value: metadata has none.
    [[nodiscard]] static Json metadata(const aws::SecretMetadata &secret, bool describe);
    /// A GetSecretValue answer: the only shape that carries a secret value.
    [[nodiscard]] static Json secretValue(const aws::SecretValue &value);
    [[nodiscard]] static Json version(const aws::SecretVersion &version);
    [[nodiscard]] static Json tags(const QList<aws::Tag> &tags);
    [[nodiscard]] static Json strings(const QStringList &list);
    [[nodiscard]] static Json callerIdentity(const aws::CallerIdentity &identity);

    [[nodiscard]] static std::string utf8(const QString &text) { return text.toStdString(); }
};

} // namespace coffer::cli
