// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// `coffer-cli lint` end to end: the real binary against an in-process sandbox with the demo
// seed; the incomplete benchling secret fails lint and check (its Content category) and names
// client_secret, values never appear, --json is stable, and the exit codes are 0, 1 and 2;
// --schema with a set file and with a folder: a missing required member is an error naming it,
// a valid secret passes, a broken schema stops lint with 2 naming the file.
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/processrun.h"
#include "tests/support/testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

using Json = nlohmann::ordered_json;

struct CliRun : coffer::test::ProcessRun
{
    [[nodiscard]] Json json() const { return Json::parse(out.toStdString(), nullptr, false); }
};

} // namespace

class TestCliLint final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<sandbox::SandboxServer> m_server;
    QTemporaryDir m_home;

    CliRun cli(const QStringList &arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys()) {
            if (name.startsWith(u"AWS_"_s) || name.endsWith(u"_proxy"_s, Qt::CaseInsensitive))
                env.remove(name);
        }
        const aws::AwsCredentials keys = sandbox::SandboxServer::demoCredentials();
        env.insert(u"AWS_ACCESS_KEY_ID"_s, keys.accessKeyId);
        env.insert(u"AWS_SECRET_ACCESS_KEY"_s, keys.secretAccessKey);
        env.insert(u"AWS_REGION"_s, u"us-east-1"_s);
        env.insert(u"AWS_CONFIG_FILE"_s, m_home.filePath(u"config"_s));
        env.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_home.filePath(u"credentials"_s));
        env.insert(u"AWS_ENDPOINT_URL"_s, m_server->url().toString());
        return CliRun { coffer::test::runProcess(coffer::test::cliPath(), arguments, env, {},
                                                 std::chrono::seconds(90)) };
    }

    /// Writes `text` (JSON with single quotes for double ones) to `name` under a fresh folder.
    QString writeFile(const QString &name, const char *text)
    {
        const QString path = m_home.filePath(u"schemas/"_s + name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(QByteArray(text).replace('\'', '"'));
        return path;
    }

    QByteArray storedValue(const char *name)
    {
        const auto stored = m_server->store().call(u"GetSecretValue", { { "SecretId", name } });
        return stored ? QByteArray::fromStdString((*stored)["SecretString"].get<std::string>())
                      : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_home.isValid());
        m_server = std::make_unique<sandbox::SandboxServer>(sandbox::SandboxServerConfig {});
        QVERIFY(m_server->listen());
        QVERIFY(sandbox::DemoSeed::demo(m_server->store()).has_value());
    }
    void cleanup() { m_server.reset(); }

    void testIncompleteBenchlingSecretFails()
    {
        const CliRun run = cli({ u"lint"_s, u"benchling-webhook/credentials"_s });
        QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
        const QString text = run.outText();
        QVERIFY2(
            text.contains(u"`client_secret` was in every earlier version and is missing now."_s),
            qPrintable(text));
        QVERIFY(text.contains(u"[history.missing-key] /client_secret"_s));
        QVERIFY(text.contains(u"Fix: "_s));
        // The client id (a value) is never printed.
        const Json value = Json::parse(storedValue("benchling-webhook/credentials").toStdString());
        QVERIFY(
            !run.out.contains(QByteArray::fromStdString(value["client_id"].get<std::string>())));
    }

    void testJsonIsStable()
    {
        const CliRun run = cli({ u"lint"_s, u"benchling-webhook/credentials"_s,
                                 u"benchling-webhook/config"_s, u"--json"_s });
        QCOMPARE(run.exitCode, 1);
        const Json report = run.json();
        QVERIFY2(!report.is_discarded(), run.out.constData());
        QCOMPARE(report["errors"].get<int>(), 1);
        QCOMPARE(report["secrets"].size(), size_t(2));
        QCOMPARE(report["secrets"][0]["name"].get<std::string>(),
                 std::string("benchling-webhook/credentials"));
        const Json finding = report["secrets"][0]["findings"][0];
        QCOMPARE(finding["id"].get<std::string>(), std::string("history.missing-key"));
        QCOMPARE(finding["severity"].get<std::string>(), std::string("error"));
        QCOMPARE(finding["pointer"].get<std::string>(), std::string("/client_secret"));
        QVERIFY(finding.contains("message") && finding.contains("fix"));
        QVERIFY(report["secrets"][1]["findings"].empty());
    }

    void testCleanSecretPassesAndBrokenPemFails()
    {
        QCOMPARE(cli({ u"lint"_s, u"benchling-webhook/config"_s }).exitCode, 0);
        // A PEM whose line breaks were escaped twice, from the demo's own real key.
        const Json keys = Json::parse(storedValue("sophon/prod/auth/jwt-keys").toStdString());
        std::string pem = keys["access"]["privateKeyPem"].get<std::string>();
        for (size_t at = pem.find('\n'); at != std::string::npos; at = pem.find('\n', at + 2))
            pem.replace(at, 1, "\\n");
        const Json broken = { { "privateKeyPem", pem } };
        QVERIFY(m_server->store()
                    .call(u"CreateSecret",
                          { { "Name", "team/prod/broken-pem" }, { "SecretString", broken.dump() } })
                    .has_value());
        const CliRun run = cli({ u"lint"_s, u"team/prod/broken-pem"_s });
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.outText().contains(u"[pem.unparsable] /privateKeyPem"_s));
        QVERIFY(!run.out.contains(QByteArray::fromStdString(pem.substr(40, 40))));
    }

    void testCheckFailsOnTheIncompleteBenchlingSecret()
    {
        const CliRun run = cli({ u"check"_s, u"--secret"_s, u"benchling-webhook/credentials"_s });
        QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
        const QString text = run.outText();
        QVERIFY2(text.contains(u"✖ Secret contents"_s), qPrintable(text));
        QVERIFY(text.contains(u"client_secret"_s));
        const CliRun clean = cli({ u"check"_s, u"--secret"_s, u"benchling-webhook/config"_s });
        QVERIFY2(clean.exitCode == 0, QByteArray(clean.out + clean.err).constData());
        QVERIFY2(clean.outText().contains(u"✔ Secret contents"_s), clean.out.constData());
    }

    void testPrefixAndCouldNotRun()
    {
        const CliRun sophon = cli({ u"lint"_s, u"--prefix"_s, u"sophon/"_s });
        QVERIFY2(sophon.exitCode == 0, QByteArray(sophon.out + sophon.err).constData());
        QVERIFY(sophon.outText().contains(u"✔ sophon/prod/auth/jwt-keys: no findings"_s));
        QCOMPARE(cli({ u"lint"_s }).exitCode, 2);
        const CliRun missing = cli({ u"lint"_s, u"no/such/secret"_s });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.outText().contains(u"could not be read"_s));
    }

    void testSchemaRequiredMemberFails()
    {
        writeFile(u"credentials.schema.json"_s,
                  "{'type': 'object', 'required': ['client_id', 'client_secret', 'tenant'],"
                  " 'properties': {'client_id': {'type': 'string', 'minLength': 8},"
                  " 'tenant': {'enum': ['example-lab']}}}");
        const QString set = writeFile(
            u"coffer-schemas.json"_s,
            "{'schemas': [{'match': 'benchling-webhook/credentials', 'file': "
            "'credentials.schema.json'}, {'match': 'benchling-webhook/config', 'schema': "
            "{'type': 'object', 'required': ['queue_url', 'bucket'], 'properties': {'queue_url': "
            "{'format': 'uri'}, 'log_level': {'enum': ['debug', 'info', 'warn', 'error']}, "
            "'retry': {'properties': {'max_attempts': {'type': 'integer', 'minimum': 1, "
            "'maximum': 10}}}}}}]}");
        const CliRun run
            = cli({ u"lint"_s, u"benchling-webhook/credentials"_s, u"--schema"_s, set });
        QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
        const QString text = run.outText();
        QVERIFY2(text.contains(u"[schema.required] /client_secret"_s), qPrintable(text));
        QVERIFY(text.contains(u"is missing required member `client_secret`"_s));
        QVERIFY(text.contains(u"credentials.schema.json"_s));
        const Json value = Json::parse(storedValue("benchling-webhook/credentials").toStdString());
        for (const char *member : { "client_id", "tenant", "app_definition_id" })
            QVERIFY(!run.out.contains(QByteArray::fromStdString(value[member].get<std::string>())));

        const CliRun json = cli(
            { u"lint"_s, u"benchling-webhook/credentials"_s, u"--schema"_s, set, u"--json"_s });
        QCOMPARE(json.exitCode, 1);
        const Json report = json.json();
        QVERIFY2(!report.is_discarded(), json.out.constData());
        bool found = false;
        for (const Json &finding : report["secrets"][0]["findings"]) {
            if (finding["id"] == "schema.required") {
                found = true;
                QCOMPARE(finding["severity"].get<std::string>(), std::string("error"));
                QCOMPARE(finding["pointer"].get<std::string>(), std::string("/client_secret"));
            }
        }
        QVERIFY2(found, json.out.constData());

        // The config meets its schema: no finding, exit 0.
        const CliRun clean = cli({ u"lint"_s, u"benchling-webhook/config"_s, u"--schema"_s, set });
        QVERIFY2(clean.exitCode == 0, QByteArray(clean.out + clean.err).constData());
        QVERIFY(clean.outText().contains(u"✔ benchling-webhook/config: no findings"_s));
    }

    void testSchemaFolderNeverPrintsValues()
    {
        writeFile(u"folder/team/app.schema.json"_s,
                  "{'x-coffer-match': ['team/**'], 'properties': {'log_level': {'enum': ['debug', "
                  "'info']}, 'port': {'type': 'integer'}, 'token': {'pattern': '^tk_', "
                  "'minLength': 40}}}");
        const Json value = { { "log_level", "verbose-Q7zK2" },
                             { "port", "80-Q7zK2" },
                             { "token", "Q7zK2-not-a-token" } };
        QVERIFY(m_server->store()
                    .call(u"CreateSecret",
                          { { "Name", "team/prod/app" }, { "SecretString", value.dump() } })
                    .has_value());
        const CliRun run = cli({ u"lint"_s, u"--prefix"_s, u"team/"_s, u"--schema"_s,
                                 m_home.filePath(u"schemas/folder"_s) });
        QVERIFY2(run.exitCode == 1, QByteArray(run.out + run.err).constData());
        const QString text = run.outText();
        QVERIFY2(text.contains(u"[schema.enum] /log_level"_s), qPrintable(text));
        QVERIFY(text.contains(u"[schema.type] /port"_s));
        QVERIFY(text.contains(u"[schema.pattern] /token"_s));
        QVERIFY(text.contains(u"[schema.min-length] /token"_s));
        QVERIFY(text.contains(u"team/app.schema.json"_s));
        QVERIFY(!run.out.contains("Q7zK2") && !run.err.contains("Q7zK2"));
    }

    void testBrokenSchemaCannotRun()
    {
        const QString set = writeFile(u"broken.json"_s,
                                      "{'schemas': [{'match': 'benchling-webhook/*', 'schema': "
                                      "{'properties': {'tenant': {'type': 'text'}}}}]}");
        const CliRun run
            = cli({ u"lint"_s, u"benchling-webhook/credentials"_s, u"--schema"_s, set });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(set), run.err.constData());
        QVERIFY(run.errText().contains(u"/schemas/0/schema/properties/tenant/type"_s));

        const CliRun missing = cli({ u"lint"_s, u"benchling-webhook/credentials"_s, u"--schema"_s,
                                     m_home.filePath(u"no-such.json"_s) });
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.errText().contains(u"no-such.json"_s), missing.err.constData());

        const QString unsupported = writeFile(
            u"unsupported.json"_s,
            "{'schemas': [{'match': '**', 'schema': {'anyOf': [{'type': 'string'}]}}]}");
        const CliRun refused
            = cli({ u"lint"_s, u"benchling-webhook/config"_s, u"--schema"_s, unsupported });
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.errText().contains(u"`anyOf`"_s), refused.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliLint)
#include "testclilint.moc"
