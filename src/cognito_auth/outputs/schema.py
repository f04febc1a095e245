"""The JSON Schema of ``amplify_outputs.json`` (version 1.5), written here from the facts
of Amplify's published schema: the auth section in full, the other sections as objects.

``cognito-auth outputs`` validates every file against it before writing.
"""

from __future__ import annotations

from typing import Any

from cognito_auth.config.attributes import STANDARD_ATTRIBUTES

OUTPUTS_VERSION = "1.5"

STANDARD_ATTRIBUTE_NAMES = sorted([*STANDARD_ATTRIBUTES, "sub"])
"""Amplify's enum of standard attributes: the configurable ones, and ``sub``."""
SOCIAL_PROVIDERS = ["GOOGLE", "FACEBOOK", "LOGIN_WITH_AMAZON", "SIGN_IN_WITH_APPLE"]


def _strings(*, min_items: int = 0, unique: bool = True) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string"},
        "minItems": min_items,
        "uniqueItems": unique,
    }


def _closed(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }
    if required:
        schema["required"] = required
    return schema


AUTH_SCHEMA: dict[str, Any] = _closed(
    {
        "aws_region": {"$ref": "#/$defs/aws_region"},
        "user_pool_id": {"type": "string"},
        "user_pool_client_id": {"type": "string"},
        "identity_pool_id": {"type": "string"},
        "password_policy": _closed(
            {
                "min_length": {"type": "integer", "minimum": 6, "maximum": 99},
                "require_numbers": {"type": "boolean"},
                "require_lowercase": {"type": "boolean"},
                "require_uppercase": {"type": "boolean"},
                "require_symbols": {"type": "boolean"},
            },
            [
                "min_length",
                "require_numbers",
                "require_lowercase",
                "require_uppercase",
                "require_symbols",
            ],
        ),
        "oauth": _closed(
            {
                "identity_providers": {
                    "type": "array",
                    "items": {"type": "string", "enum": SOCIAL_PROVIDERS},
                    "minItems": 0,
                    "uniqueItems": True,
                },
                "domain": {"type": "string"},
                "scopes": _strings(),
                "redirect_sign_in_uri": _strings(min_items=1),
                "redirect_sign_out_uri": _strings(min_items=1),
                "response_type": {"type": "string", "enum": ["code", "token"]},
            },
            [
                "identity_providers",
                "domain",
                "scopes",
                "redirect_sign_in_uri",
                "redirect_sign_out_uri",
                "response_type",
            ],
        ),
        "standard_required_attributes": {
            "type": "array",
            "items": {"$ref": "#/$defs/amazon_cognito_standard_attributes"},
            "minItems": 0,
            "uniqueItems": True,
        },
        "username_attributes": {
            "type": "array",
            "items": {"type": "string", "enum": ["email", "phone_number", "username"]},
            "minItems": 1,
            "uniqueItems": True,
        },
        "user_verification_types": {
            "type": "array",
            "items": {"type": "string", "enum": ["email", "phone_number"]},
        },
        "unauthenticated_identities_enabled": {"type": "boolean", "default": True},
        "mfa_configuration": {"type": "string", "enum": ["NONE", "OPTIONAL", "REQUIRED"]},
        "mfa_methods": {"type": "array", "items": {"enum": ["SMS", "TOTP", "EMAIL"]}},
        "passwordless": _closed(
            {
                "email_otp_enabled": {"type": "boolean"},
                "sms_otp_enabled": {"type": "boolean"},
                "web_authn": _closed(
                    {
                        "relying_party_id": {"type": "string"},
                        "user_verification": {"type": "string", "enum": ["required", "preferred"]},
                    },
                    ["relying_party_id", "user_verification"],
                ),
                "preferred_challenge": {
                    "type": "string",
                    "enum": ["EMAIL_OTP", "SMS_OTP", "PASSWORD", "WEB_AUTHN"],
                },
            }
        ),
        "groups": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "propertyNames": {"type": "string"},
                "patternProperties": {".*": {"$ref": "#/$defs/amplify_user_group_config"}},
            },
        },
    },
    ["aws_region", "user_pool_id", "user_pool_client_id"],
)

OUTPUTS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://amplify.aws/2024-02/outputs-schema.json",
    "title": "AWS Amplify Backend Outputs",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "$schema": {"type": "string"},
        "version": {"const": OUTPUTS_VERSION},
        "analytics": {"type": "object"},
        "auth": AUTH_SCHEMA,
        "data": {"type": "object"},
        "geo": {"type": "object"},
        "notifications": {"type": "object"},
        "storage": {"type": "object"},
        "custom": {"type": "object"},
    },
    "required": ["version"],
    "$defs": {
        "aws_region": {"type": "string"},
        "amazon_cognito_standard_attributes": {"type": "string", "enum": STANDARD_ATTRIBUTE_NAMES},
        "amplify_user_group_config": _closed({"precedence": {"type": "integer"}}),
    },
}
