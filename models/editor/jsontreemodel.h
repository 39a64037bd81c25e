// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/json/jsondocument.h"
#include "models/json/jsonkind.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QScopeGuard>
#include <QSet>

#include <memory>
#include <vector>

namespace coffer {

/**
 * A JSON secret value as an editable tree (Key | Value | Type), over an exact-preserving
 * json::JsonDocument: whatever the user does not touch keeps its key order, its exact number
 * text and its string escapes, and a document edited back to where it started is written as
 * its original bytes.
 *
 * Every change is an edit command kept in the model's history (setData() included), so undo and
 * redo come for free and each step has a name ("Rename key", "Change value"). The history is the
 * model's own rather than a QUndoStack because Qt 6 moved QUndoStack into Qt Gui, and
 * models/ (with coffer-cli, which edits through this model too) links no Gui; the window binds
 * its Undo and Redo actions to undo(), redo() and historyChanged(). Values are masked in
 * DisplayRole until revealed — one at a time with setRevealed(), or all with setRevealAll();
 * EditRole always gives the real text, for the editor the user opened on purpose.
 *
 * The root's children are the top-level rows; a document whose root is a scalar shows one row
 * for it. Nodes are the QModelIndex internal pointers.
 */
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, ///< int(json::JsonKind)
        PointerRole,                 ///< QString: the JSON Pointer of the value ("/db/port")
        MaskedRole,                  ///< bool: DisplayRole of the value column is masked
        RevealedRole,                ///< bool: revealed by the user
        MultiLineRole,               ///< bool: a string with line breaks (a PEM, say)
        /// QString: what the value is when it is more than its JSON type ("PEM · RSA 2048
        /// private key", "JWK · EC P-256 · ES256 · sig"; see ContentInspector::describe), else
        /// empty. The Type column shows it, and the JSON type when it is empty.
        DescriptionRole,
        SensitiveRole,               ///< bool: the value is not public material (see below)
    };

    /// What the masked value column shows.
    static constexpr QStringView maskText = u"••••••••";

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /// Shows `document` as loaded: clears the undo stack, hides every value (model reset).
    void setDocument(json::JsonDocument document);
    [[nodiscard]] const json::JsonDocument &document() const { return m_document; }
    /// The document's bytes: the original ones while nothing differs from what was loaded.
    [[nodiscard]] QByteArray toJson() const;
    /// True when the tree differs from what setDocument() loaded (undoing back clears it).
    [[nodiscard]] bool isModified() const;
    /// A copy of the document as loaded (for "review changes" and three-way rebase).
    [[nodiscard]] const json::JsonDocument &loadedDocument() const { return m_loaded; }

    // The edit history (undo/redo), cleared by setDocument().
    [[nodiscard]] bool canUndo() const { return m_historyIndex > 0; }
    [[nodiscard]] bool canRedo() const { return m_historyIndex < int(m_history.size()); }
    /// The name of the step undo() would revert ("Rename key"); empty when none.
    [[nodiscard]] QString undoText() const;
    [[nodiscard]] QString redoText() const;
    /// Steps in the history, undone ones included.
    [[nodiscard]] int historyCount() const { return int(m_history.size()); }
    void undo();
    void redo();

    [[nodiscard]] json::JsonNode *nodeFor(const QModelIndex &index) const;
    [[nodiscard]] QModelIndex indexFor(const json::JsonNode *node, int column = KeyColumn) const;
    [[nodiscard]] QModelIndex indexForPointer(const QString &pointer) const;

    // Reveal: per value, or all at once. Masking is for DisplayRole only, and follows
    // sensitivity: public material (a public key or certificate PEM, the public members of a
    // JWK: kid, alg, use, kty, n, e, ...) is shown as it is unless setMaskPublicValues(true);
    // private keys, passwords, tokens and anything unknown stay masked until revealed.
    void setRevealed(const QModelIndex &index, bool revealed);
    [[nodiscard]] bool isRevealed(const QModelIndex &index) const;
    void setRevealAll(bool revealed);
    [[nodiscard]] bool isRevealAll() const { return m_revealAll; }
    /// Masks public material too (the "mask every value" setting).
    void setMaskPublicValues(bool mask);
    [[nodiscard]] bool masksPublicValues() const { return m_maskPublic; }

    // Edits; each is one undoable step. They return false and set lastError() when refused.
    bool setValue(const QModelIndex &index, json::JsonKind kind, const QString &text);
    bool renameKey(const QModelIndex &index, const QString &key);
    /// Inserts a member (objects: `key` must be new) or an item (arrays: `key` ignored) at `row`
    /// of `parent` (invalid: the root), holding an empty value of `kind`.
    bool insertValue(const QModelIndex &parent, int row, const QString &key, json::JsonKind kind);
    bool removeValue(const QModelIndex &index);
    /// Copies a member (as "key copy", "key copy 2", ...) or an item, just below it.
    bool duplicateValue(const QModelIndex &index);
    /// Moves a value up (-1) or down (+1) among its siblings.
    bool moveValue(const QModelIndex &index, int delta);
    /// Replaces the whole document by `text` (the raw editor), keeping the original style.
    bool replaceAll(const QByteArray &text);
    /// Puts `value` at a JSON Pointer (`coffer-cli set`): an existing member or item is
    /// replaced in place, a missing member is appended to its object, "-" or the size appends
    /// to an array. Refused when the parent does not exist or is not a container.
    bool setAtPointer(const QString &pointer, std::unique_ptr<json::JsonNode> value);
    /// Removes the member or item at a JSON Pointer (`coffer-cli unset`).
    bool removeAtPointer(const QString &pointer);
    /// Why the last edit was refused, in words for the user.
    [[nodiscard]] QString lastError() const { return m_lastError; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Used by the undo commands (jsontreemodel.cpp); each wraps one mutation in the row
    // signals it needs. A path is the rows from the root down.
    using Path = QList<int>;
    [[nodiscard]] json::JsonNode *nodeAtPath(const Path &path) const;
    [[nodiscard]] static Path pathOf(const json::JsonNode *node);
    void insertNodeAt(const Path &parent, int row, std::unique_ptr<json::JsonNode> node);
    std::unique_ptr<json::JsonNode> takeNodeAt(const Path &parent, int row);
    void moveNodeAt(const Path &parent, int from, int to);
    QByteArray setKeyTokenAt(const Path &path, const QByteArray &keyToken);
    std::unique_ptr<json::JsonNode> assignAt(const Path &path,
                                             std::unique_ptr<json::JsonNode> content);

signals:
    /// isModified() changed (after any edit, undo or redo).
    void modifiedChanged(bool modified);
    /// An edit, undo or redo happened, or the history was cleared.
    void historyChanged();

public:
    /// One undoable step (defined in jsontreemodel.cpp).
    class Edit;

private:
    void push(std::unique_ptr<Edit> edit);
    [[nodiscard]] json::JsonNode *rootNode() const { return m_document.root(); }
    [[nodiscard]] bool rootIsRow() const;
    [[nodiscard]] json::JsonNode *containerFor(const QModelIndex &parent) const;
    [[nodiscard]] QVariant displayValue(const json::JsonNode &node, bool masked) const;
    void refuse(const QString &reason) { m_lastError = reason; }
    void emitSiblingKeysChanged(const json::JsonNode *container, int fromRow);
    void updateModified();
    /// What ContentInspector says about a value, worked out once per node and forgotten on
    /// every change of the tree (a change can turn a sibling or an ancestor into a JWK).
    struct Nature
    {
        QString description;
        bool sensitive = true;
    };
    const Nature &natureOf(const json::JsonNode *node) const;
    /// For the primitives below, which change the tree a node's nature is read from: forgets
    /// every Nature now, and again when the returned guard goes.
    [[nodiscard]] auto forgetNatures()
    {
        m_natures.clear();
        return qScopeGuard([this] { m_natures.clear(); });
    }
    /// Forgets every Nature and tells views that the Value and Type columns may read otherwise.
    void refreshNatures();
    /// Emits dataChanged for `columns` of every row, one signal per level.
    void notifyColumns(int first, int last, const QList<int> &roles);

    json::JsonDocument m_document;
    json::JsonDocument m_loaded;
    std::vector<std::unique_ptr<Edit>> m_history;
    int m_historyIndex = 0;   ///< steps before it are done, from it on undone
    QSet<const json::JsonNode *> m_revealed;
    mutable QHash<const json::JsonNode *, Nature> m_natures;
    bool m_maskPublic = false;
    QString m_lastError;
    bool m_revealAll = false;
    bool m_modified = false;
};

} // namespace coffer
