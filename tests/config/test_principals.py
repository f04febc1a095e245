"""Principals are read in one place: ``Principal.parse``."""

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
