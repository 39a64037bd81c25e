// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/xmlnode.h"

#include <QByteArray>
#include <QDateTime>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace coffer::aws {

/**
 * The AWS query protocol used by STS and IAM: a form-encoded POST body
 * (`Action=GetCallerIdentity&Version=2011-06-15&...`, lists as `Name.member.N`, structures as
 * `Name.Member`) and an XML answer `<OpResponse><OpResult>...</OpResult><ResponseMetadata>`,
 * or `<ErrorResponse><Error><Code>` on failure.
 */
class QueryProtocol
{
public:
    using Parameters = QList<std::pair<QString, QString>>;

    static constexpr QLatin1StringView contentType{
        "application/x-www-form-urlencoded; charset=utf-8"};

    /// `Action=<action>&Version=<version>` followed by `params`, in order, each name and value
    /// percent-encoded as botocore does (everything but A-Z a-z 0-9 - _ . ~).
    [[nodiscard]] static QByteArray encode(const QString &action, const QString &version,
                                           const Parameters &params);
    /// Appends `name.member.1=...` for each value (nothing for an empty list).
    static void appendList(Parameters &params, const QString &name, const QStringList &values);

    /// The `<action>Result` element of a successful answer (an element without children when
    /// the operation returns nothing).
    [[nodiscard]] static Result<XmlNode> parseResult(const QByteArray &body, const QString &action);
    /// The request id in `<ResponseMetadata><RequestId>` (or `<RequestId>` of an error).
    [[nodiscard]] static QString requestIdOf(const XmlNode &root);
    /// The error of a non-2xx answer: `<ErrorResponse><Error><Code>/<Message>`.
    [[nodiscard]] static AwsError parseError(int httpStatus, const QByteArray &body,
                                             const QString &requestIdHeader);
    /// Query protocol timestamps are ISO 8601 ("2011-07-15T23:28:33.359Z").
    [[nodiscard]] static QDateTime parseTimestamp(const QString &text);
};

} // namespace coffer::aws
