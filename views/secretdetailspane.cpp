// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretdetailspane.h"

#include "views/elidedlabel.h"
#include "views/wrappinglabel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

QString formatDate(const QDateTime &date)
{
    return date.isValid() ? QLocale().toString(date.toLocalTime(), QLocale::LongFormat) : QString();
}

QString rotationText(const aws::SecretMetadata &secret)
{
    if (!secret.rotationEnabled)
        return SecretDetailsPane::tr("Off");
    QString text = SecretDetailsPane::tr("On");
    if (secret.rotationRules) {
        if (secret.rotationRules->automaticallyAfterDays)
            text = SecretDetailsPane::tr("Every %n day(s)", nullptr,
                                         int(*secret.rotationRules->automaticallyAfterDays));
        else if (!secret.rotationRules->scheduleExpression.isEmpty())
            text = secret.rotationRules->scheduleExpression;
    }
    if (secret.nextRotationDate.isValid())
        text += SecretDetailsPane::tr(", next %1").arg(formatDate(secret.nextRotationDate));
    return text;
}

} // namespace

SecretDetailsPane::SecretDetailsPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"SecretDetailsPane"_s);
    auto *layout = new QVBoxLayout(this);

    // A name can be 512 characters: it elides in the middle, keeping its project and its leaf.
    m_title = new ElidedLabel(Qt::ElideMiddle);
    m_title->setObjectName(u"SecretTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_deletionWarning = new WrappingLabel;
    m_deletionWarning->setObjectName(u"DeletionWarning"_s);
    m_deletionWarning->setStyleSheet(u"QLabel { background: #fdecea; color: #8a1c12; "
                                     "border: 1px solid #f5c2bd; border-radius: 4px; padding: 6px; }"_s);
    m_deletionWarning->hide();
    layout->addWidget(m_deletionWarning);

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->addLayout(m_form);

    m_editButton = new QPushButton(tr("Edit Descriptio&n and Tags…"));
    m_editButton->setObjectName(u"EditDetailsButton"_s);
    m_editButton->setToolTip(tr("Change what the secret is for and its tags; the value and its "
                                "versions stay as they are"));
    m_editButton->hide();
    connect(m_editButton, &QPushButton::clicked, this, [this] {
        if (!m_secretName.isEmpty())
            emit editRequested(m_secretName);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_editButton);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    layout->addStretch(1);
}

SecretDetailsPane::~SecretDetailsPane() = default;

void SecretDetailsPane::addField(const QString &label, const QString &text)
{
    if (text.isEmpty())
        return;
    // An ARN or a description holds the name, with no space to wrap at.
    auto *value = new WrappingLabel(text);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setObjectName(label);
    m_form->addRow(label + u':', value);
}

void SecretDetailsPane::showSecret(const aws::SecretMetadata &secret)
{
    m_secretName = secret.name;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);

    m_title->setFullText(secret.name);
    if (secret.isScheduledForDeletion()) {
        m_deletionWarning->setText(
            tr("Scheduled for deletion on %1. Until then it can be restored; it cannot be read "
               "or changed.")
                .arg(formatDate(secret.deletedDate)));
        m_deletionWarning->show();
    } else {
        m_deletionWarning->hide();
    }

    addField(tr("ARN"), secret.arn);
    addField(tr("Description"), secret.description);
    addField(tr("Encryption key"),
             secret.kmsKeyId.isEmpty() ? tr("aws/secretsmanager (AWS managed key)") : secret.kmsKeyId);
    addField(tr("Created"), formatDate(secret.createdDate));
    addField(tr("Last changed"), formatDate(secret.lastChangedDate));
    addField(tr("Last accessed"), formatDate(secret.lastAccessedDate));
    addField(tr("Rotation"), rotationText(secret));

    QStringList versions;
    for (auto it = secret.versionIdsToStages.cbegin(); it != secret.versionIdsToStages.cend(); ++it)
        versions << u"%1  %2"_s.arg(it.key(), it.value().join(u", "_s));
    addField(tr("Versions"), versions.join(u'\n'));

    QStringList tags;
    for (const aws::Tag &tag : secret.tags)
        tags << u"%1 = %2"_s.arg(tag.key, tag.value);
    addField(tr("Tags"), tags.join(u'\n'));
    // A secret scheduled for deletion cannot be changed until it is restored.
    m_editButton->setVisible(!secret.isScheduledForDeletion());
}

void SecretDetailsPane::clear()
{
    m_secretName.clear();
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_title->setFullText({});
    m_deletionWarning->hide();
    m_editButton->hide();
}

QString SecretDetailsPane::fieldText(const QString &label) const
{
    const auto *value = findChild<QLabel *>(label);
    return value ? value->text() : QString();
}

} // namespace coffer
