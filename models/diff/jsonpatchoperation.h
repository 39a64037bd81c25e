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
 * One operation of an RFC 6902 JSON Patch computed by JsonDiff. The operations are meant to be
 * applied in order: each path is valid in the document as the operations before it left it
 * (array indexes included), and applying them all to the old document gives a document equal
 * to the new one as JSON data (RFC 8259 equality: member order is not part of it, so moving a
 * member among its siblings has no operation).
 *
 * `value` (Add, Replace) points into the new tree given to JsonDiff::compare(); DiffExport
 * decides whether it may be written or must be masked.
 */
struct JsonPatchOperation
{
    enum class Op : quint8 { Add, Remove, Replace, Move };

    Op op = Op::Replace;
    json::JsonPointer path;
    json::JsonPointer from; ///< Move only
    const json::JsonNode *value = nullptr; ///< Add and Replace only

    /// "add", "remove", "replace", "move".
    [[nodiscard]] static QString opName(Op op);
};

} // namespace coffer::diff
