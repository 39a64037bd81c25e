// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"
#include "models/catalog/secretdetailsedit.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace coffer {

/**
 * Edits a secret's description and tags: the description as text, the tags as a Key | Value
 * table (Add Tag, Remove Tag). Save stays disabled, with the reason shown, until the edit
 * changes something and AWS would accept it (SecretDetailsEdit::problem()). Pressing it emits
 * submitted(); the application writes the edit through the write guard and closes the dialog
 * with accept(), or shows what went wrong with showError() and leaves the input as it was.
 * The value is never shown here, and editing these never makes a new version.
 */
class SecretDetailsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDetailsDialog)

public:
    explicit SecretDetailsDialog(const aws::SecretMetadata &secret, QWidget *parent = nullptr);
    ~SecretDetailsDialog() override;

    /// What the input changes, against the secret the dialog was opened on.
    [[nodiscard]] SecretDetailsEdit edit() const;
    [[nodiscard]] QList<aws::Tag> tags() const;
    /// Why Save is disabled; empty when it is enabled.
    [[nodiscard]] QString problem() const;

    void showError(const QString &message);
    void setBusy(bool busy);

    [[nodiscard]] QPlainTextEdit *descriptionEdit() const { return m_descriptionEdit; }
    [[nodiscard]] QTableWidget *tagsTable() const { return m_tagsTable; }
    [[nodiscard]] QPushButton *addTagButton() const { return m_addTag; }
    [[nodiscard]] QPushButton *removeTagButton() const { return m_removeTag; }
    [[nodiscard]] QLabel *problemLabel() const { return m_problemLabel; }
    [[nodiscard]] QDialogButtonBox *buttonBox() const { return m_buttons; }

signals:
    void submitted();

private:
    void addTagRow(const aws::Tag &tag);
    void updateState();

    aws::SecretMetadata m_secret;
    QPlainTextEdit *m_descriptionEdit = nullptr;
    QTableWidget *m_tagsTable = nullptr;
    QPushButton *m_addTag = nullptr;
    QPushButton *m_removeTag = nullptr;
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace coffer
