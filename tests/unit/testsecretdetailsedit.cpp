// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SecretDetailsEdit: the fewest calls that turn a secret's description and tags into the
// edited ones, and AWS's rules on tags checked before any is sent.
#include "models/catalog/secretdetailsedit.h"
#include "models/core/appinfo.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace coffer;

class TestSecretDetailsEdit final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        AppInfo::applyToApplication();
        AppInfo::installTranslations(); // "2 tags set"
    }

    void testOnlyWhatChangedIsSent()
    {
        aws::SecretMetadata secret;
        secret.name = u"pixell/prod"_s;
        secret.arn = u"arn:aws:secretsmanager:eu-west-1:123456789012:secret:pixell/prod-AbCdEf"_s;
        secret.description = u"Pixell"_s;
        secret.tags = { { u"team"_s, u"pixell"_s }, { u"env"_s, u"prod"_s }, { u"cost"_s, u"42"_s } };

        const auto same = SecretDetailsEdit::between(secret, u"Pixell"_s, secret.tags);
        QVERIFY(same.isEmpty());
        QVERIFY(same.problem().isEmpty());

        const auto edit = SecretDetailsEdit::between(
            secret, u"Pixell production"_s,
            { { u"env"_s, u"production"_s }, { u"team"_s, u"pixell"_s }, { u"owner"_s, u"ops"_s } });
        QCOMPARE(edit.secretId, secret.arn);
        QCOMPARE(edit.description, std::optional<QString>(u"Pixell production"_s));
        // A reordered tag with its old value is not sent again.
        QCOMPARE(edit.tagsToSet, QList<aws::Tag>({ { u"env"_s, u"production"_s }, { u"owner"_s, u"ops"_s } }));
        QCOMPARE(edit.tagKeysToRemove, QStringList { u"cost"_s });
        QCOMPARE(edit.summary(), u"the description, 2 tags set, 1 tag removed"_s);

        const auto tagsOnly = SecretDetailsEdit::between(secret, u"Pixell"_s, {});
        QVERIFY(!tagsOnly.description);
        QCOMPARE(tagsOnly.tagKeysToRemove.size(), 3);
    }

    void testAwsRulesAreCheckedFirst()
    {
        aws::SecretMetadata secret;
        secret.name = u"a"_s;
        const auto problem = [&secret](const QString &description, const QList<aws::Tag> &tags) {
            return SecretDetailsEdit::between(secret, description, tags).problem();
        };
        QVERIFY(problem(u"x"_s, { { u"k"_s, u"v"_s } }).isEmpty());
        QVERIFY(problem(u"x"_s, { { u"aws:k"_s, u"v"_s } }).contains(u"aws:"_s));
        QVERIFY(problem(u"x"_s, { { u"k"_s, u"1"_s }, { u"k"_s, u"2"_s } }).contains(u"twice"_s));
        QVERIFY(problem(u"x"_s, { { QString(), u"v"_s } }).contains(u"empty"_s));
        QVERIFY(problem(u"x"_s, { { QString(129, u'k'), u"v"_s } }).contains(u"129"_s));
        QVERIFY(problem(u"x"_s, { { u"k"_s, QString(257, u'v') } }).contains(u"257"_s));
        QList<aws::Tag> many;
        for (int i = 0; i < 51; ++i)
            many.append({ u"k%1"_s.arg(i), u"v"_s });
        QVERIFY(problem(u"x"_s, many).contains(u"51"_s));
        QVERIFY(problem(QString(2049, u'd'), {}).contains(u"2049"_s));
    }
};

QTEST_GUILESS_MAIN(TestSecretDetailsEdit)
#include "testsecretdetailsedit.moc"
