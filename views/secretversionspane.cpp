// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretversionspane.h"
#include "views/wrappinglabel.h"

#include "models/aws/secretsmanagerclient.h"
#include "models/diff/fingerprint.h"
#include "models/diff/secretdiff.h"
#include "views/keyboardtoolbar.h"
#include "views/secretclipboard.h"
#include "views/secretversiondialog.h"
#include "views/writeguard.h"

#include <QAction>
#include <QInputDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

const QString awsCurrent = u"AWSCURRENT"_s;
const QString awsPrevious = u"AWSPREVIOUS"_s;

QString shortId(const QString &versionId)
{
    return versionId.left(8);
}

QString fingerprintOf(const aws::SecretValue &value)
{
    if (value.secretBinary)
        return diff::Fingerprint::of(*value.secretBinary);
    return diff::Fingerprint::ofText(value.secretString.value_or(QString()));
}

} // namespace

SecretVersionsPane::SecretVersionsPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"SecretVersionsPane"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_compareAction = new QAction(tr("Compare with &Current"), this);
    m_compareAction->setObjectName(u"CompareWithCurrentAction"_s);
    m_compareAction->setToolTip(tr("Show what changed between this version and AWSCURRENT"));
    connect(m_compareAction, &QAction::triggered, this, [this] {
        const QString id = selectedVersionId();
        if (!id.isEmpty())
            emit compareRequested(id, awsCurrent);
    });

    m_rollbackAction = new QAction(tr("&Roll Back to This Version…"), this);
    m_rollbackAction->setObjectName(u"RollbackAction"_s);
    m_rollbackAction->setToolTip(tr("Make this version AWSCURRENT again"));
    connect(m_rollbackAction, &QAction::triggered, this, &SecretVersionsPane::requestRollback);

    m_moveLabelAction = new QAction(tr("&Move Label Here…"), this);
    m_moveLabelAction->setObjectName(u"MoveLabelAction"_s);
    m_moveLabelAction->setToolTip(tr("Put a custom staging label on this version"));
    connect(m_moveLabelAction, &QAction::triggered, this, [this] {
        const QString target = selectedVersionId();
        if (target.isEmpty())
            return;
        auto *dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(u"MoveLabelDialog"_s);
        dialog->setWindowTitle(tr("Move Label"));
        dialog->setLabelText(tr("Staging label to put on version %1 (it leaves the version that "
                                "has it):")
                                 .arg(shortId(target)));
        dialog->setComboBoxEditable(true);
        dialog->setComboBoxItems(customLabels());
        dialog->setTextValue({});
        connect(dialog, &QInputDialog::textValueSelected, this,
                [this, target](const QString &label) { moveLabel(label.trimmed(), target); });
        dialog->open();
    });

    m_removeLabelAction = new QAction(tr("Re&move Label…"), this);
    m_removeLabelAction->setObjectName(u"RemoveLabelAction"_s);
    connect(m_removeLabelAction, &QAction::triggered, this, [this] {
        const QString target = selectedVersionId();
        const QTreeWidgetItem *item = m_tree->currentItem();
        if (target.isEmpty() || !item)
            return;
        QStringList removable;
        for (const QString &label : item->data(VersionColumn, LabelsRole).toStringList())
            if (labelProblem(label).isEmpty())
                removable << label;
        auto *dialog = new QInputDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(u"RemoveLabelDialog"_s);
        dialog->setWindowTitle(tr("Remove Label"));
        dialog->setLabelText(tr("Label to take off version %1:").arg(shortId(target)));
        dialog->setComboBoxItems(removable);
        connect(dialog, &QInputDialog::textValueSelected, this,
                [this, target](const QString &label) { removeLabel(label, target); });
        dialog->open();
    });

    m_openAction = new QAction(tr("&Open Read-Only"), this);
    m_openAction->setObjectName(u"OpenVersionAction"_s);
    m_openAction->setToolTip(tr("Show this version's value, masked as in the editor; nothing in it can be changed"));
    connect(m_openAction, &QAction::triggered, this, &SecretVersionsPane::openSelectedVersion);

    // A version id is no secret: it goes on the clipboard in full, as it is.
    m_copyIdAction = new QAction(tr("Cop&y Version ID"), this);
    m_copyIdAction->setObjectName(u"CopyVersionIdAction"_s);
    m_copyIdAction->setShortcut(QKeySequence::Copy);
    m_copyIdAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyIdAction, &QAction::triggered, this, [this] {
        if (const QString id = selectedVersionId(); !id.isEmpty()) {
            SecretClipboard::instance()->copyPublic(id);
            m_status->setText(tr("Copied the version id %1.").arg(id));
        }
    });

    m_refreshAction = new QAction(tr("Re&fresh"), this);
    m_refreshAction->setObjectName(u"RefreshVersionsAction"_s);
    connect(m_refreshAction, &QAction::triggered, this, &SecretVersionsPane::reload);

    // The toolbar says each in a word or two (the menus and tooltips say it whole), so all of
    // them fit beside the tree at the default width.
    m_openAction->setIconText(tr("Open"));
    m_compareAction->setIconText(tr("Compare"));
    m_rollbackAction->setIconText(tr("Roll Back…"));
    m_moveLabelAction->setIconText(tr("Move Label…"));
    m_removeLabelAction->setIconText(tr("Remove Label…"));

    m_toolBar = new KeyboardToolBar;
    m_toolBar->setObjectName(u"VersionsToolBar"_s);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_compareAction);
    m_toolBar->addAction(m_rollbackAction);
    m_toolBar->addAction(m_moveLabelAction);
    m_toolBar->addAction(m_removeLabelAction);
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_refreshAction);
    layout->addWidget(m_toolBar);

    m_tree = new QTreeWidget;
    m_tree->setObjectName(u"VersionsTree"_s);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setHeaderLabels({ tr("Version"), tr("Labels"), tr("Created"), tr("Fingerprint") });
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->addAction(m_openAction);
    m_tree->addAction(m_compareAction);
    m_tree->addAction(m_rollbackAction);
    m_tree->addAction(m_moveLabelAction);
    m_tree->addAction(m_removeLabelAction);
    m_tree->addAction(m_copyIdAction);
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &SecretVersionsPane::updateActions);
    connect(m_tree, &QTreeWidget::itemActivated, this, &SecretVersionsPane::openSelectedVersion);
    layout->addWidget(m_tree, 1);

    m_status = new WrappingLabel;
    m_status->setObjectName(u"VersionsStatusLabel"_s);
    layout->addWidget(m_status);

    updateActions();
}

SecretVersionsPane::~SecretVersionsPane() = default;

aws::SecretsManagerClient *SecretVersionsPane::client() const
{
    return m_client;
}

void SecretVersionsPane::setClient(aws::SecretsManagerClient *client)
{
    m_client = client;
    ++m_generation;
    m_pending = 0;
    m_tree->clear();
    m_currentVersionId.clear();
    updateActions();
}

void SecretVersionsPane::showSecret(const QString &name)
{
    m_name = name;
    reload();
}

QString SecretVersionsPane::selectedVersionId() const
{
    const QList<QTreeWidgetItem *> selected = m_tree->selectedItems();
    return selected.isEmpty() ? QString() : selected.first()->data(0, VersionIdRole).toString();
}

void SecretVersionsPane::setStatus(const QString &text, bool local)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
    if (!text.isEmpty() && !local)
        emit messageChanged(text);
}

void SecretVersionsPane::updateActions()
{
    const QString id = selectedVersionId();
    const bool usable = !id.isEmpty() && !m_currentVersionId.isEmpty()
        && id != m_currentVersionId && m_client;
    m_compareAction->setEnabled(usable);
    m_rollbackAction->setEnabled(usable);
    bool hasCustomLabel = false;
    if (const QTreeWidgetItem *item = m_tree->currentItem(); item && !id.isEmpty()) {
        for (const QString &label : item->data(VersionColumn, LabelsRole).toStringList())
            hasCustomLabel = hasCustomLabel || labelProblem(label).isEmpty();
    }
    m_moveLabelAction->setEnabled(!id.isEmpty() && m_client);
    m_copyIdAction->setEnabled(!id.isEmpty());
    m_openAction->setEnabled(!id.isEmpty() && m_client);
    m_removeLabelAction->setEnabled(hasCustomLabel && m_client);
    m_refreshAction->setEnabled(m_client && !m_name.isEmpty());
}

void SecretVersionsPane::finishPending()
{
    if (m_pending > 0 && --m_pending == 0)
        emit loaded();
}

void SecretVersionsPane::reload()
{
    const QString keep = selectedVersionId();
    const quint64 generation = ++m_generation;
    m_pending = 0;
    m_tree->clear();
    m_currentVersionId.clear();
    updateActions();
    if (!m_client || m_name.isEmpty()) {
        setStatus({});
        return;
    }
    setStatus(tr("Loading versions…"), true);
    aws::ListSecretVersionIdsRequest request;
    request.secretId = m_name;
    request.includeDeprecated = true;
    ++m_pending;
    m_client->listAllSecretVersionIds(
        request, this,
        [this, generation, keep](aws::Result<aws::ListSecretVersionIdsResult> result) {
            if (generation != m_generation)
                return;
            if (!result) {
                setStatus(tr("Could not list the versions: %1").arg(result.error().summary()));
                finishPending();
                return;
            }
            QList<aws::SecretVersion> versions = result->versions;
            // Newest first; the service's order is kept for equal dates.
            std::stable_sort(versions.begin(), versions.end(),
                             [](const aws::SecretVersion &a, const aws::SecretVersion &b) {
                                 return a.createdDate > b.createdDate;
                             });
            for (const aws::SecretVersion &version : std::as_const(versions)) {
                auto *item = new QTreeWidgetItem(m_tree);
                item->setText(VersionColumn, shortId(version.versionId));
                item->setToolTip(VersionColumn, version.versionId);
                item->setData(VersionColumn, VersionIdRole, version.versionId);
                item->setData(VersionColumn, LabelsRole, version.versionStages);
                if (version.versionStages.isEmpty()) {
                    item->setText(LabelsColumn, tr("deprecated"));
                    item->setForeground(LabelsColumn, palette().color(QPalette::PlaceholderText));
                } else {
                    item->setText(LabelsColumn, version.versionStages.join(u", "_s));
                }
                if (version.versionStages.contains(awsCurrent)) {
                    m_currentVersionId = version.versionId;
                    QFont font = item->font(LabelsColumn);
                    font.setBold(true);
                    item->setFont(LabelsColumn, font);
                }
                item->setText(CreatedColumn,
                              QLocale().toString(version.createdDate.toLocalTime(),
                                                 QLocale::ShortFormat));
                if (version.versionId == keep)
                    item->setSelected(true);
            }
            setStatus(versions.isEmpty() ? tr("No versions.") : QString());
            updateActions();
            fetchFingerprints();
            finishPending();
        });
}

void SecretVersionsPane::fetchFingerprints()
{
    const quint64 generation = m_generation;
    const int count = std::min(m_tree->topLevelItemCount(), kMaxFingerprints);
    for (int row = 0; row < count; ++row) {
        QTreeWidgetItem *item = m_tree->topLevelItem(row);
        const QString versionId = item->data(VersionColumn, VersionIdRole).toString();
        item->setText(FingerprintColumn, tr("…"));
        aws::GetSecretValueRequest request;
        request.secretId = m_name;
        request.versionId = versionId;
        ++m_pending;
        m_client->getSecretValue(
            request, this, [this, generation, row, versionId](aws::Result<aws::SecretValue> value) {
                if (generation != m_generation)
                    return;
                QTreeWidgetItem *item = m_tree->topLevelItem(row);
                if (item && item->data(VersionColumn, VersionIdRole).toString() == versionId) {
                    if (value) {
                        item->setText(FingerprintColumn, fingerprintOf(*value));
                        item->setToolTip(FingerprintColumn,
                                         tr("First 8 hex digits of the value's SHA-256 (with the "
                                            "coffer-fp: prefix); the value is not shown"));
                    } else {
                        item->setText(FingerprintColumn, tr("unavailable"));
                        item->setToolTip(FingerprintColumn, value.error().summary());
                    }
                }
                finishPending();
            });
    }
}

void SecretVersionsPane::requestRollback()
{
    const QString target = selectedVersionId();
    const QString current = m_currentVersionId;
    if (!m_client || target.isEmpty() || current.isEmpty() || target == current)
        return;
    const quint64 generation = m_generation;
    m_rollbackAction->setEnabled(false);
    setStatus(tr("Reading both versions…"));
    aws::GetSecretValueRequest currentRequest;
    currentRequest.secretId = m_name;
    currentRequest.versionId = current;
    m_client->getSecretValue(
        currentRequest, this,
        [this, generation, current, target](aws::Result<aws::SecretValue> currentValue) {
            if (generation != m_generation)
                return;
            if (!currentValue) {
                setStatus(tr("Could not read the current version: %1")
                              .arg(currentValue.error().summary()));
                updateActions();
                return;
            }
            aws::GetSecretValueRequest targetRequest;
            targetRequest.secretId = m_name;
            targetRequest.versionId = target;
            auto before = std::make_shared<aws::SecretValue>(std::move(*currentValue));
            m_client->getSecretValue(
                targetRequest, this,
                [this, generation, current, target,
                 before](aws::Result<aws::SecretValue> targetValue) {
                    if (generation != m_generation)
                        return;
                    if (!targetValue) {
                        setStatus(tr("Could not read version %1: %2")
                                      .arg(shortId(target), targetValue.error().summary()));
                        updateActions();
                        return;
                    }
                    const diff::SecretDiff difference = diff::SecretDiff::compare(
                        before->secretString, before->secretBinary, targetValue->secretString,
                        targetValue->secretBinary);
                    setStatus({});
                    updateActions();
                    confirmRollback(current, target, difference.summary());
                });
        });
}

void SecretVersionsPane::confirmRollback(const QString &fromVersionId, const QString &toVersionId,
                                         const QString &summary)
{
    const QString change
        = tr("AWSCURRENT moves from %1 to %2.\nAWSPREVIOUS moves to %1.\n\nChange: %3")
              .arg(shortId(fromVersionId), shortId(toVersionId), summary);
    // On a production profile the guard's question is the only one, and it says the change.
    if (m_writeGuard && m_writeGuard->isProduction())
        return rollBack(fromVersionId, toVersionId, change);

    auto *box = new QMessageBox(this);
    box->setObjectName(u"RollbackConfirmBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setIcon(QMessageBox::Question);
    box->setWindowTitle(tr("Roll Back %1").arg(m_name));
    box->setText(tr("Roll back %1 to version %2?").arg(m_name, shortId(toVersionId)));
    box->setInformativeText(change);
    QPushButton *confirm = box->addButton(tr("Roll Back"), QMessageBox::AcceptRole);
    confirm->setObjectName(u"RollbackConfirmButton"_s);
    QPushButton *cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    connect(box, &QMessageBox::buttonClicked, this,
            [this, confirm, fromVersionId, toVersionId](QAbstractButton *button) {
                if (button == confirm)
                    rollBack(fromVersionId, toVersionId, {});
            });
    box->open();
}

QString SecretVersionsPane::labelProblem(const QString &label)
{
    if (label.isEmpty())
        return tr("Give the label a name.");
    if (label.size() > 256)
        return tr("A staging label has at most 256 characters.");
    if (label == awsCurrent)
        return tr("AWSCURRENT moves with Roll Back, which also moves AWSPREVIOUS.");
    if (label == u"AWSPREVIOUS"_s || label == u"AWSPENDING"_s)
        return tr("%1 is managed by Secrets Manager and rotation; it is not moved by hand.")
            .arg(label);
    return {};
}

QStringList SecretVersionsPane::customLabels() const
{
    QStringList labels;
    for (int row = 0; row < m_tree->topLevelItemCount(); ++row)
        for (const QString &label :
             m_tree->topLevelItem(row)->data(VersionColumn, LabelsRole).toStringList())
            if (labelProblem(label).isEmpty() && !labels.contains(label))
                labels << label;
    return labels;
}

void SecretVersionsPane::moveLabel(const QString &label, const QString &versionId)
{
    if (const QString problem = labelProblem(label); !problem.isEmpty())
        return setStatus(problem);
    aws::UpdateSecretVersionStageRequest request;
    request.secretId = m_name;
    request.versionStage = label;
    request.moveToVersionId = versionId;
    // A label is on one version at most: name the one it leaves, as AWS requires.
    for (int row = 0; row < m_tree->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(row);
        if (item->data(VersionColumn, LabelsRole).toStringList().contains(label))
            request.removeFromVersionId = item->data(VersionColumn, VersionIdRole).toString();
    }
    if (request.removeFromVersionId == versionId)
        return setStatus(tr("Version %1 already has %2.").arg(shortId(versionId), label));
    changeLabel(request, tr("%1 is now on version %2").arg(label, shortId(versionId)));
}

void SecretVersionsPane::removeLabel(const QString &label, const QString &versionId)
{
    if (const QString problem = labelProblem(label); !problem.isEmpty())
        return setStatus(problem);
    aws::UpdateSecretVersionStageRequest request;
    request.secretId = m_name;
    request.versionStage = label;
    request.removeFromVersionId = versionId;
    changeLabel(request, tr("%1 was taken off version %2").arg(label, shortId(versionId)));
}

void SecretVersionsPane::changeLabel(aws::UpdateSecretVersionStageRequest request,
                                     const QString &done)
{
    if (!m_client)
        return;
    const QString action = request.moveToVersionId.isEmpty()
        ? tr("Take label %1 off version %2 of %3")
              .arg(request.versionStage, shortId(request.removeFromVersionId), m_name)
        : tr("Move label %1 of %2 to version %3")
              .arg(request.versionStage, m_name, shortId(request.moveToVersionId));
    guardedWrite(action, [this, request, done] {
        setStatus(tr("Moving the label…"));
        m_client->updateSecretVersionStage(
            request, this, [this, done](aws::Result<aws::SecretIdentity> result) {
                if (!result) {
                    setStatus(
                        tr("The label was not changed: %1").arg(result.error().explanation()));
                    return;
                }
                emit messageChanged(done);
                reload();
                emit versionsChanged();
            });
    });
}

void SecretVersionsPane::rollBack(const QString &fromVersionId, const QString &toVersionId,
                                  const QString &change)
{
    if (!m_client)
        return;
    aws::UpdateSecretVersionStageRequest request;
    request.secretId = m_name;
    request.versionStage = awsCurrent;
    request.moveToVersionId = toVersionId;
    request.removeFromVersionId = fromVersionId;
    guardedWrite(
        tr("Roll %1 back to version %2").arg(m_name, shortId(toVersionId)),
        [this, request, toVersionId] {
            setStatus(tr("Rolling back…"));
            m_rollbackAction->setEnabled(false);
            m_client->updateSecretVersionStage(
                request, this, [this, toVersionId](aws::Result<aws::SecretIdentity> result) {
                    if (!result) {
                        setStatus(tr("Could not roll back: %1").arg(result.error().summary()));
                        updateActions();
                        return;
                    }
                    emit messageChanged(
                        tr("%1 is now at version %2").arg(m_name, shortId(toVersionId)));
                    reload();
                    emit versionsChanged();
                });
        },
        change);
}

void SecretVersionsPane::setWriteGuard(WriteGuard *guard)
{
    m_writeGuard = guard;
}

void SecretVersionsPane::guardedWrite(const QString &action, std::function<void()> write,
                                      const QString &details)
{
    if (!m_writeGuard) {
        write();
        return;
    }
    const QString name = m_name;
    const quint64 generation = m_generation;
    m_writeGuard->confirm(
        this, action,
        [this, name, generation, write = std::move(write)] {
            // The pane may show another secret (or none) by the time the user answered.
            if (name == m_name && generation == m_generation && m_client)
                write();
        },
        details);
}

SecretVersionDialog *SecretVersionsPane::openSelectedVersion()
{
    const QString id = selectedVersionId();
    if (id.isEmpty() || !m_client)
        return nullptr;
    auto *dialog = new SecretVersionDialog(m_client, m_name, id, this);
    dialog->open();
    return dialog;
}

} // namespace coffer
