"""What a stack deletion or a replacement keeps, per profile (DeletionPolicy and
UpdateReplacePolicy in the template)."""

from __future__ import annotations

from typing import Any

import pytest

from samples import API, HOSTED
from support import Synth, synth

STATE = (
    "AWS::Cognito::UserPool",
    "AWS::Cognito::IdentityPool",
    "AWS::Cognito::UserPoolGroup",
    "AWS::Cognito::UserPoolClient",
    "AWS::Cognito::UserPoolIdentityProvider",
    "AWS::Cognito::UserPoolResourceServer",
)
"""What holds users' data, or what a retained pool's apps and users still depend on."""

REBUILT = (
    "AWS::Cognito::UserPoolDomain",
    "AWS::Cognito::IdentityPoolRoleAttachment",
    "AWS::IAM::Role",
)
"""What the configuration recreates exactly (and a retained copy would block or leave
live credentials behind)."""


def everything(profile: str) -> dict[str, Any]:
    return {
        "profile": profile,
        "groups": ["ADMINS", "EDITORS"],
        "clients": [
            "web",
            {"name": "jobs", "kind": "machine", "scopes": ["https://api.example.com/orders.read"]},
        ],
        "resource_servers": [API],
        "login_with": {
            "email": True,
            "external_providers": {
                "google": {
                    "client_id": "1234.apps.googleusercontent.com",
                    "client_secret": {"secrets_manager": "shop/google"},
                },
                **HOSTED,
            },
        },
    }


def policies(result: Synth, kind: str) -> set[tuple[str | None, str | None]]:
    found = result.resources(kind)
    assert found, f"the template has no {kind}"
    return {(r.get("DeletionPolicy"), r.get("UpdateReplacePolicy")) for r in found.values()}


@pytest.fixture(scope="module")
def production() -> Synth:
    return synth(everything("production"))


@pytest.fixture(scope="module")
def development() -> Synth:
    return synth(everything("development"))


@pytest.mark.parametrize("kind", STATE)
def test_production_retains_state_on_deletion_and_replacement(production: Synth, kind: str) -> None:
    assert policies(production, kind) == {("Retain", "Retain")}


@pytest.mark.parametrize("kind", STATE)
def test_development_deletes_state_with_the_stack(development: Synth, kind: str) -> None:
    # Written explicitly: cdk import (cognito-auth adopt) needs a DeletionPolicy on each
    # resource it imports, whatever its value.
    assert policies(development, kind) == {("Delete", "Delete")}


@pytest.mark.parametrize("fixture", ["production", "development"])
def test_the_domain_is_deleted_in_both_profiles(
    request: pytest.FixtureRequest, fixture: str
) -> None:
    result: Synth = request.getfixturevalue(fixture)
    # A retained prefix stays bound to the old pool: deploying the configuration again
    # would fail. The explicit policy lets cdk import take over an existing domain.
    assert policies(result, "AWS::Cognito::UserPoolDomain") == {("Delete", "Delete")}


@pytest.mark.parametrize("kind", REBUILT[1:])
def test_roles_and_their_attachment_are_never_retained(production: Synth, kind: str) -> None:
    # No policy written: CloudFormation's default (Delete). A retained role would keep
    # handing out credentials for an identity pool no stack manages.
    assert policies(production, kind) == {(None, None)}


def test_the_identity_pool_has_the_profile_policy_without_groups_or_providers() -> None:
    result = synth({"profile": "production"})
    assert policies(result, "AWS::Cognito::IdentityPool") == {("Retain", "Retain")}
    assert not result.resources("AWS::Cognito::UserPoolGroup")


def test_without_an_identity_pool_nothing_else_changes() -> None:
    result = synth({"identity_pool": False, "groups": ["ADMINS"]})
    assert not result.resources("AWS::Cognito::IdentityPool")
    assert policies(result, "AWS::Cognito::UserPoolGroup") == {("Retain", "Retain")}
