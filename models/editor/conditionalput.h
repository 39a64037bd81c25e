// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

namespace coffer {

namespace aws {
class AwsCall;
class SecretsManagerClient;
struct SecretMetadata;
} // namespace aws

/**
 * A new AWSCURRENT version that lands only if AWSCURRENT is still the version the change was based
 * on: the compare-and-swap save that Secrets Manager has no single call for.
 *
 *     ConditionalPut::Request request{.secretId = arn, .secretString = text,
 *                                     .clientRequestToken = token, .expectedVersionId = loaded};
 *     auto *put = new ConditionalPut(client, request, this);
 *     connect(put, &ConditionalPut::finished, this, [put] { ... put->outcome() ... });
 *     put->start();
 *
 * It is built from label moves. PutSecretValue writes the value under a private label
 * (`COFFER_SAVE_<token>`), so the new version is not AWSCURRENT and nobody reads it yet. Then
 * UpdateSecretVersionStage moves AWSCURRENT to it with RemoveFromVersionId set to the expected
 * version, which AWS refuses when that version no longer holds the label: a writer in between
 * can never be buried. Last, the private label is dropped (best effort). A principal that may not
 * move labels (AccessDenied) gets the older check-then-put, DescribeSecret then PutSecretValue,
 * and note() says so; `checkThenPut` asks for that path from the start.
 *
 * Nothing is reported before it is known. An answer lost on the way (a timeout, a dropped
 * connection, a 5xx after the last retry) is settled by asking: the new version's id is the
 * request token, so a write that landed is the user's own Saved, never a Conflict, and one that
 * did not is Failed with "nothing was written".
 */
class ConditionalPut final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConditionalPut)

public:
    struct Request
    {
        QString secretId;                        ///< name or ARN
        std::optional<QString> secretString;     ///< exactly one of the two
        std::optional<QByteArray> secretBinary;
        QString clientRequestToken;              ///< the new version's id; 32 to 64 characters
        QString expectedVersionId;               ///< the AWSCURRENT the change was based on
        bool checkThenPut = false;               ///< label moves are known to be denied
    };

    enum class Outcome {
        Pending,
        Saved,      ///< versionId() is AWSCURRENT now
        Conflict,   ///< AWSCURRENT is currentVersionId(), someone else's; nothing of ours is
        Failed,     ///< error() says why; nothing was written (or it is not known to have been)
    };
    Q_ENUM(Outcome)

    /// The label a save's new version carries until AWSCURRENT has moved to it.
    [[nodiscard]] static QString draftStagePrefix() { return QStringLiteral("COFFER_SAVE_"); }
    /// True for failures after which the write may or may not have landed.
    [[nodiscard]] static bool isUnconfirmed(const aws::AwsError &error);
    /// "AWSCURRENT is version `current`, not `expected`: ...": a VersionConflict for people.
    [[nodiscard]] static aws::AwsError conflictError(const QString &current, const QString &expected);
    /// The version holding AWSCURRENT in `metadata`, or empty.
    [[nodiscard]] static QString currentVersionOf(const aws::SecretMetadata &metadata);

    ConditionalPut(aws::SecretsManagerClient *client, Request request, QObject *parent = nullptr);
    ~ConditionalPut() override;

    void start();
    /// Stops waiting; finished() is not emitted. What was already sent may still land.
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

    [[nodiscard]] Outcome outcome() const { return m_outcome; }
    [[nodiscard]] QString versionId() const { return m_versionId; }
    [[nodiscard]] QString currentVersionId() const { return m_currentVersionId; }
    [[nodiscard]] const aws::AwsError &error() const { return m_error; }
    /// What the user should know beyond the outcome (the check-then-put fallback), or empty.
    [[nodiscard]] QString note() const { return m_note; }
    /// True when UpdateSecretVersionStage was denied: later saves may ask for checkThenPut.
    [[nodiscard]] bool labelMovesDenied() const { return m_labelMovesDenied; }

Q_SIGNALS:
    void finished();

private:
    [[nodiscard]] QString draftStage() const;
    void setCall(aws::AwsCall *call);
    void putDraft();
    void moveCurrent(const QString &versionId);
    void settleMove(const QString &versionId, const aws::AwsError &error);
    void dropDraft(const QString &versionId, std::function<void()> then);
    void checkCurrentThenPut();
    void putCurrent();
    void finish(Outcome outcome);
    void failNotSaved(aws::AwsError error);

    QPointer<aws::SecretsManagerClient> m_client;
    Request m_request;
    QPointer<aws::AwsCall> m_call;
    bool m_running = false;
    Outcome m_outcome = Outcome::Pending;
    QString m_versionId;
    QString m_currentVersionId;
    aws::AwsError m_error;
    QString m_note;
    bool m_labelMovesDenied = false;
};

} // namespace coffer
