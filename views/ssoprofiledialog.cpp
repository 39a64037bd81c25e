// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ssoprofiledialog.h"

#include "models/aws/awsconfigfile.h"
#include "models/aws/endpointresolver.h"
#include "models/profiles/awsconfigssoexport.h"
#include "models/profiles/profilestore.h"
#include "models/profiles/ssoprofilesetup.h"
#include "views/ssosignindialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder = {})
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

/// "<account name>-<role>", in the characters a profile name (and a ~/.aws section) takes.
QString suggestedName(const QString &accountName, const QString &role)
{
    QString name = accountName + u'-' + role;
    for (QChar &c : name) {
        if (c.isSpace() || c == u']' || c == u'[')
            c = u'-';
    }
    return name.left(64);
}

} // namespace

SsoProfileDialog::SsoProfileDialog(ProfileStore *store, aws::AwsClient *transport,
                                   QProcessEnvironment env, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_env(std::move(env))
{
    Q_ASSERT(store);
    setObjectName(u"SsoProfileDialog"_s);
    setWindowTitle(tr("New SSO Profile"));
    m_setup = new SsoProfileSetup(transport, m_env, this);
    m_setup->setLoginFunction(SsoSignInDialog::loginFunction(this));

    // 1. Where to sign in.
    m_startUrl = lineEdit(u"SsoStartUrlEdit"_s, tr("https://d-1234567890.awsapps.com/start"));
    m_ssoRegion = lineEdit(u"SsoRegionEdit"_s, tr("us-east-1"));
    m_session = lineEdit(u"SsoSessionEdit"_s, tr("optional; the name 'aws sso login' uses"));
    m_endpoint = lineEdit(u"SsoEndpointEdit"_s, tr("default AWS endpoints"));
    m_endpoint->setToolTip(tr("Replaces the endpoint of every service (IAM Identity Center and "
                              "Secrets Manager), for example a local emulator."));
    m_signIn = new QPushButton(tr("Sign &In"));
    m_signIn->setObjectName(u"SsoSignInButton"_s);
    auto *signInBox = new QGroupBox(tr("IAM Identity Center"));
    auto *signInForm = new QFormLayout(signInBox);
    signInForm->addRow(tr("&Start URL:"), m_startUrl);
    signInForm->addRow(tr("SSO re&gion:"), m_ssoRegion);
    signInForm->addRow(tr("Session na&me:"), m_session);
    signInForm->addRow(tr("&Endpoint:"), m_endpoint);
    auto *signInRow = new QHBoxLayout;
    signInRow->addStretch();
    signInRow->addWidget(m_signIn);
    signInForm->addRow(signInRow);

    // 2. Which account and role.
    m_accounts = new QListWidget;
    m_accounts->setObjectName(u"SsoAccountList"_s);
    m_roles = new QListWidget;
    m_roles->setObjectName(u"SsoRoleList"_s);
    auto *accountLabel = new QLabel(tr("&Account:"));
    accountLabel->setBuddy(m_accounts);
    auto *roleLabel = new QLabel(tr("&Role:"));
    roleLabel->setBuddy(m_roles);
    auto *choiceBox = new QGroupBox(tr("Account and role"));
    auto *choiceGrid = new QHBoxLayout(choiceBox);
    auto *accountColumn = new QVBoxLayout;
    accountColumn->addWidget(accountLabel);
    accountColumn->addWidget(m_accounts);
    auto *roleColumn = new QVBoxLayout;
    roleColumn->addWidget(roleLabel);
    roleColumn->addWidget(m_roles);
    choiceGrid->addLayout(accountColumn, 3);
    choiceGrid->addLayout(roleColumn, 2);

    // 3. The profile.
    m_name = lineEdit(u"SsoProfileNameEdit"_s, tr("<account name>-<role>"));
    m_region = lineEdit(u"SsoProfileRegionEdit"_s, tr("the SSO region"));
    m_region->setToolTip(tr("Where Secrets Manager is called; empty: the SSO region."));
    m_addToAwsConfig = new QCheckBox(tr("Also add it to ~/.aws/&config (for the AWS CLI)"));
    m_addToAwsConfig->setObjectName(u"SsoAddToAwsConfigCheck"_s);
    m_addToAwsConfig->setToolTip(tr("Appends a [profile] and an [sso-session] section; no "
                                    "existing line is changed."));
    auto *profileBox = new QGroupBox(tr("Coffer profile"));
    auto *profileForm = new QFormLayout(profileBox);
    profileForm->addRow(tr("Profile &name:"), m_name);
    profileForm->addRow(tr("Secrets Manager regi&on:"), m_region);
    profileForm->addRow(QString(), m_addToAwsConfig);

    m_status = new QLabel;
    m_status->setObjectName(u"SsoStatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(u"SsoProfileButtons"_s);
    m_save = m_buttons->button(QDialogButtonBox::Save);
    m_save->setObjectName(u"SsoSaveButton"_s);
    m_save->setText(tr("Sa&ve"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(signInBox);
    layout->addWidget(choiceBox, 1);
    layout->addWidget(profileBox);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(620, 640);

    connect(m_signIn, &QPushButton::clicked, this, &SsoProfileDialog::signIn);
    connect(m_startUrl, &QLineEdit::returnPressed, this, &SsoProfileDialog::signIn);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SsoProfileDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_accounts, &QListWidget::currentItemChanged, this, &SsoProfileDialog::chooseAccount);
    connect(m_roles, &QListWidget::currentItemChanged, this, [this] {
        updateSuggestedName();
        updateButtons();
    });
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_nameTyped = !text.isEmpty();
        updateButtons();
    });
    connect(m_ssoRegion, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_region->setPlaceholderText(text.trimmed()); });
    connect(m_setup, &SsoProfileSetup::accountsListed, this, &SsoProfileDialog::showAccounts);
    connect(m_setup, &SsoProfileSetup::rolesListed, this, &SsoProfileDialog::showRoles);
    connect(m_setup, &SsoProfileSetup::failed, this, [this](const QString &message) {
        setStatus(message, true);
        updateButtons();
    });
    updateButtons();
    m_startUrl->setFocus();
}

SsoProfileDialog::~SsoProfileDialog() = default;

QString SsoProfileDialog::statusText() const
{
    return m_status->text();
}

void SsoProfileDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #c62828;"_s : QString());
}

void SsoProfileDialog::updateButtons()
{
    const bool busy = m_setup->isBusy() || m_saving;
    // Signing in again is always possible (it starts over); the sign-in dialog is modal.
    m_signIn->setEnabled(!m_saving);
    m_save->setEnabled(!busy && m_roles->currentItem() && !m_name->text().trimmed().isEmpty());
}

void SsoProfileDialog::signIn()
{
    Profile draft = Profile::create(Profile::Kind::Sso, m_name->text().trimmed());
    draft.ssoStartUrl = m_startUrl->text().trimmed();
    // The sign-in dialog names the profile; before it has a name, say where it signs in.
    if (draft.name.isEmpty())
        draft.name = m_session->text().trimmed().isEmpty() ? QUrl(draft.ssoStartUrl).host()
                                                           : m_session->text().trimmed();
    draft.ssoRegion = m_ssoRegion->text().trimmed();
    draft.ssoSessionName = m_session->text().trimmed();
    draft.endpoint = QUrl(m_endpoint->text().trimmed(), QUrl::StrictMode);
    m_accounts->clear();
    m_roles->clear();
    if (auto started = m_setup->start(draft); !started) {
        setStatus(started.error().message, true);
        updateButtons();
        return;
    }
    setStatus(tr("Signing in to %1…").arg(draft.ssoStartUrl));
    updateButtons();
}

void SsoProfileDialog::showAccounts(const QList<aws::SsoAccount> &accounts)
{
    m_accounts->clear();
    for (const aws::SsoAccount &account : accounts) {
        const QString label = account.accountName.isEmpty()
            ? account.accountId
            : tr("%1 (%2)").arg(account.accountName, account.accountId);
        auto *item = new QListWidgetItem(label, m_accounts);
        item->setData(kIdRole, account.accountId);
        item->setData(kNameRole,
                      account.accountName.isEmpty() ? account.accountId : account.accountName);
        if (!account.emailAddress.isEmpty())
            item->setToolTip(account.emailAddress);
    }
    setStatus(tr("Signed in: %n account(s). Choose an account and a role.", nullptr,
                 int(accounts.size())));
    m_accounts->setCurrentRow(0);
    m_accounts->setFocus();
    updateButtons();
}

void SsoProfileDialog::chooseAccount()
{
    m_roles->clear();
    const QListWidgetItem *item = m_accounts->currentItem();
    if (!item)
        return updateButtons();
    setStatus(tr("Listing the roles of account %1…").arg(item->data(kIdRole).toString()));
    m_setup->listRoles(item->data(kIdRole).toString());
    updateButtons();
}

void SsoProfileDialog::showRoles(const QString &accountId, const QList<aws::SsoAccountRole> &roles)
{
    const QListWidgetItem *account = m_accounts->currentItem();
    if (!account || account->data(kIdRole).toString() != accountId)
        return;
    m_roles->clear();
    for (const aws::SsoAccountRole &role : roles)
        new QListWidgetItem(role.roleName, m_roles);
    m_roles->setCurrentRow(0);
    setStatus(tr("Account %1: %n role(s).", nullptr, int(roles.size())).arg(accountId));
    updateSuggestedName();
    updateButtons();
}

void SsoProfileDialog::updateSuggestedName()
{
    if (m_nameTyped)
        return;
    const QListWidgetItem *account = m_accounts->currentItem();
    const QListWidgetItem *role = m_roles->currentItem();
    m_name->setText(account && role
                        ? suggestedName(account->data(kNameRole).toString(), role->text())
                        : QString());
}

void SsoProfileDialog::save()
{
    const QListWidgetItem *account = m_accounts->currentItem();
    const QListWidgetItem *role = m_roles->currentItem();
    if (!account || !role)
        return setStatus(tr("Sign in, then choose an account and a role."), true);

    const Profile &draft = m_setup->draft();
    Profile profile = Profile::create(Profile::Kind::Sso, m_name->text().trimmed());
    profile.ssoStartUrl = draft.ssoStartUrl;
    profile.ssoRegion = draft.ssoRegion;
    profile.ssoSessionName = draft.ssoSessionName;
    profile.endpoint = draft.endpoint;
    profile.ssoAccountId = account->data(kIdRole).toString();
    profile.ssoRoleName = role->text();
    profile.region = m_region->text().trimmed();
    if (m_addToAwsConfig->isChecked() && profile.ssoSessionName.isEmpty()) {
        // The AWS CLI's form needs an [sso-session]: name it after the profile, and move the
        // sign-in there so that both tools share it.
        profile.ssoSessionName = profile.name;
    }
    if (auto checked = m_store->check(profile); !checked)
        return setStatus(checked.error().message, true);

    if (m_addToAwsConfig->isChecked()) {
        const QString configPath = aws::AwsSharedFiles::configPath(m_env);
        if (auto added = AwsConfigSsoExport::append(configPath, profile, profile.ssoSessionName);
            !added) {
            return setStatus(added.error().message, true);
        }
        const aws::SsoTokenCache cache = m_setup->tokenCache();
        const QString signedInAs = draft.ssoConfig().tokenName();
        if (signedInAs != profile.ssoSessionName) {
            if (auto token = cache.load(signedInAs); token && *token) {
                if (auto moved = cache.store(profile.ssoSessionName, **token); !moved)
                    return setStatus(moved.error().message, true);
            }
        }
    }

    m_saving = true;
    updateButtons();
    const bool addedToAwsConfig = m_addToAwsConfig->isChecked();
    m_store->save(profile, std::nullopt, {}, this,
                  [this, profile, addedToAwsConfig](ProfileResult<void> saved) {
                      m_saving = false;
                      updateButtons();
                      if (!saved) {
                          QString message = saved.error().message;
                          if (addedToAwsConfig)
                              message += u"\n"_s
                                  + tr("It was added to ~/.aws/config, which Coffer can "
                                       "use as an AWS CLI profile.");
                          return setStatus(message, true);
                      }
                      Q_EMIT profileCreated(profile.id);
                      accept();
                  });
}

} // namespace coffer
