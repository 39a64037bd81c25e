// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/aws/sigv4canonicalizer.h"

#include <QVarLengthArray>

#include <algorithm>
#include <array>

namespace coffer::aws {

namespace {

constexpr std::array<bool, 256> makeUnreservedTable()
{
    std::array<bool, 256> table{};
    for (int c = 'A'; c <= 'Z'; ++c)
        table[size_t(c)] = true;
    for (int c = 'a'; c <= 'z'; ++c)
        table[size_t(c)] = true;
    for (int c = '0'; c <= '9'; ++c)
        table[size_t(c)] = true;
    table[size_t('-')] = true;
    table[size_t('.')] = true;
    table[size_t('_')] = true;
    table[size_t('~')] = true;
    return table;
}
constexpr std::array<bool, 256> unreserved = makeUnreservedTable();
constexpr char upperHex[] = "0123456789ABCDEF";

inline bool isUnreserved(char c)
{
    return unreserved[static_cast<unsigned char>(c)];
}

// The whitespace botocore's str.split() removes from header values, limited to ASCII.
inline bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

inline char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}

inline void appendEncodedByte(QByteArray &out, unsigned char byte)
{
    const char encoded[3] = {'%', upperHex[byte >> 4], upperHex[byte & 0x0f]};
    out.append(encoded, 3);
}

// Decodes and re-encodes in one pass: the canonical form of one query key or value.
void appendRecoded(QByteArray &out, QByteArrayView raw)
{
    const qsizetype size = raw.size();
    for (qsizetype i = 0; i < size; ++i) {
        char c = raw[i];
        if (c == '%' && i + 2 < size) {
            const int high = hexValue(raw[i + 1]);
            const int low = hexValue(raw[i + 2]);
            if (high >= 0 && low >= 0) {
                c = char((high << 4) | low);
                i += 2;
            }
        }
        if (isUnreserved(c))
            out.append(c);
        else
            appendEncodedByte(out, static_cast<unsigned char>(c));
    }
}

QByteArrayView trimmed(QByteArrayView bytes)
{
    qsizetype begin = 0;
    qsizetype end = bytes.size();
    while (begin < end && isSpace(bytes[begin]))
        ++begin;
    while (end > begin && isSpace(bytes[end - 1]))
        --end;
    return bytes.sliced(begin, end - begin);
}

// Lexicographic order of the lowercase forms, without building them.
int compareLowercase(QByteArrayView a, QByteArrayView b)
{
    const qsizetype common = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < common; ++i) {
        const auto x = static_cast<unsigned char>(toLower(a[i]));
        const auto y = static_cast<unsigned char>(toLower(b[i]));
        if (x != y)
            return x < y ? -1 : 1;
    }
    return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool equalsLowercase(QByteArrayView name, QByteArrayView lowercase)
{
    if (name.size() != lowercase.size())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (toLower(name[i]) != lowercase[i])
            return false;
    }
    return true;
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && compareLowercase(a, b) == 0;
}

} // namespace

bool SigV4Canonicalizer::isNeverSigned(QByteArrayView lowercaseName)
{
    return lowercaseName == "authorization" || lowercaseName == "user-agent"
            || lowercaseName == "expect" || lowercaseName == "x-amzn-trace-id";
}

QByteArray SigV4Canonicalizer::normalizedPath(QByteArrayView path)
{
    if (path.isEmpty())
        return QByteArrayLiteral("/");

    QVarLengthArray<QByteArrayView, 16> segments;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype slash = path.indexOf('/', start);
        if (slash < 0)
            slash = path.size();
        const QByteArrayView segment = path.sliced(start, slash - start);
        if (segment == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!segment.isEmpty() && segment != ".") {
            segments.append(segment);
        }
        start = slash + 1;
    }

    QByteArray result;
    result.reserve(path.size());
    if (path.front() == '/')
        result.append('/');
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (i > 0)
            result.append('/');
        result.append(segments[i]);
    }
    // Like botocore: a trailing slash survives only when some segment does.
    if (path.back() == '/' && !segments.isEmpty())
        result.append('/');
    return result;
}

void SigV4Canonicalizer::appendUriEncoded(QByteArray &out, QByteArrayView bytes, bool keepSlash)
{
    // Runs of bytes that stay as they are go in one append: per-byte appends dominate otherwise.
    qsizetype runStart = 0;
    const qsizetype size = bytes.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = bytes[i];
        if (isUnreserved(c) || (keepSlash && c == '/'))
            continue;
        out.append(bytes.sliced(runStart, i - runStart));
        appendEncodedByte(out, static_cast<unsigned char>(c));
        runStart = i + 1;
    }
    out.append(bytes.sliced(runStart));
}

QByteArray SigV4Canonicalizer::uriEncoded(QByteArrayView bytes, bool keepSlash)
{
    QByteArray out;
    out.reserve(bytes.size());
    appendUriEncoded(out, bytes, keepSlash);
    return out;
}

QByteArray SigV4Canonicalizer::percentDecoded(QByteArrayView bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    const qsizetype size = bytes.size();
    for (qsizetype i = 0; i < size; ++i) {
        char c = bytes[i];
        if (c == '%' && i + 2 < size) {
            const int high = hexValue(bytes[i + 1]);
            const int low = hexValue(bytes[i + 2]);
            if (high >= 0 && low >= 0) {
                c = char((high << 4) | low);
                i += 2;
            }
        }
        out.append(c);
    }
    return out;
}

void SigV4Canonicalizer::appendTrimmedValue(QByteArray &out, QByteArrayView value)
{
    const qsizetype size = value.size();
    qsizetype i = 0;
    bool first = true;
    while (i < size) {
        while (i < size && isSpace(value[i]))
            ++i;
        if (i == size)
            break;
        const qsizetype wordStart = i;
        while (i < size && !isSpace(value[i]))
            ++i;
        if (!first)
            out.append(' ');
        out.append(value.sliced(wordStart, i - wordStart));
        first = false;
    }
}

void SigV4Canonicalizer::appendCanonicalUri(QByteArray &out, QByteArrayView path, bool normalize, bool encode)
{
    if (path.isEmpty() || path == "/") {
        out.append('/');
        return;
    }
    if (!encode) {
        out.append(normalize ? normalizedPath(path) : path.toByteArray());
        return;
    }
    if (normalize)
        appendUriEncoded(out, normalizedPath(path), true);
    else
        appendUriEncoded(out, path, true);
}

void SigV4Canonicalizer::appendCanonicalQuery(QByteArray &out, QByteArrayView query,
                                              std::span<const QByteArrayView> excludedKeys)
{
    if (query.isEmpty())
        return;

    // Every recoded key and value goes into one scratch buffer; entries point into it.
    struct Entry
    {
        qsizetype keyOffset;
        qsizetype keyLength;
        qsizetype valueOffset;
        qsizetype valueLength;
    };
    QByteArray scratch;
    scratch.reserve(query.size() + query.size() / 2 + 16);
    QVarLengthArray<Entry, 16> entries;

    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView pair = query.sliced(start, end - start);
        start = end + 1;
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView key = equals < 0 ? pair : pair.first(equals);
        const QByteArrayView value = equals < 0 ? QByteArrayView() : pair.sliced(equals + 1);

        Entry entry{};
        entry.keyOffset = scratch.size();
        appendRecoded(scratch, key);
        entry.keyLength = scratch.size() - entry.keyOffset;
        const QByteArrayView encodedKey(scratch.constData() + entry.keyOffset, entry.keyLength);
        if (std::find(excludedKeys.begin(), excludedKeys.end(), encodedKey) != excludedKeys.end()) {
            scratch.truncate(entry.keyOffset);
            continue;
        }
        entry.valueOffset = scratch.size();
        appendRecoded(scratch, value);
        entry.valueLength = scratch.size() - entry.valueOffset;
        entries.append(entry);
    }

    const char *base = scratch.constData();
    const auto keyOf = [base](const Entry &e) { return QByteArrayView(base + e.keyOffset, e.keyLength); };
    const auto valueOf = [base](const Entry &e) { return QByteArrayView(base + e.valueOffset, e.valueLength); };
    std::sort(entries.begin(), entries.end(), [&](const Entry &a, const Entry &b) {
        const int byKey = keyOf(a).compare(keyOf(b));
        if (byKey != 0)
            return byKey < 0;
        return valueOf(a).compare(valueOf(b)) < 0;
    });

    out.reserve(out.size() + scratch.size() + 2 * entries.size());
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (i > 0)
            out.append('&');
        out.append(keyOf(entries[i])).append('=').append(valueOf(entries[i]));
    }
}

void SigV4Canonicalizer::appendCanonicalHeaders(QByteArray &canonicalHeaders, QByteArray &signedHeaders,
                                                const HeaderList &headers, HeaderSelection selection)
{
    struct Entry
    {
        QByteArrayView name;  // trimmed, original case
        qsizetype index;
    };
    QVarLengthArray<Entry, 16> entries;
    char lowered[64];
    for (qsizetype i = 0; i < headers.size(); ++i) {
        const QByteArrayView name = trimmed(headers[i].first);
        if (name.isEmpty())
            continue;
        bool selected;
        if (!selection.only.empty()) {
            selected = std::any_of(selection.only.begin(), selection.only.end(),
                                   [name](QByteArrayView wanted) { return equalsLowercase(name, wanted); });
        } else {
            bool neverSigned = false;
            if (name.size() <= qsizetype(sizeof lowered)) {
                for (qsizetype j = 0; j < name.size(); ++j)
                    lowered[j] = toLower(name[j]);
                neverSigned = isNeverSigned(QByteArrayView(lowered, name.size()));
            }
            selected = !neverSigned
                    && std::none_of(selection.excluded.begin(), selection.excluded.end(),
                                    [name](QByteArrayView excluded) { return equalsIgnoringCase(name, excluded); });
        }
        if (selected)
            entries.append(Entry{name, i});
    }

    // Insertion sort: stable (repeated names keep request order) and allocation-free for the
    // handful of headers a request carries.
    for (qsizetype i = 1; i < entries.size(); ++i) {
        const Entry moving = entries[i];
        qsizetype j = i;
        while (j > 0 && compareLowercase(entries[j - 1].name, moving.name) > 0) {
            entries[j] = entries[j - 1];
            --j;
        }
        entries[j] = moving;
    }

    for (qsizetype i = 0; i < entries.size(); ++i) {
        const bool sameAsPrevious = i > 0 && equalsIgnoringCase(entries[i - 1].name, entries[i].name);
        if (sameAsPrevious) {
            canonicalHeaders.append(',');
        } else {
            if (i > 0) {
                canonicalHeaders.append('\n');
                signedHeaders.append(';');
            }
            const qsizetype nameStart = canonicalHeaders.size();
            canonicalHeaders.append(entries[i].name);
            char *name = canonicalHeaders.data() + nameStart;
            for (qsizetype j = 0; j < entries[i].name.size(); ++j)
                name[j] = toLower(name[j]);
            signedHeaders.append(QByteArrayView(name, entries[i].name.size()));
            canonicalHeaders.append(':');
        }
        appendTrimmedValue(canonicalHeaders, headers[entries[i].index].second);
    }
    if (!entries.isEmpty())
        canonicalHeaders.append('\n');
}

void SigV4Canonicalizer::appendCanonicalHeaders(QByteArray &canonicalHeaders, QByteArray &signedHeaders,
                                                const HeaderList &headers)
{
    appendCanonicalHeaders(canonicalHeaders, signedHeaders, headers, HeaderSelection{});
}

} // namespace coffer::aws
