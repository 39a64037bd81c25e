// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/profilemanagerdialog.h"

#include "models/aws/awsclient.h"
#include "models/aws/awsconfigfile.h"
#include "models/profiles/awsprofileimporter.h"
#include "models/profiles/identityprobe.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "views/emptystateoverlay.h"
#include "views/productionbadge.h"
#include "views/ssoprofiledialog.h"
#include "views/ssosignindialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

constexpr int kIdRole = Qt::UserRole;

const QStringList kRegions { u"us-east-1"_s,      u"us-east-2"_s,      u"us-west-1"_s,
                             u"us-west-2"_s,      u"ca-central-1"_s,   u"eu-west-1"_s,
                             u"eu-west-2"_s,      u"eu-west-3"_s,      u"eu-central-1"_s,
                             u"eu-central-2"_s,   u"eu-north-1"_s,     u"eu-south-1"_s,
                             u"ap-south-1"_s,     u"ap-northeast-1"_s, u"ap-northeast-2"_s,
                             u"ap-southeast-1"_s, u"ap-southeast-2"_s, u"sa-east-1"_s,
                             u"me-south-1"_s,     u"af-south-1"_s };

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder = {})
{
    auto *edit = new QLineEdit;
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ProfileManagerDialog::ProfileManagerDialog(ProfileStore *store, aws::AwsClient *transport,
                                           QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_transport(transport ? transport : new aws::AwsClient(this))
{
    Q_ASSERT(store);
    setObjectName(u"ProfileManagerDialog"_s);
    setWindowTitle(tr("Profiles"));
    m_probe = new IdentityProbe(m_transport, this);
    buildUi();
    connect(m_store, &ProfileStore::profilesChanged, this, &ProfileManagerDialog::refreshList);
    refreshList();
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        startNewProfile();
}

ProfileManagerDialog::~ProfileManagerDialog() = default;

void ProfileManagerDialog::buildUi()
{
    // Left: the profiles and what to do with them.
    m_list = new QListWidget;
    m_list->setObjectName(u"ProfileList"_s);
    m_emptyList = new EmptyStateOverlay(m_list);
    m_emptyList->setObjectName(u"ProfileListEmptyState"_s);
    m_newButton = new QPushButton(tr("&New"));
    m_removeButton = new QPushButton(tr("&Remove…"));
    m_importButton = new QPushButton(tr("&Import from AWS CLI…"));
    m_importButton->setToolTip(tr("Copy profiles of ~/.aws/config and ~/.aws/credentials into "
                                  "Coffer, their secret keys into the OS keychain. The files "
                                  "are only read."));
    m_newSsoButton = new QPushButton(tr("New SSO Pro&file…"));
    m_newSsoButton->setObjectName(u"NewSsoProfileButton"_s);
    m_newSsoButton->setToolTip(tr("Sign in to IAM Identity Center and choose an account and a "
                                  "role; ~/.aws is only written if you ask."));
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newButton);
    listButtons->addWidget(m_removeButton);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins({});
    leftLayout->addWidget(m_list);
    leftLayout->addLayout(listButtons);
    leftLayout->addWidget(m_newSsoButton);
    leftLayout->addWidget(m_importButton);

    // Right: the selected profile.
    m_name = lineEdit(u"NameEdit"_s, tr("work, staging, prod-readonly…"));
    m_badge = new ProductionBadge;
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(m_name, 1);
    nameRow->addWidget(m_badge);
    m_kind = new QComboBox;
    m_kind->setObjectName(u"KindCombo"_s);
    for (const Profile::Kind kind : Profile::allKinds())
        m_kind->addItem(Profile::kindLabel(kind), int(kind));
    m_region = lineEdit(u"RegionEdit"_s, tr("eu-west-1"));
    m_region->setCompleter(new QCompleter(kRegions, m_region));
    m_endpoint = lineEdit(u"EndpointEdit"_s, tr("default AWS endpoint"));
    m_endpoint->setToolTip(tr("Replaces the endpoint of every service, for example a local "
                              "emulator at http://127.0.0.1:4566."));
    m_production = new QCheckBox(tr("Production: ask for confirmation before every change"));
    m_production->setObjectName(u"ProductionCheck"_s);
    m_allowInsecureHttp = new QCheckBox(tr("Allow plain http:// to another computer (not encrypted)"));
    m_allowInsecureHttp->setObjectName(u"AllowInsecureHttpCheck"_s);
    m_allowInsecureHttp->setToolTip(tr("Without it, an http:// endpoint is only used on this "
                                       "computer (localhost). Secret values would cross the "
                                       "network unencrypted."));

    auto *common = new QFormLayout;
    // The row is a layout (name and badge), which a label cannot take as its buddy: name it.
    auto *nameLabel = new QLabel(tr("&Name:"));
    nameLabel->setObjectName(u"NameLabel"_s);
    nameLabel->setBuddy(m_name);
    common->addRow(nameLabel, nameRow);
    common->addRow(tr("&Kind:"), m_kind);
    common->addRow(tr("Re&gion:"), m_region);
    common->addRow(tr("&Endpoint:"), m_endpoint);
    common->addRow(QString(), m_allowInsecureHttp);
    common->addRow(QString(), m_production);

    m_kindPages = new QStackedWidget;
    // Access key
    m_accessKeyId = lineEdit(u"AccessKeyIdEdit"_s, tr("AKIA…"));
    m_secretAccessKey = lineEdit(u"SecretAccessKeyEdit"_s);
    m_secretAccessKey->setEchoMode(QLineEdit::Password);
    m_secretAccessKey->setAttribute(Qt::WA_InputMethodEnabled, false);
    m_sessionToken = lineEdit(u"SessionTokenEdit"_s, tr("only for temporary keys"));
    m_sessionToken->setEchoMode(QLineEdit::Password);
    auto *keyPage = new QWidget;
    auto *keyForm = new QFormLayout(keyPage);
    keyForm->addRow(tr("Access key &id:"), m_accessKeyId);
    keyForm->addRow(tr("&Secret access key:"), m_secretAccessKey);
    keyForm->addRow(tr("Session &token:"), m_sessionToken);
    keyForm->addRow(new QLabel(tr("The secret key and session token are kept in the OS keychain "
                                  "only.")));
    // Assume role
    m_roleArn = lineEdit(u"RoleArnEdit"_s, tr("arn:aws:iam::123456789012:role/name"));
    m_sourceProfile = new QComboBox;
    m_sourceProfile->setObjectName(u"SourceProfileCombo"_s);
    m_externalId = lineEdit(u"ExternalIdEdit"_s);
    m_mfaSerial = lineEdit(u"MfaSerialEdit"_s, tr("arn:aws:iam::123456789012:mfa/name"));
    m_sessionName = lineEdit(u"SessionNameEdit"_s, tr("coffer-<time>"));
    m_duration = new QSpinBox;
    m_duration->setObjectName(u"DurationSpin"_s);
    m_duration->setRange(899, 43200);
    m_duration->setSingleStep(900);
    m_duration->setSpecialValueText(tr("STS default (1 hour)"));
    m_duration->setSuffix(tr(" s"));
    m_duration->setValue(899);
    auto *rolePage = new QWidget;
    auto *roleForm = new QFormLayout(rolePage);
    roleForm->addRow(tr("&Role ARN:"), m_roleArn);
    roleForm->addRow(tr("S&ource profile:"), m_sourceProfile);
    roleForm->addRow(tr("E&xternal id:"), m_externalId);
    roleForm->addRow(tr("&MFA device:"), m_mfaSerial);
    roleForm->addRow(tr("Session na&me:"), m_sessionName);
    roleForm->addRow(tr("&Duration:"), m_duration);
    // AWS CLI profile
    m_awsProfile = new QComboBox;
    m_awsProfile->setObjectName(u"AwsProfileCombo"_s);
    m_awsProfile->setEditable(true);
    auto *cliPage = new QWidget;
    auto *cliForm = new QFormLayout(cliPage);
    cliForm->addRow(tr("~/.aws &profile:"), m_awsProfile);
    cliForm->addRow(new QLabel(tr("Used as is: keys, roles and credential_process from the AWS "
                                  "CLI's files.")));
    // Sandbox
    auto *sandboxPage = new QLabel(tr("Coffer's local sandbox, with demo secrets. No AWS account "
                                      "needed."));
    sandboxPage->setWordWrap(true);
    m_kindPages->addWidget(keyPage);
    m_kindPages->addWidget(rolePage);
    m_kindPages->addWidget(cliPage);
    m_kindPages->addWidget(sandboxPage);
    // IAM Identity Center (in Profile::allKinds() order, after the sandbox)
    m_ssoStartUrl = lineEdit(u"SsoStartUrlEdit"_s, tr("https://d-1234567890.awsapps.com/start"));
    m_ssoRegion = lineEdit(u"SsoRegionEdit"_s, tr("us-east-1"));
    m_ssoRegion->setCompleter(new QCompleter(kRegions, m_ssoRegion));
    m_ssoAccountId = lineEdit(u"SsoAccountIdEdit"_s, tr("123456789012"));
    m_ssoRoleName = lineEdit(u"SsoRoleNameEdit"_s, tr("ReadOnly"));
    m_ssoSession = lineEdit(u"SsoSessionEdit"_s, tr("optional; the start URL otherwise"));
    auto *ssoPage = new QWidget;
    auto *ssoForm = new QFormLayout(ssoPage);
    ssoForm->addRow(tr("Start &URL:"), m_ssoStartUrl);
    ssoForm->addRow(tr("SS&O region:"), m_ssoRegion);
    ssoForm->addRow(tr("A&ccount id:"), m_ssoAccountId);
    ssoForm->addRow(tr("Ro&le:"), m_ssoRoleName);
    ssoForm->addRow(tr("Session na&me:"), m_ssoSession);
    ssoForm->addRow(new QLabel(tr("The sign-in is kept in the AWS CLI's cache (~/.aws/sso/cache), "
                                  "shared with 'aws sso login'.")));
    m_kindPages->addWidget(ssoPage);

    m_saveButton = new QPushButton(tr("&Save"));
    m_saveButton->setDefault(true);
    m_testButton = new QPushButton(tr("&Test connection"));
    auto *editorButtons = new QHBoxLayout;
    editorButtons->addStretch();
    editorButtons->addWidget(m_testButton);
    editorButtons->addWidget(m_saveButton);

    m_status = new QLabel;
    m_status->setObjectName(u"StatusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins({});
    rightLayout->addLayout(common);
    rightLayout->addWidget(m_kindPages);
    rightLayout->addLayout(editorButtons);
    rightLayout->addWidget(m_status);
    rightLayout->addStretch();

    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(close);
    resize(820, 480);

    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (m_refreshing)
            return;
        if (!item)
            return startNewProfile();
        showProfile(m_store->profile(item->data(kIdRole).toUuid()));
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProfileManagerDialog::updateKindPage);
    connect(m_production, &QCheckBox::toggled, m_badge, &ProductionBadge::setProduction);
    connect(m_newButton, &QPushButton::clicked, this, &ProfileManagerDialog::startNewProfile);
    connect(m_saveButton, &QPushButton::clicked, this, [this] { save(false); });
    connect(m_removeButton, &QPushButton::clicked, this, &ProfileManagerDialog::removeCurrent);
    connect(m_testButton, &QPushButton::clicked, this, &ProfileManagerDialog::testCurrent);
    connect(m_importButton, &QPushButton::clicked, this, &ProfileManagerDialog::openImport);
    connect(m_newSsoButton, &QPushButton::clicked, this, &ProfileManagerDialog::openNewSsoProfile);
    connect(m_probe, &IdentityProbe::finished, this, [this] {
        setBusy(false);
        const ConnectionStatus &status = m_probe->status();
        if (status.state == ConnectionStatus::State::Connected) {
            report(true,
                   tr("Connected as %1 in account %2 (%3, %4).")
                       .arg(status.principalArn, status.account, status.region,
                            status.endpoint.toString()));
        } else {
            report(false,
                   status.error ? status.error->summary() + u"\n"_s + status.error->explanation()
                                : tr("The connection failed."));
        }
    });
    updateKindPage();
}

void ProfileManagerDialog::refreshList()
{
    m_refreshing = true;
    m_list->clear();
    QListWidgetItem *current = nullptr;
    for (const Profile &profile : m_store->profiles()) {
        auto *item = new QListWidgetItem(ProductionBadge::decoratedName(profile), m_list);
        item->setData(kIdRole, profile.id);
        QString tip = Profile::kindLabel(profile.kind);
        if (m_store->isMemoryOnly(profile.id))
            tip += u"\n"_s + tr("Kept in memory for this run only.");
        item->setToolTip(tip);
        if (profile.production)
            item->setForeground(QColor(0xc6, 0x28, 0x28));
        if (profile.id == m_currentId)
            current = item;
    }
    if (current)
        m_list->setCurrentItem(current);
    m_refreshing = false;
    if (m_list->count() == 0) {
        m_emptyList->showMessage(
            tr("No profiles yet. Fill in the form and Save to add one, or import your AWS CLI "
               "profiles. Until then Coffer works on its local sandbox."));
    } else {
        m_emptyList->hide();
    }
    refreshSourceProfiles();
}

void ProfileManagerDialog::refreshSourceProfiles()
{
    const QVariant selected = m_sourceProfile->currentData();
    m_sourceProfile->clear();
    for (const Profile &profile : m_store->profiles()) {
        if (profile.id != m_currentId)
            m_sourceProfile->addItem(profile.name, profile.id);
    }
    const int index = m_sourceProfile->findData(selected);
    if (index >= 0)
        m_sourceProfile->setCurrentIndex(index);
}

void ProfileManagerDialog::refreshAwsProfiles()
{
    const QString current = m_awsProfile->currentText();
    m_awsProfile->clear();
    if (auto files = aws::AwsSharedFiles::load())
        m_awsProfile->addItems(files->profileNames());
    m_awsProfile->setEditText(current);
}

void ProfileManagerDialog::selectProfile(const QUuid &id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toUuid() == id) {
            m_list->setCurrentRow(row);
            return;
        }
    }
}

void ProfileManagerDialog::startNewProfile()
{
    m_refreshing = true;
    m_list->clearSelection();
    m_list->setCurrentItem(nullptr);
    m_refreshing = false;
    showProfile(std::nullopt);
    m_name->setFocus();
}

void ProfileManagerDialog::showProfile(const std::optional<Profile> &profile)
{
    const Profile shown = profile.value_or(Profile {});
    m_currentId = profile ? profile->id : QUuid();
    refreshSourceProfiles();
    refreshAwsProfiles();
    m_name->setText(shown.name);
    m_kind->setCurrentIndex(m_kind->findData(int(shown.kind)));
    m_region->setText(shown.region);
    m_endpoint->setText(shown.endpoint.toString());
    m_production->setChecked(shown.production);
    m_allowInsecureHttp->setChecked(shown.allowInsecureHttp);
    m_badge->setProfile(shown);
    m_accessKeyId->setText(shown.accessKeyId);
    m_secretAccessKey->clear();
    m_sessionToken->clear();
    const bool stored = profile && profile->hasStoredSecret();
    m_secretAccessKey->setPlaceholderText(
        stored ? tr("stored in the OS keychain; leave empty to keep it") : QString());
    m_sessionToken->setPlaceholderText(stored ? tr("leave empty to keep the stored one, if any")
                                              : tr("only for temporary keys"));
    m_roleArn->setText(shown.roleArn);
    // A new role starts with the first possible source; a stored one shows its own (or none,
    // when the source is gone, so the user sees that it needs choosing).
    m_sourceProfile->setCurrentIndex(
        shown.sourceProfileId.isNull() ? 0 : m_sourceProfile->findData(shown.sourceProfileId));
    m_externalId->setText(shown.externalId);
    m_mfaSerial->setText(shown.mfaSerial);
    m_sessionName->setText(shown.roleSessionName);
    m_duration->setValue(shown.durationSeconds.value_or(m_duration->minimum()));
    m_awsProfile->setEditText(shown.awsProfileName);
    m_ssoStartUrl->setText(shown.ssoStartUrl);
    m_ssoRegion->setText(shown.ssoRegion);
    m_ssoAccountId->setText(shown.ssoAccountId);
    m_ssoRoleName->setText(shown.ssoRoleName);
    m_ssoSession->setText(shown.ssoSessionName);
    m_removeButton->setEnabled(profile.has_value());
    m_status->clear();
    updateKindPage();
}

void ProfileManagerDialog::updateKindPage()
{
    m_kindPages->setCurrentIndex(qMax(0, m_kind->currentIndex()));
    // The stack is as tall as the page shown, not as its tallest page (the role's): the room
    // goes to the status line, which can hold a server's whole explanation.
    for (int page = 0; page < m_kindPages->count(); ++page) {
        const auto policy = page == m_kindPages->currentIndex() ? QSizePolicy::Preferred
                                                                : QSizePolicy::Ignored;
        m_kindPages->widget(page)->setSizePolicy(policy, policy);
    }
    m_kindPages->updateGeometry();
}

Profile ProfileManagerDialog::profileFromForm() const
{
    const auto kind = Profile::Kind(m_kind->currentData().toInt());
    Profile profile;
    if (auto existing = m_store->profile(m_currentId))
        profile = *existing;
    else
        profile = Profile::create(kind, {});
    profile.kind = kind;
    profile.name = m_name->text().trimmed();
    profile.region = m_region->text().trimmed();
    profile.endpoint = QUrl(m_endpoint->text().trimmed(), QUrl::StrictMode);
    profile.production = m_production->isChecked();
    profile.allowInsecureHttp = m_allowInsecureHttp->isChecked();
    profile.accessKeyId
        = kind == Profile::Kind::AccessKey ? m_accessKeyId->text().trimmed() : QString();
    const bool role = kind == Profile::Kind::AssumeRole;
    profile.roleArn = role ? m_roleArn->text().trimmed() : QString();
    profile.sourceProfileId = role ? m_sourceProfile->currentData().toUuid() : QUuid();
    profile.externalId = role ? m_externalId->text().trimmed() : QString();
    profile.mfaSerial = role ? m_mfaSerial->text().trimmed() : QString();
    profile.roleSessionName = role ? m_sessionName->text().trimmed() : QString();
    profile.durationSeconds.reset();
    if (role && m_duration->value() != m_duration->minimum())
        profile.durationSeconds = m_duration->value();
    profile.awsProfileName
        = kind == Profile::Kind::AwsCliProfile ? m_awsProfile->currentText().trimmed() : QString();
    const bool sso = kind == Profile::Kind::Sso;
    profile.ssoStartUrl = sso ? m_ssoStartUrl->text().trimmed() : QString();
    profile.ssoRegion = sso ? m_ssoRegion->text().trimmed() : QString();
    profile.ssoAccountId = sso ? m_ssoAccountId->text().trimmed() : QString();
    profile.ssoRoleName = sso ? m_ssoRoleName->text().trimmed() : QString();
    profile.ssoSessionName = sso ? m_ssoSession->text().trimmed() : QString();
    return profile;
}

std::optional<ProfileSecret> ProfileManagerDialog::secretFromForm() const
{
    if (Profile::Kind(m_kind->currentData().toInt()) != Profile::Kind::AccessKey
        || m_secretAccessKey->text().isEmpty()) {
        return std::nullopt;
    }
    return ProfileSecret { m_secretAccessKey->text(), m_sessionToken->text() };
}

void ProfileManagerDialog::save(bool memoryOnly)
{
    const Profile profile = profileFromForm();
    setBusy(true);
    m_store->save(
        profile, secretFromForm(), { .memoryOnly = memoryOnly }, this,
        [this, profile, memoryOnly](ProfileResult<void> saved) {
            setBusy(false);
            if (!saved) {
                if (saved.error().offersMemoryOnly())
                    offerMemoryOnly(saved.error().message);
                report(false, saved.error().message);
                return;
            }
            m_currentId = profile.id;
            refreshList();
            showProfile(m_store->profile(profile.id));
            report(true,
                   memoryOnly
                       ? tr("Profile '%1' saved for this run only (in memory).").arg(profile.name)
                       : tr("Profile '%1' saved.").arg(profile.name));
        });
}

void ProfileManagerDialog::offerMemoryOnly(const QString &explanation)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("No keychain"), explanation,
                                QMessageBox::Cancel, this);
    box->setObjectName(u"NoKeychainBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *memory
        = box->addButton(tr("Keep in memory for this run"), QMessageBox::AcceptRole);
    connect(box, &QMessageBox::finished, this, [this, box, memory] {
        if (box->clickedButton() == memory)
            save(true);
    });
    box->open();
}

void ProfileManagerDialog::removeCurrent()
{
    const auto profile = m_store->profile(m_currentId);
    if (!profile)
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove profile"),
                                tr("Remove profile '%1'? Its credentials are deleted from the OS "
                                   "keychain.")
                                    .arg(profile->name),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"RemoveProfileBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QMessageBox::finished, this, [this, box, id = profile->id, name = profile->name] {
        if (box->standardButton(box->clickedButton()) != QMessageBox::Yes)
            return;
        setBusy(true);
        m_store->remove(id, this, [this, name](ProfileResult<void> removed) {
            setBusy(false);
            if (!removed)
                return report(false, removed.error().message);
            if (m_list->count() > 0)
                m_list->setCurrentRow(0);
            else
                startNewProfile();
            report(true, tr("Profile '%1' removed.").arg(name));
        });
    });
    box->open();
}

void ProfileManagerDialog::testCurrent()
{
    // What the form holds, saved or not: keys typed here are tested before they are stored.
    const Profile profile = profileFromForm();
    const std::optional<ProfileSecret> typed = secretFromForm();
    const bool stored = m_store->profile(m_currentId).has_value();
    if (profile.kind == Profile::Kind::AccessKey && !typed && !stored)
        return report(false, tr("Type the secret access key to test the profile."));
    ProfileConnector connector(m_store, m_transport);
    // An SSO profile without a valid sign-in asks for one, on this dialog.
    connector.setSsoLoginFunction(SsoSignInDialog::loginFunction(this));
    const auto connection = connector.connection(profile, typed);
    if (!connection)
        return report(false, connection.error().message);
    setBusy(true);
    m_status->setStyleSheet({});
    m_status->setText(stored && !typed ? tr("Testing profile '%1'…").arg(profile.name)
                                       : tr("Testing profile '%1' as typed (not saved)…")
                                             .arg(profile.name));
    m_probe->probe(*connection);
}

void ProfileManagerDialog::openImport()
{
    auto *importer
        = new AwsProfileImporter(m_store, QProcessEnvironment::systemEnvironment(), this);
    const auto candidates = importer->scan();
    if (!candidates) {
        importer->deleteLater();
        return report(false, candidates.error().message);
    }

    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"ImportDialog"_s);
    dialog->setWindowTitle(tr("Import from the AWS CLI"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    importer->setParent(dialog);
    auto *list = new QListWidget;
    list->setObjectName(u"ImportList"_s);
    for (const AwsImportCandidate &candidate : *candidates) {
        auto *item = new QListWidgetItem(candidate.awsName + u" — "_s + candidate.note, list);
        item->setData(kIdRole, candidate.awsName);
        const bool possible = candidate.importable && !candidate.nameTaken;
        item->setFlags(possible ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::NoItemFlags);
        item->setCheckState(possible ? Qt::Checked : Qt::Unchecked);
        if (candidate.nameTaken)
            item->setText(candidate.awsName + u" — "_s + tr("a profile with this name exists"));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(
        new QLabel(tr("Profiles found in %1 and %2 (the files are only read):")
                       .arg(aws::AwsConfigFile::displayPath(importer->paths().at(0)),
                            aws::AwsConfigFile::displayPath(importer->paths().at(1)))));
    layout->addWidget(list);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, list, importer] {
        QStringList names;
        for (int row = 0; row < list->count(); ++row) {
            if (list->item(row)->checkState() == Qt::Checked)
                names << list->item(row)->data(kIdRole).toString();
        }
        // The importer outlives the little dialog: it belongs to this one while it works.
        importer->setParent(this);
        dialog->accept();
        setBusy(true);
        importer->importProfiles(names, this, [this, importer](AwsImportReport result) {
            importer->deleteLater();
            setBusy(false);
            QString text = tr("Imported %n profile(s).", nullptr, int(result.imported.size()));
            if (!result.skipped.isEmpty())
                text += u"\n"_s + tr("Skipped: %1").arg(result.skipped.join(u"; "_s));
            if (result.error)
                text += u"\n"_s + result.error->message;
            report(!result.error, text);
        });
    });
    dialog->open();
}

void ProfileManagerDialog::openNewSsoProfile()
{
    auto *dialog = new SsoProfileDialog(m_store, m_transport,
                                        QProcessEnvironment::systemEnvironment(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SsoProfileDialog::profileCreated, this, [this](const QUuid &id) {
        refreshList();
        selectProfile(id);
        if (const auto profile = m_store->profile(id))
            report(true, tr("Profile '%1' saved.").arg(profile->name));
    });
    dialog->open();
}

void ProfileManagerDialog::setBusy(bool busy)
{
    for (QWidget *widget :
         { static_cast<QWidget *>(m_saveButton), static_cast<QWidget *>(m_testButton),
           static_cast<QWidget *>(m_removeButton), static_cast<QWidget *>(m_importButton),
           static_cast<QWidget *>(m_newButton), static_cast<QWidget *>(m_newSsoButton) }) {
        widget->setEnabled(!busy);
    }
    if (!busy)
        m_removeButton->setEnabled(!m_currentId.isNull());
}

void ProfileManagerDialog::report(bool ok, const QString &message)
{
    m_status->setText(message);
    m_status->setStyleSheet(ok ? QString() : u"color: #c62828;"_s);
    Q_EMIT operationFinished(ok, message);
}

} // namespace coffer
