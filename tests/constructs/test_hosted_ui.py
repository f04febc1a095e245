"""The hosted sign-in domain, OAuth on the web client, and identity pool federation."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest

from cognito_auth import AuthBackend
from federation import (
    AMAZON,
    APPLE,
    CLIENT,
    CORP,
    DOMAIN,
    FACEBOOK,
    GOOGLE,
    IDENTITY_POOL,
    OKTA,
    federated,
)
from support import synth

CERT = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1234-5678-9abc-0123456789ab"
OAUTH_KEYS = ("AllowedOAuthFlows", "AllowedOAuthScopes", "CallbackURLs", "LogoutURLs")


def assert_no_oauth(web: dict[str, Any]) -> None:
    assert web["AllowedOAuthFlowsUserPoolClient"] is False
    for key in OAUTH_KEYS:
        assert key not in web, key


def test_no_oauth_without_the_hosted_pages() -> None:
    result = synth({})
    web = result.only(CLIENT)
    assert_no_oauth(web)
    assert web["SupportedIdentityProviders"] == ["COGNITO"]
    assert result.backend.domain is None
    assert result.backend.domain_url is None
    result.template.resource_count_is(DOMAIN, 0)


def test_oauth_on_the_web_client() -> None:
    result = synth(federated({"google": GOOGLE}))
    web = result.only(CLIENT)
    assert web["AllowedOAuthFlows"] == ["code"]
    assert web["AllowedOAuthFlowsUserPoolClient"] is True
    assert web["AllowedOAuthScopes"] == ["openid", "email", "profile"]
    assert web["CallbackURLs"] == ["https://app.example.com/callback", "http://localhost:3000/"]
    assert web["LogoutURLs"] == ["https://app.example.com/"]
    # Unchanged by OAuth: SRP and refresh only, no secret.
    assert web["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert web["GenerateSecret"] is False


def test_oauth_scopes_as_configured() -> None:
    scopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]
    web = synth(federated({"google": GOOGLE, "scopes": scopes})).only(CLIENT)
    assert web["AllowedOAuthScopes"] == scopes


def test_hosted_pages_for_cognito_users_only() -> None:
    result = synth(federated({}))
    web = result.only(CLIENT)
    assert web["SupportedIdentityProviders"] == ["COGNITO"]
    assert web["AllowedOAuthFlows"] == ["code"]
    assert "DependsOn" not in next(iter(result.resources(CLIENT).values()))


def test_a_domain_for_verification_links_only_keeps_the_client_without_oauth() -> None:
    result = synth(
        {
            "login_with": {
                "email": {"verification_email_style": "link"},
                "external_providers": {"domain_prefix": "shop-auth"},
            }
        }
    )
    assert_no_oauth(result.only(CLIENT))
    assert result.only(DOMAIN)["Domain"] == "shop-auth"


def test_prefix_domain() -> None:
    result = synth(federated({"google": GOOGLE}))
    assert result.resources(DOMAIN) == {
        "AuthUserPoolDomain97947401": {
            "Type": DOMAIN,
            "Properties": {
                "Domain": "shop-auth",
                "ManagedLoginVersion": 1,
                "UserPoolId": {"Ref": "AuthUserPool8115E87F"},
            },
            # a domain holds no data, and a retained prefix would block a redeploy
            "DeletionPolicy": "Delete",
            "UpdateReplacePolicy": "Delete",
        }
    }
    backend = result.backend
    assert backend.domain is not None
    assert result.stack.resolve(backend.domain_url) == {
        "Fn::Join": [
            "",
            [
                "https://",
                {"Ref": "AuthUserPoolDomain97947401"},
                ".auth.",
                {"Ref": "AWS::Region"},
                ".amazoncognito.com",
            ],
        ]
    }
    result.template.resource_count_is("AWS::Cognito::ManagedLoginBranding", 0)


def test_prefix_domain_url_in_a_stack_with_a_region() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "S", env=cdk.Environment(account="123456789012", region="eu-west-1"))
    auth = AuthBackend(stack, "Auth", config=federated({"google": GOOGLE}), lock_file=None)
    assert stack.resolve(auth.domain_url) == {
        "Fn::Join": [
            "",
            [
                "https://",
                {"Ref": "AuthUserPoolDomain97947401"},
                ".auth.eu-west-1.amazoncognito.com",
            ],
        ]
    }


def test_custom_domain() -> None:
    result = synth(
        federated(
            {
                "google": GOOGLE,
                "domain_prefix": None,
                "custom_domain": {"domain_name": "auth.example.com", "certificate_arn": CERT},
            }
        )
    )
    assert result.only(DOMAIN) == {
        "Domain": "auth.example.com",
        "CustomDomainConfig": {"CertificateArn": CERT},
        "ManagedLoginVersion": 1,
        "UserPoolId": {"Ref": "AuthUserPool8115E87F"},
    }
    assert list(result.resources(DOMAIN)) == ["AuthUserPoolDomain97947401"]
    assert result.backend.domain_url == "https://auth.example.com"


def test_managed_login_gives_the_web_client_cognito_s_style() -> None:
    result = synth(federated({"google": GOOGLE, "managed_login_version": "managed_login"}))
    assert result.only(DOMAIN)["ManagedLoginVersion"] == 2
    assert result.only("AWS::Cognito::ManagedLoginBranding") == {
        "UserPoolId": {"Ref": "AuthUserPool8115E87F"},
        "ClientId": {"Ref": "AuthWebClientB65B58AE"},
        "UseCognitoProvidedValues": True,
    }


def test_identity_pool_login_providers() -> None:
    result = synth(
        federated(
            {
                "google": GOOGLE,
                "facebook": FACEBOOK,
                "login_with_amazon": AMAZON,
                "sign_in_with_apple": APPLE,
                "oidc": [OKTA],
                "saml": [CORP],
            }
        )
    )
    assert result.only(IDENTITY_POOL)["SupportedLoginProviders"] == {
        "accounts.google.com": "1234-abc.apps.googleusercontent.com",
        "graph.facebook.com": "987654321",
        "www.amazon.com": "amzn1.application-oa2-client.0123",
        "appleid.apple.com": "com.example.shop.web",
    }


@pytest.mark.parametrize(
    "data",
    [
        federated({"google": GOOGLE, "identity_pool_federation": False}),
        federated({"oidc": [OKTA], "saml": [CORP]}),
        {},
    ],
    ids=["switched-off", "enterprise-only", "no-providers"],
)
def test_no_identity_pool_login_providers(data: dict[str, Any]) -> None:
    assert "SupportedLoginProviders" not in synth(data).only(IDENTITY_POOL)


def test_providers_without_an_identity_pool() -> None:
    result = synth(federated({"google": GOOGLE}, identity_pool=False))
    result.template.resource_count_is(IDENTITY_POOL, 0)
    assert result.only(CLIENT)["SupportedIdentityProviders"] == ["Google", "COGNITO"]
