// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Details tab and the version ids, in the real main window on an in-process sandbox over
// HTTP: the description and tags edited through the dialog (only what changed is sent, no new
// version is made, AWS's rules are checked first, a failure keeps the input), and version ids
// shown and copied in full.
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"
#include "views/secretdetailsdialog.h"
#include "views/secretdetailspane.h"
#include "views/secretversionspane.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

void seed(sandbox::SandboxStore &store)
{
    const auto created = store.call(
        u"CreateSecret",
        { { "Name", "pixell/prod" },
          { "Description", "Pixell production settings" },
          { "SecretString", "{\"DB_HOST\":\"db.internal\"}" },
          { "Tags", nlohmann::json::array({ { { "Key", "team" }, { "Value", "pixell" } },
                                            { { "Key", "env" }, { "Value", "prod" } },
                                            { { "Key", "cost-center" }, { "Value", "42" } } }) } });
    Q_ASSERT(created.has_value());
}

} // namespace

class TestSecretDetails final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testEditDescriptionAndTags();
    void testRefusedEditKeepsTheInput();
    void testVersionIdsInFull();

private:
    nlohmann::ordered_json described(const QString &name);
    SecretDetailsDialog *openDialog();
    void setTag(SecretDetailsDialog *dialog, int row, const QString &key, const QString &value);

    LocalSandbox *m_sandbox = nullptr;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;
};

void TestSecretDetails::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestSecretDetails::init()
{
    m_sandbox = new LocalSandbox({ .dataPath = {}, .persistent = false, .seed = seed });
    m_session = new Session;
    m_window = new MainWindow;
    m_window->setSession(m_session);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QSignalSpy started(m_sandbox, &LocalSandbox::started);
    m_sandbox->start();
    QVERIFY(started.count() == 1 || started.wait(20000));
    QSignalSpy listed(m_session->loader(), &SecretCatalogLoader::loadingFinished);
    m_session->connectTo(m_sandbox->clientConfig(), u"Local sandbox"_s);
    QVERIFY(listed.wait(20000));
    QVERIFY(m_window->browserPane()->selectName(u"pixell/prod"_s));
    m_window->secretTabs()->setCurrentWidget(m_window->detailsPane());
}

void TestSecretDetails::cleanup()
{
    delete m_window;
    delete m_session;
    delete m_sandbox;
}

nlohmann::ordered_json TestSecretDetails::described(const QString &name)
{
    const auto secret = m_sandbox->server()->store().call(u"DescribeSecret", { { "SecretId", name.toStdString() } });
    return secret ? *secret : nlohmann::ordered_json();
}

SecretDetailsDialog *TestSecretDetails::openDialog()
{
    QPushButton *edit = m_window->detailsPane()->editButton();
    if (!edit->isVisible())
        return nullptr;
    QTest::mouseClick(edit, Qt::LeftButton);
    SecretDetailsDialog *dialog = nullptr;
    for (int i = 0; i < 100 && !(dialog = m_window->findChild<SecretDetailsDialog *>()); ++i)
        QTest::qWait(20);
    return dialog;
}

void TestSecretDetails::setTag(SecretDetailsDialog *dialog, int row, const QString &key, const QString &value)
{
    dialog->tagsTable()->item(row, 0)->setText(key);
    dialog->tagsTable()->item(row, 1)->setText(value);
}

void TestSecretDetails::testEditDescriptionAndTags()
{
    const nlohmann::ordered_json before = described(u"pixell/prod"_s);
    SecretDetailsDialog *dialog = openDialog();
    QVERIFY(dialog);
    QPushButton *save = dialog->buttonBox()->button(QDialogButtonBox::Save);
    QCOMPARE(dialog->descriptionEdit()->toPlainText(), u"Pixell production settings"_s);
    QCOMPARE(dialog->tagsTable()->rowCount(), 3);
    QVERIFY(!save->isEnabled()); // nothing changed yet

    dialog->descriptionEdit()->setPlainText(u"Pixell production: database and cache"_s);
    QVERIFY(save->isEnabled());
    // env gets a new value, cost-center goes, owner comes.
    setTag(dialog, 1, u"env"_s, u"production"_s);
    dialog->tagsTable()->setCurrentCell(2, 0);
    QTest::mouseClick(dialog->removeTagButton(), Qt::LeftButton);
    QCOMPARE(dialog->tagsTable()->rowCount(), 2);
    QTest::mouseClick(dialog->addTagButton(), Qt::LeftButton);
    QCOMPARE(dialog->tagsTable()->rowCount(), 3);
    // The new row's key is being edited: type it, as a user would.
    QPointer<QLineEdit> editor = dialog->tagsTable()->viewport()->findChild<QLineEdit *>();
    QVERIFY(editor);
    QTest::keyClicks(editor, u"owner"_s);
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(dialog->tagsTable()->item(2, 0)->text(), u"owner"_s);

    // What AWS would refuse is said before anything is sent.
    setTag(dialog, 2, u"aws:owner"_s, u"ops"_s);
    QVERIFY(!save->isEnabled());
    QVERIFY2(dialog->problemLabel()->text().contains(u"aws:"_s), qPrintable(dialog->problemLabel()->text()));
    setTag(dialog, 2, u"team"_s, u"ops"_s);
    QVERIFY(!save->isEnabled());
    QVERIFY2(dialog->problemLabel()->text().contains(u"twice"_s), qPrintable(dialog->problemLabel()->text()));
    setTag(dialog, 2, u"owner"_s, u"ops"_s);
    QVERIFY(save->isEnabled());
    QVERIFY(dialog->problemLabel()->text().isEmpty());

    QStringList operations;
    connect(m_sandbox->server(), &sandbox::SandboxServer::requestHandled, this,
            [&operations](const QString &operation, int) {
                // The panes read in the background; the writes are what counts.
                if (!operation.startsWith(u"Get"_s) && !operation.startsWith(u"List"_s)
                    && !operation.startsWith(u"Describe"_s) && !operation.startsWith(u"BatchGet"_s))
                    operations.append(operation);
            });
    const QPointer<SecretDetailsDialog> open(dialog);
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(open.isNull(), 20000);

    // The three calls that make the change, and none that writes a value.
    QVERIFY2(operations == QStringList({ u"UpdateSecret"_s, u"TagResource"_s, u"UntagResource"_s }),
             qPrintable(operations.join(u", "_s)));
    const nlohmann::ordered_json after = described(u"pixell/prod"_s);
    QCOMPARE(QString::fromStdString(after["Description"].get<std::string>()), u"Pixell production: database and cache"_s);
    QMap<QString, QString> tags;
    for (const auto &tag : after["Tags"])
        tags.insert(QString::fromStdString(tag["Key"].get<std::string>()), QString::fromStdString(tag["Value"].get<std::string>()));
    const QMap<QString, QString> expected { { u"team"_s, u"pixell"_s }, { u"env"_s, u"production"_s }, { u"owner"_s, u"ops"_s } };
    QCOMPARE(tags, expected);
    QCOMPARE(after["VersionIdsToStages"].size(), before["VersionIdsToStages"].size());

    // The Details tab shows what is there now.
    QTRY_COMPARE(m_window->detailsPane()->fieldText(u"Description"_s), u"Pixell production: database and cache"_s);
    QVERIFY(m_window->detailsPane()->fieldText(u"Tags"_s).contains(u"owner = ops"_s));
    QVERIFY(!m_window->detailsPane()->fieldText(u"Tags"_s).contains(u"cost-center"_s));
}

void TestSecretDetails::testRefusedEditKeepsTheInput()
{
    SecretDetailsDialog *dialog = openDialog();
    QVERIFY(dialog);
    dialog->descriptionEdit()->setPlainText(u"Moved to the new cluster"_s);
    // Someone deletes the secret meanwhile.
    QVERIFY(m_sandbox->server()->store().call(u"DeleteSecret", { { "SecretId", "pixell/prod" },
                                                                  { "ForceDeleteWithoutRecovery", true } }));
    QTest::mouseClick(dialog->buttonBox()->button(QDialogButtonBox::Save), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->problemLabel()->text().isEmpty(), 20000);
    QVERIFY2(dialog->problemLabel()->text().contains(u"pixell/prod"_s)
                 || dialog->problemLabel()->text().contains(u"not"_s),
             qPrintable(dialog->problemLabel()->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->descriptionEdit()->toPlainText(), u"Moved to the new cluster"_s);
    QTRY_VERIFY(dialog->buttonBox()->button(QDialogButtonBox::Save)->isEnabled());
    dialog->reject();
}

void TestSecretDetails::testVersionIdsInFull()
{
    const std::string version = described(u"pixell/prod"_s)["VersionIdsToStages"].begin().key();
    const QString id = QString::fromStdString(version);
    QVERIFY(id.size() >= 32);
    QTRY_VERIFY(m_window->detailsPane()->fieldText(u"Versions"_s).contains(id + u"  AWSCURRENT"_s));

    SecretVersionsPane *versions = m_window->versionsPane();
    m_window->secretTabs()->setCurrentWidget(versions);
    QTRY_COMPARE(versions->tree()->topLevelItemCount(), 1);
    QVERIFY(!versions->copyIdAction()->isEnabled() || versions->tree()->currentItem());
    versions->tree()->setCurrentItem(versions->tree()->topLevelItem(0));
    QVERIFY(versions->copyIdAction()->isEnabled());
    QGuiApplication::clipboard()->clear();
    versions->copyIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), id);
}

QTEST_MAIN(TestSecretDetails)
#include "testsecretdetails.moc"
