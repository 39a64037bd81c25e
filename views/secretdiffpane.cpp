// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretdiffpane.h"
#include "views/wrappinglabel.h"

#include "models/core/privatefile.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/diff/diffexport.h"
#include "models/diff/fingerprint.h"
#include "models/diff/jsonchange.h"
#include "models/diff/jsondiff.h"
#include "models/json/jsonformatstyle.h"
#include "models/json/jsonkind.h"
#include "models/json/jsonnode.h"
#include "views/secretclipboard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

using diff::JsonChange;

const QString awsCurrent = u"AWSCURRENT"_s;
const QString awsPrevious = u"AWSPREVIOUS"_s;

QColor changeColor(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return QColor(0x1a, 0x7f, 0x37); // green
    case JsonChange::Kind::Removed:
        return QColor(0xb3, 0x26, 0x1e); // red
    case JsonChange::Kind::Moved:
        return QColor(0x1f, 0x5f, 0xb3); // blue
    case JsonChange::Kind::Changed:
    case JsonChange::Kind::TypeChanged:
        break;
    }
    return QColor(0xa8, 0x6b, 0x00); // amber
}

QString changeText(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return SecretDiffPane::tr("+ added");
    case JsonChange::Kind::Removed:
        return SecretDiffPane::tr("− removed");
    case JsonChange::Kind::Changed:
        return SecretDiffPane::tr("~ changed");
    case JsonChange::Kind::TypeChanged:
        return SecretDiffPane::tr("~ type changed");
    case JsonChange::Kind::Moved:
        return SecretDiffPane::tr("↕ moved");
    }
    return {};
}

// A value as the diff shows it: compact JSON when revealed, else its kind and fingerprint.
QString shown(const json::JsonNode *node, bool reveal)
{
    if (!node)
        return {};
    if (reveal)
        return QString::fromUtf8(node->toJson(json::JsonFormatStyle::compact()));
    return SecretDiffPane::tr("%1 · %2", "kind of value, fingerprint")
        .arg(json::kindName(node->kind()), diff::Fingerprint::ofJson(*node));
}

} // namespace

SecretDiffPane::SecretDiffPane(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"SecretDiffPane"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *sides = new QGridLayout;
    m_fromCombo = new QComboBox;
    m_fromCombo->setObjectName(u"DiffFromCombo"_s);
    m_fromCombo->setMinimumContentsLength(14);
    m_toCombo = new QComboBox;
    m_toCombo->setObjectName(u"DiffToCombo"_s);
    m_toCombo->setMinimumContentsLength(14);
    m_otherSecretEdit = new QLineEdit;
    m_otherSecretEdit->setObjectName(u"DiffOtherSecretEdit"_s);
    m_otherSecretEdit->setPlaceholderText(tr("or another secret (name or ARN)"));
    m_otherSecretEdit->setClearButtonEnabled(true);
    m_compareButton = new QPushButton(tr("&Compare"));
    m_compareButton->setObjectName(u"DiffCompareButton"_s);
    auto *fromLabel = new QLabel(tr("&From:"));
    fromLabel->setBuddy(m_fromCombo);
    auto *toLabel = new QLabel(tr("&To:"));
    toLabel->setBuddy(m_toCombo);
    sides->addWidget(fromLabel, 0, 0);
    sides->addWidget(m_fromCombo, 0, 1);
    sides->addWidget(toLabel, 0, 2);
    sides->addWidget(m_toCombo, 0, 3);
    sides->addWidget(m_otherSecretEdit, 0, 4);
    sides->addWidget(m_compareButton, 0, 5);
    sides->setColumnStretch(4, 1);
    layout->addLayout(sides);
    connect(m_compareButton, &QPushButton::clicked, this, &SecretDiffPane::compareClicked);
    connect(m_otherSecretEdit, &QLineEdit::returnPressed, this, &SecretDiffPane::compareClicked);
    connect(m_otherSecretEdit, &QLineEdit::editingFinished, this,
            [this] { useOtherSecret(m_otherSecretEdit->text().trimmed()); });

    m_summary = new WrappingLabel;
    m_summary->setObjectName(u"DiffSummaryLabel"_s);
    layout->addWidget(m_summary);

    m_tree = new QTreeWidget;
    m_tree->setObjectName(u"DiffChangeTree"_s);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setHeaderLabels({ tr("Path"), tr("Before"), tr("After"), tr("Change") });
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setToolTip(tr("Double-click a change to show or hide its values"));
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        const QString pointer = item->data(PathColumn, Qt::UserRole).toString();
        setPathRevealed(pointer, !isPathRevealed(pointer));
    });
    layout->addWidget(m_tree, 1);

    m_text = new QPlainTextEdit;
    m_text->setObjectName(u"DiffTextView"_s);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_text, 1);

    auto *bottom = new QHBoxLayout;
    m_showValues = new QCheckBox(tr("Show &values"));
    m_showValues->setObjectName(u"DiffShowValuesCheckBox"_s);
    connect(m_showValues, &QCheckBox::toggled, this, &SecretDiffPane::render);
    bottom->addWidget(m_showValues);
    bottom->addStretch(1);
    m_copyUnified = new QPushButton(tr("Copy &Unified Diff"));
    m_copyUnified->setObjectName(u"CopyUnifiedDiffButton"_s);
    connect(m_copyUnified, &QPushButton::clicked, this, [this] {
        copyExport(unifiedText(), tr("Copied the diff (values hidden)"),
                   tr("Copied the diff with its values."));
    });
    m_copyPatch = new QPushButton(tr("Copy JSON &Patch"));
    m_copyPatch->setObjectName(u"CopyJsonPatchButton"_s);
    connect(m_copyPatch, &QPushButton::clicked, this, [this] {
        copyExport(QString::fromUtf8(jsonPatchText()), tr("Copied the JSON Patch (values hidden)"),
                   tr("Copied the JSON Patch with its values."));
    });
    m_savePatch = new QPushButton(tr("&Save Patch…"));
    m_savePatch->setObjectName(u"SavePatchButton"_s);
    connect(m_savePatch, &QPushButton::clicked, this, &SecretDiffPane::savePatch);
    bottom->addWidget(m_copyUnified);
    bottom->addWidget(m_copyPatch);
    bottom->addWidget(m_savePatch);
    layout->addLayout(bottom);

    fillSide(m_fromCombo, {}, awsPrevious);
    fillSide(m_toCombo, {}, awsCurrent);
    render();
}

SecretDiffPane::~SecretDiffPane() = default;

aws::SecretsManagerClient *SecretDiffPane::client() const
{
    return m_client;
}

void SecretDiffPane::setClient(aws::SecretsManagerClient *client)
{
    m_client = client;
    ++m_generation;
    m_pending = 0;
    m_diff.reset();
    render();
}

void SecretDiffPane::showSecret(const QString &name)
{
    if (!name.isEmpty() && name == m_name) {
        // The same secret again (after a save or a rollback): its versions changed, what the
        // user picked stays where it still exists; the last comparison may be out of date.
        ++m_generation;
        m_pending = 0;
        m_diff.reset();
        render();
        reloadSides();
        return;
    }
    m_name = name;
    ++m_opened;
    ++m_generation;
    m_pending = 0;
    m_diff.reset();
    m_otherSecretEdit->clear();
    // Nothing of the previous secret stays: its version ids do not exist in this one.
    m_versionIds.clear();
    m_toVersionIds.clear();
    m_toSecret = name;
    fillSide(m_fromCombo, {}, awsPrevious);
    fillSide(m_toCombo, {}, awsCurrent);
    render();
    listVersions(name, true);
}

void SecretDiffPane::reloadSides()
{
    listVersions(m_name, true);
    if (m_toSecret != m_name)
        listVersions(m_toSecret, false);
}

void SecretDiffPane::listVersions(const QString &secret, bool forFrom)
{
    if (!m_client || secret.isEmpty())
        return;
    aws::ListSecretVersionIdsRequest request;
    request.secretId = secret;
    request.includeDeprecated = true;
    const quint64 opened = m_opened;
    m_client->listAllSecretVersionIds(
        request, this,
        [this, secret, forFrom, opened](aws::Result<aws::ListSecretVersionIdsResult> result) {
            if (opened != m_opened || secret != (forFrom ? m_name : m_toSecret))
                return; // another secret since
            if (!result) {
                emit messageChanged(
                    tr("Could not list the versions: %1").arg(result.error().summary()));
                return;
            }
            QStringList ids;
            for (const aws::SecretVersion &version : std::as_const(result->versions))
                ids.append(version.versionId);
            if (forFrom) {
                m_versionIds = ids;
                fillSide(m_fromCombo, ids, m_fromCombo->currentData().toString());
            }
            if (m_toSecret == secret) {
                m_toVersionIds = ids;
                fillSide(m_toCombo, ids, m_toCombo->currentData().toString());
            }
        });
}

void SecretDiffPane::useOtherSecret(const QString &otherSecret)
{
    const QString toSecret = otherSecret.isEmpty() ? m_name : otherSecret;
    if (toSecret == m_toSecret)
        return;
    // To now lists the other secret's versions; both sides start at AWSCURRENT.
    m_toSecret = toSecret;
    if (toSecret == m_name) {
        m_toVersionIds = m_versionIds;
        fillSide(m_toCombo, m_toVersionIds, awsCurrent);
        return;
    }
    m_toVersionIds.clear();
    selectSide(m_fromCombo, awsCurrent);
    fillSide(m_toCombo, {}, awsCurrent);
    listVersions(toSecret, false);
}

void SecretDiffPane::fillSide(QComboBox *combo, const QStringList &versionIds,
                              const QString &wanted)
{
    const QString fallback = combo == m_fromCombo ? awsPrevious : awsCurrent;
    {
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(awsPrevious, awsPrevious);
        combo->addItem(awsCurrent, awsCurrent);
        for (const QString &id : versionIds) {
            combo->addItem(id.left(8), id);
            combo->setItemData(combo->count() - 1, id, Qt::ToolTipRole);
        }
    }
    // A version id that is not in the list is another secret's: never kept. A custom label is.
    const bool keep
        = !wanted.isEmpty() && (combo->findData(wanted) >= 0 || QUuid::fromString(wanted).isNull());
    selectSide(combo, keep ? wanted : fallback);
}

void SecretDiffPane::selectSide(QComboBox *combo, const QString &side)
{
    int index = combo->findData(side);
    if (index < 0) {
        combo->addItem(QUuid::fromString(side).isNull() ? side : side.left(8), side);
        index = combo->count() - 1;
    }
    combo->setCurrentIndex(index);
}

void SecretDiffPane::copyExport(const QString &text, const QString &maskedMessage,
                                const QString &revealedMessage)
{
    SecretClipboard *clipboard = SecretClipboard::instance();
    if (!carriesValues()) {
        clipboard->copyPublic(text);
        emit messageChanged(maskedMessage);
        return;
    }
    // Revealed values are secrets: hidden from clipboard managers and cleared after a while.
    clipboard->copySecret(text);
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(clipboard->clearDelay()).count();
    emit messageChanged(revealedMessage + u' '
                        + tr("The clipboard clears itself in %n second(s).", nullptr, int(seconds)));
}

bool SecretDiffPane::carriesValues() const
{
    return isRevealed() || !m_revealedPaths.isEmpty();
}

bool SecretDiffPane::isRevealed() const
{
    return m_showValues->isChecked();
}

void SecretDiffPane::setRevealed(bool revealed)
{
    m_showValues->setChecked(revealed);
}

void SecretDiffPane::setPathRevealed(const QString &pointer, bool revealed)
{
    if (revealed)
        m_revealedPaths.insert(pointer);
    else
        m_revealedPaths.remove(pointer);
    render();
}

bool SecretDiffPane::isPathRevealed(const QString &pointer) const
{
    return isRevealed() || m_revealedPaths.contains(pointer);
}

void SecretDiffPane::compareClicked()
{
    const QString other = m_otherSecretEdit->text().trimmed();
    useOtherSecret(other);
    const QString from = m_fromCombo->currentData().toString();
    const QString to = m_toCombo->currentData().toString();
    if (other.isEmpty()) {
        compare(from, to);
        return;
    }
    // Exactly what the selectors show: From of the open secret, To of the other one.
    m_oldLabel = u"%1@%2"_s.arg(m_name, from);
    m_newLabel = u"%1@%2"_s.arg(other, to);
    fetch(m_name, from, other, to);
}

void SecretDiffPane::compare(const QString &from, const QString &to)
{
    m_otherSecretEdit->clear();
    useOtherSecret({});
    selectSide(m_fromCombo, from);
    selectSide(m_toCombo, to);
    m_oldLabel = u"%1@%2"_s.arg(m_name, from);
    m_newLabel = u"%1@%2"_s.arg(m_name, to);
    fetch(m_name, from, m_name, to);
}

void SecretDiffPane::compareSecrets(const QString &otherSecret)
{
    if (m_otherSecretEdit->text().trimmed() != otherSecret)
        m_otherSecretEdit->setText(otherSecret);
    useOtherSecret(otherSecret);
    selectSide(m_fromCombo, awsCurrent);
    selectSide(m_toCombo, awsCurrent);
    compareClicked();
}

void SecretDiffPane::fetch(const QString &oldSecret, const QString &oldSide,
                           const QString &newSecret, const QString &newSide)
{
    const quint64 generation = ++m_generation;
    m_diff.reset();
    if (!m_client || oldSecret.isEmpty() || newSecret.isEmpty()) {
        m_pending = 0;
        render();
        return;
    }
    m_pending = 2;
    render();
    struct Sides
    {
        std::optional<aws::SecretValue> before;
        std::optional<aws::SecretValue> after;
        QString error;
    };
    auto sides = std::make_shared<Sides>();
    const auto request = [this](const QString &secret, const QString &side) {
        aws::GetSecretValueRequest r;
        r.secretId = secret;
        if (m_versionIds.contains(side) || m_toVersionIds.contains(side)
            || !QUuid::fromString(side).isNull())
            r.versionId = side;
        else
            r.versionStage = side;
        return r;
    };
    const auto arrived = [this, generation, sides](bool isBefore, const QString &what,
                                                   aws::Result<aws::SecretValue> value) {
        if (generation != m_generation)
            return;
        if (value)
            (isBefore ? sides->before : sides->after) = std::move(*value);
        else if (sides->error.isEmpty())
            sides->error = tr("Could not read %1: %2").arg(what, value.error().summary());
        if (--m_pending > 0)
            return;
        if (sides->before && sides->after) {
            m_revealedPaths.clear();
            m_diff = diff::SecretDiff::compare(sides->before->secretString,
                                               sides->before->secretBinary,
                                               sides->after->secretString,
                                               sides->after->secretBinary);
        } else {
            emit messageChanged(sides->error);
        }
        render();
        if (!m_diff)
            m_summary->setText(sides->error);
        emit comparisonFinished();
    };
    const QString oldWhat = u"%1 (%2)"_s.arg(oldSecret, oldSide);
    const QString newWhat = u"%1 (%2)"_s.arg(newSecret, newSide);
    m_client->getSecretValue(request(oldSecret, oldSide), this,
                             [arrived, oldWhat](aws::Result<aws::SecretValue> value) {
                                 arrived(true, oldWhat, std::move(value));
                             });
    m_client->getSecretValue(request(newSecret, newSide), this,
                             [arrived, newWhat](aws::Result<aws::SecretValue> value) {
                                 arrived(false, newWhat, std::move(value));
                             });
}

diff::ExportOptions SecretDiffPane::exportOptions() const
{
    diff::ExportOptions options;
    options.revealValues = isRevealed();
    options.revealedPaths = m_revealedPaths;
    options.oldLabel = m_oldLabel;
    options.newLabel = m_newLabel;
    return options;
}

QString SecretDiffPane::unifiedText() const
{
    return m_diff ? diff::DiffExport::unified(*m_diff, exportOptions()) : QString();
}

QByteArray SecretDiffPane::jsonPatchText() const
{
    return m_diff ? diff::DiffExport::jsonPatch(*m_diff, exportOptions()) : QByteArray();
}

void SecretDiffPane::render()
{
    m_tree->clear();
    m_text->clear();
    if (!m_diff) {
        m_summary->setText(m_pending > 0 ? tr("Comparing…") : QString());
        m_tree->setVisible(false);
        m_text->setVisible(false);
        updateButtons();
        return;
    }
    const diff::SecretDiff &difference = *m_diff;
    const diff::ExportOptions options = exportOptions();
    m_summary->setText(difference.summary());
    const bool structural = difference.kind() == diff::SecretDiff::Kind::Json;
    const bool text = difference.kind() == diff::SecretDiff::Kind::Text;
    m_tree->setVisible(structural && !difference.isFormattingOnly());
    m_text->setVisible(text && !difference.isEqual());
    if (text) {
        m_text->setPlainText(diff::DiffExport::unified(difference, exportOptions()));
    } else if (structural) {
        for (const JsonChange &change : difference.jsonDiff().changes()) {
            auto *item = new QTreeWidgetItem(m_tree);
            QString path = change.path().toString();
            if (change.kind == JsonChange::Kind::Moved && change.oldPath != change.newPath)
                path = u"%1 → %2"_s.arg(change.oldPath.toString(), change.newPath.toString());
            item->setText(PathColumn, path.isEmpty() ? tr("(whole value)") : path);
            item->setData(PathColumn, Qt::UserRole, change.path().toString());
            item->setText(ChangeColumn, changeText(change.kind));
            if (change.kind == JsonChange::Kind::Moved) {
                item->setText(BeforeColumn, tr("position %1").arg(change.oldValue->row()));
                item->setText(AfterColumn, tr("position %1").arg(change.newValue->row()));
            } else {
                const bool reveal = diff::DiffExport::isRevealed(change.path(), options);
                item->setText(BeforeColumn, shown(change.oldValue, reveal));
                item->setText(AfterColumn, shown(change.newValue, reveal));
            }
            const QColor color = changeColor(change.kind);
            for (int column = 0; column < m_tree->columnCount(); ++column)
                item->setForeground(column, color);
        }
        for (int column = 0; column < m_tree->columnCount() - 1; ++column)
            m_tree->resizeColumnToContents(column);
    }
    updateButtons();
}

void SecretDiffPane::updateButtons()
{
    const bool differs = m_diff && !m_diff->isEqual();
    m_copyUnified->setEnabled(differs);
    m_copyPatch->setEnabled(differs);
    m_savePatch->setEnabled(differs);
    m_compareButton->setEnabled(m_client && !m_name.isEmpty());
}

void SecretDiffPane::savePatch()
{
    if (!m_diff)
        return;
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Save Patch"), QString(),
        tr("JSON Patch (*.json);;Unified diff (*.diff *.patch)"));
    if (fileName.isEmpty())
        return;
    const QByteArray content = fileName.endsWith(u".json"_s, Qt::CaseInsensitive)
        ? jsonPatchText()
        : unifiedText().toUtf8();
    if (const auto written = writePrivateFile(fileName, content); !written) {
        emit messageChanged(written.error());
        return;
    }
    emit messageChanged(tr("Saved %1").arg(fileName));
}

} // namespace coffer
