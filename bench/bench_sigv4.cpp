// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// SigV4 signing and verification of a small Secrets Manager GetSecretValue request: the work
// every call pays, and the sandbox's per-request cost. The target is well over 100,000
// signatures a second on one core (items_per_second). Run from the release preset:
//   build/release/bench/bench_sigv4 --benchmark_min_time=1
#include "models/aws/sigv4signer.h"

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::HttpRequest;
using coffer::aws::SigV4Signer;

namespace {

HttpRequest getSecretValue()
{
    HttpRequest request;
    request.method = "POST";
    request.path = "/";
    request.headers = {{"Host", "secretsmanager.eu-west-1.amazonaws.com"},
                       {"Content-Type", "application/x-amz-json-1.1"},
                       {"X-Amz-Target", "secretsmanager.GetSecretValue"},
                       {"Content-Length", "26"}};
    request.body = R"({"SecretId":"pixell/prod"})";
    return request;
}

AwsCredentials credentials(bool temporary)
{
    AwsCredentials creds;
    creds.accessKeyId = u"AKIDEXAMPLE"_s;
    creds.secretAccessKey = u"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"_s;
    if (temporary)
        creds.sessionToken = u"FwoGZXIvYXdzEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI"_s;
    return creds;
}

const QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

} // namespace

// The client's hot path: sign a fresh copy of the request (as each call builds its own).
static void BM_SignGetSecretValue(benchmark::State &state)
{
    const SigV4Signer signer(u"eu-west-1"_s, u"secretsmanager"_s);
    const AwsCredentials creds = credentials(state.range(0) != 0);
    const HttpRequest prototype = getSecretValue();
    for (auto _ : state) {
        HttpRequest request = prototype;
        signer.sign(request, creds, now);
        benchmark::DoNotOptimize(request.headers.constData());
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(state.range(0) != 0 ? "session token" : "long-term key");
}
BENCHMARK(BM_SignGetSecretValue)->Arg(0)->Arg(1);

// The same with a new signer each time, so the signing key is derived on every call (four more
// HMACs): what the key cache saves.
static void BM_SignWithoutKeyCache(benchmark::State &state)
{
    const AwsCredentials creds = credentials(false);
    const HttpRequest prototype = getSecretValue();
    for (auto _ : state) {
        const SigV4Signer signer(u"eu-west-1"_s, u"secretsmanager"_s);
        HttpRequest request = prototype;
        signer.sign(request, creds, now);
        benchmark::DoNotOptimize(request.headers.constData());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignWithoutKeyCache);

static void BM_PresignGetSecretValue(benchmark::State &state)
{
    const SigV4Signer signer(u"eu-west-1"_s, u"secretsmanager"_s);
    const AwsCredentials creds = credentials(false);
    HttpRequest prototype = getSecretValue();
    prototype.method = "GET";
    prototype.body.clear();
    prototype.query = "Action=GetSecretValue&SecretId=pixell%2Fprod";
    for (auto _ : state) {
        HttpRequest request = prototype;
        signer.presign(request, creds, now, std::chrono::minutes(15));
        benchmark::DoNotOptimize(request.query.constData());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PresignGetSecretValue);

// The sandbox's side: verify a signed request.
static void BM_VerifyGetSecretValue(benchmark::State &state)
{
    const SigV4Signer signer(u"eu-west-1"_s, u"secretsmanager"_s);
    const AwsCredentials creds = credentials(false);
    HttpRequest request = getSecretValue();
    signer.sign(request, creds, now);
    const coffer::aws::CredentialLookup lookup = [&creds](const QString &id) -> std::optional<AwsCredentials> {
        return id == creds.accessKeyId ? std::optional(creds) : std::nullopt;
    };
    for (auto _ : state) {
        const auto verified = signer.verify(request, lookup, now);
        if (!verified)
            state.SkipWithError("verification failed");
        benchmark::DoNotOptimize(verified.has_value());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyGetSecretValue);

BENCHMARK_MAIN();
