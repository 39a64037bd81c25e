// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ssosignindialog.h"

#include "models/aws/identitycenterclient.h"
#include "models/aws/ssodevicelogin.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

std::function<void(SsoSignInDialog *)> &openedHook()
{
    static std::function<void(SsoSignInDialog *)> hook;
    return hook;
}

std::function<bool(const QUrl &)> &urlOpener()
{
    static std::function<bool(const QUrl &)> opener;
    return opener;
}

} // namespace

SsoSignInDialog::SsoSignInDialog(aws::SsoProfileConfig config, std::shared_ptr<aws::IdentityCenterClient> client,
                                 aws::SsoTokenCache cache, QWidget *parent)
    : QDialog(parent)
    , m_config(std::move(config))
    , m_client(std::move(client))
    , m_cache(std::move(cache))
{
    setObjectName(u"SsoSignInDialog"_s);
    setWindowTitle(tr("Sign In to IAM Identity Center"));

    m_intro = new QLabel(this);
    m_intro->setObjectName(u"SsoIntroLabel"_s);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setText(tr("Profile %1 signs in at %2. Confirm this code on the page that opens in your browser:")
                         .arg(m_config.profile, m_config.startUrl));

    m_code = new QLabel(this);
    m_code->setObjectName(u"SsoUserCodeLabel"_s);
    m_code->setTextFormat(Qt::PlainText);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont codeFont = font();
    codeFont.setPointSizeF(codeFont.pointSizeF() * 2.2);
    codeFont.setBold(true);
    codeFont.setLetterSpacing(QFont::PercentageSpacing, 115);
    m_code->setFont(codeFont);
    m_code->setAccessibleName(tr("Sign-in code"));

    m_link = new QLabel(this);
    m_link->setObjectName(u"SsoLinkLabel"_s);
    m_link->setTextFormat(Qt::PlainText);
    m_link->setWordWrap(true);
    m_link->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_status = new QLabel(this);
    m_status->setObjectName(u"SsoStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_openBrowser = new QPushButton(tr("&Open Browser"), this);
    m_openBrowser->setObjectName(u"SsoOpenBrowserButton"_s);
    m_copyCode = new QPushButton(tr("&Copy Code"), this);
    m_copyCode->setObjectName(u"SsoCopyCodeButton"_s);
    m_tryAgain = new QPushButton(tr("&Try Again"), this);
    m_tryAgain->setObjectName(u"SsoTryAgainButton"_s);
    m_tryAgain->hide();
    connect(m_openBrowser, &QPushButton::clicked, this, &SsoSignInDialog::openBrowser);
    connect(m_copyCode, &QPushButton::clicked, this, [this] {
        // The user code is not a secret: it only pairs this sign-in with the browser's.
        QGuiApplication::clipboard()->setText(m_userCode);
        m_status->setText(tr("Code copied. Waiting for you to approve in the browser..."));
    });
    connect(m_tryAgain, &QPushButton::clicked, this, &SsoSignInDialog::start);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_openBrowser);
    actions->addWidget(m_copyCode);
    actions->addWidget(m_tryAgain);
    actions->addStretch();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"SsoButtons"_s);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addSpacing(8);
    layout->addWidget(m_code);
    layout->addWidget(m_link);
    layout->addSpacing(8);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    m_login = new aws::SsoDeviceLogin(m_config, m_client, m_cache, this);
    connect(m_login, &aws::SsoDeviceLogin::verificationReady, this, &SsoSignInDialog::showCode);
    connect(m_login, &aws::SsoDeviceLogin::failed, this, &SsoSignInDialog::showFailure);
    connect(m_login, &aws::SsoDeviceLogin::succeeded, this, [this](const QDateTime &) {
        m_status->setText(tr("Signed in."));
        Q_EMIT signedIn();
        accept();
    });
    // Cancel stops the polling at once.
    connect(this, &QDialog::rejected, m_login, &aws::SsoDeviceLogin::cancel);
}

SsoSignInDialog::~SsoSignInDialog()
{
    // The login cancels its call as it goes, and a cancelled call answers at once: it must not
    // reach this dialog once it is half destroyed (a deleteLater() after Cancel).
    if (m_login) {
        disconnect(m_login, nullptr, this, nullptr);
        delete m_login;
    }
}

QString SsoSignInDialog::statusText() const
{
    return m_status->text();
}

void SsoSignInDialog::start()
{
    m_userCode.clear();
    m_verificationUrl.clear();
    m_code->setText(u"\u2026"_s);
    m_link->clear();
    m_openBrowser->setEnabled(false);
    m_copyCode->setEnabled(false);
    m_tryAgain->hide();
    m_status->setText(tr("Asking IAM Identity Center for a sign-in code..."));
    m_login->start();
}

void SsoSignInDialog::showCode(const QString &userCode, const QUrl &verificationUri, const QUrl &complete,
                               int expiresIn)
{
    m_userCode = userCode;
    m_verificationUrl = complete.isValid() && !complete.isEmpty() ? complete : verificationUri;
    m_code->setText(userCode);
    m_link->setText(tr("Or open %1 on any device and enter the code.").arg(verificationUri.toString()));
    m_openBrowser->setEnabled(true);
    m_copyCode->setEnabled(true);
    m_status->setText(tr("Waiting for you to approve in the browser (the code expires in %1 minutes)...")
                          .arg((expiresIn + 59) / 60));
    openBrowser();
}

void SsoSignInDialog::openBrowser()
{
    if (m_verificationUrl.isEmpty())
        return;
    const bool opened = urlOpener() ? urlOpener()(m_verificationUrl) : QDesktopServices::openUrl(m_verificationUrl);
    if (!opened)
        m_status->setText(tr("No browser could be opened: open the address above yourself and enter the code."));
}

void SsoSignInDialog::showFailure(const aws::AwsError &error)
{
    if (error.kind == aws::ErrorKind::Cancelled)
        return;
    m_openBrowser->setEnabled(false);
    m_copyCode->setEnabled(false);
    m_tryAgain->show();
    m_tryAgain->setDefault(true);
    m_status->setText(tr("Not signed in: %1").arg(error.message));
}

void SsoSignInDialog::setOpenedHookForTests(std::function<void(SsoSignInDialog *)> hook)
{
    openedHook() = std::move(hook);
}

void SsoSignInDialog::setUrlOpenerForTests(std::function<bool(const QUrl &)> opener)
{
    urlOpener() = std::move(opener);
}

aws::SsoLoginFunction SsoSignInDialog::loginFunction(QWidget *parent)
{
    QPointer<QWidget> window(parent);
    return [window](const aws::SsoProfileConfig &config, const std::shared_ptr<aws::IdentityCenterClient> &client,
                    const aws::SsoTokenCache &cache, QObject *context, std::function<void(bool)> answer) {
        auto *dialog = new SsoSignInDialog(config, client, cache, window.data());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QPointer<QObject> asker(context);
        const bool hasAsker = context != nullptr;
        auto reply = std::make_shared<std::function<void(bool)>>(std::move(answer));
        connect(dialog, &QDialog::finished, dialog, [asker, hasAsker, reply](int result) {
            if (!*reply || (hasAsker && !asker))
                return;
            const auto respond = std::exchange(*reply, {});
            respond(result == QDialog::Accepted);
        });
        if (context)
            connect(context, &QObject::destroyed, dialog, &QDialog::reject);
        dialog->open();
        dialog->start();
        if (openedHook())
            openedHook()(dialog);
    };
}

} // namespace coffer
