// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsondocument.h"
#include "models/json/jsonpointer.h"

#include <QList>

namespace coffer::diff {

/// What JsonMerge::rebase() produced. Move-only (it owns the document).
struct JsonMergeResult
{
    json::JsonDocument document;
    /// Paths (in `document`, which are theirs' paths) where both sides changed the same value
    /// differently; there `document` holds theirs' value.
    QList<json::JsonPointer> conflicts;

    [[nodiscard]] bool hasConflicts() const { return !conflicts.isEmpty(); }
};

/**
 * A three-way merge for the editor's "someone saved a newer version meanwhile" case: the user
 * edited `base` into `mine`, someone else saved `theirs`; rebase() replays the user's edits on
 * theirs.
 *
 *     JsonMergeResult merged = JsonMerge::rebase(loadedVersion, edited, latestVersion);
 *     if (merged.hasConflicts()) askUser(merged.conflicts);
 *     else save(merged.document.toJson());
 *
 * Walking the three trees together, at each path: when mine did not change the value, theirs'
 * stays; when theirs did not, mine's is taken; when both made the same change, it is kept;
 * when both changed it differently and all three are objects, members are merged one by one
 * (a member only one side added or removed follows that side; a member mine added goes after
 * the member that precedes it in mine); arrays of the same length in all three are merged item
 * by item; anything else is a conflict at that path, theirs' value kept. So an edit below a
 * value the other side removed or replaced (ancestor/descendant) conflicts at the highest path
 * concerned. Member identity is the decoded name (the last one with duplicates).
 *
 * The result starts from theirs' bytes: what mine did not touch keeps theirs' tokens, member
 * order and format style; with no edit to apply, document.toJson() is theirs' text, byte for
 * byte.
 */
class JsonMerge final
{
public:
    [[nodiscard]] static JsonMergeResult rebase(const json::JsonDocument &base,
                                                const json::JsonDocument &mine,
                                                const json::JsonDocument &theirs);
};

} // namespace coffer::diff
