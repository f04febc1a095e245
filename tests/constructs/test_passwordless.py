"""Passwordless sign-in, feature plans, threat protection, device tracking and senders in
the template."""

from __future__ import annotations

from typing import Any

import pytest

from support import synth

POOL = "AWS::Cognito::UserPool"
CLIENT = "AWS::Cognito::UserPoolClient"
SES = {"senders": {"email": {"from_email": "no-reply@example.com"}}}


def pool(config: dict[str, Any]) -> dict[str, Any]:
    return synth(config).only(POOL)


def test_no_sign_in_policy_without_passwordless() -> None:
    props = pool({})
    assert "SignInPolicy" not in props["Policies"]
    assert "WebAuthnRelyingPartyID" not in props
    assert "DeviceConfiguration" not in props
    assert "UserPoolAddOns" not in props


@pytest.mark.parametrize(
    ("login_with", "factors"),
    [
        ({"email": {"otp_login": True}}, ["PASSWORD", "EMAIL_OTP"]),
        ({"phone": {"otp_login": True}}, ["PASSWORD", "SMS_OTP"]),
        (
            {"email": True, "webauthn": {"relying_party_id": "example.com"}},
            ["PASSWORD", "WEB_AUTHN"],
        ),
        (
            {
                "email": {"otp_login": True},
                "phone": {"otp_login": True},
                "webauthn": {"relying_party_id": "example.com"},
            },
            ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"],
        ),
    ],
)
def test_passwordless_first_factors(login_with: dict[str, Any], factors: list[str]) -> None:
    config = {"login_with": login_with, "multifactor": {"sms": True}, **SES}
    result = synth(config)
    props = result.only(POOL)
    assert props["Policies"]["SignInPolicy"] == {"AllowedFirstAuthFactors": factors}
    assert props["UserPoolTier"] == "ESSENTIALS"
    (client,) = result.resources(CLIENT).values()
    assert client["Properties"]["ExplicitAuthFlows"] == [
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_USER_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
    ]


def test_sms_codes_get_the_sms_role() -> None:
    result = synth({"login_with": {"phone": {"otp_login": True}}, "multifactor": {"sms": True}})
    assert "SmsConfiguration" in result.only(POOL)


def test_passkeys() -> None:
    props = pool(
        {
            "login_with": {
                "email": True,
                "webauthn": {
                    "relying_party_id": "shop.example.com",
                    "user_verification": "required",
                },
            }
        }
    )
    assert props["WebAuthnRelyingPartyID"] == "shop.example.com"
    assert props["WebAuthnUserVerification"] == "required"
    preferred = pool({"login_with": {"email": True, "webauthn": {"relying_party_id": "localhost"}}})
    assert preferred["WebAuthnUserVerification"] == "preferred"


def test_user_auth_on_user_clients_only() -> None:
    config = {
        "login_with": {
            "email": True,
            "webauthn": {"relying_party_id": "example.com"},
            "external_providers": {"domain_prefix": "shop-auth"},
        },
        "resource_servers": [
            {
                "identifier": "orders",
                "name": "Orders",
                "scopes": [{"name": "read", "description": "r"}],
            }
        ],
        "clients": [
            {"name": "web", "auth_flows": ["user_auth"]},
            {"name": "backend", "kind": "machine", "scopes": ["orders/read"]},
        ],
    }
    flows = {
        key.removeprefix("Auth").split("Client")[0]: value["Properties"]["ExplicitAuthFlows"]
        for key, value in synth(config).resources(CLIENT).items()
    }
    assert flows == {
        "Web": ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "Backend": ["ALLOW_REFRESH_TOKEN_AUTH"],
    }


@pytest.mark.parametrize(
    ("plan", "tier"), [("lite", "LITE"), ("essentials", "ESSENTIALS"), ("plus", "PLUS")]
)
def test_feature_plans(plan: str, tier: str) -> None:
    assert pool({"feature_plan": plan})["UserPoolTier"] == tier


@pytest.mark.parametrize(("mode", "written"), [("audit", "AUDIT"), ("enforced", "ENFORCED")])
def test_threat_protection(mode: str, written: str) -> None:
    props = pool({"feature_plan": "plus", "threat_protection": mode})
    assert props["UserPoolTier"] == "PLUS"
    assert props["UserPoolAddOns"] == {"AdvancedSecurityMode": written}


def test_plus_without_threat_protection_writes_none() -> None:
    assert "UserPoolAddOns" not in pool({"feature_plan": "plus"})


@pytest.mark.parametrize(
    ("tracking", "written"),
    [
        (True, {"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": True}),
        (
            {
                "challenge_required_on_new_device": True,
                "device_only_remembered_on_user_prompt": False,
            },
            {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False},
        ),
    ],
)
def test_device_tracking(tracking: Any, written: dict[str, bool]) -> None:
    assert pool({"device_tracking": tracking})["DeviceConfiguration"] == written


def test_email_sender_in_another_region_with_a_verified_domain() -> None:
    props = pool(
        {
            "senders": {
                "email": {
                    "from_email": "no-reply@mail.example.com",
                    "from_name": "Shop",
                    "ses_region": "eu-west-1",
                    "ses_verified_domain": "mail.example.com",
                }
            }
        }
    )
    email = props["EmailConfiguration"]
    assert email["EmailSendingAccount"] == "DEVELOPER"
    assert email["From"] == "Shop <no-reply@mail.example.com>"
    assert email["SourceArn"] == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":ses:eu-west-1:",
                {"Ref": "AWS::AccountId"},
                ":identity/mail.example.com",
            ],
        ]
    }


def test_the_sms_role_is_created_only_when_sms_is_sent() -> None:
    def roles(config: dict[str, Any]) -> int:
        return len(synth({"identity_pool": False, **config}).resources("AWS::IAM::Role"))

    assert roles({}) == 0
    assert roles({"login_with": {"email": True, "phone": True}, "multifactor": {"sms": True}}) == 1
    assert roles({"account_recovery": "phone_and_email", "multifactor": {"mode": "off"}}) == 1
    assert (
        roles(
            {
                "multifactor": {"sms": True},
                "senders": {
                    "sms": {
                        "sns_caller_arn": "arn:aws:iam::123456789012:role/sms",
                        "external_id": "x",
                    }
                },
            }
        )
        == 0
    )
