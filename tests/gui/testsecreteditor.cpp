// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The JSON tree editor end to end: the real main window on an in-process sandbox over HTTP,
// driven as an operator would (filter, pick, edit cells, raw mode, undo, save), with what
// reaches the server checked byte for byte. A concurrent write comes from the real coffer-cli.
#include "models/catalog/secretcatalogloader.h"
#include "models/core/appinfo.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "models/session/localsandbox.h"
#include "models/session/session.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"
#include "tests/gui/sandboxwindow.h"
#include "views/mainwindow.h"
#include "views/reviewchangesdialog.h"
#include "views/secretbrowserpane.h"
#include "views/secretvaluepane.h"

#include <QAction>
#include <QCheckBox>
#include <QTreeWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

// Compact, with numbers no double holds, `1.10`, escapes and a PEM: the save must change one
// token and nothing else.
const QByteArray jwtKeys =
    R"({"access":{"kid":"2024-01","privateKeyPem":"-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",)"
    R"("serial":18446744073709551616,"weight":1.10},"refresh":{"kid":"2024-02","label":"caf\u00e9 \ud83d\ude00"}})";

const QByteArray pixell = R"({
  "DB_HOST": "db.pixell.internal",
  "DB_PORT": "5432",
  "DB_PASSWORD": "hunter2-not-real"
}
)";

// A value written on Windows, with a no-break space and a Unicode line separator in it.
const QByteArray windowsEnv = "A=1\r\nB=two\u00a0words\r\nC=x\u2028y\r\n";

void seed(sandbox::SandboxStore &store)
{
    const auto create = [&store](const char *name, const QByteArray &value) {
        const auto created = store.call(u"CreateSecret",
                                        { { "Name", name }, { "SecretString", value.toStdString() } });
        Q_ASSERT(created.has_value());
    };
    create("sophon/prod/auth/jwt-keys", jwtKeys);
    create("sophon/staging/auth/jwt-keys", jwtKeys);
    create("pixell/prod", pixell);
    create("miyabi/prod/deploy-token", "tok-not-a-real-token");
    create("legacy/windows-env", windowsEnv);
    const auto binary = store.call(u"CreateSecret", { { "Name", "pixell/keystore" },
                                                      { "SecretBinary", "AAECA/7/" } });
    Q_ASSERT(binary.has_value());
}

} // namespace

class TestSecretEditor final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testFindEditSaveAndReopen();
    void testRenameKeyAndUndo();
    void testInvalidRawJsonBlocksSave();
    void testOversizeValueIsRefusedBeforeSending();
    void testNothingChangedWritesNothing();
    void testConcurrentCliPutTriggersConflictAndRebase();
    void testConflictOverwrite();
    void testPlainTextAndBinarySecrets();
    void testSwitchingAwayAsksBeforeDiscarding();
    void testPlainTextKeepsLineEndingsAndSpecialSpaces();

private:
    void openSecret(const QString &name);
    QModelIndex cell(const QString &pointer, int column = JsonTreeModel::ValueColumn) const;
    void editCell(const QModelIndex &index, const QString &text);
    void save();
    QByteArray storedValue(const QString &name, const QString &stage = u"AWSCURRENT"_s);
    QString storedVersion(const QString &name, const QString &stage = u"AWSCURRENT"_s);
    int runCli(const QStringList &arguments);

    std::unique_ptr<test::SandboxWindow> m_fixture;
    LocalSandbox *m_sandbox = nullptr;
    Session *m_session = nullptr;
    MainWindow *m_window = nullptr;
};

void TestSecretEditor::initTestCase()
{
    AppInfo::applyToApplication();
    AppInfo::installTranslations();
}

void TestSecretEditor::init()
{
    m_fixture = std::make_unique<test::SandboxWindow>(seed);
    m_sandbox = m_fixture->sandbox();
    m_session = m_fixture->session();
    m_window = m_fixture->window();
}

void TestSecretEditor::cleanup()
{
    m_fixture.reset();
}

void TestSecretEditor::openSecret(const QString &name)
{
    m_fixture->openSecret(name);
    QCOMPARE(m_window->secretTabs()->currentWidget(), m_window->valuePane());
}

QModelIndex TestSecretEditor::cell(const QString &pointer, int column) const
{
    return m_fixture->cell(pointer, column);
}

void TestSecretEditor::editCell(const QModelIndex &index, const QString &text)
{
    m_fixture->editCell(index, text);
}

void TestSecretEditor::save()
{
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    QVERIFY(m_window->valuePane()->saveAction()->isEnabled());
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY(saved.wait(20000));
}

QByteArray TestSecretEditor::storedValue(const QString &name, const QString &stage)
{
    const auto value = m_sandbox->server()->store().call(
        u"GetSecretValue", { { "SecretId", name.toStdString() }, { "VersionStage", stage.toStdString() } });
    if (!value)
        return {};
    return QByteArray::fromStdString((*value)["SecretString"].get<std::string>());
}

QString TestSecretEditor::storedVersion(const QString &name, const QString &stage)
{
    const auto value = m_sandbox->server()->store().call(
        u"GetSecretValue", { { "SecretId", name.toStdString() }, { "VersionStage", stage.toStdString() } });
    return value ? QString::fromStdString((*value)["VersionId"].get<std::string>()) : QString();
}

int TestSecretEditor::runCli(const QStringList &arguments)
{
    return test::runProcess(test::cliPath(), arguments,
                            test::environmentFor(m_sandbox->url(), m_sandbox->credentials(),
                                                 m_sandbox->region()))
        .exitCode;
}

void TestSecretEditor::testFindEditSaveAndReopen()
{
    const QString name = u"sophon/prod/auth/jwt-keys"_s;
    const QString before = storedVersion(name);
    openSecret(name);
    SecretValuePane *pane = m_window->valuePane();

    // Public material is shown (a kid); the rest is masked until revealed, per value.
    QCOMPARE(cell(u"/access/kid"_s).data().toString(), u"2024-01"_s);
    QCOMPARE(cell(u"/access/privateKeyPem"_s).data().toString(), JsonTreeModel::maskText.toString());
    pane->treeView()->setCurrentIndex(cell(u"/access/privateKeyPem"_s));
    pane->revealAction()->trigger();
    QVERIFY(cell(u"/access/privateKeyPem"_s).data().toString().startsWith(u"-----BEGIN PRIVATE KEY-----"));
    QCOMPARE(cell(u"/refresh/label"_s).data().toString(), JsonTreeModel::maskText.toString());

    QVERIFY(!pane->saveAction()->isEnabled());
    editCell(cell(u"/access/kid"_s), u"2025-07"_s);
    QVERIFY(m_window->editSession()->isModified());
    QVERIFY(m_window->isWindowModified());
    QVERIFY(pane->modifiedLabel()->isVisible());
    QCOMPARE(pane->modifiedLabel()->text(), u"● Unsaved changes"_s);

    // Review: one change, by path, its values hidden behind fingerprints until asked for.
    pane->reviewAction()->trigger();
    ReviewChangesDialog *review = nullptr;
    QTRY_VERIFY((review = m_window->findChild<ReviewChangesDialog *>()) != nullptr);
    QCOMPARE(review->changeList()->topLevelItemCount(), 1);
    QTreeWidgetItem *change = review->changeList()->topLevelItem(0);
    QCOMPARE(change->text(0), u"Changed"_s);
    QCOMPARE(change->text(1), u"/access/kid"_s);
    QVERIFY2(change->text(2).startsWith(u"string, hidden · "_s), qPrintable(change->text(2)));
    QVERIFY(change->text(2) != change->text(3));
    // The first real click reveals (it once revealed nothing until the second).
    QVERIFY(QTest::qWaitForWindowExposed(review));
    QTest::mouseClick(review->showValuesCheckBox(), Qt::LeftButton, {},
                      QPoint(8, review->showValuesCheckBox()->height() / 2));
    QVERIFY(review->showValuesCheckBox()->isChecked());
    change = review->changeList()->topLevelItem(0);
    QCOMPARE(change->text(2), u"\"2024-01\""_s);
    QCOMPARE(change->text(3), u"\"2025-07\""_s);
    // The selected change whole, below; Before and After share the width.
    QVERIFY(review->detailsView()->toPlainText().contains(u"\"2025-07\""_s));
    QCOMPARE(review->changeList()->header()->sectionResizeMode(3), QHeaderView::Stretch);
    QCOMPARE(review->changeList()->header()->sectionResizeMode(2), QHeaderView::Stretch);
    // Save from the review: the editor's own save.
    QVERIFY(review->saveButton()->isEnabled());
    QTest::mouseClick(review->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->editSession()->isModified(), 10000);

    QByteArray expected = jwtKeys;
    expected.replace(R"("kid":"2024-01")", R"("kid":"2025-07")");
    QCOMPARE(storedValue(name), expected);
    QCOMPARE(storedVersion(name, u"AWSPREVIOUS"_s), before);
    QCOMPARE(m_window->editSession()->loadedVersionId(), storedVersion(name));
    QVERIFY(!m_window->isWindowModified());
    QVERIFY(!pane->modifiedLabel()->isVisible());
    QVERIFY(!pane->saveAction()->isEnabled());

    // Away and back: the new version is what opens.
    openSecret(u"pixell/prod"_s);
    openSecret(name);
    QCOMPARE(cell(u"/access/kid"_s).data(Qt::EditRole).toString(), u"2025-07"_s);
    QCOMPARE(m_window->editSession()->loadedVersionId(), storedVersion(name));
}

void TestSecretEditor::testRenameKeyAndUndo()
{
    const QString name = u"pixell/prod"_s;
    openSecret(name);
    SecretValuePane *pane = m_window->valuePane();
    editCell(cell(u"/DB_HOST"_s, JsonTreeModel::KeyColumn), u"DATABASE_HOST"_s);
    QVERIFY(cell(u"/DATABASE_HOST"_s).isValid());
    QVERIFY(pane->saveAction()->isEnabled());
    QCOMPARE(pane->undoAction()->text(), u"&Undo"_s);
    QCOMPARE(pane->undoAction()->toolTip(), u"Undo Rename key"_s);

    pane->treeView()->setFocus();
    QTest::keySequence(pane->treeView(), QKeySequence::Undo);
    QVERIFY(cell(u"/DB_HOST"_s).isValid());
    QVERIFY(!m_window->editSession()->isModified());
    QVERIFY(!pane->saveAction()->isEnabled());
    QCOMPARE(m_window->editSession()->jsonModel()->toJson(), pixell);

    // Renaming onto an existing key is refused with the reason, and changes nothing.
    editCell(cell(u"/DB_HOST"_s, JsonTreeModel::KeyColumn), u"DB_PORT"_s);
    QCOMPARE(pane->statusLabel()->text(), u"There is already a key named “DB_PORT” here"_s);
    QVERIFY(!m_window->editSession()->isModified());
}

void TestSecretEditor::testInvalidRawJsonBlocksSave()
{
    const QString name = u"pixell/prod"_s;
    const QString version = storedVersion(name);
    openSecret(name);
    SecretValuePane *pane = m_window->valuePane();
    // The raw text can be edited once the values are revealed.
    pane->revealAllAction()->trigger();
    pane->rawModeAction()->trigger();
    QVERIFY(!pane->rawEdit()->isReadOnly());
    QCOMPARE(pane->rawEdit()->toPlainText().toUtf8(), pixell);

    // Pasted over the whole text, as a user replacing the value would.
    pane->rawEdit()->selectAll();
    pane->rawEdit()->insertPlainText(u"{\n  \"DB_HOST\": \"x\",\n  \"DB_PORT\": 54 32\n}"_s);
    QTRY_VERIFY_WITH_TIMEOUT(pane->rawErrorLabel()->isVisible(), 5000);
    QVERIFY2(pane->rawErrorLabel()->text().contains(u"line 3, column 17"_s),
             qPrintable(pane->rawErrorLabel()->text()));
    QVERIFY(!pane->saveAction()->isEnabled());
    QTest::keySequence(pane->rawEdit(), QKeySequence::Save);
    QCOMPARE(storedVersion(name), version);
    // The tree cannot show it: raw mode stays until the text is fixed.
    pane->rawModeAction()->trigger();
    QVERIFY(pane->rawModeAction()->isChecked());

    pane->rawEdit()->selectAll();
    pane->rawEdit()->insertPlainText(u"{\n  \"DB_HOST\": \"x\",\n  \"DB_PORT\": 5433\n}"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!pane->rawErrorLabel()->isVisible(), 5000);
    QVERIFY(pane->saveAction()->isEnabled());
    pane->rawModeAction()->trigger();
    QVERIFY(!pane->rawModeAction()->isChecked());
    QCOMPARE(cell(u"/DB_PORT"_s).data(Qt::EditRole).toString(), u"5433"_s);
}

void TestSecretEditor::testOversizeValueIsRefusedBeforeSending()
{
    const QString name = u"pixell/prod"_s;
    const QString version = storedVersion(name);
    openSecret(name);
    SecretValuePane *pane = m_window->valuePane();
    // Pasted into the raw editor: a value bigger than Secrets Manager holds.
    pane->revealAllAction()->trigger();
    pane->rawModeAction()->trigger();
    pane->rawEdit()->selectAll();
    pane->rawEdit()->insertPlainText(u"{\"DB_PASSWORD\": \"%1\"}"_s.arg(QString(70000, u'x')));
    QTRY_VERIFY(m_window->editSession()->isModified());
    pane->saveAction()->trigger();
    QVERIFY2(pane->statusLabel()->text().contains(u"65536"_s), qPrintable(pane->statusLabel()->text()));
    QVERIFY(!m_window->editSession()->isBusy());
    QCOMPARE(storedVersion(name), version);
}

void TestSecretEditor::testNothingChangedWritesNothing()
{
    const QString name = u"sophon/prod/auth/jwt-keys"_s;
    const QString version = storedVersion(name);
    openSecret(name);
    editCell(cell(u"/refresh/kid"_s), u"other"_s);
    editCell(cell(u"/refresh/kid"_s), u"2024-02"_s);
    QVERIFY(!m_window->editSession()->isModified());
    QVERIFY(!m_window->valuePane()->saveAction()->isEnabled());
    m_window->editSession()->save();
    QCOMPARE(storedVersion(name), version);
    QCOMPARE(m_window->editSession()->jsonModel()->toJson(), jwtKeys);
}

void TestSecretEditor::testConcurrentCliPutTriggersConflictAndRebase()
{
    const QString name = u"pixell/prod"_s;
    openSecret(name);
    editCell(cell(u"/DB_HOST"_s), u"db2.pixell.internal"_s);

    // Meanwhile someone else changes another key with coffer-cli.
    QTemporaryDir dir;
    QFile file(dir.filePath(u"value.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QByteArray theirs = pixell;
    theirs.replace(R"("DB_PORT": "5432")", R"("DB_PORT": "6432")");
    file.write(theirs);
    file.close();
    const QString myVersion = m_window->editSession()->loadedVersionId();
    QCOMPARE(runCli({ u"put"_s, name, u"--value-file"_s, file.fileName() }), 0);
    const QString theirVersion = storedVersion(name);
    QVERIFY(theirVersion != myVersion);

    QSignalSpy conflict(m_window->editSession(), &SecretEditSession::conflictDetected);
    QVERIFY(m_window->editSession()->isModified());
    QVERIFY(m_window->valuePane()->saveAction()->isEnabled());
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY2(conflict.wait(20000), qPrintable(m_window->valuePane()->statusLabel()->text()));
    QCOMPARE(storedValue(name), theirs);   // nothing overwritten
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"ConflictDialog"_s)) != nullptr);
    QVERIFY(box->text().contains(theirVersion.left(8)));
    box->findChild<QPushButton *>(u"RebaseButton"_s)->click();

    // Their port and my host, on top of their version, ready to save.
    QCOMPARE(m_window->editSession()->loadedVersionId(), theirVersion);
    QVERIFY(m_window->editSession()->isModified());
    QByteArray both = theirs;
    both.replace("db.pixell.internal", "db2.pixell.internal");
    QCOMPARE(m_window->editSession()->jsonModel()->toJson(), both);
    save();
    QCOMPARE(storedValue(name), both);
    QCOMPARE(storedVersion(name, u"AWSPREVIOUS"_s), theirVersion);
}

void TestSecretEditor::testConflictOverwrite()
{
    const QString name = u"sophon/staging/auth/jwt-keys"_s;
    openSecret(name);
    editCell(cell(u"/access/kid"_s), u"mine"_s);
    QVERIFY(m_sandbox->server()->store().call(
        u"PutSecretValue", { { "SecretId", name.toStdString() }, { "SecretString", "{\"other\":1}" } }).has_value());

    QSignalSpy conflict(m_window->editSession(), &SecretEditSession::conflictDetected);
    m_window->valuePane()->saveAction()->trigger();
    QVERIFY(conflict.wait(20000));
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"ConflictDialog"_s)) != nullptr);
    QSignalSpy saved(m_window->editSession(), &SecretEditSession::saved);
    box->findChild<QPushButton *>(u"OverwriteButton"_s)->click();
    QVERIFY(saved.wait(20000));
    QByteArray expected = jwtKeys;
    expected.replace(R"("kid":"2024-01")", R"("kid":"mine")");
    QCOMPARE(storedValue(name), expected);
    QCOMPARE(storedValue(name, u"AWSPREVIOUS"_s), QByteArray("{\"other\":1}"));
}

void TestSecretEditor::testPlainTextAndBinarySecrets()
{
    SecretValuePane *pane = m_window->valuePane();
    openSecret(u"miyabi/prod/deploy-token"_s);
    QCOMPARE(m_window->editSession()->mode(), SecretEditSession::Mode::Text);
    auto *placeholder = pane->findChild<QLabel *>(u"ValuePlaceholder"_s);
    QVERIFY(placeholder->isVisible());
    QVERIFY(!placeholder->text().contains(u"tok-"_s));
    pane->revealAllAction()->trigger();
    QVERIFY(pane->textEdit()->isVisible());
    QCOMPARE(pane->textEdit()->toPlainText(), u"tok-not-a-real-token"_s);
    pane->textEdit()->selectAll();
    QTest::keyClicks(pane->textEdit(), u"tok-rotated"_s);
    save();
    QCOMPARE(storedValue(u"miyabi/prod/deploy-token"_s), QByteArray("tok-rotated"));
    pane->revealAllAction()->trigger();

    openSecret(u"pixell/keystore"_s);
    QCOMPARE(m_window->editSession()->mode(), SecretEditSession::Mode::Binary);
    QVERIFY(placeholder->text().contains(u"6 bytes"_s));
    pane->revealAllAction()->trigger();
    QVERIFY(pane->binaryView()->isVisible());
    QVERIFY2(pane->binaryView()->toPlainText().startsWith(u"00000000  00 01 02 03 fe ff"_s),
             qPrintable(pane->binaryView()->toPlainText()));
    pane->revealAllAction()->trigger();
}

void TestSecretEditor::testPlainTextKeepsLineEndingsAndSpecialSpaces()
{
    // QPlainTextEdit gives every line break back as LF and U+00A0 as a space: what the user did
    // not touch must still be saved as it was.
    SecretValuePane *pane = m_window->valuePane();
    openSecret(u"legacy/windows-env"_s);
    QCOMPARE(m_window->editSession()->mode(), SecretEditSession::Mode::Text);
    pane->revealAllAction()->trigger();
    QVERIFY(pane->textEdit()->isVisible());
    QVERIFY(!m_window->editSession()->isModified());
    pane->textEdit()->moveCursor(QTextCursor::End);
    QTest::keyClicks(pane->textEdit(), u"D=4"_s);
    QTest::keyClick(pane->textEdit(), Qt::Key_Return);
    QTest::keyClicks(pane->textEdit(), u"E=5"_s);
    save();
    QCOMPARE(storedValue(u"legacy/windows-env"_s), windowsEnv + "D=4\r\nE=5");

    // An edit in the middle leaves the rest exact too.
    QTextCursor cursor = pane->textEdit()->textCursor();
    cursor.setPosition(2);   // after "A="
    pane->textEdit()->setTextCursor(cursor);
    QTest::keyClick(pane->textEdit(), Qt::Key_Delete);
    QTest::keyClicks(pane->textEdit(), u"9"_s);
    save();
    QCOMPARE(storedValue(u"legacy/windows-env"_s), QByteArray(windowsEnv + "D=4\r\nE=5").replace("A=1", "A=9"));
    pane->revealAllAction()->trigger();
}

void TestSecretEditor::testSwitchingAwayAsksBeforeDiscarding()
{
    openSecret(u"pixell/prod"_s);
    editCell(cell(u"/DB_PORT"_s), u"1"_s);
    m_window->browserPane()->filterEdit()->clear();
    QVERIFY(m_window->browserPane()->selectName(u"sophon/prod/auth/jwt-keys"_s));
    // The edit is kept, and the edited secret stays selected, until the user decides.
    QCOMPARE(m_window->browserPane()->currentSecretName(), u"pixell/prod"_s);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"DiscardChangesDialog"_s)) != nullptr);
    QVERIFY(m_window->editSession()->isModified());
    box->button(QMessageBox::Discard)->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->editSession()->secretName(),
                              u"sophon/prod/auth/jwt-keys"_s, 20000);
    QCOMPARE(m_window->browserPane()->currentSecretName(), u"sophon/prod/auth/jwt-keys"_s);
    QTRY_VERIFY(!m_window->editSession()->isBusy());
    QVERIFY(!m_window->editSession()->isModified());
}

QTEST_MAIN(TestSecretEditor)
#include "testsecreteditor.moc"
