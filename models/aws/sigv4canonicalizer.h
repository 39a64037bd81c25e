// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <span>
#include <utility>

namespace coffer::aws {

/**
 * The canonical forms SigV4 hashes: the canonical URI, query string and headers of a request.
 *
 * SigV4Signer composes these into the canonical request; they are public so that tests can check
 * each rule on its own. The rules follow the AWS SigV4 specification and, where it is silent,
 * botocore (the signer behind the AWS CLI):
 * - URI: with normalization, dot segments are removed and sequential slashes collapsed
 *   (botocore's `remove_dot_segments`); then every byte outside A-Z a-z 0-9 - . _ ~ and '/' is
 *   percent-encoded, '%' included, so an already-encoded path is encoded twice, as AWS expects for
 *   every service but S3.
 * - Query: each `key=value` pair is percent-decoded and re-encoded (uppercase hex), then pairs are
 *   sorted by encoded key, then by encoded value; a key without '=' gets an empty value, repeated
 *   keys are all kept. '+' is a literal plus, not a space.
 * - Headers: names lowercased and trimmed, values trimmed with inner runs of whitespace (line
 *   breaks included) collapsed to one space, repeated names joined with ',' in request order,
 *   sorted by name.
 *
 * All functions work on bytes and append to the caller's buffer, so a signer can build a whole
 * canonical request in one allocation.
 */
class SigV4Canonicalizer
{
public:
    using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

    /// Which headers go into the canonical headers.
    struct HeaderSelection
    {
        /// When not empty, exactly the headers with these (lowercase) names, as when verifying
        /// a request against its SignedHeaders list.
        std::span<const QByteArrayView> only = {};
        /// Otherwise every header except these names (case-insensitive) and the never-signed ones.
        std::span<const QByteArrayView> excluded = {};
    };

    /// Headers never signed, as in botocore: expect, user-agent, x-amzn-trace-id, and the
    /// authorization header itself. `lowercaseName` must be lowercase.
    [[nodiscard]] static bool isNeverSigned(QByteArrayView lowercaseName);

    /// RFC 3986 remove_dot_segments plus collapsing of sequential slashes; "" becomes "/".
    [[nodiscard]] static QByteArray normalizedPath(QByteArrayView path);

    /// Appends `bytes` percent-encoded: all but unreserved characters (and '/' when `keepSlash`).
    static void appendUriEncoded(QByteArray &out, QByteArrayView bytes, bool keepSlash);
    [[nodiscard]] static QByteArray uriEncoded(QByteArrayView bytes, bool keepSlash = false);
    /// Decodes %XX sequences; a '%' not followed by two hex digits stays as it is.
    [[nodiscard]] static QByteArray percentDecoded(QByteArrayView bytes);

    /// Appends `value` trimmed, with every inner run of whitespace replaced by one space.
    static void appendTrimmedValue(QByteArray &out, QByteArrayView value);

    /// Appends the canonical URI of `path` (see the class comment). Without `encode` the path is
    /// taken as already canonical (S3 style).
    static void appendCanonicalUri(QByteArray &out, QByteArrayView path, bool normalize, bool encode = true);

    /// Appends the canonical query string of a raw query (without '?'). Parameters whose encoded
    /// key is in `excludedKeys` are left out (X-Amz-Signature when verifying a presigned request).
    static void appendCanonicalQuery(QByteArray &out, QByteArrayView query,
                                     std::span<const QByteArrayView> excludedKeys = {});

    /// Appends "name:value\n" per selected header to `canonicalHeaders` and "name;name..." to
    /// `signedHeaders`.
    static void appendCanonicalHeaders(QByteArray &canonicalHeaders, QByteArray &signedHeaders,
                                       const HeaderList &headers, HeaderSelection selection);
    /// The same with the default selection: every header but the never-signed ones.
    static void appendCanonicalHeaders(QByteArray &canonicalHeaders, QByteArray &signedHeaders,
                                       const HeaderList &headers);
};

} // namespace coffer::aws
