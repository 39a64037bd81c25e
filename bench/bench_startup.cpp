// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The cost of what every coffer-cli run pays before any work: building the
// application's version string and command-line parser. Kept as the bench skeleton's
// smallest real measurement.
#include "models/core/appinfo.h"

#include <benchmark/benchmark.h>

static void BM_VersionText(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(coffer::AppInfo::versionText());
}
BENCHMARK(BM_VersionText);

BENCHMARK_MAIN();
