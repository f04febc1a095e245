"""The test IAM evaluator itself: each rule it implements, on hand-written policies, so
that the policy tests built on it can be trusted."""

from __future__ import annotations

from typing import Any

import pytest

from iam_eval import (
    Request,
    Unsupported,
    allowed,
    evaluate,
    glob_match,
    resolve,
    role_statements,
    substitute,
)

SUB = "cognito-identity.amazonaws.com:sub"
BUCKET = "arn:aws:s3:::b"


def allow(action: Any, resource: Any, **extra: Any) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **extra}


def deny(action: Any, resource: Any, **extra: Any) -> dict[str, Any]:
    return {"Effect": "Deny", "Action": action, "Resource": resource, **extra}


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        ("a*", "abc", True),
        ("a*", "bac", False),
        ("a?c", "abc", True),
        ("a?c", "abbc", False),
        ("*", "", True),
        ("a.c", "abc", False),  # regex characters are literal
        ("a/*/c", "a/b/x/c", True),  # * crosses slashes
    ],
)
def test_glob(pattern: str, value: str, expected: bool) -> None:
    assert glob_match(pattern, value) is expected


def test_actions_match_case_insensitively_with_wildcards() -> None:
    policy = [allow("s3:get*", "*")]
    assert allowed(policy, Request("S3:GetObject", "x"))
    assert not allowed(policy, Request("s3:PutObject", "x"))
    assert allowed([allow(["s3:PutObject", "s3:GetObject"], "*")], Request("s3:GetObject"))


def test_resources_match_case_sensitively() -> None:
    policy = [allow("s3:GetObject", f"{BUCKET}/Public/*")]
    assert allowed(policy, Request("s3:GetObject", f"{BUCKET}/Public/a"))
    assert not allowed(policy, Request("s3:GetObject", f"{BUCKET}/public/a"))


def test_implicit_and_explicit_deny() -> None:
    assert evaluate([], Request("s3:GetObject", "x")) == "ImplicitDeny"
    policy = [allow("s3:*", f"{BUCKET}/*"), deny("s3:DeleteObject", f"{BUCKET}/keep/*")]
    assert evaluate(policy, Request("s3:DeleteObject", f"{BUCKET}/a")) == "Allow"
    assert evaluate(policy, Request("s3:DeleteObject", f"{BUCKET}/keep/a")) == "ExplicitDeny"
    # order does not matter: a deny anywhere wins
    assert evaluate(policy[::-1], Request("s3:DeleteObject", f"{BUCKET}/keep/a")) == (
        "ExplicitDeny"
    )


def test_not_action_and_not_resource() -> None:
    policy = [{"Effect": "Allow", "NotAction": "s3:DeleteObject", "NotResource": f"{BUCKET}/x"}]
    assert allowed(policy, Request("s3:GetObject", f"{BUCKET}/y"))
    assert not allowed(policy, Request("s3:DeleteObject", f"{BUCKET}/y"))
    assert not allowed(policy, Request("s3:GetObject", f"{BUCKET}/x"))


def test_policy_variables_in_resources() -> None:
    policy = [allow("s3:GetObject", f"{BUCKET}/private/${{{SUB}}}/*")]
    me = {SUB: "us-east-1:aaa"}
    assert allowed(policy, Request("s3:GetObject", f"{BUCKET}/private/us-east-1:aaa/p.jpg", me))
    assert not allowed(policy, Request("s3:GetObject", f"{BUCKET}/private/us-east-1:bbb/p.jpg", me))
    # without the variable in the request, the statement matches nothing
    assert not allowed(policy, Request("s3:GetObject", f"{BUCKET}/private/us-east-1:aaa/p.jpg"))


def test_variable_values_are_literal_not_wildcards() -> None:
    policy = [allow("s3:GetObject", f"{BUCKET}/private/${{{SUB}}}/*")]
    sneaky = {SUB: "*"}
    assert not allowed(policy, Request("s3:GetObject", f"{BUCKET}/private/someone/p.jpg", sneaky))
    assert allowed(policy, Request("s3:GetObject", f"{BUCKET}/private/*/p.jpg", sneaky))


def test_escaped_characters() -> None:
    assert substitute("a${*}b", {}) is not None
    policy = [allow("s3:GetObject", f"{BUCKET}/a${{*}}b")]
    assert allowed(policy, Request("s3:GetObject", f"{BUCKET}/a*b"))
    assert not allowed(policy, Request("s3:GetObject", f"{BUCKET}/axyzb"))


def test_variable_names_are_case_insensitive() -> None:
    assert substitute("${Cognito-Identity.amazonaws.com:SUB}", {SUB: "x"}) == "x"
    assert substitute("${aws:username}", {}) is None


def test_string_like_condition_with_variables() -> None:
    policy = [
        allow(
            "s3:ListBucket",
            BUCKET,
            Condition={"StringLike": {"s3:prefix": [f"private/${{{SUB}}}/*", "public/"]}},
        )
    ]
    me = {SUB: "id-a"}
    assert allowed(policy, Request("s3:ListBucket", BUCKET, {**me, "s3:prefix": "public/"}))
    assert allowed(policy, Request("s3:ListBucket", BUCKET, {**me, "s3:prefix": "private/id-a/x"}))
    assert not allowed(
        policy, Request("s3:ListBucket", BUCKET, {**me, "s3:prefix": "private/id-b/x"})
    )
    assert not allowed(policy, Request("s3:ListBucket", BUCKET, {**me, "s3:prefix": "public/x"}))
    # no prefix in the request: the condition key is missing, so it does not hold
    assert not allowed(policy, Request("s3:ListBucket", BUCKET, me))


def test_condition_keys_are_case_insensitive_and_values_not() -> None:
    policy = [allow("s3:ListBucket", BUCKET, Condition={"StringEquals": {"S3:Prefix": "a/"}})]
    assert allowed(policy, Request("s3:ListBucket", BUCKET, {"s3:prefix": "a/"}))
    assert not allowed(policy, Request("s3:ListBucket", BUCKET, {"s3:prefix": "A/"}))


def test_negated_conditions_hold_when_the_key_is_missing() -> None:
    policy = [allow("s3:GetObject", "*", Condition={"StringNotEquals": {"aws:x": "no"}})]
    assert allowed(policy, Request("s3:GetObject", "r"))
    assert allowed(policy, Request("s3:GetObject", "r", {"aws:x": "yes"}))
    assert not allowed(policy, Request("s3:GetObject", "r", {"aws:x": "no"}))
    like = [allow("s3:GetObject", "*", Condition={"StringNotLike": {"aws:x": "n*"}})]
    assert not allowed(like, Request("s3:GetObject", "r", {"aws:x": "nope"}))


def test_multivalued_condition_operators() -> None:
    amr = "cognito-identity.amazonaws.com:amr"
    any_value = [allow("x:Y", "*", Condition={"ForAnyValue:StringLike": {amr: "authenticated"}})]
    signed_in = {amr: ["authenticated", "cognito-idp.us-east-1.amazonaws.com/pool"]}
    assert allowed(any_value, Request("x:Y", "r", signed_in))
    assert not allowed(any_value, Request("x:Y", "r", {amr: ["unauthenticated"]}))
    assert not allowed(any_value, Request("x:Y", "r"))
    all_values = [allow("x:Y", "*", Condition={"ForAllValues:StringEquals": {amr: ["a", "b"]}})]
    assert allowed(all_values, Request("x:Y", "r", {amr: ["a"]}))
    assert not allowed(all_values, Request("x:Y", "r", {amr: ["a", "c"]}))
    assert allowed(all_values, Request("x:Y", "r"))  # vacuously true, as in IAM
    not_any = [allow("x:Y", "*", Condition={"ForAnyValue:StringNotEquals": {amr: "a"}})]
    assert allowed(not_any, Request("x:Y", "r", {amr: ["a", "b"]}))
    assert not allowed(not_any, Request("x:Y", "r", {amr: ["a"]}))


def test_all_conditions_must_hold() -> None:
    policy = [
        allow(
            "x:Y",
            "*",
            Condition={"StringEquals": {"k:a": "1"}, "StringLike": {"k:b": "2*"}},
        )
    ]
    assert allowed(policy, Request("x:Y", "r", {"k:a": "1", "k:b": "22"}))
    assert not allowed(policy, Request("x:Y", "r", {"k:a": "1", "k:b": "3"}))


def test_trust_policies_match_the_federated_principal() -> None:
    trust = [
        {
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
        }
    ]
    cognito = {"Federated": "cognito-identity.amazonaws.com"}
    assert allowed(trust, Request("sts:AssumeRoleWithWebIdentity", principal=cognito))
    other = {"Federated": "accounts.google.com"}
    assert not allowed(trust, Request("sts:AssumeRoleWithWebIdentity", principal=other))


@pytest.mark.parametrize(
    "statement",
    [
        allow("x:Y", "*", Condition={"NumericEquals": {"k": "1"}}),
        allow("x:Y", "*", Condition={"StringEqualsIfExists": {"k": "1"}}),
        {"Effect": "Maybe", "Action": "x:Y", "Resource": "*"},
        {"Effect": "Allow", "Resource": "*"},
        {"Effect": "Allow", "Action": "x:Y"},
        allow("x:Y", "${aws:username, 'x'}"),
    ],
)
def test_unsupported_features_raise_instead_of_guessing(statement: dict[str, Any]) -> None:
    with pytest.raises(Unsupported):
        evaluate([statement], Request("x:Y", "r", {"k": "1"}))


def test_resolve_intrinsics() -> None:
    value = {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": "Bucket"}, "/*"],
        ]
    }
    assert resolve(value) == "arn:aws:s3:::Bucket/*"
    assert resolve({"Fn::GetAtt": ["Pool", "Arn"]}, {"Pool": "arn:pool"}) == "arn:pool"
    assert resolve({"Fn::GetAtt": ["Pool", "ProviderName"]}) == "Pool.ProviderName"
    with pytest.raises(Unsupported):
        resolve({"Fn::Sub": "x"})


def test_role_statements_collects_every_kind_of_attachment() -> None:
    statement = allow("s3:GetObject", "arn:aws:s3:::b/*")
    document = {"Version": "2012-10-17", "Statement": [statement]}
    template = {
        "Resources": {
            "R": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "Policies": [{"PolicyName": "p", "PolicyDocument": document}],
                    "ManagedPolicyArns": [{"Ref": "M2"}, "arn:aws:iam::aws:policy/X"],
                },
            },
            "Other": {"Type": "AWS::IAM::Role", "Properties": {}},
            "P": {
                "Type": "AWS::IAM::Policy",
                "Properties": {"PolicyDocument": document, "Roles": [{"Ref": "R"}]},
            },
            "M1": {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {"PolicyDocument": document, "Roles": [{"Ref": "R"}]},
            },
            "M2": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": document}},
            "M3": {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {"PolicyDocument": document, "Roles": [{"Ref": "Other"}]},
            },
        }
    }
    assert len(role_statements(template, "R")) == 4
    assert len(role_statements(template, "Other")) == 1
