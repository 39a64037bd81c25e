// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/jsondiff.h"

#include "models/diff/sequencediff.h"
#include "models/json/jsonnode.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>
#include <vector>

namespace coffer::diff {

using json::JsonKind;
using json::JsonNode;
using json::JsonPointer;

namespace {

size_t combine(size_t seed, size_t value)
{
    return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

// Consistent with JsonNode::equals(): kinds, scalar tokens, key tokens and order.
size_t structuralHash(const JsonNode &node)
{
    size_t hash = size_t(node.kind()) + 1;
    if (node.isScalar())
        return combine(hash, qHash(QByteArrayView(node.token())));
    const bool object = node.kind() == JsonKind::Object;
    for (int row = 0; row < node.childCount(); ++row) {
        const JsonNode *child = node.child(row);
        if (object)
            hash = combine(hash, qHash(QByteArrayView(child->keyToken())));
        hash = combine(hash, structuralHash(*child));
    }
    return hash;
}

// Indexes (into `sequence`) of one longest strictly increasing subsequence.
std::vector<char> longestIncreasing(const std::vector<int> &sequence)
{
    const size_t n = sequence.size();
    std::vector<int> tailIndex; // index of the smallest tail of a run of each length
    std::vector<int> previous(n, -1);
    for (size_t i = 0; i < n; ++i) {
        auto position = std::lower_bound(
            tailIndex.begin(), tailIndex.end(), sequence[i],
            [&sequence](int index, int value) { return sequence[size_t(index)] < value; });
        if (position != tailIndex.begin())
            previous[i] = *(position - 1);
        if (position == tailIndex.end())
            tailIndex.push_back(int(i));
        else
            *position = int(i);
    }
    std::vector<char> inRun(n, 0);
    for (int i = tailIndex.empty() ? -1 : tailIndex.back(); i >= 0; i = previous[size_t(i)])
        inRun[size_t(i)] = 1;
    return inRun;
}

} // namespace

class JsonDiffBuilder
{
public:
    explicit JsonDiffBuilder(JsonDiff &out) : m_out(out) { }

    void diffValue(const JsonNode &a, const JsonNode &b)
    {
        if (a.kind() != b.kind()) {
            addChange(JsonChange::Kind::TypeChanged, &a, &b);
            addOperation(JsonPatchOperation::Op::Replace, JsonPointer::fromNode(b), &b);
            return;
        }
        switch (a.kind()) {
        case JsonKind::Object:
            diffObject(a, b);
            return;
        case JsonKind::Array:
            diffArray(a, b);
            return;
        default:
            if (a.token() != b.token()) {
                addChange(JsonChange::Kind::Changed, &a, &b);
                addOperation(JsonPatchOperation::Op::Replace, JsonPointer::fromNode(b), &b);
            }
            return;
        }
    }

private:
    void addChange(JsonChange::Kind kind, const JsonNode *a, const JsonNode *b)
    {
        JsonChange change;
        change.kind = kind;
        change.oldValue = a;
        change.newValue = b;
        if (a)
            change.oldPath = JsonPointer::fromNode(*a);
        if (b)
            change.newPath = JsonPointer::fromNode(*b);
        switch (kind) {
        case JsonChange::Kind::Added:
            ++m_out.m_added;
            break;
        case JsonChange::Kind::Removed:
            ++m_out.m_removed;
            break;
        case JsonChange::Kind::Changed:
        case JsonChange::Kind::TypeChanged:
            ++m_out.m_changed;
            break;
        case JsonChange::Kind::Moved:
            ++m_out.m_moved;
            break;
        }
        m_out.m_changes.append(std::move(change));
    }

    void addOperation(JsonPatchOperation::Op op, JsonPointer path, const JsonNode *value = nullptr,
                      JsonPointer from = {})
    {
        JsonPatchOperation operation;
        operation.op = op;
        operation.path = std::move(path);
        operation.from = std::move(from);
        operation.value = value;
        m_out.m_patch.append(std::move(operation));
    }

    void diffObject(const JsonNode &a, const JsonNode &b)
    {
        const int n = a.childCount();
        const int m = b.childCount();
        std::vector<int> newPartner(size_t(m), -1);
        std::vector<int> oldPartner(size_t(n), -1);

        // Most edits keep the keys as they were: pair them without decoding any.
        bool sameKeys = n == m;
        for (int row = 0; sameKeys && row < n; ++row)
            sameKeys = a.child(row)->keyToken() == b.child(row)->keyToken();
        if (sameKeys) {
            for (int row = 0; row < n; ++row) {
                newPartner[size_t(row)] = row;
                oldPartner[size_t(row)] = row;
            }
        } else {
            QHash<QString, QVarLengthArray<int, 1>> oldRows;
            oldRows.reserve(n);
            for (int row = 0; row < n; ++row)
                oldRows[a.child(row)->key()].append(row);
            QHash<QString, int> used;
            for (int row = 0; row < m; ++row) {
                const QString key = b.child(row)->key();
                const auto found = oldRows.constFind(key);
                if (found == oldRows.cend())
                    continue;
                const int occurrence = used[key]++;
                if (occurrence < found->size()) {
                    const int oldRow = found->at(occurrence);
                    newPartner[size_t(row)] = oldRow;
                    oldPartner[size_t(oldRow)] = row;
                }
            }
        }

        // Members both sides share, in new order; those outside the longest run that kept its
        // old order have moved.
        std::vector<int> sharedNewRows;
        std::vector<int> sharedOldRows;
        for (int row = 0; row < m; ++row) {
            if (newPartner[size_t(row)] >= 0) {
                sharedNewRows.push_back(row);
                sharedOldRows.push_back(newPartner[size_t(row)]);
            }
        }
        std::vector<char> moved(size_t(m), 0);
        if (!sameKeys) {
            const std::vector<char> inOrder = longestIncreasing(sharedOldRows);
            for (size_t i = 0; i < inOrder.size(); ++i) {
                if (!inOrder[i])
                    moved[size_t(sharedNewRows[i])] = 1;
            }
        }

        const JsonPointer objectPath = JsonPointer::fromNode(b);
        for (int row = 0; row < n; ++row) {
            if (oldPartner[size_t(row)] < 0) {
                const JsonNode *removed = a.child(row);
                addChange(JsonChange::Kind::Removed, removed, nullptr);
                addOperation(JsonPatchOperation::Op::Remove, objectPath.child(removed->key()));
            }
        }
        for (int row = 0; row < m; ++row) {
            const JsonNode *member = b.child(row);
            const int oldRow = newPartner[size_t(row)];
            if (oldRow < 0) {
                addChange(JsonChange::Kind::Added, nullptr, member);
                addOperation(JsonPatchOperation::Op::Add, objectPath.child(member->key()), member);
                continue;
            }
            const JsonNode *oldMember = a.child(oldRow);
            if (moved[size_t(row)])
                addChange(JsonChange::Kind::Moved, oldMember, member);
            diffValue(*oldMember, *member);
        }
    }

    void diffArray(const JsonNode &a, const JsonNode &b)
    {
        const int n = a.childCount();
        const int m = b.childCount();

        // Equal items get equal ids: structural hash, confirmed by JsonNode::equals.
        QHash<size_t, QVarLengthArray<std::pair<const JsonNode *, int>, 1>> classes;
        int nextId = 0;
        auto idOf = [&](const JsonNode *node) {
            auto &bucket = classes[structuralHash(*node)];
            for (const auto &[representative, id] : bucket) {
                if (JsonNode::equals(*representative, *node))
                    return id;
            }
            bucket.append({ node, nextId });
            return nextId++;
        };
        std::vector<int> oldIds(static_cast<size_t>(n));
        std::vector<int> newIds(static_cast<size_t>(m));
        for (int row = 0; row < n; ++row)
            oldIds[size_t(row)] = idOf(a.child(row));
        for (int row = 0; row < m; ++row)
            newIds[size_t(row)] = idOf(b.child(row));

        const SequenceDiff::Result alignment = SequenceDiff::compare(oldIds, newIds);
        if (!alignment.exact)
            m_out.m_exact = false;

        enum class Pairing : quint8 { None, Equal, Moved, Compared };
        std::vector<int> newPartner(size_t(m), -1);
        std::vector<int> oldPartner(size_t(n), -1);
        std::vector<Pairing> pairing(size_t(m), Pairing::None);
        struct Gap
        {
            int oldBegin, oldEnd, newBegin, newEnd;
        };
        std::vector<Gap> gaps;
        for (int i = 0, j = 0; i < n || j < m;) {
            if (i < n && j < m && !alignment.removed[size_t(i)] && !alignment.added[size_t(j)]) {
                oldPartner[size_t(i)] = j;
                newPartner[size_t(j)] = i;
                pairing[size_t(j)] = Pairing::Equal;
                ++i;
                ++j;
                continue;
            }
            Gap gap { i, i, j, j };
            while (i < n && alignment.removed[size_t(i)])
                ++i;
            while (j < m && alignment.added[size_t(j)])
                ++j;
            gap.oldEnd = i;
            gap.newEnd = j;
            gaps.push_back(gap);
        }

        // An item removed here and added, equal, there has moved.
        if (!gaps.empty()) {
            QHash<int, QVarLengthArray<int, 1>> removedById;
            for (const Gap &gap : gaps) {
                for (int i = gap.oldBegin; i < gap.oldEnd; ++i)
                    removedById[oldIds[size_t(i)]].append(i);
            }
            if (!removedById.isEmpty()) {
                QHash<int, int> taken;
                for (const Gap &gap : gaps) {
                    for (int j = gap.newBegin; j < gap.newEnd; ++j) {
                        const auto found = removedById.constFind(newIds[size_t(j)]);
                        if (found == removedById.cend())
                            continue;
                        int &next = taken[newIds[size_t(j)]];
                        if (next >= found->size())
                            continue;
                        const int i = found->at(next++);
                        oldPartner[size_t(i)] = j;
                        newPartner[size_t(j)] = i;
                        pairing[size_t(j)] = Pairing::Moved;
                    }
                }
            }
            // What is left in a gap is paired in order: the same slot, edited.
            for (const Gap &gap : gaps) {
                int i = gap.oldBegin;
                int j = gap.newBegin;
                while (true) {
                    while (i < gap.oldEnd && oldPartner[size_t(i)] >= 0)
                        ++i;
                    while (j < gap.newEnd && newPartner[size_t(j)] >= 0)
                        ++j;
                    if (i >= gap.oldEnd || j >= gap.newEnd)
                        break;
                    oldPartner[size_t(i)] = j;
                    newPartner[size_t(j)] = i;
                    pairing[size_t(j)] = Pairing::Compared;
                }
            }
        }

        // Removals first, from the end so every index stays valid while the patch applies.
        const JsonPointer arrayPath = JsonPointer::fromNode(b);
        for (int i = 0; i < n; ++i) {
            if (oldPartner[size_t(i)] < 0)
                addChange(JsonChange::Kind::Removed, a.child(i), nullptr);
        }
        std::vector<int> current; // old index of each item of the array being patched; -1: added
        current.reserve(size_t(std::max(n, m)));
        for (int i = n - 1; i >= 0; --i) {
            if (oldPartner[size_t(i)] < 0)
                addOperation(JsonPatchOperation::Op::Remove, arrayPath.child(qsizetype(i)));
        }
        for (int i = 0; i < n; ++i) {
            if (oldPartner[size_t(i)] >= 0)
                current.push_back(i);
        }
        // Then slot by slot: once slot j is settled, items 0..j equal the new array's.
        for (int j = 0; j < m; ++j) {
            const JsonNode *item = b.child(j);
            const int i = newPartner[size_t(j)];
            if (i < 0) {
                addChange(JsonChange::Kind::Added, nullptr, item);
                addOperation(JsonPatchOperation::Op::Add, arrayPath.child(qsizetype(j)), item);
                current.insert(current.begin() + j, -1);
                continue;
            }
            const auto at = std::find(current.begin() + j, current.end(), i);
            Q_ASSERT(at != current.end());
            const int position = int(at - current.begin());
            if (position != j) {
                addOperation(JsonPatchOperation::Op::Move, arrayPath.child(qsizetype(j)), nullptr,
                             arrayPath.child(qsizetype(position)));
                current.erase(at);
                current.insert(current.begin() + j, i);
            }
            switch (pairing[size_t(j)]) {
            case Pairing::Moved:
                addChange(JsonChange::Kind::Moved, a.child(i), item);
                break;
            case Pairing::Compared:
                diffValue(*a.child(i), *item);
                break;
            default:
                break;
            }
        }
    }

    JsonDiff &m_out;
};

JsonDiff JsonDiff::compare(const JsonNode &oldRoot, const JsonNode &newRoot)
{
    JsonDiff diff;
    JsonDiffBuilder(diff).diffValue(oldRoot, newRoot);
    return diff;
}

} // namespace coffer::diff
