// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/sandbox/demoseed.h"

#include "models/sandbox/sandboxstore.h"

#include <QRandomGenerator>
#include <QUuid>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace coffer::sandbox {

namespace {

struct PkeyDeleter
{
    void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); }
};
struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct BnDeleter
{
    void operator()(BIGNUM *bn) const { BN_free(bn); }
};

/// A freshly generated RSA key pair, in the forms the demo secrets carry.
struct RsaKey
{
    std::string kid;
    std::string privatePem;
    std::string publicPem;
    std::string n;   ///< base64url, no padding
    std::string e;
};

std::string base64url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals).toStdString();
}

std::string bioText(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, size_t(size));
}

std::string bigNumber(const EVP_PKEY *key, const char *name)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    const std::unique_ptr<BIGNUM, BnDeleter> number(raw);
    QByteArray bytes(BN_num_bytes(number.get()), Qt::Uninitialized);
    BN_bn2bin(number.get(), reinterpret_cast<unsigned char *>(bytes.data()));
    return base64url(bytes);
}

std::optional<RsaKey> generateRsa(const std::string &kid)
{
    const std::unique_ptr<EVP_PKEY, PkeyDeleter> key(EVP_RSA_gen(2048));
    if (!key)
        return std::nullopt;
    RsaKey result;
    result.kid = kid;
    const std::unique_ptr<BIO, BioDeleter> privateBio(BIO_new(BIO_s_mem()));
    const std::unique_ptr<BIO, BioDeleter> publicBio(BIO_new(BIO_s_mem()));
    if (!privateBio || !publicBio
        || PEM_write_bio_PrivateKey(privateBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_PUBKEY(publicBio.get(), key.get()) != 1)
        return std::nullopt;
    result.privatePem = bioText(privateBio.get());
    result.publicPem = bioText(publicBio.get());
    result.n = bigNumber(key.get(), OSSL_PKEY_PARAM_RSA_N);
    result.e = bigNumber(key.get(), OSSL_PKEY_PARAM_RSA_E);
    if (result.n.empty() || result.e.empty())
        return std::nullopt;
    return result;
}

std::string randomText(int length, QStringView alphabet = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
{
    QString text;
    text.reserve(length);
    for (int i = 0; i < length; ++i)
        text.append(alphabet.at(QRandomGenerator::global()->bounded(int(alphabet.size()))));
    return text.toStdString();
}

Json jwk(const RsaKey &key)
{
    return {{"kty", "RSA"}, {"n", key.n}, {"e", key.e}, {"kid", key.kid}, {"use", "sig"}, {"alg", "RS256"}};
}

Json keyPair(const RsaKey &key)
{
    return {{"kid", key.kid}, {"privateKeyPem", key.privatePem}, {"publicKeyPem", key.publicPem}};
}

Json tags(const std::string &project, const std::string &environment, const std::string &owner)
{
    return Json::array({{{"Key", "project"}, {"Value", project}},
                        {{"Key", "environment"}, {"Value", environment}},
                        {{"Key", "owner"}, {"Value", owner}}});
}

/// Creates secrets and versions through the store's operations, keeping the first error.
class Seeder
{
public:
    explicit Seeder(SandboxStore &store)
        : m_store(store)
    {
    }

    void create(const std::string &name, const std::string &description, const Json &tagList, const Json &value)
    {
        Json request = {{"Name", name}, {"Description", description}, {"Tags", tagList}};
        request["SecretString"] = value.is_string() ? value.get<std::string>() : value.dump();
        call(u"CreateSecret", request);
    }
    void createBinary(const std::string &name, const std::string &description, const Json &tagList, const QByteArray &value)
    {
        call(u"CreateSecret", {{"Name", name}, {"Description", description}, {"Tags", tagList},
                               {"SecretBinary", value.toBase64().toStdString()}});
    }
    void put(const std::string &name, const Json &value, const Json &stages = Json())
    {
        Json request = {{"SecretId", name}};
        request["SecretString"] = value.is_string() ? value.get<std::string>() : value.dump();
        if (!stages.is_null())
            request["VersionStages"] = stages;
        call(u"PutSecretValue", request);
    }
    void call(QStringView operation, const Json &request)
    {
        if (m_error)
            return;
        const auto result = m_store.call(operation, request);
        if (!result)
            m_error = result.error();
    }
    [[nodiscard]] const std::optional<aws::AwsError> &error() const { return m_error; }

private:
    SandboxStore &m_store;
    std::optional<aws::AwsError> m_error;
};

Json pixellEnvironment(const std::string &environment)
{
    const bool prod = environment == "prod";
    return {{"APP_ENV", environment},
            {"APP_URL", prod ? "https://pixell.example.com" : "https://dev.pixell.example.com"},
            {"DB_HOST", "pixell-" + environment + ".cluster-c1x2y3z4.eu-west-1.rds.amazonaws.com"},
            {"DB_PORT", "5432"},
            {"DB_NAME", "pixell"},
            {"DB_USER", "pixell_app"},
            {"DB_PASSWORD", randomText(28)},
            {"DB_POOL_SIZE", prod ? "20" : "5"},
            {"REDIS_URL", "rediss://pixell-" + environment + ".abc123.cache.amazonaws.com:6379/0"},
            {"REDIS_PASSWORD", randomText(32)},
            {"S3_BUCKET", "pixell-" + environment + "-uploads"},
            {"S3_REGION", "eu-west-1"},
            {"SMTP_HOST", "email-smtp.eu-west-1.amazonaws.com"},
            {"SMTP_PORT", "587"},
            {"SMTP_USER", "AKIAEXAMPLE" + randomText(9, u"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")},
            {"SMTP_PASSWORD", randomText(44)},
            {"SENTRY_DSN", "https://" + randomText(32, u"0123456789abcdef") + "@o0.ingest.sentry.io/4242"},
            {"STRIPE_SECRET_KEY", (prod ? "sk_live_EXAMPLE" : "sk_test_EXAMPLE") + randomText(24)},
            {"STRIPE_WEBHOOK_SECRET", "whsec_EXAMPLE" + randomText(24)},
            {"JWT_SECRET", randomText(64)},
            {"SESSION_SECRET", randomText(48)},
            {"ENCRYPTION_KEY", randomText(44)},
            {"LOG_LEVEL", prod ? "info" : "debug"},
            {"FEATURE_NEW_EDITOR", prod ? "false" : "true"},
            {"RATE_LIMIT_PER_MINUTE", prod ? "600" : "6000"},
            {"CDN_URL", "https://cdn.pixell.example.com"},
            {"OAUTH_GOOGLE_CLIENT_ID", randomText(12, u"0123456789") + "-" + randomText(32, u"abcdefghijklmnopqrstuvwxyz0123456789") + ".apps.googleusercontent.com"},
            {"OAUTH_GOOGLE_CLIENT_SECRET", "GOCSPX-EXAMPLE" + randomText(20)}};
}

Json miyabiConfig(int timeoutMs, bool secondRedirect)
{
    Json redirects = Json::array({"https://miyabi.example.com/auth/callback"});
    if (secondRedirect)
        redirects.push_back("https://admin.miyabi.example.com/auth/callback");
    return {{"oauth",
             {{"issuer", "https://login.example.com/oauth2/default"},
              {"client_id", "0oa" + randomText(17)},
              {"client_secret", randomText(40)},
              {"redirect_uris", redirects},
              {"scopes", {"openid", "profile", "email", "offline_access"}}}},
            {"api", {{"base_url", "https://api.miyabi.example.com/v2"}, {"timeout_ms", timeoutMs}, {"retries", 3}}},
            {"features", {{"bulk_export", true}, {"beta_dashboard", secondRedirect}}}};
}

} // namespace

aws::Result<void> DemoSeed::demo(SandboxStore &store)
{
    Seeder seed(store);

    // paintbox: a JWKS map whose keys rotate between versions (k1,k2 -> k2,k3).
    const auto k1 = generateRsa("paintbox-2025-09");
    const auto k2 = generateRsa("paintbox-2026-01");
    const auto k3 = generateRsa("paintbox-2026-03");
    if (!k1 || !k2 || !k3)
        return std::unexpected(aws::AwsError::configuration(u"OpenSSL could not generate the demo RSA keys."_s));
    const auto jwks = [](std::initializer_list<const RsaKey *> keys) {
        Json map = Json::object();
        for (const RsaKey *key : keys)
            map[key->kid] = jwk(*key);
        return map;
    };
    seed.create("paintbox/production/jwt/public-keys", "Public keys that verify Paintbox session tokens (JWKS by kid)",
                tags("paintbox", "production", "identity"), jwks({&*k1, &*k2}));
    seed.put("paintbox/production/jwt/public-keys", jwks({&*k2, &*k3}));
    seed.create("paintbox/staging/jwt/public-keys", "Public keys that verify Paintbox session tokens (staging)",
                tags("paintbox", "staging", "identity"), jwks({&*k1}));
    QByteArray keystore("0\x82\x0a\x1b\x02\x01\x03", 7);   // a PKCS#12-like header, then noise
    keystore += QByteArray::fromStdString(randomText(2041));
    seed.createBinary("paintbox/production/tls/keystore", "TLS keystore (PKCS#12) for the Paintbox edge",
                      tags("paintbox", "production", "platform"), keystore);
    for (const std::string environment : {"production", "staging"}) {
        seed.create("paintbox/" + environment + "/db/credentials", "Paintbox database login",
                    tags("paintbox", environment, "platform"),
                    Json{{"engine", "postgres"}, {"host", "paintbox-" + environment + ".internal"}, {"port", 5432},
                         {"username", "paintbox"}, {"password", randomText(24)}, {"dbname", "paintbox"}});
    }

    // pixell: flat env-style maps, three versions (password rotated and a flag added, then log
    // level changed and the flag dropped).
    for (const std::string environment : {"dev", "prod"}) {
        const std::string name = "pixell/" + environment;
        Json env = pixellEnvironment(environment);
        seed.create(name, "Pixell " + environment + " environment variables", tags("pixell", environment, "web"), env);
        env["DB_PASSWORD"] = randomText(28);
        env["FEATURE_BULK_UPLOAD"] = "true";
        seed.put(name, env);
        env["LOG_LEVEL"] = environment == "prod" ? "warn" : "trace";
        // A flag added in the previous version and dropped again: a removed key in the diff
        // that is no content error (a key every earlier version had would be one).
        env.erase("FEATURE_BULK_UPLOAD");
        seed.put(name, env);
    }
    seed.create("pixell/legacy/ftp-credentials", "Old FTP drop for partner uploads, being retired",
                tags("pixell", "legacy", "web"), Json{{"host", "ftp.partner.example.com"}, {"user", "pixell"}, {"password", randomText(16)}});
    seed.call(u"DeleteSecret", {{"SecretId", "pixell/legacy/ftp-credentials"}, {"RecoveryWindowInDays", 7}});

    // sophon: PEM key pairs; the access key rotates, the refresh key stays.
    for (const std::string environment : {"staging", "prod"}) {
        const auto access1 = generateRsa("sophon-" + environment + "-access-1");
        const auto access2 = generateRsa("sophon-" + environment + "-access-2");
        const auto refresh = generateRsa("sophon-" + environment + "-refresh-1");
        if (!access1 || !access2 || !refresh)
            return std::unexpected(aws::AwsError::configuration(u"OpenSSL could not generate the demo RSA keys."_s));
        const std::string name = "sophon/" + environment + "/auth/jwt-keys";
        seed.create(name, "Sophon token signing keys (access and refresh)", tags("sophon", environment, "auth"),
                    Json{{"access", keyPair(*access1)}, {"refresh", keyPair(*refresh)}});
        seed.put(name, Json{{"access", keyPair(*access2)}, {"refresh", keyPair(*refresh)}});
        seed.create("sophon/" + environment + "/db/postgres", "Sophon primary database", tags("sophon", environment, "data"),
                    Json{{"username", "sophon"}, {"password", randomText(24)}, {"host", "sophon-" + environment + ".internal"},
                         {"port", 5432}});
        seed.create("sophon/" + environment + "/queue/rabbitmq", "Sophon job queue", tags("sophon", environment, "data"),
                    Json{{"url", "amqps://sophon:" + randomText(20) + "@mq-" + environment + ".internal:5671/sophon"}});
    }

    // miyabi: tokens and OAuth client settings.
    seed.create("miyabi/prod/api-keys", "Third-party API keys used by Miyabi", tags("miyabi", "prod", "integrations"),
                Json{{"maps", "AIzaEXAMPLE" + randomText(28)}, {"mailer", "key-EXAMPLE" + randomText(32)},
                     {"search", {{"app_id", randomText(10, u"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}, {"admin_key", randomText(32, u"0123456789abcdef")}}}});
    seed.put("miyabi/prod/api-keys", Json{{"maps", "AIzaEXAMPLE" + randomText(28)}, {"mailer", "key-EXAMPLE" + randomText(32)},
                                          {"search", {{"app_id", "MIYABI01"}, {"admin_key", randomText(32, u"0123456789abcdef")}}},
                                          {"translate", "trn-EXAMPLE" + randomText(24)}});
    seed.create("miyabi/prod/config", "Miyabi OAuth client and API settings", tags("miyabi", "prod", "web"), miyabiConfig(3000, false));
    seed.put("miyabi/prod/config", miyabiConfig(5000, true));
    seed.create("miyabi/dev/config", "Miyabi OAuth client and API settings (dev)", tags("miyabi", "dev", "web"), miyabiConfig(10000, true));
    seed.create("miyabi/prod/deploy-token", "Deploy token for the Miyabi release pipeline (plain text)",
                tags("miyabi", "prod", "release"), Json("mbt_live_EXAMPLE" + randomText(36)));

    // benchling-webhook: the current credentials lost a required field; the previous version had it.
    const std::string clientId = "benchling-app-" + randomText(8, u"0123456789abcdef");
    seed.create("benchling-webhook/credentials", "Benchling app credentials for the webhook receiver",
                tags("benchling-webhook", "prod", "lab-integrations"),
                Json{{"client_id", clientId}, {"client_secret", randomText(40)}, {"tenant", "example-lab"},
                     {"app_definition_id", "appdef_" + randomText(10)}});
    seed.put("benchling-webhook/credentials",
             Json{{"client_id", clientId}, {"tenant", "example-lab"}, {"app_definition_id", "appdef_" + randomText(10)}});
    seed.create("benchling-webhook/config", "Benchling webhook receiver settings", tags("benchling-webhook", "prod", "lab-integrations"),
                Json{{"queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/benchling-events"},
                     {"bucket", "benchling-webhook-archive"}, {"log_level", "info"},
                     {"allowed_ips", {"203.0.113.10", "203.0.113.11"}}, {"retry", {{"max_attempts", 5}, {"backoff_seconds", 2}}}});
    seed.put("benchling-webhook/config",
             Json{{"queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/benchling-events"},
                  {"bucket", "benchling-webhook-archive"}, {"log_level", "debug"},
                  {"allowed_ips", {"203.0.113.10", "203.0.113.11", "203.0.113.12"}}, {"retry", {{"max_attempts", 8}, {"backoff_seconds", 2}}}});

    // A few more per project, so namespaces have some depth.
    for (const std::string project : {"paintbox", "pixell", "sophon", "miyabi"}) {
        for (const std::string environment : {"staging", "prod"}) {
            seed.create(project + "/" + environment + "/smtp/credentials", "Outgoing mail", tags(project, environment, "platform"),
                        Json{{"host", "smtp.example.com"}, {"port", 587}, {"username", project}, {"password", randomText(20)}});
        }
        seed.create(project + "/ci/registry-token", "Container registry token for CI", tags(project, "ci", "platform"),
                    Json("rt_EXAMPLE" + randomText(32)));
    }

    if (seed.error())
        return std::unexpected(*seed.error());
    return {};
}

void DemoSeed::bulk(SandboxStore &store, int count)
{
    static const char *const projects[] = {"atlas", "borealis", "cinder", "delta", "ember", "fjord", "gale", "harbor",
                                           "paintbox", "pixell", "sophon", "miyabi"};
    static const char *const environments[] = {"dev", "staging", "prod", "qa"};
    static const char *const areas[] = {"db", "api", "auth", "queue", "cache", "smtp", "storage", "billing"};
    static const char *const kinds[] = {"credentials", "config", "token", "keys"};
    QRandomGenerator *random = QRandomGenerator::global();
    const QDateTime now = store.now();
    for (int i = 0; i < count; ++i) {
        const QString project = QString::fromLatin1(projects[i % std::size(projects)]);
        const QString environment = QString::fromLatin1(environments[(i / 12) % std::size(environments)]);
        const QString area = QString::fromLatin1(areas[(i / 48) % std::size(areas)]);
        const QString kind = QString::fromLatin1(kinds[random->bounded(int(std::size(kinds)))]);
        SandboxSecret secret;
        secret.name = u"%1/%2/%3/%4-%5"_s.arg(project, environment, area, kind).arg(i, 5, 10, QLatin1Char('0'));
        secret.description = u"Filler secret %1 for %2 (%3)"_s.arg(i).arg(project, environment);
        secret.tags = {{u"project"_s, project}, {u"environment"_s, environment}, {u"bulk"_s, u"true"_s}};
        secret.createdDate = now;
        secret.lastChangedDate = now;
        SandboxVersion version;
        version.versionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const Json value = {{"username", project.toStdString() + "_" + area.toStdString()},
                            {"password", randomText(20)},
                            {"host", area.toStdString() + "." + environment.toStdString() + ".internal"}};
        version.value = QByteArray::fromStdString(value.dump());
        version.stages = {u"AWSCURRENT"_s};
        version.createdDate = now;
        secret.versions.push_back(std::move(version));
        store.insert(std::move(secret));
    }
}

} // namespace coffer::sandbox
