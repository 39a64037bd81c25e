// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace coffer::aws {

/// The two AWS protocols Coffer speaks: JSON 1.1 (Secrets Manager) and query (STS, IAM).
enum class WireProtocol { Json11, Query };

/**
 * One operation's request, serialized once: the transport signs it afresh for every attempt
 * (new X-Amz-Date), so retries carry the very same body, idempotency token included.
 */
struct WireRequest
{
    QString service;          ///< signing name: "secretsmanager", "sts", "iam"
    QString operation;        ///< "GetSecretValue"; for logs and errors, never the body
    WireProtocol protocol = WireProtocol::Json11;
    QByteArray target;        ///< X-Amz-Target for JSON 1.1 ("secretsmanager.GetSecretValue")
    QByteArray body;          ///< may hold a secret: never log it
};

/// A 2xx answer as received.
struct WireResponse
{
    int httpStatus = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString requestId;

    [[nodiscard]] QByteArray header(QByteArrayView name) const
    {
        for (const auto &[headerName, value] : headers) {
            if (headerName.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

} // namespace coffer::aws
