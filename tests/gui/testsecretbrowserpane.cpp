// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The secret browser driven as a user would: typing in the filter, ticking the deletion switch,
// picking a secret.
#include "models/catalog/namespacetreemodel.h"
#include "models/core/appinfo.h"
#include "views/secretbrowserpane.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using coffer::NamespaceTreeModel;
using coffer::SecretBrowserPane;
using coffer::aws::SecretMetadata;

namespace {

QList<SecretMetadata> demoSecrets()
{
    QList<SecretMetadata> secrets;
    for (const QString &name :
         {u"paintbox/production/jwt/public-keys"_s, u"pixell/dev"_s, u"pixell/prod"_s,
          u"sophon/prod/auth/jwt-keys"_s, u"sophon/staging/auth/jwt-keys"_s, u"legacy/retired"_s}) {
        SecretMetadata secret;
        secret.name = name;
        if (name == u"legacy/retired"_s)
            secret.deletedDate = QDateTime::currentDateTimeUtc().addDays(7);
        secrets.append(secret);
    }
    return secrets;
}

// Names of the visible secrets, in display order (namespaces expanded or not).
QStringList visibleSecrets(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(NamespaceTreeModel::IsNamespaceRole).toBool())
            names += visibleSecrets(model, index);
        else
            names += index.data(NamespaceTreeModel::FullNameRole).toString();
    }
    return names;
}

} // namespace

class TestSecretBrowserPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void testShowsCountsAndTotal();
    void testTypingFiltersAndExpands();
    void testBroadFilterLeavesExpansionAlone();
    void testMatchesStreamingInAreRevealed();
    void testDeletedSecretsBehindSwitch();
    void testPickingASecretReportsIt();
    void testStreamingUpdatesStatus();

private:
    NamespaceTreeModel *m_model = nullptr;
    SecretBrowserPane *m_pane = nullptr;
};

void TestSecretBrowserPane::initTestCase()
{
    // The English translation supplies the plural forms ("1 secret", "2 secrets").
    coffer::AppInfo::installTranslations();
}

void TestSecretBrowserPane::init()
{
    m_model = new NamespaceTreeModel;
    m_model->setSecrets(demoSecrets());
    m_pane = new SecretBrowserPane;
    m_pane->setModel(m_model);
    m_pane->resize(400, 600);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane));
}

void TestSecretBrowserPane::cleanup()
{
    delete m_pane;
    delete m_model;
}

void TestSecretBrowserPane::testShowsCountsAndTotal()
{
    QAbstractItemModel *view = m_pane->treeView()->model();
    QCOMPARE(view->rowCount(), 3);   // legacy/ holds only a deleted secret: hidden
    QCOMPARE(view->index(0, 0).data().toString(), u"paintbox/"_s);
    QCOMPARE(view->index(1, NamespaceTreeModel::CountColumn).data().toInt(), 2);
    QCOMPARE(m_pane->statusLabel()->text(), u"6 secrets"_s);
}

void TestSecretBrowserPane::testTypingFiltersAndExpands()
{
    QTest::keyClicks(m_pane->filterEdit(), u"jwt-k"_s);
    QAbstractItemModel *view = m_pane->treeView()->model();
    QCOMPARE(visibleSecrets(*view),
             QStringList({u"sophon/prod/auth/jwt-keys"_s, u"sophon/staging/auth/jwt-keys"_s}));
    // Matches are revealed, not left inside collapsed namespaces.
    const QModelIndex auth = view->index(0, 0, view->index(0, 0, view->index(0, 0)));
    QVERIFY(m_pane->treeView()->isExpanded(auth));
    QCOMPARE(m_pane->statusLabel()->text(), u"2 of 6 secrets match"_s);

    m_pane->filterEdit()->clear();
    QCOMPARE(visibleSecrets(*view).size(), 5);
}

void TestSecretBrowserPane::testBroadFilterLeavesExpansionAlone()
{
    QList<SecretMetadata> bulk;
    for (int i = 0; i < 2100; ++i) {
        SecretMetadata secret;
        secret.name = u"bulk/batch/secret-%1"_s.arg(i);
        bulk.append(secret);
    }
    m_model->addSecrets(bulk);
    QTreeView *tree = m_pane->treeView();
    QAbstractItemModel *view = tree->model();

    // 2,100 matches: more than anyone reads, so nothing is expanded for them.
    QTest::keyClicks(m_pane->filterEdit(), u"bulk"_s);
    QCOMPARE(m_pane->statusLabel()->text(), u"2100 of 2106 secrets match"_s);
    const QModelIndex bulkNamespace = view->index(0, 0);
    QCOMPARE(bulkNamespace.data().toString(), u"bulk/"_s);
    QVERIFY(!tree->isExpanded(bulkNamespace));

    // Narrower: secret-1, -1x, -1xx and -1xxx are 1,111 matches, and they are revealed.
    QTest::keyClicks(m_pane->filterEdit(), u"/batch/secret-1"_s);
    QCOMPARE(m_pane->statusLabel()->text(), u"1111 of 2106 secrets match"_s);
    QVERIFY(tree->isExpanded(bulkNamespace));
    QVERIFY(tree->isExpanded(view->index(0, 0, bulkNamespace)));
    QCOMPARE(visibleSecrets(*view).size(), 1111);
}

void TestSecretBrowserPane::testMatchesStreamingInAreRevealed()
{
    QTest::keyClicks(m_pane->filterEdit(), u"late"_s);
    QCOMPARE(m_pane->statusLabel()->text(), u"0 of 6 secrets match"_s);
    SecretMetadata late;
    late.name = u"miyabi/prod/late-arrival"_s;
    SecretMetadata other;
    other.name = u"miyabi/prod/other"_s;
    m_model->addSecrets({late, other});

    QAbstractItemModel *view = m_pane->treeView()->model();
    QCOMPARE(visibleSecrets(*view), QStringList{u"miyabi/prod/late-arrival"_s});
    QCOMPARE(m_pane->statusLabel()->text(), u"1 of 8 secrets match"_s);
    const QModelIndex prod = view->index(0, 0, view->index(0, 0));
    QCOMPARE(prod.data(NamespaceTreeModel::FullNameRole).toString(), u"miyabi/prod/"_s);
    // Revealed once the batch is in, not after every row.
    QTRY_VERIFY(m_pane->treeView()->isExpanded(prod));
}

void TestSecretBrowserPane::testDeletedSecretsBehindSwitch()
{
    QAbstractItemModel *view = m_pane->treeView()->model();
    QVERIFY(!visibleSecrets(*view).contains(u"legacy/retired"_s));
    QTest::mouseClick(m_pane->showDeletedCheckBox(), Qt::LeftButton, {},
                      QPoint(8, m_pane->showDeletedCheckBox()->height() / 2));
    QVERIFY(m_pane->showDeletedCheckBox()->isChecked());
    QVERIFY(visibleSecrets(*view).contains(u"legacy/retired"_s));
}

void TestSecretBrowserPane::testPickingASecretReportsIt()
{
    QSignalSpy picked(m_pane, &SecretBrowserPane::currentSecretChanged);
    QVERIFY(m_pane->selectName(u"pixell/prod"_s));
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.takeFirst().at(0).toString(), u"pixell/prod"_s);
    QCOMPARE(m_pane->currentSecretName(), u"pixell/prod"_s);

    // Keyboard: Up moves to pixell/dev.
    m_pane->treeView()->setFocus();
    QTest::keyClick(m_pane->treeView(), Qt::Key_Up);
    QCOMPARE(m_pane->currentSecretName(), u"pixell/dev"_s);
    QVERIFY(!m_pane->selectName(u"no/such/secret"_s));
}

void TestSecretBrowserPane::testStreamingUpdatesStatus()
{
    m_model->clear();
    m_pane->setLoading(true);
    SecretMetadata more;
    more.name = u"miyabi/prod/api-keys"_s;
    m_model->addSecrets({more});
    QCOMPARE(m_pane->statusLabel()->text(), u"Loading… 1 secret"_s);
    m_pane->setLoading(false);
    QCOMPARE(m_pane->statusLabel()->text(), u"1 secret"_s);
    m_pane->setErrorText(u"Listing failed"_s);
    QCOMPARE(m_pane->statusLabel()->text(), u"Listing failed"_s);
}

QTEST_MAIN(TestSecretBrowserPane)
#include "testsecretbrowserpane.moc"
