// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace coffer::fuzz {

/*
 * The bodies of the libFuzzer targets in fuzz/fuzz_<name>.cpp. Each takes one input, returns 0
 * (libFuzzer's convention) and traps when an invariant of the code under test breaks, so a
 * crash, a sanitizer report or a trap are the only failures. They live in coffer_fuzztargets so
 * the unit test testfuzzregressions replays the corpora and the regression inputs with the
 * regular build, no libFuzzer needed.
 */

/// A signed request to the sandbox, handled in process: the first byte picks the operation
/// (and, with its top bit, whether an IAM user rather than the root signs), the rest is the body.
int fuzzSandboxRequest(const uint8_t *data, size_t size);
/// PolicyDocument::parse, PolicyLinter::lint and PolicyJsonLocator over the input.
int fuzzPolicy(const uint8_t *data, size_t size);
/// A request built from the input, signed with SigV4Signer and verified: must always pass.
int fuzzSigV4(const uint8_t *data, size_t size);
/// JsonDocument::parse: an unchanged tree writes back its input byte for byte.
int fuzzJsonDocument(const uint8_t *data, size_t size);
/// AwsConfigFile::parse as a config file and as a credentials file.
int fuzzAwsConfig(const uint8_t *data, size_t size);
/// XmlNode::parse and QueryProtocol's result and error parsers.
int fuzzQueryXml(const uint8_t *data, size_t size);
/// Every SecretsManagerCodec::decode*() over the input.
int fuzzSecretsManagerCodec(const uint8_t *data, size_t size);
/// ProcessCredentialsProvider::parseOutput and splitCommandLine.
int fuzzProcessCredentials(const uint8_t *data, size_t size);
/// The input as a data folder's sandbox.json, loaded by SandboxDataFolder.
int fuzzSandboxDataFolder(const uint8_t *data, size_t size);

/// A target by name: fuzz/corpus/<name>/ is its seed corpus and tests/data/fuzz/<name>/ holds the
/// inputs that once crashed it.
struct FuzzTarget
{
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
};

/// Every target above, in that order.
[[nodiscard]] std::span<const FuzzTarget> fuzzTargets();

/// Makes sure a QCoreApplication exists (libFuzzer's main has none; the unit test has its own).
void ensureApplication();

} // namespace coffer::fuzz
