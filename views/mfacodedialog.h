// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/assumerolecredentialsprovider.h"

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace coffer {

/**
 * Asks for the current code of an MFA device when an assume-role profile with `mfa_serial`
 * connects: shows the profile, the role and the device's serial, takes exactly six digits, OK
 * or Cancel. It is opened window-modal with open(), never exec(), so the credentials fetch
 * that asked goes on when the user answers:
 *
 *     connector.setMfaCodeFunction(MfaCodeDialog::codeFunction(&window));
 *
 * The code is handed to the provider and forgotten; it is never logged.
 */
class MfaCodeDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MfaCodeDialog)

public:
    explicit MfaCodeDialog(const aws::MfaCodeRequest &request, QWidget *parent = nullptr);
    ~MfaCodeDialog() override;

    /// The six digits typed (empty until there are six).
    [[nodiscard]] QString code() const;

    /// An MfaCodeFunction that opens one dialog on `parent` per request and answers with the
    /// code, or std::nullopt when cancelled (or when the asking provider is gone).
    [[nodiscard]] static aws::MfaCodeFunction codeFunction(QWidget *parent);

    /// For tests: called with every dialog codeFunction() opens, once it is shown.
    static void setOpenedHookForTests(std::function<void(MfaCodeDialog *)> hook);

private:
    void updateState();

    QLabel *m_prompt = nullptr;
    QLineEdit *m_codeEdit = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace coffer
