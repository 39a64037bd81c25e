// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/aws/processcredentialsprovider.h"

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

int fuzzProcessCredentials(const uint8_t *data, size_t size)
{
    const QByteArray bytes = inputBytes(data, size);
    const auto credentials = aws::ProcessCredentialsProvider::parseOutput(bytes, u"credential-helper"_s);
    if (!credentials) {
        // Nothing from the program's output may appear in the error: it may hold a key.
        const QString message = credentials.error().message;
        if (bytes.size() >= 32 && !bytes.contains("credential-helper"))
            COFFER_FUZZ_CHECK(!message.contains(QString::fromUtf8(bytes)));
    }
    const auto words = aws::ProcessCredentialsProvider::splitCommandLine(QString::fromUtf8(bytes));
    if (words) {
        for (const QString &word : *words)
            COFFER_FUZZ_CHECK(word.size() <= bytes.size());
    }
    return 0;
}

} // namespace coffer::fuzz
