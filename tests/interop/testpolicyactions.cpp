// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The IAM action lists of PolicyActions against the API operations of Debian's python3-botocore
// service models (for Secrets Manager and KMS, IAM action names are the operation names). The
// only difference allowed is PolicyActions::newerThanDebianBotocore(): operations AWS added after
// that botocore release, which must then really be missing from it.
#include "models/policy/policyactions.h"
#include "tests/support/testenv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using coffer::policy::PolicyActions;

namespace {

// Reads the service model file itself (service-2.json, or .json.gz in newer packaging), not
// through botocore's loader, so no other installed data path can stand in for Debian's.
const char *const kOperations = R"PY(
import gzip, json, os, sys
import botocore
base = os.path.join(os.path.dirname(botocore.__file__), 'data', sys.argv[1], sys.argv[2])
for name in ('service-2.json', 'service-2.json.gz'):
    path = os.path.join(base, name)
    if os.path.exists(path):
        opener = gzip.open if name.endswith('.gz') else open
        with opener(path, 'rt', encoding='utf-8') as f:
            model = json.load(f)
        print(json.dumps({'path': path, 'operations': sorted(model['operations'])}))
        sys.exit(0)
print(json.dumps({'missing': base}))
)PY";

} // namespace

class TestPolicyActions final : public QObject
{
    Q_OBJECT

private slots:
    void testMatchesBotocore_data();
    void testMatchesBotocore();
    void testLookups();
};

void TestPolicyActions::testMatchesBotocore_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("apiVersion");
    QTest::newRow("secretsmanager") << u"secretsmanager"_s << u"2017-10-17"_s;
    QTest::newRow("kms") << u"kms"_s << u"2014-11-01"_s;
}

void TestPolicyActions::testMatchesBotocore()
{
    QFETCH(QString, service);
    QFETCH(QString, apiVersion);

    const QString python = coffer::test::botocorePython();
    if (python.isEmpty())
        QSKIP("python3 is not installed");
    QProcess process;
    process.start(python, { u"-c"_s, QString::fromUtf8(kOperations), service, apiVersion });
    QVERIFY(process.waitForFinished(60000));
    const QByteArray errors = process.readAllStandardError();
    if (errors.contains("No module named 'botocore'"))
        QSKIP("python3-botocore is not installed");
    QVERIFY2(process.exitCode() == 0, errors.constData());
    const QJsonObject answer = QJsonDocument::fromJson(process.readAllStandardOutput()).object();
    QVERIFY2(!answer.contains(u"missing"_s),
             qPrintable(u"no service model in "_s + answer.value(u"missing"_s).toString()));

    QStringList botocore;
    for (const QJsonValue &operation : answer.value(u"operations"_s).toArray())
        botocore.append(operation.toString());
    QVERIFY2(botocore.size() > 10, qPrintable(answer.value(u"path"_s).toString()));

    const QStringList ours = PolicyActions::actions(service);
    const QStringList newer = PolicyActions::newerThanDebianBotocore(service);
    QStringList missingHere;
    for (const QString &operation : std::as_const(botocore)) {
        if (!ours.contains(operation))
            missingHere.append(operation);
    }
    QStringList unknownThere;
    for (const QString &action : ours) {
        if (!botocore.contains(action) && !newer.contains(action))
            unknownThere.append(action);
    }
    QVERIFY2(missingHere.isEmpty(),
             qPrintable(u"in botocore, not in PolicyActions: "_s + missingHere.join(u", "_s)));
    QVERIFY2(unknownThere.isEmpty(),
             qPrintable(u"in PolicyActions, not in botocore: "_s + unknownThere.join(u", "_s)));
    for (const QString &action : newer) {
        QVERIFY2(ours.contains(action), qPrintable(action));
        if (botocore.contains(action))
            qInfo("%s is in this botocore already: newerThanDebianBotocore() can lose it",
                  qPrintable(action));
    }
    // Sorted, without duplicates: the list is read by people too.
    QStringList sorted = ours;
    std::ranges::sort(sorted);
    sorted.removeDuplicates();
    QCOMPARE(ours, sorted);
    qInfo("%s: %lld actions (botocore %lld, from %s)", qPrintable(service),
          qlonglong(ours.size()), qlonglong(botocore.size()),
          qPrintable(answer.value(u"path"_s).toString()));
}

void TestPolicyActions::testLookups()
{
    QVERIFY(PolicyActions::isKnown(u"secretsmanager:GetSecretValue"_s));
    QVERIFY(PolicyActions::isKnown(u"SecretsManager:getsecretvalue"_s));
    QVERIFY(PolicyActions::isKnown(u"secretsmanager:BatchGetSecretValue"_s));
    QVERIFY(PolicyActions::isKnown(u"kms:Decrypt"_s));
    QVERIFY(!PolicyActions::isKnown(u"secretsmanager:GetSecret"_s));
    QVERIFY(!PolicyActions::isKnown(u"kms:GetSecretValue"_s));
    QVERIFY(!PolicyActions::isKnown(u"GetSecretValue"_s));
    QCOMPARE(PolicyActions::canonical(u"SECRETSMANAGER:listsecrets"_s),
             u"secretsmanager:ListSecrets"_s);
    QCOMPARE(PolicyActions::matching(u"secretsmanager:Get*"_s),
             (QStringList { u"secretsmanager:GetRandomPassword"_s,
                            u"secretsmanager:GetResourcePolicy"_s,
                            u"secretsmanager:GetSecretValue"_s }));
    QCOMPARE(PolicyActions::matching(u"*"_s).size(),
             PolicyActions::secretsManagerActions().size() + PolicyActions::kmsActions().size());
    QCOMPARE(PolicyActions::secretsManagerActions().size(), 23);
}

QTEST_GUILESS_MAIN(TestPolicyActions)
#include "testpolicyactions.moc"
