"""Validation and planning never load aws_cdk, jsii or boto3: they stay instant."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("aws_cdk", "jsii", "boto3", "botocore")


def heavy_modules_after(statement: str) -> str:
    code = (
        f"import sys\n{statement}\n"
        f"heavy = sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    marker = [line for line in done.stdout.splitlines() if line.startswith("HEAVY=")]
    assert marker, done.stdout[-500:] + done.stderr[-2000:]
    return marker[-1].removeprefix("HEAVY=")


@pytest.mark.parametrize(
    "statement",
    [
        "import cognito_auth",
        "import cognito_auth.config",
        "from cognito_auth import AuthConfig, load_config, ConfigError",
        "from cognito_auth.cli import main; main(['schema'])",
        "from cognito_auth.cli import main; main(['validate', 'examples/configs/shop.yaml'])",
        "import cognito_auth.guard.check, cognito_auth.guard.deployed, cognito_auth.guard.diff",
        "import cognito_auth.outputs.assemble, cognito_auth.docs",
        "from cognito_auth.cli import main; "
        "main(['plan', '--config', 'examples/configs/shop.yaml', '--lock', '/nonexistent.json'])",
    ],
)
def test_light_paths_do_not_load_heavy_modules(statement: str) -> None:
    assert heavy_modules_after(statement) == ""


def test_the_check_sees_heavy_modules() -> None:
    """The check itself can fail: importing the constructs loads aws_cdk."""
    assert "aws_cdk" in heavy_modules_after("from cognito_auth import AuthBackend")
