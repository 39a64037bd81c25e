// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTreeView;

namespace coffer {
namespace aws {
class SecretsManagerClient;
struct SecretValue;
}
class JsonTreeModel;

/**
 * One version of a secret, read-only: the value of `versionId` read with GetSecretValue and
 * shown as the editor shows a value (a Key | Value | Type tree for JSON, text otherwise), masked
 * the same way until revealed (Reveal All, or a double-click on one value), and nothing in it
 * can be edited or saved. To make it current, roll back from the Versions tab.
 *
 * The value lives only in this dialog, which deletes itself when closed.
 */
class SecretVersionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretVersionDialog)

public:
    SecretVersionDialog(aws::SecretsManagerClient *client, const QString &secretName,
                        const QString &versionId, QWidget *parent = nullptr);
    ~SecretVersionDialog() override;

    [[nodiscard]] QString versionId() const { return m_versionId; }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] QLabel *headerLabel() const { return m_header; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    [[nodiscard]] QTreeView *treeView() const { return m_tree; }
    [[nodiscard]] QPlainTextEdit *textView() const { return m_text; }
    [[nodiscard]] QPushButton *revealAllButton() const { return m_revealAll; }
    [[nodiscard]] JsonTreeModel *model() const { return m_model; }

signals:
    /// The value was read and is shown (or the read failed: statusLabel() says why).
    void loadFinished();

private:
    void showValue(const aws::SecretValue &value);
    void updateText();

    QString m_secretName;
    QString m_versionId;
    bool m_loaded = false;
    QLabel *m_header = nullptr;
    QLabel *m_status = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTreeView *m_tree = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QPushButton *m_revealAll = nullptr;
    JsonTreeModel *m_model = nullptr;
    QString m_plainText;
    bool m_isText = false;
};

} // namespace coffer
