"""Every problem has a stable code: a wide set of invalid configurations, each refused with
the expected code at the expected path, and no problem anywhere with an empty code.

The single-field problems carry pydantic's error type (``literal_error``, ``missing``...);
the checks and rules of the models their own (see docs/configuration.md, "Errors")."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings

from cognito_auth import AuthConfig, ConfigError, ConfigFileError, load_config
from hardening.strategies import broken_configs
from problem_support import assert_problem, refused
from samples import HOSTED
from support import scaled

LOGIN: dict[str, Any] = {"login_with": {"email": True}}
DOMAIN: dict[str, Any] = {
    "login_with": {
        "email": True,
        "external_providers": HOSTED,
    }
}
GOOGLE = {"client_id": "1234.apps.googleusercontent.com", "client_secret": {"secrets_manager": "g"}}
SES = {"senders": {"email": {"from_email": "no-reply@example.com"}}}
BUCKET = "arn:aws:s3:::shop-files"


def with_login(**extra: Any) -> dict[str, Any]:
    return {**LOGIN, **extra}


def rule(**fields: Any) -> dict[str, Any]:
    base = {"principals": ["authenticated"], "actions": ["s3:GetObject"]}
    base["resources"] = [f"{BUCKET}/*"]
    return with_login(access=[{**base, **fields}])


def providers(**fields: Any) -> dict[str, Any]:
    return {"login_with": {"email": True, "external_providers": fields}}


def client(**fields: Any) -> dict[str, Any]:
    return {**DOMAIN, "clients": [{"name": "web", **fields}]}


MACHINE = {"name": "jobs", "kind": "machine", "scopes": ["https://api.example.com/read"]}
API = {"identifier": "https://api.example.com", "scopes": [{"name": "read"}]}


def machine(**fields: Any) -> dict[str, Any]:
    return {**DOMAIN, "resource_servers": [API], "clients": [{**MACHINE, **fields}]}


# (configuration, rendered path, code): each a different check of the models.
CASES: dict[str, tuple[dict[str, Any], str, str]] = {
    # single fields: pydantic's error types
    "unknown key": ({"login_with": {"emial": True}}, "login_with.emial", "extra_forbidden"),
    "not an allowed value": (
        with_login(multifactor={"mode": "requird"}),
        "multifactor.mode",
        "literal_error",
    ),
    "too small": (
        with_login(password_policy={"min_length": 3}),
        "password_policy.min_length",
        "greater_than_equal",
    ),
    "not a mapping": ([], "(configuration)", "not_a_mapping"),  # type: ignore[dict-item]
    # a field's own checks
    "http callback url": (
        providers(domain_prefix="shop-auth", callback_urls=["http://shop.example.com/"]),
        "login_with.external_providers.callback_urls[0]",
        "insecure_scheme",
    ),
    "provider name": (
        providers(
            domain_prefix="shop-auth",
            callback_urls=["https://shop.example.com/"],
            logout_urls=["https://shop.example.com/"],
            oidc=[
                {
                    "name": "My Okta",
                    "client_id": "x",
                    "client_secret": {"secrets_manager": "okta"},
                    "issuer_url": "https://okta.example.com",
                }
            ],
        ),
        "login_with.external_providers.oidc[0].name",
        "invalid_characters",
    ),
    "duration": (
        client(token_validity={"access_token": "2w"}),
        "clients[0].token_validity.access_token",
        "invalid_duration",
    ),
    "on or off": (with_login(device_tracking="sometimes"), "device_tracking", "invalid_setting"),
    # rules
    "duplicate group": (with_login(groups=["SAME", "SAME"]), "groups[0].name", "duplicate"),
    "no sign-in": ({"login_with": {"email": False}}, "login_with", "no_sign_in"),
    "plan": (
        with_login(feature_plan="lite", password_policy={"password_history_size": 3}),
        "password_policy.password_history_size",
        "plan_required",
    ),
    # attributes
    "custom attribute required": (
        with_login(user_attributes={"custom": {"tenant": {"required": True}}}),
        "user_attributes.custom.tenant.required",
        "custom_attribute_required",
    ),
    "length on a number": (
        with_login(user_attributes={"custom": {"n": {"data_type": "number", "min_length": 1}}}),
        "user_attributes.custom.n.min_length",
        "constraint_wrong_type",
    ),
    "min above max": (
        with_login(user_attributes={"custom": {"t": {"min_length": 9, "max_length": 3}}}),
        "user_attributes.custom.t.min_length",
        "min_above_max",
    ),
    # multifactor
    "factor while off": (
        with_login(multifactor={"mode": "off", "totp": True}),
        "multifactor.totp",
        "factor_while_off",
    ),
    "mode without factor": (
        with_login(multifactor={"mode": "required", "totp": False, "sms": False}),
        "multifactor.mode",
        "mode_without_factor",
    ),
    # access rules
    "empty principals": (rule(principals=[]), "access[0].principals", "empty"),
    "wildcard action": (rule(actions=["s3:*"]), "access[0].actions[0]", "wildcard_action"),
    "not an action": (rule(actions=["GetObject"]), "access[0].actions[0]", "not_an_action"),
    "not an ARN": (rule(resources=["shop-files"]), "access[0].resources[0]", "invalid_arn"),
    "every resource": (
        rule(resources=["arn:aws:s3:::*"]),
        "access[0].resources[0]",
        "wildcard_resource",
    ),
    "unknown variable": (
        rule(resources=[f"{BUCKET}/${{cognito-identity.amazonaws.com:nope}}/*"]),
        "access[0].resources[0]",
        "unknown_variable",
    ),
    "unknown group": (rule(principals=["group:NOPE"]), "access[0].principals[0]", "unknown_group"),
    "unknown principal": (
        rule(principals=["everyone"]),
        "access[0].principals[0]",
        "unknown_principal",
    ),
    "guests while guest access is off": (
        rule(principals=["guest"]),
        "access[0].principals[0]",
        "guest_access_off",
    ),
    "access without identity pool": (
        {**rule(), "identity_pool": False},
        "access",
        "needs_identity_pool",
    ),
    "whole bucket prefix": (
        rule(actions=["s3:ListBucket"], resources=[BUCKET], s3_prefixes=["public"]),
        "access[0].s3_prefixes[0]",
        "whole_bucket_prefix",
    ),
    # storage
    "storage: invalid bucket": (
        with_login(
            storage={"bucket_arn": "shop-files", "paths": {"public/*": {"guest": ["read"]}}}
        ),
        "storage.bucket_arn",
        "invalid_arn",
    ),
    "storage: no paths": (
        with_login(storage={"bucket_arn": BUCKET, "paths": {}}),
        "storage.paths",
        "empty",
    ),
    "storage: wildcard in a path": (
        with_login(
            storage={"bucket_arn": BUCKET, "paths": {"pub*/x/*": {"authenticated": ["read"]}}}
        ),
        "storage.paths.pub*/x/*",
        "wildcard_in_path",
    ),
    # secrets
    "plain secret": (
        providers(google={**GOOGLE, "client_secret": "hunter2"}, domain_prefix="shop-auth"),
        "login_with.external_providers.google.client_secret",
        "plain_secret",
    ),
    "two secret stores": (
        providers(
            google={**GOOGLE, "client_secret": {"secrets_manager": "g", "ssm_parameter": "/g"}},
            domain_prefix="shop-auth",
        ),
        "login_with.external_providers.google.client_secret",
        "exactly_one",
    ),
    # providers
    "domain prefix and custom domain": (
        {
            **DOMAIN,
            "login_with": {
                "email": True,
                "external_providers": {
                    **DOMAIN["login_with"]["external_providers"],
                    "custom_domain": {
                        "domain_name": "auth.example.com",
                        "certificate_arn": (
                            "arn:aws:acm:us-east-1:123456789012:certificate/"
                            "12345678-1234-1234-1234-123456789012"
                        ),
                    },
                },
            },
        },
        "login_with.external_providers.custom_domain",
        "mutually_exclusive",
    ),
    "providers without domain": (
        providers(google=GOOGLE, callback_urls=["https://shop.example.com/"]),
        "login_with.external_providers.domain_prefix",
        "providers_without_domain",
    ),
    "providers without callback urls": (
        providers(google=GOOGLE, domain_prefix="shop-auth"),
        "login_with.external_providers.callback_urls",
        "providers_without_redirect_urls",
    ),
    "callback urls without domain": (
        providers(callback_urls=["https://shop.example.com/"]),
        "login_with.external_providers.callback_urls",
        "callback_urls_without_domain",
    ),
    # clients
    "token validity out of range": (
        client(token_validity={"access_token": "2d"}),
        "clients[0].token_validity.access_token",
        "out_of_range",
    ),
    "token outlives refresh": (
        client(token_validity={"access_token": "12h", "refresh_token": "60m"}),
        "clients[0].token_validity.access_token",
        "token_validity_order",
    ),
    "machine client with callback urls": (
        machine(callback_urls=["https://shop.example.com/"]),
        "clients[0].callback_urls",
        "machine_client_user_setting",
    ),
    "machine client without secret": (
        machine(generate_secret=False),
        "clients[0].generate_secret",
        "secret_required",
    ),
    # threat protection
    "not a CIDR block": (
        with_login(
            feature_plan="plus",
            threat_protection={"mode": "enforced", "always_block_ips": ["10.0.0.300/8"]},
        ),
        "threat_protection.always_block_ips[0]",
        "not_a_cidr",
    ),
    "CIDR without prefix": (
        with_login(
            feature_plan="plus",
            threat_protection={"mode": "enforced", "always_block_ips": ["10.0.0.1"]},
        ),
        "threat_protection.always_block_ips[0]",
        "cidr_without_prefix",
    ),
    # identity pool
    "too many principal tags": (
        with_login(principal_tags={f"t{n}": "sub" for n in range(60)}),
        "principal_tags",
        "too_many_principal_tags",
    ),
    # migration
    "migration: not a pool id": (
        with_login(
            migrate_users_from={"user_pool_id": "pool", "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m"}
        ),
        "migrate_users_from.user_pool_id",
        "invalid_user_pool_id",
    ),
    "migration: region mismatch": (
        with_login(
            migrate_users_from={
                "user_pool_id": "us-east-1_AbCdEf123",
                "client_id": "1a2b3c4d5e6f7g8h9i0j1k2l3m",
                "region": "eu-west-1",
            }
        ),
        "migrate_users_from.region",
        "region_mismatch",
    ),
    # senders and messages
    "from email outside the verified domain": (
        with_login(
            senders={"email": {"from_email": "a@other.com", "ses_verified_domain": "example.com"}}
        ),
        "senders.email.ses_verified_domain",
        "from_email_outside_domain",
    ),
    "sns caller without external id": (
        with_login(senders={"sms": {"sns_caller_arn": "arn:aws:iam::123456789012:role/sms"}}),
        "senders.sms.external_id",
        "fields_go_together",
    ),
    "log destination": (
        with_login(**SES, feature_plan="plus", logs={"user_notification": {}}),
        "logs.user_notification",
        "exactly_one",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_check_refuses_with_its_code(name: str) -> None:
    data, path, code = CASES[name]
    assert_problem(data, path, code)


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_problem_has_an_empty_code(name: str) -> None:
    """Nor pydantic's generic ``value_error``: the package's own checks name their kind."""
    data, _, _ = CASES[name]
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    found = caught.value.problems
    assert all(p.code and p.code != "value_error" for p in found), found


@settings(max_examples=scaled(200))
@given(data=broken_configs())
def test_broken_configurations_have_a_code_on_every_problem(data: dict[str, Any]) -> None:
    assert all(p.code and p.code != "value_error" for p in refused(data))


def test_a_file_that_cannot_be_read_has_a_code(tmp_path: Any) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("login_with: [\n")
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    assert [p.code for p in caught.value.problems] == ["unreadable_file"]
