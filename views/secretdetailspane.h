// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/secretsmanagertypes.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QPushButton;

namespace coffer {

class ElidedLabel;

/**
 * The header of the secret view: what a secret is, without its value. Name, ARN, description,
 * encryption key, dates, rotation, versions with their staging labels, tags, and a warning when
 * the secret is scheduled for deletion. Every field is selectable for copying (version ids in
 * full); the title, elided when the name is long, copies from its context menu. Edit Description
 * and Tags asks the application to edit them (editRequested()).
 */
class SecretDetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDetailsPane)

public:
    explicit SecretDetailsPane(QWidget *parent = nullptr);
    ~SecretDetailsPane() override;

    void showSecret(const aws::SecretMetadata &secret);
    /// Shows nothing (the secret closed).
    void clear();
    [[nodiscard]] QString secretName() const { return m_secretName; }
    /// The text of one field by its label ("ARN"), for tests; empty when absent.
    [[nodiscard]] QString fieldText(const QString &label) const;
    [[nodiscard]] QPushButton *editButton() const { return m_editButton; }

signals:
    /// Edit Description and Tags was pressed for the secret shown.
    void editRequested(const QString &name);

private:
    void addField(const QString &label, const QString &text);

    ElidedLabel *m_title = nullptr;
    QLabel *m_deletionWarning = nullptr;
    QFormLayout *m_form = nullptr;
    QPushButton *m_editButton = nullptr;
    QString m_secretName;
};

} // namespace coffer
