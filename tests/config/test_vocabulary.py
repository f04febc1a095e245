"""Principals are read in one place (``Principal.parse``); auth flows are named in one table."""

from __future__ import annotations

import pytest

from cognito_auth.config.principals import Principal


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("authenticated", Principal("authenticated")),
        ("guest", Principal("guest")),
        ("group:ADMINS", Principal("group", "ADMINS")),
        ("group:", Principal("group", "")),
        ("ADMINS", None),
        ("Authenticated", None),
        ("", None),
        (None, None),
        (3, None),
    ],
)
def test_parse(text: object, parsed: Principal | None) -> None:
    assert Principal.parse(text) == parsed
    if parsed is not None:
        assert str(parsed) == text


def test_of_group() -> None:
    assert str(Principal.of_group("EDITORS")) == "group:EDITORS"


def test_auth_flow_vocabulary_is_one_table() -> None:
    from typing import get_args

    from cognito_auth.config.auth_flows import (
        AUTH_FLOWS,
        CDK_FLOWS,
        EXPLICIT_FLOWS,
        FROM_EXPLICIT,
        AuthFlowName,
    )

    assert get_args(AuthFlowName) == AUTH_FLOWS
    assert set(EXPLICIT_FLOWS) == set(CDK_FLOWS) == set(AUTH_FLOWS)
    for name, explicit in EXPLICIT_FLOWS.items():
        assert FROM_EXPLICIT[explicit] == name
    assert FROM_EXPLICIT["ADMIN_NO_SRP_AUTH"] == "admin_user_password"
