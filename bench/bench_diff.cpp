// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The version diff on the largest values Secrets Manager holds: two 64 KB JSON versions (target:
// under 10 ms) and a 10,000-line text (target: under 50 ms). Run from the release preset:
//   build/release/bench/bench_diff --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include "models/diff/jsondiff.h"
#include "models/diff/secretdiff.h"
#include "models/diff/textdiff.h"
#include "models/json/jsondocument.h"

#include <QRandomGenerator>

#include <benchmark/benchmark.h>

using namespace Qt::StringLiterals;
using namespace coffer;

namespace {

QString randomText(QRandomGenerator &random, int length)
{
    static const QString alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text += alphabet.at(int(random.bounded(alphabet.size())));
    return text;
}

// About 64 KB of JSON shaped like the demo secrets: services, each with settings, credentials
// and a list of keys. `version` 1 edits a few values, adds and removes members and array items.
QByteArray secretJson(int version)
{
    QRandomGenerator random(2026);
    QByteArray out = "{\n";
    for (int service = 0; service < 120; ++service) {
        QByteArray entry = "  \"service-" + QByteArray::number(service) + "\": {\n";
        entry += "    \"host\": \"svc-" + QByteArray::number(service) + ".internal\",\n";
        entry += "    \"port\": " + QByteArray::number(5000 + service) + ",\n";
        QString password = randomText(random, 32);
        if (version == 1 && service % 17 == 3)
            password = u"rotated-"_s + password.left(24);
        entry += "    \"password\": \"" + password.toUtf8() + "\",\n";
        if (!(version == 1 && service == 40))
            entry += "    \"legacy\": true,\n";
        if (version == 1 && service == 77)
            entry += "    \"added\": {\"a\": 1},\n";
        entry += "    \"keys\": [";
        for (int key = 0; key < 6; ++key) {
            if (version == 1 && service % 30 == 5 && key == 3)
                entry += "{\"kid\": \"inserted\", \"n\": \"AQAB\"}, ";
            entry += "{\"kid\": \"k" + QByteArray::number(key) + "\", \"n\": \""
                + randomText(random, 40).toUtf8() + "\"}";
            entry += key < 5 ? ", " : "";
        }
        entry += "]\n  }";
        out += entry + (service < 119 ? ",\n" : "\n");
    }
    return out + "}\n";
}

QString textLines(int count, int version)
{
    QRandomGenerator random(7);
    QString text;
    for (int line = 0; line < count; ++line) {
        QString content = u"%1 %2"_s.arg(line).arg(randomText(random, 40));
        if (version == 1 && line % 100 == 50)
            content = u"edited "_s + content;
        if (version == 1 && line % 1000 == 500)
            continue;
        text += content + u'\n';
        if (version == 1 && line % 1000 == 900)
            text += u"inserted line\n"_s;
    }
    return text;
}

} // namespace

static void BM_JsonDiff64KB(benchmark::State &state)
{
    const QByteArray before = secretJson(0);
    const QByteArray after = secretJson(1);
    const auto oldDocument = json::JsonDocument::parse(before);
    const auto newDocument = json::JsonDocument::parse(after);
    if (!oldDocument || !newDocument) {
        state.SkipWithError("the generated JSON does not parse");
        return;
    }
    int changes = 0;
    for (auto _ : state) {
        const diff::JsonDiff result = diff::JsonDiff::compare(*oldDocument->root(), *newDocument->root());
        changes = int(result.changes().size());
        benchmark::DoNotOptimize(changes);
    }
    state.SetLabel(std::to_string(before.size()) + " → " + std::to_string(after.size())
                   + " bytes, " + std::to_string(changes) + " changes");
}
BENCHMARK(BM_JsonDiff64KB)->Unit(benchmark::kMillisecond);

// What the version-diff view pays: both parses, the byte check and the diff.
static void BM_SecretDiff64KBWithParse(benchmark::State &state)
{
    const QString before = QString::fromUtf8(secretJson(0));
    const QString after = QString::fromUtf8(secretJson(1));
    for (auto _ : state) {
        const diff::SecretDiff result = diff::SecretDiff::compare(before, std::nullopt, after, std::nullopt);
        benchmark::DoNotOptimize(result.isEqual());
    }
}
BENCHMARK(BM_SecretDiff64KBWithParse)->Unit(benchmark::kMillisecond);

static void BM_TextDiff10000Lines(benchmark::State &state)
{
    const QString before = textLines(10000, 0);
    const QString after = textLines(10000, 1);
    int changed = 0;
    for (auto _ : state) {
        const diff::TextDiff result = diff::TextDiff::compare(before, after);
        changed = result.addedLines() + result.removedLines();
        benchmark::DoNotOptimize(changed);
    }
    state.SetLabel(std::to_string(changed) + " lines changed");
}
BENCHMARK(BM_TextDiff10000Lines)->Unit(benchmark::kMillisecond);

// Including the unified text, as `coffer-cli diff --show-values` prints it.
static void BM_TextDiff10000LinesUnified(benchmark::State &state)
{
    const QString before = textLines(10000, 0);
    const QString after = textLines(10000, 1);
    for (auto _ : state) {
        const QString unified = diff::TextDiff::compare(before, after).unified(u"a"_s, u"b"_s);
        benchmark::DoNotOptimize(unified.size());
    }
}
BENCHMARK(BM_TextDiff10000LinesUnified)->Unit(benchmark::kMillisecond);

// Worst case: two unrelated 10,000-line texts (the cost bound keeps it finite).
static void BM_TextDiff10000LinesUnrelated(benchmark::State &state)
{
    const QString before = textLines(10000, 0);
    QString after;
    for (int line = 0; line < 10000; ++line)
        after += u"other %1\n"_s.arg(line);
    for (auto _ : state) {
        const diff::TextDiff result = diff::TextDiff::compare(before, after);
        benchmark::DoNotOptimize(result.addedLines());
    }
}
BENCHMARK(BM_TextDiff10000LinesUnrelated)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
