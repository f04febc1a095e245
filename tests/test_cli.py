"""The command line: validate and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from cognito_auth.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples" / "configs"

SEVERAL_MISTAKES = """\
profile: staging
login_with:
  emial: true
password_policy: {min_length: 3}
groups: [ADMINS, ADMINS]
user_attributes:
  custom:
    tenant: {required: true}
"""


def run(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "cognito_auth.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout, done.stderr


def test_validate_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("login_with: {email: true}\n")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid (sign-in: email; profile: production)\n"


def test_validate_lists_every_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text(SEVERAL_MISTAKES)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    for field in (
        "profile:",
        "login_with.emial:",
        "password_policy.min_length:",
        "user_attributes.custom.tenant.required:",
    ):
        assert f"\n  {field}" in err, field
    assert "Traceback" not in err


def test_validate_cross_field_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text("groups: [ADMINS, ADMINS]\nguest_access: true\nidentity_pool: false\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "groups[0].name: group 'ADMINS' is listed 2 times" in err
    assert "guest_access: guest access needs an identity pool" in err


@pytest.mark.parametrize("content", [b"", b"- a\n", b"\x00\x01\x02\xff"])
def test_validate_unusable_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "auth.yaml"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: ")
    assert err.count("\n") == 1


def test_validate_missing_file_and_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "absent.yaml")]) == 2
    assert main(["validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {tmp_path / 'absent.yaml'}: no such file",
        f"error: {tmp_path}: is a directory, not a configuration file",
    ]


def test_validate_defaults_to_auth_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate"]) == 2
    (tmp_path / "auth.json").write_text('{"login_with": {"username": true}}')
    assert main(["validate"]) == 0
    assert "auth.json: valid (sign-in: username" in capsys.readouterr().out


def test_schema_is_valid_json_schema_and_accepts_the_examples(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in EXAMPLES.glob("*.yaml"):
        validator.validate(yaml.safe_load(path.read_text()))
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"profile": "staging"})


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "auth.yaml"
    path.write_text(SEVERAL_MISTAKES)
    code, out, err = run("validate", str(path))
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(f"invalid configuration in {path} (")
