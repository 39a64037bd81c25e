// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace coffer {

/**
 * Creates a secret: its name (pre-filled with the namespace it was asked from, checked as AWS
 * checks it while the user types), description, KMS key, tags and first value. The value can
 * start empty (`{}`), as plain text, or from the keys of a sibling secret in the same namespace:
 * choosing one emits templateRequested(), and the application answers with setTemplateValue().
 *
 * Create stays disabled, with the reason shown, until everything would be accepted by AWS.
 * Pressing it emits submitted(); the application sends the call and closes the dialog with
 * accept() once the secret exists, or shows what went wrong with showError() and leaves the
 * user's input where it was.
 */
class NewSecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewSecretDialog)

public:
    NewSecretDialog(const QString &namespacePrefix, const QStringList &siblingSecrets,
                    QWidget *parent = nullptr);
    ~NewSecretDialog() override;

    /// The CreateSecret call to make (a fresh ClientRequestToken is added by the client).
    [[nodiscard]] aws::CreateSecretRequest request() const;
    /// What is wrong with the input, or empty when OK is enabled.
    [[nodiscard]] QString problem() const;

    /// The value to start from (the skeleton of a sibling), or an error to show.
    void setTemplateValue(const QByteArray &value);
    /// Shows a failure (of a template read or of the create call) and re-enables Create.
    void showError(const QString &message);
    /// While the create call runs: Create disabled.
    void setBusy(bool busy);

    [[nodiscard]] QLineEdit *nameEdit() const { return m_nameEdit; }
    [[nodiscard]] QLineEdit *descriptionEdit() const { return m_descriptionEdit; }
    [[nodiscard]] QLineEdit *kmsKeyEdit() const { return m_kmsKeyEdit; }
    [[nodiscard]] QPlainTextEdit *tagsEdit() const { return m_tagsEdit; }
    [[nodiscard]] QComboBox *templateCombo() const { return m_templateCombo; }
    [[nodiscard]] QPlainTextEdit *valueEdit() const { return m_valueEdit; }
    [[nodiscard]] QLabel *problemLabel() const { return m_problemLabel; }
    [[nodiscard]] QDialogButtonBox *buttonBox() const { return m_buttons; }

signals:
    /// The user picked "Keys of <sibling>": read it and call setTemplateValue().
    void templateRequested(const QString &siblingSecret);
    /// The user pressed Create on valid input: send request().
    void submitted();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void updateState();
    [[nodiscard]] QStringList tagLines() const;

    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_nameWarning = nullptr;
    QLineEdit *m_descriptionEdit = nullptr;
    QLineEdit *m_kmsKeyEdit = nullptr;
    QPlainTextEdit *m_tagsEdit = nullptr;
    QComboBox *m_templateCombo = nullptr;
    QPlainTextEdit *m_valueEdit = nullptr;
    QLabel *m_problemLabel = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace coffer
