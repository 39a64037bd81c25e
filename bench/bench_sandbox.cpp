// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The local sandbox serving GetSecretValue: the store alone (JSON in, JSON out), and the whole
// endpoint over loopback HTTP with SigV4 signing and verification, one request in flight at a
// time (items_per_second = requests served a second). The store holds 10,000 bulk secrets.
// Run from the release preset:
//   build/release/bench/bench_sandbox --benchmark_min_time=2
#include "models/aws/httprequest.h"
#include "models/aws/sigv4signer.h"
#include "models/sandbox/demoseed.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using coffer::sandbox::Json;
using coffer::sandbox::SandboxServer;
using coffer::sandbox::SandboxStore;

namespace {

QCoreApplication &application()
{
    static int argc = 1;
    static char name[] = "bench_sandbox";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    return app;
}

std::string bulkName(SandboxStore &store)
{
    return store.secrets().at(store.size() / 2)->name.toStdString();
}

void BM_StoreGetSecretValue(benchmark::State &state)
{
    SandboxStore store;
    coffer::sandbox::DemoSeed::bulk(store, 10000);
    const Json request = {{"SecretId", bulkName(store)}};
    for (auto _ : state) {
        auto result = store.call(u"GetSecretValue", request);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StoreGetSecretValue);

// One ListSecrets page from the middle of a large store: the NextToken's position is found in
// the sorted index and the page walked from there, with a name-prefix filter or without, in
// creation order or by name. Target (issue 22): under 2 ms at 100,000 secrets.
void BM_StoreListSecretsPage(benchmark::State &state)
{
    SandboxStore store;
    const int secrets = int(state.range(0));
    coffer::sandbox::DemoSeed::bulk(store, secrets);
    const bool byName = state.range(1) == 1;
    const bool prefix = state.range(2) == 1;
    Json request = Json::object();
    if (byName)
        request["SortBy"] = "name";
    if (prefix)
        request["Filters"] = Json::array({{{"Key", "name"}, {"Values", {store.secrets().at(0)->name.left(4).toStdString()}}}});
    // Walk to the middle once, then time the page that follows.
    Json middle = request;
    for (int page = 0; page < secrets / 200; ++page) {
        auto result = store.call(u"ListSecrets", middle);
        if (!result || !result->contains("NextToken"))
            break;
        middle["NextToken"] = (*result)["NextToken"];
    }
    for (auto _ : state) {
        auto result = store.call(u"ListSecrets", middle);
        benchmark::DoNotOptimize(result);
    }
    state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_StoreListSecretsPage)
        ->ArgsProduct({{10000, 100000}, {0, 1}, {0, 1}})
        ->ArgNames({"secrets", "byName", "prefix"})
        ->Unit(benchmark::kMicrosecond);

void BM_HttpGetSecretValue(benchmark::State &state)
{
    application();
    SandboxServer server;
    coffer::sandbox::DemoSeed::bulk(server.store(), 10000);
    if (!server.listen()) {
        state.SkipWithError("cannot listen");
        return;
    }
    QNetworkAccessManager network;
    const coffer::aws::SigV4Signer signer(u"us-east-1"_s, u"secretsmanager"_s);
    const QByteArray body = QByteArray::fromStdString(Json({{"SecretId", bulkName(server.store())}}).dump());
    const QByteArray host = "127.0.0.1:" + QByteArray::number(server.port());
    qint64 failures = 0;
    for (auto _ : state) {
        coffer::aws::HttpRequest wire;
        wire.method = "POST";
        wire.path = "/";
        wire.headers = {{"Host", host},
                        {"Content-Type", "application/x-amz-json-1.1"},
                        {"X-Amz-Target", "secretsmanager.GetSecretValue"}};
        wire.body = body;
        signer.sign(wire, SandboxServer::demoCredentials(), QDateTime::currentDateTimeUtc());
        QNetworkRequest request(server.url());
        for (const auto &[name, value] : wire.headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = network.post(request, wire.body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            ++failures;
        benchmark::DoNotOptimize(reply->readAll());
        reply->deleteLater();
    }
    if (failures > 0)
        state.SkipWithError("some requests failed");
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HttpGetSecretValue)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
