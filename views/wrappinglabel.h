// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

namespace coffer {

/**
 * A word-wrapped label that can be narrower than its longest word. A QLabel that wraps is never
 * narrower than its longest word, so one ARN or URL of a 300-character name made the whole window
 * that wide. This one wraps the same, clips a word wider than itself, and then shows the whole
 * text in its tooltip; selecting and copying still take the whole text.
 */
class WrappingLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WrappingLabel)

public:
    explicit WrappingLabel(const QString &text = {}, QWidget *parent = nullptr);
    ~WrappingLabel() override;

    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace coffer
