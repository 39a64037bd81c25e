// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/httprequest.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace coffer::test {

/**
 * Reads and writes the raw HTTP/1.1 requests of the AWS SigV4 test suite (`request.txt`,
 * `*-signed-request.txt`).
 *
 * The format is the test suite's, not strict HTTP: lines end with "\n", the request target may
 * contain raw spaces and UTF-8 (so the method ends at the first space and the version starts at
 * the last), a line starting with whitespace continues the previous header's value (kept with its
 * line break, as the suite's multi-line case needs), and header values keep their leading
 * whitespace so that writing a parsed request back gives the same bytes.
 */
class RawHttpRequest
{
public:
    [[nodiscard]] static std::optional<coffer::aws::HttpRequest> parse(QByteArrayView text);
    [[nodiscard]] static QByteArray serialize(const coffer::aws::HttpRequest &request);
};

} // namespace coffer::test
