// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QStringList>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace coffer {

/**
 * The IAM policy preview (issue #9). "Generate" writes a least-privilege policy for the
 * secrets in scope (a namespace prefix or the open secret) with PolicyGenerator, shown as JSON,
 * Terraform or CloudFormation (PolicyFormatter) with the generator's notes, to copy or save.
 * "Paste a policy" lints a policy the user pastes (PolicyLinter): findings with severity,
 * line:column, message and fix; malformed JSON shows its line and column.
 *
 * Both modes feed the matrix: one row per secret in scope (its ARN), one column per action of
 * matrixActions(), each cell ✔ (allowed) or ✖ (denied) as PolicyEvaluator decides, the tooltip
 * naming the deciding statement.
 */
class PolicyPreviewPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicyPreviewPane)

public:
    enum Mode { GenerateMode = 0, PasteMode = 1 };
    /// Role of a matrix cell: true when allowed (invalid when no policy could be evaluated).
    static constexpr int AllowedRole = Qt::UserRole + 1;
    /// Role of a findings item (column 0): the finding's stable id ("json-syntax").
    static constexpr int FindingIdRole = Qt::UserRole + 2;

    explicit PolicyPreviewPane(QWidget *parent = nullptr);
    ~PolicyPreviewPane() override;

    /// The secrets in scope (full ARNs, the matrix rows) and the namespace prefix ("paintbox/";
    /// empty: none). A non-empty prefix selects the namespace scope.
    void setScope(const QString &prefixOrEmpty, const QStringList &secretArns);
    void setAccount(const QString &account, const QString &region);
    /// Selects the namespace scope with `prefix`.
    void setPrefix(const QString &prefix);
    /// Selects the "This secret" scope; `arn` is added to the matrix rows when missing.
    void setSecret(const QString &name, const QString &arn);
    /// Forgets the secret, the namespace and the matrix rows (another session starts).
    void clear();

    /// The matrix columns: "secretsmanager:GetSecretValue", ..., "kms:Decrypt".
    [[nodiscard]] static QStringList matrixActions();

    [[nodiscard]] QTabWidget *modeTabs() const { return m_tabs; }
    [[nodiscard]] QComboBox *scopeCombo() const { return m_scopeCombo; }
    /// "read", "list", "write", "manage"; nullptr for any other name.
    [[nodiscard]] QCheckBox *accessCheckBox(const QString &name) const;
    [[nodiscard]] QCheckBox *batchGetCheckBox() const { return m_batchGet; }
    [[nodiscard]] QLineEdit *kmsKeyEdit() const { return m_kmsKeyEdit; }
    /// JSON, Terraform, CloudFormation (in this order).
    [[nodiscard]] QComboBox *formatCombo() const { return m_formatCombo; }
    [[nodiscard]] QCheckBox *resourcePolicyCheckBox() const { return m_resourcePolicy; }
    [[nodiscard]] QLineEdit *principalEdit() const { return m_principalEdit; }
    [[nodiscard]] QPlainTextEdit *outputEdit() const { return m_outputEdit; }
    /// The generator's notes, or why no policy could be generated.
    [[nodiscard]] QLabel *notesLabel() const { return m_notesLabel; }
    [[nodiscard]] QPushButton *copyButton() const { return m_copyButton; }
    [[nodiscard]] QPushButton *saveButton() const { return m_saveButton; }
    [[nodiscard]] QPlainTextEdit *pasteEdit() const { return m_pasteEdit; }
    /// Severity | Line:Col | Message | Fix.
    [[nodiscard]] QTreeWidget *findingsTree() const { return m_findingsTree; }
    /// Sums up the pasted policy ("Malformed JSON: line 4, column 1: ...").
    [[nodiscard]] QLabel *pasteStatusLabel() const { return m_pasteStatusLabel; }
    [[nodiscard]] QTableWidget *matrixTable() const { return m_matrixTable; }
    /// The generated policy in the chosen format (empty when it could not be generated).
    [[nodiscard]] QString outputText() const;

signals:
    /// A message for the status bar.
    void messageChanged(const QString &message);

private:
    void buildGeneratePage(QWidget *page);
    void buildPastePage(QWidget *page);
    void regenerate();
    void relint();
    void updateMatrix();
    void copyOutput();
    void saveOutput();
    void updateScopeCombo();

    QTabWidget *m_tabs = nullptr;
    QComboBox *m_scopeCombo = nullptr;
    QHash<QString, QCheckBox *> m_access;
    QCheckBox *m_batchGet = nullptr;
    QLineEdit *m_kmsKeyEdit = nullptr;
    QComboBox *m_formatCombo = nullptr;
    QCheckBox *m_resourcePolicy = nullptr;
    QLineEdit *m_principalEdit = nullptr;
    QPlainTextEdit *m_outputEdit = nullptr;
    QLabel *m_notesLabel = nullptr;
    QPushButton *m_copyButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QPlainTextEdit *m_pasteEdit = nullptr;
    QTreeWidget *m_findingsTree = nullptr;
    QLabel *m_pasteStatusLabel = nullptr;
    QTableWidget *m_matrixTable = nullptr;
    QLabel *m_matrixLabel = nullptr;

    QString m_account;
    QString m_region;
    QString m_prefix;
    QString m_secretName;
    QString m_secretArn;
    QStringList m_scopeArns;
    /// The generated document (nullopt when generation failed) and whether it is a resource policy.
    std::optional<nlohmann::ordered_json> m_generated;
    bool m_generatedIsResourcePolicy = false;
    bool m_updating = false;
};

} // namespace coffer
