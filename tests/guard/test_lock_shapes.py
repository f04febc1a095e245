"""A lock entry is read with the shape its declaration gives its path: a list of names, a
presence flag, or a single value; a keyed segment (``<name>``) stands for any key, written
``.word`` or quoted (``["a.b"]``)."""

from __future__ import annotations

from typing import Any

import pytest

from cognito_auth.config._base import Change
from cognito_auth.guard.declaration import declared
from cognito_auth.guard.lock import _shape_problem

NAMES = "expected a list of names"
BOOL = "expected true or false"
SINGLE = "expected a single value"


def _expected(item: Any) -> str:
    marker = item.marker
    if marker.keyed_by is not None or marker.change is Change.APPEND_ONLY:
        return NAMES
    return BOOL if marker.presence else SINGLE


def _written(path: str, key: str) -> str:
    out = ""
    for part in path.split("."):
        segment = key if part.startswith("<") else f".{part}"
        out += segment if out or segment.startswith("[") else part
    return out


CASES = [
    (_written(item.path, key), _expected(item))
    for item in declared()
    for key in (".tenant_id", '["https://api.example.com/v1.2"]', ".custom:x-1")
    if "<" in item.path or key == ".tenant_id"
]


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[path for path, _ in CASES])
def test_each_declared_path_is_read_with_its_shape(path: str, expected: str) -> None:
    wrong = {NAMES: "one", BOOL: "yes", SINGLE: ["a", "b"]}[expected]
    assert _shape_problem(path, wrong) == expected
    right = {NAMES: ["a"], BOOL: True, SINGLE: 3}[expected]
    assert _shape_problem(path, right) is None


def test_the_declaration_has_every_shape_and_keyed_paths() -> None:
    shapes = {expected for _, expected in CASES}
    assert shapes == {NAMES, BOOL, SINGLE}
    assert any("<" in item.path for item in declared())


@pytest.mark.parametrize(
    "path",
    [
        "login_with.email.extra",  # longer than any declared path
        "login_withX.email",  # another first word
        "login_with..email",  # an empty segment
        'user_attributes.custom["unterminated.mutable',  # a broken quoted key
        "<name>.mutable",  # a placeholder is never the first word
        "",
    ],
)
def test_an_undeclared_path_is_read_as_a_single_value(path: str) -> None:
    assert _shape_problem(path, ["a"]) == SINGLE
    assert _shape_problem(path, "x") is None
