// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/contentfindingsbar.h"

#include "views/statusicon.h"
#include "views/wrappinglabel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace coffer {

using content::ContentFinding;
using content::FindingSeverity;

namespace {

StatusMark markFor(FindingSeverity severity)
{
    switch (severity) {
    case FindingSeverity::Error:
        return StatusMark::Error;
    case FindingSeverity::Warning:
        return StatusMark::Warning;
    case FindingSeverity::Info:
        break;
    }
    return StatusMark::Info;
}

/// The most severe of `findings` (Info when there are none).
FindingSeverity worst(const QList<ContentFinding> &findings)
{
    if (content::hasError(findings))
        return FindingSeverity::Error;
    if (content::countSeverity(findings, FindingSeverity::Warning) > 0)
        return FindingSeverity::Warning;
    return FindingSeverity::Info;
}

} // namespace

ContentFindingsBar::ContentFindingsBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"ContentFindingsBar"_s);
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(3);

    auto *header = new QHBoxLayout;
    m_icon = new QLabel;
    header->addWidget(m_icon);
    m_summary = new QLabel;
    m_summary->setObjectName(u"FindingsSummary"_s);
    header->addWidget(m_summary, 1);
    layout->addLayout(header);

    m_list = new QListWidget;
    m_list->setObjectName(u"FindingsList"_s);
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setIconSize({ 16, 16 });
    m_list->setResizeMode(QListView::Adjust);
    m_list->viewport()->installEventFilter(this);
    m_list->setAccessibleName(tr("Findings"));
    layout->addWidget(m_list);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit pointerActivated(item->data(PointerRole).toString());
    });
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        emit pointerActivated(item->data(PointerRole).toString());
    });

    auto *held = new QHBoxLayout;
    m_held = new WrappingLabel;
    m_held->setObjectName(u"SaveHeldLabel"_s);
    m_held->setStyleSheet(u"QLabel { color: #8a1c12; font-weight: bold; }"_s);
    held->addWidget(m_held, 1);
    m_saveAnyway = new QPushButton(tr("Save Anyway"));
    m_saveAnyway->setObjectName(u"SaveAnywayButton"_s);
    m_saveAnyway->setToolTip(tr("Write this value as it is, with the errors listed above"));
    connect(m_saveAnyway, &QPushButton::clicked, this, &ContentFindingsBar::saveAnywayRequested);
    held->addWidget(m_saveAnyway);
    layout->addLayout(held);
    m_held->hide();
    m_saveAnyway->hide();

    hide();
}

ContentFindingsBar::~ContentFindingsBar() = default;

QString ContentFindingsBar::countText(const QList<ContentFinding> &findings)
{
    QStringList parts;
    if (const int errors = content::countSeverity(findings, FindingSeverity::Error))
        parts.append(tr("%n error(s)", nullptr, errors));
    if (const int warnings = content::countSeverity(findings, FindingSeverity::Warning))
        parts.append(tr("%n warning(s)", nullptr, warnings));
    if (const int notes = content::countSeverity(findings, FindingSeverity::Info))
        parts.append(tr("%n note(s)", nullptr, notes));
    return parts.join(u", "_s);
}

void ContentFindingsBar::setFindings(const QList<ContentFinding> &findings)
{
    m_findings = findings;
    m_list->clear();
    for (const ContentFinding &finding : findings) {
        // The sentence, then the fix; the path and the finding's id in the tooltip.
        auto *item = new QListWidgetItem(statusIcon(markFor(finding.severity)),
                                         tr("%1 %2").arg(finding.message, finding.fix));
        item->setData(PointerRole, finding.pointer);
        item->setData(IdRole, finding.id);
        item->setToolTip(tr("%1: %2\nAt %3 (%4). Click to go there.")
                             .arg(ContentFinding::severityLabel(finding.severity), finding.message,
                                  finding.pointer.isEmpty() ? tr("the whole value") : finding.pointer,
                                  finding.id));
        m_list->addItem(item);
    }
    updateLook();
}

void ContentFindingsBar::setSaveHeld(const QString &reason)
{
    m_held->setText(reason);
    m_held->setVisible(!reason.isEmpty());
    m_saveAnyway->setVisible(!reason.isEmpty());
    updateLook();
}

bool ContentFindingsBar::isSaveHeld() const
{
    return !m_saveAnyway->isHidden();
}

void ContentFindingsBar::updateLook()
{
    const FindingSeverity severity = worst(m_findings);
    m_icon->setPixmap(statusIcon(markFor(severity)).pixmap(16, 16));
    m_summary->setText(tr("%1 in this value. Click one to go to it.").arg(countText(m_findings)));
    m_fittedWidth = -1;
    fitRows();
    QString background;
    switch (severity) {
    case FindingSeverity::Error:
        background = u"#fdecea"_s;
        break;
    case FindingSeverity::Warning:
        background = u"#fff4d6"_s;
        break;
    case FindingSeverity::Info:
        background = u"#e8f0fb"_s;
        break;
    }
    setStyleSheet(u"#ContentFindingsBar { background: %1; } #FindingsList { background: transparent; }"_s
                      .arg(background));
    setVisible(!m_findings.isEmpty() || isSaveHeld());
}

bool ContentFindingsBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        fitRows();
    return QFrame::eventFilter(watched, event);
}

void ContentFindingsBar::fitRows()
{
    const int width = m_list->viewport()->width();
    if (width == m_fittedWidth)
        return; // also ends the resize that setFixedHeight() below causes
    m_fittedWidth = width;
    // The icon, and the margins the style puts around it and the text.
    const int textWidth = std::max(80, width - m_list->iconSize().width() - 16);
    const QFontMetrics metrics(m_list->font());
    int height = 0;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const int textHeight
            = metrics.boundingRect(QRect(0, 0, textWidth, 100000), Qt::TextWordWrap, item->text()).height();
        const int rowHeight = std::max(textHeight, m_list->iconSize().height()) + 4;
        item->setSizeHint(QSize(width, rowHeight));
        if (row < 3)
            height += rowHeight;
    }
    m_list->setFixedHeight(height + 2 * m_list->frameWidth());
}

} // namespace coffer
