// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/jsonpatchoperation.h"

using namespace Qt::StringLiterals;

namespace coffer::diff {

QString JsonPatchOperation::opName(Op op)
{
    switch (op) {
    case Op::Add:
        return u"add"_s;
    case Op::Remove:
        return u"remove"_s;
    case Op::Replace:
        return u"replace"_s;
    case Op::Move:
        return u"move"_s;
    }
    return {};
}

} // namespace coffer::diff
