"""The trust check on resolved trust policies, case by case."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth.constructs.trust import trust_problems

POOL = {"Ref": "Pool"}
COGNITO = "cognito-identity.amazonaws.com"
AUD = {"StringEquals": {f"{COGNITO}:aud": POOL}}
AMR = {"ForAnyValue:StringLike": {f"{COGNITO}:amr": "authenticated"}}


def document(condition: dict[str, Any] | None, **overrides: Any) -> dict[str, Any]:
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": {"Federated": COGNITO},
        "Action": "sts:AssumeRoleWithWebIdentity",
        **overrides,
    }
    if condition is not None:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


def found(doc: dict[str, Any], pool: Any = POOL) -> list[str]:
    return [p.split(" without the condition ")[-1] for p in trust_problems(doc, pool)]


def test_both_conditions_pass() -> None:
    assert found(document({**AUD, **AMR})) == []


@pytest.mark.parametrize(
    "condition",
    [
        {**AUD, "ForAnyValue:StringEquals": {f"{COGNITO}:amr": "unauthenticated"}},
        {"StringEquals": {f"{COGNITO}:aud": [POOL]}, **AMR},
        {**AUD, "ForAnyValue:StringLike": {f"{COGNITO}:amr": ["authenticated"]}},
    ],
)
def test_accepted_spellings(condition: dict[str, Any]) -> None:
    assert found(document(condition)) == []


@pytest.mark.parametrize(
    ("condition", "missing"),
    [
        (None, ["aud", "amr"]),
        (AUD, ["amr"]),
        (AMR, ["aud"]),
        ({"StringEquals": {f"{COGNITO}:aud": {"Ref": "OtherPool"}}, **AMR}, ["aud"]),
        ({**AUD, "ForAnyValue:StringLike": {f"{COGNITO}:amr": "*"}}, ["amr"]),
        (
            {
                **AUD,
                "ForAnyValue:StringLike": {f"{COGNITO}:amr": ["authenticated", "unauthenticated"]},
            },
            ["amr"],
        ),
        (
            {
                **AUD,
                **AMR,
                "ForAnyValue:StringEquals": {f"{COGNITO}:amr": "unauthenticated"},
            },
            ["amr"],
        ),
    ],
)
def test_missing_or_loose_conditions(condition: dict[str, Any] | None, missing: list[str]) -> None:
    problems = found(document(condition))
    assert len(problems) == len(missing)
    for problem, key in zip(problems, missing, strict=True):
        assert f"{COGNITO}:{key}" in problem


def test_statements_that_do_not_trust_cognito_are_ignored() -> None:
    assert found(document(None, Principal={"Service": "lambda.amazonaws.com"})) == []
    assert found(document(None, Effect="Deny")) == []
    assert found({"Statement": []}) == []
    assert found("not a document") == []


def test_federated_lists_are_seen() -> None:
    doc = document(None, Principal={"Federated": ["accounts.google.com", COGNITO]})
    assert len(found(doc)) == 2


def test_without_an_identity_pool() -> None:
    (problem, _) = trust_problems(document({**AUD, "x": {}}), None)
    assert problem.endswith("but the backend has no identity pool")
