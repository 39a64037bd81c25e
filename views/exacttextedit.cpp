// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/exacttextedit.h"

namespace coffer {

ExactTextEdit::ExactTextEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    // Connected first, so every other handler of textChanged reads the text after this edit.
    // Each change is spliced in as it happens, against the text just before it: a later edit
    // elsewhere can never widen the span that is taken from the editor's normalized text.
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        const QString shown = toPlainText();
        m_text = m_exact.merged(shown);
        m_exact = ExactPlainText(m_text);
        m_exact.setBaseline(shown);
    });
}

void ExactTextEdit::setExactText(const QString &text)
{
    m_exact = ExactPlainText(text);
    m_text = text;
    {
        const QSignalBlocker blocker(this);
        setPlainText(m_exact.forDisplay());
    }
    m_exact.setBaseline(toPlainText());
    Q_EMIT textChanged();
}

QString ExactTextEdit::exactText() const
{
    return m_text;
}

} // namespace coffer
