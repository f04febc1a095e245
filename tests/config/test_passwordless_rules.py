"""Passwordless sign-in, feature plans, threat protection, device tracking and trigger
choices in the configuration: every refused combination, with its path and code."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.triggers import TRIGGERS, trigger_problems
from problem_support import code_by_path
from problem_support import codes as problems

SES = {"senders": {"email": {"from_email": "no-reply@example.com"}}}
PASSKEYS = {"relying_party_id": "example.com"}


def test_passwordless_factors() -> None:
    config = AuthConfig.model_validate(
        {
            "login_with": {
                "email": {"otp_login": True},
                "phone": {"otp_login": True},
                "webauthn": {**PASSKEYS, "user_verification": "required"},
                "preferred_challenge": "web_authn",
            },
            "multifactor": {"sms": True},
            **SES,
        }
    )
    assert config.login_with.passwordless_factors == ("email_otp", "sms_otp", "web_authn")
    assert config.passwordless
    assert not AuthConfig().passwordless


@pytest.mark.parametrize("rp", ["example.com", "auth.shop.example.co.uk", "localhost", "a-b.io"])
def test_relying_party_ids(rp: str) -> None:
    AuthConfig(login_with={"email": True, "webauthn": {"relying_party_id": rp}})


@pytest.mark.parametrize(
    ("rp", "code"),
    [
        ("https://example.com/login", "url_instead_of_domain"),
        ("example.com:443", "url_instead_of_domain"),
        ("Example.com", "not_a_domain"),
        ("intranet", "not_a_domain"),
        ("a" * 30 + "." + "b" * 30 + ".com", "length"),
    ],
)
def test_relying_party_id_must_be_a_domain(rp: str, code: str) -> None:
    data = {"login_with": {"email": True, "webauthn": {"relying_party_id": rp}}}
    assert problems(data) == {"login_with.webauthn.relying_party_id": [code]}


def test_passwordless_refused_with_required_mfa() -> None:
    data = {
        "login_with": {"email": {"otp_login": True}, "webauthn": PASSKEYS},
        "multifactor": {"mode": "required"},
        **SES,
    }
    assert problems(data) == {
        "login_with.email.otp_login": ["passwordless_with_required_mfa"],
        "login_with.webauthn": ["passwordless_with_required_mfa"],
    }


def test_email_otp_needs_ses() -> None:
    assert problems({"login_with": {"email": {"otp_login": True}}}) == {
        "login_with.email.otp_login": ["email_otp_without_sender"]
    }


def test_sms_otp_lives_under_phone_sign_in() -> None:
    """SMS codes go to the number users sign in with: the switch exists only there."""
    assert problems({"login_with": {"email": {"otp_login": True, "sms_otp": True}}, **SES}) == {
        "login_with.email.sms_otp": ["extra_forbidden"]
    }
    config = AuthConfig(login_with={"phone": {"otp_login": True}}, multifactor={"sms": True})
    assert config.login_with.passwordless_factors == ("sms_otp",)


def test_passwordless_needs_essentials() -> None:
    data = {
        "feature_plan": "lite",
        "login_with": {
            "email": {"otp_login": True},
            "phone": {"otp_login": True},
            "webauthn": PASSKEYS,
        },
        "multifactor": {"sms": True},
        **SES,
    }
    assert problems(data) == {
        "login_with.email.otp_login": ["plan_required"],
        "login_with.phone.otp_login": ["plan_required"],
        "login_with.webauthn": ["plan_required"],
    }


def test_preferred_challenge_must_be_turned_on() -> None:
    assert problems({"login_with": {"email": True, "preferred_challenge": "email_otp"}}) == {
        "login_with.preferred_challenge": ["preferred_challenge_off"]
    }
    AuthConfig(login_with={"email": True, "preferred_challenge": "password"})


def test_passkeys_on_the_custom_domain_of_the_hosted_pages() -> None:
    custom = {
        "custom_domain": {
            "domain_name": "auth.example.com",
            "certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/abc",
        },
        "callback_urls": ["https://example.com/"],
        "logout_urls": ["https://example.com/"],
    }
    data = {"login_with": {"email": True, "webauthn": PASSKEYS, "external_providers": custom}}
    assert problems(data) == {"login_with.webauthn.relying_party_id": ["webauthn_relying_party"]}
    data["login_with"]["webauthn"] = {"relying_party_id": "auth.example.com"}  # type: ignore[index]
    AuthConfig.model_validate(data)


def test_threat_protection_needs_plus() -> None:
    for plan in ("lite", "essentials"):
        assert problems({"feature_plan": plan, "threat_protection": "audit"}) == {
            "threat_protection": ["plan_required"]
        }
    config = AuthConfig(feature_plan="plus", threat_protection="enforced")
    assert config.threat_protection == "enforced"
    assert problems({"feature_plan": "plus", "threat_protection": "full"}) == {
        "threat_protection": ["literal_error"]
    }


def test_device_tracking() -> None:
    assert AuthConfig().device_tracking is None
    on = AuthConfig(device_tracking=True).device_tracking
    assert on is not None
    assert (on.challenge_required_on_new_device, on.device_only_remembered_on_user_prompt) == (
        False,
        True,
    )
    assert AuthConfig(device_tracking=False).device_tracking is None
    assert problems({"device_tracking": {"remember": "always"}}) == {
        "device_tracking.remember": ["extra_forbidden"]
    }


# --- triggers (checked by AuthBackend, without aws_cdk here) -----------------------------------


def trigger_paths(triggers: dict[str, Any], **config: Any) -> dict[str, str]:
    found = trigger_problems(triggers, AuthConfig(**config), is_function=lambda v: v == "fn")
    return code_by_path(found)


def test_every_event_has_a_lambda_config_key() -> None:
    assert len(TRIGGERS) == 14
    assert {t.lambda_config_key for t in TRIGGERS.values()} >= {
        "PreSignUp",
        "PreTokenGenerationConfig",
        "CustomEmailSender",
        "CustomSMSSender",
    }
    assert trigger_paths(dict.fromkeys(TRIGGERS, "fn")) == {
        "triggers.pre_token_generation_v2": "trigger_clash",
        "triggers.pre_token_generation_v3": "trigger_clash",
    }


def test_unknown_events_and_non_functions() -> None:
    found = trigger_paths({"pre_signup": "fn", "on_login": "fn", "post_confirmation": 42})
    assert found == {
        "triggers.pre_signup": "unknown_trigger",
        "triggers.on_login": "unknown_trigger",
        "triggers.post_confirmation": "not_a_function",
    }
    (first, *_) = trigger_problems({"pre_signup": "fn"}, AuthConfig())
    assert first.hint == "did you mean 'pre_sign_up'?"
    assert first.allowed is not None
    assert "verify_auth_challenge_response" in first.allowed


def test_access_token_customisation_needs_essentials() -> None:
    for name in ("pre_token_generation_v2", "pre_token_generation_v3"):
        assert trigger_paths({name: "fn"}, feature_plan="lite") == {
            f"triggers.{name}": "plan_required"
        }
        assert trigger_paths({name: "fn"}, feature_plan="essentials") == {}
    assert trigger_paths({"pre_token_generation": "fn"}, feature_plan="lite") == {}


def test_custom_challenges_come_in_threes() -> None:
    assert trigger_paths({"create_auth_challenge": "fn"}) == {
        "triggers.define_auth_challenge": "custom_challenge_incomplete",
        "triggers.verify_auth_challenge_response": "custom_challenge_incomplete",
    }
    assert trigger_paths(
        {"define_auth_challenge": "fn", "verify_auth_challenge_response": "fn"}
    ) == {"triggers.create_auth_challenge": "custom_challenge_incomplete"}
    assert trigger_paths({"define_auth_challenge": "fn"}) == {}


def test_a_kms_key_needs_a_custom_sender() -> None:
    found = trigger_problems({}, AuthConfig(), has_kms_key=True)
    assert code_by_path(found) == {"trigger_kms_key": "kms_key_unused"}
    assert (
        list(trigger_problems({"custom_sms_sender": object()}, AuthConfig(), has_kms_key=True))
        == []
    )
