"""Federated sign-in configurations shared by the construct tests."""

from __future__ import annotations

from typing import Any

IDP = "AWS::Cognito::UserPoolIdentityProvider"
CLIENT = "AWS::Cognito::UserPoolClient"
DOMAIN = "AWS::Cognito::UserPoolDomain"
IDENTITY_POOL = "AWS::Cognito::IdentityPool"
SSM_READER = "Custom::CognitoAuthSsmSecureString"

HOSTED: dict[str, Any] = {
    "callback_urls": ["https://app.example.com/callback", "http://localhost:3000/"],
    "logout_urls": ["https://app.example.com/"],
    "domain_prefix": "shop-auth",
}

GOOGLE: dict[str, Any] = {
    "client_id": "1234-abc.apps.googleusercontent.com",
    "client_secret": {"secrets_manager": "shop/google"},
}
FACEBOOK: dict[str, Any] = {
    "client_id": "987654321",
    "client_secret": {"ssm_parameter": "/shop/facebook-secret"},
    "api_version": "v19.0",
}
AMAZON: dict[str, Any] = {
    "client_id": "amzn1.application-oa2-client.0123",
    "client_secret": {
        "secrets_manager": (
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:shop/amazon-AbCdEf"
        ),
        "json_field": "client_secret",
    },
}
APPLE: dict[str, Any] = {
    "client_id": "com.example.shop.web",
    "team_id": "ABCDE12345",
    "key_id": "KEY1234567",
    "private_key": {"secrets_manager": "shop/apple", "json_field": "private_key"},
}
OKTA: dict[str, Any] = {
    "name": "Okta",
    "client_id": "okta-client-id",
    "client_secret": {"secrets_manager": "shop/okta"},
    "issuer_url": "https://example.okta.com",
}
CORP: dict[str, Any] = {
    "name": "Corp",
    "metadata": {"url": "https://idp.example.com/metadata.xml"},
    "attribute_mapping": {"email": "http://schemas.xmlsoap.org/claims/EmailAddress"},
}
METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
</md:EntityDescriptor>
"""

ALL_PROVIDERS: dict[str, Any] = {
    "google": GOOGLE,
    "facebook": FACEBOOK,
    "login_with_amazon": AMAZON,
    "sign_in_with_apple": APPLE,
    "oidc": [OKTA, {**OKTA, "name": "Auth0", "issuer_url": "https://shop.eu.auth0.com/"}],
    "saml": [CORP],
}


def federated(external: dict[str, Any], **top: Any) -> dict[str, Any]:
    """Email sign-in plus ``external`` (over the hosted-page defaults above)."""
    login = top.pop("login_with", {"email": True})
    return {"login_with": {**login, "external_providers": {**HOSTED, **external}}, **top}
