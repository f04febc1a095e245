"""The managed user-migration function, called as Cognito calls it, against moto's Cognito
API (the old pool) on 127.0.0.1.

Events follow the "Migrate user Lambda trigger" page of the Cognito developer guide (the
common parameters, then ``request.password`` for sign-in only). moto reflects Cognito's
API for these calls with one known difference, noted where it matters: moto ignores a
client's allowed flows and never checks a SECRET_HASH.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from aws_support import REGION
from cognito_auth.functions import user_migration
from cognito_auth.functions.user_migration import MigrationRefused, handler

PASSWORD = "Correct-horse-9!"
NEW_POOL = "us-east-1_NewPool1"
SECRETS = (PASSWORD, "wrong-Password-1", "+15550001111", "alice@example.com", "acme", "old-id")


class OldPool:
    def __init__(self, session: boto3.Session) -> None:
        self.cognito = session.client("cognito-idp")
        self.pool_id = self.cognito.create_user_pool(
            PoolName="old",
            Schema=[
                {"Name": "tenant", "AttributeDataType": "String", "Mutable": True},
                {"Name": "legacy_id", "AttributeDataType": "String", "Mutable": True},
            ],
        )["UserPool"]["Id"]
        self.client_id = self.cognito.create_user_pool_client(
            UserPoolId=self.pool_id,
            ClientName="migration",
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )["UserPoolClient"]["ClientId"]

    def user(
        self,
        username: str,
        attributes: dict[str, str],
        *,
        permanent: bool = True,
        enabled: bool = True,
    ) -> None:
        self.cognito.admin_create_user(
            UserPoolId=self.pool_id,
            Username=username,
            TemporaryPassword=PASSWORD,
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
        )
        if permanent:
            self.cognito.admin_set_user_password(
                UserPoolId=self.pool_id, Username=username, Password=PASSWORD, Permanent=True
            )
        if not enabled:
            self.cognito.admin_disable_user(UserPoolId=self.pool_id, Username=username)


ALICE = {
    "email": "alice@example.com",
    "email_verified": "true",
    "phone_number": "+15550001111",
    "phone_number_verified": "false",
    "given_name": "Alice",
    "custom:tenant": "acme",
    "custom:legacy_id": "old-id",
}


@pytest.fixture
def old(aws: boto3.Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[OldPool]:
    pool = OldPool(aws)
    monkeypatch.setenv("SOURCE_USER_POOL_ID", pool.pool_id)
    monkeypatch.setenv("SOURCE_CLIENT_ID", pool.client_id)
    monkeypatch.setenv("SOURCE_REGION", REGION)
    monkeypatch.setenv("TARGET_CUSTOM_ATTRIBUTES", "custom:tenant")
    monkeypatch.setenv("TARGET_REQUIRED_ATTRIBUTES", "email")
    user_migration._client.cache_clear()
    pool.user("alice", ALICE)
    yield pool
    user_migration._client.cache_clear()


def sign_in(username: str, password: str = PASSWORD) -> dict[str, Any]:
    """The UserMigration_Authentication event Cognito sends (developer guide)."""
    return {
        "version": "1",
        "triggerSource": "UserMigration_Authentication",
        "region": REGION,
        "userPoolId": NEW_POOL,
        "userName": username,
        "callerContext": {
            "awsSdkVersion": "aws-sdk-unknown-unknown",
            "clientId": "newclientid0000000000000000",
        },
        "request": {"password": password, "validationData": None, "clientMetadata": None},
        "response": {
            "userAttributes": None,
            "finalUserStatus": None,
            "messageAction": None,
            "desiredDeliveryMediums": None,
            "forceAliasCreation": None,
            "enableSMSMFA": None,
        },
    }


def forgot(username: str) -> dict[str, Any]:
    """The UserMigration_ForgotPassword event: no password."""
    event = sign_in(username)
    event["triggerSource"] = "UserMigration_ForgotPassword"
    event["request"] = {"validationData": None, "clientMetadata": None}
    return event


def refused(event: dict[str, Any], caplog: pytest.LogCaptureFixture) -> str:
    with (
        caplog.at_level(logging.DEBUG, logger="cognito_auth.user_migration"),
        pytest.raises(MigrationRefused) as caught,
    ):
        handler(event, None)
    assert str(caught.value) == "User not migrated."
    return caplog.text


def no_secrets_in(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text


def test_sign_in_with_the_right_password_migrates_the_user(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        answer = handler(sign_in("alice"), None)
    response = answer["response"]
    assert response["finalUserStatus"] == "CONFIRMED"
    assert response["messageAction"] == "SUPPRESS"
    assert response["userAttributes"] == {
        "email": "alice@example.com",
        "email_verified": "true",
        "phone_number": "+15550001111",
        "phone_number_verified": "false",
        "given_name": "Alice",
        "custom:tenant": "acme",
    }  # never sub (moto gives every user one), never an attribute the new pool lacks
    assert answer["userName"] == "alice"
    assert answer["triggerSource"] == "UserMigration_Authentication"
    assert "migrated (UserMigration_Authentication): found by username, CONFIRMED" in caplog.text
    no_secrets_in(caplog.text)


def test_a_wrong_password_unknown_or_disabled_user_is_refused_alike(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    old.user("bob", {"email": "bob@example.com", "email_verified": "true"}, enabled=False)
    text = refused(sign_in("alice", "wrong-Password-1"), caplog)
    assert "wrong password, or the user is disabled (NotAuthorizedException)" in text
    caplog.clear()
    assert "no such user in the old pool" in refused(sign_in("nobody"), caplog)
    caplog.clear()
    assert "the user is disabled in the old pool" in refused(sign_in("bob"), caplog)
    no_secrets_in(caplog.text)


def test_a_pending_new_password_moves_the_user_with_a_reset(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    """Admin-created users with a temporary password: moto answers NEW_PASSWORD_REQUIRED
    as Cognito does. The temporary password is proven, but never becomes permanent."""
    old.user("carol", {"email": "carol@example.com", "email_verified": "true"}, permanent=False)
    with caplog.at_level(logging.INFO):
        response = handler(sign_in("carol"), None)["response"]
    assert response["finalUserStatus"] == "RESET_REQUIRED"
    assert response["messageAction"] == "SUPPRESS"
    assert "asks for NEW_PASSWORD_REQUIRED" in caplog.text


def test_a_pending_second_factor_moves_the_user_with_a_reset(old: OldPool) -> None:
    old.user("dave", {"email": "dave@example.com", "email_verified": "true"})
    old.cognito.admin_set_user_mfa_preference(
        UserPoolId=old.pool_id,
        Username="dave",
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    response = handler(sign_in("dave"), None)["response"]
    assert response["finalUserStatus"] == "RESET_REQUIRED"


def test_a_reset_needs_a_verified_address(old: OldPool, caplog: pytest.LogCaptureFixture) -> None:
    old.user("erin", {"email": "erin@example.com", "email_verified": "false"}, permanent=False)
    assert "no verified email or phone number" in refused(sign_in("erin"), caplog)


def test_forgot_password_migrates_without_a_password(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    response = handler(forgot("alice"), None)["response"]
    assert response["messageAction"] == "SUPPRESS"
    assert "finalUserStatus" not in response or response["finalUserStatus"] is None
    assert response["userAttributes"]["email"] == "alice@example.com"
    assert "sub" not in response["userAttributes"]
    old.user("bob", {"email": "bob@example.com", "email_verified": "true"}, enabled=False)
    assert "disabled" in refused(forgot("bob"), caplog)
    assert "no such user" in refused(forgot("nobody"), caplog)
    old.user("frank", {"email": "frank@example.com", "email_verified": "false"})
    assert "no verified email or phone number" in refused(forgot("frank"), caplog)


def test_an_email_sign_in_finds_the_username_user(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    """The new pool signs in with email, the old one with usernames."""
    with caplog.at_level(logging.INFO):
        response = handler(sign_in("alice@example.com"), None)["response"]
    assert response["finalUserStatus"] == "CONFIRMED"
    assert response["userAttributes"]["email"] == "alice@example.com"
    assert "found by email" in caplog.text
    assert handler(forgot("alice@example.com"), None)["response"]["messageAction"] == "SUPPRESS"
    no_secrets_in(caplog.text)


def test_a_phone_sign_in_needs_a_verified_phone(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    assert "matches but is not verified" in refused(sign_in("+15550001111"), caplog)
    old.user("gina", {"email": "gina@example.com", "phone_number": "+15550002222"})
    old.cognito.admin_update_user_attributes(
        UserPoolId=old.pool_id,
        Username="gina",
        UserAttributes=[{"Name": "phone_number_verified", "Value": "true"}],
    )
    response = handler(sign_in("+15550002222"), None)["response"]
    assert response["userAttributes"]["phone_number"] == "+15550002222"


def test_several_users_with_the_email_are_refused(
    old: OldPool, caplog: pytest.LogCaptureFixture
) -> None:
    old.user("alice2", {"email": "alice@example.com", "email_verified": "true"})
    text = refused(sign_in("alice@example.com"), caplog)
    assert "several users of the old pool have this email" in text
    no_secrets_in(text)


def test_a_required_attribute_missing_is_refused_by_name(
    old: OldPool, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGET_REQUIRED_ATTRIBUTES", "email,family_name")
    text = refused(sign_in("alice"), caplog)
    assert "the new pool requires family_name, and the old user has none" in text
    no_secrets_in(text)


def test_attributes_the_new_pool_lacks_are_left_out(
    old: OldPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGET_CUSTOM_ATTRIBUTES", "")
    attributes = handler(sign_in("alice"), None)["response"]["userAttributes"]
    assert not [name for name in attributes if name.startswith("custom:")]


def test_a_misconfigured_function_refuses(
    old: OldPool, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_USER_POOL_ID", NEW_POOL)
    assert "SOURCE_USER_POOL_ID is this pool itself" in refused(sign_in("alice"), caplog)
    monkeypatch.delenv("SOURCE_CLIENT_ID")
    assert "SOURCE_CLIENT_ID" in refused(sign_in("alice"), caplog)
    monkeypatch.setenv("SOURCE_CLIENT_ID", "0" * 26)
    monkeypatch.setenv("SOURCE_USER_POOL_ID", old.pool_id)
    assert "misconfigured (ResourceNotFoundException)" in refused(sign_in("alice"), caplog)
    event = sign_in("alice")
    event["triggerSource"] = "PreSignUp_SignUp"
    assert "not a user migration event" in refused(event, caplog)


def test_never_a_password_token_or_value_in_any_log(
    old: OldPool, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every logger at INFO, the level the deployed function's log configuration lets
    through (``ApplicationLogLevel: INFO``; botocore writes request bodies only at DEBUG),
    and the function's own logger at DEBUG, through a run of most outcomes: its lines name
    outcomes and attribute names only."""
    caplog.set_level(logging.DEBUG, logger="cognito_auth.user_migration")
    with caplog.at_level(logging.INFO):
        handler(sign_in("alice"), None)
        handler(sign_in("alice@example.com"), None)
        handler(forgot("alice"), None)
        for event in (sign_in("alice", "wrong-Password-1"), sign_in("+15550001111")):
            with pytest.raises(MigrationRefused):
                handler(event, None)
    captured = capsys.readouterr()
    no_secrets_in(caplog.text + captured.out + captured.err)
    own = [r for r in caplog.records if r.name == "cognito_auth.user_migration"]
    assert len(own) == 6
    for record in own:
        no_secrets_in(record.getMessage())


def test_the_functions_attribute_list_is_the_packages() -> None:
    """The function keeps its own copy (it ships without the package): the standard
    attributes of ``config.attributes`` and the two verified flags, no more, no less."""
    from cognito_auth.config.attributes import STANDARD_ATTRIBUTES
    from cognito_auth.config.providers import VERIFIED_FLAGS

    assert {*STANDARD_ATTRIBUTES, *VERIFIED_FLAGS} == user_migration.STANDARD_ATTRIBUTES
