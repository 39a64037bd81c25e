// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// AwsProfileCatalog on files written by the test: every kind of profile, problems with file and
// line, AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, and live reload when a file is replaced
// the way editors do (a new file renamed over the old one) or made for the first time.
#include "models/profiles/awsprofilecatalog.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::AwsCatalogEntry;
using coffer::AwsProfileCatalog;
using Kind = coffer::AwsCatalogEntry::Kind;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(content) == content.size();
}

/// Writes a new file beside `path` and renames it over `path`, as editors and `aws configure` do.
bool replaceFile(const QString &path, const QByteArray &content)
{
    const QString temporary = path + u".new"_s;
    if (!writeFile(temporary, content))
        return false;
    QFile::remove(path);
    return QFile::rename(temporary, path);
}

const QByteArray kConfig = R"([default]
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = default

[profile broken-role]
role_arn = arn:aws:iam::123456789012:role/Nowhere

[profile company]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
region = us-east-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile vault]
credential_process = /usr/local/bin/vault-aws --token s3cr3t-token

[profile ci]
role_arn = arn:aws:iam::123456789012:role/Ci
web_identity_token_file = /var/run/token

[profile region-only]
region = ap-south-1
)";

const QByteArray kCredentials = R"([default]
aws_access_key_id = AKIDCATALOGEXAMPLE01
aws_secret_access_key = catalog/secret/EXAMPLE

[fromfile]
aws_access_key_id = AKIDCATALOGEXAMPLE02
aws_secret_access_key = catalog/secret/EXAMPLE2
)";

} // namespace

class TestAwsProfileCatalog final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void testKinds_data();
    void testKinds();
    void testProblemsNameFileAndLine();
    void testNeverShowsASecret();
    void testEnvironmentOverridesPaths();
    void testDefaultPathsUnderHome();
    void testMalformedFileKeepsTheOther();
    void testReloadsWhenAFileIsReplaced();
    void testReloadsWhenTheFolderIsMadeLater();
    void testNoSignalWhenNothingChanged();

private:
    QProcessEnvironment envFor(const QString &folder) const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAwsProfileCatalog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QProcessEnvironment TestAwsProfileCatalog::envFor(const QString &folder) const
{
    QProcessEnvironment env;
    env.insert(u"AWS_CONFIG_FILE"_s, folder + u"/config"_s);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, folder + u"/credentials"_s);
    return env;
}

void TestAwsProfileCatalog::testKinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("details");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("problem");

    QTest::newRow("keys") << u"default"_s << Kind::Keys << u"AKIDCATALOGEXAMPLE01"_s
                          << u"eu-west-1"_s << false;
    QTest::newRow("keys only in credentials")
        << u"fromfile"_s << Kind::Keys << u"AKIDCATALOGEXAMPLE02"_s << QString() << false;
    QTest::newRow("assume-role")
        << u"admin"_s << Kind::AssumeRole
        << u"arn:aws:iam::123456789012:role/Admin with profile default"_s << QString() << false;
    QTest::newRow("sso") << u"company"_s << Kind::Sso
                         << u"https://corp.awsapps.com/start 123456789012/ReadOnly"_s
                         << u"us-east-2"_s << false;
    QTest::newRow("credential_process") << u"vault"_s << Kind::CredentialProcess
                                        << u"vault-aws"_s << QString() << false;
    QTest::newRow("web identity") << u"ci"_s << Kind::WebIdentity
                                  << u"arn:aws:iam::123456789012:role/Ci"_s << QString() << false;
    QTest::newRow("unknown") << u"region-only"_s << Kind::Unknown << QString() << u"ap-south-1"_s
                             << true;
}

void TestAwsProfileCatalog::testKinds()
{
    QFETCH(QString, name);
    QFETCH(Kind, kind);
    QFETCH(QString, details);
    QFETCH(QString, region);
    QFETCH(bool, problem);
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    AwsProfileCatalog catalog(envFor(m_dir->path()), {.watch = false});

    const auto entry = catalog.entry(name);
    QVERIFY(entry);
    QCOMPARE(entry->kind, kind);
    QCOMPARE(entry->details, details);
    QCOMPARE(entry->region, region);
    QVERIFY2(entry->hasProblem() == problem, qPrintable(entry->problem));
    QVERIFY(!entry->location.isEmpty());
}

void TestAwsProfileCatalog::testProblemsNameFileAndLine()
{
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    AwsProfileCatalog catalog(envFor(m_dir->path()), {.watch = false});
    const QString config = m_dir->filePath(u"config"_s);

    const QStringList names = [&] {
        QStringList list;
        for (const AwsCatalogEntry &entry : catalog.entries())
            list << entry.name;
        return list;
    }();
    QCOMPARE(names, (QStringList{u"admin"_s, u"broken-role"_s, u"ci"_s, u"company"_s,
                                 u"default"_s, u"fromfile"_s, u"region-only"_s, u"vault"_s}));

    // The role's own line, from the credentials chain's check.
    const auto broken = catalog.entry(u"broken-role"_s);
    QVERIFY(broken);
    QCOMPARE(broken->kind, Kind::AssumeRole);
    QCOMPARE(broken->problem, config + u" line 9: profile 'broken-role' has role_arn but "
                                       "neither source_profile nor credential_source"_s);
    // The section's line, for a profile that sets no credentials at all.
    const auto regionOnly = catalog.entry(u"region-only"_s);
    QVERIFY(regionOnly->problem.startsWith(config + u" line 28: "_s));
    QVERIFY(regionOnly->problem.contains(u"sets no credentials"_s));
    // SSO: listed with its kind, and usable (Coffer signs in to IAM Identity Center).
    const auto sso = catalog.entry(u"company"_s);
    QVERIFY2(!sso->hasProblem(), qPrintable(sso->problem));
    QCOMPARE(sso->location, config + u" line 11"_s);
    // Fine ones have none.
    QVERIFY(!catalog.entry(u"admin"_s)->hasProblem());
    QVERIFY(catalog.fileProblems().isEmpty());
}

void TestAwsProfileCatalog::testNeverShowsASecret()
{
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    AwsProfileCatalog catalog(envFor(m_dir->path()), {.watch = false});
    for (const AwsCatalogEntry &entry : catalog.entries()) {
        for (const QString &text : {entry.details, entry.problem, entry.location}) {
            QVERIFY2(!text.contains(u"catalog/secret"_s), qPrintable(entry.name));
            QVERIFY2(!text.contains(u"s3cr3t-token"_s), qPrintable(entry.name));
        }
    }
}

void TestAwsProfileCatalog::testEnvironmentOverridesPaths()
{
    // Files under other names, anywhere: only the variables lead to them.
    const QString config = m_dir->filePath(u"elsewhere/my-config"_s);
    const QString credentials = m_dir->filePath(u"other/my-credentials"_s);
    QVERIFY(writeFile(config, "[profile only-in-config]\nregion = eu-north-1\n"
                              "credential_process = /bin/true\n"));
    QVERIFY(writeFile(credentials, "[only-in-credentials]\naws_access_key_id = AKIDX\n"
                                   "aws_secret_access_key = y\n"));
    QProcessEnvironment env;
    env.insert(u"AWS_CONFIG_FILE"_s, config);
    env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, credentials);
    AwsProfileCatalog catalog(env, {.watch = false});
    QCOMPARE(catalog.configPath(), config);
    QCOMPARE(catalog.credentialsPath(), credentials);
    QCOMPARE(catalog.entries().size(), 2);
    QCOMPARE(catalog.entry(u"only-in-config"_s)->kind, Kind::CredentialProcess);
    QCOMPARE(catalog.entry(u"only-in-credentials"_s)->kind, Kind::Keys);
}

void TestAwsProfileCatalog::testDefaultPathsUnderHome()
{
    // run-isolated.sh gives a private HOME; without the variables the catalog reads ~/.aws.
    const QString aws = QDir::homePath() + u"/.aws"_s;
    QVERIFY(writeFile(aws + u"/config"_s, "[default]\nregion = eu-west-3\n"));
    QVERIFY(writeFile(aws + u"/credentials"_s,
                      "[default]\naws_access_key_id = AKIDHOME\naws_secret_access_key = z\n"));
    AwsProfileCatalog catalog(QProcessEnvironment(), {.watch = false});
    QCOMPARE(catalog.configPath(), aws + u"/config"_s);
    QCOMPARE(catalog.entries().size(), 1);
    QCOMPARE(catalog.entry(u"default"_s)->region, u"eu-west-3"_s);
    QCOMPARE(catalog.entry(u"default"_s)->location, u"~/.aws/config line 1"_s);
    QVERIFY(QDir(aws).removeRecursively());
}

void TestAwsProfileCatalog::testMalformedFileKeepsTheOther()
{
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), "[default]\nregion = eu-west-1\nnot a line\n"));
    QVERIFY(writeFile(m_dir->filePath(u"credentials"_s), kCredentials));
    AwsProfileCatalog catalog(envFor(m_dir->path()), {.watch = false});
    QCOMPARE(catalog.fileProblems().size(), 1);
    QVERIFY2(catalog.fileProblems().first().startsWith(m_dir->filePath(u"config"_s)
                                                       + u" line 3"_s),
             qPrintable(catalog.fileProblems().first()));
    QVERIFY(catalog.entry(u"fromfile"_s));
    QCOMPARE(catalog.entry(u"fromfile"_s)->kind, Kind::Keys);
}

void TestAwsProfileCatalog::testReloadsWhenAFileIsReplaced()
{
    const QString config = m_dir->filePath(u"config"_s);
    QVERIFY(writeFile(config, "[profile first]\ncredential_process = /bin/true\n"));
    AwsProfileCatalog catalog(envFor(m_dir->path()), {.watch = true, .settleMilliseconds = 50});
    QSignalSpy changed(&catalog, &AwsProfileCatalog::changed);
    QCOMPARE(catalog.entries().size(), 1);

    QVERIFY(replaceFile(config, "[profile first]\ncredential_process = /bin/true\n\n"
                                "[profile second]\nrole_arn = arn:aws:iam::1:role/R\n"
                                "source_profile = first\n"));
    QVERIFY(changed.wait(5000));
    QCOMPARE(catalog.entries().size(), 2);
    QCOMPARE(catalog.entry(u"second"_s)->kind, Kind::AssumeRole);

    // Replaced again: the watch survived the first replacement.
    changed.clear();
    QVERIFY(replaceFile(config, "[profile third]\ncredential_process = /bin/true\n"));
    QVERIFY(changed.wait(5000));
    QCOMPARE(catalog.entries().size(), 1);
    QCOMPARE(catalog.entries().first().name, u"third"_s);

    // Written in place, and removed.
    changed.clear();
    QVERIFY(writeFile(config, "[profile fourth]\ncredential_process = /bin/true\n"));
    QVERIFY(changed.wait(5000));
    QCOMPARE(catalog.entries().first().name, u"fourth"_s);
    changed.clear();
    QVERIFY(QFile::remove(config));
    QVERIFY(changed.wait(5000));
    QVERIFY(catalog.entries().isEmpty());
}

void TestAwsProfileCatalog::testReloadsWhenTheFolderIsMadeLater()
{
    // A first-time user: no ~/.aws yet; `aws configure` makes it while Coffer runs.
    const QString folder = m_dir->filePath(u"aws"_s);
    AwsProfileCatalog catalog(envFor(folder), {.watch = true, .settleMilliseconds = 50});
    QVERIFY(catalog.entries().isEmpty());
    QVERIFY(catalog.watchedPaths().contains(m_dir->path()));
    QSignalSpy changed(&catalog, &AwsProfileCatalog::changed);

    QVERIFY(QDir().mkpath(folder));
    // The folder appears first; the file a moment later, as `aws configure` does it.
    QTest::qWait(200);
    QVERIFY(writeFile(folder + u"/credentials"_s,
                      "[default]\naws_access_key_id = AKIDLATER\naws_secret_access_key = w\n"));
    QTRY_VERIFY_WITH_TIMEOUT(catalog.contains(u"default"_s), 5000);
    QVERIFY(changed.count() >= 1);
    QVERIFY(catalog.watchedPaths().contains(folder));
}

void TestAwsProfileCatalog::testNoSignalWhenNothingChanged()
{
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig));
    AwsProfileCatalog catalog(envFor(m_dir->path()), {.watch = false});
    QSignalSpy changed(&catalog, &AwsProfileCatalog::changed);
    catalog.reload();
    QCOMPARE(changed.count(), 0);
    QVERIFY(writeFile(m_dir->filePath(u"config"_s), kConfig + "\n[profile new]\nregion = x\n"));
    catalog.reload();
    QCOMPARE(changed.count(), 1);
}

QTEST_GUILESS_MAIN(TestAwsProfileCatalog)
#include "testawsprofilecatalog.moc"
