"""The user pool: every configuration feature reaches the template."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Match

from support import synth

POOL = "AWS::Cognito::UserPool"


def pool(config: dict[str, Any]) -> dict[str, Any]:
    return synth(config).only(POOL)


def test_default_pool() -> None:
    result = synth({})
    result.template.resource_count_is(POOL, 1)
    result.template.has_resource(
        POOL,
        {
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": Match.object_like(
                {
                    "UsernameAttributes": ["email"],
                    "UsernameConfiguration": {"CaseSensitive": False},
                    "AutoVerifiedAttributes": ["email"],
                    "UserAttributeUpdateSettings": {
                        "AttributesRequireVerificationBeforeUpdate": ["email"]
                    },
                    "DeletionProtection": "ACTIVE",
                    "UserPoolTier": "ESSENTIALS",
                    "MfaConfiguration": "OPTIONAL",
                    "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
                    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
                    "AccountRecoverySetting": {
                        "RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]
                    },
                    "Schema": [{"Name": "email", "Required": True, "Mutable": True}],
                    "Policies": {
                        "PasswordPolicy": {
                            "MinimumLength": 12,
                            "RequireLowercase": True,
                            "RequireUppercase": True,
                            "RequireNumbers": True,
                            "RequireSymbols": True,
                            "TemporaryPasswordValidityDays": 7,
                        }
                    },
                }
            ),
        },
    )
    props = result.only(POOL)
    assert "AliasAttributes" not in props
    assert "SmsConfiguration" not in props
    assert "UserPoolName" not in props


def test_development_profile_destroys_and_allows_deletion() -> None:
    result = synth({"profile": "development"})
    result.template.has_resource(
        POOL,
        {
            "DeletionPolicy": "Delete",
            "UpdateReplacePolicy": "Delete",
            "Properties": Match.object_like({"DeletionProtection": "INACTIVE"}),
        },
    )


def test_case_sensitivity_is_always_emitted() -> None:
    assert pool({"login_with": {"email": True, "case_sensitive": True}})[
        "UsernameConfiguration"
    ] == {"CaseSensitive": True}


def test_phone_sign_in() -> None:
    props = pool({"login_with": {"phone": True}, "multifactor": {"sms": True}})
    assert props["UsernameAttributes"] == ["phone_number"]
    assert props["AutoVerifiedAttributes"] == ["phone_number"]
    assert props["Schema"] == [{"Name": "phone_number", "Required": True, "Mutable": True}]
    assert props["AccountRecoverySetting"] == {
        "RecoveryMechanisms": [{"Name": "verified_phone_number", "Priority": 1}]
    }
    assert props["EnabledMfas"] == ["SMS_MFA"]  # the factors listed, exactly
    assert "SmsConfiguration" in props


def test_phone_sign_in_by_default_offers_sms_and_authenticator_apps() -> None:
    """Nothing written under multifactor: the pool sends SMS anyway (phone verification),
    and Cognito refuses MFA without SMS on a pool with an SMS configuration."""
    props = pool({"login_with": {"phone": True}})
    assert props["MfaConfiguration"] == "OPTIONAL"
    assert props["EnabledMfas"] == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    assert "SmsConfiguration" in props


def test_email_and_phone_sign_in() -> None:
    props = pool({"login_with": {"email": True, "phone": True}, "multifactor": {"mode": "off"}})
    assert props["UsernameAttributes"] == ["email", "phone_number"]
    assert props["AutoVerifiedAttributes"] == ["email", "phone_number"]
    assert props["UserAttributeUpdateSettings"] == {
        "AttributesRequireVerificationBeforeUpdate": ["email", "phone_number"]
    }


def test_username_with_aliases() -> None:
    props = pool(
        {"login_with": {"username": {"preferred_username": True}, "email": True}},
    )
    assert "UsernameAttributes" not in props
    assert props["AliasAttributes"] == ["email", "preferred_username"]


def test_plain_usernames() -> None:
    props = pool({"login_with": {"username": True}})
    assert "UsernameAttributes" not in props
    assert "AliasAttributes" not in props
    assert "AutoVerifiedAttributes" not in props or props["AutoVerifiedAttributes"] == []


def test_schema_only_holds_non_default_attributes() -> None:
    props = pool(
        {
            "user_attributes": {
                "given_name": {"required": True},
                "zoneinfo": {"mutable": False},
                "picture": {},
                "custom": {
                    "tenant_id": {"mutable": False, "min_length": 1, "max_length": 64},
                    "points": {"data_type": "number", "min_value": 0, "max_value": 100},
                    "vip": {"data_type": "boolean"},
                    "joined": {"data_type": "datetime"},
                },
            }
        }
    )
    schema = {entry["Name"]: entry for entry in props["Schema"]}
    assert schema["given_name"] == {"Name": "given_name", "Required": True, "Mutable": True}
    assert schema["zoneinfo"] == {"Name": "zoneinfo", "Required": False, "Mutable": False}
    assert "picture" not in schema
    assert schema["tenant_id"] == {
        "Name": "tenant_id",
        "AttributeDataType": "String",
        "Mutable": False,
        "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"},
    }
    assert schema["points"]["NumberAttributeConstraints"] == {"MinValue": "0", "MaxValue": "100"}
    assert schema["vip"]["AttributeDataType"] == "Boolean"
    assert schema["joined"]["AttributeDataType"] == "DateTime"


@pytest.mark.parametrize(
    ("cognito", "template"),
    [
        ("name", "name"),
        ("picture", "picture"),
        ("updated_at", "updated_at"),
        ("zoneinfo", "zoneinfo"),
        ("profile", "profile"),
    ],
)
def test_standard_attribute_names_are_cognitos(cognito: str, template: str) -> None:
    props = pool({"user_attributes": {cognito: {"required": True}}})
    assert template in {entry["Name"] for entry in props["Schema"]}


def test_password_policy() -> None:
    props = pool(
        {
            "password_policy": {
                "min_length": 8,
                "require_symbols": False,
                "temp_password_validity_days": 2,
                "password_history_size": 4,
            }
        }
    )
    assert props["Policies"]["PasswordPolicy"] == {
        "MinimumLength": 8,
        "RequireLowercase": True,
        "RequireUppercase": True,
        "RequireNumbers": True,
        "RequireSymbols": False,
        "TemporaryPasswordValidityDays": 2,
        "PasswordHistorySize": 4,
    }


@pytest.mark.parametrize(
    ("multifactor", "mode", "factors"),
    [
        ({"mode": "off"}, "OFF", None),
        ({"mode": "optional"}, "OPTIONAL", ["SOFTWARE_TOKEN_MFA"]),
        ({"mode": "required", "sms": True}, "ON", ["SMS_MFA"]),  # listed: exactly these
        ({"mode": "required", "sms": True, "totp": True}, "ON", ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]),
    ],
)
def test_mfa_modes(multifactor: dict[str, Any], mode: str, factors: list[str] | None) -> None:
    props = pool(
        {"multifactor": multifactor, "user_attributes": {"phone_number": {"required": True}}}
    )
    assert props["MfaConfiguration"] == mode
    assert props.get("EnabledMfas") == factors


def test_email_mfa_with_ses() -> None:
    props = pool(
        {
            "multifactor": {"mode": "required", "email": True, "totp": False},
            "senders": {
                "email": {
                    "from_email": "no-reply@example.com",
                    "from_name": "Shop",
                    "reply_to": "help@example.com",
                    "configuration_set": "auth",
                }
            },
        }
    )
    assert props["EnabledMfas"] == ["EMAIL_OTP"]
    email = props["EmailConfiguration"]
    assert email["EmailSendingAccount"] == "DEVELOPER"
    assert email["From"] == "Shop <no-reply@example.com>"
    assert email["ReplyToEmailAddress"] == "help@example.com"
    assert email["ConfigurationSet"] == "auth"


def test_sms_mfa_message() -> None:
    props = pool(
        {
            "multifactor": {"sms": {"message": "Code: {####}"}},
        }
    )
    assert props["SmsAuthenticationMessage"] == "Code: {####}"


def test_sms_role_only_when_sms_is_used() -> None:
    plain = synth({"identity_pool": False})
    assert plain.resources("AWS::IAM::Role") == {}
    sms = synth({"identity_pool": False, "multifactor": {"sms": True}})
    (role,) = sms.resources("AWS::IAM::Role").values()
    statement = role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
    assert statement == [{"Action": "sns:Publish", "Effect": "Allow", "Resource": "*"}]
    trust = role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    assert trust["Principal"] == {"Service": "cognito-idp.amazonaws.com"}
    assert "sts:ExternalId" in trust["Condition"]["StringEquals"]


def test_existing_sms_role() -> None:
    arn = "arn:aws:iam::123456789012:role/cognito-sms"
    result = synth(
        {
            "identity_pool": False,
            "multifactor": {"sms": True},
            "senders": {
                "sms": {"sns_caller_arn": arn, "external_id": "ext-1", "sns_region": "eu-west-1"}
            },
        }
    )
    assert result.resources("AWS::IAM::Role") == {}
    assert result.only(POOL)["SmsConfiguration"] == {
        "ExternalId": "ext-1",
        "SnsCallerArn": arn,
        "SnsRegion": "eu-west-1",
    }


def test_verification_and_invitation_messages() -> None:
    props = pool(
        {
            "login_with": {
                "email": {
                    "verification_email_subject": "Welcome",
                    "verification_email_body": "Your code: {####}",
                    "user_invitation": {
                        "email_subject": "Invited",
                        "email_body": "User {username} password {####}",
                        "sms_message": "User {username} password {####}",
                    },
                },
                "phone": {"verification_message": "SMS code {####}"},
            },
            "multifactor": {"sms": True},
        }
    )
    assert props["VerificationMessageTemplate"] == {
        "DefaultEmailOption": "CONFIRM_WITH_CODE",
        "EmailMessage": "Your code: {####}",
        "EmailSubject": "Welcome",
        "SmsMessage": "SMS code {####}",
    }
    assert props["AdminCreateUserConfig"]["InviteMessageTemplate"] == {
        "EmailSubject": "Invited",
        "EmailMessage": "User {username} password {####}",
        "SMSMessage": "User {username} password {####}",
    }


def test_link_verification() -> None:
    props = pool(
        {
            "login_with": {
                "email": {
                    "verification_email_style": "link",
                    "verification_email_body": "Click {##here##}",
                },
                "external_providers": {"domain_prefix": "shop-auth"},
            }
        }
    )
    assert props["VerificationMessageTemplate"]["DefaultEmailOption"] == "CONFIRM_WITH_LINK"
    assert props["VerificationMessageTemplate"]["EmailMessageByLink"] == "Click {##here##}"


def test_admin_only_sign_up_and_recovery() -> None:
    props = pool({"self_sign_up": False, "account_recovery": "none"})
    assert props["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert props["AccountRecoverySetting"] == {
        "RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]
    }


@pytest.mark.parametrize(
    ("plan", "tier"), [("lite", "LITE"), ("essentials", "ESSENTIALS"), ("plus", "PLUS")]
)
def test_feature_plans(plan: str, tier: str) -> None:
    assert pool({"feature_plan": plan})["UserPoolTier"] == tier


def test_physical_names_use_the_prefix() -> None:
    result = synth({"name": "shop-prod"})
    assert result.only(POOL)["UserPoolName"] == "shop-prod-user-pool"
    assert result.only("AWS::Cognito::UserPoolClient")["ClientName"] == "shop-prod-web"
    assert (
        result.only("AWS::Cognito::IdentityPool")["IdentityPoolName"] == "shop_prod_identity_pool"
    )
