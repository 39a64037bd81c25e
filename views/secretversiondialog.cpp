// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/secretversiondialog.h"

#include "models/aws/secretsmanagerclient.h"
#include "models/editor/jsontreemodel.h"
#include "models/editor/secreteditsession.h"
#include "models/json/jsondocument.h"
#include "views/secretvaluepane.h"
#include "views/wrappinglabel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

namespace {

/// The tree's model with nothing editable: no delegate opens, whatever asks it to.
class ReadOnlyModel final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    Qt::ItemFlags flags(const QModelIndex &index) const override
    {
        return QIdentityProxyModel::flags(index) & ~Qt::ItemIsEditable;
    }
};

} // namespace

SecretVersionDialog::SecretVersionDialog(aws::SecretsManagerClient *client, const QString &secretName,
                                         const QString &versionId, QWidget *parent)
    : QDialog(parent)
    , m_secretName(secretName)
    , m_versionId(versionId)
    , m_model(new JsonTreeModel(this))
{
    setObjectName(u"SecretVersionDialog"_s);
    setWindowTitle(tr("%1 — version %2 (read-only)").arg(secretName, versionId.left(8)));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);

    m_header = new WrappingLabel(tr("Version %1 of %2.").arg(versionId, secretName));
    m_header->setObjectName(u"VersionHeader"_s);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_header);
    auto *hint = new WrappingLabel(tr("Read-only. To make this version current, roll back to it "
                                      "from the Versions tab."));
    hint->setEnabled(false);
    layout->addWidget(hint);

    m_pages = new QStackedWidget;
    m_tree = new QTreeView;
    m_tree->setObjectName(u"VersionTree"_s);
    auto *readOnly = new ReadOnlyModel(this);
    readOnly->setSourceModel(m_model);
    m_tree->setModel(readOnly);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::KeyColumn, QHeaderView::Interactive);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(JsonTreeModel::TypeColumn, QHeaderView::ResizeToContents);
    m_tree->header()->resizeSection(JsonTreeModel::KeyColumn, 200);
    // A double-click shows one value (or hides it again), as Ctrl+R does in the editor.
    connect(m_tree, &QTreeView::doubleClicked, this, [this, readOnly](const QModelIndex &index) {
        const QModelIndex value = readOnly->mapToSource(index).siblingAtColumn(JsonTreeModel::ValueColumn);
        m_model->setRevealed(value, !m_model->isRevealed(value));
    });
    m_pages->addWidget(m_tree);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(u"VersionText"_s);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pages->addWidget(m_text);
    layout->addWidget(m_pages, 1);

    m_status = new WrappingLabel(tr("Reading the version…"));
    m_status->setObjectName(u"VersionStatus"_s);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_revealAll = buttons->addButton(tr("Reveal &All"), QDialogButtonBox::ActionRole);
    m_revealAll->setObjectName(u"RevealAllButton"_s);
    m_revealAll->setCheckable(true);
    m_revealAll->setEnabled(false);
    connect(m_revealAll, &QPushButton::toggled, this, [this](bool reveal) {
        m_model->setRevealAll(reveal);
        updateText();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 480);

    m_model->setMaskPublicValues(SecretValuePane::masksPublicValues());
    if (!client) {
        m_status->setText(tr("Not connected."));
        return;
    }
    client->getSecretValue({ secretName, versionId, {} }, this, [this](aws::Result<aws::SecretValue> value) {
        if (!value) {
            m_status->setText(tr("Could not read this version: %1").arg(value.error().explanation()));
            emit loadFinished();
            return;
        }
        showValue(*value);
        emit loadFinished();
    });
}

SecretVersionDialog::~SecretVersionDialog() = default;

void SecretVersionDialog::showValue(const aws::SecretValue &value)
{
    m_loaded = true;
    m_revealAll->setEnabled(true);
    QString header = tr("Version %1 of %2").arg(value.versionId, m_secretName);
    if (!value.versionStages.isEmpty())
        header += u" · "_s + value.versionStages.join(u", "_s);
    if (value.createdDate.isValid())
        header += u" · "_s + tr("created %1").arg(QLocale().toString(value.createdDate.toLocalTime(), QLocale::ShortFormat));
    m_header->setText(header);
    m_status->setText(tr("Values are hidden until revealed: Reveal All, or double-click one."));
    if (value.secretString) {
        // Shown as the editor shows it: a tree for an object or array, text otherwise.
        if (auto document = SecretEditSession::parseEditableJson(*value.secretString)) {
            m_model->setDocument(std::move(*document));
            m_tree->expandToDepth(1);
            m_pages->setCurrentWidget(m_tree);
            return;
        }
        m_isText = true;
        m_plainText = *value.secretString;
    } else if (value.secretBinary) {
        m_plainText = QString::fromLatin1(value.secretBinary->toBase64());
    }
    m_pages->setCurrentWidget(m_text);
    updateText();
}

void SecretVersionDialog::updateText()
{
    if (m_pages->currentWidget() != m_text)
        return;
    if (m_revealAll->isChecked())
        m_text->setPlainText(m_plainText);
    else
        m_text->setPlainText(m_isText ? tr("Plain text, %n character(s), hidden.", nullptr, int(m_plainText.size()))
                                      : tr("Binary, base64 below once revealed."));
}

} // namespace coffer
