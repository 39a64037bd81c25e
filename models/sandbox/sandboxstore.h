// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awserror.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace coffer::sandbox {

using Json = nlohmann::ordered_json;

/// One version of a secret's value, as the sandbox keeps it.
struct SandboxVersion
{
    QString versionId;
    QByteArray value;          ///< SecretString as UTF-8, or the SecretBinary bytes
    bool binary = false;
    QStringList stages;        ///< empty: deprecated
    QDateTime createdDate;
    QDateTime lastAccessedDate;  ///< day resolution, as AWS reports it; invalid when never read
};

/// One secret with all its versions.
struct SandboxSecret
{
    QString name;
    QString arn;
    QString description;
    QString kmsKeyId;
    QString owningService;
    QString resourcePolicy;
    QList<std::pair<QString, QString>> tags;   ///< in the order they were added
    QDateTime createdDate;
    QDateTime lastChangedDate;
    QDateTime lastAccessedDate;
    QDateTime deletedDate;     ///< when DeleteSecret was called; invalid unless scheduled
    QDateTime deletionDate;    ///< when it will be purged; invalid unless scheduled
    std::vector<SandboxVersion> versions;   ///< oldest first
    quint64 sequence = 0;      ///< creation order, to sort secrets created in the same millisecond

    [[nodiscard]] bool isScheduledForDeletion() const { return deletionDate.isValid(); }
    [[nodiscard]] const SandboxVersion *versionWithStage(QStringView stage) const;
    [[nodiscard]] const SandboxVersion *version(QStringView versionId) const;
};

/**
 * The state and the rules of the local sandbox's Secrets Manager: secrets, their versions and
 * staging labels, tags, scheduled deletions, idempotency tokens, and the operations on them, with
 * AWS's error codes and messages. Plain C++ and Qt Core, no network: SandboxServer puts it on the
 * wire, SandboxDataFolder keeps it on disk.
 *
 * Requests and answers are the JSON documents of the JSON 1.1 protocol, member names as in the
 * service model (botocore's secretsmanager/2017-10-17/service-2.json):
 *
 *     SandboxStore store(u"eu-west-1"_s, u"123456789012"_s);
 *     auto created = store.call(u"CreateSecret", {{"Name", "pixell/dev"}, {"SecretString", "{}"},
 *                                                 {"ClientRequestToken", token}});
 *     if (!created)
 *         qWarning() << created.error().code;   // "ResourceExistsException", ...
 *
 * Timestamps come from clock() (the system clock unless setClock() replaced it), so tests and
 * fault injection can move time. Secret values are only ever in memory here; nothing in this
 * class logs. Not thread-safe: use it from one thread.
 */
class SandboxStore
{
public:
    using Clock = std::function<QDateTime()>;

    static constexpr int MaxVersions = 100;
    static constexpr qsizetype MaxValueBytes = 65536;

    explicit SandboxStore(QString region = QStringLiteral("us-east-1"),
                          QString accountId = QStringLiteral("123456789012"));
    ~SandboxStore();
    SandboxStore(const SandboxStore &) = delete;
    SandboxStore &operator=(const SandboxStore &) = delete;

    [[nodiscard]] QString region() const { return m_region; }
    [[nodiscard]] QString accountId() const { return m_accountId; }

    void setClock(Clock clock);
    [[nodiscard]] QDateTime now() const;

    /// Runs one Secrets Manager operation ("GetSecretValue") on its request document.
    [[nodiscard]] aws::Result<Json> call(QStringView operation, const Json &request);

    /// True for the operations that change state (what must be persisted after them).
    [[nodiscard]] static bool isWriteOperation(QStringView operation);
    /// Every operation call() knows.
    [[nodiscard]] static QStringList operations();

    /// What one write may change: the secret its request names, as it was before.
    struct Checkpoint
    {
        QString secretId;                     ///< SecretId, or Name for CreateSecret
        std::optional<SandboxSecret> before;  ///< empty: no such secret existed
        qsizetype position = -1;              ///< its place in creation order
        quint64 revision = 0;
        quint64 nextSequence = 0;
    };
    /// Taken before a write, so a write that could not be persisted can be taken back.
    [[nodiscard]] Checkpoint checkpoint(const Json &request) const;
    /// Puts the secret of `checkpoint` back as it was (re-creating a deleted one, removing a
    /// created one) and the revision with it.
    void rollBack(const Checkpoint &checkpoint);

    /// Counts successful changes; persistence compares it to what it saved last.
    [[nodiscard]] quint64 revision() const { return m_revision; }

    // --- direct access, for persistence and seeding ---
    [[nodiscard]] qsizetype size() const { return qsizetype(m_secrets.size()); }
    /// All secrets, in creation order (scheduled deletions included).
    [[nodiscard]] QList<const SandboxSecret *> secrets() const;
    [[nodiscard]] const SandboxSecret *secret(const QString &name) const;
    /// The secret `secretId` names (its name, full ARN or ARN without the random suffix), or
    /// nullptr; scheduled deletions included.
    [[nodiscard]] const SandboxSecret *lookup(const QString &secretId) const;
    /// "arn:aws:secretsmanager:<region>:<account>:secret:"
    [[nodiscard]] QString arnPrefix() const { return m_arnPrefix; }
    /// Adds a complete secret as it is (loading from disk, bulk seeding): no validation beyond a
    /// unique name; an empty ARN gets one. Returns false when the name is taken.
    bool insert(SandboxSecret secret);
    void clear();
    /// A new ARN for `name` in this store's region and account, with a random 6-character suffix.
    [[nodiscard]] QString makeArn(const QString &name) const;

    /// The AWS error document for `error`: {"__type": code, "message": message}.
    [[nodiscard]] static Json errorDocument(const aws::AwsError &error);
    /// A service error with AWS's code and message (HTTP 400 unless said otherwise).
    [[nodiscard]] static aws::AwsError serviceError(const QString &code, const QString &message,
                                                    int httpStatus = 400);

private:
    aws::Result<Json> createSecret(const Json &request);
    aws::Result<Json> describeSecret(const Json &request);
    aws::Result<Json> getSecretValue(const Json &request);
    aws::Result<Json> batchGetSecretValue(const Json &request);
    aws::Result<Json> putSecretValue(const Json &request);
    aws::Result<Json> updateSecret(const Json &request);
    aws::Result<Json> updateSecretVersionStage(const Json &request);
    aws::Result<Json> listSecrets(const Json &request);
    aws::Result<Json> listSecretVersionIds(const Json &request);
    aws::Result<Json> deleteSecret(const Json &request);
    aws::Result<Json> restoreSecret(const Json &request);
    aws::Result<Json> tagResource(const Json &request);
    aws::Result<Json> untagResource(const Json &request);
    aws::Result<Json> getResourcePolicy(const Json &request);
    aws::Result<Json> putResourcePolicy(const Json &request);
    aws::Result<Json> deleteResourcePolicy(const Json &request);
    aws::Result<Json> getRandomPassword(const Json &request);

    /// The secret `secretId` names (name, full ARN or ARN without its suffix).
    aws::Result<SandboxSecret *> find(const Json &request, bool allowScheduledForDeletion = false);
    SandboxSecret *findById(const QString &secretId);
    aws::Result<const SandboxVersion *> selectVersion(const SandboxSecret &secret, const Json &request) const;
    /// Adds a version (or recognises a retried one) and moves the labels; the answer's members.
    aws::Result<const SandboxVersion *> addVersion(SandboxSecret &secret, const QString &token,
                                                   const QByteArray &value, bool binary,
                                                   QStringList stages);
    void moveStage(SandboxSecret &secret, const QString &stage, SandboxVersion *target);
    void prune(SandboxSecret &secret);
    void purgeExpired();
    /// The secrets `filters` select, in creation order (BatchGetSecretValue's listing).
    aws::Result<std::vector<SandboxSecret *>> filtered(const Json &filters, bool includePlannedDeletion);
    Json valueEntry(const SandboxSecret &secret, const SandboxVersion &version);
    void touchAccess(SandboxSecret &secret, SandboxVersion &version);
    /// Secrets in ListSecrets' order for `sortBy` (ascending; ties by creation), kept until the
    /// next change, so a listing walks it page by page instead of filtering and sorting every
    /// secret again for each page.
    const std::vector<SandboxSecret *> &sortedBy(const QString &sortBy);
    struct SortedIndex
    {
        quint64 revision = ~quint64(0);
        quint64 accessEpoch = ~quint64(0);
        std::vector<SandboxSecret *> secrets;
    };
    QHash<QString, SortedIndex> m_sortedIndexes;
    quint64 m_accessEpoch = 0;   ///< counts LastAccessedDate changes, which are no revision
    void changed()
    {
        ++m_revision;
        m_deletionsKnown = false;
    }

    QString m_region;
    QString m_accountId;
    QString m_arnPrefix;   ///< "arn:aws:secretsmanager:<region>:<account>:secret:"
    Clock m_clock;
    std::vector<std::unique_ptr<SandboxSecret>> m_secrets;   ///< creation order
    QHash<QString, SandboxSecret *> m_byName;
    QHash<QString, SandboxSecret *> m_byArn;
    quint64 m_nextSequence = 1;
    quint64 m_revision = 0;
    bool m_deletionsKnown = false;   ///< m_earliestDeletion is up to date
    QDateTime m_earliestDeletion;    ///< invalid: nothing is scheduled for deletion
};

} // namespace coffer::sandbox
