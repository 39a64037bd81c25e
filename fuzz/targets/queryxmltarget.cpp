// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/aws/queryprotocol.h"
#include "models/aws/xmlnode.h"

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

namespace {
/// Visits every node the way the clients read answers.
void readLikeAClient(const aws::XmlNode &root)
{
    (void)root.find(u"Credentials");
    (void)root.childText(u"Arn");
    for (const aws::XmlNode *member : root.members(u"EvaluationResults"))
        (void)member->childText(u"EvalDecision");
    (void)aws::QueryProtocol::requestIdOf(root);
}
} // namespace

int fuzzQueryXml(const uint8_t *data, size_t size)
{
    const QByteArray body = inputBytes(data, size);
    if (const auto root = aws::XmlNode::parse(body))
        readLikeAClient(*root);
    for (const QString &action : { u"GetCallerIdentity"_s, u"AssumeRole"_s, u"SimulatePrincipalPolicy"_s }) {
        if (const auto result = aws::QueryProtocol::parseResult(body, action))
            readLikeAClient(*result);
    }
    const aws::AwsError error = aws::QueryProtocol::parseError(403, body, u"request-id"_s);
    (void)error.code;
    (void)aws::QueryProtocol::parseTimestamp(QString::fromUtf8(body));
    return 0;
}

} // namespace coffer::fuzz
