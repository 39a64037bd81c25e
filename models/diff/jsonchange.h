// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsonpointer.h"

#include <QString>

namespace coffer::json {
class JsonNode;
}

namespace coffer::diff {

/**
 * One difference found by JsonDiff between an old and a new JSON tree.
 *
 * | kind        | oldValue / oldPath        | newValue / newPath        |
 * |-------------|---------------------------|---------------------------|
 * | Added       | nullptr / (unset)         | the new member or item    |
 * | Removed     | the old member or item    | nullptr / (unset)         |
 * | Changed     | old scalar                | new scalar, same kind     |
 * | TypeChanged | old value                 | new value of another kind |
 * | Moved       | the member or item before | the same, after           |
 *
 * A Moved object member keeps its path (its key) and changed its position among the members
 * the two versions share (`oldValue->row()` to `newValue->row()`); a Moved array item was found,
 * equal, at another index. A Moved member whose value also changed has further changes below
 * its path. The values point into the trees given to JsonDiff::compare(), which must outlive
 * the change; the paths are relative to those trees' roots.
 */
struct JsonChange
{
    enum class Kind : quint8 { Added, Removed, Changed, TypeChanged, Moved };

    Kind kind = Kind::Changed;
    json::JsonPointer oldPath;
    json::JsonPointer newPath;
    const json::JsonNode *oldValue = nullptr;
    const json::JsonNode *newValue = nullptr;

    /// The path to show: the new one, or the old one for a removal.
    [[nodiscard]] const json::JsonPointer &path() const { return newValue ? newPath : oldPath; }

    /// "added", "removed", "changed", "type-changed", "moved" (stable, untranslated: used in
    /// exports and CLI output).
    [[nodiscard]] static QString kindName(Kind kind);
};

} // namespace coffer::diff
