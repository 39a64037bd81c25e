#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Generates random JSON Schemas within Coffer's subset (type, required, properties,
# additionalProperties, patternProperties, items, enum, const, pattern, minLength, maxLength,
# minimum, maximum, format uri/uuid, $ref to $defs, boolean schemas) and random instances, from a
# fixed seed, and validates each instance with Debian's python3-jsonschema (code no one here
# wrote). Prints {"validator", "cases": [{"schema": TEXT, "instances": [{"json": TEXT, "valid"}]}]}
# on stdout; testjsonschemadifferential.cpp checks that Coffer's JsonSchema gives the same
# verdicts. Schema and instance are passed as JSON text, the exact text python validated.
#
# Formats: Debian's jsonschema checks uri (python3-rfc3987) and uuid; it does not check
# date-time (no rfc3339-validator in Debian 12) and its email check is only "contains @", so
# those two are not generated. Patterns avoid what Python's re and ECMA-262 read differently
# ($ before a final newline), and strings never end with a newline.
import json
import random
import sys
import warnings

warnings.simplefilter("ignore")

import jsonschema  # noqa: E402

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 20261203
SCHEMAS = int(sys.argv[2]) if len(sys.argv) > 2 else 400
INSTANCES = 10

rng = random.Random(SEED)

if hasattr(jsonschema, "Draft202012Validator"):
    VALIDATOR = jsonschema.Draft202012Validator
else:  # an older python3-jsonschema: draft 7, whose common keywords mean the same
    VALIDATOR = jsonschema.Draft7Validator
FORMAT_CHECKER = getattr(VALIDATOR, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
# Without python3-rfc3987 the checker has no "uri" and calls every string valid: say so, rather
# than disagree with Coffer on every URI.
for needed in ("uri", "uuid"):
    if needed not in FORMAT_CHECKER.checkers:
        sys.exit(f"jsonschema_verdicts.py: python3-jsonschema checks no format '{needed}' here; "
                 "install python3-rfc3987 (packaging/install-deps.sh does)")

KEYS = ["a", "b", "client_id", "DB_HOST", "DB_PORT", "x-y", "kid", "é", "a/b", "t~1"]
PATTERNS = ["^a", "b$", "^[a-z]+$", "\\d", "^.{2,4}$", "x|y", "^DB_", "[A-Z]", "^$", "é",
            "^\\w+$", "^[^/]*$", "a.c", "(ab)+"]
STRINGS = ["", "a", "ab", "abc", "b", "DB_x", "x", "Xy", "a1", "é", "😀", "😀😀a", "a c",
           "abab", "a/b", "123", "hello world", "client", "aXc",
           "https://example.com/a?b=c#d", "mailto:ops@example.com", "urn:a:b", "/relative",
           "http://[2001:db8::1]:8080/x", "http://exa mple.com", "ftp://h/%41%zz",
           "2eb8aa08-aa98-11ea-b4aa-73b441d16380", "2EB8AA08-AA98-11EA-B4AA-73B441D16380",
           "2eb8aa08aa9811eab4aa73b441d16380", "2eb8aa08-aa98-11ea-b4aa-73b441d1638g"]
NUMBERS = [0, 1, -1, 2, 3, 7, 10, 100, -100, 0.5, 1.5, 2.0, -2.5, 1e3, 3.25, 65535, 65536,
           18446744073709551615, 18446744073709551616, -18446744073709551617, 0.1, 1e-7]
FORMATS = ["uri", "uuid"]
TYPES = ["null", "boolean", "object", "array", "number", "string", "integer"]


def ref_to(name):
    # The fragment is URI-encoded and its JSON Pointer escaped, as a team would write it.
    return "#/$defs/" + name.replace("~", "~0").replace("/", "~1").replace(" ", "%20")


def scalar():
    kind = rng.randrange(6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind in (2, 3):
        return rng.choice(NUMBERS)
    return rng.choice(STRINGS)


def value(depth=0):
    if depth >= 3 or rng.random() < 0.45:
        return scalar()
    if rng.random() < 0.55:
        return {key: value(depth + 1) for key in rng.sample(KEYS, rng.randrange(4))}
    return [value(depth + 1) for _ in range(rng.randrange(4))]


def schema(depth, defs):
    if rng.random() < 0.08:
        return rng.choice([True, False])
    result = {}
    budget = rng.randrange(1, 4) if depth < 3 else 1
    for _ in range(budget):
        keyword = rng.choice(["type", "type", "required", "properties", "properties",
                              "additionalProperties", "patternProperties", "items", "enum",
                              "const", "pattern", "minLength", "maxLength", "minimum",
                              "maximum", "format", "$ref"])
        if keyword in result:
            continue
        if depth < 3:
            def sub():
                return schema(depth + 1, defs)
        else:
            def sub():
                return rng.choice([True, {"type": rng.choice(TYPES)}])
        if keyword == "type":
            result["type"] = (rng.choice(TYPES) if rng.random() < 0.6
                              else rng.sample(TYPES, rng.randrange(1, 4)))
        elif keyword == "required":
            result["required"] = rng.sample(KEYS, rng.randrange(0, 3))
        elif keyword == "properties":
            result["properties"] = {key: sub() for key in rng.sample(KEYS, rng.randrange(1, 4))}
        elif keyword == "additionalProperties":
            result["additionalProperties"] = rng.choice([False, True]) if rng.random() < 0.5 else sub()
        elif keyword == "patternProperties":
            result["patternProperties"] = {p: sub() for p in rng.sample(PATTERNS, rng.randrange(1, 3))}
        elif keyword == "items":
            result["items"] = sub()
        elif keyword == "enum":
            result["enum"] = [value(2) for _ in range(rng.randrange(1, 4))]
        elif keyword == "const":
            result["const"] = value(2)
        elif keyword == "pattern":
            result["pattern"] = rng.choice(PATTERNS)
        elif keyword in ("minLength", "maxLength"):
            result[keyword] = rng.choice([0, 1, 2, 3, 5, 2.0])
        elif keyword in ("minimum", "maximum"):
            result[keyword] = rng.choice(NUMBERS)
        elif keyword == "format":
            result["format"] = rng.choice(FORMATS)
        elif keyword == "$ref" and defs:
            result["$ref"] = ref_to(rng.choice(sorted(defs)))
    return result


def instance_for(document):
    # Half the time, an instance shaped after the schema (its members and types), so that both
    # verdicts are common.
    if rng.random() < 0.5 or not isinstance(document, dict):
        return value()
    properties = document.get("properties", {})
    if document.get("type") == "array" or "items" in document:
        return [value(2) for _ in range(rng.randrange(3))]
    result = {}
    for key in list(properties) + document.get("required", []):
        if rng.random() < 0.8:
            result[key] = value(2)
    return result


def main():
    cases = []
    for _ in range(SCHEMAS):
        defs = {}
        for name in rng.sample(["port", "token", "node", "a b", "t~x"], rng.randrange(0, 3)):
            defs[name] = schema(2, {})
        document = schema(0, defs)
        if defs and isinstance(document, dict):
            document["$defs"] = defs
            for name in defs:
                if rng.random() < 0.3:
                    document.setdefault("properties", {})["ref_" + name[0]] = {"$ref": ref_to(name)}
        schema_text = json.dumps(document, ensure_ascii=rng.random() < 0.5)
        parsed_schema = json.loads(schema_text)
        VALIDATOR.check_schema(parsed_schema)
        validator = VALIDATOR(parsed_schema, format_checker=FORMAT_CHECKER)
        instances = []
        for _ in range(INSTANCES):
            text = json.dumps(instance_for(document), ensure_ascii=rng.random() < 0.5)
            instances.append({"json": text, "valid": validator.is_valid(json.loads(text))})
        cases.append({"schema": schema_text, "instances": instances})
    json.dump({"validator": VALIDATOR.__name__, "seed": SEED, "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
