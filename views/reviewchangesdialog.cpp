// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/reviewchangesdialog.h"

#include "models/diff/diffexport.h"
#include "models/diff/fingerprint.h"
#include "models/diff/jsonchange.h"
#include "models/diff/jsondiff.h"
#include "models/json/jsonformatstyle.h"
#include "models/json/jsonnode.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

using diff::JsonChange;

QString changeText(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return ReviewChangesDialog::tr("Added");
    case JsonChange::Kind::Removed:
        return ReviewChangesDialog::tr("Removed");
    case JsonChange::Kind::Changed:
        return ReviewChangesDialog::tr("Changed");
    case JsonChange::Kind::TypeChanged:
        return ReviewChangesDialog::tr("Type changed");
    case JsonChange::Kind::Moved:
        return ReviewChangesDialog::tr("Moved");
    }
    return {};
}

QColor changeColor(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return QColor(0x1a, 0x7f, 0x37);
    case JsonChange::Kind::Removed:
        return QColor(0xb3, 0x26, 0x1e);
    case JsonChange::Kind::Moved:
        return QColor(0x55, 0x55, 0x99);
    default:
        return QColor(0x9a, 0x67, 0x00);
    }
}

// A value as the review shows it: compact JSON when revealed (indented with `pretty`, for the
// details box), else its kind and fingerprint.
QString shown(const json::JsonNode *node, bool reveal, bool pretty = false)
{
    if (!node)
        return {};
    if (reveal)
        return QString::fromUtf8(
            node->toJson(pretty ? json::JsonFormatStyle::spaces(2) : json::JsonFormatStyle::compact()));
    return ReviewChangesDialog::tr("%1, hidden · %2", "kind of value, fingerprint")
        .arg(json::kindName(node->kind()), diff::Fingerprint::ofJson(*node));
}

} // namespace

ReviewChangesDialog::ReviewChangesDialog(const QString &secretName, diff::SecretDiff diff,
                                         QWidget *parent)
    : QDialog(parent)
    , m_diff(std::move(diff))
{
    setObjectName(u"ReviewChangesDialog"_s);
    setWindowTitle(tr("Review Changes to %1").arg(secretName));
    resize(760, 460);
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(u"ReviewSummary"_s);
    layout->addWidget(m_summary);

    m_changes = new QTreeWidget;
    m_changes->setObjectName(u"ReviewChangeList"_s);
    m_changes->setRootIsDecorated(false);
    m_changes->setHeaderLabels({ tr("Change"), tr("Path"), tr("Before"), tr("After") });
    // Before and After share what is left, so a long revealed value (a PEM) never pushes the
    // other off-screen; cells elide and the details box below shows the selected change whole.
    m_changes->header()->setStretchLastSection(false);
    m_changes->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_changes->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_changes->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_changes->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_changes->setTextElideMode(Qt::ElideRight);
    m_changes->setUniformRowHeights(true);
    layout->addWidget(m_changes, 2);

    m_details = new QPlainTextEdit;
    m_details->setObjectName(u"ReviewDetails"_s);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a change to see it in full."));
    m_details->setAccessibleName(tr("The selected change in full"));
    layout->addWidget(m_details, 1);
    connect(m_changes, &QTreeWidget::currentItemChanged, this, [this] { showDetails(); });

    m_text = new QPlainTextEdit;
    m_text->setObjectName(u"ReviewText"_s);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_text, 1);

    m_showValues = new QCheckBox(tr("Show &values"));
    m_showValues->setObjectName(u"ShowValuesCheckBox"_s);
    connect(m_showValues, &QCheckBox::toggled, this, &ReviewChangesDialog::populate);
    layout->addWidget(m_showValues);

    // Save from here, through the editor's own guarded save (production confirmation,
    // compare-and-swap), as every editor's review offers.
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close);
    buttons->setObjectName(u"ReviewButtons"_s);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(u"ReviewSaveButton"_s);
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        Q_EMIT saveRequested();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    populate();
}

ReviewChangesDialog::~ReviewChangesDialog() = default;

void ReviewChangesDialog::populate()
{
    const bool reveal = m_showValues->isChecked();
    // Showing or hiding values keeps the change the user is looking at.
    const int current = m_changes->currentItem() ? m_changes->indexOfTopLevelItem(m_changes->currentItem()) : 0;
    m_summary->setText(m_diff.summary());
    m_changes->clear();
    const bool structural = m_diff.kind() == diff::SecretDiff::Kind::Json;
    m_changes->setVisible(structural);
    m_text->setVisible(!structural);
    if (!structural) {
        diff::ExportOptions options;
        options.revealValues = reveal;
        options.oldLabel = tr("loaded");
        options.newLabel = tr("pending");
        m_text->setPlainText(diff::DiffExport::unified(m_diff, options));
        return;
    }
    for (const JsonChange &change : m_diff.jsonDiff().changes()) {
        auto *item = new QTreeWidgetItem(m_changes);
        item->setText(0, changeText(change.kind));
        item->setForeground(0, changeColor(change.kind));
        const QString path = change.path().toString();
        item->setText(1, path.isEmpty() ? tr("(whole value)") : path);
        if (change.kind == JsonChange::Kind::Moved) {
            item->setText(2, tr("position %1").arg(change.oldValue->row()));
            item->setText(3, tr("position %1").arg(change.newValue->row()));
            continue;
        }
        item->setText(2, shown(change.oldValue, reveal));
        item->setText(3, shown(change.newValue, reveal));
    }
    // Something to read at once: the first change (or the one looked at), whole.
    if (const int count = m_changes->topLevelItemCount(); count > 0)
        m_changes->setCurrentItem(m_changes->topLevelItem(std::clamp(current, 0, count - 1)));
    showDetails();
}

void ReviewChangesDialog::showDetails()
{
    const QTreeWidgetItem *item = m_changes->currentItem();
    const int index = item ? m_changes->indexOfTopLevelItem(const_cast<QTreeWidgetItem *>(item)) : -1;
    const auto &changes = m_diff.jsonDiff().changes();
    if (m_diff.kind() != diff::SecretDiff::Kind::Json || index < 0 || index >= int(changes.size())) {
        m_details->clear();
        m_details->setVisible(m_diff.kind() == diff::SecretDiff::Kind::Json);
        return;
    }
    m_details->setVisible(true);
    const JsonChange &change = changes.at(index);
    const bool reveal = m_showValues->isChecked();
    QStringList lines{changeText(change.kind) + u' ' + item->text(1)};
    if (change.kind == JsonChange::Kind::Moved) {
        lines << item->text(2) + u" → "_s + item->text(3);
    } else {
        if (change.oldValue)
            lines << tr("Before:") << shown(change.oldValue, reveal, true);
        if (change.newValue)
            lines << tr("After:") << shown(change.newValue, reveal, true);
    }
    m_details->setPlainText(lines.join(u'\n'));
}

} // namespace coffer
