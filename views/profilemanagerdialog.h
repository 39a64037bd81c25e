// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/profiles/profile.h"
#include "models/profiles/profilesecret.h"

#include <QDialog>
#include <QPointer>
#include <QUuid>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace coffer::aws {
class AwsClient;
}

namespace coffer {

class AwsProfileImporter;
class EmptyStateOverlay;
class IdentityProbe;
class ProductionBadge;
class ProfileStore;

/**
 * Where the user adds, edits, tests, removes and imports connection profiles. The list of
 * profiles is on the left, the selected profile's settings on the right; everything goes
 * through ProfileStore, so secrets go to the OS keychain and nowhere else.
 *
 * The secret access key field is write-only: it starts empty for a stored profile (leaving it
 * empty keeps the stored key) and is cleared after every save. When no keychain is available
 * the dialog says so and offers to keep the credentials in memory for this run.
 * "Test" makes an STS GetCallerIdentity call with what the form holds, saved or not (keys
 * typed but not saved included), and shows who it is or why it failed. A list without profiles
 * says so in the list. "New SSO
 * Profile…" opens SsoProfileDialog, which signs in to IAM Identity Center and lets the user
 * pick an account and role.
 * Nothing here blocks: confirmations are window-modal boxes opened with open().
 */
class ProfileManagerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileManagerDialog)

public:
    /// `transport` is used for "Test"; nullptr makes one owned by the dialog.
    explicit ProfileManagerDialog(ProfileStore *store, aws::AwsClient *transport = nullptr,
                                  QWidget *parent = nullptr);
    ~ProfileManagerDialog() override;

    /// Selects the profile `id` in the list (and shows it in the editor).
    void selectProfile(const QUuid &id);
    [[nodiscard]] QUuid currentProfileId() const { return m_currentId; }

    // The widgets, for tests and for the application's wiring.
    [[nodiscard]] QListWidget *profileList() const { return m_list; }
    [[nodiscard]] QPushButton *newButton() const { return m_newButton; }
    [[nodiscard]] QPushButton *removeButton() const { return m_removeButton; }
    [[nodiscard]] QPushButton *importButton() const { return m_importButton; }
    [[nodiscard]] QPushButton *newSsoButton() const { return m_newSsoButton; }
    [[nodiscard]] QPushButton *saveButton() const { return m_saveButton; }
    [[nodiscard]] QPushButton *testButton() const { return m_testButton; }
    [[nodiscard]] QLineEdit *nameEdit() const { return m_name; }
    [[nodiscard]] QComboBox *kindCombo() const { return m_kind; }
    [[nodiscard]] QLineEdit *regionEdit() const { return m_region; }
    [[nodiscard]] QLineEdit *endpointEdit() const { return m_endpoint; }
    [[nodiscard]] QCheckBox *productionCheck() const { return m_production; }
    [[nodiscard]] ProductionBadge *productionBadge() const { return m_badge; }
    [[nodiscard]] QLineEdit *accessKeyIdEdit() const { return m_accessKeyId; }
    [[nodiscard]] QLineEdit *secretAccessKeyEdit() const { return m_secretAccessKey; }
    [[nodiscard]] QLineEdit *sessionTokenEdit() const { return m_sessionToken; }
    [[nodiscard]] QLineEdit *roleArnEdit() const { return m_roleArn; }
    [[nodiscard]] QComboBox *sourceProfileCombo() const { return m_sourceProfile; }
    [[nodiscard]] QComboBox *awsProfileCombo() const { return m_awsProfile; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    /// A save, removal, test or import finished; `message` is what the status line shows.
    void operationFinished(bool ok, const QString &message);

private:
    void buildUi();
    void refreshList();
    void refreshSourceProfiles();
    void refreshAwsProfiles();
    void showProfile(const std::optional<Profile> &profile);
    void startNewProfile();
    [[nodiscard]] Profile profileFromForm() const;
    [[nodiscard]] std::optional<ProfileSecret> secretFromForm() const;
    void save(bool memoryOnly);
    void offerMemoryOnly(const QString &explanation);
    void removeCurrent();
    void testCurrent();
    void openImport();
    void openNewSsoProfile();
    void updateKindPage();
    void setBusy(bool busy);
    void report(bool ok, const QString &message);

    QPointer<ProfileStore> m_store;
    aws::AwsClient *m_transport = nullptr;
    IdentityProbe *m_probe = nullptr;
    QUuid m_currentId;
    bool m_refreshing = false;

    QListWidget *m_list = nullptr;
    EmptyStateOverlay *m_emptyList = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_newSsoButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPushButton *m_testButton = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QCheckBox *m_production = nullptr;
    QCheckBox *m_allowInsecureHttp = nullptr;
    ProductionBadge *m_badge = nullptr;
    QStackedWidget *m_kindPages = nullptr;
    QLineEdit *m_accessKeyId = nullptr;
    QLineEdit *m_secretAccessKey = nullptr;
    QLineEdit *m_sessionToken = nullptr;
    QLineEdit *m_roleArn = nullptr;
    QComboBox *m_sourceProfile = nullptr;
    QLineEdit *m_externalId = nullptr;
    QLineEdit *m_mfaSerial = nullptr;
    QLineEdit *m_sessionName = nullptr;
    QSpinBox *m_duration = nullptr;
    QComboBox *m_awsProfile = nullptr;
    QLineEdit *m_ssoStartUrl = nullptr;
    QLineEdit *m_ssoRegion = nullptr;
    QLineEdit *m_ssoAccountId = nullptr;
    QLineEdit *m_ssoRoleName = nullptr;
    QLineEdit *m_ssoSession = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace coffer
