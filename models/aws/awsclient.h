// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscall.h"
#include "models/aws/awserror.h"
#include "models/aws/clientconfig.h"
#include "models/aws/wiremessage.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QObject>

#include <array>
#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace coffer::aws {

/**
 * The transport every service client shares: its connections, SigV4 signing, retries and the
 * clock-skew correction.
 *
 * Qt opens at most six HTTP/1.1 connections to one host per QNetworkAccessManager; botocore
 * keeps ten. A scan of hundreds of secrets is bound by round trips, so the transport spreads
 * requests over kLanes managers, each request to the one with the fewest in flight: twelve
 * connections to an endpoint at most.
 *
 * `send()` takes a request serialized once and, for each attempt, fetches credentials, signs a
 * copy at the corrected current time and posts it with the configured transfer timeout. Failed
 * attempts are retried after the RetryPolicy's backoff (a QTimer, never a sleep) up to
 * ClientConfig::maxAttempts. When the server says the signature's time is off and its Date
 * header shows our clock is wrong, the offset is remembered for every later request and the
 * attempt is repeated once. Nothing here logs a request body or a header value.
 *
 *     auto *transport = new AwsClient(this);
 *     SecretsManagerClient secrets(transport, config);
 *     StsClient sts(transport, stsConfig);
 */
class AwsClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwsClient)

public:
    using Completion = std::function<void(Result<WireResponse>)>;

    explicit AwsClient(QObject *parent = nullptr);
    ~AwsClient() override;

    /// QNetworkAccessManagers requests are spread over (six connections to a host each).
    static constexpr int kLanes = 2;

    /// Sends `request` to `config.endpoint`. `done` runs exactly once: with the 2xx answer, the
    /// service's error, a transport fault, or ErrorKind::Cancelled. The handle is owned by this
    /// transport and deletes itself after finishing.
    AwsCall *send(const ClientConfig &config, WireRequest request, Completion done);

    /// The largest correction Coffer will sign with: a server whose Date is further off than
    /// this is broken or lying, and the user's clock needs fixing instead.
    static constexpr std::chrono::hours kMaxClockOffset{24};

    /// Server time minus local time for `endpoint` (its scheme, host and port), learned from its
    /// clock-skew errors; 0 until one happened. Each endpoint has its own: a sandbox with a
    /// fault clock must not skew the signatures sent to AWS.
    [[nodiscard]] std::chrono::seconds clockOffset(const QUrl &endpoint) const;
    /// Sets it, clamped to ±kMaxClockOffset.
    void setClockOffset(const QUrl &endpoint, std::chrono::seconds offset);
    /// The time requests to `endpoint` are signed with: the local UTC time plus its offset.
    [[nodiscard]] QDateTime signingTime(const QUrl &endpoint) const;

    void setUserAgent(const QByteArray &userAgent) { m_userAgent = userAgent; }
    [[nodiscard]] QByteArray userAgent() const { return m_userAgent; }

    /// The error a non-2xx answer carries, for either protocol.
    [[nodiscard]] static AwsError errorFromResponse(WireProtocol protocol, int httpStatus,
                                                    const QList<std::pair<QByteArray, QByteArray>> &headers,
                                                    const QByteArray &body);
    /// The Host header for `url`: host, plus ":port" when the URL names a port.
    [[nodiscard]] static QByteArray hostHeader(const QUrl &url);
    /// Parses an HTTP Date header (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT").
    [[nodiscard]] static QDateTime parseHttpDate(const QByteArray &value);

Q_SIGNALS:
    /// The clock offset changed after the server reported a skewed signature.
    void clockOffsetChanged(const QUrl &endpoint, qint64 offsetSeconds);

private:
    struct Exchange;

    void startAttempt(const std::shared_ptr<Exchange> &exchange);
    void transmit(const std::shared_ptr<Exchange> &exchange, const AwsCredentials &credentials);
    void onReplyFinished(const std::shared_ptr<Exchange> &exchange, QNetworkReply *reply);
    void handleFailure(const std::shared_ptr<Exchange> &exchange, AwsError error,
                       const QByteArray &dateHeader);
    void complete(const std::shared_ptr<Exchange> &exchange, Result<WireResponse> result);

    /// The manager with the fewest replies in flight; counts the one about to be sent.
    [[nodiscard]] QNetworkAccessManager *takeLane();

    struct Lane
    {
        QNetworkAccessManager *network = nullptr;
        int inFlight = 0;
    };
    std::array<Lane, kLanes> m_lanes;
    [[nodiscard]] static QString clockKey(const QUrl &endpoint);

    QHash<QString, std::chrono::seconds> m_clockOffsets;   ///< by clockKey()
    QByteArray m_userAgent;
};

} // namespace coffer::aws
