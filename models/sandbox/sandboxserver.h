// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/aws/awscredentials.h"
#include "models/aws/awserror.h"
#include "models/sandbox/sandboxfaults.h"
#include "models/sandbox/sandboxkmskey.h"
#include "models/sandbox/sandboxoidcprovider.h"
#include "models/sandbox/sandboxprincipal.h"
#include "models/sandbox/sandboxssodirectory.h"
#include "models/sandbox/sandboxtls.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <random>

class QHttpServerRequest;
class QTcpServer;
class QTcpSocket;

namespace coffer::aws {
struct HttpRequest;
}

namespace coffer::sandbox {

class SandboxAuthorizer;
class SandboxIdentityCenter;
class SandboxStore;
struct SandboxCaller;
struct SandboxRequestFacts;

/// Where and for whom the sandbox endpoint answers.
struct SandboxServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;   ///< loopback unless told otherwise
    quint16 port = 0;                                 ///< 0: any free port
    QString region = QStringLiteral("us-east-1");
    QString accountId = QStringLiteral("123456789012");
    /// The account root's keys: always allowed everything. Empty: the demo pair
    /// (SandboxServer::demoCredentials()).
    QList<aws::AwsCredentials> credentials;
    /// IAM users and roles whose requests are checked against their policies (see
    /// SandboxAuthorizer); SandboxPrincipals::fromJson() reads them from a file.
    QList<SandboxPrincipal> principals;
    /// Customer-managed KMS keys and who may use them.
    QList<SandboxKmsKey> kmsKeys;
    /// OIDC identity providers for sts:AssumeRoleWithWebIdentity.
    QList<SandboxOidcProvider> oidcProviders;
    /// Serve HTTPS with this certificate instead of HTTP.
    std::optional<SandboxTls> tls;
    /// IAM Identity Center's users, permission sets and assignments (SSO OIDC and the portal).
    /// Unset: SandboxSsoDirectory::demo(accountId), user "alice". SandboxPrincipals::applyTo()
    /// sets it from the principals file (empty when the file has no "sso").
    std::optional<SandboxSsoDirectory> sso;
};

/**
 * The local sandbox endpoint: an HTTP server on loopback that speaks Secrets Manager's JSON 1.1
 * protocol (`X-Amz-Target: secretsmanager.<Operation>`) and STS GetCallerIdentity (query
 * protocol), so Coffer, the AWS CLI and the SDKs can all be pointed at it with an endpoint URL.
 * STS AssumeRole and IAM SimulatePrincipalPolicy are answered too (query protocol, picked by the
 * signing service `sts` / `iam`), and STS AssumeRoleWithWebIdentity for the configured OIDC
 * providers' tokens.
 *
 *     SandboxServer server(config);
 *     connect(&server, &SandboxServer::listening, this, [](const QUrl &url) { ... });
 *     if (!server.listen()) ...
 *
 * Every request is verified as AWS would (SigV4Signer::verify), except an unsigned
 * sts:AssumeRoleWithWebIdentity, which AWS accepts without a signature (the token is the proof): an
 * unknown key is refused with UnrecognizedClientException, a wrong secret key with
 * InvalidSignatureException, a clock more than 15 minutes off with "Signature expired". The signing
 * service in the credential scope picks the protocol. Any region is accepted; the answers use the
 * configured account.
 *
 * The configured keys are the account root's and may do everything. Requests signed by one of
 * `principals` (a user's key, or a role session from AssumeRole, X-Amz-Security-Token) are
 * authorized first as IAM would (SandboxAuthorizer): AccessDeniedException with AWS's sentence,
 * and "Access to KMS is not allowed" for a secret under a KMS key the caller may not use. With
 * `tls` set the endpoint speaks HTTPS and aws:SecureTransport is true.
 *
 * The store holds the state; after each successful write the commit hook runs (persistence), and
 * only then is the answer sent. SandboxFaults injects latency, failures, dropped connections and a
 * clock offset (Identity Center gets the latency and the clock, not the failures). Nothing here
 * logs a request body, a value or a key.
 *
 * IAM Identity Center answers on the same port, unsigned, as AWS's REST-JSON services do
 * (SandboxIdentityCenter): SSO OIDC (`POST /client/register`, `/device_authorization`,
 * `/token`) and the SSO portal (`GET /federation/credentials`, `/assignment/accounts`,
 * `/assignment/roles`, `POST /logout`, with `x-amz-sso_bearer_token`), so
 * `AWS_ENDPOINT_URL_SSO_OIDC` and `AWS_ENDPOINT_URL_SSO` can both be this URL. Errors carry
 * `x-amzn-ErrorType: <Code>` and OIDC's `{"error", "error_description"}` or the portal's
 * `{"message"}`. `GET /start/device?user_code=...` is the verification page a person opens in a
 * browser (SandboxDevicePage); its form posts back to `/start/device` to approve the device.
 * GetRoleCredentials issues sessions of the permission set's reserved role
 * (`assumed-role/AWSReservedSSO_<set>_<hex>/<user>`), authorized like AssumeRole's.
 *
 * The front door comes before everything else: a request is refused (403) unless its Host is
 * this server's own address (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`, or the address it
 * is bound to when that is not loopback, `0.0.0.0:PORT` included), so a web page cannot reach it
 * through DNS rebinding; a request
 * carrying `Origin` (a browser's) or `Upgrade` is refused, except an `Origin` that is this
 * server's own (its scheme and one of those hosts) on `/start/device`, where the verification
 * page's form posts from; bodies over 1 MiB get 413, and more
 * than 64 headers or 32 KiB of them 403. At most 64 connections are open at once, and one idle
 * for 30 seconds (a client that opens a connection and never finishes its request) is closed.
 * The server keeps serving after each refusal.
 *
 * On Qt 6.4, QHttpServerRequest gives the headers in order with their names as sent (duplicates
 * kept) but values trimmed, and the target only re-parsed through QUrl: the signature is checked
 * on that reconstruction, which is exact for every request AWS clients send to "/".
 */
class SandboxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SandboxServer)

public:
    /// Persists the store after a write; an error is answered as InternalServiceError.
    using CommitHook = std::function<aws::Result<void>(const SandboxStore &store)>;

    /// Limits checked before any parsing or signature work.
    static constexpr qsizetype kMaxRequestBody = 1024 * 1024;
    static constexpr qsizetype kMaxHeaderCount = 64;
    static constexpr qsizetype kMaxHeaderBytes = 32 * 1024;
    /// Connections open at once; more are closed at once.
    static constexpr int kMaxConnections = 64;
    /// A connection that sends and receives nothing for this long is closed.
    static constexpr std::chrono::seconds kIdleTimeout{30};

    /// The documented demo key pair (not a secret: it only opens the local sandbox).
    [[nodiscard]] static aws::AwsCredentials demoCredentials();

    explicit SandboxServer(SandboxServerConfig config = {}, QObject *parent = nullptr);
    /// Serves `store` (which must outlive the server) instead of an empty one of its own.
    SandboxServer(SandboxServerConfig config, SandboxStore *store, QObject *parent = nullptr);
    ~SandboxServer() override;

    [[nodiscard]] SandboxStore &store() { return *m_store; }
    [[nodiscard]] const SandboxServerConfig &config() const { return m_config; }

    void setCommitHook(CommitHook hook);
    void setFaults(const SandboxFaults &faults);
    [[nodiscard]] SandboxFaults faults() const { return m_faults; }
    /// The server's clock: the system clock plus the fault clock offset.
    [[nodiscard]] QDateTime now() const;

    /// Starts listening; false when the address or port cannot be bound.
    bool listen();
    [[nodiscard]] bool isListening() const { return m_port != 0; }
    /// Replaces the users, roles and KMS keys (role sessions issued so far are forgotten; the
    /// SSO directory and its tokens, and the OIDC providers, stay).
    void setPrincipals(const QList<SandboxPrincipal> &principals, const QList<SandboxKmsKey> &kmsKeys);
    [[nodiscard]] const SandboxAuthorizer &authorizer() const { return *m_authorizer; }
    [[nodiscard]] const SandboxIdentityCenter &identityCenter() const { return *m_identityCenter; }
    /// Where a person approves a device sign-in: url() + "/start/device".
    [[nodiscard]] QUrl verificationUrl() const;

    /// "http://127.0.0.1:<port>" ("https://" with tls), empty before listen().
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] quint16 port() const { return m_port; }
    /// Requests answered so far (for tests and the serve command's summary).
    [[nodiscard]] qint64 requestCount() const { return m_requestCount; }
    /// Connections open now.
    [[nodiscard]] int connectionCount() const { return m_connections; }
    /// For tests: a shorter idle timeout.
    void setIdleTimeout(std::chrono::milliseconds timeout) { m_idleTimeout = timeout; }

    /// What answerInProcess() answered.
    struct LocalAnswer
    {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
        QString operation;
        bool dropped = false;   ///< a connection would have been dropped (fault injection)
    };
    /// Answers `request` as one arriving from 127.0.0.1 would be, without a connection and past
    /// the front door (its checks need a QHttpServerRequest): signature, authorization, the
    /// store and the commit hook, but no injected latency. For fuzzing and tests.
    [[nodiscard]] LocalAnswer answerInProcess(const aws::HttpRequest &request);

Q_SIGNALS:
    void listening(const QUrl &url);
    /// One request was answered (`httpStatus` 0: the connection was dropped on purpose).
    void requestHandled(const QString &operation, int httpStatus);

private:
    class HttpServer;
    struct Answer;
    friend class HttpServer;

    void handle(const QHttpServerRequest &request, QTcpSocket *socket, std::function<void(Answer)> respond);
    /// Everything after the front door, for a request from `sourceIp`.
    Answer answerFor(const aws::HttpRequest &wire, const QString &sourceIp);
    /// Why a request is refused at the door (size, header count, Origin, Upgrade, Host), if it is.
    [[nodiscard]] std::optional<QString> frontDoorRefusal(const QHttpServerRequest &request) const;
    /// "127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT" and the bound address when it is a specific one.
    [[nodiscard]] QList<QByteArray> acceptedHosts() const;
    Answer handleSecretsManager(const QByteArray &target, const QByteArray &body, const SandboxCaller &caller,
                                const SandboxRequestFacts &facts, bool &dropConnection);
    Answer handleSts(const QByteArray &body, const SandboxCaller &caller, const SandboxRequestFacts &facts);
    Answer handleIam(const QByteArray &body, const SandboxCaller &caller, const SandboxRequestFacts &facts);
    /// Answers now, or after the injected latency.
    void respondAfterLatency(Answer answer, std::function<void(Answer)> respond);
    /// SSO OIDC, the SSO portal and the verification page, picked by path; nullopt for others.
    std::optional<Answer> handleIdentityCenter(const aws::HttpRequest &wire);
    Answer handleDevicePage(const aws::HttpRequest &wire);
    Answer identityCenterError(const aws::AwsError &error, bool oidc) const;
    /// The authorizer for the configured principals plus the SSO directory's reserved roles.
    void makeAuthorizer();
    /// Is `origin` ("http://127.0.0.1:PORT") this server's own?
    [[nodiscard]] bool isOwnOrigin(const QByteArray &origin) const;
    Answer jsonError(const aws::AwsError &error) const;
    Answer stsError(const aws::AwsError &error) const;
    Answer queryError(const aws::AwsError &error, const QByteArray &xmlNamespace) const;
    Answer queryErrorDocument(int status, const QByteArray &code, const QString &message,
                              const QByteArray &xmlNamespace) const;
    Answer assumeRoleWithWebIdentity(const QHash<QString, QString> &params,
                                     const SandboxRequestFacts &facts);
    std::optional<aws::AwsCredentials> credentialsFor(const QString &accessKeyId) const;
    /// The injected failure for this request, if the dice say so.
    std::optional<aws::AwsError> injectedFailure();
    bool roll(double rate);
    /// Counts and times the connections `server` accepted since the last call.
    void watchConnections(QTcpServer *server);

    SandboxServerConfig m_config;
    std::unique_ptr<SandboxStore> m_ownedStore;
    SandboxStore *m_store = nullptr;
    std::unique_ptr<SandboxAuthorizer> m_authorizer;
    std::unique_ptr<SandboxIdentityCenter> m_identityCenter;
    std::unique_ptr<HttpServer> m_http;
    CommitHook m_commit;
    SandboxFaults m_faults;
    std::mt19937 m_random;
    quint16 m_port = 0;
    qint64 m_requestCount = 0;
    int m_connections = 0;
    std::chrono::milliseconds m_idleTimeout = kIdleTimeout;
};

} // namespace coffer::sandbox
