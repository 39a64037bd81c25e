// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox on disk: a restart keeps every secret, version and label; values are encrypted at
// rest (a canary value is nowhere in the folder's bytes); files are private; a wrong key or an
// altered file is refused; key files are created private and refused when readable by others.

#include "models/sandbox/sandboxcipher.h"
#include "models/sandbox/sandboxdatafolder.h"
#include "models/sandbox/sandboxephemeralkey.h"
#include "models/sandbox/sandboxkeyfile.h"
#include "models/sandbox/sandboxstore.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxCipher;
using coffer::sandbox::SandboxDataFolder;
using coffer::sandbox::SandboxEphemeralKey;
using coffer::sandbox::SandboxKeyFile;
using coffer::sandbox::SandboxStore;

namespace {

const std::string canary = "CANARY-c0ffer-7f3a9d-never-on-disk";

QByteArray folderBytes(const QString &path)
{
    QByteArray all;
    QDirIterator it(path, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

void fill(SandboxStore &store)
{
    const auto call = [&store](QStringView op, const Json &request) {
        const auto result = store.call(op, request);
        QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().summary()));
    };
    call(u"CreateSecret", {{"Name", "pixell/prod"}, {"SecretString", "{\"DB_PASSWORD\":\"" + canary + "\"}"},
                           {"Description", "Pixell production"}, {"Tags", {{{"Key", "env"}, {"Value", "prod"}}}}});
    call(u"PutSecretValue", {{"SecretId", "pixell/prod"}, {"SecretString", canary + "-v2"}});
    call(u"PutSecretValue", {{"SecretId", "pixell/prod"}, {"SecretString", "pending"}, {"VersionStages", {"AWSPENDING", "blue"}}});
    call(u"CreateSecret", {{"Name", "bin"}, {"SecretBinary", QByteArray::fromStdString(canary).toBase64().toStdString()}});
    call(u"CreateSecret", {{"Name", "doomed"}, {"SecretString", "x"}});
    call(u"DeleteSecret", {{"SecretId", "doomed"}, {"RecoveryWindowInDays", 7}});
}

} // namespace

class TestSandboxPersistence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testCipherRoundTrip()
    {
        const SandboxCipher cipher(SandboxCipher::generateKey());
        const auto sealed = cipher.seal("secret", "aad");
        QVERIFY(sealed);
        QCOMPARE(sealed->size(), 6 + SandboxCipher::NonceSize + SandboxCipher::TagSize);
        QCOMPARE(*cipher.open(*sealed, "aad"), "secret"_ba);
        QVERIFY(!cipher.open(*sealed, "other"));                       // bound to its place
        QByteArray tampered = *sealed;
        tampered[SandboxCipher::NonceSize] = char(tampered[SandboxCipher::NonceSize] ^ 1);
        QVERIFY(!cipher.open(tampered, "aad"));
        QVERIFY(!SandboxCipher(SandboxCipher::generateKey()).open(*sealed, "aad"));
        QVERIFY(*cipher.seal("secret", "aad") != *sealed);              // a fresh nonce each time
    }

    void testRestartKeepsEverything()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"data"_s);
        const SandboxEphemeralKey key;
        SandboxStore before;
        fill(before);
        QVERIFY(SandboxDataFolder(path, key.key()).save(before).has_value());

        SandboxStore after;
        SandboxDataFolder folder(path, key.key());
        QVERIFY(folder.exists());
        const auto loaded = folder.load(after);
        QVERIFY2(loaded.has_value(), qPrintable(loaded ? QString() : loaded.error().message));
        QCOMPARE(after.size(), before.size());
        for (const auto *secret : before.secrets()) {
            const auto *restored = after.secret(secret->name);
            QVERIFY(restored);
            QCOMPARE(restored->arn, secret->arn);
            QCOMPARE(restored->description, secret->description);
            QCOMPARE(restored->tags, secret->tags);
            QCOMPARE(restored->createdDate, secret->createdDate);
            QCOMPARE(restored->deletionDate, secret->deletionDate);
            QCOMPARE(restored->versions.size(), secret->versions.size());
            for (size_t i = 0; i < secret->versions.size(); ++i) {
                QCOMPARE(restored->versions[i].versionId, secret->versions[i].versionId);
                QCOMPARE(restored->versions[i].stages, secret->versions[i].stages);
                QCOMPARE(restored->versions[i].binary, secret->versions[i].binary);
                QVERIFY(restored->versions[i].value == secret->versions[i].value);
            }
        }
        // And the restored store behaves: AWSPREVIOUS is there, the deletion still scheduled.
        const auto previous = after.call(u"GetSecretValue", {{"SecretId", "pixell/prod"}, {"VersionStage", "AWSPREVIOUS"}});
        QVERIFY(previous.has_value());
        QCOMPARE((*previous)["SecretString"].get<std::string>(), "{\"DB_PASSWORD\":\"" + canary + "\"}");
        QCOMPARE(after.call(u"GetSecretValue", {{"SecretId", "doomed"}}).error().code, u"InvalidRequestException"_s);
    }

    void testValuesAreEncryptedAtRest()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"data"_s);
        SandboxStore store;
        fill(store);
        const SandboxEphemeralKey key;
        QVERIFY(SandboxDataFolder(path, key.key()).save(store).has_value());
        const QByteArray bytes = folderBytes(path);
        QVERIFY(bytes.contains("pixell/prod"));                          // metadata is plain
        QVERIFY(!bytes.contains(QByteArray::fromStdString(canary)));
        QVERIFY(!bytes.contains(QByteArray::fromStdString(canary).toBase64()));
        QVERIFY(!bytes.contains("pending"));

        QCOMPARE(QFileInfo(path).permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QCOMPARE(QFileInfo(SandboxDataFolder(path, key.key()).stateFilePath()).permissions() & 0x7077,
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void testWrongKeyAndTamperingAreRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"data"_s);
        SandboxStore store;
        fill(store);
        const SandboxEphemeralKey key;
        SandboxDataFolder folder(path, key.key());
        QVERIFY(folder.save(store).has_value());

        SandboxStore other;
        const auto wrongKey = SandboxDataFolder(path, SandboxCipher::generateKey()).load(other);
        QVERIFY(!wrongKey);
        QVERIFY(wrongKey.error().message.contains(u"another key"_s));
        QCOMPARE(other.size(), 0);

        // Swap two sealed values: each is bound to its secret and version.
        QFile file(folder.stateFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        Json document = Json::parse(file.readAll().toStdString());
        file.close();
        auto &versions = document["Secrets"][0]["Versions"];
        std::swap(versions[0]["Value"], versions[1]["Value"]);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QByteArray::fromStdString(document.dump()));
        file.close();
        const auto swapped = folder.load(other);
        QVERIFY(!swapped);
        QVERIFY(swapped.error().message.contains(u"altered"_s));
    }

    void testWrongShapesAreDamagedNotACrash_data()
    {
        QTest::addColumn<QByteArray>("pointer");
        QTest::addColumn<QByteArray>("replacement");
        QTest::newRow("Format is a number") << "/Format"_ba << "7"_ba;
        QTest::newRow("Secrets is an object") << "/Secrets"_ba << "{\"a\": 1}"_ba;
        QTest::newRow("a secret is a string") << "/Secrets/0"_ba << "\"x\""_ba;
        QTest::newRow("Binary is a string") << "/Secrets/0/Versions/0/Binary"_ba << "\"yes\""_ba;
        QTest::newRow("Tags is a number") << "/Secrets/0/Tags"_ba << "3"_ba;
        QTest::newRow("a stage is an object") << "/Secrets/0/Versions/0/Stages"_ba << "[{}]"_ba;
        QTest::newRow("CreatedDate is a float") << "/Secrets/0/CreatedDate"_ba << "1e999"_ba;
        QTest::newRow("the document is an array") << ""_ba << "[]"_ba;
    }

    void testWrongShapesAreDamagedNotACrash()
    {
        QFETCH(QByteArray, pointer);
        QFETCH(QByteArray, replacement);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"data"_s);
        SandboxStore store;
        fill(store);
        const SandboxEphemeralKey key;
        SandboxDataFolder folder(path, key.key());
        QVERIFY(folder.save(store).has_value());

        QFile file(folder.stateFilePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        Json document = Json::parse(file.readAll().toStdString());
        file.close();
        // "1e999" is not JSON nlohmann reads back; write it as text so the file holds it.
        const bool asText = replacement == "1e999";
        const Json value = asText ? Json("@@HUGE@@") : Json::parse(replacement.toStdString());
        if (pointer.isEmpty())
            document = value;
        else
            document[Json::json_pointer(pointer.toStdString())] = value;
        QByteArray bytes = QByteArray::fromStdString(document.dump());
        if (asText)
            bytes.replace("\"@@HUGE@@\"", "1e999");
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
        file.close();

        SandboxStore other;
        const auto loaded = folder.load(other);
        if (loaded) {
            // A shape the loader can read past (a float date is no date) must at least load whole.
            QCOMPARE(other.size(), store.size());
            return;
        }
        QVERIFY2(loaded.error().message.contains(u"damaged"_s), qPrintable(loaded.error().message));
        QCOMPARE(other.size(), 0);
        // Nothing was overwritten: the damaged file is still there, byte for byte.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
    }

    void testOneOwnerPerFolder()
    {
        QTemporaryDir dir;
        const QByteArray key(SandboxCipher::KeySize, 'k');
        auto first = std::make_unique<SandboxDataFolder>(dir.filePath(u"data"_s), key);
        QVERIFY(first->lock().has_value());
        QVERIFY(first->lock().has_value());   // taking it again is a no-op

        SandboxDataFolder second(dir.filePath(u"data"_s), key);
        const auto refused = second.lock();
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"in use by another process"_s), qPrintable(refused.error().message));
        QVERIFY(refused.error().message.contains(QString::number(QCoreApplication::applicationPid())));

        first.reset();   // the owner goes: the folder is free
        QVERIFY(second.lock().has_value());
        QVERIFY(SandboxDataFolder::defaultPath() != SandboxDataFolder::defaultServePath());
    }

    void testKeyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sub/sandbox.key"_s);
        const auto created = SandboxKeyFile(path).loadOrCreate();
        QVERIFY(created.has_value());
        QCOMPARE(created->size(), SandboxCipher::KeySize);
        QCOMPARE(QFileInfo(path).permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QCOMPARE(*SandboxKeyFile(path).loadOrCreate(), *created);        // the same key next time

        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const auto exposed = SandboxKeyFile(path).loadOrCreate();
        QVERIFY(!exposed);
        QVERIFY(exposed.error().contains(u"other users"_s));
    }
};

QTEST_GUILESS_MAIN(TestSandboxPersistence)
#include "testsandboxpersistence.moc"
