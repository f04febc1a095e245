"""One way for tests to look at a configuration's problems: by path and stable code.

A problem's ``code`` (see :class:`cognito_auth.errors.Problem`) names its kind and
does not change when its message is reworded, so tests that check which rule refused
what assert codes and paths; only tests about the wording itself compare messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.errors import Problem, format_path


def all_problems(data: dict[str, Any]) -> list[Problem]:
    """Validate ``data``; every problem found, or none if it is valid."""
    try:
        AuthConfig.model_validate(data)
    except ConfigError as exc:
        return list(exc.problems)
    return []


def refusal(data: dict[str, Any]) -> ConfigError:
    """Validate ``data``, which must be refused; the error (for tests of its rendered text:
    the hints and lines a user reads). Every problem in it has a code."""
    with pytest.raises(ConfigError) as caught:
        AuthConfig.model_validate(data)
    found = caught.value.problems
    assert all(p.code for p in found), [(format_path(p.path), p.message) for p in found]
    return caught.value


def refused(data: dict[str, Any]) -> list[Problem]:
    """Validate ``data``, which must be refused; every problem found."""
    return list(refusal(data).problems)


def problems(data: dict[str, Any]) -> dict[str, str]:
    """Validate ``data`` (refused); ``{rendered path: message}`` of every problem."""
    return {format_path(p.path): p.message for p in refused(data)}


def messages_by_path(data: dict[str, Any]) -> dict[str, list[str]]:
    """Validate ``data`` (refused); every message at each rendered path."""
    found: dict[str, list[str]] = {}
    for p in refused(data):
        found.setdefault(format_path(p.path), []).append(p.message)
    return found


def codes(data: dict[str, Any]) -> dict[str, list[str]]:
    """Validate ``data`` (refused); the codes of the problems at each rendered path."""
    found: dict[str, list[str]] = {}
    for p in refused(data):
        found.setdefault(format_path(p.path), []).append(p.code)
    return found


def assert_problem(data: dict[str, Any], path: str, code: str) -> Problem:
    """``data`` is refused with a problem of ``code`` at ``path``; that problem."""
    found = refused(data)
    for p in found:
        if format_path(p.path) == path and p.code == code:
            return p
    listed = [(format_path(p.path), p.code, p.message) for p in found]
    raise AssertionError(f"no {code!r} problem at {path!r}; found {listed}")


def assert_only(data: dict[str, Any], path: str, code: str) -> Problem:
    """``data`` is refused with exactly one problem: ``code`` at ``path``."""
    found = refused(data)
    listed = [(format_path(p.path), p.code, p.message) for p in found]
    assert [(format_path(p.path), p.code) for p in found] == [(path, code)], listed
    return found[0]


def code_by_path(found: Iterable[Problem]) -> dict[str, str]:
    """``{rendered path: code}`` of problems raised elsewhere than by validation (a
    construct's :class:`ConfigError`); every problem has a code."""
    by_path = {format_path(p.path): p.code for p in found}
    assert all(by_path.values()), by_path
    return by_path
