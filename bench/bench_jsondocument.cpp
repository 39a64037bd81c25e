// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The exact-preserving JSON document on a realistic ~64 KB secret (the Secrets Manager maximum):
// JWKS-style keys, PEM strings with \n escapes, env-style settings, numbers. Parsing happens on
// every secret opened in the editor; re-serializing on every save and every diff preview.
// QJsonDocument and nlohmann::ordered_json are measured on the same text for comparison.
// Run from the release preset:
//   build/release/bench/bench_jsondocument --benchmark_min_time=1
#include "models/json/jsondocument.h"

#include <QJsonDocument>
#include <QRandomGenerator>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

using coffer::json::JsonDocument;
using coffer::json::JsonNode;
using coffer::json::JsonPointer;

namespace {

QByteArray randomBase64(QRandomGenerator &random, int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(random.bounded(256));
    return raw.toBase64();
}

QByteArray pem(QRandomGenerator &random, const char *label, int bytes)
{
    QByteArray body = randomBase64(random, bytes);
    QByteArray text = QByteArray("-----BEGIN ") + label + "-----\\n";
    for (qsizetype i = 0; i < body.size(); i += 64)
        text += body.mid(i, 64) + "\\n";
    return text + "-----END " + label + "-----\\n";
}

// Deterministic, indented with two spaces, just under 64 KB (65,536 bytes).
QByteArray realisticSecret()
{
    constexpr int kKeys = 26;
    QRandomGenerator random(20260101);
    QByteArray json = "{\n  \"keys\": {\n";
    for (int k = 0; k < kKeys; ++k) {
        json += "    \"kid-" + QByteArray::number(k) + "\": {\n"
                "      \"kty\": \"RSA\",\n      \"use\": \"sig\",\n      \"alg\": \"RS256\",\n"
                "      \"n\": \"" + randomBase64(random, 256) + "\",\n"
                "      \"e\": \"AQAB\",\n"
                "      \"privateKeyPem\": \"" + pem(random, "PRIVATE KEY", 1216) + "\",\n"
                "      \"createdAt\": " + QByteArray::number(1700000000 + k * 86400) + ",\n"
                "      \"ratio\": 1.10,\n      \"rotated\": " + (k % 2 ? "true" : "false") + "\n"
                "    }" + (k < kKeys - 1 ? ",\n" : "\n");
    }
    json += "  },\n  \"env\": {\n";
    for (int i = 0; i < 60; ++i) {
        json += "    \"SETTING_" + QByteArray::number(i) + "\": \"caf\\u00e9-"
                + randomBase64(random, 24) + "\",\n";
    }
    json += "    \"LIMIT\": 18446744073709551616\n  },\n  \"ports\": [";
    for (int i = 0; i < 100; ++i)
        json += QByteArray::number(8000 + i) + (i < 99 ? ", " : "");
    json += "]\n}\n";
    return json;
}

const QByteArray &secret()
{
    static const QByteArray json = realisticSecret();
    return json;
}

} // namespace

static void BM_Parse(benchmark::State &state)
{
    const QByteArray &json = secret();
    for (auto _ : state) {
        auto document = JsonDocument::parse(json);
        benchmark::DoNotOptimize(document->root());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * json.size());
    state.SetLabel(std::to_string(json.size()) + " bytes");
}
BENCHMARK(BM_Parse);

// Unchanged: toJson() hands back the original bytes (the "nothing to save" check).
static void BM_ToJsonUnchanged(benchmark::State &state)
{
    const JsonDocument document = *JsonDocument::parse(secret());
    for (auto _ : state)
        benchmark::DoNotOptimize(document.toJson().size());
    state.SetBytesProcessed(int64_t(state.iterations()) * secret().size());
}
BENCHMARK(BM_ToJsonUnchanged);

// One value edited: the whole tree is re-serialized in the detected style.
static void BM_ToJsonEdited(benchmark::State &state)
{
    JsonDocument document = *JsonDocument::parse(secret());
    (void)document.setAt(*JsonPointer::parse(u"/env/LIMIT"), JsonNode::makeInteger(42));
    for (auto _ : state)
        benchmark::DoNotOptimize(document.toJson().size());
    state.SetBytesProcessed(int64_t(state.iterations()) * secret().size());
}
BENCHMARK(BM_ToJsonEdited);

// Edited then undone: isModified() re-parses the original once per revision, then it is cached.
static void BM_EditUndoThenToJson(benchmark::State &state)
{
    JsonDocument document = *JsonDocument::parse(secret());
    JsonNode *limit = document.nodeAt(*JsonPointer::parse(u"/env/LIMIT"));
    for (auto _ : state) {
        auto previous = limit->assignFrom(JsonNode::makeInteger(42));
        limit->assignFrom(std::move(previous));
        benchmark::DoNotOptimize(document.toJson().size());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * secret().size());
}
BENCHMARK(BM_EditUndoThenToJson);

static void BM_ParseQJsonDocument(benchmark::State &state)
{
    const QByteArray &json = secret();
    for (auto _ : state) {
        const QJsonDocument document = QJsonDocument::fromJson(json);
        benchmark::DoNotOptimize(document.isObject());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * json.size());
}
BENCHMARK(BM_ParseQJsonDocument);

static void BM_ParseNlohmannOrdered(benchmark::State &state)
{
    const QByteArray &json = secret();
    for (auto _ : state) {
        const auto document = nlohmann::ordered_json::parse(json.cbegin(), json.cend());
        benchmark::DoNotOptimize(document.size());
    }
    state.SetBytesProcessed(int64_t(state.iterations()) * json.size());
}
BENCHMARK(BM_ParseNlohmannOrdered);

BENCHMARK_MAIN();
