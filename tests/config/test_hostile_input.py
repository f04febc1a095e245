"""Files written to hurt: YAML bombs, duplicate JSON keys, huge received values."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cognito_auth import ConfigError, ConfigFileError, load_config
from cognito_auth.cli import main
from cognito_auth.config.files import MAX_EXPANDED_VALUES
from cognito_auth.errors import format_value


def billion_laughs(levels: int) -> str:
    """The classic bomb: each level is a list of nine aliases of the level below."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for level in range(1, levels):
        below = names[level - 1]
        lines.append(f"{names[level]}: &{names[level]} [{','.join(['*' + below] * 9)}]")
    lines.append(f"login_with: *{names[levels - 1]}")
    return "\n".join(lines) + "\n"


def test_the_nine_level_bomb_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = billion_laughs(9)
    assert len(text.encode()) <= 466  # the size of the file in the issue (9**9 "lol"s)
    path = tmp_path / "auth.yaml"
    path.write_text(text)
    started = time.perf_counter()
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    assert main(["validate", str(path)]) == 2  # the exit status of an unreadable file
    assert time.perf_counter() - started < 2
    message = str(caught.value)
    assert message.startswith(f"{path}: is not accepted: its anchors and aliases expand")
    assert f"{MAX_EXPANDED_VALUES:,} values" in message
    assert "expand to more than" in capsys.readouterr().err


def test_aliases_that_stay_small_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text(
        "urls: &urls [https://app.example.com/]\n"
        "login_with:\n  email: true\n  external_providers:\n"
        "    domain_prefix: shop-auth\n    callback_urls: *urls\n    logout_urls: *urls\n"
    )
    with pytest.raises(ConfigError) as caught:  # the unknown key 'urls', nothing else
        load_config(path)
    assert [p.path for p in caught.value.problems] == [("urls",)]
    path.write_text(
        "login_with:\n  email: true\n  external_providers:\n"
        "    domain_prefix: shop-auth\n    callback_urls: &urls [https://app.example.com/]\n"
        "    logout_urls: *urls\n"
    )
    config = load_config(path)
    assert config.external_providers.logout_urls == ("https://app.example.com/",)


def test_a_self_containing_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("groups: &g [ADMINS, *g]\n")
    with pytest.raises(ConfigFileError, match="an alias refers to a node that contains it"):
        load_config(path)


def test_a_bomb_just_under_the_bound_loads(tmp_path: Path) -> None:
    """Five levels expand to 9**5 + ... values: over the bound; four levels are under it."""
    path = tmp_path / "auth.yaml"
    path.write_text(billion_laughs(4))
    with pytest.raises(ConfigError) as caught:  # loads; validation refuses the keys
        load_config(path)
    assert not isinstance(caught.value, ConfigFileError)
    path.write_text(billion_laughs(6))
    with pytest.raises(ConfigFileError):
        load_config(path)


@pytest.mark.parametrize(
    ("content", "key", "line"),
    [
        ('{\n  "profile": "production",\n  "profile": "development"\n}\n', "profile", 3),
        ('{"login_with": {"email": true,\n\n "email": false}}', "email", 3),
        ('{"a": {"x": 1}, "clients": [{"name": "web"}, {"name": "a",\n"name": "b"}]}', "name", 2),
    ],
)
def test_duplicate_json_keys_are_refused_with_key_and_line(
    tmp_path: Path, content: str, key: str, line: int
) -> None:
    path = tmp_path / "auth.json"
    path.write_text(content)
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    assert str(caught.value) == (f"{path}: is not valid JSON: duplicate key {key!r} (line {line})")


def test_the_same_key_in_different_objects_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "auth.json"
    path.write_text('{"login_with": {"email": true}, "clients": [{"name": "web"}, {"name": "b"}]}')
    assert [c.name for c in load_config(path).clients] == ["web", "b"]


def test_received_values_are_rendered_without_walking_them_whole() -> None:
    shared: list[object] = ["lol"] * 9
    for _ in range(30):  # 9**30 leaves if serialized whole
        shared = [shared] * 9
    started = time.perf_counter()
    text = format_value(shared)
    assert time.perf_counter() - started < 0.1
    assert len(text) == 80
    assert text.endswith("...")
    looped: list[object] = []
    looped.append(looped)
    assert format_value(looped).startswith("[[[[")
    assert format_value({"b": 1, "a": [None, True, "x"]}) == '{"a": [null, true, "x"], "b": 1}'
    assert format_value("x" * 500) == '"' + "x" * 76 + "..."
