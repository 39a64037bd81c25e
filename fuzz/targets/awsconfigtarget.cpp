// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/aws/awsconfigfile.h"

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

int fuzzAwsConfig(const uint8_t *data, size_t size)
{
    const QByteArray text = inputBytes(data, size);
    for (const auto kind : { aws::AwsConfigFile::Kind::Config, aws::AwsConfigFile::Kind::Credentials }) {
        const auto file = aws::AwsConfigFile::parse(text, kind, u"/fuzz/config"_s);
        if (!file)
            continue;
        for (const QString &name : file->profileNames())
            COFFER_FUZZ_CHECK(file->profile(name) != nullptr);
        for (const aws::AwsConfigSection &section : file->sections())
            (void)file->section(section.type, section.name);
        (void)file->warnings();
    }
    return 0;
}

} // namespace coffer::fuzz
