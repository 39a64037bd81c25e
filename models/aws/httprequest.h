// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace coffer::aws {

/**
 * An HTTP request as the wire carries it: the unit the SigV4 signer signs and the sandbox
 * endpoint verifies.
 *
 * Everything is bytes, exactly as sent: `path` and `query` are the request target split at the
 * first '?', still percent-encoded; header names keep their case and headers keep their order
 * (a name may repeat). The client layer builds one, signs it and hands it to the network; the
 * sandbox builds one from what it received and verifies it.
 */
struct HttpRequest
{
    QByteArray method;                                 ///< "POST"
    QByteArray path;                                   ///< as on the wire, e.g. "/" or "/a%20b"
    QByteArray query;                                  ///< raw query string without '?', may be empty
    QList<std::pair<QByteArray, QByteArray>> headers;  ///< in order; names as given; must contain Host
    QByteArray body;

    /// The value of the first header called `name` (compared case-insensitively), or a null
    /// QByteArray when there is none.
    [[nodiscard]] QByteArray headerValue(QByteArrayView name) const
    {
        for (const auto &[headerName, value] : headers) {
            if (headerName.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }

    [[nodiscard]] bool hasHeader(QByteArrayView name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }

    /// Removes every header called `name` (case-insensitively); returns how many were removed.
    qsizetype removeHeaders(QByteArrayView name)
    {
        return headers.removeIf([name](const std::pair<QByteArray, QByteArray> &header) {
            return header.first.compare(name, Qt::CaseInsensitive) == 0;
        });
    }

    /// Replaces every header called `name` by one `name: value` at the end of the list.
    void setHeader(const QByteArray &name, const QByteArray &value)
    {
        removeHeaders(name);
        headers.emplaceBack(name, value);
    }

    /// The request target of the request line: path, then '?' and the query when there is one.
    [[nodiscard]] QByteArray target() const
    {
        if (query.isEmpty())
            return path;
        QByteArray result;
        result.reserve(path.size() + 1 + query.size());
        result.append(path).append('?').append(query);
        return result;
    }
};

} // namespace coffer::aws
