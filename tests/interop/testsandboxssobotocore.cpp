// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The sandbox's IAM Identity Center as botocore sees it: Debian's python3-botocore drives SSO OIDC
// and the SSO portal of an in-process sandbox (botocore_sso.py) with its own models, exceptions,
// paginators and SSO credential provider, approves the device through the verification page, and
// signs Secrets Manager and STS calls with the role credentials it got.

#include "models/sandbox/sandboxprincipals.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using coffer::sandbox::Json;

namespace {

// ("\u002a" is JSON for "*": moc would take a slash-star in a raw string for a comment.)
const QByteArray principalsFile = R"({
  "sso": {
    "users": ["alice"],
    "permissionSets": [
      {"name": "ReadOnly", "policies": [
        {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
                        "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:paintbox/\u002a"}]}]},
      {"name": "Writer", "policies": []}
    ],
    "assignments": [
      {"user": "alice", "account": "123456789012", "permissionSet": "ReadOnly"},
      {"user": "alice", "account": "210987654321", "permissionSet": "ReadOnly"},
      {"user": "alice", "account": "210987654321", "permissionSet": "Writer"}
    ]
  }
})";

} // namespace

class TestSandboxSsoBotocore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void testBotocoreSignsInAndGetsRoleCredentials()
    {
        const QString script = coffer::test::sourceDir() + u"/tests/interop/botocore_sso.py"_s;
        QVERIFY2(QFileInfo::exists(script), qPrintable(script));
        const auto principals = coffer::sandbox::SandboxPrincipals::fromJson(principalsFile);
        QVERIFY2(principals.has_value(), qPrintable(principals ? QString() : principals.error()));
        coffer::sandbox::SandboxServerConfig config;
        principals->applyTo(config);
        coffer::sandbox::SandboxServer server(config);
        QVERIFY(server.listen());
        for (const char *name : { "paintbox/production/jwt/public-keys", "pixell/dev" }) {
            QVERIFY(server.store()
                        .call(u"CreateSecret", { { "Name", name }, { "SecretString", "{}" } })
                        .has_value());
        }

        const QString url = server.url().toString();
        QProcessEnvironment env = coffer::test::environmentWithoutAws();
        env.insert(u"AWS_ENDPOINT_URL_SSO_OIDC"_s, url);
        env.insert(u"AWS_ENDPOINT_URL_SSO"_s, url);
        env.insert(u"AWS_EC2_METADATA_DISABLED"_s, u"true"_s);
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"/dev/null"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, u"/dev/null"_s);
        // The sandbox answers on this thread: runProcess waits with the event loop running.
        const coffer::test::ProcessRun run = coffer::test::runProcess(
            coffer::test::botocorePython(), { script, url, u"123456789012"_s, u"210987654321"_s },
            env, {}, std::chrono::seconds(120));
        if (run.exitCode != 0 && run.err.contains("No module named 'botocore'"))
            QSKIP("python3-botocore is not installed (packaging/install-deps.sh installs it)");
        QVERIFY2(run.exitCode == 0, run.err.right(3000).constData());

        const Json result = Json::parse(run.out.toStdString(), nullptr, false);
        QVERIFY2(result.is_object(), run.out.left(2000).constData());
        QVERIFY(result["checks"].is_array());
        QVERIFY2(result["checks"].size() >= 40,
                 qPrintable(QString::number(result["checks"].size())));
        const QString arn = QString::fromStdString(result.value("roleArn", ""));
        QVERIFY2(QRegularExpression(u"^arn:aws:sts::123456789012:assumed-role/"
                                    "AWSReservedSSO_ReadOnly_[0-9a-f]{16}/alice$"_s)
                     .match(arn)
                     .hasMatch(),
                 qPrintable(arn));
        // What botocore did reached the sandbox: at least one request of each operation.
        QVERIFY(server.requestCount() >= 20);
    }
};

QTEST_GUILESS_MAIN(TestSandboxSsoBotocore)
#include "testsandboxssobotocore.moc"
