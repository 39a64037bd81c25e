#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Signs a batch of requests with botocore's SigV4 signers, for testsigv4botocore.

Reads one JSON document on stdin:
  {"cases": [{"id", "form": "header"|"query", "method", "url", "params": [[k, v], ...],
              "headers": [[name, value], ...], "body_b64", "access_key", "secret_key",
              "token" (or null), "region", "service", "timestamp": "YYYYMMDDTHHMMSSZ",
              "expires", "sign_body"}]}
and writes {"botocore": version, "results": [{"id", "url", "headers", "authorization",
"canonical_request", "string_to_sign"} or {"id", "error"}]} on stdout.

The signing time is frozen by replacing the clock botocore.auth reads: add_auth() takes the time
itself and overwrites request.context["timestamp"]. Written for Debian's python3-botocore
(/usr/bin/python3); works with newer botocore too. Nothing here prints a credential.
"""

import base64
import datetime as _datetime
import hashlib
import json
import sys
import types

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class _FrozenDateTime(_datetime.datetime):
    frozen = None

    @classmethod
    def utcnow(cls):
        return cls.frozen

    @classmethod
    def now(cls, tz=None):
        return cls.frozen if tz is None else cls.frozen.replace(tzinfo=tz)


botocore.auth.datetime = types.SimpleNamespace(
    datetime=_FrozenDateTime, timezone=_datetime.timezone, timedelta=_datetime.timedelta
)
# Newer botocore reads the clock through botocore.utils.get_current_datetime instead.
if hasattr(botocore.auth, "get_current_datetime"):
    botocore.auth.get_current_datetime = lambda *args, **kwargs: _FrozenDateTime.frozen


def _capturing(base):
    class Capturing(base):
        captured_canonical = None
        captured_string_to_sign = None

        def canonical_request(self, request):
            self.captured_canonical = super().canonical_request(request)
            return self.captured_canonical

        def string_to_sign(self, request, canonical_request):
            self.captured_string_to_sign = super().string_to_sign(request, canonical_request)
            return self.captured_string_to_sign

    return Capturing


HeaderSigner = _capturing(botocore.auth.SigV4Auth)
QuerySigner = _capturing(botocore.auth.SigV4QueryAuth)


def sign(case):
    _FrozenDateTime.frozen = _datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    body = base64.b64decode(case["body_b64"])
    request = AWSRequest(method=case["method"], url=case["url"], data=body)
    # HTTPHeaders appends on assignment, so repeated names stay repeated and in order.
    for name, value in case["headers"]:
        request.headers[name] = value
    params = [tuple(pair) for pair in case["params"]]
    if params:
        request.params = dict(params) if case["form"] == "query" else params
    if case.get("sign_body") and case["form"] == "header":
        request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()

    credentials = Credentials(case["access_key"], case["secret_key"], case.get("token"))
    if case["form"] == "query":
        signer = QuerySigner(credentials, case["service"], case["region"], expires=case["expires"])
    else:
        signer = HeaderSigner(credentials, case["service"], case["region"])
    signer.add_auth(request)
    return {
        "id": case["id"],
        "url": request.url,
        "headers": [[name, value] for name, value in request.headers.items()],
        "authorization": request.headers.get("Authorization"),
        "canonical_request": signer.captured_canonical,
        "string_to_sign": signer.captured_string_to_sign,
    }


def main():
    batch = json.load(sys.stdin)
    results = []
    for case in batch["cases"]:
        try:
            results.append(sign(case))
        except Exception as error:  # report the kind only: a message could quote a credential
            results.append({"id": case.get("id"), "error": type(error).__name__})
    json.dump({"botocore": botocore.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
