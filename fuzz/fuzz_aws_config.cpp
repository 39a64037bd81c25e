// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer entry point; the target itself is coffer::fuzz::fuzzAwsConfig (fuzz/fuzztargets.h).
#include "fuzz/fuzztargets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return coffer::fuzz::fuzzAwsConfig(data, size);
}
