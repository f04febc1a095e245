"""The package as users install it: the wheel's dependencies and extras, and the
command line's answer when an extra is missing."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from cognito_auth.cli import main

ROOT = Path(__file__).parents[1]

# What synthesis needs, and nothing more: boto3 and jsonschema are extras.
CORE = {"aws-cdk-lib", "constructs", "pydantic", "pyyaml"}


@pytest.fixture(scope="module")
def wheel_metadata(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str]:
    """(file names, METADATA) of the wheel that `pip wheel` builds from the checkout.

    `--no-build-isolation` builds with the development environment's hatchling, offline
    and in a few seconds; users' `pip install /path/to/checkout` builds the same wheel."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("cognito_auth-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        return names, archive.read(metadata_name).decode()


def _name(requirement: str) -> str:
    for stop in "<>=!~[; ":
        requirement = requirement.split(stop, 1)[0]
    return requirement.lower()


@pytest.mark.slow
def test_wheel_depends_on_the_synthesis_set_only(wheel_metadata: tuple[list[str], str]) -> None:
    _, text = wheel_metadata
    metadata = Parser().parsestr(text)
    requires = metadata.get_all("Requires-Dist") or []
    unconditional = {_name(r) for r in requires if ";" not in r}
    assert unconditional == CORE
    extras = set(metadata.get_all("Provides-Extra") or [])
    assert {"aws", "outputs", "all", "dev"} <= extras
    by_extra: dict[str, set[str]] = {}
    for requirement in requires:
        if "extra ==" in requirement:
            extra = requirement.rsplit("extra ==", 1)[1].strip().strip("'\"")
            by_extra.setdefault(extra, set()).add(_name(requirement))
    assert by_extra["aws"] == {"boto3"}
    assert by_extra["outputs"] == {"jsonschema"}
    assert by_extra["all"] == {"boto3", "jsonschema"}
    assert {"boto3", "jsonschema", "hatchling"} <= by_extra["dev"]


@pytest.mark.slow
def test_wheel_ships_the_package_and_its_command(wheel_metadata: tuple[list[str], str]) -> None:
    names, _ = wheel_metadata
    assert "cognito_auth/__init__.py" in names
    assert "cognito_auth/py.typed" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/", "bench/"))]
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert entry_points


@pytest.mark.parametrize(
    ("argv", "blocked", "extras"),
    [
        (["check-deployed", "--config", "auth.yaml", "--user-pool-id", "p"], "boto3", "aws"),
        (["outputs", "--stack", "CognitoAuth"], "boto3", "aws,outputs"),
        (["outputs", "--from", "cdk-outputs.json"], "jsonschema", "outputs"),
    ],
)
def test_a_command_without_its_extra_names_the_extra(
    argv: list[str],
    blocked: str,
    extras: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A None entry in sys.modules makes `import boto3` raise ImportError, as in an
    # installation without the extra.
    monkeypatch.setitem(sys.modules, blocked, None)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{blocked} is not installed" in err
    assert f"pip install 'cognito-auth[{extras}]'" in err
    assert "Traceback" not in err


def test_commands_that_need_no_extra_run_without_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "boto3", None)
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    path = tmp_path / "auth.yaml"
    path.write_text("login_with: {email: true}\n")
    assert main(["validate", str(path)]) == 0
    assert main(["schema"]) == 0
    capsys.readouterr()
