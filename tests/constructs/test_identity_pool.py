"""The identity pool, its roles, groups and the token-based role mapping."""

from __future__ import annotations

from typing import Any

from samples import KEPT_ROLE, KEPT_ROLE_MAPPED
from support import synth

IDENTITY_POOL = "AWS::Cognito::IdentityPool"
ATTACHMENT = "AWS::Cognito::IdentityPoolRoleAttachment"


def trust(role: dict[str, Any]) -> dict[str, Any]:
    (statement,) = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    return statement  # type: ignore[no-any-return]


def test_identity_pool_with_authenticated_role_only_by_default() -> None:
    result = synth({})
    backend = result.backend
    assert backend.identity_pool is not None
    assert backend.unauthenticated_role is None
    pool = result.only(IDENTITY_POOL)
    assert pool["AllowUnauthenticatedIdentities"] is False
    assert pool["AllowClassicFlow"] is False
    (provider,) = pool["CognitoIdentityProviders"]
    assert provider["ServerSideTokenCheck"] is True
    assert provider["ClientId"] == {"Ref": "AuthWebClientB65B58AE"}
    roles = result.resources("AWS::IAM::Role")
    assert len(roles) == 1
    statement = trust(next(iter(roles.values())))
    assert statement == {
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Condition": {
            "StringEquals": {
                "cognito-identity.amazonaws.com:aud": {"Ref": "AuthIdentityPool659E7F64"}
            },
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
        },
    }


def test_token_role_mapping_resolves_ambiguity_to_the_authenticated_role() -> None:
    result = synth({})
    attachment = result.only(ATTACHMENT)
    assert set(attachment["Roles"]) == {"authenticated"}
    mapping = attachment["RoleMappings"]["web"]
    assert mapping["Type"] == "Token"
    assert mapping["AmbiguousRoleResolution"] == "AuthenticatedRole"
    joined = mapping["IdentityProvider"]["Fn::Join"][1]
    assert {"Fn::GetAtt": ["AuthUserPool8115E87F", "ProviderName"]} in joined
    assert {"Ref": "AuthWebClientB65B58AE"} in joined


def test_guest_access_adds_the_unauthenticated_role() -> None:
    result = synth({"guest_access": True})
    assert result.backend.unauthenticated_role is not None
    assert result.only(IDENTITY_POOL)["AllowUnauthenticatedIdentities"] is True
    assert set(result.only(ATTACHMENT)["Roles"]) == {"authenticated", "unauthenticated"}
    amr = sorted(
        trust(role)["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"]
        for role in result.resources("AWS::IAM::Role").values()
    )
    assert amr == ["authenticated", "unauthenticated"]


def test_no_identity_pool() -> None:
    result = synth({"identity_pool": False, "groups": ["ADMINS"]})
    result.template.resource_count_is(IDENTITY_POOL, 0)
    result.template.resource_count_is(ATTACHMENT, 0)
    result.template.resource_count_is("AWS::IAM::Role", 0)
    backend = result.backend
    assert backend.identity_pool is None
    assert backend.authenticated_role is None
    assert dict(backend.group_roles) == {}
    group = result.only("AWS::Cognito::UserPoolGroup")
    assert group["GroupName"] == "ADMINS"
    assert "RoleArn" not in group


def test_groups_with_precedence_description_and_roles() -> None:
    result = synth(
        {
            "groups": [
                "ADMINS",
                {"name": "EDITORS", "description": "Edit things"},
                {"name": "Support/EU", "precedence": 7},
            ]
        }
    )
    groups = {
        g["Properties"]["GroupName"]: g["Properties"]
        for g in result.resources("AWS::Cognito::UserPoolGroup").values()
    }
    assert {name: g["Precedence"] for name, g in groups.items()} == {
        "ADMINS": 0,
        "EDITORS": 1,
        "Support/EU": 7,
    }
    assert groups["EDITORS"]["Description"] == "Edit things"
    backend = result.backend
    assert set(backend.group_roles) == {"ADMINS", "EDITORS", "Support/EU"}
    assert set(backend.groups) == set(backend.group_roles)
    roles = result.resources("AWS::IAM::Role")
    assert len(roles) == 4
    for name, group in groups.items():
        logical_id = group["RoleArn"]["Fn::GetAtt"][0]
        statement = trust(roles[logical_id])
        assert statement["Condition"]["ForAnyValue:StringLike"] == {
            "cognito-identity.amazonaws.com:amr": "authenticated"
        }, name
        assert statement["Condition"]["StringEquals"] == {
            "cognito-identity.amazonaws.com:aud": {"Ref": "AuthIdentityPool659E7F64"}
        }


def test_web_client() -> None:
    result = synth({})
    client = result.only("AWS::Cognito::UserPoolClient")
    assert client == {
        "UserPoolId": {"Ref": "AuthUserPool8115E87F"},
        "AllowedOAuthFlowsUserPoolClient": False,
        "EnableTokenRevocation": True,
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "GenerateSecret": False,
        "PreventUserExistenceErrors": "ENABLED",
        "SupportedIdentityProviders": ["COGNITO"],
    }
    assert result.backend.user_pool_client is result.backend.clients["web"]


def test_the_identity_pool_reference_is_made_once_and_points_at_the_pool() -> None:
    result = synth({})
    backend = result.backend
    assert backend.node.try_find_child("IdentityPoolRef") is None  # not before first use
    pool = backend.identity_pool
    assert pool is not None
    assert backend.identity_pool is pool
    assert result.stack.resolve(pool.identity_pool_id) == {"Ref": "AuthIdentityPool659E7F64"}


def test_a_group_keeps_its_existing_role() -> None:
    """``role_arn`` (what adopt writes): the group's RoleArn is the existing role, the
    backend creates no role for it and changes nothing on it, and rule-based role mapping
    names it; the other groups get the backend's roles."""
    result = synth(KEPT_ROLE_MAPPED)
    groups = {
        g["Properties"]["GroupName"]: g["Properties"]
        for g in result.resources("AWS::Cognito::UserPoolGroup").values()
    }
    assert groups["ADMINS"]["RoleArn"] == KEPT_ROLE
    assert "Fn::GetAtt" in groups["EDITORS"]["RoleArn"]
    roles = result.resources("AWS::IAM::Role")
    assert len(roles) == 2  # authenticated and EDITORS: none for ADMINS
    assert all("ADMINS" not in logical_id for logical_id in roles)
    assert not any(
        KEPT_ROLE in str(p) or "legacy-admins" in str(p)
        for kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")
        for p in result.resources(kind).values()
    )
    (rule,) = result.only(ATTACHMENT)["RoleMappings"]["web"]["RulesConfiguration"]["Rules"]
    assert rule["RoleARN"] == KEPT_ROLE
    assert result.backend.group_roles["ADMINS"].role_arn == KEPT_ROLE


def test_a_kept_role_without_identity_pool() -> None:
    result = synth(
        {"identity_pool": False, "groups": [{"name": "ADMINS", "role_arn": KEPT_ROLE}, "EDITORS"]}
    )
    groups = {
        g["Properties"]["GroupName"]: g["Properties"]
        for g in result.resources("AWS::Cognito::UserPoolGroup").values()
    }
    assert groups["ADMINS"]["RoleArn"] == KEPT_ROLE
    assert "RoleArn" not in groups["EDITORS"]
    assert result.resources("AWS::IAM::Role") == {}
    assert set(result.backend.group_roles) == {"ADMINS"}


def test_a_group_without_role() -> None:
    result = synth({"groups": [{"name": "NEWS", "iam_role": False}, "EDITORS"]})
    groups = {
        g["Properties"]["GroupName"]: g["Properties"]
        for g in result.resources("AWS::Cognito::UserPoolGroup").values()
    }
    assert "RoleArn" not in groups["NEWS"]
    assert "Fn::GetAtt" in groups["EDITORS"]["RoleArn"]
    assert len(result.resources("AWS::IAM::Role")) == 2  # authenticated and EDITORS
    assert set(result.backend.group_roles) == {"EDITORS"}


def test_python_grants_to_a_kept_role_are_refused() -> None:
    import pytest

    from cognito_auth import ConfigError

    backend = synth({"groups": [{"name": "ADMINS", "role_arn": KEPT_ROLE}]}).backend
    for call in (
        lambda: backend.grant_access("group:ADMINS", "s3:GetObject", "arn:aws:s3:::b/*"),
        lambda: backend.role_for("group:ADMINS"),
    ):
        with pytest.raises(ConfigError) as raised:
            call()
        assert [p.code for p in raised.value.problems] == ["group_role_kept"]
