"""The messages written once in ``config/rules/common.py``: their wording, paths and
codes, so the tests of each rule can assert only codes and paths."""

from __future__ import annotations

import pytest

from cognito_auth.config.rules.common import (
    duplicates,
    logout_urls_problem,
    openid_problems,
    plan_allows,
    plan_problem,
)


def test_duplicates_are_reported_once_at_their_first_position() -> None:
    found = list(
        duplicates(
            ["a", "b", "a", "c", "b", "a"], ("groups",), key="name", what="group", allowed="x"
        )
    )
    assert [(p.path, p.message, p.received, p.code) for p in found] == [
        (("groups", 0, "name"), "group 'a' is listed 3 times", "a", "duplicate"),
        (("groups", 1, "name"), "group 'b' is listed 2 times", "b", "duplicate"),
    ]
    (plain,) = duplicates(["u", "u"], ("logout_urls",), allowed="each URL once")
    assert (plain.path, plain.message) == (("logout_urls", 0), "'u' is listed 2 times")
    assert list(duplicates(["a", "b"], ("scopes",), allowed="x")) == []


@pytest.mark.parametrize(
    ("plan", "minimum", "allowed"),
    [
        ("lite", "essentials", False),
        ("essentials", "essentials", True),
        ("plus", "essentials", True),
        ("lite", "plus", False),
        ("essentials", "plus", False),
        ("plus", "plus", True),
    ],
)
def test_plan_allows(plan: str, minimum: str, allowed: bool) -> None:
    assert plan_allows(plan, minimum) is allowed  # type: ignore[arg-type]


def test_plan_problem_wording() -> None:
    one = plan_problem("a.b", "email MFA", "lite", received=True, allowed="x", hint="y")
    assert (one.path, one.code) == (("a", "b"), "plan_required")
    assert one.message == "email MFA needs the essentials or plus feature plan, not 'lite'"
    plus = plan_problem(
        "logs",
        "user activity logs",
        "essentials",
        minimum="plus",
        plural=True,
        received=None,
        allowed="x",
        hint="y",
    )
    assert plus.message == "user activity logs need the plus feature plan, not 'essentials'"
    instead = plan_problem(
        "m", "managed login", "lite", instead="with lite, X", received=None, allowed="x", hint="y"
    )
    assert (
        instead.message == "managed login needs the essentials or plus feature plan; with lite, X"
    )


def test_openid_and_logout_url_wording() -> None:
    (openid,) = openid_problems(["phone", "email"])
    assert openid.message == "Cognito grants email, phone only together with openid"
    assert (openid.path, openid.code) == (("scopes",), "scope_needs_openid")
    assert list(openid_problems(["openid", "email"])) == []
    logout = logout_urls_problem(["https://a.example.com/"], "the client does not use them")
    assert logout.message == "sign-out URLs without callback_urls: the client does not use them"
    assert logout.code == "logout_urls_without_callback_urls"
