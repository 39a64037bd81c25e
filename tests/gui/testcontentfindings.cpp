// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What a secret holds, in the real main window on an in-process sandbox over HTTP: the findings
// bar above the editor (and where a finding leads), the Type column naming keys and
// certificates, masking that follows sensitivity, the browser's marks, and a Save held back by
// a new error or a schema error until Save Anyway. Keys are made fresh with OpenSSL.
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "tests/support/testkeys.h"
#include "views/contentfindingsbar.h"
#include "tests/gui/sandboxwindow.h"
#include "views/mainwindow.h"
#include "views/secretbrowserpane.h"
#include "views/secretvaluepane.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

const QByteArray webhook
    = "{\"client_id\":\"wh-7f3a\",\"client_secret\":\"CHANGEME\",\"url\":\"https://hooks.example.com/in\"}";

// Two versions with "password"; the tests take it out.
const QByteArray databaseV1 = "{\"host\":\"db.internal\",\"password\":\"s3cr3t-v1-x9\"}";
const QByteArray databaseV2 = "{\"host\":\"db.internal\",\"password\":\"s3cr3t-v2-q7\",\"port\":5432}";

test::TestKey &signingKey()
{
    static test::TestKey key = test::rsaKey(2048);
    return key;
}

void seed(sandbox::SandboxStore &store)
{
    const auto create = [&store](const char *name, const std::string &value) {
        const auto created = store.call(u"CreateSecret", { { "Name", name }, { "SecretString", value } });
        Q_ASSERT(created.has_value());
    };
    create("acme/prod/webhook", webhook.toStdString());
    create("acme/prod/database", databaseV1.toStdString());
    const auto put = store.call(u"PutSecretValue", { { "SecretId", "acme/prod/database" },
                                                     { "SecretString", databaseV2.toStdString() } });
    Q_ASSERT(put.has_value());
    const nlohmann::ordered_json keys = { { "kid", "2026-11" },
                                          { "publicKeyPem", signingKey().publicPem },
                                          { "privateKeyPem", signingKey().privatePem } };
    create("acme/prod/jwt-keys", keys.dump());
}

} // namespace

class TestContentFindings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testBarListsFindingsAndLeadsToTheValue();
    void testEditingUpdatesTheBarAndTheBrowserMark();
    void testNewErrorHoldsSaveUntilSaveAnyway();
    void testErrorTheLoadedVersionHadDoesNotHoldSave();
    void testSchemaErrorHoldsSave();
    void testChosenSchemaSetIsKeptForTheNextStart();
    void testKeysAreNamedAndOnlyPrivateOnesMasked();

private:
    void openSecret(const QString &name);
    QModelIndex cell(const QString &pointer, int column = JsonTreeModel::ValueColumn) const;
    void editCell(const QModelIndex &index, const QString &text);
    /// Waits for the bar to show findings with these ids, in order.
    void waitForFindingIds(const QStringList &ids);
    QStringList findingIds() const;
    QByteArray storedValue(const QString &name);

    std::unique_ptr<test::SandboxWindow> m_fixture;
    LocalSandbox *m_sandbox = nullptr;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;
};

void TestContentFindings::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestContentFindings::init()
{
    QSettings().remove(u"Editor/maskPublicValues"_s);
    QSettings().remove(u"Content/schemaSet"_s);
    m_fixture = std::make_unique<test::SandboxWindow>(seed);
    m_sandbox = m_fixture->sandbox();
    m_session = m_fixture->session();
    m_window = m_fixture->window();
}

void TestContentFindings::cleanup()
{
    m_fixture.reset();
}

void TestContentFindings::openSecret(const QString &name)
{
    m_fixture->openSecret(name);
}

QModelIndex TestContentFindings::cell(const QString &pointer, int column) const
{
    return m_fixture->cell(pointer, column);
}

void TestContentFindings::editCell(const QModelIndex &index, const QString &text)
{
    m_fixture->editCell(index, text);
}

QStringList TestContentFindings::findingIds() const
{
    QStringList ids;
    for (const content::ContentFinding &finding : m_window->valuePane()->findings())
        ids.append(finding.id);
    return ids;
}

void TestContentFindings::waitForFindingIds(const QStringList &ids)
{
    QTRY_COMPARE_WITH_TIMEOUT(findingIds(), ids, 10000);
}

QByteArray TestContentFindings::storedValue(const QString &name)
{
    const auto value = m_sandbox->server()->store().call(u"GetSecretValue",
                                                         { { "SecretId", name.toStdString() } });
    return value ? QByteArray::fromStdString((*value)["SecretString"].get<std::string>()) : QByteArray();
}

void TestContentFindings::testBarListsFindingsAndLeadsToTheValue()
{
    openSecret(u"acme/prod/webhook"_s);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({ u"placeholder"_s });
    QVERIFY(!QTest::currentTestFailed());
    ContentFindingsBar *bar = m_window->valuePane()->findingsBar();
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->summaryLabel()->text().startsWith(u"1 error in this value"_s),
             qPrintable(bar->summaryLabel()->text()));
    QCOMPARE(bar->list()->count(), 1);
    QListWidgetItem *row = bar->list()->item(0);
    QVERIFY2(row->text().contains(u"placeholder"_s), qPrintable(row->text()));
    QCOMPARE(row->data(ContentFindingsBar::PointerRole).toString(), u"/client_secret"_s);
    // The sentence never quotes the value.
    QVERIFY(!row->text().contains(u"CHANGEME"_s));
    QVERIFY(!bar->heldLabel()->isVisible());

    // A click leads to the value, which is selected in the tree.
    QTreeView *tree = m_window->valuePane()->treeView();
    tree->setCurrentIndex(cell(u"/url"_s));
    const QRect rect = bar->list()->visualItemRect(row);
    QTest::mouseClick(bar->list()->viewport(), Qt::LeftButton, {}, rect.center());
    QTRY_COMPARE(tree->currentIndex().data(JsonTreeModel::PointerRole).toString(), u"/client_secret"_s);
    QVERIFY(tree->hasFocus());

    // A secret with nothing to say hides the bar.
    openSecret(u"acme/prod/jwt-keys"_s);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({});
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(!bar->isVisible());
}

void TestContentFindings::testEditingUpdatesTheBarAndTheBrowserMark()
{
    const QString name = u"acme/prod/webhook"_s;
    NamespaceTreeModel *tree = m_session->catalog();
    openSecret(name);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({ u"placeholder"_s });
    QVERIFY(!QTest::currentTestFailed());
    // The browser marks the secret with its worst finding, and says what in its tooltip.
    QCOMPARE(tree->contentMark(name), NamespaceTreeModel::ContentMark::Error);
    QCOMPARE(tree->contentMark(u"acme/prod/jwt-keys"_s), NamespaceTreeModel::ContentMark::None);
    const QModelIndex row = tree->indexForName(name);
    QCOMPARE(row.data(NamespaceTreeModel::ContentMarkRole).toInt(), int(NamespaceTreeModel::ContentMark::Error));
    QVERIFY2(row.data(Qt::ToolTipRole).toString().contains(u"1 error"_s),
             qPrintable(row.data(Qt::ToolTipRole).toString()));

    editCell(cell(u"/client_secret"_s), u"c9d1-real-value-4e"_s);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({});
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(!m_window->valuePane()->findingsBar()->isVisible());
    QCOMPARE(tree->contentMark(name), NamespaceTreeModel::ContentMark::None);

    // Undo brings the finding back.
    m_window->valuePane()->undoAction()->trigger();
    waitForFindingIds({ u"placeholder"_s });
    QVERIFY(!QTest::currentTestFailed());
    QCOMPARE(tree->contentMark(name), NamespaceTreeModel::ContentMark::Error);
}

void TestContentFindings::testNewErrorHoldsSaveUntilSaveAnyway()
{
    const QString name = u"acme/prod/database"_s;
    openSecret(name);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({});
    QVERIFY(!QTest::currentTestFailed());
    SecretValuePane *pane = m_window->valuePane();
    ContentFindingsBar *bar = pane->findingsBar();

    // "password" was in both earlier versions: taking it out is an error the loaded one lacked.
    pane->treeView()->setCurrentIndex(cell(u"/password"_s, JsonTreeModel::KeyColumn));
    pane->removeAction()->trigger();
    // The history is read in the background; once it is, the finding is there.
    waitForFindingIds({ u"history.missing-key"_s });
    QVERIFY(!QTest::currentTestFailed());

    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    pane->saveAction()->trigger();
    QVERIFY(bar->isSaveHeld());
    QVERIFY(bar->heldLabel()->isVisible());
    QVERIFY2(bar->heldLabel()->text().startsWith(u"Not saved: `password` was in every earlier version"_s),
             qPrintable(bar->heldLabel()->text()));
    QCOMPARE(bar->saveAnywayButton()->text(), u"Save Anyway, with 1 error"_s);
    QTest::qWait(300);
    QCOMPARE(saved.count(), 0);
    QCOMPARE(storedValue(name), databaseV2);

    // An edit takes the offer back; the next save is held again.
    editCell(cell(u"/host"_s), u"db2.internal"_s);
    QVERIFY(!QTest::currentTestFailed());
    QTRY_VERIFY(!bar->isSaveHeld());
    pane->saveAction()->trigger();
    QVERIFY(bar->isSaveHeld());

    // Save Anyway, one deliberate click, writes the value with the error.
    QTest::mouseClick(bar->saveAnywayButton(), Qt::LeftButton);
    QVERIFY(saved.wait(20000));
    QCOMPARE(storedValue(name), QByteArray("{\"host\":\"db2.internal\",\"port\":5432}"));
    QVERIFY(!bar->isSaveHeld());
    // Now the saved version is the loaded one and has the error itself: the next save is not held.
    waitForFindingIds({ u"history.missing-key"_s });
    QVERIFY(!QTest::currentTestFailed());
    editCell(cell(u"/host"_s), u"db3.internal"_s);
    QVERIFY(!QTest::currentTestFailed());
    pane->saveAction()->trigger();
    QVERIFY(!bar->isSaveHeld());
    QVERIFY(saved.wait(20000));
}

void TestContentFindings::testErrorTheLoadedVersionHadDoesNotHoldSave()
{
    const QString name = u"acme/prod/webhook"_s;
    openSecret(name);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({ u"placeholder"_s });
    QVERIFY(!QTest::currentTestFailed());
    SecretValuePane *pane = m_window->valuePane();
    editCell(cell(u"/url"_s), u"https://hooks.example.com/v2"_s);
    QVERIFY(!QTest::currentTestFailed());
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    pane->saveAction()->trigger();
    QVERIFY(!pane->findingsBar()->isSaveHeld());
    QVERIFY(saved.wait(20000));
    QVERIFY(storedValue(name).contains("\"url\":\"https://hooks.example.com/v2\""));
}

void TestContentFindings::testSchemaErrorHoldsSave()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"team.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"schemas\":[{\"match\":\"acme/**/webhook\",\"schema\":{\"required\":[\"client_id\",\"region\"]}}]}");
    file.close();

    // A set that does not load says why, and changes nothing.
    const auto broken = m_window->useSchemaSet(dir.filePath(u"missing.json"_s), false);
    QVERIFY(broken.has_value());
    QVERIFY2(broken->contains(u"missing.json"_s), qPrintable(*broken));
    QVERIFY(m_window->schemaSetPath().isEmpty());

    QCOMPARE(m_window->useSchemaSet(path, false), std::nullopt);
    QCOMPARE(m_window->schemaSetPath(), path);
    const QString name = u"acme/prod/webhook"_s;
    openSecret(name);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({ u"schema.required"_s, u"placeholder"_s });
    QVERIFY(!QTest::currentTestFailed());

    // A schema error holds any save back, even one the loaded version had.
    SecretValuePane *pane = m_window->valuePane();
    editCell(cell(u"/client_secret"_s), u"c9d1-real-value-4e"_s);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({ u"schema.required"_s });
    QVERIFY(!QTest::currentTestFailed());
    pane->saveAction()->trigger();
    QVERIFY(pane->findingsBar()->isSaveHeld());
    QVERIFY2(pane->findingsBar()->heldLabel()->text().contains(u"region"_s),
             qPrintable(pane->findingsBar()->heldLabel()->text()));
    QCOMPARE(storedValue(name), webhook);

    // Stopping the schemas takes their findings away at once.
    QCOMPARE(m_window->useSchemaSet({}, false), std::nullopt);
    waitForFindingIds({});
    QVERIFY(!QTest::currentTestFailed());
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    pane->saveAction()->trigger();
    QVERIFY(saved.wait(20000));
}

void TestContentFindings::testChosenSchemaSetIsKeptForTheNextStart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"team.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"schemas\":[{\"match\":\"acme/**\",\"schema\":{\"required\":[\"owner\"]}}]}");
    file.close();

    // File > Content Schemas remembers the set; the next window starts with it.
    QCOMPARE(m_window->useSchemaSet(path, true), std::nullopt);
    QCOMPARE(QSettings().value(u"Content/schemaSet"_s).toString(), path);
    {
        MainWindow next;
        QCOMPARE(next.schemaSetPath(), path);
    }
    openSecret(u"acme/prod/jwt-keys"_s);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({ u"schema.required"_s });
    QVERIFY(!QTest::currentTestFailed());

    // Stop Using Schemas, from the menu: gone now and at the next start.
    auto *menu = m_window->findChild<QMenu *>(u"SchemaMenu"_s);
    QVERIFY(menu);
    QAction *stop = menu->actions().constLast();
    QVERIFY(stop->isEnabled());
    stop->trigger();
    waitForFindingIds({});
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(!QSettings().contains(u"Content/schemaSet"_s));
    QVERIFY(!stop->isEnabled());
    MainWindow next;
    QVERIFY(next.schemaSetPath().isEmpty());
}

void TestContentFindings::testKeysAreNamedAndOnlyPrivateOnesMasked()
{
    openSecret(u"acme/prod/jwt-keys"_s);
    QVERIFY(!QTest::currentTestFailed());
    waitForFindingIds({});
    QVERIFY(!QTest::currentTestFailed());
    const QString mask = JsonTreeModel::maskText.toString();
    const QString publicType = cell(u"/publicKeyPem"_s, JsonTreeModel::TypeColumn).data().toString();
    QVERIFY2(publicType.startsWith(u"PEM · "_s) && publicType.contains(u"2048"_s)
                 && publicType.endsWith(u"public key"_s),
             qPrintable(publicType));
    QVERIFY2(cell(u"/privateKeyPem"_s, JsonTreeModel::TypeColumn).data().toString().endsWith(u"private key"_s),
             qPrintable(cell(u"/privateKeyPem"_s, JsonTreeModel::TypeColumn).data().toString()));
    // The JSON kind stays for editing.
    QCOMPARE(cell(u"/publicKeyPem"_s, JsonTreeModel::TypeColumn).data(Qt::EditRole).toString(), u"string"_s);

    // Public material is readable; the private key is masked.
    QVERIFY(cell(u"/publicKeyPem"_s).data().toString().startsWith(u"-----BEGIN PUBLIC KEY-----"_s));
    QCOMPARE(cell(u"/privateKeyPem"_s).data().toString(), mask);
    QCOMPARE(cell(u"/kid"_s).data().toString(), u"2026-11"_s);

    // Mask Public Values Too hides the public key as well, and is kept for the next start.
    QAction *maskPublic = m_window->valuePane()->maskPublicAction();
    QVERIFY(!maskPublic->isChecked());
    maskPublic->trigger();
    QCOMPARE(cell(u"/publicKeyPem"_s).data().toString(), mask);
    QCOMPARE(cell(u"/privateKeyPem"_s).data().toString(), mask);
    QVERIFY(QSettings().value(u"Editor/maskPublicValues"_s).toBool());
    maskPublic->trigger();
    QVERIFY(cell(u"/publicKeyPem"_s).data().toString().startsWith(u"-----BEGIN PUBLIC KEY-----"_s));
    QVERIFY(!QSettings().value(u"Editor/maskPublicValues"_s).toBool());
}

QTEST_MAIN(TestContentFindings)
#include "testcontentfindings.moc"
