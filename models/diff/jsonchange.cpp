// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/jsonchange.h"

using namespace Qt::StringLiterals;

namespace coffer::diff {

QString JsonChange::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return u"added"_s;
    case Kind::Removed:
        return u"removed"_s;
    case Kind::Changed:
        return u"changed"_s;
    case Kind::TypeChanged:
        return u"type-changed"_s;
    case Kind::Moved:
        return u"moved"_s;
    }
    return {};
}

} // namespace coffer::diff
