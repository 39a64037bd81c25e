// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The production guard and profile switching through the real main window: two sandbox
// accounts over real HTTP, a production profile "prod" on one and "dev" on the other, both
// with a secret named pixell/prod. Every write path on "prod" asks first and writes nothing on
// "No" (checked in the sandbox's own store); a delete needs the typed name; the red badge shows
// on "prod" only. A profile switch with an open, edited secret: Cancel keeps everything,
// Discard closes every pane, Save saves then switches; the same-named secret then opens from
// the new account.
#include "models/aws/secretsmanagerclient.h"
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsonnode.h"
#include "models/profiles/profileconnector.h"
#include "models/profiles/profilestore.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/session.h"
#include "views/deletesecretdialog.h"
#include "views/diagnosticspane.h"
#include "views/mainwindow.h"
#include "views/newsecretdialog.h"
#include "views/policypreviewpane.h"
#include "views/productionbadge.h"
#include "views/secretbrowserpane.h"
#include "views/secretdetailspane.h"
#include "views/secretdiffpane.h"
#include "views/secretvaluepane.h"
#include "views/secretversionspane.h"
#include "views/writeguard.h"

#include <QAction>
#include <QCheckBox>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;
using sandbox::Json;

namespace {

const QString kProdAccount = u"111111111111"_s;
const QString kDevAccount = u"222222222222"_s;
const QString kProdValue = uR"({"DB_HOST":"prod-db","DB_PORT":5432})"_s;
const QString kDevValue = uR"({"DB_HOST":"dev-db","DB_PORT":1111})"_s;

aws::AwsCredentials keysFor(const QString &account)
{
    aws::AwsCredentials keys;
    keys.accessKeyId = u"AKIDGUARD"_s + account;
    keys.secretAccessKey = u"guard/test/secret/key/for/"_s + account;
    return keys;
}

std::unique_ptr<sandbox::SandboxServer> startServer(const QString &account, const QString &value)
{
    sandbox::SandboxServerConfig config;
    config.accountId = account;
    config.credentials = { keysFor(account) };
    auto server = std::make_unique<sandbox::SandboxServer>(config);
    if (!server->listen())
        return nullptr;
    auto &store = server->store();
    const auto ok = [](const auto &result) {
        Q_ASSERT(result.has_value());
    };
    ok(store.call(u"CreateSecret",
                  Json { { "Name", "pixell/prod" }, { "SecretString", value.toStdString() } }));
    ok(store.call(u"CreateSecret", Json { { "Name", "pixell/dev" }, { "SecretString", "{}" } }));
    ok(store.call(u"CreateSecret", Json { { "Name", "pixell/retired" }, { "SecretString", "x" } }));
    ok(store.call(u"DeleteSecret",
                  Json { { "SecretId", "pixell/retired" }, { "RecoveryWindowInDays", 7 } }));
    return server;
}

} // namespace

class TestProductionGuard final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void testBadgeShowsOnProductionOnly();
    void testLongProfileNameDoesNotWidenTheWindow();
    void testRemovedProfileKeepsGuard();
    void testSaveAsks();
    void testOverwriteAsks();
    void testCreateAsks();
    void testDeleteNeedsTypedName();
    void testRestoreAsks();
    void testRollbackAndLabelsAsk();
    void testNonProductionWritesAtOnce();
    void testSwitchCancelKeepsEverything();
    void testSwitchDiscardClosesEveryPane();
    void testSwitchSaveSavesThenSwitches();
    void testSecretSwitchCancelKeepsSelection();

private:
    void saveProfile(Profile &profile, const QUrl &endpoint, bool production);
    void connectToProfile(const QUuid &id);
    void chooseProfile(const QUuid &id);
    void waitForListing();
    void openSecret(const QString &name);
    void editPort(int port);
    /// Answers the write guard's open question.
    void answerGuard(bool confirm);
    [[nodiscard]] bool guardAsking() const;
    void answerLeaveDialog(QMessageBox::StandardButton button);
    [[nodiscard]] QString stored(sandbox::SandboxServer &server, const QString &name,
                                 const QString &stage = u"AWSCURRENT"_s) const;
    [[nodiscard]] Json described(sandbox::SandboxServer &server, const QString &name) const;
    [[nodiscard]] QModelIndex browserIndex(const QString &name) const;

    ProfileStore *m_profiles = nullptr;
    Profile m_prod;
    Profile m_dev;
    std::unique_ptr<sandbox::SandboxServer> m_prodServer;
    std::unique_ptr<sandbox::SandboxServer> m_devServer;
    Session *m_session = nullptr;
    ProfileConnector *m_connector = nullptr;
    MainWindow *m_window = nullptr;
};

void TestProductionGuard::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
    m_profiles = new ProfileStore(nullptr, this);
    m_prod.id = QUuid::createUuid();
    m_prod.name = u"prod"_s;
    m_dev.id = QUuid::createUuid();
    m_dev.name = u"dev"_s;
}

void TestProductionGuard::saveProfile(Profile &profile, const QUrl &endpoint, bool production)
{
    const QString account = production ? kProdAccount : kDevAccount;
    profile.kind = Profile::Kind::AccessKey;
    profile.region = u"eu-west-1"_s;
    profile.endpoint = endpoint;
    profile.production = production;
    profile.accessKeyId = keysFor(account).accessKeyId;
    std::optional<bool> saved;
    m_profiles->save(profile, ProfileSecret { keysFor(account).secretAccessKey, {} }, {}, this,
                     [&saved](auto result) { saved = result.has_value(); });
    QTRY_VERIFY_WITH_TIMEOUT(saved.has_value(), 10000);
    QVERIFY(*saved);
}

void TestProductionGuard::init()
{
    m_prodServer = startServer(kProdAccount, kProdValue);
    m_devServer = startServer(kDevAccount, kDevValue);
    QVERIFY(m_prodServer && m_devServer);
    saveProfile(m_prod, m_prodServer->url(), true);
    saveProfile(m_dev, m_devServer->url(), false);

    m_session = new Session;
    m_connector = new ProfileConnector(m_profiles, m_session->transport());
    m_window = new MainWindow;
    m_window->setSession(m_session);
    m_window->setProfileStore(m_profiles);
    // As the application wires it.
    connect(m_window, &MainWindow::profileChosen, m_session,
            [this](const QUuid &id) { connectToProfile(id); });
    m_window->resize(1100, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    connectToProfile(m_prod.id);
    waitForListing();
    QCOMPARE(m_session->catalog()->secretCount(), 3);
}

void TestProductionGuard::cleanup()
{
    // Whatever a test left unsaved must not hold the window open.
    m_window->editSession()->load({});
    delete m_window;
    delete m_connector;
    delete m_session;
    m_prodServer.reset();
    m_devServer.reset();
}

void TestProductionGuard::connectToProfile(const QUuid &id)
{
    const auto connection = m_connector->connection(id);
    QVERIFY(connection.has_value());
    m_session->connectTo(connection->secretsManager, connection->sts, connection->profile.name);
    m_window->setCurrentProfile(id);
}

void TestProductionGuard::chooseProfile(const QUuid &id)
{
    QComboBox *combo = m_window->profileCombo();
    const int index = combo->findData(id);
    QVERIFY(index >= 0);
    // What a click on the item does.
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

void TestProductionGuard::waitForListing()
{
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_session->loader()->isLoading() && m_session->catalog()->secretCount() > 0, 20000);
}

void TestProductionGuard::openSecret(const QString &name)
{
    QVERIFY(m_window->browserPane()->selectName(name));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->editSession()->secretName() == name
                                 && m_window->editSession()->mode() == SecretEditSession::Mode::Json
                                 && !m_window->editSession()->isBusy(),
                             20000);
}

void TestProductionGuard::editPort(int port)
{
    auto value = json::JsonNode::parseFragment(QByteArray::number(port));
    QVERIFY(value.has_value());
    QVERIFY(m_window->editSession()->jsonModel()->setAtPointer(u"/DB_PORT"_s, std::move(*value)));
    QTRY_VERIFY(m_window->editSession()->isModified());
}

bool TestProductionGuard::guardAsking() const
{
    const QMessageBox *box = m_window->writeGuard()->pendingQuestion();
    return box && box->isVisible();
}

void TestProductionGuard::answerGuard(bool confirm)
{
    QTRY_VERIFY_WITH_TIMEOUT(guardAsking(), 10000);
    QMessageBox *box = m_window->writeGuard()->pendingQuestion();
    QVERIFY2(box->text().contains(u"in profile 'prod'?"_s), qPrintable(box->text()));
    auto *button
        = box->findChild<QPushButton *>(confirm ? u"ConfirmWriteButton"_s : u"CancelWriteButton"_s);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(!guardAsking());
}

void TestProductionGuard::answerLeaveDialog(QMessageBox::StandardButton button)
{
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"DiscardChangesDialog"_s))
                && box->isVisible());
    QVERIFY2(box->button(QMessageBox::Save), "the dialog offers no Save");
    QVERIFY(box->button(button));
    QTest::mouseClick(box->button(button), Qt::LeftButton);
    QTRY_VERIFY(!box || !box->isVisible());
}

QString TestProductionGuard::stored(sandbox::SandboxServer &server, const QString &name,
                                    const QString &stage) const
{
    const auto value = server.store().call(
        u"GetSecretValue",
        Json { { "SecretId", name.toStdString() }, { "VersionStage", stage.toStdString() } });
    if (!value)
        return {};
    return QString::fromStdString(value->value("SecretString", std::string()));
}

Json TestProductionGuard::described(sandbox::SandboxServer &server, const QString &name) const
{
    const auto value
        = server.store().call(u"DescribeSecret", Json { { "SecretId", name.toStdString() } });
    return value ? *value : Json();
}

QModelIndex TestProductionGuard::browserIndex(const QString &name) const
{
    QAbstractItemModel *model = m_window->browserPane()->treeView()->model();
    const auto find = [&](const auto &self, const QModelIndex &parent) -> QModelIndex {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            const QModelIndex index = model->index(row, 0, parent);
            if (index.data(NamespaceTreeModel::FullNameRole).toString() == name)
                return index;
            if (const QModelIndex found = self(self, index); found.isValid())
                return found;
        }
        return {};
    };
    return find(find, {});
}

// --- the guard ---------------------------------------------------------------------------------

void TestProductionGuard::testBadgeShowsOnProductionOnly()
{
    auto *badge = m_window->findChild<ProductionBadge *>();
    QVERIFY(badge);
    // The toolbar lays its widgets out again on a resize: what it shows then is what counts.
    const auto relayout = [this] {
        m_window->resize(m_window->width() + 10, m_window->height());
        QTest::qWait(50);
    };
    relayout();
    QVERIFY(m_window->writeGuard()->isProduction());
    QVERIFY(badge->isVisible());

    chooseProfile(m_dev.id);
    waitForListing();
    relayout();
    QVERIFY(!m_window->writeGuard()->isProduction());
    QVERIFY(!badge->isVisible());

    chooseProfile(m_prod.id);
    waitForListing();
    relayout();
    QVERIFY(badge->isVisible());
}

void TestProductionGuard::testLongProfileNameDoesNotWidenTheWindow()
{
    // The longest name a profile can have, production-marked: the switcher elides it, the list
    // that drops down shows it whole, and so does the tooltip.
    Profile longest;
    longest.id = QUuid::createUuid();
    longest.name = u"team-"_s + QString(59, u'p');
    saveProfile(longest, m_prodServer->url(), true);
    QComboBox *combo = m_window->profileCombo();
    const int item = combo->findData(longest.id);
    QVERIFY(item >= 0);
    QVERIFY(combo->itemText(item).contains(longest.name));
    QVERIFY2(m_window->minimumSizeHint().width() < 1000,
             qPrintable(QString::number(m_window->minimumSizeHint().width())));
    QVERIFY2(combo->width() < 400, qPrintable(QString::number(combo->width())));
    QVERIFY(combo->view()->minimumWidth()
            >= combo->view()->fontMetrics().horizontalAdvance(combo->itemText(item)));

    chooseProfile(longest.id);
    waitForListing();
    QCOMPARE(m_window->width(), 1100);
    QVERIFY(combo->toolTip().contains(longest.name));
}

void TestProductionGuard::testRemovedProfileKeepsGuard()
{
    // The session still works on the production account after its profile is removed.
    std::optional<bool> removed;
    m_profiles->remove(m_prod.id, this, [&removed](auto result) { removed = result.has_value(); });
    QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 10000);
    QVERIFY(*removed);
    QVERIFY(m_window->writeGuard()->isProduction());
    QVERIFY(m_window->productionBadgeAction()->isVisible());
    m_window->browserPane()->showDeletedCheckBox()->setChecked(true);
    QVERIFY(m_window->browserPane()->selectName(u"pixell/retired"_s));
    m_window->browserPane()->restoreSecretAction()->trigger();
    answerGuard(false);

    // Choosing the sandbox entry (or any other) is a switch again.
    QSignalSpy chosen(m_window, &MainWindow::profileChosen);
    chooseProfile(m_dev.id);
    QCOMPARE(chosen.count(), 1);
}

void TestProductionGuard::testSaveAsks()
{
    openSecret(u"pixell/prod"_s);
    editPort(7777);
    m_window->valuePane()->saveAction()->trigger();
    QTRY_VERIFY(guardAsking());
    const QString question = m_window->writeGuard()->pendingQuestion()->text();
    QVERIFY2(question.contains(u"pixell/prod"_s) && question.contains(u"1 changed"_s),
             qPrintable(question));
    answerGuard(false);
    QTest::qWait(200);
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), kProdValue);
    QVERIFY(m_window->editSession()->isModified());

    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    m_window->valuePane()->saveAction()->trigger();
    answerGuard(true);
    QVERIFY(saved.wait(20000));
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), uR"({"DB_HOST":"prod-db","DB_PORT":7777})"_s);
}

void TestProductionGuard::testOverwriteAsks()
{
    openSecret(u"pixell/prod"_s);
    editPort(7777);
    // Someone saves a newer version meanwhile.
    const QString theirs = uR"({"DB_HOST":"prod-db","DB_PORT":9999})"_s;
    QVERIFY(
        m_prodServer->store()
            .call(u"PutSecretValue",
                  Json { { "SecretId", "pixell/prod" }, { "SecretString", theirs.toStdString() } })
            .has_value());
    const auto overwrite = [this] {
        m_window->valuePane()->saveAction()->trigger();
        answerGuard(true);
        QMessageBox *conflict = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (conflict = m_window->findChild<QMessageBox *>(u"ConflictDialog"_s))
                && conflict->isVisible(),
            20000);
        QTest::mouseClick(conflict->findChild<QPushButton *>(u"OverwriteButton"_s), Qt::LeftButton);
        QTRY_VERIFY(guardAsking());
        QVERIFY(m_window->writeGuard()->lastAction().startsWith(u"Overwrite"_s));
    };
    overwrite();
    answerGuard(false);
    QTest::qWait(200);
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), theirs);

    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    overwrite();
    answerGuard(true);
    QVERIFY(saved.wait(20000));
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), uR"({"DB_HOST":"prod-db","DB_PORT":7777})"_s);
}

void TestProductionGuard::testCreateAsks()
{
    QVERIFY(m_window->browserPane()->selectName(u"pixell/"_s));
    m_window->browserPane()->newSecretAction()->trigger();
    NewSecretDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<NewSecretDialog *>()) && dialog->isVisible());
    dialog->nameEdit()->setText(u"pixell/new"_s);
    QPushButton *create = dialog->buttonBox()->button(QDialogButtonBox::Ok);
    QTRY_VERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);
    answerGuard(false);
    QTest::qWait(200);
    QVERIFY(described(*m_prodServer, u"pixell/new"_s).is_null());
    QVERIFY(dialog->isVisible());
    QVERIFY(create->isEnabled());

    QTest::mouseClick(create, Qt::LeftButton);
    answerGuard(true);
    QTRY_VERIFY_WITH_TIMEOUT(!described(*m_prodServer, u"pixell/new"_s).is_null(), 20000);
}

void TestProductionGuard::testDeleteNeedsTypedName()
{
    QVERIFY(m_window->browserPane()->selectName(u"pixell/dev"_s));
    const auto openDialog = [this] {
        m_window->browserPane()->deleteSecretAction()->trigger();
        DeleteSecretDialog *dialog = nullptr;
        [&] {
            QTRY_VERIFY((dialog = m_window->findChild<DeleteSecretDialog *>())
                        && dialog->isVisible());
        }();
        return dialog;
    };
    DeleteSecretDialog *dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->requiresTypedName());
    QPushButton *ok = dialog->buttonBox()->button(QDialogButtonBox::Ok);
    // Scheduled deletion (the default) needs the name too on a production profile.
    QVERIFY(!ok->isEnabled());
    QTest::keyClicks(dialog->confirmEdit(), u"pixell/de"_s);
    QVERIFY(!ok->isEnabled());
    QTest::mouseClick(dialog->buttonBox()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY(!dialog->isVisible());
    QTest::qWait(200);
    QVERIFY(!described(*m_prodServer, u"pixell/dev"_s).contains("DeletedDate"));

    dialog = openDialog();
    QVERIFY(dialog);
    ok = dialog->buttonBox()->button(QDialogButtonBox::Ok);
    QTest::keyClicks(dialog->confirmEdit(), u"pixell/dev"_s);
    QVERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(described(*m_prodServer, u"pixell/dev"_s).contains("DeletedDate"),
                             20000);
}

void TestProductionGuard::testRestoreAsks()
{
    m_window->browserPane()->showDeletedCheckBox()->setChecked(true);
    QVERIFY(m_window->browserPane()->selectName(u"pixell/retired"_s));
    QVERIFY(m_window->browserPane()->restoreSecretAction()->isEnabled());
    m_window->browserPane()->restoreSecretAction()->trigger();
    answerGuard(false);
    QTest::qWait(200);
    QVERIFY(described(*m_prodServer, u"pixell/retired"_s).contains("DeletedDate"));

    m_window->browserPane()->restoreSecretAction()->trigger();
    answerGuard(true);
    QTRY_VERIFY_WITH_TIMEOUT(!described(*m_prodServer, u"pixell/retired"_s).contains("DeletedDate"),
                             20000);
}

void TestProductionGuard::testRollbackAndLabelsAsk()
{
    // A second version, so there is something to roll back to.
    QVERIFY(m_prodServer->store()
                .call(u"PutSecretValue",
                      Json { { "SecretId", "pixell/prod" },
                             { "SecretString", R"({"DB_HOST":"prod-db","DB_PORT":6543})" } })
                .has_value());
    const auto versionOf = [this](const QString &stage) {
        const auto value = m_prodServer->store().call(
            u"GetSecretValue",
            Json { { "SecretId", "pixell/prod" }, { "VersionStage", stage.toStdString() } });
        return value ? QString::fromStdString(value->value("VersionId", std::string())) : QString();
    };
    const QString current = versionOf(u"AWSCURRENT"_s);
    const QString previous = versionOf(u"AWSPREVIOUS"_s);
    QVERIFY(!current.isEmpty() && !previous.isEmpty());

    SecretVersionsPane *versions = m_window->versionsPane();
    QSignalSpy loaded(versions, &SecretVersionsPane::loaded);
    openSecret(u"pixell/prod"_s);
    QVERIFY(m_window->showView(u"versions"_s));
    QTRY_VERIFY_WITH_TIMEOUT(versions->tree()->topLevelItemCount() == 2 && !versions->isLoading(),
                             20000);
    for (int row = 0; row < versions->tree()->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = versions->tree()->topLevelItem(row);
        if (item->data(0, SecretVersionsPane::VersionIdRole).toString() == previous)
            versions->tree()->setCurrentItem(item);
    }
    QCOMPARE(versions->selectedVersionId(), previous);

    // One question, not two: on production the guard's question is the rollback's, and says
    // what moves.
    const auto rollBack = [&] {
        QTRY_VERIFY(versions->rollbackAction()->isEnabled());
        versions->rollbackAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(guardAsking(), 20000);
        QVERIFY(!versions->findChild<QMessageBox *>(u"RollbackConfirmBox"_s));
        const QString details = m_window->writeGuard()->pendingQuestion()->informativeText();
        QVERIFY2(details.contains(u"AWSCURRENT moves from"_s), qPrintable(details));
        QVERIFY(details.contains(u"production profile"_s));
    };
    rollBack();
    answerGuard(false);
    QTest::qWait(200);
    QCOMPARE(versionOf(u"AWSCURRENT"_s), current);
    rollBack();
    answerGuard(true);
    QTRY_VERIFY_WITH_TIMEOUT(versionOf(u"AWSCURRENT"_s) == previous, 20000);

    // A custom label moves only when confirmed.
    const auto hasBlue = [this, &previous] {
        const Json stages = described(*m_prodServer, u"pixell/prod"_s)["VersionIdsToStages"];
        const std::string id = previous.toStdString();
        if (!stages.contains(id))
            return false;
        for (const auto &stage : stages[id])
            if (stage == "blue")
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!versions->isLoading(), 20000);
    versions->moveLabel(u"blue"_s, previous);
    answerGuard(false);
    QTest::qWait(200);
    QVERIFY(!hasBlue());
    versions->moveLabel(u"blue"_s, previous);
    answerGuard(true);
    QTRY_VERIFY_WITH_TIMEOUT(hasBlue(), 20000);
}

void TestProductionGuard::testNonProductionWritesAtOnce()
{
    chooseProfile(m_dev.id);
    waitForListing();
    QVERIFY(!m_window->writeGuard()->isProduction());
    openSecret(u"pixell/prod"_s);
    editPort(2222);
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY(saved.wait(20000));
    QVERIFY(!guardAsking());
    QCOMPARE(stored(*m_devServer, u"pixell/prod"_s), uR"({"DB_HOST":"dev-db","DB_PORT":2222})"_s);
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), kProdValue);

    m_window->browserPane()->showDeletedCheckBox()->setChecked(true);
    QVERIFY(m_window->browserPane()->selectName(u"pixell/retired"_s));
    m_window->browserPane()->restoreSecretAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!described(*m_devServer, u"pixell/retired"_s).contains("DeletedDate"),
                             20000);
    QVERIFY(!guardAsking());
}

// --- switching profile ---------------------------------------------------------------------------

void TestProductionGuard::testSwitchCancelKeepsEverything()
{
    openSecret(u"pixell/prod"_s);
    editPort(7777);
    chooseProfile(m_dev.id);
    // The switcher stays on the profile in use while the question is open.
    QCOMPARE(m_window->profileCombo()->currentData().toUuid(), m_prod.id);
    answerLeaveDialog(QMessageBox::Cancel);
    QTest::qWait(200);

    QCOMPARE(m_window->profileCombo()->currentData().toUuid(), m_prod.id);
    QCOMPARE(m_window->currentProfile(), m_prod.id);
    QVERIFY(m_window->writeGuard()->isProduction());
    QCOMPARE(m_session->label(), u"prod"_s);
    QVERIFY(m_window->editSession()->isModified());
    QCOMPARE(m_window->editSession()->secretName(), u"pixell/prod"_s);
    QCOMPARE(m_window->detailsPane()->secretName(), u"pixell/prod"_s);
    QCOMPARE(m_window->versionsPane()->secretName(), u"pixell/prod"_s);
    QCOMPARE(m_window->diffPane()->secretName(), u"pixell/prod"_s);
    QCOMPARE(m_window->browserPane()->currentSecretName(), u"pixell/prod"_s);
    QCOMPARE(m_window->detailArea()->currentWidget(), m_window->secretTabs());
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), kProdValue);
}

void TestProductionGuard::testSwitchDiscardClosesEveryPane()
{
    openSecret(u"pixell/prod"_s);
    const QString prodArn = m_window->editSession()->loadedValue().arn;
    QVERIFY2(prodArn.contains(kProdAccount), qPrintable(prodArn));
    editPort(7777);
    chooseProfile(m_dev.id);
    answerLeaveDialog(QMessageBox::Discard);
    waitForListing();
    QTRY_COMPARE_WITH_TIMEOUT(m_session->label(), u"dev"_s, 20000);
    QVERIFY(!m_window->writeGuard()->isProduction());

    // Nothing of the old session is left open.
    QCOMPARE(m_window->editSession()->mode(), SecretEditSession::Mode::Empty);
    QVERIFY(!m_window->editSession()->isModified());
    QVERIFY(m_window->editSession()->secretName().isEmpty());
    QVERIFY(m_window->versionsPane()->secretName().isEmpty());
    QCOMPARE(m_window->versionsPane()->tree()->topLevelItemCount(), 0);
    QVERIFY(m_window->diffPane()->secretName().isEmpty());
    QVERIFY(m_window->detailsPane()->secretName().isEmpty());
    QVERIFY(m_window->detailsPane()->fieldText(u"ARN"_s).isEmpty());
    QVERIFY(!m_window->policyPane()->scopeCombo()->currentText().contains(u"pixell/prod"_s));
    QCOMPARE(m_window->policyPane()->matrixTable()->rowCount(), 0);
    QVERIFY(!m_window->checksPane()->targetLabel()->text().contains(u"pixell/prod"_s));
    QVERIFY(!m_window->checksPane()->runButton()->isEnabled());
    QCOMPARE(m_window->detailArea()->currentIndex(), 0);
    QCOMPARE(m_window->windowTitle(), u"Coffer"_s);
    QVERIFY(m_window->browserPane()->currentSecretName().isEmpty());
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), kProdValue);

    // The same name in the new account opens from the new account.
    openSecret(u"pixell/prod"_s);
    const aws::SecretValue &loaded = m_window->editSession()->loadedValue();
    QCOMPARE(loaded.secretString.value_or(QString()), kDevValue);
    QVERIFY2(loaded.arn.contains(kDevAccount), qPrintable(loaded.arn));
    QVERIFY(loaded.arn != prodArn);
    QVERIFY(m_window->detailsPane()->fieldText(u"ARN"_s).contains(kDevAccount));
    // And a save goes there, with the new ARN.
    editPort(3333);
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY(saved.wait(20000));
    QCOMPARE(stored(*m_devServer, u"pixell/prod"_s), uR"({"DB_HOST":"dev-db","DB_PORT":3333})"_s);
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), kProdValue);
}

void TestProductionGuard::testSwitchSaveSavesThenSwitches()
{
    openSecret(u"pixell/prod"_s);
    editPort(7777);

    // Save, but "No" to the production question: nothing is written, nothing switches.
    chooseProfile(m_dev.id);
    answerLeaveDialog(QMessageBox::Save);
    answerGuard(false);
    QTest::qWait(200);
    QCOMPARE(m_session->label(), u"prod"_s);
    QCOMPARE(m_window->profileCombo()->currentData().toUuid(), m_prod.id);
    QVERIFY(m_window->editSession()->isModified());
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), kProdValue);

    chooseProfile(m_dev.id);
    answerLeaveDialog(QMessageBox::Save);
    answerGuard(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_session->label(), u"dev"_s, 20000);
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), uR"({"DB_HOST":"prod-db","DB_PORT":7777})"_s);
    QCOMPARE(stored(*m_devServer, u"pixell/prod"_s), kDevValue);
    QCOMPARE(m_window->profileCombo()->currentData().toUuid(), m_dev.id);
    QCOMPARE(m_window->editSession()->mode(), SecretEditSession::Mode::Empty);
    QVERIFY(m_window->versionsPane()->secretName().isEmpty());
    QCOMPARE(m_window->detailArea()->currentIndex(), 0);
}

void TestProductionGuard::testSecretSwitchCancelKeepsSelection()
{
    openSecret(u"pixell/prod"_s);
    editPort(7777);
    QTreeView *tree = m_window->browserPane()->treeView();
    const auto clickOn = [tree](const QModelIndex &index) {
        QVERIFY(index.isValid());
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    };
    clickOn(browserIndex(u"pixell/dev"_s));
    answerLeaveDialog(QMessageBox::Cancel);
    QTest::qWait(100);
    QCOMPARE(m_window->browserPane()->currentSecretName(), u"pixell/prod"_s);
    QCOMPARE(m_window->editSession()->secretName(), u"pixell/prod"_s);
    QVERIFY(m_window->editSession()->isModified());

    // Save: the edit is written (after the production question), then the other secret opens.
    clickOn(browserIndex(u"pixell/dev"_s));
    answerLeaveDialog(QMessageBox::Save);
    answerGuard(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->editSession()->secretName(), u"pixell/dev"_s, 20000);
    QCOMPARE(m_window->browserPane()->currentSecretName(), u"pixell/dev"_s);
    QCOMPARE(stored(*m_prodServer, u"pixell/prod"_s), uR"({"DB_HOST":"prod-db","DB_PORT":7777})"_s);
}

QTEST_MAIN(TestProductionGuard)
#include "testproductionguard.moc"
