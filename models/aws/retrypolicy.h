// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <chrono>
#include <functional>

namespace coffer::aws {

/**
 * When to retry a failed attempt and how long to wait first, after the AWS SDKs' "standard"
 * retry mode: throttling errors, 5xx answers and transient transport faults are retried with
 * exponential backoff and full jitter, delay = random(0, 1) * min(base * 2^(retry - 1), cap).
 *
 * The attempt count lives in ClientConfig::maxAttempts. `delayScale` shrinks every delay (tests
 * use 0 or 0.01); `random` can be replaced to make the jitter deterministic.
 */
struct RetryPolicy
{
    std::chrono::milliseconds baseDelay{100};
    std::chrono::milliseconds throttlingBaseDelay{1000};
    std::chrono::milliseconds maxBackoff{20000};
    double delayScale = 1.0;
    std::function<double()> random; ///< uniform in [0, 1); empty means QRandomGenerator::global()

    /// True when `error` is worth another attempt (the attempt budget is checked by the caller).
    [[nodiscard]] bool shouldRetry(const AwsError &error) const;
    /// How long to wait before retry number `retry` (1 for the second attempt) after `error`.
    [[nodiscard]] std::chrono::milliseconds delayBeforeRetry(int retry, const AwsError &error) const;
};

} // namespace coffer::aws
