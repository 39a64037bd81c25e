// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/catalog/namespacetreemodel.h"
#include "models/catalog/secretfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::NamespaceTreeModel;
using coffer::aws::SecretMetadata;

namespace {

SecretMetadata secretNamed(const QString &name)
{
    SecretMetadata secret;
    secret.name = name;
    secret.arn = u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:"_s + name + u"-AbCdEf"_s;
    return secret;
}

QList<SecretMetadata> secretsNamed(const QStringList &names)
{
    QList<SecretMetadata> secrets;
    for (const QString &name : names)
        secrets.append(secretNamed(name));
    return secrets;
}

// The tree as text, depth-first: "paintbox/(2)[production/(2)[...]]".
QString dump(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList parts;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        QString part = index.data().toString();
        if (index.data(NamespaceTreeModel::IsNamespaceRole).toBool())
            part += u"(%1)"_s.arg(model.index(row, NamespaceTreeModel::CountColumn, parent).data().toInt());
        if (model.rowCount(index) > 0)
            part += u"["_s + dump(model, index) + u"]"_s;
        parts.append(part);
    }
    return parts.join(u' ');
}

const QStringList demoNames = {
    u"paintbox/production/jwt/public-keys"_s, u"pixell/prod"_s, u"pixell/dev"_s,
    u"sophon/staging/auth/jwt-keys"_s, u"sophon/prod/auth/jwt-keys"_s, u"plain-token"_s,
    u"paintbox/production/db"_s,
};

// Full names of the secrets a model shows, depth-first.
QStringList shownNames(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList names;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(NamespaceTreeModel::IsNamespaceRole).toBool())
            names += shownNames(model, index);
        else
            names += index.data(NamespaceTreeModel::FullNameRole).toString();
    }
    return names;
}

// What the filter must show, worked out the plain way.
QStringList expectedNames(const QMap<QString, SecretMetadata> &secrets, const QString &text,
                          bool showScheduled)
{
    QStringList names;
    for (const SecretMetadata &secret : secrets) {
        if (secret.name.contains(text.trimmed(), Qt::CaseInsensitive)
            && (showScheduled || !secret.isScheduledForDeletion()))
            names.append(secret.name);
    }
    names.sort();
    return names;
}

} // namespace

class TestNamespaceTreeModel final : public QObject
{
    Q_OBJECT

private slots:
    void testPathSegments_data();
    void testPathSegments();
    void testGroupsByNamespaceWithCounts();
    void testIncrementalAddMatchesFullLoad();
    void testAddKeepsPersistentIndexes();
    void testUpdateInPlace();
    void testRemoveDropsEmptyNamespaces();
    void testIndexForName();
    void testContentMarks();
    void testSecretAndNamespaceWithSameName();
    void testFilterFindsBySubstring();
    void testFilterNeverMatchesAcrossNames();
    void testScheduledForDeletionHiddenUntilAsked();
    void testFilterFollowsEveryChange();
    void testFilterAfterManyRemovals();
    void testModelTesterWithManySecrets();
};

void TestNamespaceTreeModel::testPathSegments_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("segments");
    QTest::newRow("deep") << u"paintbox/production/jwt/public-keys"_s
                          << QStringList{u"paintbox/"_s, u"production/"_s, u"jwt/"_s, u"public-keys"_s};
    QTest::newRow("flat") << u"token"_s << QStringList{u"token"_s};
    QTest::newRow("leading slash") << u"/a"_s << QStringList{u"/"_s, u"a"_s};
    QTest::newRow("double slash") << u"a//b"_s << QStringList{u"a/"_s, u"/"_s, u"b"_s};
}

void TestNamespaceTreeModel::testPathSegments()
{
    QFETCH(QString, name);
    QFETCH(QStringList, segments);
    QCOMPARE(NamespaceTreeModel::pathSegments(name), segments);
    QCOMPARE(segments.join(QString()), name);
}

void TestNamespaceTreeModel::testGroupsByNamespaceWithCounts()
{
    NamespaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSecrets(secretsNamed(demoNames));
    QCOMPARE(model.secretCount(), 7);
    QCOMPARE(dump(model),
             u"paintbox/(2)[production/(2)[jwt/(1)[public-keys] db]] "
             "pixell/(2)[dev prod] "
             "sophon/(2)[prod/(1)[auth/(1)[jwt-keys]] staging/(1)[auth/(1)[jwt-keys]]] "
             "plain-token"_s);
}

void TestNamespaceTreeModel::testIncrementalAddMatchesFullLoad()
{
    NamespaceTreeModel full;
    full.setSecrets(secretsNamed(demoNames));

    NamespaceTreeModel streamed;
    QAbstractItemModelTester tester(&streamed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&streamed, &QAbstractItemModel::modelReset);
    QSignalSpy counts(&streamed, &NamespaceTreeModel::secretCountChanged);
    // Pages in another order, with a repeat, as a refresh would deliver them.
    streamed.addSecrets(secretsNamed(demoNames.mid(4)));
    streamed.addSecrets(secretsNamed(demoNames.mid(0, 5)));
    QCOMPARE(dump(streamed), dump(full));
    QCOMPARE(streamed.secretCount(), 7);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(counts.count(), 2);
    QCOMPARE(counts.last().at(0).toInt(), 7);
}

void TestNamespaceTreeModel::testAddKeepsPersistentIndexes()
{
    NamespaceTreeModel model;
    model.setSecrets(secretsNamed({u"b/one"_s, u"d/two"_s}));
    const QPersistentModelIndex selected = model.indexForName(u"d/two"_s);
    QVERIFY(selected.isValid());
    model.addSecrets(secretsNamed({u"a/zero"_s, u"c/x"_s, u"d/a-first"_s}));
    QVERIFY(selected.isValid());
    QCOMPARE(selected.data(NamespaceTreeModel::FullNameRole).toString(), u"d/two"_s);
    QCOMPARE(selected.row(), 1);
    QCOMPARE(selected.parent().row(), 3);
}

void TestNamespaceTreeModel::testUpdateInPlace()
{
    NamespaceTreeModel model;
    model.setSecrets(secretsNamed({u"a/b"_s}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    SecretMetadata updated = secretNamed(u"a/b"_s);
    updated.description = u"now described"_s;
    model.addSecrets({updated});
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.indexForName(u"a/b"_s).data(NamespaceTreeModel::DescriptionRole).toString(),
             u"now described"_s);
    QCOMPARE(model.secretCount(), 1);
}

void TestNamespaceTreeModel::testRemoveDropsEmptyNamespaces()
{
    NamespaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSecrets(secretsNamed(demoNames));
    QVERIFY(model.removeSecret(u"paintbox/production/jwt/public-keys"_s));
    QVERIFY(!model.removeSecret(u"paintbox/production/jwt/public-keys"_s));
    QVERIFY(!model.removeSecret(u"paintbox/"_s));
    QCOMPARE(dump(model).section(u' ', 0, 1), u"paintbox/(1)[production/(1)[db]] pixell/(2)[dev"_s);
    QVERIFY(model.removeSecret(u"paintbox/production/db"_s));
    QVERIFY(!model.indexForName(u"paintbox/"_s).isValid());
    QCOMPARE(model.secretCount(), 5);
}

void TestNamespaceTreeModel::testIndexForName()
{
    NamespaceTreeModel model;
    model.setSecrets(secretsNamed(demoNames));
    const QModelIndex secret = model.indexForName(u"sophon/prod/auth/jwt-keys"_s);
    QVERIFY(secret.isValid());
    QCOMPARE(secret.data(NamespaceTreeModel::FullNameRole).toString(), u"sophon/prod/auth/jwt-keys"_s);
    QVERIFY(secret.data(NamespaceTreeModel::ArnRole).toString().endsWith(u"jwt-keys-AbCdEf"_s));
    const QModelIndex ns = model.indexForName(u"sophon/prod/"_s);
    QVERIFY(ns.isValid());
    QVERIFY(ns.data(NamespaceTreeModel::IsNamespaceRole).toBool());
    QCOMPARE(ns.data(NamespaceTreeModel::SecretCountRole).toInt(), 1);
    QVERIFY(!model.indexForName(u"sophon/prod"_s).isValid());
    QVERIFY(!model.indexForName(u"nothing/here"_s).isValid());
    QVERIFY(model.secret(u"pixell/dev"_s));
    QVERIFY(!model.secret(u"pixell/"_s));
}

void TestNamespaceTreeModel::testContentMarks()
{
    using Mark = NamespaceTreeModel::ContentMark;
    NamespaceTreeModel model;
    model.setSecrets(secretsNamed(demoNames));
    const QModelIndex prod = model.indexForName(u"pixell/prod"_s);
    QCOMPARE(prod.data(NamespaceTreeModel::ContentMarkRole).toInt(), int(Mark::None));
    const QString plainTip = prod.data(Qt::ToolTipRole).toString();

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setContentMark(u"pixell/prod"_s, Mark::Error, u"2 errors"_s);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), prod);
    QVERIFY(changed.first().at(2).value<QList<int>>().contains(NamespaceTreeModel::ContentMarkRole));
    QCOMPARE(prod.data(NamespaceTreeModel::ContentMarkRole).toInt(), int(Mark::Error));
    QVERIFY2(prod.data(Qt::ToolTipRole).toString().contains(u"2 errors"_s),
             qPrintable(prod.data(Qt::ToolTipRole).toString()));
    // The same verdict again (an editor re-inspecting) repaints nothing.
    model.setContentMark(u"pixell/prod"_s, Mark::Error, u"2 errors"_s);
    model.setContentMark(u"pixell/dev"_s, Mark::None, {});
    QCOMPARE(changed.count(), 1);

    // A mark stays over a refresh, and waits for a secret not listed yet.
    model.setContentMark(u"later/secret"_s, Mark::Warning, u"1 warning"_s);
    model.setSecrets(secretsNamed(demoNames + QStringList { u"later/secret"_s }));
    QCOMPARE(model.contentMark(u"pixell/prod"_s), Mark::Error);
    QCOMPARE(model.indexForName(u"later/secret"_s).data(NamespaceTreeModel::ContentMarkRole).toInt(),
             int(Mark::Warning));

    model.setContentMark(u"pixell/prod"_s, Mark::None, {});
    QCOMPARE(model.contentMark(u"pixell/prod"_s), Mark::None);
    QCOMPARE(model.indexForName(u"pixell/prod"_s).data(Qt::ToolTipRole).toString(), plainTip);
    // Another account: no marks.
    model.clear();
    model.setSecrets(secretsNamed(demoNames + QStringList { u"later/secret"_s }));
    QCOMPARE(model.contentMark(u"later/secret"_s), Mark::None);
}

void TestNamespaceTreeModel::testSecretAndNamespaceWithSameName()
{
    NamespaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addSecrets(secretsNamed({u"pixell/dev"_s, u"pixell/dev/extra"_s}));
    QCOMPARE(dump(model), u"pixell/(2)[dev/(1)[extra] dev]"_s);
    QVERIFY(model.indexForName(u"pixell/dev"_s) != model.indexForName(u"pixell/dev/"_s));
}

void TestNamespaceTreeModel::testFilterFindsBySubstring()
{
    NamespaceTreeModel model;
    model.setSecrets(secretsNamed(demoNames));
    coffer::SecretFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    QCOMPARE(dump(proxy), dump(model));

    proxy.setFilterText(u"JWT-KEYS"_s);
    QCOMPARE(dump(proxy), u"sophon/(2)[prod/(1)[auth/(1)[jwt-keys]] staging/(1)[auth/(1)[jwt-keys]]]"_s);
    proxy.setFilterText(u"  pixell/ "_s);
    QCOMPARE(dump(proxy), u"pixell/(2)[dev prod]"_s);
    proxy.setFilterText(u"paintbox/prod"_s);
    QCOMPARE(dump(proxy), u"paintbox/(2)[production/(2)[jwt/(1)[public-keys] db]]"_s);
    proxy.setFilterText(u"no such secret"_s);
    QCOMPARE(proxy.rowCount(), 0);
    // Secrets streaming in while a filter is set appear only when they match.
    model.addSecrets(secretsNamed({u"zeta/no-such-secret"_s, u"omega/match-no such secret"_s}));
    QCOMPARE(dump(proxy), u"omega/(1)[match-no such secret]"_s);
    QCOMPARE(model.shownSecretCount(), 1);
    QCOMPARE(model.filterText(), u"no such secret"_s);
}

void TestNamespaceTreeModel::testFilterNeverMatchesAcrossNames()
{
    // The names lie end to end in one buffer; a match must stay inside one name.
    NamespaceTreeModel model;
    model.setSecrets(secretsNamed({u"ab"_s, u"cd"_s, u"x/yz"_s}));
    coffer::SecretFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    for (const QString &text : {u"bc"_s, u"b c"_s, u"dx"_s, u"d\nx"_s, u"abcd"_s}) {
        proxy.setFilterText(text);
        QVERIFY2(shownNames(proxy).isEmpty(), qPrintable(text));
    }
    proxy.setFilterText(u"Z"_s);
    QCOMPARE(shownNames(proxy), QStringList{u"x/yz"_s});
    proxy.setFilterText(QString(QChar(0)));
    QVERIFY(shownNames(proxy).isEmpty());
}

void TestNamespaceTreeModel::testScheduledForDeletionHiddenUntilAsked()
{
    NamespaceTreeModel model;
    SecretMetadata deleted = secretNamed(u"old/retired"_s);
    deleted.deletedDate = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    QList<SecretMetadata> secrets = secretsNamed({u"old/kept"_s, u"gone/only-one"_s});
    secrets[1].deletedDate = deleted.deletedDate;
    secrets.append(deleted);
    model.setSecrets(secrets);

    coffer::SecretFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    QCOMPARE(dump(proxy), u"old/(2)[kept]"_s);
    proxy.setShowScheduledForDeletion(true);
    QCOMPARE(dump(proxy), u"gone/(1)[only-one] old/(2)[kept retired]"_s);
    QVERIFY(model.indexForName(u"old/retired"_s).data(NamespaceTreeModel::ScheduledForDeletionRole).toBool());
}

void TestNamespaceTreeModel::testFilterFollowsEveryChange()
{
    // Random streaming pages, removals, deletions and restores, typing and deleting characters
    // and the deletion switch, in any order: after each step the proxy shows exactly the secrets
    // a plain QString::contains picks, and QAbstractItemModelTester sees every signal.
    QRandomGenerator random(20261130);
    const QStringList words = { u"prod"_s, u"staging"_s, u"jwt"_s, u"db"_s, u"api"_s, u"Keys"_s };
    const auto randomName = [&]() -> QString {
        QString name;
        for (int depth = int(random.bounded(1, 5)); depth > 0; --depth)
            name += words.at(random.bounded(int(words.size()))) + u'/';
        return name + words.at(random.bounded(int(words.size()))) + QString::number(random.bounded(40));
    };
    const QStringList texts = { u""_s, u"p"_s, u"pr"_s, u"prod/"_s, u"prod/j"_s, u"KEYS"_s, u"s/a"_s,
                                u"1"_s, u"/db/"_s, u"zz"_s, u"staging/api"_s };

    NamespaceTreeModel model;
    coffer::SecretFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    // Expanded everywhere, as the browser pane does while filtering.
    const auto mapEverything = [&] { shownNames(proxy); };
    QMap<QString, SecretMetadata> secrets;
    for (int step = 0; step < 150; ++step) {
        switch (random.bounded(6)) {
        case 0:
        case 1: {
            QList<SecretMetadata> page;
            for (int i = int(random.bounded(1, 12)); i > 0; --i) {
                SecretMetadata secret = secretNamed(randomName());
                if (random.bounded(5) == 0)
                    secret.deletedDate = QDateTime(QDate(2026, 12, 24), QTime(0, 0), Qt::UTC);
                page.append(secret);
                secrets.insert(secret.name, secret);
            }
            model.addSecrets(page);
            break;
        }
        case 2:
            if (!secrets.isEmpty()) {
                const QString name = secrets.keys().at(random.bounded(int(secrets.size())));
                QVERIFY(model.removeSecret(name));
                secrets.remove(name);
            }
            break;
        case 3:
            if (!secrets.isEmpty()) {
                // Scheduled for deletion, or restored, elsewhere: the next page says so.
                SecretMetadata &secret = secrets[secrets.keys().at(random.bounded(int(secrets.size())))];
                secret.deletedDate = secret.isScheduledForDeletion()
                    ? QDateTime()
                    : QDateTime(QDate(2026, 12, 24), QTime(0, 0), Qt::UTC);
                model.addSecrets({secret});
            }
            break;
        case 4:
            proxy.setFilterText(texts.at(random.bounded(int(texts.size()))));
            break;
        case 5:
            proxy.setShowScheduledForDeletion(!proxy.showScheduledForDeletion());
            break;
        }
        if (step % 3 == 0)
            mapEverything();
        QStringList shown = shownNames(proxy);
        shown.sort();
        const QStringList expected =
            expectedNames(secrets, proxy.filterText(), proxy.showScheduledForDeletion());
        QVERIFY2(shown == expected,
                 qPrintable(u"step %1, filter \"%2\": shown %3, expected %4"_s.arg(step)
                                .arg(proxy.filterText(), shown.join(u", "_s), expected.join(u", "_s))));
        QCOMPARE(model.shownSecretCount(), expected.size());
    }
    QVERIFY(secrets.size() > 60);
}

void TestNamespaceTreeModel::testFilterAfterManyRemovals()
{
    // Removed names are dropped from the name index in bulk once they are the majority.
    NamespaceTreeModel model;
    QMap<QString, SecretMetadata> secrets;
    QList<SecretMetadata> all;
    for (int i = 0; i < 12000; ++i) {
        const SecretMetadata secret =
            secretNamed(u"team%1/env%2/secret-%3"_s.arg(i % 7).arg(i % 3).arg(i));
        all.append(secret);
        secrets.insert(secret.name, secret);
    }
    model.setSecrets(all);
    coffer::SecretFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterText(u"team3/env1"_s);
    for (int i = 0; i < 12000; ++i) {
        if (i % 5 != 0) {
            QVERIFY(model.removeSecret(all.at(i).name));
            secrets.remove(all.at(i).name);
        }
    }
    for (const QString &text : {u"team3/env1"_s, u"secret-10"_s, u""_s, u"ENV2/SECRET-11"_s}) {
        proxy.setFilterText(text);
        QStringList shown = shownNames(proxy);
        shown.sort();
        QCOMPARE(shown, expectedNames(secrets, text, false));
    }
    model.addSecrets(secretsNamed({u"team3/env1/late"_s}));
    proxy.setFilterText(u"late"_s);
    QCOMPARE(shownNames(proxy), QStringList{u"team3/env1/late"_s});
}

void TestNamespaceTreeModel::testModelTesterWithManySecrets()
{
    NamespaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<SecretMetadata> batch;
    for (int i = 0; i < 600; ++i)
        batch.append(secretNamed(u"project%1/env%2/area%3/secret-%4"_s.arg(i % 5).arg(i % 3).arg(i % 7).arg(i)));
    model.addSecrets(batch.mid(0, 300));
    model.addSecrets(batch.mid(300));
    QCOMPARE(model.secretCount(), 600);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.indexForName(u"project0/"_s).data(NamespaceTreeModel::SecretCountRole).toInt(), 120);
    for (int i = 0; i < 600; i += 2)
        QVERIFY(model.removeSecret(batch.at(i).name));
    QCOMPARE(model.secretCount(), 300);
}

QTEST_GUILESS_MAIN(TestNamespaceTreeModel)
#include "testnamespacetreemodel.moc"
