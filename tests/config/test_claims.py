"""No role and no session tag from a claim that users can set themselves."""

from __future__ import annotations

import base64
import json
from typing import Any

import boto3
import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config.claims import verified_contacts
from cognito_auth.errors import format_path
from problem_support import all_problems as problems

ROLE_CLAIM = "role_mapping_rules[0].claim"
GOLD = {"claim": "custom:tier", "match_type": "Equals", "value": "gold", "role": "group:GOLD"}


def tiered(tier: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "groups": ["GOLD"],
        "user_attributes": {"custom": {"tier": tier or {}}},
        "role_mapping_rules": [GOLD],
        **extra,
    }


def test_a_mutable_attribute_every_client_may_write_is_refused() -> None:
    (found,) = problems(tiered())
    assert (format_path(found.path), found.code) == (ROLE_CLAIM, "role_by_user_claim")
    # the why, with the client that may write the claim, is what a user must read:
    assert found.message == (
        "role_mapping_rules[0] gives group:GOLD by the claim 'custom:tier', which users can "
        "set themselves: users change it themselves with UpdateUserAttributes and their own "
        "access token, because it is mutable and the client 'web' may write it"
    )
    assert found.hint is not None
    assert "write_attributes that leave custom:tier out" in found.hint
    assert "user_attributes.custom.tier.mutable: false" in found.hint


def test_a_client_listing_the_attribute_is_named() -> None:
    data = tiered(
        clients=[
            {"name": "web", "write_attributes": ["email"]},
            {"name": "admin", "write_attributes": ["email", "custom:tier"]},
        ]
    )
    (found,) = problems(data)
    assert (format_path(found.path), found.code) == (ROLE_CLAIM, "role_by_user_claim")
    assert "the client 'admin' may write it" in found.message


def test_ways_out() -> None:
    # out of every user client's write_attributes
    AuthConfig.model_validate(tiered(clients=[{"name": "web", "write_attributes": ["email"]}]))
    # immutable, and no self sign-up: only administrators create users
    AuthConfig.model_validate(tiered({"mutable": False}, self_sign_up=False))
    # immutable, and every user client lists its write_attributes (it cannot list it)
    AuthConfig.model_validate(
        tiered({"mutable": False}, clients=[{"name": "web", "write_attributes": ["email"]}])
    )
    # a machine client writes no attributes, whatever it lists
    AuthConfig.model_validate(
        tiered(
            clients=[
                {"name": "web", "write_attributes": ["email"]},
                {"name": "jobs", "kind": "machine", "scopes": ["api/read"]},
            ],
            login_with={"email": True, "external_providers": {"domain_prefix": "shop-auth"}},
            resource_servers=[
                {
                    "identifier": "api",
                    "name": "API",
                    "scopes": [{"name": "read", "description": "r"}],
                }
            ],
        )
    )


def test_immutable_is_written_at_sign_up_with_default_write_permissions() -> None:
    (found,) = problems(tiered({"mutable": False}))
    assert (format_path(found.path), found.code) == (ROLE_CLAIM, "role_by_user_claim")
    assert "when they sign up through the client 'web'" in found.message


def test_a_rule_to_the_authenticated_role_grants_nothing_more() -> None:
    rule = {**GOLD, "role": "authenticated"}
    assert problems({**tiered(), "role_mapping_rules": [rule]}) == []


def test_principal_tags_from_a_writable_claim_are_refused() -> None:
    data = {
        "user_attributes": {"custom": {"department": {}}},
        "principal_tags": {"department": "custom:department"},
    }
    (found,) = problems(data)
    assert (format_path(found.path), found.code) == (
        "principal_tags.department",
        "tag_from_user_claim",
    )
    assert found.message.startswith(
        "the session tag 'department' comes from the claim 'custom:department', which users "
        "can set themselves: users change it themselves"
    )
    AuthConfig.model_validate({**data, "clients": [{"name": "web", "write_attributes": ["email"]}]})


@pytest.mark.parametrize("match_type", ["StartsWith", "Contains", "NotEqual"])
def test_a_verified_email_names_one_address_only_with_equals(match_type: str) -> None:
    rule = {"claim": "email", "match_type": match_type, "value": "ops@", "role": "group:GOLD"}
    (found,) = problems({"groups": ["GOLD"], "role_mapping_rules": [rule]})
    assert (format_path(found.path), found.code) == (ROLE_CLAIM, "role_by_user_claim")
    assert f"{match_type} is met by one anyone can register" in found.message
    AuthConfig.model_validate(
        {"groups": ["GOLD"], "role_mapping_rules": [{**rule, "match_type": "Equals"}]}
    )
    # a session tag carries the verified address itself
    AuthConfig.model_validate({"principal_tags": {"mail": "email"}})


def test_an_unverified_email_is_writable() -> None:
    rule = {"claim": "email", "match_type": "Equals", "value": "boss@x.com", "role": "group:GOLD"}
    data = {"login_with": {"username": True}, "groups": ["GOLD"], "role_mapping_rules": [rule]}
    (found,) = problems(data)
    assert (format_path(found.path), found.code) == (ROLE_CLAIM, "role_by_user_claim")
    assert "may write it" in found.message


def test_a_chosen_username_is_refused() -> None:
    rule = {
        "claim": "cognito:username",
        "match_type": "StartsWith",
        "value": "admin",
        "role": "group:GOLD",
    }
    data = {"login_with": {"username": True}, "groups": ["GOLD"], "role_mapping_rules": [rule]}
    (found,) = problems(data)
    assert (format_path(found.path), found.code) == (ROLE_CLAIM, "role_by_user_claim")
    assert "choose their own username" in found.message
    AuthConfig.model_validate({**data, "self_sign_up": False})


def test_token_claims_users_cannot_write_pass() -> None:
    for claim in ("cognito:groups", "sub", "email_verified"):
        rule = {"claim": claim, "match_type": "Contains", "value": "x", "role": "group:GOLD"}
        AuthConfig.model_validate({"groups": ["GOLD"], "role_mapping_rules": [rule]})


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"login_with": {"phone": True}, "multifactor": {"mode": "optional", "sms": True}},
        {
            "login_with": {"username": True},
            "multifactor": {"sms": True, "totp": False},
            "user_attributes": {"phone_number": {"required": True}},
        },
        {"login_with": {"username": True}},
        {
            "login_with": {"email": True, "phone": True},
            "multifactor": {"mode": "optional", "sms": True},
        },
    ],
)
def test_verified_contacts_agree_with_the_user_pools_auto_verify(data: dict[str, Any]) -> None:
    from cognito_auth.constructs.user_pool import auto_verified

    try:
        config = AuthConfig.model_validate(data)
    except ConfigError:
        pytest.skip("this combination is refused by another rule in this branch")
    email, phone = auto_verified(config)
    expected = tuple(n for n, on in (("email", email), ("phone_number", phone)) if on)
    assert verified_contacts(config) == expected


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def test_the_attack_through_the_real_api(aws: boto3.Session) -> None:
    """The refused configuration, made in moto's Cognito: a user signs in, sets their own
    custom:tier with UpdateUserAttributes and their access token, and the next ID token
    carries custom:tier = gold, the claim the refused rule would turn into GOLD's role.

    moto enforces neither a client's WriteAttributes nor immutability: both writes below
    succeed there. Real Cognito refuses the second client (NotAuthorizedException, per the
    developer guide's "Attribute permissions and scopes"); the first client, with default
    write permissions, reflects Cognito as documented and moto alike."""
    assert problems(tiered())  # the configuration of this pool is refused
    idp: Any = aws.client("cognito-idp")
    pool = idp.create_user_pool(
        PoolName="shop",
        UsernameAttributes=["email"],
        Schema=[{"Name": "tier", "AttributeDataType": "String", "Mutable": True}],
    )["UserPool"]["Id"]
    flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    default = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="web", ExplicitAuthFlows=flows
    )["UserPoolClient"]["ClientId"]
    narrowed = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="narrow", ExplicitAuthFlows=flows, WriteAttributes=["email"]
    )["UserPoolClient"]["ClientId"]
    password = "Correct-Horse-9-Battery"
    for client in (default, narrowed):
        user = f"{client}@example.com"
        idp.sign_up(ClientId=client, Username=user, Password=password)
        idp.admin_confirm_sign_up(UserPoolId=pool, Username=user)

        def sign_in(client: str = client, user: str = user) -> dict[str, str]:
            return idp.initiate_auth(  # type: ignore[no-any-return]
                ClientId=client,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": user, "PASSWORD": password},
            )["AuthenticationResult"]

        tokens = sign_in()
        assert "custom:tier" not in _claims(tokens["IdToken"])
        idp.update_user_attributes(
            AccessToken=tokens["AccessToken"],
            UserAttributes=[{"Name": "custom:tier", "Value": "gold"}],
        )
        assert _claims(sign_in()["IdToken"])["custom:tier"] == "gold"


def test_the_readmes_examples_validate() -> None:
    import re
    from pathlib import Path

    import yaml

    readme = (Path(__file__).parents[2] / "docs" / "access.md").read_text()
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    chosen = [b for b in blocks if "role_mapping_rules:\n" in b or "principal_tags: {" in b]
    assert len(chosen) == 2
    for block in chosen:
        AuthConfig.model_validate(yaml.safe_load(block))
