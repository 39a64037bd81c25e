// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/fingerprint.h"

#include "models/json/jsonnode.h"

#include <QCryptographicHash>

namespace coffer::diff {

QString Fingerprint::of(QByteArrayView bytes)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView("coffer-fp:"));
    hash.addData(bytes);
    return QString::fromLatin1(hash.result().toHex().left(kLength));
}

QString Fingerprint::ofText(QStringView text)
{
    return of(text.toUtf8());
}

QString Fingerprint::ofJson(const json::JsonNode &node)
{
    switch (node.kind()) {
    case json::JsonKind::String:
        return ofText(node.stringValue());
    case json::JsonKind::Object:
    case json::JsonKind::Array:
        return of(node.toJson(json::JsonFormatStyle::compact()));
    default:
        return of(node.token());
    }
}

} // namespace coffer::diff
