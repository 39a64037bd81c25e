// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzztargets.h"

#include "fuzz/fuzzinput.h"

#include <QCoreApplication>

#include <array>
#include <cstdio>

namespace coffer::fuzz {

namespace {
constexpr std::array targets = {
    FuzzTarget { "sandbox_request", &fuzzSandboxRequest },
    FuzzTarget { "policy", &fuzzPolicy },
    FuzzTarget { "sigv4", &fuzzSigV4 },
    FuzzTarget { "json_document", &fuzzJsonDocument },
    FuzzTarget { "aws_config", &fuzzAwsConfig },
    FuzzTarget { "query_xml", &fuzzQueryXml },
    FuzzTarget { "secretsmanager_codec", &fuzzSecretsManagerCodec },
    FuzzTarget { "process_credentials", &fuzzProcessCredentials },
    FuzzTarget { "sandbox_datafolder", &fuzzSandboxDataFolder },
};
} // namespace

std::span<const FuzzTarget> fuzzTargets()
{
    return targets;
}

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    // Lives until exit, as libFuzzer's process does.
    static int argc = 1;
    static char name[] = "coffer-fuzz";
    static char *argv[] = { name, nullptr };
    static QCoreApplication application(argc, argv);
}

void invariantBroken(const char *condition, const char *file, int line)
{
    std::fprintf(stderr, "fuzz: invariant broken at %s:%d: %s\n", file, line, condition);
    std::fflush(stderr);
    __builtin_trap();
}

} // namespace coffer::fuzz
