// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/ssotypes.h"

#include <QDialog>
#include <QPointer>
#include <QProcessEnvironment>
#include <QUuid>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace coffer {

namespace aws {
class AwsClient;
}

class ProfileStore;
class SsoProfileSetup;

/**
 * "New SSO Profile": makes a Coffer profile that signs in with IAM Identity Center, without
 * the user editing ~/.aws. Top to bottom: the start URL and region (an optional session name
 * and endpoint) and Sign In (SsoSignInDialog, only when there is no valid sign-in yet); then
 * every account the user can reach and, for the chosen one, its roles; then the profile's name
 * ("<account name>-<role>" unless typed) and region, and Save. The AWS CLI's config file is
 * only written when "Also add it to ~/.aws/config" is ticked, and then only appended to.
 *
 * The work is SsoProfileSetup's; errors stay on the dialog, in words. Opened with open().
 */
class SsoProfileDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoProfileDialog)

public:
    /// `env` gives HOME (the token cache, ~/.aws/config) and AWS_CONFIG_FILE.
    SsoProfileDialog(ProfileStore *store, aws::AwsClient *transport,
                     QProcessEnvironment env = QProcessEnvironment::systemEnvironment(),
                     QWidget *parent = nullptr);
    ~SsoProfileDialog() override;

    [[nodiscard]] QString statusText() const;

Q_SIGNALS:
    /// The profile was saved (and the dialog accepted).
    void profileCreated(const QUuid &id);

private:
    void signIn();
    void showAccounts(const QList<aws::SsoAccount> &accounts);
    void showRoles(const QString &accountId, const QList<aws::SsoAccountRole> &roles);
    void chooseAccount();
    void updateSuggestedName();
    void save();
    void setStatus(const QString &text, bool error = false);
    void updateButtons();

    QPointer<ProfileStore> m_store;
    QProcessEnvironment m_env;
    SsoProfileSetup *m_setup = nullptr;
    bool m_nameTyped = false;
    bool m_saving = false;

    QLineEdit *m_startUrl = nullptr;
    QLineEdit *m_ssoRegion = nullptr;
    QLineEdit *m_session = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QPushButton *m_signIn = nullptr;
    QListWidget *m_accounts = nullptr;
    QListWidget *m_roles = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_region = nullptr;
    QCheckBox *m_addToAwsConfig = nullptr;
    QLabel *m_status = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace coffer
