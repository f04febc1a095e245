"""Every option, turned on with its defaults, alone and in pairs: the configuration
validates and synthesizes, or every refusal names a key the test itself wrote.

The options are not a hand list: they are read from the models. Walking ``AuthConfig``
and its nested models (three levels deep), each field that can be turned on gives options:
a boolean its other value (both values when its default depends on other keys), an enum
each value other than its default, a bounded number its upper bound, an optional section
``true`` (when it takes ``true``) or ``{}``. A refusal names a key the test wrote when its
path is that key, lies under it (a setting the section needs), or contains it (a rule on
the section that holds it). A default that meets a rule (issue 17, item 1: phone sign-in
refused for want of SMS nobody wrote) fails here.

Free-form values (names, texts, URLs, lists of groups, clients, rules) have no "on"; the
hypothesis strategies (``test_properties.py``) cover them.

Cost: every option alone and every compatible pair are validated (a few thousand
configurations, validation only); the options alone and a fixed sample of the valid pairs
are synthesized in-process and checked by cfn-lint.
"""

from __future__ import annotations

import itertools
import random
import types
from collections.abc import Iterator
from typing import Any, Literal, Union, get_args, get_origin

import pytest
from annotated_types import Le
from pydantic import BaseModel, BeforeValidator

from cognito_auth import AuthConfig, ConfigError
from cognito_auth.config._base import on_off
from cognito_auth.errors import Problem
from support import synth

Path = tuple[str, ...]
Option = tuple[Path, Any]
DEPTH = 3
PAIRS_SYNTHESIZED = 30


def _members(annotation: Any) -> tuple[list[Any], bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = get_args(annotation)
        return [a for a in args if a is not type(None)], type(None) in args
    return [annotation], False


def model_options(model: type[BaseModel], prefix: Path = (), depth: int = 1) -> Iterator[Option]:
    for name, field in model.model_fields.items():
        path = (*prefix, name)
        members, optional = _members(field.annotation)
        if len(members) != 1:
            continue
        kind = members[0]
        values: list[Any] = []
        if kind is bool:
            default = field.default
            values = [not default] if isinstance(default, bool) else [True, False]
        elif get_origin(kind) is Literal:
            values = [v for v in get_args(kind) if v != field.default]
        elif kind is int:
            values = [m.le for m in field.metadata if isinstance(m, Le)]
        elif isinstance(kind, type) and issubclass(kind, BaseModel):
            switch = any(
                isinstance(m, BeforeValidator) and m.func is on_off for m in field.metadata
            )
            if optional:
                values = [True] if switch else [{}]
            yield from ((path, value) for value in values)
            if depth < DEPTH:
                yield from model_options(kind, path, depth + 1)
            continue
        yield from ((path, value) for value in values)


OPTIONS: list[Option] = list(model_options(AuthConfig))


def _config(options: tuple[Option, ...]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for path, value in options:
        target = config
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    return config


def _related(a: Path, b: Path) -> bool:
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def _compatible(a: Option, b: Option) -> bool:
    """Two options that can be written together: neither path holds the other."""
    return not _related(a[0], b[0])


def _id(options: tuple[Option, ...]) -> str:
    return " + ".join(f"{'.'.join(path)}={value!r}" for path, value in options)


def _names(problem: Problem, written: Path) -> bool:
    """Whether ``problem`` names the written key: that key, under it or above it; or a
    setting that a section the test wrote into needs (``webauthn.relying_party_id`` when
    the test wrote ``webauthn.user_verification``)."""
    path = tuple(str(part) for part in problem.path)
    if _related(path, written):
        return True
    parent = path[:-1]
    return bool(parent) and problem.message == "field required" and written[: len(parent)] == parent


def outcome(options: tuple[Option, ...]) -> AuthConfig | None:
    """The validated configuration, or ``None`` after checking that every refusal names a
    key the test wrote."""
    try:
        return AuthConfig.model_validate(_config(options))
    except ConfigError as error:
        written = [path for path, _ in options]
        strays = [
            problem for problem in error.problems if not any(_names(problem, w) for w in written)
        ]
        assert not strays, (
            f"{_id(options)}: refused at keys the configuration does not write:\n"
            + "\n".join(ConfigError(strays).lines())
        )
        return None


SINGLES = [(option,) for option in OPTIONS]
PAIRS = [pair for pair in itertools.combinations(OPTIONS, 2) if _compatible(*pair)]


def test_the_models_give_options_of_every_kind() -> None:
    paths = {".".join(path) for path, _ in OPTIONS}
    # a section, a nested switch, an enum, a boolean, a number: the walk reaches them all
    for expected in (
        "login_with.phone",
        "login_with.phone.otp_login",
        "multifactor.mode",
        "multifactor.sms",
        "account_recovery",
        "self_sign_up",
        "password_policy.password_history_size",
        "device_tracking",
        "senders.sms",
    ):
        assert expected in paths
    assert len(PAIRS) > 1000


@pytest.mark.parametrize("options", SINGLES, ids=_id)
def test_each_option_alone_validates_and_synthesizes(options: tuple[Option, ...]) -> None:
    config = outcome(options)
    if config is not None:
        synth(config)


def test_each_pair_of_options_validates_or_is_refused_at_a_written_key() -> None:
    valid = [pair for pair in PAIRS if outcome(pair) is not None]
    assert len(valid) > len(PAIRS) // 2  # most pairs make sense together


def _valid_pair_sample() -> list[tuple[Option, ...]]:
    valid: list[tuple[Option, ...]] = []
    for pair in PAIRS:
        try:
            AuthConfig.model_validate(_config(pair))
        except ConfigError:
            continue
        valid.append(pair)
    return random.Random(17).sample(valid, min(PAIRS_SYNTHESIZED, len(valid)))


@pytest.mark.parametrize("options", _valid_pair_sample(), ids=_id)
def test_a_sample_of_valid_pairs_synthesizes(options: tuple[Option, ...]) -> None:
    synth(_config(options))
