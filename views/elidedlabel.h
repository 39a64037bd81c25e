// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace coffer {

/**
 * A one-line label for a name that can be very long (a secret's name is up to 512 characters):
 * it shows as much as fits, eliding the rest with "…", and the whole text in its tooltip while
 * elided (with setDetail() below it, if any). Its minimum width is a few characters, whatever the
 * text, so a long name can never widen the window; its context menu copies the whole text.
 *
 *     auto *title = new ElidedLabel(Qt::ElideMiddle);
 *     title->setFullText(secret.name);
 *
 * text() is what shows; fullText() is what was set.
 */
class ElidedLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedLabel)

public:
    explicit ElidedLabel(Qt::TextElideMode mode = Qt::ElideMiddle, QWidget *parent = nullptr);
    ~ElidedLabel() override;

    void setFullText(const QString &text);
    [[nodiscard]] QString fullText() const { return m_fullText; }
    /// More about the text, always in the tooltip (under the full text while elided).
    void setDetail(const QString &detail);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void elide();

    QString m_fullText;
    QString m_detail;
    Qt::TextElideMode m_mode;
};

} // namespace coffer
