// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace coffer::policy {

/**
 * Writes a policy document (JSON, as PolicyGenerator makes it, or any valid policy) in the
 * formats people paste into their infrastructure code:
 *
 * - JSON, pretty-printed with two spaces;
 * - Terraform: a `data "aws_iam_policy_document"` block (statement / principals / condition
 *   blocks, `not_actions`, `not_resources`), strings escaped for HCL (`${` becomes `$${`);
 * - CloudFormation YAML: an `AWS::IAM::ManagedPolicy` with the document as PolicyDocument, or
 *   for a resource policy an `AWS::SecretsManager::ResourcePolicy` with it as ResourcePolicy.
 */
class PolicyFormatter final
{
public:
    using Json = nlohmann::ordered_json;

    enum class Format { Json, Terraform, CloudFormation };

    PolicyFormatter() = delete;

    /// "json", "terraform", "cloudformation" (also "tf", "cfn"); nullopt otherwise.
    [[nodiscard]] static std::optional<Format> formatFromName(const QString &name);

    [[nodiscard]] static QString toJson(const Json &policy);
    /// `dataName`: the data source's name ("coffer_secrets_read").
    [[nodiscard]] static QString toTerraform(const Json &policy, const QString &dataName);
    /// `logicalId`: the resource's logical id ("CofferSecretsPolicy"). A policy with a
    /// Principal is written as a secret's resource policy for `secretId` (a name or ARN; empty:
    /// a placeholder to fill in), otherwise as a managed policy.
    [[nodiscard]] static QString toCloudFormation(const Json &policy, const QString &logicalId,
                                                  const QString &secretId = {});
};

} // namespace coffer::policy
