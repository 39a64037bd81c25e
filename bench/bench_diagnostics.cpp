// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A full diagnostics run (configuration, network, clock, identity, ListSecrets, DescribeSecret and
// GetSecretValue on a sample of 25, the write simulation) on a 50-secret namespace of a local
// sandbox that adds 50 ms to every answer. Target: under 3 s a run. Real time is what counts:
//   build/diag/bench/bench_diagnostics --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "models/aws/awsclient.h"
#include "models/aws/staticcredentialsprovider.h"
#include "models/diagnostics/diagnosticsrun.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;

namespace {

QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "bench_diagnostics";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

void BM_FullCheckOf50SecretNamespace(benchmark::State &state)
{
    application();
    coffer::sandbox::SandboxServer server;
    for (int i = 0; i < 50; ++i) {
        const auto created = server.store().call(
            u"CreateSecret", {{"Name", u"bench/app/s%1"_s.arg(i, 2, 10, QChar(u'0')).toStdString()},
                              {"SecretString", "{\"password\": \"not-a-real-one\"}"}});
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

    coffer::diagnostics::DiagnosticsTarget target;
    target.profileName = u"bench"_s;
    coffer::aws::ClientConfig config;
    config.region = u"us-east-1"_s;
    config.endpoint = server.url();
    config.credentials = std::make_shared<coffer::aws::StaticCredentialsProvider>(
        coffer::sandbox::SandboxServer::demoCredentials());
    target.secretsManager = config;
    target.sts = config;
    target.iam = config;
    target.scope.prefix = u"bench/"_s;

    int failures = 0;
    for (auto _ : state) {
        coffer::aws::AwsClient transport;
        coffer::diagnostics::DiagnosticsRun run(&transport, target);
        QEventLoop loop;
        QObject::connect(&run, &coffer::diagnostics::DiagnosticsRun::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        run.start();
        if (!run.isFinished())
            loop.exec();
        if (!run.isFinished() || run.overallStatus() == coffer::diagnostics::CheckStatus::Fail)
            ++failures;
        const auto read = run.result(u"permissions.read"_s);
        benchmark::DoNotOptimize(read);
    }
    state.counters["failed_runs"] = failures;
}
BENCHMARK(BM_FullCheckOf50SecretNamespace)->Arg(50)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

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
