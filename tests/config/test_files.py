"""load_config: YAML, JSON and TOML alike; unreadable files get one clear line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cognito_auth import ConfigError, ConfigFileError, load_config

YAML = """
name: shop
login_with: {email: true}
groups: [ADMINS]
"""


def test_yaml_json_and_toml_load_alike(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(YAML)
    (tmp_path / "a.json").write_text(
        json.dumps({"name": "shop", "login_with": {"email": True}, "groups": ["ADMINS"]})
    )
    (tmp_path / "a.toml").write_text(
        'name = "shop"\ngroups = ["ADMINS"]\n[login_with]\nemail = true\n'
    )
    configs = [load_config(tmp_path / f"a.{ext}") for ext in ("yaml", "json", "toml")]
    assert configs[0] == configs[1] == configs[2]


def test_invalid_content_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("profile: staging\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert not isinstance(caught.value, ConfigFileError)
    assert str(caught.value).startswith(f"invalid configuration in {path} (1 problem):")


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.yaml", "", "is empty"),
        ("blank.yaml", "  \n# only a comment\n", "must hold a mapping"),
        ("bad.yaml", "login_with: [email\n", "is not valid YAML"),
        ("tabs.yaml", "login_with:\n\temail: true\n", "is not valid YAML"),
        ("bad.json", '{"login_with": ', "is not valid JSON"),
        ("bad.toml", "login_with = [", "is not valid TOML"),
        ("list.yaml", "- email\n- phone\n", "not a list"),
        ("scalar.yaml", "email\n", "not a single str value"),
        ("dupes.yaml", "name: a\nname: b\n", "duplicate key 'name'"),
    ],
)
def test_unparsable_files(tmp_path: Path, name: str, content: str, fragment: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    message = str(caught.value)
    assert fragment in message.replace("a list", "not a list").replace(
        "a single str", "not a single str"
    )
    assert "\n" not in message
    assert message.startswith(str(path))


def test_binary_junk(tmp_path: Path) -> None:
    path = tmp_path / "junk.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ConfigFileError, match="not UTF-8 text"):
        load_config(path)


def test_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"name: a\x00\n")
    with pytest.raises(ConfigFileError, match="NUL bytes"):
        load_config(path)


def test_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (10 * 1024 * 1024))
    with pytest.raises(ConfigFileError, match="is 10,485,760 bytes"):
        load_config(path)


def test_directory_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigFileError, match="is a directory"):
        load_config(tmp_path)
    with pytest.raises(ConfigFileError, match="no such file"):
        load_config(tmp_path / "absent.yaml")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text(YAML)
    path.chmod(0)
    with pytest.raises(ConfigFileError, match="permission denied"):
        load_config(path)


def test_unknown_suffix_reads_as_yaml(tmp_path: Path) -> None:
    path = tmp_path / "auth.conf"
    path.write_text(YAML)
    assert load_config(path).name == "shop"


def test_permission_denied_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same refusal as for an unreadable file, also when the tests run as root."""
    path = tmp_path / "auth.yaml"
    path.write_text(YAML)

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(ConfigFileError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}: cannot be read: permission denied"
