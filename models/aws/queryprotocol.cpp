// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/queryprotocol.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

QByteArray percentEncoded(const QString &text)
{
    // QUrl::toPercentEncoding keeps exactly the RFC 3986 unreserved set, as botocore's quote().
    return QUrl::toPercentEncoding(text);
}

QString translated(const char *text)
{
    return QCoreApplication::translate("coffer::aws::QueryProtocol", text);
}

} // namespace

QByteArray QueryProtocol::encode(const QString &action, const QString &version,
                                 const Parameters &params)
{
    QByteArray body = "Action="_ba + percentEncoded(action) + "&Version="_ba
                      + percentEncoded(version);
    for (const auto &[name, value] : params)
        body += '&' + percentEncoded(name) + '=' + percentEncoded(value);
    return body;
}

void QueryProtocol::appendList(Parameters &params, const QString &name, const QStringList &values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        params.append({name + u".member."_s + QString::number(i + 1), values.at(i)});
}

Result<XmlNode> QueryProtocol::parseResult(const QByteArray &body, const QString &action)
{
    auto root = XmlNode::parse(body);
    if (!root)
        return std::unexpected(root.error());
    const QString resultName = action + u"Result"_s;
    if (const XmlNode *result = root->child(resultName))
        return *result;
    if (root->name == action + u"Response"_s) {
        // Operations without output answer with ResponseMetadata only.
        XmlNode empty;
        empty.name = resultName;
        return empty;
    }
    return std::unexpected(AwsError::protocolError(
        translated(QT_TRANSLATE_NOOP("coffer::aws::QueryProtocol",
                                     "The answer has no %1 element."))
            .arg(resultName),
        requestIdOf(*root)));
}

QString QueryProtocol::requestIdOf(const XmlNode &root)
{
    if (const XmlNode *metadata = root.child(u"ResponseMetadata"))
        return metadata->childText(u"RequestId");
    if (const XmlNode *id = root.find(u"RequestId"))
        return id->text;
    if (const XmlNode *id = root.find(u"RequestID"))
        return id->text;
    return {};
}

AwsError QueryProtocol::parseError(int httpStatus, const QByteArray &body,
                                   const QString &requestIdHeader)
{
    auto root = XmlNode::parse(body);
    if (root) {
        // <ErrorResponse><Error>...</Error></ErrorResponse>, or EC2's <Response><Errors><Error>.
        if (const XmlNode *error = root->find(u"Error")) {
            const QString code = error->childText(u"Code");
            if (!code.isEmpty()) {
                QString requestId = requestIdOf(*root);
                if (requestId.isEmpty())
                    requestId = requestIdHeader;
                return AwsError::fromService(code, error->childText(u"Message").trimmed(),
                                             requestId, httpStatus);
            }
        }
    }
    if (httpStatus >= 500 || httpStatus == 429)
        return AwsError::fromService({}, {}, requestIdHeader, httpStatus);
    return AwsError::protocolError(
        translated(QT_TRANSLATE_NOOP("coffer::aws::QueryProtocol",
                                     "The endpoint answered HTTP %1 without an AWS error "
                                     "document."))
            .arg(httpStatus),
        requestIdHeader, httpStatus);
}

QDateTime QueryProtocol::parseTimestamp(const QString &text)
{
    QDateTime parsed = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    return parsed.isValid() ? parsed.toUTC() : QDateTime();
}

} // namespace coffer::aws
