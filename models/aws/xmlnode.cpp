// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/xmlnode.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace coffer::aws {

namespace {

// Deeper nesting than any AWS answer has; stops a hostile document from exhausting the stack.
constexpr int kMaxDepth = 64;

bool readElement(QXmlStreamReader &reader, XmlNode &node, int depth)
{
    node.name = reader.name().toString();
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            if (depth >= kMaxDepth) {
                reader.raiseError(u"nesting too deep"_s);
                return false;
            }
            XmlNode child;
            if (!readElement(reader, child, depth + 1))
                return false;
            node.children.push_back(std::move(child));
            break;
        }
        case QXmlStreamReader::Characters:
            node.text += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            return true;
        default:
            break;
        }
    }
    return false;
}

} // namespace

const XmlNode *XmlNode::child(QStringView childName) const
{
    for (const XmlNode &node : children) {
        if (node.name == childName)
            return &node;
    }
    return nullptr;
}

QString XmlNode::childText(QStringView childName) const
{
    const XmlNode *node = child(childName);
    return node ? node->text : QString();
}

const XmlNode *XmlNode::find(QStringView descendantName) const
{
    if (name == descendantName)
        return this;
    for (const XmlNode &node : children) {
        if (const XmlNode *found = node.find(descendantName))
            return found;
    }
    return nullptr;
}

std::vector<const XmlNode *> XmlNode::members(QStringView listName) const
{
    std::vector<const XmlNode *> result;
    if (const XmlNode *list = child(listName)) {
        for (const XmlNode &node : list->children) {
            if (node.name == u"member")
                result.push_back(&node);
        }
    }
    return result;
}

Result<XmlNode> XmlNode::parse(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement) {
            XmlNode root;
            if (readElement(reader, root, 1))
                return root;
            break;
        }
    }
    const QString reason = reader.hasError() ? reader.errorString() : u"no root element"_s;
    return std::unexpected(AwsError::protocolError(
        QCoreApplication::translate("coffer::aws::XmlNode",
                                    "The answer is not a valid XML document (%1).")
            .arg(reason)));
}

} // namespace coffer::aws
