// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/diff/jsonchange.h"
#include "models/diff/jsonpatchoperation.h"

#include <QList>

namespace coffer::json {
class JsonNode;
}

namespace coffer::diff {

/**
 * The structural difference between two JSON trees, as a reviewer reads it: which paths were
 * added, removed, changed (scalar token), changed type, or moved. Also the same difference as
 * an RFC 6902 patch (patch()), which DiffExport writes out.
 *
 *     const JsonDiff diff = JsonDiff::compare(*oldDocument.root(), *newDocument.root());
 *     for (const JsonChange &change : diff.changes()) ...
 *
 * Rules:
 * - Scalars are equal when their tokens are (JsonNode::equals): `1.0` and `1` differ, and two
 *   big integers that differ only beyond double precision differ.
 * - Objects are compared by decoded member name, so a key re-escaped (`"caf\u00e9"` and
 *   `"café"`) is the same member. With duplicate names, the k-th member called X in the old
 *   object is compared with the k-th called X in the new one (JSON Pointer cannot tell them
 *   apart, so their paths are the same). Members present on both sides whose order changed are
 *   Moved: the fewest such members, those outside a longest increasing run of old positions.
 * - Arrays are aligned by content (a longest common subsequence of items, Myers' algorithm, see
 *   SequenceDiff), so inserting one item is one Added change, not a cascade. An item removed at
 *   one index and added, equal, at another is Moved. Within one gap of the alignment, removed
 *   and added items are paired in order: two containers of the same kind are compared
 *   recursively (so a field changed inside an element is reported at its own path), other pairs
 *   are Changed or TypeChanged at that index; what is left over is Added or Removed.
 * - Changes are listed depth first, removals of a container's children before the rest.
 *
 * The result points into the two trees: keep them alive and unchanged while it is used. Memory
 * is linear in the trees' size; an array alignment with more than SequenceDiff::kDefaultMaxCost
 * * 2 differences degrades to a plain replacement of the differing region (isExact() false).
 */
class JsonDiff final
{
public:
    JsonDiff() = default;

    [[nodiscard]] static JsonDiff compare(const json::JsonNode &oldRoot,
                                          const json::JsonNode &newRoot);

    [[nodiscard]] const QList<JsonChange> &changes() const { return m_changes; }
    /// The RFC 6902 operations that turn the old tree into the new one (see JsonPatchOperation).
    [[nodiscard]] const QList<JsonPatchOperation> &patch() const { return m_patch; }

    [[nodiscard]] bool isEmpty() const { return m_changes.isEmpty(); }
    [[nodiscard]] int addedCount() const { return m_added; }
    [[nodiscard]] int removedCount() const { return m_removed; }
    /// Changed and TypeChanged together.
    [[nodiscard]] int changedCount() const { return m_changed; }
    [[nodiscard]] int movedCount() const { return m_moved; }
    /// False when an array was too different to align exactly (still correct, not minimal).
    [[nodiscard]] bool isExact() const { return m_exact; }

private:
    friend class JsonDiffBuilder;

    QList<JsonChange> m_changes;
    QList<JsonPatchOperation> m_patch;
    int m_added = 0;
    int m_removed = 0;
    int m_changed = 0;
    int m_moved = 0;
    bool m_exact = true;
};

} // namespace coffer::diff
