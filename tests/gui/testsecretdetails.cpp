// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The Details tab and the version ids, in the real main window on an in-process sandbox over
// HTTP: the description and tags edited through the dialog (only what changed is sent, no new
// version is made, AWS's rules are checked first, a failure keeps the input), and version ids
// shown and copied in full.
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/editor/jsontreemodel.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "tests/gui/sandboxwindow.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"
#include "views/secretdetailsdialog.h"
#include "views/secretdetailspane.h"
#include "views/secretversiondialog.h"
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
    const auto put = store.call(u"PutSecretValue", { { "SecretId", "pixell/prod" },
                                                     { "SecretString", "{\"DB_HOST\":\"db2.internal\",\"DB_PASSWORD\":\"pw-7c1e\"}" } });
    Q_ASSERT(put.has_value());
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
    void testOldVersionOpensReadOnly();

private:
    nlohmann::ordered_json described(const QString &name);
    SecretDetailsDialog *openDialog();
    void setTag(SecretDetailsDialog *dialog, int row, const QString &key, const QString &value);
    QString versionWithStage(const QString &stage);
    QTreeWidgetItem *versionRow(const QString &id);

    std::unique_ptr<test::SandboxWindow> m_fixture;
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
    m_fixture = std::make_unique<test::SandboxWindow>(seed);
    m_sandbox = m_fixture->sandbox();
    m_session = m_fixture->session();
    m_window = m_fixture->window();
    QVERIFY(m_window->browserPane()->selectName(u"pixell/prod"_s));
    m_window->secretTabs()->setCurrentWidget(m_window->detailsPane());
}

void TestSecretDetails::cleanup()
{
    m_fixture.reset();
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

QString TestSecretDetails::versionWithStage(const QString &stage)
{
    const nlohmann::ordered_json stages = described(u"pixell/prod"_s)["VersionIdsToStages"];
    for (auto it = stages.begin(); it != stages.end(); ++it) {
        for (const auto &label : it.value())
            if (QString::fromStdString(label.get<std::string>()) == stage)
                return QString::fromStdString(it.key());
    }
    return {};
}

QTreeWidgetItem *TestSecretDetails::versionRow(const QString &id)
{
    SecretVersionsPane *versions = m_window->versionsPane();
    m_window->secretTabs()->setCurrentWidget(versions);
    for (int i = 0; i < 200 && versions->tree()->topLevelItemCount() < 2; ++i)
        QTest::qWait(20);
    for (int row = 0; row < versions->tree()->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = versions->tree()->topLevelItem(row);
        if (item->data(SecretVersionsPane::VersionColumn, SecretVersionsPane::VersionIdRole).toString() == id)
            return item;
    }
    return nullptr;
}

void TestSecretDetails::testVersionIdsInFull()
{
    const QString id = versionWithStage(u"AWSCURRENT"_s);
    QVERIFY(id.size() >= 32);
    QTRY_VERIFY(m_window->detailsPane()->fieldText(u"Versions"_s).contains(id + u"  AWSCURRENT"_s));

    SecretVersionsPane *versions = m_window->versionsPane();
    QTreeWidgetItem *row = versionRow(id);
    QVERIFY(row);
    versions->tree()->setCurrentItem(row);
    QVERIFY(versions->copyIdAction()->isEnabled());
    QGuiApplication::clipboard()->clear();
    versions->copyIdAction()->trigger();
    QCOMPARE(QGuiApplication::clipboard()->text(), id);
}

void TestSecretDetails::testOldVersionOpensReadOnly()
{
    const QString previous = versionWithStage(u"AWSPREVIOUS"_s);
    QVERIFY(!previous.isEmpty());
    SecretVersionsPane *versions = m_window->versionsPane();
    QTreeWidgetItem *row = versionRow(previous);
    QVERIFY(row);
    versions->tree()->setCurrentItem(row);
    QVERIFY(versions->openAction()->isEnabled());
    versions->openAction()->trigger();
    SecretVersionDialog *dialog = versions->findChild<SecretVersionDialog *>();
    QVERIFY(dialog);
    QSignalSpy loaded(dialog, &SecretVersionDialog::loadFinished);
    QVERIFY(dialog->isLoaded() || loaded.wait(20000));
    QVERIFY2(dialog->headerLabel()->text().contains(previous) && dialog->headerLabel()->text().contains(u"AWSPREVIOUS"_s),
             qPrintable(dialog->headerLabel()->text()));

    // The earlier value, masked until revealed, and nothing in it can be edited.
    JsonTreeModel *model = dialog->model();
    const QModelIndex host = model->indexForPointer(u"/DB_HOST"_s).siblingAtColumn(JsonTreeModel::ValueColumn);
    QVERIFY(host.isValid());
    QVERIFY(!model->indexForPointer(u"/DB_PASSWORD"_s).isValid()); // the current version's member
    QCOMPARE(host.data().toString(), JsonTreeModel::maskText.toString());
    QCOMPARE(dialog->treeView()->editTriggers(), QAbstractItemView::NoEditTriggers);
    dialog->revealAllButton()->click();
    QCOMPARE(host.data().toString(), u"db.internal"_s);
    // The tree's own index of DB_HOST's value (a top-level member): not editable.
    const QModelIndex shown = dialog->treeView()->model()->index(host.row(), host.column());
    QVERIFY(!(shown.flags() & Qt::ItemIsEditable));
    dialog->treeView()->edit(shown);
    QVERIFY(!dialog->treeView()->viewport()->findChild<QLineEdit *>());

    // Closing it leaves no trace of the value.
    const QPointer<SecretVersionDialog> open(dialog);
    dialog->close();
    QTRY_VERIFY(open.isNull());
    QCOMPARE(m_window->editSession()->isModified(), false);
}

QTEST_MAIN(TestSecretDetails)
#include "testsecretdetails.moc"
