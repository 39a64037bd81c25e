// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/diff/secretdiff.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace coffer {

namespace aws {
class SecretsManagerClient;
}
namespace diff {
struct ExportOptions;
}

/**
 * The differences between two versions of a secret, or between two secrets. Each side is a
 * staging label (AWSCURRENT, AWSPREVIOUS, a custom one) or a version id of the open secret, or
 * the AWSCURRENT of another secret.
 *
 * A JSON value shows one row per change (Path | Before | After | Change), coloured by kind; a
 * text value shows a unified diff; a binary value its summary. Values are masked (kind and
 * fingerprint) until "Show values" is ticked; the exports (copy unified diff, copy JSON Patch,
 * save) follow the same setting.
 */
class SecretDiffPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretDiffPane)

public:
    enum Column { PathColumn, BeforeColumn, AfterColumn, ChangeColumn };

    explicit SecretDiffPane(QWidget *parent = nullptr);
    ~SecretDiffPane() override;

    void setClient(aws::SecretsManagerClient *client);
    [[nodiscard]] aws::SecretsManagerClient *client() const;

    /// Opens `name`: fills From/To with AWSCURRENT, AWSPREVIOUS and its version ids, and clears
    /// the comparison. The secret already open is listed again, keeping From/To.
    void showSecret(const QString &name);
    [[nodiscard]] QString secretName() const { return m_name; }
    /// Lists the versions again (after a save or a rollback), keeping what From/To select
    /// where it still exists; the comparison shown stays.
    void reloadSides();

    /// Compares two sides of the open secret, each a staging label or a version id.
    void compare(const QString &from, const QString &to);
    /// Compares the AWSCURRENT of the open secret (before) with that of `otherSecret` (after);
    /// To then lists the versions of `otherSecret`, and Compare compares what From/To show.
    void compareSecrets(const QString &otherSecret);

    /// The last comparison (empty until one finished).
    [[nodiscard]] const std::optional<diff::SecretDiff> &currentDiff() const { return m_diff; }
    [[nodiscard]] bool isLoading() const { return m_pending > 0; }
    [[nodiscard]] bool isRevealed() const;
    void setRevealed(bool revealed);
    /// Shows (or hides again) the values at one JSON Pointer and below, leaving the rest
    /// masked; exports follow. Double-clicking a change does the same.
    void setPathRevealed(const QString &pointer, bool revealed);
    [[nodiscard]] bool isPathRevealed(const QString &pointer) const;

    /// The exports as the buttons produce them (masked unless revealed).
    [[nodiscard]] QString unifiedText() const;
    [[nodiscard]] QByteArray jsonPatchText() const;

    [[nodiscard]] QComboBox *fromCombo() const { return m_fromCombo; }
    [[nodiscard]] QComboBox *toCombo() const { return m_toCombo; }
    [[nodiscard]] QLineEdit *otherSecretEdit() const { return m_otherSecretEdit; }
    [[nodiscard]] QPushButton *compareButton() const { return m_compareButton; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] QTreeWidget *changeTree() const { return m_tree; }
    [[nodiscard]] QPlainTextEdit *textView() const { return m_text; }
    [[nodiscard]] QCheckBox *showValuesCheckBox() const { return m_showValues; }
    [[nodiscard]] QPushButton *copyUnifiedButton() const { return m_copyUnified; }
    [[nodiscard]] QPushButton *copyPatchButton() const { return m_copyPatch; }
    [[nodiscard]] QPushButton *savePatchButton() const { return m_savePatch; }

signals:
    /// A comparison finished (or failed: then currentDiff() is empty).
    void comparisonFinished();
    /// A message for the status bar.
    void messageChanged(const QString &message);

private:
    void compareClicked();
    /// Refills `combo` with the labels and `versionIds`, selecting `wanted` if it is one of
    /// them (or a custom label), else the side's default.
    void fillSide(QComboBox *combo, const QStringList &versionIds, const QString &wanted);
    /// Lists the versions of `secret` into From (the open secret) and To (when it is To's).
    void listVersions(const QString &secret, bool forFrom);
    /// To lists the versions of `otherSecret` (the open secret when empty).
    void useOtherSecret(const QString &otherSecret);
    void selectSide(QComboBox *combo, const QString &side);
    void fetch(const QString &oldSecret, const QString &oldSide, const QString &newSecret,
               const QString &newSide);
    void render();
    void updateButtons();
    void savePatch();
    /// Masked exports go on the clipboard as they are; any revealed value makes the copy a
    /// secret (SecretClipboard: concealed from clipboard managers, cleared after a delay).
    void copyExport(const QString &text, const QString &maskedMessage,
                    const QString &revealedMessage);
    [[nodiscard]] bool carriesValues() const;
    [[nodiscard]] diff::ExportOptions exportOptions() const;

    QPointer<aws::SecretsManagerClient> m_client;
    QString m_name;
    QStringList m_versionIds; ///< of the open secret (From)
    QString m_toSecret; ///< the secret To lists: the open one, or the other one
    QStringList m_toVersionIds; ///< of m_toSecret
    quint64 m_opened = 0; ///< counts showSecret() calls, so old listings are dropped
    QString m_oldLabel;
    QString m_newLabel;
    std::optional<diff::SecretDiff> m_diff;
    QSet<QString> m_revealedPaths;   ///< per change, reset with each new comparison
    quint64 m_generation = 0;
    int m_pending = 0;

    QComboBox *m_fromCombo = nullptr;
    QComboBox *m_toCombo = nullptr;
    QLineEdit *m_otherSecretEdit = nullptr;
    QPushButton *m_compareButton = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_showValues = nullptr;
    QPushButton *m_copyUnified = nullptr;
    QPushButton *m_copyPatch = nullptr;
    QPushButton *m_savePatch = nullptr;
};

} // namespace coffer
