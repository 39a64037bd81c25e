// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox as a client no one here wrote sees it: Debian's AWS CLI (/usr/bin/aws, with
// Debian's python3 and botocore) pointed at an in-process sandbox with --endpoint-url. Every
// answer is parsed from the CLI's JSON output, so request serialization, SigV4 signing, response
// parsing and error handling all go through botocore.

#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxServerConfig;

namespace {

const QString awsCli = u"/usr/bin/aws"_s;
const QString accessKeyId = u"AKIDEXAMPLE"_s;
const QString secretKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;

struct CliRun : coffer::test::ProcessRun
{
    [[nodiscard]] Json json() const { return Json::parse(out.toStdString(), nullptr, false); }
};

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QStringList names(const Json &list)
{
    QStringList result;
    for (const Json &entry : list)
        result.append(str(entry["Name"]));
    return result;
}

} // namespace

class TestSandboxAwsCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SandboxServer> m_server;
    int m_calls = 0;

    CliRun aws(const QStringList &arguments, const QString &secret = secretKey)
    {
        ++m_calls;
        QProcessEnvironment env = coffer::test::environmentWithoutAws();
        env.insert(u"AWS_ACCESS_KEY_ID"_s, accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, secret);
        env.insert(u"AWS_DEFAULT_REGION"_s, u"eu-west-1"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, u"/dev/null"_s);
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        env.insert(u"AWS_PAGER"_s, QString());
        env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        env.insert(u"AWS_MAX_ATTEMPTS"_s, u"1"_s);
        // The sandbox answers on this thread: runProcess waits with the event loop running.
        const QStringList common { u"--endpoint-url"_s, m_server->url().toString(), u"--output"_s, u"json"_s };
        return CliRun{ coffer::test::runProcess(awsCli, common + arguments, env) };
    }

    Json ok(const QStringList &arguments)
    {
        const CliRun run = aws(arguments);
        if (run.exitCode != 0)
            qWarning("aws %s failed (%d): %s", qPrintable(arguments.join(u' ')), run.exitCode, run.err.constData());
        return run.exitCode == 0 ? run.json() : Json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo(awsCli).isExecutable())
            QSKIP("Debian's awscli is not installed at /usr/bin/aws");
        SandboxServerConfig config;
        config.region = u"eu-west-1"_s;
        config.accountId = u"210987654321"_s;
        AwsCredentials credentials;
        credentials.accessKeyId = accessKeyId;
        credentials.secretAccessKey = secretKey;
        config.credentials = {credentials};
        m_server = std::make_unique<SandboxServer>(config);
        QVERIFY(m_server->listen());
    }

    void cleanupTestCase()
    {
        // Keep the suite quick: each call starts a Python interpreter.
        QVERIFY2(m_calls < 40, qPrintable(u"%1 awscli calls"_s.arg(m_calls)));
        m_server.reset();
    }

    void testVersionsAndStages()
    {
        const Json created = ok({u"secretsmanager"_s, u"create-secret"_s, u"--name"_s, u"interop/app/config"_s,
                                 u"--secret-string"_s, u"{\"v\":1}"_s, u"--description"_s, u"Interop app"_s,
                                 u"--tags"_s, u"Key=team,Value=platform"_s});
        static const QRegularExpression arn(
                u"^arn:aws:secretsmanager:eu-west-1:210987654321:secret:interop/app/config-[A-Za-z0-9]{6}$"_s);
        QVERIFY2(arn.match(str(created["ARN"])).hasMatch(), qPrintable(str(created["ARN"])));
        const QString v1 = str(created["VersionId"]);
        QCOMPARE(v1.size(), 36);   // the CLI generated a UUID ClientRequestToken

        const QString v2 = str(ok({u"secretsmanager"_s, u"put-secret-value"_s, u"--secret-id"_s, u"interop/app/config"_s,
                                   u"--secret-string"_s, u"{\"v\":2}"_s})["VersionId"]);
        const Json put3 = ok({u"secretsmanager"_s, u"put-secret-value"_s, u"--secret-id"_s, str(created["ARN"]),
                              u"--secret-string"_s, u"{\"v\":3}"_s});
        const QString v3 = str(put3["VersionId"]);
        QCOMPARE(str(put3["VersionStages"][0]), u"AWSCURRENT"_s);
        QVERIFY(v1 != v2 && v2 != v3);

        Json described = ok({u"secretsmanager"_s, u"describe-secret"_s, u"--secret-id"_s, u"interop/app/config"_s});
        QCOMPARE(str(described["VersionIdsToStages"][v3.toStdString()][0]), u"AWSCURRENT"_s);
        QCOMPARE(str(described["VersionIdsToStages"][v2.toStdString()][0]), u"AWSPREVIOUS"_s);
        QVERIFY(!described["VersionIdsToStages"].contains(v1.toStdString()));
        QCOMPARE(str(described["Description"]), u"Interop app"_s);

        const Json previous = ok({u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"interop/app/config"_s,
                                  u"--version-stage"_s, u"AWSPREVIOUS"_s});
        QCOMPARE(str(previous["SecretString"]), u"{\"v\":2}"_s);
        QCOMPARE(str(previous["VersionId"]), v2);
        const Json byId = ok({u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"interop/app/config"_s,
                              u"--version-id"_s, v1});
        QCOMPARE(str(byId["SecretString"]), u"{\"v\":1}"_s);
        QVERIFY(byId["VersionStages"].empty());

        const Json labelled = ok({u"secretsmanager"_s, u"list-secret-version-ids"_s, u"--secret-id"_s, u"interop/app/config"_s});
        QCOMPARE(int(labelled["Versions"].size()), 2);
        const Json all = ok({u"secretsmanager"_s, u"list-secret-version-ids"_s, u"--secret-id"_s, u"interop/app/config"_s,
                             u"--include-deprecated"_s});
        QCOMPARE(int(all["Versions"].size()), 3);

        // Roll back: AWSCURRENT back to v1, AWSPREVIOUS follows to v3.
        ok({u"secretsmanager"_s, u"update-secret-version-stage"_s, u"--secret-id"_s, u"interop/app/config"_s,
            u"--version-stage"_s, u"AWSCURRENT"_s, u"--move-to-version-id"_s, v1, u"--remove-from-version-id"_s, v3});
        const Json current = ok({u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"interop/app/config"_s});
        QCOMPARE(str(current["SecretString"]), u"{\"v\":1}"_s);
        described = ok({u"secretsmanager"_s, u"describe-secret"_s, u"--secret-id"_s, u"interop/app/config"_s});
        QCOMPARE(str(described["VersionIdsToStages"][v3.toStdString()][0]), u"AWSPREVIOUS"_s);
        QVERIFY(!described["VersionIdsToStages"].contains(v2.toStdString()));
    }

    void testListFiltersAndPagination()
    {
        ok({u"secretsmanager"_s, u"create-secret"_s, u"--name"_s, u"interop/app/db"_s, u"--secret-string"_s, u"pw"_s,
            u"--tags"_s, u"Key=team,Value=data"_s});
        ok({u"secretsmanager"_s, u"create-secret"_s, u"--name"_s, u"other/token"_s, u"--secret-string"_s, u"t"_s});

        const Json byName = ok({u"secretsmanager"_s, u"list-secrets"_s, u"--filters"_s, u"Key=name,Values=interop/"_s});
        QCOMPARE(names(byName["SecretList"]), (QStringList{u"interop/app/config"_s, u"interop/app/db"_s}));
        const Json byTag = ok({u"secretsmanager"_s, u"list-secrets"_s, u"--filters"_s, u"Key=tag-value,Values=data"_s,
                               u"Key=tag-key,Values=team"_s});
        QCOMPARE(names(byTag["SecretList"]), QStringList{u"interop/app/db"_s});
        const Json negated = ok({u"secretsmanager"_s, u"list-secrets"_s, u"--filters"_s, u"Key=name,Values=!interop"_s});
        QCOMPARE(names(negated["SecretList"]), QStringList{u"other/token"_s});

        // The CLI's own paginator: one page of one, then on from its token.
        const Json first = ok({u"secretsmanager"_s, u"list-secrets"_s, u"--max-items"_s, u"2"_s, u"--page-size"_s, u"1"_s});
        QCOMPARE(int(first["SecretList"].size()), 2);
        QVERIFY(first.contains("NextToken"));
        const Json rest = ok({u"secretsmanager"_s, u"list-secrets"_s, u"--max-items"_s, u"2"_s, u"--page-size"_s, u"1"_s,
                              u"--starting-token"_s, str(first["NextToken"])});
        QCOMPARE(names(first["SecretList"]) + names(rest["SecretList"]),
                 (QStringList{u"interop/app/config"_s, u"interop/app/db"_s, u"other/token"_s}));
        QVERIFY(!rest.contains("NextToken"));
    }

    void testTags()
    {
        ok({u"secretsmanager"_s, u"tag-resource"_s, u"--secret-id"_s, u"other/token"_s, u"--tags"_s,
            u"Key=env,Value=prod"_s, u"Key=owner,Value=ops"_s});
        ok({u"secretsmanager"_s, u"untag-resource"_s, u"--secret-id"_s, u"other/token"_s, u"--tag-keys"_s, u"owner"_s});
        const Json described = ok({u"secretsmanager"_s, u"describe-secret"_s, u"--secret-id"_s, u"other/token"_s});
        QCOMPARE(described["Tags"].dump(), std::string(R"([{"Key":"env","Value":"prod"}])"));
    }

    void testDeleteRestoreAndForceDelete()
    {
        const Json deleted = ok({u"secretsmanager"_s, u"delete-secret"_s, u"--secret-id"_s, u"other/token"_s,
                                 u"--recovery-window-in-days"_s, u"7"_s});
        QVERIFY(deleted.contains("DeletionDate"));

        const CliRun refused = aws({u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"other/token"_s});
        QVERIFY2(refused.exitCode == 254 || refused.exitCode == 255, qPrintable(QString::number(refused.exitCode)));
        QVERIFY2(refused.err.contains("InvalidRequestException"), refused.err.constData());
        QVERIFY(refused.err.contains("marked for deletion"));

        ok({u"secretsmanager"_s, u"restore-secret"_s, u"--secret-id"_s, u"other/token"_s});
        QCOMPARE(str(ok({u"secretsmanager"_s, u"get-secret-value"_s, u"--secret-id"_s, u"other/token"_s})["SecretString"]),
                 u"t"_s);

        ok({u"secretsmanager"_s, u"delete-secret"_s, u"--secret-id"_s, u"other/token"_s,
            u"--force-delete-without-recovery"_s});
        const CliRun gone = aws({u"secretsmanager"_s, u"describe-secret"_s, u"--secret-id"_s, u"other/token"_s});
        QVERIFY(gone.exitCode != 0);
        QVERIFY2(gone.err.contains("ResourceNotFoundException"), gone.err.constData());
    }

    void testStsGetCallerIdentity()
    {
        const Json identity = ok({u"sts"_s, u"get-caller-identity"_s});
        QCOMPARE(str(identity["Account"]), u"210987654321"_s);
        QCOMPARE(str(identity["Arn"]), u"arn:aws:iam::210987654321:user/sandbox"_s);
    }

    void testWrongSecretKeyIsRefused()
    {
        const CliRun refused = aws({u"secretsmanager"_s, u"list-secrets"_s}, u"not-the-secret-key"_s);
        QVERIFY2(refused.exitCode == 254 || refused.exitCode == 255, qPrintable(QString::number(refused.exitCode)));
        QVERIFY2(refused.err.contains("InvalidSignatureException"), refused.err.constData());
        QVERIFY(refused.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSandboxAwsCli)
#include "testsandboxawscli.moc"
