// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace coffer::aws {

/// The AWS protocols Coffer speaks: JSON 1.1 (Secrets Manager), query (STS, IAM) and REST-JSON
/// (the IAM Identity Center OIDC and portal APIs, the container credentials endpoint).
enum class WireProtocol { Json11, Query, RestJson };

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
    /// REST-JSON only: the method and the request target below the endpoint's own path, query
    /// included and already percent-encoded ("/federation/credentials?role_name=R&account_id=1").
    QByteArray method = "POST";
    QByteArray resource;
    /// Extra headers (a bearer token); may hold a secret: never log them.
    QList<std::pair<QByteArray, QByteArray>> headers;
    /// Sent without SigV4 and without asking for credentials: the OIDC API, the portal (it
    /// authenticates with a bearer token), sts:AssumeRoleWithWebIdentity.
    bool anonymous = false;
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
