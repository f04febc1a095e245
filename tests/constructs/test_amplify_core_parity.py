"""The core user pool has Amplify's Cognito semantics for the same settings.

``amplify_semantics`` models what ``AmplifyAuth`` (``@aws-amplify/auth-construct`` 1.12
over aws-cdk-lib) makes of ``defineAuth`` props without external providers, as the
project's notes on Amplify record them (sections 1, 2, 4, 5): username attributes, auto-
verified and keep-original attributes, required schema entries, MFA, recovery, messages,
groups, the identity pool's guest flag, role mapping and trust conditions.
``our_semantics`` reads the same facts from the template cognito-auth synthesizes for the
equivalent configuration: Amplify's fixed choices (guests on, MFA off by default,
8-character passwords) written out, since cognito-auth's defaults differ on purpose.
"""

from __future__ import annotations

from typing import Any

import pytest

from support import synth

EMAIL_DEFAULTS = {
    "EmailSubject": "Verify your new account",
    "EmailMessage": "The verification code to your new account is {####}",
}
SMS_DEFAULT = "The verification code to your new account is {####}"
_RECOVERY = {
    "EMAIL_ONLY": [("verified_email", 1)],
    "PHONE_ONLY_WITHOUT_MFA": [("verified_phone_number", 1)],
    "EMAIL_AND_PHONE_WITHOUT_MFA": [("verified_email", 1), ("verified_phone_number", 2)],
    "PHONE_WITHOUT_MFA_AND_EMAIL": [("verified_phone_number", 1), ("verified_email", 2)],
    "NONE": [("admin_only", 1)],
}
_MFA_MODE = {"OFF": "OFF", "OPTIONAL": "OPTIONAL", "REQUIRED": "ON"}


def amplify_semantics(props: dict[str, Any]) -> dict[str, Any]:
    """What AmplifyAuth makes of ``props`` (no external providers)."""
    login = props["loginWith"]
    email, phone = bool(login.get("email")), bool(login.get("phone"))
    verified = [name for name, on in (("email", email), ("phone_number", phone)) if on]
    schema = {name: (True, True) for name in verified}
    for name, settings in props.get("userAttributes", {}).items():
        schema[name] = (settings.get("required", False), settings.get("mutable", True))
    recovery = props.get("accountRecovery") or ("EMAIL_ONLY" if email else "PHONE_ONLY_WITHOUT_MFA")
    mfa = props.get("multifactor")
    mode = _MFA_MODE[mfa["mode"]] if mfa else "OFF"
    factors = []
    if mfa and mfa["mode"] != "OFF":
        for flag, name in (("sms", "SMS_MFA"), ("totp", "SOFTWARE_TOKEN_MFA")):
            if mfa.get(flag):
                factors.append(name)
    template: dict[str, Any] = {"DefaultEmailOption": "CONFIRM_WITH_CODE"}
    if email:
        settings = login["email"] if isinstance(login["email"], dict) else {}
        template["EmailSubject"] = settings.get(
            "verificationEmailSubject", EMAIL_DEFAULTS["EmailSubject"]
        )
        template["EmailMessage"] = settings.get(
            "verificationEmailBody", EMAIL_DEFAULTS["EmailMessage"]
        )
    template["SmsMessage"] = (
        login["phone"].get("verificationMessage", SMS_DEFAULT)
        if isinstance(login.get("phone"), dict)
        else SMS_DEFAULT
    )
    if not email:
        template.update(EMAIL_DEFAULTS)
    return {
        "UsernameAttributes": verified,
        "CaseSensitive": False,
        "AutoVerifiedAttributes": verified,
        "KeepOriginal": verified,
        "Schema": schema,
        "MfaConfiguration": mode,
        "EnabledMfas": sorted(factors),
        "SmsAuthenticationMessage": (mfa or {}).get("smsMessage"),
        "Recovery": _RECOVERY[recovery],
        "VerificationMessageTemplate": template,
        "Groups": {name: index for index, name in enumerate(props.get("groups", []))},
        "AllowUnauthenticatedIdentities": True,
        "RoleMapping": ("Token", "AuthenticatedRole"),
        "Trust": {
            "authenticated": ("StringEquals:aud", "ForAnyValue:StringLike:amr"),
            "unauthenticated": ("StringEquals:aud", "ForAnyValue:StringLike:amr"),
        },
    }


def our_semantics(template: dict[str, Any]) -> dict[str, Any]:
    resources = template["Resources"].values()
    (pool,) = [r["Properties"] for r in resources if r["Type"] == "AWS::Cognito::UserPool"]
    (identity,) = [r["Properties"] for r in resources if r["Type"] == "AWS::Cognito::IdentityPool"]
    (attachment,) = [
        r["Properties"]
        for r in resources
        if r["Type"] == "AWS::Cognito::IdentityPoolRoleAttachment"
    ]
    ((mapping),) = attachment["RoleMappings"].values()
    trust = {}
    for resource in resources:
        if resource["Type"] != "AWS::IAM::Role":
            continue
        (statement,) = resource["Properties"]["AssumeRolePolicyDocument"]["Statement"]
        condition = statement.get("Condition", {})
        amr = condition.get("ForAnyValue:StringLike", {}).get("cognito-identity.amazonaws.com:amr")
        if amr and "cognito-identity.amazonaws.com:aud" in condition.get("StringEquals", {}):
            trust[amr] = ("StringEquals:aud", "ForAnyValue:StringLike:amr")
    message = pool["VerificationMessageTemplate"]
    return {
        "UsernameAttributes": pool.get("UsernameAttributes", []),
        "CaseSensitive": pool["UsernameConfiguration"]["CaseSensitive"],
        "AutoVerifiedAttributes": pool.get("AutoVerifiedAttributes", []),
        "KeepOriginal": pool.get("UserAttributeUpdateSettings", {}).get(
            "AttributesRequireVerificationBeforeUpdate", []
        ),
        "Schema": {
            e["Name"]: (e.get("Required", False), e.get("Mutable", True))
            for e in pool.get("Schema", [])
        },
        "MfaConfiguration": pool.get("MfaConfiguration", "OFF"),
        "EnabledMfas": sorted(pool.get("EnabledMfas", [])),
        "SmsAuthenticationMessage": pool.get("SmsAuthenticationMessage"),
        "Recovery": [
            (m["Name"], m["Priority"]) for m in pool["AccountRecoverySetting"]["RecoveryMechanisms"]
        ],
        "VerificationMessageTemplate": {
            k: message[k]
            for k in ("DefaultEmailOption", "EmailSubject", "EmailMessage", "SmsMessage")
        },
        "Groups": {
            r["Properties"]["GroupName"]: r["Properties"]["Precedence"]
            for r in resources
            if r["Type"] == "AWS::Cognito::UserPoolGroup"
        },
        "AllowUnauthenticatedIdentities": identity["AllowUnauthenticatedIdentities"],
        "RoleMapping": (mapping["Type"], mapping["AmbiguousRoleResolution"]),
        "Trust": trust,
    }


# (defineAuth props, the equivalent cognito-auth configuration)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "email": ({"loginWith": {"email": True}}, {"login_with": {"email": True}}),
    "phone-with-sms-mfa": (
        {
            "loginWith": {"phone": {"verificationMessage": "Code {####}"}},
            "multifactor": {"mode": "OPTIONAL", "sms": True, "totp": True},
        },
        {
            "login_with": {"phone": {"verification_message": "Code {####}"}},
            "multifactor": {"mode": "optional", "sms": True, "totp": True},
        },
    ),
    "email-and-phone-required-mfa": (
        {
            "loginWith": {
                "email": {
                    "verificationEmailSubject": "Welcome",
                    "verificationEmailBody": "Your code: {####}",
                },
                "phone": True,
            },
            "multifactor": {"mode": "REQUIRED", "sms": True, "smsMessage": "MFA {####}"},
            "accountRecovery": "EMAIL_AND_PHONE_WITHOUT_MFA",
        },
        {
            "login_with": {
                "email": {
                    "verification_email_subject": "Welcome",
                    "verification_email_body": "Your code: {####}",
                },
                "phone": True,
            },
            "multifactor": {"mode": "required", "totp": False, "sms": {"message": "MFA {####}"}},
            "account_recovery": "email_and_phone_without_mfa",
        },
    ),
    "attributes-and-groups": (
        {
            "loginWith": {"email": True},
            "userAttributes": {
                "given_name": {"required": True},
                "nickname": {"mutable": False},
            },
            "groups": ["ADMINS", "EDITORS", "VIEWERS"],
            "accountRecovery": "NONE",
        },
        {
            "login_with": {"email": True},
            "user_attributes": {"given_name": {"required": True}, "nickname": {"mutable": False}},
            "groups": ["ADMINS", "EDITORS", "VIEWERS"],
            "account_recovery": "none",
        },
    ),
}
AMPLIFY_CHOICES = {
    "guest_access": True,
    "multifactor": {"mode": "off"},
    "password_policy": {"min_length": 8},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_cognito_semantics_as_amplify(name: str) -> None:
    amplify, ours = CASES[name]
    config = {**AMPLIFY_CHOICES, **ours}
    assert our_semantics(synth(config).json) == amplify_semantics(amplify)
