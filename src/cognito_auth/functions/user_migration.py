"""Cognito user-migration trigger: moves a user from an old user pool into this one at
their first sign-in (UserMigration_Authentication) or password reset
(UserMigration_ForgotPassword).

Deployed by ``migrate_users_from`` as inline code: this file runs in AWS Lambda as it is,
with the standard library and the runtime's boto3 only. Configured by environment:

- SOURCE_USER_POOL_ID, SOURCE_CLIENT_ID, SOURCE_REGION: the old pool, and its client
  (no secret, ADMIN_USER_PASSWORD_AUTH allowed);
- TARGET_CUSTOM_ATTRIBUTES: the new pool's custom attributes (``custom:a,custom:b``);
  every pool has all standard attributes, so other attributes are left out;
- TARGET_REQUIRED_ATTRIBUTES: the new pool's required attributes (``email,name``).

A user moves only after proving the password to the old pool (sign-in), or when the new
pool's password reset will prove them (forgot password). Every refusal raises the same
error, so the answer never tells whether a user exists. The log names the outcome, the
trigger and attribute names, never a username, password, token or attribute value.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NoReturn

import boto3
from botocore.exceptions import ClientError

if TYPE_CHECKING:
    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient

LOG = logging.getLogger("cognito_auth.user_migration")

# A copy of cognito_auth.config.attributes.STANDARD_ATTRIBUTES plus the verified flags: the
# function ships alone, without the package (a test keeps the two lists equal).
STANDARD_ATTRIBUTES = frozenset(
    {
        "address",
        "birthdate",
        "email",
        "email_verified",
        "family_name",
        "gender",
        "given_name",
        "locale",
        "middle_name",
        "name",
        "nickname",
        "phone_number",
        "phone_number_verified",
        "picture",
        "preferred_username",
        "profile",
        "updated_at",
        "website",
        "zoneinfo",
    }
)
"""The standard attributes a migrated user may take (never ``sub`` or ``identities``)."""
CHALLENGES_NEEDING_RESET = frozenset(
    {"NEW_PASSWORD_REQUIRED", "SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"}
    | {"SELECT_MFA_TYPE", "MFA_SETUP"}
)
"""Challenges after a correct password: the user moves, and must reset the password."""
_EMAIL = re.compile(r'^[^\s"\\@]+@[^\s"\\@]+$')
_PHONE = re.compile(r"^\+[0-9]{4,15}$")


class MigrationRefused(Exception):
    """The user is not migrated. One message for every reason (logged apart)."""

    def __init__(self) -> None:
        super().__init__("User not migrated.")


@dataclass(frozen=True)
class Settings:
    pool_id: str
    client_id: str
    region: str
    custom: frozenset[str]
    required: tuple[str, ...]


@dataclass(frozen=True)
class OldUser:
    username: str
    attributes: dict[str, str]
    enabled: bool
    found_by: str


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """The Lambda entry point: answers ``event["response"]`` or raises MigrationRefused."""
    source = str(event.get("triggerSource", ""))
    settings = _settings()
    if event.get("userPoolId") == settings.pool_id:
        _refuse(source, "SOURCE_USER_POOL_ID is this pool itself", level=logging.ERROR)
    old = _find(_client(settings.region), settings.pool_id, str(event.get("userName", "")))
    if old is None:
        _refuse(source, "no such user in the old pool")
    if not old.enabled:
        _refuse(source, "the user is disabled in the old pool")
    attributes = _attributes(old.attributes, settings, source)
    response: dict[str, Any] = {"userAttributes": attributes, "messageAction": "SUPPRESS"}
    if source == "UserMigration_Authentication":
        password = (event.get("request") or {}).get("password")
        if not password:
            _refuse(source, "no password in the request")
        status = _authenticate(settings, old.username, str(password), source)
        if status == "RESET_REQUIRED" and not _reachable(attributes):
            _refuse(source, "a reset is needed, and no verified email or phone number")
        response["finalUserStatus"] = status
    elif source == "UserMigration_ForgotPassword":
        if not _reachable(attributes):
            _refuse(source, "no verified email or phone number to send the code to")
    else:
        _refuse(source, "not a user migration event", level=logging.ERROR)
    LOG.info(
        "migrated (%s): found by %s, %s, attributes %s",
        source,
        old.found_by,
        response.get("finalUserStatus", "password reset pending"),
        ",".join(sorted(attributes)),
    )
    return {**event, "response": {**(event.get("response") or {}), **response}}


def _refuse(source: str, why: str, *, level: int = logging.WARNING) -> NoReturn:
    LOG.log(level, "not migrated (%s): %s", source, why)
    raise MigrationRefused()


def _settings() -> Settings:
    def names(key: str) -> list[str]:
        return [n for n in os.environ.get(key, "").split(",") if n]

    try:
        return Settings(
            pool_id=os.environ["SOURCE_USER_POOL_ID"],
            client_id=os.environ["SOURCE_CLIENT_ID"],
            region=os.environ["SOURCE_REGION"],
            custom=frozenset(names("TARGET_CUSTOM_ATTRIBUTES")),
            required=tuple(names("TARGET_REQUIRED_ATTRIBUTES")),
        )
    except KeyError as missing:
        LOG.error("not configured: the environment variable %s is not set", missing)
        raise MigrationRefused() from None


@lru_cache(maxsize=4)
def _client(region: str) -> CognitoIdentityProviderClient:
    return boto3.client("cognito-idp", region_name=region)


def _find(client: CognitoIdentityProviderClient, pool_id: str, name: str) -> OldUser | None:
    """The old user by username (or alias); else by verified email or phone number."""
    if not name:
        return None
    try:
        got = client.admin_get_user(UserPoolId=pool_id, Username=name)
        attributes = {a["Name"]: a.get("Value", "") for a in got.get("UserAttributes", [])}
        return OldUser(got["Username"], attributes, got.get("Enabled", True), "username")
    except ClientError as error:
        if _code(error) != "UserNotFoundException":
            raise
    attribute = "email" if _EMAIL.match(name) else "phone_number" if _PHONE.match(name) else ""
    if not attribute:
        return None
    found: list[Any] = []
    request: dict[str, Any] = {"UserPoolId": pool_id, "Filter": f'{attribute} = "{name}"'}
    while len(found) < 2:
        page = client.list_users(**request, Limit=2)
        found.extend(page.get("Users", []))
        if not page.get("PaginationToken"):
            break
        request["PaginationToken"] = page["PaginationToken"]
    if len(found) > 1:
        LOG.warning("several users of the old pool have this %s", attribute)
        return None
    if not found:
        return None
    user = found[0]
    attributes = {a["Name"]: a.get("Value", "") for a in user.get("Attributes", [])}
    if attributes.get(f"{attribute}_verified") != "true":
        LOG.warning("the old user's %s matches but is not verified", attribute)
        return None
    return OldUser(user["Username"], attributes, user.get("Enabled", True), attribute)


def _attributes(old: dict[str, str], settings: Settings, source: str) -> dict[str, str]:
    """The old user's attributes that the new pool has; every required one must be there."""
    kept = {
        name: value
        for name, value in old.items()
        if name in STANDARD_ATTRIBUTES or name in settings.custom
    }
    for name in settings.required:
        if not kept.get(name):
            _refuse(source, f"the new pool requires {name}, and the old user has none")
    return kept


def _reachable(attributes: dict[str, str]) -> bool:
    return any(
        attributes.get(flag) == "true" and attributes.get(name)
        for name, flag in (("email", "email_verified"), ("phone_number", "phone_number_verified"))
    )


def _authenticate(settings: Settings, username: str, password: str, source: str) -> str:
    """CONFIRMED after a correct password; RESET_REQUIRED when the old pool then asks for
    a new password or a second factor (which cannot move: the new pool's reset proves
    the user instead). Anything else refuses."""
    try:
        answer = _client(settings.region).admin_initiate_auth(
            UserPoolId=settings.pool_id,
            ClientId=settings.client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
    except ClientError as error:
        code = _code(error)
        text = str(error.response.get("Error", {}).get("Message", "")).lower()
        if "secret" in text:
            _refuse(
                source,
                "the old pool's client has a secret: use a client without one",
                level=logging.ERROR,
            )
        if code in ("InvalidParameterException", "ResourceNotFoundException"):
            _refuse(
                source,
                f"the old pool or client is misconfigured ({code}): the client must "
                "allow ADMIN_USER_PASSWORD_AUTH",
                level=logging.ERROR,
            )
        reasons = {
            "NotAuthorizedException": "wrong password, or the user is disabled",
            "UserNotConfirmedException": "the user is not confirmed in the old pool",
            "PasswordResetRequiredException": "the old pool requires a password reset",
            "UserNotFoundException": "no such user in the old pool",
        }
        _refuse(source, f"{reasons.get(code, 'the old pool refused the sign-in')} ({code})")
    if "AuthenticationResult" in answer:
        return "CONFIRMED"
    challenge = answer.get("ChallengeName", "")
    if challenge in CHALLENGES_NEEDING_RESET:
        LOG.info("the old pool asks for %s: the user must reset the password", challenge)
        return "RESET_REQUIRED"
    _refuse(source, f"the old pool asks for {challenge or 'an unknown step'}")


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
