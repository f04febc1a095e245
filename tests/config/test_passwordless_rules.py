"""Passwordless sign-in, feature plans, threat protection, device tracking and trigger
choices in the configuration: every refused combination, with its path and message."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth import AuthConfig
from cognito_auth.config.triggers import TRIGGERS, trigger_problems
from cognito_auth.errors import format_path
from problem_support import messages_by_path as problems

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
    ("rp", "message"),
    [
        (
            "https://example.com/login",
            "'https://example.com/login' is a URL; the relying party id is a domain name only, "
            "such as 'example.com'",
        ),
        (
            "example.com:443",
            "'example.com:443' is a URL; the relying party id is a domain name only, such as "
            "'example.com'",
        ),
        (
            "Example.com",
            "'Example.com' is not a domain name: lowercase labels of letters, digits and "
            "hyphens separated by dots (example.com, auth.example.com), or localhost for "
            "development",
        ),
        (
            "intranet",
            "'intranet' is not a domain name: lowercase labels of letters, digits and hyphens "
            "separated by dots (example.com, auth.example.com), or localhost for development",
        ),
        (
            "a" * 30 + "." + "b" * 30 + ".com",
            f"'{'a' * 30}.{'b' * 30}.com' has 65 characters; Cognito allows 63",
        ),
    ],
)
def test_relying_party_id_must_be_a_domain(rp: str, message: str) -> None:
    data = {"login_with": {"email": True, "webauthn": {"relying_party_id": rp}}}
    assert problems(data) == {"login_with.webauthn.relying_party_id": [message]}


def test_passwordless_refused_with_required_mfa() -> None:
    data = {
        "login_with": {"email": {"otp_login": True}, "webauthn": PASSKEYS},
        "multifactor": {"mode": "required"},
        **SES,
    }
    message = "cannot be a first factor while MFA is required: Cognito refuses the sign-in policy"
    assert problems(data) == {
        "login_with.email.otp_login": [f"passwordless sign-in (email one-time codes) {message}"],
        "login_with.webauthn": [f"passwordless sign-in (passkeys) {message}"],
    }


def test_email_otp_needs_ses() -> None:
    assert problems({"login_with": {"email": {"otp_login": True}}}) == {
        "login_with.email.otp_login": [
            "email one-time codes need an SES email sender: Cognito's default sender cannot "
            "send sign-in codes"
        ]
    }


def test_sms_otp_lives_under_phone_sign_in() -> None:
    """SMS codes go to the number users sign in with: the switch exists only there."""
    assert problems({"login_with": {"email": {"otp_login": True, "sms_otp": True}}, **SES}) == {
        "login_with.email.sms_otp": ["unknown key 'sms_otp'"]
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
    suffix = "needs the essentials or plus feature plan, not 'lite'"
    assert problems(data) == {
        "login_with.email.otp_login": [f"passwordless sign-in (email one-time codes) {suffix}"],
        "login_with.phone.otp_login": [f"passwordless sign-in (SMS one-time codes) {suffix}"],
        "login_with.webauthn": [f"passwordless sign-in (passkeys) {suffix}"],
    }


def test_preferred_challenge_must_be_turned_on() -> None:
    assert problems({"login_with": {"email": True, "preferred_challenge": "email_otp"}}) == {
        "login_with.preferred_challenge": [
            "email_otp is not turned on, so frontends could not offer it first"
        ]
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
    assert problems(data) == {
        "login_with.webauthn.relying_party_id": [
            "the hosted pages are served on your custom domain, and Cognito then needs the "
            "relying party id to be that domain"
        ]
    }
    data["login_with"]["webauthn"] = {"relying_party_id": "auth.example.com"}  # type: ignore[index]
    AuthConfig.model_validate(data)


def test_threat_protection_needs_plus() -> None:
    for plan in ("lite", "essentials"):
        assert problems({"feature_plan": plan, "threat_protection": "audit"}) == {
            "threat_protection": [f"threat protection needs the plus feature plan, not {plan!r}"]
        }
    config = AuthConfig(feature_plan="plus", threat_protection="enforced")
    assert config.threat_protection == "enforced"
    assert problems({"feature_plan": "plus", "threat_protection": "full"}) == {
        "threat_protection": ["not one of the allowed values"]
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
        "device_tracking.remember": ["unknown key 'remember'"]
    }


# --- triggers (checked by AuthBackend, without aws_cdk here) -----------------------------------


def trigger_paths(triggers: dict[str, Any], **config: Any) -> dict[str, str]:
    found = trigger_problems(triggers, AuthConfig(**config), is_function=lambda v: v == "fn")
    return {format_path(p.path): p.message for p in found}


def test_every_event_has_a_lambda_config_key() -> None:
    assert len(TRIGGERS) == 14
    assert {t.lambda_config_key for t in TRIGGERS.values()} >= {
        "PreSignUp",
        "PreTokenGenerationConfig",
        "CustomEmailSender",
        "CustomSMSSender",
    }
    assert trigger_paths(dict.fromkeys(TRIGGERS, "fn")) == {
        "triggers.pre_token_generation_v2": "a pool has one pre token generation trigger, and "
        "pre_token_generation is given too",
        "triggers.pre_token_generation_v3": "a pool has one pre token generation trigger, and "
        "pre_token_generation is given too",
    }


def test_unknown_events_and_non_functions() -> None:
    found = trigger_paths({"pre_signup": "fn", "on_login": "fn", "post_confirmation": 42})
    assert found == {
        "triggers.pre_signup": "is not a Cognito trigger event",
        "triggers.on_login": "is not a Cognito trigger event",
        "triggers.post_confirmation": "is not a Lambda function",
    }
    (first, *_) = trigger_problems({"pre_signup": "fn"}, AuthConfig())
    assert first.hint == "did you mean 'pre_sign_up'?"
    assert first.allowed is not None
    assert "verify_auth_challenge_response" in first.allowed


def test_access_token_customisation_needs_essentials() -> None:
    for name in ("pre_token_generation_v2", "pre_token_generation_v3"):
        assert trigger_paths({name: "fn"}, feature_plan="lite") == {
            f"triggers.{name}": f"{TRIGGERS[name].version} pre token generation events (access "
            "token customisation) need the essentials or plus feature plan, not 'lite'"
        }
        assert trigger_paths({name: "fn"}, feature_plan="essentials") == {}
    assert trigger_paths({"pre_token_generation": "fn"}, feature_plan="lite") == {}


def test_custom_challenges_come_in_threes() -> None:
    assert trigger_paths({"create_auth_challenge": "fn"}) == {
        "triggers.define_auth_challenge": "custom challenges need a define_auth_challenge "
        "trigger, which decides which challenge comes next",
        "triggers.verify_auth_challenge_response": "create_auth_challenge is given without "
        "verify_auth_challenge_response: a custom challenge is created by one and checked by "
        "the other",
    }
    assert trigger_paths(
        {"define_auth_challenge": "fn", "verify_auth_challenge_response": "fn"}
    ) == {
        "triggers.create_auth_challenge": "verify_auth_challenge_response is given without "
        "create_auth_challenge: a custom challenge is created by one and checked by the other"
    }
    assert trigger_paths({"define_auth_challenge": "fn"}) == {}


def test_a_kms_key_needs_a_custom_sender() -> None:
    found = trigger_problems({}, AuthConfig(), has_kms_key=True)
    assert [(format_path(p.path), p.message) for p in found] == [
        ("trigger_kms_key", "a KMS key is given, but no custom sender trigger uses it")
    ]
    assert (
        list(trigger_problems({"custom_sms_sender": object()}, AuthConfig(), has_kms_key=True))
        == []
    )
