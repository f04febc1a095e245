"""YAML 1.1's boolean words (off, on, yes, no) in enums: an unquoted `mode: off` means
off, in validation and in the JSON Schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cognito_auth import AuthConfig, ConfigError, load_config
from cognito_auth.config.schema import config_json_schema
from cognito_auth.config.yaml_words import FALSE_WORDS, TRUE_WORDS

WORDS = set(FALSE_WORDS + TRUE_WORDS)


def _enums(node: Any, parent: Any = None) -> Iterator[tuple[list[Any], Any]]:
    """Every enum of the schema, with the node that holds it (its anyOf parent, if any)."""
    if isinstance(node, dict):
        if "enum" in node:
            yield node["enum"], parent
        for value in node.values():
            yield from _enums(value, node)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value, parent)


def test_every_enum_with_a_yaml_boolean_word_accepts_the_boolean_in_the_schema() -> None:
    """Inventory: today only multifactor.mode has such a word; any enum added later with
    off/on/yes/no fails here until it takes YAML's boolean too (config/yaml_words.py)."""
    found = 0
    for values, parent in _enums(config_json_schema()):
        words = WORDS.intersection(v for v in values if isinstance(v, str))
        if not words:
            continue
        found += 1
        assert parent is not None
        assert "anyOf" in parent, values
        consts = {branch.get("const") for branch in parent["anyOf"]}
        if words & set(FALSE_WORDS):
            assert False in consts, values
        if words & set(TRUE_WORDS):
            assert True in consts, values
    assert found >= 1


def test_unquoted_off_in_a_file_means_off(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("login_with: {email: true}\nmultifactor: {mode: off}\n")
    assert yaml.safe_load(path.read_text())["multifactor"]["mode"] is False
    assert load_config(path).multifactor.mode == "off"
    assert AuthConfig.model_validate({"multifactor": {"mode": False}}).multifactor.mode == "off"


def test_the_schema_accepts_false_for_mode_and_nothing_else_boolean() -> None:
    validator = jsonschema.Draft202012Validator(config_json_schema())
    validator.validate({"login_with": {"email": True}, "multifactor": {"mode": False}})
    validator.validate({"login_with": {"email": True}, "multifactor": {"mode": "off"}})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"login_with": {"email": True}, "multifactor": {"mode": True}})


def test_unquoted_on_is_refused_with_the_quoting_hint() -> None:
    with pytest.raises(ConfigError) as info:
        AuthConfig.model_validate(yaml.safe_load("multifactor: {mode: on}"))
    (found,) = info.value.problems
    assert found.path == ("multifactor", "mode")
    assert found.received is True
    assert found.hint is not None
    assert "write the value in quotes" in found.hint


@pytest.mark.parametrize(
    "config",
    [
        # phone sign-in with MFA on but no SMS factor: "or set mode: off"
        "login_with: {phone: true}\nmultifactor: {mode: optional, totp: true}\n",
        # a factor turned on while mode is off names mode; the mode hint names off
        "login_with: {email: true}\nmultifactor: {mode: optional, totp: false}\n",
    ],
)
def test_hints_that_say_mode_off_work_when_followed_literally(config: str) -> None:
    with pytest.raises(ConfigError) as info:
        AuthConfig.model_validate(yaml.safe_load(config))
    text = info.value.render()
    assert "mode: off" in text
    fixed = yaml.safe_load(config)
    fixed["multifactor"] = yaml.safe_load("{mode: off}")
    assert AuthConfig.model_validate(fixed).multifactor.mode == "off"
