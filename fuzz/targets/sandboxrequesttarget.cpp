// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/aws/httprequest.h"
#include "models/aws/sigv4signer.h"
#include "models/sandbox/sandboxserver.h"
#include "models/sandbox/sandboxstore.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

namespace {

using sandbox::SandboxServer;
using sandbox::SandboxStore;

/// What the first byte picks: a Secrets Manager operation, an STS or IAM action, or an IAM
/// Identity Center path.
struct Operation
{
    enum class Protocol { Json, Sts, Iam, IdentityCenter } protocol;
    QByteArray name;   ///< operation, action or path
};

QList<Operation> operations()
{
    QList<Operation> all;
    for (const QString &name : SandboxStore::operations())
        all.append({ Operation::Protocol::Json, name.toLatin1() });
    all.append({ Operation::Protocol::Json, "NoSuchOperation"_ba });
    for (const char *action : { "GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity" })
        all.append({ Operation::Protocol::Sts, action });
    all.append({ Operation::Protocol::Iam, "SimulatePrincipalPolicy"_ba });
    for (const char *path : { "/client/register", "/device_authorization", "/token", "/logout" })
        all.append({ Operation::Protocol::IdentityCenter, path });
    return all;
}

aws::AwsCredentials appCredentials()
{
    aws::AwsCredentials credentials;
    credentials.accessKeyId = u"AKIAAPPFUZZ000000001"_s;
    credentials.secretAccessKey = u"fuzz/app/secret/key/not+a+real+one0000000"_s;
    return credentials;
}

/// An IAM user whose policy allows part of Secrets Manager, with a condition, so requests it
/// signs go through the authorizer; and a role it may assume.
sandbox::SandboxServerConfig config()
{
    sandbox::SandboxServerConfig config;
    sandbox::SandboxPrincipal app;
    app.arn = u"arn:aws:iam::123456789012:user/app"_s;
    app.credentials = appCredentials();
    app.identityPolicies = { R"({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["secretsmanager:*", "iam:SimulatePrincipalPolicy", "sts:AssumeRole"],
         "Resource": "*"},
        {"Effect": "Deny", "Action": "secretsmanager:DeleteSecret", "Resource": "*",
         "Condition": {"StringNotEquals": {"aws:ResourceTag/team": "paint"}}},
        {"Effect": "Allow", "Action": "kms:*", "Resource": "*",
         "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})"_ba };
    sandbox::SandboxPrincipal reader;
    reader.arn = u"arn:aws:iam::123456789012:role/reader"_s;
    reader.trustedPrincipalArns = { app.arn };
    reader.identityPolicies = { R"({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue",
         "Resource": "arn:aws:secretsmanager:*:*:secret:pixell/*"}]})"_ba };
    config.principals = { app, reader };
    config.kmsKeys = { { u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s,
                         { app.arn } } };
    return config;
}

/// A few secrets to find, list, tag and delete.
void seed(SandboxStore &store)
{
    (void)store.call(u"CreateSecret", { { "Name", "pixell/dev" }, { "SecretString", R"({"user":"app","port":5432})" },
                                        { "Tags", { { { "Key", "team" }, { "Value", "paint" } } } } });
    (void)store.call(u"CreateSecret", { { "Name", "sophon/token" }, { "SecretString", "t0ken" },
                                        { "KmsKeyId", "1234abcd-12ab-34cd-56ef-1234567890ab" } });
    (void)store.call(u"PutSecretValue", { { "SecretId", "pixell/dev" }, { "SecretString", R"({"user":"app","port":5433})" } });
}

} // namespace

int fuzzSandboxRequest(const uint8_t *data, size_t size)
{
    ensureApplication();
    static const QList<Operation> all = operations();
    FuzzInput input(data, size);
    const quint8 first = input.byte();
    const Operation &operation = all.at((first & 0x3f) % all.size());
    const bool signedByUser = first & 0x80;
    const bool commitFails = first & 0x40;

    SandboxStore store;
    seed(store);
    SandboxServer server(config(), &store);
    server.setCommitHook([commitFails](const SandboxStore &) -> aws::Result<void> {
        if (commitFails)
            return std::unexpected(SandboxStore::serviceError(u"InternalServiceError"_s, u"disk full"_s, 500));
        return {};
    });

    aws::HttpRequest request;
    request.method = "POST"_ba;
    request.path = "/"_ba;
    request.headers.emplaceBack("Host"_ba, "127.0.0.1:4566"_ba);
    QString service = u"secretsmanager"_s;
    switch (operation.protocol) {
    case Operation::Protocol::Json:
        request.headers.emplaceBack("Content-Type"_ba, "application/x-amz-json-1.1"_ba);
        request.headers.emplaceBack("X-Amz-Target"_ba, "secretsmanager." + operation.name);
        request.body = input.rest();
        break;
    case Operation::Protocol::Sts:
    case Operation::Protocol::Iam: {
        const bool iam = operation.protocol == Operation::Protocol::Iam;
        service = iam ? u"iam"_s : u"sts"_s;
        request.headers.emplaceBack("Content-Type"_ba, "application/x-www-form-urlencoded; charset=utf-8"_ba);
        request.body = "Action=" + operation.name + (iam ? "&Version=2010-05-08&"_ba : "&Version=2011-06-15&"_ba)
            + input.rest();
        break;
    }
    case Operation::Protocol::IdentityCenter:
        request.path = operation.name;
        request.headers.emplaceBack("Content-Type"_ba, "application/json"_ba);
        request.body = input.rest();
        break;
    }
    if (operation.protocol != Operation::Protocol::IdentityCenter) {
        const aws::SigV4Signer signer(u"us-east-1"_s, service);
        signer.sign(request, signedByUser ? appCredentials() : SandboxServer::demoCredentials(), server.now());
    }

    const SandboxServer::LocalAnswer answer = server.answerInProcess(request);
    COFFER_FUZZ_CHECK(answer.status >= 200 && answer.status < 600);
    // The signature is right, so it is never the reason for a refusal.
    COFFER_FUZZ_CHECK(!answer.body.contains("InvalidSignatureException"));
    if (answer.contentType.startsWith("application/x-amz-json"))
        COFFER_FUZZ_CHECK(nlohmann::json::accept(answer.body.constBegin(), answer.body.constEnd()));
    return 0;
}

} // namespace coffer::fuzz
