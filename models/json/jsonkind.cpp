// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonkind.h"

using namespace Qt::StringLiterals;

namespace coffer::json {

QString kindName(JsonKind kind)
{
    switch (kind) {
    case JsonKind::Null:
        return u"null"_s;
    case JsonKind::Bool:
        return u"boolean"_s;
    case JsonKind::Number:
        return u"number"_s;
    case JsonKind::String:
        return u"string"_s;
    case JsonKind::Object:
        return u"object"_s;
    case JsonKind::Array:
        return u"array"_s;
    }
    return {};
}

} // namespace coffer::json
