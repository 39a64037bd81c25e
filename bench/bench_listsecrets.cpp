// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Parsing ListSecrets answers: the cost of loading a large account, page by page. Each page is
// a realistic 100-entry answer (ARNs, tags, version stages, dates), as AWS sends at MaxResults=100.
#include "models/aws/secretsmanagercodec.h"

#include <QByteArray>
#include <QString>

#include <benchmark/benchmark.h>

using coffer::aws::SecretsManagerCodec;

namespace {

QByteArray listSecretsPage(int page, int entries)
{
    QByteArray body = R"({"SecretList":[)";
    for (int i = 0; i < entries; ++i) {
        const QByteArray name = "project" + QByteArray::number(page % 7) + "/env"
            + QByteArray::number(i % 3) + "/area" + QByteArray::number(i % 11) + "/secret-"
            + QByteArray::number(page * entries + i);
        if (i)
            body += ',';
        body += R"({"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:)" + name
            + R"(-AbCdEf","Name":")" + name
            + R"(","Description":"Credentials for the service that needs them","LastChangedDate":1732000000.123,)"
              R"("LastAccessedDate":1731974400.0,"CreatedDate":1700000000.5,)"
              R"("Tags":[{"Key":"team","Value":"platform"},{"Key":"env","Value":"prod"}],)"
              R"("SecretVersionsToStages":{"a1b2c3d4-5678-90ab-cdef-111111111111":["AWSCURRENT"],)"
              R"("a1b2c3d4-5678-90ab-cdef-222222222222":["AWSPREVIOUS"]}})";
    }
    body += R"(],"NextToken":"eyJwYWdlIjo)" + QByteArray::number(page) + R"(fQ=="})";
    return body;
}

} // namespace

// One 100-entry page.
static void BM_DecodeListSecretsPage(benchmark::State &state)
{
    const QByteArray page = listSecretsPage(0, 100);
    for (auto _ : state) {
        auto result = SecretsManagerCodec::decodeListSecrets(page);
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(state.iterations() * page.size());
    state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_DecodeListSecretsPage)->Unit(benchmark::kMicrosecond);

// A 100-page listing (10,000 secrets) decoded and merged, as listAllSecrets does.
static void BM_DecodeHundredPages(benchmark::State &state)
{
    QList<QByteArray> pages;
    for (int page = 0; page < 100; ++page)
        pages.append(listSecretsPage(page, 100));
    for (auto _ : state) {
        QList<coffer::aws::SecretMetadata> all;
        all.reserve(10000);
        for (const QByteArray &page : pages) {
            auto result = SecretsManagerCodec::decodeListSecrets(page);
            all.append(result->secretList);
        }
        benchmark::DoNotOptimize(all);
    }
    state.SetItemsProcessed(state.iterations() * 10000);
}
BENCHMARK(BM_DecodeHundredPages)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
