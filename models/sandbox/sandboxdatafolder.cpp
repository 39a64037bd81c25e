// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/sandboxdatafolder.h"

#include "models/sandbox/sandboxstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

namespace {

constexpr const char *formatName = "coffer-sandbox/1";
constexpr QByteArrayView checkText = "coffer-sandbox-key-check";

QString tr(const char *text)
{
    return QCoreApplication::translate("coffer::sandbox", text);
}

std::unexpected<aws::AwsError> failure(const QString &message)
{
    return std::unexpected(aws::AwsError::configuration(message));
}

std::string ss(const QString &text)
{
    return text.toStdString();
}

QString qs(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

Json dateJson(const QDateTime &date)
{
    return date.isValid() ? Json(date.toMSecsSinceEpoch()) : Json();
}

QDateTime dateOf(const Json &value)
{
    return value.is_number_integer() ? QDateTime::fromMSecsSinceEpoch(value.get<qint64>(), Qt::UTC) : QDateTime();
}

QByteArray associatedData(const QString &arn, const QString &versionId)
{
    return arn.toUtf8() + '\n' + versionId.toUtf8();
}

std::string base64(const QByteArray &data)
{
    return data.toBase64().toStdString();
}

QByteArray unbase64(const Json &value)
{
    return QByteArray::fromBase64(QByteArray::fromStdString(value.is_string() ? value.get<std::string>() : std::string()));
}

const Json &member(const Json &object, const char *key)
{
    static const Json null;
    const auto it = object.is_object() ? object.find(key) : object.end();
    return it == object.end() ? null : *it;
}

} // namespace

SandboxDataFolder::SandboxDataFolder(QString path, QByteArray key)
    : m_path(std::move(path))
    , m_cipher(std::move(key))
{
}

SandboxDataFolder::~SandboxDataFolder() = default;
SandboxDataFolder::SandboxDataFolder(SandboxDataFolder &&) noexcept = default;
SandboxDataFolder &SandboxDataFolder::operator=(SandboxDataFolder &&) noexcept = default;

aws::Result<void> SandboxDataFolder::lock()
{
    if (m_lock && m_lock->isLocked())
        return {};
    QDir dir(m_path);
    if (!dir.mkpath(u"."_s))
        return std::unexpected(aws::AwsError::configuration(
                tr("Cannot create the sandbox data folder %1.")
                        .arg(QDir::toNativeSeparators(m_path))));
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto lock = std::make_unique<QLockFile>(dir.filePath(u"sandbox.lock"_s));
    lock->setStaleLockTime(0);   // only a dead owner's lock is stale, however old
    if (lock->tryLock(0)) {
        m_lock = std::move(lock);
        return {};
    }
    qint64 pid = 0;
    QString host;
    QString application;
    lock->getLockInfo(&pid, &host, &application);
    return std::unexpected(aws::AwsError::configuration(
            tr("The sandbox data folder %1 is in use by another process (%2, pid %3). Close it, or "
               "give this one another folder.")
                    .arg(QDir::toNativeSeparators(m_path), application.isEmpty() ? u"?"_s : application)
                    .arg(pid)));
}

QString SandboxDataFolder::stateFilePath() const
{
    return QDir(m_path).filePath(u"sandbox.json"_s);
}

bool SandboxDataFolder::exists() const
{
    return QFile::exists(stateFilePath());
}

QString SandboxDataFolder::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"sandbox"_s);
}

QString SandboxDataFolder::defaultServePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(u"serve-sandbox"_s);
}

QString SandboxDataFolder::keyFilePath(const QString &folder)
{
    return QDir(folder).filePath(u"sandbox.key"_s);
}

aws::Result<void> SandboxDataFolder::save(const SandboxStore &store) const
{
    if (!m_cipher.isValid())
        return failure(tr("The sandbox data key is missing or has the wrong size."));
    const auto check = m_cipher.seal(checkText, {});
    if (!check)
        return failure(tr("The sandbox data could not be encrypted."));

    Json secrets = Json::array();
    for (const SandboxSecret *secret : store.secrets()) {
        Json versions = Json::array();
        for (const SandboxVersion &version : secret->versions) {
            const auto sealed = m_cipher.seal(version.value, associatedData(secret->arn, version.versionId));
            if (!sealed)
                return failure(tr("The sandbox data could not be encrypted."));
            Json stages = Json::array();
            for (const QString &stage : version.stages)
                stages.push_back(ss(stage));
            versions.push_back({{"VersionId", ss(version.versionId)},
                                {"Stages", std::move(stages)},
                                {"Binary", version.binary},
                                {"CreatedDate", dateJson(version.createdDate)},
                                {"LastAccessedDate", dateJson(version.lastAccessedDate)},
                                {"Value", base64(*sealed)}});
        }
        Json tags = Json::array();
        for (const auto &[key, value] : secret->tags)
            tags.push_back({ss(key), ss(value)});
        secrets.push_back({{"Name", ss(secret->name)},
                           {"ARN", ss(secret->arn)},
                           {"Description", ss(secret->description)},
                           {"KmsKeyId", ss(secret->kmsKeyId)},
                           {"OwningService", ss(secret->owningService)},
                           {"ResourcePolicy", ss(secret->resourcePolicy)},
                           {"Tags", std::move(tags)},
                           {"CreatedDate", dateJson(secret->createdDate)},
                           {"LastChangedDate", dateJson(secret->lastChangedDate)},
                           {"LastAccessedDate", dateJson(secret->lastAccessedDate)},
                           {"DeletedDate", dateJson(secret->deletedDate)},
                           {"DeletionDate", dateJson(secret->deletionDate)},
                           {"Versions", std::move(versions)}});
    }
    const Json document = {{"Format", formatName},
                           {"Region", ss(store.region())},
                           {"AccountId", ss(store.accountId())},
                           {"KeyCheck", base64(*check)},
                           {"Secrets", std::move(secrets)}};

    QDir dir(m_path);
    if (!dir.mkpath(u"."_s))
        return failure(tr("Cannot create the sandbox data folder %1.").arg(m_path));
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(stateFilePath());
    const QByteArray bytes = QByteArray::fromStdString(document.dump());
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || file.write(bytes) != bytes.size() || !file.commit()) {
        return failure(tr("Cannot save the sandbox data in %1: %2").arg(stateFilePath(), file.errorString()));
    }
    return {};
}

aws::Result<void> SandboxDataFolder::load(SandboxStore &store) const
{
    QFile file(stateFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return failure(tr("Cannot read the sandbox data %1: %2").arg(stateFilePath(), file.errorString()));
    const Json document = Json::parse(file.readAll().toStdString(), nullptr, false);
    // Every member is read through checks of its type; the catch is the last line of defence, so
    // that a file that is valid JSON of the wrong shape is "damaged", never an abort at start.
    try {
        return loadDocument(document, store);
    } catch (const Json::exception &) {
        return failure(tr("%1 is not Coffer sandbox data, or it is damaged.").arg(stateFilePath()));
    }
}

aws::Result<void> SandboxDataFolder::loadDocument(const Json &document, SandboxStore &store) const
{
    if (document.is_discarded() || !document.is_object() || qs(member(document, "Format")) != QLatin1StringView(formatName))
        return failure(tr("%1 is not Coffer sandbox data, or it is damaged.").arg(stateFilePath()));
    const auto check = m_cipher.open(unbase64(member(document, "KeyCheck")), {});
    if (!check || *check != checkText) {
        return failure(tr("The sandbox data in %1 was saved with another key; it cannot be opened with this one.")
                               .arg(m_path));
    }
    if (qs(member(document, "Region")) != store.region() || qs(member(document, "AccountId")) != store.accountId()) {
        return failure(tr("The sandbox data in %1 belongs to region %2, account %3.")
                               .arg(m_path, qs(member(document, "Region")), qs(member(document, "AccountId"))));
    }

    std::vector<SandboxSecret> loaded;
    const Json &secrets = member(document, "Secrets");
    if (!secrets.is_array())
        return failure(tr("%1 is not Coffer sandbox data, or it is damaged.").arg(stateFilePath()));
    loaded.reserve(secrets.size());
    for (const Json &entry : secrets) {
        SandboxSecret secret;
        secret.name = qs(member(entry, "Name"));
        secret.arn = qs(member(entry, "ARN"));
        secret.description = qs(member(entry, "Description"));
        secret.kmsKeyId = qs(member(entry, "KmsKeyId"));
        secret.owningService = qs(member(entry, "OwningService"));
        secret.resourcePolicy = qs(member(entry, "ResourcePolicy"));
        for (const Json &tag : member(entry, "Tags")) {
            if (tag.is_array() && tag.size() == 2)
                secret.tags.append({qs(tag[0]), qs(tag[1])});
        }
        secret.createdDate = dateOf(member(entry, "CreatedDate"));
        secret.lastChangedDate = dateOf(member(entry, "LastChangedDate"));
        secret.lastAccessedDate = dateOf(member(entry, "LastAccessedDate"));
        secret.deletedDate = dateOf(member(entry, "DeletedDate"));
        secret.deletionDate = dateOf(member(entry, "DeletionDate"));
        for (const Json &versionEntry : member(entry, "Versions")) {
            SandboxVersion version;
            version.versionId = qs(member(versionEntry, "VersionId"));
            for (const Json &stage : member(versionEntry, "Stages"))
                version.stages.append(qs(stage));
            const Json &binary = member(versionEntry, "Binary");
            version.binary = binary.is_boolean() && binary.get<bool>();
            version.createdDate = dateOf(member(versionEntry, "CreatedDate"));
            version.lastAccessedDate = dateOf(member(versionEntry, "LastAccessedDate"));
            const auto value = m_cipher.open(unbase64(member(versionEntry, "Value")), associatedData(secret.arn, version.versionId));
            if (!value) {
                return failure(tr("A value of the secret %1 in %2 does not decrypt: the file was altered.")
                                       .arg(secret.name, stateFilePath()));
            }
            version.value = *value;
            secret.versions.push_back(std::move(version));
        }
        if (secret.name.isEmpty() || secret.arn.isEmpty())
            return failure(tr("%1 is not Coffer sandbox data, or it is damaged.").arg(stateFilePath()));
        loaded.push_back(std::move(secret));
    }

    store.clear();
    for (SandboxSecret &secret : loaded)
        store.insert(std::move(secret));
    return {};
}

} // namespace coffer::sandbox
