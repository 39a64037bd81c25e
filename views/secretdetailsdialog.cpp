// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretdetailsdialog.h"

#include "views/elidedlabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

/// Why AWS would refuse `edit`, as a sentence; empty if it would not.
QString refusal(const SecretDetailsEdit &edit)
{
    QString sentence = edit.problem();
    if (sentence.isEmpty())
        return {};
    sentence[0] = sentence[0].toUpper();
    return sentence + u'.';
}

} // namespace

SecretDetailsDialog::SecretDetailsDialog(const aws::SecretMetadata &secret, QWidget *parent)
    : QDialog(parent)
    , m_secret(secret)
{
    setObjectName(u"SecretDetailsDialog"_s);
    setWindowTitle(tr("Description and Tags"));
    auto *layout = new QVBoxLayout(this);

    auto *title = new ElidedLabel(Qt::ElideMiddle);
    title->setFullText(secret.name);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);

    auto *form = new QFormLayout;
    m_descriptionEdit = new QPlainTextEdit(secret.description);
    m_descriptionEdit->setObjectName(u"DescriptionEdit"_s);
    m_descriptionEdit->setTabChangesFocus(true);
    m_descriptionEdit->setFixedHeight(m_descriptionEdit->fontMetrics().lineSpacing() * 4 + 12);
    auto *descriptionLabel = new QLabel(tr("&Description:"));
    descriptionLabel->setBuddy(m_descriptionEdit);
    form->addRow(descriptionLabel, m_descriptionEdit);
    layout->addLayout(form);

    auto *tagsLabel = new QLabel(tr("&Tags:"));
    layout->addWidget(tagsLabel);
    m_tagsTable = new QTableWidget(0, 2);
    m_tagsTable->setObjectName(u"TagsTable"_s);
    m_tagsTable->setHorizontalHeaderLabels({ tr("Key"), tr("Value") });
    m_tagsTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tagsTable->horizontalHeader()->resizeSection(0, 200);
    m_tagsTable->horizontalHeader()->setStretchLastSection(true);
    m_tagsTable->verticalHeader()->hide();
    m_tagsTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    tagsLabel->setBuddy(m_tagsTable);
    layout->addWidget(m_tagsTable, 1);
    for (const aws::Tag &tag : secret.tags)
        addTagRow(tag);

    auto *tagButtons = new QHBoxLayout;
    m_addTag = new QPushButton(tr("&Add Tag"));
    m_addTag->setObjectName(u"AddTagButton"_s);
    m_removeTag = new QPushButton(tr("&Remove Tag"));
    m_removeTag->setObjectName(u"RemoveTagButton"_s);
    tagButtons->addWidget(m_addTag);
    tagButtons->addWidget(m_removeTag);
    tagButtons->addStretch(1);
    layout->addLayout(tagButtons);
    connect(m_addTag, &QPushButton::clicked, this, [this] {
        addTagRow({});
        const int row = m_tagsTable->rowCount() - 1;
        m_tagsTable->setCurrentCell(row, 0);
        m_tagsTable->editItem(m_tagsTable->item(row, 0));
        updateState();
    });
    connect(m_removeTag, &QPushButton::clicked, this, [this] {
        const int row = m_tagsTable->currentRow();
        if (row >= 0)
            m_tagsTable->removeRow(row);
        updateState();
    });

    m_problemLabel = new QLabel;
    m_problemLabel->setObjectName(u"ProblemLabel"_s);
    m_problemLabel->setWordWrap(true);
    m_problemLabel->setStyleSheet(u"QLabel { color: #a4262c; }"_s);
    layout->addWidget(m_problemLabel);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (problem().isEmpty())
            emit submitted();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_descriptionEdit, &QPlainTextEdit::textChanged, this, &SecretDetailsDialog::updateState);
    connect(m_tagsTable, &QTableWidget::itemChanged, this, &SecretDetailsDialog::updateState);
    connect(m_tagsTable, &QTableWidget::currentCellChanged, this, &SecretDetailsDialog::updateState);
    resize(560, 420);
    updateState();
}

SecretDetailsDialog::~SecretDetailsDialog() = default;

void SecretDetailsDialog::addTagRow(const aws::Tag &tag)
{
    const int row = m_tagsTable->rowCount();
    m_tagsTable->insertRow(row);
    m_tagsTable->setItem(row, 0, new QTableWidgetItem(tag.key));
    m_tagsTable->setItem(row, 1, new QTableWidgetItem(tag.value));
}

QList<aws::Tag> SecretDetailsDialog::tags() const
{
    QList<aws::Tag> tags;
    for (int row = 0; row < m_tagsTable->rowCount(); ++row) {
        const QTableWidgetItem *key = m_tagsTable->item(row, 0);
        const QTableWidgetItem *value = m_tagsTable->item(row, 1);
        aws::Tag tag { key ? key->text() : QString(), value ? value->text() : QString() };
        if (tag.key.isEmpty() && tag.value.isEmpty())
            continue; // a row added and left empty
        tags.append(tag);
    }
    return tags;
}

SecretDetailsEdit SecretDetailsDialog::edit() const
{
    return SecretDetailsEdit::between(m_secret, m_descriptionEdit->toPlainText(), tags());
}

QString SecretDetailsDialog::problem() const
{
    const SecretDetailsEdit change = edit();
    if (QString refused = refusal(change); !refused.isEmpty())
        return refused;
    if (change.isEmpty())
        return tr("Nothing changed yet.");
    return {};
}

void SecretDetailsDialog::showError(const QString &message)
{
    setBusy(false);
    m_problemLabel->setText(message);
}

void SecretDetailsDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateState();
}

void SecretDetailsDialog::updateState()
{
    const QString reason = problem();
    // "Nothing changed yet" is for the tooltip; the label says only what AWS would refuse.
    m_problemLabel->setText(refusal(edit()));
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(!m_busy && reason.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setToolTip(reason);
    m_removeTag->setEnabled(m_tagsTable->currentRow() >= 0);
}

} // namespace coffer
