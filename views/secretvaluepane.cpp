// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretvaluepane.h"
#include "views/wrappinglabel.h"

#include "models/aws/awserror.h"
#include "models/aws/secretconstraints.h"
#include "models/content/contentscan.h"
#include "models/core/privatefile.h"
#include "models/diff/secretdiff.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsonmask.h"
#include "models/json/jsonnode.h"
#include "views/contentfindingsbar.h"
#include "views/emptystateoverlay.h"
#include "views/exacttextedit.h"
#include "views/jsonvaluedelegate.h"
#include "views/keyboardtoolbar.h"
#include "views/reviewchangesdialog.h"
#include "views/secretclipboard.h"
#include "views/writeguard.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

using json::JsonKind;
using Mode = SecretEditSession::Mode;

namespace {

/// The "Mask Public Values Too" setting.
const auto maskPublicKey = u"Editor/maskPublicValues"_s;

QString hexDump(const QByteArray &bytes)
{
    QString text;
    for (qsizetype offset = 0; offset < bytes.size(); offset += 16) {
        const QByteArray line = bytes.mid(offset, 16);
        QString ascii;
        text += u"%1  "_s.arg(offset, 8, 16, QChar(u'0'));
        for (int i = 0; i < 16; ++i) {
            text += i < line.size() ? u"%1 "_s.arg(uint(quint8(line.at(i))), 2, 16, QChar(u'0')) : u"   "_s;
            if (i == 7)
                text += u' ';
            if (i < line.size()) {
                const char c = line.at(i);
                ascii += c >= 0x20 && c < 0x7f ? QChar::fromLatin1(c) : u'.';
            }
        }
        text += u" |"_s + ascii + u"|\n"_s;
    }
    return text;
}

QString wrappedBase64(const QByteArray &bytes)
{
    const QString base64 = QString::fromLatin1(bytes.toBase64());
    QString text;
    for (qsizetype i = 0; i < base64.size(); i += 76)
        text += base64.mid(i, 76) + u'\n';
    return text;
}

ExactTextEdit *monospaceEditor(const QString &objectName)
{
    auto *edit = new ExactTextEdit;
    edit->setObjectName(objectName);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    return edit;
}

} // namespace

SecretValuePane::SecretValuePane(SecretEditSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_rawTimer(new QTimer(this))
    , m_findingsTimer(new QTimer(this))
{
    setObjectName(u"SecretValuePane"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_toolBar = new KeyboardToolBar;
    m_toolBar->setObjectName(u"ValueToolBar"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize({ 16, 16 });
    layout->addWidget(m_toolBar);

    // What the value holds, above it; re-inspected a moment after the typing stops.
    m_findingsBar = new ContentFindingsBar;
    layout->addWidget(m_findingsBar);
    connect(m_findingsBar, &ContentFindingsBar::pointerActivated, this, &SecretValuePane::goToFinding);
    connect(m_findingsBar, &ContentFindingsBar::saveAnywayRequested, this, [this] {
        m_saveAnyway = true;
        save(std::exchange(m_heldSaved, {}));
    });
    m_findingsTimer->setSingleShot(true);
    m_findingsTimer->setInterval(250);
    connect(m_findingsTimer, &QTimer::timeout, this, &SecretValuePane::inspectContent);

    m_pages = new QStackedWidget;
    layout->addWidget(m_pages, 1);

    // Tree
    JsonTreeModel *model = m_session->jsonModel();
    m_treeView = new QTreeView;
    m_treeView->setObjectName(u"JsonTreeView"_s);
    m_treeView->setModel(model);
    m_treeView->setAlternatingRowColors(true);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    auto *delegate = new JsonValueDelegate(m_treeView);
    m_treeView->setItemDelegate(delegate);
    connect(delegate, &JsonValueDelegate::editRefused, this,
            [this](const QString &reason) { setStatus(reason); });
    QHeaderView *header = m_treeView->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::ResizeToContents);
    header->resizeSection(JsonTreeModel::KeyColumn, 220);
    m_pages->addWidget(m_treeView);
    m_emptyJson = new EmptyStateOverlay(m_treeView);
    m_emptyJson->setObjectName(u"ValueEmptyState"_s);
    connect(m_emptyJson->button(), &QPushButton::clicked, this, [this] {
        addValue(m_session->jsonModel()->document().root()->kind() == JsonKind::Array);
    });

    // Raw JSON
    m_rawPage = new QWidget;
    auto *rawLayout = new QVBoxLayout(m_rawPage);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    m_rawEdit = monospaceEditor(u"RawJsonEdit"_s);
    rawLayout->addWidget(m_rawEdit, 1);
    m_rawErrorLabel = new WrappingLabel;
    m_rawErrorLabel->setObjectName(u"RawErrorLabel"_s);
    m_rawErrorLabel->setStyleSheet(u"QLabel { background: #fdecea; color: #8a1c12; padding: 4px; }"_s);
    m_rawErrorLabel->hide();
    rawLayout->addWidget(m_rawErrorLabel);
    m_pages->addWidget(m_rawPage);
    m_rawTimer->setSingleShot(true);
    m_rawTimer->setInterval(300);
    connect(m_rawTimer, &QTimer::timeout, this, &SecretValuePane::applyRawText);
    connect(m_rawEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_syncingRaw)
            m_rawTimer->start();
    });

    // Plain text
    m_textEdit = monospaceEditor(u"PlainTextEdit"_s);
    connect(m_textEdit, &QPlainTextEdit::textChanged, this, [this] {
        if (m_session->mode() == Mode::Text) {
            m_session->setText(m_textEdit->exactText());
            valueEdited();
        }
    });
    m_pages->addWidget(m_textEdit);

    // Binary
    m_binaryPage = new QWidget;
    auto *binaryLayout = new QVBoxLayout(m_binaryPage);
    binaryLayout->setContentsMargins(0, 0, 0, 0);
    m_binaryFormat = new QComboBox;
    m_binaryFormat->setObjectName(u"BinaryFormatCombo"_s);
    m_binaryFormat->addItems({ tr("Hex"), tr("Base64") });
    connect(m_binaryFormat, &QComboBox::currentIndexChanged, this,
            &SecretValuePane::refreshBinaryView);
    binaryLayout->addWidget(m_binaryFormat, 0, Qt::AlignLeft);
    m_binaryView = monospaceEditor(u"BinaryView"_s);
    m_binaryView->setReadOnly(true);
    binaryLayout->addWidget(m_binaryView, 1);
    m_pages->addWidget(m_binaryPage);

    // Nothing loaded, failed, or hidden until revealed
    m_emptyLabel = new WrappingLabel;
    m_emptyLabel->setObjectName(u"ValuePlaceholder"_s);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_pages->addWidget(m_emptyLabel);
    m_pages->setCurrentWidget(m_emptyLabel);

    auto *statusRow = new QHBoxLayout;
    m_modifiedLabel = new QLabel(tr("● Unsaved changes"));
    m_modifiedLabel->setObjectName(u"ModifiedLabel"_s);
    m_modifiedLabel->setStyleSheet(u"QLabel { color: #9a6700; font-weight: bold; }"_s);
    m_modifiedLabel->hide();
    statusRow->addWidget(m_modifiedLabel);
    m_statusLabel = new WrappingLabel;
    m_statusLabel->setObjectName(u"ValueStatusLabel"_s);
    statusRow->addWidget(m_statusLabel, 1);
    layout->addLayout(statusRow);

    createActions();

    connect(m_session, &SecretEditSession::loadFinished, this, &SecretValuePane::showLoadedValue);
    connect(m_session, &SecretEditSession::loadFailed, this, [this](const aws::AwsError &error) {
        m_emptyLabel->setText(tr("The value could not be read.\n%1").arg(error.explanation()));
        m_pages->setCurrentWidget(m_emptyLabel);
        setStatus(error.summary());
        updateActions();
    });
    connect(m_session, &SecretEditSession::modifiedChanged, this, [this](bool modified) {
        // "Not saved…" is about changes that are gone once Undo brought the value back.
        if (!modified && m_notSavedShown)
            setStatus(tr("No unsaved changes."));
        updateActions();
    });
    connect(m_session, &SecretEditSession::busyChanged, this, &SecretValuePane::updateActions);
    connect(m_session, &SecretEditSession::saved, this, [this](const QString &versionId) {
        // The version just replaced is an earlier one now.
        readContentContext();
        const QString saved = tr("Saved as version %1, now AWSCURRENT.").arg(versionId);
        // The saved value is shown as a freshly loaded one: masked again.
        if (m_session->mode() == Mode::Text || m_session->mode() == Mode::Binary)
            showLoadedValue();
        setStatus(m_session->lastSaveNote().isEmpty() ? saved : saved + u' ' + m_session->lastSaveNote());
        if (m_rawModeAction->isChecked())
            refreshRawText();
    });
    connect(m_session, &SecretEditSession::saveRefused, this, [this](const QString &reason) {
        setStatus(reason);
        m_notSavedShown = true;
    });
    connect(m_session, &SecretEditSession::saveFailed, this, &SecretValuePane::showSaveFailure);
    connect(m_session, &SecretEditSession::conflictDetected, this, &SecretValuePane::showConflict);

    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SecretValuePane::updateActions);
    connect(model, &JsonTreeModel::historyChanged, this, [this] {
        if (m_rawModeAction->isChecked() && !m_syncingRaw)
            refreshRawText();
        valueEdited();
        updateActions();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this, model] {
        // A new document (another secret, a save, a rebase) comes masked: so does the action.
        if (m_revealAllAction->isChecked() != model->isRevealAll()) {
            const QSignalBlocker blocker(m_revealAllAction);
            m_revealAllAction->setChecked(model->isRevealAll());
        }
        m_treeView->expandToDepth(0);
    });
    updateActions();
}

SecretValuePane::~SecretValuePane() = default;

void SecretValuePane::createActions()
{
    JsonTreeModel *model = m_session->jsonModel();
    const auto add = [this](const QString &objectName, const QString &icon, const QString &text,
                            const QKeySequence &shortcut = {}) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(objectName);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    m_saveAction = add(u"SaveAction"_s, u"document-save"_s, tr("&Save"), QKeySequence::Save);
    m_saveAction->setToolTip(tr("Save as a new version (AWSCURRENT)"));
    connect(m_saveAction, &QAction::triggered, this, [this] { save(); });

    m_undoAction = add(u"UndoAction"_s, u"edit-undo"_s, tr("&Undo"), QKeySequence::Undo);
    connect(m_undoAction, &QAction::triggered, model, &JsonTreeModel::undo);
    m_redoAction = add(u"RedoAction"_s, u"edit-redo"_s, tr("&Redo"), QKeySequence::Redo);
    connect(m_redoAction, &QAction::triggered, model, &JsonTreeModel::redo);

    m_reviewAction = add(u"ReviewAction"_s, u"document-preview"_s, tr("Re&view Changes…"));
    connect(m_reviewAction, &QAction::triggered, this, &SecretValuePane::showReview);

    m_maskPublicAction = add(u"MaskPublicAction"_s, u"view-hidden"_s, tr("&Mask Public Values Too"));
    m_maskPublicAction->setCheckable(true);
    m_maskPublicAction->setToolTip(tr("Also mask public keys, certificates and the public members "
                                      "of a JWK until revealed"));
    m_maskPublicAction->setChecked(masksPublicValues());
    model->setMaskPublicValues(m_maskPublicAction->isChecked());
    connect(m_maskPublicAction, &QAction::toggled, this, [this, model](bool mask) {
        QSettings().setValue(maskPublicKey, mask);
        model->setMaskPublicValues(mask);
        if (m_rawModeAction->isChecked())
            refreshRawText();
    });

    m_rawModeAction = add(u"RawModeAction"_s, u"text-x-generic"_s, tr("Ra&w JSON"));
    m_rawModeAction->setCheckable(true);
    connect(m_rawModeAction, &QAction::toggled, this, &SecretValuePane::setRawMode);

    m_revealAllAction = add(u"RevealAllAction"_s, u"view-visible"_s, tr("Reveal &All"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_revealAllAction->setCheckable(true);
    connect(m_revealAllAction, &QAction::toggled, this, [this, model](bool reveal) {
        const bool raw = m_session->mode() == Mode::Json && m_rawModeAction->isChecked();
        if (raw && !reveal) {
            // What was typed goes into the tree first; text that is not JSON cannot be masked.
            if (m_rawTimer->isActive()) {
                m_rawTimer->stop();
                applyRawText();
            }
            if (hasRawError()) {
                const QSignalBlocker blocker(m_revealAllAction);
                m_revealAllAction->setChecked(true);
                setStatus(tr("Fix the JSON first: %1").arg(m_rawError));
                return;
            }
        }
        model->setRevealAll(reveal);
        if (raw)
            refreshRawText();
        if (m_session->mode() == Mode::Text || m_session->mode() == Mode::Binary)
            showLoadedValue();
        updateActions();
    });

    m_revealAction = add(u"RevealAction"_s, {}, tr("&Reveal Value"),
                         QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_revealAction, &QAction::triggered, this, [this, model] {
        const QModelIndex current = m_treeView->currentIndex();
        if (current.isValid())
            model->setRevealed(current, !model->isRevealed(current));
    });

    m_copyValueAction = add(u"CopyValueAction"_s, u"edit-copy"_s, tr("&Copy Value"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(m_copyValueAction, &QAction::triggered, this, [this, model] {
        QString text;
        if (m_session->mode() == Mode::Text) {
            text = m_session->text();
        } else if (const json::JsonNode *node = model->nodeFor(m_treeView->currentIndex())) {
            text = node->isContainer()
                ? QString::fromUtf8(node->toJson(model->document().style()))
                : m_treeView->currentIndex().siblingAtColumn(JsonTreeModel::ValueColumn)
                      .data(Qt::EditRole)
                      .toString();
        }
        if (text.isEmpty())
            return;
        SecretClipboard *clipboard = SecretClipboard::instance();
        clipboard->copySecret(text);
        setStatus(tr("Copied. The clipboard clears itself in %n second(s).", nullptr,
                     int(std::chrono::duration_cast<std::chrono::seconds>(clipboard->clearDelay())
                             .count())));
    });

    m_addKeyAction = add(u"AddKeyAction"_s, u"list-add"_s, tr("Add &Key"),
                         QKeySequence(Qt::Key_Insert));
    connect(m_addKeyAction, &QAction::triggered, this, [this] { addValue(false); });
    m_addItemAction = add(u"AddItemAction"_s, u"list-add"_s, tr("Add &Item"),
                          QKeySequence(Qt::SHIFT | Qt::Key_Insert));
    connect(m_addItemAction, &QAction::triggered, this, [this] { addValue(true); });
    m_removeAction = add(u"RemoveAction"_s, u"list-remove"_s, tr("Re&move"),
                         QKeySequence::Delete);
    connect(m_removeAction, &QAction::triggered, this, [this, model] {
        if (!model->removeValue(m_treeView->currentIndex()))
            setStatus(model->lastError());
    });
    m_duplicateAction = add(u"DuplicateAction"_s, u"edit-copy"_s, tr("&Duplicate"),
                            QKeySequence(Qt::CTRL | Qt::Key_D));
    connect(m_duplicateAction, &QAction::triggered, this, [this, model] {
        const QModelIndex current = m_treeView->currentIndex();
        if (!model->duplicateValue(current))
            return setStatus(model->lastError());
        const json::JsonNode *node = model->nodeFor(current);
        m_treeView->setCurrentIndex(
            model->indexFor(node->parent()->child(node->row() + 1)));
    });
    m_moveUpAction = add(u"MoveUpAction"_s, u"go-up"_s, tr("Move &Up"),
                         QKeySequence(Qt::CTRL | Qt::Key_Up));
    connect(m_moveUpAction, &QAction::triggered, this,
            [this, model] { model->moveValue(m_treeView->currentIndex(), -1); });
    m_moveDownAction = add(u"MoveDownAction"_s, u"go-down"_s, tr("Move &Down"),
                           QKeySequence(Qt::CTRL | Qt::Key_Down));
    connect(m_moveDownAction, &QAction::triggered, this,
            [this, model] { model->moveValue(m_treeView->currentIndex(), 1); });
    m_editMultiLineAction = add(u"EditMultiLineAction"_s, u"document-edit"_s,
                                tr("Edit as &Text…"), QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editMultiLineAction->setToolTip(tr("Edit a long string, such as a PEM, on several lines"));
    connect(m_editMultiLineAction, &QAction::triggered, this, &SecretValuePane::editMultiLine);
    connect(m_treeView, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        // A line editor would flatten a PEM: multi-line strings open the text editor instead.
        if (index.data(JsonTreeModel::MultiLineRole).toBool()
            && index.column() == JsonTreeModel::ValueColumn)
            editMultiLine();
    });

    m_loadFileAction = add(u"LoadFileAction"_s, u"document-open"_s, tr("&Load from File…"));
    connect(m_loadFileAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load Binary Value"));
        if (path.isEmpty())
            return;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return setStatus(tr("Cannot read %1: %2").arg(path, file.errorString()));
        const QByteArray bytes = file.read(aws::SecretConstraints::maxValueBytes + 1);
        if (auto checked = aws::SecretConstraints::checkValue(bytes, true); !checked)
            return setStatus(tr("Not loaded: %1.").arg(checked.error()));
        m_session->setBinary(bytes);
        refreshBinaryView();
        setStatus(tr("Loaded %n byte(s); save to store them as a new version.", nullptr,
                     int(bytes.size())));
    });
    m_saveFileAction = add(u"SaveFileAction"_s, u"document-save-as"_s, tr("Save to &File…"));
    connect(m_saveFileAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save Binary Value"));
        if (path.isEmpty())
            return;
        if (const auto written = writePrivateFile(path, m_session->binary()); !written)
            return setStatus(written.error());
        setStatus(tr("Saved to %1 (readable by you only).").arg(path));
    });

    m_toolBar->addAction(m_saveAction);
    m_toolBar->addAction(m_undoAction);
    m_toolBar->addAction(m_redoAction);
    m_toolBar->addAction(m_reviewAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_revealAllAction);
    m_toolBar->addAction(m_rawModeAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_addKeyAction);
    m_toolBar->addAction(m_removeAction);
    m_toolBar->addAction(m_loadFileAction);
    m_toolBar->addAction(m_saveFileAction);

    m_treeView->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_treeView->addActions({ m_revealAction, m_copyValueAction, m_editMultiLineAction });
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_treeView->addAction(separator);
    m_treeView->addActions({ m_addKeyAction, m_addItemAction, m_duplicateAction, m_removeAction,
                             m_moveUpAction, m_moveDownAction });
}

void SecretValuePane::setStatus(const QString &text, bool announce)
{
    m_notSavedShown = false;
    m_statusLabel->setText(text);
    if (announce)
        emit messageChanged(text);
}

void SecretValuePane::showLoadedValue()
{
    const Mode mode = m_session->mode();
    // Another secret opens in the tree, whatever the last one was shown in.
    const bool otherSecret = m_session->secretName() != m_shownSecret;
    m_shownSecret = m_session->secretName();
    if ((mode != Mode::Json || otherSecret) && m_rawModeAction->isChecked()) {
        const QSignalBlocker blocker(m_rawModeAction);
        m_rawModeAction->setChecked(false);
    }
    m_rawError.clear();
    m_rawErrorLabel->hide();
    const bool revealed = m_revealAllAction->isChecked();
    switch (mode) {
    case Mode::Json:
        m_pages->setCurrentWidget(m_rawModeAction->isChecked() ? m_rawPage : m_treeView);
        if (m_rawModeAction->isChecked())
            refreshRawText();
        m_treeView->expandToDepth(0);
        break;
    case Mode::Text:
        if (revealed) {
            const QSignalBlocker blocker(m_textEdit);
            m_textEdit->setExactText(m_session->text());
            m_pages->setCurrentWidget(m_textEdit);
        } else {
            m_emptyLabel->setText(tr("Plain text, %n character(s), hidden.\nReveal All to see "
                                     "and edit it.", nullptr, int(m_session->text().size())));
            m_pages->setCurrentWidget(m_emptyLabel);
        }
        break;
    case Mode::Binary:
        refreshBinaryView();
        m_pages->setCurrentWidget(revealed ? m_binaryPage : m_emptyLabel);
        if (!revealed)
            m_emptyLabel->setText(tr("Binary, %n byte(s), hidden.\nReveal All to see it as hex "
                                     "or base64, or save it to a file.",
                                     nullptr, int(m_session->binary().size())));
        break;
    case Mode::Empty:
        m_emptyLabel->setText(tr("No value loaded."));
        m_pages->setCurrentWidget(m_emptyLabel);
        break;
    }
    const QString version = m_session->loadedVersionId();
    if (!version.isEmpty())
        setStatus(tr("Version %1 (AWSCURRENT).").arg(version), false);
    if (otherSecret || version != m_contextVersion)
        readContentContext();
    else
        inspectContent();
    updateActions();
}

void SecretValuePane::setSchemaSet(std::shared_ptr<const content::SchemaSet> schemas)
{
    // Schemas apply to the value here: the history and the sibling already read still hold.
    m_schemas = std::move(schemas);
    m_findingsBar->setSaveHeld({});
    m_heldSaved = {};
    m_loadedErrors.clear();
    inspectContent();
}

bool SecretValuePane::masksPublicValues()
{
    return QSettings().value(maskPublicKey, false).toBool();
}

QList<content::ContentFinding> SecretValuePane::findings() const
{
    return m_findingsBar->findings();
}

void SecretValuePane::readContentContext()
{
    delete m_contextScan;
    m_findingsBar->setSaveHeld({});
    m_heldSaved = {};
    m_contentContext = {};
    m_contentContext.name = m_session->secretName();
    m_contentContext.siblingName = content::ContentInspector::siblingName(m_contentContext.name);
    m_contextVersion = m_session->loadedVersionId();
    m_loadedErrors.clear();
    // Until the history is read, the value is inspected on its own.
    inspectContent();
    if (m_session->mode() == Mode::Empty || m_contentContext.name.isEmpty() || !m_session->client())
        return;
    // Only what it reads is used (secretRead): its own findings, schemas or not, are not.
    m_contextScan = new content::ContentScan(m_session->client(), { m_contentContext.name }, false, this);
    m_contextScan->setKeepInputs(true);
    const QString version = m_contextVersion;
    connect(m_contextScan, &content::ContentScan::secretRead, this,
            [this, version](const content::ContentInput &input) {
                if (input.name != m_session->secretName() || version != m_session->loadedVersionId())
                    return; // read for a version no longer open
                m_contentContext = input;
                m_contentContext.value.clear();
                m_loadedErrors.clear();
                inspectContent();
            });
    connect(m_contextScan, &content::ContentScan::finished, this, [this, scan = m_contextScan.data()] {
        scan->deleteLater();
        if (scan != m_contextScan)
            return;
        m_contextScan = nullptr;
        emit contentContextRead();
    });
    m_contextScan->start();
}

void SecretValuePane::valueEdited()
{
    // An edit takes back an offer to save past the findings it may have fixed, and the value is
    // inspected again once the typing stops.
    m_findingsBar->setSaveHeld({});
    m_findingsTimer->start();
}

QList<content::ContentFinding> SecretValuePane::findingsFor(const QByteArray &value, bool isBinary) const
{
    content::ContentInput input = m_contentContext;
    input.value = value;
    input.isBinary = isBinary;
    input.schemas = m_schemas;
    return content::ContentInspector::inspect(input);
}

void SecretValuePane::inspectContent()
{
    m_findingsTimer->stop();
    const QString name = m_session->secretName();
    QList<content::ContentFinding> found;
    switch (m_session->mode()) {
    case Mode::Json:
        found = findingsFor(m_session->jsonModel()->toJson(), false);
        break;
    case Mode::Text:
        found = findingsFor(m_session->text().toUtf8(), false);
        break;
    case Mode::Binary:
        found = findingsFor({}, true);
        break;
    case Mode::Empty:
        break;
    }
    if (m_loadedErrors.isEmpty() && m_session->mode() != Mode::Empty) {
        // What the loaded version already had does not hold a save back; one marker keeps
        // "no errors" apart from "not worked out yet".
        const aws::SecretValue &loaded = m_session->loadedValue();
        m_loadedErrors.insert(QString());
        for (const content::ContentFinding &finding :
             findingsFor(loaded.secretString.value_or(QString()).toUtf8(), loaded.isBinary())) {
            if (finding.severity == content::FindingSeverity::Error)
                m_loadedErrors.insert(finding.id + u' ' + finding.pointer);
        }
    }
    m_findingsBar->setFindings(found);
    emit findingsChanged(name, found);
}

QList<content::ContentFinding> SecretValuePane::savingErrors() const
{
    QList<content::ContentFinding> errors;
    for (const content::ContentFinding &finding : m_findingsBar->findings()) {
        if (finding.severity == content::FindingSeverity::Error
            && (finding.id.startsWith(u"schema.") || !m_loadedErrors.contains(finding.id + u' ' + finding.pointer)))
            errors.append(finding);
    }
    return errors;
}

void SecretValuePane::goToFinding(const QString &pointer)
{
    if (m_session->mode() != Mode::Json)
        return;
    if (m_rawModeAction->isChecked() && !hasRawError())
        m_rawModeAction->setChecked(false);
    if (m_rawModeAction->isChecked())
        return;
    JsonTreeModel *model = m_session->jsonModel();
    // A missing member has no row: its object has.
    QString at = pointer;
    QModelIndex index = model->indexForPointer(at);
    while (!index.isValid() && !at.isEmpty()) {
        at.truncate(at.lastIndexOf(u'/'));
        index = model->indexForPointer(at);
    }
    if (!index.isValid())
        index = model->index(0, JsonTreeModel::KeyColumn);
    if (!index.isValid())
        return;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_treeView->expand(parent);
    if (at != pointer && index.parent().isValid())
        m_treeView->expand(index);
    m_treeView->setCurrentIndex(index);
    m_treeView->scrollTo(index);
    m_treeView->setFocus(Qt::OtherFocusReason);
}

void SecretValuePane::updateActions()
{
    const Mode mode = m_session->mode();
    const bool json = mode == Mode::Json;
    const bool treeShown = json && !m_rawModeAction->isChecked();
    const bool busy = m_session->isBusy();
    const bool modified = m_session->isModified();
    const QModelIndex current = m_treeView->currentIndex();
    const json::JsonNode *node = m_session->jsonModel()->nodeFor(current);
    const bool isRoot = node && !node->parent();

    m_saveAction->setEnabled(modified && !busy && !hasRawError());
    m_reviewAction->setEnabled(modified);
    m_rawModeAction->setEnabled(json);
    m_revealAllAction->setEnabled(mode != Mode::Empty);
    m_revealAction->setEnabled(treeShown && node && node->isScalar());
    m_copyValueAction->setEnabled((treeShown && node) || mode == Mode::Text);
    m_addKeyAction->setEnabled(treeShown);
    m_addItemAction->setEnabled(treeShown);
    m_removeAction->setEnabled(treeShown && node && !isRoot);
    m_duplicateAction->setEnabled(treeShown && node && !isRoot);
    m_moveUpAction->setEnabled(treeShown && node && !isRoot && node->row() > 0);
    m_moveDownAction->setEnabled(treeShown && node && !isRoot
                                 && node->row() + 1 < node->parent()->childCount());
    m_editMultiLineAction->setEnabled(treeShown && node && node->kind() == JsonKind::String);
    JsonTreeModel *model = m_session->jsonModel();
    // The raw editor keeps its own typing undo while it has focus; the model's steps are whole
    // edits (a raw edit is one step once it parses).
    m_undoAction->setEnabled(json && model->canUndo());
    m_redoAction->setEnabled(json && model->canRedo());
    // The buttons keep their text, so the toolbar keeps its width and its buttons stay put
    // after every edit; the step they would undo or redo is in the tooltip.
    m_undoAction->setToolTip(model->canUndo() ? tr("Undo %1", "the name of an edit").arg(model->undoText())
                                              : tr("Nothing to undo"));
    m_redoAction->setToolTip(model->canRedo() ? tr("Redo %1", "the name of an edit").arg(model->redoText())
                                              : tr("Nothing to redo"));
    m_undoAction->setVisible(json);
    m_redoAction->setVisible(json);
    m_addKeyAction->setVisible(mode != Mode::Binary);
    m_removeAction->setVisible(mode != Mode::Binary);
    m_loadFileAction->setVisible(mode == Mode::Binary);
    m_saveFileAction->setVisible(mode == Mode::Binary);
    m_saveFileAction->setEnabled(m_revealAllAction->isChecked());

    // The dirty marker: what a user checks before switching away.
    m_modifiedLabel->setVisible(modified);
    updateEmptyJson(treeShown);
}

void SecretValuePane::updateEmptyJson(bool treeShown)
{
    // An empty tree looks like a value that did not load: say what it is and how to fill it.
    const json::JsonNode *root = m_session->jsonModel()->document().root();
    if (!treeShown || !root || !root->isContainer() || root->childCount() > 0) {
        m_emptyJson->hide();
        return;
    }
    if (root->kind() == JsonKind::Array) {
        m_emptyJson->setButtonText(m_addItemAction->text());
        m_emptyJson->showMessage(tr("This secret is an empty JSON array. Add an item with %1 (%2).")
                                     .arg(QString(m_addItemAction->text()).remove(u'&'),
                                          m_addItemAction->shortcut().toString(QKeySequence::NativeText)));
    } else {
        m_emptyJson->setButtonText(m_addKeyAction->text());
        m_emptyJson->showMessage(tr("This secret is an empty JSON object. Add a key with %1 (%2).")
                                     .arg(QString(m_addKeyAction->text()).remove(u'&'),
                                          m_addKeyAction->shortcut().toString(QKeySequence::NativeText)));
    }
}

void SecretValuePane::addValue(bool asItem)
{
    JsonTreeModel *model = m_session->jsonModel();
    QModelIndex current = m_treeView->currentIndex().siblingAtColumn(JsonTreeModel::KeyColumn);
    const json::JsonNode *node = model->nodeFor(current);
    // Into the selected container, or after the selected value in its own.
    QModelIndex parent;
    int row = -1;
    const json::JsonNode *container = model->document().root();
    if (node && node->isContainer() && (asItem == (node->kind() == JsonKind::Array))) {
        parent = current;
        container = node;
    } else if (node && node->parent()) {
        parent = current.parent();
        container = node->parent();
        row = node->row() + 1;
    }
    if ((container->kind() == JsonKind::Array) != asItem) {
        setStatus(asItem ? tr("Select an array, or a value in one, to add an item.")
                         : tr("Select an object, or a value in one, to add a key."));
        return;
    }
    QString key;
    if (!asItem) {
        key = tr("newKey", "the name of a key just added");
        for (int n = 2; container->member(key); ++n)
            key = tr("newKey%1", "the name of a key just added").arg(n);
    }
    if (!model->insertValue(parent, row, key, JsonKind::String))
        return setStatus(model->lastError());
    const int inserted = row < 0 ? container->childCount() - 1 : row;
    const QModelIndex added = model->indexFor(container->child(inserted),
                                              asItem ? JsonTreeModel::ValueColumn
                                                     : JsonTreeModel::KeyColumn);
    m_treeView->setCurrentIndex(added);
    m_treeView->edit(added);
}

void SecretValuePane::editMultiLine()
{
    JsonTreeModel *model = m_session->jsonModel();
    const QModelIndex current = m_treeView->currentIndex();
    const json::JsonNode *node = model->nodeFor(current);
    if (!node || node->kind() != JsonKind::String)
        return;
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"MultiLineDialog"_s);
    dialog->setWindowTitle(tr("Edit %1").arg(current.data(JsonTreeModel::PointerRole).toString()));
    dialog->resize(640, 420);
    auto *layout = new QVBoxLayout(dialog);
    ExactTextEdit *edit = monospaceEditor(u"MultiLineEdit"_s);
    edit->setExactText(node->stringValue());
    layout->addWidget(edit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    // The edit is addressed by its pointer: the tree may change while the dialog is open.
    const QString pointer = current.data(JsonTreeModel::PointerRole).toString();
    connect(dialog, &QDialog::accepted, this, [this, model, edit, pointer] {
        const QModelIndex index = model->indexForPointer(pointer);
        if (!index.isValid())
            return setStatus(tr("That value is gone; the edit was not applied."));
        if (!model->setValue(index, JsonKind::String, edit->exactText()))
            setStatus(model->lastError());
    });
    dialog->open();
}

void SecretValuePane::setRawMode(bool raw)
{
    if (m_session->mode() != Mode::Json)
        return;
    if (raw) {
        refreshRawText();
        m_pages->setCurrentWidget(m_rawPage);
        m_rawEdit->setFocus();
    } else {
        if (m_rawTimer->isActive()) {
            m_rawTimer->stop();
            applyRawText();
        }
        if (hasRawError()) {
            // The tree cannot show text that is not JSON: stay until it is fixed.
            const QSignalBlocker blocker(m_rawModeAction);
            m_rawModeAction->setChecked(true);
            setStatus(tr("Fix the JSON first: %1").arg(m_rawError));
            return;
        }
        m_pages->setCurrentWidget(m_treeView);
    }
    updateActions();
}

void SecretValuePane::refreshRawText()
{
    // Masked, the text shows the layout and the keys only, and cannot be edited: editing it
    // would edit values the user has not seen. Reveal All shows (and edits) the exact text.
    const bool revealed = m_revealAllAction->isChecked();
    const QString exact = QString::fromUtf8(m_session->jsonModel()->toJson());
    m_syncingRaw = true;
    m_rawEdit->setReadOnly(!revealed);
    m_rawEdit->setExactText(revealed ? exact
                                     : json::maskedJsonText(exact, JsonTreeModel::maskText));
    m_syncingRaw = false;
    m_rawError.clear();
    m_rawErrorLabel->hide();
}

void SecretValuePane::applyRawText()
{
    JsonTreeModel *model = m_session->jsonModel();
    m_syncingRaw = true;
    const bool applied = model->replaceAll(m_rawEdit->exactText().toUtf8());
    m_syncingRaw = false;
    if (applied) {
        m_rawError.clear();
        m_rawErrorLabel->hide();
    } else {
        m_rawError = model->lastError();
        m_rawErrorLabel->setText(tr("Invalid JSON, %1. Saving is blocked until it is fixed.")
                                     .arg(m_rawError));
        m_rawErrorLabel->show();
    }
    updateActions();
}

void SecretValuePane::refreshBinaryView()
{
    const QByteArray bytes = m_session->binary();
    m_binaryView->setPlainText(m_binaryFormat->currentIndex() == 0 ? hexDump(bytes)
                                                                   : wrappedBase64(bytes));
}

void SecretValuePane::setWriteGuard(WriteGuard *guard)
{
    m_writeGuard = guard;
}

void SecretValuePane::guardedWrite(const QString &action, std::function<void()> write)
{
    if (!m_writeGuard) {
        write();
        return;
    }
    m_writeGuard->confirm(this, action, std::move(write));
}

void SecretValuePane::save(std::function<void()> saved)
{
    if (m_rawModeAction->isChecked() && m_rawTimer->isActive()) {
        m_rawTimer->stop();
        applyRawText();
    }
    if (hasRawError()) {
        setStatus(tr("Not saved: the raw JSON is invalid, %1.").arg(m_rawError));
        m_notSavedShown = true;
        return;
    }
    // What AWS would refuse outright comes before what it would store but the team would not.
    if (const QString problem = m_session->saveProblem(); !problem.isEmpty() && m_session->isModified()) {
        setStatus(problem);
        m_notSavedShown = true;
        return;
    }
    if (!std::exchange(m_saveAnyway, false)) {
        inspectContent(); // what was typed a moment ago counts
        const QList<content::ContentFinding> errors = savingErrors();
        if (!errors.isEmpty()) {
            const QString reason = errors.size() == 1
                ? tr("Not saved: %1").arg(errors.first().message)
                : tr("Not saved: %1 (and %n more error(s) above).", nullptr, int(errors.size() - 1))
                      .arg(errors.first().message);
            m_findingsBar->setSaveHeld(reason);
            m_findingsBar->saveAnywayButton()->setText(
                tr("Save Anyway, with %n error(s)", nullptr, int(errors.size())));
            setStatus(reason);
            m_notSavedShown = true;
            m_heldSaved = std::move(saved);
            return;
        }
    }
    m_findingsBar->setSaveHeld({});
    const QString name = m_session->secretName();
    const aws::SecretValue &loaded = m_session->loadedValue();
    const QString changes = diff::SecretDiff::compare(loaded.secretString, loaded.secretBinary,
                                                      m_session->pendingSecretString(),
                                                      m_session->pendingSecretBinary())
                                .summary();
    guardedWrite(tr("Save the changes to %1 (%2)").arg(name, changes),
                 [this, name, saved = std::move(saved)] {
                     if (m_session->secretName() != name)
                         return; // another secret opened while the question was open
                     if (saved) {
                         // One answer per save: whichever comes first ends the wait.
                         auto *waiting = new QObject(this);
                         const auto stop = [waiting] {
                             waiting->deleteLater();
                         };
                         connect(m_session, &SecretEditSession::saved, waiting, [waiting, saved] {
                             waiting->deleteLater();
                             saved();
                         });
                         connect(m_session, &SecretEditSession::saveRefused, waiting, stop);
                         connect(m_session, &SecretEditSession::saveFailed, waiting, stop);
                         connect(m_session, &SecretEditSession::conflictDetected, waiting, stop);
                         connect(m_session, &SecretEditSession::loadFinished, waiting, stop);
                     }
                     setStatus(tr("Saving…"));
                     m_session->save();
                 });
}

void SecretValuePane::showReview()
{
    if (m_rawModeAction->isChecked() && m_rawTimer->isActive()) {
        m_rawTimer->stop();
        applyRawText();
    }
    const aws::SecretValue &loaded = m_session->loadedValue();
    auto *dialog = new ReviewChangesDialog(
        m_session->secretName(),
        diff::SecretDiff::compare(loaded.secretString, loaded.secretBinary,
                                  m_session->pendingSecretString(),
                                  m_session->pendingSecretBinary()),
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The review's Save is the toolbar's Save: the same guard and compare-and-swap.
    connect(dialog, &ReviewChangesDialog::saveRequested, this, [this] {
        if (m_saveAction->isEnabled())
            m_saveAction->trigger();
    });
    dialog->open();
}

void SecretValuePane::showSaveFailure(const aws::AwsError &error)
{
    if (error.kind == aws::ErrorKind::ResourceNotFound) {
        // Deleted meanwhile, or a sandbox that restarted empty: the list is out of date.
        setStatus(tr("Not saved: %1 does not exist on the server any more (deleted, or the "
                     "server restarted). Press Refresh (F5) to reload the list; your edit "
                     "stays here until you open another secret.")
                      .arg(m_session->secretName()));
    } else {
        setStatus(tr("Not saved: %1").arg(error.explanation()));
    }
    m_notSavedShown = true;
}

void SecretValuePane::showConflict()
{
    const auto &conflict = m_session->conflict();
    if (!conflict)
        return;
    auto *box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(u"ConflictDialog"_s);
    box->setIcon(QMessageBox::Warning);
    box->setWindowTitle(tr("Someone Saved a Newer Version"));
    box->setText(tr("<b>%1</b> changed since you opened it: AWSCURRENT is now version %2, not "
                    "the version %3 you edited. Nothing was written.")
                     .arg(m_session->secretName().toHtmlEscaped(),
                          conflict->currentVersionId.left(8), conflict->loadedVersionId.left(8)));
    box->setInformativeText(
        tr("Rebase replays your edit onto their version, so you can review and save both. "
           "Overwrite replaces their version with yours."));
    QPushButton *rebase = nullptr;
    if (m_session->mode() == Mode::Json) {
        rebase = box->addButton(tr("&Rebase My Edit"), QMessageBox::AcceptRole);
        rebase->setObjectName(u"RebaseButton"_s);
    }
    QPushButton *overwrite = box->addButton(tr("&Overwrite"), QMessageBox::DestructiveRole);
    overwrite->setObjectName(u"OverwriteButton"_s);
    box->addButton(QMessageBox::Cancel)->setObjectName(u"CancelButton"_s);
    connect(box, &QMessageBox::buttonClicked, this, [this, rebase, overwrite](QAbstractButton *clicked) {
        if (clicked == overwrite) {
            const QString name = m_session->secretName();
            guardedWrite(tr("Overwrite the newer version of %1").arg(name), [this, name] {
                if (m_session->secretName() != name)
                    return;
                setStatus(tr("Saving over the newer version…"));
                m_session->overwrite();
            });
        } else if (rebase && clicked == rebase) {
            rebaseOntoConflict();
        } else {
            setStatus(tr("Not saved. Your edit is still here."));
            m_notSavedShown = true;
        }
    });
    box->open();
}

void SecretValuePane::rebaseOntoConflict()
{
    const auto rebased = m_session->rebase();
    if (!rebased)
        return setStatus(rebased.error());
    if (m_rawModeAction->isChecked())
        refreshRawText();
    setStatus(rebased->isEmpty()
                  ? tr("Your edit now sits on version %1. Review it and save.")
                        .arg(m_session->loadedVersionId().left(8))
                  : tr("Your edit now sits on version %1; where you both changed the same value "
                       "(%2) theirs was kept. Review and save.")
                        .arg(m_session->loadedVersionId().left(8), rebased->join(u", "_s)));
}

} // namespace coffer
