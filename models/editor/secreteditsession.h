// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"
#include "models/aws/secretsmanagertypes.h"
#include "models/editor/conditionalput.h"
#include "models/json/jsondocument.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace coffer {

namespace aws {
class AwsCall;
class SecretsManagerClient;
} // namespace aws

class JsonTreeModel;

/**
 * Editing one secret's value, from loading AWSCURRENT to saving a new version without losing
 * anyone's work.
 *
 * load() reads the value and picks the editor it needs: a JSON object or array goes into
 * jsonModel() (exact, with undo), any other text is plain text, SecretBinary is bytes. save()
 * refuses what AWS would refuse (empty, over 65,536 bytes, not UTF-8) before sending, and writes
 * nothing when nothing changed.
 *
 * A save is a ConditionalPut: the new version becomes AWSCURRENT only if AWSCURRENT is still the
 * version the edit started from (a compare-and-swap made of label moves). If someone saved in
 * between, nothing of ours becomes AWSCURRENT and conflictDetected() carries their value. A
 * principal that may not move labels gets the older check-then-put, and lastSaveNote() says so.
 * An answer lost on the way is settled before anything is reported: a write that landed is the
 * user's own save, one that did not is "not saved". The user then chooses: rebase() replays their own edit
 * onto the newer value (for JSON; conflicting paths are reported), overwrite() saves anyway,
 * or nothing (cancel).
 *
 * Each save attempt carries a ClientRequestToken; trying again with the same value (after a
 * timeout, say) reuses it, so a write that did reach AWS is not made twice.
 */
class SecretEditSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretEditSession)

public:
    enum class Mode { Empty, Json, Text, Binary };
    Q_ENUM(Mode)

    /// A JSON object or array is shown as a tree; any other text (a token, a PEM, `42`) as
    /// text: the document for the tree, or nothing.
    [[nodiscard]] static std::optional<json::JsonDocument> parseEditableJson(const QString &text);

    /// Their newer value, found at save time.
    struct Conflict
    {
        QString loadedVersionId;
        QString currentVersionId;
        aws::SecretValue current;
    };

    explicit SecretEditSession(aws::SecretsManagerClient *client, QObject *parent = nullptr);
    ~SecretEditSession() override;

    /// The client to read and write with (another account: the open value is closed).
    void setClient(aws::SecretsManagerClient *client);
    [[nodiscard]] aws::SecretsManagerClient *client() const;
    /// Reads AWSCURRENT of `secretId` (loadFinished() or loadFailed() follow). An empty id
    /// closes the value (Mode::Empty, loadFinished()).
    void load(const QString &secretId);
    [[nodiscard]] QString secretName() const { return m_loaded.name; }
    [[nodiscard]] QString loadedVersionId() const { return m_loaded.versionId; }
    [[nodiscard]] const aws::SecretValue &loadedValue() const { return m_loaded; }
    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] bool isBusy() const { return !m_call.isNull() || !m_put.isNull(); }

    /// The JSON tree (Mode::Json).
    [[nodiscard]] JsonTreeModel *jsonModel() const { return m_jsonModel; }
    /// Plain text (Mode::Text).
    [[nodiscard]] QString text() const { return m_text; }
    void setText(const QString &text);
    /// Bytes (Mode::Binary).
    [[nodiscard]] QByteArray binary() const { return m_binary; }
    void setBinary(const QByteArray &bytes);

    /// True when the pending value differs from the loaded one.
    [[nodiscard]] bool isModified() const;
    /// The value save() would write, as it would go on the wire.
    [[nodiscard]] std::optional<QString> pendingSecretString() const;
    [[nodiscard]] std::optional<QByteArray> pendingSecretBinary() const;
    /// What would stop a save, in words (empty: nothing).
    [[nodiscard]] QString saveProblem() const;

    /// Saves the pending value as a new AWSCURRENT, only if nobody saved in between.
    void save();
    /// Saves even though AWSCURRENT moved (after conflictDetected()).
    void overwrite();
    /// Replays the user's edit onto the newer value found by the last conflict (JSON only):
    /// the tree then holds the newer value plus the edit, ready to review and save. Returns
    /// the JSON Pointers where both changed the same thing (their value was kept there).
    [[nodiscard]] std::expected<QStringList, QString> rebase();
    /// What the user should know about the last save, beyond "saved" (empty: nothing), e.g.
    /// that it fell back to check-then-put.
    [[nodiscard]] QString lastSaveNote() const { return m_lastSaveNote; }
    /// The last conflict found by save(), if it has not been resolved.
    [[nodiscard]] const std::optional<Conflict> &conflict() const { return m_conflict; }

signals:
    void loadFinished();
    void loadFailed(const coffer::aws::AwsError &error);
    void modifiedChanged(bool modified);
    void busyChanged(bool busy);
    void saved(const QString &versionId);
    /// A save refused before sending (`reason` says why) or failed at AWS.
    void saveRefused(const QString &reason);
    void saveFailed(const coffer::aws::AwsError &error);
    /// AWSCURRENT is no longer the version loaded; nothing was written.
    void conflictDetected(const coffer::SecretEditSession::Conflict &conflict);

private:
    void adopt(const aws::SecretValue &value);
    [[nodiscard]] QString secretId() const;
    void startSave();
    void putFinished();
    void setCall(aws::AwsCall *call);
    void updateModified();

    QPointer<aws::SecretsManagerClient> m_client;
    QPointer<aws::AwsCall> m_call;
    JsonTreeModel *m_jsonModel = nullptr;
    aws::SecretValue m_loaded;
    Mode m_mode = Mode::Empty;
    QString m_text;
    QByteArray m_binary;
    std::optional<Conflict> m_conflict;
    QString m_attemptToken;   ///< the token of the last attempt, and the value it was for
    QByteArray m_attemptBytes;
    QString m_baseVersionId;  ///< the version a save replaces only if it is still AWSCURRENT
    QString m_lastSaveNote;
    QPointer<ConditionalPut> m_put;
    bool m_labelMovesDenied = false;  ///< UpdateSecretVersionStage was denied: check-then-put
    bool m_modified = false;
};

} // namespace coffer

Q_DECLARE_METATYPE(coffer::SecretEditSession::Conflict)
