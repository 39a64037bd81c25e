// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What a secret holds, at the sizes real ones reach:
// - BM_FindingsOn64KBOfPems: ContentInspector::inspect on a 64 KB JSON secret of RSA-2048
//   private keys, their public keys and self-signed certificates (every PEM parsed, every pair
//   matched, every certificate dated). Target: under 20 ms.
// - BM_ContentScanOf500Secrets: ContentScan (the Content check, `coffer-cli lint`) over 500
//   secrets of a local sandbox that adds 50 ms to every answer. Target: under 5 s a scan.
//   build/release/bench/bench_content --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include "models/aws/awsclient.h"
#include "models/aws/secretsmanagerclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/content/contentinspector.h"
#include "models/content/contentscan.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"
#include "tests/support/testkeys.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>

using namespace Qt::StringLiterals;

namespace {

QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "bench_content";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

/// An RSA-2048 key as PEMs: the private key, its public key, a self-signed certificate.
struct KeyPems
{
    std::string privateKey;
    std::string publicKey;
    std::string certificate;
};

KeyPems rsaPems(int serial)
{
    const coffer::test::TestKey key = coffer::test::rsaKey(2048);
    const std::string commonName = "service-" + std::to_string(serial) + ".example.com";
    return { key.privatePem, key.publicPem,
             coffer::test::testCertificate(key.key.get(), commonName.c_str(), key.key.get(),
                                           commonName.c_str(), -1, 365) };
}

/// {"service-0": {"private_key": ..., "public_key": ..., "certificate": ...}, ...} up to 64 KB.
QByteArray pemSecret()
{
    nlohmann::ordered_json value = nlohmann::ordered_json::object();
    for (int i = 0; value.dump().size() < 64 * 1024 - 4500; ++i) {
        const KeyPems pems = rsaPems(i + 1);
        value["service-" + std::to_string(i)] = {{"private_key", pems.privateKey},
                                                 {"public_key", pems.publicKey},
                                                 {"certificate", pems.certificate}};
    }
    return QByteArray::fromStdString(value.dump(2));
}

void BM_FindingsOn64KBOfPems(benchmark::State &state)
{
    coffer::content::ContentInput input;
    input.name = u"paintbox/production/tls/keys"_s;
    input.value = pemSecret();
    qsizetype findings = 0;
    for (auto _ : state) {
        const auto found = coffer::content::ContentInspector::inspect(input);
        findings = found.size();
        benchmark::DoNotOptimize(found);
    }
    state.counters["bytes"] = double(input.value.size());
    state.counters["findings"] = double(findings);
}
BENCHMARK(BM_FindingsOn64KBOfPems)->Unit(benchmark::kMillisecond);

void BM_ContentScanOf500Secrets(benchmark::State &state)
{
    application();
    coffer::sandbox::SandboxServer server;
    QStringList names;
    for (int i = 0; i < 500; ++i) {
        const QString name = u"bench/app/s%1"_s.arg(i, 3, 10, QChar(u'0'));
        names.append(name);
        const auto created = server.store().call(
            u"CreateSecret", {{"Name", name.toStdString()},
                              {"SecretString", R"({"username": "app", "password": "k7#Qv9!mZ2@wLp4$", "port": 5432})"}});
        if (!created) {
            state.SkipWithError("cannot seed the sandbox");
            return;
        }
    }
    coffer::sandbox::SandboxFaults faults;
    faults.latency = std::chrono::milliseconds(state.range(0));
    server.setFaults(faults);
    if (!server.listen()) {
        state.SkipWithError("cannot listen");
        return;
    }
    coffer::aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = server.url();
    config.credentials = std::make_shared<coffer::aws::StaticCredentialsProvider>(
        coffer::sandbox::SandboxServer::demoCredentials());

    int incomplete = 0;
    int failed = 0;
    for (auto _ : state) {
        coffer::aws::AwsClient transport;
        coffer::aws::SecretsManagerClient client(&transport, config);
        coffer::content::ContentScan scan(&client, names, false);
        int inspected = 0;
        QObject::connect(&scan, &coffer::content::ContentScan::secretInspected,
                         [&inspected] { ++inspected; });
        QObject::connect(&scan, &coffer::content::ContentScan::secretFailed, [&failed] { ++failed; });
        QEventLoop loop;
        QObject::connect(&scan, &coffer::content::ContentScan::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        scan.start();
        if (!scan.isFinished())
            loop.exec();
        if (!scan.isFinished() || inspected != names.size())
            ++incomplete;
    }
    state.counters["incomplete_scans"] = incomplete;
    state.counters["failed_secrets"] = failed;
}
BENCHMARK(BM_ContentScanOf500Secrets)->Arg(50)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

} // namespace

int main(int argc, char **argv)
{
    application();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
