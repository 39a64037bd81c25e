// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/content/contentfinding.h"
#include "models/content/contentinspector.h"
#include "views/exacttextedit.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTimer;
class QToolBar;
class QTreeView;

namespace coffer {

namespace aws {
struct AwsError;
}
namespace content {
class ContentScan;
class SchemaSet;
}
class ContentFindingsBar;
class EmptyStateOverlay;
class SecretEditSession;
class WriteGuard;

/**
 * The value of the open secret, editable. A JSON object or array is a tree (Key | Value | Type)
 * with type-aware editors and a raw JSON mode kept in sync with it (masked like the tree and
 * read-only until Reveal All; a newly opened secret starts in the tree); plain text gets a text
 * editor; a binary secret is shown as hex or base64 and can be loaded from and saved to a file.
 *
 * Values are masked until revealed (one at a time or all); copying a value goes through the
 * self-clearing SecretClipboard. Every edit can be undone; a marker says when there are unsaved
 * changes, Review Changes shows them against the loaded version, and Save writes a new version
 * through SecretEditSession, which never overwrites someone else's newer version unasked.
 * Invalid raw JSON shows its line and column and blocks saving. An empty object or array says
 * so in the tree, with a button that adds its first key or item. Every write (save, overwrite)
 * passes the WriteGuard first, which asks on a production profile.
 *
 * Above the editor, the ContentFindingsBar lists what ContentInspector finds in the value as it
 * is edited (against the earlier versions, the sibling environment's secret and the schema set,
 * read once per loaded version); a finding leads to the value it is about. Save is held back
 * by an error the loaded version did not have and by any schema error; Save Anyway, in the bar,
 * writes the value with them. Masking follows sensitivity (JsonTreeModel): public keys,
 * certificates and a JWK's public members are shown unless Mask Public Values is on.
 */
class SecretValuePane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretValuePane)

public:
    explicit SecretValuePane(SecretEditSession *session, QWidget *parent = nullptr);
    ~SecretValuePane() override;

    [[nodiscard]] SecretEditSession *session() const { return m_session; }

    [[nodiscard]] QTreeView *treeView() const { return m_treeView; }
    [[nodiscard]] QPlainTextEdit *rawEdit() const { return m_rawEdit; }
    [[nodiscard]] QPlainTextEdit *textEdit() const { return m_textEdit; }
    [[nodiscard]] QPlainTextEdit *binaryView() const { return m_binaryView; }
    [[nodiscard]] QLabel *statusLabel() const { return m_statusLabel; }
    /// "● Unsaved changes" while the value differs from the loaded version.
    [[nodiscard]] QLabel *modifiedLabel() const { return m_modifiedLabel; }
    [[nodiscard]] QLabel *rawErrorLabel() const { return m_rawErrorLabel; }
    [[nodiscard]] QAction *saveAction() const { return m_saveAction; }
    [[nodiscard]] QAction *undoAction() const { return m_undoAction; }
    [[nodiscard]] QAction *redoAction() const { return m_redoAction; }
    [[nodiscard]] QAction *rawModeAction() const { return m_rawModeAction; }
    [[nodiscard]] QAction *revealAllAction() const { return m_revealAllAction; }
    [[nodiscard]] QAction *revealAction() const { return m_revealAction; }
    [[nodiscard]] QAction *copyValueAction() const { return m_copyValueAction; }
    [[nodiscard]] QAction *addKeyAction() const { return m_addKeyAction; }
    [[nodiscard]] QAction *addItemAction() const { return m_addItemAction; }
    [[nodiscard]] QAction *removeAction() const { return m_removeAction; }
    [[nodiscard]] QAction *duplicateAction() const { return m_duplicateAction; }
    [[nodiscard]] QAction *moveUpAction() const { return m_moveUpAction; }
    [[nodiscard]] QAction *moveDownAction() const { return m_moveDownAction; }
    [[nodiscard]] QAction *editMultiLineAction() const { return m_editMultiLineAction; }
    [[nodiscard]] QAction *reviewAction() const { return m_reviewAction; }
    /// Masks public material too (a setting, kept across starts).
    [[nodiscard]] QAction *maskPublicAction() const { return m_maskPublicAction; }
    /// The Mask Public Values Too setting, for every view that shows a value.
    [[nodiscard]] static bool masksPublicValues();
    [[nodiscard]] ContentFindingsBar *findingsBar() const { return m_findingsBar; }

    /// The team's JSON Schemas the value is checked against (none: no schema findings).
    void setSchemaSet(std::shared_ptr<const content::SchemaSet> schemas);
    /// The findings on the value as it is now (the bar's).
    [[nodiscard]] QList<content::ContentFinding> findings() const;
    /// True while the earlier versions and the sibling are being read for the findings
    /// (contentContextRead() follows).
    [[nodiscard]] bool isReadingContentContext() const { return !m_contextScan.isNull(); }

    /// True while the raw JSON text does not parse (saving is blocked).
    [[nodiscard]] bool hasRawError() const { return !m_rawError.isEmpty(); }

    /// The guard every write asks first (null: writes go at once).
    void setWriteGuard(WriteGuard *guard);
    /// Saves the edit as Save does (through the write guard); `saved` runs once the new
    /// version is written, and never when the save is declined, refused, fails or conflicts.
    void save(std::function<void()> saved = {});

signals:
    /// A message for the status bar.
    void messageChanged(const QString &message);
    /// What the open value holds changed: the findings on `secret` as it is now.
    void findingsChanged(const QString &secret, const QList<coffer::content::ContentFinding> &findings);
    /// The findings now take the earlier versions and the sibling into account.
    void contentContextRead();

private:
    void createActions();
    void showLoadedValue();
    void updateActions();
    /// Says over the tree that the value is an empty object or array, with the way to add to it.
    void updateEmptyJson(bool treeShown);
    /// Shows `text` under the editor; `announce` also sends it to the window's status bar
    /// (messageChanged). A state the pane already shows (the loaded version) is not announced.
    void setStatus(const QString &text) { setStatus(text, true); }
    void setStatus(const QString &text, bool announce);
    void setRawMode(bool raw);
    void applyRawText();
    void refreshRawText();
    void refreshBinaryView();
    void addValue(bool asItem);
    void editMultiLine();
    /// Runs `write` once the write guard allows "`action`".
    void guardedWrite(const QString &action, std::function<void()> write);
    void showConflict();
    void showReview();
    void rebaseOntoConflict();
    void showSaveFailure(const aws::AwsError &error);
    /// Reads what the findings are worked out against (earlier versions, the sibling) once per
    /// loaded version, then inspects again.
    void readContentContext();
    /// The findings on `value` against the context read so far.
    [[nodiscard]] QList<content::ContentFinding> findingsFor(const QByteArray &value, bool isBinary) const;
    /// Inspects the value as it is now and shows the findings.
    void inspectContent();
    /// The value was edited: re-inspect it soon, and take back Save Anyway.
    void valueEdited();
    /// Errors that hold a save back: any schema error, and those the loaded version did not have.
    [[nodiscard]] QList<content::ContentFinding> savingErrors() const;
    /// Shows the value a finding is about (`pointer`; a missing member: the object it belongs in).
    void goToFinding(const QString &pointer);

    SecretEditSession *m_session = nullptr;
    QToolBar *m_toolBar = nullptr;
    QStackedWidget *m_pages = nullptr;
    QWidget *m_treePage = nullptr;
    QTreeView *m_treeView = nullptr;
    QWidget *m_rawPage = nullptr;
    ExactTextEdit *m_rawEdit = nullptr;
    QLabel *m_rawErrorLabel = nullptr;
    ExactTextEdit *m_textEdit = nullptr;
    QWidget *m_binaryPage = nullptr;
    QPlainTextEdit *m_binaryView = nullptr;
    QComboBox *m_binaryFormat = nullptr;
    QLabel *m_emptyLabel = nullptr;
    EmptyStateOverlay *m_emptyJson = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_modifiedLabel = nullptr;
    QTimer *m_rawTimer = nullptr;

    QAction *m_saveAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_reviewAction = nullptr;
    QAction *m_rawModeAction = nullptr;
    QAction *m_revealAllAction = nullptr;
    QAction *m_revealAction = nullptr;
    QAction *m_copyValueAction = nullptr;
    QAction *m_addKeyAction = nullptr;
    QAction *m_addItemAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_moveUpAction = nullptr;
    QAction *m_moveDownAction = nullptr;
    QAction *m_editMultiLineAction = nullptr;
    QAction *m_loadFileAction = nullptr;
    QAction *m_saveFileAction = nullptr;
    QAction *m_maskPublicAction = nullptr;

    ContentFindingsBar *m_findingsBar = nullptr;
    QTimer *m_findingsTimer = nullptr;
    std::shared_ptr<const content::SchemaSet> m_schemas;
    /// The earlier versions and the sibling of the open secret, with no current value and no
    /// schemas (findingsFor() adds m_schemas).
    content::ContentInput m_contentContext;
    QString m_contextVersion; ///< the loaded version m_contentContext was read for
    QPointer<content::ContentScan> m_contextScan;
    QSet<QString> m_loadedErrors; ///< "id pointer" of each error of the loaded version
    bool m_saveAnyway = false; ///< the next save goes past the findings (Save Anyway)
    std::function<void()> m_heldSaved; ///< `saved` of the save the findings held back

    QPointer<WriteGuard> m_writeGuard;
    QString m_rawError;
    bool m_notSavedShown = false; ///< the status says "Not saved…"
    QString m_shownSecret; ///< the secret showLoadedValue() last showed
    bool m_syncingRaw = false;
};

} // namespace coffer
