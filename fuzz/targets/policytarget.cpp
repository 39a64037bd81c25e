// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzz/fuzzinput.h"
#include "fuzz/fuzztargets.h"

#include "models/policy/evaluationrequest.h"
#include "models/policy/policydocument.h"
#include "models/policy/policyevaluator.h"
#include "models/policy/policyformatter.h"
#include "models/policy/policyjsonlocator.h"
#include "models/policy/policylinter.h"

using namespace Qt::StringLiterals;

namespace coffer::fuzz {

int fuzzPolicy(const uint8_t *data, size_t size)
{
    const QByteArray text = inputBytes(data, size);
    const QList<policy::PolicyFinding> findings = policy::PolicyLinter::lint(
            text, { .kmsKeyArns = { u"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"_s } });
    (void)policy::PolicyLinter::hasErrors(findings);

    const policy::PolicyJsonLocator locator(text);
    for (const QString &pointer : { u"/Statement/0/Effect"_s, u"/Statement/1/Condition"_s, u"/Version"_s })
        (void)locator.position(pointer);
    (void)policy::PolicyJsonLocator::positionOfOffset(text, text.size() / 2);

    const auto document = policy::PolicyDocument::parse(text, u"fuzz.json"_s);
    if (!document)
        return 0;
    const policy::PolicyEvaluator evaluator({ *document }, *document);
    policy::EvaluationRequest request;
    request.principal = u"arn:aws:iam::123456789012:user/app"_s;
    request.action = u"secretsmanager:GetSecretValue"_s;
    request.resource = u"arn:aws:secretsmanager:us-east-1:123456789012:secret:pixell/dev-AbCdEf"_s;
    request.setContext(u"aws:SecureTransport"_s, u"true"_s);
    request.setContext(u"aws:username"_s, u"app"_s);
    request.setContext(u"aws:ResourceTag/team"_s, u"paint"_s);
    (void)evaluator.evaluate(request);
    (void)evaluator.matrix({ u"secretsmanager:ListSecrets"_s, u"kms:Decrypt"_s }, { u"*"_s }, request);

    // A valid policy can be exported in every format (the generator's output goes the same way).
    const auto json = policy::PolicyDocument::Json::parse(text.constBegin(), text.constEnd(), nullptr, false);
    COFFER_FUZZ_CHECK(!json.is_discarded());
    (void)policy::PolicyFormatter::toJson(json);
    (void)policy::PolicyFormatter::toTerraform(json, u"coffer_fuzz"_s);
    (void)policy::PolicyFormatter::toCloudFormation(json, u"CofferFuzz"_s, u"pixell/dev"_s);
    return 0;
}

} // namespace coffer::fuzz
