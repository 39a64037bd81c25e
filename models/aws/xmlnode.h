// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <vector>

namespace coffer::aws {

/**
 * A small read-only XML tree for the answers of the AWS query protocol (STS, IAM), which are
 * short documents of nested elements. Built with QXmlStreamReader; namespaces are dropped and
 * elements are found by local name.
 *
 *     auto root = XmlNode::parse(body);
 *     const XmlNode *result = root->child(u"GetCallerIdentityResult");
 *     QString account = result->childText(u"Account");
 */
struct XmlNode
{
    QString name;                  ///< local name
    QString text;                  ///< character data directly inside the element
    std::vector<XmlNode> children;

    /// The first direct child called `childName`, or nullptr.
    [[nodiscard]] const XmlNode *child(QStringView childName) const;
    /// The text of the first direct child called `childName`; empty when there is none.
    [[nodiscard]] QString childText(QStringView childName) const;
    /// True when a direct child called `childName` exists.
    [[nodiscard]] bool hasChild(QStringView childName) const { return child(childName) != nullptr; }
    /// The first element called `descendantName` in document order below (or at) this one.
    [[nodiscard]] const XmlNode *find(QStringView descendantName) const;
    /// The `<member>` children of the list element `listName` (query protocol lists).
    [[nodiscard]] std::vector<const XmlNode *> members(QStringView listName) const;

    /// Parses a whole document and returns its root element.
    [[nodiscard]] static Result<XmlNode> parse(const QByteArray &xml);
};

} // namespace coffer::aws
