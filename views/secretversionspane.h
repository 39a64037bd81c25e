// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include "models/aws/secretsmanagertypes.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QToolBar;
class QTreeWidget;

namespace coffer {

namespace aws {
class SecretsManagerClient;
}
class SecretVersionDialog;
class WriteGuard;

/**
 * Every version of one secret, newest first (ListSecretVersionIds with deprecated versions):
 * short version id, staging labels (or "deprecated"), created date and a short fingerprint of
 * the value (diff::Fingerprint, for the newest 20; the value itself is never shown).
 *
 * "Compare with Current" asks the diff view to compare the selected version with AWSCURRENT;
 * "Roll Back to This Version…" moves AWSCURRENT to the selected version (AWSPREVIOUS follows to
 * the version that was current) after a confirmation that says what moves where and what
 * changes (SecretDiff::summary(), never a value). A rollback and every label move pass the
 * WriteGuard first, which asks on a production profile.
 */
class SecretVersionsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretVersionsPane)

public:
    /// How many of the newest versions get a fingerprint (one GetSecretValue each).
    static constexpr int kMaxFingerprints = 20;

    enum Column { VersionColumn, LabelsColumn, CreatedColumn, FingerprintColumn };
    /// On column 0 of each row: the full version id (QString), and whether it is AWSCURRENT.
    static constexpr int VersionIdRole = Qt::UserRole + 1;
    static constexpr int LabelsRole = Qt::UserRole + 2;   ///< QStringList, on column 0

    explicit SecretVersionsPane(QWidget *parent = nullptr);
    ~SecretVersionsPane() override;

    void setClient(aws::SecretsManagerClient *client);
    [[nodiscard]] aws::SecretsManagerClient *client() const;
    /// The guard every write asks first (null: writes go at once).
    void setWriteGuard(WriteGuard *guard);

    /// Lists the versions of `name` (empty: clears the pane).
    void showSecret(const QString &name);
    [[nodiscard]] QString secretName() const { return m_name; }
    /// Lists the versions again.
    void reload();

    /// The version that holds AWSCURRENT, or empty.
    [[nodiscard]] QString currentVersionId() const { return m_currentVersionId; }
    /// The selected row's full version id, or empty.
    [[nodiscard]] QString selectedVersionId() const;
    /// True while versions or values are being fetched.
    [[nodiscard]] bool isLoading() const { return m_pending > 0; }

    [[nodiscard]] QTreeWidget *tree() const { return m_tree; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    [[nodiscard]] QAction *compareAction() const { return m_compareAction; }
    [[nodiscard]] QAction *rollbackAction() const { return m_rollbackAction; }
    [[nodiscard]] QAction *refreshAction() const { return m_refreshAction; }
    [[nodiscard]] QAction *moveLabelAction() const { return m_moveLabelAction; }
    [[nodiscard]] QAction *removeLabelAction() const { return m_removeLabelAction; }
    [[nodiscard]] QAction *copyIdAction() const { return m_copyIdAction; }
    [[nodiscard]] QAction *openAction() const { return m_openAction; }
    /// Open Read-Only (or Enter, or a double-click on a version): the selected version's
    /// value in a SecretVersionDialog, which deletes itself when closed.
    SecretVersionDialog *openSelectedVersion();

    /// Puts the custom staging label `label` on `versionId`, taking it from the version that
    /// holds it (UpdateSecretVersionStage). AWSCURRENT moves through a rollback; AWSPREVIOUS
    /// and AWSPENDING are Secrets Manager's and rotation's, so they are refused here.
    void moveLabel(const QString &label, const QString &versionId);
    /// Takes the custom label `label` off `versionId` (a version left without labels becomes
    /// deprecated).
    void removeLabel(const QString &label, const QString &versionId);
    /// Why `label` cannot be moved by hand, or empty.
    [[nodiscard]] static QString labelProblem(const QString &label);

signals:
    /// Compare `fromVersionId` with `toStageOrId` (a staging label or a version id).
    void compareRequested(const QString &fromVersionId, const QString &toStageOrId);
    /// A rollback or a label change moved the staging labels.
    void versionsChanged();
    /// The listing (and its fingerprints) finished.
    void loaded();
    /// A message for the status bar.
    void messageChanged(const QString &message);

private:
    void updateActions();
    /// Shows `text` in the pane, and in the status bar unless it is `local` (progress that
    /// the pane's own label is enough for, and that must not cover the last real message).
    void setStatus(const QString &text, bool local = false);
    void fetchFingerprints();
    void requestRollback();
    void confirmRollback(const QString &fromVersionId, const QString &toVersionId,
                         const QString &summary);
    /// Moves AWSCURRENT through the write guard; `change` says what moves, for its question.
    void rollBack(const QString &fromVersionId, const QString &toVersionId, const QString &change);
    void finishPending();
    void changeLabel(aws::UpdateSecretVersionStageRequest request, const QString &done);
    /// Runs `write` once the write guard allows "`action`", if the same secret is still open.
    void guardedWrite(const QString &action, std::function<void()> write,
                      const QString &details = {});
    [[nodiscard]] QStringList customLabels() const;

    QPointer<aws::SecretsManagerClient> m_client;
    QString m_name;
    QString m_currentVersionId;
    quint64 m_generation = 0;
    int m_pending = 0;

    QToolBar *m_toolBar = nullptr;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_compareAction = nullptr;
    QPointer<WriteGuard> m_writeGuard;
    QAction *m_rollbackAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_moveLabelAction = nullptr;
    QAction *m_removeLabelAction = nullptr;
    QAction *m_copyIdAction = nullptr;
    QAction *m_openAction = nullptr;
};

} // namespace coffer
