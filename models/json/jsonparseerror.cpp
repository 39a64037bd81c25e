// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/json/jsonparseerror.h"

#include <QCoreApplication>

namespace coffer::json {

QString JsonParseError::toString() const
{
    return QCoreApplication::translate("coffer::json", "line %1, column %2: %3")
        .arg(line)
        .arg(column)
        .arg(message);
}

} // namespace coffer::json
