"""Second factors: listed factors mean exactly those; the defaults never meet a rule; a
pool that sends SMS keeps SMS among its factors; recovery reaches somebody."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.errors import format_path
from problem_support import refused


def refusal(data: dict[str, Any]) -> tuple[str, str, str | None]:
    """The one problem of ``data``: its rendered path, its code and its hint."""
    (found,) = refused(data)
    return format_path(found.path), found.code, found.hint


# --- listed factors mean exactly those factors ------------------------------------------


@pytest.mark.parametrize(
    ("multifactor", "factors"),
    [
        ({}, ("totp",)),  # none listed: the secure default
        ({"mode": "required"}, ("totp",)),
        ({"email": False}, ("totp",)),  # turning a factor off lists nothing
        ({"totp": True}, ("totp",)),
        ({"sms": True}, ("sms",)),  # Amplify's words: SMS only
        ({"mode": "required", "sms": True}, ("sms",)),
        ({"sms": True, "totp": True}, ("sms", "totp")),
        ({"sms": {"message": "Code {####}"}}, ("sms",)),
        ({"mode": "off"}, ()),
    ],
)
def test_listed_factors_are_exactly_the_factors(
    multifactor: dict[str, Any], factors: tuple[str, ...]
) -> None:
    data: dict[str, Any] = {"multifactor": multifactor}
    if "sms" in factors and multifactor.get("mode") == "required" and "totp" not in factors:
        data["user_attributes"] = {"phone_number": {"required": True}}
    config = AuthConfig.model_validate(data)
    assert config.mfa_factors == factors


def test_email_alone_is_email_only() -> None:
    config = AuthConfig.model_validate(
        {"multifactor": {"email": True}, "senders": {"email": {"from_email": "a@example.com"}}}
    )
    assert config.mfa_factors == ("email",)


def test_turning_the_only_factor_off_names_the_key_written() -> None:
    assert refusal({"multifactor": {"totp": False}})[0] == "multifactor.totp"
    assert refusal({"multifactor": {"mode": "required", "totp": False}})[0] == "multifactor.mode"


# --- phone sign-in: the default and the rule agree ----------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"login_with": {"phone": True}},
        {"login_with": {"phone": True, "email": True}},
        {"login_with": {"phone": True}, "account_recovery": "phone_only_without_mfa"},
        {"login_with": {"phone": True}, "multifactor": {"mode": "required"}},
        {"account_recovery": "phone_without_mfa_and_email"},
        {"senders": {"sms": {"sns_region": "eu-west-1"}}},
    ],
)
def test_a_pool_that_sends_sms_gets_sms_among_the_default_factors(data: dict[str, Any]) -> None:
    config = AuthConfig.model_validate(data)
    assert config.mfa_factors == ("sms", "totp")


def test_without_sms_the_default_stays_authenticator_apps() -> None:
    assert AuthConfig.model_validate({"login_with": {"email": True}}).mfa_factors == ("totp",)
    off = AuthConfig.model_validate({"login_with": {"phone": True}, "multifactor": {"mode": "off"}})
    assert off.mfa_factors == ()


def test_phone_sign_in_with_listed_factors_without_sms_is_refused_at_the_listed_key() -> None:
    path, code, hint = refusal({"login_with": {"phone": True}, "multifactor": {"totp": True}})
    assert (path, code) == ("multifactor.totp", "mfa_without_sms")
    assert hint == "add sms: true under multifactor, or set mode: off"
    AuthConfig.model_validate(
        {"login_with": {"phone": True}, "multifactor": {"totp": True, "sms": True}}
    )


# --- recovery that reaches nobody (issue 23, item 4) --------------------------------------


def test_required_sms_only_mfa_with_phone_recovery_is_refused_at_the_factor() -> None:
    path, code, hint = refusal(
        {"login_with": {"phone": True}, "multifactor": {"mode": "required", "sms": True}}
    )
    assert (path, code) == ("multifactor.sms", "recovery_by_sms_only")
    assert hint is not None
    assert "phone_and_email" not in hint  # the CDK documents it as not recommended
    assert "account_recovery: none" in hint


def test_written_phone_only_recovery_is_refused_at_account_recovery() -> None:
    path, _, hint = refusal(
        {
            "login_with": {"phone": True},
            "multifactor": {"mode": "required", "sms": True},
            "account_recovery": "phone_only_without_mfa",
        }
    )
    assert path == "account_recovery"
    assert hint is not None
    assert hint.startswith("set account_recovery: email_only with a required email")


@pytest.mark.parametrize(
    "fix",
    [
        {"user_attributes": {"email": {"required": True}}},  # recovery then goes by email
        {"multifactor": {"mode": "required", "sms": True, "totp": True}},
        {"account_recovery": "none"},
        {"multifactor": {"mode": "optional", "sms": True}},
    ],
)
def test_each_way_out_of_the_recovery_refusal_validates(fix: dict[str, Any]) -> None:
    data: dict[str, Any] = {
        "login_with": {"phone": True},
        "multifactor": {"mode": "required", "sms": True},
        **fix,
    }
    if "user_attributes" in fix:
        data["user_attributes"] = {**fix["user_attributes"], "phone_number": {"required": True}}
    AuthConfig.model_validate(data)
