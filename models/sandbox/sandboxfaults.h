// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <chrono>

namespace coffer::sandbox {

/**
 * Faults the sandbox endpoint injects on purpose, so the client's retries, timeouts, idempotency
 * and clock-skew diagnosis can be tried without AWS. Everything is off by default.
 *
 *     SandboxFaults faults;
 *     faults.failureRate = 0.3;               // three requests in ten fail...
 *     faults.failure = SandboxFaults::Failure::Throttling;
 *     faults.seed = 42;                       // ...always the same ones
 *     server.setFaults(faults);
 *
 * Injected failures are decided after the signature was checked, so a wrongly signed request is
 * always refused as such.
 */
struct SandboxFaults
{
    enum class Failure {
        Throttling,           ///< HTTP 400 ThrottlingException "Rate exceeded"
        ServiceUnavailable,   ///< HTTP 503 ServiceUnavailable
        Mixed,                ///< either, at random
    };

    /// Added before every answer.
    std::chrono::milliseconds latency{0};
    /// The share of requests (0 to 1) answered with an injected failure instead of being served.
    double failureRate = 0.0;
    Failure failure = Failure::Mixed;
    /// The share of requests answered with ThrottlingException (HTTP 400 "Rate exceeded").
    double throttleRate = 0.0;
    /// The share of requests answered with an internal error (HTTP 500 InternalServiceError or
    /// 503 ServiceUnavailable, at random).
    double errorRate = 0.0;
    /// The share of successful writes that are applied (and persisted) and then answered by a
    /// dropped connection.
    double dropAfterCommitRate = 0.0;
    /// Seeds the generator that picks the failing requests, so a run can be repeated.
    quint32 seed = 1;
    /// The next N successful writes are applied (and persisted), then the connection is dropped
    /// without an answer, as when a network fails after the server acted: the client must retry
    /// with the same ClientRequestToken.
    int dropConnectionAfterWrites = 0;
    /// Added to the server's clock: the time it checks signatures against and stamps dates with.
    std::chrono::seconds clockOffset{0};
    /// The next N device-code CreateToken polls are answered slow_down though on time; from then
    /// on that code must be polled 5 seconds more slowly (RFC 8628).
    int slowDownPolls = 0;
};

} // namespace coffer::sandbox
