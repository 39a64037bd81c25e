// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/ssotokencache.h"
#include "models/aws/ssotokenprovider.h"
#include "models/aws/ssotypes.h"

#include <QDialog>
#include <QUrl>

#include <functional>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QPushButton;

namespace coffer {

namespace aws {
class IdentityCenterClient;
class SsoDeviceLogin;
} // namespace aws

/**
 * Signs a profile in to IAM Identity Center: runs the device code flow (SsoDeviceLogin), shows
 * the code in large type, opens the verification page in the browser (QDesktopServices) and
 * waits for the approval, with Open Browser, Copy Code and Cancel. It accepts itself once the
 * token is in the cache the AWS CLI shares; an error stays on the dialog, in words, with Try
 * Again. Opened window-modal with open(), never exec():
 *
 *     connector.setSsoLoginFunction(SsoSignInDialog::loginFunction(&window));
 *
 * Neither the token nor the device code is shown or logged; only the user code is.
 */
class SsoSignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SsoSignInDialog)

public:
    SsoSignInDialog(aws::SsoProfileConfig config, std::shared_ptr<aws::IdentityCenterClient> client,
                    aws::SsoTokenCache cache, QWidget *parent = nullptr);
    ~SsoSignInDialog() override;

    /// Starts the flow (again, after a failure).
    void start();
    [[nodiscard]] QString userCode() const { return m_userCode; }
    [[nodiscard]] QUrl verificationUrl() const { return m_verificationUrl; }
    [[nodiscard]] QString statusText() const;

    /// An SsoLoginFunction that opens one dialog on `parent` per request and answers true once
    /// signed in, false when cancelled (or when the asker is gone).
    [[nodiscard]] static aws::SsoLoginFunction loginFunction(QWidget *parent);

    /// For tests: called with every dialog loginFunction() opens, once it is shown.
    static void setOpenedHookForTests(std::function<void(SsoSignInDialog *)> hook);
    /// For tests: replaces QDesktopServices::openUrl (so no browser starts).
    static void setUrlOpenerForTests(std::function<bool(const QUrl &)> opener);

Q_SIGNALS:
    void signedIn();

private:
    void showCode(const QString &userCode, const QUrl &verificationUri, const QUrl &complete, int expiresIn);
    void showFailure(const aws::AwsError &error);
    void openBrowser();

    aws::SsoProfileConfig m_config;
    std::shared_ptr<aws::IdentityCenterClient> m_client;
    aws::SsoTokenCache m_cache;
    aws::SsoDeviceLogin *m_login = nullptr;
    QString m_userCode;
    QUrl m_verificationUrl;

    QLabel *m_intro = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_link = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_openBrowser = nullptr;
    QPushButton *m_copyCode = nullptr;
    QPushButton *m_tryAgain = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace coffer
