// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// JSON Schema checks on a realistic ~64 KB secret (the Secrets Manager maximum): JWKS-style keys
// under `$defs`, `patternProperties` over env-style settings, formats, an array of ports. A schema
// is compiled once per lint run and validated once per secret (and per edit in the editor);
// finding the schemas of a name among a set of 200 globs happens once per secret.
// Run from the release preset:
//   build/release/bench/bench_jsonschema --benchmark_min_time=1
#include "models/content/jsonschema.h"
#include "models/content/schemaset.h"
#include "models/json/jsondocument.h"

#include <QRandomGenerator>

#include <benchmark/benchmark.h>

using coffer::content::JsonSchema;
using coffer::content::SchemaSet;
using coffer::json::JsonDocument;

namespace {

const QByteArray kSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["keys", "env", "ports"],
  "additionalProperties": false,
  "$defs": {
    "jwk": {
      "type": "object",
      "required": ["kty", "use", "alg", "n", "e"],
      "properties": {
        "kty": {"enum": ["RSA", "EC"]},
        "use": {"const": "sig"},
        "alg": {"enum": ["RS256", "RS384", "ES256"]},
        "n": {"type": "string", "minLength": 256, "pattern": "^[A-Za-z0-9+/=_-]+$"},
        "e": {"type": "string"},
        "privateKeyPem": {"type": "string", "pattern": "^-----BEGIN PRIVATE KEY-----"},
        "createdAt": {"type": "integer", "minimum": 0},
        "ratio": {"type": "number", "maximum": 10},
        "rotated": {"type": "boolean"},
        "id": {"format": "uuid"}
      }
    }
  },
  "properties": {
    "keys": {"type": "object", "additionalProperties": {"$ref": "#/$defs/jwk"}},
    "env": {
      "type": "object",
      "patternProperties": {"^SETTING_[0-9]+$": {"type": "string", "maxLength": 200}},
      "properties": {"LIMIT": {"type": "integer", "maximum": 18446744073709551616},
                     "URL": {"format": "uri"}}
    },
    "ports": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 65535}}
  }
})";

QByteArray randomBase64(QRandomGenerator &random, int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char &c : raw)
        c = char(random.bounded(256));
    return raw.toBase64();
}

// Deterministic, just under 64 KB, valid against kSchema.
QByteArray realisticSecret()
{
    QRandomGenerator random(20261203);
    QByteArray json = "{\"keys\": {";
    for (int k = 0; k < 26; ++k) {
        json += (k ? ", " : "") + QByteArray("\"kid-") + QByteArray::number(k)
            + "\": {\"kty\": \"RSA\", \"use\": \"sig\", \"alg\": \"RS256\", \"n\": \""
            + randomBase64(random, 256) + "\", \"e\": \"AQAB\", \"privateKeyPem\": \""
            + "-----BEGIN PRIVATE KEY-----\\n" + randomBase64(random, 1200)
            + "\\n-----END PRIVATE KEY-----\\n\", \"createdAt\": "
            + QByteArray::number(1700000000 + k * 86400)
            + ", \"ratio\": 1.10, \"rotated\": true, \"id\": "
              "\"2eb8aa08-aa98-11ea-b4aa-73b441d16380\"}";
    }
    json += "}, \"env\": {";
    for (int i = 0; i < 60; ++i)
        json += "\"SETTING_" + QByteArray::number(i) + "\": \"" + randomBase64(random, 24) + "\", ";
    json += "\"URL\": \"https://sqs.eu-west-1.amazonaws.com/123456789012/events\", "
            "\"LIMIT\": 18446744073709551615}, \"ports\": [";
    for (int i = 0; i < 100; ++i)
        json += QByteArray::number(8000 + i) + (i < 99 ? ", " : "");
    return json + "]}";
}

} // namespace

static void BM_CompileSchema(benchmark::State &state)
{
    for (auto _ : state) {
        auto schema = JsonSchema::parse(kSchema);
        benchmark::DoNotOptimize(schema);
    }
}
BENCHMARK(BM_CompileSchema)->Unit(benchmark::kMicrosecond);

static void BM_Validate64KbSecret(benchmark::State &state)
{
    const auto schema = JsonSchema::parse(kSchema);
    const QByteArray json = realisticSecret();
    const auto document = JsonDocument::parse(json);
    if (!schema || !document || !schema->validate(*document->root()).isEmpty()) {
        state.SkipWithError("the schema does not compile or the secret is not valid");
        return;
    }
    for (auto _ : state) {
        auto violations = schema->validate(*document->root());
        benchmark::DoNotOptimize(violations);
    }
    state.SetBytesProcessed(state.iterations() * json.size());
}
BENCHMARK(BM_Validate64KbSecret)->Unit(benchmark::kMicrosecond);

static void BM_SchemasForAmong200Globs(benchmark::State &state)
{
    QByteArray set = "{\"schemas\": [";
    for (int i = 0; i < 200; ++i)
        set += (i ? ", " : "") + QByteArray("{\"match\": [\"project-") + QByteArray::number(i)
            + "/*/config\", \"project-" + QByteArray::number(i)
            + "/**/jwt-keys\"], \"schema\": {\"type\": \"object\"}}";
    set += "]}";
    const auto schemas = SchemaSet::fromSetFile(set, QStringLiteral("bench.json"));
    if (!schemas) {
        state.SkipWithError("the set does not load");
        return;
    }
    const QString name = QStringLiteral("project-150/prod/auth/jwt-keys");
    for (auto _ : state) {
        auto found = schemas->schemasFor(name);
        benchmark::DoNotOptimize(found);
    }
}
BENCHMARK(BM_SchemasForAmong200Globs)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
