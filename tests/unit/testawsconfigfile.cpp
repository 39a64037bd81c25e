// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/awsconfigfile.h"
#include "tests/support/testenv.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsConfigFile;
using coffer::aws::AwsConfigSection;
using coffer::aws::AwsSharedFiles;
using coffer::aws::ErrorKind;

namespace {

QString dataFile(const QString &name)
{
    return coffer::test::sourceDir() + u"/tests/data/aws-config/"_s + name;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestAwsConfigFile : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void testParsesSampleConfig();
    void testNestedSubSection();
    void testContinuationLines();
    void testIndentedFileIsNotAContinuation();
    void testDuplicatedSectionsMerge();
    void testWarningsOfSampleFiles();
    void testSectionStyles_data();
    void testSectionStyles();
    void testErrors_data();
    void testErrors();
    void testBrokenFilesNameFileAndLine_data();
    void testBrokenFilesNameFileAndLine();
    void testErrorsNeverQuoteTheLine();
    void testMissingFileIsEmpty();
    void testFolderIsAnError();
    void testDisplayPathUsesTilde();
    void testCrLfAndBom();
    void testSharedFilesCredentialsWin();
    void testSharedFilesHonourEnvironmentPaths();
    void testDefaultPathsAreUnderHome();
    void testProfileSelection_data();
    void testProfileSelection();
    void testProfileNotFoundMessage();
    void testFilesAreNotModified();
};

void TestAwsConfigFile::init()
{
    for (const char *var : {"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE",
                            "AWS_DEFAULT_PROFILE"})
        qunsetenv(var);
}

void TestAwsConfigFile::testParsesSampleConfig()
{
    const auto file = AwsConfigFile::load(dataFile(u"config"_s), AwsConfigFile::Kind::Config);
    QVERIFY2(file, qPrintable(file ? QString() : file.error().message));
    QVERIFY(file->exists());

    QCOMPARE(file->profile(u"default"_s)->value(u"region"_s), u"eu-west-1"_s);
    // Whitespace around '=' and the name, tabs, and upper-case keys.
    QCOMPARE(file->profile(u"spaced"_s)->value(u"region"_s), u"ap-southeast-2"_s);
    QCOMPARE(file->profile(u"spaced"_s)->value(u"REGION"_s), u"ap-southeast-2"_s);
    QCOMPARE(file->profile(u"quoted name"_s)->value(u"region"_s), u"us-west-2"_s);
    QCOMPARE(file->profile(u"work"_s)->value(u"cli_pager"_s), QString());
    QVERIFY(!file->profile(u"work"_s)->value(u"missing"_s));

    // Non-profile sections are kept apart.
    QVERIFY(!file->profile(u"corp"_s));
    const AwsConfigSection *sso = file->section(AwsConfigSection::Type::SsoSession, u"corp"_s);
    QVERIFY(sso);
    QCOMPARE(sso->value(u"sso_region"_s), u"us-east-1"_s);
    const AwsConfigSection *services = file->section(AwsConfigSection::Type::Services, u"local"_s);
    QVERIFY(services);
    QCOMPARE(services->property(u"secrets_manager"_s)->subProperties.value(u"endpoint_url"_s),
             u"http://127.0.0.1:4566"_s);

    const QStringList names = file->profileNames();
    for (const QString &name :
         {u"default"_s, u"work"_s, u"spaced"_s, u"quoted name"_s, u"local"_s, u"plainname"_s,
          u"china"_s})
        QVERIFY2(names.contains(name), qPrintable(name));
    QCOMPARE(names.count(u"work"_s), 1);
}

void TestAwsConfigFile::testNestedSubSection()
{
    const auto file = AwsConfigFile::load(dataFile(u"config"_s), AwsConfigFile::Kind::Config);
    QVERIFY(file);
    QVERIFY2(file->exists(), qPrintable(dataFile(u"config"_s)));
    QVERIFY(file->profile(u"work"_s));
    const auto *s3 = file->profile(u"work"_s)->property(u"s3"_s);
    QVERIFY(s3);
    QVERIFY(s3->isSubSection());
    QCOMPARE(s3->value, QString());
    QCOMPARE(s3->subProperties.value(u"max_concurrent_requests"_s), u"10"_s);
    // Keys inside the block are case-insensitive too.
    QCOMPARE(s3->subProperties.value(u"addressing_style"_s), u"path"_s);
    QCOMPARE(s3->line, 11);
}

void TestAwsConfigFile::testContinuationLines()
{
    const auto file = AwsConfigFile::parse("[default]\n"
                                           "long = first\n"
                                           "   second\n"
                                           "\n"
                                           "   third\n"
                                           "next = value\n",
                                           AwsConfigFile::Kind::Config, u"/tmp/config"_s);
    QVERIFY(file);
    QCOMPARE(file->profile(u"default"_s)->value(u"long"_s), u"first\nsecond\nthird"_s);
    QCOMPARE(file->profile(u"default"_s)->value(u"next"_s), u"value"_s);
}

void TestAwsConfigFile::testIndentedFileIsNotAContinuation()
{
    // Properties indented the same as each other are siblings, as configparser reads them.
    const auto file = AwsConfigFile::parse("[default]\n"
                                           "  region = eu-west-1\n"
                                           "  output = json\n",
                                           AwsConfigFile::Kind::Config, u"/tmp/config"_s);
    QVERIFY(file);
    QCOMPARE(file->profile(u"default"_s)->value(u"region"_s), u"eu-west-1"_s);
    QCOMPARE(file->profile(u"default"_s)->value(u"output"_s), u"json"_s);
}

void TestAwsConfigFile::testDuplicatedSectionsMerge()
{
    const auto file = AwsConfigFile::load(dataFile(u"config"_s), AwsConfigFile::Kind::Config);
    QVERIFY(file);
    QVERIFY2(file->exists(), qPrintable(dataFile(u"config"_s)));
    QVERIFY(file->profile(u"work"_s));
    const AwsConfigSection *work = file->profile(u"work"_s);
    QCOMPARE(work->value(u"region"_s), u"eu-central-1"_s);
    QCOMPARE(work->value(u"output"_s), u"text"_s);
    QCOMPARE(work->line, 8);

    const auto twice = AwsConfigFile::parse("[default]\nregion = a\n[default]\nregion = b\n",
                                            AwsConfigFile::Kind::Config, u"/tmp/config"_s);
    QVERIFY(twice);
    QCOMPARE(twice->profile(u"default"_s)->value(u"region"_s), u"b"_s);
    QCOMPARE(twice->warnings().size(), 1);
    QVERIFY2(twice->warnings().first().startsWith(u"/tmp/config line 4: "_s),
             qPrintable(twice->warnings().first()));
}

void TestAwsConfigFile::testWarningsOfSampleFiles()
{
    const auto config = AwsConfigFile::load(dataFile(u"config"_s), AwsConfigFile::Kind::Config);
    QVERIFY(config);
    QCOMPARE(config->warnings(),
             QStringList{config->displayPath()
                         + u" line 40: [plainname] is read as profile 'plainname'; the config file "
                           "spells it [profile plainname]"_s});
    const auto credentials =
        AwsConfigFile::load(dataFile(u"credentials"_s), AwsConfigFile::Kind::Credentials);
    QVERIFY(credentials);
    QCOMPARE(credentials->warnings(),
             QStringList{credentials->displayPath()
                         + u" line 12: [profile legacy] is read as profile 'legacy'; the credentials "
                           "file spells it [legacy]"_s});
}

void TestAwsConfigFile::testSectionStyles_data()
{
    QTest::addColumn<bool>("credentialsFile");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("warnings");

    QTest::newRow("config [profile x]") << false << "[profile x]\nregion = a\n"_ba << "x" << "a" << 0;
    QTest::newRow("config [default]") << false << "[default]\nregion = a\n"_ba << "default" << "a" << 0;
    QTest::newRow("config [profile default]")
        << false << "[profile default]\nregion = a\n"_ba << "default" << "a" << 0;
    QTest::newRow("config [x] tolerated") << false << "[x]\nregion = a\n"_ba << "x" << "a" << 1;
    QTest::newRow("config proper spelling wins")
        << false << "[profile x]\nregion = a\n[x]\nregion = b\n"_ba << "x" << "a" << 2;
    QTest::newRow("credentials [x]") << true << "[x]\nregion = a\n"_ba << "x" << "a" << 0;
    QTest::newRow("credentials [profile x] tolerated")
        << true << "[profile x]\nregion = a\n"_ba << "x" << "a" << 1;
    QTest::newRow("credentials proper spelling wins")
        << true << "[x]\nregion = a\n[profile x]\nregion = b\n"_ba << "x" << "a" << 2;
    QTest::newRow("header comment") << false << "[profile x] # note\nregion = a\n"_ba << "x" << "a" << 0;
    QTest::newRow("unknown section ignored")
        << false << "[something else]\nregion = b\n[profile x]\nregion = a\n"_ba << "x" << "a" << 1;
}

void TestAwsConfigFile::testSectionStyles()
{
    QFETCH(bool, credentialsFile);
    QFETCH(QByteArray, text);
    QFETCH(QString, profile);
    QFETCH(QString, region);
    QFETCH(int, warnings);

    const auto file = AwsConfigFile::parse(
        text, credentialsFile ? AwsConfigFile::Kind::Credentials : AwsConfigFile::Kind::Config,
        u"/tmp/file"_s);
    QVERIFY2(file, qPrintable(file ? QString() : file.error().message));
    QVERIFY(file->profile(profile));
    QCOMPARE(file->profile(profile)->value(u"region"_s), region);
    QCOMPARE(file->warnings().size(), warnings);
    QCOMPARE(file->profileNames(), QStringList{profile});
}

void TestAwsConfigFile::testErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    QTest::newRow("no equals") << "[default]\nregion = a\n\noops\n"_ba
                               << "/tmp/config line 4: expected 'key = value'";
    QTest::newRow("before section") << "# comment\nregion = a\n"_ba
                                    << "/tmp/config line 2: 'key = value' before any [section] header";
    QTest::newRow("unclosed header") << "[default\n"_ba
                                     << "/tmp/config line 1: expected ']' to close the section header";
    QTest::newRow("text after header") << "[default] region = a\n"_ba
                                       << "/tmp/config line 1: unexpected text after the section header";
    QTest::newRow("empty header") << "[ ]\n"_ba << "/tmp/config line 1: empty section name '[]'";
    QTest::newRow("no key") << "[default]\n = a\n"_ba
                            << "/tmp/config line 2: expected a name before '='";
    QTest::newRow("nested without equals") << "[default]\ns3 =\n  max\n"_ba
                                           << "/tmp/config line 3: expected 'key = value' inside 's3 ='";
    QTest::newRow("bad utf-8") << "[default]\nregion = \xff\xfe\n"_ba
                               << "/tmp/config line 2: not valid UTF-8 text";
}

void TestAwsConfigFile::testErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    const auto file = AwsConfigFile::parse(text, AwsConfigFile::Kind::Config, u"/tmp/config"_s);
    QVERIFY(!file);
    QCOMPARE(file.error().kind, ErrorKind::Configuration);
    QCOMPARE(file.error().message, message);
}

void TestAwsConfigFile::testBrokenFilesNameFileAndLine_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::newRow("no equals") << "config-broken-no-equals" << "line 7: expected 'key = value'";
    QTest::newRow("header") << "config-broken-header" << "line 1: expected ']' to close the section header";
    QTest::newRow("before section") << "config-broken-before-section"
                                    << "line 1: 'key = value' before any [section] header";
    QTest::newRow("nested") << "config-broken-nested" << "line 4: expected 'key = value' inside 's3 ='";
}

void TestAwsConfigFile::testBrokenFilesNameFileAndLine()
{
    QFETCH(QString, name);
    QFETCH(QString, message);
    // Installed where the user keeps it, the message names it as the user knows it.
    const QString path = QDir::homePath() + u"/.aws/config"_s;
    QVERIFY(QDir().mkpath(QDir::homePath() + u"/.aws"_s));
    QVERIFY(!QFile::exists(path));
    QVERIFY(QFile::copy(dataFile(name), path));
    const auto file = AwsConfigFile::load(path, AwsConfigFile::Kind::Config);
    QFile::remove(path);
    QVERIFY(!file);
    QCOMPARE(file.error().message, u"~/.aws/config "_s + message);
}

void TestAwsConfigFile::testErrorsNeverQuoteTheLine()
{
    const auto file =
        AwsConfigFile::load(dataFile(u"config-broken-no-equals"_s), AwsConfigFile::Kind::Config);
    QVERIFY(!file);
    QVERIFY(!file.error().message.contains(u"wJalr"_s));
    QVERIFY(!file.error().message.contains(u"aws_secret_access_key"_s));
    QVERIFY(!file.error().summary().contains(u"wJalr"_s));
}

void TestAwsConfigFile::testMissingFileIsEmpty()
{
    QTemporaryDir dir;
    const auto file = AwsConfigFile::load(dir.filePath(u"nope"_s), AwsConfigFile::Kind::Config);
    QVERIFY(file);
    QVERIFY(!file->exists());
    QVERIFY(file->profileNames().isEmpty());
    QVERIFY(!file->profile(u"default"_s));
}

void TestAwsConfigFile::testFolderIsAnError()
{
    QTemporaryDir dir;
    const auto file = AwsConfigFile::load(dir.path(), AwsConfigFile::Kind::Config);
    QVERIFY(!file);
    QVERIFY2(file.error().message.endsWith(u" is a folder, not a file"_s),
             qPrintable(file.error().message));
}

void TestAwsConfigFile::testDisplayPathUsesTilde()
{
    QCOMPARE(AwsConfigFile::displayPath(QDir::homePath() + u"/.aws/config"_s), u"~/.aws/config"_s);
    QCOMPARE(AwsConfigFile::displayPath(u"/etc/aws/config"_s), u"/etc/aws/config"_s);
    QCOMPARE(AwsConfigFile::displayPath(QDir::homePath() + u"other/config"_s),
             QDir::cleanPath(QDir::homePath() + u"other/config"_s));
}

void TestAwsConfigFile::testCrLfAndBom()
{
    const auto file = AwsConfigFile::parse("\xEF\xBB\xBF[default]\r\nregion = eu-west-1\r\n",
                                           AwsConfigFile::Kind::Config, u"/tmp/config"_s);
    QVERIFY(file);
    QCOMPARE(file->profile(u"default"_s)->value(u"region"_s), u"eu-west-1"_s);
}

void TestAwsConfigFile::testSharedFilesCredentialsWin()
{
    AwsSharedFiles files;
    auto config = AwsConfigFile::load(dataFile(u"config"_s), AwsConfigFile::Kind::Config);
    auto credentials =
        AwsConfigFile::load(dataFile(u"credentials"_s), AwsConfigFile::Kind::Credentials);
    QVERIFY(config && credentials);
    files.config = *config;
    files.credentials = *credentials;

    // region of [work] is in both files: the credentials file wins, as in the AWS CLI.
    const auto region = files.setting(u"work"_s, u"region"_s);
    QVERIFY(region);
    QCOMPARE(region->value, u"eu-north-1"_s);
    QVERIFY2(region->origin.startsWith(u"profile work in "_s), qPrintable(region->origin));
    QVERIFY(region->origin.endsWith(u"/credentials"_s));
    QVERIFY(region->location.endsWith(u"credentials line 10"_s));

    const auto output = files.setting(u"work"_s, u"output"_s);
    QVERIFY(output);
    QCOMPARE(output->value, u"text"_s);
    QVERIFY(output->origin.endsWith(u"/config"_s));

    QVERIFY(files.hasProfile(u"legacy"_s));   // [profile legacy] in the credentials file
    QVERIFY(files.hasProfile(u"plainname"_s));
    QVERIFY(!files.hasProfile(u"nobody"_s));
    QVERIFY(!files.setting(u"work"_s, u"cli_pager"_s));   // empty counts as unset
    QVERIFY(files.profileNames().contains(u"legacy"_s));
    QCOMPARE(files.profileNames().count(u"default"_s), 1);
}

void TestAwsConfigFile::testSharedFilesHonourEnvironmentPaths()
{
    QTemporaryDir dir;
    const QString configPath = dir.filePath(u"my config"_s);
    const QString credentialsPath = dir.filePath(u"my credentials"_s);
    QVERIFY(writeFile(configPath, "[profile x]\nregion = eu-west-3\n"));
    QVERIFY(writeFile(credentialsPath, "[x]\naws_access_key_id = AKIDEXAMPLE\n"));
    qputenv("AWS_CONFIG_FILE", configPath.toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", credentialsPath.toUtf8());

    const auto files = AwsSharedFiles::load();
    QVERIFY2(files, qPrintable(files ? QString() : files.error().message));
    QCOMPARE(files->config.path(), configPath);
    QCOMPARE(files->credentials.path(), credentialsPath);
    QCOMPARE(files->setting(u"x"_s, u"region"_s)->value, u"eu-west-3"_s);
    QCOMPARE(files->setting(u"x"_s, u"aws_access_key_id"_s)->value, u"AKIDEXAMPLE"_s);

    // A leading ~ is the home folder.
    qputenv("AWS_CONFIG_FILE", "~/elsewhere/config");
    QCOMPARE(AwsSharedFiles::configPath(QProcessEnvironment::systemEnvironment()),
             QDir::homePath() + u"/elsewhere/config"_s);
}

void TestAwsConfigFile::testDefaultPathsAreUnderHome()
{
    const auto env = QProcessEnvironment::systemEnvironment();
    QCOMPARE(AwsSharedFiles::configPath(env), QDir::homePath() + u"/.aws/config"_s);
    QCOMPARE(AwsSharedFiles::credentialsPath(env), QDir::homePath() + u"/.aws/credentials"_s);
    // The tests run with a private HOME, where no one has written ~/.aws.
    const auto files = AwsSharedFiles::load();
    QVERIFY(files);
    QVERIFY(!files->config.exists());
    QCOMPARE(files->config.displayPath(), u"~/.aws/config"_s);
}

void TestAwsConfigFile::testProfileSelection_data()
{
    QTest::addColumn<QString>("explicitName");
    QTest::addColumn<QString>("awsProfile");
    QTest::addColumn<QString>("awsDefaultProfile");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("source");
    QTest::addColumn<bool>("required");

    QTest::newRow("nothing") << "" << "" << "" << "default" << "default" << false;
    QTest::newRow("AWS_PROFILE") << "" << "work" << "" << "work" << "AWS_PROFILE" << true;
    QTest::newRow("AWS_DEFAULT_PROFILE") << "" << "" << "old" << "old" << "AWS_DEFAULT_PROFILE" << true;
    QTest::newRow("AWS_PROFILE first") << "" << "work" << "old" << "work" << "AWS_PROFILE" << true;
    QTest::newRow("explicit wins") << "cli" << "work" << "old" << "cli" << "--profile" << true;
}

void TestAwsConfigFile::testProfileSelection()
{
    QFETCH(QString, explicitName);
    QFETCH(QString, awsProfile);
    QFETCH(QString, awsDefaultProfile);
    QFETCH(QString, name);
    QFETCH(QString, source);
    QFETCH(bool, required);

    if (!awsProfile.isEmpty())
        qputenv("AWS_PROFILE", awsProfile.toUtf8());
    if (!awsDefaultProfile.isEmpty())
        qputenv("AWS_DEFAULT_PROFILE", awsDefaultProfile.toUtf8());
    const auto selection =
        AwsSharedFiles::selectProfile(explicitName, QProcessEnvironment::systemEnvironment());
    QCOMPARE(selection.name, name);
    QCOMPARE(selection.source, source);
    QCOMPARE(selection.isRequired(), required);
    QCOMPARE(selection.explicitlyChosen, !explicitName.isEmpty());
}

void TestAwsConfigFile::testProfileNotFoundMessage()
{
    const auto files = AwsSharedFiles::load();
    QVERIFY(files);
    const auto error = files->profileNotFound(u"work"_s);
    QCOMPARE(error.kind, ErrorKind::Configuration);
    QCOMPARE(error.message,
             u"profile 'work' not found in ~/.aws/config or ~/.aws/credentials (neither file exists)"_s);
}

void TestAwsConfigFile::testFilesAreNotModified()
{
    QTemporaryDir dir;
    const QString configPath = dir.filePath(u"config"_s);
    const QString credentialsPath = dir.filePath(u"credentials"_s);
    QVERIFY(QFile::copy(dataFile(u"config"_s), configPath));
    QVERIFY(QFile::copy(dataFile(u"credentials"_s), credentialsPath));
    const QByteArray configHash = sha256Of(configPath);
    const QByteArray credentialsHash = sha256Of(credentialsPath);
    const QDateTime configTime = QFileInfo(configPath).lastModified();
    qputenv("AWS_CONFIG_FILE", configPath.toUtf8());
    qputenv("AWS_SHARED_CREDENTIALS_FILE", credentialsPath.toUtf8());

    const auto files = AwsSharedFiles::load();
    QVERIFY(files);
    QVERIFY(files->setting(u"work"_s, u"aws_access_key_id"_s));

    QCOMPARE(sha256Of(configPath), configHash);
    QCOMPARE(sha256Of(credentialsPath), credentialsHash);
    QCOMPARE(QFileInfo(configPath).lastModified(), configTime);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 2);
}

QTEST_GUILESS_MAIN(TestAwsConfigFile)
#include "testawsconfigfile.moc"
