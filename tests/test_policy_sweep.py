"""The sweep that runs after every test (``conftest.py``) finds what it must find."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_s3 as s3

from cognito_auth import AuthBackend
from policy_sweep import sweep_problems
from support import SYNTHESIZED, synth

COGNITO = "cognito-identity.amazonaws.com"


def template(trust_condition: dict[str, Any], actions: list[str]) -> dict[str, Any]:
    return {
        "Resources": {
            "Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Federated": COGNITO},
                                "Action": "sts:AssumeRoleWithWebIdentity",
                                "Condition": trust_condition,
                            }
                        ]
                    }
                },
            },
            "Policy": {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                    "Roles": [{"Ref": "Role"}],
                    "PolicyDocument": {
                        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]
                    },
                },
            },
        }
    }


GOOD_TRUST = {
    "StringEquals": {f"{COGNITO}:aud": {"Ref": "Pool"}},
    "ForAnyValue:StringLike": {f"{COGNITO}:amr": "authenticated"},
}


def test_a_clean_template_passes() -> None:
    assert list(sweep_problems(template(GOOD_TRUST, ["s3:GetObject"]))) == []


@pytest.mark.parametrize(
    ("condition", "actions", "expected"),
    [
        ({}, ["s3:GetObject"], ["aud", "amr"]),
        ({"StringEquals": GOOD_TRUST["StringEquals"]}, ["s3:GetObject"], ["amr"]),
        (
            {
                **GOOD_TRUST,
                "ForAnyValue:StringLike": {f"{COGNITO}:amr": "*"},
            },
            ["s3:GetObject"],
            ["amr"],
        ),
        (GOOD_TRUST, ["s3:*"], ["'s3:*'"]),
        (GOOD_TRUST, ["s3:GetObject", "*"], ["'*'"]),
        (GOOD_TRUST, ["s3:Get?bject"], ["'s3:Get?bject'"]),
    ],
)
def test_the_sweep_finds(
    condition: dict[str, Any], actions: list[str], expected: list[str]
) -> None:
    found = list(sweep_problems(template(condition, actions)))
    assert len(found) == len(expected)
    for problem, fragment in zip(found, expected, strict=True):
        assert problem.startswith("Role: ")
        assert fragment in problem


def test_roles_that_do_not_trust_cognito_are_not_swept() -> None:
    data = template(GOOD_TRUST, ["s3:*"])
    statement = data["Resources"]["Role"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    statement["Principal"] = {"Service": "lambda.amazonaws.com"}
    assert list(sweep_problems(data)) == []


def test_every_synthesized_template_is_recorded() -> None:
    before = len(SYNTHESIZED)
    synth({"groups": ["ADMINS"]})
    assert len(SYNTHESIZED) == before + 1


@pytest.mark.cdk_wildcard_grants
def test_the_sweep_sees_cdk_wildcard_grants() -> None:
    """CDK's own grant_* methods use wildcard actions: the sweep flags them (this test
    opts out of the automatic sweep with the marker, and sweeps by hand)."""

    def build(stack: cdk.Stack) -> None:
        backend = stack.node.find_child("Auth")
        assert isinstance(backend, AuthBackend)
        s3.Bucket(stack, "Media").grant_read(backend.role_for("authenticated"))

    import json

    result = synth({}, build=build)
    assert json.dumps(result.json, sort_keys=True) in SYNTHESIZED
    found = list(sweep_problems(result.json))
    assert any("'s3:GetObject*'" in problem for problem in found)


def test_secret_sweep_flags_plain_values() -> None:
    from policy_sweep import secret_problems

    template = {
        "Resources": {
            "Idp": {
                "Type": "AWS::Cognito::UserPoolIdentityProvider",
                "Properties": {"ProviderDetails": {"client_secret": "hunter2"}},
            },
            "Ok": {
                "Type": "AWS::Cognito::UserPoolIdentityProvider",
                "Properties": {
                    "ProviderDetails": {"client_secret": "{{resolve:secretsmanager:x}}"}
                },
            },
        }
    }
    assert list(secret_problems(template)) == [
        "Idp: ProviderDetails.client_secret is not a secret reference"
    ]
