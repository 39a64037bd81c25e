#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Coffer authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives the sandbox's IAM Identity Center with botocore, for testsandboxssobotocore.

    botocore_sso.py SANDBOX_URL ACCOUNT_ID OTHER_ACCOUNT_ID

botocore's own "sso-oidc" and "sso" clients (unsigned, endpoint_url = the sandbox) register a
client, start a device authorization, hear AuthorizationPendingException and SlowDownException
as the modeled exceptions, approve the device through the verification page's form (urllib, with
the page's own Origin), get and refresh tokens, list accounts and roles (with botocore's
paginators), get role credentials and use them to sign Secrets Manager and STS calls, and log
out. Then botocore's SSO credential provider reads a legacy sso profile with a cached token and
gets the role's keys from the portal. (Debian's botocore predates the AWS_ENDPOINT_URL_<SERVICE>
variables, so the provider's portal client is pointed at the sandbox by wrapping
Session.create_client.)

Every answer's shape is asserted; the script exits non-zero with the failed check on stderr.
It prints {"botocore": version, "checks": [...], "roleArn": ...} on stdout. Written for Debian's
python3-botocore (/usr/bin/python3). Nothing here prints a token, a secret or a key.
"""

import datetime
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import botocore
import botocore.session
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

CHECKS = []


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    CHECKS.append(what)


def error_code(call):
    """The error code botocore parsed from a failing call (never its message: it may echo input)."""
    try:
        call()
    except ClientError as error:
        return error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, 200


def approve(verification_uri_complete, sandbox_url, user):
    """What a browser does with the verification page: GET the form, POST it back."""
    with urllib.request.urlopen(verification_uri_complete, timeout=10) as page:
        html = page.read().decode("utf-8")
    match = re.search(r'name="user_code" value="([^"]*)"', html)
    check(match is not None, "the verification page carries the user code in its form")
    check('<option value="%s" selected>' % user in html, "the first user is selected")
    form = urllib.parse.urlencode({"user_code": match.group(1), "user": user}).encode()
    request = urllib.request.Request(
        sandbox_url + "/start/device",
        data=form,
        method="POST",
        headers={"Origin": sandbox_url, "Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        check(answer.status == 200, "the form's POST approves the device")
        check(answer.headers.get_content_type() == "text/html", "the approval is an HTML page")


def main():
    sandbox_url, account, other_account = sys.argv[1], sys.argv[2], sys.argv[3]
    session = botocore.session.get_session()
    unsigned = Config(signature_version=UNSIGNED, retries={"max_attempts": 1})
    oidc = session.create_client(
        "sso-oidc", region_name="us-east-1", endpoint_url=sandbox_url, config=unsigned
    )
    sso = session.create_client("sso", region_name="us-east-1", endpoint_url=sandbox_url, config=unsigned)

    before = int(time.time())
    client = oidc.register_client(clientName="coffer-interop", clientType="public", scopes=["sso:account:access"])
    check(isinstance(client["clientId"], str) and client["clientId"], "RegisterClient: clientId")
    check(isinstance(client["clientSecret"], str) and client["clientSecret"], "RegisterClient: clientSecret")
    check(before - 5 <= client["clientIdIssuedAt"] <= before + 5, "RegisterClient: clientIdIssuedAt in epoch seconds")
    check(
        client["clientSecretExpiresAt"] - client["clientIdIssuedAt"] == 90 * 24 * 3600,
        "RegisterClient: a registration lasts 90 days",
    )
    credentials = {"clientId": client["clientId"], "clientSecret": client["clientSecret"]}

    device = oidc.start_device_authorization(startUrl=sandbox_url + "/start", **credentials)
    check(re.fullmatch(r"[A-Z]{4}-[A-Z]{4}", device["userCode"]) is not None, "StartDeviceAuthorization: userCode")
    check(device["verificationUri"] == sandbox_url + "/start/device", "StartDeviceAuthorization: verificationUri")
    check(
        device["verificationUriComplete"] == sandbox_url + "/start/device?user_code=" + device["userCode"],
        "StartDeviceAuthorization: verificationUriComplete",
    )
    check(device["expiresIn"] == 600 and device["interval"] == 1, "StartDeviceAuthorization: expiresIn, interval")

    def create_token():
        return oidc.create_token(
            grantType="urn:ietf:params:oauth:grant-type:device_code", deviceCode=device["deviceCode"], **credentials
        )

    try:
        create_token()
        check(False, "CreateToken before approval fails")
    except oidc.exceptions.AuthorizationPendingException as pending:
        check(pending.response["Error"]["Code"] == "AuthorizationPendingException", "CreateToken: pending")
        check(pending.response["ResponseMetadata"]["HTTPStatusCode"] == 400, "CreateToken: pending is HTTP 400")
        check(pending.response.get("error") == "authorization_pending", "CreateToken: error is authorization_pending")
    try:
        create_token()
        check(False, "CreateToken polled at once fails")
    except oidc.exceptions.SlowDownException:
        check(True, "CreateToken: slow_down when polled faster than the interval")

    approve(device["verificationUriComplete"], sandbox_url, "alice")
    # RFC 8628 (and the AWS CLI's poller): after slow_down, every later poll waits 5 s longer.
    time.sleep(device["interval"] + 5 + 0.2)
    token = create_token()
    check(token["tokenType"] == "Bearer", "CreateToken: tokenType")
    check(token["expiresIn"] == 8 * 3600, "CreateToken: expiresIn is 8 hours")
    check(isinstance(token["accessToken"], str) and token["accessToken"], "CreateToken: accessToken")
    check(isinstance(token["refreshToken"], str) and token["refreshToken"], "CreateToken: refreshToken")
    check(
        error_code(create_token) == ("InvalidGrantException", 400),
        "CreateToken: a device code is redeemed once",
    )

    def refresh(refresh_token):
        return oidc.create_token(grantType="refresh_token", refreshToken=refresh_token, **credentials)

    refreshed = refresh(token["refreshToken"])
    check(refreshed["accessToken"] != token["accessToken"], "CreateToken (refresh): a new access token")
    check(refreshed["refreshToken"] != token["refreshToken"], "CreateToken (refresh): a new refresh token")
    check(
        error_code(lambda: refresh(token["refreshToken"])) == ("InvalidGrantException", 400),
        "CreateToken (refresh): the old refresh token is spent",
    )
    wrong = dict(credentials, clientSecret="not-the-secret")
    check(
        error_code(lambda: oidc.create_token(grantType="refresh_token", refreshToken="x", **wrong))
        == ("InvalidClientException", 401),
        "CreateToken: a wrong client secret is InvalidClientException, HTTP 401",
    )
    access_token = refreshed["accessToken"]

    accounts = sso.list_accounts(accessToken=access_token)
    check(
        [a["accountId"] for a in accounts["accountList"]] == sorted([account, other_account]),
        "ListAccounts: the accounts with assignments",
    )
    check(
        all(set(a) == {"accountId", "accountName", "emailAddress"} for a in accounts["accountList"]),
        "ListAccounts: accountId, accountName, emailAddress",
    )
    pages = list(sso.get_paginator("list_accounts").paginate(accessToken=access_token, PaginationConfig={"PageSize": 1}))
    check(len(pages) == 2, "ListAccounts: botocore's paginator walks nextToken, one a page")
    roles = sso.list_account_roles(accessToken=access_token, accountId=account)
    check(
        roles["roleList"] == [{"roleName": "ReadOnly", "accountId": account}],
        "ListAccountRoles: the permission sets in the account",
    )
    paged_roles = [
        role
        for page in sso.get_paginator("list_account_roles").paginate(accessToken=access_token, accountId=other_account)
        for role in page["roleList"]
    ]
    check([r["roleName"] for r in paged_roles] == ["ReadOnly", "Writer"], "ListAccountRoles: paginated")

    before_ms = int(time.time() * 1000)
    role = sso.get_role_credentials(roleName="ReadOnly", accountId=account, accessToken=access_token)
    keys = role["roleCredentials"]
    check(keys["accessKeyId"].startswith("ASIA"), "GetRoleCredentials: temporary key id")
    check(keys["secretAccessKey"] and keys["sessionToken"], "GetRoleCredentials: secret and session token")
    check(
        abs(keys["expiration"] - (before_ms + 3600 * 1000)) < 10000,
        "GetRoleCredentials: expiration in epoch milliseconds, one hour ahead",
    )
    check(
        error_code(lambda: sso.get_role_credentials(roleName="Writer", accountId=account, accessToken=access_token))
        == ("ForbiddenException", 403),
        "GetRoleCredentials: no assignment is ForbiddenException, HTTP 403",
    )
    check(
        error_code(lambda: sso.list_accounts(accessToken="aoa-made-up")) == ("UnauthorizedException", 401),
        "ListAccounts: a made-up token is UnauthorizedException, HTTP 401",
    )

    # The role's keys sign real calls, authorized by the permission set's policies.
    signed = dict(
        region_name="us-east-1",
        endpoint_url=sandbox_url,
        aws_access_key_id=keys["accessKeyId"],
        aws_secret_access_key=keys["secretAccessKey"],
        aws_session_token=keys["sessionToken"],
        config=Config(retries={"max_attempts": 1}),
    )
    secrets = session.create_client("secretsmanager", **signed)
    value = secrets.get_secret_value(SecretId="paintbox/production/jwt/public-keys")
    check(value["Name"] == "paintbox/production/jwt/public-keys", "GetSecretValue with the role's keys")
    check(
        error_code(lambda: secrets.get_secret_value(SecretId="pixell/dev")) == ("AccessDeniedException", 400),
        "GetSecretValue outside the permission set is AccessDeniedException",
    )
    identity = session.create_client("sts", **signed).get_caller_identity()
    check(
        re.fullmatch(
            r"arn:aws:sts::%s:assumed-role/AWSReservedSSO_ReadOnly_[0-9a-f]{16}/alice" % account, identity["Arn"]
        )
        is not None,
        "GetCallerIdentity: AWS's assumed-role ARN for an SSO session",
    )

    # botocore's SSO credential provider: a legacy sso profile and a cached token.
    provider_checks(sandbox_url, account, access_token)

    sso.logout(accessToken=access_token)
    try:
        sso.list_accounts(accessToken=access_token)
        check(False, "ListAccounts after Logout fails")
    except sso.exceptions.UnauthorizedException as unauthorized:
        check(unauthorized.response["ResponseMetadata"]["HTTPStatusCode"] == 401, "Logout: the token stops working")
    check(
        error_code(lambda: refresh(refreshed["refreshToken"])) == ("InvalidGrantException", 400),
        "Logout: the refresh token stops working",
    )

    json.dump({"botocore": botocore.__version__, "checks": CHECKS, "roleArn": identity["Arn"]}, sys.stdout)


def provider_checks(sandbox_url, account, access_token):
    start_url = "https://d-0123456789.awsapps.com/start"
    home = tempfile.mkdtemp(prefix="coffer-sso-")
    config_path = os.path.join(home, "config")
    with open(config_path, "w") as config:
        config.write(
            "[profile sandbox-sso]\n"
            "sso_start_url = %s\nsso_region = us-east-1\nsso_account_id = %s\nsso_role_name = ReadOnly\n"
            "region = us-east-1\n" % (start_url, account)
        )
    cache_dir = os.path.join(os.path.expanduser("~"), ".aws", "sso", "cache")
    os.makedirs(cache_dir, exist_ok=True)
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    cache_file = os.path.join(cache_dir, hashlib.sha1(start_url.encode()).hexdigest() + ".json")
    with open(os.open(cache_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as cache:
        json.dump(
            {
                "startUrl": start_url,
                "region": "us-east-1",
                "accessToken": access_token,
                "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%SZ"),
            },
            cache,
        )
    try:
        os.environ["AWS_CONFIG_FILE"] = config_path
        profile_session = botocore.session.Session(profile="sandbox-sso")
        create_client = profile_session.create_client

        def sandbox_client(service_name, *args, **kwargs):
            if service_name == "sso" and not kwargs.get("endpoint_url"):
                kwargs["endpoint_url"] = sandbox_url
            return create_client(service_name, *args, **kwargs)

        profile_session.create_client = sandbox_client
        resolved = profile_session.get_credentials().get_frozen_credentials()
        check(resolved.access_key.startswith("ASIA") and resolved.token, "SSOProvider: role credentials")
        sts = profile_session.create_client("sts", endpoint_url=sandbox_url)
        arn = sts.get_caller_identity()["Arn"]
        check("/AWSReservedSSO_ReadOnly_" in arn and arn.endswith("/alice"), "SSOProvider: the keys sign as alice")
    finally:
        os.remove(cache_file)
        os.remove(config_path)
        os.rmdir(home)
        del os.environ["AWS_CONFIG_FILE"]


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failed:
        sys.stderr.write("check failed: %s\n(passed before it: %d)\n" % (failed, len(CHECKS)))
        sys.exit(1)
