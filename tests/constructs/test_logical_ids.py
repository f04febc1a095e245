"""Stateful logical ids are pinned: they follow the backend's path only."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from constructs import Construct

from cognito_auth import AuthBackend
from cognito_auth.naming import cdk_logical_id
from support import synth

STATEFUL = {
    "AWS::Cognito::UserPool": "AuthUserPool8115E87F",
    "AWS::Cognito::UserPoolClient": "AuthWebClientB65B58AE",
    "AWS::Cognito::IdentityPool": "AuthIdentityPool659E7F64",
}


def test_stateful_logical_ids_are_pinned() -> None:
    result = synth({"groups": ["ADMINS"], "guest_access": True})
    for kind, logical_id in STATEFUL.items():
        assert list(result.resources(kind)) == [logical_id]


@pytest.mark.parametrize(
    "path",
    [["Auth", "UserPool", "Resource"], ["A", "B", "Default", "Resource"], ["Top"], ["x-y", "z"]],
)
def test_the_algorithm_is_the_cdks(path: list[str]) -> None:
    """Our computation matches the CDK's own allocation for the same path."""
    app = cdk.App()
    stack = cdk.Stack(app, "S")
    parent: Construct = stack
    for part in path[:-1]:
        parent = Construct(parent, part)
    element = cognito.CfnUserPool(parent, path[-1])
    assert stack.resolve(stack.get_logical_id(element)) == cdk_logical_id(path)


def test_a_nested_backend_gets_the_ids_of_its_path() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "S")
    AuthBackend(Construct(stack, "Platform"), "Auth", config={}, lock_file=None)
    resources = app.synth().get_stack_by_name("S").template["Resources"]
    expected = cdk_logical_id(["Platform", "Auth", "UserPool", "Resource"])
    assert expected.startswith("PlatformAuthUserPool")
    assert resources[expected]["Type"] == "AWS::Cognito::UserPool"


def test_domain_and_provider_ids_follow_the_backend_path() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "S")
    config = {
        "login_with": {
            "email": True,
            "external_providers": {
                "google": {"client_id": "g", "client_secret": {"secrets_manager": "g"}},
                "domain_prefix": "shop-auth",
                "callback_urls": ["https://a.example.com/"],
                "logout_urls": ["https://a.example.com/"],
            },
        }
    }
    AuthBackend(Construct(stack, "Platform"), "Auth", config=config, lock_file=None)
    resources = app.synth().get_stack_by_name("S").template["Resources"]
    for name, kind in (
        ("UserPoolDomain", "AWS::Cognito::UserPoolDomain"),
        ("GoogleProvider", "AWS::Cognito::UserPoolIdentityProvider"),
    ):
        expected = cdk_logical_id(["Platform", "Auth", name, "Resource"])
        assert resources[expected]["Type"] == kind
