// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/sandboxfixtures.h"

#include "models/aws/staticcredentialsprovider.h"

using namespace Qt::StringLiterals;

namespace coffer::test {

QByteArray allowPolicy(const QStringList &actions, const QString &resource)
{
    QStringList quoted;
    for (const QString &action : actions)
        quoted << u"\"%1\""_s.arg(action);
    return u"{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [%1], \"Resource\": \"%2\"}]}"_s
        .arg(quoted.join(u", "_s), resource)
        .toUtf8();
}

diagnostics::DiagnosticsTarget diagnosticsTargetFor(const QUrl &endpoint,
                                                    const aws::AwsCredentials &keys)
{
    diagnostics::DiagnosticsTarget target;
    target.profileName = u"test"_s;
    target.profileSource = u"test"_s;
    aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = endpoint;
    config.credentials = std::make_shared<aws::StaticCredentialsProvider>(keys);
    config.maxAttempts = 1;
    target.secretsManager = config;
    target.sts = config;
    target.iam = config;
    target.regionSource = u"test"_s;
    target.endpointSource = u"test"_s;
    return target;
}

} // namespace coffer::test
