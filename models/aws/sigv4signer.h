// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/aws/httprequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace coffer::aws {

struct SigningOptions
{
    /// Remove dot segments and collapse sequential slashes in the canonical URI (every service
    /// but S3).
    bool normalizePath = true;
    /// Add X-Amz-Content-Sha256 with the payload hash (header form only).
    bool signBody = false;
    /// Leave the session token out of the signature. It is still added to the request, after
    /// signing (as the SigV4 test suite's "post-sts-header-after" case and AWS IoT expect).
    bool omitSessionToken = false;
    /// Percent-encode the path into the canonical URI. S3 style is `normalizePath = false,
    /// encodePath = false`: the wire path, already encoded, is used as it is.
    bool encodePath = true;
};

/// The intermediate values of one signing, for tests and diagnostics. Holds no secret (the
/// canonical request does carry the session token when there is one).
struct SigningResult
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature;        ///< lowercase hex
    QByteArray signedHeaders;    ///< "host;x-amz-date"
    QByteArray credentialScope;  ///< "20150830/us-east-1/service/aws4_request"
    QByteArray amzDate;          ///< "20150830T123600Z"
};

struct VerificationOptions
{
    bool normalizePath = true;
    bool encodePath = true;
    /// Accept a credential scoped to any region (the sandbox answers for every region); the
    /// service must still match.
    bool acceptAnyRegion = false;
    /// How far the signing time may be from the server's clock (AWS: 15 minutes).
    std::chrono::seconds maxClockSkew = std::chrono::minutes(15);
};

/// What a successfully verified request proved.
struct VerifiedRequest
{
    QString accessKeyId;
    QString region;
    QString service;
    QDateTime signedAt;                  ///< UTC
    QList<QByteArray> signedHeaders;     ///< lowercase names
    bool presigned = false;              ///< signed in the query string rather than a header
    std::optional<QDateTime> expiresAt;  ///< presigned requests only
    bool sessionTokenPresent = false;
};

/// Finds the credentials for an access key id: the secret key, and the session token the request
/// must carry when `sessionToken` is not empty (and `expiration`, checked when set).
/// Return std::nullopt for an unknown key.
using CredentialLookup = std::function<std::optional<AwsCredentials>(const QString &accessKeyId)>;

/**
 * AWS Signature Version 4: signs requests for one region and service, and verifies requests
 * signed by others (the local sandbox endpoint uses it as AWS would).
 *
 *     const SigV4Signer signer(u"eu-west-1"_s, u"secretsmanager"_s);
 *     signer.sign(request, credentials, QDateTime::currentDateTimeUtc());
 *
 * sign() adds X-Amz-Date, X-Amz-Security-Token (for temporary credentials), X-Amz-Content-Sha256
 * (with SigningOptions::signBody) and Authorization; presign() appends the X-Amz-* parameters to
 * the query instead. Canonicalization follows the AWS SigV4 test suite and matches botocore
 * byte for byte (see SigV4Canonicalizer); the *WithResult() variants return the canonical
 * request, string to sign and signature for tests.
 *
 * Derived signing keys are cached per secret, date, region and service, so signing costs two
 * SHA-256 and one HMAC per request. Copies share that cache; every const function may be called
 * from several threads at once. Nothing here logs, and no error message carries a secret.
 */
class SigV4Signer
{
public:
    SigV4Signer(QString region, QString service);

    [[nodiscard]] QString region() const { return m_region; }
    [[nodiscard]] QString service() const { return m_service; }

    /// Adds X-Amz-Date (and X-Amz-Security-Token when creds carry one, X-Amz-Content-Sha256
    /// when signBody) and Authorization to req, replacing earlier ones.
    void sign(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
              const SigningOptions &opts = {}) const;
    /// Presigned (query) form: appends X-Amz-Algorithm, -Credential, -Date, -SignedHeaders,
    /// -Expires, (-Security-Token), -Signature to req.query, in that order.
    void presign(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                 std::chrono::seconds expires, const SigningOptions &opts = {}) const;

    SigningResult signWithResult(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                                 const SigningOptions &opts = {}) const;
    SigningResult presignWithResult(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                                    std::chrono::seconds expires, const SigningOptions &opts = {}) const;

    /// The canonical request of `req` as it stands, signing every header it carries (except the
    /// never-signed ones). The payload hash is X-Amz-Content-Sha256 when present, else the body's.
    [[nodiscard]] QByteArray canonicalRequest(const HttpRequest &req, const SigningOptions &opts = {}) const;
    [[nodiscard]] QByteArray stringToSign(QByteArrayView canonicalRequest, const QDateTime &nowUtc) const;
    /// Lowercase hex HMAC of `stringToSign` under the key derived from creds for that day.
    [[nodiscard]] QByteArray signature(QByteArrayView stringToSign, const AwsCredentials &creds,
                                       const QDateTime &nowUtc) const;
    /// "20150830/us-east-1/service/aws4_request"
    [[nodiscard]] QByteArray credentialScope(const QDateTime &nowUtc) const;
    /// "20150830T123600Z"
    [[nodiscard]] static QByteArray amzDate(const QDateTime &dateTime);
    /// Parses the X-Amz-Date form; an invalid QDateTime when `amzDate` is not one.
    [[nodiscard]] static QDateTime parseAmzDate(QByteArrayView amzDate);

    /**
     * Checks a received request as AWS would: a well-formed Authorization header or presigned
     * query, a known access key (and the session token it requires), a matching signature, a
     * payload matching X-Amz-Content-Sha256, and a signing time within maxClockSkew of `nowUtc`
     * (for presigned requests: not past X-Amz-Expires).
     *
     * Errors carry AWS's codes and wording: MissingAuthenticationTokenException,
     * IncompleteSignatureException, UnrecognizedClientException, ExpiredTokenException,
     * InvalidSignatureException (also for "Signature expired", as AWS JSON services answer, with
     * kind RequestExpired), RequestExpired for an expired presigned request.
     */
    [[nodiscard]] Result<VerifiedRequest> verify(const HttpRequest &req, const CredentialLookup &lookup,
                                                 const QDateTime &nowUtc,
                                                 const VerificationOptions &opts = {}) const;

private:
    struct KeyCache;

    SigningResult signImpl(HttpRequest &req, const AwsCredentials &creds, const QDateTime &nowUtc,
                           const SigningOptions &opts, std::optional<std::chrono::seconds> expires) const;
    void appendScope(QByteArray &out, QByteArrayView date, QByteArrayView region) const;
    QByteArray computeSignature(QByteArrayView stringToSign, const QString &secret, QByteArrayView date,
                                QByteArrayView region) const;

    QString m_region;
    QString m_service;
    QByteArray m_regionBytes;
    QByteArray m_serviceBytes;
    std::shared_ptr<KeyCache> m_keys;
};

} // namespace coffer::aws
