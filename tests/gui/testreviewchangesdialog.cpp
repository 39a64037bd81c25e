// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The review before a save, on its own: an added object is shown whole (indented) in the
// details box rather than as one cut-off line, a revealed PEM does not push the After column
// off the dialog, values stay masked until asked for, and Save asks the editor to save.
#include "views/reviewchangesdialog.h"
#include "tests/support/screenshot.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace coffer;

class TestReviewChangesDialog final : public QObject
{
    Q_OBJECT

private slots:
    void addedObjectAndLongValueStayReadable()
    {
        const QString pem = u"-----BEGIN PUBLIC KEY-----\\n"_s + QString(1600, u'A') + u"\\n-----END PUBLIC KEY-----"_s;
        // (No raw strings joined with + here: moc stops reading the class at them.)
        const QString before = u"{\"db\": {\"host\": \"a\"}}"_s;
        const QString after = u"{\"db\": {\"host\": \"a\"}, \"jwt\": {\"kid\": \"2025-07\", \"alg\": \"RS256\", \"pem\": \""_s
                + pem + u"\"}}"_s;
        ReviewChangesDialog dialog(u"paintbox/production/jwt"_s,
                                   diff::SecretDiff::compare(before, std::nullopt, after, std::nullopt));
        dialog.resize(760, 460);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTreeWidget *list = dialog.changeList();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(1), u"/jwt"_s);
        // Masked first, in the list and in the details.
        QVERIFY(list->topLevelItem(0)->text(3).contains(u"hidden"_s));
        QVERIFY(!dialog.detailsView()->toPlainText().contains(u"RS256"_s));

        QTest::mouseClick(dialog.showValuesCheckBox(), Qt::LeftButton, {},
                          QPoint(8, dialog.showValuesCheckBox()->height() / 2));
        QVERIFY(dialog.showValuesCheckBox()->isChecked());
        // The whole object, one member a line, in the details box.
        const QString details = dialog.detailsView()->toPlainText();
        QVERIFY2(details.contains(u"\"kid\": \"2025-07\""_s), qPrintable(details.left(200)));
        QVERIFY(details.contains(u"\"alg\": \"RS256\""_s));
        QVERIFY(details.count(u'\n') >= 4);
        // The After column stays inside the dialog however long the value.
        QHeaderView *header = list->header();
        QVERIFY2(header->sectionPosition(3) + header->sectionSize(3) <= list->viewport()->width() + 1,
                 "the After column runs off the dialog");
        QVERIFY(header->sectionSize(3) > 100);
        QVERIFY(dialog.width() <= 760);

        // It fits the smallest screen the window is made for (1000 x 700), whatever it holds.
        QVERIFY(dialog.minimumSizeHint().width() <= 1000 && dialog.minimumSizeHint().height() <= 700);
        QVERIFY(coffer::test::saveScreenshot(&dialog, u"review-changes"_s));

        QSignalSpy save(&dialog, &ReviewChangesDialog::saveRequested);
        QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
        QCOMPARE(save.size(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestReviewChangesDialog)
#include "testreviewchangesdialog.moc"
