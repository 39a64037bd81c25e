// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/retrypolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace coffer::aws {

bool RetryPolicy::shouldRetry(const AwsError &error) const
{
    return error.isRetryable();
}

std::chrono::milliseconds RetryPolicy::delayBeforeRetry(int retry, const AwsError &error) const
{
    const auto base = error.isThrottling() ? throttlingBaseDelay : baseDelay;
    const double exponent = std::clamp(retry - 1, 0, 30);
    const double ceiling = std::min(double(base.count()) * std::pow(2.0, exponent),
                                    double(maxBackoff.count()));
    const double unit = random ? random() : QRandomGenerator::global()->generateDouble();
    const double delay = std::clamp(unit, 0.0, 1.0) * ceiling * std::max(delayScale, 0.0);
    return std::chrono::milliseconds(std::llround(delay));
}

} // namespace coffer::aws
