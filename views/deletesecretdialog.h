// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace coffer {

/**
 * Asks how to delete a secret: scheduled after a recovery window of 7 to 30 days (30 by
 * default, restorable until then), or at once and for good — which is only offered once the
 * user has typed the secret's name, as AWS's console asks. On a production profile
 * (requireTypedName()) every delete needs the typed name.
 */
class DeleteSecretDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeleteSecretDialog)

public:
    explicit DeleteSecretDialog(const QString &secretName, QWidget *parent = nullptr);
    ~DeleteSecretDialog() override;

    /// Asks for the secret's name whichever way it is deleted, saying that `profileName` is
    /// a production profile.
    void requireTypedName(const QString &profileName);
    [[nodiscard]] bool requiresTypedName() const { return m_nameAlwaysRequired; }

    /// The DeleteSecret call the user chose.
    [[nodiscard]] aws::DeleteSecretRequest request() const;

    [[nodiscard]] QSpinBox *recoveryDaysSpinBox() const { return m_recoveryDays; }
    [[nodiscard]] QRadioButton *forceRadio() const { return m_force; }
    [[nodiscard]] QLineEdit *confirmEdit() const { return m_confirmEdit; }
    [[nodiscard]] QDialogButtonBox *buttonBox() const { return m_buttons; }

private:
    void updateState();

    QString m_secretName;
    QRadioButton *m_scheduled = nullptr;
    QRadioButton *m_force = nullptr;
    QSpinBox *m_recoveryDays = nullptr;
    QLineEdit *m_confirmEdit = nullptr;
    QLabel *m_confirmLabel = nullptr;
    QLabel *m_productionLabel = nullptr;
    bool m_nameAlwaysRequired = false;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace coffer
