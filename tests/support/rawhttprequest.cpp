// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/rawhttprequest.h"

namespace coffer::test {

std::optional<coffer::aws::HttpRequest> RawHttpRequest::parse(QByteArrayView text)
{
    coffer::aws::HttpRequest request;
    qsizetype lineEnd = text.indexOf('\n');
    QByteArrayView requestLine = lineEnd < 0 ? text : text.first(lineEnd);
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace <= firstSpace || !requestLine.sliced(lastSpace + 1).startsWith("HTTP/"))
        return std::nullopt;
    request.method = requestLine.first(firstSpace).toByteArray();
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    request.path = (question < 0 ? target : target.first(question)).toByteArray();
    if (question >= 0)
        request.query = target.sliced(question + 1).toByteArray();

    qsizetype position = lineEnd < 0 ? text.size() : lineEnd + 1;
    while (position < text.size()) {
        lineEnd = text.indexOf('\n', position);
        const qsizetype end = lineEnd < 0 ? text.size() : lineEnd;
        QByteArrayView line = text.sliced(position, end - position);
        position = lineEnd < 0 ? text.size() : lineEnd + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            request.body = text.sliced(position).toByteArray();
            return request;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (request.headers.isEmpty())
                return std::nullopt;
            request.headers.last().second.append('\n').append(line);
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        request.headers.emplaceBack(line.first(colon).toByteArray(), line.sliced(colon + 1).toByteArray());
    }
    return request;
}

QByteArray RawHttpRequest::serialize(const coffer::aws::HttpRequest &request)
{
    QByteArray out;
    out.append(request.method).append(' ').append(request.target()).append(" HTTP/1.1\n");
    for (const auto &[name, value] : request.headers)
        out.append(name).append(':').append(value).append('\n');
    out.append('\n').append(request.body);
    return out;
}

} // namespace coffer::test
