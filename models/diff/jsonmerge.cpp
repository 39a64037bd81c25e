// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/diff/jsonmerge.h"

#include <QSet>

namespace coffer::diff {

using json::JsonKind;
using json::JsonNode;
using json::JsonPointer;

namespace {

bool same(const JsonNode *a, const JsonNode *b)
{
    if (!a || !b)
        return a == b;
    return JsonNode::equals(*a, *b);
}

class Merger
{
public:
    explicit Merger(QList<JsonPointer> &conflicts) : m_conflicts(conflicts) { }

    // `target` is the node of the result, still equal to theirs' there.
    void merge(const JsonNode &base, const JsonNode &mine, JsonNode &target)
    {
        if (same(&base, &mine) || same(&mine, &target))
            return;
        if (same(&base, &target)) {
            target.assignFrom(mine.clone());
            return;
        }
        if (base.kind() == JsonKind::Object && mine.kind() == JsonKind::Object
            && target.kind() == JsonKind::Object) {
            mergeObject(base, mine, target);
            return;
        }
        if (base.kind() == JsonKind::Array && mine.kind() == JsonKind::Array
            && target.kind() == JsonKind::Array && base.childCount() == mine.childCount()
            && base.childCount() == target.childCount()) {
            for (int row = 0; row < base.childCount(); ++row)
                merge(*base.child(row), *mine.child(row), *target.child(row));
            return;
        }
        m_conflicts.append(JsonPointer::fromNode(target));
    }

private:
    void mergeObject(const JsonNode &base, const JsonNode &mine, JsonNode &target)
    {
        QSet<QString> seen;
        for (int row = 0; row < base.childCount(); ++row) {
            const QString key = base.child(row)->key();
            if (!seen.contains(key)) {
                seen.insert(key);
                mergeMember(key, base, mine, target);
            }
        }
        for (int row = 0; row < mine.childCount(); ++row) {
            const QString key = mine.child(row)->key();
            if (!seen.contains(key)) {
                seen.insert(key);
                mergeMember(key, base, mine, target);
            }
        }
    }

    void mergeMember(const QString &key, const JsonNode &base, const JsonNode &mine,
                     JsonNode &target)
    {
        const JsonNode *baseMember = base.member(key);
        const JsonNode *mineMember = mine.member(key);
        JsonNode *targetMember = target.member(key);
        if (same(baseMember, mineMember) || same(mineMember, targetMember))
            return;
        if (same(baseMember, targetMember)) {
            if (!mineMember)
                target.takeChild(target.memberRow(key));
            else if (targetMember)
                targetMember->assignFrom(mineMember->clone());
            else
                target.insertChild(insertionRow(*mineMember, target), mineMember->clone());
            return;
        }
        if (baseMember && mineMember && targetMember) {
            merge(*baseMember, *mineMember, *targetMember);
            return;
        }
        m_conflicts.append(JsonPointer::fromNode(target).child(key));
    }

    // After the member that precedes it in mine, when the result has that one.
    static int insertionRow(const JsonNode &mineMember, const JsonNode &target)
    {
        const JsonNode *mine = mineMember.parent();
        for (int row = mineMember.row() - 1; row >= 0; --row) {
            const int targetRow = target.memberRow(mine->child(row)->key());
            if (targetRow >= 0)
                return targetRow + 1;
        }
        return mineMember.row() == 0 ? 0 : target.childCount();
    }

    QList<JsonPointer> &m_conflicts;
};

json::JsonDocument copyOf(const json::JsonDocument &document)
{
    if (!document.originalJson().isEmpty() && !document.isModified()) {
        if (auto parsed = json::JsonDocument::parse(document.originalJson())) {
            parsed->setStyle(document.style());
            return std::move(*parsed);
        }
    }
    return json::JsonDocument(document.root() ? document.root()->clone() : nullptr,
                              document.style());
}

} // namespace

JsonMergeResult JsonMerge::rebase(const json::JsonDocument &base, const json::JsonDocument &mine,
                                  const json::JsonDocument &theirs)
{
    JsonMergeResult result { copyOf(theirs), {} };
    if (base.root() && mine.root() && result.document.root())
        Merger(result.conflicts).merge(*base.root(), *mine.root(), *result.document.root());
    return result;
}

} // namespace coffer::diff
