// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretbrowserpane.h"

#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretfilterproxymodel.h"
#include "views/emptystateoverlay.h"
#include "views/secretclipboard.h"
#include "views/statusicon.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTimer>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

// Folders for namespaces, a key for secrets; secrets scheduled for deletion struck through.
class SecretItemDelegate final : public QStyledItemDelegate
{
public:
    explicit SecretItemDelegate(QWidget *view)
        : QStyledItemDelegate(view)
        // Once: a standard icon is loaded afresh on every call, and rows paint often.
        , m_namespaceIcon(view->style()->standardIcon(QStyle::SP_DirIcon))
        , m_secretIcon(view->style()->standardIcon(QStyle::SP_FileIcon))
        , m_errorIcon(statusIcon(StatusMark::Error))
        , m_warningIcon(statusIcon(StatusMark::Warning))
    {
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != NamespaceTreeModel::NameColumn)
            return;
        const bool isNamespace = index.data(NamespaceTreeModel::IsNamespaceRole).toBool();
        // A secret whose value has errors (or warnings) carries their mark instead of its key.
        switch (NamespaceTreeModel::ContentMark(index.data(NamespaceTreeModel::ContentMarkRole).toInt())) {
        case NamespaceTreeModel::ContentMark::Error:
            option->icon = m_errorIcon;
            break;
        case NamespaceTreeModel::ContentMark::Warning:
            option->icon = m_warningIcon;
            break;
        case NamespaceTreeModel::ContentMark::None:
            option->icon = isNamespace ? m_namespaceIcon : m_secretIcon;
            break;
        }
        option->features |= QStyleOptionViewItem::HasDecoration;
        if (index.data(NamespaceTreeModel::ScheduledForDeletionRole).toBool()) {
            option->font.setStrikeOut(true);
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::Disabled, QPalette::Text));
        }
    }

private:
    QIcon m_namespaceIcon;
    QIcon m_secretIcon;
    QIcon m_errorIcon;
    QIcon m_warningIcon;
};

// What can start a secret's name: the characters AWS allows in names, nothing else.
bool looksLikeNamePrefix(const QString &text)
{
    static const QRegularExpression namePrefix(u"^[A-Za-z0-9/_+=.@-]{2,512}$"_s);
    return namePrefix.match(text).hasMatch();
}

// Expanding every namespace is worth it while the matches fit on a few screens; beyond that
// it only costs time (QTreeView lays out every expanded row) and the user keeps typing.
constexpr int expandAllLimit = 2000;

} // namespace

SecretBrowserPane::SecretBrowserPane(QWidget *parent)
    : QWidget(parent)
    , m_proxy(new SecretFilterProxyModel(this))
    , m_serverSearchTimer(new QTimer(this))
    , m_revealTimer(new QTimer(this))
{
    setObjectName(u"BrowserPane"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_filterEdit = new QLineEdit;
    m_filterEdit->setObjectName(u"FilterEdit"_s);
    m_filterEdit->setPlaceholderText(tr("Filter secrets by name or prefix"));
    m_filterEdit->setClearButtonEnabled(true);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &SecretBrowserPane::applyFilter);
    m_serverSearchTimer->setSingleShot(true);
    m_serverSearchTimer->setInterval(400);
    connect(m_serverSearchTimer, &QTimer::timeout, this, &SecretBrowserPane::requestServerSearch);
    // Rows streaming in arrive in many small insertions: reveal them once per batch.
    m_revealTimer->setSingleShot(true);
    m_revealTimer->setInterval(0);
    connect(m_revealTimer, &QTimer::timeout, this, &SecretBrowserPane::revealMatches);
    layout->addWidget(m_filterEdit);

    m_treeView = new QTreeView;
    m_treeView->setObjectName(u"BrowserView"_s);
    m_treeView->setUniformRowHeights(true);
    m_treeView->setAlternatingRowColors(true);
    m_treeView->setItemDelegate(new SecretItemDelegate(m_treeView));
    // Rows leaving the view (a filter, a secret deleted or scheduled for deletion) make the
    // selection model move the current row to a neighbour, a namespace or another secret:
    // that is no choice of the user's, so it must not open anything. Connected before the
    // view's selection model, so the flag is up before it moves.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] { m_rowsLeaving = true; });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        m_rowsLeaving = false;
        if (std::exchange(m_currentMoved, false)) {
            // The row the user chose is gone from view: nothing is current now, and the panes
            // keep showing it (it comes back as current when it shows again).
            const QSignalBlocker blocker(m_treeView->selectionModel());
            m_treeView->selectionModel()->clear();
            m_treeView->viewport()->update();
            updateActions();
        }
    });
    m_treeView->setModel(m_proxy);
    m_treeView->header()->setStretchLastSection(false);
    // Size the count and date columns from the rows on screen, not from the first thousand
    // rows after every keystroke (ResizeToContents' default): with a filter that expands a
    // thousand matches, that measurement was most of the keystroke.
    m_treeView->header()->setResizeContentsPrecision(0);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_rowsLeaving) {
                    m_currentMoved = true;
                    return;
                }
                const bool isSecret = current.isValid()
                    && !current.data(NamespaceTreeModel::IsNamespaceRole).toBool();
                // A copy goes out: receivers hold on to the name while the choice may change.
                const QString chosen = isSecret
                    ? current.data(NamespaceTreeModel::FullNameRole).toString()
                    : QString();
                m_chosenSecret = chosen;
                updateActions();
                emit currentSecretChanged(chosen);
            });
    layout->addWidget(m_treeView);
    m_emptyState = new EmptyStateOverlay(m_treeView);
    m_emptyState->setObjectName(u"BrowserEmptyState"_s);
    m_emptyState->setButtonText(tr("&Clear Filter"));
    connect(m_emptyState->button(), &QPushButton::clicked, this, [this] {
        m_filterEdit->clear();
        m_filterEdit->setFocus(Qt::OtherFocusReason);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &SecretBrowserPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &SecretBrowserPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SecretBrowserPane::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &SecretBrowserPane::updateEmptyState);
    createActions();

    m_showDeleted = new QCheckBox(tr("Show secrets scheduled for deletion"));
    m_showDeleted->setObjectName(u"ShowDeletedCheckBox"_s);
    connect(m_showDeleted, &QCheckBox::toggled, this, [this](bool show) {
        m_proxy->setShowScheduledForDeletion(show);
        reselectChosenSecret();
    });
    layout->addWidget(m_showDeleted);

    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(u"BrowserStatusLabel"_s);
    layout->addWidget(m_statusLabel);
    updateStatus();
}

SecretBrowserPane::~SecretBrowserPane() = default;

void SecretBrowserPane::createActions()
{
    m_copyNameAction = new QAction(QIcon::fromTheme(u"edit-copy"_s), tr("Copy &Name"), this);
    m_copyNameAction->setObjectName(u"CopyNameAction"_s);
    m_copyNameAction->setShortcut(QKeySequence::Copy);
    m_copyNameAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_copyNameAction, &QAction::triggered, this, [this] {
        if (const QString name = currentFullName(); !name.isEmpty())
            SecretClipboard::instance()->copyPublic(name);
    });

    m_copyArnAction = new QAction(tr("Copy &ARN"), this);
    m_copyArnAction->setObjectName(u"CopyArnAction"_s);
    connect(m_copyArnAction, &QAction::triggered, this, [this] {
        const QString arn = m_treeView->currentIndex().data(NamespaceTreeModel::ArnRole).toString();
        if (!arn.isEmpty())
            SecretClipboard::instance()->copyPublic(arn);
    });

    m_newSecretAction = new QAction(QIcon::fromTheme(u"document-new"_s),
                                    tr("New Secret in This &Namespace…"), this);
    m_newSecretAction->setObjectName(u"NewSecretAction"_s);
    connect(m_newSecretAction, &QAction::triggered, this,
            [this] { emit newSecretRequested(currentNamespace()); });

    m_deleteSecretAction =
        new QAction(QIcon::fromTheme(u"edit-delete"_s), tr("&Delete Secret…"), this);
    m_deleteSecretAction->setObjectName(u"DeleteSecretAction"_s);
    m_deleteSecretAction->setShortcut(QKeySequence::Delete);
    m_deleteSecretAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_deleteSecretAction, &QAction::triggered, this, [this] {
        if (const QString name = currentSecretName(); !name.isEmpty())
            emit deleteSecretRequested(name);
    });

    m_restoreSecretAction =
        new QAction(QIcon::fromTheme(u"edit-undo"_s), tr("&Restore Secret"), this);
    m_restoreSecretAction->setObjectName(u"RestoreSecretAction"_s);
    connect(m_restoreSecretAction, &QAction::triggered, this, [this] {
        if (const QString name = currentSecretName(); !name.isEmpty())
            emit restoreSecretRequested(name);
    });

    // Shortcuts work while the tree has focus; the menu shows them.
    m_treeView->addActions({ m_copyNameAction, m_deleteSecretAction });
    m_contextMenu = new QMenu(this);
    m_contextMenu->addAction(m_copyNameAction);
    m_contextMenu->addAction(m_copyArnAction);
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_newSecretAction);
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_deleteSecretAction);
    m_contextMenu->addAction(m_restoreSecretAction);
    m_treeView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_treeView, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (const QModelIndex index = m_treeView->indexAt(pos); index.isValid())
            m_treeView->setCurrentIndex(index);
        updateActions();
        m_contextMenu->popup(m_treeView->viewport()->mapToGlobal(pos));
    });
    updateActions();
}

void SecretBrowserPane::updateActions()
{
    const QModelIndex current = m_treeView->currentIndex();
    const bool isSecret =
        current.isValid() && !current.data(NamespaceTreeModel::IsNamespaceRole).toBool();
    const bool scheduled =
        isSecret && current.data(NamespaceTreeModel::ScheduledForDeletionRole).toBool();
    m_copyNameAction->setEnabled(current.isValid());
    m_copyArnAction->setEnabled(isSecret);
    m_newSecretAction->setEnabled(m_model != nullptr);
    m_deleteSecretAction->setEnabled(isSecret && !scheduled);
    m_restoreSecretAction->setEnabled(scheduled);
    m_restoreSecretAction->setVisible(scheduled);
}

QString SecretBrowserPane::currentFullName() const
{
    const QModelIndex current = m_treeView->currentIndex();
    return current.isValid() ? current.data(NamespaceTreeModel::FullNameRole).toString()
                             : QString();
}

QString SecretBrowserPane::currentNamespace() const
{
    const QString name = currentFullName();
    return name.left(name.lastIndexOf(u'/') + 1);
}

void SecretBrowserPane::setServerSearchDelay(int milliseconds)
{
    m_serverSearchTimer->setInterval(milliseconds);
}

void SecretBrowserPane::requestServerSearch()
{
    const QString prefix = m_proxy->filterText();
    if (!m_model || !looksLikeNamePrefix(prefix) || prefix == m_lastServerSearch)
        return;
    if (!m_loading && m_model->secretCount() < m_serverSearchThreshold)
        return;
    m_lastServerSearch = prefix;
    emit serverSearchRequested(prefix);
}

void SecretBrowserPane::setModel(NamespaceTreeModel *model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    m_listed = false;
    m_lastServerSearch.clear();
    m_proxy->setSourceModel(model);
    if (model) {
        // Sections exist only once the columns do.
        QHeaderView *header = m_treeView->header();
        header->setSectionResizeMode(NamespaceTreeModel::NameColumn, QHeaderView::Stretch);
        header->setSectionResizeMode(NamespaceTreeModel::CountColumn,
                                     QHeaderView::ResizeToContents);
        header->setSectionResizeMode(NamespaceTreeModel::LastChangedColumn,
                                     QHeaderView::ResizeToContents);
        // Counts follow the listing as it streams in.
        connect(model, &NamespaceTreeModel::secretCountChanged, this,
                &SecretBrowserPane::updateStatus);
        connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
            if (!m_proxy->filterText().isEmpty())
                m_revealTimer->start();
        });
        // A secret scheduled for deletion or restored elsewhere changes what can be done,
        // and how many secrets the filter shows.
        connect(model, &QAbstractItemModel::dataChanged, this, [this] {
            updateActions();
            updateStatus();
        });
    }
    updateActions();
    updateStatus();
}

void SecretBrowserPane::setLoading(bool loading)
{
    m_loading = loading;
    if (!loading) {
        m_listed = true;
        updateActions();
    }
    if (loading)
        m_errorText.clear();
    updateStatus();
}

void SecretBrowserPane::setErrorText(const QString &text)
{
    m_errorText = text;
    updateStatus();
}

QString SecretBrowserPane::currentSecretName() const
{
    const QModelIndex current = m_treeView->currentIndex();
    if (!current.isValid() || current.data(NamespaceTreeModel::IsNamespaceRole).toBool())
        return {};
    return current.data(NamespaceTreeModel::FullNameRole).toString();
}

bool SecretBrowserPane::selectName(const QString &fullName)
{
    if (!m_model)
        return false;
    const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->indexForName(fullName));
    if (!proxyIndex.isValid())
        return false;
    for (QModelIndex up = proxyIndex.parent(); up.isValid(); up = up.parent())
        m_treeView->expand(up);
    m_treeView->setCurrentIndex(proxyIndex);
    m_treeView->scrollTo(proxyIndex);
    return true;
}

void SecretBrowserPane::applyFilter(const QString &text)
{
    m_proxy->setFilterText(text);
    revealMatches();
    reselectChosenSecret();
    if (m_proxy->filterText().isEmpty())
        m_lastServerSearch.clear();
    m_serverSearchTimer->start();
    updateStatus();
}

void SecretBrowserPane::reselectChosenSecret()
{
    // The secret the user chose shows again (the filter matches it): current again, quietly,
    // since the panes never stopped showing it.
    if (m_chosenSecret.isEmpty() || m_treeView->currentIndex().isValid() || !m_model)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexForName(m_chosenSecret));
    if (!index.isValid())
        return;
    const QSignalBlocker blocker(m_treeView->selectionModel());
    m_treeView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_treeView->viewport()->update();
    updateActions();
}

void SecretBrowserPane::revealMatches()
{
    // Matches deep in the tree are what the user is looking for: show them, when they are few
    // enough to read. Otherwise the expansion stays as the user left it.
    m_revealTimer->stop();
    if (m_model && !m_proxy->filterText().isEmpty()
        && m_model->shownSecretCount() <= expandAllLimit)
        m_treeView->expandAll();
}

void SecretBrowserPane::updateEmptyState()
{
    // An empty tree says why: nothing matches the filter, or there is nothing at all.
    const QString filter = m_proxy->filterText();
    const bool empty = m_model && !m_loading && m_errorText.isEmpty() && m_proxy->rowCount() == 0;
    if (!empty) {
        m_emptyState->hide();
        return;
    }
    if (filter.isEmpty()) {
        // Before the first listing ends, an empty tree means nothing yet.
        if (!m_listed)
            return m_emptyState->hide();
        m_emptyState->setButtonText({});
        m_emptyState->showMessage(
            tr("There are no secrets here yet. Right-click to create one."));
        return;
    }
    // The filter is quoted whole unless it is long; the message never outgrows the tree.
    const QString quoted = fontMetrics().elidedText(filter, Qt::ElideMiddle,
                                                    fontMetrics().averageCharWidth() * 40);
    m_emptyState->setButtonText(tr("&Clear Filter"));
    m_emptyState->showMessage(tr("No secret matches “%1”.").arg(quoted));
}

void SecretBrowserPane::updateStatus()
{
    updateEmptyState();
    if (!m_errorText.isEmpty()) {
        m_statusLabel->setText(m_errorText);
        return;
    }
    const int total = m_model ? m_model->secretCount() : 0;
    if (m_loading)
        m_statusLabel->setText(tr("Loading… %n secret(s)", nullptr, total));
    else if (!m_proxy->filterText().isEmpty())
        m_statusLabel->setText(tr("%1 of %2 match", "matching secrets of all secrets")
                                   .arg(m_model ? m_model->shownSecretCount() : 0)
                                   .arg(tr("%n secret(s)", nullptr, total)));
    else
        m_statusLabel->setText(tr("%n secret(s)", nullptr, total));
}

} // namespace coffer
