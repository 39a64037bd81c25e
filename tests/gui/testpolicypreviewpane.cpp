// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The IAM policy preview driven as a user would: ticking access levels, switching the output
// format, pasting a policy, and reading the allow/deny matrix.
#include "views/policypreviewpane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using coffer::PolicyPreviewPane;

namespace {

const QString jwtArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/production/jwt/public-keys-AbCdEf"_s;
const QString dbArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/staging/db-XyZ123"_s;
const QString outsideArn
    = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-QwErTy"_s;

int column(const QString &action)
{
    return int(PolicyPreviewPane::matrixActions().indexOf(action));
}

// Rows show the secret's name; the tooltip has the full ARN the cells were evaluated for.
int row(const PolicyPreviewPane &pane, const QString &arn)
{
    const QTableWidget *table = pane.matrixTable();
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->verticalHeaderItem(r) && table->verticalHeaderItem(r)->toolTip() == arn)
            return r;
    }
    return -1;
}

// True when allowed, false when denied; nullopt when the cell holds no decision.
std::optional<bool> cell(const PolicyPreviewPane &pane, const QString &arn, const QString &action)
{
    const int r = row(pane, arn);
    const int c = column(action);
    if (r < 0 || c < 0)
        return std::nullopt;
    const QTableWidgetItem *item = pane.matrixTable()->item(r, c);
    if (!item || !item->data(PolicyPreviewPane::AllowedRole).isValid())
        return std::nullopt;
    return item->data(PolicyPreviewPane::AllowedRole).toBool();
}

QStringList findingIds(const PolicyPreviewPane &pane)
{
    QStringList ids;
    const QTreeWidget *tree = pane.findingsTree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        ids.append(tree->topLevelItem(i)->data(0, PolicyPreviewPane::FindingIdRole).toString());
    return ids;
}

} // namespace

class TestPolicyPreviewPane : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PolicyPreviewPane> makePane()
    {
        auto pane = std::make_unique<PolicyPreviewPane>();
        pane->setAccount(u"123456789012"_s, u"us-east-1"_s);
        pane->setScope(u"paintbox/"_s, { jwtArn, dbArn, outsideArn });
        return pane;
    }

private slots:
    void generatesNamespaceJson()
    {
        const auto pane = makePane();
        QCOMPARE(pane->modeTabs()->currentIndex(), int(PolicyPreviewPane::GenerateMode));
        QVERIFY(pane->accessCheckBox(u"read"_s)->isChecked());
        QVERIFY(!pane->accessCheckBox(u"list"_s)->isChecked());
        const QString json = pane->outputEdit()->toPlainText();
        QVERIFY2(json.contains(u"secret:paintbox/*"_s), qPrintable(json));
        QVERIFY(json.contains(u"secretsmanager:GetSecretValue"_s));
        QVERIFY(json.contains(u"secretsmanager:DescribeSecret"_s));
        QVERIFY(!json.contains(u"secretsmanager:ListSecrets"_s));
        QVERIFY(pane->outputEdit()->isReadOnly());
        QVERIFY(pane->copyButton()->isEnabled());
    }

    void matrixKeepsNoRowsOfEarlierScopesOrAccounts()
    {
        const auto pane = makePane();
        QCOMPARE(pane->matrixTable()->rowCount(), 3);
        // A secret of the namespace keeps the namespace's rows...
        pane->setSecret(u"paintbox/production/jwt/public-keys"_s, jwtArn);
        QCOMPARE(pane->matrixTable()->rowCount(), 3);
        // ...one elsewhere is a scope of its own, not a fourth row.
        const QString other = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/prod-AbCdEf"_s;
        pane->setSecret(u"pixell/prod"_s, other);
        QCOMPARE(pane->matrixTable()->rowCount(), 1);
        QCOMPARE(pane->matrixTable()->verticalHeaderItem(0)->toolTip(), other);
        // Another account: nothing of this one stays.
        pane->setAccount(u"210987654321"_s, u"eu-west-1"_s);
        QCOMPARE(pane->matrixTable()->rowCount(), 0);
        QVERIFY(!pane->outputEdit()->toPlainText().contains(u"123456789012"_s));
    }

    void matrixFollowsTheAccessCheckBoxes()
    {
        const auto pane = makePane();
        const QString get = u"secretsmanager:GetSecretValue"_s;
        const QString list = u"secretsmanager:ListSecrets"_s;
        QCOMPARE(pane->matrixTable()->rowCount(), 3);
        QCOMPARE(pane->matrixTable()->columnCount(), int(PolicyPreviewPane::matrixActions().size()));
        QCOMPARE(cell(*pane, jwtArn, get), std::optional<bool>(true));
        QCOMPARE(cell(*pane, dbArn, get), std::optional<bool>(true));
        QCOMPARE(cell(*pane, jwtArn, list), std::optional<bool>(false));
        QCOMPARE(cell(*pane, jwtArn, u"secretsmanager:PutSecretValue"_s), std::optional<bool>(false));
        const QTableWidgetItem *allowed = pane->matrixTable()->item(row(*pane, jwtArn), column(get));
        QCOMPARE(allowed->text(), u"✔"_s);
        QVERIFY2(allowed->toolTip().contains(u"ReadSecrets"_s), qPrintable(allowed->toolTip()));

        pane->accessCheckBox(u"list"_s)->click();
        QVERIFY(pane->outputEdit()->toPlainText().contains(list));
        QCOMPARE(cell(*pane, jwtArn, list), std::optional<bool>(true));
        QCOMPARE(cell(*pane, dbArn, list), std::optional<bool>(true));

        pane->accessCheckBox(u"list"_s)->click();
        QCOMPARE(cell(*pane, jwtArn, list), std::optional<bool>(false));
    }

    void secretOutsideThePrefixIsDenied()
    {
        const auto pane = makePane();
        const QString get = u"secretsmanager:GetSecretValue"_s;
        QCOMPARE(cell(*pane, outsideArn, get), std::optional<bool>(false));
        QCOMPARE(pane->matrixTable()->item(row(*pane, outsideArn), column(get))->text(), u"✖"_s);
    }

    void thisSecretScope()
    {
        const auto pane = makePane();
        pane->setSecret(u"paintbox/staging/db"_s, dbArn);
        const QString get = u"secretsmanager:GetSecretValue"_s;
        QCOMPARE(cell(*pane, dbArn, get), std::optional<bool>(true));
        QCOMPARE(cell(*pane, jwtArn, get), std::optional<bool>(false));
    }

    void terraformFormat()
    {
        const auto pane = makePane();
        pane->formatCombo()->setCurrentIndex(1);
        const QString text = pane->outputEdit()->toPlainText();
        QVERIFY2(text.contains(u"data \"aws_iam_policy_document\""_s), qPrintable(text));
        pane->formatCombo()->setCurrentIndex(2);
        QVERIFY(pane->outputEdit()->toPlainText().contains(u"AWS::IAM::ManagedPolicy"_s));
    }

    void pastedWildcardGetSecretValue()
    {
        const auto pane = makePane();
        pane->modeTabs()->setCurrentIndex(PolicyPreviewPane::PasteMode);
        pane->pasteEdit()->setPlainText(uR"({
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadEverything",
      "Effect": "Allow",
      "Action": "secretsmanager:GetSecretValue",
      "Resource": "*"
    }
  ]
})"_s);
        QVERIFY2(findingIds(*pane).contains(u"resource-wildcard-get-secret-value"_s),
                 qPrintable(findingIds(*pane).join(u", "_s)));
        // The matrix follows the pasted policy: every secret readable, nothing else.
        const QString get = u"secretsmanager:GetSecretValue"_s;
        QCOMPARE(cell(*pane, outsideArn, get), std::optional<bool>(true));
        QCOMPARE(cell(*pane, jwtArn, get), std::optional<bool>(true));
        QCOMPARE(cell(*pane, jwtArn, u"secretsmanager:DescribeSecret"_s), std::optional<bool>(false));
        const QTableWidgetItem *item = pane->matrixTable()->item(row(*pane, outsideArn), column(get));
        QVERIFY2(item->toolTip().contains(u"ReadEverything"_s), qPrintable(item->toolTip()));

        // Back to the generated policy: the matrix follows it again.
        pane->modeTabs()->setCurrentIndex(PolicyPreviewPane::GenerateMode);
        QCOMPARE(cell(*pane, outsideArn, get), std::optional<bool>(false));
    }

    void pastedMalformedJson()
    {
        const auto pane = makePane();
        pane->modeTabs()->setCurrentIndex(PolicyPreviewPane::PasteMode);
        pane->pasteEdit()->setPlainText(u"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}\n"_s);
        QVERIFY(findingIds(*pane).contains(u"json-syntax"_s));
        const QTreeWidgetItem *item = pane->findingsTree()->topLevelItem(
            int(findingIds(*pane).indexOf(u"json-syntax"_s)));
        QVERIFY2(item->text(1).startsWith(u"4:"_s), qPrintable(item->text(1)));
        QVERIFY2(pane->pasteStatusLabel()->text().contains(u"line 4, column"_s),
                 qPrintable(pane->pasteStatusLabel()->text()));
        QVERIFY(!cell(*pane, jwtArn, u"secretsmanager:GetSecretValue"_s).has_value());
    }

    void objectNames()
    {
        const auto pane = makePane();
        QVERIFY(pane->findChild<QTableWidget *>(u"policyMatrixTable"_s));
        QVERIFY(pane->findChild<QTreeWidget *>(u"policyFindingsTree"_s));
        QVERIFY(pane->findChild<QPlainTextEdit *>(u"policyOutputEdit"_s));
        QVERIFY(pane->findChild<QPlainTextEdit *>(u"policyPasteEdit"_s));
        QVERIFY(pane->findChild<QComboBox *>(u"policyFormatCombo"_s));
        QVERIFY(pane->findChild<QCheckBox *>(u"policyAccess_list"_s));
    }
};

QTEST_MAIN(TestPolicyPreviewPane)
#include "testpolicypreviewpane.moc"
