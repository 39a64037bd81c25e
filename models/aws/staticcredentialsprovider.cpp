// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/staticcredentialsprovider.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace coffer::aws {

StaticCredentialsProvider::StaticCredentialsProvider(AwsCredentials credentials)
    : m_credentials(std::move(credentials))
{
    if (m_credentials.source.isEmpty())
        m_credentials.source = u"static"_s;
}

void StaticCredentialsProvider::credentials(QObject *context, Callback callback)
{
    Q_UNUSED(context)
    if (!m_credentials.isValid()) {
        callback(std::unexpected(AwsError::credentialsMissing(QCoreApplication::translate(
            "coffer::aws::StaticCredentialsProvider",
            "The access key id or the secret access key is empty."))));
        return;
    }
    callback(m_credentials);
}

QString StaticCredentialsProvider::description() const
{
    return m_credentials.source;
}

} // namespace coffer::aws
