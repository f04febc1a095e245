"""grant_admin's table: coarse actions to exact cognito-idp actions, and its errors."""

from __future__ import annotations

import pytest

from cognito_auth.config.admin import ADMIN_ACTIONS, USER_POOL_ACTIONS, admin_actions
from cognito_auth.errors import format_path


def test_coarse_actions_expand_sorted_and_unique() -> None:
    exact, problems = admin_actions(
        ["manage_passwords", "cognito-idp:AdminSetUserPassword", "cognito-idp:AdminGetUser"]
    )
    assert problems == []
    assert exact == (
        "cognito-idp:AdminGetUser",
        "cognito-idp:AdminResetUserPassword",
        "cognito-idp:AdminSetUserPassword",
    )


def test_every_coarse_action_is_an_exact_user_pool_action() -> None:
    assert set(ADMIN_ACTIONS) == {
        "manage_users",
        "manage_groups",
        "manage_group_membership",
        "manage_user_devices",
        "manage_passwords",
        "manage_provider_links",
    }
    for name, actions in ADMIN_ACTIONS.items():
        assert actions, name
        assert set(actions) <= USER_POOL_ACTIONS, name
        assert list(actions) == sorted(actions), name
        assert all("*" not in a for a in actions)


def test_each_coarse_action() -> None:
    for name, actions in ADMIN_ACTIONS.items():
        assert admin_actions([name]) == (tuple(sorted(actions)), [])


@pytest.mark.parametrize(
    ("action", "code", "hint"),
    [
        ("cognito-idp:*", "wildcard_action", None),
        ("cognito-idp:Admin*", "wildcard_action", None),
        ("s3:GetObject", "action_outside_user_pool", None),
        ("cognito-idp:AdminGetUsr", "unknown_action", "did you mean 'cognito-idp:AdminGetUser'?"),
        ("cognito-idp:ListUserPools", "unknown_action", None),
        ("manage_user", "unknown_action", "did you mean 'manage_users'?"),
        ("everything", "unknown_action", None),
    ],
)
def test_refused_actions(action: str, code: str, hint: str | None) -> None:
    _, problems = admin_actions(["manage_users", action])
    (problem,) = problems
    assert (format_path(problem.path), problem.code) == ("[1]", code)
    assert problem.received == action
    if hint is not None:
        assert problem.hint == hint


def test_no_actions_and_non_strings() -> None:
    _, problems = admin_actions([])
    assert [p.code for p in problems] == ["empty"]
    _, problems = admin_actions([3])  # type: ignore[list-item]
    assert [(p.path, p.code) for p in problems] == [((0,), "not_an_action")]
