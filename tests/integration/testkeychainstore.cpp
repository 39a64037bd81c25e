// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// KeychainStore against the real Secret Service of the test harness (gnome-keyring in a private
// D-Bus session, see tests/support/run-isolated.sh). What QtKeychain reports is checked against an
// independent client, secret-tool, so a store that only pretends to write fails.
#include "models/keychain/keychainstore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;
using coffer::KeychainError;
using coffer::KeychainStore;

class TestKeychainStore final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testRoundTrip();
    void testBinaryValueSurvives();
    void testMissingItemIsNotFound();
    void testRemoveMissingItemSucceeds();

private:
    std::expected<void, KeychainError> write(const QString &key, const QByteArray &secret);
    std::expected<QByteArray, KeychainError> read(const QString &key);
    std::expected<void, KeychainError> remove(const QString &key);
    /// Asks secret-tool (libsecret's own CLI) whether an item with our attributes exists.
    bool secretToolFinds(const QString &key);

    KeychainStore m_store{u"io.github.coffer_app.Coffer.test"_s};
};

void TestKeychainStore::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "tests must run inside tests/support/run-isolated.sh (private D-Bus session)");
    QVERIFY2(qEnvironmentVariable("HOME").startsWith(qEnvironmentVariable("COFFER_TEST_ROOT")),
             "HOME must be the harness's private folder, never the user's");
    QVERIFY2(!QStandardPaths::findExecutable(u"secret-tool"_s).isEmpty(),
             "secret-tool (package libsecret-tools) is needed to check the keyring independently");
}

std::expected<void, KeychainError> TestKeychainStore::write(const QString &key,
                                                            const QByteArray &secret)
{
    std::optional<std::expected<void, KeychainError>> result;
    m_store.write(key, secret, this, [&result](auto r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return std::unexpected(KeychainError{KeychainError::Code::Other, u"timed out"_s});
    return *result;
}

std::expected<QByteArray, KeychainError> TestKeychainStore::read(const QString &key)
{
    std::optional<std::expected<QByteArray, KeychainError>> result;
    m_store.read(key, this, [&result](auto r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return std::unexpected(KeychainError{KeychainError::Code::Other, u"timed out"_s});
    return *result;
}

std::expected<void, KeychainError> TestKeychainStore::remove(const QString &key)
{
    std::optional<std::expected<void, KeychainError>> result;
    m_store.remove(key, this, [&result](auto r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 10000))
        return std::unexpected(KeychainError{KeychainError::Code::Other, u"timed out"_s});
    return *result;
}

bool TestKeychainStore::secretToolFinds(const QString &key)
{
    // QtKeychain's libsecret backend stores items with the attributes user=<key> and
    // server=<service>. `secret-tool search` prints attributes (and the secret, which we ignore).
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"search"_s, u"--all"_s, u"user"_s, key, u"server"_s,
                                  m_store.service()});
    if (!tool.waitForFinished(10000))
        return false;
    const QByteArray listing = tool.readAllStandardOutput() + tool.readAllStandardError();
    return listing.contains((u"attribute.user = "_s + key).toUtf8());
}

void TestKeychainStore::testRoundTrip()
{
    const QString key = u"profile/roundtrip-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray canary = "canary-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);

    QVERIFY(!secretToolFinds(key));
    const auto written = write(key, canary);
    if (!written)
        QFAIL(qPrintable(written.error().explanation()));
    QVERIFY2(secretToolFinds(key), "the item is not in the Secret Service after a successful write");

    // A second, independent read through a new store object.
    KeychainStore secondStore(m_store.service());
    std::optional<std::expected<QByteArray, KeychainError>> readBack;
    secondStore.read(key, this, [&readBack](auto r) { readBack = r; });
    QTRY_VERIFY_WITH_TIMEOUT(readBack.has_value(), 10000);
    QVERIFY(readBack->has_value());
    QVERIFY2(readBack->value() == canary, "read back a different value");  // never print it

    const auto removed = remove(key);
    QVERIFY(removed.has_value());
    QVERIFY2(!secretToolFinds(key), "the item is still in the Secret Service after remove");
    const auto afterRemove = read(key);
    QVERIFY(!afterRemove.has_value());
    QCOMPARE(afterRemove.error().code, KeychainError::Code::NotFound);
}

void TestKeychainStore::testBinaryValueSurvives()
{
    const QString key = u"binary-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QByteArray value;
    for (int i = 0; i < 256; ++i)
        value.append(char(i));
    QVERIFY(write(key, value).has_value());
    const auto back = read(key);
    QVERIFY(back.has_value());
    QVERIFY(back.value() == value);
    QVERIFY(remove(key).has_value());
}

void TestKeychainStore::testMissingItemIsNotFound()
{
    const auto result = read(u"never-written-"_s + QUuid::createUuid().toString());
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().code, KeychainError::Code::NotFound);
    QVERIFY(!result.error().explanation().isEmpty());
}

void TestKeychainStore::testRemoveMissingItemSucceeds()
{
    QVERIFY(remove(u"never-written-"_s + QUuid::createUuid().toString()).has_value());
}

QTEST_GUILESS_MAIN(TestKeychainStore)
#include "testkeychainstore.moc"
