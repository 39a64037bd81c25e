// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/json/jsondocument.h"

namespace coffer::fuzz {

int fuzzJsonDocument(const uint8_t *data, size_t size)
{
    const QByteArray text = inputBytes(data, size);
    auto document = json::JsonDocument::parse(text);
    if (!document)
        return 0;
    // Nothing changed: the exact bytes come back, so saving an untouched secret writes nothing.
    COFFER_FUZZ_CHECK(!document->isModified());
    COFFER_FUZZ_CHECK(document->toJson() == text);
    // Re-serialized in its own style, the tree reads back as the same tree.
    const QByteArray rewritten = document->toJson(document->style());
    const auto reparsed = json::JsonDocument::parse(rewritten);
    COFFER_FUZZ_CHECK(reparsed.has_value());
    COFFER_FUZZ_CHECK(reparsed->isEquivalentTo(*document));
    return 0;
}

} // namespace coffer::fuzz
